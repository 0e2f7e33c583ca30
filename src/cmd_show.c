/*
 * cmd_show.c: `mssdoc show KIND`: one kind of record as a table.  Human
 * formats get a heading saying what the table is, then the table (the heads
 * one table per office); csv gets the record fields; json and xml the
 * record group itself (ministers: the heads rows of the ministers' table;
 * people: their own JSON); references also bibtex, ris and csl.
 *
 * The ministers are the heads rows of the table(s) whose office starts
 * with "Minister"; if no office does, those of the table(s) whose period
 * is open-ended ("(1983–present)") or that have an incumbent.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "chart.h"
#include "citeformat.h"
#include "cli.h"
#include "dates.h"
#include "fold.h"
#include "humandate.h"
#include "people.h"
#include "suggest.h"
#include "width.h"

/* What a kind's builder needs and fills. */
typedef struct {
  const cli_opts *o;
  const mssdoc_records *rs;
  const char *format;
  cmd_result *res;
  const char *at; /* show heads --at DATE: only the rows covering DATE */
} S_ctx;

typedef int (*S_builder)(S_ctx *c);

/* ---- shared pieces ----------------------------------------------------- */

/* Returns refs as "[5] [6]"; the caller frees it. */
static char *S_refs(const mssdoc_ints *refs) {
  buf b = {0};
  for (size_t i = 0; i < refs->count; i++)
    buf_printf(&b, "%s[%d]", i ? " " : "", refs->items[i]);
  return buf_take(&b);
}

/* Returns text followed by its refs, " [5] [6]"; the caller frees it. */
static char *S_with_refs(const char *text, const mssdoc_ints *refs) {
  char *r = S_refs(refs);
  char *out = xasprintf("%s%s%s", text ? text : "", *r ? " " : "", r);
  free(r);
  return out;
}

/* Starts a human view: a heading, then a paragraph saying where it is
 * from; returns the document. */
static cmark_node *S_doc(const mssdoc_records *rs, const char *title,
                         const char *what) {
  cmark_node *doc = view_new();
  view_heading(doc, 1, title);
  if (what) {
    char *p =
        rs->article.title && *rs->article.title
            ? xasprintf("%s, from the article \"%s\".", what, rs->article.title)
            : xasprintf("%s.", what);
    view_paragraph(doc, p);
    free(p);
  }
  return doc;
}

/* Writes the group `key` as json or xml, keeping the flagged elements. */
static int S_records(S_ctx *c, const char *key, const int *keep, size_t nkept) {
  cmd_emit_records(c->rs, key, c->format, keep, c->res);
  return nkept ? 0 : 1;
}

/* Writes a csv table (not of records) and frees it. */
static int S_table_csv(S_ctx *c, table *t) {
  size_t n = table_nrows(t);
  cmd_emit_csv(t, c->res);
  table_free(t);
  return n ? 0 : 1;
}

/* Writes the group `key` as csv, keeping the flagged elements. */
static int S_csv(S_ctx *c, const char *key, const int *keep) {
  return cmd_emit_records_csv(c->rs, key, keep, NULL, c->res) ? 0 : 1;
}

/* Renders a human document (which it frees). */
static int S_view(S_ctx *c, cmark_node *doc, const char *title, size_t n) {
  cmd_emit_view(c->o, c->res, c->format, c->rs, doc, title);
  return n ? 0 : 1;
}

static int S_is(const S_ctx *c, const char *format) {
  return strcmp(c->format, format) == 0;
}

static int S_machine(const S_ctx *c) {
  return S_is(c, "json") || S_is(c, "xml");
}

/* Says that the record set has no records of a kind; returns 1. */
static int S_none(S_ctx *c, const char *what) {
  buf_printf(&c->res->diag, "mssdoc: the record set has no %s\n", what);
  return 1;
}

/* ---- bureaus ----------------------------------------------------------- */

static int S_bureaus(S_ctx *c) {
  const mssdoc_records *rs = c->rs;
  size_t n = rs->bureaus.count;
  if (S_machine(c))
    return S_records(c, "bureaus", NULL, n);
  if (S_is(c, "csv"))
    return S_csv(c, "bureaus", NULL);
  if (!n)
    return S_none(c, "bureaus");
  static const char *const H[] = {"No.", "Division", "Directive"};
  table *t = table_new(3, H);
  for (size_t i = 0; i < n; i++) {
    const mssdoc_bureau *b = &rs->bureaus.items[i];
    char *num = xasprintf("%d", b->number);
    char *r = S_with_refs(b->directive, &b->refs);
    const char *row[] = {num, b->division, r};
    table_add_row(t, row);
    free(num);
    free(r);
  }
  char *what = xasprintf("%zu bureau%s", n, n == 1 ? "" : "s");
  cmark_node *doc = S_doc(rs, "Bureaus", what);
  free(what);
  view_table(doc, t);
  return S_view(c, doc, "Bureaus", n);
}

/* ---- heads and ministers ----------------------------------------------- */

static int S_same(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Returns, for every heads row, the index of the first row of its table
 * (same office and period); the caller frees it.  Linear in the rows
 * times the number of tables. */
static size_t *S_groups(const mssdoc_records *rs) {
  size_t n = rs->heads.count, nlead = 0;
  size_t *g = xmalloc((n ? n : 1) * sizeof *g);
  size_t *leaders = xmalloc((n ? n : 1) * sizeof *leaders);
  for (size_t i = 0; i < n; i++) {
    const mssdoc_head *h = &rs->heads.items[i];
    size_t k;
    for (k = 0; k < nlead; k++) {
      const mssdoc_head *l = &rs->heads.items[leaders[k]];
      if (S_same(l->office, h->office) && S_same(l->period, h->period))
        break;
    }
    if (k == nlead)
      leaders[nlead++] = i;
    g[i] = leaders[k];
  }
  free(leaders);
  return g;
}

/* Returns the caption of row's table: "Office (period)"; caller frees. */
static char *S_caption(const mssdoc_head *h) {
  if (h->period && *h->period)
    return xasprintf("%s %s", h->office ? h->office : "", h->period);
  return xstrdup(h->office ? h->office : "");
}

/* Fills keep (one flag per heads row) with the ministers' rows; returns
 * how many there are. */
static size_t S_ministers(const mssdoc_records *rs, int *keep) {
  size_t n = 0, count = rs->heads.count;
  size_t *g = S_groups(rs);
  int *open = xcalloc(count + 1, sizeof *open); /* by table's first row */
  for (size_t i = 0; i < count; i++) {
    const mssdoc_head *h = &rs->heads.items[i];
    int first, last;
    if (h->incumbent ||
        (dates_title_period(h->period, &first, &last) && last == 9999))
      open[g[i]] = 1;
  }
  for (int pass = 0; pass < 2 && n == 0; pass++) {
    for (size_t i = 0; i < count; i++) {
      const mssdoc_head *h = &rs->heads.items[g[i]];
      int yes;
      if (pass == 0) {
        char *f = fold_text(h->office ? h->office : "");
        yes = str_starts(f, "minister");
        free(f);
      } else {
        yes = open[g[i]];
      }
      keep[i] = yes;
      n += (size_t)yes;
    }
  }
  free(open);
  free(g);
  return n;
}

/* Returns a heads row's date in words ("June 1983"), "Incumbent" for an
 * open end; the caller frees it. */
static char *S_office_date(const char *edtf, int incumbent) {
  if (!edtf)
    return xstrdup(incumbent ? "Incumbent" : "");
  return humandate(edtf, NULL);
}

/* The human view of the kept heads rows: one table per office. */
static int S_heads_view(S_ctx *c, const int *keep, size_t nkept,
                        const char *title) {
  const mssdoc_records *rs = c->rs;
  static const char *const H[] = {"No.", "Name", "Took office", "Left office"};
  size_t count = rs->heads.count, ngroups = 0, only = 0;
  size_t *g = S_groups(rs);
  /* first[t]: the first kept row of the table whose first row is t */
  size_t *first = xmalloc((count ? count : 1) * sizeof *first);
  for (size_t i = 0; i < count; i++)
    first[i] = (size_t)-1;
  for (size_t i = 0; i < count; i++) {
    if ((keep && !keep[i]) || first[g[i]] != (size_t)-1)
      continue;
    first[g[i]] = i;
    ngroups++;
    only = i;
  }
  char *caption = ngroups == 1 ? S_caption(&rs->heads.items[only]) : NULL;
  size_t nnotes = 0; /* rows that name no one are not office holders */
  for (size_t i = 0; i < count; i++)
    nnotes += (size_t)((!keep || keep[i]) && rs->heads.items[i].note);
  size_t nholders = nkept - nnotes;
  char *what = xasprintf("%zu %s", nholders,
                         nholders == 1 ? "office holder" : "office holders");
  if (nnotes) {
    char *w2 = xasprintf("%s and %zu %s", what, nnotes,
                         nnotes == 1 ? "note" : "notes");
    free(what);
    what = w2;
  }
  if (ngroups > 1) {
    char *w2 = xasprintf("%s in %zu tables", what, ngroups);
    free(what);
    what = w2;
  }
  cmark_node *doc = S_doc(rs, caption ? caption : title, what);
  free(what);
  if (S_is(c, "html")) { /* the chart above the tables */
    size_t skipped;
    chart_heads *ch = chart_heads_build(rs, keep, &skipped);
    if (ch->nbars) {
      char *svg = chart_svg_heads(rs, ch, caption ? caption : title, 1);
      view_html_block(doc, svg);
      free(svg);
    }
    chart_heads_free(ch);
  }
  for (size_t i = 0; i < count; i++) {
    if (first[g[i]] != i)
      continue; /* not the first kept row of its table */
    if (!caption) {
      char *cap = S_caption(&rs->heads.items[i]);
      view_heading(doc, 2, cap);
      free(cap);
    }
    table *t = table_new(4, H);
    for (size_t r = i; r < count; r++) {
      if ((keep && !keep[r]) || g[r] != g[i])
        continue;
      const mssdoc_head *h = &rs->heads.items[r];
      char *num = h->note ? xstrdup("") : xasprintf("%d", h->number);
      char *name = h->note ? xasprintf("(note: %s)", h->name)
                           : xstrdup(h->name ? h->name : "");
      char *took = S_office_date(h->took_office, 0);
      char *left = S_office_date(h->left_office, h->incumbent);
      const char *row[] = {num, name, took, left};
      table_add_row(t, row);
      free(num);
      free(name);
      free(took);
      free(left);
    }
    view_table(doc, t);
  }
  free(first);
  free(g);
  int rc = S_view(c, doc, title, nkept);
  free(caption);
  return rc;
}

/* The heads rows keep flags (NULL: all; n of them) in the format asked,
 * titled title, or S_none's "no what" when there are none. */
static int S_heads_emit(S_ctx *c, const int *keep, size_t n,
                        const char *title, const char *what) {
  if (S_machine(c))
    return S_records(c, "heads", keep, n);
  if (S_is(c, "csv"))
    return S_csv(c, "heads", keep);
  if (!n)
    return S_none(c, what);
  return S_heads_view(c, keep, n, title);
}

/* show heads --at DATE: the rows that cover DATE (holders, and notes
 * standing then); exit 1 when none does. */
static int S_heads_at(S_ctx *c) {
  const mssdoc_records *rs = c->rs;
  int *keep = xcalloc(rs->heads.count + 1, sizeof *keep);
  size_t n = 0;
  for (size_t i = 0; i < rs->heads.count; i++)
    n += (size_t)(keep[i] = people_held_at(&rs->heads.items[i], c->at));
  char *title = xasprintf("Agency heads on %s", c->at);
  int rc = S_heads_emit(c, keep, n, title, "agency heads on that date");
  free(title);
  free(keep);
  return n ? rc : (rc ? rc : 1);
}

static int S_heads(S_ctx *c) {
  if (c->at)
    return S_heads_at(c);
  return S_heads_emit(c, NULL, c->rs->heads.count, "Agency heads",
                      "agency heads");
}

static int S_ministers_kind(S_ctx *c) {
  const mssdoc_records *rs = c->rs;
  int *keep = xcalloc(rs->heads.count + 1, sizeof *keep);
  size_t n = S_ministers(rs, keep);
  int rc = S_heads_emit(c, keep, n, "Ministers", "ministers' table");
  free(keep);
  return rc;
}

/* ---- sections ---------------------------------------------------------- */

static int S_sections(S_ctx *c) {
  const mssdoc_records *rs = c->rs;
  size_t n = rs->sections.count;
  if (S_machine(c))
    return S_records(c, "sections", NULL, n);
  if (S_is(c, "csv"))
    return S_csv(c, "sections", NULL);
  if (!n)
    return S_none(c, "sections");
  static const char *const H[] = {"Line", "Level", "Section \xE2\x80\x94 id"};
  table *t = table_new(3, H);
  for (size_t i = 0; i < n; i++) {
    const mssdoc_section *s = &rs->sections.items[i];
    char *line = xasprintf("%d", s->line), *level = xasprintf("%d", s->level);
    char *title = xasprintf("%s%s \xE2\x80\x94 %s", s->title ? s->title : "",
                            s->inferred ? " (inferred)" : "", s->id);
    const char *row[] = {line, level, title};
    table_add_row(t, row);
    free(title);
    free(line);
    free(level);
  }
  size_t inferred = 0;
  for (size_t i = 0; i < n; i++)
    inferred += rs->sections.items[i].inferred;
  char *what = xasprintf("%zu sections (%zu inferred where the dump lost a "
                         "heading; level 1 top-level, 2 sub-heading, 3 "
                         "table caption)",
                         n, inferred);
  cmark_node *doc = S_doc(rs, "Sections", what);
  free(what);
  view_table(doc, t);
  return S_view(c, doc, "Sections", n);
}

/* ---- incidents --------------------------------------------------------- */

static int S_incidents(S_ctx *c) {
  const mssdoc_records *rs = c->rs;
  size_t n = rs->incidents.count;
  if (S_machine(c))
    return S_records(c, "incidents", NULL, n);
  if (S_is(c, "csv"))
    return S_csv(c, "incidents", NULL);
  if (!n)
    return S_none(c, "incidents");
  static const char *const H[] = {"Date", "EDTF", "Incident"};
  table *t = table_new(3, H);
  for (size_t i = 0; i < n; i++) {
    const mssdoc_event *e = &rs->incidents.items[i];
    char *d = humandate(e->date, e->qualifier);
    char *r = S_with_refs(e->text, &e->refs);
    const char *row[] = {d, e->date, r};
    table_add_row(t, row);
    free(d);
    free(r);
  }
  char *what = xasprintf("%zu dated incident%s of the operations part of "
                         "the article, in the article's order",
                         n, n == 1 ? "" : "s");
  cmark_node *doc = S_doc(rs, "Incidents", what);
  free(what);
  view_table(doc, t);
  return S_view(c, doc, "Incidents", n);
}

/* ---- references -------------------------------------------------------- */

/* Returns 1 if s ends in sentence punctuation. */
static int S_closed(const char *s) {
  size_t n = strlen(s);
  return n && strchr(".?!", s[n - 1]);
}

/* Returns the short citation of a reference: authors (date). "Title".
 * Work. — or its text when it has none of these; the caller frees it. */
static char *S_short(const mssdoc_reference *r) {
  buf b = {0};
  if (r->authors.count) {
    for (size_t i = 0; i < r->authors.count; i++)
      buf_printf(&b, "%s%s", i ? "; " : "", r->authors.items[i]);
    if (r->date_text)
      buf_printf(&b, " (%s)", r->date_text);
    buf_puts(&b, ". ");
  }
  if (r->title) {
    if (r->work)
      buf_printf(&b, "\"%s\"%s ", r->title, S_closed(r->title) ? "" : ".");
    else
      buf_printf(&b, "%s%s ", r->title, S_closed(r->title) ? "" : ".");
  }
  if (!r->authors.count && r->date_text && (r->title || r->work))
    buf_printf(&b, "%s. ", r->date_text);
  if (r->work)
    buf_printf(&b, "%s%s ", r->work, S_closed(r->work) ? "" : ".");
  if (!r->title && !r->work) {
    buf_free(&b);
    return xstrdup(r->text ? r->text : "");
  }
  while (b.len && b.data[b.len - 1] == ' ')
    b.data[--b.len] = '\0';
  return buf_take(&b);
}

static int S_references(S_ctx *c) {
  const mssdoc_records *rs = c->rs;
  size_t n = rs->references.count;
  if (S_machine(c))
    return S_records(c, "references", NULL, n);
  if (S_is(c, "bibtex") || S_is(c, "ris") || S_is(c, "csl")) {
    const mssdoc_reference **refs = xmalloc((n ? n : 1) * sizeof *refs);
    for (size_t i = 0; i < n; i++)
      refs[i] = &rs->references.items[i];
    char *out = citeformat_write(refs, n, c->format, rs);
    free(refs);
    if (!out)
      return cmd_fail(c->res, "cannot write the references as %s", c->format);
    buf_puts(&c->res->out, out);
    free(out);
    return n ? 0 : 1;
  }
  if (S_is(c, "csv"))
    return S_csv(c, "references", NULL);
  if (!n)
    return S_none(c, "references");
  static const char *const H[] = {"No.", "Links", "Citation"};
  table *t = table_new(3, H);
  for (size_t i = 0; i < n; i++) {
    const mssdoc_reference *r = &rs->references.items[i];
    char *num = xasprintf("%d", r->number);
    char *links = xasprintf("%d", r->backlinks);
    char *cite = S_short(r);
    if (r->dead_link) {
      char *d = xasprintf("%s [dead link]", cite);
      free(cite);
      cite = d;
    }
    const char *row[] = {num, links, cite};
    table_add_row(t, row);
    char *id = xasprintf("ref-%d", r->number);
    table_set_row_id(t, i, id);
    free(id);
    free(cite);
    free(num);
    free(links);
  }
  char *what = xasprintf("%zu reference%s (Links: how many places cite it)", n,
                         n == 1 ? "" : "s");
  cmark_node *doc = S_doc(rs, "References", what);
  free(what);
  view_table(doc, t);
  return S_view(c, doc, "References", n);
}

/* ---- infobox ----------------------------------------------------------- */

static int S_infobox(S_ctx *c) {
  const mssdoc_records *rs = c->rs;
  size_t n = rs->infobox.count;
  if (S_machine(c))
    return S_records(c, "infobox", NULL, n);
  if (S_is(c, "csv"))
    return S_csv(c, "infobox", NULL);
  if (!n)
    return S_none(c, "infobox");
  static const char *const H[] = {"Label", "Value"};
  table *t = table_new(2, H);
  size_t fields = 0;
  for (size_t i = 0; i < n; i++) {
    const mssdoc_infobox_item *it = &rs->infobox.items[i];
    char *v = it->note ? xasprintf("(%s)", it->note)
                       : S_with_refs(it->value, &it->refs);
    table_add_row(t, (const char *[]){cmd_infobox_label(it), v});
    fields += it->label && *it->label;
    free(v);
  }
  char *what = xasprintf("%zu item%s of the infobox, %zu of them labelled "
                         "fields",
                         n, n == 1 ? "" : "s", fields);
  cmark_node *doc = S_doc(rs, "Infobox", what);
  free(what);
  view_table(doc, t);
  return S_view(c, doc, "Infobox", n);
}

/* ---- people ------------------------------------------------------------ */

static int S_people(S_ctx *c) {
  const mssdoc_records *rs = c->rs;
  people p = people_collect(rs);
  size_t n = p.count;
  int rc;
  if (S_is(c, "json")) {
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++)
      json_array_append_new(a, people_json(rs, &p.items[k], 0));
    cmd_emit_json(a, c->res);
    people_free(&p);
    return n ? 0 : 1;
  }
  int csv = S_is(c, "csv");
  static const char *const H[] = {"Name", "Offices", "First took office"};
  static const char *const HC[] = {"name", "offices", "first_took_office"};
  table *t = table_new(3, csv ? HC : H);
  for (size_t k = 0; k < n; k++) {
    const person *pe = &p.items[k];
    buf offices = {0};
    const char *first = NULL;
    for (size_t i = 0; i < pe->nrows; i++) {
      const mssdoc_head *h = &rs->heads.items[pe->rows[i]];
      char *cap = S_caption(h), *term = people_term(h);
      buf_printf(&offices, "%s%s, No. %d (%s)", i ? "; " : "", cap, h->number,
                 term);
      free(cap);
      free(term);
      if (h->took_office &&
          (!first || humandate_cmp(h->took_office, first) < 0))
        first = h->took_office;
    }
    char *f = csv ? xstrdup(first ? first : "") : humandate(first, NULL);
    const char *row[] = {pe->name, offices.data ? offices.data : "", f};
    table_add_row(t, row);
    free(f);
    buf_free(&offices);
  }
  if (csv) {
    rc = S_table_csv(c, t);
  } else if (!n) {
    table_free(t);
    rc = S_none(c, "people in its agency-heads tables");
  } else {
    char *what = xasprintf("%zu %s named in the agency-heads tables", n,
                           n == 1 ? "person" : "people");
    cmark_node *doc = S_doc(rs, "People", what);
    free(what);
    view_table(doc, t);
    rc = S_view(c, doc, "People", n);
  }
  people_free(&p);
  return rc;
}

/* ---- dispatch ---------------------------------------------------------- */

static const char *const F_TABLE[] = {"text", "markdown", "html", "man",
                                      "json", "xml",      "csv",  NULL};
static const char *const F_REFS[] = {"text", "markdown", "html", "man",
                                     "json", "xml",      "csv",  "bibtex",
                                     "ris",  "csl",      NULL};
static const char *const F_PEOPLE[] = {"text", "markdown", "html", "man",
                                       "json", "csv",      NULL};

static const struct {
  const char *kind;
  S_builder fn;
  const char *const *formats;
} KINDS[] = {{"bureaus", S_bureaus, F_TABLE},
             {"ministers", S_ministers_kind, F_TABLE},
             {"heads", S_heads, F_TABLE},
             {"sections", S_sections, F_TABLE},
             {"incidents", S_incidents, F_TABLE},
             {"references", S_references, F_REFS},
             {"infobox", S_infobox, F_TABLE},
             {"people", S_people, F_PEOPLE},
             {NULL, NULL, NULL}};

/* Returns "bureaus, ministers, …"; the caller frees it. */
static char *S_kinds(void) {
  buf b = {0};
  for (size_t i = 0; KINDS[i].kind; i++)
    buf_printf(&b, "%s%s", i ? ", " : "", KINDS[i].kind);
  return buf_take(&b);
}

int cmd_show(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  const char *at = NULL;
  if (argc >= 3 && strncmp(argv[2], "--at", 4) == 0 &&
      (argv[2][4] == '=' || argv[2][4] == 0)) {
    at = argv[2][4] == '=' ? argv[2] + 5 : argc == 4 ? argv[3] : NULL;
    if (!at || argc != (argv[2][4] == '=' ? 3 : 4) ||
        strcmp(argv[1], "heads") != 0)
      return cmd_fail(res, "usage: mssdoc show heads --at DATE");
    if (!people_date_valid(at))
      return cmd_fail(res, "--at needs a date YYYY, YYYY-MM or YYYY-MM-DD, "
                           "not '%s'", width_arg(at));
    argc = 2;
  }
  if (argc != 2) {
    char *kinds = S_kinds();
    int rc =
        cmd_fail(res, "%s; usage: mssdoc show KIND (kinds: %s)",
                 argc < 2 ? "show needs a kind" : "show takes one kind", kinds);
    free(kinds);
    return rc;
  }
  size_t k;
  for (k = 0; KINDS[k].kind && strcmp(KINDS[k].kind, argv[1]) != 0; k++)
    ;
  if (!KINDS[k].kind) {
    suggest s;
    suggest_init(&s, argv[1]);
    for (size_t i = 0; KINDS[i].kind; i++)
      suggest_offer(&s, KINDS[i].kind);
    if (s.best)
      return cmd_fail(res, "unknown kind '%s'; did you mean '%s'?",
                      width_arg(argv[1]), s.best);
    char *kinds = S_kinds();
    int rc =
        cmd_fail(res, "no kind '%s'; kinds: %s", width_arg(argv[1]), kinds);
    free(kinds);
    return rc;
  }
  char *view = xasprintf("show %s", KINDS[k].kind);
  const char *format = cmd_format(o, res, view, "text", KINDS[k].formats);
  free(view);
  if (!format)
    return 2;
  mssdoc_records *rs = cmd_load(o, res);
  if (!rs)
    return 2;
  S_ctx c = {o, rs, format, res, at};
  int rc = KINDS[k].fn(&c);
  mssdoc_records_free(rs);
  return rc;
}
