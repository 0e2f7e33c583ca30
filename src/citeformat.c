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

#include "citetitle.h"
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

/* Returns the code point of the UTF-8 character at s, or -1. */
static long S_code_point(const char *s) {
  const unsigned char *u = (const unsigned char *)s;
  if (u[0] < 0x80)
    return u[0];
  int n = u[0] >= 0xf0 ? 3 : u[0] >= 0xe0 ? 2 : u[0] >= 0xc0 ? 1 : -1;
  if (n < 0)
    return -1;
  long cp = u[0] & (0x3f >> n);
  for (int i = 1; i <= n; i++) {
    if ((u[i] & 0xc0) != 0x80)
      return -1;
    cp = (cp << 6) | (u[i] & 0x3f);
  }
  return cp;
}

/* Returns the surname part of r's first author as key letters, or "".  A
 * name with no Latin letter (王海天) gives "u" and the hexadecimal code
 * point of its first character ("u738b"): names written in Chinese,
 * Japanese or Korean script put the family name first, so the key still
 * comes from the author, with no transliteration to guess. */
static char *S_author_word(const mssdoc_reference *r) {
  if (!r->authors.count)
    return xstrdup("");
  S_name nm = S_split_name(r->authors.items[0]);
  const char *name = nm.family ? nm.family : nm.literal;
  char *w = nm.family ? S_key_word(name, 0) : S_key_word(name, 1);
  if (!*w && !S_has_ascii_letter(name)) {
    const char *p = name;
    while (*p == ' ')
      p++;
    long cp = S_code_point(p);
    if (cp > 0x7f) {
      free(w);
      w = xasprintf("u%lx", cp);
    }
  }
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
 * text (a work without a parsed title; a reference with neither title nor
 * work is no entry, S_plan). */
static const char *S_title(const mssdoc_reference *r) {
  return r->title ? r->title : r->text && *r->text ? r->text : NULL;
}

/* Returns the display name of an identifier scheme of ids: "JSTOR",
 * "S2CID", "SSRN", "PMID", …: the scheme in capitals. Caller frees. */
static char *S_scheme_name(const char *scheme) {
  char *n = xstrdup(scheme);
  for (char *p = n; *p; p++)
    *p = (char)toupper((unsigned char)*p);
  return n;
}

/* Appends "; " unless b is empty. */
static void S_sep(buf *b) {
  if (b->len)
    buf_puts(b, "; ");
}

/* Appends r's other identifiers but the one of scheme skip (NULL: none)
 * to b: "JSTOR 4618770; S2CID 154801635". */
static void S_ids_text(buf *b, const mssdoc_reference *r, const char *skip) {
  for (size_t i = 0; i + 1 < r->ids.count; i += 2) {
    if (skip && strcmp(r->ids.items[i], skip) == 0)
      continue;
    char *name = S_scheme_name(r->ids.items[i]);
    S_sep(b);
    buf_printf(b, "%s %s", name, r->ids.items[i + 1]);
    free(name);
  }
}

/* Appends the pages as a reader writes them: "pp. 23–43" for a range,
 * "p. 78" for pages that start with a number, else as the reference has
 * them. */
static void S_pages_text(buf *b, const char *pages) {
  char *first, *last;
  if (S_page_range(pages, &first, &last)) {
    buf_printf(b, "pp. %s\xe2\x80\x93%s", first, last);
    free(first);
    free(last);
  } else if (isdigit((unsigned char)pages[0])) {
    buf_printf(b, "p. %s", pages); /* "78", "4 (PDF p. 5/59)" */
  } else {
    buf_puts(b, pages);
  }
}

/* Returns the note of the fields a format has no place for: lead (the
 * format's own misfits, or NULL), then OCLC, the archive date, the access
 * date (if with_retrieved) and a dead link, joined by "; ", capitalised;
 * NULL if none.  Caller frees. */
static char *S_note(const mssdoc_reference *r, const char *lead,
                    int with_retrieved) {
  buf b = {0};
  if (lead)
    buf_puts(&b, lead);
  if (r->oclc) {
    S_sep(&b);
    buf_printf(&b, "OCLC %s", r->oclc);
  }
  if (r->archived) {
    S_sep(&b);
    buf_printf(&b, "archived %s", r->archived);
  }
  if (with_retrieved && r->retrieved) {
    S_sep(&b);
    buf_printf(&b, "retrieved %s", r->retrieved);
  }
  if (r->dead_link) {
    S_sep(&b);
    buf_puts(&b, "permanent dead link");
  }
  if (!b.len) {
    buf_free(&b);
    return NULL;
  }
  if (!lead || !*lead) /* "Archived …"; a lead stays as it is ("pp. 4") */
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

/* Adds a field whose value is text, braced and escaped; NULL adds
 * nothing. */
static void S_bib_text(S_bib_fields *f, const char *name, const char *text) {
  if (!text || !*text)
    return;
  buf b = {0};
  buf_putc(&b, '{');
  S_bib_escape(&b, text);
  buf_putc(&b, '}');
  S_bib_field *fd = LIST_PUSH(*f);
  fd->name = name;
  fd->value = buf_take(&b);
}

/* Adds the title: escaped, the words that must keep their case braced
 * and straight quotes as LaTeX's `…' and ``…'' (citetitle.h). */
static void S_bib_title(S_bib_fields *f, const char *title,
                        const citetitle_lexicon *lx) {
  if (!title || !*title)
    return;
  unsigned char *m = citetitle_marks(title, lx);
  buf b = {0};
  buf_putc(&b, '{');
  char one[2] = {0, 0};
  for (size_t i = 0; title[i]; i++) {
    if (m[i] & CITETITLE_OPEN)
      buf_putc(&b, '{');
    if ((m[i] & CITETITLE_QOPEN) && title[i] == '\'')
      buf_putc(&b, '`');
    else if ((m[i] & CITETITLE_QOPEN) && title[i] == '"')
      buf_puts(&b, "``");
    else if (m[i] & CITETITLE_QCLOSE)
      buf_puts(&b, "''");
    else {
      one[0] = title[i];
      S_bib_escape(&b, one);
    }
    if (m[i] & CITETITLE_CLOSE)
      buf_putc(&b, '}');
  }
  buf_putc(&b, '}');
  free(m);
  S_bib_field *fd = LIST_PUSH(*f);
  fd->name = "title";
  fd->value = buf_take(&b);
}

/* Adds a field with a ready value (a macro such as jun). */
static void S_bib_raw(S_bib_fields *f, const char *name, const char *value) {
  S_bib_field *fd = LIST_PUSH(*f);
  fd->name = name;
  fd->value = xstrdup(value);
}

/* Adds a name list field (author, editor): names joined by " and "; a
 * body's name braced whole so that BibTeX does not split it into first
 * and last names. */
static void S_bib_names(S_bib_fields *f, const char *field,
                        const mssdoc_strs *names) {
  if (!names->count)
    return;
  buf b = {0};
  buf_putc(&b, '{');
  for (size_t i = 0; i < names->count; i++) {
    S_name nm = S_split_name(names->items[i]);
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
  fd->name = field;
  fd->value = buf_take(&b);
}

/* Returns the sort key of an entry without an author, for classic
 * BibTeX (which sorts by author, else key): the title without a leading
 * "The", "A" or "An", as author-date styles file such a work, else the
 * work.  NULL if there is neither.  Caller frees. */
static char *S_bib_sortkey(const mssdoc_reference *r) {
  const char *t = r->title ? r->title : r->work;
  if (!t || !*t)
    return NULL;
  static const char *const articles[] = {"The ", "A ", "An "};
  for (size_t i = 0; i < 3; i++)
    if (str_starts(t, articles[i]) && t[strlen(articles[i])]) {
      t += strlen(articles[i]);
      break;
    }
  while (*t == '"' || *t == '\'')
    t++;
  return xstrdup(t);
}

/* The BibTeX entry types, by what both biber's data model and classic
 * BibTeX's plain.bst require of them: @article needs an author, a title,
 * a journal and a date; @book an author, a title, a publisher and a date;
 * anything else is @misc (a title and, for biber, a date). */
static const char *S_bib_type(const mssdoc_reference *r, citeformat_type t,
                              int dated) {
  if (r->authors.count && dated && r->work &&
      (t == CITE_JOURNAL || t == CITE_NEWS))
    return "article";
  if (r->authors.count && dated && r->publisher && t == CITE_BOOK)
    return "book";
  return "misc";
}

/* The scheme of r's identifier that becomes biblatex's eprint: JSTOR's
 * if r has one (biblatex links it), else the first; NULL if none. */
static const char *S_eprint_scheme(const mssdoc_reference *r) {
  for (size_t i = 0; i + 1 < r->ids.count; i += 2)
    if (strcmp(r->ids.items[i], "jstor") == 0)
      return r->ids.items[i];
  return r->ids.count >= 2 ? r->ids.items[0] : NULL;
}

static void S_bibtex_entry(buf *out, const mssdoc_reference *r, const char *key,
                           const citetitle_lexicon *lx) {
  citeformat_type t = citeformat_type_of(r);
  int d[3];
  int nd = S_date(r->date, d);
  const char *type = S_bib_type(r, t, nd > 0);
  int article = strcmp(type, "article") == 0, book = strcmp(type, "book") == 0,
      misc = !article && !book;
  /* what the type has no field for goes into the note, in this order */
  buf lead = {0};
  S_bib_fields f = {0};
  S_bib_names(&f, "author", &r->authors);
  S_bib_names(&f, "editor", &r->editors);
  S_bib_title(&f, S_title(r), lx);
  /* journal, address: classic BibTeX's names, which biber reads as
   * journaltitle and location (both at once is a biber warning) */
  const char *publisher = r->publisher;
  if (publisher && r->work && strcmp(publisher, r->work) == 0)
    publisher = NULL; /* "Reuters. Reuters." */
  if (article) {
    S_bib_text(&f, "journal", r->work);
    /* biblatex's mark of a newspaper article (pandoc: article-newspaper,
     * which keeps the day); classic BibTeX ignores it */
    if (t == CITE_NEWS)
      S_bib_raw(&f, "entrysubtype", "{newspaper}");
  } else if (misc) {
    S_bib_text(&f, "howpublished", r->work ? r->work : publisher);
    if (!r->work)
      publisher = NULL;
  } else if (r->work) {
    S_sep(&lead);
    buf_puts(&lead, r->work);
  }
  if (!misc && (r->volume || r->issue)) {
    S_bib_text(&f, "volume", r->volume);
    S_bib_text(&f, "number", r->issue);
  } else if (r->volume || r->issue) {
    S_sep(&lead);
    if (r->volume)
      buf_printf(&lead, "vol. %s%s", r->volume, r->issue ? ", " : "");
    if (r->issue)
      buf_printf(&lead, "no. %s", r->issue);
  }
  if (r->pages && !misc) {
    char *first, *last;
    if (S_page_range(r->pages, &first, &last)) {
      char *range = xasprintf("%s--%s", first, last);
      S_bib_text(&f, "pages", range);
      free(range);
      free(first);
      free(last);
    } else {
      S_bib_text(&f, "pages", r->pages);
    }
  } else if (r->pages) {
    S_sep(&lead);
    S_pages_text(&lead, r->pages);
  }
  if (book) {
    S_bib_text(&f, "publisher", publisher);
  } else if (publisher) {
    S_sep(&lead);
    buf_puts(&lead, publisher);
  }
  if (!article) {
    S_bib_text(&f, "address", r->place);
  } else if (r->place) {
    S_sep(&lead);
    buf_puts(&lead, r->place);
  }
  if (nd) {
    char v[16];
    if (nd == 1)
      snprintf(v, sizeof v, "{%04d}", d[0] % 10000);
    else if (nd == 2)
      snprintf(v, sizeof v, "{%04d-%02d}", d[0] % 10000, d[1] % 100);
    else
      snprintf(v, sizeof v, "{%04d-%02d-%02d}", d[0] % 10000, d[1] % 100,
               d[2] % 100);
    S_bib_raw(&f, "date", v);
    snprintf(v, sizeof v, "{%04d}", d[0] % 10000);
    S_bib_raw(&f, "year", v);
  } else {
    /* biblatex's data model wants a date of every entry: EDTF's
     * unspecified year, which no style prints as a year (pandoc: n.d.) */
    S_bib_raw(&f, "date", "{XXXX}");
  }
  if (nd >= 2 && d[1] >= 1 && d[1] <= 12)
    S_bib_raw(&f, "month", S_months[d[1] - 1]);
  S_bib_text(&f, "language", r->language);
  if (book) {
    S_bib_text(&f, "isbn", r->isbn);
  } else if (r->isbn) {
    S_sep(&lead);
    buf_printf(&lead, "ISBN %s", r->isbn);
  }
  if (article) {
    S_bib_text(&f, "issn", r->issn);
  } else if (r->issn) {
    S_sep(&lead);
    buf_printf(&lead, "ISSN %s", r->issn);
  }
  S_bib_text(&f, "doi", r->doi);
  const char *eprint = S_eprint_scheme(r);
  if (eprint) {
    for (size_t i = 0; i + 1 < r->ids.count; i += 2)
      if (r->ids.items[i] == eprint) {
        char *name = strcmp(eprint, "jstor") == 0 ? xstrdup("jstor")
                                                  : S_scheme_name(eprint);
        S_bib_text(&f, "eprinttype", name);
        S_bib_text(&f, "eprint", r->ids.items[i + 1]);
        free(name);
        break;
      }
    S_ids_text(&lead, r, eprint);
  }
  /* url is verbatim in BibTeX (the url package): braced, not escaped, so
   * one whose braces or backslashes would break the entry is left out */
  if (r->url && *r->url && !strpbrk(r->url, "{}\\ ")) {
    char *u = xasprintf("{%s}", r->url);
    S_bib_raw(&f, "url", u);
    free(u);
  }
  if (!r->authors.count) {
    char *k = S_bib_sortkey(r);
    S_bib_text(&f, "key", k);
    free(k);
  }
  char *note = S_note(r, lead.len ? lead.data : NULL, 1);
  S_bib_text(&f, "note", note);
  free(note);
  buf_free(&lead);

  size_t w = 0;
  for (size_t i = 0; i < f.count; i++)
    if (strlen(f.items[i].name) > w)
      w = strlen(f.items[i].name);
  buf_printf(out, "@%s{%s", type, key);
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

/* Appends a date tag from a date field in RIS form "YYYY/MM/DD/", the
 * parts not known left empty ("2019///"); a date that does not parse is
 * written as it stands. */
static void S_ris_date(buf *out, const char *tag, const char *date) {
  int d[3];
  int n = S_date(date, d);
  if (!n) {
    S_ris(out, tag, date);
    return;
  }
  char v[32];
  if (n == 1)
    snprintf(v, sizeof v, "%04d///", d[0] % 10000);
  else if (n == 2)
    snprintf(v, sizeof v, "%04d/%02d//", d[0] % 10000, d[1] % 100);
  else
    snprintf(v, sizeof v, "%04d/%02d/%02d/", d[0] % 10000, d[1] % 100,
             d[2] % 100);
  S_ris(out, tag, v);
}

/* Appends one tag line per name: "Family, Given" (the form RIS readers
 * split), or a body's name as it is. */
static void S_ris_names(buf *out, const char *tag, const mssdoc_strs *names) {
  for (size_t i = 0; i < names->count; i++) {
    S_name nm = S_split_name(names->items[i]);
    if (nm.literal) {
      S_ris(out, tag, nm.literal);
    } else {
      char *v = nm.given ? xasprintf("%s, %s", nm.family, nm.given)
                         : xstrdup(nm.family);
      S_ris(out, tag, v);
      free(v);
    }
    S_name_free(&nm);
  }
}

static void S_ris_entry(buf *out, const mssdoc_reference *r, const char *key) {
  static const char *const types[] = {"BOOK", "JOUR", "NEWS", "ELEC"};
  citeformat_type t = citeformat_type_of(r);
  S_ris(out, "TY", types[t]);
  S_ris(out, "ID", key);
  S_ris_names(out, "AU", &r->authors);
  S_ris_names(out, "ED", &r->editors);
  S_ris(out, "TI", S_title(r));
  S_ris(out, t == CITE_JOURNAL ? "JO" : "T2", r->work);
  S_ris(out, "VL", r->volume);
  S_ris(out, "IS", r->issue);
  int d[3];
  if (S_date(r->date, d)) {
    char y[8];
    snprintf(y, sizeof y, "%04d", d[0] % 10000);
    S_ris(out, "PY", y);
    S_ris_date(out, "DA", r->date);
  }
  S_ris(out, "PB", r->publisher);
  S_ris(out, "CY", r->place);
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
    S_ris_date(out, "Y2", r->retrieved);
  S_ris(out, "LA", r->language);
  buf ids = {0};
  S_ids_text(&ids, r, NULL);
  char *note = S_note(r, ids.len ? ids.data : NULL, 0);
  S_ris(out, "N1", note);
  free(note);
  buf_free(&ids);
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

/* Returns a CSL name list for names, or NULL for none. */
static json_t *S_csl_names(const mssdoc_strs *names) {
  if (!names->count)
    return NULL;
  json_t *a = json_array();
  for (size_t i = 0; i < names->count; i++) {
    S_name nm = S_split_name(names->items[i]);
    json_t *p = json_object();
    S_csl_str(p, "family", nm.family);
    S_csl_str(p, "given", nm.given);
    S_csl_str(p, "literal", nm.literal);
    json_array_append_new(a, p);
    S_name_free(&nm);
  }
  return a;
}

/* Returns the title with its straight quotes as typographic ones (‘…’,
 * “…”, an apostrophe ’), which CSL processors flip inside quoted titles.
 * Caller frees. */
static char *S_csl_title(const char *title) {
  unsigned char *m = citetitle_marks(title, NULL);
  buf b = {0};
  for (size_t i = 0; title[i]; i++) {
    if (title[i] == '\'')
      buf_puts(&b, (m[i] & CITETITLE_QOPEN) ? "\xe2\x80\x98" : "\xe2\x80\x99");
    else if (title[i] == '"')
      buf_puts(&b, (m[i] & CITETITLE_QOPEN) ? "\xe2\x80\x9c" : "\xe2\x80\x9d");
    else
      buf_putc(&b, title[i]);
  }
  free(m);
  return buf_take(&b);
}

static json_t *S_csl_item(const mssdoc_reference *r, const char *key) {
  static const char *const types[] = {"book", "article-journal",
                                      "article-newspaper", "webpage"};
  json_t *o = json_object();
  json_object_set_new(o, "id", json_string(key));
  json_object_set_new(o, "type", json_string(types[citeformat_type_of(r)]));
  json_t *names = S_csl_names(&r->authors);
  if (names)
    json_object_set_new(o, "author", names);
  names = S_csl_names(&r->editors);
  if (names)
    json_object_set_new(o, "editor", names);
  const char *title = S_title(r);
  if (title) {
    char *t = S_csl_title(title);
    S_csl_str(o, "title", t);
    free(t);
  }
  S_csl_str(o, "container-title", r->work);
  S_csl_str(o, "volume", r->volume);
  S_csl_str(o, "issue", r->issue);
  /* "Reuters. Reuters.": a publisher that is the work itself, which
   * styles would print twice */
  if (!r->work || !r->publisher || strcmp(r->work, r->publisher) != 0)
    S_csl_str(o, "publisher", r->publisher);
  S_csl_str(o, "publisher-place", r->place);
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
  S_csl_str(o, "language", r->language);
  S_csl_str(o, "ISBN", r->isbn);
  S_csl_str(o, "ISSN", r->issn);
  S_csl_str(o, "DOI", r->doi);
  S_csl_str(o, "URL", r->url);
  json_t *accessed = S_csl_date(r->retrieved);
  if (accessed)
    json_object_set_new(o, "accessed", accessed);
  /* identifiers CSL has no variable for: "custom", which the CSL data
   * schema keeps for key-value data, by their display names */
  for (size_t i = 0; i + 1 < r->ids.count; i += 2) {
    json_t *custom = json_object_get(o, "custom");
    if (!custom) {
      custom = json_object();
      json_object_set_new(o, "custom", custom);
    }
    char *name = S_scheme_name(r->ids.items[i]);
    json_object_set_new(custom, name, json_string(r->ids.items[i + 1]));
    free(name);
  }
  char *note = S_note(r, NULL, 0);
  S_csl_str(o, "note", note);
  free(note);
  return o;
}

/* --- output ---------------------------------------------------------- */

/* What one asked reference becomes in an export. */
typedef struct {
  const mssdoc_reference *r; /* what is written, or NULL: nothing */
  mssdoc_reference as_full;  /* a short citation written as its full
                                reference (strings borrowed) */
  char *why;                 /* for r NULL: the BibTeX comment */
} S_item;

/* Returns 1 if a reference of refs[0..n) is numbered number. */
static int S_has(const mssdoc_reference *const *refs, size_t n, int number) {
  for (size_t i = 0; i < n; i++)
    if (refs[i]->number == number)
      return 1;
  return 0;
}

/* Decides what r becomes: a short citation ("Mei p. 78") is written as
 * the full reference it abbreviates, with its own pages, unless that
 * reference is in this output too (then it is left out: the full one is
 * there); an entry that names no work (no title and no work: "See:", or
 * a short citation whose full reference the list lacks) is left out. */
static void S_plan(S_item *it, const mssdoc_reference *r,
                   const mssdoc_reference *const *refs, size_t n,
                   const mssdoc_records *rs) {
  memset(it, 0, sizeof *it);
  const mssdoc_reference *full =
      r->short_for > 0 && rs ? mssdoc_records_reference(rs, r->short_for)
                             : NULL;
  const char *text = r->text && *r->text ? r->text : "(empty)";
  if (full && S_has(refs, n, full->number)) {
    it->why = xasprintf("[%d] \"%s\" is a short citation of [%d], which "
                        "this output has: no entry of its own",
                        r->number, text, full->number);
  } else if (full) {
    it->as_full = *full;
    it->as_full.pages = r->pages;
    it->r = &it->as_full;
  } else if (!r->title && !r->work && r->authors.count && r->pages) {
    it->why = xasprintf("[%d] \"%s\" is a short citation of a work the "
                        "reference list lacks: no entry",
                        r->number, text);
  } else if (!r->title && !r->work) {
    it->why = xasprintf("[%d] \"%s\" names no work (no title, no work): "
                        "no entry",
                        r->number, text);
  } else {
    it->r = r;
  }
}

/* Appends a BibTeX @comment, on one line, its braces made parentheses so
 * that they balance (bibtex, biber, pandoc and bibtool skip it). */
static void S_bib_comment(buf *out, const char *text) {
  buf_puts(out, "@comment{");
  for (const char *p = text; *p; p++)
    buf_putc(out, *p == '{' ? '(' : *p == '}' ? ')' : *p == '\n' ? ' ' : *p);
  buf_puts(out, "}\n");
}

char *citeformat_write(const mssdoc_reference *const *refs, size_t n,
                       const char *format, const mssdoc_records *rs) {
  int bib = strcmp(format, "bibtex") == 0, ris = strcmp(format, "ris") == 0,
      csl = strcmp(format, "csl") == 0;
  if (!bib && !ris && !csl)
    return NULL;
  S_item *items = xcalloc(n ? n : 1, sizeof *items);
  const mssdoc_reference **out_refs = xcalloc(n ? n : 1, sizeof *out_refs);
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    S_plan(&items[i], refs[i], refs, n, rs);
    if (items[i].r)
      out_refs[m++] = items[i].r;
  }
  char **bases = S_keys(out_refs, m);
  citetitle_lexicon *lx = bib ? citetitle_lexicon_new(rs) : NULL;
  buf out = {0};
  json_t *array = csl ? json_array() : NULL;
  size_t k = 0, written = 0;
  for (size_t i = 0; i < n; i++) {
    if (!items[i].r) {
      if (bib) {
        if (written++)
          buf_putc(&out, '\n');
        S_bib_comment(&out, items[i].why);
      }
      free(items[i].why);
      continue;
    }
    char *key = S_unique_key(bases, k++);
    if (csl) {
      json_array_append_new(array, S_csl_item(items[i].r, key));
    } else {
      if (written++)
        buf_putc(&out, '\n');
      if (bib)
        S_bibtex_entry(&out, items[i].r, key, lx);
      else
        S_ris_entry(&out, items[i].r, key);
    }
    free(key);
  }
  citetitle_lexicon_free(lx);
  S_keys_free(bases, m);
  free(out_refs);
  free(items);
  if (csl) {
    char *s = json_dumps(array, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    buf_puts(&out, s ? s : "[]");
    buf_putc(&out, '\n');
    free(s);
    json_decref(array);
  }
  return buf_take(&out);
}
