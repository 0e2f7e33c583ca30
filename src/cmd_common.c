/* cmd_common.c: what every command shares. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int cmd_fail(cmd_result *res, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  free(res->err);
  res->err = xmalloc((size_t)(n > 0 ? n : 0) + 1);
  va_start(ap, fmt);
  vsnprintf(res->err, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
  va_end(ap);
  return 2;
}

mssdoc_records *cmd_load(const cli_opts *o, cmd_result *res) {
  char *err = NULL;
  mssdoc_records *rs = mssdoc_load(o->data, &err);
  if (!rs) {
    cmd_fail(res, "%s", err ? err : "cannot load the record set");
    free(err);
  }
  return rs;
}
