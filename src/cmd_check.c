/*
 * cmd_check.c: `mssdoc check`: what the dump lost or contradicts, i.e. the
 * diagnostics of the record set grouped by kind, each with its line, its
 * message and a short quote of the text at that line.  Exit 1 when there
 * is any, as grep when it finds something; 0 when the dump is clean.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const S_formats[] = {"text", "markdown", "html", "man",
                                        "json", "xml",      NULL};
#define QUOTE_WORDS 8

/* What each known kind means, for its heading. */
static const struct {
  const char *kind, *what;
} S_kinds[] = {
    {"lost-heading", "headings the dump lost"},
    {"lost-list", "lists the dump lost"},
    {"lost-citation", "citation markers the dump lost"},
    {"lost-reference",
     "cited references (or works of short citations) the list lacks"},
    {"duplicate-reference", "reference numbers the list gives twice"},
    {"reference-order", "references out of order in the list"},
    {"date-outside-period", "dates outside their section's period"},
    {"bad-date", "dates that cannot be as written"},
    {"name-variant", "names spelt otherwise than in the heads tables"},
    {"term-mismatch", "captions that give a head another term"},
    {"template-error", "citation template error messages in references"},
    {"bad-bytes", "bytes that were not clean UTF-8"},
    {"unclassified", "lines the ingest could not classify"},
};

/* A paragraph's first line and index, to find the one at a line. */
typedef struct {
  int line;
  size_t index;
} S_at;

static int S_at_cmp(const void *a, const void *b) {
  const S_at *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Returns the paragraphs of rs sorted by first line (caller frees). */
static S_at *S_para_lines(const mssdoc_records *rs) {
  size_t n = rs->paragraphs.count;
  S_at *at = xmalloc((n ? n : 1) * sizeof *at);
  for (size_t i = 0; i < n; i++) {
    at[i].line = rs->paragraphs.items[i].line;
    at[i].index = i;
  }
  if (n)
    qsort(at, n, sizeof *at, S_at_cmp);
  return at;
}

/* Returns the text that stands at line: a paragraph (or a table row: the
 * paragraph that starts last at or before line), a reference, a section
 * heading or an infobox row; NULL if none.  Sets *len to its length. */
static const char *S_text_at(const mssdoc_records *rs, const S_at *paras,
                             int line, size_t *len) {
  size_t lo = 0, hi = rs->paragraphs.count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (paras[mid].line <= line)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[paras[lo - 1].index];
    const char *s = p->text; /* a table has one row per line */
    for (int l = p->line; s && l < line; l++) {
      s = strchr(s, '\n');
      s = s ? s + 1 : NULL;
    }
    if (s) {
      *len = strcspn(s, "\n");
      return s;
    }
  }
  for (size_t i = 0; i < rs->references.count; i++)
    if (rs->references.items[i].line == line && rs->references.items[i].text) {
      *len = strlen(rs->references.items[i].text);
      return rs->references.items[i].text;
    }
  for (size_t i = 0; i < rs->sections.count; i++)
    if (rs->sections.items[i].line == line && !rs->sections.items[i].inferred) {
      *len = strlen(rs->sections.items[i].title);
      return rs->sections.items[i].title;
    }
  for (size_t i = 0; i < rs->infobox.count; i++)
    if (rs->infobox.items[i].line == line && rs->infobox.items[i].label) {
      *len = strlen(rs->infobox.items[i].label);
      return rs->infobox.items[i].label;
    }
  return NULL;
}

/* Returns the first words of the text at line, or its last words if
 * tail (where a lost list was introduced), "…" where cut; "" if no text
 * stands there.  The caller frees. */
static char *S_quote(const mssdoc_records *rs, const S_at *paras, int line,
                     int tail) {
  size_t len = 0;
  const char *s = S_text_at(rs, paras, line, &len);
  if (!s)
    return xstrdup("");
  while (len && s[len - 1] == ' ')
    len--;
  size_t a = 0, b = len; /* the quote is s[a, b) */
  int words = 0;
  if (tail) {
    for (a = len; a > 0 && words < QUOTE_WORDS; words++) {
      while (a > 0 && s[a - 1] == ' ')
        a--;
      while (a > 0 && s[a - 1] != ' ')
        a--;
    }
  } else {
    for (b = 0; b < len && words < QUOTE_WORDS; words++) {
      while (b < len && s[b] == ' ')
        b++;
      while (b < len && s[b] != ' ')
        b++;
    }
  }
  while (a < b && s[a] == ' ')
    a++;
  char *cut = xstrndup(s + a, b - a);
  char *q = xasprintf("%s%s%s", a > 0 ? "\xE2\x80\xA6" : "", cut,
                      b < len ? "\xE2\x80\xA6" : "");
  free(cut);
  return q;
}

/* Returns the heading of a kind: "lost-list: lists the dump lost (8)". */
static char *S_heading(const char *kind, size_t n) {
  for (size_t i = 0; i < sizeof S_kinds / sizeof *S_kinds; i++)
    if (strcmp(S_kinds[i].kind, kind) == 0)
      return xasprintf("%s: %s (%zu)", kind, S_kinds[i].what, n);
  return xasprintf("%s (%zu)", kind, n);
}

/* Returns the diagnostics as a view: one heading and table per kind, the
 * kinds in the order they first occur. */
static cmark_node *S_view(const mssdoc_records *rs) {
  cmark_node *doc = view_new();
  size_t n = rs->diagnostics.count;
  char *head =
      xasprintf("%zu diagnostic%s of %s", n, n == 1 ? "" : "s",
                rs->article.source ? rs->article.source : "the article");
  view_heading(doc, 1, head);
  free(head);
  if (!n) {
    view_paragraph(doc, "The ingest found nothing lost or contradictory.");
    return doc;
  }
  /* The kinds in order of first occurrence, each with its count: a few
   * kinds, so a list searched for each diagnostic. */
  struct {
    const char *kind;
    size_t first, count;
  } *kinds = xmalloc(n * sizeof *kinds);
  size_t nk = 0;
  for (size_t i = 0; i < n; i++) {
    const char *kind = rs->diagnostics.items[i].kind;
    size_t k = 0;
    while (k < nk && strcmp(kinds[k].kind, kind) != 0)
      k++;
    if (k == nk) {
      kinds[nk].kind = kind;
      kinds[nk].first = i;
      kinds[nk++].count = 0;
    }
    kinds[k].count++;
  }
  S_at *paras = S_para_lines(rs);
  for (size_t ki = 0; ki < nk; ki++) {
    const char *kind = kinds[ki].kind;
    size_t i = kinds[ki].first, count = kinds[ki].count;
    char *h = S_heading(kind, count);
    view_heading(doc, 2, h);
    free(h);
    static const char *const cols[] = {"Line", "Message", "Text"};
    table *t = table_new(3, cols);
    for (size_t j = i; j < n; j++) {
      const mssdoc_diagnostic *d = &rs->diagnostics.items[j];
      if (strcmp(d->kind, kind) != 0)
        continue;
      char *line = xasprintf("%d", d->line),
           *quote = S_quote(rs, paras, d->line, strcmp(d->kind, "lost-list") == 0);
      const char *row[] = {line, d->message, quote};
      table_add_row(t, row);
      free(line);
      free(quote);
    }
    view_table(doc, t);
  }
  free(paras);
  free(kinds);
  return doc;
}

int cmd_check(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  (void)argv;
  if (argc > 1)
    return cmd_fail(res, "check takes no arguments; usage: mssdoc check");
  const char *format = cmd_format(o, res, "check", "text", S_formats);
  if (!format)
    return 2;
  mssdoc_records *rs = cmd_load(o, res);
  if (!rs)
    return 2;
  if (strcmp(format, "json") == 0 || strcmp(format, "xml") == 0) {
    cmd_emit_records(rs, "diagnostics", format, NULL, res);
  } else {
    cmd_emit_view(o, res, format, rs, S_view(rs), "Diagnostics");
  }
  int status = rs->diagnostics.count ? 1 : 0;
  mssdoc_records_free(rs);
  return status;
}
