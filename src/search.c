/*
 * search.c: the ranked full-text index.  Each text is folded (fold.h) and
 * cut into words; the vocabulary is the distinct folded words (interned
 * through a hash table, pointing into the folded texts), and a query word
 * is found, or expanded as a prefix, by a scan of it.  Scoring is Okapi
 * BM25 over the texts;
 * the snippet is the window of words holding the most query words.
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

/* One text: for every word (token) only its term, 4 bytes, since a query
 * touches them all and their pages are most of what it costs; where the
 * words stand in the original is worked out for the hits alone. */
typedef struct {
  const char *text; /* the original, the caller's */
  char *folded;     /* fold_text(text) */
  size_t flen;
  struct {
    uint32_t *items; /* term of each token */
    size_t count, cap;
  } tokens;
  uint32_t *orig; /* per token, its original [start, end); NULL until used */
} S_doc;

/* A distinct word: its first occurrence, in some text's folded copy. */
typedef struct {
  const char *s;
  size_t len;
} S_term;

struct search_index {
  S_doc *docs;
  size_t ndocs;
  S_term *terms; /* distinct, in order of first sight */
  size_t nterms;
  double avgdl;
};

struct search_query {
  size_t nwords;
  int *word_of; /* per term: the query word it matches, or -1 */
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

/* Returns the index of term w in the vocabulary, with *found 1, or 0 with
 * *found 0 (a linear scan: a query has a few words, the vocabulary a few
 * thousand, and building a sorted one cost more than every look-up). */
static size_t S_lookup(const search_index *ix, const char *w, int *found) {
  size_t wl = strlen(w);
  for (size_t i = 0; i < ix->nterms; i++)
    if (ix->terms[i].len == wl && memcmp(ix->terms[i].s, w, wl) == 0) {
      *found = 1;
      return i;
    }
  *found = 0;
  return 0;
}

static size_t S_hash(const char *s, size_t n) {
  size_t h = 1469598103934665603u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  return h;
}

/* Finds the slot of word w[0..wl) in the open-addressing table slots[cap]
 * (term id + 1, 0 = empty): its own, or the empty one where it goes. */
static size_t S_slot(const uint32_t *slots, size_t cap, const S_term *terms,
                     const char *w, size_t wl) {
  size_t h = S_hash(w, wl) & (cap - 1);
  while (slots[h]) {
    const S_term *u = &terms[slots[h] - 1];
    if (u->len == wl && memcmp(u->s, w, wl) == 0)
      break;
    h = (h + 1) & (cap - 1);
  }
  return h;
}

/* The vocabulary being built: an open-addressing table of term ids + 1
 * (0 = empty) that doubles at half full, so it follows the vocabulary's
 * size, not the text's. */
typedef struct {
  uint32_t *slots;
  size_t cap;
  MSSDOC_LIST(S_term) terms;
} S_vocab;

/* Returns the term id of word w[0..wl), adding it if new. */
static uint32_t S_intern(S_vocab *v, const char *w, size_t wl) {
  size_t h = S_slot(v->slots, v->cap, v->terms.items, w, wl);
  if (v->slots[h])
    return v->slots[h] - 1;
  S_term *t = LIST_PUSH(v->terms);
  t->s = w;
  t->len = wl;
  v->slots[h] = (uint32_t)v->terms.count;
  if (2 * v->terms.count >= v->cap) {
    free(v->slots);
    v->cap *= 2;
    v->slots = xcalloc(v->cap, sizeof *v->slots);
    for (size_t k = 0; k < v->terms.count; k++) {
      const S_term *u = &v->terms.items[k];
      v->slots[S_slot(v->slots, v->cap, v->terms.items, u->s, u->len)] =
          (uint32_t)(k + 1);
    }
  }
  return (uint32_t)(v->terms.count - 1);
}

search_index *search_index_new(const char *const *texts, size_t n) {
  search_index *ix = xcalloc(1, sizeof *ix);
  ix->docs = xcalloc(n ? n : 1, sizeof *ix->docs);
  ix->ndocs = n;
  size_t total = 0;
  S_vocab v = {xcalloc(1024, sizeof(uint32_t)), 1024, {0}};
  for (size_t d = 0; d < n; d++) {
    S_doc *doc = &ix->docs[d];
    doc->text = texts[d] ? texts[d] : "";
    doc->folded = fold_text(doc->text);
    doc->flen = strlen(doc->folded);
    if (doc->flen > UINT32_MAX)
      doc->flen = UINT32_MAX;
    size_t pos = 0, s, e;
    while (search_word(doc->folded, doc->flen, &pos, &s, &e))
      *LIST_PUSH(doc->tokens) = S_intern(&v, doc->folded + s, e - s);
    total += doc->tokens.count;
  }
  free(v.slots);
  ix->terms = v.terms.items;
  ix->nterms = v.terms.count;
  ix->avgdl = n ? (double)total / (double)n : 0;
  return ix;
}

void search_index_free(search_index *ix) {
  if (!ix)
    return;
  for (size_t d = 0; d < ix->ndocs; d++) {
    free(ix->docs[d].folded);
    free(ix->docs[d].tokens.items);
    free(ix->docs[d].orig);
  }
  free(ix->docs);
  free(ix->terms);
  free(ix);
}

/* Returns the number of characters of the UTF-8 string s. */
static size_t S_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

search_query *search_query_new(const search_index *ix, const char *text) {
  search_query *q = xcalloc(1, sizeof *q);
  q->word_of = xmalloc((ix->nterms ? ix->nterms : 1) * sizeof *q->word_of);
  for (size_t i = 0; i < ix->nterms; i++)
    q->word_of[i] = -1;
  char *folded = fold_text(text ? text : "");
  size_t len = strlen(folded), pos = 0, s, e;
  mssdoc_strs seen = {0};
  while (search_word(folded, len, &pos, &s, &e)) {
    char *w = xstrndup(folded + s, e - s);
    int dup = 0;
    for (size_t i = 0; i < seen.count && !dup; i++)
      dup = strcmp(seen.items[i], w) == 0;
    if (!dup) {
      int word = (int)q->nwords++;
      strs_push(&seen, w);
      int found;
      size_t at = S_lookup(ix, w, &found);
      if (found) {
        if (q->word_of[at] < 0)
          q->word_of[at] = word;
      } else if (S_chars(w) >= PREFIX_MIN) {
        size_t wl = strlen(w);
        for (at = 0; at < ix->nterms; at++)
          if (q->word_of[at] < 0 && ix->terms[at].len >= wl &&
              memcmp(ix->terms[at].s, w, wl) == 0)
            q->word_of[at] = word;
      }
    }
    free(w);
  }
  strs_free(&seen);
  free(folded);
  return q;
}

size_t search_query_words(const search_query *q) { return q->nwords; }

void search_query_free(search_query *q) {
  if (!q)
    return;
  free(q->word_of);
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

/* Returns doc's original [start, end) of every token, made on first use:
 * the words are found again in the folded text and mapped back through
 * fold_text_map's byte map, which is dropped at once. */
static const uint32_t *S_orig(S_doc *doc) {
  if (doc->orig)
    return doc->orig;
  size_t *map;
  free(fold_text_map(doc->text, &map));
  doc->orig = xmalloc((doc->tokens.count ? 2 * doc->tokens.count : 1) *
                      sizeof *doc->orig);
  size_t pos = 0, s, e;
  for (size_t i = 0; i < doc->tokens.count; i++) {
    search_word(doc->folded, doc->flen, &pos, &s, &e);
    size_t k = e;
    while (k < doc->flen && map[k] == map[s])
      k++; /* the token ends inside one original character */
    doc->orig[2 * i] = (uint32_t)map[s];
    doc->orig[2 * i + 1] = (uint32_t)map[k];
  }
  free(map);
  return doc->orig;
}

/* Returns the original byte offset where token i starts. */
static size_t S_orig_start(S_doc *doc, size_t i) { return S_orig(doc)[2 * i]; }

/* Returns the original byte offset just past token i. */
static size_t S_orig_end(S_doc *doc, size_t i) {
  return S_orig(doc)[2 * i + 1];
}

static int S_hitcmp(const void *a, const void *b) {
  const search_hit *x = a, *y = b;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return x->doc < y->doc ? -1 : x->doc > y->doc;
}

size_t search_run(search_index *ix, const search_query *q,
                  search_hit **hits) {
  *hits = NULL;
  if (!q->nwords || !ix->ndocs)
    return 0;
  size_t nw = q->nwords;
  size_t *df = xcalloc(nw, sizeof *df);
  size_t *tf = xcalloc(ix->ndocs * nw, sizeof *tf);
  for (size_t d = 0; d < ix->ndocs; d++) {
    const S_doc *doc = &ix->docs[d];
    for (size_t i = 0; i < doc->tokens.count; i++) {
      int w = q->word_of[doc->tokens.items[i]];
      if (w >= 0 && tf[d * nw + (size_t)w]++ == 0)
        df[w]++;
    }
  }
  size_t count = 0;
  search_hit *out = xmalloc(ix->ndocs * sizeof *out);
  double n = (double)ix->ndocs;
  for (size_t d = 0; d < ix->ndocs; d++) {
    S_doc *doc = &ix->docs[d];
    double score = 0, dl = (double)doc->tokens.count;
    double norm =
        BM25_K1 * (1 - BM25_B + BM25_B * (ix->avgdl > 0 ? dl / ix->avgdl : 1));
    for (size_t w = 0; w < nw; w++) {
      double f = (double)tf[d * nw + w];
      if (f == 0)
        continue;
      double idf = S_ln(1 + (n - (double)df[w] + 0.5) / ((double)df[w] + 0.5));
      score += idf * f * (BM25_K1 + 1) / (f + norm);
    }
    if (score <= 0)
      continue;
    search_hit *h = &out[count++];
    h->doc = d;
    h->score = score;
    h->first = 0;
    for (size_t i = 0; i < doc->tokens.count; i++)
      if (q->word_of[doc->tokens.items[i]] >= 0) {
        h->first = S_orig_start(doc, i);
        break;
      }
  }
  free(df);
  free(tf);
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
  for (size_t i = s; i < s + len && i < doc->tokens.count; i++) {
    int w = q->word_of[doc->tokens.items[i]];
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
  size_t m = doc->tokens.count;
  if (words < 1)
    words = 1;
  size_t lead = words / 4; /* words of context before the first match */
  size_t best = 0, best_score = 0;
  unsigned char *seen = xmalloc(q->nwords ? q->nwords : 1);
  for (size_t i = 0; i < m; i++) {
    if (q->word_of[doc->tokens.items[i]] < 0)
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
    if (q->word_of[doc->tokens.items[i]] < 0)
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
