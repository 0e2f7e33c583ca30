/*
 * citeids.h: the ids that HTML pages give citation markers, one scheme for
 * every view, so that `read` and `cite` name a citation alike: "cite-N-K"
 * is the K-th citation of reference N in the record set's citations (text
 * order, the infobox's first), 1-based.  Owned by citeids.c.
 */
#ifndef MSSDOC_CITEIDS_H
#define MSSDOC_CITEIDS_H

#include <stddef.h>

#include "mssdoc/records.h"

typedef struct citeids citeids;

/* Returns the ordinals of every marker of rs (which must outlive it); free
 * it with citeids_free(). */
citeids *citeids_build(const mssdoc_records *rs);

/* Returns K of marker j of paragraph para (an element of rs's paragraphs),
 * or 0 when no citation record is that marker's. */
int citeids_paragraph(const citeids *c, const mssdoc_paragraph *para, size_t j);

/* Returns K of marker j of infobox item it (an element of rs's infobox),
 * or 0. */
int citeids_infobox(const citeids *c, const mssdoc_infobox_item *it, size_t j);

/* Returns the id "cite-N-K" of reference n's K-th citation in a new string
 * that the caller frees, or NULL when k is 0. */
char *citeids_id(int n, int k);

/* Frees c; NULL is a no-op. */
void citeids_free(citeids *c);

#endif
