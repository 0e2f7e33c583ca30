/* consistency.c: names and terms the article gives two ways (see
 * consistency.h). */
#include "consistency.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_common.h"
#include "suggest.h"
#include "util.h"

/* The shortest name checked for variants: shorter ones ("Li Ke") are a
 * letter away from too many others. */
#define NAME_MIN 7

/* The most names of office holders checked: an article's heads tables hold
 * dozens; a set with more (a made-up one) is not checked, which keeps the
 * check linear in the text. */
#define NAMES_MAX 256

/* 1 if the byte starts a word character (a letter, a digit, or a byte of
 * a UTF-8 sequence). */
static int S_word_byte(unsigned char ch) {
  return isalnum(ch) || ch >= 0x80 || ch == '\'';
}

/* The distinct names of the heads tables' office holders (not notes), as
 * pointers into rs. */
static size_t S_head_names(const mssdoc_records *rs, const char ***out) {
  const char **names = xcalloc(rs->heads.count + 1, sizeof *names);
  size_t n = 0;
  for (size_t i = 0; i < rs->heads.count; i++) {
    const mssdoc_head *h = &rs->heads.items[i];
    if (h->note || !h->name || !*h->name)
      continue;
    size_t k = 0;
    while (k < n && strcmp(names[k], h->name) != 0)
      k++;
    if (k == n)
      names[n++] = h->name;
  }
  *out = names;
  return n;
}

/* The number of words of s (runs of word bytes). */
static size_t S_count_words(const char *s) {
  size_t w = 0;
  for (size_t i = 0; s[i]; i++)
    if (S_word_byte((unsigned char)s[i]) &&
        (i == 0 || !S_word_byte((unsigned char)s[i - 1])))
      w++;
  return w;
}

/* Reports the variants of the heads' names in paragraph p, each once. */
static void S_variants_in(mssdoc_records *rs, const mssdoc_paragraph *p,
                          const char **names, size_t nnames,
                          mssdoc_strs *seen) {
  const char *t = p->text;
  size_t len = strlen(t);
  for (size_t at = 0; at < len; at++) {
    /* a candidate starts a word with a capital letter */
    if (!isupper((unsigned char)t[at]) ||
        (at && S_word_byte((unsigned char)t[at - 1])))
      continue;
    for (size_t k = 0; k < nnames; k++) {
      /* the same family name (first word), then one or two letters off */
      size_t fam = strcspn(names[k], " ");
      if (strncmp(t + at, names[k], fam) != 0 || t[at + fam] != ' ')
        continue;
      size_t words = S_count_words(names[k]), end = at, w = 0;
      /* as many capitalised words as the name has, one space apart */
      while (w < words && end < len) {
        if (w && (t[end] != ' ' || !isupper((unsigned char)t[end + 1])))
          break;
        if (w)
          end++;
        while (end < len && S_word_byte((unsigned char)t[end]) &&
               t[end] != '\'')
          end++;
        w++;
      }
      if (w != words)
        continue;
      char *cand = xstrndup(t + at, end - at);
      size_t nl = strlen(names[k]), d = suggest_distance(cand, names[k]);
      int known = 0;
      for (size_t j = 0; j < nnames && !known; j++)
        known = strcmp(cand, names[j]) == 0;
      int shown = 0;
      for (size_t j = 0; j < seen->count && !shown; j++)
        shown = strcmp(seen->items[j], cand) == 0;
      if (!known && !shown && d >= 1 && d <= 2 && nl >= NAME_MIN) {
        strs_push(seen, cand);
        ingest_diag(rs, p->line, "name-variant",
                    xasprintf("\"%s\" is %zu letter%s away from \"%s\" of "
                              "the heads tables",
                              cand, d, d == 1 ? "" : "s", names[k]));
      }
      free(cand);
    }
  }
}

/* The first span of years "YYYY-YYYY" or "YYYY–YYYY" in s after from: 1
 * and the years and where it starts, or 0. */
static int S_year_span(const char *s, size_t from, int *first, int *last,
                       size_t *where) {
  for (size_t i = from; s[i]; i++) {
    if (!(isdigit((unsigned char)s[i]) && isdigit((unsigned char)s[i + 1]) &&
          isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3])) ||
        (i && isalnum((unsigned char)s[i - 1])))
      continue;
    size_t j = i + 4;
    if (s[j] == '-')
      j++;
    else if (strncmp(s + j, "\xE2\x80\x93", 3) == 0)
      j += 3;
    else
      continue;
    int ok = 1;
    for (size_t k = 0; k < 4 && ok; k++)
      ok = isdigit((unsigned char)s[j + k]) != 0;
    if (!ok || isalnum((unsigned char)s[j + 4]))
      continue;
    *first = atoi(s + i);
    *last = atoi(s + j);
    *where = i;
    return 1;
  }
  return 0;
}

/* The year an EDTF date opens with, or 0. */
static int S_year(const char *edtf) {
  return edtf && strlen(edtf) >= 4 && isdigit((unsigned char)edtf[0])
             ? atoi(edtf)
             : 0;
}

/* Reports a caption whose span of years for a head matches none of the
 * head's terms. */
static void S_terms_in(mssdoc_records *rs, const mssdoc_paragraph *p,
                       const char **names, size_t nnames) {
  int first, last;
  size_t where;
  if (!S_year_span(p->text, 0, &first, &last, &where))
    return;
  /* the head the caption names last before its span */
  const char *name = NULL;
  size_t best = 0;
  for (size_t k = 0; k < nnames; k++) {
    const char *at = strstr(p->text, names[k]);
    if (at && (size_t)(at - p->text) < where &&
        (!name || (size_t)(at - p->text) >= best)) {
      name = names[k];
      best = (size_t)(at - p->text);
    }
  }
  if (!name)
    return;
  buf terms = {0}; /* appended to, not rebuilt: a name may hold many terms */
  for (size_t i = 0; i < rs->heads.count; i++) {
    const mssdoc_head *h = &rs->heads.items[i];
    if (h->note || strcmp(h->name, name) != 0)
      continue;
    int from = S_year(h->took_office), to = S_year(h->left_office);
    if (from == first && to == last) {
      buf_free(&terms);
      return; /* a term that agrees */
    }
    if (terms.len)
      buf_puts(&terms, ", ");
    if (to)
      buf_printf(&terms, "%d\xE2\x80\x93%d", from, to);
    else
      buf_printf(&terms, "%d\xE2\x80\x93present", from);
  }
  if (!terms.len)
    return;
  ingest_diag(rs, p->line, "term-mismatch",
              xasprintf("the caption gives %s %d\xE2\x80\x93%d; the heads "
                        "tables %s",
                        name, first, last, terms.data));
  buf_free(&terms);
}

void consistency_check(mssdoc_records *rs) {
  const char **names;
  size_t n = S_head_names(rs, &names);
  if (n > NAMES_MAX)
    n = 0;
  mssdoc_strs seen = {0};
  for (size_t i = 0; n && i < rs->paragraphs.count; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[i];
    if (strcmp(p->kind, "table") == 0)
      continue; /* the heads tables themselves */
    S_variants_in(rs, p, names, n, &seen);
    if (strcmp(p->kind, "caption") == 0)
      S_terms_in(rs, p, names, n);
  }
  strs_free(&seen);
  free(names);
}
