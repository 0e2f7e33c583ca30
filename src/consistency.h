/* consistency.h: what an article contradicts within itself, found once its
 * records are made: a name spelt differently from the heads tables', a
 * caption that gives a head another term.  Owned by consistency.c. */
#ifndef MSSDOC_CONSISTENCY_H
#define MSSDOC_CONSISTENCY_H

#include "mssdoc/mssdoc.h"

/* Adds to rs a diagnostic "name-variant" for each name in a paragraph
 * that is one or two letters away from a name of the heads tables (and is
 * not one), and "term-mismatch" for each caption that gives a head of the
 * tables a span of years that none of their terms has.  Names are checked
 * only while the tables hold at most 256 office holders (an article's hold
 * dozens), so that the check stays linear in the text. */
void consistency_check(mssdoc_records *rs);

#endif
