/*
 * refparse.c: one line of a rendered reference list -> a reference record.
 *
 * Owns the reading of Wikipedia's citation renderings: CS1 (". "-separated
 * book, journal, news and web citations), CS2 (", "-separated), free-form
 * citations carrying an "Archived <date> at the Wayback Machine" note, and
 * short citations ("Smith, pp. 4–5").  Every scan is bounded by an explicit
 * length, so truncated or garbage lines are safe.
 */
#include "refparse.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NPOS ((size_t)-1)
#define MAX_FREE 8

/* A byte range of a string that outlives it; not NUL-terminated. */
typedef struct {
  const char *p;
  size_t n;
} chunk;

typedef struct {
  chunk *items;
  size_t count, cap;
} chunks;

/* How the segments after the title are separated. */
enum { SPLIT_DOT = 1, SPLIT_COMMA = 2 };

/* What kind of title the segments follow. */
enum { F_ARTICLE, F_BOOK, F_FREE };

static const char *const S_months[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
    "Jan",     "Feb",      "Mar",       "Apr",     "Jun",      "Jul",
    "Aug",     "Sep",      "Sept",      "Oct",     "Nov",      "Dec",
    "Spring",  "Summer",   "Autumn",    "Fall",    "Winter",   NULL};

/* Words after which ". " does not end a segment. */
static const char *const S_abbrevs[] = {
    "pp",  "Vol", "vol", "No",  "no",   "Nos", "Mr",  "Mrs", "Ms",
    "Dr",  "St",  "Jr",  "Sr",  "Prof", "ed",  "eds", "al",  "vs",
    "Jan", "Feb", "Mar", "Apr", "Jun",  "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "ca",  "c",    NULL};

/* Identifiers other than ISBN/ISSN/OCLC/doi, recognised and dropped. */
static const char *const S_other_ids[] = {
    "arXiv:", "Bibcode:", "hdl:",   "CiteSeerX ", "eISSN ", "EISSN ",
    "PMC ",   "JSTOR ",   "S2CID ", "SSRN ",      "PMID ",  "LCCN ",
    "OL ",    "ASIN ",    "ISMN ",  "MR ",        "Zbl ",   "ZDB ",
    "OSTI ",  "RFC ",     "ERIC ",  NULL};

/* Periodical parameters named by the CS1 "requires |…=" error message. */
static const char *const S_work_params[] = {
    "journal=", "website=",    "newspaper=", "magazine=",
    "work=",    "periodical=", NULL};

static int S_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}
static int S_digit(char c) { return c >= '0' && c <= '9'; }
static int S_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int S_lower(char c) { return c >= 'a' && c <= 'z'; }
static int S_alpha(char c) { return S_upper(c) || S_lower(c); }
static int S_high(char c) { return (unsigned char)c >= 0x80; }

static chunk S_chunk(const char *p, size_t n) {
  chunk c;
  c.p = p;
  c.n = n;
  return c;
}

/* The bytes [from, to) of c, clamped to c. */
static chunk S_sub(chunk c, size_t from, size_t to) {
  if (to > c.n)
    to = c.n;
  if (from > to)
    from = to;
  return S_chunk(c.p + from, to - from);
}

static chunk S_trim(chunk c) {
  while (c.n && S_space(c.p[0])) {
    c.p++;
    c.n--;
  }
  while (c.n && S_space(c.p[c.n - 1]))
    c.n--;
  return c;
}

static int S_starts(chunk c, const char *lit) {
  size_t n = strlen(lit);
  return c.n >= n && memcmp(c.p, lit, n) == 0;
}

static int S_ends(chunk c, const char *lit) {
  size_t n = strlen(lit);
  return c.n >= n && memcmp(c.p + c.n - n, lit, n) == 0;
}

static int S_eq(chunk c, const char *lit) {
  return c.n == strlen(lit) && memcmp(c.p, lit, c.n) == 0;
}

static size_t S_find(chunk c, size_t from, const char *lit) {
  size_t n = strlen(lit);
  if (n == 0 || c.n < n)
    return NPOS;
  for (size_t i = from; i + n <= c.n; i++)
    if (c.p[i] == lit[0] && memcmp(c.p + i, lit, n) == 0)
      return i;
  return NPOS;
}

static size_t S_find_char(chunk c, size_t from, char ch) {
  for (size_t i = from; i < c.n; i++)
    if (c.p[i] == ch)
      return i;
  return NPOS;
}

static int S_in_list(chunk w, const char *const *list) {
  for (size_t i = 0; list[i]; i++)
    if (S_eq(w, list[i]))
      return 1;
  return 0;
}

/* Index of the bracket closing the one at open, or NPOS. */
static size_t S_match(chunk c, size_t open) {
  int depth = 0;
  for (size_t i = open; i < c.n; i++) {
    if (c.p[i] == '(' || c.p[i] == '[')
      depth++;
    else if (c.p[i] == ')' || c.p[i] == ']') {
      if (--depth == 0)
        return i;
    }
  }
  return NPOS;
}

/* Skips spaces and whole bracket groups ("(PDF)", "[trans.]") from i. */
static size_t S_skip_notes(chunk c, size_t i) {
  for (;;) {
    while (i < c.n && S_space(c.p[i]))
      i++;
    if (i < c.n && (c.p[i] == '(' || c.p[i] == '[')) {
      size_t e = S_match(c, i);
      if (e == NPOS)
        return i;
      i = e + 1;
    } else
      return i;
  }
}

/* Sets *field to a copy of c (trimmed) unless it is already set or c empty. */
static void S_set(char **field, chunk c) {
  c = S_trim(c);
  if (*field || c.n == 0)
    return;
  *field = xstrndup(c.p, c.n);
}

static void S_push(chunks *l, chunk c) { *LIST_PUSH(*l) = S_trim(c); }

static size_t S_words(chunk c) {
  size_t n = 0;
  for (size_t i = 0; i < c.n; i++)
    if (!S_space(c.p[i]) && (i == 0 || S_space(c.p[i - 1])))
      n++;
  return n;
}

/* --- dates ------------------------------------------------------------ */

static int S_month(chunk w) {
  if (w.n && w.p[w.n - 1] == '.')
    w.n--;
  return S_in_list(w, S_months);
}

static int S_all_digits(chunk w) {
  if (w.n == 0)
    return 0;
  for (size_t i = 0; i < w.n; i++)
    if (!S_digit(w.p[i]))
      return 0;
  return 1;
}

static int S_is_year(chunk w) {
  w = S_trim(w);
  return w.n == 4 && S_all_digits(w) && (w.p[0] == '1' || w.p[0] == '2');
}

/* A date as citations write it: "2019-05-09", "June 2019", "9 July 2017",
 * "December 27, 2016", "Jun 9, 2020", "1975–1979", "2019a", "n.d.". */
static int S_is_date(chunk c) {
  c = S_trim(c);
  if (c.n == 0 || c.n > 48)
    return 0;
  if (S_eq(c, "n.d."))
    return 1;
  int year = 0;
  size_t i = 0;
  while (i < c.n) {
    char ch = c.p[i];
    if (ch == ' ' || ch == ',' || ch == '-' || ch == '/') {
      i++;
      continue;
    }
    if (i + 3 <= c.n && memcmp(c.p + i, "\xe2\x80\x93", 3) == 0) {
      i += 3;
      continue;
    }
    size_t j = i;
    while (j < c.n && (S_alpha(c.p[j]) || S_digit(c.p[j]) || c.p[j] == '.'))
      j++;
    if (j == i)
      return 0;
    chunk w = S_chunk(c.p + i, j - i);
    if (S_all_digits(w)) {
      if (S_is_year(w))
        year = 1;
      else if (w.n > 2)
        return 0;
    } else if (w.n == 5 && S_is_year(S_chunk(w.p, 4)) && S_lower(w.p[4])) {
      year = 1;
    } else if (!S_month(w) && !S_eq(w, "c.") && !S_eq(w, "ca.")) {
      return 0;
    }
    i = j;
  }
  return year;
}

/* Whether c ends in "<Month> <day>", the part of "May 17, 2017" before ", ". */
static int S_month_day_tail(chunk c) {
  size_t e = c.n, d = e;
  while (d > 0 && S_digit(c.p[d - 1]))
    d--;
  if (e - d < 1 || e - d > 2 || d < 2 || c.p[d - 1] != ' ')
    return 0;
  size_t m = d - 1;
  while (m > 0 && !S_space(c.p[m - 1]))
    m--;
  return S_month(S_chunk(c.p + m, d - 1 - m));
}

/* --- segments --------------------------------------------------------- */

/* Whether the "." at i ends an abbreviation ("p.", "Vol.", "U.S.", an
 * initial) rather than a segment. */
static int S_abbrev(chunk c, size_t start, size_t i) {
  size_t t = i;
  while (t > start && !S_space(c.p[t - 1]) && c.p[t - 1] != '(')
    t--;
  chunk w = S_chunk(c.p + t, i - t);
  if (w.n == 0)
    return 0;
  if (w.n == 1)
    return S_upper(w.p[0]) || w.p[0] == 'p';
  if (S_in_list(w, S_abbrevs))
    return 1;
  /* letter(.letter)+ : "U.S", "e.g" */
  if (w.n >= 3 && w.n % 2 == 1) {
    for (size_t k = 0; k < w.n; k++)
      if (k % 2 ? w.p[k] != '.' : !S_alpha(w.p[k]))
        return 0;
    return 1;
  }
  return 0;
}

/* Splits c at top-level ". " (SPLIT_DOT) and/or "," (SPLIT_COMMA); a final
 * full stop is dropped, empty segments between commas are kept. */
static void S_split(chunk c, int how, chunks *out) {
  size_t start = 0;
  int depth = 0;
  for (size_t i = 0; i < c.n; i++) {
    char ch = c.p[i];
    if (ch == '(' || ch == '[')
      depth++;
    else if ((ch == ')' || ch == ']') && depth > 0)
      depth--;
    else if (depth == 0 && (how & SPLIT_DOT) && ch == '.' &&
             (i + 1 == c.n || c.p[i + 1] == ' ') && !S_abbrev(c, start, i)) {
      S_push(out, S_sub(c, start, i));
      start = i + 1;
    } else if (depth == 0 && (how & SPLIT_COMMA) && ch == ',' &&
               (i + 1 == c.n || c.p[i + 1] == ' ' || c.p[i + 1] == ',')) {
      S_push(out, S_sub(c, start, i));
      start = i + 1;
    }
  }
  chunk last = S_trim(S_sub(c, start, c.n));
  if (last.n)
    S_push(out, last);
  /* Rejoin dates that contain a comma: "March 19" + "2009". */
  if (how & SPLIT_COMMA) {
    size_t w = 0;
    for (size_t r = 0; r < out->count; r++) {
      chunk s = out->items[r];
      if (r + 1 < out->count && S_month_day_tail(s) &&
          S_is_year(out->items[r + 1])) {
        chunk y = out->items[r + 1];
        s.n = (size_t)(y.p + y.n - s.p);
        r++;
      }
      out->items[w++] = s;
    }
    out->count = w;
  }
}

/* Drops trailing notes such as "(PDF)", "(in Chinese (China))", "(2nd ed.)". */
static chunk S_strip_notes(chunk c) {
  c = S_trim(c);
  for (int round = 0; round < 4 && c.n && c.p[c.n - 1] == ')'; round++) {
    int depth = 0;
    size_t o = NPOS;
    for (size_t i = c.n; i > 0; i--) {
      char ch = c.p[i - 1];
      if (ch == ')')
        depth++;
      else if (ch == '(' && --depth == 0) {
        o = i - 1;
        break;
      }
    }
    if (o == NPOS || o == 0)
      break;
    chunk in = S_sub(c, o + 1, c.n - 1);
    if (!(S_eq(in, "PDF") || S_starts(in, "in ") || S_ends(in, "ed.")))
      break;
    c = S_trim(S_sub(c, 0, o));
  }
  return c;
}

/* --- people ----------------------------------------------------------- */

/* Whether a could be a CS1 author list: "Last, First; Last, First" or up to
 * four words of a name, no digits, quotes or colons. */
static int S_authors_ok(chunk a) {
  a = S_trim(a);
  if (a.n == 0 || a.n > 400)
    return 0;
  size_t start = 0;
  while (start <= a.n) {
    size_t e = S_find(a, start, "; ");
    if (e == NPOS)
      e = a.n;
    chunk one = S_trim(S_sub(a, start, e));
    if (one.n == 0)
      return 0;
    for (size_t i = 0; i < one.n; i++)
      if (S_digit(one.p[i]) || one.p[i] == '"' || one.p[i] == ':')
        return 0;
    if (S_find_char(one, 0, ',') == NPOS) {
      if (S_words(one) > 4 || S_starts(one, "A ") || S_starts(one, "An ") ||
          S_starts(one, "The "))
        return 0;
    }
    start = e + 2;
  }
  return 1;
}

static int S_name_words(chunk c, size_t lo, size_t hi);

/* Words that make a name an organisation's ("Associated Press", "Human
 * Rights Watch"), never a person's. */
static const char *const S_corporate[] = {
    "Account",    "Agency",    "Associated", "Association", "Board",
    "Bureau",     "Center",    "Centre",     "Channel",     "College",
    "Committee",  "Company",   "Council",    "Department",  "Desk",
    "Foundation", "Group",     "Institute",  "Media",       "Ministry",
    "News",       "Office",    "Post",       "Press",       "Radio",
    "Reporter",   "Reporters", "Review",     "Service",     "Society",
    "Staff",      "Team",      "Television", "Times",       "University",
    "Watch",      "Writer",    "Writers",    NULL};

/* Whether the name word w is an acronym ("BBC", "CNN"). */
static int S_acronym(chunk w) {
  if (w.n < 2 || w.p[w.n - 1] == '.')
    return 0;
  for (size_t i = 0; i < w.n; i++)
    if (S_lower(w.p[i]))
      return 0;
  return 1;
}

/* A person's name written given name first ("Bill Bishop", "Michael D.
 * Swaine"), as "Family, Given"; any other name (with a comma already, one
 * word, a corporate name, non-Latin script) as written.  Into a new
 * string the caller frees. */
static char *S_family_first(chunk a) {
  a = S_trim(a);
  size_t words = 0, last = 0;
  int ok = S_find_char(a, 0, ',') == NPOS && S_name_words(a, 2, 3);
  for (size_t i = 0; ok && i < a.n;) {
    size_t j = i;
    while (j < a.n && a.p[j] != ' ')
      j++;
    chunk w = S_sub(a, i, j);
    ok = !S_high(w.p[0]) && !S_acronym(w) && !S_in_list(w, S_corporate);
    words++;
    last = i;
    i = j;
    while (i < a.n && a.p[i] == ' ')
      i++;
  }
  if (!ok || words < 2 || a.p[a.n - 1] == '.') /* "John Q." is no surname */
    return xstrndup(a.p, a.n);
  chunk given = S_trim(S_sub(a, 0, last)), family = S_sub(a, last, a.n);
  return xasprintf("%.*s, %.*s", (int)family.n, family.p, (int)given.n,
                   given.p);
}

char *refparse_name(const char *name) {
  return S_family_first(S_chunk(name, strlen(name)));
}

/* Appends the name a (one person or body) to the list l, family first. */
static void S_add_name(mssdoc_strs *l, chunk a) {
  a = S_trim(a);
  if (S_eq(a, "et al.") || S_eq(a, "et al") || a.n == 0)
    return;
  *LIST_PUSH(*l) = S_family_first(a);
}

static void S_add_author(mssdoc_reference *r, chunk a) {
  S_add_name(&r->authors, a);
}

/* "Macfie, Nick (ed.)", "Smith, J.; Jones, K. (eds.)": the editors, into
 * r->editors.  Returns 0 if c names no editors. */
static int S_editors(mssdoc_reference *r, chunk c) {
  c = S_trim(c);
  size_t cut = S_ends(c, "(ed.)") ? 5 : S_ends(c, "(eds.)") ? 6 : 0;
  if (!cut)
    return 0;
  chunk names = S_trim(S_sub(c, 0, c.n - cut));
  if (S_starts(names, "In ")) /* "In Wilson, D. E.; Reeder, D. M. (eds.)" */
    names = S_sub(names, 3, names.n);
  for (size_t start = 0; start < names.n;) {
    size_t e = S_find(names, start, "; "), e2 = S_find(names, start, " & ");
    if (e2 != NPOS && (e == NPOS || e2 < e))
      e = e2;
    S_add_name(&r->editors, S_sub(names, start, e == NPOS ? names.n : e));
    if (e == NPOS)
      break;
    start = e + (names.p[e] == ';' ? 2 : 3);
  }
  return 1;
}

static void S_add_authors(mssdoc_reference *r, chunk a) {
  size_t start = 0;
  while (start <= a.n) {
    size_t e = S_find(a, start, "; "), e2 = S_find(a, start, " & ");
    if (e2 != NPOS && (e == NPOS || e2 < e))
      e = e2;
    if (e == NPOS) {
      S_add_author(r, S_sub(a, start, a.n));
      break;
    }
    S_add_author(r, S_sub(a, start, e));
    start = e + (a.p[e] == ';' ? 2 : 3);
  }
}

/* One word of a personal name: an upper-case ASCII letter or a non-ASCII
 * byte first, then letters, hyphens, apostrophes or a final period. */
static int S_name_word(chunk w) {
  if (w.n == 0 || !(S_upper(w.p[0]) || S_high(w.p[0])))
    return 0;
  for (size_t i = 1; i < w.n; i++) {
    char ch = w.p[i];
    if (!(S_alpha(ch) || S_high(ch) || ch == '-' || ch == '\'' ||
          (ch == '.' && i + 1 == w.n)))
      return 0;
  }
  return 1;
}

/* Whether every word of c is a name word, with between lo and hi words. */
static int S_name_words(chunk c, size_t lo, size_t hi) {
  size_t n = 0, i = 0;
  c = S_trim(c);
  while (i < c.n) {
    size_t j = i;
    while (j < c.n && c.p[j] != ' ')
      j++;
    if (!S_name_word(S_chunk(c.p + i, j - i)))
      return 0;
    n++;
    i = j;
    while (i < c.n && c.p[i] == ' ')
      i++;
  }
  return n >= lo && n <= hi;
}

/* A Chinese, Japanese or Korean name: two to four non-ASCII characters. */
static int S_cjk_name(chunk c) {
  size_t chars = 0;
  for (size_t i = 0; i < c.n; i++) {
    if (!S_high(c.p[i]))
      return 0;
    if (((unsigned char)c.p[i] & 0xC0) != 0x80)
      chars++;
  }
  return chars >= 2 && chars <= 4;
}

/* --- single segments -------------------------------------------------- */

static int S_archive(mssdoc_reference *r, chunk s) {
  if (!S_starts(s, "Archived") && !S_starts(s, "archived"))
    return 0;
  size_t on = NPOS;
  for (size_t i = S_find(s, 0, " on "); i != NPOS; i = S_find(s, i + 1, " on "))
    on = i;
  if (on != NPOS) {
    S_set(&r->archived, S_sub(s, on + 4, s.n));
  } else {
    size_t at = S_find(s, 0, " at ");
    chunk d = S_sub(s, 8, at == NPOS ? s.n : at);
    if (S_is_date(d))
      S_set(&r->archived, d);
  }
  return 1;
}

static int S_retrieved(mssdoc_reference *r, chunk s) {
  static const char *const heads[] = {"Retrieved ", "retrieved ", "Accessed ",
                                      "accessed ", NULL};
  for (size_t k = 0; heads[k]; k++) {
    if (!S_starts(s, heads[k]))
      continue;
    chunk v = S_trim(S_sub(s, strlen(heads[k]), s.n));
    if (S_starts(v, "on "))
      v = S_sub(v, 3, v.n);
    size_t via = S_find(v, 0, " \xe2\x80\x93 via ");
    if (via == NPOS)
      via = S_find(v, 0, " - via ");
    if (via != NPOS)
      v = S_sub(v, 0, via);
    S_set(&r->retrieved, v);
    return 1;
  }
  return 0;
}

/* Adds the identifier value v of scheme ("JSTOR", "arXiv") to r's ids,
 * the scheme in lower case ("jstor"); a scheme that is no XML name (it
 * must open with a letter) or one already there is left out. */
static void S_add_id(mssdoc_reference *r, chunk scheme, chunk v) {
  scheme = S_trim(scheme);
  v = S_trim(v);
  if (!scheme.n || !v.n || !S_alpha(scheme.p[0]))
    return;
  char *k = xstrndup(scheme.p, scheme.n);
  for (char *c = k; *c; c++) {
    if (!S_alpha(*c) && !S_digit(*c)) {
      free(k);
      return;
    }
    *c = (char)(S_upper(*c) ? *c - 'A' + 'a' : *c);
  }
  for (size_t i = 0; i + 1 < r->ids.count; i += 2)
    if (strcmp(r->ids.items[i], k) == 0) {
      free(k);
      return;
    }
  *LIST_PUSH(r->ids) = k;
  *LIST_PUSH(r->ids) = xstrndup(v.p, v.n);
}

static int S_ident(mssdoc_reference *r, chunk s) {
  static const struct {
    const char *head;
    size_t field;
  } ids[] = {{"ISBN ", offsetof(mssdoc_reference, isbn)},
             {"ISSN ", offsetof(mssdoc_reference, issn)},
             {"OCLC ", offsetof(mssdoc_reference, oclc)},
             {"doi:", offsetof(mssdoc_reference, doi)},
             {"DOI ", offsetof(mssdoc_reference, doi)}};
  for (size_t k = 0; k < sizeof ids / sizeof *ids; k++) {
    if (S_starts(s, ids[k].head)) {
      char **f = (char **)((char *)r + ids[k].field);
      S_set(f, S_sub(s, strlen(ids[k].head), s.n));
      return 1;
    }
  }
  for (size_t k = 0; S_other_ids[k]; k++) {
    chunk v = S_sub(s, strlen(S_other_ids[k]), s.n);
    if (S_starts(s, S_other_ids[k]) && v.n && S_find_char(v, 0, ' ') == NPOS) {
      /* "SSRN 3415726", not "SSRN Working Paper Series" */
      S_add_id(r, S_sub(s, 0, strlen(S_other_ids[k]) - 1), v);
      return 1;
    }
  }
  /* Any other "ABC 12345": an upper-case scheme and one value with digits. */
  size_t sp = S_find_char(s, 0, ' '), caps = 0;
  if (sp == NPOS || sp < 2 || S_find_char(s, sp + 1, ' ') != NPOS)
    return 0;
  for (size_t i = 0; i < sp; i++) {
    if (S_upper(s.p[i]))
      caps++;
    else if (!S_digit(s.p[i]))
      return 0;
  }
  int digits = 0;
  for (size_t i = sp + 1; i < s.n; i++)
    digits |= S_digit(s.p[i]);
  if (caps < 2 || !digits)
    return 0;
  S_add_id(r, S_sub(s, 0, sp), S_sub(s, sp + 1, s.n));
  return 1;
}

/* Page numbers: "23–43", "6", "181, 190". */
static int S_pagelike(chunk c) {
  c = S_trim(c);
  if (c.n == 0 || !S_digit(c.p[0]))
    return 0;
  for (size_t i = 0; i < c.n; i++) {
    if (S_digit(c.p[i]) || c.p[i] == '-' || c.p[i] == ',' || c.p[i] == ' ')
      continue;
    if (i + 3 <= c.n && memcmp(c.p + i, "\xe2\x80\x93", 3) == 0) {
      i += 2;
      continue;
    }
    return 0;
  }
  return 1;
}

static int S_pages(mssdoc_reference *r, chunk s) {
  size_t k;
  if (S_starts(s, "pp."))
    k = 3;
  else if (S_starts(s, "p."))
    k = 2;
  else
    return 0;
  chunk v = S_trim(S_sub(s, k, s.n));
  if (v.n == 0 ||
      !(S_digit(v.p[0]) || v.p[0] == 'i' || v.p[0] == 'v' || v.p[0] == 'x'))
    return 0;
  S_set(&r->pages, v);
  return 1;
}

/* c without a "Vol. "/"vol. "/"Volume " before its number, trimmed. */
static chunk S_volume_number(chunk c) {
  c = S_trim(c);
  if (S_starts(c, "Vol. ") || S_starts(c, "vol. "))
    return S_sub(c, 5, c.n);
  if (S_starts(c, "Volume "))
    return S_sub(c, 7, c.n);
  return c;
}

/* A volume and issue: "8 (1)", "38", "Vol. 12", "XII". */
static int S_volume(chunk c) {
  c = S_volume_number(c);
  size_t i = 0;
  while (i < c.n && (S_digit(c.p[i]) || strchr("IVXLC", c.p[i]) != NULL))
    i++;
  if (i == 0)
    return 0;
  i = S_skip_notes(c, i);
  return i == c.n;
}

/* Sets r's volume and issue from a volume S_volume accepts: "8 (1)" ->
 * 8 and 1, "Vol. 12" -> 12, "38" -> 38 (an issue has no space). */
static void S_set_volume(mssdoc_reference *r, chunk c) {
  c = S_volume_number(c);
  size_t i = 0;
  while (i < c.n && c.p[i] != ' ' && c.p[i] != '(')
    i++;
  S_set(&r->volume, S_sub(c, 0, i));
  size_t o = S_find_char(c, i, '(');
  size_t e = o == NPOS ? NPOS : S_match(c, o);
  /* "8 (1)", "27 (11/12)"; not "1 (10th reformed ed.)", an edition */
  if (e != NPOS && S_find_char(S_sub(c, o, e), 0, ' ') == NPOS)
    S_set(&r->issue, S_sub(c, o + 1, e));
}

/* "No. 1", "no. 4", "Issue 3": r's issue.  Returns 0 if s is none. */
static int S_issue(mssdoc_reference *r, chunk s) {
  static const char *const heads[] = {"No. ", "no. ", "Issue ", "issue ", NULL};
  for (size_t k = 0; heads[k]; k++)
    if (S_starts(s, heads[k])) {
      S_set(&r->issue, S_sub(s, strlen(heads[k]), s.n));
      return 1;
    }
  return 0;
}

/* --- citation shapes -------------------------------------------------- */

/* Reads the segments after a title; returns the free ones (work, publisher,
 * or for free-form citations author and work) in frees. */
static size_t S_fields(mssdoc_reference *r, chunks *segs, int mode,
                       chunk frees[MAX_FREE]) {
  size_t nfree = 0;
  int archived = 0, other = 0;
  for (size_t k = 0; k < segs->count; k++) {
    chunk s = S_trim(segs->items[k]);
    if (archived && !S_starts(s, "Retrieved") && !S_starts(s, "retrieved") &&
        !S_starts(s, "Accessed") && !S_starts(s, "accessed"))
      break; /* a quotation follows the citation */
    if (s.n == 0) {
      if (mode == F_FREE && !other && nfree < MAX_FREE)
        frees[nfree++] = s;
      continue;
    }
    if (S_archive(r, s)) {
      archived = 1;
      continue;
    }
    if (S_retrieved(r, s))
      break;
    if (S_ident(r, s) || S_pages(r, s)) {
      other = 1;
      continue;
    }
    if (S_is_date(s)) {
      S_set(&r->date, s);
      other = 1;
      continue;
    }
    if (S_issue(r, s) || S_editors(r, s)) {
      other = 1;
      continue;
    }
    if (S_volume(s)) {
      if (mode == F_ARTICLE || !S_digit(s.p[0])) /* "Vol. 1" anywhere */
        S_set_volume(r, s);
      other = 1;
      continue;
    }
    if (s.p[0] == '(' || S_starts(s, "Translated by ")) {
      other = 1;
      continue;
    }
    /* "8 (1): 23–43" or "Foundation: 6" */
    size_t colon = NPOS;
    for (size_t i = S_find(s, 0, ": "); i != NPOS; i = S_find(s, i + 1, ": "))
      colon = i;
    if (colon != NPOS && S_pagelike(S_sub(s, colon + 2, s.n))) {
      S_set(&r->pages, S_sub(s, colon + 2, s.n));
      s = S_trim(S_sub(s, 0, colon));
      if (s.n == 0 || S_volume(s)) {
        if (s.n && (mode == F_ARTICLE || !S_digit(s.p[0])))
          S_set_volume(r, s);
        other = 1;
        continue;
      }
    }
    s = S_strip_notes(s);
    if (mode == F_FREE && other)
      continue;
    if (nfree < MAX_FREE)
      frees[nfree++] = s;
  }
  return nfree;
}

/* "Location: Publisher" -> "Publisher", the location into r's place. */
static chunk S_publisher(mssdoc_reference *r, chunk c) {
  size_t colon = NPOS;
  for (size_t i = S_find(c, 0, ": "); i != NPOS; i = S_find(c, i + 1, ": "))
    colon = i;
  if (colon == NPOS)
    return c;
  chunk place = S_trim(S_sub(c, 0, colon));
  int plain = place.n <= 48 && S_words(place) <= 5; /* a place name, */
  for (size_t i = 0; i < place.n && plain; i++)     /* not a sentence */
    plain = !S_digit(place.p[i]) && place.p[i] != '"';
  for (size_t k = 0; S_other_ids[k] && plain; k++) /* nor "ASIN: B00…" */
    plain = !(place.n + 1 == strlen(S_other_ids[k]) &&
              memcmp(place.p, S_other_ids[k], place.n) == 0);
  if (plain)
    S_set(&r->place, place);
  return S_sub(c, colon + 2, c.n);
}

/* The closing quote of a title opened at open: one followed by a separator,
 * a note or the end. */
static size_t S_close_quote(chunk t, size_t open) {
  for (size_t j = open + 1; j < t.n; j++) {
    if (t.p[j] != '"')
      continue;
    if (j + 1 == t.n || strchr(".,;[", t.p[j + 1]) != NULL)
      return j;
    if (t.p[j + 1] == ' ' && j + 2 < t.n &&
        (t.p[j + 2] == '(' || S_starts(S_sub(t, j + 2, t.n), "Archived ")))
      return j;
  }
  return NPOS;
}

/* A CS1/CS2 citation from its title on: sep is '.' or ','. */
static void S_parse_cs(mssdoc_reference *r, chunk t, char sep, int no_work) {
  chunks segs = {0};
  int how = sep == ',' ? SPLIT_COMMA : SPLIT_DOT;
  t = S_trim(t);
  /* Editors and translators stand between the authors and the title. */
  for (int round = 0; round < 4 && t.n && t.p[0] != '"'; round++) {
    segs.count = 0;
    S_split(t, how, &segs);
    if (segs.count < 2)
      break;
    chunk s = segs.items[0];
    if (!(S_editors(r, s) || S_starts(s, "Translated by ")))
      break;
    t = S_trim(S_sub(t, (size_t)(segs.items[1].p - t.p), t.n));
  }
  segs.count = 0;
  int mode = F_BOOK;
  size_t q;
  if (t.n && t.p[0] == '"' && (q = S_close_quote(t, 0)) != NPOS) {
    S_set(&r->title, S_sub(t, 1, q));
    mode = F_ARTICLE;
    size_t i = S_skip_notes(t, q + 1);
    if (i < t.n && (t.p[i] == '.' || t.p[i] == ',')) {
      sep = t.p[i];
      how = sep == ',' ? SPLIT_COMMA : SPLIT_DOT;
      i++;
    }
    S_split(S_sub(t, i, t.n), how, &segs);
  } else {
    S_split(t, how, &segs);
    if (segs.count) {
      S_set(&r->title, S_strip_notes(segs.items[0]));
      memmove(segs.items, segs.items + 1, (segs.count - 1) * sizeof(chunk));
      segs.count--;
    }
  }
  chunk frees[MAX_FREE];
  size_t nfree = S_fields(r, &segs, mode, frees);
  if (mode == F_ARTICLE) {
    if (no_work) {
      if (nfree)
        S_set(&r->publisher, S_publisher(r, frees[0]));
    } else {
      if (nfree)
        S_set(&r->work, frees[0]);
      if (nfree > 1)
        S_set(&r->publisher, S_publisher(r, frees[1]));
    }
  } else if (nfree && (sep == '.' || nfree == 1)) {
    /* The publisher is the last element of a CS1 book chain; in CS2 the
     * commas also split lists of people, so take it only when alone. */
    S_set(&r->publisher, S_publisher(r, frees[nfree - 1]));
  }
  free(segs.items);
}

/* A free-form citation: "[Author, ]Title" or "[Author, ]"Title"" in prefix,
 * then ", [Author, ]Work, Date, p. N" in suffix. */
static void S_parse_free(mssdoc_reference *r, chunk prefix, chunk suffix) {
  int has_author = 0;
  prefix = S_trim(prefix);
  while (prefix.n &&
         (prefix.p[prefix.n - 1] == ',' || prefix.p[prefix.n - 1] == '.'))
    prefix = S_trim(S_sub(prefix, 0, prefix.n - 1));
  size_t o = S_find_char(prefix, 0, '"');
  size_t c1 = S_find(prefix, 0, ", ");
  if (o != NPOS && prefix.n >= 2 && o < prefix.n - 2 &&
      prefix.p[prefix.n - 1] == '"' &&
      (o == 0 || prefix.p[o - 1] == ',' ||
       (o >= 2 && prefix.p[o - 2] == ','))) {
    chunk a = S_trim(S_sub(prefix, 0, o));
    if (a.n && a.p[a.n - 1] == ',')
      a.n--;
    a = S_trim(a);
    if (a.n) {
      S_add_author(r, a);
      has_author = 1;
    }
    S_set(&r->title, S_sub(prefix, o + 1, prefix.n - 1));
  } else if (c1 != NPOS && S_cjk_name(S_sub(prefix, 0, c1))) {
    S_add_author(r, S_sub(prefix, 0, c1));
    has_author = 1;
    S_set(&r->title, S_sub(prefix, c1 + 2, prefix.n));
  } else {
    size_t c2 = c1 == NPOS ? NPOS : S_find(prefix, c1 + 2, ", ");
    if (c2 != NPOS && S_name_words(S_sub(prefix, 0, c1), 1, 1) &&
        S_name_words(S_sub(prefix, c1 + 2, c2), 1, 3)) {
      S_add_author(r, S_sub(prefix, 0, c2));
      has_author = 1;
      S_set(&r->title, S_sub(prefix, c2 + 2, prefix.n));
    } else {
      S_set(&r->title, prefix);
    }
  }
  suffix = S_trim(suffix);
  if (suffix.n && suffix.p[0] == ',')
    suffix = S_sub(suffix, 1, suffix.n);
  chunks segs = {0};
  S_split(suffix, SPLIT_DOT | SPLIT_COMMA, &segs);
  chunk frees[MAX_FREE];
  size_t nfree = S_fields(r, &segs, F_FREE, frees);
  if (has_author || nfree == 1) {
    if (nfree)
      S_set(&r->work, frees[0]);
  } else if (nfree >= 2) {
    if (frees[0].n && r->authors.count == 0)
      S_add_author(r, frees[0]);
    S_set(&r->work, frees[1]);
  }
  free(segs.items);
}

/* "Smith, p. 4", "Mei p. 78", "Jones 2005, pp. 4–5". */
static int S_short_cite(mssdoc_reference *r, chunk t) {
  size_t at = NPOS;
  for (size_t i = 1; i + 2 < t.n; i++) {
    if (t.p[i - 1] == ' ' && t.p[i] == 'p' &&
        (t.p[i + 1] == '.' || (t.p[i + 1] == 'p' && t.p[i + 2] == '.'))) {
      at = i;
      break;
    }
  }
  if (at == NPOS)
    return 0;
  size_t k = at + (t.p[at + 1] == '.' ? 2 : 3);
  chunk loc = S_trim(S_sub(t, k, t.n));
  if (loc.n && loc.p[loc.n - 1] == '.')
    loc.n--;
  if (!S_pagelike(loc))
    return 0;
  chunk name = S_trim(S_sub(t, 0, at));
  if (name.n && name.p[name.n - 1] == ',')
    name = S_trim(S_sub(name, 0, name.n - 1));
  chunk year = S_chunk(NULL, 0);
  size_t sp = name.n;
  while (sp > 0 && name.p[sp - 1] != ' ')
    sp--;
  chunk last = S_sub(name, sp, name.n);
  if (last.n >= 2 && last.p[0] == '(' && last.p[last.n - 1] == ')')
    last = S_sub(last, 1, last.n - 1);
  if (sp > 0 && last.n >= 4 && last.n <= 5 && S_is_year(S_sub(last, 0, 4)) &&
      S_is_date(last)) {
    year = last;
    name = S_trim(S_sub(name, 0, sp));
  }
  int etal = S_ends(name, " et al.");
  chunk core = etal ? S_sub(name, 0, name.n - 7) : name;
  if (core.n == 0 || core.n > 80)
    return 0;
  /* "Smith & Jones": each name one to three words */
  for (size_t start = 0; start <= core.n;) {
    size_t amp = S_find(core, start, " & ");
    if (!S_name_words(S_sub(core, start, amp == NPOS ? core.n : amp), 1, 3))
      return 0;
    if (amp == NPOS)
      break;
    start = amp + 3;
  }
  S_add_authors(r, name);
  if (year.n)
    S_set(&r->date, year);
  S_set(&r->pages, loc);
  return 1;
}

/* "Archived 2020-11-17 at the Wayback Machine": its start, its date and
 * where the text after it begins. */
static int S_find_wayback(chunk t, size_t *start, chunk *date, size_t *end) {
  for (size_t i = S_find(t, 0, "Archived "); i != NPOS;
       i = S_find(t, i + 1, "Archived ")) {
    if (i > 0 && t.p[i - 1] != ' ')
      continue;
    /* the date is short: look for " at " only just after it */
    chunk near = S_sub(t, 0, i + 9 + 64);
    size_t at = S_find(near, i + 9, " at ");
    if (at == NPOS)
      continue;
    chunk d = S_sub(t, i + 9, at);
    if (!S_is_date(d))
      continue;
    size_t e = at + 4;
    while (e < t.n && t.p[e] != ',' &&
           !(t.p[e] == '.' && (e + 1 == t.n || t.p[e + 1] == ' ')))
      e++;
    *start = i;
    *date = d;
    *end = e < t.n ? e + 1 : t.n;
    return 1;
  }
  return 0;
}

/* Authors then a parenthesised date then "." (CS1) or "," (CS2). */
static int S_author_date(chunk t, chunk *authors, chunk *date, size_t *after,
                         char *sep) {
  size_t limit = S_find_char(t, 0, '"');
  if (limit == NPOS)
    limit = t.n;
  for (size_t i = 0; i < limit; i++) {
    if (t.p[i] != '(')
      continue;
    size_t close = S_match(t, i);
    if (close == NPOS)
      return 0;
    chunk d = S_sub(t, i + 1, close);
    size_t k = close + 1;
    while (k < t.n && t.p[k] == ' ')
      k++;
    if (k < t.n && t.p[k] == '[') {
      size_t e = S_match(t, k);
      if (e != NPOS)
        k = e + 1;
    }
    if (S_is_date(d) && (k == t.n || t.p[k] == '.' || t.p[k] == ',') &&
        S_authors_ok(S_sub(t, 0, i))) {
      *authors = S_trim(S_sub(t, 0, i));
      *date = S_trim(d);
      *sep = k < t.n ? t.p[k] : '.';
      *after = k < t.n ? k + 1 : k;
      return 1;
    }
    i = close;
  }
  return 0;
}

/* Authors without a date, then '. "Title"'. */
static int S_author_dot(chunk t, chunk *authors, size_t *after) {
  size_t q = S_find_char(t, 0, '"');
  if (q == NPOS || q < 3 || t.p[q - 1] != ' ' || t.p[q - 2] != '.')
    return 0;
  chunk a = S_trim(S_sub(t, 0, q - 2));
  chunks segs = {0};
  S_split(a, SPLIT_DOT, &segs);
  int ok = segs.count == 1 && S_authors_ok(a);
  free(segs.items);
  if (!ok)
    return 0;
  /* keep the full stop of a final initial: "Smith, John Q." */
  if (a.n >= 2 && S_upper(a.p[a.n - 1]) && S_space(a.p[a.n - 2]))
    a.n++;
  *authors = a;
  *after = q;
  return 1;
}

static void S_parse(mssdoc_reference *r, chunk t, int no_work) {
  chunk authors, date;
  size_t after, pos, end;
  char sep;
  t = S_trim(t);
  if (t.n == 0 || t.p[t.n - 1] == ':')
    return; /* "See:" introduces a list of citations */
  if (S_short_cite(r, t))
    return;
  if (S_author_date(t, &authors, &date, &after, &sep)) {
    S_add_authors(r, authors);
    S_set(&r->date, date);
    S_parse_cs(r, S_sub(t, after, t.n), sep, no_work);
    return;
  }
  if (S_author_dot(t, &authors, &after)) {
    S_add_authors(r, authors);
    S_parse_cs(r, S_sub(t, after, t.n), '.', no_work);
    return;
  }
  if (t.p[0] == '"' && (pos = S_close_quote(t, 0)) != NPOS) {
    size_t i = S_skip_notes(t, pos + 1);
    if (i == t.n || t.p[i] == '.' || t.p[i] == ',') {
      S_parse_cs(r, t, '.', no_work);
      return;
    }
  }
  if (S_find_wayback(t, &pos, &date, &end)) {
    S_set(&r->archived, date);
    S_parse_free(r, S_sub(t, 0, pos), S_sub(t, end, t.n));
    return;
  }
  size_t o = S_find(t, 0, ", \"");
  if (o != NPOS && (pos = S_close_quote(t, o + 2)) != NPOS) {
    S_parse_free(r, S_sub(t, 0, pos + 1), S_sub(t, pos + 1, t.n));
    return;
  }
  S_parse_cs(r, t, '.', no_work);
}

/* The language a citation names: "Radio Free Asia (in Chinese (China))"
 * -> "Chinese (China)"; the first "(in X…)" whose X opens with a capital
 * letter, into r's language. */
static void S_language(mssdoc_reference *r, chunk t) {
  for (size_t i = S_find(t, 0, "(in "); i != NPOS;
       i = S_find(t, i + 1, "(in ")) {
    size_t e = S_match(t, i);
    if (e != NPOS && i + 4 < e && S_upper(t.p[i + 4])) {
      S_set(&r->language, S_sub(t, i + 4, e));
      return;
    }
  }
}

/* How Wikipedia's citation template error messages open (CS1's). */
static const char *const S_error_heads[] = {"((cite ",
                                            "{{cite ",
                                            "Cite ",
                                            "Check date values",
                                            "Check |",
                                            "Italic or bold markup",
                                            "Missing or empty",
                                            "Unknown parameter",
                                            "External link in",
                                            "Empty citation",
                                            "Unsupported parameter",
                                            "CS1 maint:",
                                            "CS1 errors:",
                                            NULL};

int refparse_template_error(const char *text, size_t *start, size_t *end) {
  chunk t = S_chunk(text, strlen(text));
  size_t help = S_find(t, 0, "(help)"), from = NPOS;
  if (help == NPOS)
    return 0;
  for (size_t k = 0; S_error_heads[k]; k++) {
    size_t i = S_find(S_sub(t, 0, help), 0, S_error_heads[k]);
    if (i != NPOS && (from == NPOS || i < from) &&
        (k < 2 || i == 0 || t.p[i - 1] == ' ' || t.p[i - 1] == ':'))
      from = i; /* "((cite journal)): Cite journal requires…": the first */
  }
  if (from == NPOS || S_find_char(S_sub(t, from, help), 0, '|') == NPOS)
    return 0;
  *start = from;
  *end = help + 6;
  while (*start > 0 && S_space(t.p[*start - 1]))
    (*start)--;
  return 1;
}

int refparse_is_short(const mssdoc_reference *r) {
  return r->authors.count && r->pages && !r->title && !r->work &&
         !r->publisher && !r->isbn && !r->doi && !r->url;
}

/* --- the line --------------------------------------------------------- */

/* Whether w is the k-th backlink label: a … z, aa … az, ba … zz. */
static int S_label(const char *w, size_t n, int k) {
  if (k < 26)
    return n == 1 && w[0] == 'a' + k;
  k -= 26;
  return k < 26 * 26 && n == 2 && w[0] == 'a' + k / 26 && w[1] == 'a' + k % 26;
}

int refparse_line(const char *line, int lineno, mssdoc_reference *out) {
  if (!line || !out)
    return 0;
  size_t n = strlen(line), i = 0;
  while (i < n && (line[i] == ' ' || line[i] == '\t'))
    i++;
  size_t d0 = i;
  int number = 0;
  while (i < n && S_digit(line[i]) && i - d0 < 9)
    number = number * 10 + (line[i++] - '0');
  if (i == d0 || i + 1 >= n || line[i] != '.' || line[i + 1] != ' ')
    return 0;
  i += 2;
  while (i < n && line[i] == ' ')
    i++;
  if (i >= n || line[i] != '^')
    return 0;
  i++;
  if (i < n && !S_space(line[i]))
    return 0;

  int labels = 0;
  size_t after = i;
  for (size_t j = i;;) {
    size_t k = j;
    while (k < n && line[k] == ' ')
      k++;
    size_t e = k;
    while (e < n && S_lower(line[e]))
      e++;
    if (e == k || (e < n && !S_space(line[e])) ||
        !S_label(line + k, e - k, labels))
      break;
    labels++;
    j = after = e;
  }
  if (labels < 2)
    after = i; /* a single "a" is text: one backlink renders as a bare ^ */

  chunk rest = S_trim(S_chunk(line + after, n - after));
  static const char *const tags[] = {"[permanent dead link]", "[dead link]",
                                     NULL};
  buf text = {0};
  int dead = 0;
  for (size_t k = 0; k < rest.n;) {
    size_t t;
    for (t = 0; tags[t]; t++)
      if (S_starts(S_sub(rest, k, rest.n), tags[t]))
        break;
    if (tags[t]) {
      dead = 1;
      k += strlen(tags[t]);
      if (text.len && text.data[text.len - 1] == ' ' && k < rest.n &&
          rest.p[k] == ' ')
        k++;
      continue;
    }
    buf_putc(&text, rest.p[k++]);
  }
  char *txt = buf_take(&text);
  chunk tc = S_trim(S_chunk(txt, strlen(txt)));

  /* The working copy: no-break spaces become spaces, CS1 error messages
   * ("((cite journal)): Cite journal requires |journal= (help)") go. */
  buf work = {0};
  for (size_t k = 0; k < tc.n; k++) {
    if (k + 1 < tc.n && tc.p[k] == '\xc2' && tc.p[k + 1] == '\xa0') {
      buf_putc(&work, ' ');
      k++;
    } else
      buf_putc(&work, tc.p[k]);
  }
  char *w = buf_take(&work);
  chunk wc = S_chunk(w, strlen(w));
  int no_work = 0;
  size_t req = S_find(wc, 0, "requires |");
  if (req != NPOS) {
    chunk param = S_sub(wc, req + 10, wc.n);
    for (size_t k = 0; S_work_params[k]; k++)
      if (S_starts(param, S_work_params[k]))
        no_work = 1;
  }
  size_t cut, cut_end;
  if (refparse_template_error(w, &cut, &cut_end))
    wc = S_sub(wc, 0, cut);

  out->number = number;
  out->backlinks = labels >= 2 ? labels : 1;
  out->text = xstrndup(tc.p, tc.n);
  out->dead_link = dead;
  out->line = lineno;
  S_parse(out, wc, no_work);
  S_language(out, wc);
  free(w);
  free(txt);
  return 1;
}
