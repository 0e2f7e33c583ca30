/* view_html.c: the standalone HTML page of a view.  cmark renders the
 * view; the page is then finished as text, in passes over that HTML (all
 * of it mssdoc's own, its text escaped, so a "<" is always a tag): ids
 * from the anchor placeholders, markers in table cells linked, cited but
 * unlisted references appended, backlinks filled in, links without a
 * target unlinked, the contents, lang="zh". */
#include "view_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char S_style[] =
    ":root{color-scheme:light dark}"
    "body{font-family:Georgia,'Noto Serif',serif;max-width:46em;margin:2em "
    "auto;padding:0 1em;line-height:1.5;color:#222;background:#fff}"
    "h1,h2,h3,h4{font-family:'Helvetica Neue',Arial,sans-serif;"
    "line-height:1.2}"
    "a{color:#0645ad}a.cite{text-decoration:none;font-size:80%;"
    "vertical-align:super;line-height:0}"
    ".back{font-size:85%}.back a{text-decoration:none}"
    ":target{background:#fff1a8}"
    "nav.toc{border:1px solid #bbb;padding:.2em 1em;display:inline-block}"
    "nav.toc h2{font-size:1em;margin:.5em 0}"
    "table{border-collapse:collapse;margin:1em 0;width:100%}"
    "th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;"
    "vertical-align:top}"
    "th{background:#eee}blockquote{margin-left:1em;padding-left:1em;"
    "border-left:3px solid #ccc;color:#444}code{font-size:90%}"
    "del{background:#fdd;color:#900}ins{background:#dfd;color:#060;"
    "text-decoration:none}"
    "@media (prefers-color-scheme:dark){"
    "body{color:#ddd;background:#15171a}a{color:#8ab4f8}"
    "th{background:#2b2e33}th,td,nav.toc{border-color:#555}"
    "blockquote{border-left-color:#555;color:#bbb}"
    "del{background:#4a1f1f;color:#f99}ins{background:#1f3a1f;color:#9f9}"
    ":target{background:#4d4310}}";

/* ---- the ids of a page ------------------------------------------------ */

typedef struct {
  char **items;
  size_t count, cap;
} S_ids;

static int S_has(const S_ids *s, const char *id, size_t len) {
  for (size_t i = 0; i < s->count; i++)
    if (strlen(s->items[i]) == len && memcmp(s->items[i], id, len) == 0)
      return 1;
  return 0;
}

static void S_add(S_ids *s, const char *id, size_t len) {
  *LIST_PUSH(*s) = xstrndup(id, len);
}

/* Returns id, or id-2, id-3, ... if the page has it, added to s; the
 * caller frees it. */
static char *S_unique(S_ids *s, const char *id) {
  char *u = xstrdup(id);
  for (int k = 2; S_has(s, u, strlen(u)); k++) {
    free(u);
    u = xasprintf("%s-%d", id, k);
  }
  S_add(s, u, strlen(u));
  return u;
}

static void S_ids_free(S_ids *s) {
  for (size_t i = 0; i < s->count; i++)
    free(s->items[i]);
  free(s->items);
  memset(s, 0, sizeof *s);
}

/* Adds every id="…" of html to s. */
static void S_collect(S_ids *s, const char *html) {
  for (const char *p = strstr(html, " id=\""); p; p = strstr(p, " id=\"")) {
    p += 5;
    const char *q = strchr(p, '"');
    if (!q)
      break;
    S_add(s, p, (size_t)(q - p));
    p = q;
  }
}

/* ---- passes ----------------------------------------------------------- */

/* Pass 0: every id="X" of html added to ids, one that the page already
 * has renamed X-2, X-3, ... (a passage shown under two references). */
static char *S_dedupe(const char *html, S_ids *ids) {
  buf b = {0};
  const char *p = html, *q;
  while ((q = strstr(p, " id=\""))) {
    const char *id = q + 5, *end = strchr(id, '"');
    if (!end)
      break;
    buf_put(&b, p, (size_t)(id - p));
    char *raw = xstrndup(id, (size_t)(end - id));
    char *u = S_unique(ids, raw);
    buf_puts(&b, u);
    free(u);
    free(raw);
    p = end;
  }
  buf_puts(&b, p);
  return buf_take(&b);
}

/* Pass 1: each <!--@id=X--> becomes id="X" on the tag just before it (a
 * span of its own when no bare start tag is there). */
static char *S_anchors(const char *html, S_ids *ids) {
  static const char open[] = "<!--@id=";
  buf b = {0};
  const char *p = html, *q;
  while ((q = strstr(p, open))) {
    buf_put(&b, p, (size_t)(q - p));
    const char *id = q + sizeof open - 1, *end = strstr(id, "-->");
    if (!end)
      break;
    char *raw = xstrndup(id, (size_t)(end - id));
    for (char *c = raw; *c; c++)
      if (*c == ' ' || *c == '\t' || *c == '\n')
        *c = '_';
    char *u = S_unique(ids, raw);
    free(raw);
    char *lt = b.len ? strrchr(b.data, '<') : NULL;
    if (lt && b.data[b.len - 1] == '>' && lt[1] >= 'a' && lt[1] <= 'z' &&
        !strstr(lt, " id=\"")) {
      b.len--; /* the start tag's '>' */
      b.data[b.len] = '\0';
      buf_printf(&b, " id=\"%s\">", u);
    } else {
      buf_printf(&b, "<span id=\"%s\"></span>", u);
    }
    free(u);
    p = end + 3;
  }
  buf_puts(&b, p);
  return buf_take(&b);
}

/* Returns 1 if s starts with the tag name t ("<td", "</a") followed by
 * '>' or a space. */
static int S_tag(const char *s, const char *t) {
  size_t n = strlen(t);
  return strncmp(s, t, n) == 0 && (s[n] == '>' || s[n] == ' ');
}

/* Pass 2: a marker "[N]" left as text in a table cell (tables are strings)
 * becomes a link to reference N, if the record set has it, with the id
 * "cite-N-tK" (the K-th such marker of N on the page). */
static char *S_cell_markers(const char *html, const view_html_opts *o,
                            S_ids *ids) {
  buf b = {0};
  int cell = 0, link = 0, svg = 0;
  int *seen = NULL, hi = -1;
  for (const char *p = html; *p;) {
    if (*p == '<') {
      const char *gt = strchr(p, '>');
      if (!gt)
        gt = p + strlen(p) - 1;
      if (S_tag(p, "<td") || S_tag(p, "<th"))
        cell = 1;
      else if (S_tag(p, "</td") || S_tag(p, "</th"))
        cell = 0;
      else if (S_tag(p, "<a"))
        link = 1;
      else if (S_tag(p, "</a"))
        link = 0;
      else if (S_tag(p, "<svg"))
        svg = 1;
      else if (S_tag(p, "</svg"))
        svg = 0;
      buf_put(&b, p, (size_t)(gt - p + 1));
      p = gt + 1;
      continue;
    }
    if (*p == '[' && cell && !link && !svg && o->ref_text) {
      const char *d = p + 1;
      while (*d >= '0' && *d <= '9' && d - p < 7)
        d++;
      int n = d > p + 1 && *d == ']' ? atoi(p + 1) : -1;
      if (n >= 0 && o->ref_text(o->data, n)) {
        if (n > hi) {
          seen = xrealloc(seen, ((size_t)n + 1) * sizeof *seen);
          memset(seen + hi + 1, 0, (size_t)(n - hi) * sizeof *seen);
          hi = n;
        }
        char *want = xasprintf("cite-%d-t%d", n, ++seen[n]);
        char *u = S_unique(ids, want);
        buf_printf(&b, "<a class=\"cite\" href=\"#ref-%d\" id=\"%s\">[%d]</a>",
                   n, u, n);
        free(u);
        free(want);
        p = d + 1;
        continue;
      }
    }
    buf_putc(&b, *p++);
  }
  free(seen);
  return buf_take(&b);
}

/* A marker on the page: its reference and its id (NULL if none). */
typedef struct {
  int ref;
  char *id;
} S_marker;

typedef struct {
  S_marker *items;
  size_t count, cap;
} S_markers;

static const char S_cite_a[] = "<a class=\"cite\" href=\"#ref-";

/* Returns the markers of html, in page order. */
static S_markers S_find_markers(const char *html) {
  S_markers ms = {0};
  for (const char *p = strstr(html, S_cite_a); p; p = strstr(p, S_cite_a)) {
    p += sizeof S_cite_a - 1;
    S_marker *m = LIST_PUSH(ms);
    m->ref = atoi(p);
    const char *gt = strchr(p, '>'), *id = strstr(p, " id=\"");
    if (gt && id && id < gt) {
      id += 5;
      m->id = xstrndup(id, strcspn(id, "\""));
    }
  }
  return ms;
}

static void S_markers_free(S_markers *ms) {
  for (size_t i = 0; i < ms->count; i++)
    free(ms->items[i].id);
  free(ms->items);
}

static int S_int_cmp(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return x < y ? -1 : x > y;
}

/* Pass 3: the references that markers cite and the page does not list,
 * listed at its end (each with its backlinks placeholder). */
static void S_append_refs(buf *b, const S_markers *ms, const view_html_opts *o,
                          S_ids *ids) {
  if (!o->ref_text)
    return;
  int *want = xmalloc((ms->count + 1) * sizeof *want);
  size_t n = 0;
  for (size_t i = 0; i < ms->count; i++) {
    char *id = xasprintf("ref-%d", ms->items[i].ref);
    if (!S_has(ids, id, strlen(id)) && o->ref_text(o->data, ms->items[i].ref))
      want[n++] = ms->items[i].ref;
    free(id);
  }
  if (n) {
    qsort(want, n, sizeof *want, S_int_cmp);
    char *h = S_unique(ids, "cited-references");
    buf_printf(b, "<h2 id=\"%s\">References cited on this page</h2>\n<ol>\n",
               h);
    free(h);
    for (size_t i = 0; i < n; i++) {
      if (i && want[i] == want[i - 1])
        continue;
      char *id = xasprintf("ref-%d", want[i]);
      char *u = S_unique(ids, id);
      buf_printf(b, "<li value=\"%d\" id=\"%s\">", want[i], u);
      buf_put_xml(b, o->ref_text(o->data, want[i]));
      buf_printf(b, "<!--@back=%d--></li>\n", want[i]);
      free(u);
      free(id);
    }
    buf_puts(b, "</ol>\n");
  }
  free(want);
}

/* Pass 4: each <!--@back=N--> becomes links to the markers of N that have
 * an id ("↑ 1 2 3"), or nothing. */
static char *S_backlinks(const char *html, const S_markers *ms) {
  static const char open[] = "<!--@back=";
  buf b = {0};
  const char *p = html, *q;
  while ((q = strstr(p, open))) {
    buf_put(&b, p, (size_t)(q - p));
    int ref = atoi(q + sizeof open - 1);
    const char *end = strstr(q, "-->");
    if (!end)
      break;
    size_t k = 0;
    for (size_t i = 0; i < ms->count; i++) {
      if (ms->items[i].ref != ref || !ms->items[i].id)
        continue;
      if (!k)
        buf_puts(&b, " <span class=\"back\">\xE2\x86\x91");
      k++;
      buf_printf(&b,
                 " <a href=\"#%s\" title=\"Citation %zu of reference %d\">"
                 "%zu</a>",
                 ms->items[i].id, k, ref, k);
    }
    if (k)
      buf_puts(&b, "</span>");
    p = end + 3;
  }
  buf_puts(&b, p);
  return buf_take(&b);
}

/* Pass 5: a link whose target is not on the page loses its href. */
static char *S_unlink(const char *html) {
  S_ids ids = {0};
  S_collect(&ids, html);
  buf b = {0};
  const char *p = html, *q;
  while ((q = strstr(p, " href=\"#"))) {
    const char *id = q + 8, *end = strchr(id, '"');
    if (!end)
      break;
    int has = S_has(&ids, id, (size_t)(end - id));
    buf_put(&b, p, (size_t)(has ? end + 1 - p : q - p));
    p = end + 1;
  }
  buf_puts(&b, p);
  S_ids_free(&ids);
  return buf_take(&b);
}

/* Pass 6: a page of two or more section headings (headings with an id
 * that is not a reference's), the page's first heading apart, gets their
 * contents, linked, before the first of them. */
static char *S_contents(const char *html) {
  typedef struct {
    const char *at, *id, *label;
    size_t idlen, labellen;
    int level;
  } entry;
  entry *e = NULL;
  size_t n = 0, cap = 0;
  int first = 1;
  for (const char *p = strstr(html, "<h"); p; p = strstr(p + 1, "<h")) {
    if (p[2] < '1' || p[2] > '6' || (p[3] != '>' && p[3] != ' '))
      continue;
    int top = first;
    first = 0;
    const char *gt = strchr(p, '>');
    if (!gt || top || strncmp(p + 3, " id=\"", 5) != 0)
      continue;
    const char *id = p + 8, *q = strchr(id, '"');
    char close[] = "</h0>";
    close[3] = p[2];
    const char *end = strstr(gt, close);
    if (!q || q > gt || !end || strncmp(id, "ref-", 4) == 0 ||
        strncmp(id, "cited-references", 16) == 0)
      continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 32;
      e = xrealloc(e, cap * sizeof *e);
    }
    e[n++] = (entry){
        p, id, gt + 1, (size_t)(q - id), (size_t)(end - gt - 1), p[2] - '0'};
  }
  if (n < 2) {
    free(e);
    return xstrdup(html);
  }
  int base = 6;
  for (size_t i = 0; i < n; i++)
    base = e[i].level < base ? e[i].level : base;
  buf b = {0};
  buf_put(&b, html, (size_t)(e[0].at - html));
  buf_puts(&b, "<nav class=\"toc\">\n<h2>Contents</h2>\n");
  int cur = 0;
  for (size_t i = 0; i < n; i++) {
    int d = e[i].level - base + 1;
    if (d > cur + 1)
      d = cur + 1;
    if (d == cur + 1) {
      buf_puts(&b, "<ul>\n");
      cur++;
    } else {
      buf_puts(&b, "</li>\n");
      for (; cur > d; cur--)
        buf_puts(&b, "</ul>\n</li>\n");
    }
    buf_puts(&b, "<li><a href=\"#");
    buf_put(&b, e[i].id, e[i].idlen);
    buf_puts(&b, "\">");
    buf_put(&b, e[i].label, e[i].labellen);
    buf_puts(&b, "</a>");
  }
  buf_puts(&b, "</li>\n");
  for (; cur > 1; cur--)
    buf_puts(&b, "</ul>\n</li>\n");
  buf_puts(&b, "</ul>\n</nav>\n");
  buf_puts(&b, e[0].at);
  free(e);
  return buf_take(&b);
}

/* Returns the code point of the UTF-8 sequence at s and its length in *n
 * (a stray byte is itself, length 1). */
static unsigned S_utf8(const unsigned char *s, size_t *n) {
  if (s[0] < 0xC0) {
    *n = 1;
    return s[0];
  }
  int len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
  unsigned cp = s[0] & (0x3F >> (len - 1));
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *n = 1;
      return s[0];
    }
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  *n = (size_t)len;
  return cp;
}

/* Returns 1 for a Han ideograph (CJK Unified Ideographs, their extensions
 * and compatibility forms). */
static int S_han(unsigned c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

/* Returns 1 for CJK punctuation and full-width forms, which continue a
 * run of Han text. */
static int S_cjk_punct(unsigned c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

/* Pass 7: each run of Chinese text outside tags, the head and inline SVG
 * becomes <span lang="zh">…</span>. */
static char *S_lang(const char *html) {
  buf b = {0};
  const unsigned char *p = (const unsigned char *)html;
  int svg = 0, skip = 0; /* in <svg>; in <style> or <title> */
  while (*p) {
    if (*p == '<') {
      const char *t = (const char *)p, *gt = strchr(t, '>');
      if (!gt)
        gt = t + strlen(t) - 1;
      if (S_tag(t, "<svg"))
        svg = 1;
      else if (S_tag(t, "</svg"))
        svg = 0;
      else if (S_tag(t, "<style") || S_tag(t, "<title"))
        skip = 1;
      else if (S_tag(t, "</style") || S_tag(t, "</title"))
        skip = 0;
      buf_put(&b, t, (size_t)(gt - t + 1));
      p = (const unsigned char *)gt + 1;
      continue;
    }
    size_t n;
    unsigned c = S_utf8(p, &n);
    if (svg || skip || !S_han(c)) {
      buf_put(&b, (const char *)p, n);
      p += n;
      continue;
    }
    const unsigned char *q = p;
    while (*q && (S_han(c) || S_cjk_punct(c))) {
      q += n;
      c = *q ? S_utf8(q, &n) : 0;
    }
    buf_puts(&b, "<span lang=\"zh\">");
    buf_put(&b, (const char *)p, (size_t)(q - p));
    buf_puts(&b, "</span>");
    p = q;
  }
  return buf_take(&b);
}

char *view_html_page(const char *body, const view_html_opts *o) {
  S_ids ids = {0};
  char *d = S_dedupe(body, &ids);
  char *a = S_anchors(d, &ids);
  free(d);
  char *c = S_cell_markers(a, o, &ids);
  free(a);
  S_markers ms = S_find_markers(c);
  buf all = {0};
  buf_put_owned(&all, c);
  S_append_refs(&all, &ms, o, &ids);
  char *with = buf_take(&all);
  char *back = S_backlinks(with, &ms);
  free(with);
  S_markers_free(&ms);
  S_ids_free(&ids);
  char *linked = S_unlink(back);
  free(back);
  char *toc = S_contents(linked);
  free(linked);
  char *zh = S_lang(toc);
  free(toc);
  buf b = {0};
  buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
               "<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, "
               "initial-scale=1\">\n<title>");
  buf_put_xml(&b, o->title ? o->title : "mssdoc");
  buf_printf(&b, "</title>\n<style>%s</style>\n</head>\n<body>\n", S_style);
  buf_put_owned(&b, zh);
  buf_puts(&b, "</body>\n</html>\n");
  return buf_take(&b);
}
