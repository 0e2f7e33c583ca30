/*
 * table.c: the table model of a view and its four serializations: GFM
 * markdown, HTML, man(7) and terminal text (aligned columns that wrap
 * inside their cells, or stacked "Header: value" blocks when too narrow).
 */
#include "table.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "width.h"

struct table {
  size_t ncols, nrows, cap;
  char **head;  /* ncols strings */
  char **cells; /* nrows * ncols strings, row-major */
  char **ids;   /* cap entries: each row's html id, or NULL */
};

#define GAP 2       /* spaces between text columns */
#define MIN_COL 8   /* narrower columns than this mean the stacked layout */
#define MAX_WORD 16 /* as do columns that cut words shorter than this */
#define SGR_BOLD "\033[1m"
#define SGR_RESET "\033[0m"
#define RULE "\xE2\x94\x80" /* U+2500 BOX DRAWINGS LIGHT HORIZONTAL */

table *table_new(size_t ncols, const char *const *headers) {
  table *t = xcalloc(1, sizeof(*t));
  t->ncols = ncols;
  t->head = xcalloc(ncols ? ncols : 1, sizeof(char *));
  for (size_t c = 0; c < ncols; c++)
    t->head[c] = xstrdup(headers && headers[c] ? headers[c] : "");
  return t;
}

void table_add_row(table *t, const char *const *cells) {
  if (t->nrows == t->cap) {
    t->cap = t->cap ? t->cap * 2 : 8;
    t->cells =
        xrealloc(t->cells, t->cap * (t->ncols ? t->ncols : 1) * sizeof(char *));
    t->ids = xrealloc(t->ids, t->cap * sizeof(char *));
  }
  t->ids[t->nrows] = NULL;
  char **row = t->cells + t->nrows * t->ncols;
  for (size_t c = 0; c < t->ncols; c++)
    row[c] = xstrdup(cells && cells[c] ? cells[c] : "");
  t->nrows++;
}

void table_set_row_id(table *t, size_t row, const char *id) {
  if (row >= t->nrows)
    return;
  free(t->ids[row]);
  t->ids[row] = id ? xstrdup(id) : NULL;
}

size_t table_ncols(const table *t) { return t->ncols; }

size_t table_nrows(const table *t) { return t->nrows; }

const char *table_header(const table *t, size_t col) { return t->head[col]; }

const char *table_cell(const table *t, size_t row, size_t col) {
  return t->cells[row * t->ncols + col];
}

void table_free(table *t) {
  if (!t)
    return;
  for (size_t c = 0; c < t->ncols; c++)
    free(t->head[c]);
  for (size_t i = 0; i < t->nrows * t->ncols; i++)
    free(t->cells[i]);
  for (size_t r = 0; r < t->nrows; r++)
    free(t->ids[r]);
  free(t->ids);
  free(t->head);
  free(t->cells);
  free(t);
}

cmark_node *table_node_new(table *t) {
  cmark_node *node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
  cmark_node_set_user_data(node, t);
  return node;
}

table *table_of_node(cmark_node *node) {
  if (cmark_node_get_type(node) != CMARK_NODE_CUSTOM_BLOCK)
    return NULL;
  return cmark_node_get_user_data(node);
}

void view_doc_free(cmark_node *doc) {
  if (!doc)
    return;
  cmark_iter *it = cmark_iter_new(doc);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node *node = cmark_iter_get_node(it);
    table *t = ev == CMARK_EVENT_ENTER ? table_of_node(node) : NULL;
    if (t) {
      table_free(t);
      cmark_node_set_user_data(node, NULL);
    }
  }
  cmark_iter_free(it);
  cmark_node_free(doc);
}

/* Returns s made printable on one line: controls dropped, white space
 * runs collapsed to one space, trimmed; the caller frees it. */
static char *S_norm(const char *s) {
  char *clean = width_clean(s, strlen(s), 1);
  size_t j = 0;
  for (size_t i = 0; clean[i]; i++) {
    if (clean[i] == ' ' && (j == 0 || clean[j - 1] == ' '))
      continue;
    clean[j++] = clean[i];
  }
  while (j && clean[j - 1] == ' ')
    j--;
  clean[j] = '\0';
  return clean;
}

/* Returns 1 if s has nothing printable. */
static int S_blank(const char *s) {
  char *n = S_norm(s);
  int blank = *n == '\0';
  free(n);
  return blank;
}

/* ---- markdown ---------------------------------------------------------- */

/* Appends cell s to b with the characters markdown would interpret
 * escaped, pipes included. */
static void S_md_cell(buf *b, const char *s) {
  char *n = S_norm(s);
  for (const char *p = n; *p; p++) {
    if (strchr("\\`*_[]<>|~", *p) ||
        (*p == '&' && (p[1] == '#' || (p[1] >= 'a' && p[1] <= 'z') ||
                       (p[1] >= 'A' && p[1] <= 'Z'))))
      buf_putc(b, '\\');
    buf_putc(b, *p);
  }
  free(n);
}

/* Appends one pipe-table row of cells to b. */
static void S_md_row(buf *b, char *const *cells, size_t n) {
  buf_putc(b, '|');
  for (size_t c = 0; c < n; c++) {
    buf_putc(b, ' ');
    S_md_cell(b, cells[c]);
    buf_puts(b, " |");
  }
  buf_putc(b, '\n');
}

char *table_markdown(const table *t) {
  buf b = {0};
  if (!t->ncols)
    return buf_take(&b);
  S_md_row(&b, t->head, t->ncols);
  buf_putc(&b, '|');
  for (size_t c = 0; c < t->ncols; c++)
    buf_puts(&b, " --- |");
  buf_putc(&b, '\n');
  for (size_t r = 0; r < t->nrows; r++)
    S_md_row(&b, t->cells + r * t->ncols, t->ncols);
  return buf_take(&b);
}

/* ---- html -------------------------------------------------------------- */

/* Appends s to b HTML-escaped, controls dropped. */
static void S_html_text(buf *b, const char *s) {
  char *n = S_norm(s);
  buf_put_xml(b, n);
  free(n);
}

/* Appends one <tr> of cells in tag (th or td) to b. */
static void S_html_row(buf *b, char *const *cells, size_t n, const char *tag,
                       const char *id) {
  if (id) {
    buf_puts(b, "<tr id=\"");
    buf_put_xml(b, id);
    buf_puts(b, "\">\n");
  } else
    buf_puts(b, "<tr>\n");
  for (size_t c = 0; c < n; c++) {
    buf_printf(b, "<%s>", tag);
    S_html_text(b, cells[c]);
    buf_printf(b, "</%s>\n", tag);
  }
  buf_puts(b, "</tr>\n");
}

char *table_html(const table *t) {
  buf b = {0};
  if (!t->ncols)
    return buf_take(&b);
  buf_puts(&b, "<table>\n<thead>\n");
  S_html_row(&b, t->head, t->ncols, "th", NULL);
  buf_puts(&b, "</thead>\n");
  if (t->nrows) {
    buf_puts(&b, "<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++)
      S_html_row(&b, t->cells + r * t->ncols, t->ncols, "td", t->ids[r]);
    buf_puts(&b, "</tbody>\n");
  }
  buf_puts(&b, "</table>");
  return buf_take(&b);
}

/* ---- man --------------------------------------------------------------- */

/* Appends s to b as roff text that cannot start a request. */
static void S_man_text(buf *b, const char *s) {
  char *n = S_norm(s);
  if (n[0] == '.' || n[0] == '\'')
    buf_puts(b, "\\&");
  for (const char *p = n; *p; p++) {
    if (*p == '\\')
      buf_puts(b, "\\e");
    else if (*p == '-')
      buf_puts(b, "\\-");
    else
      buf_putc(b, *p);
  }
  free(n);
}

char *table_man(const table *t) {
  buf b = {0};
  if (!t->ncols)
    return buf_take(&b);
  for (size_t r = 0; r < t->nrows; r++) {
    char *const *row = t->cells + r * t->ncols;
    if (t->ncols == 1) {
      buf_puts(&b, ".IP \\(bu 2\n");
      S_man_text(&b, row[0]);
      buf_putc(&b, '\n');
      continue;
    }
    buf_puts(&b, ".TP\n");
    if (S_blank(row[0]))
      buf_puts(&b, "\\&");
    else {
      buf_puts(&b, "\\f[B]");
      S_man_text(&b, row[0]);
      buf_puts(&b, "\\f[R]");
    }
    buf_putc(&b, '\n');
    int first = 1;
    for (size_t c = 1; c < t->ncols; c++) {
      if (S_blank(row[c]))
        continue;
      if (!first)
        buf_puts(&b, ".br\n");
      first = 0;
      if (!S_blank(t->head[c])) {
        buf_puts(&b, "\\f[I]");
        S_man_text(&b, t->head[c]);
        buf_puts(&b, ":\\f[R] ");
      }
      S_man_text(&b, row[c]);
      buf_putc(&b, '\n');
    }
  }
  return buf_take(&b);
}

/* ---- terminal text ----------------------------------------------------- */

/* One line of a wrapped text: len bytes at off, w columns wide. */
typedef struct {
  size_t off, len, w;
} S_line;

typedef struct {
  S_line *items;
  size_t count, cap;
} S_lines;

/* Appends the line [off, off + len) of s, w columns, to out. */
static void S_push(S_lines *out, size_t off, size_t len, size_t w) {
  S_line *l = LIST_PUSH(*out);
  l->off = off;
  l->len = len;
  l->w = w;
}

/* Wraps normalized text s (single spaces) into out: the first line at most
 * first columns wide, the others rest; words break only when wider than a
 * line.  Always yields at least one line. */
static void S_wrap(const char *s, size_t first, size_t rest, S_lines *out) {
  size_t n = strlen(s), i = 0, start = 0, end = 0, w = 0, lim = first;
  int open = 0;
  size_t before = out->count;
  while (i < n) {
    if (s[i] == ' ') {
      i++;
      continue;
    }
    size_t j = i;
    while (j < n && s[j] != ' ')
      j++;
    size_t ww = width_of(s + i, j - i);
    if (open && w + 1 + ww <= lim) {
      end = j;
      w += 1 + ww;
      i = j;
      continue;
    }
    if (open) {
      S_push(out, start, end - start, w);
      lim = rest;
    } else if (ww > lim && ww <= rest && out->count == before) {
      S_push(out, i, 0, 0); /* the word fits the next line whole */
      lim = rest;
    }
    while (ww > lim) {
      size_t cut = width_offset(s + i, j - i, lim);
      if (cut == 0) { /* a wide character in a 1-column line */
        int32_t cp;
        cut = width_decode(s + i, j - i, &cp);
      }
      size_t cw = width_of(s + i, cut);
      S_push(out, i, cut, cw);
      lim = rest;
      i += cut;
      ww -= cw;
    }
    start = i;
    end = j;
    w = ww;
    open = 1;
    i = j;
  }
  if (open || out->count == before)
    S_push(out, open ? start : 0, open ? end - start : 0, open ? w : 0);
}

/* Appends n spaces to b. */
static void S_spaces(buf *b, size_t n) {
  while (n--)
    buf_putc(b, ' ');
}

/* Removes trailing spaces from b and ends the line, with a reset first if
 * bold. */
static void S_endline(buf *b, int bold) {
  while (b->len && b->data[b->len - 1] == ' ')
    b->data[--b->len] = '\0';
  if (bold)
    buf_puts(b, SGR_RESET);
  buf_putc(b, '\n');
}

/* Splits avail columns among n: each gets lo[c], then what is left is
 * shared in proportion to hi[c] - lo[c], never past hi[c]. */
static void S_share(size_t n, const size_t *lo, const size_t *hi, size_t avail,
                    size_t *w) {
  size_t used = 0, span = 0;
  for (size_t c = 0; c < n; c++) {
    w[c] = lo[c];
    used += lo[c];
    span += hi[c] > lo[c] ? hi[c] - lo[c] : 0;
  }
  size_t extra = avail > used ? avail - used : 0, given = 0;
  for (size_t c = 0; c < n && span; c++) {
    size_t add = hi[c] > lo[c] ? (hi[c] - lo[c]) * extra / span : 0;
    if (add > hi[c] - lo[c])
      add = hi[c] - lo[c];
    w[c] += add;
    given += add;
  }
  for (int more = 1; given < extra && more;) {
    more = 0;
    for (size_t c = 0; c < n && given < extra; c++) {
      if (w[c] < hi[c]) {
        w[c]++;
        given++;
        more = 1;
      }
    }
  }
}

/* Splits avail columns among n as S_share does from lo to hi, but first
 * gives every column that fits in an equal share of what is left its whole
 * hi, narrowest first: a short column ("Took office") never wraps to give a
 * long one ("Offices") a few columns it would wrap in anyway; what remains
 * goes to the columns that wrap most. */
static void S_share_short_first(size_t n, const size_t *lo, const size_t *hi,
                                size_t avail, size_t *w) {
  unsigned char *fixed = xcalloc(n, 1);
  size_t left = avail, nleft = n;
  for (int more = 1; more && nleft > 1;) {
    more = 0;
    size_t pick = n;
    for (size_t c = 0; c < n; c++)
      if (!fixed[c] && (pick == n || hi[c] < hi[pick]))
        pick = c;
    /* the others must still get their lo */
    size_t others = 0;
    for (size_t c = 0; c < n; c++)
      if (!fixed[c] && c != pick)
        others += lo[c];
    if (pick < n && hi[pick] <= left / nleft && hi[pick] + others <= left) {
      fixed[pick] = 1;
      w[pick] = hi[pick];
      left -= hi[pick];
      nleft--;
      more = 1;
    }
  }
  size_t *lo2 = xcalloc(n, sizeof(size_t)), *hi2 = xcalloc(n, sizeof(size_t)),
         *w2 = xcalloc(n, sizeof(size_t));
  size_t m = 0;
  for (size_t c = 0; c < n; c++)
    if (!fixed[c]) {
      lo2[m] = lo[c];
      hi2[m++] = hi[c];
    }
  S_share(m, lo2, hi2, left, w2);
  for (size_t c = 0, k = 0; c < n; c++)
    if (!fixed[c])
      w[c] = w2[k++];
  free(lo2);
  free(hi2);
  free(w2);
  free(fixed);
}

/* Appends the rows of normalized cells (nrows x ncols) to b as aligned
 * columns of widths w; the header row (bold if color) and a rule first. */
static void S_columns(buf *b, char **norm, size_t nrows, size_t ncols,
                      const size_t *w, int has_head, int color) {
  S_lines lines = {0};
  size_t *first = xmalloc(ncols * sizeof(size_t));
  size_t *count = xmalloc(ncols * sizeof(size_t));
  for (size_t r = has_head ? 0 : 1; r < nrows; r++) {
    char **cells = norm + r * ncols;
    lines.count = 0;
    size_t height = 0;
    for (size_t c = 0; c < ncols; c++) {
      first[c] = lines.count;
      S_wrap(cells[c], w[c], w[c], &lines);
      count[c] = lines.count - first[c];
      if (count[c] > height)
        height = count[c];
    }
    int bold = color && r == 0;
    for (size_t k = 0; k < height; k++) {
      if (bold)
        buf_puts(b, SGR_BOLD);
      for (size_t c = 0; c < ncols; c++) {
        size_t lw = 0;
        if (k < count[c]) {
          S_line *l = &lines.items[first[c] + k];
          buf_put(b, cells[c] + l->off, l->len);
          lw = l->w;
        }
        if (c + 1 < ncols)
          S_spaces(b, w[c] - lw + GAP);
      }
      S_endline(b, bold);
    }
    if (r == 0) {
      for (size_t c = 0; c < ncols; c++) {
        for (size_t k = 0; k < w[c]; k++)
          buf_puts(b, RULE);
        if (c + 1 < ncols)
          S_spaces(b, GAP);
      }
      S_endline(b, 0);
    }
  }
  free(lines.items);
  free(first);
  free(count);
}

/* Appends the wrapped lines of s to b, each but the first indented by ind
 * columns. */
static void S_put_lines(buf *b, const char *s, const S_lines *lines,
                        size_t from, size_t ind) {
  for (size_t k = from; k < lines->count; k++) {
    if (k > from)
      S_spaces(b, ind);
    buf_put(b, s + lines->items[k].off, lines->items[k].len);
    S_endline(b, 0);
  }
}

/* Appends the rows as stacked "Header: value" blocks, width columns wide,
 * separated by blank lines; labels bold if color. */
static void S_stacked(buf *b, char **norm, size_t nrows, size_t ncols,
                      size_t width, int color) {
  size_t maxlw = 0;
  for (size_t c = 0; c < ncols; c++) {
    size_t lw = width_str(norm[c]) + 1;
    if (*norm[c] && lw > maxlw)
      maxlw = lw;
  }
  int aligned = maxlw + 1 <= width / 2;
  S_lines lines = {0};
  for (size_t r = 1; r < nrows; r++) {
    if (r > 1)
      buf_putc(b, '\n');
    for (size_t c = 0; c < ncols; c++) {
      const char *label = norm[c], *val = norm[r * ncols + c];
      size_t lw = width_str(label) + 1;
      lines.count = 0;
      if (!*label) {
        S_wrap(val, width, width, &lines);
        S_put_lines(b, val, &lines, 0, 0);
        continue;
      }
      if (aligned || lw + 1 + MIN_COL <= width) {
        size_t ind = aligned ? maxlw + 1 : 2;
        size_t pad = aligned ? ind - lw : 1;
        buf_printf(b, "%s%s:%s", color ? SGR_BOLD : "", label,
                   color ? SGR_RESET : "");
        S_wrap(val, width - lw - pad, width - ind, &lines);
        if (lines.items[0].len)
          S_spaces(b, pad);
        S_put_lines(b, val, &lines, 0, ind);
        continue;
      }
      /* A label too wide to share a line: it goes first, the value under. */
      char *lab = xasprintf("%s:", label);
      S_wrap(lab, width, width, &lines);
      for (size_t k = 0; k < lines.count; k++) {
        buf_puts(b, color ? SGR_BOLD : "");
        buf_put(b, lab + lines.items[k].off, lines.items[k].len);
        buf_puts(b, color ? SGR_RESET : "");
        S_endline(b, 0);
      }
      free(lab);
      lines.count = 0;
      if (*val) {
        S_wrap(val, width - 2, width - 2, &lines);
        S_spaces(b, 2);
        S_put_lines(b, val, &lines, 0, 2);
      }
    }
  }
  free(lines.items);
}

char *table_text(const table *t, int width, int color) {
  buf b = {0};
  size_t nc = t->ncols, nr = t->nrows + 1;
  if (!nc)
    return buf_take(&b);
  size_t W = width < 10 ? 10 : (size_t)width;
  char **norm = xmalloc(nr * nc * sizeof(char *));
  for (size_t c = 0; c < nc; c++)
    norm[c] = S_norm(t->head[c]);
  for (size_t i = 0; i < t->nrows * nc; i++)
    norm[nc + i] = S_norm(t->cells[i]);

  int has_head = 0;
  for (size_t c = 0; c < nc; c++)
    has_head |= *norm[c] != '\0';
  size_t *nat = xcalloc(nc, sizeof(size_t)),
         *minw = xcalloc(nc, sizeof(size_t));
  size_t *base = xcalloc(nc, sizeof(size_t)), *w = xcalloc(nc, sizeof(size_t));
  size_t sumnat = 0, summin = 0, sumbase = 0, maxmin = 0;
  for (size_t c = 0; c < nc; c++) {
    for (size_t r = has_head ? 0 : 1; r < nr; r++) {
      const char *s = norm[r * nc + c];
      size_t cw = width_str(s);
      if (cw > nat[c])
        nat[c] = cw;
      while (*s) {
        size_t len = strcspn(s, " ");
        cw = width_of(s, len);
        if (cw > minw[c])
          minw[c] = cw;
        s += len + (s[len] == ' ');
      }
    }
    base[c] = minw[c] < MAX_WORD ? minw[c] : MAX_WORD;
    if (base[c] < MIN_COL)
      base[c] = nat[c] < MIN_COL ? nat[c] : MIN_COL;
    sumnat += nat[c];
    summin += minw[c];
    sumbase += base[c];
    if (minw[c] > maxmin)
      maxmin = minw[c];
  }
  size_t gaps = GAP * (nc - 1);
  size_t avail = W > gaps ? W - gaps : 0;
  if (sumnat <= avail) {
    S_columns(&b, norm, nr, nc, nat, has_head, color);
  } else if (sumbase > avail || (summin > avail && maxmin <= W / 2)) {
    /* Columns that would have to break words: stack the rows instead,
     * unless a single word is so long it must break anyway. */
    S_stacked(&b, norm, nr, nc, W, color);
  } else {
    if (summin <= avail)
      S_share_short_first(nc, minw, nat, avail, w);
    else
      S_share(nc, base, minw, avail, w);
    S_columns(&b, norm, nr, nc, w, has_head, color);
  }
  for (size_t i = 0; i < nr * nc; i++)
    free(norm[i]);
  free(norm);
  free(nat);
  free(minw);
  free(base);
  free(w);
  return buf_take(&b);
}

void table_prepare(cmark_node *doc, const char *format) {
  cmark_iter *it = cmark_iter_new(doc);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node *node = cmark_iter_get_node(it);
    table *t = ev == CMARK_EVENT_ENTER ? table_of_node(node) : NULL;
    if (!t)
      continue;
    char *s = NULL;
    if (strcmp(format, "markdown") == 0)
      s = table_markdown(t);
    else if (strcmp(format, "html") == 0)
      s = table_html(t);
    else if (strcmp(format, "man") == 0)
      s = table_man(t);
    if (s) {
      size_t n = strlen(s);
      while (n && s[n - 1] == '\n') /* the renderer ends the block */
        s[--n] = '\0';
    }
    cmark_node_set_on_enter(node, s ? s : "");
    free(s);
  }
  cmark_iter_free(it);
}
