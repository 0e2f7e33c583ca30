/* cmd_fetch.c: `mssdoc fetch [TITLE] [--api URL] [--timeout S]`: the
 * current revision of a page, downloaded (fetch.c), ingested and stored
 * (revstore.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "fetch.h"
#include "revstore.h"
#include "width.h"

#define S_DEFAULT_TITLE "Ministry_of_State_Security_(China)"

/* The progress line: on a terminal only, once the download has taken
 * more than a moment. */
typedef struct {
  const char *title;
  struct timespec start;
  int tty, shown;
} S_progress;

static double S_elapsed(const S_progress *p) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - p->start.tv_sec) +
         (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
}

static void S_on_progress(void *ctx, size_t got, size_t total,
                          const char *line) {
  S_progress *p = ctx;
  if (!p->tty)
    return;
  if (line) {
    fprintf(stderr, "\r\033[Kmssdoc: %s", line);
    p->shown = 1;
  } else if (S_elapsed(p) >= 0.5) {
    if (!got)
      fprintf(stderr, "\r\033[Kmssdoc: fetching %s: waiting for the server",
              p->title);
    else if (total)
      fprintf(stderr, "\r\033[Kmssdoc: fetching %s: %zu of %zu kB", p->title,
              got / 1024, total / 1024);
    else
      fprintf(stderr, "\r\033[Kmssdoc: fetching %s: %zu kB", p->title,
              got / 1024);
    p->shown = 1;
  } else
    return;
  fflush(stderr);
}

static void S_progress_end(S_progress *p) {
  if (p->shown)
    fputs("\r\033[K", stderr);
  p->shown = 0;
}

/* The revision in Parsoid HTML: <html about="…/revision/N">, in the
 * opening 64 KiB. */
static unsigned long S_page_revision(const char *html, size_t len) {
  size_t n = len < 65536 ? len : 65536;
  const char *end = html + n;
  for (const char *p = html; end - p > 7; p++) {
    if (strncasecmp(p, "about=", 6) != 0 || (p[6] != '"' && p[6] != '\''))
      continue;
    const char *v = p + 7, *close = memchr(v, p[6], (size_t)(end - v));
    if (!close)
      break;
    for (const char *r = v; close - r > 10; r++)
      if (strncmp(r, "/revision/", 10) == 0) {
        unsigned long rev = strtoul(r + 10, NULL, 10);
        if (rev)
          return rev;
      }
    p = close;
  }
  return 0;
}

/* Returns 1 if what the server sent is an HTML page: its type says so (or
 * it names none) and it opens, after a BOM and white space, with a
 * doctype or <html>. */
static int S_looks_html(const fetch_response *r) {
  if (r->content_type && strncasecmp(r->content_type, "text/html", 9) != 0 &&
      strncasecmp(r->content_type, "application/xhtml", 17) != 0)
    return 0;
  size_t i = r->len >= 3 && memcmp(r->body, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  i += strspn(r->body + i, " \t\r\n"); /* the body ends in a NUL */
  const char *p = r->body + i;
  size_t n = i < r->len ? r->len - i : 0;
  return (n >= 14 && strncasecmp(p, "<!doctype html", 14) == 0) ||
         (n >= 5 && strncasecmp(p, "<html", 5) == 0);
}

int cmd_fetch(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  const char *title = NULL, *api = getenv("MSSDOC_API");
  long timeout = 60;
  if (api && !*api)
    api = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--api") == 0 || strcmp(a, "--timeout") == 0) {
      if (i + 1 >= argc)
        return cmd_fail(res, "fetch: %s needs a value", a);
      if (a[2] == 'a')
        api = argv[++i];
      else {
        char *end;
        errno = 0;
        timeout = strtol(argv[++i], &end, 10);
        if (errno || *end || end == argv[i] || timeout < 1 || timeout > 3600)
          return cmd_fail(res, "fetch: --timeout takes seconds, 1 to 3600");
      }
    } else if (strncmp(a, "--api=", 6) == 0)
      api = a + 6;
    else if (a[0] == '-' && a[1])
      return cmd_fail(res,
                      "fetch: unknown option %s; usage: mssdoc fetch "
                      "[TITLE] [--api URL] [--timeout SECONDS]",
                      width_arg(a));
    else if (title)
      return cmd_fail(res, "fetch takes one TITLE; usage: mssdoc fetch "
                           "[TITLE] [--api URL] [--timeout SECONDS]");
    else
      title = a;
  }
  if (o->format && strcmp(o->format, "text") != 0)
    return cmd_fail(res, "fetch cannot be written as %s; formats: text",
                    width_arg(o->format));
  if (!title)
    title = S_DEFAULT_TITLE;
  if (!api)
    api = FETCH_DEFAULT_API;
  char *name = xstrdup(title);
  for (char *s = name; *s; s++)
    if (*s == ' ')
      *s = '_';
  if (!*name) {
    free(name);
    return cmd_fail(res, "fetch: the title is empty");
  }

  char *etag = revstore_etag(name);
  S_progress prog = {name, {0, 0}, isatty(STDERR_FILENO), 0};
  clock_gettime(CLOCK_MONOTONIC, &prog.start);
  fetch_request rq = {api,           name, etag, timeout, FETCH_MAX_SIZE,
                      S_on_progress, &prog};
  fetch_response r;
  char *err = NULL;
  int ok = fetch_page(&rq, &r, &err);
  S_progress_end(&prog);
  int status = 0;
  mssdoc_records *rs = NULL;
  if (!ok) {
    status = cmd_fail(res, "%s", err);
    goto done;
  }
  if (r.not_modified) {
    buf_printf(&res->out,
               "%s: revision %lu is still the current one; nothing "
               "downloaded\n",
               name, fetch_etag_revision(etag));
    goto done;
  }
  if (!S_looks_html(&r)) {
    status = cmd_fail(res, "%s sent no HTML page (Content-Type: %s)", r.url,
                      r.content_type ? r.content_type : "none");
    goto done;
  }
  /* Parsoid's own word first, then the REST API's ETag "REV/UUID". */
  unsigned long rev = S_page_revision(r.body, r.len);
  if (!rev)
    rev = fetch_etag_revision(r.etag);
  if (!rev) {
    status = cmd_fail(res,
                      "%s: cannot tell which revision it is (no "
                      "revision in the page, no ETag REV/…)",
                      r.url);
    goto done;
  }
  rs = mssdoc_ingest_any(r.body, r.len, r.url, &err);
  if (!rs) {
    status = cmd_fail(res, "%s; nothing stored", err);
    goto done;
  }
  if (rs->sections.count == 0 || rs->paragraphs.count == 0) {
    status = cmd_fail(res,
                      "%s: the page ingests to nothing recognisable "
                      "(no sections or no paragraphs); nothing stored",
                      r.url);
    goto done;
  }
  /* what the page does not say of itself, the fetch knows: the revision
   * it is stored as and where it came from */
  if (!rs->article.revision)
    rs->article.revision = xasprintf("%lu", rev);
  if (!rs->article.url)
    rs->article.url = xstrdup(r.url);
  if (!revstore_save(rev, name, r.etag, r.url, r.body, r.len, rs, &err)) {
    status = cmd_fail(res, "%s", err);
    goto done;
  }
  char *dir = revstore_dir(NULL);
  buf_printf(&res->out,
             "%s: revision %lu stored in %s (%zu sections, %zu paragraphs, "
             "%zu references, %zu citations)\n",
             name, rev, dir ? dir : "the store", rs->sections.count,
             rs->paragraphs.count, rs->references.count, rs->citations.count);
  free(dir);
done:
  mssdoc_records_free(rs);
  if (ok)
    fetch_response_free(&r);
  free(err);
  free(etag);
  free(name);
  return status;
}
