/* cmd_common.c: what every command shares. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "width.h"

int cmd_fail(cmd_result *res, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  free(res->err);
  res->err = xmalloc((size_t)(n > 0 ? n : 0) + 1);
  va_start(ap, fmt);
  vsnprintf(res->err, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
  va_end(ap);
  return 2;
}

mssdoc_records *cmd_load(const cli_opts *o, cmd_result *res) {
  char *err = NULL;
  mssdoc_records *rs = mssdoc_load(o->data, &err);
  if (!rs) {
    cmd_fail(res, "%s", err ? err : "cannot load the record set");
    free(err);
  }
  return rs;
}

const char *cmd_format(const cli_opts *o, cmd_result *res, const char *view,
                       const char *def, const char *const *allowed) {
  const char *f = o->format ? o->format : def;
  buf names = {0};
  for (size_t i = 0; allowed[i]; i++) {
    if (strcmp(f, allowed[i]) == 0) {
      buf_free(&names);
      return f;
    }
    buf_printf(&names, "%s%s", i ? ", " : "", allowed[i]);
  }
  cmd_fail(res, "%s cannot be written as %s; formats: %s", view, width_arg(f),
           names.data);
  buf_free(&names);
  return NULL;
}

/* The text of reference n of rs (data), or NULL (view_html_opts). */
static const char *S_ref_text(const void *data, int n) {
  const mssdoc_reference *r = mssdoc_records_reference(data, n);
  return r ? r->text ? r->text : "" : NULL;
}

void cmd_emit_view(const cli_opts *o, cmd_result *res, const char *format,
                   const mssdoc_records *rs, cmark_node *doc,
                   const char *title) {
  if (rs) {
    char *line = mssdoc_revision_line(rs);
    cmark_node *first = cmark_node_first_child(doc);
    cmark_node *p = view_paragraph(doc, NULL);
    view_emph(p, line);
    free(line);
    cmark_node_unlink(p);
    if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING)
      cmark_node_insert_after(first, p);
    else if (first)
      cmark_node_insert_before(first, p);
    else
      cmark_node_append_child(doc, p);
  }
  if (strcmp(format, "html") == 0) {
    /* the page names the article, and the view unless it is the article */
    const char *article = rs ? rs->article.title : NULL;
    char *t = article && strcmp(title, article) != 0
                  ? xasprintf("%s \xE2\x80\x94 %s", title, article)
                  : xstrdup(title);
    view_html_opts ho = {t, rs ? S_ref_text : NULL, rs};
    buf_put_owned(&res->out, view_render_html(doc, &ho));
    free(t);
  } else {
    buf_put_owned(&res->out, view_render(doc, format, o->width, o->prose_width,
                                         o->color, title));
  }
  view_doc_free(doc);
}

void cmd_emit_records(const mssdoc_records *rs, const char *key,
                      const char *format, const int *keep, cmd_result *res) {
  char *out = strcmp(format, "json") == 0
                  ? mssdoc_json_write_part(rs, key, keep)
                  : mssdoc_xml_write_part(rs, key, keep);
  buf_put_owned(&res->out, out);
}

static void S_csv_field(buf *b, const char *s) {
  if (!strpbrk(s, ",\"\n\r")) {
    buf_puts(b, s);
    return;
  }
  buf_putc(b, '"');
  for (; *s; s++) {
    if (*s == '"')
      buf_putc(b, '"');
    buf_putc(b, *s);
  }
  buf_putc(b, '"');
}

void cmd_emit_csv(const table *t, cmd_result *res) {
  size_t nc = table_ncols(t);
  for (size_t c = 0; c < nc; c++) {
    if (c)
      buf_putc(&res->out, ',');
    S_csv_field(&res->out, table_header(t, c));
  }
  buf_puts(&res->out, "\r\n");
  for (size_t r = 0; r < table_nrows(t); r++) {
    for (size_t c = 0; c < nc; c++) {
      if (c)
        buf_putc(&res->out, ',');
      S_csv_field(&res->out, table_cell(t, r, c));
    }
    buf_puts(&res->out, "\r\n");
  }
}

size_t cmd_emit_records_csv(const mssdoc_records *rs, const char *key,
                            const int *keep, const cmd_csv_column *extra,
                            cmd_result *res) {
  const mssdoc_rtype *t = mssdoc_rtype_find(key);
  /* the columns: the shown fields in CSV order that some record uses (an
   * optional field nobody sets is left out), NULL standing for extra */
  const mssdoc_field *order[MSSDOC_MAX_FIELDS], *cols[MSSDOC_MAX_FIELDS + 1];
  const char *cells[MSSDOC_MAX_FIELDS + 1];
  size_t nf = mssdoc_fields_ordered(t, MSSDOC_CSV_LAST, order), nc = 0,
         rows = 0;
  const void *all;
  size_t nall = mssdoc_records_group(rs, t, &all);
  for (size_t i = 0; i < nf; i++) {
    const mssdoc_field *f = order[i];
    if (!(f->flags & MSSDOC_HIDDEN) && mssdoc_field_used(t, all, nall, f)) {
      cells[nc] = f->name;
      cols[nc++] = f;
    }
    if (extra && strcmp(f->name, extra->after) == 0) {
      cells[nc] = extra->name;
      cols[nc++] = NULL;
    }
  }
  table *tb = table_new(nc, cells);
  const void *items;
  size_t n = mssdoc_records_group(rs, t, &items);
  for (size_t r = 0; r < n; r++) {
    if (keep && !keep[r])
      continue;
    const void *rec = mssdoc_record_at(t, items, r);
    for (size_t c = 0; c < nc; c++)
      cells[c] = cols[c] ? mssdoc_field_cell(cols[c], rec)
                         : extra->cell(rec, extra->ctx);
    table_add_row(tb, cells);
    for (size_t c = 0; c < nc; c++)
      free((char *)cells[c]);
    rows++;
  }
  cmd_emit_csv(tb, res);
  table_free(tb);
  return rows;
}

void cmd_put_json(buf *b, json_t *v) {
  char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                              JSON_REAL_PRECISION(4));
  buf_puts(b, s ? s : json_is_object(v) ? "{}" : "[]");
  buf_putc(b, '\n');
  free(s);
  json_decref(v);
}

void cmd_emit_json(json_t *v, cmd_result *res) { cmd_put_json(&res->out, v); }

/* The label cell of infobox item it: its label, or what it is when the
 * infobox gives it none. */
const char *cmd_infobox_label(const mssdoc_infobox_item *it) {
  static const char *const KINDS[][2] = {{"native_name", "(native name)"},
                                         {"caption", "(image caption)"},
                                         {"header", "(heading)"}};
  if (it->label && *it->label)
    return it->label;
  for (size_t k = 0; it->kind && k < sizeof KINDS / sizeof *KINDS; k++)
    if (strcmp(it->kind, KINDS[k][0]) == 0)
      return KINDS[k][1];
  return "\xE2\x80\x94";
}
