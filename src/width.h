/*
 * width.h: display width of UTF-8 text on a terminal (East Asian wide
 * characters take two columns, combining marks none, an invalid byte one)
 * and terminal-safe copies of untrusted text.  Private to src/.
 */
#ifndef MSSDOC_WIDTH_H
#define MSSDOC_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the character at s (len > 0 bytes); stores its code point, or -1
 * for an invalid byte, in *cp and returns how many bytes it takes (>= 1). */
size_t width_decode(const char *s, size_t len, int32_t *cp);

/* Returns the columns code point cp takes: 0, 1 or 2; -1 (invalid) is 1. */
int width_cp(int32_t cp);

/* Returns the display width in columns of the len bytes at s. */
size_t width_of(const char *s, size_t len);

/* Returns the display width of the NUL-terminated string s. */
size_t width_str(const char *s);

/* Returns the largest byte offset at which the first len bytes of s take
 * at most cols columns, never splitting a character and keeping the
 * zero-width characters that follow the last one taken. */
size_t width_offset(const char *s, size_t len, size_t cols);

/* Where a line of at most cols columns ends in s, wrapped at spaces:
 * all of s if it fits, else the last space within cols columns, else (a
 * word longer than the line) cols columns' worth and at least one byte.
 * Returns the byte offset; the caller skips the spaces after it. */
size_t width_wrap(const char *s, size_t cols);

/* Returns 1 if cp is a control character mssdoc never prints: C0 but for
 * tab and newline, DEL, C1 (ESC included), or a bidi embedding, override
 * or isolate (U+202A-U+202E, U+2066-U+2069), which would reorder the text
 * around it on the terminal. */
int width_is_control(int32_t cp);

/* Returns 1 if cp is U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR,
 * which text output shows as white space: lines are the renderer's. */
int width_is_separator(int32_t cp);

/* Returns a copy of the len bytes at s with control characters dropped,
 * invalid bytes replaced by U+FFFD, U+2028 and U+2029 turned into
 * newlines and, if flatten, tabs, CR, newlines and those two into spaces;
 * the caller frees it. */
char *width_clean(const char *s, size_t len, int flatten);

/* The most characters of a user's argument that width_quote keeps. */
#define WIDTH_QUOTE_MAX 80

/* Returns s, a user's argument, as an error message quotes it: cut after
 * WIDTH_QUOTE_MAX characters (at a character boundary) with an ellipsis,
 * control, bidi and separator characters and invalid bytes shown as
 * escapes (\n, \x1B, \u202E, \xFF); the caller frees it. */
char *width_quote(const char *s);

/* How many width_arg copies live at once. */
#define WIDTH_ARG_SLOTS 4

/* width_quote for a message's arguments: the copy is width.c's, and lives
 * until WIDTH_ARG_SLOTS more calls or width_arg_free(). */
const char *width_arg(const char *s);

/* Frees the copies width_arg holds (main.c, before it exits). */
void width_arg_free(void);

#endif
