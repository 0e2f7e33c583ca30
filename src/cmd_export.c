/* cmd_export.c: `mssdoc export [-f xml|json]`: the whole record set. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "width.h"

int cmd_export(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  (void)argv;
  const char *format = o->format ? o->format : "xml";
  if (argc > 1)
    return cmd_fail(res, "export takes no arguments; usage: mssdoc export "
                         "[-f xml|json]");
  if (strcmp(format, "xml") != 0 && strcmp(format, "json") != 0)
    return cmd_fail(res, "export cannot write %s; formats: xml, json",
                    width_arg(format));
  mssdoc_records *rs = cmd_load(o, res);
  if (!rs)
    return 2;
  if (strcmp(format, "json") == 0) {
    char *json = mssdoc_json_write(rs);
    buf_put_owned(&res->out, json);
  } else {
    size_t len;
    char *xml = mssdoc_xml_write(rs, &len);
    buf_put(&res->out, xml, len);
    free(xml);
  }
  mssdoc_records_free(rs);
  return 0;
}
