/* cmd_toc.c: `mssdoc toc`: the table of contents, numbered as `read`
 * takes them, with inferred sections marked. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "toc.h"
#include "view_marks.h"

static const char *const S_formats[] = {"text", "markdown", "html",
                                        "man",  "json",     NULL};

/* Appends the contents as a JSON array of sections with their numbers. */
static void S_json(const toc *t, cmd_result *res) {
  json_t *a = json_array();
  for (size_t i = 0; i < t->count; i++) {
    const toc_entry *e = &t->items[i];
    json_t *o = json_object();
    json_object_set_new(o, "number", json_string(e->number));
    json_object_set_new(o, "id", json_string(e->sec->id));
    json_object_set_new(o, "title", json_string(e->sec->title));
    json_object_set_new(o, "inferred", json_boolean(e->sec->inferred));
    json_object_set_new(o, "parent",
                        e->sec->parent ? json_string(e->sec->parent)
                                       : json_null());
    json_object_set_new(o, "line", json_integer(e->sec->line));
    json_object_set_new(o, "depth", json_integer(e->depth));
    json_array_append_new(a, o);
  }
  cmd_emit_json(a, res);
}

/* Returns the contents as a view: nested lists, one item per section. */
static cmark_node *S_view(const mssdoc_records *rs, const toc *t) {
  cmark_node *doc = view_new();
  view_heading(doc, 1, rs->article.title ? rs->article.title : "Contents");
  /* lists[d] is the open list of depth d + 1, items[d] its last item. */
  enum { MAXD = 16 };
  cmark_node *lists[MAXD] = {0}, *items[MAXD] = {0};
  for (size_t i = 0; i < t->count; i++) {
    const toc_entry *e = &t->items[i];
    int d = e->depth > MAXD ? MAXD - 1 : e->depth - 1;
    if (d > 0 && !items[d - 1])
      d = 0;
    if (!lists[d])
      lists[d] = view_list(d ? items[d - 1] : doc, 0);
    cmark_node *para = view_item(lists[d], e->number);
    view_anchor(para, e->sec->id); /* the id read -f html gives it */
    items[d] = cmark_node_parent(para);
    for (int k = d + 1; k < MAXD; k++)
      lists[k] = items[k] = NULL;
    view_text(para, " ");
    view_text(para, e->sec->title);
    if (e->sec->inferred) {
      view_text(para, " ");
      view_emph(para, TOC_LOST_MARK);
    }
  }
  return doc;
}

int cmd_toc(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  (void)argv;
  if (argc > 1)
    return cmd_fail(res, "toc takes no arguments; usage: mssdoc toc");
  const char *format = cmd_format(o, res, "toc", "text", S_formats);
  if (!format)
    return 2;
  mssdoc_records *rs = cmd_load(o, res);
  if (!rs)
    return 2;
  toc *t = toc_build(rs);
  if (strcmp(format, "json") == 0) {
    S_json(t, res);
  } else {
    cmd_emit_view(o, res, format, rs, S_view(rs, t), "Contents");
  }
  toc_free(t);
  mssdoc_records_free(rs);
  return 0;
}
