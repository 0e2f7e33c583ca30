/*
 * chart_svg.c: the chart models as SVG 1.1.  Text stays text (titles,
 * labels, axis years, a legend), every bar and mark carries a <title>
 * tooltip, the document a <title> and <desc>.  Colours are Okabe and
 * Ito's colour-blind-safe palette; what must survive greyscale printing
 * (notes, incidents, vacancies) also differs in pattern or outline.  The
 * drawing is 900 units wide, printed 190 mm wide (an A4 page with
 * margins, 718 px on a 96-dpi screen).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "humandate.h"
#include "util.h"
#include "width.h"

#define W 900.0
#define PRINT_MM 190.0
#define ROW 18.0
#define GROUP_ROW 22.0

static const char *const PALETTE[] = {"#0072B2", "#E69F00", "#009E73",
                                      "#CC79A7", "#56B4E9", "#D55E00"};
#define NPAL (sizeof PALETTE / sizeof *PALETTE)
#define GREY "#767676"


/* Appends s cut to cols display columns ("…" marking the cut), escaped. */
static void S_esc_cut(buf *b, const char *s, size_t cols) {
  size_t len = strlen(s);
  if (width_of(s, len) <= cols) {
    buf_put_xml(b, s);
    return;
  }
  char *cut = xstrndup(s, width_offset(s, len, cols - 1));
  buf_put_xml(b, cut);
  buf_puts(b, "\xe2\x80\xa6");
  free(cut);
}

/* Opens the document: prolog (standalone only), <svg>, <title>, <desc>. */
static void S_open(buf *b, double h, const char *title, const char *desc,
                   int inline_svg) {
  if (!inline_svg)
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  buf_printf(b,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
             "width=\"%.0fmm\" height=\"%.1fmm\" viewBox=\"0 0 %.0f %.0f\" "
             "font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" "
             "font-size=\"12\">\n<title>",
             PRINT_MM, h * PRINT_MM / W, W, h);
  buf_put_xml(b, title);
  buf_puts(b, "</title>\n<desc>");
  buf_put_xml(b, desc);
  buf_puts(b, "</desc>\n"
              "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" "
              "patternUnits=\"userSpaceOnUse\" "
              "patternTransform=\"rotate(45)\"><rect width=\"3\" "
              "height=\"6\" fill=\"#ffffff\" fill-opacity=\"0.6\"/>"
              "</pattern></defs>\n"
              "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
}

/* The heading: title and one line saying what the chart shows. */
static void S_heading(buf *b, const char *title, const char *sub) {
  buf_puts(b, "<text x=\"12\" y=\"26\" font-size=\"17\" "
              "font-weight=\"bold\">");
  buf_put_xml(b, title);
  buf_puts(b,
           "</text>\n<text x=\"12\" y=\"44\" font-size=\"11\" fill=\"#333\">");
  buf_put_xml(b, sub);
  buf_puts(b, "</text>\n");
}

/* A legend entry at (x, y): a swatch (fill, hatched, or dashed outline
 * when fill is NULL) and its words; returns the x after it. */
static double S_legend(buf *b, double x, double y, const char *fill, int hatch,
                       const char *words) {
  if (fill)
    buf_printf(b,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"10\" "
               "fill=\"%s\"/>",
               x, y - 9, fill);
  else
    buf_printf(b,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"10\" "
               "fill=\"none\" stroke=\"" GREY "\" stroke-dasharray=\"3 2\"/>",
               x, y - 9);
  if (hatch)
    buf_printf(b,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"10\" "
               "fill=\"url(#hatch)\"/>",
               x, y - 9);
  buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">", x + 21, y);
  buf_put_xml(b, words);
  buf_puts(b, "</text>\n");
  return x + 21 + 6.6 * (double)width_str(words) + 18;
}

typedef struct {
  double a0, a1, left, right; /* years a0..a1 over x left..right */
} S_axis;

static double S_x(const S_axis *ax, double year) {
  return ax->left +
         (year - ax->a0) / (ax->a1 - ax->a0) * (ax->right - ax->left);
}

/* Picks the axis's years: ticks every step from a multiple of it. */
static int S_axis_years(S_axis *ax, double lo, double hi, int max_ticks) {
  int first, step = chart_ticks(lo, hi, max_ticks, &first);
  ax->a0 = floor(lo / step + 1e-9) * step;
  ax->a1 = ceil(hi / step - 1e-9) * step;
  if (ax->a1 <= ax->a0)
    ax->a1 = ax->a0 + step;
  return step;
}

/* Draws grid lines from top to base and the year axis under them. */
static void S_year_axis(buf *b, const S_axis *ax, int step, double top,
                        double base) {
  buf_printf(b,
             "<g class=\"axis\" stroke=\"#000\">"
             "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\"/>",
             ax->left, base, ax->right, base);
  for (double y = ax->a0; y <= ax->a1 + 1e-9; y += step)
    buf_printf(b,
               "<line class=\"grid\" x1=\"%.3f\" y1=\"%.1f\" x2=\"%.3f\" "
               "y2=\"%.1f\" stroke=\"#dddddd\"/>"
               "<line x1=\"%.3f\" y1=\"%.1f\" x2=\"%.3f\" y2=\"%.1f\"/>",
               S_x(ax, y), top, S_x(ax, y), base, S_x(ax, y), base, S_x(ax, y),
               base + 5);
  buf_puts(b, "</g>\n<g font-size=\"11\" text-anchor=\"middle\">");
  for (double y = ax->a0; y <= ax->a1 + 1e-9; y += step)
    buf_printf(b, "<text class=\"year\" x=\"%.3f\" y=\"%.1f\">%.0f</text>",
               S_x(ax, y), base + 18, y);
  buf_puts(b, "</g>\n");
}

/* Wraps s into lines of at most cols columns at spaces; returns the lines
 * (each malloc'd) in *lines and their number. */
static size_t S_wrap(const char *s, size_t cols, char ***lines) {
  size_t n = 0, cap = 4;
  *lines = xmalloc(cap * sizeof **lines);
  while (*s) {
    size_t cut = width_wrap(s, cols);
    if (n == cap)
      *lines = xrealloc(*lines, (cap *= 2) * sizeof **lines);
    (*lines)[n++] = xstrndup(s, cut);
    s += cut;
    while (*s == ' ')
      s++;
  }
  return n;
}

/* ---- heads ------------------------------------------------------------- */

#define HEADS_LEFT 250.0
#define LABEL_COLS 36
#define NOTE_COLS 140

static char *S_heads_desc(const mssdoc_records *rs, const chart_heads *c) {
  buf b = {0};
  buf_printf(&b,
             "%zu terms of office in %zu agencies, one bar per term on "
             "a year axis, grouped by office in the order of the "
             "article's tables.",
             c->nterms + c->nnotes, c->ngroups);
  for (size_t g = 0; g < c->ngroups; g++) {
    const chart_group *grp = &c->groups[g];
    buf_printf(&b, " %s %s:", grp->office ? grp->office : "",
               grp->period ? grp->period : "");
    for (size_t i = grp->first; i < grp->first + grp->count; i++) {
      const chart_bar *bar = &c->bars[i];
      char *span = chart_bar_span(rs, c, bar);
      if (bar->kind == CHART_VACANCY)
        buf_printf(&b, " %s;", span);
      else
        buf_printf(&b, " %s, %s;", chart_bar_text(rs, bar), span);
      free(span);
    }
  }
  buf_printf(&b, " An incumbent's bar is drawn to %s, %s.", c->now_label,
             c->now_from);
  return buf_take(&b);
}

char *chart_svg_heads(const mssdoc_records *rs, const chart_heads *c,
                      const char *title, int inline_svg) {
  buf b = {0};
  S_axis ax = {0, 0, HEADS_LEFT, W - 24};
  int step = S_axis_years(&ax, c->lo, c->hi, 12);
  /* the rows, then the axis, then the notes' full texts */
  double top = 84, y = top;
  for (size_t g = 0; g < c->ngroups; g++)
    y += GROUP_ROW + ROW * (double)c->groups[g].count;
  double base = y + 6;
  size_t nnote_lines = 0;
  char ***notes = xcalloc(c->nbars + 1, sizeof *notes);
  size_t *nlines = xcalloc(c->nbars + 1, sizeof *nlines);
  for (size_t i = 0; i < c->nbars; i++) {
    const chart_bar *bar = &c->bars[i];
    if (bar->kind != CHART_NOTE)
      continue;
    char *span = chart_bar_span(rs, c, bar);
    char *text = xasprintf("(%c) %s: %s", 'a' + bar->note % 26, span,
                           chart_bar_text(rs, bar));
    nlines[i] = S_wrap(text, NOTE_COLS, &notes[i]);
    nnote_lines += nlines[i];
    free(text);
    free(span);
  }
  double height =
      base + 34 + (nnote_lines ? 8 + 15.0 * (double)nnote_lines : 0);

  char *desc = S_heads_desc(rs, c);
  S_open(&b, height, title, desc, inline_svg);
  free(desc);
  char *sub =
      xasprintf("%zu terms in %zu agencies, %.0f to %s (%s); from "
                "the article \"%s\"",
                c->nterms + c->nnotes, c->ngroups, floor(c->lo), c->now_label,
                c->now_from, rs->article.title ? rs->article.title : "");
  S_heading(&b, title, sub);
  free(sub);
  double lx = 12;
  lx = S_legend(&b, lx, 66, PALETTE[0], 0, "a term (colour: the agency)");
  if (c->nnotes)
    lx = S_legend(&b, lx, 66, GREY, 1, "a row that names no person (note)");
  lx = S_legend(&b, lx, 66, NULL, 0, "vacant");
  buf_printf(&b,
             "<path d=\"M%.1f 58 l10 4 l-10 4 z\" fill=\"#000\"/>"
             "<text x=\"%.1f\" y=\"66\" font-size=\"11\">incumbent, "
             "to ",
             lx, lx + 15);
  buf_put_xml(&b, c->now_label);
  buf_puts(&b, " (");
  buf_put_xml(&b, c->now_from);
  buf_puts(&b, ")</text>\n");

  S_year_axis(&b, &ax, step, top, base);
  y = top;
  for (size_t g = 0; g < c->ngroups; g++) {
    const chart_group *grp = &c->groups[g];
    const char *colour = PALETTE[(size_t)grp->colour % NPAL];
    buf_printf(&b,
               "<g class=\"agency\">\n<rect x=\"12\" y=\"%.1f\" "
               "width=\"10\" height=\"10\" fill=\"%s\"/>"
               "<text class=\"office\" x=\"28\" y=\"%.1f\" "
               "font-weight=\"bold\">",
               y + 7, colour, y + 16);
    buf_put_xml(&b, grp->office);
    if (grp->period && *grp->period) {
      buf_puts(&b, " ");
      buf_put_xml(&b, grp->period);
    }
    buf_puts(&b, "</text>\n");
    y += GROUP_ROW;
    for (size_t i = grp->first; i < grp->first + grp->count; i++, y += ROW) {
      const chart_bar *bar = &c->bars[i];
      double x0 = S_x(&ax, bar->x0), x1 = S_x(&ax, bar->x1);
      char *span = chart_bar_span(rs, c, bar);
      const char *text = chart_bar_text(rs, bar);
      buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\"%s>",
                 HEADS_LEFT - 8, y + 13,
                 bar->kind == CHART_TERM ? ""
                                         : " font-style=\"italic\" "
                                           "fill=\"#333\"");
      if (bar->kind == CHART_VACANCY)
        buf_puts(&b, "(vacant)");
      else if (bar->kind == CHART_NOTE) {
        buf_printf(&b, "(%c) ", 'a' + bar->note % 26);
        S_esc_cut(&b, text, LABEL_COLS - 4);
      } else
        S_esc_cut(&b, text, LABEL_COLS);
      buf_puts(&b, "</text>");
      static const char *const CLASS[] = {"term", "note", "vacancy"};
      buf_printf(&b,
                 "<rect class=\"%s\" x=\"%.3f\" y=\"%.1f\" "
                 "width=\"%.3f\" height=\"12\" ",
                 CLASS[bar->kind], x0, y + 3, x1 - x0);
      if (bar->kind == CHART_VACANCY)
        buf_puts(&b, "fill=\"none\" stroke=\"" GREY "\" "
                     "stroke-dasharray=\"3 2\"");
      else
        buf_printf(&b, "fill=\"%s\"", colour);
      buf_puts(&b, "><title>");
      if (*text) {
        buf_put_xml(&b, text);
        buf_puts(&b, ", ");
      }
      buf_put_xml(&b, span);
      buf_puts(&b, "</title></rect>");
      if (bar->kind == CHART_NOTE)
        buf_printf(&b,
                   "<rect class=\"hatch\" x=\"%.3f\" y=\"%.1f\" "
                   "width=\"%.3f\" height=\"12\" fill=\"url(#hatch)\" "
                   "pointer-events=\"none\"/>",
                   x0, y + 3, x1 - x0);
      if (bar->open)
        buf_printf(&b,
                   "<path d=\"M%.3f %.1f l10 6 l-10 6 z\" fill=\"#000\">"
                   "<title>incumbent</title></path>",
                   x1, y + 3);
      buf_puts(&b, "\n");
      free(span);
    }
    buf_puts(&b, "</g>\n");
  }
  double ny = base + 34 + 8;
  for (size_t i = 0; i < c->nbars; i++)
    for (size_t k = 0; k < nlines[i]; k++, ny += 15) {
      buf_printf(&b,
                 "<text class=\"note\" x=\"%s\" y=\"%.1f\" "
                 "font-size=\"11\">",
                 k ? "32" : "12", ny);
      buf_put_xml(&b, notes[i][k]);
      buf_puts(&b, "</text>\n");
      free(notes[i][k]);
    }
  for (size_t i = 0; i < c->nbars; i++)
    free(notes[i]);
  free(notes);
  free(nlines);
  buf_puts(&b, "</svg>\n");
  return buf_take(&b);
}

/* ---- events ------------------------------------------------------------ */

#define EV_LEFT 56.0
#define EV_PLOT 260.0

static const char *const EV_FILL[CHART_EV_KINDS] = {"#0072B2", "#E69F00",
                                                    "#D55E00", "#009E73"};
static const char *const EV_CLASS[CHART_EV_KINDS] = {"text", "table",
                                                     "incident", "reference"};

char *chart_svg_events(const mssdoc_records *rs, const chart_events *c,
                       const char *title, int inline_svg) {
  buf b = {0};
  S_axis ax = {0, 0, EV_LEFT, W - 20};
  int step = S_axis_years(&ax, c->y0, c->y1 + 1, 14);
  double top = 96, base = top + EV_PLOT;
  /* the count axis: whole events, a tick every cstep */
  size_t max = c->max ? c->max : 1;
  size_t cstep = max <= 10 ? 1 : max <= 20 ? 2 : max <= 50 ? 5 : 10;
  size_t cmax = (max + cstep - 1) / cstep * cstep;
  double unit = EV_PLOT / (double)cmax;
  double height = base + 40;

  const char *what = chart_events_what(c);
  buf desc = {0};
  buf_printf(&desc,
             "%zu %s per year, %d to %d, one box per %s stacked "
             "in its year's bar;",
             c->nmarks, what, c->y0, c->y1,
             c->references ? "reference, by its year of publication,"
                           : "event");
  for (int y = c->y0; y <= c->y1; y++)
    if (c->per_year[y - c->y0])
      buf_printf(&desc, " %d: %zu;", y, c->per_year[y - c->y0]);
  if (c->references)
    buf_printf(&desc, " %zu reference%s without a year left out.",
               c->undated, c->undated == 1 ? "" : "s");
  S_open(&b, height, title, desc.data, inline_svg);
  buf_free(&desc);
  char *sub =
      c->references
          ? xasprintf("%zu %s in %d\xe2\x80\x93%d, by year of publication "
                      "(%zu without a year); from the article \"%s\"",
                      c->nmarks, what, c->y0, c->y1, c->undated,
                      rs->article.title ? rs->article.title : "")
          : xasprintf("%zu %s in %d\xe2\x80\x93%d, by the year each "
                      "starts; from the article \"%s\"",
                      c->nmarks, what, c->y0, c->y1,
                      rs->article.title ? rs->article.title : "");
  S_heading(&b, title, sub);
  free(sub);
  double lx = 12;
  if (c->references) {
    char *w = xasprintf("a reference (%zu)", c->by_kind[CHART_EV_REFERENCE]);
    lx = S_legend(&b, lx, 66, EV_FILL[CHART_EV_REFERENCE], 0, w);
    free(w);
  } else if (!c->incidents) {
    char *w = xasprintf("in the text (%zu)", c->by_kind[CHART_EV_TEXT]);
    lx = S_legend(&b, lx, 66, EV_FILL[CHART_EV_TEXT], 0, w);
    free(w);
    w = xasprintf("from a heads table (%zu)", c->by_kind[CHART_EV_TABLE]);
    lx = S_legend(&b, lx, 66, EV_FILL[CHART_EV_TABLE], 0, w);
    free(w);
  }
  if (!c->references) {
    char *w = xasprintf("%s (%zu)",
                        c->incidents ? "an incident"
                                     : "in an incident's paragraph",
                        c->by_kind[CHART_EV_INCIDENT]);
    lx = S_legend(&b, lx, 66, EV_FILL[CHART_EV_INCIDENT], 1, w);
    free(w);
  }
  buf_printf(&b,
             "<text x=\"%.1f\" y=\"66\" font-size=\"11\" fill=\"#333\">"
             "hover a box for its text</text>\n",
             lx);

  buf_puts(&b, "<g class=\"counts\" font-size=\"11\" text-anchor=\"end\">");
  for (size_t k = 0; k <= cmax; k += cstep) {
    double yy = base - unit * (double)k;
    buf_printf(&b,
               "<line x1=\"%.1f\" y1=\"%.2f\" x2=\"%.1f\" y2=\"%.2f\" "
               "stroke=\"#eeeeee\"/><text x=\"%.1f\" y=\"%.2f\">%zu"
               "</text>",
               EV_LEFT, yy, ax.right, yy, EV_LEFT - 6, yy + 4, k);
  }
  buf_printf(&b,
             "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"start\">"
             "%s per year</text></g>\n",
             12.0, top - 6,
             c->references  ? "references"
             : c->incidents ? "incidents"
                            : "events");
  S_year_axis(&b, &ax, step, top, base);
  double slot = S_x(&ax, 1) - S_x(&ax, 0);
  buf_puts(&b,
           "<g class=\"events\" stroke=\"#ffffff\" stroke-width=\"0.6\">\n");
  int year = 0;
  size_t k = 0;
  for (size_t i = 0; i < c->nmarks; i++) {
    const chart_mark *m = &c->marks[i];
    if (i == 0 || m->year != year) {
      year = m->year;
      k = 0;
    }
    double x = S_x(&ax, year) + slot * 0.1;
    double yy = base - unit * (double)(k + 1);
    buf_printf(&b,
               "<rect class=\"event %s\" x=\"%.3f\" y=\"%.2f\" "
               "width=\"%.3f\" height=\"%.2f\" fill=\"%s\"><title>",
               EV_CLASS[m->kind], x, yy, slot * 0.8, unit, EV_FILL[m->kind]);
    char *label = chart_mark_label(rs, c, m);
    buf_put_xml(&b, label);
    free(label);
    buf_puts(&b, "</title></rect>");
    if (m->kind == CHART_EV_INCIDENT)
      buf_printf(&b,
                 "<rect x=\"%.3f\" y=\"%.2f\" width=\"%.3f\" "
                 "height=\"%.2f\" fill=\"url(#hatch)\" stroke=\"none\" "
                 "pointer-events=\"none\"/>",
                 x, yy, slot * 0.8, unit);
    buf_puts(&b, "\n");
    k++;
  }
  buf_puts(&b, "</g>\n</svg>\n");
  return buf_take(&b);
}
