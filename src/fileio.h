/* fileio.h: whole-file reading and atomic writing.  Owned by fileio.c. */
#ifndef MSSDOC_FILEIO_H
#define MSSDOC_FILEIO_H

#include <stddef.h>
#include <stdio.h>

/* The largest input read (1 GiB): a reader of one article has no use for
 * more, and /dev/zero must not exhaust the memory. */
#define FILE_READ_MAX (1 << 30)

/* The opening block of an input that file_read judges: binary data there
 * (NUL bytes, invalid UTF-8) is refused before anything more is read. */
#define FILE_BINARY_BLOCK 4096

/* Reads a whole regular file ("-" is standard input), at most
 * FILE_READ_MAX bytes; binary data (see FILE_BINARY_BLOCK) is refused
 * as soon as its opening block is read.  Returns a malloc'd buffer with a NUL
 * after the last byte (caller frees) and its length, or NULL and *err
 * (malloc'd) naming the file and what is wrong with it. */
char *file_read(const char *path, size_t *len, char **err);

/* Writes data to path through a temporary file beside it, renamed into
 * place only when every byte is written and flushed; an existing file
 * survives a failure untouched.  A device or a FIFO (-o /dev/null) is
 * written into as it is.  Returns 1, or 0 and *err (malloc'd). */
int file_write_atomic(const char *path, const char *data, size_t len,
                      char **err);

/* An output being written as a temporary file beside its path, for
 * writers that stream (file_write_atomic is this in one call). */
typedef struct {
  FILE *f;    /* write here */
  char *path; /* where it goes */
  char *tmp;  /* where it is */
} file_pending;

/* Opens a temporary file beside path.  Returns 1; or 0 with *err
 * (malloc'd) when it cannot, or with *err NULL when path is not a regular
 * file (a device, a FIFO), which cannot be replaced: write into it whole
 * with file_write_atomic instead. */
int file_pending_open(file_pending *p, const char *path, char **err);

/* Maps what was written to p so far (flushed), read-only.  Returns the
 * bytes and *len, or NULL; release them with file_unmap(). */
const char *file_pending_map(file_pending *p, size_t *len);

/* Releases a mapping from file_pending_map. */
void file_unmap(const char *data, size_t len);

/* Flushes and syncs p's file and renames it over its path.  Returns 1, or
 * 0 and *err (malloc'd), the temporary file removed.  Either way p is
 * finished. */
int file_pending_commit(file_pending *p, char **err);

/* Closes and removes p's temporary file; the path is left as it was. */
void file_pending_abort(file_pending *p);

#endif
