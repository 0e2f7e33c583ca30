/*
 * citeformat.h: references -> citation export formats (BibTeX, RIS,
 * CSL-JSON), with readable, stable citation keys.  Owned by citeformat.c;
 * used by `cite` and `show references`.
 */
#ifndef MSSDOC_CITEFORMAT_H
#define MSSDOC_CITEFORMAT_H

#include <stddef.h>

#include "mssdoc/records.h"

/* The kind of work a reference cites, which picks the entry type of every
 * format: BibTeX @book / @article / @misc, RIS BOOK / JOUR / NEWS / ELEC,
 * CSL book / article-journal / article-newspaper / webpage. */
typedef enum {
  CITE_BOOK,    /* an ISBN or a publisher, and no work it appeared in */
  CITE_JOURNAL, /* a DOI, or pages or an ISSN in a journal-like work */
  CITE_NEWS,    /* in a newspaper, agency or broadcaster (or an ISSN serial) */
  CITE_WEB      /* anything else: a web page */
} citeformat_type;

/* Returns the kind of work r cites (rules above, in that order but for a
 * DOI, which makes a journal article of any reference with a work). */
citeformat_type citeformat_type_of(const mssdoc_reference *r);

/* Returns r's base citation key: the first author's surname (a corporate
 * author's first significant word; a name with no Latin letter "u" and the
 * hex code point of its first character, 王海天 -> "u738b"), else the first
 * significant word of the work, else of the title, else "anon"; folded to
 * lower-case ASCII letters; then the year of r's date, or "nd"
 * ("faligot2019").  The caller frees it. */
char *citeformat_key(const mssdoc_reference *r);

/* Writes refs[0..n) in format "bibtex", "ris" or "csl" (a CSL-JSON array),
 * in that order; a key that repeats an earlier one in this output gets the
 * suffix a, b, ….  rs (may be NULL) is the record set they belong to: it
 * resolves short citations (see citeformat.c's S_plan: a reference that
 * names no work is left out, a BibTeX comment saying why) and gives the
 * BibTeX titles their proper nouns (citetitle.h).  Returns a malloc'd
 * string (the caller frees it), or NULL for an unknown format. */
char *citeformat_write(const mssdoc_reference *const *refs, size_t n,
                       const char *format, const mssdoc_records *rs);

#endif
