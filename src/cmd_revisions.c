/* cmd_revisions.c: `mssdoc revisions`: the stored revisions, newest first. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "revstore.h"
#include "width.h"

int cmd_revisions(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  (void)argv;
  if (argc > 1)
    return cmd_fail(res, "revisions takes no arguments");
  const char *f = o->format ? o->format : "text";
  if (strcmp(f, "text") != 0 && strcmp(f, "json") != 0)
    return cmd_fail(res,
                    "revisions cannot be written as %s; formats: text, "
                    "json",
                    width_arg(f));
  revstore_entry *e;
  size_t n;
  char *err = NULL;
  if (!revstore_list(&e, &n, &err)) {
    int status = cmd_fail(res, "%s", err);
    free(err);
    return status;
  }
  /* which one a command reads without -d */
  int current = !(o->data && *o->data);
  if (strcmp(f, "json") == 0) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
      json_array_append_new(
          a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "revision",
                       (json_int_t)e[i].rev, "title", e[i].title, "fetched",
                       e[i].fetched, "url", e[i].url, "file", e[i].xml,
                       "default", current && i == 0));
    cmd_emit_json(a, res);
  } else if (n == 0) {
    char *dir = revstore_dir(NULL);
    buf_printf(&res->diag,
               "mssdoc: no revision stored in %s; commands read the built-in "
               "2022 article (mssdoc fetch gets the current one)\n",
               dir ? dir : "the store");
    free(dir);
  } else
    for (size_t i = 0; i < n; i++)
      buf_printf(&res->out, "%c %-10lu %s  %s\n", current && i == 0 ? '*' : ' ',
                 e[i].rev, e[i].fetched, e[i].title);
  revstore_entries_free(e, n);
  return n ? 0 : 1;
}
