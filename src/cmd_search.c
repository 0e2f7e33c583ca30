/*
 * cmd_search.c: `mssdoc search [--in text|refs|all] QUERY...`: the text
 * (body paragraphs, captions, hatnotes, quotations, table rows, the
 * infobox) and the references ranked for the query (search.h), each hit
 * with what it is (section, "reference 27", "infobox: Annual budget"),
 * its dump line and a snippet whose matching words are highlighted.  No
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
static const char S_usage[] =
    "usage: mssdoc search [--in text|refs|all] QUERY...";
#define SNIPPET_WORDS 30

/* What a searchable text is. */
enum { S_PARA, S_ROW, S_INFOBOX, S_REF };

/* One searchable text and where it comes from. */
typedef struct {
  int what;                       /* S_* */
  const mssdoc_paragraph *para;   /* S_PARA, S_ROW */
  const mssdoc_infobox_item *box; /* S_INFOBOX */
  const mssdoc_reference *ref;    /* S_REF */
  int line;
  char *own; /* the text when made here (a row, an infobox line), or NULL */
  const char *text;
} S_text;

typedef MSSDOC_LIST(S_text) S_texts;

/* Appends the texts of the scope `in` ("text", "refs" or "all"). */
static void S_collect(const mssdoc_records *rs, const char *in, S_texts *ts) {
  int text = strcmp(in, "refs") != 0, refs = strcmp(in, "text") != 0;
  if (text) {
    for (size_t i = 0; i < rs->infobox.count; i++) {
      const mssdoc_infobox_item *b = &rs->infobox.items[i];
      S_text *t = LIST_PUSH(*ts);
      t->what = S_INFOBOX;
      t->box = b;
      t->line = b->line;
      const char *l = b->label ? b->label : "", *v = b->value ? b->value : "";
      t->own = xasprintf("%s%s%s", l, *l && *v ? " " : "", v);
      t->text = t->own;
    }
    for (size_t i = 0; i < rs->paragraphs.count; i++) {
      const mssdoc_paragraph *p = &rs->paragraphs.items[i];
      const char *s = p->text ? p->text : "";
      if (!p->kind || strcmp(p->kind, "table") != 0) {
        S_text *t = LIST_PUSH(*ts);
        t->what = S_PARA;
        t->para = p;
        t->line = p->line;
        t->text = s;
        continue;
      }
      for (int row = 0;; row++) { /* a table: one text per row, per line */
        size_t n = strcspn(s, "\n");
        S_text *t = LIST_PUSH(*ts);
        t->what = S_ROW;
        t->para = p;
        t->line = p->line + row;
        t->own = xstrndup(s, n);
        t->text = t->own;
        if (!s[n])
          break;
        s += n + 1;
      }
    }
  }
  if (refs)
    for (size_t i = 0; i < rs->references.count; i++) {
      const mssdoc_reference *r = &rs->references.items[i];
      S_text *t = LIST_PUSH(*ts);
      t->what = S_REF;
      t->ref = r;
      t->line = r->line;
      t->text = r->text ? r->text : "";
    }
}

/* Returns what a hit is, for people: "2.3 Title", "reference 27",
 * "infobox: Annual budget" (malloc'd, caller frees). */
static char *S_place(const toc *tc, const S_text *t) {
  switch (t->what) {
  case S_REF:
    return xasprintf("reference %d", t->ref->number);
  case S_INFOBOX:
    return t->box->label && *t->box->label
               ? xasprintf("infobox: %s", t->box->label)
               : xasprintf("infobox %s", cmd_infobox_label(t->box));
  default: {
    const toc_entry *e = toc_find(tc, t->para->section);
    return e ? toc_label(e)
             : xstrdup(t->para->section ? t->para->section : "?");
  }
  }
}

/* Returns the kind of a hit: the paragraph's kind, "infobox" or
 * "reference". */
static const char *S_kind(const S_text *t) {
  if (t->what == S_REF)
    return "reference";
  if (t->what == S_INFOBOX)
    return "infobox";
  return t->para->kind ? t->para->kind : "body";
}

static const char *const S_PROXIMITY[] = {"scattered", "sentence", "phrase"};

/* Returns the number of code points in s[0..n). */
static size_t S_cps(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

/* Returns a JSON string of s, or null. */
static json_t *S_str(const char *s) { return s ? json_string(s) : json_null(); }

/* Appends the hits as a JSON array. */
static void S_json(const S_texts *ts, const toc *tc, search_index *ix,
                   const search_query *q, const search_hit *hits, size_t n,
                   cmd_result *res) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) {
    const S_text *t = &ts->items[hits[i].doc];
    const mssdoc_paragraph *p = t->para;
    const toc_entry *e = p ? toc_find(tc, p->section) : NULL;
    search_snippet sn = search_snippet_new(ix, q, hits[i].doc, SNIPPET_WORDS);
    char *snippet = search_snippet_text(&sn);
    char *place = S_place(tc, t);
    json_t *o = json_object();
    json_object_set_new(o, "in", json_string(t->what == S_REF ? "refs" : "text"));
    json_object_set_new(o, "kind", json_string(S_kind(t)));
    json_object_set_new(o, "place", json_string(place));
    json_object_set_new(o, "paragraph", S_str(p ? p->id : NULL));
    json_object_set_new(o, "section", S_str(p ? p->section : NULL));
    json_object_set_new(o, "number", S_str(e ? e->number : NULL));
    json_object_set_new(o, "title", S_str(e ? e->sec->title : NULL));
    json_object_set_new(o, "reference", t->ref ? json_integer(t->ref->number)
                                               : json_null());
    json_object_set_new(o, "label", S_str(t->box ? t->box->label : NULL));
    json_object_set_new(o, "line", json_integer(t->line));
    json_object_set_new(o, "score", json_real(hits[i].score));
    json_object_set_new(o, "proximity",
                        json_string(S_PROXIMITY[hits[i].proximity]));
    json_object_set_new(o, "text", json_string(t->text));
    json_object_set_new(o, "snippet", json_string(snippet));
    /* Each highlighted run, with its offsets in code points of "text"
     * (jq's .text[start:end]). */
    json_t *marks = json_array();
    size_t *sp, nr = search_matches(ix, q, hits[i].doc, &sp);
    for (size_t k = 0; k < nr; k++) {
      size_t from = sp[2 * k], to = sp[2 * k + 1];
      json_t *m = json_object();
      json_object_set_new(m, "text", json_stringn(t->text + from, to - from));
      size_t start = S_cps(t->text, from);
      json_object_set_new(m, "start", json_integer((json_int_t)start));
      json_object_set_new(
          m, "end",
          json_integer((json_int_t)(start + S_cps(t->text + from, to - from))));
      json_array_append_new(marks, m);
    }
    free(sp);
    json_object_set_new(o, "matches", marks);
    json_array_append_new(a, o);
    free(place);
    free(snippet);
    search_snippet_free(&sn);
  }
  cmd_emit_json(a, res);
}

/* Appends a highlighted run: <mark> in html, strong elsewhere (bold on a
 * terminal, **…** in markdown). */
static void S_mark(cmark_node *inl, const char *text, int html) {
  if (!html) {
    view_strong(inl, text);
    return;
  }
  cmark_node *m = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
  cmark_node_set_on_enter(m, "<mark>");
  cmark_node_set_on_exit(m, "</mark>");
  cmark_node_append_child(inl, m);
  view_text(m, text);
}

/* Returns the hits as a view: a heading, then a numbered list of hits,
 * each its place and its snippet. */
static cmark_node *S_view(const S_texts *ts, const toc *tc, search_index *ix,
                          const search_query *q, const search_hit *hits,
                          size_t n, const char *words, int html) {
  cmark_node *doc = view_new();
  char *head = xasprintf("%zu hit%s for \"%s\"", n, n == 1 ? "" : "s", words);
  view_heading(doc, 1, head);
  free(head);
  cmark_node *list = view_list(doc, 1);
  cmark_node_set_list_tight(list, 0);
  for (size_t i = 0; i < n; i++) {
    const S_text *t = &ts->items[hits[i].doc];
    char *place = S_place(tc, t);
    cmark_node *para = view_item(list, NULL);
    view_strong(para, place);
    free(place);
    char *line = xasprintf(", line %d", t->line);
    view_text(para, line);
    free(line);
    const char *kind = S_kind(t);
    if ((t->what == S_PARA || t->what == S_ROW) && strcmp(kind, "body") != 0) {
      view_text(para, " ");
      char *k = xasprintf("(%s)", kind);
      view_emph(para, k);
      free(k);
    }
    cmark_node *snip = view_paragraph(cmark_node_parent(para), NULL);
    search_snippet sn = search_snippet_new(ix, q, hits[i].doc, SNIPPET_WORDS);
    for (size_t k = 0; k < sn.count; k++) {
      if (sn.items[k].match)
        S_mark(snip, sn.items[k].text, html);
      else
        view_text(snip, sn.items[k].text);
    }
    search_snippet_free(&sn);
  }
  return doc;
}

/* Returns 1 if the argument a, holding blanks, uses query syntax: a
 * quote, OR or AND, or a -word. */
static int S_syntax(const char *a) {
  if (strchr(a, '"'))
    return 1;
  const char *p = a;
  while (*p) {
    while (*p == ' ' || *p == '\t' || *p == '\n')
      p++;
    size_t n = strcspn(p, " \t\n");
    if ((n == 2 && memcmp(p, "OR", 2) == 0) ||
        (n == 3 && memcmp(p, "AND", 3) == 0) || (n > 1 && p[0] == '-'))
      return 1;
    p += n;
  }
  return 0;
}

int cmd_search(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  buf words = {0}, query = {0};
  const char *in = "all";
  int opts = 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (opts && strcmp(a, "--") == 0) {
      opts = 0;
      continue;
    }
    if (opts && strncmp(a, "--", 2) == 0) {
      const char *v = NULL;
      if (strcmp(a, "--in") == 0 && i + 1 < argc)
        v = argv[++i];
      else if (strncmp(a, "--in=", 5) == 0)
        v = a + 5;
      if (!v) {
        buf_free(&words);
        buf_free(&query);
        return strcmp(a, "--in") == 0
                   ? cmd_fail(res, "search --in needs text, refs or all; %s",
                              S_usage)
                   : cmd_fail(res, "search has no option %s; %s",
                              width_arg(a), S_usage);
      }
      if (strcmp(v, "text") && strcmp(v, "refs") && strcmp(v, "all")) {
        buf_free(&words);
        buf_free(&query);
        return cmd_fail(res, "search --in takes text, refs or all, not %s; %s",
                        width_arg(v), S_usage);
      }
      in = v;
      continue;
    }
    if (words.len)
      buf_putc(&words, ' ');
    buf_puts(&words, a);
    /* An argument with blanks was quoted in the shell: a phrase. */
    int phrase = strpbrk(a, " \t\n") && !S_syntax(a);
    if (query.len)
      buf_putc(&query, ' ');
    buf_printf(&query, phrase ? "\"%s\"" : "%s", a);
  }
  const char *format = cmd_format(o, res, "search", "text", S_formats);
  mssdoc_records *rs = format ? cmd_load(o, res) : NULL;
  if (!rs) {
    buf_free(&words);
    buf_free(&query);
    return 2;
  }
  S_texts ts = {0};
  S_collect(rs, in, &ts);
  const char **texts = xmalloc((ts.count ? ts.count : 1) * sizeof *texts);
  for (size_t i = 0; i < ts.count; i++)
    texts[i] = ts.items[i].text;
  search_index *ix = search_index_new(texts, ts.count);
  free(texts);
  search_query *q = search_query_new(ix, query.data ? query.data : "");
  int status = 0;
  if (!search_query_words(q)) {
    status = words.len
                 ? cmd_fail(res,
                            "search needs words to look for, not only "
                            "punctuation or exclusions; %s",
                            S_usage)
                 : cmd_fail(res, "search needs words to look for; %s", S_usage);
  } else {
    search_hit *hits;
    size_t n = search_run(ix, q, &hits);
    toc *tc = toc_build(rs);
    if (strcmp(format, "json") == 0)
      S_json(&ts, tc, ix, q, hits, n, res);
    else if (n) {
      char *title = xasprintf("Search: %s", words.data);
      cmd_emit_view(o, res, format, rs,
                    S_view(&ts, tc, ix, q, hits, n, words.data,
                           strcmp(format, "html") == 0),
                    title);
      free(title);
    }
    if (!n) {
      buf_printf(&res->diag, "mssdoc: nothing matches \"%s\"\n",
                 width_arg(words.data));
      status = 1;
    }
    free(hits);
    toc_free(tc);
  }
  search_query_free(q);
  search_index_free(ix);
  for (size_t i = 0; i < ts.count; i++)
    free(ts.items[i].own);
  free(ts.items);
  mssdoc_records_free(rs);
  buf_free(&words);
  buf_free(&query);
  return status;
}
