/* view_marks.c: citation markers, anchors, backlink places and footnotes
 * in a view.  Each is a custom inline node (a footnote: a raw block)
 * tagged by its user_data, a pointer to one of S_tags (static: nothing to
 * free).  Until prepared, a mark's on_enter holds its id and its on_exit
 * its reference number; a footnote's literal is "N text". */
#include "view_marks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum { M_CITE, M_ANCHOR, M_BACK, M_FOOT, M_DEL, M_INS, M_COUNT };
static const char S_tags[M_COUNT] = {0};

/* Returns the kind of mark node is, or -1. */
static int S_kind(cmark_node *node) {
  cmark_node_type t = cmark_node_get_type(node);
  if (t != CMARK_NODE_CUSTOM_INLINE && t != CMARK_NODE_HTML_BLOCK)
    return -1;
  const char *u = cmark_node_get_user_data(node);
  return u >= S_tags && u < S_tags + M_COUNT ? (int)(u - S_tags) : -1;
}

/* Returns a new mark of kind k holding id and ref. */
static cmark_node *S_mark(int k, const char *id, int ref) {
  cmark_node *m = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
  cmark_node_set_user_data(m, (void *)(S_tags + k));
  char num[24];
  snprintf(num, sizeof num, "%d", ref);
  cmark_node_set_on_enter(m, id ? id : "");
  cmark_node_set_on_exit(m, num);
  return m;
}

cmark_node *view_cite(cmark_node *inl, int ref, const char *id, int strong) {
  cmark_node *m = S_mark(M_CITE, id, ref);
  cmark_node_append_child(inl, m);
  char text[32];
  snprintf(text, sizeof text, "[%d]", ref);
  cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(t, text);
  if (strong) {
    cmark_node *s = cmark_node_new(CMARK_NODE_STRONG);
    cmark_node_append_child(s, t);
    t = s;
  }
  cmark_node_append_child(m, t);
  return m;
}

void view_anchor(cmark_node *inl, const char *id) {
  cmark_node_prepend_child(inl, S_mark(M_ANCHOR, id, 0));
}

void view_backlinks(cmark_node *inl, int ref) {
  cmark_node_append_child(inl, S_mark(M_BACK, NULL, ref));
}

/* Appends a deletion or insertion mark (k) holding literal text. */
static cmark_node *S_edit(cmark_node *inl, int k, const char *text) {
  cmark_node *m = S_mark(k, NULL, 0);
  cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(t, text);
  cmark_node_append_child(m, t);
  cmark_node_append_child(inl, m);
  return m;
}

cmark_node *view_deleted(cmark_node *inl, const char *text) {
  return S_edit(inl, M_DEL, text);
}

cmark_node *view_inserted(cmark_node *inl, const char *text) {
  return S_edit(inl, M_INS, text);
}

int view_edit_kind(cmark_node *node) {
  int k = S_kind(node);
  return k == M_DEL ? -1 : k == M_INS ? 1 : 0;
}

void view_footnote(cmark_node *doc, int ref, const char *text) {
  cmark_node *n = cmark_node_new(CMARK_NODE_HTML_BLOCK);
  cmark_node_set_user_data(n, (void *)(S_tags + M_FOOT));
  char *lit = xasprintf("%d %s", ref, text ? text : "");
  cmark_node_set_literal(n, lit);
  free(lit);
  cmark_node_append_child(doc, n);
}

/* Returns text as one line of CommonMark, its specials escaped (cmark's
 * own renderer, unwrapped); the caller frees it. */
static char *S_markdown_line(const char *text) {
  cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
  cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(t, text);
  cmark_node_append_child(p, t);
  char *md = cmark_render_commonmark(p, CMARK_OPT_DEFAULT, 0);
  cmark_node_free(p);
  size_t n = strlen(md);
  while (n && md[n - 1] == '\n')
    md[--n] = '\0';
  return md;
}

/* The html form of a mark: a link to the reference (its id if it has
 * one), or a placeholder comment that view_html.c resolves. */
static void S_html(cmark_node *m, int k) {
  const char *id = cmark_node_get_on_enter(m), *ref = cmark_node_get_on_exit(m);
  char *in = NULL;
  if (k == M_CITE)
    in = *id ? xasprintf("<a class=\"cite\" href=\"#ref-%s\" id=\"%s\">", ref,
                         id)
             : xasprintf("<a class=\"cite\" href=\"#ref-%s\">", ref);
  else if (k == M_ANCHOR)
    in = xasprintf("<!--@id=%s-->", id);
  else
    in = xasprintf("<!--@back=%s-->", ref);
  cmark_node_set_on_enter(m, in);
  cmark_node_set_on_exit(m, k == M_CITE ? "</a>" : "");
  free(in);
}

void view_marks_prepare(cmark_node *doc, const char *format) {
  int html = strcmp(format, "html") == 0, md = strcmp(format, "markdown") == 0;
  /* the marks first (the tree is changed after the walk) */
  cmark_node **marks = NULL;
  size_t n = 0, cap = 0;
  cmark_iter *it = cmark_iter_new(doc);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node *node = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER || S_kind(node) < 0)
      continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      marks = xrealloc(marks, cap * sizeof *marks);
    }
    marks[n++] = node;
  }
  cmark_iter_free(it);
  /* the references with a footnote (markdown only) */
  int *foot = NULL, hi = -1;
  for (size_t i = 0; md && i < n; i++) {
    if (S_kind(marks[i]) != M_FOOT)
      continue;
    int r = atoi(cmark_node_get_literal(marks[i]));
    if (r < 0)
      continue;
    if (r > hi) {
      foot = xrealloc(foot, ((size_t)r + 1) * sizeof *foot);
      memset(foot + hi + 1, 0, (size_t)(r - hi) * sizeof *foot);
      hi = r;
    }
    foot[r] = 1;
  }
  for (size_t i = 0; i < n; i++) {
    cmark_node *m = marks[i];
    int k = S_kind(m);
    if (k == M_FOOT) {
      if (!md) {
        cmark_node_free(m);
        continue;
      }
      const char *lit = cmark_node_get_literal(m);
      int r = atoi(lit);
      const char *text = strchr(lit, ' ');
      char *line = S_markdown_line(text ? text + 1 : "");
      char *def = xasprintf("[^%d]: %s", r, line);
      cmark_node_set_literal(m, def);
      free(def);
      free(line);
    } else if (k == M_DEL || k == M_INS) {
      /* html and markdown: <del>, <ins> (raw inline HTML is CommonMark);
       * text: render_text.c draws them (view_edit_kind) */
      int tagged = html || md;
      cmark_node_set_on_enter(m, !tagged ? "" : k == M_DEL ? "<del>" : "<ins>");
      cmark_node_set_on_exit(m, !tagged      ? ""
                                : k == M_DEL ? "</del>"
                                             : "</ins>");
    } else if (html) {
      S_html(m, k);
    } else {
      int r = atoi(cmark_node_get_on_exit(m));
      if (k == M_CITE && md && r >= 0 && r <= hi && foot[r]) {
        char *fn = xasprintf("[^%d]", r);
        cmark_node_set_on_enter(m, fn);
        free(fn);
        cmark_node *c;
        while ((c = cmark_node_first_child(m)))
          cmark_node_free(c);
      } else {
        cmark_node_set_on_enter(m, "");
      }
      cmark_node_set_on_exit(m, "");
    }
  }
  free(foot);
  free(marks);
}
