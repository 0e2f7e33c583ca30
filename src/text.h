/*
 * text.h: raw article bytes -> clean UTF-8 lines, and inline markup of a
 * line (citation markers, maintenance tags) -> clean text.  Owned by text.c.
 */
#ifndef MSSDOC_TEXT_H
#define MSSDOC_TEXT_H

#include <stddef.h>

#include "mssdoc/records.h"

typedef struct {
  char **lines; /* clean UTF-8, no line terminator; point into bytes */
  size_t count;
  char *bytes; /* every line, each followed by a NUL; owned */
} text_lines;

/* Splits raw bytes into lines: drops a UTF-8 byte-order mark, accepts LF,
 * CRLF and CR line ends, replaces invalid UTF-8, NUL and other control
 * bytes (tab becomes a space) with U+FFFD and adds a "bad-bytes" diagnostic
 * to rs for each line where it did.  The caller frees with text_lines_free. */
text_lines text_split(const char *data, size_t len, mssdoc_records *rs);

/* Frees the lines. */
void text_lines_free(text_lines *tl);

/* Removes citation markers "[N]" and maintenance tags ("[citation needed]",
 * "[who?]") from s[0..n): returns the clean text (malloc'd, caller frees),
 * appends the markers' numbers to refs and the tags' words to tags (either
 * may be NULL). */
char *text_clean(const char *s, size_t n, mssdoc_ints *refs, mssdoc_strs *tags);

/* Like text_clean, and appends to offsets and tag_offsets (either may be
 * NULL) the byte offset in the clean text at which each citation marker,
 * and each tag, stood. */
char *text_clean_at(const char *s, size_t n, mssdoc_ints *refs,
                    mssdoc_ints *offsets, mssdoc_strs *tags,
                    mssdoc_ints *tag_offsets);

/* Returns 1 if the line is empty or only white space. */
int text_is_blank(const char *s);

#endif
