/*
 * ingest_html.c: an article page in HTML -> the record set.
 *
 * The second front end beside ingest.c: where the text dump has to guess a
 * block's kind from its shape, the page says it.  libxml2's HTML parser
 * (no network, errors recovered silently) builds the tree; the walk goes
 * over the article's content (mw-parser-output, or #mw-content-text, or
 * the body) in document order and turns headings into sections, p into
 * paragraphs, li into list items, hatnotes, captions and blockquotes into
 * theirs, wikitables into table paragraphs (and into bureaus and heads,
 * recognised by their header cells), the infobox into label/value pairs,
 * and the reference list into references, which each citation marker
 * finds through its link (#cite_note-…).  The three forms of a page are
 * one walk: the page a browser saves, action=parse/render output (old
 * <span class="mw-headline"> and current <div class="mw-heading">
 * headings) and Parsoid HTML (<section>, typeof="mw:Extension/ref").
 * What is left (timeline, incidents, checks) is ingest_common.c's.
 */
#include "mssdoc/mssdoc.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "dates.h"
#include "html_revision.h"
#include "ingest_common.h"
#include "refparse.h"
#include "strpool.h"
#include "util.h"
#include "xmlapi.h"

/* Bounds on what one table may claim, so that a hostile rowspan or colspan
 * cannot make a grid of billions of cells. */
#define S_MAX_SPAN 1000
#define S_MAX_COLS 1000
/* Nesting the walk follows; deeper content is read as text only. */
#define S_MAX_DEPTH 200

/* A citation marker's anchor ("cite_note-foo-3") and its number. */
typedef struct {
  char *anchor;
  int number;
} S_anchor;

typedef struct {
  mssdoc_records *rs;
  mssdoc_strs raw; /* per paragraph: its text with "[N]" markers */
  MSSDOC_LIST(S_anchor) anchors; /* sorted by anchor once collected */
  long open[8]; /* index of the open section at each heading rank, or -1 */
  long cur;     /* the current section, or -1 */
  strpool *ids; /* section ids in use (for uniqueness), a hash set */
} S_ctx;

/* ---- the tree ---- */

static int S_elem(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE &&
         strcmp((const char *)n->name, name) == 0;
}


/* Whether the space-separated list in attribute attr holds word. */
static int S_attr_has(const xmlNode *n, const char *attr, const char *word) {
  const char *v = xmlapi_attr(n, attr);
  size_t m = strlen(word);
  while (v && *v) {
    while (*v && isspace((unsigned char)*v))
      v++;
    size_t k = 0;
    while (v[k] && !isspace((unsigned char)v[k]))
      k++;
    if (k == m && strncmp(v, word, m) == 0)
      return 1;
    v += k;
  }
  return 0;
}

static int S_class(const xmlNode *n, const char *cls) {
  return S_attr_has(n, "class", cls);
}

static int S_line(const xmlNode *n) {
  long l = xmlGetLineNo(n);
  return l > 0 && l < INT_MAX ? (int)l : 1;
}

/* The heading rank of h1…h6 (1…6), or 0. */
static int S_heading_rank(const xmlNode *n) {
  if (!n || n->type != XML_ELEMENT_NODE)
    return 0;
  const char *s = (const char *)n->name;
  return s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && !s[2] ? s[1] - '0' : 0;
}

/* Elements that are never article text: page furniture, styles, scripts,
 * navigation boxes, edit links, maintenance boxes. */
static int S_furniture(const xmlNode *n) {
  static const char *const names[] = {"style", "script", "noscript", "link",
                                      "meta",  "img",    "button",   "input",
                                      "map",   "svg",    NULL};
  static const char *const classes[] = {"mw-editsection",
                                        "navbox",
                                        "navbox-styles",
                                        "vertical-navbox",
                                        "sidebar",
                                        "ambox",
                                        "metadata",
                                        "toc",
                                        "mw-jump-link",
                                        "catlinks",
                                        "printfooter",
                                        "sistersitebox",
                                        "portal",
                                        "shortdescription",
                                        "mw-empty-elt",
                                        "asof-tag",
                                        "mwe-math-fallback-image-inline",
                                        "mwe-math-fallback-image-display",
                                        "magnify",
                                        "mw-cite-backlink",
                                        "reflist-styles",
                                        "authority-control",
                                        NULL};
  for (size_t i = 0; names[i]; i++)
    if (S_elem(n, names[i]))
      return 1;
  for (size_t i = 0; classes[i]; i++)
    if (S_class(n, classes[i]))
      return 1;
  const char *id = xmlapi_attr(n, "id");
  if (id && (strcmp(id, "toc") == 0 || strcmp(id, "catlinks") == 0))
    return 1;
  const char *style = xmlapi_attr(n, "style");
  return style && strstr(style, "display:none");
}

/* ---- inline text ---- */

/* The length of the valid UTF-8 sequence at s (1 to 4), or 0. */
static size_t S_utf8_seq(const unsigned char *s) {
  if (s[0] < 0x80)
    return 1;
  size_t n = s[0] >= 0xC2 && s[0] <= 0xDF   ? 2
             : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
             : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                            : 0;
  for (size_t i = 1; i < n; i++)
    if ((s[i] & 0xC0) != 0x80)
      return 0;
  if ((n == 3 && s[0] == 0xE0 && s[1] < 0xA0) ||
      (n == 3 && s[0] == 0xED && s[1] >= 0xA0) ||
      (n == 4 && s[0] == 0xF0 && s[1] < 0x90) ||
      (n == 4 && s[0] == 0xF4 && s[1] >= 0x90))
    return 0;
  return n;
}

/* s as valid UTF-8 (malloc'd): a string that is not is read as Latin-1
 * (old COinS spans percent-encode it so) when latin1, else each bad byte
 * becomes U+FFFD. */
static char *S_utf8(const char *s, int latin1) {
  const unsigned char *p = (const unsigned char *)s;
  int valid = 1;
  for (size_t i = 0, k; p[i]; i += k)
    if (!(k = S_utf8_seq(p + i))) {
      valid = 0;
      break;
    }
  if (valid)
    return xstrdup(s);
  buf b = {0};
  for (size_t i = 0; p[i];) {
    size_t k = latin1 ? (p[i] < 0x80) : S_utf8_seq(p + i);
    if (k) {
      buf_put(&b, s + i, k);
      i += k;
    } else if (latin1) {
      buf_putc(&b, (char)(0xC0 | (p[i] >> 6)));
      buf_putc(&b, (char)(0x80 | (p[i] & 0x3F)));
      i++;
    } else {
      buf_puts(&b, "\xEF\xBF\xBD");
      i++;
    }
  }
  return buf_take(&b);
}

/* Text being collected: clean, and raw (markers kept as "[N]"). */
typedef struct {
  buf text, raw;
  mssdoc_ints refs, offsets;
  mssdoc_strs tags;
  mssdoc_ints tag_offsets;              /* where each tag stood in text */
  mssdoc_strs link_targets, link_texts; /* links to articles, paired */
  int space;    /* white space is pending */
  int keep_all; /* reference text: maintenance tags stay text */
  int list_sep; /* infobox values: "; " between list items */
} S_inline;

static void S_put(S_inline *in, const char *s, size_t n) {
  if (in->space && in->text.len) {
    buf_putc(&in->text, ' ');
    buf_putc(&in->raw, ' ');
  }
  in->space = 0;
  buf_put(&in->text, s, n);
  buf_put(&in->raw, s, n);
}

/* Appends a text node: runs of white space become one space, control
 * bytes a U+FFFD (no record holds what XML cannot). */
static void S_put_text(S_inline *in, const char *text) {
  char *fixed = S_utf8(text, 0);
  const char *s = fixed;
  while (*s) {
    if (isspace((unsigned char)*s)) {
      in->space = 1;
      s++;
      continue;
    }
    size_t k = 0;
    while (s[k] && !isspace((unsigned char)s[k]) &&
           ((unsigned char)s[k] >= 0x20 && s[k] != 0x7f))
      k++;
    if (k)
      S_put(in, s, k);
    else {
      S_put(in, "\xEF\xBF\xBD", 3);
      k = 1;
    }
    s += k;
  }
  free(fixed);
}

static int S_anchor_cmp(const void *a, const void *b) {
  return strcmp(((const S_anchor *)a)->anchor, ((const S_anchor *)b)->anchor);
}

/* The number of the reference an anchor names, or 0. */
static int S_anchor_number(const S_ctx *c, const char *anchor) {
  size_t lo = 0, hi = c->anchors.count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int k = strcmp(c->anchors.items[mid].anchor, anchor);
    if (k == 0)
      return c->anchors.items[mid].number;
    if (k < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

/* A citation marker: <sup class="reference"> (legacy parser) or
 * <sup typeof="mw:Extension/ref"> (Parsoid). */
static int S_is_marker(const xmlNode *n) {
  return S_elem(n, "sup") && (S_class(n, "reference") ||
                              S_attr_has(n, "typeof", "mw:Extension/ref"));
}

/* The anchor a marker links to (after '#'; borrowed), or NULL. */
static const char *S_marker_anchor(const xmlNode *n) {
  for (const xmlNode *k = n->children; k; k = k->next) {
    if (k->type != XML_ELEMENT_NODE)
      continue;
    const char *href = S_elem(k, "a") ? xmlapi_attr(k, "href") : NULL;
    const char *hash = href ? strchr(href, '#') : NULL;
    if (hash && hash[1])
      return hash + 1;
    const char *deeper = S_marker_anchor(k);
    if (deeper)
      return deeper;
  }
  return NULL;
}

static void S_collect(S_ctx *c, const xmlNode *n, S_inline *in, int depth);

/* Namespaces whose pages are not articles: a link to one is not a link
 * to what the article is about (a fact table of MediaWiki's canonical
 * namespaces and their aliases). */
static const char *const NON_ARTICLE_NAMESPACES[] = {
    "File",     "Image",    "Category", "Special",  "Help",   "Wikipedia",
    "WP",       "Template", "Portal",   "Talk",     "User",   "User talk",
    "Draft",    "Module",   "MediaWiki", "Media",   "Book",   "TimedText",
    "Template talk", "Wikipedia talk", "File talk", "Category talk", NULL};

/* The hex digit's value, or -1. */
static int S_hex(char ch) {
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'a' && ch <= 'f')
    return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F')
    return ch - 'A' + 10;
  return -1;
}

/* 1 if href, whose path starts at path, is "//HOST", "http://HOST" or
 * "https://HOST" and HOST a Wikipedia ("en.wikipedia.org"): a link to
 * another wiki (Wiktionary) leads to no article of this one. */
static int S_wikipedia_host(const char *href, const char *path) {
  const char *host = strncmp(href, "//", 2) == 0          ? href + 2
                     : strncmp(href, "http://", 7) == 0  ? href + 7
                     : strncmp(href, "https://", 8) == 0 ? href + 8
                                                         : NULL;
  static const char SUFFIX[] = "wikipedia.org";
  size_t n = host && path > host ? (size_t)(path - host) : 0;
  return n >= sizeof SUFFIX - 1 &&
         strncasecmp(path - (sizeof SUFFIX - 1), SUFFIX, sizeof SUFFIX - 1) ==
             0 &&
         (n == sizeof SUFFIX - 1 || path[-(int)sizeof SUFFIX] == '.');
}

static char *S_decode_title(const char *t);

/* The title of the article a link's href leads to (malloc'd), or NULL
 * for any other link: "./Title" (Parsoid), "/wiki/Title" (absolute or
 * not), and a red link's "/w/index.php?title=Title&...redlink=1";
 * percent-decoded, underscores as spaces, without its fragment. */
static char *S_link_target(const char *href) {
  if (!href)
    return NULL;
  const char *t = NULL;
  const char *wiki = strstr(href, "/wiki/");
  if (strncmp(href, "./", 2) == 0)
    t = href + 2;
  else if (wiki && (wiki == href || S_wikipedia_host(href, wiki)))
    t = wiki + 6;
  else if (strncmp(href, "/w/index.php?", 13) == 0 && strstr(href, "redlink=1")) {
    const char *q = strstr(href, "?title=");
    if (!q)
      q = strstr(href, "&title=");
    t = q ? q + 7 : NULL;
  }
  return S_decode_title(t);
}

/* The page title at t, up to its end ('#', '?', '&' or NUL):
 * percent-decoded, underscores as spaces (malloc'd); NULL if it is not an
 * article's title. */
static char *S_decode_title(const char *t) {
  if (!t || !*t || *t == '#')
    return NULL;
  const char *end = t + strcspn(t, "#?&");
  buf b = {0};
  for (const char *p = t; p < end; p++) {
    int hi, lo;
    if (*p == '%' && end - p > 2 && (hi = S_hex(p[1])) >= 0 &&
        (lo = S_hex(p[2])) >= 0) {
      buf_putc(&b, (char)(hi * 16 + lo));
      p += 2;
    } else
      buf_putc(&b, *p == '_' ? ' ' : *p);
  }
  size_t len = b.len;
  char *title = buf_take(&b);
  /* a title holds no NUL or control byte, and is UTF-8 (utf8proc) */
  int ok = len && strlen(title) == len &&
           utf8proc_decompose((const utf8proc_uint8_t *)title,
                              (utf8proc_ssize_t)len, NULL, 0, 0) >= 0;
  for (size_t i = 0; ok && i < len; i++)
    ok = (unsigned char)title[i] >= 0x20 && title[i] != 0x7F;
  const char *colon = ok ? strchr(title, ':') : NULL;
  for (size_t i = 0; colon && NON_ARTICLE_NAMESPACES[i]; i++) {
    size_t n = strlen(NON_ARTICLE_NAMESPACES[i]);
    if ((size_t)(colon - title) == n &&
        strncasecmp(title, NON_ARTICLE_NAMESPACES[i], n) == 0)
      ok = 0;
  }
  if (!ok) {
    free(title);
    return NULL;
  }
  return title;
}

/* All the text under n, white space collapsed (malloc'd). */
static char *S_text_of(S_ctx *c, const xmlNode *n) {
  S_inline in = {0};
  in.keep_all = 1;
  S_collect(c, n, &in, 0);
  buf_free(&in.raw);
  ints_free(&in.refs);
  ints_free(&in.offsets);
  strs_free(&in.tags);
  ints_free(&in.tag_offsets);
  strs_free(&in.link_targets);
  strs_free(&in.link_texts);
  return buf_take(&in.text);
}

/* An inline maintenance template: "[citation needed]", "[who?]". */
static int S_is_tag(const xmlNode *n) {
  return S_elem(n, "sup") &&
         (S_class(n, "Inline-Template") || S_class(n, "noprint"));
}

static void S_collect_one(S_ctx *c, const xmlNode *k, S_inline *in, int depth) {
  if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
    if (k->content)
      S_put_text(in, (const char *)k->content);
    return;
  }
  if (k->type != XML_ELEMENT_NODE)
    return;
  /* a superscript of the reference class that links nowhere is {{rp}}'s
   * page locator ("[12]:35"): text, as the page shows it */
  if (S_is_marker(k) && S_marker_anchor(k)) {
    const char *anchor = S_marker_anchor(k);
    int num = anchor ? S_anchor_number(c, anchor) : 0;
    if (num > 0) {
      ints_push(&in->refs, num);
      ints_push(&in->offsets, (int)in->text.len);
      buf_printf(&in->raw, "[%d]", num);
      return;
    }
    /* a marker of another group ([a], [n 1]) is no citation: its note is
     * a list item; the marker stays text, as the page and a dump show it */
    char *t = S_text_of(c, k);
    S_put(in, t, strlen(t));
    free(t);
    return;
  }
  if (!in->keep_all && S_is_tag(k)) {
    char *t = S_text_of(c, k);
    size_t n = strlen(t), from = 0;
    while (from < n && (t[from] == '[' || t[from] == ' '))
      from++;
    while (n > from && (t[n - 1] == ']' || t[n - 1] == ' '))
      n--;
    if (n > from) {
      char *tag = str_plain_spaces(t + from, n - from);
      strs_push(&in->tags, tag);
      ints_push(&in->tag_offsets, (int)in->text.len);
      buf_printf(&in->raw, "[%s]", tag);
      free(tag);
    }
    free(t);
    return;
  }
  if (S_elem(k, "math")) { /* MathML: its TeX source reads as text */
    const char *alt = xmlapi_attr(k, "alttext");
    if (alt)
      S_put_text(in, alt);
    return;
  }
  if (S_furniture(k))
    return;
  if (S_elem(k, "br")) {
    in->space = 1;
    return;
  }
  if (in->list_sep && S_elem(k, "li") && in->text.len) {
    buf_putc(&in->text, ';'); /* the item's space follows */
    buf_putc(&in->raw, ';');
  }
  int block = S_elem(k, "p") || S_elem(k, "div") || S_elem(k, "li") ||
              S_elem(k, "td") || S_elem(k, "th") || S_elem(k, "tr");
  if (block)
    in->space = 1;
  char *target = S_elem(k, "a") ? S_link_target(xmlapi_attr(k, "href")) : NULL;
  size_t from = in->text.len + (in->space && in->text.len);
  S_collect(c, k, in, depth + 1);
  if (target) {
    size_t to = in->text.len;
    char *text = from < to ? xstrndup(in->text.data + from, to - from)
                           : xstrdup("");
    strs_push(&in->link_targets, target);
    strs_push(&in->link_texts, text);
    free(text);
    free(target);
  }
  if (block)
    in->space = 1;
}

static void S_collect(S_ctx *c, const xmlNode *n, S_inline *in, int depth) {
  if (depth > S_MAX_DEPTH)
    return;
  for (const xmlNode *k = n->children; k; k = k->next)
    S_collect_one(c, k, in, depth);
}

static void S_inline_free(S_inline *in) {
  buf_free(&in->text);
  buf_free(&in->raw);
  ints_free(&in->refs);
  ints_free(&in->offsets);
  strs_free(&in->tags);
  ints_free(&in->tag_offsets);
  strs_free(&in->link_targets);
  strs_free(&in->link_texts);
}

/* ---- records ---- */

static int S_id_used(const S_ctx *c, const char *id) {
  return strpool_find(c->ids, id) != NULL;
}

/* Marks id (owned, freed here) as in use. */
static void S_id_add(S_ctx *c, char *id) {
  strpool_intern(&c->ids, id);
  free(id);
}

/* A section id from the page's anchor: kept where it is an XML NCName's
 * letters (records.rng); other bytes become '-', and one that would open
 * with a digit, '-' or '.' gets "section-" in front.  Unique ("-2", …). */
static char *S_section_id(S_ctx *c, const char *given) {
  buf b = {0};
  char *anchor = S_utf8(given, 0);
  /* ASCII only: most non-ASCII characters are not NCName letters */
  for (const unsigned char *p = (const unsigned char *)anchor; *p; p++) {
    size_t k = *p >= 0x80 ? S_utf8_seq(p) : 0;
    if (k > 1)
      p += k - 1;
    buf_putc(&b,
             (*p < 0x80 && (isalnum(*p) || *p == '_' || *p == '-' || *p == '.'))
                 ? (char)*p
                 : '-');
  }
  free(anchor);
  if (!b.len)
    buf_puts(&b, "section");
  char *id = buf_take(&b);
  if (!isalpha((unsigned char)id[0]) && id[0] != '_' &&
      (unsigned char)id[0] < 0x80) {
    char *pre = xasprintf("section-%s", id);
    free(id);
    id = pre;
  }
  if (S_id_used(c, id)) {
    for (int k = 2;; k++) {
      char *alt = xasprintf("%s-%d", id, k);
      if (!S_id_used(c, alt)) {
        free(id);
        id = alt;
        break;
      }
      free(alt);
    }
  }
  return id;
}

/* Adds a section under the nearest open heading of a lower rank. */
static void S_add_section(S_ctx *c, const char *title, const char *anchor,
                          int rank, int line) {
  mssdoc_records *rs = c->rs;
  long parent = -1;
  for (int r = rank - 1; r >= 2 && parent < 0; r--)
    parent = c->open[r];
  char *id = S_section_id(c, anchor && anchor[0] ? anchor : title);
  mssdoc_section *s = LIST_PUSH(rs->sections);
  s->id = mssdoc_records_str(rs, id);
  s->title = mssdoc_records_str(rs, title);
  s->level = rank == 7 ? 3 : parent < 0 ? 1 : 2; /* 7: a table caption */
  s->line = line;
  s->parent = parent >= 0 ? rs->sections.items[parent].id : NULL;
  S_id_add(c, id);
  long idx = (long)rs->sections.count - 1;
  c->open[rank] = idx;
  for (int r = rank + 1; r < 8; r++)
    c->open[r] = -1;
  c->cur = idx;
}

/* The lead, opened by the first paragraph before any heading. */
static void S_need_section(S_ctx *c, int line) {
  if (c->cur < 0)
    S_add_section(c, "Lead", "lead", 1, line);
}

/* Adds a paragraph from collected text (taken over), with a citation per
 * marker.  Empty text adds nothing. */
static void S_add_paragraph(S_ctx *c, const char *kind, S_inline *in,
                            int line) {
  char *text = str_trim(in->text.data ? in->text.data : "", in->text.len);
  if (!text[0]) {
    free(text);
    S_inline_free(in);
    return;
  }
  /* offsets were counted before the trim of leading white space: none,
   * since S_put writes a space only between words */
  S_need_section(c, line);
  mssdoc_records *rs = c->rs;
  mssdoc_paragraph *p = LIST_PUSH(rs->paragraphs);
  char id[32];
  snprintf(id, sizeof id, "p%zu", rs->paragraphs.count);
  p->id = mssdoc_records_str(rs, id);
  p->section = rs->sections.items[c->cur].id; /* shared */
  p->line = line;
  p->kind = mssdoc_records_str(rs, kind);
  p->text = text;
  for (size_t i = 0; i < in->offsets.count; i++)
    if ((size_t)in->offsets.items[i] > strlen(text))
      in->offsets.items[i] = (int)strlen(text);
  for (size_t i = 0; i < in->tag_offsets.count; i++)
    if ((size_t)in->tag_offsets.items[i] > strlen(text))
      in->tag_offsets.items[i] = (int)strlen(text);
  p->refs = in->refs;
  p->ref_offsets = in->offsets;
  p->tags = in->tags;
  p->tag_offsets = in->tag_offsets;
  p->link_targets = in->link_targets;
  p->link_texts = in->link_texts;
  memset(&in->refs, 0, sizeof in->refs);
  memset(&in->offsets, 0, sizeof in->offsets);
  memset(&in->tags, 0, sizeof in->tags);
  memset(&in->tag_offsets, 0, sizeof in->tag_offsets);
  memset(&in->link_targets, 0, sizeof in->link_targets);
  memset(&in->link_texts, 0, sizeof in->link_texts);
  for (size_t i = 0; i < p->refs.count; i++) {
    mssdoc_citation *ci = LIST_PUSH(rs->citations);
    ci->ref = p->refs.items[i];
    ci->paragraph = p->id; /* shared (mssdoc_records_str) */
    ci->line = line;
  }
  char *raw = str_trim(in->raw.data ? in->raw.data : "", in->raw.len);
  strs_push(&c->raw, raw);
  free(raw);
  S_inline_free(in);
}

static void S_paragraph(S_ctx *c, const xmlNode *n, const char *kind) {
  S_inline in = {0};
  S_collect(c, n, &in, 0);
  S_add_paragraph(c, kind, &in, S_line(n));
}

/* ---- references ---- */

/* The number a marker shows ("[12]" -> 12), or 0 for another group's. */
static int S_marker_number(S_ctx *c, const xmlNode *n) {
  char *t = S_text_of(c, n);
  const char *s = t;
  while (*s == ' ' || *s == '[')
    s++;
  long v = 0;
  int digits = 0;
  while (isdigit((unsigned char)*s) && digits < 7) {
    v = v * 10 + (*s++ - '0');
    digits++;
  }
  while (*s == ' ' || *s == ']')
    s++;
  int ok = digits && !*s && v > 0;
  free(t);
  return ok ? (int)v : 0;
}

/* Every marker's anchor and number, in document order. */
static void S_scan_markers(S_ctx *c, const xmlNode *n, int depth) {
  if (depth > S_MAX_DEPTH)
    return;
  for (const xmlNode *k = n->children; k; k = k->next) {
    if (k->type != XML_ELEMENT_NODE)
      continue;
    if (S_is_marker(k)) {
      const char *anchor = S_marker_anchor(k);
      int num = anchor ? S_marker_number(c, k) : 0;
      if (num) {
        S_anchor *a = LIST_PUSH(c->anchors);
        a->anchor = xstrdup(anchor);
        a->number = num;
      }
      continue;
    }
    S_scan_markers(c, k, depth + 1);
  }
}

/* Sorts the anchors and keeps the first number of each. */
static void S_sort_anchors(S_ctx *c) {
  if (!c->anchors.count)
    return;
  /* a stable order: by anchor, then by position (mergesort by hand is
   * not worth it; duplicates carry one number in a well-formed page) */
  qsort(c->anchors.items, c->anchors.count, sizeof *c->anchors.items,
        S_anchor_cmp);
  size_t w = 0;
  for (size_t i = 0; i < c->anchors.count; i++) {
    if (w && strcmp(c->anchors.items[w - 1].anchor,
                    c->anchors.items[i].anchor) == 0) {
      free(c->anchors.items[i].anchor);
      continue;
    }
    c->anchors.items[w++] = c->anchors.items[i];
  }
  c->anchors.count = w;
}

/* Percent-decodes a COinS value ('+' is a space); malloc'd. */
static char *S_url_decode(const char *s, size_t n) {
  buf b = {0};
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '+')
      buf_putc(&b, ' ');
    else if (s[i] == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
             isxdigit((unsigned char)s[i + 2])) {
      char hex[3] = {s[i + 1], s[i + 2], 0};
      int v = (int)strtol(hex, NULL, 16);
      buf_putc(&b, v >= 0x20 || v == 0x09 ? (char)v : ' ');
      i += 2;
    } else
      buf_putc(&b, s[i]);
  }
  char *out = buf_take(&b);
  char *trimmed = str_trim(out, strlen(out));
  free(out);
  char *valid = S_utf8(trimmed, 1);
  free(trimmed);
  return valid;
}

static void S_set(char **field, char *value) {
  if (!value[0]) {
    free(value);
    return;
  }
  free(*field);
  *field = value;
}

/* A COinS identifier link that names its scheme
 * ("https://www.jstor.org/stable/4618770#id-name=JSTOR",
 * "https://api.semanticscholar.org/CorpusID:154801635#id-name=S2CID"):
 * the value after the link's last "/" or ":", into r's ids (DOI, ISBN,
 * ISSN and OCLC have fields of their own). */
static void S_coins_id(mssdoc_reference *r, const char *v) {
  const char *h = strstr(v, "#id-name=");
  char *scheme = xstrdup(h + 9);
  for (char *c = scheme; *c; c++) {
    if (!isalnum((unsigned char)*c)) {
      free(scheme);
      return;
    }
    *c = (char)tolower((unsigned char)*c);
  }
  const char *e = h;
  while (e > v && e[-1] != '/' && e[-1] != ':' && e[-1] != '=')
    e--;
  static const char *const own[] = {"doi", "isbn", "issn", "oclc", NULL};
  int skip = !isalpha((unsigned char)scheme[0]) || e == h;
  for (size_t k = 0; own[k] && !skip; k++)
    skip = strcmp(scheme, own[k]) == 0;
  for (size_t i = 0; i + 1 < r->ids.count && !skip; i += 2)
    skip = strcmp(r->ids.items[i], scheme) == 0;
  if (!skip) {
    strs_push(&r->ids, scheme);
    char *val = xstrndup(e, (size_t)(h - e));
    strs_push(&r->ids, val);
    free(val);
  }
  free(scheme);
}

/* Fields of a COinS span (title="ctx_ver=Z39.88-2004&rft.btitle=…"). */
static void S_coins(mssdoc_reference *r, const char *q) {
  mssdoc_strs authors = {0};
  char *last = NULL, *first = NULL, *spage = NULL, *epage = NULL;
  int article = strstr(q, "rft.atitle=") != NULL;
  while (*q) {
    const char *amp = strchr(q, '&');
    size_t n = amp ? (size_t)(amp - q) : strlen(q);
    const char *eq = memchr(q, '=', n);
    if (eq) {
      size_t kl = (size_t)(eq - q);
      char *v = S_url_decode(eq + 1, n - kl - 1);
#define KEY(k) (kl == strlen(k) && strncmp(q, k, kl) == 0)
      if (KEY("rft.atitle") || (KEY("rft.btitle") && !article) ||
          KEY("rft.title"))
        S_set(&r->title, v);
      else if (KEY("rft.jtitle") || (KEY("rft.btitle") && article))
        S_set(&r->work, v);
      else if (KEY("rft.date"))
        S_set(&r->date, v);
      else if (KEY("rft.pub")) {
        /* the text's place stood before the publisher the text read */
        if (r->publisher && strcmp(r->publisher, v) != 0) {
          free(r->place);
          r->place = NULL;
        }
        S_set(&r->publisher, v);
      } else if (KEY("rft.pages"))
        S_set(&r->pages, v);
      else if (KEY("rft.spage"))
        S_set(&spage, v);
      else if (KEY("rft.epage"))
        S_set(&epage, v);
      else if (KEY("rft.isbn"))
        S_set(&r->isbn, v);
      else if (KEY("rft.issn"))
        S_set(&r->issn, v);
      else if (KEY("rft.aulast"))
        S_set(&last, v);
      else if (KEY("rft.aufirst"))
        S_set(&first, v);
      else if (KEY("rft.volume"))
        S_set(&r->volume, v);
      else if (KEY("rft.issue"))
        S_set(&r->issue, v);
      else if (KEY("rft.place"))
        S_set(&r->place, v);
      else if (KEY("rft.au")) {
        if (v[0]) {
          char *name = refparse_name(v); /* "Bill Bishop": family first */
          strs_push(&authors, name);
          free(name);
        }
        free(v);
      } else if (KEY("rft_id") && strstr(v, "#id-name="))
        S_coins_id(r, v), free(v);
      else if (KEY("rft_id") && str_starts(v, "info:doi/"))
        S_set(&r->doi, xstrdup(v + 9)), free(v);
      else if (KEY("rft_id") && str_starts(v, "info:oclcnum/"))
        S_set(&r->oclc, xstrdup(v + 13)), free(v);
      else
        free(v);
#undef KEY
    }
    q += n + (amp != NULL);
  }
  if (!r->pages && spage)
    r->pages = epage ? xasprintf("%s-%s", spage, epage) : xstrdup(spage);
  if (last || authors.count) {
    mssdoc_strs all = {0};
    if (last) {
      char *name = first ? xasprintf("%s, %s", last, first) : xstrdup(last);
      strs_push(&all, name);
      free(name);
    }
    for (size_t i = 0; i < authors.count; i++)
      strs_push(&all, authors.items[i]);
    strs_free(&r->authors);
    r->authors = all;
  }
  strs_free(&authors);
  free(last);
  free(first);
  free(spage);
  free(epage);
}

/* The first descendant of n with class cls, or NULL. */
static const xmlNode *S_find_class(const xmlNode *n, const char *cls,
                                   int depth) {
  if (depth > S_MAX_DEPTH)
    return NULL;
  for (const xmlNode *k = n->children; k; k = k->next) {
    if (k->type != XML_ELEMENT_NODE)
      continue;
    if (S_class(k, cls))
      return k;
    const xmlNode *d = S_find_class(k, cls, depth + 1);
    if (d)
      return d;
  }
  return NULL;
}

static size_t S_count_links(const xmlNode *n, int depth) {
  size_t k = 0;
  if (depth > S_MAX_DEPTH)
    return 0;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (S_elem(c, "a"))
      k++;
    else if (c->type == XML_ELEMENT_NODE)
      k += S_count_links(c, depth + 1);
  return k;
}

/* The backlinks of a reference entry: the legacy parser's "^ a b c" (one
 * link each) or Parsoid's rel="mw:referencedBy". */
static int S_backlinks(const xmlNode *li) {
  for (const xmlNode *k = li->children; k; k = k->next) {
    if (k->type != XML_ELEMENT_NODE)
      continue;
    if (S_class(k, "mw-cite-backlink") ||
        S_attr_has(k, "rel", "mw:referencedBy")) {
      if (S_elem(k, "a"))
        return 1;
      size_t n = S_count_links(k, 0);
      return n ? (int)n : 1;
    }
  }
  return 1;
}

/* The text of a reference entry: all of it but its backlinks, so also
 * words a note adds after the citation, outside its reference-text span
 * (malloc'd). */
static char *S_entry_text(S_ctx *c, const xmlNode *li) {
  S_inline in = {0};
  in.keep_all = 1;
  for (const xmlNode *k = li->children; k; k = k->next)
    if (k->type != XML_ELEMENT_NODE ||
        !(S_class(k, "mw-cite-backlink") ||
          S_attr_has(k, "rel", "mw:referencedBy")))
      S_collect_one(c, k, &in, 0);
  char *text = str_trim(in.text.data ? in.text.data : "", in.text.len);
  S_inline_free(&in);
  return text;
}

/* One entry of a reference list, numbered num. */
static void S_reference(S_ctx *c, const xmlNode *li, int num) {
  const xmlNode *body = S_find_class(li, "reference-text", 0);
  if (!body)
    body = S_find_class(li, "mw-reference-text", 0);
  char *text = S_entry_text(c, li);
  char *line = xasprintf("%d. ^ %s", num, text);
  mssdoc_reference r = {0};
  if (!refparse_line(line, S_line(li), &r)) {
    r.number = num;
    r.text = xstrdup(text);
    r.line = S_line(li);
  }
  free(line);
  free(text);
  r.number = num;
  r.backlinks = S_backlinks(li);
  const xmlNode *coins = S_find_class(li, "Z3988", 0);
  const char *q = coins ? xmlapi_attr(coins, "title") : NULL;
  if (q)
    S_coins(&r, q);
  /* the cited work's link: the entry's first external link (a citation
   * template puts the work's own before "Archived from the original") */
  const xmlNode *ext = S_find_class(body ? body : li, "external", 0);
  const char *href = ext && S_elem(ext, "a") ? xmlapi_attr(ext, "href") : NULL;
  if (href && *href)
    r.url = href[0] == '/' && href[1] == '/' ? xasprintf("https:%s", href)
                                             : xstrdup(href);
  *LIST_PUSH(c->rs->references) = r;
}

/* An entry of a reference list: <li id="cite_note-…">. */
static int S_is_note(const xmlNode *n) {
  const char *id = S_elem(n, "li") ? xmlapi_attr(n, "id") : NULL;
  return id && str_starts(id, "cite_note-");
}

/* A reference list: each entry numbered as its markers show it; an entry
 * no marker cites takes the number after the one before it.  A list none
 * of whose entries has a numbered marker is another group's (notes: [a],
 * [n 1]): its entries are list items, their citations kept. */
static void S_reference_list(S_ctx *c, const xmlNode *ol) {
  int numbered = 0;
  for (const xmlNode *k = ol->children; k && !numbered; k = k->next)
    numbered = S_is_note(k) && S_anchor_number(c, xmlapi_attr(k, "id")) > 0;
  if (!numbered) {
    for (const xmlNode *k = ol->children; k; k = k->next)
      if (S_elem(k, "li")) {
        const xmlNode *body = S_find_class(k, "reference-text", 0);
        if (!body)
          body = S_find_class(k, "mw-reference-text", 0);
        S_inline in = {0};
        S_collect(c, body ? body : k, &in, 0);
        S_add_paragraph(c, "list-item", &in, S_line(k));
      }
    return;
  }
  int prev = 0;
  for (const xmlNode *k = ol->children; k; k = k->next) {
    if (!S_is_note(k))
      continue;
    int num = S_anchor_number(c, xmlapi_attr(k, "id"));
    if (num <= 0)
      num = prev + 1;
    S_reference(c, k, num);
    prev = num;
  }
}

/* ---- infobox ---- */

/* The rows of an infobox read so far: the header awaiting its value, and
 * the field that header's value rows go into. */
typedef struct {
  int rows;      /* rows seen */
  char *heading; /* a header row's text, owned, or NULL */
  int heading_line;
  size_t field; /* index + 1 of the heading's field, or 0 */
} S_infobox_state;

/* Adds an item of kind with label and value (both owned, taken) and in's
 * citations. */
static void S_infobox_item(S_ctx *c, int line, const char *kind, char *label,
                           char *value, S_inline *in) {
  mssdoc_infobox_item *it = LIST_PUSH(c->rs->infobox);
  it->label = label;
  it->value = value;
  it->line = line;
  if (in) {
    it->refs = in->refs;
    memset(&in->refs, 0, sizeof in->refs);
  }
  it->kind = mssdoc_records_str(c->rs, kind);
}

/* A cell's text as an infobox value (list items apart by "; "), its
 * citations in in. Returns the text (caller frees). */
static char *S_infobox_value(S_ctx *c, const xmlNode *cell, S_inline *in) {
  in->list_sep = 1;
  S_collect(c, cell, in, 0);
  return str_trim(in->text.data ? in->text.data : "", in->text.len);
}

/* A header row that turned out to head other rows: a "header" item. */
static void S_infobox_heading_done(S_ctx *c, S_infobox_state *st) {
  if (st->heading && !st->field)
    S_infobox_item(c, st->heading_line, "header", xstrdup(""), st->heading,
                   NULL);
  else
    free(st->heading);
  st->heading = NULL;
  st->field = 0;
}

/* Adds label: value as a field if both have text; frees them otherwise. */
static void S_infobox_pair(S_ctx *c, const xmlNode *tr, char *label,
                           char *value, S_inline *in) {
  if (label[0] && value[0])
    S_infobox_item(c, S_line(tr), "field", label, value, in);
  else {
    free(label);
    free(value);
  }
}

/* One row. Three shapes carry a field: a header cell and a value cell;
 * two value cells, the first a label ("Kingdom:", as in taxoboxes); a
 * header row across the box followed by rows of one cell across it, its
 * value. A header row over other rows is a "header" item, a row of one
 * cell under no header a "caption" (of the picture above it). The first
 * row, the box's title, is none. */
static void S_infobox_row(S_ctx *c, const xmlNode *tr, S_infobox_state *st) {
  const xmlNode *th = NULL, *td = NULL, *td2 = NULL;
  int nth = 0, ntd = 0;
  for (const xmlNode *cell = tr->children; cell; cell = cell->next) {
    if (S_elem(cell, "th") && nth++ == 0 && !td)
      th = cell;
    else if (S_elem(cell, "td") && ntd++ < 2)
      *(td ? &td2 : &td) = cell;
  }
  int first = st->rows++ == 0;
  S_inline in = {0};
  if (nth == 1 && ntd == 0) { /* a header across the box */
    S_infobox_heading_done(c, st);
    if (!first) {
      st->heading = S_text_of(c, th);
      st->heading_line = S_line(tr);
      if (!st->heading[0]) {
        free(st->heading);
        st->heading = NULL;
      }
    }
    return;
  }
  if (nth == 0 && ntd == 1) {
    char *value = S_infobox_value(c, td, &in);
    if (!value[0])
      free(value);
    else if (st->field) { /* a further row of the same header's value */
      mssdoc_infobox_item *it = &c->rs->infobox.items[st->field - 1];
      char *joined = xasprintf("%s; %s", it->value, value);
      free(it->value);
      free(value);
      it->value = joined;
      for (size_t i = 0; i < in.refs.count; i++)
        ints_push(&it->refs, in.refs.items[i]);
    } else if (st->heading) {
      S_infobox_item(c, S_line(tr), "field", st->heading, value, &in);
      st->heading = NULL;
      st->field = c->rs->infobox.count;
    } else
      S_infobox_item(c, S_line(tr), "caption", xstrdup(""), value, &in);
    S_inline_free(&in);
    return;
  }
  S_infobox_heading_done(c, st);
  if (th && td)
    S_infobox_pair(c, tr, S_text_of(c, th), S_infobox_value(c, td, &in), &in);
  else if (nth == 0 && ntd == 2) {
    char *label = S_text_of(c, td);
    size_t n = strlen(label);
    while (n && (label[n - 1] == ':' || label[n - 1] == ' '))
      label[--n] = '\0';
    S_infobox_pair(c, tr, label, S_infobox_value(c, td2, &in), &in);
  }
  S_inline_free(&in);
}

static void S_infobox_rows(S_ctx *c, const xmlNode *n, S_infobox_state *st,
                           int depth) {
  if (depth > S_MAX_DEPTH)
    return;
  for (const xmlNode *k = n->children; k; k = k->next) {
    if (S_elem(k, "tbody") || S_elem(k, "thead"))
      S_infobox_rows(c, k, st, depth + 1);
    else if (S_elem(k, "tr"))
      S_infobox_row(c, k, st);
  }
}

static void S_infobox(S_ctx *c, const xmlNode *table) {
  S_infobox_state st = {0};
  S_infobox_rows(c, table, &st, 0);
  S_infobox_heading_done(c, &st);
}

/* ---- tables ---- */

typedef struct {
  S_inline *cells; /* each source cell once */
  size_t ncells, capcells;
  long *grid; /* rows x cols: index into cells, or -1 */
  size_t rows, cols;
  int *row_line, *row_head; /* per row: line, all cells th */
  const xmlNode **trs;
  size_t ntrs;
} S_table;

static void S_table_rows(const xmlNode *n, S_table *t, int depth) {
  if (depth > 3)
    return;
  for (const xmlNode *k = n->children; k; k = k->next) {
    if (S_elem(k, "tr")) {
      t->trs = xrealloc(t->trs, (t->ntrs + 1) * sizeof *t->trs);
      t->trs[t->ntrs++] = k;
    } else if (S_elem(k, "thead") || S_elem(k, "tbody") || S_elem(k, "tfoot"))
      S_table_rows(k, t, depth + 1);
  }
}

static int S_span(const xmlNode *cell, const char *attr) {
  const char *v = xmlapi_attr(cell, attr);
  long n = v ? strtol(v, NULL, 10) : 1;
  return n < 1 ? 1 : n > S_MAX_SPAN ? S_MAX_SPAN : (int)n;
}

/* Reads a table into a grid, rowspan and colspan resolved: a spanning
 * cell fills every slot it covers. */
static void S_table_read(S_ctx *c, const xmlNode *table, S_table *t) {
  S_table_rows(table, t, 0);
  t->rows = t->ntrs;
  size_t cols = 0;
  /* first pass: the widest row, spans included */
  for (size_t r = 0; r < t->ntrs; r++) {
    size_t w = 0;
    for (const xmlNode *k = t->trs[r]->children; k; k = k->next)
      if (S_elem(k, "td") || S_elem(k, "th"))
        w += (size_t)S_span(k, "colspan");
    if (w > cols)
      cols = w;
  }
  cols += 1; /* room for cells pushed right by rowspans from above */
  size_t maxcols = cols * 2 > S_MAX_COLS ? S_MAX_COLS : cols * 2;
  t->cols = maxcols;
  t->grid = xmalloc((t->rows ? t->rows : 1) * maxcols * sizeof *t->grid);
  for (size_t i = 0; i < t->rows * maxcols; i++)
    t->grid[i] = -1;
  t->row_line = xcalloc(t->rows ? t->rows : 1, sizeof *t->row_line);
  t->row_head = xcalloc(t->rows ? t->rows : 1, sizeof *t->row_head);
  size_t used = 0;
  for (size_t r = 0; r < t->rows; r++) {
    const xmlNode *tr = t->trs[r];
    t->row_line[r] = S_line(tr);
    int all_th = 1, any = 0;
    size_t col = 0;
    for (const xmlNode *k = tr->children; k; k = k->next) {
      if (!S_elem(k, "td") && !S_elem(k, "th"))
        continue;
      any = 1;
      if (!S_elem(k, "th"))
        all_th = 0;
      if (t->ncells == t->capcells) {
        t->capcells = t->capcells ? 2 * t->capcells : 16;
        t->cells = xrealloc(t->cells, t->capcells * sizeof *t->cells);
      }
      S_inline *in = &t->cells[t->ncells];
      memset(in, 0, sizeof *in);
      S_collect(c, k, in, 0);
      long idx = (long)t->ncells++;
      while (col < maxcols && t->grid[r * maxcols + col] >= 0)
        col++;
      int cs = S_span(k, "colspan"), rs = S_span(k, "rowspan");
      for (int a = 0; a < cs && col < maxcols; a++, col++)
        for (int b = 0; b < rs && r + (size_t)b < t->rows; b++)
          t->grid[(r + (size_t)b) * maxcols + col] = idx;
      if (col > used)
        used = col;
    }
    t->row_head[r] = any && all_th;
  }
  for (size_t r = 0; r < t->rows; r++)
    for (size_t k = used; k < maxcols; k++)
      if (t->grid[r * maxcols + k] >= 0 && k + 1 > used)
        used = k + 1;
  t->cols = used;
  /* compact the grid to its used width */
  for (size_t r = 0; r < t->rows; r++)
    memmove(&t->grid[r * used], &t->grid[r * maxcols], used * sizeof *t->grid);
}

static void S_table_free(S_table *t) {
  for (size_t i = 0; i < t->ncells; i++)
    S_inline_free(&t->cells[i]);
  free(t->cells);
  free(t->grid);
  free(t->row_line);
  free(t->row_head);
  free(t->trs);
}

/* The text of the cell at (r, col), or "". */
static const char *S_cell(const S_table *t, size_t r, size_t col) {
  long i = col < t->cols ? t->grid[r * t->cols + col] : -1;
  return i >= 0 && t->cells[i].text.data ? t->cells[i].text.data : "";
}

#define S_contains_ci ingest_contains_ci

/* The column whose header (in any header row) contains label, or -1. */
static long S_column(const S_table *t, const char *label) {
  for (size_t r = 0; r < t->rows && t->row_head[r]; r++)
    for (size_t col = 0; col < t->cols; col++)
      if (S_contains_ci(S_cell(t, r, col), label))
        return (long)col;
  return -1;
}

static long S_leading_number(const char *s) {
  while (*s && !isdigit((unsigned char)*s))
    s++;
  long v = 0;
  int d = 0;
  while (isdigit((unsigned char)*s) && d++ < 6)
    v = v * 10 + (*s++ - '0');
  return d ? v : -1;
}

/* The rows of an agency-heads table (headers "Took office", "Left
 * office"; office and period from its caption). */
static void S_heads(S_ctx *c, const S_table *t, const char *caption) {
  long took = S_column(t, "took office"), left = S_column(t, "left office");
  long name = S_column(t, "name"), num = S_column(t, "no.");
  if (name < 0)
    name = took > 0 ? took - 1 : -1;
  if (left < 0 && took >= 0)
    left = took + 1;
  for (size_t r = 0; r < t->rows; r++) {
    if (t->row_head[r])
      continue;
    char tk[32], lf[32];
    int a = dates_parse_cell(S_cell(t, r, (size_t)took), tk);
    int b = dates_parse_cell(S_cell(t, r, (size_t)left), lf);
    const char *nm = name >= 0 ? S_cell(t, r, (size_t)name) : "";
    if (a != 1 || !b || !nm[0]) {
      ingest_diag(c->rs, t->row_line[r], "unclassified",
                  xstrdup("table row without a name and two dates"));
      continue;
    }
    mssdoc_head *h = LIST_PUSH(c->rs->heads);
    long n = num >= 0 ? S_leading_number(S_cell(t, r, (size_t)num)) : -1;
    h->number = n >= 0 ? (int)n : (int)c->rs->heads.count;
    h->name = mssdoc_records_str(c->rs, nm);
    h->took_office = mssdoc_records_str(c->rs, tk);
    h->left_office = b == 2 ? NULL : mssdoc_records_str(c->rs, lf);
    h->incumbent = b == 2;
    h->line = t->row_line[r];
    ingest_head_caption(c->rs, h, caption);
  }
}

/* The rows of a bureau table (first header "Bureau…"). */
static void S_bureaus(S_ctx *c, const S_table *t) {
  long div = S_column(t, "division"), dir = S_column(t, "directive");
  if (div < 0)
    div = 1;
  if (dir < 0)
    dir = 2;
  for (size_t r = 0; r < t->rows; r++) {
    if (t->row_head[r])
      continue;
    long n = S_leading_number(S_cell(t, r, 0));
    if (n < 0) {
      ingest_diag(c->rs, t->row_line[r], "unclassified",
                  xstrdup("bureau table row without a number"));
      continue;
    }
    mssdoc_bureau *bu = LIST_PUSH(c->rs->bureaus);
    bu->number = (int)n;
    bu->division = xstrdup(S_cell(t, r, (size_t)div));
    bu->directive = xstrdup(S_cell(t, r, (size_t)dir));
    bu->line = t->row_line[r];
    long last = -1;
    for (size_t col = 0; col < t->cols; col++) {
      long i = t->grid[r * t->cols + col];
      if (i < 0 || i == last)
        continue;
      last = i;
      for (size_t k = 0; k < t->cells[i].refs.count; k++)
        ints_push(&bu->refs, t->cells[i].refs.items[k]);
    }
  }
}

/* A wikitable: one "table" paragraph (rows on lines, cells apart by a
 * space, each source cell once), and bureaus or heads by its headers. */
static void S_wikitable(S_ctx *c, const xmlNode *table) {
  S_table t = {0};
  S_table_read(c, table, &t);
  char *caption = NULL;
  S_inline all = {0}; /* a caption's markers cite from the table */
  for (const xmlNode *k = table->children; k && !caption; k = k->next)
    if (S_elem(k, "caption")) {
      S_inline cap = {0};
      S_collect(c, k, &cap, 0);
      caption = str_trim(cap.text.data ? cap.text.data : "", cap.text.len);
      for (size_t i = 0; i < cap.refs.count; i++) {
        ints_push(&all.refs, cap.refs.items[i]);
        ints_push(&all.offsets, 0);
        buf_printf(&all.raw, "[%d]", cap.refs.items[i]);
      }
      S_inline_free(&cap);
    }
  size_t ci = 0;
  for (size_t r = 0; r < t.rows; r++) {
    if (all.text.len) {
      buf_putc(&all.text, '\n');
      buf_putc(&all.raw, '\n');
    }
    for (; ci < t.ncells; ci++) {
      /* the cells of row r are those read while reading it */
      int in_row = 0;
      for (size_t col = 0; col < t.cols && !in_row; col++)
        in_row = t.grid[r * t.cols + col] == (long)ci;
      if (!in_row)
        break;
      S_inline *cell = &t.cells[ci];
      if (!cell->text.len)
        continue;
      if (all.text.len && all.text.data[all.text.len - 1] != '\n') {
        buf_putc(&all.text, ' ');
        buf_putc(&all.raw, ' ');
      }
      size_t base = all.text.len;
      for (size_t k = 0; k < cell->refs.count; k++) {
        ints_push(&all.refs, cell->refs.items[k]);
        ints_push(&all.offsets, (int)base + cell->offsets.items[k]);
      }
      for (size_t k = 0; k < cell->tags.count; k++) {
        strs_push(&all.tags, cell->tags.items[k]);
        ints_push(&all.tag_offsets, (int)base + cell->tag_offsets.items[k]);
      }
      for (size_t k = 0; k < cell->link_targets.count; k++) {
        strs_push(&all.link_targets, cell->link_targets.items[k]);
        strs_push(&all.link_texts, cell->link_texts.items[k]);
      }
      buf_put(&all.text, cell->text.data, cell->text.len);
      buf_put(&all.raw, cell->raw.data, cell->raw.len);
    }
  }
  if (caption && caption[0]) {
    S_need_section(c, S_line(table));
    const mssdoc_section *s = &c->rs->sections.items[c->cur];
    if (strcmp(s->title, caption) != 0) {
      /* a caption has no anchor on the page: its id as the dump's has */
      char *slug = ingest_slug(caption);
      S_add_section(c, caption, slug, 7, S_line(table));
      free(slug);
    }
  }
  S_add_paragraph(c, "table", &all, S_line(table));
  const char *title = caption && caption[0] ? caption
                      : c->cur >= 0 ? c->rs->sections.items[c->cur].title
                                    : "";
  if (S_column(&t, "took office") >= 0)
    S_heads(c, &t, title);
  else if (t.rows && t.row_head[0] && str_starts(S_cell(&t, 0, 0), "Bureau"))
    S_bureaus(c, &t);
  free(caption);
  S_table_free(&t);
}

/* ---- the walk ---- */

static void S_walk(S_ctx *c, const xmlNode *n, int depth);

/* A heading: its title without edit links, its id the page's anchor
 * (the heading's own id, or the old <span class="mw-headline" id>). */
static void S_heading(S_ctx *c, const xmlNode *h) {
  const char *anchor = xmlapi_attr(h, "id");
  for (const xmlNode *k = h->children; k && !anchor; k = k->next)
    if (S_class(k, "mw-headline"))
      anchor = xmlapi_attr(k, "id");
  char *title = S_text_of(c, h);
  if (title[0])
    S_add_section(c, title, anchor, S_heading_rank(h), S_line(h));
  free(title);
}

/* A list: each item a "list-item" paragraph (its own text; nested lists
 * follow it as items of their own). */
static void S_list(S_ctx *c, const xmlNode *list, int depth) {
  for (const xmlNode *li = list->children; li; li = li->next) {
    if (!S_elem(li, "li") && !S_elem(li, "dd") && !S_elem(li, "dt"))
      continue;
    S_inline in = {0};
    const xmlNode *nested[16];
    size_t nn = 0;
    for (const xmlNode *k = li->children; k; k = k->next) {
      if ((S_elem(k, "ul") || S_elem(k, "ol") || S_elem(k, "dl")) && nn < 16)
        nested[nn++] = k;
      else
        S_collect_one(c, k, &in, 0);
    }
    S_add_paragraph(c, "list-item", &in, S_line(li));
    for (size_t i = 0; i < nn && depth < S_MAX_DEPTH; i++)
      S_list(c, nested[i], depth + 1);
  }
}

static void S_block(S_ctx *c, const xmlNode *k, int depth) {
  if (k->type != XML_ELEMENT_NODE || S_furniture(k))
    return;
  if (S_heading_rank(k) >= 2) {
    S_heading(c, k);
    return;
  }
  if (S_elem(k, "p")) {
    S_paragraph(c, k, "body");
    return;
  }
  if (S_elem(k, "blockquote")) {
    int any = 0;
    for (const xmlNode *q = k->children; q; q = q->next)
      if (S_elem(q, "p")) {
        S_paragraph(c, q, "quotation");
        any = 1;
      }
    if (!any)
      S_paragraph(c, k, "quotation");
    return;
  }
  if (S_class(k, "hatnote") || S_class(k, "dablink")) {
    S_paragraph(c, k, "hatnote");
    return;
  }
  if (S_class(k, "thumbcaption") || S_elem(k, "figcaption") ||
      S_class(k, "gallerytext")) {
    S_paragraph(c, k, "caption");
    return;
  }
  if (S_elem(k, "ol") && S_class(k, "references")) {
    S_reference_list(c, k);
    return;
  }
  if (S_elem(k, "table")) {
    if (S_class(k, "infobox"))
      S_infobox(c, k);
    else /* navigation boxes are furniture: any other table is content */
      S_wikitable(c, k);
    return;
  }
  if (S_elem(k, "ul") || S_elem(k, "ol") || S_elem(k, "dl")) {
    if (S_class(k, "gallery")) /* pictures: only their captions */
      S_walk(c, k, depth + 1);
    else
      S_list(c, k, 0);
    return;
  }
  S_walk(c, k, depth + 1);
}

static void S_walk(S_ctx *c, const xmlNode *n, int depth) {
  if (depth > S_MAX_DEPTH)
    return;
  for (const xmlNode *k = n->children; k; k = k->next)
    S_block(c, k, depth);
}

/* The first element (document order) for which pred holds, or NULL. */
static const xmlNode *S_find(const xmlNode *n, int (*pred)(const xmlNode *),
                             int depth) {
  if (depth > S_MAX_DEPTH)
    return NULL;
  for (const xmlNode *k = n; k; k = k->next) {
    if (k->type != XML_ELEMENT_NODE)
      continue;
    if (pred(k))
      return k;
    const xmlNode *d = S_find(k->children, pred, depth + 1);
    if (d)
      return d;
  }
  return NULL;
}

static int S_is_output(const xmlNode *n) {
  return S_class(n, "mw-parser-output");
}
static int S_is_content(const xmlNode *n) {
  const char *id = xmlapi_attr(n, "id");
  return id && strcmp(id, "mw-content-text") == 0;
}
static int S_is_body(const xmlNode *n) { return S_elem(n, "body"); }
static int S_is_first_heading(const xmlNode *n) {
  const char *id = xmlapi_attr(n, "id");
  return S_elem(n, "h1") && id && strcmp(id, "firstHeading") == 0;
}
static int S_is_title(const xmlNode *n) { return S_elem(n, "title"); }

static int S_is_edit_link(const xmlNode *n) {
  const char *href = xmlapi_attr(n, "href");
  return S_elem(n, "a") && href && strncmp(href, "/w/index.php?", 13) == 0 &&
         strstr(href, "action=edit") && strstr(href, "section=") &&
         !strstr(href, "section=T-");
}

/* The title of the page whose sections a section's edit link edits
 * ("/w/index.php?title=Cat&action=edit&section=1"; a transcluded
 * section's link edits its template), or NULL (malloc'd). */
static char *S_edit_title(const xmlNode *root) {
  const xmlNode *a = S_find(root, S_is_edit_link, 0);
  const char *href = a ? xmlapi_attr(a, "href") : NULL;
  const char *q = href ? strstr(href, "?title=") : NULL;
  if (!q && href)
    q = strstr(href, "&title=");
  return q ? S_decode_title(q + 7) : NULL;
}

/* The page's title: the desktop page's h1#firstHeading, else <title>
 * without its " - Wikipedia" suffix, else (action=render output, which
 * has neither) the page its section edit links edit. */
static char *S_title(S_ctx *c, const xmlNode *root) {
  const xmlNode *h1 = S_find(root, S_is_first_heading, 0);
  char *t = h1 ? S_text_of(c, h1) : NULL;
  if (t && t[0])
    return t;
  free(t);
  const xmlNode *title = S_find(root, S_is_title, 0);
  t = title ? S_text_of(c, title) : xstrdup("");
  char *dash = strstr(t, " - Wikipedia");
  if (dash)
    *dash = '\0';
  if (!t[0]) {
    char *edited = S_edit_title(root);
    if (edited) {
      free(t);
      t = edited;
    }
  }
  return t;
}

static const char *S_raw(const mssdoc_records *rs, size_t i, void *arg) {
  (void)rs;
  const mssdoc_strs *raw = arg;
  return i < raw->count ? raw->items[i] : "";
}

static int S_lines(const char *data, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += data[i] == '\n';
  if (len && data[len - 1] != '\n')
    n++;
  return n > INT_MAX ? INT_MAX : (int)n;
}

mssdoc_records *mssdoc_ingest_html(const char *data, size_t len,
                                   const char *source, char **err) {
  char *why = NULL;
  if (!xmlapi_load(&why)) {
    if (err)
      *err = why;
    else
      free(why);
    return NULL;
  }
  if (len > INT_MAX) {
    if (err)
      *err = xasprintf("%s is too large for the HTML parser", source);
    return NULL;
  }
  /* no network, no entity expansion (HTML has no DTD entities to expand
   * beyond its own named characters), errors recovered silently */
  htmlDocPtr doc = htmlReadMemory(
      data, (int)len, NULL, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
          HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | XML_PARSE_BIG_LINES);
  const xmlNode *top = doc ? xmlDocGetRootElement(doc) : NULL;
  const xmlNode *root = top ? S_find(top, S_is_output, 0) : NULL;
  if (!root && top)
    root = S_find(top, S_is_content, 0);
  if (!root && top)
    root = S_find(top, S_is_body, 0);
  if (!root) {
    if (doc)
      xmlFreeDoc(doc);
    if (err)
      *err = xasprintf("%s is an HTML page without a body", source);
    return NULL;
  }
  S_ctx c = {0};
  c.rs = mssdoc_records_new();
  c.cur = -1;
  for (int r = 0; r < 8; r++)
    c.open[r] = -1;
  mssdoc_records *rs = c.rs;
  rs->article.title = S_title(&c, top);
  rs->article.source = xstrdup(source);
  rs->article.sha256 = ingest_sha256(data, len);
  rs->article.lines = S_lines(data, len);
  html_revision(doc, &rs->article);
  S_scan_markers(&c, root, 0);
  S_sort_anchors(&c);
  S_walk(&c, root, 0);
  xmlFreeDoc(doc);
  for (size_t i = 0; i < c.anchors.count; i++)
    free(c.anchors.items[i].anchor);
  free(c.anchors.items);
  strpool_free(c.ids);
  if (!rs->paragraphs.count) {
    if (err)
      *err = xasprintf("%s is an HTML page with no article text (no "
                       "paragraph found)",
                       source);
    strs_free(&c.raw);
    mssdoc_records_free(rs);
    return NULL;
  }
  if (!rs->article.title[0]) {
    free(rs->article.title);
    rs->article.title = xstrdup(rs->sections.items[0].title);
  }
  ingest_finish(rs, S_raw, &c.raw);
  strs_free(&c.raw);
  return rs;
}
