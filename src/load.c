/* load.c: the record set a user names (-d FILE, $MSSDOC_DATA, or the one
 * built into the binary). */
#include "mssdoc/mssdoc.h"

#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "fileio.h"
#include "util.h"

static int S_ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

mssdoc_records *mssdoc_load(const char *path, char **err) {
  if (!path) {
    size_t len;
    const char *bin = builtin_records(&len);
    if (!bin) {
      *err = xstrdup("this binary has no built-in article; use -d FILE");
      return NULL;
    }
    return mssdoc_bin_read(bin, len, err);
  }
  size_t len;
  char *data = file_read(path, &len, err);
  if (!data)
    return NULL;
  mssdoc_records *rs;
  if (S_ends_with(path, ".xml")) {
    char *why = NULL;
    rs = mssdoc_xml_read(data, len, &why);
    if (!rs) {
      *err = xasprintf("%s is not a valid record set: %s", path, why);
      free(why);
    }
  } else
    rs = mssdoc_ingest(data, len, path, err);
  free(data);
  return rs;
}
