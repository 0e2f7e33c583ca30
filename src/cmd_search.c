/*
 * cmd_search.c: `mssdoc search WORDS...`: the paragraphs (body, captions,
 * hatnotes, quotations, tables) ranked by BM25 for the words, each with
 * its section, line and a snippet whose matching words are strong.  No
 * hit is exit 1 with a message on stderr (and `[]` for -f json).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "search.h"
#include "toc.h"
#include "width.h"

static const char *const S_formats[] = {"text", "markdown", "html",
                                        "man",  "json",     NULL};
static const char S_usage[] = "usage: mssdoc search WORDS...";
#define SNIPPET_WORDS 30

/* Returns the input line of a hit: a table's row holding the first
 * matching word, else the paragraph's line. */
static int S_line(const mssdoc_paragraph *p, const search_hit *h) {
  int line = p->line;
  if (p->kind && strcmp(p->kind, "table") == 0)
    for (size_t i = 0; i < h->first && p->text[i]; i++)
      line += p->text[i] == '\n';
  return line;
}

/* Returns "2.3 Title" for the section of p (malloc'd, caller frees). */
static char *S_where(const toc *t, const mssdoc_paragraph *p) {
  const toc_entry *e = toc_find(t, p->section);
  return e ? toc_label(e) : xstrdup(p->section ? p->section : "?");
}

/* Appends the hits as a JSON array. */
static void S_json(const mssdoc_records *rs, const toc *t,
                   search_index *ix, const search_query *q,
                   const search_hit *hits, size_t n, cmd_result *res) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[hits[i].doc];
    const toc_entry *e = toc_find(t, p->section);
    search_snippet sn = search_snippet_new(ix, q, hits[i].doc, SNIPPET_WORDS);
    char *snippet = search_snippet_text(&sn);
    json_t *o = json_object();
    json_object_set_new(o, "paragraph", json_string(p->id));
    json_object_set_new(o, "section",
                        json_string(p->section ? p->section : ""));
    json_object_set_new(o, "number", json_string(e ? e->number : ""));
    json_object_set_new(o, "title", json_string(e ? e->sec->title : ""));
    json_object_set_new(o, "kind", json_string(p->kind ? p->kind : "body"));
    json_object_set_new(o, "line", json_integer(S_line(p, &hits[i])));
    json_object_set_new(o, "score", json_real(hits[i].score));
    json_object_set_new(o, "snippet", json_string(snippet));
    json_t *marks = json_array();
    for (size_t k = 0; k < sn.count; k++)
      if (sn.items[k].match)
        json_array_append_new(marks, json_string(sn.items[k].text));
    json_object_set_new(o, "matches", marks);
    json_array_append_new(a, o);
    free(snippet);
    search_snippet_free(&sn);
  }
  cmd_emit_json(a, res);
}

/* Returns the hits as a view: a heading, then a numbered list of hits,
 * each its place and its snippet. */
static cmark_node *S_view(const mssdoc_records *rs, const toc *t,
                          search_index *ix, const search_query *q,
                          const search_hit *hits, size_t n, const char *words) {
  cmark_node *doc = view_new();
  char *head = xasprintf("%zu paragraph%s match%s \"%s\"", n, n == 1 ? "" : "s",
                         n == 1 ? "es" : "", words);
  view_heading(doc, 1, head);
  free(head);
  cmark_node *list = view_list(doc, 1);
  cmark_node_set_list_tight(list, 0);
  for (size_t i = 0; i < n; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[hits[i].doc];
    char *where = S_where(t, p);
    cmark_node *para = view_item(list, NULL);
    view_strong(para, where);
    free(where);
    char *line = xasprintf(", line %d", S_line(p, &hits[i]));
    view_text(para, line);
    free(line);
    if (p->kind && strcmp(p->kind, "body") != 0) {
      view_text(para, " ");
      char *kind = xasprintf("(%s)", p->kind);
      view_emph(para, kind);
      free(kind);
    }
    cmark_node *snip = view_paragraph(cmark_node_parent(para), NULL);
    search_snippet sn = search_snippet_new(ix, q, hits[i].doc, SNIPPET_WORDS);
    for (size_t k = 0; k < sn.count; k++) {
      if (sn.items[k].match)
        view_strong(snip, sn.items[k].text);
      else
        view_text(snip, sn.items[k].text);
    }
    search_snippet_free(&sn);
  }
  return doc;
}

int cmd_search(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  buf words = {0};
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == '-' && argv[i][1]) {
      buf_free(&words);
      return cmd_fail(res, "search has no option %s; %s", width_arg(argv[i]),
                      S_usage);
    }
    if (words.len)
      buf_putc(&words, ' ');
    buf_puts(&words, argv[i]);
  }
  const char *format = cmd_format(o, res, "search", "text", S_formats);
  if (!format) {
    buf_free(&words);
    return 2;
  }
  mssdoc_records *rs = cmd_load(o, res);
  if (!rs) {
    buf_free(&words);
    return 2;
  }
  size_t np = rs->paragraphs.count;
  const char **texts = xmalloc((np ? np : 1) * sizeof *texts);
  for (size_t i = 0; i < np; i++)
    texts[i] = rs->paragraphs.items[i].text;
  search_index *ix = search_index_new(texts, np);
  free(texts);
  search_query *q = search_query_new(ix, words.data ? words.data : "");
  int status = 0;
  if (!search_query_words(q)) {
    status = words.len
                 ? cmd_fail(res,
                            "search needs words to look for, "
                            "not only punctuation; %s",
                            S_usage)
                 : cmd_fail(res, "search needs words to look for; %s", S_usage);
  } else {
    search_hit *hits;
    size_t n = search_run(ix, q, &hits);
    toc *t = toc_build(rs);
    if (strcmp(format, "json") == 0)
      S_json(rs, t, ix, q, hits, n, res);
    else if (n) {
      char *title = xasprintf("Search: %s", words.data);
      cmd_emit_view(o, res, format, S_view(rs, t, ix, q, hits, n, words.data),
                    title);
      free(title);
    }
    if (!n) {
      buf_printf(&res->diag, "mssdoc: no paragraph matches \"%s\"\n",
                 width_arg(words.data));
      status = 1;
    }
    free(hits);
    toc_free(t);
  }
  search_query_free(q);
  search_index_free(ix);
  mssdoc_records_free(rs);
  buf_free(&words);
  return status;
}
