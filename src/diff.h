/*
 * diff.h: what changed between two record sets, record by record.
 *
 * Records are paired by what they are, not where they stand: each group
 * has passes of key fields tried in turn (a bureau by number and name,
 * then by name, then by number; a reference by DOI, ISBN, URL, title and
 * authors, then its text), then, for texts, pairing by similarity (see
 * diff.c for the algorithm and its bound).  A pair is then compared field
 * by field through the description of its type (records.h): fields that
 * say where a record stands (MSSDOC_PLACE) are never compared, reference
 * numbers (MSSDOC_REFNUM) and section ids (MSSDOC_SECREF) are compared
 * through the pairing of references and sections, so that a reference
 * inserted in the middle changes no other record.  A field added to a
 * type is compared with no code here.
 *
 * Not compared: the article (its revision and source name the sides),
 * citations (each is a number in its paragraph's refs, compared there)
 * and diagnostics (what an ingest said of its input, not the article).
 * Owned by diff.c.
 */
#ifndef MSSDOC_DIFF_H
#define MSSDOC_DIFF_H

#include <stdint.h>

#include "mssdoc/records.h"

typedef enum {
  DIFF_ADDED,
  DIFF_REMOVED,
  DIFF_CHANGED,   /* a field other than its number differs */
  DIFF_MOVED,     /* only its section or its place in reading order */
  DIFF_RENUMBERED /* only its number (MSSDOC_ORDINAL) */
} diff_op;

/* One change: a record added (before NULL), removed (after NULL) or a
 * pair.  fields has bit i set when field i of the type differs. */
typedef struct {
  const mssdoc_rtype *type;
  diff_op op;
  const void *before, *after; /* owned by the two record sets */
  uint64_t fields;
} diff_change;

typedef struct {
  diff_change *items;
  size_t count, cap;
} diff_changes;

/* The changes from record set a to b, group by group in the order of
 * diff_groups, each group's in reading order.  The changes point into a
 * and b, which must outlive them; the caller frees items. */
diff_changes diff_records(const mssdoc_records *a, const mssdoc_records *b);

/* The groups diff_records compares, in the order it reports them; *n gets
 * their number.  Static data. */
const mssdoc_rtype *const *diff_groups(size_t *n);

/* The name of op ("added", …); static. */
const char *diff_op_name(diff_op op);

/* What a reader calls one record of group t and several ("bureau",
 * "bureaus"; "office holder", …); static. */
const char *diff_noun(const mssdoc_rtype *t, int plural);

/* A short name for the record of change c, as the summary and the JSON
 * "key" give it ("Bureau 2: Foreign Intelligence", "Chen Yixin
 * (Minister of State Security)", "57 (was 56): Title"); a and b are the
 * sides (for the title of a paragraph's section).  The caller frees it. */
char *diff_key(const diff_change *c, const mssdoc_records *a,
               const mssdoc_records *b);

/* The name the summary gives the record of change c ("Chen Yixin",
 * "Foreign Intelligence"), or NULL for a group whose records the summary
 * counts without naming (paragraphs, events, references).  The caller
 * frees it. */
char *diff_name(const diff_change *c, const mssdoc_records *a,
                const mssdoc_records *b);

#endif
