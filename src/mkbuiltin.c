/* mkbuiltin.c: build tool; reads an XML record set, validates it against
 * the schema, and writes the compact binary form that the mssdoc binary
 * embeds.  Usage: mkbuiltin IN.xml > OUT.bin */
#include <stdio.h>
#include <stdlib.h>

#include "fileio.h"
#include "mssdoc/mssdoc.h"

int main(int argc, char **argv) {
  char *err = NULL;
  size_t len;
  if (argc != 2) {
    fputs("usage: mkbuiltin IN.xml > OUT.bin\n", stderr);
    return 2;
  }
  char *xml = file_read(argv[1], &len, &err);
  mssdoc_records *rs = xml ? mssdoc_xml_read(xml, len, &err) : NULL;
  free(xml);
  if (!rs) {
    fprintf(stderr, "mkbuiltin: %s\n", err);
    free(err);
    return 2;
  }
  char *bin = mssdoc_bin_write(rs, &len);
  mssdoc_records_free(rs);
  int ok = fwrite(bin, 1, len, stdout) == len;
  free(bin);
  return ok && fclose(stdout) == 0 ? 0 : 2;
}
