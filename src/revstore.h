/*
 * revstore.h: the revisions fetched so far, kept under
 * $XDG_DATA_HOME/mssdoc/ (default ~/.local/share/mssdoc/) as REV.html (the
 * page as downloaded), REV.xml (its record set, validated) and REV.meta
 * (title, ETag, source URL, fetch time; written last, so a revision
 * counts only when all three are in place).  Owned by revstore.c.
 */
#ifndef MSSDOC_REVSTORE_H
#define MSSDOC_REVSTORE_H

#include <stddef.h>

#include "mssdoc/mssdoc.h"

typedef struct {
  unsigned long rev; /* the revision id */
  char *title;       /* the page title */
  char *etag;        /* the ETag it came with, or "" */
  char *url;         /* where it came from */
  char *fetched;     /* when, ISO 8601 UTC */
  char *xml;         /* path of its record set */
} revstore_entry;

/* The store's directory (malloc'd), or NULL and *err when neither
 * XDG_DATA_HOME nor HOME says where it is. */
char *revstore_dir(char **err);

/* The stored revisions, newest (highest id) first, in *out (malloc'd; free
 * with revstore_entries_free).  A missing store is an empty one.  Returns
 * 1, or 0 and *err. */
int revstore_list(revstore_entry **out, size_t *n, char **err);

/* Frees n entries from revstore_list. */
void revstore_entries_free(revstore_entry *e, size_t n);

/* The path of stored revision rev's record set (malloc'd), or NULL when
 * it is not stored. */
char *revstore_xml_path(unsigned long rev);

/* The record set of the newest stored revision's path (malloc'd), or NULL
 * when nothing is stored. */
char *revstore_newest_xml(void);

/* The ETag of the newest stored revision of title (malloc'd), or NULL. */
char *revstore_etag(const char *title);

/* Stores revision rev: the page html and its record set rs, with its
 * title, etag and url.  Either every file is written or none is changed.
 * Returns 1, or 0 and *err. */
int revstore_save(unsigned long rev, const char *title, const char *etag,
                  const char *url, const char *html, size_t html_len,
                  const mssdoc_records *rs, char **err);

#endif
