/*
 * render_text.c: the terminal renderer of a view.  An engine owns the
 * output line (column, block prefixes for quotes and list items, pending
 * line breaks, the word being built and where it wraps, the SGR state);
 * S_node says what each node type prints.  Words wrap by display width,
 * East Asian wide characters may break anywhere between them, and a word
 * longer than a line is cut by width.  With colour, each line ends with a
 * reset and the next re-emits prefix and style, so nothing bleeds through
 * a pager.
 */
#include "render_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "util.h"
#include "view_marks.h"
#include "width.h"

/* Text attributes; a set of them is one unsigned. */
enum {
  ST_BOLD = 1 << 0,
  ST_ULINE = 1 << 1,
  ST_DIM = 1 << 2,
  ST_CODE = 1 << 3,
  ST_LINK = 1 << 4,
  ST_DEL = 1 << 5,
  ST_INS = 1 << 6,
  ST_COUNT = 7
};

/* The SGR parameter of each attribute, in bit order. */
static const char *const S_sgr_param[ST_COUNT] = {"1",  "4",  "2", "36",
                                                  "34", "31", "32"};

#define SGR_RESET "\033[0m"
#define MIN_WIDTH 20

/* One level of block prefix: a quote bar or a list item's marker. */
typedef struct {
  char first[32]; /* printed on the first line of the block */
  char rest[32];  /* and on the lines after */
  int width;      /* columns of either */
  unsigned style;
  int used; /* first has been printed */
} S_seg;

/* An open list: the number of its next item, the digits of its last. */
typedef struct {
  int next, digits;
} S_list_state;

typedef struct {
  buf out;
  int width;       /* where prose wraps */
  int table_width; /* what tables may take */
  int color;
  int col;       /* columns on the current line, prefix included */
  int open;      /* the current line has its prefix */
  int content;   /* and something after it */
  int need_cr;   /* due before the next output: 1 a new line, 2 a blank line */
  int started;   /* anything printed yet */
  unsigned sgr;  /* attributes in force on the terminal */
  unsigned last; /* attributes of the last character on the line */
  int depth[ST_COUNT];
  struct {
    S_seg *items;
    size_t count, cap;
  } segs;
  struct {
    S_list_state *items;
    size_t count, cap;
  } lists;
  buf word;   /* the word being built */
  buf wstyle; /* attributes of each byte of word */
  int word_w; /* its columns */
  int space;  /* a space is due before the word */
  int wide;   /* the word ends in a wide character: a break may follow */
  int wmixed; /* the word holds more than one style */
  int rule;   /* measuring a level-1 heading for the rule under it */
  int rule_w; /* its widest line, prefix excluded */
} S_renderer;

/* Returns the attributes in force for text now. */
static unsigned S_style(S_renderer *r) {
  unsigned st = 0;
  for (int i = 0; i < ST_COUNT; i++)
    if (r->depth[i] > 0)
      st |= 1u << i;
  return st;
}

/* Adds d to the nesting depth of every attribute in st. */
static void S_push_style(S_renderer *r, unsigned st, int d) {
  for (int i = 0; i < ST_COUNT; i++)
    if (st & (1u << i))
      r->depth[i] += d;
}

/* Switches the terminal to attributes st (nothing without colour). */
static void S_sgr(S_renderer *r, unsigned st) {
  if (!r->color || st == r->sgr)
    return;
  buf_puts(&r->out, "\033[0");
  for (int i = 0; i < ST_COUNT; i++)
    if (st & (1u << i))
      buf_printf(&r->out, ";%s", S_sgr_param[i]);
  buf_putc(&r->out, 'm');
  r->sgr = st;
}

/* Returns the columns the block prefixes take. */
static int S_prefix_w(S_renderer *r) {
  int w = 0;
  for (size_t i = 0; i < r->segs.count; i++)
    w += r->segs.items[i].width;
  return w;
}

/* Ends the current line: a reset with colour, then the newline. */
static void S_endline(S_renderer *r) {
  if (r->rule && r->content) {
    int w = r->col - S_prefix_w(r);
    if (w > r->rule_w)
      r->rule_w = w;
  }
  size_t n = strlen(SGR_RESET);
  if (r->color &&
      (r->out.len < n || memcmp(r->out.data + r->out.len - n, SGR_RESET, n)))
    buf_puts(&r->out, SGR_RESET);
  buf_putc(&r->out, '\n');
  r->col = 0;
  r->open = r->content = 0;
  r->sgr = r->last = 0;
}

/* Starts a line if none is open: prints the prefix of every level. */
static void S_begin(S_renderer *r) {
  if (r->open)
    return;
  for (size_t i = 0; i < r->segs.count; i++) {
    S_seg *s = &r->segs.items[i];
    S_sgr(r, s->style);
    buf_puts(&r->out, s->used ? s->rest : s->first);
    r->col += s->width;
    s->used = 1;
  }
  S_sgr(r, 0);
  r->open = 1;
  r->started = 1;
}

/* Prints an empty line: the continuation of the prefixes already begun
 * (a quote bar shows only inside its quote), trailing blanks cut. */
static void S_blankline(S_renderer *r) {
  buf pre = {0};
  for (size_t i = 0; i < r->segs.count && r->segs.items[i].used; i++)
    buf_puts(&pre, r->segs.items[i].rest);
  while (pre.len && pre.data[pre.len - 1] == ' ')
    pre.len--;
  if (pre.len) {
    S_sgr(r, ST_DIM);
    buf_put(&r->out, pre.data, pre.len);
  }
  buf_free(&pre);
  S_endline(r);
}

/* Emits the line breaks due before new output. */
static void S_cr(S_renderer *r) {
  if (!r->need_cr)
    return;
  if (r->started) {
    if (r->open)
      S_endline(r);
    if (r->need_cr == 2)
      S_blankline(r);
  }
  r->need_cr = 0;
}

/* Prints one character of cw columns and attributes st, wrapping first if
 * the line is full and has content. */
static void S_putchar(S_renderer *r, const char *s, size_t n, int cw,
                      unsigned st) {
  if (r->content && cw > 0 && r->col + cw > r->width) {
    S_endline(r);
    S_begin(r);
  }
  S_sgr(r, st);
  buf_put(&r->out, s, n);
  r->col += cw;
  r->content = 1;
  r->last = st;
}

/* Prints the word built so far, on a new line if it does not fit; a word
 * longer than a line is cut by width. */
static void S_flush(S_renderer *r) {
  if (!r->word.len)
    return;
  S_cr(r);
  S_begin(r);
  unsigned first = (unsigned char)r->wstyle.data[0];
  int sp = r->space && r->content;
  if (r->content && r->col + sp + r->word_w > r->width) {
    S_endline(r);
    S_begin(r);
    sp = 0;
  }
  if (sp) {
    S_sgr(r, r->last == first ? first : 0);
    buf_putc(&r->out, ' ');
    r->col++;
  }
  if (!r->wmixed && r->col + r->word_w <= r->width) {
    /* the common case: one style, fits on the line: print it whole */
    S_sgr(r, first);
    buf_put(&r->out, r->word.data, r->word.len);
    r->col += r->word_w;
    r->content = r->content || r->word_w > 0;
    r->last = first;
    r->word.len = r->wstyle.len = 0;
    r->word_w = 0;
    r->space = 0;
    r->wide = 0;
    return;
  }
  for (size_t i = 0; i < r->word.len;) {
    int32_t c;
    size_t n = width_decode(r->word.data + i, r->word.len - i, &c);
    S_putchar(r, r->word.data + i, n, width_cp(c),
              (unsigned char)r->wstyle.data[i]);
    i += n;
  }
  r->word.len = r->wstyle.len = 0;
  r->word_w = 0;
  r->space = 0;
  r->wide = 0;
  r->wmixed = 0;
}

/* Adds the character of n bytes at s, cw columns, to the word. */
static void S_addchar(S_renderer *r, const char *s, size_t n, int cw) {
  if (cw > 0 && (r->wide || cw == 2))
    S_flush(r); /* a break is allowed around wide characters */
  unsigned char st = (unsigned char)S_style(r);
  if (r->wstyle.len && (unsigned char)r->wstyle.data[0] != st)
    r->wmixed = 1;
  buf_put(&r->word, s, n);
  for (size_t i = 0; i < n; i++)
    buf_putc(&r->wstyle, (char)st);
  r->word_w += cw;
  if (cw > 0)
    r->wide = cw == 2;
}

/* Adds inline text: words wrap at its white space; controls dropped. */
static void S_text(S_renderer *r, const char *s) {
  size_t len = strlen(s);
  for (size_t i = 0; i < len;) {
    if (s[i] > ' ' && s[i] < 0x7F && !r->wide) {
      /* a run of printable ASCII: one column a byte, no break inside */
      size_t j = i + 1;
      while (j < len && s[j] > ' ' && s[j] < 0x7F)
        j++;
      unsigned char st = (unsigned char)S_style(r);
      if (r->wstyle.len && (unsigned char)r->wstyle.data[0] != st)
        r->wmixed = 1;
      buf_put(&r->word, s + i, j - i);
      buf_fill(&r->wstyle, (char)st, j - i);
      r->word_w += (int)(j - i);
      i = j;
      continue;
    }
    int32_t c;
    size_t n = width_decode(s + i, len - i, &c);
    if (c < 0)
      S_addchar(r, "\xEF\xBF\xBD", 3, 1);
    else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
             width_is_separator(c)) {
      S_flush(r);
      r->space = 1;
    } else if (!width_is_control(c))
      S_addchar(r, s + i, n, width_cp(c));
    i += n;
  }
}

/* Ends the inline content of a block: the last word, no trailing space. */
static void S_endtext(S_renderer *r) {
  S_flush(r);
  r->space = 0;
}

/* Asks for at least a new line (1) or a blank line (2) before more. */
static void S_need(S_renderer *r, int n) {
  S_endtext(r);
  if (r->need_cr < n)
    r->need_cr = n;
}

/* Prints a whole line of ready text (it may hold SGR codes). */
static void S_rawline(S_renderer *r, const char *s, size_t n) {
  S_cr(r);
  if (!n) {
    S_blankline(r);
    return;
  }
  S_begin(r);
  S_sgr(r, 0);
  buf_put(&r->out, s, n);
  r->content = 1;
  S_endline(r);
}

/* Opens a prefix level printing first, then rest, in attributes st. */
static void S_push_seg(S_renderer *r, const char *first, const char *rest,
                       unsigned st) {
  S_seg *s = LIST_PUSH(r->segs);
  snprintf(s->first, sizeof(s->first), "%s", first);
  snprintf(s->rest, sizeof(s->rest), "%s", rest);
  s->width = (int)width_str(first);
  s->style = r->color ? st : 0;
}

/* Closes the innermost prefix level. */
static void S_pop_seg(S_renderer *r) {
  if (r->segs.count)
    r->segs.count--;
}

/* Returns 1 if node sits directly in an item of a tight list. */
static int S_tight(cmark_node *node) {
  cmark_node *p = cmark_node_parent(node);
  if (cmark_node_get_type(node) == CMARK_NODE_ITEM)
    return p && cmark_node_get_list_tight(p);
  return p && cmark_node_get_type(p) == CMARK_NODE_ITEM &&
         cmark_node_parent(p) &&
         cmark_node_get_list_tight(cmark_node_parent(p));
}

/* Returns the break a block wants around it: 1 in a tight list, else 2. */
static int S_sep(cmark_node *node) { return S_tight(node) ? 1 : 2; }

/* Opens or closes a list: numbering for its items. */
static void S_list(S_renderer *r, cmark_node *node, int entering) {
  if (!entering) {
    if (r->lists.count)
      r->lists.count--;
    return;
  }
  int start = cmark_node_get_list_start(node), last = start;
  for (cmark_node *p = cmark_node_first_child(node); p; p = cmark_node_next(p))
    last++;
  S_list_state *l = LIST_PUSH(r->lists);
  l->next = start;
  l->digits = snprintf(NULL, 0, "%d", last > start ? last - 1 : start);
}

/* Opens a list item: its marker, then a hanging indent as wide. */
static void S_item(S_renderer *r, cmark_node *node) {
  cmark_node *list = cmark_node_parent(node);
  if (list && cmark_node_get_list_type(list) == CMARK_ORDERED_LIST &&
      r->lists.count) {
    S_list_state *l = &r->lists.items[r->lists.count - 1];
    char first[32], rest[32];
    snprintf(first, sizeof(first), "%*d. ", l->digits, l->next++);
    snprintf(rest, sizeof(rest), "%*s", l->digits + 2, "");
    S_push_seg(r, first, rest, 0);
  } else {
    S_push_seg(r, "\xE2\x80\xA2 ", "  ", 0); /* U+2022 BULLET */
  }
}

/* Appends the text of node's inline descendants to b. */
static void S_plain(cmark_node *node, buf *b) {
  for (cmark_node *c = cmark_node_first_child(node); c;
       c = cmark_node_next(c)) {
    cmark_node_type t = cmark_node_get_type(c);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
      buf_puts(b, cmark_node_get_literal(c));
    else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
      buf_putc(b, ' ');
    else
      S_plain(c, b);
  }
}

/* Prints " <url>" after a link whose text is not its address. */
static void S_link_end(S_renderer *r, cmark_node *node) {
  const char *url = cmark_node_get_url(node);
  if (!url || !*url)
    return;
  buf text = {0};
  S_plain(node, &text);
  const char *t = text.data ? text.data : "";
  int same = strcmp(url, t) == 0 ||
             (str_starts(url, "mailto:") && strcmp(url + 7, t) == 0);
  buf_free(&text);
  if (same)
    return;
  S_text(r, " ");
  S_push_style(r, ST_LINK, 1);
  S_text(r, "<");
  S_text(r, url);
  S_text(r, ">");
  S_push_style(r, ST_LINK, -1);
}

/* Prints a code block: indented, each line as is, cut only at the width. */
static void S_code_block(S_renderer *r, const char *lit) {
  S_push_seg(r, "    ", "    ", 0);
  S_cr(r);
  size_t len = strlen(lit);
  if (len && lit[len - 1] == '\n')
    len--;
  for (size_t i = 0; len && i <= len;) {
    size_t end = i;
    while (end < len && lit[end] != '\n')
      end++;
    if (end == i) {
      S_blankline(r);
    } else {
      S_begin(r);
      int start = r->col;
      for (size_t j = i; j < end;) {
        int32_t c;
        size_t n = width_decode(lit + j, end - j, &c);
        if (c < 0)
          S_putchar(r, "\xEF\xBF\xBD", 3, 1, ST_CODE);
        else if (width_is_separator(c))
          S_putchar(r, " ", 1, 1, ST_CODE);
        else if (c == '\t')
          do
            S_putchar(r, " ", 1, 1, ST_CODE);
          while ((r->col - start) % 4);
        else if (!width_is_control(c))
          S_putchar(r, lit + j, n, width_cp(c), ST_CODE);
        j += n;
      }
      S_endline(r);
    }
    i = end + 1;
  }
  S_pop_seg(r);
}

/* Prints a rule of ch across the rest of the line, n columns at most. */
static void S_rule(S_renderer *r, const char *ch, int n, unsigned st) {
  S_cr(r);
  S_begin(r);
  int room = r->width - r->col;
  if (n < 0 || n > room)
    n = room;
  for (int i = 0; i < n; i++)
    S_putchar(r, ch, strlen(ch), 1, st);
  S_endline(r);
}

/* Prints a table at the width left after the prefixes. */
static void S_table(S_renderer *r, const table *t) {
  int w = r->table_width - S_prefix_w(r);
  char *s = table_text(t, w, r->color);
  for (char *p = s; *p;) {
    char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    S_rawline(r, p, n);
    p += n + (nl != NULL);
  }
  free(s);
}

/* Renders one iterator event. */
static void S_node(S_renderer *r, cmark_node *node, int entering) {
  switch (cmark_node_get_type(node)) {
  case CMARK_NODE_DOCUMENT:
    if (!entering)
      S_endtext(r);
    break;
  case CMARK_NODE_BLOCK_QUOTE:
    S_need(r, S_sep(node));
    if (entering)
      S_push_seg(r, r->color ? "\xE2\x94\x82 " : "> ", /* U+2502 */
                 r->color ? "\xE2\x94\x82 " : "> ", ST_DIM);
    else
      S_pop_seg(r);
    break;
  case CMARK_NODE_LIST:
    S_need(r, S_sep(node));
    S_list(r, node, entering);
    break;
  case CMARK_NODE_ITEM:
    S_need(r, S_sep(node));
    if (entering)
      S_item(r, node);
    else
      S_pop_seg(r);
    break;
  case CMARK_NODE_HEADING: {
    int level = cmark_node_get_heading_level(node);
    unsigned st = level == 1 && r->color ? ST_BOLD | ST_ULINE : ST_BOLD;
    int rule = level == 1 && !r->color;
    if (entering) {
      S_need(r, S_sep(node));
      S_cr(r); /* the rule measures this heading, not the line before */
      S_push_style(r, st, 1);
      r->rule = rule;
      r->rule_w = 0;
      break;
    }
    S_endtext(r);
    S_push_style(r, st, -1);
    if (rule) {
      if (r->open)
        S_endline(r);
      r->rule = 0;
      if (r->rule_w)
        S_rule(r, "=", r->rule_w, 0);
    }
    S_need(r, S_sep(node));
    break;
  }
  case CMARK_NODE_PARAGRAPH:
    S_need(r, S_sep(node));
    break;
  case CMARK_NODE_CODE_BLOCK:
    S_need(r, S_sep(node));
    S_code_block(r, cmark_node_get_literal(node));
    S_need(r, S_sep(node));
    break;
  case CMARK_NODE_THEMATIC_BREAK:
    S_need(r, S_sep(node));
    S_rule(r, "\xE2\x94\x80", -1, ST_DIM); /* U+2500 */
    S_need(r, S_sep(node));
    break;
  case CMARK_NODE_CUSTOM_BLOCK: {
    table *t = table_of_node(node);
    S_need(r, S_sep(node));
    if (entering && t)
      S_table(r, t);
    break;
  }
  case CMARK_NODE_CUSTOM_INLINE: {
    /* a diff's deleted or inserted words: red or green, else marked as
     * git diff --word-diff marks them */
    int edit = view_edit_kind(node);
    if (edit && r->color)
      S_push_style(r, edit < 0 ? ST_DEL : ST_INS, entering ? 1 : -1);
    else if (edit)
      S_text(r, edit < 0 ? (entering ? "[-" : "-]") : (entering ? "{+" : "+}"));
    break;
  }
  case CMARK_NODE_HTML_BLOCK:
  case CMARK_NODE_HTML_INLINE:
    break;
  case CMARK_NODE_TEXT:
    S_text(r, cmark_node_get_literal(node));
    break;
  case CMARK_NODE_SOFTBREAK:
    S_text(r, " ");
    break;
  case CMARK_NODE_LINEBREAK:
    S_need(r, 1);
    break;
  case CMARK_NODE_CODE:
    S_push_style(r, ST_CODE, 1);
    S_text(r, cmark_node_get_literal(node));
    S_push_style(r, ST_CODE, -1);
    break;
  case CMARK_NODE_EMPH:
    S_push_style(r, ST_ULINE, entering ? 1 : -1);
    break;
  case CMARK_NODE_STRONG:
    S_push_style(r, ST_BOLD, entering ? 1 : -1);
    break;
  case CMARK_NODE_LINK:
  case CMARK_NODE_IMAGE:
    if (!entering)
      S_link_end(r, node);
    break;
  default:
    break;
  }
}

char *render_text(cmark_node *doc, int width, int prose_width, int color) {
  S_renderer r;
  memset(&r, 0, sizeof(r));
  r.table_width = width < MIN_WIDTH ? MIN_WIDTH : width;
  r.width = prose_width < MIN_WIDTH ? MIN_WIDTH : prose_width;
  if (r.width > r.table_width)
    r.width = r.table_width;
  r.color = color != 0;
  cmark_iter *it = cmark_iter_new(doc);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
    S_node(&r, cmark_iter_get_node(it), ev == CMARK_EVENT_ENTER);
  cmark_iter_free(it);
  S_endtext(&r);
  if (r.open)
    S_endline(&r);
  free(r.segs.items);
  free(r.lists.items);
  buf_free(&r.word);
  buf_free(&r.wstyle);
  return buf_take(&r.out);
}
