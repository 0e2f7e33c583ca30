/*
 * toc.c: section numbers, depths and subtrees (from the parent links of
 * the section records), and the selector that turns what a user typed
 * into one of them.
 */
#include "toc.h"
#include "width.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "search.h"
#include "util.h"

/* A section id and the index of its section, to find parents by id. */
typedef struct {
  const char *id;
  size_t index;
} S_id;

static int S_id_cmp(const void *a, const void *b) {
  const S_id *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  if (c)
    return c;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Returns the index of the first section (sorted in ids[0..n)) with the
 * given id if it stands before `before`, or -1 (a parent always comes
 * before its children).  A binary search: ids are sorted by id, then
 * index. */
static long S_index(const S_id *ids, size_t n, const char *id, size_t before) {
  if (!id)
    return -1;
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(ids[mid].id, id) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < n && strcmp(ids[lo].id, id) == 0 && ids[lo].index < before)
    return (long)ids[lo].index;
  return -1;
}

/* Sets end[i] of every entry: one past the run of sections after i that
 * descend from it.  The sections still open form a chain on a stack;
 * section j closes every open one that is not its ancestor, and those
 * that are sit at the bottom of the stack, up to the first of j's
 * ancestors found on it (linear for a document-order record set). */
static void S_subtrees(toc *t, const long *parent) {
  size_t n = t->count, depth = 0;
  size_t *stack = xmalloc((n ? n : 1) * sizeof *stack);
  unsigned char *open = xcalloc(n ? n : 1, 1);
  for (size_t j = 0; j < n; j++) {
    long a = parent[j];
    while (a >= 0 && !open[a])
      a = parent[a];
    while (depth && (a < 0 || stack[depth - 1] != (size_t)a)) {
      size_t top = stack[--depth];
      t->items[top].end = j;
      open[top] = 0;
    }
    stack[depth++] = j;
    open[j] = 1;
  }
  while (depth)
    t->items[stack[--depth]].end = n;
  free(stack);
  free(open);
}

toc *toc_build(const mssdoc_records *rs) {
  size_t n = rs->sections.count;
  toc *t = xcalloc(1, sizeof *t);
  t->items = xcalloc(n ? n : 1, sizeof *t->items);
  t->count = n;
  long *parent = xmalloc((n ? n : 1) * sizeof *parent);
  S_id *ids = xmalloc((n ? n : 1) * sizeof *ids);
  for (size_t i = 0; i < n; i++) {
    ids[i].id = rs->sections.items[i].id;
    ids[i].index = i;
  }
  if (n)
    qsort(ids, n, sizeof *ids, S_id_cmp);
  int *children = xcalloc(n ? n : 1, sizeof *children);
  int top = 0;
  for (size_t i = 0; i < n; i++) {
    toc_entry *e = &t->items[i];
    e->sec = &rs->sections.items[i];
    parent[i] = S_index(ids, n, e->sec->parent, i);
    if (parent[i] < 0) {
      e->depth = 1;
      if (strcmp(e->sec->id, "lead") == 0)
        snprintf(e->number, sizeof e->number, "0");
      else
        snprintf(e->number, sizeof e->number, "%d", ++top);
    } else {
      const toc_entry *p = &t->items[parent[i]];
      char up[sizeof p->number];
      memcpy(up, p->number, sizeof up);
      e->depth = p->depth + 1;
      int len = snprintf(e->number, sizeof e->number, "%s.%d", up,
                         ++children[parent[i]]);
      if (len < 0 || (size_t)len >= sizeof e->number)
        e->number[0] = '\0'; /* nested too deep to number */
    }
  }
  S_subtrees(t, parent);
  t->byid = xmalloc((n ? n : 1) * sizeof *t->byid);
  for (size_t i = 0; i < n; i++)
    t->byid[i] = ids[i].index;
  free(ids);
  free(parent);
  free(children);
  return t;
}

void toc_free(toc *t) {
  if (!t)
    return;
  free(t->items);
  free(t->byid);
  free(t);
}

const toc_entry *toc_find(const toc *t, const char *id) {
  if (!id)
    return NULL;
  size_t lo = 0, hi = t->count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(t->items[t->byid[mid]].sec->id, id) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < t->count && strcmp(t->items[t->byid[lo]].sec->id, id) == 0)
    return &t->items[t->byid[lo]];
  return NULL;
}

const char *toc_title(const toc *t, const char *id) {
  const toc_entry *e = toc_find(t, id);
  return e && e->sec->title ? e->sec->title : id ? id : "";
}

char *toc_label(const toc_entry *e) {
  return e->number[0] ? xasprintf("%s %s", e->number, e->sec->title)
                      : xstrdup(e->sec->title);
}

/* Appends the folded words of s to l. */
static void S_words(const char *s, mssdoc_strs *l) {
  char *f = fold_text(s);
  size_t len = strlen(f), pos = 0, a, b;
  while (search_word(f, len, &pos, &a, &b)) {
    char *w = xstrndup(f + a, b - a);
    strs_push(l, w);
    free(w);
  }
  free(f);
}

/* Returns 2 if the title's words are exactly the query's, 1 if each query
 * word starts a word of the title, else 0. */
static int S_title_match(const char *title, const mssdoc_strs *q) {
  mssdoc_strs tw = {0};
  S_words(title, &tw);
  int all = 1;
  for (size_t i = 0; i < q->count && all; i++) {
    size_t n = strlen(q->items[i]);
    all = 0;
    for (size_t j = 0; j < tw.count && !all; j++)
      all = strncmp(tw.items[j], q->items[i], n) == 0;
  }
  int exact = all && tw.count == q->count;
  for (size_t i = 0; exact && i < q->count; i++)
    exact = strcmp(tw.items[i], q->items[i]) == 0;
  strs_free(&tw);
  return exact ? 2 : all;
}

/* Returns 1 if s is a section number: digits separated by single dots. */
static int S_is_number(const char *s) {
  if (!*s)
    return 0;
  for (int digit = 0; *s; s++) {
    if (*s >= '0' && *s <= '9')
      digit = 1;
    else if (*s == '.' && digit)
      digit = 0;
    else
      return 0;
  }
  return s[-1] != '.';
}

long toc_select(const toc *t, const char *query, char **err) {
  *err = NULL;
  for (size_t i = 0; i < t->count; i++)
    if (t->items[i].number[0] && strcmp(t->items[i].number, query) == 0)
      return (long)i;
  const toc_entry *byid = toc_find(t, query);
  if (byid)
    return (long)(byid - t->items);
  if (S_is_number(query)) {
    const char *dot = strrchr(query, '.');
    for (size_t i = 0; dot && i < t->count; i++) {
      const toc_entry *up = &t->items[i];
      if (strlen(up->number) != (size_t)(dot - query) ||
          strncmp(up->number, query, (size_t)(dot - query)) != 0)
        continue;
      size_t kids = 0;
      for (size_t j = i + 1; j < up->end; j++)
        kids += t->items[j].depth == up->depth + 1;
      if (kids)
        *err = xasprintf("no section %s; section %s has %s.1 to %s.%zu "
                         "(see mssdoc toc)",
                         width_arg(query), up->number, up->number, up->number,
                         kids);
      else
        *err = xasprintf("no section %s; section %s has no subsections "
                         "(see mssdoc toc)",
                         width_arg(query), up->number);
      return -1;
    }
    int first = -1, last = 0;
    for (size_t i = 0; i < t->count; i++)
      if (t->items[i].depth == 1) {
        int n = atoi(t->items[i].number);
        if (first < 0)
          first = n;
        last = n;
      }
    if (first < 0)
      *err = xasprintf("no section %s; the article has no sections",
                       width_arg(query));
    else
      *err = xasprintf("no section %s; sections are numbered %d to %d "
                       "(see mssdoc toc)",
                       width_arg(query), first, last);
    return -1;
  }
  mssdoc_strs q = {0};
  S_words(query, &q);
  long found = -1;
  size_t nmatch = 0, nexact = 0;
  int *match = xcalloc(t->count ? t->count : 1, sizeof *match);
  for (size_t i = 0; q.count && i < t->count; i++) {
    match[i] = S_title_match(t->items[i].sec->title, &q);
    if (match[i]) {
      nmatch++;
      if (found < 0)
        found = (long)i;
    }
    if (match[i] == 2)
      nexact++;
  }
  if (nmatch > 1 && nexact == 1)
    for (size_t i = 0; i < t->count; i++)
      if (match[i] == 2)
        found = (long)i;
  if (nmatch > 1 && nexact != 1) {
    buf b = {0};
    buf_printf(&b, "\"%s\" matches %zu sections: ", query, nmatch);
    size_t k = 0;
    for (size_t i = 0; i < t->count; i++)
      if (match[i])
        buf_printf(&b, "%s%s %s", k++ ? ", " : "", t->items[i].number,
                   t->items[i].sec->title);
    buf_puts(&b, "; give one of the numbers");
    *err = buf_take(&b);
    found = -1;
  } else if (!nmatch) {
    if (!q.count)
      *err = xasprintf("\"%s\" names no section; give a number or title "
                       "words from mssdoc toc",
                       width_arg(query));
    else
      *err = xasprintf("no section title matches \"%s\"; mssdoc toc lists "
                       "the sections",
                       width_arg(query));
  }
  free(match);
  strs_free(&q);
  return found;
}
