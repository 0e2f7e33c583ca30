/*
 * cmd_chart.c: `mssdoc chart heads|timeline|incidents|references`: the
 * heads tables, the dated events or the references by year of publication
 * as a picture: -f text (the default: Unicode blocks
 * on a box-drawing axis), svg (a standalone SVG 1.1 file) or html (a page
 * with the SVG inline).  The models and drawings are chart*.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "cli.h"
#include "suggest.h"
#include "width.h"

static const char *const FORMATS[] = {"text", "svg", "html", NULL};
static const char *const KINDS[] = {"heads", "timeline", "incidents",
                                    "references", NULL};

/* Writes one chart: svg (standalone), html (a page with the svg inline)
 * or the terminal text, from the already drawn pieces. */
static void S_emit(const cli_opts *o, cmd_result *res, const char *format,
                   const mssdoc_records *rs, const char *title, char *svg,
                   char *text) {
  if (strcmp(format, "svg") == 0) {
    buf_put_owned(&res->out, svg);
    svg = NULL;
  } else if (strcmp(format, "html") == 0) {
    cmark_node *doc = view_new();
    view_heading(doc, 1, title);
    view_html_block(doc, svg);
    cmd_emit_view(o, res, "html", rs, doc, title);
  } else {
    buf_put_owned(&res->out, text);
    text = NULL;
  }
  free(svg);
  free(text);
}

int cmd_chart(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  if (argc != 2) {
    if (argc > 2)
      return cmd_fail(res,
                      "chart takes one of heads, timeline, incidents, "
                      "references, not '%s'",
                      width_arg(argv[2]));
    return cmd_fail(res, "chart needs what to draw: heads, timeline, "
                         "incidents or references");
  }
  size_t kind;
  for (kind = 0; KINDS[kind] && strcmp(KINDS[kind], argv[1]) != 0; kind++)
    ;
  const char *near = KINDS[kind] ? NULL : suggest_closest(argv[1], KINDS);
  if (near)
    return cmd_fail(res, "unknown chart '%s'; did you mean '%s'?",
                    width_arg(argv[1]), near);
  if (!KINDS[kind])
    return cmd_fail(res,
                    "no chart '%s'; charts: heads, timeline, incidents, "
                    "references",
                    width_arg(argv[1]));
  const char *format = cmd_format(o, res, "chart", "text", FORMATS);
  if (!format)
    return 2;
  mssdoc_records *rs = cmd_load(o, res);
  if (!rs)
    return 2;
  int text = strcmp(format, "text") == 0, rc = 0;
  size_t skipped = 0;
  if (kind == 0) {
    chart_heads *c = chart_heads_build(rs, NULL, &skipped);
    if (!c->nbars) {
      buf_printf(&res->diag, "mssdoc: no agency heads with dates to draw\n");
      rc = 1;
    } else {
      const char *title = "Agency heads";
      S_emit(o, res, format, rs, title,
             text ? NULL : chart_svg_heads(rs, c, title, strcmp(format, "svg")),
             text ? chart_text_heads(rs, c, title, o->width, o->color) : NULL);
    }
    chart_heads_free(c);
  } else {
    int inc = kind == 2;
    chart_events *c = kind == 3
                          ? chart_references_build(rs)
                          : chart_events_build(rs, NULL, 0, inc, &skipped);
    if (!c->nmarks) {
      buf_printf(&res->diag, "mssdoc: no %s with dates to draw\n",
                 chart_events_what(c));
      rc = 1;
    } else {
      const char *title = kind == 3 ? "References by year of publication"
                          : inc     ? "Incidents per year"
                                    : "Timeline: events per year";
      S_emit(o, res, format, rs, title,
             text ? NULL
                  : chart_svg_events(rs, c, title, strcmp(format, "svg")),
             text ? chart_text_events(rs, c, title, o->width, o->color) : NULL);
    }
    chart_events_free(c);
  }
  if (skipped)
    buf_printf(&res->diag,
               "mssdoc: %zu record%s left out: %s date%s not "
               "EDTF\n",
               skipped, skipped == 1 ? "" : "s", skipped == 1 ? "its" : "their",
               skipped == 1 ? " is" : "s are");
  mssdoc_records_free(rs);
  return rc;
}
