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

/* How an output (-o OUT) is written, whatever OUT names:
 * - a regular file, or a new name: a temporary file beside it (its name
 *   cut to fit the directory's longest name) is renamed over it once
 *   every byte is written and synced; the replaced file's mode (and owner,
 *   where allowed) is kept, a new file gets 0666 less the umask.  A
 *   failure, or SIGINT, SIGTERM, SIGHUP, SIGQUIT or SIGXFSZ meanwhile,
 *   removes the temporary file and leaves OUT as it was.  The file gets a
 *   new inode: other hard links to it keep the old content.
 * - a symbolic link: written through to its target (links followed to the
 *   end), which is replaced as above; the link stays.  A dangling link
 *   creates its target, as the shell's `>` does.
 * - a directory: refused.
 * - a device or a FIFO (/dev/null, a terminal): written into as it is.
 * - /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: written into
 *   that open descriptor, as the shell opened it (`>>` appends).
 * An output that is the input file itself (same device and inode) is
 * refused before anything is read (file_output_check). */

/* Checks, before any work, that path may be written as output for input
 * (NULL, a file name, or "-"): not a directory, not the input itself.
 * Returns 1, or 0 and *err (malloc'd). */
int file_output_check(const char *path, const char *input, char **err);

/* Writes data to path as described above.  Returns 1, or 0 and *err
 * (malloc'd). */
int file_write_atomic(const char *path, const char *data, size_t len,
                      char **err);

/* An output being written as a temporary file beside its path, for
 * writers that stream (file_write_atomic is this in one call). */
typedef struct {
  FILE *f;      /* write here */
  char *path;   /* the name given, for messages */
  char *target; /* what it replaces: path, its symbolic links followed */
  char *tmp;    /* where it is meanwhile */
} file_pending;

/* Opens a temporary file beside path (its target, if a symbolic link),
 * removed on the fatal signals above until committed or aborted; one at a
 * time.  Returns 1; or 0 with *err (malloc'd) when it cannot, or with
 * *err NULL when path is not a regular file (a device, a FIFO, an open
 * descriptor), which cannot be replaced: write into it whole with
 * file_write_atomic instead. */
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

/* Writes all len bytes of data to the descriptor fd, through short writes
 * and EINTR.  Returns 0, or the errno of the failure (ENOSPC for a write
 * of nothing). */
int file_write_fd(int fd, const char *data, size_t len);

/* Creates dir and its missing parents (mode 0777 less the umask).  Returns
 * 1, or 0 and *err (malloc'd). */
int file_mkdirs(const char *dir, char **err);

#endif
