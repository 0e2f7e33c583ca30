/* fuzz_xml.c: libFuzzer target: the XML record-set loader
 * (mssdoc_xml_read) on arbitrary bytes.  What it accepts must write back
 * as a record set that validates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mssdoc/mssdoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *err = NULL;
  mssdoc_records *rs = mssdoc_xml_read((const char *)data, size, &err);
  if (!rs) {
    if (!err || !*err)
      abort(); /* a refusal always says why */
    free(err);
    return 0;
  }
  size_t len;
  char *xml = mssdoc_xml_write(rs, &len);
  if (!mssdoc_xml_validate(xml, len, &err))
    abort(); /* a loaded set that cannot be written back */
  free(xml);
  free(mssdoc_json_write(rs));
  mssdoc_records_free(rs);
  return 0;
}
