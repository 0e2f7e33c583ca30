/* load.h: what a file holds, told by its content, and the one place that
 * turns a file's bytes into a record set.  Owned by load.c. */
#ifndef MSSDOC_LOAD_H
#define MSSDOC_LOAD_H

#include <stddef.h>

#include "mssdoc/mssdoc.h"

/* The kinds of input mssdoc tells apart by their opening bytes. */
typedef enum {
  INPUT_DUMP,    /* text: an article dump (ingest says if it is not one) */
  INPUT_RECORDS, /* markup: an XML record set */
  INPUT_HTML,    /* markup: an HTML page (mssdoc_is_html) */
  INPUT_UTF16LE, /* UTF-16 little-endian without a byte-order mark */
  INPUT_UTF16BE, /* UTF-16 big-endian without a byte-order mark */
  INPUT_UTF16,   /* UTF-16 with a byte-order mark */
  INPUT_UTF32LE, /* UTF-32 little-endian without a byte-order mark */
  INPUT_UTF32BE, /* UTF-32 big-endian without a byte-order mark */
  INPUT_UTF32    /* UTF-32 with a byte-order mark */
} input_kind;

/* Says what the len bytes at data hold, from their first 4 KiB; the name
 * of the file plays no part. */
input_kind input_recognise(const char *data, size_t len);

/* Returns why a file of kind k cannot be read (static text that follows
 * the file's name: "is UTF-16; convert it ..."), or NULL if it can. */
const char *input_refusal(input_kind k);

/* The largest article dump or HTML page mssdoc ingests (128 MiB, some
 * thousand times the article): its record set stays within what -d reads
 * back (FILE_READ_MAX) for the shapes an article has, and ingest refuses
 * to write one that would not. */
#define LOAD_ARTICLE_MAX ((size_t)128 << 20)

/* Ingests the len bytes at data (malloc'd; taken and freed, early for a
 * text dump so that the input is not held beside the records), named source, as an article dump or an
 * HTML page, after recognising them: a record set, UTF-16 or UTF-32 is
 * refused with a message that says what it is, and so is an article of
 * more than LOAD_ARTICLE_MAX bytes, before any work.  Returns a new
 * record set (caller frees),
 * or NULL and *err (malloc'd). */
/* The refusal of an article of len bytes, past LOAD_ARTICLE_MAX (malloc'd;
 * caller frees). */
char *load_too_large(const char *source, size_t len);

mssdoc_records *load_ingest(char *data, size_t len, const char *source,
                            char **err);

#endif
