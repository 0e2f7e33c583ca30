/* cmd_read.c: placeholder until the command lands (being written now). */
#include "cli.h"

int cmd_read(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  (void)o;
  (void)argc;
  (void)argv;
  return cmd_fail(res, "read is not implemented yet");
}
