/* view.c: view documents, and the dispatch from a format to its renderer. */
#include "view.h"

#include <stdlib.h>
#include <string.h>

#include "mssdoc/mssdoc.h"
#include "render_text.h"
#include "roff.h"
#include "util.h"
#include "view_marks.h"

cmark_node *view_new(void) { return cmark_node_new(CMARK_NODE_DOCUMENT); }

static cmark_node *S_append(cmark_node *parent, cmark_node_type type) {
  cmark_node *n = cmark_node_new(type);
  cmark_node_append_child(parent, n);
  return n;
}

cmark_node *view_text(cmark_node *inl, const char *text) {
  cmark_node *t = S_append(inl, CMARK_NODE_TEXT);
  cmark_node_set_literal(t, text);
  return t;
}

cmark_node *view_heading(cmark_node *doc, int level, const char *text) {
  cmark_node *h = S_append(doc, CMARK_NODE_HEADING);
  cmark_node_set_heading_level(h, level < 1 ? 1 : level > 6 ? 6 : level);
  view_text(h, text);
  return h;
}

cmark_node *view_paragraph(cmark_node *parent, const char *text) {
  cmark_node *p = S_append(parent, CMARK_NODE_PARAGRAPH);
  if (text && *text)
    view_text(p, text);
  return p;
}

cmark_node *view_html_block(cmark_node *parent, const char *html) {
  cmark_node *n = S_append(parent, CMARK_NODE_HTML_BLOCK);
  cmark_node_set_literal(n, html);
  return n;
}

static cmark_node *S_wrapped(cmark_node *inl, cmark_node_type type,
                             const char *text) {
  cmark_node *w = S_append(inl, type);
  view_text(w, text);
  return w;
}

cmark_node *view_strong(cmark_node *inl, const char *text) {
  return S_wrapped(inl, CMARK_NODE_STRONG, text);
}

cmark_node *view_emph(cmark_node *inl, const char *text) {
  return S_wrapped(inl, CMARK_NODE_EMPH, text);
}

cmark_node *view_code(cmark_node *inl, const char *text) {
  cmark_node *c = S_append(inl, CMARK_NODE_CODE);
  cmark_node_set_literal(c, text);
  return c;
}

cmark_node *view_block_quote(cmark_node *parent) {
  return S_append(parent, CMARK_NODE_BLOCK_QUOTE);
}

cmark_node *view_list(cmark_node *parent, int ordered) {
  cmark_node *l = S_append(parent, CMARK_NODE_LIST);
  cmark_node_set_list_type(l, ordered ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST);
  cmark_node_set_list_tight(l, 1);
  if (ordered)
    cmark_node_set_list_start(l, 1);
  return l;
}

cmark_node *view_item(cmark_node *list, const char *text) {
  cmark_node *item = S_append(list, CMARK_NODE_ITEM);
  return view_paragraph(item, text);
}

void view_table(cmark_node *parent, table *t) {
  cmark_node_append_child(parent, table_node_new(t));
}

int view_is_format(const char *format) {
  return strcmp(format, "text") == 0 || strcmp(format, "markdown") == 0 ||
         strcmp(format, "html") == 0 || strcmp(format, "man") == 0;
}

/* The man page header: a short page name, the view's title in the centre
 * (man prints the name twice on one line; a long title there overlaps). */
static void S_man_header(buf *b, const char *title) {
  buf_printf(b, ".TH \"MSSDOC\" \"7\" \"%s\" \"mssdoc %s\" \"",
             MSSDOC_VERSION_DATE, MSSDOC_VERSION);
  for (const char *p = title; *p; p++) {
    if (*p == '"')
      buf_puts(b, "\\(dq");
    else if (*p == '\\')
      buf_puts(b, "\\e");
    else
      buf_putc(b, *p);
  }
  buf_puts(b, "\"\n");
}

char *view_render_html(cmark_node *doc, const view_html_opts *o) {
  table_prepare(doc, "html");
  view_marks_prepare(doc, "html");
  char *body = cmark_render_html(doc, CMARK_OPT_UNSAFE);
  char *page = view_html_page(body, o);
  free(body);
  return page;
}

char *view_render(cmark_node *doc, const char *format, int width,
                  int prose_width, int color, const char *title) {
  if (strcmp(format, "html") == 0) {
    view_html_opts ho = {title, NULL, NULL};
    return view_render_html(doc, &ho);
  }
  view_marks_prepare(doc, format);
  if (strcmp(format, "text") == 0)
    return render_text(doc, width, prose_width, color);
  table_prepare(doc, format);
  buf b = {0};
  char *body;
  if (strcmp(format, "markdown") == 0) {
    body = cmark_render_commonmark(doc, CMARK_OPT_UNSAFE, 0);
    buf_puts(&b, body);
  } else {
    body = cmark_render_man(doc, CMARK_OPT_UNSAFE, 0);
    S_man_header(&b, title);
    buf_puts(&b, body);
    free(body);
    body = buf_take(&b); /* made clean for groff -ww and mandoc -T lint: */
    buf_put_owned(&b, roff_clean(body));
  }
  free(body);
  return buf_take(&b);
}
