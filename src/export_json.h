/*
 * export_json.h: one record as the JSON object the export writes (the
 * keys of its description, records.h), for views that show records in
 * their own JSON (diff).  Owned by export_json.c.
 */
#ifndef MSSDOC_EXPORT_JSON_H
#define MSSDOC_EXPORT_JSON_H

#include <jansson.h>

#include "mssdoc/records.h"

/* Record rec of type t as a new JSON object; the caller owns the
 * reference. */
json_t *export_json_record(const mssdoc_rtype *t, const void *rec);

#endif
