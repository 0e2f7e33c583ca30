/*
 * chart.c: the chart models.  A date is a span on a continuous year
 * scale (chart_date_span); a term runs from the start of its first date
 * to the end of its last, so "1949"-"1949" is the whole of 1949 and
 * "1983-06"-"1985-09" ends with September 1985.  The incumbent's term runs
 * to "now", drawn open-ended: the revision's date (article.timestamp) when
 * the record set has one, else the latest date it holds (the 2022 dump
 * says no revision date).
 */
#include "chart.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "humandate.h"
#include "people.h"
#include "util.h"

static int S_digits(const char *s, int n, int *v) {
  *v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return 0;
    *v = *v * 10 + (s[i] - '0');
  }
  return 1;
}

static int S_leap(int y) { return (y % 4 == 0 && y % 100) || y % 400 == 0; }

static int S_month_days(int y, int m) {
  static const int D[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && S_leap(y) ? 29 : D[m - 1];
}

/* Reads one EDTF point at s into [*lo, *hi); returns its length or 0. */
static size_t S_point(const char *s, double *lo, double *hi) {
  int y, m, d;
  if (S_digits(s, 3, &y) && s[3] == 'X') {
    *lo = y * 10.0;
    *hi = *lo + 10.0;
    return 4;
  }
  if (!S_digits(s, 4, &y))
    return 0;
  if (s[4] != '-' || !S_digits(s + 5, 2, &m) || m < 1 || m > 12) {
    *lo = y;
    *hi = y + 1.0;
    return 4;
  }
  if (s[7] != '-' || !S_digits(s + 8, 2, &d) || d < 1 ||
      d > S_month_days(y, m)) {
    *lo = y + (m - 1) / 12.0;
    *hi = y + m / 12.0;
    return 7;
  }
  double md = S_month_days(y, m);
  *lo = y + (m - 1) / 12.0 + (d - 1) / md / 12.0;
  *hi = *lo + 1.0 / md / 12.0;
  return 10;
}

int chart_date_span(const char *edtf, double *lo, double *hi) {
  double a, b, c, d;
  if (!edtf)
    return 0;
  size_t n = S_point(edtf, &a, &b);
  if (!n)
    return 0;
  if (!edtf[n]) {
    *lo = a;
    *hi = b;
    return 1;
  }
  if (edtf[n] != '/')
    return 0;
  if (strcmp(edtf + n + 1, "..") == 0) {
    *lo = a;
    *hi = b;
    return 1;
  }
  size_t k = S_point(edtf + n + 1, &c, &d);
  if (!k || edtf[n + 1 + k] || d < a)
    return 0;
  *lo = a;
  *hi = d;
  return 1;
}

/* ---- heads ------------------------------------------------------------- */

static int S_same(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Updates *best with edtf when it ends later; keeps its text in *which. */
static void S_latest(const char *edtf, double *best, const char **which) {
  double lo, hi;
  if (chart_date_span(edtf, &lo, &hi) && hi > *best) {
    *best = hi;
    *which = edtf;
  }
}

/* Sets c->now: the end of the revision's date (article.timestamp) when the
 * record set has one, else the end of the latest date it holds. */
static void S_now(const mssdoc_records *rs, chart_heads *c) {
  double best = 0, lo;
  const char *which = NULL, *ts = rs->article.timestamp;
  if (ts && strlen(ts) >= 10 && (!ts[10] || ts[10] == 'T')) {
    char *day = xstrndup(ts, 10);
    if (chart_date_span(day, &lo, &best)) {
      c->now = best;
      c->now_label = humandate(day, NULL);
      c->now_from = "the revision's date";
      free(day);
      return;
    }
    free(day);
    best = 0;
  }
  for (size_t i = 0; i < rs->heads.count; i++) {
    S_latest(rs->heads.items[i].took_office, &best, &which);
    S_latest(rs->heads.items[i].left_office, &best, &which);
  }
  for (size_t i = 0; i < rs->timeline.count; i++)
    S_latest(rs->timeline.items[i].date, &best, &which);
  for (size_t i = 0; i < rs->incidents.count; i++)
    S_latest(rs->incidents.items[i].date, &best, &which);
  c->now = best;
  c->now_label = which ? humandate(which, NULL) : xstrdup("");
  c->now_from = "the latest date in the record set";
}

static chart_bar *S_push_bar(chart_heads *c, size_t *cap) {
  if (c->nbars == *cap) {
    *cap = *cap ? *cap * 2 : 16;
    c->bars = xrealloc(c->bars, *cap * sizeof *c->bars);
  }
  chart_bar *b = &c->bars[c->nbars++];
  memset(b, 0, sizeof *b);
  return b;
}

chart_heads *chart_heads_build(const mssdoc_records *rs, const int *keep,
                               size_t *skipped) {
  chart_heads *c = xcalloc(1, sizeof *c);
  size_t n = rs->heads.count, cap = 0;
  char *done = xcalloc(n + 1, 1);
  c->groups = xmalloc((n ? n : 1) * sizeof *c->groups);
  *skipped = 0;
  S_now(rs, c);
  c->lo = INFINITY;
  c->hi = -INFINITY;
  /* Groups in the order their tables first appear; rows in table order. */
  for (size_t i = 0; i < n; i++) {
    const mssdoc_head *g = &rs->heads.items[i];
    if (done[i] || (keep && !keep[i]))
      continue;
    chart_group *grp = &c->groups[c->ngroups];
    grp->office = g->office;
    grp->period = g->period;
    grp->first = c->nbars;
    grp->colour = (int)c->ngroups;
    double prev_end = NAN;
    for (size_t r = i; r < n; r++) {
      const mssdoc_head *h = &rs->heads.items[r];
      if (done[r] || (keep && !keep[r]) || !S_same(h->office, g->office) ||
          !S_same(h->period, g->period))
        continue;
      done[r] = 1;
      double a, b, e0, e1;
      int ok = chart_date_span(h->took_office, &a, &b);
      if (ok && h->left_office)
        ok = chart_date_span(h->left_office, &e0, &e1) && e1 >= a;
      else if (ok)
        e1 = h->incumbent && c->now > a ? c->now : b;
      if (!ok) {
        ++*skipped;
        continue;
      }
      if (!isnan(prev_end) && a > prev_end + 1e-9) {
        chart_bar *v = S_push_bar(c, &cap);
        v->kind = CHART_VACANCY;
        v->head = r;
        v->x0 = prev_end;
        v->x1 = a;
      }
      chart_bar *t = S_push_bar(c, &cap);
      t->head = r;
      t->x0 = a;
      t->x1 = e1;
      t->open = !h->left_office && h->incumbent;
      if (people_is_name(h->name ? h->name : "")) {
        t->kind = CHART_TERM;
        c->nterms++;
      } else {
        t->kind = CHART_NOTE;
        t->note = (int)c->nnotes++;
      }
      if (a < c->lo)
        c->lo = a;
      if (e1 > c->hi)
        c->hi = e1;
      prev_end = e1;
    }
    grp->count = c->nbars - grp->first;
    if (grp->count)
      c->ngroups++;
  }
  free(done);
  return c;
}

void chart_heads_free(chart_heads *c) {
  if (!c)
    return;
  free(c->bars);
  free(c->groups);
  free(c->now_label);
  free(c);
}

const char *chart_bar_text(const mssdoc_records *rs, const chart_bar *b) {
  if (b->kind == CHART_VACANCY)
    return "";
  const char *s = rs->heads.items[b->head].name;
  return s ? s : "";
}

char *chart_bar_span(const mssdoc_records *rs, const chart_heads *c,
                     const chart_bar *b) {
  const mssdoc_head *h = &rs->heads.items[b->head];
  if (b->kind == CHART_VACANCY) {
    /* from the previous row's end to this row's start */
    const mssdoc_head *p = NULL;
    for (size_t i = 0; i < c->nbars; i++)
      if (&c->bars[i] == b && i > 0)
        p = &rs->heads.items[c->bars[i - 1].head];
    char *from = humandate(p ? p->left_office : NULL, NULL);
    char *to = humandate(h->took_office, NULL);
    char *s = xasprintf("vacant between %s and %s", from, to);
    free(from);
    free(to);
    return s;
  }
  char *from = humandate(h->took_office, NULL);
  char *to = b->open ? xasprintf("(incumbent, to %s)", c->now_label)
                     : humandate(h->left_office, NULL);
  /* "1967–1969" for bare years, spaced dashes between dates in words */
  int bare = !strchr(from, ' ') && !strchr(to, ' ');
  char *s =
      xasprintf(bare ? "%s\xe2\x80\x93%s" : "%s \xe2\x80\x93 %s", from, to);
  free(from);
  free(to);
  return s;
}

/* ---- events ------------------------------------------------------------ */

static int S_mark_cmp(const void *a, const void *b) {
  const chart_mark *x = a, *y = b;
  if (x->year != y->year)
    return x->year < y->year ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->event < y->event ? -1 : x->event > y->event;
}

static void S_events_count(chart_events *c);

/* Returns 1 if timeline event e is a sentence of one of rs's incidents. */
static int S_is_incident(const mssdoc_records *rs, const mssdoc_event *e) {
  for (size_t i = 0; i < rs->incidents.count; i++) {
    const mssdoc_event *x = &rs->incidents.items[i];
    if (x->line == e->line && S_same(x->section, e->section))
      return 1;
  }
  return 0;
}

chart_events *chart_events_build(const mssdoc_records *rs, const size_t *order,
                                 size_t n, int incidents, size_t *skipped) {
  chart_events *c = xcalloc(1, sizeof *c);
  size_t total = incidents ? rs->incidents.count : rs->timeline.count;
  if (!order)
    n = total;
  c->incidents = incidents;
  c->marks = xmalloc((n ? n : 1) * sizeof *c->marks);
  *skipped = 0;
  for (size_t i = 0; i < n; i++) {
    size_t k = order ? order[i] : i;
    const mssdoc_event *e =
        incidents ? &rs->incidents.items[k] : &rs->timeline.items[k];
    double lo, hi;
    if (!order && e->kind && strcmp(e->kind, "culture") == 0)
      continue; /* a film's year, as timeline leaves it out */
    if (!chart_date_span(e->date, &lo, &hi)) {
      ++*skipped;
      continue;
    }
    chart_mark *m = &c->marks[c->nmarks++];
    m->event = k;
    m->year = (int)floor(lo + 1e-9);
    m->kind = incidents || S_is_incident(rs, e)              ? CHART_EV_INCIDENT
              : e->source && strcmp(e->source, "table") == 0 ? CHART_EV_TABLE
                                                             : CHART_EV_TEXT;
    c->by_kind[m->kind]++;
  }
  S_events_count(c);
  return c;
}

/* The first year 1000-2099 in s (four digits, not part of a longer
 * number), or 0. */
static int S_first_year(const char *s) {
  for (const char *p = s; p && *p; p++) {
    if ((p > s && isdigit((unsigned char)p[-1])) || !isdigit((unsigned char)p[0]))
      continue;
    int y;
    if (S_digits(p, 4, &y) && !isdigit((unsigned char)p[4]) && y >= 1000 &&
        y <= 2099)
      return y;
  }
  return 0;
}

chart_events *chart_references_build(const mssdoc_records *rs) {
  chart_events *c = xcalloc(1, sizeof *c);
  c->references = 1;
  size_t n = rs->references.count;
  c->marks = xmalloc((n ? n : 1) * sizeof *c->marks);
  for (size_t i = 0; i < n; i++) {
    int y = S_first_year(rs->references.items[i].date);
    if (!y) {
      c->undated++;
      continue;
    }
    chart_mark *m = &c->marks[c->nmarks++];
    m->event = i;
    m->year = y;
    m->kind = CHART_EV_REFERENCE;
    c->by_kind[m->kind]++;
  }
  S_events_count(c);
  return c;
}

const char *chart_events_what(const chart_events *c) {
  return c->references ? "references"
         : c->incidents ? "incidents"
                        : "dated events";
}

char *chart_mark_label(const mssdoc_records *rs, const chart_events *c,
                       const chart_mark *m) {
  if (!c->references)
    return chart_event_label(chart_mark_event(rs, c, m));
  const mssdoc_reference *r = &rs->references.items[m->event];
  return xasprintf("Reference %d (%s): %s", r->number,
                   r->date_text ? r->date_text : r->date,
                   r->title  ? r->title
                   : r->text ? r->text
                             : "");
}

/* Sorts c's marks and counts them per year. */
static void S_events_count(chart_events *c) {
  qsort(c->marks, c->nmarks, sizeof *c->marks, S_mark_cmp);
  if (c->nmarks) {
    c->y0 = c->marks[0].year;
    c->y1 = c->marks[c->nmarks - 1].year;
  }
  c->per_year = xcalloc((size_t)(c->y1 - c->y0) + 1, sizeof *c->per_year);
  for (size_t i = 0; i < c->nmarks; i++) {
    size_t *p = &c->per_year[c->marks[i].year - c->y0];
    if (++*p > c->max)
      c->max = *p;
  }
}

void chart_events_free(chart_events *c) {
  if (!c)
    return;
  free(c->marks);
  free(c->per_year);
  free(c);
}

const mssdoc_event *chart_mark_event(const mssdoc_records *rs,
                                     const chart_events *c,
                                     const chart_mark *m) {
  if (c->references)
    return NULL;
  return c->incidents ? &rs->incidents.items[m->event]
                      : &rs->timeline.items[m->event];
}

char *chart_event_label(const mssdoc_event *e) {
  buf b = {0};
  char *d = humandate(e->date, e->qualifier);
  buf_printf(&b, "%s: %s", d, e->text ? e->text : "");
  free(d);
  for (size_t i = 0; i < e->refs.count; i++)
    buf_printf(&b, " [%d]", e->refs.items[i]);
  return buf_take(&b);
}

/* ---- axes -------------------------------------------------------------- */

int chart_ticks(double lo, double hi, int max_ticks, int *first) {
  static const int STEPS[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000};
  int step = 1000;
  if (max_ticks < 2)
    max_ticks = 2;
  for (size_t i = 0; i < sizeof STEPS / sizeof *STEPS; i++) {
    int a = (int)ceil(lo / STEPS[i] - 1e-9),
        b = (int)floor(hi / STEPS[i] + 1e-9);
    if (b - a + 1 <= max_ticks) {
      step = STEPS[i];
      break;
    }
  }
  *first = (int)ceil(lo / step - 1e-9) * step;
  return step;
}
