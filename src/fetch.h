/*
 * fetch.h: one HTTP GET of an article's HTML from a Wikimedia REST API,
 * with the API's etiquette (User-Agent, If-None-Match, Retry-After, time
 * and size caps, gzip, proxies from the environment).  libcurl is loaded
 * on first use.  The only place in mssdoc that knows HTTP.  Owned by
 * fetch.c.
 */
#ifndef MSSDOC_FETCH_H
#define MSSDOC_FETCH_H

#include <stddef.h>

/* The API mssdoc asks by default (MSSDOC_API or --api override it). */
#define FETCH_DEFAULT_API "https://en.wikipedia.org/api/rest_v1"
/* The largest page accepted (bytes, after gzip): the MSS article is
 * about 1 MB of Parsoid HTML. */
#define FETCH_MAX_SIZE (32u << 20)

typedef struct {
  const char *api;   /* base URL, e.g. FETCH_DEFAULT_API */
  const char *title; /* page title, spaces or underscores */
  const char *etag;  /* sent as If-None-Match; NULL for none */
  long timeout;      /* seconds for the whole transfer (connect: 10 or less) */
  size_t max_size;   /* body bytes accepted */
  /* Called while the body arrives (got bytes of total, 0 if unknown) and
   * with a line of news (waiting before a retry) when line is not NULL. */
  void (*progress)(void *ctx, size_t got, size_t total, const char *line);
  void *ctx;
} fetch_request;

typedef struct {
  int not_modified;   /* 1: the server answered 304 to the ETag sent */
  char *body;         /* the page, NUL-terminated (malloc'd) */
  size_t len;         /* its length */
  char *etag;         /* the ETag header, or NULL (malloc'd) */
  char *content_type; /* the Content-Type header, or NULL (malloc'd) */
  char *url;          /* the URL asked (malloc'd) */
} fetch_response;

/* Downloads the page rq names into *rs (which the caller frees with
 * fetch_response_free).  Returns 1 (a 200 or, to a sent ETag, a 304), or 0
 * and *err (malloc'd, one line) for any failure: no connection, DNS, TLS,
 * an HTTP error, a timeout, a truncated or oversized body. */
int fetch_page(const fetch_request *rq, fetch_response *rs, char **err);

/* Frees what a fetch_response holds (not rs itself). */
void fetch_response_free(fetch_response *rs);

/* The revision number in an ETag of the REST API ("REV/UUID", maybe W/
 * weak), or 0 if it has none. */
unsigned long fetch_etag_revision(const char *etag);

#endif
