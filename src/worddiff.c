/* worddiff.c: the word diff of two texts (worddiff.h): split into words,
 * the common head and tail taken off, the middle aligned by a longest
 * common subsequence (a table of old x new words, bounded). */
#include "worddiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct {
  const char *s;
  size_t start, len;
  uint32_t hash;
} S_word;

typedef struct {
  S_word *items;
  size_t count, cap;
} S_words;

static int S_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

/* The words of s (NULL: none). */
static S_words S_split(const char *s) {
  S_words w = {0};
  for (size_t i = 0; s && s[i];) {
    if (S_space((unsigned char)s[i])) {
      i++;
      continue;
    }
    size_t j = i;
    uint32_t h = 2166136261u; /* FNV-1a */
    while (s[j] && !S_space((unsigned char)s[j]))
      h = (h ^ (unsigned char)s[j++]) * 16777619u;
    list_grow((void **)&w.items, &w.cap, w.count, sizeof *w.items);
    w.items[w.count++] = (S_word){s, i, j - i, h};
    i = j;
  }
  return w;
}

static int S_same(const S_word *a, const S_word *b) {
  return a->hash == b->hash && a->len == b->len &&
         memcmp(a->s + a->start, b->s + b->start, a->len) == 0;
}

/* Appends the run of words w[from, to) of kind k (nothing if empty). */
static void S_run(worddiff_runs *r, worddiff_kind k, const S_words *w,
                  size_t from, size_t to) {
  if (from >= to)
    return;
  size_t start = w->items[from].start;
  size_t end = w->items[to - 1].start + w->items[to - 1].len;
  if (r->count && r->items[r->count - 1].kind == k &&
      k == WORDDIFF_SAME) { /* a same run continued */
    r->items[r->count - 1].len = end - r->items[r->count - 1].start;
    return;
  }
  list_grow((void **)&r->items, &r->cap, r->count, sizeof *r->items);
  r->items[r->count++] = (worddiff_run){k, start, end - start};
}

/* The changed block between matches: old words a[i0, i1) deleted, new
 * words b[j0, j1) inserted. */
static void S_block(worddiff_runs *r, const S_words *a, size_t i0, size_t i1,
                    const S_words *b, size_t j0, size_t j1) {
  S_run(r, WORDDIFF_DEL, a, i0, i1);
  S_run(r, WORDDIFF_INS, b, j0, j1);
}

worddiff_runs worddiff(const char *old, const char *new) {
  worddiff_runs r = {0};
  S_words a = S_split(old), b = S_split(new);
  size_t head = 0, tail = 0;
  while (head < a.count && head < b.count &&
         S_same(&a.items[head], &b.items[head]))
    head++;
  while (tail < a.count - head && tail < b.count - head &&
         S_same(&a.items[a.count - 1 - tail], &b.items[b.count - 1 - tail]))
    tail++;
  S_run(&r, WORDDIFF_SAME, &a, 0, head);
  size_t n = a.count - head - tail, m = b.count - head - tail;
  if (n && m && n <= WORDDIFF_MAX_CELLS / m) {
    /* L[i][j]: the longest common subsequence of the middles' suffixes
     * from i and j; at most min(n, m) <= 2048 fits 16 bits */
    size_t w = m + 1;
    uint16_t *L = xcalloc((n + 1) * w, sizeof *L);
    const S_word *x = a.items + head, *y = b.items + head;
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        L[i * w + j] =
            S_same(&x[i], &y[j]) ? (uint16_t)(L[(i + 1) * w + j + 1] + 1)
            : L[(i + 1) * w + j] > L[i * w + j + 1] ? L[(i + 1) * w + j]
                                                    : L[i * w + j + 1];
    size_t i = 0, j = 0, bi = 0, bj = 0; /* the block since the last match */
    while (i < n && j < m) {
      if (S_same(&x[i], &y[j]) && L[i * w + j] == L[(i + 1) * w + j + 1] + 1) {
        S_block(&r, &a, head + bi, head + i, &b, head + bj, head + j);
        S_run(&r, WORDDIFF_SAME, &a, head + i, head + i + 1);
        bi = ++i;
        bj = ++j;
      } else if (L[(i + 1) * w + j] >= L[i * w + j + 1])
        i++;
      else
        j++;
    }
    S_block(&r, &a, head + bi, head + n, &b, head + bj, head + m);
    free(L);
  } else {
    S_block(&r, &a, head, head + n, &b, head, head + m);
  }
  S_run(&r, WORDDIFF_SAME, &a, a.count - tail, a.count);
  free(a.items);
  free(b.items);
  return r;
}
