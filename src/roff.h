/*
 * roff.h: roff as cmark's man renderer writes it, made into a page that
 * groff and mandoc read without a warning.  Owned by roff.c; used by the
 * views (view.c) and the man page build tool (mkman.c).
 */
#ifndef MSSDOC_ROFF_H
#define MSSDOC_ROFF_H

/* The longest input text line mandoc -T lint accepts without a note. */
#define ROFF_LINE_MAX 80

/* Returns the page roff (what cmark_render_man writes, after a .TH line)
 * made clean for groff -ww and mandoc -T lint: every non-ASCII character
 * as \[uXXXX] (invalid UTF-8 as U+FFFD, control characters dropped), each
 * with a fallback (.char, its letters without accents or "?") for a
 * device whose fonts lack it; a .PP right after a heading dropped; the
 * font \f[C] as \f[CR]; a heading's text on its macro line; text lines in
 * fill mode broken at spaces to at most ROFF_LINE_MAX bytes.  A new
 * string; the caller frees it. */
char *roff_clean(const char *roff);

#endif
