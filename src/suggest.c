/*
 * suggest.c: edit distance and the closest candidate for "did you mean".
 */
#include "suggest.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

size_t suggest_distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  /* three rows of the dynamic-programming table: i-2, i-1 and i */
  size_t *row = xmalloc(3 * (m + 1) * sizeof *row);
  size_t *r2 = row, *r1 = row + (m + 1), *r0 = row + 2 * (m + 1);
  for (size_t j = 0; j <= m; j++)
    r1[j] = j;
  for (size_t i = 1; i <= n; i++) {
    r0[0] = i;
    for (size_t j = 1; j <= m; j++) {
      size_t cost = a[i - 1] != b[j - 1];
      size_t d = r1[j - 1] + cost;
      if (r1[j] + 1 < d)
        d = r1[j] + 1;
      if (r0[j - 1] + 1 < d)
        d = r0[j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          r2[j - 2] + 1 < d)
        d = r2[j - 2] + 1;
      r0[j] = d;
    }
    size_t *t = r2;
    r2 = r1;
    r1 = r0;
    r0 = t;
  }
  size_t d = r1[m];
  free(row);
  return d;
}

size_t suggest_max_distance(size_t len) {
  return len < 3 ? 0 : len <= 5 ? 1 : 2;
}

void suggest_init(suggest *s, const char *word) {
  s->word = word;
  s->best = NULL;
  s->dist = 0;
}

void suggest_offer(suggest *s, const char *name) {
  size_t max = suggest_max_distance(strlen(s->word));
  size_t d = suggest_distance(s->word, name);
  if (d == 0 || d > max || (s->best && d >= s->dist))
    return;
  s->best = name;
  s->dist = d;
}

const char *suggest_closest(const char *word, const char *const *names) {
  suggest s;
  suggest_init(&s, word);
  for (size_t i = 0; names[i]; i++)
    suggest_offer(&s, names[i]);
  return s.best;
}
