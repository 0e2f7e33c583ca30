/* fuzz_html.c: libFuzzer target: mssdoc_ingest_html on arbitrary bytes.
 * Whatever it ingests must serialise to XML that validates against the
 * schema (a record set that does not is a bug), and to JSON. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mssdoc/mssdoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *err = NULL;
  mssdoc_records *rs =
      mssdoc_ingest_html((const char *)data, size, "fuzz", &err);
  if (!rs) {
    if (!err || !*err)
      abort(); /* a refusal always says why */
    free(err);
    return 0;
  }
  size_t len;
  char *xml = mssdoc_xml_write(rs, &len);
  if (!xml || strlen(xml) != len)
    abort();
  if (!mssdoc_xml_validate(xml, len, &err))
    abort(); /* err names the schema error: an ingest bug */
  char *json = mssdoc_json_write(rs);
  if (!json)
    abort();
  free(json);
  free(xml);
  mssdoc_records_free(rs);
  return 0;
}
