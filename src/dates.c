/*
 * dates.c: date expressions in English prose and table cells, written as
 * EDTF; EDTF and title periods read back to years; sentence boundaries.
 *
 * Everything here is a left-to-right scan with bounded look-around: each
 * candidate (a digit run or a capitalised month name) is examined with a
 * fixed number of words of context either side, so the work is linear in
 * the input whatever the bytes are.
 *
 * Decisions: a bare year (1000-2099) needs context (a preposition such as
 * "in"/"since"/"of", an article as in "a 1964 graduate", a qualifier, a
 * span, or parentheses "(1997)"); a month needs a year.  "FY2018" is read
 * as the year 2018 (EDTF has no fiscal years).  "pre-1949", "1999/2000",
 * "[1999]" and years glued to letters or digits are not dates.
 */
#include "dates.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

#define NONE ((size_t)-1)
#define MAX_WORD 24
#define MAX_GAP 4
#define MAX_MARKER 100

enum { P_YEAR = 1, P_MONTH, P_DAY, P_DECADE, P_OPEN };

typedef struct {
  int kind, y, m, d;
  size_t end;
  int bad_day; /* a day the month lacks ("30 February"): kind is P_MONTH */
} S_pt;

static int S_digit(int c) { return c >= '0' && c <= '9'; }
static int S_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int S_lower_c(int c) { return c >= 'a' && c <= 'z'; }
static int S_alpha(int c) { return S_upper(c) || S_lower_c(c); }
static int S_alnum(int c) { return S_alpha(c) || S_digit(c); }
static int S_tolower(int c) { return S_upper(c) ? c - 'A' + 'a' : c; }

static unsigned char S_at(const char *s, size_t i) {
  return (unsigned char)s[i];
}

/* Length of the white space unit at i (ASCII space or NBSP), or 0. */
static size_t S_ws(const char *s, size_t i) {
  unsigned char c = S_at(s, i);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
    return 1;
  if (c == 0xC2 && S_at(s, i + 1) == 0xA0)
    return 2;
  return 0;
}

/* Length of the white space unit ending just before i (not below lo). */
static size_t S_ws_before(const char *s, size_t lo, size_t i) {
  if (i <= lo)
    return 0;
  unsigned char c = S_at(s, i - 1);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
    return 1;
  if (c == 0xA0 && i - 1 > lo && S_at(s, i - 2) == 0xC2)
    return 2;
  return 0;
}

/* Skips one to MAX_GAP white space units; NONE if there is none. */
static size_t S_gap(const char *s, size_t i) {
  size_t j = i, k;
  int n = 0;
  while (n < MAX_GAP && (k = S_ws(s, j)) > 0) {
    j += k;
    n++;
  }
  return n ? j : NONE;
}

/* An en or em dash (3 bytes) at i. */
static int S_dash3(const char *s, size_t i) {
  return S_at(s, i) == 0xE2 && S_at(s, i + 1) == 0x80 &&
         (S_at(s, i + 2) == 0x93 || S_at(s, i + 2) == 0x94);
}

/* Reads up to 5 digits; returns how many (5 means "5 or more"). */
static int S_digits(const char *s, size_t i, int *val) {
  int n = 0, v = 0;
  while (n < 5 && S_digit(S_at(s, i + n))) {
    if (n < 4)
      v = v * 10 + (S_at(s, i + n) - '0');
    n++;
  }
  *val = v;
  return n;
}

/* Length of the ASCII word of letters at i, or 0 if none or too long. */
static size_t S_word(const char *s, size_t i) {
  size_t n = 0;
  while (n <= MAX_WORD && S_alpha(S_at(s, i + n)))
    n++;
  return n > MAX_WORD ? 0 : n;
}

static int S_eq(const char *s, size_t i, size_t len, const char *w) {
  size_t k;
  for (k = 0; k < len; k++)
    if (!w[k] || S_tolower(S_at(s, i + k)) != w[k])
      return 0;
  return w[k] == '\0';
}

static int S_in(const char *s, size_t i, size_t len, const char *const *list) {
  for (; *list; list++)
    if (S_eq(s, i, len, *list))
      return 1;
  return 0;
}

/* The word of letters before i, across 1..MAX_GAP spaces, optionally with a
 * full stop after it ("c. 1950").  Looks no further back than lo. */
typedef struct {
  size_t start, len;
  int dot;
} S_wd;

static int S_prev_word(const char *s, size_t lo, size_t i, S_wd *w) {
  size_t j = i, k;
  int n = 0;
  while (n < MAX_GAP && (k = S_ws_before(s, lo, j)) > 0) {
    j -= k;
    n++;
  }
  if (n == 0)
    return 0;
  w->dot = 0;
  if (j > lo && S_at(s, j - 1) == '.') {
    w->dot = 1;
    j--;
  }
  size_t len = 0;
  while (j > lo && len <= MAX_WORD && S_alpha(S_at(s, j - 1))) {
    j--;
    len++;
  }
  if (len == 0 || len > MAX_WORD || (j > lo && S_alnum(S_at(s, j - 1))))
    return 0;
  w->start = j;
  w->len = len;
  return 1;
}

static const char *const S_months[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
static const char *const S_mon_abbr[] = {"jan", "feb", "mar", "apr",
                                         "may", "jun", "jul", "aug",
                                         "sep", "oct", "nov", "dec"};

/* A capitalised month name or abbreviation at i: returns 1..12, *end. */
static int S_month(const char *s, size_t i, size_t *end) {
  if (!S_upper(S_at(s, i)))
    return 0;
  size_t len = S_word(s, i);
  if (len < 3)
    return 0;
  for (int k = 0; k < 12; k++) {
    if (S_eq(s, i, len, S_months[k])) {
      *end = i + len;
      return k + 1;
    }
  }
  int mon = 0;
  for (int k = 0; k < 12; k++)
    if (S_eq(s, i, len, S_mon_abbr[k]))
      mon = k + 1;
  if (!mon && S_eq(s, i, len, "sept"))
    mon = 9;
  if (!mon)
    return 0;
  *end = i + len + (S_at(s, i + len) == '.');
  return mon;
}

static int S_mdays(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

static int S_year_ok(int y) { return y >= 1000 && y <= 2099; }

/* What may follow a number: not a letter or digit, not a decimal point,
 * thousands separator, ratio or per cent sign. */
static int S_tail_ok(const char *s, size_t e) {
  unsigned char c = S_at(s, e);
  if (c == '\0')
    return 1;
  if (S_alnum(c) || c == '%')
    return 0;
  if ((c == '.' || c == ',' || c == ':' || c == '/') && S_digit(S_at(s, e + 1)))
    return 0;
  if (c == 0xC2 && S_at(s, e + 1) == 0xB0) /* degree sign */
    return 0;
  return 1;
}

/* Skips an ordinal suffix ("28th") after a day number. */
static size_t S_ordinal(const char *s, size_t e) {
  static const char *const suf[] = {"st", "nd", "rd", "th", NULL};
  if (S_alpha(S_at(s, e)) && S_alpha(S_at(s, e + 1)) &&
      !S_alpha(S_at(s, e + 2)) && S_in(s, e, 2, suf))
    return e + 2;
  return e;
}

/* A four-digit year at i followed by a proper tail. */
static int S_year_at(const char *s, size_t i, int *y, size_t *end) {
  int v;
  if (S_digits(s, i, &v) != 4 || !S_year_ok(v) || !S_tail_ok(s, i + 4))
    return 0;
  *y = v;
  *end = i + 4;
  return 1;
}

/* A day number and ordinal at i, 1..31; returns its end or NONE. */
static size_t S_day_at(const char *s, size_t i, int *d) {
  int v, n = S_digits(s, i, &v);
  if (n < 1 || n > 2 || v < 1 || v > 31)
    return NONE;
  *d = v;
  return S_ordinal(s, i + (size_t)n);
}

/* A day of a month, or the month alone when the month lacks the day. */
static S_pt S_day_pt(int y, int mo, int d, size_t end) {
  if (d > S_mdays(y, mo))
    return (S_pt){P_MONTH, y, mo, 0, end, d};
  return (S_pt){P_DAY, y, mo, d, end, 0};
}

/* A point in time at i, without regard to context: "2017-07-28",
 * "9 February 1962", "May 28, 2021", "November 1928", "1950s", "1936". */
static int S_point(const char *s, size_t i, S_pt *p) {
  memset(p, 0, sizeof *p);
  unsigned char c = S_at(s, i);
  size_t e, j;
  if (S_digit(c)) {
    int v, n = S_digits(s, i, &v);
    if (n == 4) {
      e = i + 4;
      if (S_at(s, e) == '-' && S_digit(S_at(s, e + 1)) &&
          S_digit(S_at(s, e + 2)) && S_at(s, e + 3) == '-' &&
          S_digit(S_at(s, e + 4)) && S_digit(S_at(s, e + 5))) {
        int mo = (S_at(s, e + 1) - '0') * 10 + (S_at(s, e + 2) - '0');
        int d = (S_at(s, e + 4) - '0') * 10 + (S_at(s, e + 5) - '0');
        if (!S_year_ok(v) || mo < 1 || mo > 12 || d < 1 || d > 31 ||
            !S_tail_ok(s, e + 6) || S_at(s, e + 6) == '-')
          return 0;
        *p = S_day_pt(v, mo, d, e + 6);
        return 1;
      }
      if (!S_year_ok(v))
        return 0;
      if (v % 10 == 0 && S_at(s, e) == 's' && !S_alnum(S_at(s, e + 1))) {
        *p = (S_pt){P_DECADE, v, 0, 0, e + 1, 0};
        return 1;
      }
      if (v % 10 == 0 && S_at(s, e) == '\'' && S_at(s, e + 1) == 's' &&
          !S_alnum(S_at(s, e + 2))) {
        *p = (S_pt){P_DECADE, v, 0, 0, e + 2, 0};
        return 1;
      }
      if (!S_tail_ok(s, e))
        return 0;
      *p = (S_pt){P_YEAR, v, 0, 0, e, 0};
      return 1;
    }
    int d, mo, y;
    if (n > 2 || (e = S_day_at(s, i, &d)) == NONE)
      return 0;
    if ((j = S_gap(s, e)) == NONE || !(mo = S_month(s, j, &e)))
      return 0;
    if (S_at(s, e) == ',')
      e++;
    if ((j = S_gap(s, e)) == NONE || !S_year_at(s, j, &y, &e))
      return 0;
    *p = S_day_pt(y, mo, d, e);
    return 1;
  }
  int mo, d, y;
  if (!(mo = S_month(s, i, &e)) || (j = S_gap(s, e)) == NONE)
    return 0;
  if (S_year_at(s, j, &y, &e)) {
    *p = (S_pt){P_MONTH, y, mo, 0, e, 0};
    return 1;
  }
  if ((e = S_day_at(s, j, &d)) == NONE)
    return 0;
  if (S_at(s, e) == ',')
    e++;
  if ((j = S_gap(s, e)) == NONE || !S_year_at(s, j, &y, &e))
    return 0;
  *p = S_day_pt(y, mo, d, e);
  return 1;
}

static void S_pt_edtf(const S_pt *p, char *out, size_t n) {
  switch (p->kind) {
  case P_DAY:
    snprintf(out, n, "%04d-%02d-%02d", p->y, p->m, p->d);
    break;
  case P_MONTH:
    snprintf(out, n, "%04d-%02d", p->y, p->m);
    break;
  case P_DECADE:
    snprintf(out, n, "%03dX", p->y / 10);
    break;
  case P_OPEN:
    snprintf(out, n, "..");
    break;
  default:
    snprintf(out, n, "%04d", p->y);
  }
}

/* a comes no later than b (unknown parts compare equal; a decade covers
 * its ten years). */
static int S_ordered(const S_pt *a, const S_pt *b) {
  if (b->kind == P_OPEN)
    return 1;
  if (a->kind == P_DECADE || b->kind == P_DECADE)
    return a->y <= b->y + (b->kind == P_DECADE ? 9 : 0);
  if (a->y != b->y)
    return a->y < b->y;
  if (!a->m || !b->m || a->m != b->m)
    return !a->m || !b->m || a->m < b->m;
  return !a->d || !b->d || a->d <= b->d;
}

static const char *const S_quals[] = {"early", "mid", "late", "circa", NULL};

static const char *const S_pos_prev[] = {
    "in",   "on",     "by",    "since",  "until",   "till",    "from",
    "to",   "of",     "after", "before", "during",  "around",  "circa",
    "year", "early",  "mid",   "late",   "between", "through", "throughout",
    "the",  "a",      "an",    "into",   "summer",  "spring",  "autumn",
    "fall", "winter", NULL};

static const char *const S_neg_prev[] = {
    "unit",  "no",    "nos",     "number",  "nr",      "p",     "pp",
    "page",  "pages", "vol",     "volume",  "isbn",    "issn",  "oclc",
    "doi",   "jstor", "ssrn",    "article", "section", "art",   "chapter",
    "ch",    "room",  "flight",  "route",   "highway", "fig",   "figure",
    "table", "model", "version", "op",      "box",     "suite", NULL};

static const char *const S_counts[] = {
    "percent",    "per",        "people",     "persons",    "men",
    "women",      "children",   "soldiers",   "troops",     "officers",
    "agents",     "spies",      "operatives", "members",    "employees",
    "staff",      "workers",    "companies",  "firms",      "students",
    "cases",      "years",      "months",     "weeks",      "days",
    "hours",      "minutes",    "seconds",    "times",      "km",
    "kilometres", "kilometers", "miles",      "metres",     "meters",
    "feet",       "tons",       "tonnes",     "dollars",    "yuan",
    "euros",      "pounds",     "copies",     "pages",      "words",
    "votes",      "deaths",     "victims",    "casualties", "individuals",
    "residents",  "units",      "items",      "documents",  "files",
    "computers",  "hectares",   "acres",      "bytes",      "points",
    NULL};

/* The word after e (across spaces) is a count noun: "2000 soldiers". */
static int S_count_after(const char *s, size_t e) {
  size_t j = S_gap(s, e), len;
  if (j == NONE)
    return 0;
  len = S_word(s, j);
  return len && !S_alpha(S_at(s, j + len)) && S_in(s, j, len, S_counts);
}

/* What may stand right before a digit anchor. */
static int S_head_ok(const char *s, size_t i) {
  if (i == 0)
    return 1;
  unsigned char c = S_at(s, i - 1);
  if (S_ws_before(s, 0, i))
    return 1;
  if (c == '(' || c == '[' || c == '{' || c == '"' || c == '\'')
    return 1;
  if (i >= 3 && S_at(s, i - 3) == 0xE2 && S_at(s, i - 2) == 0x80) {
    c = S_at(s, i - 1);
    if (c == 0x9C || c == 0x98) /* opening curly quotes */
      return 1;
    if ((c == 0x93 || c == 0x94) && (i == 3 || !S_digit(S_at(s, i - 4))))
      return 1;
  }
  return 0;
}

/* A qualifier glued to the anchor: "mid-2010s", "c.1950".  Returns its
 * start and copies the qualifier, or NONE. */
static size_t S_glued_qual(const char *s, size_t i, char *qual) {
  if (i < 2)
    return NONE;
  unsigned char c = S_at(s, i - 1);
  if (c != '-' && c != '.')
    return NONE;
  size_t j = i - 1, len = 0;
  while (j > 0 && len <= MAX_WORD && S_alpha(S_at(s, j - 1))) {
    j--;
    len++;
  }
  if (len == 0 || len > MAX_WORD || (j > 0 && S_alnum(S_at(s, j - 1))))
    return NONE;
  static const char *const dash_q[] = {"early", "mid", "late", NULL};
  static const char *const dot_q[] = {"c", "ca", NULL};
  if (c == '-' && S_in(s, j, len, dash_q)) {
    for (size_t k = 0; k < len; k++)
      qual[k] = (char)S_tolower(S_at(s, j + k));
    qual[len] = '\0';
    return j;
  }
  if (c == '.' && S_in(s, j, len, dot_q)) {
    strcpy(qual, "circa");
    return j;
  }
  return NONE;
}

/* A word that qualifies a date: sets qual and returns 1. */
static int S_qual_word(const char *s, const S_wd *w, char *qual) {
  if (w->dot) {
    static const char *const dot_q[] = {"c", "ca", NULL};
    if (S_in(s, w->start, w->len, dot_q)) {
      strcpy(qual, "circa");
      return 1;
    }
    return 0;
  }
  if (!S_in(s, w->start, w->len, S_quals))
    return 0;
  for (size_t k = 0; k < w->len; k++)
    qual[k] = (char)S_tolower(S_at(s, w->start + k));
  qual[w->len] = '\0';
  return 1;
}

/* "present", "now", "today" at i (for open-ended spans). */
static size_t S_present(const char *s, size_t i) {
  static const char *const open[] = {"present", "now", "today", NULL};
  size_t len = S_word(s, i);
  if (len && S_in(s, i, len, open))
    return i + len;
  return NONE;
}

/* The end of a span after a connector, at j.  Returns 1 with *b, 0 if
 * there is no date there, 2 (with *b) if the date there is before a, -1 if
 * there is a number that is not a date.  Only a dash joins decades. */
static int S_span_end(const char *s, size_t j, const S_pt *a, int dash,
                      S_pt *b) {
  size_t e, len;
  if ((e = S_present(s, j)) != NONE) {
    *b = (S_pt){P_OPEN, 0, 0, 0, e, 0};
    return 1;
  }
  len = S_word(s, j);
  if (len && S_eq(s, j, len, "the") && !dash) {
    size_t k = S_gap(s, j + len);
    if (k != NONE && (e = S_present(s, k)) != NONE) {
      *b = (S_pt){P_OPEN, 0, 0, 0, e, 0};
      return 1;
    }
  }
  if (!dash && len && S_in(s, j, len, S_quals)) {
    size_t k = S_gap(s, j + len);
    if (k == NONE)
      return 0;
    j = k;
  }
  if (S_point(s, j, b) && (b->kind != P_DECADE || dash)) {
    if (dash && (S_at(s, b->end) == '-' || S_dash3(s, b->end)))
      return -1; /* "978-1999-2000-3" */
    return S_ordered(a, b) ? 1 : 2;
  }
  if (!S_digit(S_at(s, j)))
    return 0;
  int v, n = S_digits(s, j, &v);
  if (n == 2 && a->kind == P_DECADE && dash && v % 10 == 0 &&
      S_at(s, j + 2) == 's' && !S_alnum(S_at(s, j + 3)) &&
      v > a->y % 100) { /* "1960s–70s" */
    *b = (S_pt){P_DECADE, a->y - a->y % 100 + v, 0, 0, j + 3, 0};
    return 1;
  }
  if (n == 2 && a->kind == P_YEAR && S_tail_ok(s, j + 2) &&
      S_at(s, j + 2) != '-' && v > a->y % 100) {
    *b = (S_pt){P_YEAR, a->y - a->y % 100 + v, 0, 0, j + 2, 0};
    return 1;
  }
  return -1;
}

/* Says which day p's month lacks: "February 2019 has 28 days". */
static void S_no_such_day(const S_pt *p, char *out, size_t n) {
  const char *name = S_months[p->m - 1];
  snprintf(out, n, "%c%s %d has %d days", name[0] - 'a' + 'A', name + 1, p->y,
           S_mdays(p->y, p->m));
}

/* Tries a date expression whose core starts at anchor i.  Fills *m. */
static int S_try(const char *s, size_t from, size_t i, date_match *m) {
  S_pt a, b;
  char qual[16] = "";
  size_t start = i, ctx_at = i;
  int glued = 0, fy = 0;

  if (!S_point(s, i, &a))
    return 0;
  size_t q = S_glued_qual(s, i, qual);
  if (q != NONE) {
    glued = 1;
    ctx_at = q;
    if (q >= from)
      start = q;
    else
      qual[0] = '\0';
  } else if (S_digit(S_at(s, i)) ? !S_head_ok(s, i)
                                 : (i > 0 && S_alnum(S_at(s, i - 1)))) {
    if (a.kind == P_YEAR && i >= 2 && S_at(s, i - 2) == 'F' &&
        S_at(s, i - 1) == 'Y' && (i == 2 || !S_alnum(S_at(s, i - 3)))) {
      fy = 1; /* "FY2018": a fiscal year, read as the year */
      ctx_at = i - 2;
      if (ctx_at >= from)
        start = ctx_at;
    } else {
      return 0;
    }
  }

  /* Words before: a qualifier ("late", "Early in"), an opener ("from"). */
  S_wd w1, w2, w3;
  int has1 = S_prev_word(s, 0, ctx_at, &w1);
  int neg = has1 && S_in(s, w1.start, w1.len, S_neg_prev);
  int pos =
      glued || fy || (has1 && !w1.dot && S_in(s, w1.start, w1.len, S_pos_prev));
  if (has1 && !w1.dot && w1.len == 2 && S_at(s, w1.start) == 'F' &&
      S_at(s, w1.start + 1) == 'Y') {
    fy = pos = 1;
    if (w1.start >= from)
      start = w1.start;
  }
  size_t qstart = NONE;
  char wq[16];
  if (!glued && !fy && has1) {
    if (S_qual_word(s, &w1, wq)) {
      qstart = w1.start;
      pos = 1;
      neg = 0;
    } else if (!w1.dot && S_eq(s, w1.start, w1.len, "in") &&
               S_prev_word(s, 0, w1.start, &w2) && S_qual_word(s, &w2, wq)) {
      qstart = w2.start;
    } else if (!w1.dot && S_eq(s, w1.start, w1.len, "the") &&
               S_prev_word(s, 0, w1.start, &w2) && !w2.dot &&
               S_eq(s, w2.start, w2.len, "in") &&
               S_prev_word(s, 0, w2.start, &w3) && S_qual_word(s, &w3, wq)) {
      qstart = w3.start;
    }
    if (qstart != NONE && qstart >= from) {
      strcpy(qual, wq);
      start = qstart;
    }
  }
  int opener = 0; /* 1 from, 2 between */
  size_t ostart = NONE;
  {
    S_wd wo;
    size_t before = qstart != NONE ? qstart : ctx_at;
    if (S_prev_word(s, 0, before, &wo) && !wo.dot) {
      if (S_eq(s, wo.start, wo.len, "from"))
        opener = 1;
      else if (S_eq(s, wo.start, wo.len, "between"))
        opener = 2;
      if (opener)
        ostart = wo.start;
    }
  }
  if (a.kind == P_DECADE)
    opener = 0;

  /* Spans: "1939-1945", "1928 – 1936", "from 1942 to 1944", "1990s–2000s";
   * rev: one that ends before it starts ("2019–2018"). */
  int span = 0, rev = 0;
  size_t e = a.end, j;
  {
    j = e;
    size_t g = S_gap(s, j);
    if (g != NONE)
      j = g;
    int dash = 0;
    if (S_at(s, j) == '-')
      dash = 1;
    else if (S_dash3(s, j))
      dash = 3;
    if (dash) {
      j += (size_t)dash;
      if ((g = S_gap(s, j)) != NONE)
        j = g;
      int r = S_span_end(s, j, &a, 1, &b);
      if (r < 0 && a.kind != P_DECADE)
        return 0;
      if (r == 1)
        span = 1;
      else if (r == 2)
        rev = 1;
      else if (r == 0 && a.kind == P_YEAR && S_at(s, e) == '-' &&
               S_alpha(S_at(s, e + 1)))
        return 0; /* "a 2000-page report" */
    }
    if (!span && !rev && opener && (g = S_gap(s, e)) != NONE) {
      static const char *const to[] = {"to",      "until", "till",
                                       "through", "thru",  NULL};
      size_t len = S_word(s, g);
      int conn =
          len && (opener == 1 ? S_in(s, g, len, to) : S_eq(s, g, len, "and"));
      if (conn && (j = S_gap(s, g + len)) != NONE) {
        if (opener == 2 && S_present(s, j) != NONE)
          conn = 0;
        int r = conn ? S_span_end(s, j, &a, 0, &b) : 0;
        if (r < 0)
          return 0;
        if (r == 1 || r == 2) {
          span = r == 1;
          rev = r == 2;
          if (ostart >= from)
            start = ostart;
        }
      }
    }
  }
  size_t end = span || rev ? b.end : a.end;

  if (neg && !qual[0])
    return 0;
  /* a reversed span of years is a date only in context: "In 2019–2018",
   * "(2019–2018)", not "2012-1999" alone */
  if (rev && a.kind == P_YEAR && !pos && !qual[0] &&
      !(i > 0 && S_at(s, i - 1) == '(' && S_at(s, end) == ')'))
    return 0;
  if (a.kind == P_YEAR && !span && !rev && !pos) {
    /* "(1997)", "(1997, ...", "1997's" */
    unsigned char after = S_at(s, a.end);
    int paren = i > 0 && S_at(s, i - 1) == '(' &&
                (after == ')' || after == ',' || after == ';');
    int poss = after == '\'' && S_at(s, a.end + 1) == 's' &&
               !S_alnum(S_at(s, a.end + 2));
    if (!paren && !poss)
      return 0;
  }
  if ((a.kind == P_YEAR || ((span || rev) && b.kind == P_YEAR)) &&
      S_count_after(s, end))
    return 0;

  m->start = start;
  m->end = end;
  S_pt_edtf(&a, m->edtf, sizeof m->edtf);
  if (span) {
    size_t n = strlen(m->edtf);
    m->edtf[n++] = '/';
    S_pt_edtf(&b, m->edtf + n, sizeof m->edtf - n);
  }
  snprintf(m->qualifier, sizeof m->qualifier, "%s", qual);
  m->problem[0] = '\0';
  if (rev)
    snprintf(m->problem, sizeof m->problem, "it ends before it starts");
  else if (a.bad_day || (span && b.bad_day))
    S_no_such_day(a.bad_day ? &a : &b, m->problem, sizeof m->problem);
  return 1;
}

int dates_find(const char *text, size_t from, date_match *m) {
  size_t i = from;
  if (!text)
    return 0;
  while (text[i]) {
    unsigned char c = S_at(text, i);
    if (S_digit(c)) {
      if (!(i > 0 && S_digit(S_at(text, i - 1))) && S_try(text, from, i, m))
        return 1;
      while (S_digit(S_at(text, i)))
        i++;
    } else if (S_alpha(c)) {
      if (!(i > 0 && S_alpha(S_at(text, i - 1))) && S_upper(c) &&
          S_try(text, from, i, m))
        return 1;
      while (S_alpha(S_at(text, i)))
        i++;
    } else {
      i++;
    }
  }
  return 0;
}

/* Trims white space and trailing "[5]" markers: [*b, *e). */
static void S_trim(const char *s, size_t *b, size_t *e) {
  size_t i = 0, n = strlen(s), k;
  while ((k = S_ws(s, i)) > 0)
    i += k;
  for (;;) {
    while ((k = S_ws_before(s, i, n)) > 0)
      n -= k;
    if (n > i && S_at(s, n - 1) == ']') {
      size_t j = n - 1;
      while (j > i && S_at(s, j - 1) != '[' && n - j < MAX_MARKER)
        j--;
      if (j > i && S_at(s, j - 1) == '[') {
        n = j - 1;
        continue;
      }
    }
    break;
  }
  *b = i;
  *e = n;
}

int dates_parse_cell(const char *cell, char edtf[32]) {
  size_t b, e;
  S_pt p;
  edtf[0] = '\0';
  if (!cell)
    return 0;
  S_trim(cell, &b, &e);
  static const char *const open[] = {"incumbent", "present", NULL};
  if (e > b && S_in(cell, b, e - b, open))
    return 2;
  if (e <= b || !S_point(cell, b, &p) || p.end != e || p.bad_day)
    return 0;
  S_pt_edtf(&p, edtf, 32);
  return 1;
}

/* One EDTF point as this module writes it; returns its end or NONE. */
static size_t S_edtf_point(const char *s, size_t i, int *first, int *last) {
  int v;
  if (S_digit(S_at(s, i)) && S_digit(S_at(s, i + 1)) &&
      S_digit(S_at(s, i + 2)) && S_at(s, i + 3) == 'X') {
    v = (S_at(s, i) - '0') * 100 + (S_at(s, i + 1) - '0') * 10 +
        (S_at(s, i + 2) - '0');
    *first = v * 10;
    *last = v * 10 + 9;
    return i + 4;
  }
  if (S_digits(s, i, &v) != 4)
    return NONE;
  *first = *last = v;
  i += 4;
  for (int part = 0; part < 2 && S_at(s, i) == '-'; part++) {
    int n = 0;
    if (!S_digit(S_at(s, i + 1)) || !S_digit(S_at(s, i + 2)) ||
        S_digit(S_at(s, i + 3)))
      return NONE;
    n = (S_at(s, i + 1) - '0') * 10 + (S_at(s, i + 2) - '0');
    if (n < 1 || n > (part ? 31 : 12))
      return NONE;
    i += 3;
  }
  return i;
}

int dates_edtf_years(const char *edtf, int *first, int *last) {
  int f, l, f2, l2;
  size_t i;
  if (!edtf || (i = S_edtf_point(edtf, 0, &f, &l)) == NONE)
    return 0;
  if (edtf[i] == '/') {
    if (strcmp(edtf + i + 1, "..") == 0) {
      l = 9999;
    } else {
      size_t j = S_edtf_point(edtf, i + 1, &f2, &l2);
      if (j == NONE || edtf[j] != '\0' || l2 < f)
        return 0; /* "1954/195X" is fine: the 1950s reach 1954 */
      l = l2;
    }
  } else if (edtf[i] != '\0') {
    return 0;
  }
  *first = f;
  *last = l;
  return 1;
}

/* One point of the record set's EDTF syntax at s: three digits, a digit
 * or X, then optionally -NN and -NN; returns the bytes it takes or 0. */
static size_t S_edtf_syntax_point(const char *s) {
  if (!S_digit(s[0]) || !S_digit(s[1]) || !S_digit(s[2]) ||
      !(S_digit(s[3]) || s[3] == 'X'))
    return 0;
  size_t i = 4;
  for (int part = 0; part < 2 && s[i] == '-'; part++) {
    if (!S_digit(s[i + 1]) || !S_digit(s[i + 2]))
      return part ? i : 0; /* "-" must be followed by two digits */
    i += 3;
  }
  return i;
}

int dates_edtf_valid(const char *s) {
  size_t n = s ? S_edtf_syntax_point(s) : 0;
  if (!n)
    return 0;
  if (s[n] == '\0')
    return 1;
  if (s[n] != '/')
    return 0;
  s += n + 1;
  if (strcmp(s, "..") == 0)
    return 1;
  n = S_edtf_syntax_point(s);
  return n && s[n] == '\0';
}

int dates_title_period(const char *title, int *first, int *last) {
  size_t i, open = NONE, j, k, len;
  int y1, y2, n;
  if (!title)
    return 0;
  for (i = 0; title[i]; i++)
    if (title[i] == '(')
      open = i;
  if (open == NONE)
    return 0;
  j = open + 1;
  if ((k = S_gap(title, j)) != NONE)
    j = k;
  if (S_digits(title, j, &y1) != 4)
    return 0;
  j += 4;
  y2 = y1;
  if ((k = S_gap(title, j)) != NONE)
    j = k;
  if (title[j] == '-' || S_dash3(title, j)) {
    j += title[j] == '-' ? 1 : 3;
    if ((k = S_gap(title, j)) != NONE)
      j = k;
    len = S_word(title, j);
    if (len && S_eq(title, j, len, "present")) {
      y2 = 9999;
      j += len;
    } else if ((n = S_digits(title, j, &y2)) == 4) {
      j += 4;
    } else if (n == 2) {
      y2 = y1 - y1 % 100 + y2;
      j += 2;
    } else {
      return 0;
    }
    if ((k = S_gap(title, j)) != NONE)
      j = k;
  }
  if (title[j] != ')' || y2 < y1)
    return 0;
  j++;
  while ((k = S_ws(title, j)) > 0)
    j += k;
  if (title[j] != '\0')
    return 0;
  *first = y1;
  *last = y2;
  return 1;
}

/* ---- sentences ---- */

static const char *const S_abbrevs[] = {
    "mr",  "mrs", "ms",   "dr",   "st",   "no",  "nos",    "jr",   "sr",  "inc",
    "ltd", "co",  "corp", "vs",   "gen",  "lt",  "col",    "capt", "sgt", "maj",
    "adm", "gov", "sen",  "rep",  "prof", "rev", "hon",    "mt",   "ft",  "vol",
    "pp",  "p",   "ed",   "eds",  "cf",   "al",  "approx", "lit",  "fig", "jan",
    "feb", "mar", "apr",  "jun",  "jul",  "aug", "sep",    "sept", "oct", "nov",
    "dec", "etc", "esp",  "dept", "univ", "est", NULL};

/* Abbreviations that often end a sentence, too: split when a common
 * sentence opener follows. */
static const char *const S_final_abbrevs[] = {"inc", "ltd", "co", "corp",
                                              "jr",  "etc", NULL};
static const char *const S_openers[] = {
    "the",   "in",    "he",     "she",   "it",    "they",    "this",
    "that",  "these", "a",      "an",    "but",   "however", "on",
    "at",    "as",    "we",     "his",   "her",   "its",     "their",
    "after", "when",  "during", "since", "there", NULL};

/* The full stop at i ends an abbreviation.  nx is the next word. */
static int S_abbrev(const char *s, size_t lo, size_t i, size_t nx) {
  size_t j = i, len = 0;
  while (j > lo && len <= MAX_WORD && S_alpha(S_at(s, j - 1))) {
    j--;
    len++;
  }
  if (len == 0 || len > MAX_WORD)
    return 0;
  if (j > lo && S_alnum(S_at(s, j - 1)))
    return 0;
  size_t nlen = S_word(s, nx);
  int opener_next =
      nlen && S_upper(S_at(s, nx)) && S_in(s, nx, nlen, S_openers);
  /* "U.S.", "e.g.", "i.e.": a single letter after a full stop */
  if (len == 1 && j > lo && S_at(s, j - 1) == '.')
    return !opener_next;
  /* an initial: "I. C. Smith" */
  if (len == 1 && S_upper(S_at(s, j)))
    return 1;
  if (S_in(s, j, len, S_abbrevs))
    return !(opener_next && S_in(s, j, len, S_final_abbrevs));
  return 0;
}

/* Skips closing quotes, brackets and citation markers after a sentence's
 * final punctuation. */
static size_t S_closers(const char *s, size_t i) {
  for (;;) {
    unsigned char c = S_at(s, i);
    if (c == '"' || c == '\'' || c == ')') {
      i++;
    } else if (c == 0xE2 && S_at(s, i + 1) == 0x80 &&
               (S_at(s, i + 2) == 0x9D || S_at(s, i + 2) == 0x99)) {
      i += 3;
    } else if (c == '[') {
      size_t j = i + 1;
      while (s[j] && s[j] != ']' && s[j] != '[' && s[j] != '\n' &&
             j - i < MAX_MARKER)
        j++;
      if (s[j] != ']' || j == i + 1)
        return i;
      i = j + 1;
    } else {
      return i;
    }
  }
}

size_t sentences_split(const char *text, size_t (**spans)[2]) {
  size_t cap = 8, n = 0, i = 0, start = NONE, last = 0, k;
  size_t(*out)[2] = xmalloc(cap * sizeof *out);
  *spans = out;
  if (!text)
    return 0;
  while (text[i]) {
    unsigned char c = S_at(text, i);
    if ((k = S_ws(text, i)) > 0) {
      i += k;
      continue;
    }
    if (start == NONE)
      start = i;
    if (c != '.' && c != '!' && c != '?') {
      i++;
      last = i;
      continue;
    }
    size_t t = i;
    while (text[t] == '.' || text[t] == '!' || text[t] == '?')
      t++;
    size_t e = S_closers(text, t);
    last = e;
    size_t nx = e;
    while ((k = S_ws(text, nx)) > 0)
      nx += k;
    unsigned char d = S_at(text, nx);
    int split;
    if (d == '\0')
      split = 1;
    else if (nx == e || S_lower_c(d))
      split = 0;
    else if (c == '.' && t == i + 1 && e == t && S_abbrev(text, start, i, nx))
      split = 0;
    else
      split = S_upper(d) || S_digit(d) || d >= 0x80 || d == '"' || d == '\'' ||
              d == '(' || d == '[';
    if (split) {
      if (n == cap) {
        cap *= 2;
        out = xrealloc(out, cap * sizeof *out);
        *spans = out;
      }
      out[n][0] = start;
      out[n][1] = e;
      n++;
      start = NONE;
    }
    i = e > t ? e : t;
  }
  if (start != NONE) {
    if (n == cap) {
      cap *= 2;
      out = xrealloc(out, cap * sizeof *out);
      *spans = out;
    }
    out[n][0] = start;
    out[n][1] = last;
    n++;
  }
  return n;
}
