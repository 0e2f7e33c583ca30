/*
 * search.c: ranked full-text search with a small query language.  Each
 * text is folded (fold.h) once; a query's words ("atoms": a Snowball
 * stem, or a word matched as itself) are matched against the words of the
 * folded texts as they are found again, so there is no stored vocabulary:
 * a search keeps only the postings it touches (where an atom stands in a
 * text), which is most of what it costs.  Phrases are atoms at
 * consecutive word positions; a run of CJK characters is a phrase of
 * single characters that touch, i.e. a substring.  Scoring is Okapi BM25
 * over the query's words and phrases, after a proximity rank; the snippet
 * is the window of words holding the most query items.
 */
#include "search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "fold.h"
#include "util.h"
#include "width.h"

/*
 * The Snowball stemmer (Debian libstemmer-dev), its English module called
 * directly.  libstemmer.h's sb_stemmer_new() picks a module from a table
 * of every language, so linking it pulls in all 30 stemmers: 11,000
 * relocations and 85 more page faults at the start of every command
 * (show bureaus: 106 -> 191 faults, +2.6 ms), shared or static alike.
 * These are the declarations libstemmer.c itself calls (Snowball 2.x
 * runtime, api.h and the generated stem_UTF_8_english.h, which Debian does
 * not install); test_search checks every stem against sb_stemmer_stem().
 */
typedef unsigned char S_symbol;
struct SN_env {
  S_symbol *p;
  int c, l, lb, bra, ket;
  S_symbol **S;
  int *I;
};
extern struct SN_env *english_UTF_8_create_env(void);
extern void english_UTF_8_close_env(struct SN_env *z);
extern int english_UTF_8_stem(struct SN_env *z);
extern int SN_set_current(struct SN_env *z, int size, const S_symbol *s);

/* Returns the stem of the word t[0..n) and its length in *len (owned by
 * z, valid until its next call), or NULL if Snowball fails. */
static const char *S_stem(struct SN_env *z, const char *t, size_t n,
                          size_t *len) {
  if (SN_set_current(z, (int)n, (const S_symbol *)t) < 0 ||
      english_UTF_8_stem(z) < 0)
    return NULL;
  *len = (size_t)z->l;
  return (const char *)z->p;
}

#define BM25_K1 1.2
#define BM25_B 0.75
#define PREFIX_MIN 3 /* characters a word needs to match as a prefix */

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

/* Returns 1 if a word character starts at s[i] (i < len). */
static int S_word_at(const char *s, size_t len, size_t i) {
  if (i >= len)
    return 0;
  if ((unsigned char)s[i] < 0x80)
    return S_ASCII_WORD[(unsigned char)s[i]];
  int32_t cp;
  width_decode(s + i, len - i, &cp);
  return cp >= 0 && S_wordchar(cp);
}

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
  /* A possessive 's (or ’s) is no word of its own: "Feinstein's". */
  size_t k = i;
  if (k < len && u[k] == '\'')
    k++;
  else if (k + 2 < len && u[k] == 0xE2 && u[k + 1] == 0x80 && u[k + 2] == 0x99)
    k += 3;
  if (k > i && k < len && u[k] == 's' && !S_word_at(s, len, k + 1))
    *pos = k + 1;
  return 1;
}

/* Each byte's class for S_next_word: 1 an ASCII letter or digit, 0 other
 * ASCII, 2 NUL or a byte of a multi-byte character (rows of 16 bytes,
 * 0x00 to 0xff). */
static const unsigned char S_BYTE_CLASS[256] = {
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* search_word on a NUL-terminated s of length len, with the common case
 * done inline: a word of ASCII letters and digits ended by the text's end
 * or by ASCII that is neither a word character nor an apostrophe.
 * Anything else is search_word's, from *pos, so the words are the same. */
static inline int S_next_word(const char *s, size_t len, size_t *pos,
                              size_t *start, size_t *end) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = *pos;
  while (S_BYTE_CLASS[u[i]] == 0) /* stops at the NUL at s[len] */
    i++;
  if (S_BYTE_CLASS[u[i]] == 1) {
    size_t a = i;
    while (S_BYTE_CLASS[u[i]] == 1)
      i++;
    if (S_BYTE_CLASS[u[i]] == 0 ? u[i] != '\'' : i == len) {
      *start = a;
      *end = *pos = i;
      return 1;
    }
  } else if (i >= len) {
    *pos = len;
    return 0;
  }
  return search_word(s, len, pos, start, end);
}

/* One text.  Where its words stand in the original, and which query item
 * each is highlighted for, is worked out for the hits alone. */
typedef struct {
  const char *text; /* the original, the caller's */
  char *folded;     /* fold_text(text) */
  size_t flen;
  size_t ntokens;   /* its words (counted by search_run and S_words) */
  uint32_t *orig;   /* per word, its original [start, end) */
  int *word;        /* per word, the group it is highlighted for, or -1 */
  unsigned serial;  /* the query `word` was made for */
} S_doc;

struct search_index {
  S_doc *docs;
  size_t ndocs;
  struct SN_env *stemmer; /* Snowball English, UTF-8 */
};

enum {
  S_MATCH_NONE,   /* occurs nowhere, and too short to be a prefix */
  S_MATCH_WORD,   /* occurs as a word of some text: matches that word */
  S_MATCH_PREFIX  /* occurs nowhere: matches the words it starts */
};

/* One distinct word of the query. */
typedef struct {
  char *key;   /* folded; its stem if `stem` */
  size_t klen;
  char *raw;   /* folded, not stemmed: what the prefix fallback uses */
  size_t rlen;
  int stem;    /* key is a stem: a text's words are stemmed to compare */
  /* A stem keeps its word's first letter, and its second but in the
   * three words Snowball turns to die, lie, tie (dying…): a word that
   * differs there cannot stem to key. */
  int keep2;
  int match;   /* S_MATCH_* */
} S_atom;

/* A word or a phrase: atoms at consecutive positions. */
typedef struct {
  size_t *atoms;
  unsigned char *glue; /* glue[j]: atom j must touch atom j-1 (CJK) */
  size_t n;
} S_unit;

/* Items ORed together; ANDed with the other groups, or excluded. */
typedef struct {
  size_t first, n; /* units [first, first + n) */
  int neg;
} S_group;

struct search_query {
  unsigned serial; /* tells one query from another, for S_doc's cache */
  MSSDOC_LIST(S_atom) atoms;
  MSSDOC_LIST(S_unit) units;
  MSSDOC_LIST(S_group) groups;
  size_t npos; /* groups that are not exclusions */
};

/* Where an atom stands in a text: its word position, sentence, and folded
 * bytes. */
typedef struct {
  uint32_t pos, sent, fs, fe;
  uint32_t atom;
} S_post;

typedef MSSDOC_LIST(S_post) S_posts;

/* One occurrence of a unit: word positions [start, end). */
typedef struct {
  uint32_t unit, start, end, sent;
} S_occ;

typedef MSSDOC_LIST(S_occ) S_occs;

/* Returns 1 if t[0..n) is ASCII letters only: a word the English stemmer
 * takes. */
static int S_alpha(const char *t, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (t[i] < 'a' || t[i] > 'z')
      return 0;
  return n > 0;
}

/* Returns 1 if the word t[0..n) is one wide (CJK) character. */
static int S_wide(const char *t, size_t n) {
  if (!n || (unsigned char)t[0] < 0x80)
    return 0;
  int32_t cp;
  size_t k = width_decode(t, n, &cp);
  return k == n && cp >= 0 && width_cp(cp) == 2;
}

/* The stem of one word of a text, made when first needed. */
typedef struct {
  const char *s;
  size_t n;
  int done;
} S_stemcache;

/* Returns 1 if the folded word t[0..tl) is atom a itself, or stems to it;
 * *alpha caches S_alpha of the word (-1: not yet known), c its stem. */
static int S_is_atom(struct SN_env *st, const S_atom *a, const char *t,
                     size_t tl, int *alpha, S_stemcache *c) {
  if (!a->stem)
    return tl == a->klen && memcmp(t, a->key, tl) == 0;
  /* A stem keeps the word's first letter and is never longer than it:
   * the cheap test first, as most words fail it. */
  if (t[0] != a->key[0] || tl < a->klen || (a->keep2 && t[1] != a->key[1]))
    return 0;
  if (*alpha < 0)
    *alpha = S_alpha(t, tl);
  if (!*alpha)
    return 0;
  if (!c->done) {
    c->s = S_stem(st, t, tl, &c->n);
    c->done = 1;
  }
  return c->s && c->n == a->klen && memcmp(c->s, a->key, c->n) == 0;
}

/* Returns 1 if the gap g[0..n) between two words ends a sentence: a line
 * break, a full stop, ! or ? before a space, or a CJK full stop. */
static int S_breaks(const char *g, size_t n) {
  int stop = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)g[i];
    if (c == '\n')
      return 1;
    if (c == '.' || c == '!' || c == '?')
      stop = 1;
    else if (stop && (c == ' ' || c == '\t'))
      return 1;
    if (c == 0xE3 && i + 2 < n && (unsigned char)g[i + 1] == 0x80 &&
        (unsigned char)g[i + 2] == 0x82)
      return 1; /* 。 */
    if (c == 0xEF && i + 2 < n && (unsigned char)g[i + 1] == 0xBC &&
        ((unsigned char)g[i + 2] == 0x81 || (unsigned char)g[i + 2] == 0x9F))
      return 1; /* ！ ？ */
  }
  return 0;
}

/* Appends to *out where each usable atom of q stands in doc, in word
 * order; returns the number of words of doc. */
static size_t S_scan(const search_index *ix, const S_doc *doc,
                     const search_query *q, S_posts *out) {
  size_t pos = 0, s, e, n = 0, prev = 0;
  uint32_t sent = 0;
  int sentences = q->npos > 1; /* only proximity needs them */
  while (S_next_word(doc->folded, doc->flen, &pos, &s, &e)) {
    if (sentences && n && S_breaks(doc->folded + prev, s - prev))
      sent++;
    const char *t = doc->folded + s;
    size_t tl = e - s;
    int alpha = -1;
    S_stemcache c = {0};
    for (size_t a = 0; a < q->atoms.count; a++) {
      const S_atom *at = &q->atoms.items[a];
      int hit;
      if (at->match == S_MATCH_NONE)
        continue;
      if (at->match == S_MATCH_PREFIX)
        hit = tl >= at->rlen && memcmp(t, at->raw, at->rlen) == 0;
      else if (!at->stem)
        hit = tl == at->klen && memcmp(t, at->key, tl) == 0;
      else if (t[0] != at->key[0] || tl < at->klen ||
               (at->keep2 && t[1] != at->key[1]))
        hit = 0; /* S_is_atom's cheap test, here: most words fail it */
      else
        hit = S_is_atom(ix->stemmer, at, t, tl, &alpha, &c);
      if (hit) {
        S_post *p = LIST_PUSH(*out);
        p->pos = (uint32_t)n;
        p->sent = sent;
        p->fs = (uint32_t)s;
        p->fe = (uint32_t)e;
        p->atom = (uint32_t)a;
      }
    }
    prev = e;
    n++;
  }
  return n;
}

/* Returns the index of the posting of atom a at word position pos, looked
 * for from P[i] on; or SIZE_MAX. */
static size_t S_find(const S_post *P, size_t np, size_t i, uint32_t pos,
                     size_t a) {
  for (; i < np && P[i].pos <= pos; i++)
    if (P[i].pos == pos && P[i].atom == a)
      return i;
  return SIZE_MAX;
}

/* Appends every occurrence of every unit of q in the postings P. */
static void S_occurrences(const search_query *q, const S_post *P, size_t np,
                          S_occs *out) {
  for (size_t u = 0; u < q->units.count; u++) {
    const S_unit *un = &q->units.items[u];
    for (size_t i = 0; i < np; i++) {
      if (P[i].atom != un->atoms[0])
        continue;
      size_t k = i, j;
      for (j = 1; j < un->n; j++) {
        size_t nk = S_find(P, np, k + 1, P[i].pos + (uint32_t)j, un->atoms[j]);
        if (nk == SIZE_MAX || (un->glue[j] && P[nk].fs != P[k].fe))
          break;
        k = nk;
      }
      if (j < un->n)
        continue;
      S_occ *o = LIST_PUSH(*out);
      o->unit = (uint32_t)u;
      o->start = P[i].pos;
      o->end = P[i].pos + (uint32_t)un->n;
      o->sent = P[i].sent;
    }
  }
}

/* Returns the group of unit u. */
static size_t S_group_of(const search_query *q, size_t u) {
  for (size_t g = 0; g < q->groups.count; g++)
    if (u >= q->groups.items[g].first &&
        u < q->groups.items[g].first + q->groups.items[g].n)
      return g;
  return 0;
}

static int S_u32cmp(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Returns 1 if x is in the sorted v[0..n). */
static int S_has(const uint32_t *v, size_t n, uint32_t x) {
  return bsearch(&x, v, n, sizeof *v, S_u32cmp) != NULL;
}

/* Returns how close the positive groups' occurrences O stand (SEARCH_*):
 * one after the other in query order, in one sentence, or apart. */
static int S_proximity(const search_query *q, const S_occ *O, size_t no) {
  if (q->npos < 2)
    return SEARCH_PHRASE; /* one item is its own phrase */
  uint32_t *ends = xmalloc((no ? no : 1) * sizeof *ends);
  uint32_t *next = xmalloc((no ? no : 1) * sizeof *next);
  uint32_t *sents = xmalloc((no ? no : 1) * sizeof *sents);
  uint32_t *keep = xmalloc((no ? no : 1) * sizeof *keep);
  size_t ne = 0, nk = 0;
  int first = 1, firsts = 1;
  for (size_t g = 0; g < q->groups.count; g++) {
    const S_group *gr = &q->groups.items[g];
    if (gr->neg)
      continue;
    size_t nn = 0, ns = 0;
    for (size_t i = 0; i < no; i++) {
      if (O[i].unit < gr->first || O[i].unit >= gr->first + gr->n)
        continue;
      if (first || S_has(ends, ne, O[i].start))
        next[nn++] = O[i].end;
      if (firsts || S_has(keep, nk, O[i].sent))
        sents[ns++] = O[i].sent;
    }
    qsort(next, nn, sizeof *next, S_u32cmp);
    memcpy(ends, next, nn * sizeof *next);
    ne = nn;
    qsort(sents, ns, sizeof *sents, S_u32cmp);
    memcpy(keep, sents, ns * sizeof *sents);
    nk = ns;
    first = firsts = 0;
  }
  int prox = ne ? SEARCH_PHRASE : nk ? SEARCH_SENTENCE : SEARCH_SCATTERED;
  free(ends);
  free(next);
  free(sents);
  free(keep);
  return prox;
}

/* Returns 1 if occurrences O satisfy q: every positive group, no
 * excluded one. */
static int S_satisfies(const search_query *q, const S_occ *O, size_t no) {
  if (!q->npos)
    return 0;
  for (size_t g = 0; g < q->groups.count; g++) {
    const S_group *gr = &q->groups.items[g];
    int sat = 0;
    for (size_t i = 0; i < no && !sat; i++)
      sat = O[i].unit >= gr->first && O[i].unit < gr->first + gr->n;
    if (sat == gr->neg)
      return 0;
  }
  return 1;
}

char *search_stem(const char *word) {
  struct SN_env *z = english_UTF_8_create_env();
  if (!z)
    abort();
  size_t n;
  const char *r = S_stem(z, word, strlen(word), &n);
  char *out = r ? xstrndup(r, n) : NULL;
  english_UTF_8_close_env(z);
  return out;
}

search_index *search_index_new(const char *const *texts, size_t n) {
  search_index *ix = xcalloc(1, sizeof *ix);
  ix->docs = xcalloc(n ? n : 1, sizeof *ix->docs);
  ix->ndocs = n;
  ix->stemmer = english_UTF_8_create_env();
  if (!ix->stemmer) /* only out of memory: "english" is built in */
    abort();
  for (size_t d = 0; d < n; d++) {
    S_doc *doc = &ix->docs[d];
    doc->text = texts[d] ? texts[d] : "";
    doc->folded = fold_text(doc->text);
    doc->flen = strlen(doc->folded);
    if (doc->flen > UINT32_MAX) { /* offsets are 32-bit: index 4 GiB */
      doc->flen = UINT32_MAX;
      doc->folded[doc->flen] = '\0'; /* S_next_word stops at the NUL */
    }
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
  if (ix->stemmer)
    english_UTF_8_close_env(ix->stemmer);
  free(ix);
}

/* Returns the number of characters of the UTF-8 string s. */
static size_t S_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* Returns the atom of q for the folded word t[0..n), added if new. */
static size_t S_atom_add(const search_index *ix, search_query *q,
                         const char *t, size_t n) {
  int stem = S_alpha(t, n);
  const char *key = t;
  size_t klen = n;
  if (stem) {
    size_t sl;
    const char *r = S_stem(ix->stemmer, t, n, &sl);
    if (r) {
      key = r;
      klen = sl;
    }
  }
  for (size_t a = 0; a < q->atoms.count; a++)
    if (q->atoms.items[a].klen == klen &&
        memcmp(q->atoms.items[a].key, key, klen) == 0)
      return a;
  S_atom *at = LIST_PUSH(q->atoms);
  at->key = xstrndup(key, klen);
  at->klen = klen;
  at->raw = xstrndup(t, n);
  at->rlen = n;
  at->stem = stem;
  at->keep2 = stem && klen >= 2 &&
              !(klen == 3 && at->key[1] == 'i' && at->key[2] == 'e');
  at->match = S_MATCH_WORD;
  return q->atoms.count - 1;
}

/* Adds the words of s[0..n) (not folded) to q as one unit, in a new group
 * (neg: an exclusion) or, if alt, as one more alternative of the last
 * group.  Returns 0 if s holds no word. */
static int S_unit_add(const search_index *ix, search_query *q, const char *s,
                      size_t n, int neg, int alt) {
  char *raw = xstrndup(s, n);
  char *f = fold_text(raw);
  free(raw);
  size_t len = strlen(f), pos = 0, a, e, prev_e = 0;
  S_unit u = {0};
  size_t cap = 0;
  int prev_wide = 0;
  while (search_word(f, len, &pos, &a, &e)) {
    if (u.n == cap) {
      cap = cap ? 2 * cap : 4;
      u.atoms = xrealloc(u.atoms, cap * sizeof *u.atoms);
      u.glue = xrealloc(u.glue, cap);
    }
    int wide = S_wide(f + a, e - a);
    u.glue[u.n] = u.n && wide && prev_wide && a == prev_e;
    u.atoms[u.n++] = S_atom_add(ix, q, f + a, e - a);
    prev_wide = wide;
    prev_e = e;
  }
  free(f);
  if (!u.n) {
    free(u.atoms);
    free(u.glue);
    return 0;
  }
  if (!alt) /* a word or phrase given twice counts once */
    for (size_t g = 0; g < q->groups.count; g++) {
      const S_group *gr = &q->groups.items[g];
      const S_unit *v = &q->units.items[gr->first];
      if (gr->n == 1 && gr->neg == neg && v->n == u.n &&
          memcmp(v->atoms, u.atoms, u.n * sizeof *u.atoms) == 0 &&
          memcmp(v->glue, u.glue, u.n) == 0) {
        free(u.atoms);
        free(u.glue);
        return 1;
      }
    }
  *LIST_PUSH(q->units) = u;
  if (alt && q->groups.count && !q->groups.items[q->groups.count - 1].neg &&
      !neg)
    q->groups.items[q->groups.count - 1].n++;
  else {
    S_group *g = LIST_PUSH(q->groups);
    g->first = q->units.count - 1;
    g->n = 1;
    g->neg = neg;
    q->npos += !neg;
  }
  return 1;
}

/* Sets how each atom matches: S_MATCH_WORD for those that some text holds
 * (the texts are read until all are found), else a prefix if long
 * enough. */
static void S_set_match(const search_index *ix, search_query *q) {
  size_t na = q->atoms.count, missing = na;
  unsigned char *found = xcalloc(na ? na : 1, 1);
  for (size_t d = 0; d < ix->ndocs && missing; d++) {
    const S_doc *doc = &ix->docs[d];
    size_t pos = 0, s, e;
    while (missing && S_next_word(doc->folded, doc->flen, &pos, &s, &e)) {
      const char *t = doc->folded + s;
      size_t tl = e - s;
      int alpha = -1;
      S_stemcache c = {0};
      for (size_t a = 0; a < na; a++)
        if (!found[a] &&
            S_is_atom(ix->stemmer, &q->atoms.items[a], t, tl, &alpha, &c)) {
          found[a] = 1;
          missing--;
        }
    }
  }
  for (size_t a = 0; a < na; a++) {
    S_atom *at = &q->atoms.items[a];
    at->match = found[a] ? S_MATCH_WORD
                : S_chars(at->raw) >= PREFIX_MIN ? S_MATCH_PREFIX
                                                 : S_MATCH_NONE;
  }
  free(found);
}

/* Returns 1 if c is a blank between query items. */
static int S_qblank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

search_query *search_query_new(const search_index *ix, const char *text) {
  static unsigned serial;
  search_query *q = xcalloc(1, sizeof *q);
  q->serial = ++serial;
  const char *p = text ? text : "";
  int alt = 0;
  while (*p) {
    while (S_qblank(*p))
      p++;
    if (!*p)
      break;
    int neg = 0;
    if (*p == '-' && p[1] && !S_qblank(p[1])) {
      neg = 1;
      p++;
    }
    const char *s;
    size_t n;
    if (*p == '"') {
      s = ++p;
      while (*p && *p != '"')
        p++;
      n = (size_t)(p - s);
      if (*p)
        p++;
    } else {
      s = p;
      while (*p && !S_qblank(*p))
        p++;
      n = (size_t)(p - s);
      if (!neg && n == 2 && memcmp(s, "OR", 2) == 0) {
        alt = q->groups.count > 0;
        continue;
      }
      if (!neg && n == 3 && memcmp(s, "AND", 3) == 0)
        continue;
    }
    if (S_unit_add(ix, q, s, n, neg, alt))
      alt = 0;
  }
  S_set_match(ix, q);
  return q;
}

size_t search_query_words(const search_query *q) { return q->npos; }

char *search_query_describe(const search_query *q) {
  buf b = {0};
  for (size_t g = 0; g < q->groups.count; g++) {
    const S_group *gr = &q->groups.items[g];
    if (g)
      buf_putc(&b, ' ');
    if (gr->neg)
      buf_putc(&b, '-');
    for (size_t u = gr->first; u < gr->first + gr->n; u++) {
      const S_unit *un = &q->units.items[u];
      if (u > gr->first)
        buf_puts(&b, " | ");
      for (size_t j = 0; j < un->n; j++) {
        if (j)
          buf_putc(&b, un->glue[j] ? '+' : '_');
        buf_puts(&b, q->atoms.items[un->atoms[j]].key);
      }
    }
  }
  return b.data ? buf_take(&b) : xstrdup("");
}

void search_query_free(search_query *q) {
  if (!q)
    return;
  for (size_t a = 0; a < q->atoms.count; a++) {
    free(q->atoms.items[a].key);
    free(q->atoms.items[a].raw);
  }
  for (size_t u = 0; u < q->units.count; u++) {
    free(q->units.items[u].atoms);
    free(q->units.items[u].glue);
  }
  free(q->atoms.items);
  free(q->units.items);
  free(q->groups.items);
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

/* Sets doc's highlights for q: where each of its words stands in the
 * original (the folded words found again and mapped back through
 * fold_text_map's byte map, dropped at once), and which positive group of
 * q each word is highlighted for (it stands in one of the occurrences O of
 * the group's units), or -1. */
static void S_highlight(S_doc *doc, const search_query *q, const S_occs *O) {
  free(doc->orig);
  free(doc->word);
  size_t *map, n = 0, cap = 16, pos = 0, s, e;
  free(fold_text_map(doc->text, &map));
  doc->orig = xmalloc(2 * cap * sizeof *doc->orig);
  while (S_next_word(doc->folded, doc->flen, &pos, &s, &e)) {
    if (n == cap) {
      cap *= 2;
      doc->orig = xrealloc(doc->orig, 2 * cap * sizeof *doc->orig);
    }
    size_t k = e;
    while (k < doc->flen && map[k] == map[s])
      k++; /* the word ends inside one original character */
    doc->orig[2 * n] = (uint32_t)map[s];
    doc->orig[2 * n + 1] = (uint32_t)map[k];
    n++;
  }
  free(map);
  doc->ntokens = n;
  doc->word = xmalloc((n ? n : 1) * sizeof *doc->word);
  for (size_t i = 0; i < n; i++)
    doc->word[i] = -1;
  for (size_t i = 0; i < O->count; i++) {
    size_t g = S_group_of(q, O->items[i].unit);
    if (q->groups.items[g].neg)
      continue;
    for (uint32_t t = O->items[i].start; t < O->items[i].end && t < n; t++)
      doc->word[t] = (int)g;
  }
  doc->serial = q->serial;
}

/* Makes doc's highlights for q, unless it has them. */
static void S_words(const search_index *ix, S_doc *doc, const search_query *q) {
  if (doc->orig && doc->serial == q->serial)
    return;
  S_posts P = {0};
  S_occs O = {0};
  S_scan(ix, doc, q, &P);
  S_occurrences(q, P.items, P.count, &O);
  S_highlight(doc, q, &O);
  free(P.items);
  free(O.items);
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
  if (x->proximity != y->proximity)
    return x->proximity < y->proximity ? 1 : -1;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return x->doc < y->doc ? -1 : x->doc > y->doc;
}

size_t search_run(search_index *ix, const search_query *q,
                  search_hit **hits) {
  *hits = NULL;
  if (!q->npos || !ix->ndocs)
    return 0;
  /* Memory in the postings the query touches, not words x texts: per
   * text, one (unit, count) for each unit it holds. */
  size_t nu = q->units.count, total = 0;
  size_t *df = xcalloc(nu ? nu : 1, sizeof *df);
  size_t *count = xcalloc(nu ? nu : 1, sizeof *count);
  struct {
    size_t *items;
    size_t count, cap;
  } tf = {0}; /* unit, count, unit, count... of the matching texts */
  size_t *start = xmalloc((ix->ndocs + 1) * sizeof *start);
  int *prox = xmalloc(ix->ndocs * sizeof *prox);
  unsigned char *ok = xcalloc(ix->ndocs, 1);
  S_posts P = {0};
  S_occs O = {0};
  for (size_t d = 0; d < ix->ndocs; d++) {
    S_doc *doc = &ix->docs[d];
    P.count = O.count = 0;
    doc->ntokens = S_scan(ix, doc, q, &P);
    total += doc->ntokens;
    start[d] = tf.count;
    if (!P.count)
      continue;
    S_occurrences(q, P.items, P.count, &O);
    for (size_t i = 0; i < O.count; i++)
      count[O.items[i].unit]++;
    for (size_t u = 0; u < nu; u++)
      if (count[u]) {
        df[u]++;
        *LIST_PUSH(tf) = u;
        *LIST_PUSH(tf) = count[u];
        count[u] = 0;
      }
    ok[d] = S_satisfies(q, O.items, O.count);
    if (ok[d]) {
      prox[d] = S_proximity(q, O.items, O.count);
      S_highlight(doc, q, &O); /* from this scan's occurrences */
    }
  }
  start[ix->ndocs] = tf.count;
  free(P.items);
  free(O.items);
  free(count);
  double n = (double)ix->ndocs, avgdl = (double)total / n;
  size_t nhits = 0;
  search_hit *out = xmalloc(ix->ndocs * sizeof *out);
  for (size_t d = 0; d < ix->ndocs; d++) {
    if (!ok[d])
      continue;
    S_doc *doc = &ix->docs[d];
    double score = 0, dl = (double)doc->ntokens;
    double norm =
        BM25_K1 * (1 - BM25_B + BM25_B * (avgdl > 0 ? dl / avgdl : 1));
    for (size_t k = start[d]; k < start[d + 1]; k += 2) {
      size_t u = tf.items[k];
      if (q->groups.items[S_group_of(q, u)].neg)
        continue;
      double f = (double)tf.items[k + 1];
      double idf = S_ln(1 + (n - (double)df[u] + 0.5) / ((double)df[u] + 0.5));
      score += idf * f * (BM25_K1 + 1) / (f + norm);
    }
    search_hit *h = &out[nhits++];
    h->doc = d;
    h->score = score;
    h->proximity = prox[d];
    h->first = 0;
    S_words(ix, doc, q);
    for (size_t i = 0; i < doc->ntokens; i++)
      if (doc->word[i] >= 0) {
        h->first = S_orig_start(doc, i);
        break;
      }
  }
  free(df);
  free(start);
  free(tf.items);
  free(prox);
  free(ok);
  if (!nhits) {
    free(out);
    return 0;
  }
  qsort(out, nhits, sizeof *out, S_hitcmp);
  *hits = out;
  return nhits;
}

/* Scores the window of words [s, s+len) of doc: distinct groups first,
 * then matches. */
static size_t S_window(const S_doc *doc, const search_query *q, size_t s,
                       size_t len, unsigned char *seen) {
  size_t distinct = 0, matches = 0;
  memset(seen, 0, q->groups.count ? q->groups.count : 1);
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

/* Calls back each highlighted run of words [first, last) of doc, in
 * order: words separated by spaces only make one run ("Kang Sheng"). */
static size_t S_runs(const S_doc *doc, size_t first, size_t last,
                     size_t *spans) {
  size_t nr = 0, ra = 0, rb = 0;
  int run = 0;
  for (size_t i = first; i < last; i++) {
    if (doc->word[i] < 0)
      continue;
    size_t a = S_orig_start(doc, i), b = S_orig_end(doc, i);
    size_t gap = rb;
    while (run && gap < a && doc->text[gap] == ' ')
      gap++;
    if (run && a <= gap) { /* joined by spaces, or in one character */
      rb = b > rb ? b : rb;
      continue;
    }
    if (run) {
      spans[2 * nr] = ra;
      spans[2 * nr + 1] = rb;
      nr++;
    }
    ra = a;
    rb = b;
    run = 1;
  }
  if (run) {
    spans[2 * nr] = ra;
    spans[2 * nr + 1] = rb;
    nr++;
  }
  return nr;
}

size_t search_matches(search_index *ix, const search_query *q, size_t doc_i,
                      size_t **spans) {
  *spans = NULL;
  if (doc_i >= ix->ndocs)
    return 0;
  S_doc *doc = &ix->docs[doc_i];
  S_words(ix, doc, q);
  size_t *sp = xmalloc((2 * doc->ntokens + 2) * sizeof *sp);
  size_t nr = S_runs(doc, 0, doc->ntokens, sp);
  if (!nr) {
    free(sp);
    return 0;
  }
  *spans = sp;
  return nr;
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
  S_words(ix, doc, q);
  size_t m = doc->ntokens;
  if (words < 1)
    words = 1;
  size_t lead = words / 4; /* words of context before the first match */
  size_t best = 0, best_score = 0;
  unsigned char *seen = xmalloc(q->groups.count ? q->groups.count : 1);
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
  size_t to = e < m ? S_orig_end(doc, e - 1) : strlen(doc->text);
  /* Whole words of the text: "Sihanouk's", not "s". */
  size_t len = strlen(doc->text);
  while (from > 0 && !S_blank(doc->text[from - 1]))
    from--;
  while (to < len && !S_blank(doc->text[to]))
    to++;
  if (from > 0)
    S_ellipsis(&sn);
  size_t *sp = xmalloc((2 * (e - best) + 2) * sizeof *sp);
  size_t nr = S_runs(doc, best, e, sp), at = from;
  for (size_t r = 0; r < nr; r++) {
    S_piece(&sn, doc, at, sp[2 * r], 0);
    S_piece(&sn, doc, sp[2 * r], sp[2 * r + 1], 1);
    at = sp[2 * r + 1];
  }
  free(sp);
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
