/* builtin.h: the record set compiled into the binary at build time. */
#ifndef MSSDOC_BUILTIN_H
#define MSSDOC_BUILTIN_H

#include <stddef.h>

/* The built-in record set in mssdoc's compact binary form (static
 * storage; see mssdoc_bin_read), or NULL in the stage-0 binary that the
 * build uses to make it. */
const char *builtin_records(size_t *len);

#endif
