/*
 * people.h: the people of the agency-heads tables (shared by `who` and
 * `show people`): which rows name a person, who a query means, a row's
 * predecessor and successor, and where a paragraph mentions a person.
 * Owned by people.c.
 */
#ifndef MSSDOC_PEOPLE_H
#define MSSDOC_PEOPLE_H

#include <stddef.h>

#include <jansson.h>

#include "mssdoc/records.h"

/** One person: a name and the heads rows that carry it. */
typedef struct {
  char *name;   /* as the first row spells it (owned) */
  size_t *rows; /* indices into rs->heads, in table order (owned) */
  size_t nrows;
} person;

/** Every person of a record set, in order of first appearance. */
typedef struct {
  person *items;
  size_t count;
} people;

/* Returns 1 if a heads "name" cell names a person: 2 to 4 words, each a
 * capitalised word (an upper-case letter, then lower-case letters, with
 * "-" or an apostrophe allowed between letters: "Jean-Pierre", "O'Neill"),
 * or, inside the name, a lower-case particle such as "van", "de", "bin";
 * no digits, no punctuation.  "Kang Sheng" is a person; "PLA military
 * takeover due to …" and "Officially placed under …" are not. */
int people_is_name(const char *s);

/* Collects the people of rs->heads: rows whose name passes
 * people_is_name, grouped by name (case- and diacritic-insensitively).
 * Free the result with people_free(). */
people people_collect(const mssdoc_records *rs);

/* Frees what people_collect returned. */
void people_free(people *p);

/* Finds whom query names, in three tiers, the first that matches anyone
 * winning: the whole name ("Li Kenong"), whole words of the name ("li",
 * "kenong li"), any part of the name ("chunw").  Matching ignores case and
 * diacritics.  Stores the indices of the matching people in found (room
 * for p->count entries) and returns how many there are. */
size_t people_find(const people *p, const char *query, size_t *found);

/* Returns the index in rs->heads of the row numbered delta (-1: the
 * predecessor, +1: the successor) away from row in the same table (same
 * office and period), or -1 if there is none. */
long people_neighbour(const mssdoc_records *rs, size_t row, int delta);

/* Sorts n [start,end) spans in place and drops each that overlaps one
 * before it. Returns how many are left. */
size_t people_spans_sort(size_t (*spans)[2], size_t n);

/* Finds where text mentions name: the full name ("Li Kenong"), or the
 * name in Western order, its first word (the surname) moved to the end
 * ("Kenong Li", as in "Yanjun Xu"), as whole words,
 * ignoring case and diacritics.  *spans receives a malloc'd array of
 * [start,end) byte offsets into text, in order, not overlapping (the
 * caller frees it; NULL when there are none).  Returns their number. */
size_t people_mentions(const char *text, const char *name,
                       size_t (**spans)[2]);

/* Returns a heads row's term in words: "September 1985 – March 1998",
 * "November 2016 – incumbent", "1949" (took and left office the same
 * year).  The caller frees it. */
char *people_term(const mssdoc_head *h);

/* Returns the JSON object of a person: {"name", "first_took_office",
 * "offices": [{"office", "period", "number", "took_office",
 * "left_office", "incumbent", "line"}]}, and if neighbours each office also
 * has "predecessor" and "successor" (a name or null).  The caller owns the
 * reference. */
json_t *people_json(const mssdoc_records *rs, const person *pe,
                    int neighbours);

/* Stores in out (room for rs->heads.count) the indices of the note rows
 * (vacancies) of row's table between row and its successor (or after it,
 * if none), in table order; returns how many. */
size_t people_notes_after(const mssdoc_records *rs, size_t row, size_t *out);

/* Returns 1 if date is YYYY, YYYY-MM or YYYY-MM-DD, else 0. */
int people_date_valid(const char *date);

/* Returns 1 if the heads row h covers date (for a note row: the note
 * stands then; the caller shows it as a note, never as a holder)
 * (YYYY, YYYY-MM or YYYY-MM-DD): a term covers every day from the first
 * day of took_office to the last of left_office ("1949"-"1955" holds for
 * any date in 1949..1955; an incumbent to this day), so at a boundary the
 * outgoing and the incoming holder both match.  Else 0.  Office on date
 * means h covers it and !h->note. */
int people_held_at(const mssdoc_head *h, const char *date);

#endif
