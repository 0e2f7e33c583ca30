/*
 * refparse.h: one line of the reference list -> a reference record.
 * Owned by refparse.c.
 */
#ifndef MSSDOC_REFPARSE_H
#define MSSDOC_REFPARSE_H

#include "mssdoc/records.h"

/* Parses one reference-list line ("  N. ^ a b c Citation text") into *out,
 * which the caller has zeroed: number, backlinks (caret letters; a bare ^ is
 * 1), text (the citation text after the backlinks, trimmed), and the fields
 * parsed from it (NULL where absent), dead_link, line = lineno.  Returns 1 if
 * the line is a reference entry, 0 if not (then *out is left untouched).
 * The strings in *out are owned by the caller (mssdoc_reference_clear). */
int refparse_line(const char *line, int lineno, mssdoc_reference *out);

/* Finds Wikipedia's template error message in a reference's text
 * ("((cite journal)): Cite journal requires |journal= (help)"): its
 * [*start, *end) with the spaces before it.  Returns 1 if there is one. */
int refparse_template_error(const char *text, size_t *start, size_t *end);

/* Whether r is a short citation ("Mei p. 78", "Thu-Huong, pp. 139–140"):
 * an author and pages, and no title, work, publisher or identifier. */
int refparse_is_short(const mssdoc_reference *r);

/* A person's name written given name first ("Bill Bishop") as "Family,
 * Given"; any other name as written.  The caller frees the result. */
char *refparse_name(const char *name);

#endif
