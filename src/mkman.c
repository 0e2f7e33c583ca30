/* mkman.c: build tool; turns the markdown man page source into roff with
 * mssdoc's own cmark link, cleaned as the views' man pages are (roff.h).
 * Usage: mkman NAME SECTION VERSION DATE < page.md */
#include <stdio.h>
#include <stdlib.h>

#include <cmark.h>

#include "roff.h"
#include "util.h"

int main(int argc, char **argv) {
  if (argc != 5) {
    fputs("usage: mkman NAME SECTION VERSION DATE < page.md\n", stderr);
    return 2;
  }
  cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
    cmark_parser_feed(p, chunk, n);
  cmark_node *doc = cmark_parser_finish(p);
  cmark_parser_free(p);
  char *roff = cmark_render_man(doc, CMARK_OPT_DEFAULT, 0);
  /* man-pages(7)'s titles: section 5 is file formats, 1 commands */
  const char *manual = argv[2][0] == '5' ? "File Formats" : "User Commands";
  buf page = {0};
  buf_printf(&page, ".TH \"%s\" \"%s\" \"%s\" \"%s %s\" \"%s\"\n", argv[1],
             argv[2], argv[4], argv[1], argv[3], manual);
  buf_put_owned(&page, roff);
  char *clean = roff_clean(page.data);
  fputs(clean, stdout);
  free(clean);
  buf_free(&page);
  cmark_node_free(doc);
  return ferror(stdin) || fclose(stdout) ? 2 : 0;
}
