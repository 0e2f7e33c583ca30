/*
 * ingest.c: an article dump -> the record set.
 *
 * The dump is read block by block (runs of non-blank lines).  What a block
 * is follows from its shape alone: a reference list entry, a table (a header
 * line over rows numbered 1, 2, 3 …), a heading (a short lone line without
 * closing punctuation), an image caption (a line printed twice), a hatnote,
 * a quotation or a body paragraph.  A double blank line marks a heading the
 * dump lost.  Nothing here knows this particular article.
 */
#include "mssdoc/mssdoc.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "dates.h"
#include "ingest_common.h"
#include "refparse.h"
#include "text.h"
#include "util.h"

/* A string -> number map (open addressing): section ids to their index,
 * and words to their counts, without a scan per lookup. */
typedef struct {
  char **keys;
  long *vals;
  size_t cap, count;
  bool borrowed; /* the keys are the caller's strings, which outlive the map
                    (else the map owns copies) */
} S_map;

static size_t S_hash(const char *s) {
  size_t h = 1469598103934665603u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

/* The slot of key: where it is, or the empty slot where it would go. */
static size_t S_map_slot(const S_map *m, const char *key) {
  size_t i = S_hash(key) & (m->cap - 1);
  while (m->keys[i] && strcmp(m->keys[i], key) != 0)
    i = (i + 1) & (m->cap - 1);
  return i;
}

/* Returns the value stored under key, or NULL. */
static long *S_map_get(const S_map *m, const char *key) {
  if (!m->cap)
    return NULL;
  size_t i = S_map_slot(m, key);
  return m->keys[i] ? &m->vals[i] : NULL;
}

/* Returns the value under key, adding it (value v) if it is not there. */
static long *S_map_put(S_map *m, const char *key, long v) {
  if (2 * (m->count + 1) > m->cap) {
    S_map old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->keys = xcalloc(m->cap, sizeof *m->keys);
    m->vals = xcalloc(m->cap, sizeof *m->vals);
    for (size_t i = 0; i < old.cap; i++)
      if (old.keys[i]) {
        size_t j = S_map_slot(m, old.keys[i]);
        m->keys[j] = old.keys[i];
        m->vals[j] = old.vals[i];
      }
    free(old.keys);
    free(old.vals);
  }
  size_t i = S_map_slot(m, key);
  if (!m->keys[i]) {
    m->keys[i] = m->borrowed ? (char *)key : xstrdup(key);
    m->vals[i] = v;
    m->count++;
  }
  return &m->vals[i];
}

static void S_map_free(S_map *m) {
  for (size_t i = 0; i < m->cap && !m->borrowed; i++)
    free(m->keys[i]);
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}

typedef struct {
  mssdoc_records *rs;
  text_lines tl;
  S_map ids;          /* section id (rs's shared string) -> index in
                         rs->sections */
  S_map next;         /* section id -> the next suffix to try for a duplicate */
  long top, sub, cur; /* indices of the current sections, -1 for none */
  int inferred;
  const mssdoc_section *caption; /* set while a table caption is current */
} S_ctx;

/* Headings that are top-level in every encyclopedia article. */
static const char *const TOP_LEVEL_TITLES[] = {
    "See also",     "References",   "Notes",   "Further reading",
    "External links", "Bibliography", "Sources", "Citations",
    "Footnotes",    "Works cited",  NULL};

/* Infobox labels whose value may be glued to them or lost with a list. */
static const char *const INFOBOX_LABELS[] = {
    "Formed",          "Dissolved",          "Preceding agencies",
    "Preceding agency", "Superseding agency", "Superseding agencies",
    "Type",            "Jurisdiction",       "Headquarters",
    "Motto",           "Employees",          "Annual budget",
    "Minister responsible", "Ministers responsible", "Agency executives",
    "Agency executive", "Parent agency",     "Parent department",
    "Child agencies",  "Child agency",       "Key document",
    "Key documents",   "Website",            "Simplified Chinese",
    "Traditional Chinese", "Literal meaning", "Hanyu Pinyin",
    "Established",     "Founded",            "Status",
    NULL};

/* Labels of infobox fields whose value is a list (lost in the dump). */
static int S_is_list_label(const char *label) {
  return strstr(label, "agencies") || strstr(label, "executive") ||
         strstr(label, "documents") || strstr(label, "responsible");
}

#define S_diag ingest_diag

static const char *S_line(const S_ctx *c, size_t i) { return c->tl.lines[i]; }

static int S_blank(const S_ctx *c, size_t i) {
  return text_is_blank(c->tl.lines[i]);
}

static size_t S_words(const char *s) {
  size_t w = 0;
  int in = 0;
  for (; *s; s++) {
    if (*s == ' ')
      in = 0;
    else if (!in) {
      in = 1;
      w++;
    }
  }
  return w;
}

static int S_ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* A heading: a short lone line without closing punctuation or markers. */
static int S_heading_like(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > 120 || S_words(s) > 15 || strchr(s, '[') ||
      islower((unsigned char)s[0]) || s[0] == ' ')
    return 0;
  const char *end = ".,:;!?\"'";
  if (strchr(end, s[n - 1]))
    return 0;
  if (S_ends_with(s, "\xE2\x80\x9D") || S_ends_with(s, "\xE2\x80\x99"))
    return 0;
  return 1;
}

/* 1 if s is one of the NULL-terminated list. */
static int S_one_of(const char *s, const char *const *list) {
  for (size_t i = 0; list[i]; i++)
    if (strcmp(s, list[i]) == 0)
      return 1;
  return 0;
}

static int S_is_top_level_title(const char *s) {
  return S_one_of(s, TOP_LEVEL_TITLES);
}

/* Leading number of a table row ("12 Foo" -> 12, rest at *rest), or -1. */
static long S_row_number(const char *s, const char **rest) {
  long v = 0;
  size_t i = 0;
  while (isdigit((unsigned char)s[i]) && i < 6)
    v = v * 10 + (s[i++] - '0');
  if (i == 0 || s[i] != ' ')
    return -1;
  *rest = s + i + 1;
  return v;
}

/* A table block: a header line over rows numbered 1, 2, 3, … */
static int S_is_table(const S_ctx *c, size_t from, size_t to) {
  const char *rest;
  if (to - from < 2 || S_row_number(S_line(c, from), &rest) >= 0 ||
      isdigit((unsigned char)S_line(c, from)[0]))
    return 0;
  for (size_t i = from + 1; i < to; i++)
    if (S_row_number(S_line(c, i), &rest) != (long)(i - from))
      return 0;
  return 1;
}

static int S_is_reference(const char *s) {
  mssdoc_reference r = {0};
  if (!refparse_line(s, 0, &r))
    return 0;
  mssdoc_reference_clear(&r);
  return 1;
}

/* Makes id unique among the sections ("id", "id-2", "id-3", …). */
static char *S_unique_id(S_ctx *c, char *id) {
  if (!S_map_get(&c->ids, id))
    return id;
  long *k = S_map_put(&c->next, id, 2);
  for (;; ++*k) {
    char *alt = xasprintf("%s-%ld", id, *k);
    if (!S_map_get(&c->ids, alt)) {
      free(id);
      ++*k;
      return alt;
    }
    free(alt);
  }
}

/* The first words of a line, for naming an inferred section. */
static char *S_opening_words(const char *s, size_t words) {
  mssdoc_ints refs = {0};
  char *clean = text_clean(s, strlen(s), &refs, NULL);
  ints_free(&refs);
  size_t i = 0, w = 0;
  while (clean[i] && w < words) {
    while (clean[i] == ' ')
      i++;
    while (clean[i] && clean[i] != ' ')
      i++;
    w++;
  }
  int more = clean[i] != '\0';
  while (i && strchr(",;:", clean[i - 1]))
    i--;
  char *out = xasprintf("%.*s%s", (int)i, clean, more ? "\xE2\x80\xA6" : "");
  free(clean);
  return out;
}

/* Adds a section; its id is fixed_id if not NULL, else made from the title
 * (or "inferred-N"), unique in either case. */
static int S_is_hatnote(const char *s);

/* The title of a section whose heading was lost: "References" when it opens
 * the reference list (every article calls it so), else its opening words,
 * those of a hatnote without its "Further information:" lead-in. */
static char *S_inferred_title(const char *s) {
  if (S_is_reference(s))
    return xstrdup("References");
  const char *colon = strchr(s, ':');
  if (S_is_hatnote(s) && colon)
    s = colon + 1 + (colon[1] == ' ');
  return S_opening_words(s, 6);
}

static long S_add_section(S_ctx *c, const char *title, int level, int inferred,
                          int line, const char *fixed_id) {
  mssdoc_records *rs = c->rs;
  char *id = S_unique_id(c, fixed_id   ? xstrdup(fixed_id)
                            : inferred ? xasprintf("inferred-%d", ++c->inferred)
                                       : ingest_slug(title));
  long parent = -1;
  if (level == 2)
    parent = c->top;
  else if (level == 3)
    parent = c->sub >= 0 ? c->sub : c->top;
  mssdoc_section *s = LIST_PUSH(rs->sections);
  s->id = mssdoc_records_str(rs, id);
  free(id);
  s->title = mssdoc_records_str(rs, title);
  s->inferred = inferred != 0;
  s->level = level;
  s->line = line;
  s->parent = parent >= 0 ? rs->sections.items[parent].id : NULL;
  long idx = (long)rs->sections.count - 1;
  S_map_put(&c->ids, s->id, idx);
  if (level == 1) {
    c->top = idx;
    c->sub = -1;
  } else if (level == 2)
    c->sub = idx;
  c->cur = idx;
  return idx;
}

static const char *S_cur_id(const S_ctx *c) {
  return c->rs->sections.items[c->cur].id;
}

/* Adds a paragraph and a citation for each of its refs, at ref_lines[i]
 * (a table's rows) or, when ref_lines is NULL, at the paragraph's line. */
static mssdoc_paragraph *S_add_paragraph(S_ctx *c, const char *kind, char *text,
                                         mssdoc_ints refs, mssdoc_ints offsets,
                                         mssdoc_strs tags,
                                         mssdoc_ints tag_offsets, int line,
                                         const mssdoc_ints *ref_lines) {
  mssdoc_records *rs = c->rs;
  mssdoc_paragraph *p = LIST_PUSH(rs->paragraphs);
  char id[32];
  snprintf(id, sizeof id, "p%zu", rs->paragraphs.count);
  p->id = mssdoc_records_str(rs, id);
  p->section = (char *)S_cur_id(c); /* shared (mssdoc_records_str) */
  p->line = line;
  p->kind = mssdoc_records_str(rs, kind);
  p->text = text;
  p->refs = refs;
  p->ref_offsets = offsets;
  p->tags = tags;
  p->tag_offsets = tag_offsets;
  for (size_t i = 0; i < refs.count; i++) {
    mssdoc_citation *ci = LIST_PUSH(rs->citations);
    ci->ref = refs.items[i];
    ci->paragraph = p->id; /* shared (mssdoc_records_str) */
    ci->line = ref_lines ? ref_lines->items[i] : line;
  }
  return p;
}

/* ---- infobox ---- */

/* The length of the no-break space (U+00A0) at s, or 0. */
static size_t S_nbsp(const char *s) {
  return (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0 ? 2 : 0;
}

/* The length of the space at s: ' ' or a no-break space (0: none). */
static size_t S_space(const char *s) { return *s == ' ' ? 1 : S_nbsp(s); }

/* The length of s's prefix that is label (a label's spaces may be
 * no-break spaces in s), or 0 if s does not start with it. */
static size_t S_label_prefix(const char *s, const char *label) {
  size_t i = 0;
  for (; *label; label++) {
    size_t sp = *label == ' ' ? S_space(s + i) : 0;
    if (sp)
      i += sp;
    else if (s[i] == *label)
      i++;
    else
      return 0;
  }
  return i;
}

/* The Unicode category of the character at s. */
static utf8proc_category_t S_category(const char *s) {
  utf8proc_int32_t cp;
  if (utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp) < 1)
    return UTF8PROC_CATEGORY_CN;
  return utf8proc_category(cp);
}

/* The length of a label of up to four words glued to its value
 * ("TypeConstituent…", "Formed1 July…", "Simplified Chinese中华…"): the
 * label ends at a lowercase letter followed by a capital, a digit or a
 * letter of a script without case (Chinese); never inside a word such as
 * "Zhōnghuá" (a lowercase letter), or before a no-break space. 0: none. */
static size_t S_glued_label(const char *s) {
  size_t words = 1;
  for (size_t i = 0; s[i] && i < 40; i++) {
    unsigned char a = (unsigned char)s[i];
    size_t sp = S_space(s + i);
    if (sp) {
      words++;
      i += sp - 1;
      continue;
    }
    if (words > 4)
      return 0;
    if (!islower(a))
      continue;
    utf8proc_category_t next = S_category(s + i + 1);
    if (next == UTF8PROC_CATEGORY_LU || next == UTF8PROC_CATEGORY_LT ||
        next == UTF8PROC_CATEGORY_ND || next == UTF8PROC_CATEGORY_LO)
      return i + 1;
  }
  return 0;
}

/* Section headers of an infobox: a fact table of the infobox templates'
 * headings, not of one article. */
static const char *const INFOBOX_HEADERS[] = {
    "Agency overview", "Overview",        "Transcriptions",
    "Standard Mandarin", "Chinese name",  "Key people",
    "Jurisdictional structure", "Operational structure", "Facilities",
    "Notables",        "Website",         NULL};

/* 1 if every word of s starts with a capital letter. */
static int S_all_capitalised(const char *s) {
  int start = 1, words = 0;
  for (const char *p = s; *p; p++) {
    size_t sp = S_space(p);
    if (sp) {
      start = 1;
      p += sp - 1;
      continue;
    }
    if (start) {
      utf8proc_category_t cat = S_category(p);
      if (cat != UTF8PROC_CATEGORY_LU && cat != UTF8PROC_CATEGORY_LT)
        return 0;
      words++;
    }
    start = 0;
  }
  return words > 0;
}

/* The value of a coordinates line, which the dump holds twice
 * ("39°59′32″N …Coordinates: 39°59′32″N …"): the copy after the label. */
static const char *S_coordinates(const char *s) {
  const char *at = strstr(s, "Coordinates:");
  return at ? at + strlen("Coordinates:") : NULL;
}

static void S_infobox_line(S_ctx *c, const char *s, int line) {
  size_t label_len = 0;
  for (size_t k = 0; INFOBOX_LABELS[k]; k++) {
    size_t m = S_label_prefix(s, INFOBOX_LABELS[k]);
    if (m && !islower((unsigned char)s[m]) && m > label_len)
      label_len = m;
  }
  if (!label_len)
    label_len = S_glued_label(s);
  const char *coords = label_len ? NULL : S_coordinates(s);
  mssdoc_infobox_item *it = LIST_PUSH(c->rs->infobox);
  const char *v = s + label_len;
  if (coords) {
    it->label = xstrdup("Coordinates");
    v = coords;
  } else {
    it->label = str_trim(s, label_len);
    for (char *nb; (nb = strstr(it->label, "\xC2\xA0"));) {
      *nb = ' '; /* "Traditional Chinese": one space, as the labels have */
      memmove(nb + 1, nb + 2, strlen(nb + 2) + 1);
    }
  }
  for (size_t sp; (sp = S_space(v));)
    v += sp;
  it->value = text_clean(v, strlen(v), &it->refs, NULL);
  it->line = line;
  it->kind = mssdoc_records_str(c->rs, "field");
  if (label_len && !it->value[0] && S_is_list_label(it->label)) {
    it->note = xstrdup("list lost in the dump");
    S_diag(c->rs, line, "lost-list",
           xasprintf("infobox field \"%s\" lost its list of values",
                     it->label));
  }
}

/* Says what each unlabelled infobox line is: the first, every word
 * capitalised, is the native name (romanised); a known header, or a short
 * line followed by a labelled field, is a header; any other an image's
 * caption. */
static void S_infobox_kinds(mssdoc_records *rs) {
  for (size_t k = 0; k < rs->infobox.count; k++) {
    mssdoc_infobox_item *it = &rs->infobox.items[k];
    if (it->label[0])
      continue;
    const char *kind = "caption";
    int next_labelled = k + 1 < rs->infobox.count &&
                        rs->infobox.items[k + 1].label[0];
    if (k == 0 && S_all_capitalised(it->value))
      kind = "native_name";
    else if (S_one_of(it->value, INFOBOX_HEADERS) ||
             (next_labelled && S_words(it->value) <= 5 &&
              !strpbrk(it->value, ".,;:()")))
      kind = "header";
    it->kind = mssdoc_records_str(rs, kind); /* shared: nothing to free */
  }
}

/* ---- tables ---- */

/* Splits "rest" of a heads row into name and two date cells, from the right. */
static int S_take_date_cell(char **words, size_t *nwords, char edtf[32],
                            int *open) {
  for (size_t k = 3; k >= 1; k--) {
    if (k > *nwords)
      continue;
    buf b = {0};
    for (size_t i = *nwords - k; i < *nwords; i++) {
      if (b.len)
        buf_putc(&b, ' ');
      buf_puts(&b, words[i]);
    }
    char *cell = buf_take(&b);
    int r = dates_parse_cell(cell, edtf);
    free(cell);
    if (r) {
      *open = r == 2;
      *nwords -= k;
      return 1;
    }
  }
  return 0;
}

static size_t S_split_words(char *s, char ***out) {
  size_t n = 0, cap = 0;
  char **w = NULL;
  for (char *tok = strtok(s, " "); tok; tok = strtok(NULL, " ")) {
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      w = xrealloc(w, cap * sizeof *w);
    }
    w[n++] = tok;
  }
  *out = w;
  return n;
}

static void S_heads_row(S_ctx *c, long number, const char *rest, int line,
                        const char *caption) {
  char *copy = xstrdup(rest);
  char **words;
  size_t n = S_split_words(copy, &words);
  char took[32], left[32];
  int took_open = 0, left_open = 0;
  if (!S_take_date_cell(words, &n, left, &left_open) ||
      !S_take_date_cell(words, &n, took, &took_open) || took_open || n == 0) {
    S_diag(c->rs, line, "unclassified",
           xstrdup("table row without a name and two dates"));
    free(words);
    free(copy);
    return;
  }
  buf name = {0};
  for (size_t i = 0; i < n; i++) {
    if (i)
      buf_putc(&name, ' ');
    buf_puts(&name, words[i]);
  }
  mssdoc_head *h = LIST_PUSH(c->rs->heads);
  h->number = (int)number;
  h->name = ingest_str_take(c->rs, buf_take(&name));
  h->took_office = mssdoc_records_str(c->rs, took);
  h->left_office = left_open ? NULL : mssdoc_records_str(c->rs, left);
  h->incumbent = left_open != 0;
  h->line = line;
  ingest_head_caption(c->rs, h, caption);
  free(words);
  free(copy);
}

/* Whether a word can be the first of a column: capitalised, with no
 * punctuation. */
static int S_column_start(const char *w) {
  return isupper((unsigned char)w[0]) && !strpbrk(w, ".,;:");
}

/* The column boundary of a three-column table flattened to "N A… B…": the
 * capitalised word that starts the last column in the most rows (ties go to
 * the later word, since a middle column is short and the last one is prose). */
static const char *S_last_column_word(char ***rows, size_t *lens, size_t nrows) {
  /* for each word that can start a column (capitalised, no punctuation):
   * in how many rows it stands (after the number), and the sum of its
   * first positions, counted in one pass over the rows */
  S_map words = {.borrowed = true}; /* the rows' words outlive it */
  size_t n = 0, cap = 0;
  size_t *count = NULL, *last_row = NULL;
  double *pos_sum = NULL;
  for (size_t q = 0; q < nrows; q++)
    for (size_t j = 1; j < lens[q]; j++) {
      if (!S_column_start(rows[q][j]))
        continue;
      long *at = S_map_put(&words, rows[q][j], (long)n);
      if ((size_t)*at == n) {
        if (n == cap) {
          cap = cap ? cap * 2 : 64;
          count = xrealloc(count, cap * sizeof *count);
          last_row = xrealloc(last_row, cap * sizeof *last_row);
          pos_sum = xrealloc(pos_sum, cap * sizeof *pos_sum);
        }
        count[n] = 0;
        last_row[n] = SIZE_MAX;
        pos_sum[n] = 0;
        n++;
      }
      if (last_row[*at] != q) {
        last_row[*at] = q;
        count[*at]++;
        pos_sum[*at] += (double)j;
      }
    }
  const char *best = NULL;
  size_t best_rows = 0;
  double best_pos = 0;
  for (size_t r = 0; r < nrows; r++)
    for (size_t i = 1; i < lens[r]; i++) {
      const char *w = rows[r][i];
      if (!S_column_start(w))
        continue;
      long k = *S_map_get(&words, w);
      double pos = pos_sum[k] / (double)count[k];
      if (count[k] > best_rows || (count[k] == best_rows && pos > best_pos)) {
        best = w;
        best_rows = count[k];
        best_pos = pos;
      }
    }
  S_map_free(&words);
  free(count);
  free(last_row);
  free(pos_sum);
  return best_rows * 2 >= nrows ? best : NULL;
}

static void S_bureau_rows(S_ctx *c, size_t from, size_t to) {
  size_t nrows = to - from - 1;
  char **copies = xcalloc(nrows, sizeof *copies);
  char ***rows = xcalloc(nrows, sizeof *rows);
  size_t *lens = xcalloc(nrows, sizeof *lens);
  mssdoc_ints *refs = xcalloc(nrows, sizeof *refs);
  long *numbers = xcalloc(nrows, sizeof *numbers);
  /* every row's words in one list, row after row: rows[r] points into it */
  MSSDOC_LIST(char *) words = {0};
  for (size_t r = 0; r < nrows; r++) {
    const char *rest;
    numbers[r] = S_row_number(S_line(c, from + 1 + r), &rest);
    copies[r] = text_clean(rest, strlen(rest), &refs[r], NULL);
    size_t first = words.count;
    for (char *tok = strtok(copies[r], " "); tok; tok = strtok(NULL, " "))
      *LIST_PUSH(words) = tok;
    lens[r] = words.count - first;
  }
  for (size_t r = 0, at = 0; r < nrows; at += lens[r++])
    rows[r] = words.items ? words.items + at : NULL; /* rows of no words */
  const char *split = S_last_column_word(rows, lens, nrows);
  char *split_word = split ? xstrdup(split) : NULL;
  for (size_t r = 0; r < nrows; r++) {
    size_t at = 0;
    for (size_t j = 1; split_word && j < lens[r] && !at; j++)
      if (strcmp(rows[r][j], split_word) == 0)
        at = j;
    int line = (int)(from + 2 + r);
    if (!at) {
      S_diag(c->rs, line, "unclassified",
             xstrdup("table row whose columns could not be told apart"));
      at = lens[r];
    }
    buf div = {0}, dir = {0};
    for (size_t j = 0; j < lens[r]; j++) {
      buf *b = j < at ? &div : &dir;
      if (b->len)
        buf_putc(b, ' ');
      buf_puts(b, rows[r][j]);
    }
    mssdoc_bureau *bu = LIST_PUSH(c->rs->bureaus);
    bu->number = (int)numbers[r];
    bu->division = ingest_str_take(c->rs, buf_take(&div));
    bu->directive = ingest_str_take(c->rs, buf_take(&dir));
    bu->refs = refs[r];
    bu->line = line;
    free(copies[r]); /* row by row, as the bureaus grow */
  }
  free(words.items);
  free(split_word);
  free(copies);
  free(rows);
  free(lens);
  free(refs);
  free(numbers);
}

#define S_contains_ci ingest_contains_ci

static void S_table(S_ctx *c, size_t from, size_t to) {
  const char *header = S_line(c, from);
  /* the rows first, so that their working copies are gone before the
   * table's paragraph is built (one peak, not two at once) */
  const char *caption =
      c->caption ? c->caption->title : c->rs->sections.items[c->cur].title;
  if (S_contains_ci(header, "took office")) {
    for (size_t i = from + 1; i < to; i++) {
      const char *rest;
      long num = S_row_number(S_line(c, i), &rest);
      S_heads_row(c, num, rest, (int)i + 1, caption);
    }
  } else if (strncmp(header, "Bureau", 6) == 0)
    S_bureau_rows(c, from, to);
  mssdoc_ints refs = {0}, offsets = {0}, ref_lines = {0}, tag_offsets = {0};
  mssdoc_strs tags = {0};
  buf all = {0};
  for (size_t i = from; i < to; i++) {
    if (all.len)
      buf_putc(&all, '\n');
    size_t base = all.len, first = offsets.count, tfirst = tag_offsets.count;
    char *clean = text_clean_at(S_line(c, i), strlen(S_line(c, i)), &refs,
                                &offsets, &tags, &tag_offsets);
    for (size_t k = first; k < offsets.count; k++)
      offsets.items[k] += (int)base;
    for (size_t k = tfirst; k < tag_offsets.count; k++)
      tag_offsets.items[k] += (int)base;
    while (ref_lines.count < refs.count)
      ints_push(&ref_lines, (int)i + 1);
    buf_puts(&all, clean);
    free(clean);
  }
  S_add_paragraph(c, "table", buf_take(&all), refs, offsets, tags, tag_offsets,
                  (int)from + 1, &ref_lines);
  ints_free(&ref_lines);
}

/* ---- paragraphs ---- */

static int S_is_hatnote(const char *s) {
  static const char *const prefixes[] = {
      "Further information:", "Main article:", "Main articles:", "See also:",
      "For more information", "Further reading:", NULL};
  for (size_t i = 0; prefixes[i]; i++)
    if (str_starts(s, prefixes[i]))
      return 1;
  return 0;
}

static int S_is_quotation(const char *clean) {
  size_t n = strlen(clean);
  int opens = clean[0] == '"' || str_starts(clean, "\xE2\x80\x9C");
  while (n && strchr(".,;", clean[n - 1]))
    n--;
  int closes = (n && clean[n - 1] == '"') ||
               (n >= 3 && memcmp(clean + n - 3, "\xE2\x80\x9D", 3) == 0);
  return opens && closes;
}

static void S_text_line(S_ctx *c, const char *s, int line, const char *kind) {
  mssdoc_ints refs = {0}, offsets = {0}, tag_offsets = {0};
  mssdoc_strs tags = {0};
  char *clean =
      text_clean_at(s, strlen(s), &refs, &offsets, &tags, &tag_offsets);
  if (!kind)
    kind = S_is_hatnote(clean)      ? "hatnote"
           : S_is_quotation(clean) ? "quotation"
                                   : "body";
  S_add_paragraph(c, kind, clean, refs, offsets, tags, tag_offsets, line, NULL);
}

static void S_prose_block(S_ctx *c, size_t from, size_t to) {
  for (size_t i = from; i < to; i++) {
    if (i + 1 < to && strcmp(S_line(c, i), S_line(c, i + 1)) == 0) {
      S_text_line(c, S_line(c, i), (int)i + 1, "caption");
      while (i + 1 < to && strcmp(S_line(c, i), S_line(c, i + 1)) == 0)
        i++;
    } else
      S_text_line(c, S_line(c, i), (int)i + 1, NULL);
  }
}

static void S_reference_block(S_ctx *c, size_t from, size_t to) {
  for (size_t i = from; i < to; i++) {
    mssdoc_reference r = {0};
    if (!refparse_line(S_line(c, i), (int)i + 1, &r)) {
      S_diag(c->rs, (int)i + 1, "unclassified",
             xstrdup("line inside the reference list is not a reference"));
      continue;
    }
    if (r.text && S_ends_with(r.text, ":"))
      S_diag(c->rs, r.line, "lost-list",
             xasprintf("reference %d introduces a list that was lost",
                       r.number));
    *LIST_PUSH(c->rs->references) = r;
  }
}

/* ---- the walk over blocks ---- */

static size_t S_block_end(const S_ctx *c, size_t i) {
  while (i < c->tl.count && !S_blank(c, i))
    i++;
  return i;
}

static void S_heading(S_ctx *c, const char *title, size_t i, size_t blanks,
                      size_t next, size_t next_blanks) {
  int level = 2;
  int next_is_table = next < c->tl.count &&
                      S_is_table(c, next, S_block_end(c, next));
  if (blanks >= 2 || S_is_top_level_title(title))
    level = 1;
  else if (next_is_table)
    level = 3;
  long idx = S_add_section(c, title, level, 0, (int)i + 1, NULL);
  c->caption = level == 3 ? &c->rs->sections.items[idx] : NULL;
  if (level != 3 && (next >= c->tl.count || next_blanks >= 2))
    S_diag(c->rs, (int)i + 1, "lost-list",
           xasprintf("heading \"%s\" has no content: its list was lost", title));
}

static void S_body(S_ctx *c, size_t i) {
  size_t n = c->tl.count, blanks = 1;
  int first = 1;
  while (i < n) {
    if (S_blank(c, i)) {
      blanks++;
      i++;
      continue;
    }
    size_t end = S_block_end(c, i), next = end, next_blanks = 0;
    while (next < n && S_blank(c, next)) {
      next++;
      next_blanks++;
    }
    const char *s = S_line(c, i);
    int heading = end == i + 1 && S_heading_like(s) && !S_is_hatnote(s) &&
                  !S_is_reference(s);
    if (first) {
      S_add_section(c, heading ? s : "Lead", 1, 0, (int)i + 1,
                    heading ? "top" : "lead");
      if (heading) {
        first = 0;
        i = end;
        blanks = 0;
        continue;
      }
    } else if (blanks >= 2 && !heading) {
      char *title = S_inferred_title(s);
      S_add_section(c, title, 1, 1, (int)i + 1, NULL);
      free(title);
      S_diag(c->rs, (int)i + 1, "lost-heading",
             xstrdup("a heading stood here (double blank line before it)"));
      c->caption = NULL;
    }
    first = 0;
    if (heading)
      S_heading(c, s, i, blanks, next, next_blanks);
    else if (S_is_table(c, i, end))
      S_table(c, i, end);
    else if (S_is_reference(s))
      S_reference_block(c, i, end);
    else
      S_prose_block(c, i, end);
    blanks = 0;
    i = end;
  }
}

/* ---- passes over the recovered paragraphs ---- */

#define S_is_prose ingest_is_prose

static void S_lost_lists(mssdoc_records *rs) {
  for (size_t i = 0; i < rs->paragraphs.count; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[i];
    if (!S_is_prose(p) || !S_ends_with(p->text, ":"))
      continue;
    const mssdoc_paragraph *q =
        i + 1 < rs->paragraphs.count ? &rs->paragraphs.items[i + 1] : NULL;
    int followed = q && (strcmp(q->kind, "table") == 0 ||
                         strcmp(q->kind, "quotation") == 0);
    if (!followed)
      S_diag(rs, p->line, "lost-list",
             xstrdup("paragraph ends in \":\" but the list it introduces "
                     "was lost"));
  }
}

/* A paragraph's line of the dump, markers and all (for ingest_finish). */
static const char *S_raw_line(const mssdoc_records *rs, size_t i, void *arg) {
  const text_lines *tl = arg;
  return tl->lines[rs->paragraphs.items[i].line - 1];
}

/* Whether replacement characters make up more than a quarter of the
 * opening 4 KiB: binary data, not a text with a few bad bytes (those are
 * replaced and reported, even in the title). */
static int S_mostly_binary(const text_lines *tl) {
  size_t seen = 0, bad = 0;
  for (size_t i = 0; i < tl->count && seen < 4096; i++) {
    for (const char *p = tl->lines[i]; (p = strstr(p, "\xEF\xBF\xBD")); p += 3)
      bad++;
    seen += strlen(tl->lines[i]) + 1;
  }
  return bad * 3 * 4 > seen;
}

/* An article dump opens with a title line and holds prose paragraphs. */
static const char *S_not_a_dump(const text_lines *tl) {
  if (tl->count == 0)
    return "is empty";
  size_t first = 0;
  while (first < tl->count && text_is_blank(tl->lines[first]))
    first++;
  if (first == tl->count)
    return "holds only white space";
  if (S_mostly_binary(tl))
    return "is binary data, not an article dump";
  const char *title = tl->lines[0];
  if (first != 0 || strlen(title) > 200 || strchr("<{[", title[0]))
    return "is not an article dump (it does not open with a title line)";
  for (size_t i = 1; i < tl->count; i++) {
    const char *s = tl->lines[i];
    if (strlen(s) >= 80 && S_words(s) >= 12 && strstr(s, ". "))
      return NULL;
  }
  return "is not an article dump (no paragraph of prose found)";
}

/* Ingests data; when owned is data itself, frees it as soon as it is split
 * into lines, before the records are built. */
static mssdoc_records *S_ingest(const char *data, size_t len,
                                const char *source, char **err, char *owned) {
  S_ctx c = {0};
  c.rs = mssdoc_records_new();
  c.top = c.sub = c.cur = -1;
  c.ids.borrowed = true;
  c.rs->article.sha256 = ingest_sha256(data, len);
  c.tl = text_split(data, len, c.rs);
  free(owned);
  const char *why = S_not_a_dump(&c.tl);
  if (why) {
    if (err)
      *err = xasprintf("%s %s", source, why);
    text_lines_free(&c.tl);
    mssdoc_records_free(c.rs);
    return NULL;
  }
  mssdoc_records *rs = c.rs;
  rs->article.title = xstrdup(c.tl.lines[0]);
  rs->article.source = xstrdup(source);
  rs->article.lines = (int)c.tl.count;
  size_t i = 1;
  for (; i < c.tl.count && !S_blank(&c, i); i++)
    S_infobox_line(&c, S_line(&c, i), (int)i + 1);
  S_infobox_kinds(rs);
  S_body(&c, i);
  S_lost_lists(rs);
  ingest_finish(rs, S_raw_line, &c.tl);
  text_lines_free(&c.tl);
  S_map_free(&c.ids);
  S_map_free(&c.next);
  return rs;
}

mssdoc_records *mssdoc_ingest(const char *data, size_t len, const char *source,
                              char **err) {
  return S_ingest(data, len, source, err, NULL);
}

mssdoc_records *ingest_text_taking(char *data, size_t len, const char *source,
                                   char **err) {
  return S_ingest(data, len, source, err, data);
}
