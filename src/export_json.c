/* export_json.c: the record set -> JSON (jansson), one object per record
 * with the keys of its description (records.h) in their order. */
#include "mssdoc/mssdoc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "export_json.h"
#include "util.h"

/* A string; a non-nullable one that is NULL is written "". */
static json_t *S_str(const mssdoc_field *f, const char *s) {
  if (!s && !(f->flags & MSSDOC_NULLABLE))
    s = "";
  return s ? json_string(s) : json_null();
}

static json_t *S_value(const mssdoc_field *f, const void *rec) {
  const void *m = mssdoc_field_ptr(f, rec);
  json_t *a;
  switch (f->type) {
  case MSSDOC_INT:
    if (!*(const int *)m && (f->flags & MSSDOC_NULLABLE))
      return json_null();
    return json_integer(*(const int *)m);
  case MSSDOC_BOOL:
    return json_boolean(*(const bool *)m);
  case MSSDOC_INTS:
    a = json_array();
    for (size_t i = 0; i < ((const mssdoc_ints *)m)->count; i++)
      json_array_append_new(a,
                            json_integer(((const mssdoc_ints *)m)->items[i]));
    return a;
  case MSSDOC_STRS:
    a = json_array();
    for (size_t i = 0; i < ((const mssdoc_strs *)m)->count; i++)
      json_array_append_new(a, S_str(f, ((const mssdoc_strs *)m)->items[i]));
    return a;
  case MSSDOC_PAIRS:
    a = json_object();
    for (size_t i = 0; i + 1 < ((const mssdoc_strs *)m)->count; i += 2)
      json_object_set_new(a, ((const mssdoc_strs *)m)->items[i],
                          json_string(((const mssdoc_strs *)m)->items[i + 1]));
    return a;
  default:
    return S_str(f, *(char *const *)m);
  }
}

json_t *export_json_record(const mssdoc_rtype *t, const void *rec) {
  json_t *o = json_object();
  for (size_t i = 0; i < t->nfields; i++)
    if (!(t->fields[i].flags & MSSDOC_HIDDEN) &&
        !((t->fields[i].flags & MSSDOC_OPTIONAL) &&
          !*(char *const *)mssdoc_field_ptr(&t->fields[i], rec)))
      json_object_set_new(o, t->fields[i].name, S_value(&t->fields[i], rec));
  return o;
}

/* The group of type t as an array of the records keep flags (NULL: all),
 * or the article as an object. */
static json_t *S_group(const mssdoc_records *rs, const mssdoc_rtype *t,
                       const int *keep) {
  const void *items;
  size_t n = mssdoc_records_group(rs, t, &items);
  if (t->single)
    return export_json_record(t, items);
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++)
    if (!keep || keep[i])
      json_array_append_new(
          a, export_json_record(t, mssdoc_record_at(t, items, i)));
  return a;
}

static char *S_dump(json_t *v) {
  char *dumped =
      json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
  char *out = xasprintf("%s\n", dumped ? dumped : "null");
  free(dumped);
  json_decref(v);
  return out;
}

char *mssdoc_json_write(const mssdoc_records *rs) {
  json_t *root = json_object();
  json_object_set_new(root, "schema", json_string(MSSDOC_SCHEMA));
  size_t n;
  const mssdoc_rtype *types = mssdoc_rtypes(&n);
  for (size_t g = 0; g < n; g++)
    json_object_set_new(root, types[g].group, S_group(rs, &types[g], NULL));
  return S_dump(root);
}

char *mssdoc_json_write_part(const mssdoc_records *rs, const char *key,
                             const int *keep) {
  const mssdoc_rtype *t = mssdoc_rtype_find(key);
  return S_dump(t ? S_group(rs, t, keep) : json_array());
}
