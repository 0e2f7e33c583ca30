/*
 * records.h: the mssdoc record set, the data model every stage shares.
 *
 * A record set is what the ingest recovers from one article dump; the XML
 * store writes and reads it, the JSON exporter prints it, the views query it.
 * Every string in it is NUL-terminated UTF-8 owned by the record set (or,
 * read by mssdoc_bin_read, borrowed from the data it was read from: see
 * `borrowed`); a NULL pointer stands for a JSON null.  Strings are never
 * written in place.  Line numbers are 1-based input lines.
 */
#ifndef MSSDOC_RECORDS_H
#define MSSDOC_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#define MSSDOC_SCHEMA "mssdoc/1"

/** A growable list of integers (reference numbers). */
typedef struct {
  int *items;
  size_t count, cap;
} mssdoc_ints;

/** A growable list of owned strings. */
typedef struct {
  char **items;
  size_t count, cap;
} mssdoc_strs;

typedef struct {
  char *title, *source, *sha256;
  int lines;
} mssdoc_article;

typedef struct {
  char *label, *value;
  int line;
  mssdoc_ints refs;
} mssdoc_infobox_item;

typedef struct {
  char *id, *title;
  bool inferred;
  char *parent; /* section id, or NULL for a top-level section */
  int line;
  int level; /* 1 top-level, 2 sub-heading, 3 table caption (not exported) */
} mssdoc_section;

typedef struct {
  char *id, *section;
  int line;
  char *kind; /* "body", "caption", "hatnote", "quotation", "table" */
  char *text;
  mssdoc_ints refs;
  mssdoc_ints ref_offsets; /* byte offset in text where each ref's marker stood */
  mssdoc_strs tags;
} mssdoc_paragraph;

typedef struct {
  int number;
  char *division, *directive;
  mssdoc_ints refs;
  int line;
} mssdoc_bureau;

typedef struct {
  char *office, *period;
  int number;
  char *name, *took_office, *left_office; /* EDTF; left_office NULL if incumbent */
  bool incumbent;
  int line;
} mssdoc_head;

/** A dated event: an incident or a timeline entry. */
typedef struct {
  char *date;      /* EDTF */
  char *qualifier; /* "early", "mid", "late", … or NULL */
  char *text;
  char *source; /* timeline only: "text" or "table"; NULL for incidents */
  char *section;
  int line;
  mssdoc_ints refs;
} mssdoc_event;

typedef struct {
  int number, backlinks;
  char *text;
  mssdoc_strs authors;
  char *date, *title, *work, *publisher, *pages, *isbn, *issn, *oclc, *doi,
      *archived, *retrieved;
  bool dead_link;
  int line;
} mssdoc_reference;

typedef struct {
  int ref;
  char *paragraph;
  int line;
} mssdoc_citation;

typedef struct {
  int line;
  char *kind; /* "lost-heading", "lost-list", "lost-citation",
                 "date-outside-period", "bad-bytes", "unclassified" */
  char *message;
} mssdoc_diagnostic;

#define MSSDOC_LIST(T)                                                         \
  struct {                                                                     \
    T *items;                                                                  \
    size_t count, cap;                                                         \
  }

/** The whole record set; free it with mssdoc_records_free(). */
typedef struct mssdoc_records {
  mssdoc_article article;
  MSSDOC_LIST(mssdoc_infobox_item) infobox;
  MSSDOC_LIST(mssdoc_section) sections;
  MSSDOC_LIST(mssdoc_paragraph) paragraphs;
  MSSDOC_LIST(mssdoc_bureau) bureaus;
  MSSDOC_LIST(mssdoc_head) heads;
  MSSDOC_LIST(mssdoc_event) incidents;
  MSSDOC_LIST(mssdoc_event) timeline;
  MSSDOC_LIST(mssdoc_reference) references;
  MSSDOC_LIST(mssdoc_citation) citations;
  MSSDOC_LIST(mssdoc_diagnostic) diagnostics;
  /* Strings inside [borrowed, borrowed + borrowed_len) belong to the data
   * the set was read from, which outlives it; mssdoc_records_free leaves
   * them alone. */
  const char *borrowed;
  size_t borrowed_len;
} mssdoc_records;

/** Returns a new, empty record set; the caller frees it with mssdoc_records_free(). */
mssdoc_records *mssdoc_records_new(void);

/** Frees a record set and every string it owns; NULL is a no-op. */
void mssdoc_records_free(mssdoc_records *rs);

/** Frees the strings and lists inside one reference (not the struct itself). */
void mssdoc_reference_clear(mssdoc_reference *ref);

/** Returns the reference numbered n, or NULL; the record set keeps ownership. */
const mssdoc_reference *mssdoc_records_reference(const mssdoc_records *rs,
                                                 int n);

/** Returns the section with the given id, or NULL; owned by the record set. */
const mssdoc_section *mssdoc_records_section(const mssdoc_records *rs,
                                             const char *id);

#endif
