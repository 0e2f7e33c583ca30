/*
 * store_bin.c: the record set <-> a compact binary form, used for the
 * record set built into the binary so that a query starts without parsing
 * XML (the XML record set stays the canonical, validated format; the build
 * makes this form from it).
 *
 * Layout: the magic "MSSDOCB2", then the article's fields and, for each
 * group of the description (records.h) in its order, a varint count and
 * every field of every record in the table's order (MSSDOC_BIN_LAST
 * fields after the others); integers as LEB128 varints (zigzag for signed),
 * booleans as 0 or 1, lists as a varint count and their items,
 * strings as varint (length + 1) then the bytes and a NUL, 0 for NULL.
 * MSSDOC_OPTIONAL fields (strings) are not among a record's fields: when
 * any of them is set anywhere, they follow the last group, every record's
 * in the same order, behind a byte 1; a set without them ends there.
 * The NUL lets the record set read back point into the data instead of
 * copying it: a query then touches no heap page for the article's text.
 */
#include "mssdoc/mssdoc.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char MAGIC[8] = {'M', 'S', 'S', 'D', 'O', 'C', 'B', '2'};

/* ---- writing ---- */

static void S_uint(buf *b, uint64_t v) {
  do {
    unsigned char c = v & 0x7F;
    v >>= 7;
    buf_putc(b, (char)(c | (v ? 0x80 : 0)));
  } while (v);
}

static void S_int(buf *b, long v) {
  S_uint(b, v < 0 ? ((uint64_t)(-(v + 1)) << 1) | 1 : (uint64_t)v << 1);
}

static void S_str(buf *b, const char *s) {
  if (!s) {
    S_uint(b, 0);
    return;
  }
  size_t n = strlen(s);
  S_uint(b, (uint64_t)n + 1);
  buf_put(b, s, n + 1);
}

static void S_ints(buf *b, const mssdoc_ints *l) {
  S_uint(b, l->count);
  for (size_t i = 0; i < l->count; i++)
    S_int(b, l->items[i]);
}

static void S_strs(buf *b, const mssdoc_strs *l) {
  S_uint(b, l->count);
  for (size_t i = 0; i < l->count; i++)
    S_str(b, l->items[i]);
}

/* Writes the fields of record rec of type t: first those the binary form
 * has in the table's order, then the MSSDOC_BIN_LAST ones. */
static void S_record(buf *b, const mssdoc_rtype *t, const void *rec) {
  const mssdoc_field *order[MSSDOC_MAX_FIELDS];
  size_t n = mssdoc_fields_ordered(t, MSSDOC_BIN_LAST, order);
  for (size_t i = 0; i < n; i++) {
    const mssdoc_field *f = order[i];
    const void *m = mssdoc_field_ptr(f, rec);
    if (f->flags & MSSDOC_OPTIONAL)
      continue;
    switch (f->type) {
    case MSSDOC_INT:
      S_int(b, *(const int *)m);
      break;
    case MSSDOC_BOOL:
      S_int(b, *(const bool *)m);
      break;
    case MSSDOC_INTS:
      S_ints(b, m);
      break;
    case MSSDOC_STRS:
      S_strs(b, m);
      break;
    default:
      S_str(b, *(char *const *)m);
    }
  }
}

/* Calls each(b, f, rec) for every MSSDOC_OPTIONAL field f of every record
 * rec of rs, in the order of the groups and their tables; returns how many
 * of them are set. */
static size_t S_optional(const mssdoc_records *rs,
                         void (*each)(void *b, const mssdoc_field *f,
                                      void *rec),
                         void *b) {
  size_t ntypes, set = 0;
  const mssdoc_rtype *types = mssdoc_rtypes(&ntypes);
  for (size_t g = 0; g < ntypes; g++) {
    const void *items;
    size_t n = mssdoc_records_group(rs, &types[g], &items);
    for (size_t k = 0; k < types[g].nfields; k++) {
      const mssdoc_field *f = &types[g].fields[k];
      if (!(f->flags & MSSDOC_OPTIONAL))
        continue;
      for (size_t i = 0; i < n; i++) {
        void *rec = (void *)mssdoc_record_at(&types[g], items, i);
        set += *(char **)mssdoc_field_ptr(f, rec) != NULL;
        if (each)
          each(b, f, rec);
      }
    }
  }
  return set;
}

static void S_write_optional(void *b, const mssdoc_field *f, void *rec) {
  S_str(b, *(char *const *)mssdoc_field_ptr(f, rec));
}

char *mssdoc_bin_write(const mssdoc_records *rs, size_t *len) {
  buf b = {0};
  buf_put(&b, MAGIC, sizeof MAGIC);
  size_t ntypes;
  const mssdoc_rtype *types = mssdoc_rtypes(&ntypes);
  for (size_t g = 0; g < ntypes; g++) {
    const void *items;
    size_t n = mssdoc_records_group(rs, &types[g], &items);
    if (!types[g].single)
      S_uint(&b, n);
    for (size_t i = 0; i < n; i++)
      S_record(&b, &types[g], mssdoc_record_at(&types[g], items, i));
  }
  if (S_optional(rs, NULL, NULL)) {
    S_uint(&b, 1);
    S_optional(rs, S_write_optional, &b);
  }
  *len = b.len;
  return buf_take(&b);
}

/* ---- reading: every read is bounds-checked; a short or corrupt buffer
 * sets bad and yields zeros and NULLs from then on ---- */

typedef struct {
  const unsigned char *p, *end;
  int bad;
} S_in;

static uint64_t S_read_uint(S_in *in) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in->p >= in->end) {
      in->bad = 1;
      return 0;
    }
    unsigned char c = *in->p++;
    v |= (uint64_t)(c & 0x7F) << shift;
    if (!(c & 0x80))
      return v;
  }
  in->bad = 1;
  return 0;
}

static int S_read_int(S_in *in) {
  uint64_t u = S_read_uint(in);
  int64_t v = (u & 1) ? -(int64_t)(u >> 1) - 1 : (int64_t)(u >> 1);
  if (v < INT_MIN || v > INT_MAX) {
    in->bad = 1;
    return 0;
  }
  return (int)v;
}

/* Returns the string at in (borrowed from the data: see the layout), or
 * NULL for a NULL or for bad data. */
static char *S_read_str(S_in *in) {
  uint64_t n = S_read_uint(in);
  if (n == 0 || in->bad)
    return NULL;
  if (n > (uint64_t)(in->end - in->p) || in->p[n - 1] != '\0') {
    in->bad = 1;
    return NULL;
  }
  char *s = (char *)in->p; /* records.h: borrowed strings are never written */
  in->p += n;
  return s;
}

/* A string field that records.h says is never NULL: NULL is bad data. */
static char *S_read_text(S_in *in) {
  char *s = S_read_str(in);
  if (!s)
    in->bad = 1;
  return s;
}

/* A count of records that cannot exceed the bytes left (each takes one). */
static size_t S_read_count(S_in *in) {
  uint64_t n = S_read_uint(in);
  if (n > (uint64_t)(in->end - in->p)) {
    in->bad = 1;
    return 0;
  }
  return (size_t)n;
}

static void S_read_ints(S_in *in, mssdoc_ints *l) {
  size_t n = S_read_count(in);
  for (size_t i = 0; i < n && !in->bad; i++)
    ints_push(l, S_read_int(in));
}

static void S_read_strs(S_in *in, mssdoc_strs *l) {
  size_t n = S_read_count(in);
  for (size_t i = 0; i < n && !in->bad; i++)
    *LIST_PUSH(*l) = S_read_text(in);
}

/* Reads the n fields of record rec in their order (S_record's). */
static void S_read_record(S_in *in, void *rec, const mssdoc_field *const *order,
                          size_t n) {
  for (size_t i = 0; i < n; i++) {
    const mssdoc_field *f = order[i];
    void *m = mssdoc_field_ptr(f, rec);
    if (f->flags & MSSDOC_OPTIONAL)
      continue;
    switch (f->type) {
    case MSSDOC_INT:
      *(int *)m = S_read_int(in);
      break;
    case MSSDOC_BOOL:
      *(bool *)m = S_read_int(in) != 0;
      break;
    case MSSDOC_INTS:
      S_read_ints(in, m);
      break;
    case MSSDOC_STRS:
      S_read_strs(in, m);
      break;
    default:
      *(char **)m =
          f->flags & MSSDOC_NULLABLE ? S_read_str(in) : S_read_text(in);
    }
  }
}

static void S_read_optional(void *in, const mssdoc_field *f, void *rec) {
  *(char **)mssdoc_field_ptr(f, rec) = S_read_str(in);
}

mssdoc_records *mssdoc_bin_read(const char *data, size_t len, char **err) {
  S_in in = {(const unsigned char *)data, (const unsigned char *)data + len, 0};
  if (len < sizeof MAGIC || memcmp(data, MAGIC, sizeof MAGIC) != 0) {
    *err = xstrdup("not a binary mssdoc record set");
    return NULL;
  }
  in.p += sizeof MAGIC;
  mssdoc_records *rs = mssdoc_records_new();
  rs->borrowed = data;
  rs->borrowed_len = len;
  size_t ntypes;
  const mssdoc_rtype *types = mssdoc_rtypes(&ntypes);
  for (size_t g = 0; g < ntypes && !in.bad; g++) {
    const mssdoc_field *order[MSSDOC_MAX_FIELDS];
    size_t nf = mssdoc_fields_ordered(&types[g], MSSDOC_BIN_LAST, order);
    const mssdoc_rtype *t = &types[g];
    size_t n = t->single ? 1 : S_read_count(&in);
    char *recs = t->single ? mssdoc_records_push(rs, t)
                 : n       ? mssdoc_records_push_n(rs, t, n)
                           : NULL;
    for (size_t i = 0; i < n && !in.bad; i++)
      S_read_record(&in, recs + i * t->size, order, nf);
  }
  if (!in.bad && in.p < in.end) {
    if (S_read_uint(&in) != 1)
      in.bad = 1;
    else
      S_optional(rs, S_read_optional, &in);
  }
  if (in.bad || in.p != in.end) {
    mssdoc_records_free(rs);
    *err = xstrdup("the binary record set is truncated or corrupt");
    return NULL;
  }
  return rs;
}
