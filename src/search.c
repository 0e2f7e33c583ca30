/*
 * search.c: ranked full-text search.  Each text is folded (fold.h) once;
 * a query's words are matched against the words of the folded texts as
 * they are found again, so there is no stored vocabulary or word list: a
 * search touches little memory, which is most of what it costs.  A query
 * word matches its own occurrences, or, if it occurs nowhere, the words it
 * starts.  Scoring is Okapi BM25; the snippet is the window of words
 * holding the most query words.
 */
#include "search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "fold.h"
#include "util.h"
#include "width.h"

#define BM25_K1 1.2
#define BM25_B 0.75
#define PREFIX_MIN 3 /* characters a word needs to match as a prefix */

/* One text.  Where its words stand in the original, and which query word
 * each counts for, is worked out for the hits alone. */
typedef struct {
  const char *text; /* the original, the caller's */
  char *folded;     /* fold_text(text) */
  size_t flen;
  size_t ntokens;   /* its words (counted by search_run and S_words) */
  uint32_t *orig;   /* per word, its original [start, end) */
  int *word;        /* per word, the query word it counts for, or -1 */
  unsigned serial;  /* the query `word` was made for */
} S_doc;

struct search_index {
  S_doc *docs;
  size_t ndocs;
};

struct search_query {
  unsigned serial; /* tells one query from another, for S_doc's cache */
  size_t nwords;
  char **words;          /* folded, distinct */
  size_t *len;           /* their lengths in bytes */
  unsigned char *match;  /* per word: how it matches (S_MATCH_*) */
};

enum {
  S_MATCH_NONE,   /* occurs nowhere, and too short to be a prefix */
  S_MATCH_WORD,   /* occurs as a word of some text: matches that word */
  S_MATCH_PREFIX  /* occurs nowhere: matches the words it starts */
};

/* Returns 1 if cp can be part of a word: a letter, mark or digit. */
static int S_wordchar(int32_t cp) {
  if (cp < 0x80) /* ASCII: the common case, without a table look-up */
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
  case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO:
    return 1;
  default:
    return 0;
  }
}

/* ASCII letters and digits: the word characters of most text, looked up
 * without a call. */
static const unsigned char S_ASCII_WORD[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
    ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1,
    ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
    ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1};

int search_word(const char *s, size_t len, size_t *pos, size_t *start,
                size_t *end) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = *pos;
  int32_t cp = -1;
  size_t n = 1;
  while (i < len) { /* to the first word character */
    if (u[i] < 0x80) {
      if (S_ASCII_WORD[u[i]]) {
        cp = u[i];
        break;
      }
      i++;
      continue;
    }
    n = width_decode(s + i, len - i, &cp);
    if (cp >= 0 && S_wordchar(cp))
      break;
    i += n;
  }
  if (i >= len) {
    *pos = len;
    return 0;
  }
  *start = i;
  i += cp < 0x80 ? 1 : n;
  if (cp < 0x80 || width_cp(cp) != 2) /* a wide letter is a word of its own */
    while (i < len) {
      if (u[i] < 0x80) { /* ASCII: a word character or the end of the word */
        if (!S_ASCII_WORD[u[i]])
          break;
        i++;
        continue;
      }
      n = width_decode(s + i, len - i, &cp);
      if (cp < 0 || !S_wordchar(cp) || width_cp(cp) == 2)
        break;
      i += n;
    }
  *end = *pos = i;
  return 1;
}

search_index *search_index_new(const char *const *texts, size_t n) {
  search_index *ix = xcalloc(1, sizeof *ix);
  ix->docs = xcalloc(n ? n : 1, sizeof *ix->docs);
  ix->ndocs = n;
  for (size_t d = 0; d < n; d++) {
    S_doc *doc = &ix->docs[d];
    doc->text = texts[d] ? texts[d] : "";
    doc->folded = fold_text(doc->text);
    doc->flen = strlen(doc->folded);
    if (doc->flen > UINT32_MAX) /* offsets are 32-bit: index 4 GiB a text */
      doc->flen = UINT32_MAX;
  }
  return ix;
}

void search_index_free(search_index *ix) {
  if (!ix)
    return;
  for (size_t d = 0; d < ix->ndocs; d++) {
    free(ix->docs[d].folded);
    free(ix->docs[d].orig);
    free(ix->docs[d].word);
  }
  free(ix->docs);
  free(ix);
}

/* Returns the number of characters of the UTF-8 string s. */
static size_t S_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* Returns the query word that the folded word t[0..tl) counts for: the
 * first that it is (S_MATCH_WORD) or that it starts with (S_MATCH_PREFIX);
 * or -1. */
static int S_claim(const search_query *q, const char *t, size_t tl) {
  for (size_t w = 0; w < q->nwords; w++) {
    size_t wl = q->len[w];
    if (q->match[w] != S_MATCH_NONE &&
        (q->match[w] == S_MATCH_WORD ? tl == wl : tl >= wl) &&
        memcmp(t, q->words[w], wl) == 0)
      return (int)w;
  }
  return -1;
}

/* Sets how each query word matches: S_MATCH_WORD for those that occur as a
 * word of some text (the texts are read until all are found), else a
 * prefix if long enough. */
static void S_set_match(const search_index *ix, search_query *q) {
  size_t missing = q->nwords;
  for (size_t d = 0; d < ix->ndocs && missing; d++) {
    const S_doc *doc = &ix->docs[d];
    size_t pos = 0, s, e;
    while (missing && search_word(doc->folded, doc->flen, &pos, &s, &e))
      for (size_t w = 0; w < q->nwords; w++)
        if (q->match[w] != S_MATCH_WORD && e - s == q->len[w] &&
            memcmp(doc->folded + s, q->words[w], q->len[w]) == 0) {
          q->match[w] = S_MATCH_WORD;
          missing--;
        }
  }
  for (size_t w = 0; w < q->nwords; w++)
    if (q->match[w] != S_MATCH_WORD)
      q->match[w] =
          S_chars(q->words[w]) >= PREFIX_MIN ? S_MATCH_PREFIX : S_MATCH_NONE;
}

search_query *search_query_new(const search_index *ix, const char *text) {
  static unsigned serial;
  search_query *q = xcalloc(1, sizeof *q);
  q->serial = ++serial;
  char *folded = fold_text(text ? text : "");
  size_t len = strlen(folded), pos = 0, s, e, cap = 0;
  while (search_word(folded, len, &pos, &s, &e)) {
    int dup = 0;
    for (size_t w = 0; w < q->nwords && !dup; w++)
      dup = q->len[w] == e - s && memcmp(q->words[w], folded + s, e - s) == 0;
    if (dup)
      continue;
    if (q->nwords == cap) {
      cap = cap ? 2 * cap : 4;
      q->words = xrealloc(q->words, cap * sizeof *q->words);
      q->len = xrealloc(q->len, cap * sizeof *q->len);
    }
    q->words[q->nwords] = xstrndup(folded + s, e - s);
    q->len[q->nwords++] = e - s;
  }
  free(folded);
  q->match = xcalloc(q->nwords ? q->nwords : 1, 1);
  S_set_match(ix, q);
  return q;
}

size_t search_query_words(const search_query *q) { return q->nwords; }

void search_query_free(search_query *q) {
  if (!q)
    return;
  for (size_t w = 0; w < q->nwords; w++)
    free(q->words[w]);
  free(q->words);
  free(q->len);
  free(q->match);
  free(q);
}

/* Returns the natural logarithm of x > 0 (the program does not link libm):
 * x = m * 2^k with m in [1, 2), then ln m = 2 atanh((m - 1) / (m + 1)). */
static double S_ln(double x) {
  int k = 0;
  while (x >= 2) {
    x /= 2;
    k++;
  }
  while (x < 1) {
    x *= 2;
    k--;
  }
  double y = (x - 1) / (x + 1), y2 = y * y, term = y, sum = 0;
  for (int i = 1; i < 60; i += 2) {
    sum += term / i;
    term *= y2;
  }
  return 2 * sum + k * 0.69314718055994530942;
}

/* Makes doc's per-word arrays for query q (once per query): where each
 * word stands in the original, found again in the folded text and mapped
 * back through fold_text_map's byte map (dropped at once), and the query
 * word it counts for. */
static void S_words(S_doc *doc, const search_query *q) {
  if (doc->orig && doc->serial == q->serial)
    return;
  free(doc->orig);
  free(doc->word);
  size_t *map, n = 0, cap = 16, pos = 0, s, e;
  free(fold_text_map(doc->text, &map));
  doc->orig = xmalloc(2 * cap * sizeof *doc->orig);
  doc->word = xmalloc(cap * sizeof *doc->word);
  while (search_word(doc->folded, doc->flen, &pos, &s, &e)) {
    if (n == cap) {
      cap *= 2;
      doc->orig = xrealloc(doc->orig, 2 * cap * sizeof *doc->orig);
      doc->word = xrealloc(doc->word, cap * sizeof *doc->word);
    }
    size_t k = e;
    while (k < doc->flen && map[k] == map[s])
      k++; /* the word ends inside one original character */
    doc->orig[2 * n] = (uint32_t)map[s];
    doc->orig[2 * n + 1] = (uint32_t)map[k];
    doc->word[n++] = S_claim(q, doc->folded + s, e - s);
  }
  free(map);
  doc->ntokens = n;
  doc->serial = q->serial;
}

/* Returns the original byte offset where word i of doc starts. */
static size_t S_orig_start(const S_doc *doc, size_t i) {
  return doc->orig[2 * i];
}

/* Returns the original byte offset just past word i of doc. */
static size_t S_orig_end(const S_doc *doc, size_t i) {
  return doc->orig[2 * i + 1];
}

static int S_hitcmp(const void *a, const void *b) {
  const search_hit *x = a, *y = b;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* Orders two postings (word, count) by word. */
static int S_postcmp(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

size_t search_run(search_index *ix, const search_query *q,
                  search_hit **hits) {
  *hits = NULL;
  if (!q->nwords || !ix->ndocs)
    return 0;
  /* Memory in the postings the query touches, not words x texts: per
   * text, one (word, count) for each query word it holds. */
  size_t nw = q->nwords, total = 0;
  size_t *df = xcalloc(nw, sizeof *df);
  size_t *last = xmalloc(nw * sizeof *last); /* the text that last held w */
  size_t *slot = xmalloc(nw * sizeof *slot); /* where its posting is */
  for (size_t w = 0; w < nw; w++)
    last[w] = SIZE_MAX;
  struct {
    size_t *items;
    size_t count, cap;
  } post = {0}; /* word, count, word, count... */
  size_t *start = xmalloc((ix->ndocs + 1) * sizeof *start);
  for (size_t d = 0; d < ix->ndocs; d++) {
    S_doc *doc = &ix->docs[d];
    size_t pos = 0, s, e, n = 0;
    start[d] = post.count;
    while (search_word(doc->folded, doc->flen, &pos, &s, &e)) {
      n++;
      int w = S_claim(q, doc->folded + s, e - s);
      if (w < 0)
        continue;
      if (last[w] != d) {
        last[w] = d;
        slot[w] = post.count;
        *LIST_PUSH(post) = (size_t)w;
        *LIST_PUSH(post) = 0;
        df[w]++;
      }
      post.items[slot[w] + 1]++;
    }
    /* by word, so that scores add up in the same order as ever */
    if (post.count - start[d] > 2)
      qsort(post.items + start[d], (post.count - start[d]) / 2,
            2 * sizeof *post.items, S_postcmp);
    doc->ntokens = n;
    total += n;
  }
  start[ix->ndocs] = post.count;
  free(last);
  free(slot);
  double n = (double)ix->ndocs, avgdl = (double)total / n;
  size_t count = 0;
  search_hit *out = xmalloc(ix->ndocs * sizeof *out);
  for (size_t d = 0; d < ix->ndocs; d++) {
    S_doc *doc = &ix->docs[d];
    double score = 0, dl = (double)doc->ntokens;
    double norm =
        BM25_K1 * (1 - BM25_B + BM25_B * (avgdl > 0 ? dl / avgdl : 1));
    for (size_t k = start[d]; k < start[d + 1]; k += 2) {
      size_t w = post.items[k];
      double f = (double)post.items[k + 1];
      double idf = S_ln(1 + (n - (double)df[w] + 0.5) / ((double)df[w] + 0.5));
      score += idf * f * (BM25_K1 + 1) / (f + norm);
    }
    if (score <= 0)
      continue;
    search_hit *h = &out[count++];
    h->doc = d;
    h->score = score;
    h->first = 0;
    S_words(doc, q);
    for (size_t i = 0; i < doc->ntokens; i++)
      if (doc->word[i] >= 0) {
        h->first = S_orig_start(doc, i);
        break;
      }
  }
  free(df);
  free(start);
  free(post.items);
  if (!count) {
    free(out);
    return 0;
  }
  qsort(out, count, sizeof *out, S_hitcmp);
  *hits = out;
  return count;
}

/* Scores the window of words [s, s+len) of doc: distinct query words
 * first, then matches. */
static size_t S_window(const S_doc *doc, const search_query *q, size_t s,
                       size_t len, unsigned char *seen) {
  size_t distinct = 0, matches = 0;
  memset(seen, 0, q->nwords);
  for (size_t i = s; i < s + len && i < doc->ntokens; i++) {
    int w = doc->word[i];
    if (w < 0)
      continue;
    matches++;
    if (!seen[w]) {
      seen[w] = 1;
      distinct++;
    }
  }
  return distinct * 100000 + matches;
}

/* Appends original text [a, b) of doc to the snippet as one piece, line
 * breaks flattened. */
static void S_piece(search_snippet *sn, const S_doc *doc, size_t a, size_t b,
                    int match) {
  if (b <= a)
    return;
  buf t = {0};
  for (size_t i = a; i < b; i++) {
    char c = doc->text[i];
    if (c == '\n')
      buf_puts(&t, " / ");
    else if (c == '\r' || c == '\t')
      buf_putc(&t, ' ');
    else
      buf_putc(&t, c);
  }
  if (!match && sn->count && !sn->items[sn->count - 1].match) {
    search_piece *last = &sn->items[sn->count - 1];
    char *joined = xasprintf("%s%s", last->text, t.data);
    free(last->text);
    last->text = joined;
    buf_free(&t);
    return;
  }
  search_piece *p = LIST_PUSH(*sn);
  p->text = buf_take(&t);
  p->match = match;
}

/* Returns 1 if c separates words of the original text. */
static int S_blank(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Appends "…" (U+2026) to the snippet, to its last plain piece if any. */
static void S_ellipsis(search_snippet *sn) {
  static const char ELL[] = "\xE2\x80\xA6";
  if (sn->count && !sn->items[sn->count - 1].match) {
    search_piece *last = &sn->items[sn->count - 1];
    char *joined = xasprintf("%s%s", last->text, ELL);
    free(last->text);
    last->text = joined;
    return;
  }
  LIST_PUSH(*sn)->text = xstrdup(ELL);
}

search_snippet search_snippet_new(search_index *ix, const search_query *q,
                                  size_t doc_i, size_t words) {
  search_snippet sn = {0};
  if (doc_i >= ix->ndocs)
    return sn;
  S_doc *doc = &ix->docs[doc_i];
  S_words(doc, q);
  size_t m = doc->ntokens;
  if (words < 1)
    words = 1;
  size_t lead = words / 4; /* words of context before the first match */
  size_t best = 0, best_score = 0;
  unsigned char *seen = xmalloc(q->nwords ? q->nwords : 1);
  for (size_t i = 0; i < m; i++) {
    if (doc->word[i] < 0)
      continue;
    size_t s = i > lead ? i - lead : 0;
    if (s + words > m)
      s = m > words ? m - words : 0;
    size_t sc = S_window(doc, q, s, words, seen);
    if (sc > best_score) {
      best_score = sc;
      best = s;
    }
  }
  free(seen);
  size_t e = best + words < m ? best + words : m;
  size_t from = best > 0 ? S_orig_start(doc, best) : 0;
  size_t to =
      e < m ? S_orig_end(doc, e - 1) : strlen(doc->text);
  /* Whole words of the text: "Sihanouk's", not "s". */
  size_t len = strlen(doc->text);
  while (from > 0 && !S_blank(doc->text[from - 1]))
    from--;
  while (to < len && !S_blank(doc->text[to]))
    to++;
  if (from > 0)
    S_ellipsis(&sn);
  /* Matching words separated by spaces only make one run: "Kang Sheng". */
  size_t at = from, ra = 0, rb = 0;
  int run = 0;
  for (size_t i = best; i < e; i++) {
    if (doc->word[i] < 0)
      continue;
    size_t a = S_orig_start(doc, i), b = S_orig_end(doc, i);
    size_t gap = rb;
    while (run && gap < a && doc->text[gap] == ' ')
      gap++;
    if (run && gap == a) {
      rb = b;
      continue;
    }
    if (run) {
      S_piece(&sn, doc, at, ra, 0);
      S_piece(&sn, doc, ra, rb, 1);
      at = rb;
    }
    ra = a;
    rb = b;
    run = 1;
  }
  if (run) {
    S_piece(&sn, doc, at, ra, 0);
    S_piece(&sn, doc, ra, rb, 1);
    at = rb;
  }
  S_piece(&sn, doc, at, to, 0);
  if (to < len)
    S_ellipsis(&sn);
  return sn;
}

char *search_snippet_text(const search_snippet *s) {
  buf b = {0};
  for (size_t i = 0; i < s->count; i++)
    buf_puts(&b, s->items[i].text);
  return buf_take(&b);
}

void search_snippet_free(search_snippet *s) {
  for (size_t i = 0; i < s->count; i++)
    free(s->items[i].text);
  free(s->items);
  s->items = NULL;
  s->count = s->cap = 0;
}
