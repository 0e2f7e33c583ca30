/*
 * people.c: the people of the agency-heads tables.  A heads row's "name"
 * cell is sometimes not a person but an event ("PLA military takeover due
 * to the Cultural Revolution (…)"); people_is_name() draws the line with
 * the shape of a personal name, so nothing about this article is assumed.
 */
#include "people.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "fold.h"
#include "humandate.h"
#include "util.h"

#define MIN_WORDS 2
#define MAX_WORDS 4

/* Lower-case words that may stand inside a personal name. */
static const char *const PARTICLES[] = {"al", "bin", "da", "de", "del",
                                        "der", "di", "dos", "du", "ibn",
                                        "la", "le", "van", "von", NULL};

static int S_particle(const char *w, size_t n) {
  for (size_t i = 0; PARTICLES[i]; i++)
    if (strlen(PARTICLES[i]) == n && strncmp(PARTICLES[i], w, n) == 0)
      return 1;
  return 0;
}

/* Returns the code point at s (n bytes left) and its length in *len;
 * -1 for an invalid byte. */
static int32_t S_cp(const char *s, size_t n, size_t *len) {
  utf8proc_int32_t cp;
  utf8proc_ssize_t k =
      utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
  if (k <= 0) {
    *len = 1;
    return -1;
  }
  *len = (size_t)k;
  return cp;
}

static int S_is_upper(int32_t cp) {
  utf8proc_category_t c = utf8proc_category(cp);
  return cp >= 0 && (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT);
}

static int S_is_lower(int32_t cp) {
  return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int S_is_letter(int32_t cp) { return S_is_upper(cp) || S_is_lower(cp); }

/* Returns 1 if the n bytes at w are a capitalised word. */
static int S_capitalised(const char *w, size_t n) {
  size_t i = 0, len;
  if (!S_is_upper(S_cp(w, n, &len)))
    return 0;
  i += len;
  int after_joiner = 0;
  while (i < n) {
    int32_t cp = S_cp(w + i, n - i, &len);
    if (cp == '-' || cp == '\'' || cp == 0x2019) {
      if (after_joiner)
        return 0;
      after_joiner = 1;
    } else if (S_is_lower(cp) || (after_joiner && S_is_letter(cp))) {
      after_joiner = 0;
    } else {
      return 0;
    }
    i += len;
  }
  return !after_joiner;
}

int people_is_name(const char *s) {
  if (!s)
    return 0;
  size_t nwords = 0, i = 0, n = strlen(s);
  while (i < n) {
    size_t len = strcspn(s + i, " ");
    if (len == 0)
      return 0; /* leading, trailing or doubled space */
    int last = i + len >= n;
    if (!S_capitalised(s + i, len) &&
        (nwords == 0 || last || !S_particle(s + i, len)))
      return 0;
    if (++nwords > MAX_WORDS)
      return 0;
    i += len + (s[i + len] == ' ');
    if (s[i - 1] == ' ' && i >= n)
      return 0;
  }
  return nwords >= MIN_WORDS;
}

people people_collect(const mssdoc_records *rs) {
  people p = {NULL, 0};
  char **keys = NULL;
  size_t cap = 0;
  for (size_t r = 0; r < rs->heads.count; r++) {
    const char *name = rs->heads.items[r].name;
    if (rs->heads.items[r].note || !people_is_name(name))
      continue;
    char *key = fold_text(name);
    size_t k;
    for (k = 0; k < p.count && strcmp(keys[k], key) != 0; k++)
      ;
    if (k == p.count) {
      if (p.count == cap) {
        cap = cap ? 2 * cap : 8;
        p.items = xrealloc(p.items, cap * sizeof *p.items);
        keys = xrealloc(keys, cap * sizeof *keys);
      }
      p.items[k].name = xstrdup(name);
      p.items[k].rows = NULL;
      p.items[k].nrows = 0;
      keys[k] = key;
      p.count++;
    } else {
      free(key);
    }
    person *pe = &p.items[k];
    pe->rows = xrealloc(pe->rows, (pe->nrows + 1) * sizeof *pe->rows);
    pe->rows[pe->nrows++] = r;
  }
  for (size_t k = 0; k < p.count; k++)
    free(keys[k]);
  free(keys);
  return p;
}

void people_free(people *p) {
  for (size_t k = 0; k < p->count; k++) {
    free(p->items[k].name);
    free(p->items[k].rows);
  }
  free(p->items);
  p->items = NULL;
  p->count = 0;
}

/* Returns s folded with white space runs collapsed to one space and the
 * ends trimmed; the caller frees it. */
static char *S_fold_words(const char *s) {
  char *f = fold_text(s);
  size_t j = 0;
  for (size_t i = 0; f[i]; i++) {
    char c = f[i] == '\t' || f[i] == '\n' || f[i] == '\r' ? ' ' : f[i];
    if (c == ' ' && (j == 0 || f[j - 1] == ' '))
      continue;
    f[j++] = c;
  }
  while (j && f[j - 1] == ' ')
    j--;
  f[j] = '\0';
  return f;
}

/* Returns 1 if the n bytes at w are one of the space-separated words of
 * the folded name. */
static int S_has_word(const char *name, const char *w, size_t n) {
  for (const char *p = name; *p;) {
    size_t len = strcspn(p, " ");
    if (len == n && strncmp(p, w, n) == 0)
      return 1;
    p += len + (p[len] == ' ');
  }
  return 0;
}

/* Returns 1 if every word of the folded query is a word of the name. */
static int S_all_words(const char *name, const char *query) {
  for (const char *q = query; *q;) {
    size_t len = strcspn(q, " ");
    if (!S_has_word(name, q, len))
      return 0;
    q += len + (q[len] == ' ');
  }
  return 1;
}

size_t people_find(const people *p, const char *query, size_t *found) {
  char *q = S_fold_words(query);
  size_t n = 0;
  if (*q) {
    char **names = xmalloc((p->count ? p->count : 1) * sizeof *names);
    for (size_t k = 0; k < p->count; k++)
      names[k] = S_fold_words(p->items[k].name);
    for (int tier = 0; tier < 3 && n == 0; tier++)
      for (size_t k = 0; k < p->count; k++)
        if (tier == 0   ? strcmp(names[k], q) == 0
            : tier == 1 ? S_all_words(names[k], q)
                        : strstr(names[k], q) != NULL)
          found[n++] = k;
    for (size_t k = 0; k < p->count; k++)
      free(names[k]);
    free(names);
  }
  free(q);
  return n;
}

static int S_same(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

long people_neighbour(const mssdoc_records *rs, size_t row, int delta) {
  const mssdoc_head *h = &rs->heads.items[row];
  long best = -1;
  int bestd = 0;
  for (size_t k = 0; k < rs->heads.count; k++) {
    const mssdoc_head *o = &rs->heads.items[k];
    int d = (o->number - h->number) * delta; /* steps in delta's direction */
    if (k == row || o->note || d <= 0 || !S_same(o->office, h->office) ||
        !S_same(o->period, h->period))
      continue; /* a vacancy or note is never a predecessor or successor */
    if (best < 0 || d < bestd) {
      best = (long)k;
      bestd = d;
    }
  }
  return best;
}

/* A byte that continues a word: an ASCII letter or digit, or any byte of
 * a multi-byte character (folded text keeps letters beyond ASCII). */
static int S_wordbyte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c >= 0x80;
}

/* Appends to *spans the whole-word occurrences of needle in the folded
 * text f (map: folded byte -> original byte). */
static void S_find_all(const char *f, const size_t *map, const char *needle,
                       size_t (**spans)[2], size_t *n, size_t *cap) {
  size_t nl = strlen(needle);
  if (!nl)
    return;
  for (const char *at = strstr(f, needle); at; at = strstr(at + 1, needle)) {
    size_t i = (size_t)(at - f);
    if ((i > 0 && S_wordbyte((unsigned char)f[i - 1])) ||
        S_wordbyte((unsigned char)f[i + nl]))
      continue;
    if (*n == *cap) {
      *cap = *cap ? 2 * *cap : 4;
      *spans = xrealloc(*spans, *cap * sizeof **spans);
    }
    (*spans)[*n][0] = map[i];
    (*spans)[*n][1] = map[i + nl];
    (*n)++;
  }
}

static int S_span_cmp(const void *a, const void *b) {
  const size_t *x = a, *y = b;
  return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1];
}

size_t people_spans_sort(size_t (*spans)[2], size_t n) {
  if (n < 2)
    return n;
  qsort(spans, n, sizeof *spans, S_span_cmp);
  size_t j = 1;
  for (size_t i = 1; i < n; i++)
    if (spans[i][0] >= spans[j - 1][1]) {
      spans[j][0] = spans[i][0];
      spans[j][1] = spans[i][1];
      j++;
    }
  return j;
}

size_t people_mentions(const char *text, const char *name,
                       size_t (**spans)[2]) {
  size_t n = 0, cap = 0;
  *spans = NULL;
  if (!text || !name)
    return 0;
  size_t *map;
  char *f = fold_text_map(text, &map);
  char *full = S_fold_words(name);
  S_find_all(f, map, full, spans, &n, &cap);
  const char *sp = strchr(full, ' ');
  if (sp) {
    char *western = xasprintf("%s %.*s", sp + 1, (int)(sp - full), full);
    S_find_all(f, map, western, spans, &n, &cap);
    free(western);
  }
  n = people_spans_sort(*spans, n);
  free(full);
  free(f);
  free(map);
  return n;
}

char *people_term(const mssdoc_head *h) {
  char *took = humandate(h->took_office, NULL);
  char *left = h->left_office ? humandate(h->left_office, NULL) : NULL;
  char *term;
  if (!h->left_office)
    term = xasprintf("%s \xE2\x80\x93%s", took,
                     h->incumbent ? " incumbent" : "");
  else if (strcmp(took, left) == 0)
    term = xstrdup(took);
  else if (!strchr(took, ' ') && !strchr(left, ' '))
    term = xasprintf("%s\xE2\x80\x93%s", took, left);
  else
    term = xasprintf("%s \xE2\x80\x93 %s", took, left);
  free(took);
  free(left);
  return term;
}

static json_t *S_str(const char *s) { return s ? json_string(s) : json_null(); }

json_t *people_json(const mssdoc_records *rs, const person *pe,
                    int neighbours) {
  json_t *o = json_object(), *offices = json_array();
  const char *first = NULL;
  json_object_set_new(o, "name", json_string(pe->name));
  for (size_t i = 0; i < pe->nrows; i++) {
    const mssdoc_head *h = &rs->heads.items[pe->rows[i]];
    json_t *t = json_object();
    if (h->took_office &&
        (!first || humandate_cmp(h->took_office, first) < 0))
      first = h->took_office;
    json_object_set_new(t, "office", S_str(h->office));
    json_object_set_new(t, "period", S_str(h->period));
    json_object_set_new(t, "number", json_integer(h->number));
    json_object_set_new(t, "took_office", S_str(h->took_office));
    json_object_set_new(t, "left_office", S_str(h->left_office));
    json_object_set_new(t, "incumbent", json_boolean(h->incumbent));
    json_object_set_new(t, "line", json_integer(h->line));
    if (neighbours) {
      long pre = people_neighbour(rs, pe->rows[i], -1),
           suc = people_neighbour(rs, pe->rows[i], +1);
      json_object_set_new(t, "predecessor",
                          pre < 0 ? json_null()
                                  : S_str(rs->heads.items[pre].name));
      json_object_set_new(t, "successor",
                          suc < 0 ? json_null()
                                  : S_str(rs->heads.items[suc].name));
      /* the vacancies or notes between this term and the next, as the
       * text view shows them */
      size_t *rows = xmalloc((rs->heads.count + 1) * sizeof *rows);
      size_t nn = people_notes_after(rs, pe->rows[i], rows);
      json_t *notes = json_array();
      for (size_t k = 0; k < nn; k++) {
        const mssdoc_head *v = &rs->heads.items[rows[k]];
        json_t *j = json_object();
        json_object_set_new(j, "text", S_str(v->name));
        json_object_set_new(j, "took_office", S_str(v->took_office));
        json_object_set_new(j, "left_office", S_str(v->left_office));
        json_object_set_new(j, "line", json_integer(v->line));
        json_array_append_new(notes, j);
      }
      free(rows);
      json_object_set_new(t, "notes_after", notes);
    }
    json_array_append_new(offices, t);
  }
  json_object_set_new(o, "first_took_office", S_str(first));
  json_object_set_new(o, "offices", offices);
  return o;
}

/* Reads an EDTF-ish YYYY, YYYY-MM or YYYY-MM-DD into the first and last
 * day it covers, as YYYYMMDD numbers; 0 if it is none of those. */
static int S_day_range(const char *d, long *lo, long *hi) {
  int y, m = 0, dd = 0, n = 0;
  if (!d || sscanf(d, "%4d%n", &y, &n) != 1 || n != 4)
    return 0;
  if (d[4] == '-' && sscanf(d + 5, "%2d%n", &m, &n) == 1 && n == 2) {
    if (d[7] == '-' && sscanf(d + 8, "%2d%n", &dd, &n) == 1 && n == 2) {
      if (d[10])
        return 0;
    } else if (d[7]) {
      return 0;
    }
  } else if (d[4]) {
    return 0;
  }
  if (m < 0 || m > 12 || dd < 0 || dd > 31)
    return 0;
  *lo = y * 10000L + (m ? m : 1) * 100L + (dd ? dd : 1);
  *hi = y * 10000L + (m ? m : 12) * 100L + (dd ? dd : 31);
  return 1;
}

int people_date_valid(const char *date) {
  long lo, hi;
  return S_day_range(date, &lo, &hi);
}

int people_held_at(const mssdoc_head *h, const char *date) {
  long dlo, dhi, tlo, thi, x;
  if (!S_day_range(date, &dlo, &dhi) ||
      !S_day_range(h->took_office, &tlo, &x))
    return 0;
  if (!h->left_office)
    thi = h->incumbent ? 99999999L : x;
  else if (!S_day_range(h->left_office, &x, &thi))
    return 0;
  return tlo <= dhi && dlo <= thi; /* a shared boundary: both held it */
}

size_t people_notes_after(const mssdoc_records *rs, size_t row, size_t *out) {
  const mssdoc_head *h = &rs->heads.items[row];
  long next = people_neighbour(rs, row, +1);
  int stop = next >= 0 ? rs->heads.items[next].number : INT_MAX;
  size_t n = 0;
  for (size_t k = 0; k < rs->heads.count; k++) {
    const mssdoc_head *o = &rs->heads.items[k];
    if (o->note && o->number > h->number && o->number < stop &&
        S_same(o->office, h->office) && S_same(o->period, h->period))
      out[n++] = k;
  }
  return n;
}
