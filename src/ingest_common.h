/*
 * ingest_common.h: the record builder both ingest front ends share (the
 * text dump in ingest.c, HTML in ingest_html.c): the passes over the
 * recovered paragraphs and the diagnostics.  Owned by ingest_common.c.
 */
#ifndef MSSDOC_INGEST_COMMON_H
#define MSSDOC_INGEST_COMMON_H

#include <stddef.h>

#include "mssdoc/records.h"

/* The text of paragraph i as the input had it, citation markers "[N]"
 * still in place (the timeline splits sentences there); borrowed. */
typedef const char *(*ingest_raw_fn)(const mssdoc_records *rs, size_t i,
                                     void *arg);

/* Adds a diagnostic to rs; it takes ownership of message (malloc'd). */
void ingest_diag(mssdoc_records *rs, int line, const char *kind, char *message);

/* Sets a head's office and period from its table's caption ("Ministers
 * of State Security (1983–present)"; no period: the caption and ""),
 * and h->note when h->name (set before) names no person. */
void ingest_head_caption(mssdoc_records *rs, mssdoc_head *h,
                         const char *caption);

/* Whether hay contains needle, ASCII case ignored. */
int ingest_contains_ci(const char *hay, const char *needle);

/* Whether a paragraph is prose (a body paragraph or a quotation). */
int ingest_is_prose(const mssdoc_paragraph *p);

/* The passes once every block is a record: timeline (text and table),
 * incidents, dates outside their section's period, lost citations and
 * references, and the diagnostics sorted by line. */
void ingest_finish(mssdoc_records *rs, ingest_raw_fn raw_of, void *arg);

/* Returns rs's shared copy of s (mssdoc_records_str) and frees s: for a
 * string built in a buffer, which would keep the buffer's spare room. */
char *ingest_str_take(mssdoc_records *rs, char *s);

/* A section id made from a title: lower-case ASCII letters and digits
 * joined by '-' ("section-" before one that would open with a digit), as
 * for a heading the text lost or a table caption (caller frees). */
char *ingest_slug(const char *title);

/* The SHA-256 of data as lower-case hex (malloc'd; caller frees). */
char *ingest_sha256(const char *data, size_t len);

/* mssdoc_ingest of a dump in a malloc'd buffer that it takes: data is freed
 * (in every case) as soon as it is split into lines, so the input is not
 * held beside the records.  Returns a new record set (caller frees), or
 * NULL and *err. */
mssdoc_records *ingest_text_taking(char *data, size_t len, const char *source,
                                   char **err);

#endif
