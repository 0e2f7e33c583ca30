/* load.c: the record set a user names (-d FILE, $MSSDOC_DATA, a stored
 * revision, or the one built into the binary), and what a file holds, told
 * by its content. */
#include "load.h"
#include "width.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "builtin.h"
#include "fileio.h"
#include "ingest_common.h"
#include "reccache.h"
#include "revstore.h"
#include "util.h"

/* How much of a file input_recognise looks at. */
#define RECOGNISE_BYTES 4096

/* Tells UTF-16 and UTF-32 without a byte-order mark by their NUL bytes:
 * English text in UTF-16 has one in every other byte, on one side; in
 * UTF-32 the two high bytes of every unit are NUL. */
static input_kind S_wide(const unsigned char *p, size_t n) {
  size_t units = n / 4, le = 0, be = 0;
  for (size_t i = 0; i < units; i++) {
    const unsigned char *u = p + 4 * i;
    le += !u[2] && !u[3] && (u[0] || u[1]);
    be += !u[0] && !u[1] && (u[2] || u[3]);
  }
  if (units >= 4 && n % 4 == 0 && le == units)
    return INPUT_UTF32LE;
  if (units >= 4 && n % 4 == 0 && be == units)
    return INPUT_UTF32BE;
  size_t pairs = n / 2, even = 0, odd = 0;
  for (size_t i = 0; i < pairs; i++) {
    even += p[2 * i] == 0;
    odd += p[2 * i + 1] == 0;
  }
  if (pairs >= 4 && odd * 10 >= pairs * 3 && even * 20 < pairs)
    return INPUT_UTF16LE;
  if (pairs >= 4 && even * 10 >= pairs * 3 && odd * 20 < pairs)
    return INPUT_UTF16BE;
  return INPUT_DUMP;
}

/* Returns the first character of wide text of kind k (or -1): '<' makes
 * it XML, which libxml2 reads in any of these encodings. */
static long S_wide_first(const unsigned char *p, size_t n, input_kind k) {
  int four = k == INPUT_UTF32 || k == INPUT_UTF32LE || k == INPUT_UTF32BE;
  size_t w = four ? 4 : 2, at = (k == INPUT_UTF16 || k == INPUT_UTF32) ? w : 0;
  int be = k == INPUT_UTF16BE || k == INPUT_UTF32BE ||
           ((k == INPUT_UTF16 || k == INPUT_UTF32) && p[0] != 0xFF);
  if (n < at + w)
    return -1;
  long c = 0;
  for (size_t i = 0; i < w; i++)
    c |= (long)p[at + (be ? i : w - 1 - i)] << (8 * (w - 1 - i));
  return c;
}

/* Says what the opening n bytes are, leaving out XML in UTF-16 or -32. */
static input_kind S_recognise(const unsigned char *p, size_t n) {
  if (n >= 4 && ((p[0] == 0xFF && p[1] == 0xFE && !p[2] && !p[3]) ||
                 (!p[0] && !p[1] && p[2] == 0xFE && p[3] == 0xFF)))
    return INPUT_UTF32;
  if (n >= 2 &&
      ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
    return INPUT_UTF16;
  input_kind wide = S_wide(p, n);
  if (wide != INPUT_DUMP)
    return wide;
  size_t i = n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (i < n && p[i] && strchr(" \t\r\n", p[i]))
    i++;
  /* A dump opens with a title line, never with markup. */
  if (i < n && p[i] == '<')
    return mssdoc_is_html((const char *)p, n) ? INPUT_HTML : INPUT_RECORDS;
  return INPUT_DUMP;
}

input_kind input_recognise(const char *data, size_t len) {
  const unsigned char *p = (const unsigned char *)data;
  size_t n = len < RECOGNISE_BYTES ? len : RECOGNISE_BYTES;
  input_kind k = S_recognise(p, n);
  if (k != INPUT_DUMP && k != INPUT_RECORDS && k != INPUT_HTML &&
      S_wide_first(p, n, k) == '<')
    return INPUT_RECORDS;
  return k;
}

/* Returns 1 if path's name promises XML (it ends in .xml, in any case). */
static int S_named_xml(const char *path) {
  size_t n = strlen(path);
  return n >= 4 && strcasecmp(path + n - 4, ".xml") == 0;
}

const char *input_refusal(input_kind k) {
  switch (k) {
  case INPUT_UTF16:
    return "is UTF-16; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)";
  case INPUT_UTF16LE:
    return "is UTF-16; convert it to UTF-8 (iconv -f UTF-16LE -t UTF-8)";
  case INPUT_UTF16BE:
    return "is UTF-16; convert it to UTF-8 (iconv -f UTF-16BE -t UTF-8)";
  case INPUT_UTF32:
    return "is UTF-32; convert it to UTF-8 (iconv -f UTF-32 -t UTF-8)";
  case INPUT_UTF32LE:
    return "is UTF-32; convert it to UTF-8 (iconv -f UTF-32LE -t UTF-8)";
  case INPUT_UTF32BE:
    return "is UTF-32; convert it to UTF-8 (iconv -f UTF-32BE -t UTF-8)";
  case INPUT_DUMP:
  case INPUT_HTML:
  case INPUT_RECORDS:
    break;
  }
  return NULL;
}

char *load_too_large(const char *source, size_t len) {
  return xasprintf("%s is %zu MiB, larger than the largest article mssdoc "
                   "reads (%zu MiB)",
                   width_arg(source), (len + (1 << 20) - 1) >> 20,
                   LOAD_ARTICLE_MAX >> 20);
}

mssdoc_records *load_ingest(char *data, size_t len, const char *source,
                            char **err) {
  input_kind k = input_recognise(data, len);
  const char *why = input_refusal(k);
  if (why)
    *err = xasprintf("%s %s", width_arg(source), why);
  else if (k == INPUT_RECORDS)
    *err = xasprintf("%s is a record set (XML), not an article dump; read "
                     "it with mssdoc -d %s",
                     width_arg(source), width_arg(source));
  else if (len > LOAD_ARTICLE_MAX)
    *err = load_too_large(source, len);
  else if (k == INPUT_HTML) {
    mssdoc_records *rs = mssdoc_ingest_html(data, len, source, err);
    free(data);
    return rs;
  } else
    return ingest_text_taking(data, len, source, err);
  free(data);
  return NULL;
}

/* Returns 1 if the n bytes at p open with the element that wraps
 * MediaWiki's parser output, <div class="… mw-parser-output …"> (the whole
 * of an action=render page, which has no <html> around it). */
static int S_parser_output(const char *p, size_t n) {
  static const char mark[] = "mw-parser-output";
  if (n < 5 || strncasecmp(p, "<div", 4) != 0 ||
      !(isspace((unsigned char)p[4]) || p[4] == '>'))
    return 0;
  const char *close = memchr(p, '>', n);
  size_t tag = close ? (size_t)(close - p) : n;
  for (size_t at = 4; at + sizeof mark - 1 <= tag; at++)
    if (memcmp(p + at, mark, sizeof mark - 1) == 0)
      return 1;
  return 0;
}

int mssdoc_is_html(const char *data, size_t len) {
  size_t i = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && isspace((unsigned char)data[i]))
    i++;
  if (i >= len || data[i] != '<')
    return 0;
  /* the opening kilobyte holds the doctype or the document's first tags */
  size_t end = len - i < 1024 ? len : i + 1024;
  static const char *const marks[] = {"<!doctype html", "<html", "<head",
                                      "<body", NULL};
  for (size_t at = i; at < end; at++) {
    if (data[at] != '<')
      continue;
    for (size_t k = 0; marks[k]; k++) {
      size_t m = strlen(marks[k]);
      if (end - at >= m && strncasecmp(data + at, marks[k], m) == 0 &&
          (end - at == m || !isalnum((unsigned char)data[at + m])))
        return 1;
    }
  }
  return S_parser_output(data + i, end - i);
}

mssdoc_records *mssdoc_ingest_any(const char *data, size_t len,
                                  const char *source, char **err) {
  return mssdoc_is_html(data, len) ? mssdoc_ingest_html(data, len, source, err)
                                   : mssdoc_ingest(data, len, source, err);
}

static mssdoc_records *S_builtin(char **err) {
  size_t len;
  const char *bin = builtin_records(&len);
  if (!bin) {
    *err = xstrdup("this binary has no built-in article; use -d FILE");
    return NULL;
  }
  return mssdoc_bin_read(bin, len, err);
}

int mssdoc_is_builtin(const mssdoc_records *rs) {
  size_t len;
  const char *bin = builtin_records(&len);
  /* a set read from the built-in data points into it for its strings */
  const char *title = rs ? rs->article.title : NULL;
  uintptr_t at = (uintptr_t)title, from = (uintptr_t)bin;
  return title && bin && at >= from && at - from < len;
}

char *mssdoc_revision_line(const mssdoc_records *rs) {
  const mssdoc_article *a = &rs->article;
  /* the date of an ISO 8601 time: its first ten characters */
  int dated = a->timestamp && strlen(a->timestamp) >= 10;
  if (a->revision && dated)
    return xasprintf("Revision %s of %.10s.", a->revision, a->timestamp);
  if (a->revision)
    return xasprintf("Revision %s.", a->revision);
  if (dated)
    return xasprintf("Revision of %.10s (the page names no revision id).",
                     a->timestamp);
  if (mssdoc_is_builtin(rs))
    return xstrdup("Built-in 2022 dump.");
  return xasprintf("From %s, which names no revision.",
                   a->source && *a->source ? a->source : "the input");
}

/* A stored revision's number, if path is all digits and no file. */
static unsigned long S_revision_number(const char *path) {
  struct stat st;
  if (!*path || strspn(path, "0123456789") != strlen(path) ||
      stat(path, &st) == 0)
    return 0;
  return strtoul(path, NULL, 10);
}

/* The XML record set of len bytes at data, read from path: from the
 * cache (reccache.h) when it holds it, else parsed, validated and cached.
 * Returns a new record set (caller frees), or NULL and *err. */
static mssdoc_records *S_records_xml(const char *data, size_t len,
                                     const char *path, char **err) {
  unsigned char key[RECCACHE_KEY_SIZE];
  reccache_key(data, len, key);
  mssdoc_records *rs = reccache_get(key);
  if (rs)
    return rs;
  char *why = NULL;
  rs = mssdoc_xml_read(data, len, &why);
  if (!rs) {
    *err = xasprintf("%s is not a valid record set: %s", width_arg(path), why);
    free(why);
    return NULL;
  }
  reccache_put(key, rs);
  return rs;
}

static mssdoc_records *S_read_xml(const char *path, char **err) {
  size_t len;
  char *data = file_read(path, &len, err);
  if (!data)
    return NULL;
  mssdoc_records *rs = S_records_xml(data, len, path, err);
  free(data);
  return rs;
}

/* A stored revision's record set (the store's REV.xml): one stored
 * before the record set had article.revision takes it from its name. */
static mssdoc_records *S_read_stored(const char *path, char **err) {
  mssdoc_records *rs = S_read_xml(path, err);
  if (rs && !rs->article.revision) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strspn(base, "0123456789");
    if (n && strcmp(base + n, ".xml") == 0) {
      /* a set read from the cache is read-only: its strings are its arena's */
      char *rev = rs->arena ? mssdoc_records_alloc(rs, n + 1) : xmalloc(n + 1);
      memcpy(rev, base, n);
      rev[n] = '\0';
      rs->article.revision = rev;
    }
  }
  return rs;
}

mssdoc_records *mssdoc_load(const char *path, char **err) {
  if (!path) {
    char *newest = revstore_newest_xml();
    if (!newest)
      return S_builtin(err);
    mssdoc_records *rs = S_read_stored(newest, err);
    free(newest);
    return rs;
  }
  if (strcmp(path, "builtin") == 0)
    return S_builtin(err);
  unsigned long rev = S_revision_number(path);
  if (rev) {
    char *stored = revstore_xml_path(rev);
    if (!stored) {
      *err = xasprintf("no file %s and no stored revision %lu (see mssdoc "
                       "revisions)",
                       width_arg(path), rev);
      return NULL;
    }
    mssdoc_records *rs = S_read_stored(stored, err);
    free(stored);
    return rs;
  }
  size_t len;
  char *data = file_read(path, &len, err);
  if (!data)
    return NULL;
  mssdoc_records *rs;
  if (input_recognise(data, len) == INPUT_RECORDS)
    rs = S_records_xml(data, len, path, err);
  else if (S_named_xml(path)) {
    *err = xasprintf("%s is not a valid record set: line 1: it is not XML "
                     "(a record set opens with '<')",
                     width_arg(path));
    rs = NULL;
  } else
    return load_ingest(data, len, path, err);
  free(data);
  return rs;
}
