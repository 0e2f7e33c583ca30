/* builtin.h: the record set compiled into the binary at build time. */
#ifndef MSSDOC_BUILTIN_H
#define MSSDOC_BUILTIN_H

#include <stddef.h>

/* The built-in record set as XML bytes (static storage), or NULL in the
 * stage-0 binary that the build uses to make it. */
const char *builtin_xml(size_t *len);

#endif
