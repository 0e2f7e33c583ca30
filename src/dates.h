/*
 * dates.h: date expressions in English prose and table cells -> EDTF
 * (ISO 8601-2 level 1), and sentence boundaries.  Owned by dates.c.
 */
#ifndef MSSDOC_DATES_H
#define MSSDOC_DATES_H

#include <stddef.h>

typedef struct {
  size_t start, end;  /* byte span of the whole expression in the text */
  char edtf[32];      /* "1983", "1983-06", "1983-07-01", "195X", "1942/1944" */
  char qualifier[16]; /* "" or "early", "mid", "late", "circa" */
  /* "" for a date that exists; else why the expression is not one as
   * written ("February 2019 has 28 days", "it ends before it starts"):
   * edtf then holds what of it is sound (the month of an impossible day,
   * the start of a reversed span). */
  char problem[48];
} date_match;

/* Finds the first date expression in text at or after byte offset `from`.
 * Years count only from 1000 to 2099 and only in context (not counts, unit
 * numbers, page numbers, ISBNs, "No.14").  An impossible day ("30 February
 * 2019") or a span that ends before it starts ("2019–2018") is found too,
 * with m->problem set.  Returns 1 and fills *m, or 0. */
int dates_find(const char *text, size_t from, date_match *m);

/* Parses a whole table cell ("1949", "June 1983", "9 February 1962") into
 * EDTF; an impossible day is not a date.  Returns 1 on success, 2 for an open
 * end ("Incumbent", "present"; edtf is then ""), 0 if the cell is not a date.
 */
int dates_parse_cell(const char *cell, char edtf[32]);

/* Reads the first and last year an EDTF string covers ("195X" -> 1950..1959,
 * "1942/1944" -> 1942..1944, "1983-06" -> 1983..1983).  Returns 1, or 0 if
 * the string is not EDTF this module writes. */
int dates_edtf_years(const char *edtf, int *first, int *last);

/* 1 if s has the syntax of a record set's EDTF date: YYYY, YYYX (a
 * decade), YYYY-MM, YYYY-MM-DD, each alone or as A/B or A/.. (the pattern
 * [0-9]{3}[0-9X](-[0-9]{2}(-[0-9]{2})?)?(/(the same|\.\.))?); else 0.  Only
 * the syntax: readers never trust the numbers (a month 99 reads as none). */
int dates_edtf_valid(const char *s);

/* Reads a period such as "(1983–present)" or "(1939–1949)" at the end of a
 * title.  Returns 1 and the years (present -> 9999), or 0. */
int dates_title_period(const char *title, int *first, int *last);

/* Splits text into sentences: *spans receives a malloc'd array of [start,end)
 * byte pairs (caller frees), covering the text in order; a citation marker
 * like "[5]" after the full stop belongs to the sentence before it.
 * Returns the number of sentences. */
size_t sentences_split(const char *text, size_t (**spans)[2]);

#endif
