/*
 * toc.h: the numbering of an article's sections, as GNU info numbers
 * nodes (the lead is 0, top-level sections 1, 2, 3…, their children 2.1,
 * 2.2, a table caption under its parent 2.3.1), and the SECTION selector
 * of `mssdoc read`: a number, a section id, or title words.  Owned by
 * toc.c.
 */
#ifndef MSSDOC_TOC_H
#define MSSDOC_TOC_H

#include <stddef.h>

#include "mssdoc/records.h"

typedef struct {
  const mssdoc_section *sec; /* owned by the record set */
  char number[48];           /* "0" (the lead), "2", "2.3", "2.3.1" */
  int depth;                 /* 1 for a top-level section */
  size_t end;                /* index one past its last descendant */
} toc_entry;

/* The sections of a record set in document order, one entry per section
 * (entry i is rs->sections.items[i]). */
typedef struct {
  toc_entry *items;
  size_t count;
  size_t *byid; /* entry indices sorted by section id, then index */
} toc;

/* Returns the numbered sections of rs; the caller frees with toc_free().
 * rs must outlive the result. */
toc *toc_build(const mssdoc_records *rs);

/* Frees t; NULL is a no-op. */
void toc_free(toc *t);

/* What a view prints after the title of an inferred section. */
#define TOC_LOST_MARK "(heading lost)"

/* Returns "NUMBER TITLE" for an entry (malloc'd, caller frees). */
char *toc_label(const toc_entry *e);

/* Returns the entry of the first section with the given id, or NULL;
 * owned by t.  A binary search. */
const toc_entry *toc_find(const toc *t, const char *id);

/* Returns the title of the section with the given id, or the id itself
 * if none has it, or "" for NULL; owned by t's record set or the caller. */
const char *toc_title(const toc *t, const char *id);

/* Returns the index of the section the user's words name: its number
 * ("2.3"), its id, or words that each start a word of its title (case and
 * diacritics ignored; when several titles match, one whose words are
 * exactly the query wins).  On failure returns -1 and sets *err to a
 * one-line message (malloc'd, caller frees) listing the candidates with
 * their numbers when the words are ambiguous. */
long toc_select(const toc *t, const char *query, char **err);

#endif
