/* fileio.c: reading inputs whole, writing outputs atomically. */
#include "fileio.h"
#include "width.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
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

/* Whether the opening block of a file is UTF-16 or UTF-32: a byte-order
 * mark; or, without one, NULs in at least 30% of one byte of each 16-bit
 * unit and under 5% of the other (mostly Latin text in UTF-16: a CJK
 * character such as U+4E00 has a NUL too); or both high bytes of nearly
 * every 32-bit unit NUL (UTF-32).  That is text, recognised (and refused
 * with the iconv that converts it, or read as XML) by load.c. */
static int S_wide_text(const unsigned char *d, size_t n) {
  if (n >= 2 &&
      ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF)))
    return 1;
  if (n < 16)
    return 0;
  size_t nul[2] = {0, 0}, le = 0, be = 0, units = n / 4;
  for (size_t i = 0; i < n; i++)
    nul[i & 1] += d[i] == 0;
  for (size_t i = 0; i < units; i++) {
    le += !d[4 * i + 2] && !d[4 * i + 3] && (d[4 * i] || d[4 * i + 1]);
    be += !d[4 * i] && !d[4 * i + 1] && (d[4 * i + 2] || d[4 * i + 3]);
  }
  size_t pairs = n / 2;
  return (nul[1] * 10 >= pairs * 3 && nul[0] * 20 < pairs) ||
         (nul[0] * 10 >= pairs * 3 && nul[1] * 20 < pairs) ||
         le * 10 >= units * 9 || be * 10 >= units * 9;
}

/* Whether the opening block (up to FILE_BINARY_BLOCK bytes) is binary
 * data: more than a quarter of it NUL bytes or invalid UTF-8, and not
 * UTF-16 or UTF-32.  (A few bad bytes in a text are replaced and reported later.) */
static int S_binary(const char *data, size_t n) {
  const unsigned char *d = (const unsigned char *)data;
  if (n > FILE_BINARY_BLOCK)
    n = FILE_BINARY_BLOCK;
  return n && !S_wide_text(d, n) && S_bad_bytes(d, n) * 4 > n;
}

char *file_read(const char *path, size_t *len, char **err) {
  int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY);
  if (fd < 0) {
    *err = xasprintf("cannot open %s: %s", width_arg(path), strerror(errno));
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    *err = xasprintf("%s is a directory, not a file", width_arg(path));
    close(fd);
    return NULL;
  }
  if (st.st_size > FILE_READ_MAX) {
    *err = xasprintf("%s is larger than %d MiB, too large for one article",
                     width_arg(path), FILE_READ_MAX >> 20);
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
                         width_arg(path), FILE_READ_MAX >> 20);
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
      *err = xasprintf("cannot read %s: %s", width_arg(path), strerror(errno));
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
                       width_arg(path));
      free(data);
      close(fd);
      return NULL;
    }
  }
  if (n < FILE_BINARY_BLOCK && S_binary(data, n)) {
    *err = xasprintf("%s is binary data, not an article dump or a record set",
                     width_arg(path));
    free(data);
    close(fd);
    return NULL;
  }
  close(fd);
  data[n] = '\0';
  *len = n;
  return data;
}

int file_write_fd(int fd, const char *data, size_t len) {
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

/* Returns the descriptor a name such as /dev/stdout, /dev/fd/3 or
 * /proc/self/fd/3 stands for, or -1 for any other name. */
static int S_descriptor(const char *path) {
  static const char *const dirs[] = {"/dev/fd/", "/proc/self/fd/", NULL};
  if (strcmp(path, "/dev/stdout") == 0)
    return 1;
  if (strcmp(path, "/dev/stderr") == 0)
    return 2;
  for (size_t i = 0; dirs[i]; i++) {
    size_t n = strlen(dirs[i]);
    if (strncmp(path, dirs[i], n) == 0 && path[n] >= '0' && path[n] <= '9') {
      char *end;
      long fd = strtol(path + n, &end, 10);
      if (!*end && fd <= INT_MAX)
        return (int)fd;
    }
  }
  return -1;
}

/* Follows path through every symbolic link to the name that is finally
 * written (which need not exist yet: a dangling link's target).  Returns
 * it (malloc'd), or NULL and *err. */
static char *S_resolve(const char *path, char **err) {
  char *cur = xstrdup(path);
  for (int hops = 0;; hops++) {
    struct stat st;
    if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
      return cur;
    if (hops == 40) {
      *err = xasprintf("cannot write %s: %s", width_arg(path), strerror(ELOOP));
      free(cur);
      return NULL;
    }
    buf link = {0};
    buf_reserve(&link, st.st_size > 0 ? (size_t)st.st_size : 255);
    ssize_t n = readlink(cur, link.data, link.cap - 1);
    if (n < 0) {
      *err = xasprintf("cannot write %s: %s", width_arg(path), strerror(errno));
      buf_free(&link);
      free(cur);
      return NULL;
    }
    link.data[n] = '\0';
    char *next;
    const char *slash = strrchr(cur, '/');
    if (link.data[0] == '/' || !slash)
      next = xstrdup(link.data);
    else
      next = xasprintf("%.*s/%s", (int)(slash - cur), cur, link.data);
    buf_free(&link);
    free(cur);
    cur = next;
  }
}

int file_output_check(const char *path, const char *input, char **err) {
  *err = NULL;
  if (S_descriptor(path) >= 0)
    return 1;
  char *target = S_resolve(path, err);
  if (!target)
    return 0;
  const char *slash = strrchr(target, '/');
  char *dir =
      slash ? xstrndup(target, (size_t)(slash - target) + 1) : xstrdup(".");
  struct stat out, in;
  int dir_ok = stat(dir, &out) == 0 || errno != ENOENT;
  free(dir);
  free(target);
  if (!dir_ok) {
    *err = xasprintf("cannot write %s: %s", width_arg(path), strerror(ENOENT));
    return 0;
  }
  if (stat(path, &out) != 0)
    return 1; /* a new file: written, or failing, later */
  if (S_ISDIR(out.st_mode)) {
    *err = xasprintf("cannot write %s: it is a directory; name a file",
                     width_arg(path));
    return 0;
  }
  int got = input &&
            (strcmp(input, "-") == 0 ? fstat(0, &in) : stat(input, &in)) == 0;
  if (got && S_ISREG(out.st_mode) && out.st_dev == in.st_dev &&
      out.st_ino == in.st_ino) {
    *err = xasprintf("%s is the input file; write the record set to another "
                     "file",
                     width_arg(path));
    return 0;
  }
  return 1;
}

/* ---- the temporary file, removed on a fatal signal ---- */

/* The signals that end the process while a temporary file is pending. */
static const int S_SIGNALS[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXFSZ};
#define S_NSIGNALS (sizeof S_SIGNALS / sizeof *S_SIGNALS)
static struct sigaction S_old[S_NSIGNALS];
static int S_caught[S_NSIGNALS];
/* The temporary file a fatal signal removes (one at a time). */
static char *volatile S_doomed;

/* Removes the pending temporary file and dies of the signal as if it had
 * not been caught: the default action back, the signal raised again.  The
 * handler runs with every one of S_SIGNALS blocked (not SA_RESETHAND, which
 * implies SA_NODEFER): a second signal, as timeout(1) sends to the child
 * and then to its group, waits until the file is gone. */
static void S_on_signal(int sig) {
  char *doomed = S_doomed;
  if (doomed)
    unlink(doomed);
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  raise(sig); /* pending until the handler returns and unblocks it */
}

/* Blocks (how = SIG_BLOCK) or unblocks those signals. */
static void S_mask(int how) {
  sigset_t set;
  sigemptyset(&set);
  for (size_t i = 0; i < S_NSIGNALS; i++)
    sigaddset(&set, S_SIGNALS[i]);
  sigprocmask(how, &set, NULL);
}

/* Makes tmp the file a fatal signal removes, or (NULL) none; the caller
 * has the signals blocked.  Signals ignored at start stay ignored. */
static void S_doom(char *tmp) {
  S_doomed = tmp;
  for (size_t i = 0; i < S_NSIGNALS; i++) {
    if (tmp && !S_caught[i]) {
      struct sigaction sa;
      memset(&sa, 0, sizeof sa);
      sa.sa_handler = S_on_signal;
      sigemptyset(&sa.sa_mask);
      for (size_t k = 0; k < S_NSIGNALS; k++)
        sigaddset(&sa.sa_mask, S_SIGNALS[k]);
      if (sigaction(S_SIGNALS[i], NULL, &S_old[i]) == 0 &&
          S_old[i].sa_handler != SIG_IGN &&
          sigaction(S_SIGNALS[i], &sa, NULL) == 0)
        S_caught[i] = 1;
    } else if (!tmp && S_caught[i]) {
      sigaction(S_SIGNALS[i], &S_old[i], NULL);
      S_caught[i] = 0;
    }
  }
}

/* Ends the pending temporary file tmp: renames it to target or, with
 * target NULL, removes it; either way no signal can come between that and
 * forgetting it.  Returns 0 or the errno of a failed rename (tmp is then
 * removed). */
static int S_finish_tmp(const char *tmp, const char *target) {
  S_mask(SIG_BLOCK);
  int saved = target && rename(tmp, target) != 0 ? errno : 0;
  if (!target || saved)
    unlink(tmp);
  S_doom(NULL);
  S_mask(SIG_UNBLOCK);
  return saved;
}

/* Returns the temporary name beside target, "NAME.tmp.XXXXXX" for mkstemp,
 * with NAME cut (at a character boundary) so that the whole fits in the
 * directory's longest name. */
static char *S_tmp_name(const char *target) {
  const char *slash = strrchr(target, '/');
  const char *base = slash ? slash + 1 : target;
  size_t dirlen = (size_t)(base - target);
  char *dir = dirlen ? xstrndup(target, dirlen) : xstrdup(".");
  long name_max = pathconf(dir, _PC_NAME_MAX);
  free(dir);
  if (name_max <= 0)
    name_max = 255;
  static const char suffix[] = ".tmp.XXXXXX";
  size_t keep = strlen(base), room = (size_t)name_max - (sizeof suffix - 1);
  if (keep > room) {
    keep = room;
    while (keep > 0 && ((unsigned char)base[keep] & 0xC0) == 0x80)
      keep--;
  }
  return xasprintf("%.*s%.*s%s", (int)dirlen, target, (int)keep, base, suffix);
}

int file_pending_open(file_pending *p, const char *path, char **err) {
  memset(p, 0, sizeof *p);
  *err = NULL;
  if (S_descriptor(path) >= 0)
    return 0;
  char *target = S_resolve(path, err);
  if (!target)
    return 0;
  struct stat st;
  int exists = stat(target, &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) {
    *err = xasprintf("cannot write %s: it is a directory; name a file",
                     width_arg(path));
    free(target);
    return 0;
  }
  if (exists && !S_ISREG(st.st_mode)) { /* a device, a FIFO */
    free(target);
    return 0;
  }
  p->tmp = S_tmp_name(target);
  S_mask(SIG_BLOCK);
  int fd = mkstemp(p->tmp), saved = errno;
  if (fd >= 0)
    S_doom(p->tmp);
  S_mask(SIG_UNBLOCK);
  if (fd >= 0) {
    /* the file it replaces keeps its mode (and, where allowed, owner) */
    mode_t mask = umask(0);
    umask(mask);
    if (exists && fchown(fd, st.st_uid, st.st_gid) != 0 &&
        fchown(fd, (uid_t)-1, st.st_gid) != 0) {
      /* not allowed: the new file is the writer's */
    }
    if (fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~mask) != 0 ||
        !(p->f = fdopen(fd, "w+"))) {
      saved = errno;
      close(fd);
    }
  }
  if (!p->f) {
    *err = xasprintf("cannot write %s: %s", width_arg(path), strerror(saved));
    if (fd >= 0)
      S_finish_tmp(p->tmp, NULL);
    free(p->tmp);
    p->tmp = NULL;
    free(target);
    return 0;
  }
  p->path = xstrdup(path);
  p->target = target;
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
  free(p->target);
  memset(p, 0, sizeof *p);
}

void file_pending_abort(file_pending *p) {
  if (p->f)
    fclose(p->f);
  if (p->tmp)
    S_finish_tmp(p->tmp, NULL);
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
  if (!saved)
    saved = S_finish_tmp(p->tmp, p->target);
  if (saved)
    *err =
        xasprintf("cannot write %s: %s", width_arg(p->path), strerror(saved));
  S_pending_free(p);
  return !saved;
}

int file_write_atomic(const char *path, const char *data, size_t len,
                      char **err) {
  file_pending p;
  if (file_pending_open(&p, path, err)) {
    if (len && fwrite(data, 1, len, p.f) != len) {
      int saved = errno ? errno : ENOSPC;
      *err = xasprintf("cannot write %s: %s", width_arg(path), strerror(saved));
      file_pending_abort(&p);
      return 0;
    }
    return file_pending_commit(&p, err);
  }
  if (*err)
    return 0;
  /* An open descriptor (-o /dev/stdout) is written where it stands, as
   * the shell opened it; a device or a FIFO (-o /dev/null) cannot be
   * replaced by renaming a file over it: write into it as it is. */
  int given = S_descriptor(path);
  int fd = given >= 0 ? given : open(path, O_WRONLY);
  int saved = fd < 0 ? errno : file_write_fd(fd, data, len);
  if (given < 0 && fd >= 0 && close(fd) != 0 && !saved)
    saved = errno;
  if (saved)
    *err = xasprintf("cannot write %s: %s", width_arg(path), strerror(saved));
  return !saved;
}

int file_mkdirs(const char *dir, char **err) {
  char *p = xstrdup(dir);
  for (char *s = p + 1;; s++) {
    if (*s == '/' || !*s) {
      char c = *s;
      *s = 0;
      struct stat st;
      if (mkdir(p, 0777) != 0 &&
          (errno != EEXIST || stat(p, &st) != 0 || !S_ISDIR(st.st_mode))) {
        *err = xasprintf("cannot create %s: %s", p,
                         errno == EEXIST ? "a file is in the way"
                                         : strerror(errno));
        free(p);
        return 0;
      }
      *s = c;
      if (!c)
        break;
    }
  }
  free(p);
  return 1;
}
