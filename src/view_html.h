/*
 * view_html.h: a view as a standalone HTML page: the page around cmark's
 * HTML of the view, its title and style (light and dark), and the links
 * that only the whole page can make: the ids of the view's anchors, every
 * citation marker linked to its reference (the references a page cites
 * but does not list appended to it), each reference's links back to its
 * citations, the contents of a page of sections, and lang="zh" on Chinese
 * text.  Every href="#x" it leaves has its id="x" on the page.  Owned by
 * view_html.c.
 */
#ifndef MSSDOC_VIEW_HTML_H
#define MSSDOC_VIEW_HTML_H

typedef struct {
  const char *title; /* the page's <title> */
  /* The text of reference n (owned by data), or NULL if there is none: a
   * page that cites n without listing it lists it at its end.  NULL: no
   * reference is added. */
  const char *(*ref_text)(const void *data, int n);
  const void *data;
} view_html_opts;

/* Returns the page around body, the HTML of a view whose marks are
 * prepared (view_marks.h); the caller frees it. */
char *view_html_page(const char *body, const view_html_opts *o);

#endif
