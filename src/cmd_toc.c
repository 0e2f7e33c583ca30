/* cmd_toc.c: placeholder until the command lands (being written now). */
#include "cli.h"

int cmd_toc(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  (void)o;
  (void)argc;
  (void)argv;
  return cmd_fail(res, "toc is not implemented yet");
}
