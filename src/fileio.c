/* fileio.c: reading inputs whole, writing outputs atomically. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* How many bytes of data[0..n) are NUL or not part of a valid UTF-8
 * sequence (a sequence cut by the end of the block counts as valid). */
static size_t S_bad_bytes(const unsigned char *d, size_t n) {
  size_t bad = 0;
  for (size_t i = 0; i < n;) {
    unsigned c = d[i];
    size_t k = c < 0x80                 ? 1
               : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    if (c == 0 || k == 0) {
      bad++;
      i++;
      continue;
    }
    size_t j = 1;
    while (j < k && i + j < n && (d[i + j] & 0xC0) == 0x80)
      j++;
    if (j < k && i + j < n) {
      bad++;
      i++;
      continue;
    }
    i += j;
  }
  return bad;
}

/* Whether the opening block of a file is UTF-16: a byte-order mark, or
 * NULs at one parity of offset only (ASCII text in UTF-16 without one).
 * That is text, recognised (and refused or read) by the reader. */
static int S_utf16(const unsigned char *d, size_t n) {
  if (n >= 2 &&
      ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF)))
    return 1;
  size_t nul[2] = {0, 0};
  for (size_t i = 0; i < n; i++)
    nul[i & 1] += d[i] == 0;
  return n >= 16 && (nul[0] == 0) != (nul[1] == 0) &&
         (nul[0] + nul[1]) * 4 >= n;
}

/* Whether the opening block (up to FILE_BINARY_BLOCK bytes) is binary
 * data: more than a quarter of it NUL bytes or invalid UTF-8, and not
 * UTF-16.  (A few bad bytes in a text are replaced and reported later.) */
static int S_binary(const char *data, size_t n) {
  const unsigned char *d = (const unsigned char *)data;
  if (n > FILE_BINARY_BLOCK)
    n = FILE_BINARY_BLOCK;
  return n && !S_utf16(d, n) && S_bad_bytes(d, n) * 4 > n;
}

char *file_read(const char *path, size_t *len, char **err) {
  int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY);
  if (fd < 0) {
    *err = xasprintf("cannot open %s: %s", path, strerror(errno));
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    *err = xasprintf("%s is a directory, not a file", path);
    close(fd);
    return NULL;
  }
  if (st.st_size > FILE_READ_MAX) {
    *err = xasprintf("%s is larger than %d MiB, too large for one article",
                     path, FILE_READ_MAX >> 20);
    close(fd);
    return NULL;
  }
  size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 65536, n = 0;
  char *data = xmalloc(cap + 1);
  for (;;) {
    if (n == cap) {
      if (n > FILE_READ_MAX) { /* a pipe or a device that does not end */
        *err = xasprintf("%s is larger than %d MiB, too large for one "
                         "article",
                         path, FILE_READ_MAX >> 20);
        free(data);
        close(fd);
        return NULL;
      }
      cap = cap > FILE_READ_MAX / 2 ? (size_t)FILE_READ_MAX + 1 : cap * 2;
      data = xrealloc(data, cap + 1);
    }
    ssize_t r = read(fd, data + n, cap - n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      *err = xasprintf("cannot read %s: %s", path, strerror(errno));
      free(data);
      close(fd);
      return NULL;
    }
    if (r == 0)
      break;
    size_t before = n;
    n += (size_t)r;
    /* judged as soon as the opening block is in (or the file ended), so
     * that /dev/zero or /dev/urandom is refused after one read */
    if (before < FILE_BINARY_BLOCK && n >= FILE_BINARY_BLOCK &&
        S_binary(data, n)) {
      *err = xasprintf("%s is binary data, not an article dump or a record "
                       "set",
                       path);
      free(data);
      close(fd);
      return NULL;
    }
  }
  if (n < FILE_BINARY_BLOCK && S_binary(data, n)) {
    *err = xasprintf("%s is binary data, not an article dump or a record set",
                     path);
    free(data);
    close(fd);
    return NULL;
  }
  close(fd);
  data[n] = '\0';
  *len = n;
  return data;
}

/* Writes all of data to fd; returns 0 or the errno of the failure. */
static int S_write_all(int fd, const char *data, size_t len) {
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return w < 0 ? errno : ENOSPC;
    off += (size_t)w;
  }
  return 0;
}

/* Returns 1 if path names something other than a regular file or a
 * directory (a device, a FIFO), which a rename must not replace. */
static int S_special(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

int file_pending_open(file_pending *p, const char *path, char **err) {
  memset(p, 0, sizeof *p);
  *err = NULL;
  if (S_special(path))
    return 0;
  p->tmp = xasprintf("%s.tmp.XXXXXX", path);
  int fd = mkstemp(p->tmp), saved = errno;
  if (fd >= 0 && !(p->f = fdopen(fd, "w+"))) {
    saved = errno;
    close(fd);
  }
  if (!p->f) {
    *err = xasprintf("cannot write %s: %s", path, strerror(saved));
    if (fd >= 0)
      unlink(p->tmp);
    free(p->tmp);
    p->tmp = NULL;
    return 0;
  }
  p->path = xstrdup(path);
  return 1;
}

const char *file_pending_map(file_pending *p, size_t *len) {
  struct stat st;
  if (fflush(p->f) != 0 || fstat(fileno(p->f), &st) != 0 || st.st_size <= 0)
    return NULL;
  void *m =
      mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fileno(p->f), 0);
  if (m == MAP_FAILED)
    return NULL;
  *len = (size_t)st.st_size;
  return m;
}

void file_unmap(const char *data, size_t len) {
  if (data)
    munmap((void *)(uintptr_t)data, len);
}

/* Frees p's names. */
static void S_pending_free(file_pending *p) {
  free(p->tmp);
  free(p->path);
  memset(p, 0, sizeof *p);
}

void file_pending_abort(file_pending *p) {
  if (p->f)
    fclose(p->f);
  if (p->tmp)
    unlink(p->tmp);
  S_pending_free(p);
}

int file_pending_commit(file_pending *p, char **err) {
  int saved = 0;
  if (fflush(p->f) != 0 || ferror(p->f))
    saved = errno ? errno : EIO;
  if (!saved && fsync(fileno(p->f)) != 0 && errno != EINVAL)
    saved = errno;
  if (fclose(p->f) != 0 && !saved)
    saved = errno;
  p->f = NULL;
  if (!saved) {
    mode_t mask = umask(0);
    umask(mask);
    chmod(p->tmp, 0666 & ~mask);
    if (rename(p->tmp, p->path) != 0)
      saved = errno;
  }
  if (saved) {
    unlink(p->tmp);
    *err = xasprintf("cannot write %s: %s", p->path, strerror(saved));
  }
  S_pending_free(p);
  return !saved;
}

int file_write_atomic(const char *path, const char *data, size_t len,
                      char **err) {
  file_pending p;
  if (file_pending_open(&p, path, err)) {
    if (len && fwrite(data, 1, len, p.f) != len) {
      int saved = errno ? errno : ENOSPC;
      *err = xasprintf("cannot write %s: %s", path, strerror(saved));
      file_pending_abort(&p);
      return 0;
    }
    return file_pending_commit(&p, err);
  }
  if (*err)
    return 0;
  /* A device or a pipe (-o /dev/null, -o /dev/stdout) cannot be replaced
   * by renaming a file over it: write into it as it is. */
  int fd = open(path, O_WRONLY);
  int saved = fd < 0 ? errno : S_write_all(fd, data, len);
  if (fd >= 0 && close(fd) != 0 && !saved)
    saved = errno;
  if (saved)
    *err = xasprintf("cannot write %s: %s", path, strerror(saved));
  return !saved;
}
