/* xmlapi.c: loading libxml2 on first use (see xmlapi.h). */
#define XMLAPI_IMPLEMENTATION
#include "xmlapi.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

xmlapi_table xmlapi;
static void *S_handle;

/* Stores a symbol's address in a function pointer without the cast that
 * ISO C does not define (the POSIX way). */
static int S_bind(void *slot, size_t size, const char *name) {
  void *sym = dlsym(S_handle, name);
  if (!sym)
    return 0;
  memcpy(slot, &sym, size);
  return 1;
}

int xmlapi_load(char **err) {
  if (S_handle)
    return 1;
  void *h = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    if (err)
      *err = xasprintf("cannot load libxml2: %s", dlerror());
    return 0;
  }
  S_handle = h;
  int ok = 1;
  const char *missing = NULL;
#define XMLAPI_BIND(ret, name, params)                                         \
  if (ok && !(ok = S_bind(&xmlapi.name, sizeof xmlapi.name, #name)))          \
    missing = #name;
  XMLAPI_FUNCTIONS(XMLAPI_BIND)
#undef XMLAPI_BIND
  if (ok && !(ok = S_bind(&xmlapi.free_fn, sizeof xmlapi.free_fn, "xmlFree")))
    missing = "xmlFree";
  if (ok && !(ok = S_bind(&xmlapi.write_format_attribute,
                          sizeof xmlapi.write_format_attribute,
                          "xmlTextWriterWriteFormatAttribute")))
    missing = "xmlTextWriterWriteFormatAttribute";
  if (!ok) {
    if (err)
      *err = xasprintf("libxml2 has no %s", missing);
    dlclose(h);
    S_handle = NULL;
    return 0;
  }
  return 1;
}

const char *xmlapi_attr(const xmlNode *n, const char *name) {
  if (!n || n->type != XML_ELEMENT_NODE)
    return NULL;
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (strcmp((const char *)a->name, name) == 0)
      return a->children && a->children->type == XML_TEXT_NODE
                 ? (const char *)a->children->content
                 : "";
  return NULL;
}

void xmlapi_require(void) {
  char *err = NULL;
  if (!xmlapi_load(&err)) {
    fprintf(stderr, "mssdoc: %s\n", err);
    free(err);
    exit(2);
  }
}
