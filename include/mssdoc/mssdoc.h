/*
 * mssdoc.h: the public face of libmssdoc: ingest an article dump into a
 * record set, store it as XML (validated by RELAX NG), export it as JSON.
 *
 * Library functions never print or exit.  Where one can fail it returns
 * NULL (or 0) and, if err is not NULL, sets *err to a malloc'd one-line
 * message that the caller frees.
 */
#ifndef MSSDOC_MSSDOC_H
#define MSSDOC_MSSDOC_H

#include <stddef.h>
#include <stdio.h>

#include "mssdoc/records.h"

#define MSSDOC_VERSION "0.1.0"
/* The date of this version (YYYY-MM-DD): every man page's .TH date, so
 * that a page is the same whenever it is built or shown. */
#define MSSDOC_VERSION_DATE "2026-12-03"
/* Where mssdoc lives: named in the User-Agent of every request it makes. */
#define MSSDOC_URL "https://github.com/mssdoc/mssdoc"

/** Ingests an article dump held in memory (any bytes; source names it in
 * the record set).  Returns a new record set (caller frees with
 * mssdoc_records_free), or NULL and *err if the data is not an article dump. */
mssdoc_records *mssdoc_ingest(const char *data, size_t len, const char *source,
                              char **err);

/** Ingests an article page in HTML (as a browser saves it, action=parse
 * or action=render output, or Parsoid HTML) held in memory.  Returns a new
 * record set (caller frees), or NULL and *err if it holds no article. */
mssdoc_records *mssdoc_ingest_html(const char *data, size_t len,
                                   const char *source, char **err);

/** Whether data is an HTML page rather than a text dump, by its content:
 * its first markup is a doctype, <html>, <head> or <body>, or a comment
 * or element followed by one of those, or it opens with MediaWiki's
 * <div class="mw-parser-output"> (action=render output). */
int mssdoc_is_html(const char *data, size_t len);

/** Ingests data as HTML or as a text dump, whichever it is
 * (mssdoc_is_html).  Returns a new record set (caller frees), or NULL and
 * *err. */
mssdoc_records *mssdoc_ingest_any(const char *data, size_t len,
                                  const char *source, char **err);

/** Serialises a record set as XML.  Returns a malloc'd NUL-terminated buffer
 * (caller frees) and its length in *len. */
char *mssdoc_xml_write(const mssdoc_records *rs, size_t *len);

/** Writes a record set as XML to f (the caller's stream, which it keeps
 * open), flushed.  Returns 1, or 0 and *err (malloc'd: why) if a write
 * failed (a full disk). */
int mssdoc_xml_write_file(const mssdoc_records *rs, FILE *f, char **err);

/** Validates XML bytes against the built-in RELAX NG schema.  Returns 1 if
 * valid, else 0 and *err (the first schema error with its line). */
int mssdoc_xml_validate(const char *data, size_t len, char **err);

/** Parses and validates an XML record set without network access or entity
 * expansion.  Returns a new record set (caller frees), or NULL and *err. */
mssdoc_records *mssdoc_xml_read(const char *data, size_t len, char **err);

/** Serialises a record set as JSON with the keys of mssdoc-records(5).  Returns a
 * malloc'd NUL-terminated string ending in a newline; the caller frees it. */
char *mssdoc_json_write(const mssdoc_records *rs);

/** Serialises one array of the record set ("bureaus", "heads", …) as a
 * JSON array; keep, if not NULL, holds one flag per element (non-zero =
 * keep).  Returns a malloc'd string ending in a newline; caller frees. */
char *mssdoc_json_write_part(const mssdoc_records *rs, const char *key,
                             const int *keep);

/** Serialises one group of the record set as an XML document whose root is
 * that group's element (<bureaus>, <heads>, …), with the same filter.
 * Returns a malloc'd string; the caller frees it. */
char *mssdoc_xml_write_part(const mssdoc_records *rs, const char *key,
                            const int *keep);

/** Serialises a record set in mssdoc's compact binary form (what the
 * binary embeds, so that queries start without parsing XML).  Returns a
 * malloc'd buffer (caller frees) and its length in *len. */
char *mssdoc_bin_write(const mssdoc_records *rs, size_t *len);

/** Reads the compact binary form.  Returns a new record set (caller frees)
 * whose strings point into data, which must outlive it; or NULL and *err
 * (malloc'd) if the bytes are not a whole record set. */
mssdoc_records *mssdoc_bin_read(const char *data, size_t len, char **err);

/** Reads the compact binary form as mssdoc_bin_read does, from a copy of
 * data that the new record set keeps (data may be freed at once).  Returns
 * a new record set (caller frees), or NULL and *err (malloc'd). */
mssdoc_records *mssdoc_bin_read_copy(const char *data, size_t len,
                                     char **err);

/** The RELAX NG schema of the XML record set (static storage). */
const char *mssdoc_schema(size_t *len);

/** Loads the record set a user names, told by its content whatever its
 * name (an XML record set, an HTML page or an article dump; a name ending
 * in ".xml" must hold XML); "builtin" is the article built into the
 * binary; a number that names no file is that stored revision
 * (revstore.h); NULL is the newest stored revision, or the built-in
 * article when none is stored.  Returns a new record set (caller frees), or
 * NULL and *err. */
mssdoc_records *mssdoc_load(const char *path, char **err);

/** Returns 1 if rs is the record set built into the binary (as
 * mssdoc_load gives it for "builtin"), else 0. */
int mssdoc_is_builtin(const mssdoc_records *rs);

/** Returns one line naming the revision rs shows ("Revision 917976458 of
 * 2019-09-26.", "Built-in 2022 dump.", or the source that names none), for
 * the header of every view; the caller frees it. */
char *mssdoc_revision_line(const mssdoc_records *rs);

#endif
