/*
 * cmd_read.c: `mssdoc read [SECTION] [--no-refs]`: the article, or one
 * section with its subsections, as a view: headings at the section
 * levels, paragraphs with their citation markers where they stood,
 * captions, hatnotes, quotations as block quotes, tables as tables (their
 * columns from the bureau and heads records), the reference list, and a
 * note wherever the dump lost a list.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "citeids.h"
#include "cli.h"
#include "dates.h"
#include "toc.h"
#include "view_marks.h"
#include "width.h"

static const char *const S_formats[] = {"text", "markdown", "html", "man",
                                        NULL};
static const char S_usage[] = "usage: mssdoc read [SECTION] [--no-refs]";
static const char S_lost_list[] = "[list lost in the dump]";

/* A record of some list found by its line: (line, index in its list). */
typedef struct {
  int line;
  size_t index;
} S_at;

/* Records sorted by line, to find them without a scan. */
typedef struct {
  S_at *items;
  size_t count;
} S_lines;

typedef struct {
  const mssdoc_records *rs;
  const toc *t;
  int refs;        /* show citation markers */
  size_t *pstart;  /* paragraphs of toc entry i: plist[pstart[i]..[i+1]) */
  size_t *plist;   /* paragraph indices grouped by section, in order */
  S_lines lost;    /* lost-list diagnostics */
  S_lines text;    /* paragraphs and references (index unused) */
  S_lines refs_at; /* references */
  S_lines bureaus, heads;
  citeids *ids;      /* the ids of the citation markers (html) */
  unsigned char *fn; /* fn[n]: reference n is cited in the text shown */
  int fn_max;        /* the largest n of fn */
} S_ctx;

static int S_at_cmp(const void *a, const void *b) {
  const S_at *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Adds (line, index) to l, whose room the caller sized. */
static void S_lines_add(S_lines *l, int line, size_t index) {
  l->items[l->count].line = line;
  l->items[l->count++].index = index;
}

/* Sorts l by line, then index. */
static void S_lines_sort(S_lines *l) {
  if (l->count)
    qsort(l->items, l->count, sizeof *l->items, S_at_cmp);
}

/* Returns the position in l of the first record at a line >= line. */
static size_t S_lines_from(const S_lines *l, int line) {
  size_t lo = 0, hi = l->count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (l->items[mid].line < line)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Returns 1 if l holds a record at line. */
static int S_lines_has(const S_lines *l, int line) {
  size_t k = S_lines_from(l, line);
  return k < l->count && l->items[k].line == line;
}

/* Returns the index of the last record of l at line, or -1. */
static long S_lines_last(const S_lines *l, int line) {
  size_t k = S_lines_from(l, line);
  long found = -1;
  for (; k < l->count && l->items[k].line == line; k++)
    found = (long)l->items[k].index;
  return found;
}

/* Indexes rs for the views in c (once, so that every view is n log n). */
static void S_index(S_ctx *c) {
  const mssdoc_records *rs = c->rs;
  size_t ns = c->t->count, np = rs->paragraphs.count;
  size_t *sec = xmalloc((np ? np : 1) * sizeof *sec);
  c->pstart = xcalloc(ns + 2, sizeof *c->pstart);
  c->plist = xmalloc((np ? np : 1) * sizeof *c->plist);
  for (size_t j = 0; j < np; j++) { /* a counting sort by section */
    const toc_entry *e = toc_find(c->t, rs->paragraphs.items[j].section);
    sec[j] = e ? (size_t)(e - c->t->items) : ns; /* ns: in no section */
    c->pstart[sec[j] + 1]++;
  }
  for (size_t i = 0; i <= ns; i++)
    c->pstart[i + 1] += c->pstart[i];
  size_t *fill = xmalloc((ns + 1) * sizeof *fill);
  memcpy(fill, c->pstart, (ns + 1) * sizeof *fill);
  for (size_t j = 0; j < np; j++)
    c->plist[fill[sec[j]]++] = j;
  free(fill);
  free(sec);
  size_t nd = rs->diagnostics.count, nr = rs->references.count;
  c->lost.items = xmalloc((nd ? nd : 1) * sizeof(S_at));
  for (size_t i = 0; i < nd; i++)
    if (strcmp(rs->diagnostics.items[i].kind, "lost-list") == 0)
      S_lines_add(&c->lost, rs->diagnostics.items[i].line, i);
  c->text.items = xmalloc((np + nr ? np + nr : 1) * sizeof(S_at));
  c->refs_at.items = xmalloc((nr ? nr : 1) * sizeof(S_at));
  for (size_t i = 0; i < np; i++)
    S_lines_add(&c->text, rs->paragraphs.items[i].line, i);
  for (size_t i = 0; i < nr; i++) {
    S_lines_add(&c->text, rs->references.items[i].line, i);
    S_lines_add(&c->refs_at, rs->references.items[i].line, i);
  }
  c->bureaus.items = xmalloc((rs->bureaus.count + 1) * sizeof(S_at));
  for (size_t i = 0; i < rs->bureaus.count; i++)
    S_lines_add(&c->bureaus, rs->bureaus.items[i].line, i);
  c->heads.items = xmalloc((rs->heads.count + 1) * sizeof(S_at));
  for (size_t i = 0; i < rs->heads.count; i++)
    S_lines_add(&c->heads, rs->heads.items[i].line, i);
  S_lines_sort(&c->lost);
  S_lines_sort(&c->text);
  S_lines_sort(&c->refs_at);
  S_lines_sort(&c->bureaus);
  S_lines_sort(&c->heads);
}

/* Frees what S_index made. */
static void S_index_free(S_ctx *c) {
  free(c->pstart);
  free(c->plist);
  free(c->lost.items);
  free(c->text.items);
  free(c->refs_at.items);
  free(c->bureaus.items);
  free(c->heads.items);
}

/* Returns 1 if a lost-list diagnostic stands at line. */
static int S_lost_list_at(const S_ctx *c, int line) {
  return S_lines_has(&c->lost, line);
}

/* Returns 1 if a paragraph or a reference starts at line. */
static int S_text_at(const S_ctx *c, int line) {
  return S_lines_has(&c->text, line);
}

/* Appends the note for a lost list as a paragraph of its own. */
static void S_note(cmark_node *parent) {
  view_emph(view_paragraph(parent, NULL), S_lost_list);
}

/* A marker or a tag of a paragraph at its offset in the text. */
typedef struct {
  size_t off;
  int tag;      /* 0 a citation marker, 1 a maintenance tag */
  size_t index; /* into refs or tags */
} S_item;

static int S_item_cmp(const void *a, const void *b) {
  const S_item *x = a, *y = b;
  if (x->off != y->off)
    return x->off < y->off ? -1 : 1;
  if (x->tag != y->tag) /* "[9][better source needed]" */
    return x->tag - y->tag;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Appends a paragraph's text to an inline container, with its citation
 * markers (unless c hides them) and its maintenance tags ("[citation
 * needed]") where they stood, as separate text nodes, so that each stays
 * glued to the word before it: sorted by offset once, then one pass over
 * the text. A tag without an offset goes at the end. */
static void S_inline(S_ctx *c, cmark_node *inl, const mssdoc_paragraph *p) {
  const char *text = p->text;
  size_t len = strlen(text), from = 0, n = 0;
  size_t nr = !c->refs                               ? 0
              : p->refs.count < p->ref_offsets.count ? p->refs.count
                                                     : p->ref_offsets.count;
  S_item *it = xmalloc((nr + p->tags.count + 1) * sizeof *it);
  for (size_t j = 0; j < nr; j++) {
    int o = p->ref_offsets.items[j];
    it[n++] = (S_item){o < 0 ? 0 : (size_t)o > len ? len : (size_t)o, 0, j};
  }
  for (size_t j = 0; j < p->tags.count; j++) {
    int o = j < p->tag_offsets.count ? p->tag_offsets.items[j] : (int)len;
    it[n++] = (S_item){o < 0 ? 0 : (size_t)o > len ? len : (size_t)o, 1, j};
  }
  if (n)
    qsort(it, n, sizeof *it, S_item_cmp);
  for (size_t k = 0; k < n;) {
    size_t next = it[k].off;
    if (next > from) {
      char *seg = xstrndup(text + from, next - from);
      view_text(inl, seg);
      free(seg);
    }
    for (; k < n && it[k].off == next; k++) {
      if (it[k].tag) {
        char *tag = xasprintf("[%s]", p->tags.items[it[k].index]);
        view_text(inl, tag);
        free(tag);
        continue;
      }
      int r = p->refs.items[it[k].index];
      char *id = citeids_id(r, citeids_paragraph(c->ids, p, it[k].index));
      view_cite(inl, r, id, 0);
      free(id);
      if (r >= 0 && r <= c->fn_max)
        c->fn[r] = 1;
    }
    from = next;
  }
  free(it);
  if (from < len)
    view_text(inl, text + from);
}

/* A cell of a table row: bytes [a, b) of the table paragraph's text, or a
 * literal value when the row could not be split at its bytes. */
typedef struct {
  size_t a, b;
  const char *value;
} S_cell;

/* A citation marker of a table paragraph: its offset and its index in
 * refs. */
typedef struct {
  size_t off, j;
} S_mark;

static int S_mark_cmp(const void *a, const void *b) {
  const S_mark *x = a, *y = b;
  if (x->off != y->off)
    return x->off < y->off ? -1 : 1;
  return x->j < y->j ? -1 : x->j > y->j;
}

/* Returns p's markers sorted by offset (then index), *n of them (none
 * when c shows no markers); the caller frees the array. */
static S_mark *S_marks(const S_ctx *c, const mssdoc_paragraph *p, size_t *n) {
  size_t nr = !c->refs                               ? 0
              : p->refs.count < p->ref_offsets.count ? p->refs.count
                                                     : p->ref_offsets.count;
  S_mark *m = xmalloc((nr ? nr : 1) * sizeof *m);
  for (size_t j = 0; j < nr; j++) {
    int o = p->ref_offsets.items[j];
    m[j].off = o < 0 ? 0 : (size_t)o;
    m[j].j = j;
  }
  if (nr)
    qsort(m, nr, sizeof *m, S_mark_cmp);
  *n = nr;
  return m;
}

/* Returns the text of a cell with its markers (own[0..n), sorted; each
 * put at its offset, kept within the cell) inserted. */
static char *S_cell_text(const mssdoc_paragraph *p, const S_cell *cell,
                         S_mark *own, size_t n) {
  if (cell->value)
    return xstrdup(cell->value);
  for (size_t k = 0; k < n; k++)
    own[k].off = own[k].off < cell->a   ? cell->a
                 : own[k].off > cell->b ? cell->b
                                        : own[k].off;
  qsort(own, n, sizeof *own, S_mark_cmp); /* clamping may reorder */
  buf b = {0};
  size_t k = 0, from = cell->a;
  for (; k < n; k++) {
    buf_put(&b, p->text + from, own[k].off - from);
    from = own[k].off;
    buf_printf(&b, "[%d]", p->refs.items[own[k].j]);
  }
  buf_put(&b, p->text + from, cell->b - from);
  if (!b.data)
    buf_puts(&b, "");
  return buf_take(&b);
}

/* Returns the cells of a row [ra, rb] of p as strings (malloc'd, n of
 * them, caller frees): each citation marker of the row goes to the last
 * cell that starts before it.  marks[0..nm) are p's markers sorted by
 * offset: a row costs its own markers, not the paragraph's. */
static char **S_row(const mssdoc_paragraph *p, const S_mark *marks, size_t nm,
                    const S_cell *cells, size_t n, size_t ra, size_t rb) {
  size_t lo = 0, hi = nm; /* the first marker at or after ra */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (marks[mid].off < ra)
      lo = mid + 1;
    else
      hi = mid;
  }
  size_t end = lo;
  while (end < nm && marks[end].off <= rb)
    end++;
  size_t m = end - lo;
  S_mark *own = xmalloc((m ? m : 1) * sizeof *own);
  size_t *owner = xmalloc((m ? m : 1) * sizeof *owner);
  for (size_t i = 0; i < m; i++) {
    owner[i] = 0;
    for (size_t q = 0; q < n; q++)
      if (!cells[q].value && cells[q].a < marks[lo + i].off)
        owner[i] = q;
  }
  char **out = xcalloc(n, sizeof *out);
  for (size_t k = 0; k < n; k++) {
    size_t no = 0;
    for (size_t i = 0; i < m; i++)
      if (owner[i] == k)
        own[no++] = marks[lo + i];
    out[k] = S_cell_text(p, &cells[k], own, no);
  }
  free(own);
  free(owner);
  return out;
}

/* Frees n strings and their array. */
static void S_free_strs(char **v, size_t n) {
  for (size_t k = 0; k < n; k++)
    free(v[k]);
  free(v);
}

/* Skips spaces in s from *i up to end. */
static void S_skip(const char *s, size_t *i, size_t end) {
  while (*i < end && s[*i] == ' ')
    (*i)++;
}

/* Reads the number n at s[*i..end) followed by a space; returns 1. */
static int S_number(const char *s, size_t *i, size_t end, int n) {
  char want[24];
  int len = snprintf(want, sizeof want, "%d", n);
  if (*i + (size_t)len >= end || strncmp(s + *i, want, (size_t)len) != 0 ||
      s[*i + (size_t)len] != ' ')
    return 0;
  *i += (size_t)len;
  S_skip(s, i, end);
  return 1;
}

/* Reads the literal lit at s[*i..end); returns 1. */
static int S_literal(const char *s, size_t *i, size_t end, const char *lit) {
  size_t len = strlen(lit);
  if (!len || *i + len > end || strncmp(s + *i, lit, len) != 0)
    return 0;
  *i += len;
  S_skip(s, i, end);
  return 1;
}

/* Splits a bureau row s[a, b) into number, division, directive. */
static int S_bureau_cells(const char *s, size_t a, size_t b,
                          const mssdoc_bureau *bu, S_cell *cells) {
  size_t i = a;
  cells[0].a = i;
  if (!S_number(s, &i, b, bu->number))
    return 0;
  cells[0].b = i;
  while (cells[0].b > cells[0].a && s[cells[0].b - 1] == ' ')
    cells[0].b--;
  cells[1].a = i;
  if (!S_literal(s, &i, b, bu->division) || i >= b)
    return 0;
  cells[1].b = cells[1].a + strlen(bu->division);
  cells[2].a = i;
  cells[2].b = b;
  return 1;
}

/* Splits a heads row s[a, b) into number, name, took office, left office:
 * the two terms are the split of the rest into two date cells. */
static int S_head_cells(const char *s, size_t a, size_t b, const mssdoc_head *h,
                        S_cell *cells) {
  size_t i = a;
  cells[0].a = i;
  if (!S_number(s, &i, b, h->number))
    return 0;
  cells[0].b = i;
  while (cells[0].b > cells[0].a && s[cells[0].b - 1] == ' ')
    cells[0].b--;
  cells[1].a = i;
  if (!S_literal(s, &i, b, h->name) || i >= b)
    return 0;
  cells[1].b = cells[1].a + strlen(h->name);
  for (size_t sp = i; sp < b; sp++) {
    if (s[sp] != ' ')
      continue;
    char edtf[32];
    char *took = xstrndup(s + i, sp - i),
         *left = xstrndup(s + sp + 1, b - sp - 1);
    int ok = dates_parse_cell(took, edtf) == 1 && dates_parse_cell(left, edtf);
    free(took);
    free(left);
    if (ok) {
      cells[2].a = i;
      cells[2].b = sp;
      cells[3].a = sp + 1;
      cells[3].b = b;
      return 1;
    }
  }
  return 0;
}

/* Fills cells from the record values of a bureau or heads row that its
 * text does not split into. */
static void S_record_cells(const mssdoc_bureau *bu, const mssdoc_head *h,
                           S_cell *cells, char *num) {
  memset(cells, 0, 4 * sizeof *cells);
  snprintf(num, 24, "%d", bu ? bu->number : h->number);
  cells[0].value = num;
  if (bu) {
    cells[1].value = bu->division;
    cells[2].value = bu->directive;
  } else {
    cells[1].value = h->name;
    cells[2].value = h->took_office;
    cells[3].value = h->incumbent ? "Incumbent" : h->left_office;
  }
}

/* Appends a table paragraph as a table: one row per line; bureau rows in
 * the columns of the bureau records, heads rows in those of the heads
 * records, any other table in one column under its first line. */
static void S_table(const S_ctx *c, cmark_node *parent,
                    const mssdoc_paragraph *p) {
  const mssdoc_records *rs = c->rs;
  const char *s = p->text;
  size_t len = strlen(s);
  struct {
    size_t a, b;
    const mssdoc_bureau *bu;
    const mssdoc_head *h;
  } *rows = NULL;
  size_t nrows = 0, nbu = 0, nh = 0, cap = 0;
  for (size_t a = 0; a <= len;) {
    if (a == len && nrows)
      break; /* a final line break ends the last row */
    size_t b = a;
    while (b < len && s[b] != '\n')
      b++;
    if (nrows == cap) {
      cap = cap ? 2 * cap : 16;
      rows = xrealloc(rows, cap * sizeof *rows);
    }
    rows[nrows].a = a;
    rows[nrows].b = b;
    rows[nrows].bu = NULL;
    rows[nrows].h = NULL;
    int line = p->line + (int)nrows;
    long bu = nrows ? S_lines_last(&c->bureaus, line) : -1,
         h = nrows ? S_lines_last(&c->heads, line) : -1;
    if (bu >= 0)
      rows[nrows].bu = &rs->bureaus.items[bu];
    if (h >= 0)
      rows[nrows].h = &rs->heads.items[h];
    nbu += rows[nrows].bu != NULL;
    nh += rows[nrows].h != NULL;
    nrows++;
    a = b + 1;
  }
  int kind = nrows > 1 && nbu == nrows - 1  ? 1
             : nrows > 1 && nh == nrows - 1 ? 2
                                            : 0;
  static const char *const bureau_h[] = {"No.", "Division", "Directive"};
  static const char *const head_h[] = {"No.", "Name", "Took office",
                                       "Left office"};
  size_t ncols = kind == 1 ? 3 : kind == 2 ? 4 : 1;
  S_cell cells[4];
  /* The header: the first line, or the record columns (the last of them
   * keeping any marker of the first line). */
  memset(cells, 0, sizeof cells);
  cells[0].a = rows[0].a;
  cells[0].b = rows[0].b;
  size_t nmarks;
  S_mark *marks = S_marks(c, p, &nmarks);
  char **first = S_row(p, marks, nmarks, cells, 1, rows[0].a, rows[0].b);
  table *t;
  if (kind) {
    const char *const *names = kind == 1 ? bureau_h : head_h;
    const char *heads[4];
    for (size_t k = 0; k < ncols; k++)
      heads[k] = names[k];
    cells[0].a = cells[0].b = rows[0].b; /* only the markers */
    char **tail = S_row(p, marks, nmarks, cells, 1, rows[0].a, rows[0].b);
    char *lastcol = xasprintf("%s%s", names[ncols - 1], tail[0]);
    heads[ncols - 1] = lastcol;
    t = table_new(ncols, heads);
    free(lastcol);
    S_free_strs(tail, 1);
  } else {
    t = table_new(1, (const char *const *)first);
  }
  S_free_strs(first, 1);
  for (size_t r = 1; r < nrows; r++) {
    char num[24];
    memset(cells, 0, sizeof cells);
    int ok =
        kind == 1   ? S_bureau_cells(s, rows[r].a, rows[r].b, rows[r].bu, cells)
        : kind == 2 ? S_head_cells(s, rows[r].a, rows[r].b, rows[r].h, cells)
                    : 1;
    if (!kind) {
      cells[0].a = rows[r].a;
      cells[0].b = rows[r].b;
    } else if (!ok)
      S_record_cells(rows[r].bu, rows[r].h, cells, num);
    char **row = S_row(p, marks, nmarks, cells, ncols, rows[r].a, rows[r].b);
    table_add_row(t, (const char *const *)row);
    S_free_strs(row, ncols);
  }
  free(rows);
  free(marks);
  view_table(parent, t);
}

/* Appends one paragraph record in the form of its kind, then the note of
 * a list lost after it. */
static void S_paragraph(S_ctx *c, cmark_node *parent,
                        const mssdoc_paragraph *p) {
  const char *k = p->kind ? p->kind : "body";
  if (strcmp(k, "table") == 0) {
    S_table(c, parent, p);
  } else if (strcmp(k, "quotation") == 0) {
    cmark_node *para = view_paragraph(view_block_quote(parent), NULL);
    S_inline(c, para, p);
  } else {
    cmark_node *para = view_paragraph(parent, NULL), *inl = para;
    if (strcmp(k, "caption") == 0) {
      view_strong(para, "Caption:");
      view_text(para, " ");
    }
    if (strcmp(k, "caption") == 0 || strcmp(k, "hatnote") == 0) {
      inl = cmark_node_new(CMARK_NODE_EMPH);
      cmark_node_append_child(para, inl);
    }
    S_inline(c, inl, p);
  }
  if (S_lost_list_at(c, p->line))
    S_note(parent);
}

/* Appends the references whose lines fall in [from, to) as numbered
 * lists (a new list where the numbering jumps), in the order of their
 * lines. */
static void S_references(const S_ctx *c, cmark_node *parent, int from, int to) {
  cmark_node *list = NULL;
  int next = 0;
  for (size_t k = S_lines_from(&c->refs_at, from);
       k < c->refs_at.count && c->refs_at.items[k].line < to; k++) {
    const mssdoc_reference *r =
        &c->rs->references.items[c->refs_at.items[k].index];
    if (!list || r->number != next) {
      list = view_list(parent, 1);
      cmark_node_set_list_start(list, r->number > 0 ? r->number : 1);
    }
    next = r->number + 1;
    cmark_node *para = view_item(list, r->text ? r->text : "");
    char *id = xasprintf("ref-%d", r->number);
    view_anchor(para, id);
    free(id);
    if (S_lost_list_at(c, r->line)) {
      view_text(para, " ");
      view_emph(para, S_lost_list);
    }
    view_backlinks(para, r->number);
  }
}

/* Appends the section at index i: its heading (unless it is the lead of
 * the whole article), the notes and paragraphs in it and the references
 * it holds.  base is the depth that gets heading level `top`. */
static void S_section(S_ctx *c, cmark_node *doc, size_t i, int base, int top,
                      int heading) {
  const toc_entry *e = &c->t->items[i];
  const mssdoc_section *sec = e->sec;
  if (heading) {
    char *label = toc_label(e);
    cmark_node *h = view_heading(doc, top + e->depth - base, label);
    free(label);
    view_anchor(h, sec->id);
    if (sec->inferred) {
      view_text(h, " ");
      view_emph(h, TOC_LOST_MARK);
    }
  }
  if (S_lost_list_at(c, sec->line) && !S_text_at(c, sec->line))
    S_note(doc);
  for (size_t k = c->pstart[i]; k < c->pstart[i + 1]; k++)
    S_paragraph(c, doc, &c->rs->paragraphs.items[c->plist[k]]);
  int to = i + 1 < c->t->count ? c->t->items[i + 1].sec->line : INT_MAX;
  S_references(c, doc, sec->line, to);
}

int cmd_read(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  S_ctx c = {0};
  c.refs = 1;
  buf words = {0};
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--no-refs") == 0)
      c.refs = 0;
    else if (argv[i][0] == '-' && argv[i][1]) {
      buf_free(&words);
      return cmd_fail(res, "read has no option %s; %s", width_arg(argv[i]),
                      S_usage);
    } else {
      if (words.len)
        buf_putc(&words, ' ');
      buf_puts(&words, argv[i]);
    }
  }
  const char *format = cmd_format(o, res, "read", "text", S_formats);
  mssdoc_records *rs = format ? cmd_load(o, res) : NULL;
  if (!rs) {
    buf_free(&words);
    return 2;
  }
  toc *t = toc_build(rs);
  c.rs = rs;
  c.t = t;
  S_index(&c);
  long sel = -1;
  if (words.data) {
    char *err = NULL;
    sel = toc_select(t, words.data, &err);
    buf_free(&words);
    if (sel < 0) {
      cmd_fail(res, "%s", err);
      free(err);
      S_index_free(&c);
      toc_free(t);
      mssdoc_records_free(rs);
      return 2;
    }
  }
  c.ids = citeids_build(rs);
  for (size_t i = 0; i < rs->references.count; i++)
    if (rs->references.items[i].number > c.fn_max)
      c.fn_max = rs->references.items[i].number;
  c.fn = xcalloc((size_t)c.fn_max + 1, 1);
  cmark_node *doc = view_new();
  const char *article = rs->article.title ? rs->article.title : "mssdoc";
  char *title;
  if (sel < 0) {
    title = xstrdup(article);
    view_heading(doc, 1, article);
    for (size_t i = 0; i < t->count; i++)
      S_section(&c, doc, i, 0, 1, strcmp(t->items[i].sec->id, "lead") != 0);
  } else {
    const toc_entry *e = &t->items[sel];
    title = toc_label(e);
    for (size_t i = (size_t)sel; i < e->end; i++)
      S_section(&c, doc, i, e->depth, 1, 1);
  }
  /* markdown gives each cited reference as a footnote, in number order */
  for (int n = 0; n <= c.fn_max; n++) {
    const mssdoc_reference *r =
        c.fn[n] ? mssdoc_records_reference(rs, n) : NULL;
    if (r)
      view_footnote(doc, n, r->text);
  }
  cmd_emit_view(o, res, format, rs, doc, title);
  free(title);
  free(c.fn);
  citeids_free(c.ids);
  S_index_free(&c);
  toc_free(t);
  mssdoc_records_free(rs);
  return 0;
}
