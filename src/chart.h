/*
 * chart.h: the records as pictures.  chart.c turns the heads tables into
 * bars on a year axis (one per term, grouped by office in table order,
 * with the vacancies between terms) and the timeline into events per year;
 * chart_svg.c and chart_text.c draw those models.  Nothing here knows the
 * article: offices, names and dates all come from the record set.
 */
#ifndef MSSDOC_CHART_H
#define MSSDOC_CHART_H

#include <stddef.h>

#include "mssdoc/records.h"

/* Reads where EDTF date edtf starts and ends on a continuous year scale:
 * "1983" covers [1983, 1984), "1983-06" [1983+5/12, 1983+6/12), a day its
 * day of the month, "195X" [1950, 1960), "1942/1944" [1942, 1945), "A/.."
 * starts at A and has no end (*hi is then A's end).  Returns 1, or 0 if
 * edtf is not EDTF the ingest writes. */
int chart_date_span(const char *edtf, double *lo, double *hi);

enum { CHART_TERM, CHART_NOTE, CHART_VACANCY };

/* One bar of the heads chart. */
typedef struct {
  int kind;      /* CHART_TERM (a person), CHART_NOTE (a row that names no
                    person), CHART_VACANCY (a gap between two terms) */
  size_t head;   /* the heads row (for a vacancy: the row after the gap) */
  double x0, x1; /* start and end in years (chart_date_span) */
  int open;      /* the incumbent: x1 is the chart's "now" */
  int note;      /* for CHART_NOTE: its letter, 0 for a, 1 for b, … */
} chart_bar;

/* One agency: the bars of one heads table (same office and period). */
typedef struct {
  const char *office, *period; /* borrowed from the record set */
  size_t first, count;         /* its bars: bars[first .. first+count) */
  int colour;                  /* index into the palette */
} chart_group;

/* The heads chart: free it with chart_heads_free(). */
typedef struct {
  chart_bar *bars;
  size_t nbars, nterms, nnotes;
  chart_group *groups;
  size_t ngroups;
  double lo, hi;        /* the earliest start and the latest end (or now) */
  double now;           /* where an incumbent's open term is drawn to */
  char *now_label;      /* that date in words (owned) */
  const char *now_from; /* what "now" is: "the revision's date", … */
} chart_heads;

/* Builds the heads chart of rs's heads rows (keep: one flag per row, or
 * NULL for every row).  Rows whose dates do not parse are left out and
 * counted in *skipped.  The caller frees the result. */
chart_heads *chart_heads_build(const mssdoc_records *rs, const int *keep,
                               size_t *skipped);

/* Frees a heads chart; NULL is a no-op. */
void chart_heads_free(chart_heads *c);

enum {
  CHART_EV_TEXT,
  CHART_EV_TABLE,
  CHART_EV_INCIDENT,
  CHART_EV_REFERENCE, /* a reference, by its year of publication */
  CHART_EV_KINDS
};

/* One event of the timeline chart: the year it counts in, its kind. */
typedef struct {
  size_t event; /* index into rs->timeline, or rs->incidents for
                   chart_events_build(..., incidents = 1), or
                   rs->references for chart_references_build */
  int year;     /* the year it starts in (a decade: its first year) */
  int kind;     /* CHART_EV_TEXT, _TABLE, or _INCIDENT: a sentence of an
                   incident's paragraph */
} chart_mark;

/* The events-per-year chart: free it with chart_events_free(). */
typedef struct {
  chart_mark *marks; /* by year, then kind, then article order */
  size_t nmarks;
  int y0, y1;       /* the first and last year with an event */
  size_t *per_year; /* marks in year y0 + i, for i in 0 .. y1 - y0 */
  size_t max;       /* the most in one year */
  size_t by_kind[CHART_EV_KINDS];
  int incidents;  /* the marks are incidents, not timeline events */
  int references; /* the marks are references (chart_references_build) */
  size_t undated; /* references: those whose date names no year */
} chart_events;

/* Builds the events chart of rs's timeline (order: the indices of the
 * events to draw, n of them, or NULL for every event but the release years
 * of kind "culture") or, if incidents,
 * of its incidents.  Events whose date does not parse are counted in
 * *skipped.  The caller frees the result. */
chart_events *chart_events_build(const mssdoc_records *rs, const size_t *order,
                                 size_t n, int incidents, size_t *skipped);

/* Builds the references-per-year chart: each reference whose date names
 * a year (its first four-digit year, 1000-2099) counts in that year; the
 * others are counted in undated.  The caller frees the result. */
chart_events *chart_references_build(const mssdoc_records *rs);

/* What the marks of c are, in the plural: "dated events", "incidents" or
 * "references" (static). */
const char *chart_events_what(const chart_events *c);

/* Returns a mark's tooltip: the event's (chart_event_label) or
 * "Reference 5 (27 April 2021): its title"; the caller frees it. */
char *chart_mark_label(const mssdoc_records *rs, const chart_events *c,
                       const chart_mark *m);

/* Frees an events chart; NULL is a no-op. */
void chart_events_free(chart_events *c);

/* Returns the event a mark stands for (timeline or incident record), or
 * NULL for a reference; owned by the record set. */
const mssdoc_event *chart_mark_event(const mssdoc_records *rs,
                                     const chart_events *c,
                                     const chart_mark *m);

/* Chooses tick years for an axis from lo to hi (years) with at most
 * max_ticks labels: a step of 1, 2, 5, 10, 20, 25, 50 or 100 years.
 * Stores the first tick in *first and returns the step. */
int chart_ticks(double lo, double hi, int max_ticks, int *first);

/* Returns the text of a bar's row: the name, or the note's text; borrowed
 * from the record set ("" for a vacancy). */
const char *chart_bar_text(const mssdoc_records *rs, const chart_bar *b);

/* Returns "June 1983 – September 1985", "1967–1969", "November 2016 –
 * (incumbent, to May 2022)": a bar's span in words; the caller frees it. */
char *chart_bar_span(const mssdoc_records *rs, const chart_heads *c,
                     const chart_bar *b);

/* Returns e's text for a tooltip: "June 1983: text [5] [6]"; caller frees. */
char *chart_event_label(const mssdoc_event *e);

/* The SVG of a chart (chart_svg.c): a standalone SVG 1.1 document, or with
 * inline set, an <svg> element to put in an HTML page.  The caller frees. */
char *chart_svg_heads(const mssdoc_records *rs, const chart_heads *c,
                      const char *title, int inline_svg);
char *chart_svg_events(const mssdoc_records *rs, const chart_events *c,
                       const char *title, int inline_svg);

/* The terminal picture of a chart (chart_text.c), width columns wide, with
 * SGR colour if color.  The caller frees. */
char *chart_text_heads(const mssdoc_records *rs, const chart_heads *c,
                       const char *title, int width, int color);
char *chart_text_events(const mssdoc_records *rs, const chart_events *c,
                        const char *title, int width, int color);

#endif
