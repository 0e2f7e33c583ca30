/* fetch.c: the article's HTML over HTTP with libcurl, loaded on first use
 * (see fetch.h). */
#include "fetch.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "mssdoc/mssdoc.h"
#include "util.h"

/* Retries after a 429 or 503, and the longest Retry-After waited for. */
#define S_RETRIES 3
#define S_MAX_WAIT 10

/* The libcurl functions mssdoc calls, bound by dlsym. */
static struct {
  CURLcode (*global_init)(long);
  CURL *(*easy_init)(void);
  CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
  CURLcode (*easy_perform)(CURL *);
  CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
  void (*easy_cleanup)(CURL *);
  const char *(*easy_strerror)(CURLcode);
  char *(*easy_escape)(CURL *, const char *, int);
  void (*free_fn)(void *);
  struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
  void (*slist_free_all)(struct curl_slist *);
} S_curl;
static void *S_handle;

static int S_bind(void *slot, size_t size, const char *name) {
  void *sym = dlsym(S_handle, name);
  if (!sym)
    return 0;
  memcpy(slot, &sym, size);
  return 1;
}

/* Loads libcurl once.  Returns 1, or 0 and *err. */
static int S_load(char **err) {
  if (S_handle)
    return 1;
  S_handle = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!S_handle) {
    *err = xasprintf("cannot load libcurl (install libcurl4): %s", dlerror());
    return 0;
  }
  struct {
    void *slot;
    size_t size;
    const char *name;
  } syms[] = {
#define S_SYM(field, name) {&S_curl.field, sizeof S_curl.field, name}
      S_SYM(global_init, "curl_global_init"),
      S_SYM(easy_init, "curl_easy_init"),
      S_SYM(easy_setopt, "curl_easy_setopt"),
      S_SYM(easy_perform, "curl_easy_perform"),
      S_SYM(easy_getinfo, "curl_easy_getinfo"),
      S_SYM(easy_cleanup, "curl_easy_cleanup"),
      S_SYM(easy_strerror, "curl_easy_strerror"),
      S_SYM(easy_escape, "curl_easy_escape"),
      S_SYM(free_fn, "curl_free"),
      S_SYM(slist_append, "curl_slist_append"),
      S_SYM(slist_free_all, "curl_slist_free_all"),
#undef S_SYM
  };
  for (size_t i = 0; i < sizeof syms / sizeof *syms; i++)
    if (!S_bind(syms[i].slot, syms[i].size, syms[i].name)) {
      *err = xasprintf("libcurl has no %s", syms[i].name);
      dlclose(S_handle);
      S_handle = NULL;
      return 0;
    }
  if (S_curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    *err = xstrdup("libcurl cannot initialise");
    return 0;
  }
  return 1;
}

/* What one transfer collects. */
typedef struct {
  const fetch_request *rq;
  buf body;
  int too_big;
  char *etag, *content_type;
} S_transfer;

static size_t S_write(char *p, size_t size, size_t n, void *ud) {
  S_transfer *t = ud;
  size_t len = size * n;
  if (t->body.len + len > t->rq->max_size) {
    t->too_big = 1;
    return 0; /* aborts the transfer */
  }
  buf_put(&t->body, p, len);
  return len;
}

/* Keeps a header's value (trimmed) if it is the one named. */
static void S_header_value(const char *line, size_t len, const char *name,
                           char **slot) {
  size_t n = strlen(name);
  if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
    return;
  const char *v = line + n + 1, *end = line + len;
  while (v < end && (*v == ' ' || *v == '\t'))
    v++;
  while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
    end--;
  free(*slot);
  *slot = xstrndup(v, (size_t)(end - v));
}

static size_t S_header(char *p, size_t size, size_t n, void *ud) {
  S_transfer *t = ud;
  size_t len = size * n;
  if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) { /* a new response */
    free(t->etag);
    free(t->content_type);
    t->etag = t->content_type = NULL;
  }
  S_header_value(p, len, "ETag", &t->etag);
  S_header_value(p, len, "Content-Type", &t->content_type);
  return len;
}

static int S_xferinfo(void *ud, curl_off_t dltotal, curl_off_t dlnow,
                      curl_off_t ultotal, curl_off_t ulnow) {
  (void)ultotal;
  (void)ulnow;
  S_transfer *t = ud;
  if (t->rq->progress)
    t->rq->progress(t->rq->ctx, (size_t)dlnow, (size_t)dltotal, NULL);
  return 0;
}

/* The URL of the page's HTML: API/page/html/TITLE, the title escaped. */
static char *S_url(CURL *h, const fetch_request *rq) {
  char *title = xstrdup(rq->title);
  for (char *s = title; *s; s++)
    if (*s == ' ')
      *s = '_';
  char *esc = S_curl.easy_escape(h, title, 0);
  free(title);
  size_t n = strlen(rq->api);
  while (n && rq->api[n - 1] == '/')
    n--;
  char *url = xasprintf("%.*s/page/html/%s", (int)n, rq->api, esc ? esc : "");
  S_curl.free_fn(esc);
  return url;
}

/* One line for a failed transfer. */
static char *S_curl_error(CURLcode rc, const char *url, const char *detail,
                          const S_transfer *t, long timeout) {
  const char *d = detail && *detail ? detail : S_curl.easy_strerror(rc);
  switch (rc) {
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
    return xasprintf("cannot fetch %s: no such host (%s)", url, d);
  case CURLE_COULDNT_CONNECT:
    return xasprintf("cannot fetch %s: cannot connect (%s)", url, d);
  case CURLE_OPERATION_TIMEDOUT:
    return xasprintf("cannot fetch %s: no complete answer within %ld s", url,
                     timeout);
  case CURLE_PARTIAL_FILE:
    return xasprintf("cannot fetch %s: the download was cut short after %zu "
                     "bytes (%s)",
                     url, t->body.len, d);
  case CURLE_FILESIZE_EXCEEDED:
    return xasprintf("cannot fetch %s: the page is larger than the %zu-byte "
                     "limit",
                     url, t->rq->max_size);
  case CURLE_WRITE_ERROR:
    if (t->too_big)
      return xasprintf("cannot fetch %s: the page is larger than the "
                       "%zu-byte limit",
                       url, t->rq->max_size);
    break;
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE:
    return xasprintf("cannot fetch %s: TLS failure (%s)", url, d);
  case CURLE_BAD_CONTENT_ENCODING:
    return xasprintf("cannot fetch %s: the compressed body is corrupt (%s)",
                     url, d);
  default:
    break;
  }
  return xasprintf("cannot fetch %s: %s", url, d);
}

static void S_sleep(long seconds) {
  struct timespec ts = {seconds, 0};
  while (nanosleep(&ts, &ts) != 0)
    ;
}

int fetch_page(const fetch_request *rq, fetch_response *rs, char **err) {
  memset(rs, 0, sizeof *rs);
  if (!S_load(err))
    return 0;
  CURL *h = S_curl.easy_init();
  if (!h) {
    *err = xstrdup("libcurl cannot start a transfer");
    return 0;
  }
  char *url = S_url(h, rq);
  struct curl_slist *hdrs = S_curl.slist_append(NULL, "Accept: text/html");
  char *inm = NULL;
  if (rq->etag && *rq->etag) {
    inm = xasprintf("If-None-Match: %s", rq->etag);
    hdrs = S_curl.slist_append(hdrs, inm);
  }
  char detail[CURL_ERROR_SIZE];
  long timeout = rq->timeout > 0 ? rq->timeout : 60;
  S_transfer t = {rq, {0}, 0, NULL, NULL};
  int ok = 0;
  for (int attempt = 0;; attempt++) {
    buf_free(&t.body);
    t.too_big = 0;
    detail[0] = 0;
    S_curl.easy_setopt(h, CURLOPT_URL, url);
    S_curl.easy_setopt(h, CURLOPT_USERAGENT,
                       "mssdoc/" MSSDOC_VERSION " (" MSSDOC_URL ")");
    S_curl.easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    S_curl.easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* gzip, deflate... */
    S_curl.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    S_curl.easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    S_curl.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    S_curl.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    S_curl.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, timeout < 10 ? timeout : 10L);
    S_curl.easy_setopt(h, CURLOPT_TIMEOUT, timeout);
    S_curl.easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)rq->max_size);
    S_curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    S_curl.easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
    S_curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, S_write);
    S_curl.easy_setopt(h, CURLOPT_WRITEDATA, &t);
    S_curl.easy_setopt(h, CURLOPT_HEADERFUNCTION, S_header);
    S_curl.easy_setopt(h, CURLOPT_HEADERDATA, &t);
    S_curl.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, S_xferinfo);
    S_curl.easy_setopt(h, CURLOPT_XFERINFODATA, &t);
    S_curl.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    CURLcode rc = S_curl.easy_perform(h);
    if (rc != CURLE_OK) {
      *err = S_curl_error(rc, url, detail, &t, timeout);
      break;
    }
    long status = 0;
    curl_off_t retry_after = -1;
    S_curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    S_curl.easy_getinfo(h, CURLINFO_RETRY_AFTER, &retry_after);
    if (status == 200 || (status == 304 && inm)) {
      rs->not_modified = status == 304;
      ok = 1;
      break;
    }
    if (status == 429 || status == 503) {
      long wait = retry_after > 0 ? (long)retry_after : 1L << attempt;
      if (attempt >= S_RETRIES) {
        *err = xasprintf("cannot fetch %s: the server is busy (HTTP %ld) "
                         "after %d retries; try again later",
                         url, status, S_RETRIES);
        break;
      }
      if (wait > S_MAX_WAIT) {
        *err = xasprintf("cannot fetch %s: the server is busy (HTTP %ld) "
                         "and asks to wait %ld s; try again later",
                         url, status, wait);
        break;
      }
      if (rq->progress) {
        char *line = xasprintf("server busy (HTTP %ld); retrying in %ld s",
                               status, wait);
        rq->progress(rq->ctx, 0, 0, line);
        free(line);
      }
      S_sleep(wait);
      continue;
    }
    if (status == 404)
      *err =
          xasprintf("no page titled '%s' at %s (HTTP 404)", rq->title, rq->api);
    else if (status >= 500)
      *err = xasprintf("cannot fetch %s: server error (HTTP %ld)", url, status);
    else
      *err = xasprintf("cannot fetch %s: unexpected answer (HTTP %ld)", url,
                       status);
    break;
  }
  if (ok) {
    buf_putc(&t.body, 0); /* the NUL after the body */
    rs->len = t.body.len - 1;
    rs->body = t.body.data;
    t.body.data = NULL;
    rs->etag = t.etag;
    rs->content_type = t.content_type;
    rs->url = url;
    t.etag = t.content_type = NULL;
    url = NULL;
  }
  buf_free(&t.body);
  free(t.etag);
  free(t.content_type);
  free(url);
  free(inm);
  S_curl.slist_free_all(hdrs);
  S_curl.easy_cleanup(h);
  return ok;
}

void fetch_response_free(fetch_response *rs) {
  free(rs->body);
  free(rs->etag);
  free(rs->content_type);
  free(rs->url);
  memset(rs, 0, sizeof *rs);
}

unsigned long fetch_etag_revision(const char *etag) {
  if (!etag)
    return 0;
  if (strncmp(etag, "W/", 2) == 0)
    etag += 2;
  if (*etag == '"')
    etag++;
  char *end;
  if (*etag < '0' || *etag > '9')
    return 0;
  unsigned long rev = strtoul(etag, &end, 10);
  return (*end == '/' || *end == '"' || !*end) ? rev : 0;
}
