/*
 * render_text.h: mssdoc's terminal renderer of a view (a cmark document
 * whose tables are custom blocks, see table.h).  Private to src/.
 */
#ifndef MSSDOC_RENDER_TEXT_H
#define MSSDOC_RENDER_TEXT_H

#include <cmark.h>

/* Returns doc as terminal text, prose wrapped to prose_width display
 * columns and tables laid out in width (less than 20 counts as 20), with
 * SGR bold/underline/colour if color (every line then ends with a reset)
 * and none otherwise; control characters in the tree are dropped.  The
 * caller frees the result. */
char *render_text(cmark_node *doc, int width, int prose_width, int color);

#endif
