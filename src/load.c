/* load.c: the record set a user names (-d FILE, $MSSDOC_DATA, a stored
 * revision, or the one built into the binary), and what kind of page a
 * file is. */
#include "mssdoc/mssdoc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "builtin.h"
#include "fileio.h"
#include "revstore.h"
#include "util.h"

static int S_ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

int mssdoc_is_html(const char *data, size_t len) {
  size_t i = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && isspace((unsigned char)data[i]))
    i++;
  if (i >= len || data[i] != '<')
    return 0;
  /* the opening kilobyte holds the doctype or the document's first tags */
  size_t end = len - i < 1024 ? len : i + 1024;
  static const char *const marks[] = {"<!doctype html", "<html", "<head",
                                      "<body", NULL};
  for (size_t at = i; at < end; at++) {
    if (data[at] != '<')
      continue;
    for (size_t k = 0; marks[k]; k++) {
      size_t m = strlen(marks[k]);
      if (end - at >= m && strncasecmp(data + at, marks[k], m) == 0 &&
          (end - at == m || !isalnum((unsigned char)data[at + m])))
        return 1;
    }
  }
  return 0;
}

mssdoc_records *mssdoc_ingest_any(const char *data, size_t len,
                                  const char *source, char **err) {
  return mssdoc_is_html(data, len) ? mssdoc_ingest_html(data, len, source, err)
                                   : mssdoc_ingest(data, len, source, err);
}

static mssdoc_records *S_builtin(char **err) {
  size_t len;
  const char *bin = builtin_records(&len);
  if (!bin) {
    *err = xstrdup("this binary has no built-in article; use -d FILE");
    return NULL;
  }
  return mssdoc_bin_read(bin, len, err);
}

/* A stored revision's number, if path is all digits and no file. */
static unsigned long S_revision_number(const char *path) {
  struct stat st;
  if (!*path || strspn(path, "0123456789") != strlen(path) ||
      stat(path, &st) == 0)
    return 0;
  return strtoul(path, NULL, 10);
}

static mssdoc_records *S_read_xml(const char *path, char **err) {
  size_t len;
  char *data = file_read(path, &len, err);
  if (!data)
    return NULL;
  char *why = NULL;
  mssdoc_records *rs = mssdoc_xml_read(data, len, &why);
  if (!rs) {
    *err = xasprintf("%s is not a valid record set: %s", path, why);
    free(why);
  }
  free(data);
  return rs;
}

mssdoc_records *mssdoc_load(const char *path, char **err) {
  if (!path) {
    char *newest = revstore_newest_xml();
    if (!newest)
      return S_builtin(err);
    mssdoc_records *rs = S_read_xml(newest, err);
    free(newest);
    return rs;
  }
  if (strcmp(path, "builtin") == 0)
    return S_builtin(err);
  unsigned long rev = S_revision_number(path);
  if (rev) {
    char *stored = revstore_xml_path(rev);
    if (!stored) {
      *err = xasprintf("no file %s and no stored revision %lu (see mssdoc "
                       "revisions)",
                       path, rev);
      return NULL;
    }
    mssdoc_records *rs = S_read_xml(stored, err);
    free(stored);
    return rs;
  }
  if (S_ends_with(path, ".xml"))
    return S_read_xml(path, err);
  size_t len;
  char *data = file_read(path, &len, err);
  if (!data)
    return NULL;
  mssdoc_records *rs = mssdoc_ingest_any(data, len, path, err);
  free(data);
  return rs;
}
