/* fileio.h: whole-file reading and atomic writing.  Owned by fileio.c. */
#ifndef MSSDOC_FILEIO_H
#define MSSDOC_FILEIO_H

#include <stddef.h>

/* The largest input read (1 GiB): a reader of one article has no use for
 * more, and /dev/zero must not exhaust the memory. */
#define FILE_READ_MAX (1 << 30)

/* Reads a whole regular file ("-" is standard input), at most
 * FILE_READ_MAX bytes.  Returns a malloc'd buffer with a NUL after the
 * last byte (caller frees) and its length, or NULL and *err (malloc'd)
 * naming the file and what is wrong with it. */
char *file_read(const char *path, size_t *len, char **err);

/* Writes data to path through a temporary file beside it, renamed into
 * place only when every byte is written and flushed; an existing file
 * survives a failure untouched.  Returns 1, or 0 and *err (malloc'd). */
int file_write_atomic(const char *path, const char *data, size_t len,
                      char **err);

#endif
