/*
 * chart_text.c: the chart models for a terminal.  Heads: one row per term,
 * the name in a left column, the bar in eighth blocks on a box-drawing
 * year axis; notes in shade (░), vacancies dotted (┄), the incumbent's
 * bar ending in an arrow.  Events: one column per year (or per few years
 * when the width is short), bar heights in eighth blocks, a row of ▲ under
 * the axis where incidents fall.  Colour only when asked for; every line
 * then ends with a reset.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "util.h"
#include "width.h"

#define RESET "\033[0m"
static const char *const SGR[] = {"34", "33", "32", "35", "36", "31"};
#define NSGR (sizeof SGR / sizeof *SGR)
static const char *const LEFT8[] = {"",
                                    "\xe2\x96\x8f",
                                    "\xe2\x96\x8e",
                                    "\xe2\x96\x8d",
                                    "\xe2\x96\x8c",
                                    "\xe2\x96\x8b",
                                    "\xe2\x96\x8a",
                                    "\xe2\x96\x89",
                                    "\xe2\x96\x88"};
static const char *const UP8[] = {" ",
                                  "\xe2\x96\x81",
                                  "\xe2\x96\x82",
                                  "\xe2\x96\x83",
                                  "\xe2\x96\x84",
                                  "\xe2\x96\x85",
                                  "\xe2\x96\x86",
                                  "\xe2\x96\x87",
                                  "\xe2\x96\x88"};
#define FULL "\xe2\x96\x88"
#define RIGHT_HALF "\xe2\x96\x90"
#define RIGHT_8 "\xe2\x96\x95"
#define SHADE "\xe2\x96\x91"
#define DOTS "\xe2\x94\x84"
#define ARROW "\xe2\x96\xb6"
#define VBAR "\xe2\x94\x82"
#define HBAR "\xe2\x94\x80"

/* Appends s cleaned for the terminal, cut or padded to exactly cols. */
static void S_cell(buf *b, const char *s, size_t cols) {
  char *t = width_clean(s, strlen(s), 1);
  size_t len = strlen(t), w = width_of(t, len);
  if (w > cols) {
    size_t off = width_offset(t, len, cols ? cols - 1 : 0);
    buf_put(b, t, off);
    buf_puts(b, "\xe2\x80\xa6");
    w = width_of(t, off) + 1;
  } else
    buf_puts(b, t);
  buf_fill(b, ' ', cols > w ? cols - w : 0);
  free(t);
}

/* Appends s word-wrapped to width, later lines indented by indent. */
static void S_para(buf *b, const char *s, int width, int indent) {
  char *t = width_clean(s, strlen(s), 1);
  const char *p = t;
  int first = 1;
  while (*p) {
    size_t cut = width_wrap(p, (size_t)(width - (first ? 0 : indent)));
    if (!first)
      buf_fill(b, ' ', (size_t)indent);
    size_t keep = cut;
    while (keep > 0 && p[keep - 1] == ' ')
      keep--;
    buf_put(b, p, keep);
    buf_putc(b, '\n');
    p += cut;
    while (*p == ' ')
      p++;
    first = 0;
  }
  free(t);
}

/* Draws the year axis under a plot of cols columns starting at column
 * pad: the line with ┬ at each tick, then the years where they fit. */
static void S_axis(buf *b, size_t pad, size_t cols, double a0, double a1,
                   int step) {
  buf_fill(b, ' ', pad);
  buf_puts(b, "\xe2\x94\x94"); /* └ */
  char *marks = xcalloc(cols + 1, 1);
  char *labels = xmalloc(cols + 8);
  memset(labels, ' ', cols + 7);
  labels[cols + 7] = 0;
  size_t used = 0; /* the first free column on the label line */
  int first = (int)ceil(a0 / step - 1e-9) * step;
  for (int y = first; y <= a1 + 1e-9; y += step) {
    size_t col = (size_t)((y - a0) / (a1 - a0) * (double)cols);
    if (col >= cols)
      col = cols - 1;
    marks[col] = 1;
    char yr[16];
    int n = snprintf(yr, sizeof yr, "%d", y);
    size_t at = col >= (size_t)n / 2 ? col - (size_t)n / 2 : 0;
    if (at + (size_t)n <= cols + 1 && at >= used) {
      memcpy(labels + at, yr, (size_t)n);
      used = at + (size_t)n + 1;
    }
  }
  for (size_t i = 0; i < cols; i++)
    buf_puts(b, marks[i] ? "\xe2\x94\xac" : HBAR);
  buf_putc(b, '\n');
  size_t end = cols + 7;
  while (end > 0 && labels[end - 1] == ' ')
    end--;
  buf_fill(b, ' ', pad + 1);
  buf_put(b, labels, end);
  buf_putc(b, '\n');
  free(marks);
  free(labels);
}

/* ---- heads ------------------------------------------------------------- */

/* Appends the bar [c0, c1) (in columns) of kind on a row of cols. */
static void S_bar(buf *b, double c0, double c1, size_t cols, int kind, int open,
                  const char *sgr) {
  if (sgr)
    buf_printf(b, "\033[%sm", sgr);
  size_t i;
  for (i = 0; i < cols; i++) {
    double lo = fmax(c0, (double)i), hi = fmin(c1, (double)i + 1);
    double cover = hi - lo;
    if (cover <= 0 && !(c0 >= i && c0 < i + 1 && c1 <= c0 + 1e-9)) {
      if (open && i > 0 && c1 <= i && c1 > i - 1.0 + 1e-9) {
        buf_puts(b, ARROW);
        open = 0;
        continue;
      }
      if (c0 >= i + 1)
        buf_putc(b, ' ');
      else
        break; /* nothing more on this row */
      continue;
    }
    if (kind == CHART_VACANCY)
      buf_puts(b, DOTS);
    else if (kind == CHART_NOTE)
      buf_puts(b, SHADE);
    else if (cover >= 1 - 1e-9)
      buf_puts(b, FULL);
    else if (c0 > i && c1 >= i + 1)
      buf_puts(b, cover >= 0.5 ? RIGHT_HALF : RIGHT_8);
    else {
      int e = (int)lround(cover * 8);
      buf_puts(b, LEFT8[e < 1 ? 1 : e]);
    }
  }
  if (open && i == cols)
    buf_puts(b, ARROW); /* in the spare column after the plot */
  if (sgr)
    buf_puts(b, RESET);
}

char *chart_text_heads(const mssdoc_records *rs, const chart_heads *c,
                       const char *title, int width, int color) {
  buf b = {0};
  size_t lw = 0;
  for (size_t i = 0; i < c->nbars; i++) {
    const chart_bar *bar = &c->bars[i];
    size_t w = bar->kind == CHART_VACANCY ? 8
               : bar->kind == CHART_NOTE  ? 24
                                          : width_str(chart_bar_text(rs, bar));
    if (w > lw)
      lw = w;
  }
  size_t maxlw = (size_t)(width / 3 > 8 ? width / 3 : 8);
  if (lw > maxlw)
    lw = maxlw;
  size_t pad = 2 + lw + 1, cols = (size_t)width - pad - 2;
  /* five-year bounds, a column to spare for the incumbent's arrow */
  double a0 = floor(c->lo / 5) * 5, a1 = ceil((c->hi + 1) / 5) * 5;
  int first, step = chart_ticks(a0, a1, (int)cols / 6, &first);

  if (color)
    buf_puts(&b, "\033[1m");
  buf_puts(&b, title);
  if (color)
    buf_puts(&b, RESET);
  buf_putc(&b, '\n');
  char *sub =
      xasprintf("%zu terms in %zu agencies, %.0f to %s.", c->nterms + c->nnotes,
                c->ngroups, floor(c->lo), c->now_label);
  S_para(&b, sub, width, 0);
  free(sub);
  for (size_t g = 0; g < c->ngroups; g++) {
    const chart_group *grp = &c->groups[g];
    const char *sgr = color ? SGR[(size_t)grp->colour % NSGR] : NULL;
    char *head = xasprintf("%s %s", grp->office ? grp->office : "",
                           grp->period ? grp->period : "");
    if (color)
      buf_printf(&b, "\033[1;%sm", sgr);
    buf_putc(&b, '\n');
    S_para(&b, head, width, 2);
    if (color) { /* the reset belongs before the last newline */
      b.len--;
      buf_puts(&b, RESET "\n");
    }
    free(head);
    for (size_t i = grp->first; i < grp->first + grp->count; i++) {
      const chart_bar *bar = &c->bars[i];
      buf_puts(&b, "  ");
      if (bar->kind == CHART_VACANCY)
        S_cell(&b, "(vacant)", lw);
      else if (bar->kind == CHART_NOTE) {
        char *l =
            xasprintf("(%c) %s", 'a' + bar->note % 26, chart_bar_text(rs, bar));
        S_cell(&b, l, lw);
        free(l);
      } else
        S_cell(&b, chart_bar_text(rs, bar), lw);
      buf_puts(&b, " " VBAR);
      double k = (double)cols / (a1 - a0);
      S_bar(&b, (bar->x0 - a0) * k, (bar->x1 - a0) * k, cols, bar->kind,
            bar->open, bar->kind == CHART_VACANCY ? NULL : sgr);
      while (b.len && b.data[b.len - 1] == ' ')
        b.data[--b.len] = 0;
      buf_putc(&b, '\n');
    }
  }
  S_axis(&b, pad, cols, a0, a1, step);
  buf_putc(&b, '\n');
  char *legend = xasprintf(FULL " a term   " SHADE " a row that names no "
                                "person   " DOTS " vacant   " ARROW
                                " incumbent, drawn to %s (%s)",
                           c->now_label, c->now_from);
  S_para(&b, legend, width, 0);
  free(legend);
  for (size_t i = 0; i < c->nbars; i++) {
    const chart_bar *bar = &c->bars[i];
    if (bar->kind != CHART_NOTE)
      continue;
    char *span = chart_bar_span(rs, c, bar);
    char *t = xasprintf("(%c) %s: %s", 'a' + bar->note % 26, span,
                        chart_bar_text(rs, bar));
    S_para(&b, t, width, 4);
    free(t);
    free(span);
  }
  return buf_take(&b);
}

/* ---- events ------------------------------------------------------------ */

#define EV_ROWS 8

char *chart_text_events(const mssdoc_records *rs, const chart_events *c,
                        const char *title, int width, int color) {
  (void)rs;
  buf b = {0};
  char digits[32];
  int dw = snprintf(digits, sizeof digits, "%zu", c->nmarks);
  size_t pad = (size_t)dw + 1, avail = (size_t)width - pad - 2;
  int span = c->y1 - c->y0 + 1;
  int per = (span + (int)avail - 1) / (int)avail; /* years per column */
  if (per < 1)
    per = 1;
  size_t cols = (size_t)((span + per - 1) / per);
  size_t *bin = xcalloc(cols, sizeof *bin), *inc = xcalloc(cols, sizeof *inc);
  size_t bmax = 0;
  for (size_t i = 0; i < c->nmarks; i++) {
    size_t k = (size_t)((c->marks[i].year - c->y0) / per);
    bin[k]++;
    inc[k] += c->marks[i].kind == CHART_EV_INCIDENT;
    if (bin[k] > bmax)
      bmax = bin[k];
  }
  int rows = bmax < EV_ROWS ? (int)(bmax ? bmax : 1) : EV_ROWS;

  if (color)
    buf_puts(&b, "\033[1m");
  buf_puts(&b, title);
  if (color)
    buf_puts(&b, RESET);
  buf_putc(&b, '\n');
  const char *what = chart_events_what(c);
  char *sub = per == 1 ? xasprintf("%zu %s, %d to %d: one column a year.",
                                   c->nmarks, what, c->y0, c->y1)
                       : xasprintf("%zu %s, %d to %d: one column for %d years.",
                                   c->nmarks, what, c->y0, c->y1, per);
  S_para(&b, sub, width, 0);
  free(sub);
  buf_putc(&b, '\n');
  for (int r = rows - 1; r >= 0; r--) {
    if (r == rows - 1)
      buf_printf(&b, "%*zu \xe2\x94\xa4", dw, bmax); /* ┤ */
    else
      buf_printf(&b, "%*s " VBAR, dw, "");
    if (color)
      buf_puts(&b, "\033[34m");
    for (size_t k = 0; k < cols; k++) {
      long lv = lround((double)bin[k] / (double)(bmax ? bmax : 1) * rows * 8);
      if (bin[k] && lv < 1)
        lv = 1;
      long l = lv - r * 8;
      buf_puts(&b, UP8[l < 0 ? 0 : l > 8 ? 8 : l]);
    }
    if (color)
      buf_puts(&b, RESET);
    while (b.len && b.data[b.len - 1] == ' ')
      b.data[--b.len] = 0;
    buf_putc(&b, '\n');
  }
  double e1 = c->y0 + (double)cols * per;
  int first, step = chart_ticks(c->y0, e1, (int)cols / 6, &first);
  S_axis(&b, pad, cols, c->y0, e1, step);
  if (c->by_kind[CHART_EV_INCIDENT]) {
    buf_fill(&b, ' ', pad + 1);
    if (color)
      buf_puts(&b, "\033[31m");
    for (size_t k = 0; k < cols; k++)
      buf_puts(&b, inc[k] ? "\xe2\x96\xb2" : " ");
    if (color)
      buf_puts(&b, RESET);
    while (b.len && b.data[b.len - 1] == ' ')
      b.data[--b.len] = 0;
    buf_putc(&b, '\n');
  }
  buf_putc(&b, '\n');
  char *legend =
      c->references
          ? xasprintf(FULL " references published in a %s (the most: "
                           "%zu); %zu without a year",
                      per == 1 ? "year" : "column", bmax, c->undated)
      : c->incidents
          ? xasprintf(FULL " incidents a %s (the most: %zu)   "
                           "\xe2\x96\xb2 a %s with incidents",
                      per == 1 ? "year" : "column", bmax,
                      per == 1 ? "year" : "column")
          : xasprintf(FULL " events a %s (the most: %zu)   \xe2\x96\xb2 a "
                           "%s with an incident's events (%zu in all)",
                      per == 1 ? "year" : "column", bmax,
                      per == 1 ? "year" : "column",
                      c->by_kind[CHART_EV_INCIDENT]);
  S_para(&b, legend, width, 0);
  free(legend);
  free(bin);
  free(inc);
  return buf_take(&b);
}
