/*
 * citeformat.c: references -> BibTeX, RIS and CSL-JSON.  Owns the entry
 * type rules, the citation keys, the name and date splitting the formats
 * need, and each format's escaping.  The reference record is read only.
 */
#include "citeformat.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "fold.h"
#include "util.h"

/* Word lists: words (or phrases) separated by "|", folded. */

/* Words that make a work a journal (if it also has pages or an ISSN). */
static const char S_journal_words[] =
    "journal|review|quarterly|studies|proceedings|bulletin|annals|"
    "transactions|letters|papers|series|yearbook";

/* Words and phrases that make a work a news outlet. */
static const char S_news_words[] =
    "times|post|news|herald|guardian|telegraph|tribune|gazette|daily|"
    "chronicle|observer|reuters|economist|nikkei|hindu|cnn|cnbc|bbc|abc|"
    "welle|register|reporter|radio|associated press|agence france|xinhua|"
    "wall street journal";

/* Words that make an author a body rather than a person. */
static const char S_corporate_words[] =
    "center|centre|account|agency|office|department|ministry|foundation|"
    "institute|press|service|bureau|association|university|council|"
    "committee|staff|news|group|company|corporation|board|team|government|"
    "organization|organisation|society|library|reporters|editors";

/* Words a key never starts with. */
static const char S_stop_words[] = "a|an|the|of|on|in|at|to|for|and|is|are|was";

static const char *const S_months[] = {"jan", "feb", "mar", "apr",
                                       "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"};

/* Returns 1 if word is one of the words of list. */
static int S_in(const char *word, const char *list) {
  size_t n = strlen(word);
  for (const char *p = list; *p;) {
    const char *bar = strchr(p, '|');
    size_t len = bar ? (size_t)(bar - p) : strlen(p);
    if (len == n && strncmp(p, word, n) == 0)
      return 1;
    p += len + (bar != NULL);
  }
  return 0;
}

/* Returns 1 if the folded text has one of the words or phrases of list,
 * bounded by non-letters on both sides. */
static int S_has_word(const char *folded, const char *list) {
  for (const char *w = folded; *w; w++) {
    if (!isalpha((unsigned char)*w) ||
        (w > folded && isalpha((unsigned char)w[-1])))
      continue;
    for (const char *p = list; *p;) {
      const char *bar = strchr(p, '|');
      size_t len = bar ? (size_t)(bar - p) : strlen(p);
      if (strncmp(w, p, len) == 0 && !isalpha((unsigned char)w[len]))
        return 1;
      p += len + (bar != NULL);
    }
  }
  return 0;
}

/* Returns 1 if text, folded, has one of the words of list. */
static int S_mentions(const char *text, const char *list) {
  if (!text)
    return 0;
  char *f = fold_text(text);
  int found = S_has_word(f, list);
  free(f);
  return found;
}

/* --- names ----------------------------------------------------------- */

/* One author split for the formats: a person has a family name (and maybe
 * given names); a body or an unsplittable name has only a literal. */
typedef struct {
  char *family, *given, *literal;
} S_name;

/* Returns the number of space-separated words of s. */
static size_t S_words(const char *s) {
  size_t n = 0;
  for (const char *p = s; *p;) {
    while (*p == ' ')
      p++;
    if (!*p)
      break;
    n++;
    while (*p && *p != ' ')
      p++;
  }
  return n;
}

/* Returns 1 if s has an ASCII letter. */
static int S_has_ascii_letter(const char *s) {
  for (; *s; s++)
    if (isalpha((unsigned char)*s))
      return 1;
  return 0;
}

/* Splits an author as the reference list wrote it: "Faligot, Roger",
 * "Bill Bishop", "Mei", "Open Source Center", "王海天". */
static S_name S_split_name(const char *a) {
  S_name nm = {NULL, NULL, NULL};
  const char *comma = strchr(a, ',');
  if (comma) {
    nm.family = str_trim(a, (size_t)(comma - a));
    nm.given = str_trim(comma + 1, strlen(comma + 1));
    if (!*nm.family) {
      free(nm.family);
      free(nm.given);
      nm.family = nm.given = NULL;
      nm.literal = str_trim(a, strlen(a));
    } else if (!*nm.given) {
      free(nm.given);
      nm.given = NULL;
    }
    return nm;
  }
  size_t words = S_words(a);
  if (words < 2 || words > 3 || !S_has_ascii_letter(a) ||
      S_mentions(a, S_corporate_words)) {
    nm.literal = str_trim(a, strlen(a));
    return nm;
  }
  char *t = str_trim(a, strlen(a));
  char *sp = strrchr(t, ' ');
  nm.family = xstrdup(sp + 1);
  nm.given = str_trim(t, (size_t)(sp - t));
  free(t);
  return nm;
}

static void S_name_free(S_name *nm) {
  free(nm->family);
  free(nm->given);
  free(nm->literal);
}

/* --- keys ------------------------------------------------------------ */

/* Returns the length of the word break at p (white space, a slash, a dash
 * U+2013 or U+2014), or 0; a hyphen is no break ("Thu-Huong" is one word). */
static size_t S_word_break(const char *p) {
  if (*p == ' ' || *p == '\t' || *p == '/')
    return 1;
  if (strncmp(p, "\xe2\x80\x93", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0)
    return 3;
  return 0;
}

/* Returns the first word of s, folded to lower-case ASCII letters (others
 * dropped), that is not empty and (if skip_stop) not a stop word; "" if
 * there is none.  The caller frees it. */
static char *S_key_word(const char *s, int skip_stop) {
  char *f = fold_text(s);
  buf w = {0};
  char *found = NULL;
  for (const char *p = f;;) {
    size_t brk = *p ? S_word_break(p) : 1;
    if (!brk) {
      if (*p >= 'a' && *p <= 'z')
        buf_putc(&w, *p);
      p++;
      continue;
    }
    if (w.len && !(skip_stop && S_in(w.data, S_stop_words))) {
      found = buf_take(&w);
      break;
    }
    w.len = 0;
    if (!*p)
      break;
    p += brk;
  }
  buf_free(&w);
  free(f);
  return found ? found : xstrdup("");
}

/* Returns the surname part of r's first author as key letters, or "". */
static char *S_author_word(const mssdoc_reference *r) {
  if (!r->authors.count)
    return xstrdup("");
  S_name nm = S_split_name(r->authors.items[0]);
  char *w = nm.family ? S_key_word(nm.family, 0) : S_key_word(nm.literal, 1);
  S_name_free(&nm);
  return w;
}

/* Reads a date field into year, month, day (0 where unknown).  Returns the
 * number of parts found: 0 (no year), 1, 2 or 3. */
static int S_date(const char *s, int parts[3]) {
  parts[0] = parts[1] = parts[2] = 0;
  if (!s)
    return 0;
  date_match m;
  char edtf[32];
  const char *e = NULL;
  if (dates_edtf_valid(s)) /* the record set's dates are EDTF */
    e = s;
  else if (dates_parse_cell(s, edtf) == 1)
    e = edtf;
  else if (dates_find(s, 0, &m))
    e = m.edtf;
  if (e && isdigit((unsigned char)e[0]) && isdigit((unsigned char)e[3]) &&
      (e[4] == '\0' || e[4] == '-')) {
    int n = sscanf(e, "%4d-%2d-%2d", &parts[0], &parts[1], &parts[2]);
    if (n >= 1 && (e[4] == '\0' || n >= 2) && !strchr(e, '/'))
      return n;
    parts[0] = parts[1] = parts[2] = 0;
  }
  /* no date expression: the first run of exactly four digits 1000-2099 */
  for (const char *p = s; *p; p++) {
    if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
      continue;
    size_t n = 0;
    while (isdigit((unsigned char)p[n]))
      n++;
    int y = n == 4 ? atoi(p) : 0;
    if (y >= 1000 && y <= 2099) {
      parts[0] = y;
      return 1;
    }
  }
  return 0;
}

char *citeformat_key(const mssdoc_reference *r) {
  char *w = S_author_word(r);
  if (!*w && r->work) {
    free(w);
    w = S_key_word(r->work, 1);
  }
  if (!*w && r->title) {
    free(w);
    w = S_key_word(r->title, 1);
  }
  int d[3];
  char *key = S_date(r->date, d) ? xasprintf("%s%04d", *w ? w : "anon", d[0])
                                 : xasprintf("%snd", *w ? w : "anon");
  free(w);
  return key;
}

/* Returns r's key for this output: the base key, with the suffix a, b, …,
 * z, za, … if an earlier entry has the same base.  bases holds the earlier
 * entries' base keys.  Caller frees. */
static char *S_unique_key(char *const *bases, size_t i) {
  size_t same = 0;
  for (size_t k = 0; k < i; k++)
    same += strcmp(bases[k], bases[i]) == 0;
  if (!same)
    return xstrdup(bases[i]);
  buf b = {0};
  buf_puts(&b, bases[i]);
  for (; same > 26; same -= 26)
    buf_putc(&b, 'z');
  buf_putc(&b, (char)('a' + same - 1));
  return buf_take(&b);
}

/* --- entry types ----------------------------------------------------- */

citeformat_type citeformat_type_of(const mssdoc_reference *r) {
  if (!r->work)
    return r->isbn || r->publisher ? CITE_BOOK : CITE_WEB;
  if (r->doi)
    return CITE_JOURNAL;
  if (S_mentions(r->work, S_news_words))
    return CITE_NEWS;
  if ((r->pages || r->issn) && S_mentions(r->work, S_journal_words))
    return CITE_JOURNAL;
  return r->issn ? CITE_NEWS : CITE_WEB;
}

/* --- shared pieces --------------------------------------------------- */

/* Splits pages "117–118" / "23-43" into first and last; returns 1, or 0 if
 * pages is not a plain range (first then holds nothing). */
static int S_page_range(const char *pages, char **first, char **last) {
  *first = *last = NULL;
  const char *p = pages;
  while (isalnum((unsigned char)*p))
    p++;
  size_t dash = strncmp(p, "\xe2\x80\x93", 3) == 0 ? 3 : *p == '-' ? 1 : 0;
  if (p == pages || !dash)
    return 0;
  const char *q = p + dash;
  const char *end = q;
  while (isalnum((unsigned char)*end))
    end++;
  if (end == q || *end)
    return 0;
  *first = xstrndup(pages, (size_t)(p - pages));
  *last = xstrdup(q);
  return 1;
}

/* Returns the title to write: the parsed title, else the whole citation
 * text (a short citation such as "Mei p. 78" has no title). */
static const char *S_title(const mssdoc_reference *r) {
  return r->title ? r->title : r->text && *r->text ? r->text : NULL;
}

/* Returns the note of the fields no format has a place for: OCLC, the
 * archive date, the access date (if with_retrieved) and a dead link,
 * joined by "; ", capitalised; NULL if none.  Caller frees. */
static char *S_note(const mssdoc_reference *r, int with_retrieved) {
  buf b = {0};
  if (r->oclc)
    buf_printf(&b, "%sOCLC %s", b.len ? "; " : "", r->oclc);
  if (r->archived)
    buf_printf(&b, "%sarchived %s", b.len ? "; " : "", r->archived);
  if (with_retrieved && r->retrieved)
    buf_printf(&b, "%sretrieved %s", b.len ? "; " : "", r->retrieved);
  if (r->dead_link)
    buf_printf(&b, "%spermanent dead link", b.len ? "; " : "");
  if (!b.len) {
    buf_free(&b);
    return NULL;
  }
  b.data[0] = (char)toupper((unsigned char)b.data[0]);
  return buf_take(&b);
}

/* The base keys of refs[0..n); free with S_keys_free. */
static char **S_keys(const mssdoc_reference *const *refs, size_t n) {
  char **bases = xcalloc(n ? n : 1, sizeof *bases);
  for (size_t i = 0; i < n; i++)
    bases[i] = citeformat_key(refs[i]);
  return bases;
}

static void S_keys_free(char **bases, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(bases[i]);
  free(bases);
}

/* --- BibTeX ---------------------------------------------------------- */

/* Appends s with BibTeX's special characters escaped.  Braces become
 * \textbraceleft{} / \textbraceright{}: BibTeX counts "\{" as a brace. */
static void S_bib_escape(buf *b, const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '{':
      buf_puts(b, "\\textbraceleft{}");
      break;
    case '}':
      buf_puts(b, "\\textbraceright{}");
      break;
    case '\\':
      buf_puts(b, "\\textbackslash{}");
      break;
    case '~':
      buf_puts(b, "\\textasciitilde{}");
      break;
    case '^':
      buf_puts(b, "\\textasciicircum{}");
      break;
    case '%':
    case '&':
    case '$':
    case '#':
    case '_':
      buf_putc(b, '\\');
      buf_putc(b, *s);
      break;
    case '\n':
    case '\r':
    case '\t':
      buf_putc(b, ' ');
      break;
    default:
      buf_putc(b, *s);
    }
  }
}

/* One field of an entry, its value already in BibTeX syntax. */
typedef struct {
  const char *name;
  char *value;
} S_bib_field;

typedef struct {
  S_bib_field *items;
  size_t count, cap;
} S_bib_fields;

/* Adds a field whose value is text: braced and escaped; protect doubles
 * the braces so that styles keep the capitalisation.  NULL adds nothing. */
static void S_bib_text(S_bib_fields *f, const char *name, const char *text,
                       int protect) {
  if (!text || !*text)
    return;
  buf b = {0};
  buf_puts(&b, protect ? "{{" : "{");
  S_bib_escape(&b, text);
  buf_puts(&b, protect ? "}}" : "}");
  S_bib_field *fd = LIST_PUSH(*f);
  fd->name = name;
  fd->value = buf_take(&b);
}

/* Adds a field with a ready value (a macro such as jun). */
static void S_bib_raw(S_bib_fields *f, const char *name, const char *value) {
  S_bib_field *fd = LIST_PUSH(*f);
  fd->name = name;
  fd->value = xstrdup(value);
}

/* Adds the author field: names joined by " and "; a body's name braced
 * whole so that BibTeX does not split it into first and last names. */
static void S_bib_authors(S_bib_fields *f, const mssdoc_reference *r) {
  if (!r->authors.count)
    return;
  buf b = {0};
  buf_putc(&b, '{');
  for (size_t i = 0; i < r->authors.count; i++) {
    S_name nm = S_split_name(r->authors.items[i]);
    if (i)
      buf_puts(&b, " and ");
    if (nm.literal) {
      buf_putc(&b, '{');
      S_bib_escape(&b, nm.literal);
      buf_putc(&b, '}');
    } else {
      S_bib_escape(&b, nm.family);
      if (nm.given) {
        buf_puts(&b, ", ");
        S_bib_escape(&b, nm.given);
      }
    }
    S_name_free(&nm);
  }
  buf_putc(&b, '}');
  S_bib_field *fd = LIST_PUSH(*f);
  fd->name = "author";
  fd->value = buf_take(&b);
}

static void S_bibtex_entry(buf *out, const mssdoc_reference *r,
                           const char *key) {
  static const char *const types[] = {"book", "article", "misc", "misc"};
  citeformat_type t = citeformat_type_of(r);
  S_bib_fields f = {0};
  S_bib_authors(&f, r);
  S_bib_text(&f, "title", S_title(r), 1);
  if (t == CITE_JOURNAL)
    S_bib_text(&f, "journal", r->work, 0);
  else if (t != CITE_BOOK)
    S_bib_text(&f, "howpublished", r->work, 0);
  S_bib_text(&f, "publisher", r->publisher, 0);
  int d[3];
  int nd = S_date(r->date, d);
  if (nd) {
    char year[8];
    snprintf(year, sizeof year, "{%04d}", d[0] % 10000);
    S_bib_raw(&f, "year", year);
  }
  if (nd >= 2 && d[1] >= 1 && d[1] <= 12)
    S_bib_raw(&f, "month", S_months[d[1] - 1]);
  if (r->pages) {
    char *first, *last;
    if (S_page_range(r->pages, &first, &last)) {
      char *range = xasprintf("%s--%s", first, last);
      S_bib_text(&f, "pages", range, 0);
      free(range);
      free(first);
      free(last);
    } else {
      S_bib_text(&f, "pages", r->pages, 0);
    }
  }
  S_bib_text(&f, "isbn", r->isbn, 0);
  S_bib_text(&f, "issn", r->issn, 0);
  S_bib_text(&f, "doi", r->doi, 0);
  /* url is verbatim in BibTeX (the url package): braced, not escaped, so
   * one whose braces or backslashes would break the entry is left out */
  if (r->url && *r->url && !strpbrk(r->url, "{}\\ ")) {
    char *u = xasprintf("{%s}", r->url);
    S_bib_raw(&f, "url", u);
    free(u);
  }
  char *note = S_note(r, 1);
  S_bib_text(&f, "note", note, 0);
  free(note);

  size_t w = 0;
  for (size_t i = 0; i < f.count; i++)
    if (strlen(f.items[i].name) > w)
      w = strlen(f.items[i].name);
  buf_printf(out, "@%s{%s", types[t], key);
  for (size_t i = 0; i < f.count; i++) {
    buf_printf(out, ",\n  %-*s = %s", (int)w, f.items[i].name,
               f.items[i].value);
    free(f.items[i].value);
  }
  buf_puts(out, "\n}\n");
  free(f.items);
}

/* --- RIS ------------------------------------------------------------- */

/* Appends one tag line; the value on one line. */
static void S_ris(buf *out, const char *tag, const char *value) {
  if (!value || !*value)
    return;
  buf_printf(out, "%s  - ", tag);
  for (const char *p = value; *p; p++)
    buf_putc(out, *p == '\n' || *p == '\r' ? ' ' : *p);
  buf_putc(out, '\n');
}

/* Appends a date tag from a date field: the publication date in RIS form
 * "YYYY/MM/DD/" (parts not known left empty), else (access) "YYYY/MM/DD"
 * as far as known; a date that does not parse is written as it stands. */
static void S_ris_date(buf *out, const char *tag, const char *date,
                       int publication) {
  int d[3];
  int n = S_date(date, d);
  if (!n) {
    S_ris(out, tag, date);
    return;
  }
  char v[32];
  if (n == 1)
    snprintf(v, sizeof v, "%04d%s", d[0] % 10000, publication ? "///" : "");
  else if (n == 2)
    snprintf(v, sizeof v, "%04d/%02d%s", d[0] % 10000, d[1] % 100,
             publication ? "//" : "");
  else
    snprintf(v, sizeof v, "%04d/%02d/%02d%s", d[0] % 10000, d[1] % 100,
             d[2] % 100, publication ? "/" : "");
  S_ris(out, tag, v);
}

static void S_ris_entry(buf *out, const mssdoc_reference *r, const char *key) {
  static const char *const types[] = {"BOOK", "JOUR", "NEWS", "ELEC"};
  citeformat_type t = citeformat_type_of(r);
  S_ris(out, "TY", types[t]);
  S_ris(out, "ID", key);
  for (size_t i = 0; i < r->authors.count; i++)
    S_ris(out, "AU", r->authors.items[i]);
  S_ris(out, "TI", S_title(r));
  S_ris(out, t == CITE_JOURNAL ? "JO" : "T2", r->work);
  int d[3];
  if (S_date(r->date, d)) {
    char y[8];
    snprintf(y, sizeof y, "%04d", d[0] % 10000);
    S_ris(out, "PY", y);
    S_ris_date(out, "DA", r->date, 1);
  }
  S_ris(out, "PB", r->publisher);
  if (r->pages) {
    char *first, *last;
    if (S_page_range(r->pages, &first, &last)) {
      S_ris(out, "SP", first);
      S_ris(out, "EP", last);
      free(first);
      free(last);
    } else {
      S_ris(out, "SP", r->pages);
    }
  }
  S_ris(out, "SN", r->isbn ? r->isbn : r->issn);
  S_ris(out, "DO", r->doi);
  S_ris(out, "UR", r->url);
  if (r->retrieved)
    S_ris_date(out, "Y2", r->retrieved, 0);
  char *note = S_note(r, 0);
  S_ris(out, "N1", note);
  free(note);
  buf_puts(out, "ER  - \n");
}

/* --- CSL-JSON -------------------------------------------------------- */

/* Returns a CSL date object for a date field, or NULL if there is none. */
static json_t *S_csl_date(const char *date) {
  if (!date)
    return NULL;
  int d[3];
  int n = S_date(date, d);
  json_t *o = json_object();
  if (!n) {
    json_object_set_new(o, "raw", json_string(date));
    return o;
  }
  json_t *parts = json_array();
  for (int i = 0; i < n; i++)
    json_array_append_new(parts, json_integer(d[i]));
  json_t *outer = json_array();
  json_array_append_new(outer, parts);
  json_object_set_new(o, "date-parts", outer);
  return o;
}

static void S_csl_str(json_t *o, const char *key, const char *s) {
  if (s && *s)
    json_object_set_new(o, key, json_string(s));
}

static json_t *S_csl_item(const mssdoc_reference *r, const char *key) {
  static const char *const types[] = {"book", "article-journal",
                                      "article-newspaper", "webpage"};
  json_t *o = json_object();
  json_object_set_new(o, "id", json_string(key));
  json_object_set_new(o, "type", json_string(types[citeformat_type_of(r)]));
  if (r->authors.count) {
    json_t *a = json_array();
    for (size_t i = 0; i < r->authors.count; i++) {
      S_name nm = S_split_name(r->authors.items[i]);
      json_t *p = json_object();
      S_csl_str(p, "family", nm.family);
      S_csl_str(p, "given", nm.given);
      S_csl_str(p, "literal", nm.literal);
      json_array_append_new(a, p);
      S_name_free(&nm);
    }
    json_object_set_new(o, "author", a);
  }
  S_csl_str(o, "title", S_title(r));
  S_csl_str(o, "container-title", r->work);
  S_csl_str(o, "publisher", r->publisher);
  json_t *issued = S_csl_date(r->date);
  if (issued)
    json_object_set_new(o, "issued", issued);
  if (r->pages) {
    char *first, *last;
    if (S_page_range(r->pages, &first, &last)) {
      char *range = xasprintf("%s-%s", first, last);
      S_csl_str(o, "page", range);
      free(range);
      free(first);
      free(last);
    } else {
      S_csl_str(o, "page", r->pages);
    }
  }
  S_csl_str(o, "ISBN", r->isbn);
  S_csl_str(o, "ISSN", r->issn);
  S_csl_str(o, "DOI", r->doi);
  S_csl_str(o, "URL", r->url);
  json_t *accessed = S_csl_date(r->retrieved);
  if (accessed)
    json_object_set_new(o, "accessed", accessed);
  char *note = S_note(r, 0);
  S_csl_str(o, "note", note);
  free(note);
  return o;
}

/* --- output ---------------------------------------------------------- */

char *citeformat_write(const mssdoc_reference *const *refs, size_t n,
                       const char *format) {
  int bib = strcmp(format, "bibtex") == 0, ris = strcmp(format, "ris") == 0,
      csl = strcmp(format, "csl") == 0;
  if (!bib && !ris && !csl)
    return NULL;
  char **bases = S_keys(refs, n);
  buf out = {0};
  json_t *items = csl ? json_array() : NULL;
  for (size_t i = 0; i < n; i++) {
    char *key = S_unique_key(bases, i);
    if (bib || ris) {
      if (i)
        buf_putc(&out, '\n');
      if (bib)
        S_bibtex_entry(&out, refs[i], key);
      else
        S_ris_entry(&out, refs[i], key);
    } else {
      json_array_append_new(items, S_csl_item(refs[i], key));
    }
    free(key);
  }
  S_keys_free(bases, n);
  if (csl) {
    char *s = json_dumps(items, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    buf_puts(&out, s ? s : "[]");
    buf_putc(&out, '\n');
    free(s);
    json_decref(items);
  }
  return buf_take(&out);
}
