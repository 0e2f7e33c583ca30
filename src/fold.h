/* fold.h: text folded for matching: case- and diacritic-insensitive
 * ("Guójiā Ānquán Bù" -> "guojia anquan bu").  Owned by fold.c. */
#ifndef MSSDOC_FOLD_H
#define MSSDOC_FOLD_H

#include <stddef.h>

/* Returns s folded: NFKD, combining marks stripped, case-folded.  Invalid
 * UTF-8 yields a byte-wise lower-cased copy.  The caller frees the result. */
char *fold_text(const char *s);

/* Like fold_text, and *map (malloc'd, caller frees) receives for every byte
 * of the result the byte offset in s of the character it came from, plus
 * one extra entry = strlen(s), so a match in the folded text can be mapped
 * back to the original (for highlighting). */
char *fold_text_map(const char *s, size_t **map);

/* Returns 1 if needle (already folded) occurs in s once s is folded. */
int fold_contains(const char *s, const char *folded_needle);

#endif
