/* fileio.c: reading inputs whole, writing outputs atomically. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

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
    n += (size_t)r;
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

int file_write_atomic(const char *path, const char *data, size_t len,
                      char **err) {
  /* A device or a pipe (-o /dev/null, -o /dev/stdout) cannot be replaced
   * by renaming a file over it: write into it as it is. */
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    int fd = open(path, O_WRONLY);
    int saved = fd < 0 ? errno : S_write_all(fd, data, len);
    if (fd >= 0 && close(fd) != 0 && !saved)
      saved = errno;
    if (saved)
      *err = xasprintf("cannot write %s: %s", path, strerror(saved));
    return !saved;
  }
  char *tmp = xasprintf("%s.tmp.XXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    *err = xasprintf("cannot write %s: %s", path, strerror(errno));
    free(tmp);
    return 0;
  }
  int saved = S_write_all(fd, data, len);
  if (!saved && fsync(fd) != 0 && errno != EINVAL)
    saved = errno;
  if (close(fd) != 0 && !saved)
    saved = errno;
  if (!saved) {
    mode_t mask = umask(0);
    umask(mask);
    chmod(tmp, 0666 & ~mask);
    if (rename(tmp, path) != 0)
      saved = errno;
  }
  if (saved) {
    unlink(tmp);
    *err = xasprintf("cannot write %s: %s", path, strerror(saved));
  }
  free(tmp);
  return !saved;
}
