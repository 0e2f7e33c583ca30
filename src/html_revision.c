/*
 * html_revision.c: what an HTML page says of its own revision: its id, its
 * time and its URL, each from where the page's kind puts it, and nothing
 * guessed.
 *
 *   revision   Parsoid: <html about="…/revision/N">; the desktop page:
 *              "wgRevisionId":N (else "wgCurRevisionId") in the mw.config
 *              script (RLCONF); else the print footer's "…&oldid=N" link.
 *   timestamp  Parsoid: <meta property="dc:modified" content="…">; the
 *              desktop page: "wgRevisionTimestamp":"YYYYMMDDHHMMSS" when
 *              the config has it, else the footer's "last edited on
 *              26 September 2019, at 11:35" (UTC only when the footer says
 *              "(UTC)", else a local time without a zone, as it is shown).
 *              Parsoid's mw:TimeUuid is when the page was rendered, not
 *              when the revision was made, so it is not taken.
 *   url        <link rel="canonical">, else Parsoid's
 *              <link rel="dc:isVersionOf">, else the "saved from url="
 *              comment a browser writes at the top of a saved page; a
 *              protocol-relative one ("//en.wikipedia.org/…") gets https:.
 */
#include "html_revision.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define S_MAX_DEPTH 200

typedef struct {
  char *about_rev, *config_rev, *config_cur, *oldid_rev;
  char *modified, *config_time, *footer_time;
  char *canonical, *version_of, *saved_from;
} S_found;

static int S_named(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Keeps the first value found for a slot; v is malloc'd or NULL. */
static void S_keep(char **slot, char *v) {
  if (!*slot)
    *slot = v;
  else
    free(v);
}

/* The run of digits at s (leading zeros and all), or NULL when there is
 * none or it is 0. */
static char *S_digits(const char *s) {
  size_t n = 0;
  while (isdigit((unsigned char)s[n]))
    n++;
  if (!n || strspn(s, "0") >= n || n > 19)
    return NULL;
  return xstrndup(s, n);
}

/* In script text: the value after "key": (spaces allowed), a number or a
 * string's contents; NULL if absent or null. */
static char *S_config(const char *text, const char *key, int string) {
  size_t k = strlen(key);
  for (const char *p = strstr(text, key); p; p = strstr(p + 1, key)) {
    if (p == text || p[-1] != '"' || p[k] != '"')
      continue;
    const char *v = p + k + 1;
    while (*v == ' ' || *v == '\t')
      v++;
    if (*v++ != ':')
      continue;
    while (*v == ' ' || *v == '\t')
      v++;
    if (!string)
      return S_digits(v);
    if (*v != '"')
      return NULL;
    size_t n = strcspn(v + 1, "\"");
    return v[1 + n] == '"' ? xstrndup(v + 1, n) : NULL;
  }
  return NULL;
}

/* MediaWiki's YYYYMMDDHHMMSS as ISO 8601 UTC, or NULL. */
static char *S_mw_time(const char *s) {
  if (!s || strlen(s) != 14 || strspn(s, "0123456789") != 14)
    return NULL;
  return xasprintf("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", s, s + 4, s + 6, s + 8,
                   s + 10, s + 12);
}

/* The footer's "… on 26 September 2019, at 11:35" as ISO 8601, or NULL. */
static char *S_footer_time(const char *text) {
  static const char *const months[] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const char *on = strstr(text, " on ");
  if (!on)
    return NULL;
  const char *p = on + 4;
  char *end;
  long day = strtol(p, &end, 10);
  if (end == p || day < 1 || day > 31 || *end != ' ')
    return NULL;
  p = end + 1;
  int month = 0;
  for (int m = 0; m < 12 && !month; m++) {
    size_t n = strlen(months[m]);
    if (strncmp(p, months[m], n) == 0 && p[n] == ' ') {
      month = m + 1;
      p += n + 1;
    }
  }
  long year = strtol(p, &end, 10);
  if (!month || end - p != 4 || strncmp(end, ", at ", 5) != 0)
    return NULL;
  p = end + 5;
  if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) ||
      p[2] != ':' || !isdigit((unsigned char)p[3]) ||
      !isdigit((unsigned char)p[4]))
    return NULL;
  int utc = strstr(p, "(UTC)") != NULL;
  return xasprintf("%04ld-%02d-%02ldT%.2s:%.2s%s", year, month, day, p, p + 3,
                   utc ? "Z" : "");
}

/* An absolute URL: a protocol-relative one gets https:; NULL if empty. */
static char *S_url(const char *href) {
  if (!href || !*href)
    return NULL;
  if (href[0] == '/' && href[1] == '/')
    return xasprintf("https:%s", href);
  if (strncmp(href, "http://", 7) != 0 && strncmp(href, "https://", 8) != 0)
    return NULL;
  return xstrdup(href);
}

/* The "saved from url=(0064)URL" comment of a saved page. */
static char *S_saved_from(const char *comment) {
  const char *p = strstr(comment, "saved from url=(");
  if (!p)
    return NULL;
  p = strchr(p, ')');
  if (!p)
    return NULL;
  p++;
  size_t n = strcspn(p, " \t\r\n");
  char *u = xstrndup(p, n);
  char *url = S_url(u);
  free(u);
  return url;
}

static void S_element(S_found *f, const xmlNode *n) {
  const char *v;
  if (S_named(n, "html") && (v = xmlapi_attr(n, "about")) &&
      (v = strstr(v, "/revision/")))
    S_keep(&f->about_rev, S_digits(v + 10));
  else if (S_named(n, "meta") && (v = xmlapi_attr(n, "property")) &&
           strcmp(v, "dc:modified") == 0 && (v = xmlapi_attr(n, "content")) && *v)
    S_keep(&f->modified, xstrdup(v));
  else if (S_named(n, "link") && (v = xmlapi_attr(n, "rel"))) {
    if (strcmp(v, "canonical") == 0)
      S_keep(&f->canonical, S_url(xmlapi_attr(n, "href")));
    else if (strcmp(v, "dc:isVersionOf") == 0)
      S_keep(&f->version_of, S_url(xmlapi_attr(n, "href")));
  } else if (S_named(n, "script")) {
    xmlChar *text = xmlNodeGetContent(n);
    if (text) {
      const char *t = (const char *)text;
      S_keep(&f->config_rev, S_config(t, "wgRevisionId", 0));
      S_keep(&f->config_cur, S_config(t, "wgCurRevisionId", 0));
      char *ts = S_config(t, "wgRevisionTimestamp", 1);
      S_keep(&f->config_time, S_mw_time(ts));
      free(ts);
      xmlFree(text);
    }
  } else if (S_named(n, "li") && (v = xmlapi_attr(n, "id")) &&
             strcmp(v, "footer-info-lastmod") == 0) {
    xmlChar *text = xmlNodeGetContent(n);
    if (text) {
      S_keep(&f->footer_time, S_footer_time((const char *)text));
      xmlFree(text);
    }
  } else if (S_named(n, "a") && (v = xmlapi_attr(n, "href")) &&
             (v = strstr(v, "oldid=")) && n->parent &&
             (v = xmlapi_attr(n->parent, "class")) && strstr(v, "printfooter")) {
    S_keep(&f->oldid_rev, S_digits(strstr(xmlapi_attr(n, "href"), "oldid=") + 6));
  }
}

static void S_walk(S_found *f, const xmlNode *n, int depth) {
  for (; n && depth < S_MAX_DEPTH; n = n->next) {
    if (n->type == XML_COMMENT_NODE && n->content)
      S_keep(&f->saved_from, S_saved_from((const char *)n->content));
    else if (n->type == XML_ELEMENT_NODE) {
      S_element(f, n);
      S_walk(f, n->children, depth + 1);
    }
  }
}

/* The first non-NULL of a, b, c, d (taken); the others are freed. */
static char *S_first(char *a, char *b, char *c, char *d) {
  char *v[4] = {a, b, c, d}, *out = NULL;
  for (int i = 0; i < 4; i++)
    if (v[i] && !out)
      out = v[i];
    else
      free(v[i]);
  return out;
}

void html_revision(const xmlDoc *doc, mssdoc_article *a) {
  S_found f = {0};
  if (doc)
    S_walk(&f, doc->children, 0);
  a->revision = S_first(f.about_rev, f.config_rev, f.config_cur, f.oldid_rev);
  a->timestamp = S_first(f.modified, f.config_time, f.footer_time, NULL);
  a->url = S_first(f.canonical, f.version_of, f.saved_from, NULL);
}
