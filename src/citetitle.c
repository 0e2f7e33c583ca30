/*
 * citetitle.c: the words of a title that keep their case, and its
 * quotes (rules in citetitle.h).  Owns the proper-noun lexicon made from
 * the article's paragraphs.
 */
#include "citetitle.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

struct citetitle_lexicon {
  char **words; /* sorted, capitalised as the article writes them */
  size_t count;
  char **phrases; /* sorted names of two or more words, single-spaced */
  size_t nphrases;
};

/* Words a title in title case leaves in lower case: they say nothing of
 * which case the title is in. */
static const char *const S_minor[] = {
    "a",   "about", "after", "against", "among", "an",   "and",  "as",  "at",
    "but", "by",    "for",   "from",    "in",    "into", "nor",  "of",  "off",
    "on",  "onto",  "or",    "over",    "so",    "than", "that", "the", "to",
    "up",  "upon",  "via",   "vs",      "with",  "yet"};

static int S_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int S_is_minor(const char *w, size_t n) {
  for (size_t i = 0; i < sizeof S_minor / sizeof *S_minor; i++)
    if (strlen(S_minor[i]) == n && strncasecmp(S_minor[i], w, n) == 0)
      return 1;
  return 0;
}

/* Returns 1 if the word [w, w+n) is an abbreviation a period follows
 * inside a sentence: a title (Mr, Mrs, Ms, Dr, St) or an initial. */
static int S_abbrev(const char *w, size_t n) {
  static const char *const t[] = {"Mr", "Mrs", "Ms", "Dr", "St"};
  if (n == 1 && isupper((unsigned char)w[0]))
    return 1;
  for (size_t i = 0; i < sizeof t / sizeof *t; i++)
    if (strlen(t[i]) == n && strncmp(t[i], w, n) == 0)
      return 1;
  return 0;
}

/* The longest name the lexicon keeps, in words. */
#define S_MAX_PHRASE 8

/* Returns 1 if [w, w+n) is capitalised: a capital, then lower case. */
static int S_capitalised(const char *w, size_t n) {
  if (n < 2 || !isupper((unsigned char)w[0]))
    return 0;
  for (size_t i = 1; i < n; i++)
    if (!islower((unsigned char)w[i]))
      return 0;
  return 1;
}

/* Appends the names of a run of words (capitalised, or "of" between
 * them) to phrases: the run from its first word to each later capitalised
 * one ("Ministry of State", "Ministry of State Security", not "State
 * Security", which may name something else), as words joined by single
 * spaces. */
static void S_phrases(const char *const *w, const size_t *n, size_t count,
                      mssdoc_strs *phrases) {
  for (size_t a = 0; a < 1 && a < count; a++) {
    for (size_t b = a + 1; b < count; b++) {
      if (!isupper((unsigned char)w[b][0]))
        continue;
      buf t = {0};
      for (size_t k = a; k <= b; k++) {
        if (k > a)
          buf_putc(&t, ' ');
        buf_put(&t, w[k], n[k]);
      }
      *LIST_PUSH(*phrases) = buf_take(&t);
    }
  }
}

/* Reads text's ASCII-letter words: appends to caps each capitalised word
 * in mid-sentence (only spaces or commas since the word before), to lower
 * each word written in lower case, and to phrases the names its runs of
 * capitalised words make ("Ministry of State Security", from the second
 * word of a run that opens a sentence). */
static void S_scan(const char *text, mssdoc_strs *caps, mssdoc_strs *lower,
                   mssdoc_strs *phrases) {
  const char *prev_start = NULL, *prev_end = NULL;
  const char *run[S_MAX_PHRASE];
  size_t run_n[S_MAX_PHRASE], nrun = 0;
  for (const char *p = text;;) {
    while (*p && !isalpha((unsigned char)*p))
      p++;
    const char *s = p;
    while (isalpha((unsigned char)*p))
      p++;
    size_t n = (size_t)(p - s);
    int mid = prev_end != NULL, spaces = mid;
    const char *q = prev_end;
    /* "Mr. Robot", "Michael D. Swaine": the period of a title or an
     * initial ends no sentence */
    if (mid && *q == '.' &&
        S_abbrev(prev_start, (size_t)(prev_end - prev_start)))
      q++;
    for (; mid && q < s; q++) {
      mid = *q == ' ' || *q == ',';
      spaces &= *q == ' ';
    }
    int cap = n && S_capitalised(s, n);
    int joins = spaces && nrun < S_MAX_PHRASE &&
                (cap || (nrun && n == 2 && strncmp(s, "of", 2) == 0));
    if (!joins || !n) {
      while (nrun && !isupper((unsigned char)run[nrun - 1][0]))
        nrun--; /* a run ends on a capitalised word */
      S_phrases(run, run_n, nrun, phrases);
      nrun = 0;
      /* a run that opens a sentence: from its second word */
      if (cap && !mid)
        prev_start = NULL;
    }
    if (!n)
      break;
    if (cap && (nrun || mid)) {
      run[nrun] = s;
      run_n[nrun++] = n;
    } else if (nrun && joins) {
      run[nrun] = s;
      run_n[nrun++] = n;
    }
    prev_start = s;
    prev_end = p;
    if (islower((unsigned char)s[0]))
      *LIST_PUSH(*lower) = xstrndup(s, n);
    else if (mid && cap)
      *LIST_PUSH(*caps) = xstrndup(s, n);
  }
}

/* Moves the sorted, distinct strings of l into *out (count *count). */
static void S_sorted_set(mssdoc_strs *l, char ***out, size_t *count) {
  if (l->count) /* an empty list has no items: qsort must not see NULL */
    qsort(l->items, l->count, sizeof *l->items, S_cmp);
  *out = xcalloc(l->count ? l->count : 1, sizeof **out);
  *count = 0;
  for (size_t i = 0; i < l->count; i++) {
    if (*count && strcmp((*out)[*count - 1], l->items[i]) == 0)
      free(l->items[i]);
    else
      (*out)[(*count)++] = l->items[i];
  }
  free(l->items);
  l->items = NULL;
  l->count = l->cap = 0;
}

citetitle_lexicon *citetitle_lexicon_new(const mssdoc_records *rs) {
  citetitle_lexicon *lx = xcalloc(1, sizeof *lx);
  if (!rs)
    return lx;
  mssdoc_strs caps = {0}, lower = {0}, phrases = {0};
  for (size_t i = 0; i < rs->paragraphs.count; i++)
    if (rs->paragraphs.items[i].text)
      S_scan(rs->paragraphs.items[i].text, &caps, &lower, &phrases);
  char **low;
  size_t nlow;
  S_sorted_set(&lower, &low, &nlow);
  S_sorted_set(&caps, &lx->words, &lx->count);
  S_sorted_set(&phrases, &lx->phrases, &lx->nphrases);
  /* a word the article also writes in lower case is no proper noun */
  size_t kept = 0;
  for (size_t i = 0; i < lx->count; i++) {
    char *w = lx->words[i];
    char *l = xstrdup(w);
    l[0] = (char)tolower((unsigned char)l[0]);
    if (bsearch(&l, low, nlow, sizeof *low, S_cmp))
      free(w);
    else
      lx->words[kept++] = w;
    free(l);
  }
  lx->count = kept;
  for (size_t i = 0; i < nlow; i++)
    free(low[i]);
  free(low);
  return lx;
}

void citetitle_lexicon_free(citetitle_lexicon *lx) {
  if (!lx)
    return;
  for (size_t i = 0; i < lx->count; i++)
    free(lx->words[i]);
  free(lx->words);
  for (size_t i = 0; i < lx->nphrases; i++)
    free(lx->phrases[i]);
  free(lx->phrases);
  free(lx);
}

int citetitle_proper(const citetitle_lexicon *lx, const char *word,
                     size_t len) {
  if (!lx || !lx->count)
    return 0;
  char *w = xstrndup(word, len);
  int found =
      bsearch(&w, lx->words, lx->count, sizeof *lx->words, S_cmp) != NULL;
  free(w);
  return found;
}

/* Returns 1 if the byte at p begins a letter or digit: ASCII, or a UTF-8
 * sequence that is none of the punctuation of U+2000-U+206F (quotes,
 * dashes). */
static int S_alnum_at(const char *p) {
  unsigned char c = (unsigned char)*p;
  if (c < 0x80)
    return isalnum(c);
  if (c == 0xe2 && ((unsigned char)p[1] == 0x80 || (unsigned char)p[1] == 0x81))
    return 0;
  return c >= 0xc0; /* a lead byte; continuation bytes belong to it */
}

/* Returns the length of the UTF-8 character at p (1 for a stray byte). */
static size_t S_char_len(const char *p) {
  unsigned char c = (unsigned char)*p;
  size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
  for (size_t i = 1; i < n; i++)
    if (((unsigned char)p[i] & 0xc0) != 0x80)
      return 1;
  return n;
}

/* One token of a title: [start, end) and its core [cs, ce). */
typedef struct {
  size_t start, end, cs, ce;
} S_tok;

/* The kinds of core. */
enum { S_NONE, S_LOWER, S_CAPITAL, S_KEEP };

/* Returns the kind of the core [s, s+n): S_KEEP for a case that no style
 * may change, S_CAPITAL for an initial capital, S_LOWER, or S_NONE. */
static int S_kind(const char *s, size_t n) {
  if (!n || !isalpha((unsigned char)s[0]))
    return S_NONE;
  int upper_after = 0, digit = 0, upper = isupper((unsigned char)s[0]) != 0;
  for (size_t i = 1; i < n; i++) {
    upper_after |= isupper((unsigned char)s[i]) != 0;
    digit |= isdigit((unsigned char)s[i]) != 0;
  }
  if (upper_after || (upper && digit) || (upper && n == 1 && s[0] != 'A'))
    return S_KEEP;
  return upper ? S_CAPITAL : S_LOWER;
}

unsigned char *citetitle_marks(const char *title, const citetitle_lexicon *lx) {
  size_t len = strlen(title);
  unsigned char *m = xcalloc(len + 1, 1);
  S_tok *toks = xcalloc(len / 2 + 1, sizeof *toks);
  size_t nt = 0;
  for (size_t i = 0; i < len;) {
    if (title[i] == ' ') {
      i++;
      continue;
    }
    S_tok t = {i, i, i, i};
    while (t.end < len && title[t.end] != ' ')
      t.end++;
    /* the core: from the first letter or digit to the end of the last */
    int found = 0;
    for (size_t p = t.start; p < t.end; p += S_char_len(title + p))
      if (S_alnum_at(title + p)) {
        if (!found)
          t.cs = p;
        found = 1;
        t.ce = p + S_char_len(title + p);
      }
    if (!found)
      t.cs = t.ce = t.end;
    toks[nt++] = t;
    i = t.end;
  }

  /* starts: the first token, and the first after ":", "?" or "!" */
  int *start = xcalloc(nt + 1, sizeof *start);
  for (size_t k = 0; k < nt; k++) {
    if (k == 0) {
      start[k] = 1;
      continue;
    }
    char last = title[toks[k - 1].end - 1];
    start[k] = last == ':' || last == '?' || last == '!';
  }

  /* sentence case: some significant word after a start is lower-case */
  int sentence = 0;
  for (size_t k = 0; k < nt; k++) {
    const char *c = title + toks[k].cs;
    size_t n = toks[k].ce - toks[k].cs;
    if (!start[k] && S_kind(c, n) == S_LOWER && !S_is_minor(c, n))
      sentence = 1;
  }

  /* names of the lexicon: each capitalised word of one keeps its case */
  int *named = xcalloc(nt + 1, sizeof *named);
  for (size_t k = 0; lx && lx->nphrases && k < nt; k++) {
    for (size_t len = S_MAX_PHRASE; len >= 2; len--) {
      if (k + len > nt)
        continue;
      buf ph = {0};
      int clean = 1;
      for (size_t i = k; i < k + len && clean; i++) {
        const char *c = title + toks[i].cs;
        size_t w = 0;
        while (w < toks[i].ce - toks[i].cs && isalpha((unsigned char)c[w]))
          w++;
        /* a word inside a name has nothing after it ("Security:" ends one) */
        clean = w > 0 && (i == k + len - 1 || toks[i].cs + w == toks[i].end);
        if (i > k)
          buf_putc(&ph, ' ');
        buf_put(&ph, c, w);
      }
      char *key = ph.data;
      int found = clean && bsearch(&key, lx->phrases, lx->nphrases,
                                   sizeof *lx->phrases, S_cmp) != NULL;
      buf_free(&ph);
      if (found) {
        for (size_t i = k; i < k + len; i++)
          named[i] = 1;
        break;
      }
    }
  }

  for (size_t k = 0; k < nt; k++) {
    const S_tok *t = &toks[k];
    const char *c = title + t->cs;
    size_t n = t->ce - t->cs;
    int kind = S_kind(c, n), keep = kind == S_KEEP;
    if (kind == S_CAPITAL && !start[k] && named[k])
      keep = 1;
    if (kind == S_CAPITAL && !start[k]) {
      if (sentence) {
        keep = 1;
      } else {
        size_t w = 0;
        while (w < n && isalpha((unsigned char)c[w]))
          w++;
        keep = keep || citetitle_proper(lx, c, w);
      }
    }
    if (keep && n) {
      m[t->cs] |= CITETITLE_OPEN;
      m[t->ce - 1] |= CITETITLE_CLOSE;
    }
    /* quotes before the core open; a double quote after it closes */
    for (size_t i = t->start; i < t->cs; i++)
      if (title[i] == '\'' || title[i] == '"')
        m[i] |= CITETITLE_QOPEN;
    for (size_t i = t->ce; i < t->end; i++)
      if (title[i] == '"')
        m[i] |= CITETITLE_QCLOSE;
  }
  free(named);
  free(start);
  free(toks);
  return m;
}
