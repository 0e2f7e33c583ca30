/*
 * humandate.c: EDTF (the subset the ingest writes: "1983", "1983-06",
 * "1983-06-01", "195X", "A/B" intervals of those, "A/..") read back into
 * the words a reader expects, and into a sort key of its start.
 */
#include "humandate.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

static const char *const MONTHS[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

typedef struct {
  int y, m, d;  /* m, d: 0 when absent */
  int decade;   /* "195X": y is 1950 */
} S_point;

static int S_digit(char c) { return c >= '0' && c <= '9'; }

/* Reads n digits at s into *v; returns 1 if they are all digits. */
static int S_num(const char *s, int n, int *v) {
  *v = 0;
  for (int i = 0; i < n; i++) {
    if (!S_digit(s[i]))
      return 0;
    *v = *v * 10 + (s[i] - '0');
  }
  return 1;
}

/* Reads one EDTF point at s; returns its length, or 0 if there is none. */
static size_t S_parse_point(const char *s, S_point *p) {
  memset(p, 0, sizeof *p);
  if (S_num(s, 3, &p->y) && s[3] == 'X') {
    p->y *= 10;
    p->decade = 1;
    return 4;
  }
  if (!S_num(s, 4, &p->y))
    return 0;
  size_t i = 4;
  if (s[i] == '-' && S_num(s + i + 1, 2, &p->m) && p->m >= 1 && p->m <= 12) {
    i += 3;
    if (s[i] == '-' && S_num(s + i + 1, 2, &p->d) && p->d >= 1 && p->d <= 31)
      i += 3;
    else
      p->d = 0;
  } else {
    p->m = 0;
  }
  return i;
}

/* Appends a point in words to b. */
static void S_words(buf *b, const S_point *p) {
  if (p->decade)
    buf_printf(b, "%ds", p->y);
  else if (p->d)
    buf_printf(b, "%d %s %d", p->d, MONTHS[p->m - 1], p->y);
  else if (p->m)
    buf_printf(b, "%s %d", MONTHS[p->m - 1], p->y);
  else
    buf_printf(b, "%d", p->y);
}

char *humandate(const char *edtf, const char *qualifier) {
  S_point a, z;
  size_t n;
  if (!edtf)
    return xstrdup("");
  if (!(n = S_parse_point(edtf, &a)))
    return xstrdup(edtf);
  buf b = {0};
  if (qualifier && *qualifier)
    buf_printf(&b, strcmp(qualifier, "mid") == 0 ? "%s-" : "%s ", qualifier);
  if (edtf[n] == '\0') {
    S_words(&b, &a);
  } else if (edtf[n] == '/' && strcmp(edtf + n + 1, "..") == 0) {
    S_words(&b, &a);
    buf_puts(&b, " onwards");
  } else if (edtf[n] == '/' && S_parse_point(edtf + n + 1, &z) &&
             edtf[n + 1 + S_parse_point(edtf + n + 1, &z)] == '\0') {
    int simple = !a.m && !z.m;
    S_words(&b, &a);
    buf_puts(&b, simple ? "\xE2\x80\x93" : " \xE2\x80\x93 "); /* en dash */
    S_words(&b, &z);
  } else {
    buf_free(&b);
    return xstrdup(edtf);
  }
  return buf_take(&b);
}

int humandate_key(const char *edtf, int key[3]) {
  S_point p;
  size_t n = edtf ? S_parse_point(edtf, &p) : 0;
  if (!n || (edtf[n] != '\0' && edtf[n] != '/')) {
    key[0] = 9999;
    key[1] = key[2] = 99;
    return 0;
  }
  key[0] = p.y;
  key[1] = p.m;
  key[2] = p.d;
  return 1;
}

int humandate_cmp(const char *a, const char *b) {
  int ka[3], kb[3];
  humandate_key(a, ka);
  humandate_key(b, kb);
  for (int i = 0; i < 3; i++)
    if (ka[i] != kb[i])
      return ka[i] < kb[i] ? -1 : 1;
  return 0;
}
