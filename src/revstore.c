/* revstore.c: the store of fetched revisions (see revstore.h). */
#include "revstore.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "util.h"

char *revstore_dir(char **err) {
  const char *x = getenv("XDG_DATA_HOME");
  /* XDG: a relative XDG_DATA_HOME is invalid and ignored */
  if (x && x[0] == '/')
    return xasprintf("%s/mssdoc", x);
  const char *home = getenv("HOME");
  if (home && *home)
    return xasprintf("%s/.local/share/mssdoc", home);
  if (err)
    *err = xstrdup("cannot tell where to keep revisions: set XDG_DATA_HOME "
                   "or HOME");
  return NULL;
}

/* Reads REV.meta's "key<TAB>value" lines into e. */
static int S_read_meta(const char *dir, unsigned long rev, revstore_entry *e) {
  memset(e, 0, sizeof *e);
  e->rev = rev;
  char *path = xasprintf("%s/%lu.meta", dir, rev);
  size_t len;
  char *why = NULL;
  char *data = file_read(path, &len, &why);
  free(path);
  free(why);
  if (!data)
    return 0;
  for (char *line = data; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl)
      *nl = 0;
    char *tab = strchr(line, '\t');
    if (tab) {
      *tab = 0;
      char **slot = strcmp(line, "title") == 0     ? &e->title
                    : strcmp(line, "etag") == 0    ? &e->etag
                    : strcmp(line, "url") == 0     ? &e->url
                    : strcmp(line, "fetched") == 0 ? &e->fetched
                                                   : NULL;
      if (slot && !*slot)
        *slot = xstrdup(tab + 1);
    }
    line = nl ? nl + 1 : NULL;
  }
  free(data);
  char **all[] = {&e->title, &e->etag, &e->url, &e->fetched};
  for (size_t i = 0; i < 4; i++)
    if (!*all[i])
      *all[i] = xstrdup("");
  e->xml = xasprintf("%s/%lu.xml", dir, rev);
  return access(e->xml, R_OK) == 0;
}

static int S_newest_first(const void *a, const void *b) {
  const revstore_entry *x = a, *y = b;
  return x->rev < y->rev ? 1 : x->rev > y->rev ? -1 : 0;
}

/* Frees what one entry holds. */
static void S_entry_clear(revstore_entry *e) {
  free(e->title);
  free(e->etag);
  free(e->url);
  free(e->fetched);
  free(e->xml);
  memset(e, 0, sizeof *e);
}

void revstore_entries_free(revstore_entry *e, size_t n) {
  for (size_t i = 0; i < n; i++)
    S_entry_clear(&e[i]);
  free(e);
}

int revstore_list(revstore_entry **out, size_t *n, char **err) {
  *out = NULL;
  *n = 0;
  char *dir = revstore_dir(err);
  if (!dir)
    return 0;
  DIR *d = opendir(dir);
  if (!d) {
    int ok = errno == ENOENT || errno == ENOTDIR;
    if (!ok)
      *err = xasprintf("cannot read %s: %s", dir, strerror(errno));
    free(dir);
    return ok;
  }
  size_t cap = 0;
  struct dirent *de;
  while ((de = readdir(d))) {
    char *end;
    if (de->d_name[0] < '1' || de->d_name[0] > '9')
      continue;
    unsigned long rev = strtoul(de->d_name, &end, 10);
    if (strcmp(end, ".meta") != 0)
      continue;
    revstore_entry e;
    if (!S_read_meta(dir, rev, &e)) {
      S_entry_clear(&e);
      continue;
    }
    if (*n == cap) {
      cap = cap ? 2 * cap : 8;
      *out = xrealloc(*out, cap * sizeof **out);
    }
    (*out)[(*n)++] = e;
  }
  closedir(d);
  free(dir);
  if (*n)
    qsort(*out, *n, sizeof **out, S_newest_first);
  return 1;
}

char *revstore_xml_path(unsigned long rev) {
  char *dir = revstore_dir(NULL);
  if (!dir)
    return NULL;
  revstore_entry e;
  char *path = NULL;
  if (S_read_meta(dir, rev, &e)) {
    path = e.xml;
    e.xml = NULL;
  }
  S_entry_clear(&e);
  free(dir);
  return path;
}

char *revstore_newest_xml(void) {
  revstore_entry *e;
  size_t n;
  char *err = NULL;
  if (!revstore_list(&e, &n, &err)) {
    free(err);
    return NULL;
  }
  char *path = n ? xstrdup(e[0].xml) : NULL;
  revstore_entries_free(e, n);
  return path;
}

char *revstore_etag(const char *title) {
  revstore_entry *e;
  size_t n;
  char *err = NULL, *etag = NULL;
  if (!revstore_list(&e, &n, &err)) {
    free(err);
    return NULL;
  }
  for (size_t i = 0; i < n && !etag; i++)
    if (strcmp(e[i].title, title) == 0 && *e[i].etag)
      etag = xstrdup(e[i].etag);
  revstore_entries_free(e, n);
  return etag;
}

int revstore_save(unsigned long rev, const char *title, const char *etag,
                  const char *url, const char *html, size_t html_len,
                  const mssdoc_records *rs, char **err) {
  char *dir = revstore_dir(err);
  if (!dir)
    return 0;
  if (!file_mkdirs(dir, err)) {
    free(dir);
    return 0;
  }
  size_t xml_len;
  char *xml = mssdoc_xml_write(rs, &xml_len);
  char *why = NULL;
  if (!mssdoc_xml_validate(xml, xml_len, &why)) {
    *err = xasprintf("internal error: the record set does not validate: %s",
                     why ? why : "(no message)");
    free(why);
    free(xml);
    free(dir);
    return 0;
  }
  char *paths[3] = {xasprintf("%s/%lu.html", dir, rev),
                    xasprintf("%s/%lu.xml", dir, rev),
                    xasprintf("%s/%lu.meta", dir, rev)};
  int existed[3];
  for (int i = 0; i < 3; i++)
    existed[i] = access(paths[i], F_OK) == 0;
  time_t now = time(NULL);
  char when[32];
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
  char *meta = xasprintf("title\t%s\netag\t%s\nurl\t%s\nfetched\t%s\n", title,
                         etag ? etag : "", url, when);
  int ok = file_write_atomic(paths[0], html, html_len, err) &&
           file_write_atomic(paths[1], xml, xml_len, err) &&
           file_write_atomic(paths[2], meta, strlen(meta), err);
  if (!ok) /* leave the store as it was: drop what this call added */
    for (int i = 0; i < 3; i++)
      if (!existed[i])
        unlink(paths[i]);
  for (int i = 0; i < 3; i++)
    free(paths[i]);
  free(meta);
  free(xml);
  free(dir);
  return ok;
}
