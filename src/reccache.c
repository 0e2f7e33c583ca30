/* reccache.c: the cache of XML record sets in the binary form (see
 * reccache.h). */
#include "reccache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "util.h"

static const char MAGIC[8] = {'M', 'S', 'S', 'D', 'O', 'C', 'C', '1'};

/* An entry's header: the magic, the key, the binary form's SHA-256. */
#define HEADER_SIZE (sizeof MAGIC + RECCACHE_KEY_SIZE + SHA256_DIGEST_SIZE)

/* The largest entry read back: far beyond the binary form of the largest
 * record set -d reads (FILE_READ_MAX of XML makes less binary). */
#define ENTRY_MAX ((size_t)FILE_READ_MAX)

/* The cache's directory (malloc'd), or NULL when it is off or has no
 * place (no absolute XDG_CACHE_HOME and no HOME). */
static char *S_dir(void) {
  const char *off = getenv("MSSDOC_CACHE");
  if (off && strcmp(off, "0") == 0)
    return NULL;
  const char *x = getenv("XDG_CACHE_HOME");
  /* XDG: a relative XDG_CACHE_HOME is invalid and ignored */
  if (x && x[0] == '/')
    return xasprintf("%s/mssdoc/records", x);
  const char *home = getenv("HOME");
  if (home && *home)
    return xasprintf("%s/.cache/mssdoc/records", home);
  return NULL;
}

static void S_hash_str(struct sha256_ctx *c, const char *s) {
  s = s ? s : "";
  sha256_update(c, strlen(s) + 1, (const uint8_t *)s); /* with its NUL */
}

void reccache_key(const char *data, size_t len,
                  unsigned char key[RECCACHE_KEY_SIZE]) {
  struct sha256_ctx c;
  sha256_init(&c);
  /* what this build makes of the bytes: its version, its schema and the
   * description of the records that the binary form walks */
  S_hash_str(&c, "mssdoc " MSSDOC_VERSION);
  size_t schema_len;
  const char *schema = mssdoc_schema(&schema_len);
  sha256_update(&c, schema_len, (const uint8_t *)schema);
  size_t ntypes;
  const mssdoc_rtype *types = mssdoc_rtypes(&ntypes);
  for (size_t t = 0; t < ntypes; t++) {
    char num[64];
    snprintf(num, sizeof num, "%zu %zu %zu", types[t].size, types[t].offset,
             types[t].nfields);
    S_hash_str(&c, types[t].group);
    S_hash_str(&c, num);
    for (size_t i = 0; i < types[t].nfields; i++) {
      const mssdoc_field *f = &types[t].fields[i];
      snprintf(num, sizeof num, "%d %d %u %zu", (int)f->type, (int)f->xml,
               (unsigned)f->flags, f->offset);
      S_hash_str(&c, f->name);
      S_hash_str(&c, f->item);
      S_hash_str(&c, num);
    }
  }
  sha256_update(&c, len, (const uint8_t *)data);
  sha256_digest(&c, RECCACHE_KEY_SIZE, key);
}

/* The entry's path for key in dir (malloc'd). */
static char *S_path(const char *dir, const unsigned char *key) {
  char hex[2 * RECCACHE_KEY_SIZE + 1];
  for (size_t i = 0; i < RECCACHE_KEY_SIZE; i++)
    snprintf(hex + 2 * i, 3, "%02x", key[i]);
  return xasprintf("%s/%s.bin", dir, hex);
}

/* Reads the regular file open at fd whole (malloc'd, *len), or NULL. */
static char *S_read_fd(int fd, size_t *len) {
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
      (size_t)st.st_size > ENTRY_MAX || (size_t)st.st_size < HEADER_SIZE)
    return NULL;
  size_t n = (size_t)st.st_size, got = 0;
  char *data = xmalloc(n ? n : 1);
  while (got < n) {
    ssize_t r = read(fd, data + got, n - got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0) {
      free(data);
      return NULL;
    }
    got += (size_t)r;
  }
  *len = n;
  return data;
}

/* Returns 1 if the entry of len bytes at data is whole and made for key. */
static int S_checks_out(const char *data, size_t len,
                        const unsigned char *key) {
  if (len < HEADER_SIZE || memcmp(data, MAGIC, sizeof MAGIC) != 0 ||
      memcmp(data + sizeof MAGIC, key, RECCACHE_KEY_SIZE) != 0)
    return 0;
  uint8_t digest[SHA256_DIGEST_SIZE];
  struct sha256_ctx c;
  sha256_init(&c);
  sha256_update(&c, len - HEADER_SIZE, (const uint8_t *)data + HEADER_SIZE);
  sha256_digest(&c, sizeof digest, digest);
  return memcmp(digest, data + sizeof MAGIC + RECCACHE_KEY_SIZE,
                sizeof digest) == 0;
}

mssdoc_records *reccache_get(const unsigned char key[RECCACHE_KEY_SIZE]) {
  char *dir = S_dir();
  if (!dir)
    return NULL;
  char *path = S_path(dir, key);
  free(dir);
  mssdoc_records *rs = NULL;
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd >= 0) {
    size_t len = 0;
    char *data = S_read_fd(fd, &len);
    if (data && S_checks_out(data, len, key)) {
      char *why = NULL;
      rs = mssdoc_bin_read_copy(data + HEADER_SIZE, len - HEADER_SIZE, &why);
      free(why);
    }
    if (rs)
      futimens(fd, NULL); /* used now: the last to be pruned */
    else
      unlink(path); /* not what it says: read the XML, write it anew */
    free(data);
    close(fd);
  }
  free(path);
  return rs;
}

/* Removes the least recently used entries of dir beyond RECCACHE_ENTRIES. */
static void S_prune(const char *dir) {
  DIR *d = opendir(dir);
  if (!d)
    return;
  typedef struct {
    char *path;
    struct timespec used;
  } S_entry;
  MSSDOC_LIST(S_entry) all = {0};
  for (struct dirent *e; (e = readdir(d));) {
    size_t n = strlen(e->d_name);
    int tmp = n > 4 && strcmp(e->d_name + n - 4, ".tmp") == 0;
    if (!tmp &&
        (n != 2 * RECCACHE_KEY_SIZE + 4 || strcmp(e->d_name + n - 4, ".bin")))
      continue;
    char *path = xasprintf("%s/%s", dir, e->d_name);
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || tmp) {
      /* a write cut short an hour ago or more: its writer is gone */
      if (tmp && S_ISREG(st.st_mode) && st.st_mtime < time(NULL) - 3600)
        unlink(path);
      free(path);
      continue;
    }
    S_entry *it = LIST_PUSH(all);
    it->path = path;
    it->used = st.st_mtim;
  }
  closedir(d);
  while (all.count > RECCACHE_ENTRIES) {
    size_t oldest = 0;
    for (size_t i = 1; i < all.count; i++) {
      const struct timespec *a = &all.items[i].used,
                            *b = &all.items[oldest].used;
      if (a->tv_sec < b->tv_sec ||
          (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec))
        oldest = i;
    }
    unlink(all.items[oldest].path);
    free(all.items[oldest].path);
    all.items[oldest] = all.items[--all.count];
  }
  for (size_t i = 0; i < all.count; i++)
    free(all.items[i].path);
  free(all.items);
}

void reccache_put(const unsigned char key[RECCACHE_KEY_SIZE],
                  const mssdoc_records *rs) {
  char *dir = S_dir(), *why = NULL;
  if (!dir)
    return;
  if (!file_mkdirs(dir, &why)) {
    free(why);
    free(dir);
    return;
  }
  size_t len;
  char *bin = mssdoc_bin_write(rs, &len);
  uint8_t digest[SHA256_DIGEST_SIZE];
  struct sha256_ctx c;
  sha256_init(&c);
  sha256_update(&c, len, (const uint8_t *)bin);
  sha256_digest(&c, sizeof digest, digest);
  char *path = S_path(dir, key);
  char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
  int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    int ok = !file_write_fd(fd, MAGIC, sizeof MAGIC) &&
             !file_write_fd(fd, (const char *)key, RECCACHE_KEY_SIZE) &&
             !file_write_fd(fd, (const char *)digest, sizeof digest) &&
             !file_write_fd(fd, bin, len);
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0)
      unlink(tmp);
    else
      S_prune(dir);
  }
  free(tmp);
  free(path);
  free(bin);
  free(dir);
}
