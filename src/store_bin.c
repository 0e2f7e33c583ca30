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
 * Its records and lists go to the set's arena, so that reading allocates
 * a few blocks and freeing walks no record (records.h).
 */
#include "mssdoc/mssdoc.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char MAGIC[8] = {'M', 'S', 'S', 'D', 'O', 'C', 'B', '2'};

/* One walk over the form serves both ways: writing, each value is appended
 * to out; reading (out NULL), it is taken from [p, end) into the record set
 * rs, every read bounds-checked: a short or corrupt form sets bad and
 * yields zeros and NULLs from then on. */
typedef struct {
  buf *out;
  const unsigned char *p, *end;
  int bad;
  mssdoc_records *rs;
} S_io;

/* ---- the values: LEB128 varints, zigzag for signed ---- */

static void S_put_uint(buf *b, uint64_t v) {
  do {
    unsigned char c = v & 0x7F;
    v >>= 7;
    buf_putc(b, (char)(c | (v ? 0x80 : 0)));
  } while (v);
}

static uint64_t S_get_long_uint(S_io *io) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64 && io->p < io->end; shift += 7) {
    unsigned char c = *io->p++;
    v |= (uint64_t)(c & 0x7F) << shift;
    if (!(c & 0x80))
      return v;
  }
  io->bad = 1;
  return 0;
}

/* Most values take one byte: that case is inline. */
static inline uint64_t S_get_uint(S_io *io) {
  return io->p < io->end && *io->p < 0x80 ? *io->p++ : S_get_long_uint(io);
}

static void S_int(S_io *io, int *v) {
  if (io->out) {
    long x = *v;
    S_put_uint(io->out,
               x < 0 ? ((uint64_t)(-(x + 1)) << 1) | 1 : (uint64_t)x << 1);
    return;
  }
  uint64_t u = S_get_uint(io);
  int64_t x = (u & 1) ? -(int64_t)(u >> 1) - 1 : (int64_t)(u >> 1);
  if (x < INT_MIN || x > INT_MAX)
    io->bad = 1;
  *v = io->bad ? 0 : (int)x;
}

static void S_bool(S_io *io, bool *v) {
  int x = *v;
  S_int(io, &x);
  *v = x != 0;
}

/* A count of list items or records; read, it cannot exceed the bytes left
 * (each takes one at least). */
static size_t S_count(S_io *io, size_t n) {
  if (io->out) {
    S_put_uint(io->out, n);
    return n;
  }
  uint64_t m = S_get_uint(io);
  if (m > (uint64_t)(io->end - io->p))
    io->bad = 1;
  return io->bad ? 0 : (size_t)m;
}

/* A string: varint (length + 1), the bytes and a NUL; 0 for NULL.  Read,
 * it points into the data (records.h: borrowed strings are never
 * written); a NULL where the field is not nullable is bad data. */
static void S_str(S_io *io, char **s, unsigned nullable) {
  if (io->out) {
    size_t n = *s ? strlen(*s) + 1 : 0;
    S_put_uint(io->out, n);
    if (n)
      buf_put(io->out, *s, n);
    return;
  }
  uint64_t n = S_get_uint(io); /* n - 1 wraps round for a NULL */
  if (n - 1 < (uint64_t)(io->end - io->p) && io->p[n - 1] == '\0') {
    *s = (char *)io->p;
    io->p += n;
    return;
  }
  *s = NULL;
  if (n || !nullable)
    io->bad = 1;
}

/* Reading, a list's count, which becomes its count and cap, and room for
 * that many items of size bytes in rs's arena. */
static void *S_room(S_io *io, size_t *count, size_t *cap, size_t size) {
  size_t n = *count = *cap = S_count(io, 0);
  return n ? mssdoc_records_alloc(io->rs, n * size) : NULL;
}
/* List l's count; reading, the list gets its room first. */
#define S_LIST(io, l)                                                          \
  ((io)->out                                                                   \
       ? S_count(io, (l)->count)                                               \
       : ((l)->items = S_room(io, &(l)->count, &(l)->cap, sizeof *(l)->items), \
          (l)->count))

/* Every item of list l, each through item(io, &the item). */
#define S_ITEMS(io, l, item)                                                   \
  for (size_t i_ = 0, n_ = S_LIST(io, l); i_ < n_ && !(io)->bad; i_++)         \
  item(io, &(l)->items[i_])

/* A string list's item: never NULL. */
static void S_text(S_io *io, char **s) { S_str(io, s, 0); }

/* ---- the walk over the description ---- */

/* The n fields of record rec, in the form's order (see the layout). */
static void S_record(S_io *io, void *rec, const mssdoc_field *const *order,
                     size_t n) {
  for (size_t i = 0; i < n; i++) {
    const mssdoc_field *f = order[i];
    void *m = mssdoc_field_ptr(f, rec);
    if (f->flags & MSSDOC_OPTIONAL)
      continue; /* after the groups: S_optional */
    switch (f->type) {
    case MSSDOC_INT:
      S_int(io, m);
      break;
    case MSSDOC_BOOL:
      S_bool(io, m);
      break;
    case MSSDOC_INTS:
      S_ITEMS(io, (mssdoc_ints *)m, S_int);
      break;
    case MSSDOC_STRS:
    case MSSDOC_PAIRS:
      S_ITEMS(io, (mssdoc_strs *)m, S_text);
      break;
    default:
      S_str(io, m, f->flags & MSSDOC_NULLABLE);
    }
  }
}

/* Every group of rs in the description's order: its count (but the
 * article's) and its records.  Writing, rs is only read. */
static void S_records(S_io *io, mssdoc_records *rs) {
  size_t ntypes;
  const mssdoc_rtype *types = mssdoc_rtypes(&ntypes);
  for (const mssdoc_rtype *t = types; t < types + ntypes && !io->bad; t++) {
    const mssdoc_field *order[MSSDOC_MAX_FIELDS];
    size_t nf = mssdoc_fields_ordered(t, MSSDOC_BIN_LAST, order);
    const void *items;
    size_t n = mssdoc_records_group(rs, t, &items);
    if (!t->single) {
      n = S_count(io, n);
      if (!io->out)
        items = mssdoc_records_place(rs, t, n);
    }
    for (size_t i = 0; i < n && !io->bad; i++)
      S_record(io, (void *)mssdoc_record_at(t, items, i), order, nf);
  }
}

/* Every MSSDOC_OPTIONAL field of every record of rs, in the order of the
 * groups and their tables, through S_str (with io NULL, only counted).
 * Returns how many of them are set. */
static size_t S_optional(S_io *io, mssdoc_records *rs) {
  size_t ntypes, set = 0;
  const mssdoc_rtype *types = mssdoc_rtypes(&ntypes);
  for (const mssdoc_rtype *t = types; t < types + ntypes; t++) {
    const void *items;
    size_t n = mssdoc_records_group(rs, t, &items);
    for (size_t k = 0; k < t->nfields; k++) {
      const mssdoc_field *f = &t->fields[k];
      if (!(f->flags & MSSDOC_OPTIONAL))
        continue;
      for (size_t i = 0; i < n && !(io && io->bad); i++) {
        char **m = mssdoc_field_ptr(f, (void *)mssdoc_record_at(t, items, i));
        if (io)
          S_str(io, m, 1);
        set += *m != NULL;
      }
    }
  }
  return set;
}

/* The optional fields' tail: a byte 1 and the fields, or nothing when no
 * record sets one. */
static void S_optional_tail(S_io *io, mssdoc_records *rs) {
  if (io->out ? !S_optional(NULL, rs) : io->bad || io->p == io->end)
    return;
  if (S_count(io, 1) != 1)
    io->bad = 1;
  else
    S_optional(io, rs);
}

char *mssdoc_bin_write(const mssdoc_records *rs, size_t *len) {
  buf b = {0};
  buf_put(&b, MAGIC, sizeof MAGIC);
  S_io io = {&b, NULL, NULL, 0, NULL};
  S_records(&io, (mssdoc_records *)rs);
  S_optional_tail(&io, (mssdoc_records *)rs);
  *len = b.len;
  return buf_take(&b);
}

/* Reads the binary form at data into a new set rs, read-only (see
 * records.h), whose strings point into data. */
static mssdoc_records *S_read(mssdoc_records *rs, const char *data,
                              size_t len, char **err) {
  S_io io = {NULL, (const unsigned char *)data + sizeof MAGIC,
             (const unsigned char *)data + len, 0, rs};
  S_records(&io, rs);
  S_optional_tail(&io, rs);
  if (io.bad || io.p != io.end) {
    mssdoc_records_free(rs);
    *err = xstrdup("the binary record set is truncated or corrupt");
    return NULL;
  }
  return rs;
}

mssdoc_records *mssdoc_bin_read(const char *data, size_t len, char **err) {
  if (len < sizeof MAGIC || memcmp(data, MAGIC, sizeof MAGIC) != 0) {
    *err = xstrdup("not a binary mssdoc record set");
    return NULL;
  }
  mssdoc_records *rs = mssdoc_records_new();
  mssdoc_records_alloc(rs, 0); /* read-only from here on: see records.h */
  return S_read(rs, data, len, err);
}

mssdoc_records *mssdoc_bin_read_copy(const char *data, size_t len,
                                     char **err) {
  if (len < sizeof MAGIC || memcmp(data, MAGIC, sizeof MAGIC) != 0) {
    *err = xstrdup("not a binary mssdoc record set");
    return NULL;
  }
  mssdoc_records *rs = mssdoc_records_new();
  char *copy = mssdoc_records_alloc(rs, len);
  memcpy(copy, data, len);
  return S_read(rs, copy, len, err);
}
