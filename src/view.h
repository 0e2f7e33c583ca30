/*
 * view.h: building a view (a cmark document) and rendering it in one of the
 * human formats.  Every human view is built once with these calls and then
 * rendered: markdown, html and man by cmark's own renderers, text by
 * render_text.c.  Owned by view.c.
 */
#ifndef MSSDOC_VIEW_H
#define MSSDOC_VIEW_H

#include <cmark.h>

#include "table.h"
#include "view_html.h"

/* Returns a new empty document; free it with view_doc_free() (table.h). */
cmark_node *view_new(void);

/* Appends a heading of the given level (1-6) holding literal text; returns
 * the heading, owned by the document. */
cmark_node *view_heading(cmark_node *doc, int level, const char *text);

/* Appends a paragraph holding literal text (no markdown is parsed in it);
 * returns it, owned by the document. */
cmark_node *view_paragraph(cmark_node *parent, const char *text);

/* Appends a block of raw HTML (an inline SVG chart) to parent; the html
 * and markdown renderers copy it as it is, text and man leave it out.
 * Returns it, owned by the document. */
cmark_node *view_html_block(cmark_node *parent, const char *html);

/* Appends literal text / strong text / emphasised text / inline code to an
 * inline container (a paragraph, heading or emphasis); returns the new node. */
cmark_node *view_text(cmark_node *inl, const char *text);
cmark_node *view_strong(cmark_node *inl, const char *text);
cmark_node *view_emph(cmark_node *inl, const char *text);
cmark_node *view_code(cmark_node *inl, const char *text);

/* Appends a block quote / bullet list (ordered if ordered) to parent; returns it. */
cmark_node *view_block_quote(cmark_node *parent);
cmark_node *view_list(cmark_node *parent, int ordered);

/* Appends an item holding one paragraph of literal text to a list; returns
 * the paragraph so that more inlines can be added. */
cmark_node *view_item(cmark_node *list, const char *text);

/* Appends a table to parent; the document takes ownership of t. */
void view_table(cmark_node *parent, table *t);

/* Returns 1 if format is a human view format: text, markdown, html, man. */
int view_is_format(const char *format);

/* Renders doc as format ("text", "markdown", "html" or "man"), text with
 * tables at width columns and prose wrapped at prose_width, with SGR colour
 * if color (text only); title names the page (the HTML <title>, the man
 * page's .TH).  Returns a malloc'd string; the caller frees it. */
char *view_render(cmark_node *doc, const char *format, int width,
                  int prose_width, int color, const char *title);

/* Renders doc as a standalone HTML page (view_html.h says what o holds).
 * Returns a malloc'd string; the caller frees it. */
char *view_render_html(cmark_node *doc, const view_html_opts *o);

#endif
