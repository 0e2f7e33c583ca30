/*
 * table.h: the table model of a view, and its serializations.
 *
 * A view is a cmark document; a table in it is a CMARK_NODE_CUSTOM_BLOCK
 * whose user_data points to a table that the node owns.  cmark does not
 * free user_data, so a view tree is freed with view_doc_free().  Before
 * cmark renders a view as markdown, html or man, table_prepare() stores the
 * table's serialization for that format as the node's on_enter literal;
 * the text renderer calls table_text() itself.  Private to src/.
 */
#ifndef MSSDOC_TABLE_H
#define MSSDOC_TABLE_H

#include <stddef.h>

#include <cmark.h>

typedef struct table table;

/* Returns a new table of ncols columns titled by headers (ncols strings,
 * copied; a NULL array or entry is ""); free it with table_free(). */
table *table_new(size_t ncols, const char *const *headers);

/* Appends a row of ncols cells to t; the strings are copied, NULL is "". */
void table_add_row(table *t, const char *const *cells);

/* Gives row `row` (0-based, the header not counted) the id `id` (copied;
 * NULL: none) in HTML, where <tr id="..."> is a link target. */
void table_set_row_id(table *t, size_t row, const char *id);

/* Returns the number of columns of t. */
size_t table_ncols(const table *t);

/* Returns the number of rows of t, the header row not counted. */
size_t table_nrows(const table *t);

/* Returns the header of column col, owned by t. */
const char *table_header(const table *t, size_t col);

/* Returns the cell at row, col, owned by t. */
const char *table_cell(const table *t, size_t row, size_t col);

/* Frees t and every string in it; NULL is allowed. */
void table_free(table *t);

/* Returns a new custom block node that owns t: view_doc_free() on the
 * tree it joins, or on the node itself, frees both. */
cmark_node *table_node_new(table *t);

/* Returns the table that node carries, or NULL if node is not a table. */
table *table_of_node(cmark_node *node);

/* Frees every table in the tree rooted at doc, then the tree. */
void view_doc_free(cmark_node *doc);

/* Sets the on_enter literal of every table node under doc to the table in
 * format "markdown" (a GFM pipe table), "html" (a <table>) or "man" (one
 * tagged paragraph per row); any other format clears it. */
void table_prepare(cmark_node *doc, const char *format);

/* Returns t as a GFM pipe table, one line per row; the caller frees it. */
char *table_markdown(const table *t);

/* Returns t as an HTML <table>; the caller frees it. */
char *table_html(const table *t);

/* Returns t as man(7) requests, one .TP paragraph per row; the caller
 * frees it. */
char *table_man(const table *t);

/* Returns t as terminal text at most width columns wide (width < 10 counts
 * as 10): aligned columns wrapping inside their cells, the header in bold
 * if color, or one "Header: value" block per row when the columns would be
 * too narrow; every line ends in a newline; the caller frees it. */
char *table_text(const table *t, int width, int color);

#endif
