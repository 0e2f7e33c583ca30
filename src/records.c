/*
 * records.c: the description of the records (one field table per record
 * type, see records.h), and what is done by walking it alone: freeing,
 * lookup, comparison and table cells.
 */
#include "mssdoc/records.h"

#include <stdlib.h>
#include <string.h>

#include "strpool.h"
#include "util.h"

/* ---- the description ---- */

/* One field: member m of struct T, of type MSSDOC_ty, written in XML as
 * form, with flags fl.  In each table the fields are in the JSON key order
 * of mssdoc-records(5). */
#define F(T, m, ty, form, fl)                                                  \
  { #m, NULL, MSSDOC_##ty, MSSDOC_##form, fl, offsetof(T, m) }
/* A string list, each item an XML element named item. */
#define F_LIST(T, m, item, fl)                                                 \
  { #m, item, MSSDOC_STRS, MSSDOC_ELEM, fl, offsetof(T, m) }
#define NUL MSSDOC_NULLABLE
#define ID MSSDOC_IDENTITY
#define OPT (MSSDOC_NULLABLE | MSSDOC_OPTIONAL)
#define PLACE MSSDOC_PLACE
#define ORD MSSDOC_ORDINAL
#define REFS MSSDOC_REFNUM
#define SEC MSSDOC_SECREF

#define T mssdoc_article
static const mssdoc_field ARTICLE[] = {
    F(T, title, STR, ATTR, 0),      F(T, source, STR, ATTR, PLACE),
    F(T, sha256, STR, ATTR, PLACE), F(T, lines, INT, ATTR, PLACE),
    F(T, revision, STR, ATTR, OPT), F(T, timestamp, STR, ATTR, OPT),
    F(T, url, STR, ATTR, OPT),
};
#undef T

#define T mssdoc_infobox_item
static const mssdoc_field INFOBOX[] = {
    F(T, label, STR, ATTR, ID),   F(T, value, STR, CONTENT, 0),
    F(T, line, INT, ATTR, PLACE), F(T, refs, INTS, ATTR, REFS),
    F(T, kind, STR, ATTR, OPT),   F(T, note, STR, ATTR, OPT),
};
#undef T

#define T mssdoc_section
static const mssdoc_field SECTION[] = {
    F(T, id, STR, ATTR, ID | PLACE),
    F(T, title, STR, ATTR, 0),
    F(T, inferred, BOOL, ATTR, 0),
    F(T, parent, STR, ATTR, NUL | SEC),
    F(T, line, INT, ATTR, MSSDOC_XML_LAST | MSSDOC_CSV_LAST | PLACE),
    F(T, level, INT, ATTR, 0),
};
#undef T

#define T mssdoc_paragraph
static const mssdoc_field PARAGRAPH[] = {
    F(T, id, STR, ATTR, ID | PLACE),
    F(T, section, STR, ATTR, SEC),
    F(T, line, INT, ATTR, PLACE),
    F(T, kind, STR, ATTR, 0),
    F(T, text, STR, ELEM, 0),
    F(T, refs, INTS, ATTR, REFS),
    F_LIST(T, tags, "tag", MSSDOC_BIN_LAST),
    F(T, tag_offsets, INTS, ATTR, MSSDOC_BIN_LAST | PLACE),
    F(T, ref_offsets, INTS, ATTR, PLACE),
    F_LIST(T, link_targets, "link_target", MSSDOC_BIN_LAST),
    F_LIST(T, link_texts, "link_text", MSSDOC_BIN_LAST),
};
#undef T

#define T mssdoc_bureau
static const mssdoc_field BUREAU[] = {
    F(T, number, INT, ATTR, ID | ORD),
    F(T, division, STR, ELEM, 0),
    F(T, directive, STR, ELEM, 0),
    F(T, refs, INTS, ATTR, MSSDOC_XML_LAST | REFS),
    F(T, line, INT, ATTR, PLACE),
};
#undef T

#define T mssdoc_head
static const mssdoc_field HEAD[] = {
    F(T, office, STR, ATTR, ID),       F(T, period, STR, ATTR, 0),
    F(T, number, INT, ATTR, ID | ORD), F(T, name, STR, ATTR, 0),
    F(T, took_office, DATE, ATTR, 0),  F(T, left_office, DATE, ATTR, NUL),
    F(T, incumbent, BOOL, ATTR, 0),    F(T, note, BOOL, ATTR, 0),
    F(T, line, INT, ATTR, PLACE),
};
#undef T

/* Incidents and timeline entries share a struct; an incident has no
 * source (always NULL), so it is not one of its keys or columns. */
#define T mssdoc_event
#define EVENT(hide)                                                            \
  {                                                                            \
    F(T, date, DATE, ATTR, ID), F(T, qualifier, STR, ATTR, NUL),               \
        F(T, text, STR, CONTENT, ID), F(T, source, STR, ATTR, NUL | hide),     \
        F(T, section, STR, ATTR, SEC), F(T, line, INT, ATTR, PLACE),           \
        F(T, refs, INTS, ATTR, REFS),                                          \
        F(T, kind, STR, ATTR, NUL | MSSDOC_BIN_LAST | hide),                   \
        F(T, refs_from, STR, ATTR, NUL | MSSDOC_BIN_LAST | hide),              \
        F(T, note, STR, ATTR, OPT | MSSDOC_BIN_LAST | hide),                   \
        F(T, subject, STR, ATTR, OPT | MSSDOC_BIN_LAST | hide),                \
  }
static const mssdoc_field INCIDENT[] = EVENT(MSSDOC_HIDDEN);
static const mssdoc_field TIMELINE[] = EVENT(0);
#undef T

#define T mssdoc_reference
static const mssdoc_field REFERENCE[] = {
    F(T, number, INT, ATTR, ID | ORD),
    F(T, backlinks, INT, ATTR, 0),
    F(T, text, STR, ELEM, MSSDOC_CSV_LAST),
    F_LIST(T, authors, "author", 0),
    F_LIST(T, editors, "editor", MSSDOC_BIN_LAST),
    F(T, date, DATE, ELEM, NUL),
    F(T, date_text, STR, ELEM, NUL | MSSDOC_BIN_LAST),
    F(T, title, STR, ELEM, NUL),
    F(T, work, STR, ELEM, NUL),
    F(T, volume, STR, ELEM, NUL | MSSDOC_BIN_LAST),
    F(T, issue, STR, ELEM, NUL | MSSDOC_BIN_LAST),
    F(T, publisher, STR, ELEM, NUL),
    F(T, place, STR, ELEM, NUL | MSSDOC_BIN_LAST),
    F(T, pages, STR, ELEM, NUL),
    F(T, language, STR, ELEM, NUL | MSSDOC_BIN_LAST),
    F(T, isbn, STR, ELEM, NUL),
    F(T, issn, STR, ELEM, NUL),
    F(T, oclc, STR, ELEM, NUL),
    F(T, doi, STR, ELEM, NUL),
    {"ids", "id", MSSDOC_PAIRS, MSSDOC_ELEM, MSSDOC_BIN_LAST,
     offsetof(mssdoc_reference, ids)},
    F(T, archived, DATE, ELEM, NUL),
    F(T, archived_text, STR, ELEM, NUL | MSSDOC_BIN_LAST),
    F(T, retrieved, DATE, ELEM, NUL),
    F(T, retrieved_text, STR, ELEM, NUL | MSSDOC_BIN_LAST),
    F(T, url, STR, ELEM, OPT),
    F(T, short_for, INT, ATTR, NUL | MSSDOC_BIN_LAST | REFS),
    F(T, dead_link, BOOL, ATTR, 0),
    F(T, line, INT, ATTR, PLACE),
};
#undef T

#define T mssdoc_citation
static const mssdoc_field CITATION[] = {
    F(T, ref, INT, ATTR, ID | REFS),
    F(T, paragraph, STR, ATTR, ID),
    F(T, line, INT, ATTR, PLACE),
};
#undef T

#define T mssdoc_diagnostic
static const mssdoc_field DIAGNOSTIC[] = {
    F(T, line, INT, ATTR, ID | PLACE),
    F(T, kind, STR, ATTR, ID),
    F(T, message, STR, CONTENT, 0),
};
#undef T

/* Group g (a member of mssdoc_records, and its name) of records of
 * struct T, each an XML element named element. */
#define TYPE(g, element, T, single, fields)                                    \
  {                                                                            \
#g, element, sizeof(T), offsetof(mssdoc_records, g), single, fields,       \
        sizeof fields / sizeof *fields                                         \
  }
static const mssdoc_rtype TYPES[] = {
    TYPE(article, "article", mssdoc_article, 1, ARTICLE),
    TYPE(infobox, "item", mssdoc_infobox_item, 0, INFOBOX),
    TYPE(sections, "section", mssdoc_section, 0, SECTION),
    TYPE(paragraphs, "paragraph", mssdoc_paragraph, 0, PARAGRAPH),
    TYPE(bureaus, "bureau", mssdoc_bureau, 0, BUREAU),
    TYPE(heads, "head", mssdoc_head, 0, HEAD),
    TYPE(incidents, "event", mssdoc_event, 0, INCIDENT),
    TYPE(timeline, "event", mssdoc_event, 0, TIMELINE),
    TYPE(references, "reference", mssdoc_reference, 0, REFERENCE),
    TYPE(citations, "citation", mssdoc_citation, 0, CITATION),
    TYPE(diagnostics, "diagnostic", mssdoc_diagnostic, 0, DIAGNOSTIC),
};

const mssdoc_rtype *mssdoc_rtypes(size_t *n) {
  *n = sizeof TYPES / sizeof *TYPES;
  return TYPES;
}

const mssdoc_rtype *mssdoc_rtype_find(const char *group) {
  for (size_t i = 0; i < sizeof TYPES / sizeof *TYPES; i++)
    if (strcmp(TYPES[i].group, group) == 0)
      return &TYPES[i];
  return NULL;
}

const mssdoc_field *mssdoc_field_find(const mssdoc_rtype *t, const char *name) {
  for (size_t i = 0; i < t->nfields; i++)
    if (strcmp(t->fields[i].name, name) == 0)
      return &t->fields[i];
  return NULL;
}

/* ---- walking it ---- */

size_t mssdoc_fields_ordered(const mssdoc_rtype *t, unsigned last,
                             const mssdoc_field **out) {
  size_t n = 0;
  for (unsigned pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < t->nfields; i++)
      if (!(t->fields[i].flags & last) == !pass)
        out[n++] = &t->fields[i];
  return n;
}

/* Every MSSDOC_LIST has this layout. */
typedef MSSDOC_LIST(char) S_list;

size_t mssdoc_records_group(const mssdoc_records *rs, const mssdoc_rtype *t,
                            const void **items) {
  const char *at = (const char *)rs + t->offset;
  if (t->single) {
    *items = at;
    return 1;
  }
  const S_list *l = (const S_list *)at;
  *items = l->items;
  return l->count;
}

void *mssdoc_records_push_n(mssdoc_records *rs, const mssdoc_rtype *t,
                            size_t n) {
  S_list *l = (S_list *)((char *)rs + t->offset);
  if (l->count + n > l->cap) {
    size_t cap = l->cap ? l->cap : 8;
    while (cap < l->count + n)
      cap *= 2;
    l->items = xrealloc(l->items, cap * t->size);
    l->cap = cap;
  }
  char *rec = l->items + l->count * t->size;
  memset(rec, 0, n * t->size);
  l->count += n;
  return rec;
}

void *mssdoc_records_push(mssdoc_records *rs, const mssdoc_rtype *t) {
  return t->single ? (char *)rs + t->offset : mssdoc_records_push_n(rs, t, 1);
}

mssdoc_records *mssdoc_records_new(void) {
  return xcalloc(1, sizeof(mssdoc_records));
}

char *mssdoc_records_str(mssdoc_records *rs, const char *s) {
  if (!s || strpool_owns(rs->strings, s)) /* already shared */
    return (char *)s;
  return strpool_intern(&rs->strings, s);
}

void *mssdoc_records_alloc(mssdoc_records *rs, size_t n) {
  return arena_alloc(&rs->arena, n);
}

void *mssdoc_records_place(mssdoc_records *rs, const mssdoc_rtype *t,
                           size_t n) {
  S_list *l = (S_list *)((char *)rs + t->offset);
  l->items = n ? mssdoc_records_alloc(rs, n * t->size) : NULL;
  l->count = l->cap = n;
  return l->items;
}

/* Frees what record rec of type t owns (a string in pool is the pool's),
 * and zeroes those members. */
static void S_record_clear(const mssdoc_rtype *t, void *rec,
                           const strpool *pool) {
  for (const mssdoc_field *f = t->fields; f < t->fields + t->nfields; f++) {
    void *m = mssdoc_field_ptr(f, rec);
    switch (f->type) {
    case MSSDOC_STR:
    case MSSDOC_DATE:
      if (!strpool_owns(pool, *(char **)m))
        free(*(char **)m);
      *(char **)m = NULL;
      break;
    case MSSDOC_INTS:
      ints_free(m);
      break;
    case MSSDOC_STRS:
    case MSSDOC_PAIRS:
      strs_free(m);
      break;
    default:
      break;
    }
  }
}

void mssdoc_reference_clear(mssdoc_reference *r) {
  S_record_clear(mssdoc_rtype_find("references"), r, NULL);
}

void mssdoc_records_free(mssdoc_records *rs) {
  if (!rs)
    return;
  if (rs->arena) { /* read-only: it owns nothing outside its arena */
    arena_free(rs->arena);
    free(rs);
    return;
  }
  for (size_t g = 0; g < sizeof TYPES / sizeof *TYPES; g++) {
    const mssdoc_rtype *t = &TYPES[g];
    const void *items;
    size_t n = mssdoc_records_group(rs, t, &items);
    for (size_t i = 0; i < n; i++)
      S_record_clear(t, (void *)mssdoc_record_at(t, items, i), rs->strings);
    if (!t->single)
      free(((S_list *)((char *)rs + t->offset))->items);
  }
  strpool_free(rs->strings);
  free(rs);
}

/* NULL equals only NULL. */
static int S_str_equal(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

int mssdoc_field_equal(const mssdoc_field *f, const void *a, const void *b) {
  const void *x = mssdoc_field_ptr(f, a), *y = mssdoc_field_ptr(f, b);
  switch (f->type) {
  case MSSDOC_STR:
  case MSSDOC_DATE:
    return S_str_equal(*(char *const *)x, *(char *const *)y);
  case MSSDOC_INT:
    return *(const int *)x == *(const int *)y;
  case MSSDOC_BOOL:
    return *(const bool *)x == *(const bool *)y;
  case MSSDOC_INTS: {
    const mssdoc_ints *l = x, *m = y;
    return l->count == m->count &&
           (!l->count ||
            memcmp(l->items, m->items, l->count * sizeof *l->items) == 0);
  }
  case MSSDOC_STRS:
  case MSSDOC_PAIRS: {
    const mssdoc_strs *l = x, *m = y;
    if (l->count != m->count)
      return 0;
    for (size_t i = 0; i < l->count; i++)
      if (!S_str_equal(l->items[i], m->items[i]))
        return 0;
    return 1;
  }
  }
  return 0;
}

size_t mssdoc_record_compare(const mssdoc_rtype *t, const void *a,
                             const void *b,
                             void (*each)(const mssdoc_field *f, void *ctx),
                             void *ctx) {
  size_t n = 0;
  for (size_t i = 0; i < t->nfields; i++)
    if (!mssdoc_field_equal(&t->fields[i], a, b)) {
      n++;
      if (each)
        each(&t->fields[i], ctx);
    }
  return n;
}

int mssdoc_record_equal(const mssdoc_rtype *t, const void *a, const void *b) {
  return mssdoc_record_compare(t, a, b, NULL, NULL) == 0;
}

int mssdoc_record_same(const mssdoc_rtype *t, const void *a, const void *b) {
  for (size_t i = 0; i < t->nfields; i++)
    if ((t->fields[i].flags & MSSDOC_IDENTITY) &&
        !mssdoc_field_equal(&t->fields[i], a, b))
      return 0;
  return 1;
}

char *mssdoc_field_cell(const mssdoc_field *f, const void *rec) {
  const void *m = mssdoc_field_ptr(f, rec);
  buf b = {0};
  switch (f->type) {
  case MSSDOC_STR:
  case MSSDOC_DATE:
    return *(char *const *)m ? xstrdup(*(char *const *)m) : NULL;
  case MSSDOC_INT:
    if (!*(const int *)m && (f->flags & MSSDOC_NULLABLE))
      return NULL;
    return xasprintf("%d", *(const int *)m);
  case MSSDOC_BOOL:
    return xstrdup(*(const bool *)m ? "true" : "false");
  case MSSDOC_INTS: {
    const mssdoc_ints *l = m;
    for (size_t i = 0; i < l->count; i++)
      buf_printf(&b, "%s%d", i ? " " : "", l->items[i]);
    break;
  }
  case MSSDOC_STRS: {
    const mssdoc_strs *l = m;
    for (size_t i = 0; i < l->count; i++)
      buf_printf(&b, "%s%s", i ? "; " : "", l->items[i]);
    break;
  }
  case MSSDOC_PAIRS: { /* "jstor:41959013; s2cid:154420767" */
    const mssdoc_strs *l = m;
    for (size_t i = 0; i + 1 < l->count; i += 2)
      buf_printf(&b, "%s%s:%s", i ? "; " : "", l->items[i], l->items[i + 1]);
    break;
  }
  }
  return buf_take(&b);
}

const mssdoc_reference *mssdoc_records_reference(const mssdoc_records *rs,
                                                 int n) {
  for (size_t i = 0; i < rs->references.count; i++)
    if (rs->references.items[i].number == n)
      return &rs->references.items[i];
  return NULL;
}

const mssdoc_section *mssdoc_records_section(const mssdoc_records *rs,
                                             const char *id) {
  for (size_t i = 0; i < rs->sections.count; i++)
    if (strcmp(rs->sections.items[i].id, id) == 0)
      return &rs->sections.items[i];
  return NULL;
}

int mssdoc_field_used(const mssdoc_rtype *t, const void *items, size_t n,
                      const mssdoc_field *f) {
  if (!(f->flags & MSSDOC_OPTIONAL))
    return 1;
  for (size_t i = 0; i < n; i++)
    if (*(char *const *)mssdoc_field_ptr(f, mssdoc_record_at(t, items, i)))
      return 1;
  return 0;
}
