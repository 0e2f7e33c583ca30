/*
 * cmd_timeline.c: `mssdoc timeline [--from Y] [--to Y] [--grep WORD]`:
 * every dated event of the record set (text sentences and heads-table
 * rows) in the order of their start (stable: same start, article order;
 * "1983" before "1983-06"; "195X" and "1942/1944" by their first year).
 * --from/--to keep the events whose years overlap the range (inclusive);
 * --grep keeps those whose text contains WORD, ignoring case and
 * diacritics.  The release years of films and novels (kind "culture") are
 * left out unless --all.  An event a check has a note on is marked (⚠) and
 * the note follows its text; a sentence that opens with "He" or "She"
 * names whom it means in brackets ("He [Jia Chunwang] served…").  json, xml and
 * csv write the timeline records in that order.
 */
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "cli.h"
#include "dates.h"
#include "fold.h"
#include "humandate.h"
#include "toc.h"
#include "width.h"

#define YEAR_MAX 9999

typedef struct {
  int from, to;     /* inclusive year range */
  const char *grep; /* NULL: every event */
  int all;          /* also the events of kind "culture" */
} S_filter;

/* Reads a year (1 to 4 digits, 1-9999) into *y; returns 1 if s is one. */
static int S_year(const char *s, int *y) {
  size_t n = strlen(s);
  if (n == 0 || n > 4 || strspn(s, "0123456789") != n)
    return 0;
  *y = atoi(s);
  return *y >= 1 && *y <= YEAR_MAX;
}

/* Matches option `name` at argv[*i] ("--from Y" or "--from=Y"); returns 1
 * and *val (NULL if it is missing) on a match. */
static int S_opt(int argc, char **argv, int *i, const char *name,
                 const char **val) {
  size_t n = strlen(name);
  if (strcmp(argv[*i], name) == 0) {
    *val = *i + 1 < argc ? argv[++*i] : NULL;
    return 1;
  }
  if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
    *val = argv[*i] + n + 1;
    return 1;
  }
  return 0;
}

/* Parses the command's arguments into *f; returns 0 or an error status. */
static int S_args(int argc, char **argv, S_filter *f, cmd_result *res) {
  f->from = 1;
  f->to = YEAR_MAX;
  f->grep = NULL;
  f->all = 0;
  for (int i = 1; i < argc; i++) {
    const char *val;
    int to = 0;
    if (strcmp(argv[i], "--all") == 0) {
      f->all = 1;
    } else if (S_opt(argc, argv, &i, "--from", &val) ||
               (to = S_opt(argc, argv, &i, "--to", &val))) {
      const char *opt = to ? "--to" : "--from";
      int y;
      if (!val)
        return cmd_fail(res, "%s needs a year, such as %s 1983", opt, opt);
      if (!S_year(val, &y))
        return cmd_fail(res,
                        "%s takes a year from 1 to 9999, such as "
                        "1983, not '%s'",
                        opt, width_arg(val));
      if (to)
        f->to = y;
      else
        f->from = y;
    } else if (S_opt(argc, argv, &i, "--grep", &val)) {
      if (!val || !*val)
        return cmd_fail(res, "--grep needs a word, such as --grep spy");
      f->grep = val;
    } else {
      return cmd_fail(res,
                      "timeline takes --from YEAR, --to YEAR, "
                      "--grep WORD and --all, not '%s'",
                      argv[i]);
    }
  }
  if (f->from > f->to)
    return cmd_fail(res, "--from %d is after --to %d; the range must "
                         "start before it ends", f->from, f->to);
  return 0;
}

/* Index-carrying sort key: start of the date, then article order. */
typedef struct {
  int key[3];
  size_t index;
} S_item;

static int S_item_cmp(const void *a, const void *b) {
  const S_item *x = a, *y = b;
  for (int i = 0; i < 3; i++)
    if (x->key[i] != y->key[i])
      return x->key[i] < y->key[i] ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Returns 1 if e is a film's or a novel's release year. */
static int S_culture(const mssdoc_event *e) {
  return e->kind && strcmp(e->kind, "culture") == 0;
}

/* Returns 1 if event e passes the filter (folded: the folded --grep); a
 * release year only with --all. */
static int S_keep(const mssdoc_event *e, const S_filter *f,
                  const char *folded) {
  int first, last;
  if (!f->all && S_culture(e))
    return 0;
  if (f->from > 1 || f->to < YEAR_MAX) {
    if (!dates_edtf_years(e->date, &first, &last))
      return 0;
    if (last < f->from || first > f->to)
      return 0;
  }
  return !folded || fold_contains(e->text ? e->text : "", folded);
}

/* Returns an event's text, its subject after a pronoun ("He [Jia Chunwang]
 * served…"), its refs ("… [5] [6]", and "(from its paragraph)" when they
 * are not its sentence's) and a check's note; the caller frees it. */
static char *S_with_refs(const mssdoc_event *e) {
  buf b = {0};
  const char *text = e->text ? e->text : "";
  const char *sp = e->subject ? strchr(text, ' ') : NULL;
  if (sp) /* "He [Jia Chunwang] served…", as a scholar quotes it */
    buf_printf(&b, "%.*s [%s]%s", (int)(sp - text), text, e->subject, sp);
  else
    buf_puts(&b, text);
  for (size_t i = 0; i < e->refs.count; i++)
    buf_printf(&b, " [%d]", e->refs.items[i]);
  if (e->refs.count && e->refs_from && strcmp(e->refs_from, "paragraph") == 0)
    buf_puts(&b, " (from its paragraph)");
  if (e->note)
    buf_printf(&b, " \xE2\x9A\xA0 %s", e->note);
  return buf_take(&b);
}

/* Returns what the filter selected, in words ("from 1980 to 1990,
 * matching "spy""), or "" when it selects everything; caller frees. */
static char *S_range(const S_filter *f) {
  buf b = {0};
  if (f->from > 1 && f->to < YEAR_MAX)
    buf_printf(&b, " from %d to %d", f->from, f->to);
  else if (f->from > 1)
    buf_printf(&b, " from %d on", f->from);
  else if (f->to < YEAR_MAX)
    buf_printf(&b, " up to %d", f->to);
  if (f->grep)
    buf_printf(&b, "%s mentioning \"%s\"", b.len ? "," : "",
               width_arg(f->grep));
  return buf_take(&b);
}

/* Writes the kept events (order[0..n)) as json or xml records. */
/* The timeline CSV's one column beyond the description: the title of the
 * event's section (ctx: the toc). */
static char *S_section_title(const void *rec, const void *ctx) {
  const char *title = toc_title(ctx, ((const mssdoc_event *)rec)->section);
  return title ? xstrdup(title) : NULL;
}

/* The n timeline records at order, in that order, as json, xml or csv. */
static void S_records(const mssdoc_records *rs, const size_t *order, size_t n,
                      const char *format, const toc *tt, cmd_result *res) {
  mssdoc_records sorted = *rs;
  sorted.timeline.items = xmalloc((n ? n : 1) * sizeof(mssdoc_event));
  sorted.timeline.count = sorted.timeline.cap = n;
  for (size_t i = 0; i < n; i++)
    sorted.timeline.items[i] = rs->timeline.items[order[i]];
  if (strcmp(format, "csv") == 0) {
    cmd_csv_column title = {"section", "section_title", S_section_title, tt};
    cmd_emit_records_csv(&sorted, "timeline", NULL, &title, res);
  } else
    cmd_emit_records(&sorted, "timeline", format, NULL, res);
  free(sorted.timeline.items);
}

static const char *const FORMATS[] = {"text", "markdown", "html", "man",
                                      "json", "xml",      "csv",  NULL};

int cmd_timeline(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  S_filter f;
  int rc = S_args(argc, argv, &f, res);
  if (rc)
    return rc;
  const char *format = cmd_format(o, res, "timeline", "text", FORMATS);
  if (!format)
    return 2;
  mssdoc_records *rs = cmd_load(o, res);
  if (!rs)
    return 2;

  size_t total = rs->timeline.count, n = 0;
  S_item *items = xmalloc((total ? total : 1) * sizeof *items);
  for (size_t i = 0; i < total; i++) {
    humandate_key(rs->timeline.items[i].date, items[i].key);
    items[i].index = i;
  }
  qsort(items, total, sizeof *items, S_item_cmp);
  char *folded = f.grep ? fold_text(f.grep) : NULL;
  size_t *order = xmalloc((total ? total : 1) * sizeof *order);
  size_t culture = 0; /* release years the filter would keep, left out */
  S_filter with_all = f;
  with_all.all = 1;
  for (size_t i = 0; i < total; i++) {
    const mssdoc_event *e = &rs->timeline.items[items[i].index];
    if (S_keep(e, &f, folded))
      order[n++] = items[i].index;
    else if (S_culture(e) && S_keep(e, &with_all, folded))
      culture++;
  }
  free(folded);
  free(items);

  int csv = strcmp(format, "csv") == 0;
  toc *tt = toc_build(rs); /* section titles by id */
  if (strcmp(format, "json") == 0 || strcmp(format, "xml") == 0 || csv) {
    S_records(rs, order, n, format, tt, res);
  } else if (n) {
    static const char *const H[] = {"Date", "Event", "Section"};
    table *t = table_new(3, H);
    for (size_t i = 0; i < n; i++) {
      const mssdoc_event *e = &rs->timeline.items[order[i]];
      char *d0 = humandate(e->date, e->qualifier);
      char *d = e->note ? xasprintf("%s \xE2\x9A\xA0", d0) : xstrdup(d0);
      free(d0);
      char *text = S_with_refs(e);
      const char *row[] = {d, text, toc_title(tt, e->section)};
      table_add_row(t, row);
      free(d);
      free(text);
    }
    char *range = S_range(&f);
    int first, last, y0 = 0, y1 = 0;
    for (size_t i = 0; i < n; i++)
      if (dates_edtf_years(rs->timeline.items[order[i]].date, &first,
                           &last)) {
        if (!y0 || first < y0)
          y0 = first;
        if (last > y1)
          y1 = last;
      }
    char *years = f.from > 1 || f.to < YEAR_MAX
                      ? xstrdup("")
                  : y0 == y1 ? xasprintf(" in %d", y0)
                             : xasprintf(" from %d to %d", y0, y1);
    char *left = culture == 0 ? xstrdup("")
                 : culture == 1
                     ? xstrdup(" The release year of 1 film or novel is "
                               "left out (--all shows it).")
                     : xasprintf(" The release years of %zu films or novels "
                                 "are left out (--all shows them).",
                                 culture);
    char *what = xasprintf("%zu dated event%s%s%s, in date order, from the "
                           "article \"%s\".%s",
                           n, n == 1 ? "" : "s", years, range,
                           rs->article.title ? rs->article.title : "", left);
    free(left);
    free(years);
    cmark_node *doc = view_new();
    view_heading(doc, 1, "Timeline");
    view_paragraph(doc, what);
    if (strcmp(format, "html") == 0) { /* the chart above the table */
      size_t skipped;
      chart_events *ch = chart_events_build(rs, order, n, 0, &skipped);
      if (ch->nmarks) {
        char *svg = chart_svg_events(rs, ch, "Timeline: events per year", 1);
        view_html_block(doc, svg);
        free(svg);
      }
      chart_events_free(ch);
    }
    view_table(doc, t);
    cmd_emit_view(o, res, format, rs, doc, "Timeline");
    free(what);
    free(range);
  }
  if (!n && !csv && view_is_format(format)) {
    char *range = S_range(&f);
    buf_printf(&res->diag, "mssdoc: no dated event%s\n", range);
    free(range);
  }
  free(order);
  toc_free(tt);
  mssdoc_records_free(rs);
  return n ? 0 : 1;
}
