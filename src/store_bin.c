/*
 * store_bin.c: the record set <-> a compact binary form, used for the
 * record set built into the binary so that a query starts without parsing
 * XML (the XML record set stays the canonical, validated format; the build
 * makes this form from it).
 *
 * Layout: the magic "MSSDOCB2", then every field of every record in the
 * order of records.h: integers as LEB128 varints (zigzag for signed),
 * strings as varint (length + 1) then the bytes and a NUL, 0 for NULL.
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

static void S_event(buf *b, const mssdoc_event *e) {
  S_str(b, e->date);
  S_str(b, e->qualifier);
  S_str(b, e->text);
  S_str(b, e->source);
  S_str(b, e->section);
  S_int(b, e->line);
  S_ints(b, &e->refs);
}

char *mssdoc_bin_write(const mssdoc_records *rs, size_t *len) {
  buf b = {0};
  buf_put(&b, MAGIC, sizeof MAGIC);
  S_str(&b, rs->article.title);
  S_str(&b, rs->article.source);
  S_str(&b, rs->article.sha256);
  S_int(&b, rs->article.lines);
  S_uint(&b, rs->infobox.count);
  for (size_t i = 0; i < rs->infobox.count; i++) {
    const mssdoc_infobox_item *it = &rs->infobox.items[i];
    S_str(&b, it->label);
    S_str(&b, it->value);
    S_int(&b, it->line);
    S_ints(&b, &it->refs);
  }
  S_uint(&b, rs->sections.count);
  for (size_t i = 0; i < rs->sections.count; i++) {
    const mssdoc_section *s = &rs->sections.items[i];
    S_str(&b, s->id);
    S_str(&b, s->title);
    S_int(&b, s->inferred);
    S_str(&b, s->parent);
    S_int(&b, s->line);
    S_int(&b, s->level);
  }
  S_uint(&b, rs->paragraphs.count);
  for (size_t i = 0; i < rs->paragraphs.count; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[i];
    S_str(&b, p->id);
    S_str(&b, p->section);
    S_int(&b, p->line);
    S_str(&b, p->kind);
    S_str(&b, p->text);
    S_ints(&b, &p->refs);
    S_ints(&b, &p->ref_offsets);
    S_strs(&b, &p->tags);
  }
  S_uint(&b, rs->bureaus.count);
  for (size_t i = 0; i < rs->bureaus.count; i++) {
    const mssdoc_bureau *u = &rs->bureaus.items[i];
    S_int(&b, u->number);
    S_str(&b, u->division);
    S_str(&b, u->directive);
    S_ints(&b, &u->refs);
    S_int(&b, u->line);
  }
  S_uint(&b, rs->heads.count);
  for (size_t i = 0; i < rs->heads.count; i++) {
    const mssdoc_head *h = &rs->heads.items[i];
    S_str(&b, h->office);
    S_str(&b, h->period);
    S_int(&b, h->number);
    S_str(&b, h->name);
    S_str(&b, h->took_office);
    S_str(&b, h->left_office);
    S_int(&b, h->incumbent);
    S_int(&b, h->line);
  }
  S_uint(&b, rs->incidents.count);
  for (size_t i = 0; i < rs->incidents.count; i++)
    S_event(&b, &rs->incidents.items[i]);
  S_uint(&b, rs->timeline.count);
  for (size_t i = 0; i < rs->timeline.count; i++)
    S_event(&b, &rs->timeline.items[i]);
  S_uint(&b, rs->references.count);
  for (size_t i = 0; i < rs->references.count; i++) {
    const mssdoc_reference *r = &rs->references.items[i];
    S_int(&b, r->number);
    S_int(&b, r->backlinks);
    S_str(&b, r->text);
    S_strs(&b, &r->authors);
    const char *fields[] = {r->date, r->title,  r->work, r->publisher,
                            r->pages, r->isbn,  r->issn, r->oclc,
                            r->doi,  r->archived, r->retrieved};
    for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
      S_str(&b, fields[k]);
    S_int(&b, r->dead_link);
    S_int(&b, r->line);
  }
  S_uint(&b, rs->citations.count);
  for (size_t i = 0; i < rs->citations.count; i++) {
    const mssdoc_citation *c = &rs->citations.items[i];
    S_int(&b, c->ref);
    S_str(&b, c->paragraph);
    S_int(&b, c->line);
  }
  S_uint(&b, rs->diagnostics.count);
  for (size_t i = 0; i < rs->diagnostics.count; i++) {
    const mssdoc_diagnostic *d = &rs->diagnostics.items[i];
    S_int(&b, d->line);
    S_str(&b, d->kind);
    S_str(&b, d->message);
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

static void S_read_event(S_in *in, mssdoc_event *e) {
  e->date = S_read_text(in);
  e->qualifier = S_read_str(in);
  e->text = S_read_text(in);
  e->source = S_read_str(in);
  e->section = S_read_text(in);
  e->line = S_read_int(in);
  S_read_ints(in, &e->refs);
}

mssdoc_records *mssdoc_bin_read(const char *data, size_t len, char **err) {
  S_in in = {(const unsigned char *)data, (const unsigned char *)data + len,
             0};
  if (len < sizeof MAGIC || memcmp(data, MAGIC, sizeof MAGIC) != 0) {
    *err = xstrdup("not a binary mssdoc record set");
    return NULL;
  }
  in.p += sizeof MAGIC;
  mssdoc_records *rs = mssdoc_records_new();
  rs->borrowed = data;
  rs->borrowed_len = len;
  rs->article.title = S_read_text(&in);
  rs->article.source = S_read_text(&in);
  rs->article.sha256 = S_read_text(&in);
  rs->article.lines = S_read_int(&in);
  size_t n = S_read_count(&in);
  for (size_t i = 0; i < n && !in.bad; i++) {
    mssdoc_infobox_item *it = LIST_PUSH(rs->infobox);
    it->label = S_read_text(&in);
    it->value = S_read_text(&in);
    it->line = S_read_int(&in);
    S_read_ints(&in, &it->refs);
  }
  n = S_read_count(&in);
  for (size_t i = 0; i < n && !in.bad; i++) {
    mssdoc_section *s = LIST_PUSH(rs->sections);
    s->id = S_read_text(&in);
    s->title = S_read_text(&in);
    s->inferred = S_read_int(&in) != 0;
    s->parent = S_read_str(&in);
    s->line = S_read_int(&in);
    s->level = S_read_int(&in);
  }
  n = S_read_count(&in);
  for (size_t i = 0; i < n && !in.bad; i++) {
    mssdoc_paragraph *p = LIST_PUSH(rs->paragraphs);
    p->id = S_read_text(&in);
    p->section = S_read_text(&in);
    p->line = S_read_int(&in);
    p->kind = S_read_text(&in);
    p->text = S_read_text(&in);
    S_read_ints(&in, &p->refs);
    S_read_ints(&in, &p->ref_offsets);
    S_read_strs(&in, &p->tags);
  }
  n = S_read_count(&in);
  for (size_t i = 0; i < n && !in.bad; i++) {
    mssdoc_bureau *u = LIST_PUSH(rs->bureaus);
    u->number = S_read_int(&in);
    u->division = S_read_text(&in);
    u->directive = S_read_text(&in);
    S_read_ints(&in, &u->refs);
    u->line = S_read_int(&in);
  }
  n = S_read_count(&in);
  for (size_t i = 0; i < n && !in.bad; i++) {
    mssdoc_head *h = LIST_PUSH(rs->heads);
    h->office = S_read_text(&in);
    h->period = S_read_text(&in);
    h->number = S_read_int(&in);
    h->name = S_read_text(&in);
    h->took_office = S_read_text(&in);
    h->left_office = S_read_str(&in);
    h->incumbent = S_read_int(&in) != 0;
    h->line = S_read_int(&in);
  }
  n = S_read_count(&in);
  for (size_t i = 0; i < n && !in.bad; i++)
    S_read_event(&in, LIST_PUSH(rs->incidents));
  n = S_read_count(&in);
  for (size_t i = 0; i < n && !in.bad; i++)
    S_read_event(&in, LIST_PUSH(rs->timeline));
  n = S_read_count(&in);
  for (size_t i = 0; i < n && !in.bad; i++) {
    mssdoc_reference *r = LIST_PUSH(rs->references);
    r->number = S_read_int(&in);
    r->backlinks = S_read_int(&in);
    r->text = S_read_text(&in);
    S_read_strs(&in, &r->authors);
    char **fields[] = {&r->date,  &r->title, &r->work, &r->publisher,
                       &r->pages, &r->isbn,  &r->issn, &r->oclc,
                       &r->doi,   &r->archived, &r->retrieved};
    for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
      *fields[k] = S_read_str(&in);
    r->dead_link = S_read_int(&in) != 0;
    r->line = S_read_int(&in);
  }
  n = S_read_count(&in);
  for (size_t i = 0; i < n && !in.bad; i++) {
    mssdoc_citation *c = LIST_PUSH(rs->citations);
    c->ref = S_read_int(&in);
    c->paragraph = S_read_text(&in);
    c->line = S_read_int(&in);
  }
  n = S_read_count(&in);
  for (size_t i = 0; i < n && !in.bad; i++) {
    mssdoc_diagnostic *d = LIST_PUSH(rs->diagnostics);
    d->line = S_read_int(&in);
    d->kind = S_read_text(&in);
    d->message = S_read_text(&in);
  }
  if (in.bad || in.p != in.end) {
    mssdoc_records_free(rs);
    *err = xstrdup("the binary record set is truncated or corrupt");
    return NULL;
  }
  return rs;
}
