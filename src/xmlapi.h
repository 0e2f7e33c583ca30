/*
 * xmlapi.h: libxml2, loaded only when a command needs it.
 *
 * Debian's libxml2 pulls in ICU and libstdc++, whose loading costs more
 * than a whole query over the built-in records.  So mssdoc does not link
 * libxml2: the first XML operation dlopen()s it and fills a table of the
 * functions mssdoc uses.  Files that use libxml2 include this header
 * instead of libxml's and call xmlapi_require() (or xmlapi_load()) first;
 * the macros below route each call through the table.  Owned by xmlapi.c.
 */
#ifndef MSSDOC_XMLAPI_H
#define MSSDOC_XMLAPI_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>

/* X(return type, name, parameter list) for every function mssdoc calls. */
#define XMLAPI_FUNCTIONS(X)                                                    \
  X(xmlDocPtr, xmlReadMemory,                                                  \
    (const char *, int, const char *, const char *, int))                     \
  X(void, xmlFreeDoc, (xmlDocPtr))                                             \
  X(xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *))                        \
  X(xmlChar *, xmlGetProp, (const xmlNode *, const xmlChar *))                 \
  X(xmlChar *, xmlNodeGetContent, (const xmlNode *))                           \
  X(void, xmlSetStructuredErrorFunc, (void *, xmlStructuredErrorFunc))         \
  X(void, xmlSetGenericErrorFunc, (void *, xmlGenericErrorFunc))               \
  X(xmlBufferPtr, xmlBufferCreate, (void))                                     \
  X(void, xmlBufferFree, (xmlBufferPtr))                                       \
  X(const xmlChar *, xmlBufferContent, (const xmlBuffer *))                    \
  X(int, xmlBufferLength, (const xmlBuffer *))                                 \
  X(int, xmlNodeDump, (xmlBufferPtr, xmlDocPtr, xmlNodePtr, int, int))         \
  X(xmlChar *, xmlBufferDetach, (xmlBufferPtr))                               \
  X(void, xmlBufferSetAllocationScheme,                                        \
    (xmlBufferPtr, xmlBufferAllocationScheme))                                \
  X(xmlOutputBufferPtr, xmlOutputBufferCreateFile,                             \
    (FILE *, xmlCharEncodingHandlerPtr))                                      \
  X(xmlTextWriterPtr, xmlNewTextWriter, (xmlOutputBufferPtr))                  \
  X(xmlTextWriterPtr, xmlNewTextWriterMemory, (xmlBufferPtr, int))             \
  X(void, xmlFreeTextWriter, (xmlTextWriterPtr))                               \
  X(int, xmlTextWriterSetIndent, (xmlTextWriterPtr, int))                      \
  X(int, xmlTextWriterSetIndentString, (xmlTextWriterPtr, const xmlChar *))    \
  X(int, xmlTextWriterStartDocument,                                           \
    (xmlTextWriterPtr, const char *, const char *, const char *))             \
  X(int, xmlTextWriterEndDocument, (xmlTextWriterPtr))                         \
  X(int, xmlTextWriterStartElement, (xmlTextWriterPtr, const xmlChar *))       \
  X(int, xmlTextWriterEndElement, (xmlTextWriterPtr))                          \
  X(int, xmlTextWriterWriteAttribute,                                          \
    (xmlTextWriterPtr, const xmlChar *, const xmlChar *))                     \
  X(int, xmlTextWriterWriteElement,                                            \
    (xmlTextWriterPtr, const xmlChar *, const xmlChar *))                     \
  X(int, xmlTextWriterWriteString, (xmlTextWriterPtr, const xmlChar *))        \
  X(int, xmlTextWriterFlush, (xmlTextWriterPtr))                               \
  X(xmlTextReaderPtr, xmlReaderForMemory,                                      \
    (const char *, int, const char *, const char *, int))                     \
  X(int, xmlTextReaderRead, (xmlTextReaderPtr))                                \
  X(int, xmlTextReaderNodeType, (xmlTextReaderPtr))                            \
  X(int, xmlTextReaderIsValid, (xmlTextReaderPtr))                             \
  X(int, xmlTextReaderRelaxNGSetSchema, (xmlTextReaderPtr, xmlRelaxNGPtr))     \
  X(void, xmlTextReaderSetStructuredErrorHandler,                              \
    (xmlTextReaderPtr, xmlStructuredErrorFunc, void *))                       \
  X(void, xmlFreeTextReader, (xmlTextReaderPtr))                               \
  X(const xmlChar *, xmlTextReaderConstLocalName, (xmlTextReaderPtr))         \
  X(xmlChar *, xmlTextReaderGetAttribute,                                      \
    (xmlTextReaderPtr, const xmlChar *))                                       \
  X(int, xmlTextReaderGetParserLineNumber, (xmlTextReaderPtr))                 \
  X(xmlRelaxNGParserCtxtPtr, xmlRelaxNGNewMemParserCtxt, (const char *, int))  \
  X(void, xmlRelaxNGFreeParserCtxt, (xmlRelaxNGParserCtxtPtr))                 \
  X(xmlRelaxNGPtr, xmlRelaxNGParse, (xmlRelaxNGParserCtxtPtr))                 \
  X(void, xmlRelaxNGFree, (xmlRelaxNGPtr))                                     \
  X(xmlRelaxNGValidCtxtPtr, xmlRelaxNGNewValidCtxt, (xmlRelaxNGPtr))           \
  X(void, xmlRelaxNGFreeValidCtxt, (xmlRelaxNGValidCtxtPtr))                   \
  X(void, xmlRelaxNGSetValidStructuredErrors,                                  \
    (xmlRelaxNGValidCtxtPtr, xmlStructuredErrorFunc, void *))                 \
  X(void, xmlRelaxNGSetParserStructuredErrors,                                 \
    (xmlRelaxNGParserCtxtPtr, xmlStructuredErrorFunc, void *))                \
  X(int, xmlRelaxNGValidateDoc, (xmlRelaxNGValidCtxtPtr, xmlDocPtr))           \
  X(xmlXPathContextPtr, xmlXPathNewContext, (xmlDocPtr))                       \
  X(void, xmlXPathFreeContext, (xmlXPathContextPtr))                           \
  X(xmlXPathCompExprPtr, xmlXPathCtxtCompile,                                  \
    (xmlXPathContextPtr, const xmlChar *))                                    \
  X(xmlXPathObjectPtr, xmlXPathCompiledEval,                                   \
    (xmlXPathCompExprPtr, xmlXPathContextPtr))                                \
  X(void, xmlXPathFreeCompExpr, (xmlXPathCompExprPtr))                         \
  X(xmlXPathObjectPtr, xmlXPathEvalExpression,                                 \
    (const xmlChar *, xmlXPathContextPtr))                                    \
  X(void, xmlXPathFreeObject, (xmlXPathObjectPtr))                             \
  X(xmlChar *, xmlXPathCastToString, (xmlXPathObjectPtr))                      \
  X(xmlChar *, xmlXPathCastNodeToString, (xmlNodePtr))                       \
  X(htmlDocPtr, htmlReadMemory,                                                \
    (const char *, int, const char *, const char *, int))                     \
  X(long, xmlGetLineNo, (const xmlNode *))

#define XMLAPI_FIELD(ret, name, params) ret(*name) params;
typedef struct {
  XMLAPI_FUNCTIONS(XMLAPI_FIELD)
  xmlFreeFunc *free_fn; /* libxml2's global xmlFree */
  int (*write_format_attribute)(xmlTextWriterPtr, const xmlChar *,
                                const char *, ...);
} xmlapi_table;
#undef XMLAPI_FIELD

extern xmlapi_table xmlapi;

/* Loads libxml2 once.  Returns 1, or 0 and *err (malloc'd; if err is not
 * NULL) when it cannot be loaded. */
int xmlapi_load(char **err);

/* Loads libxml2 or ends the process with a message: for callers that have
 * no error path (libxml2 is a dependency of the package). */
void xmlapi_require(void);

/* The value of element n's attribute name as the parser stored it
 * (borrowed from the tree; "" for an attribute whose value is not one
 * text node), or NULL when n is not an element or has no such attribute.
 * Reads the tree only: no libxml2 call. */
const char *xmlapi_attr(const xmlNode *n, const char *name);

#ifndef XMLAPI_IMPLEMENTATION
#define xmlReadMemory xmlapi.xmlReadMemory
#define xmlFreeDoc xmlapi.xmlFreeDoc
#define xmlDocGetRootElement xmlapi.xmlDocGetRootElement
#define xmlGetProp xmlapi.xmlGetProp
#define xmlNodeGetContent xmlapi.xmlNodeGetContent
#define xmlSetStructuredErrorFunc xmlapi.xmlSetStructuredErrorFunc
#define xmlSetGenericErrorFunc xmlapi.xmlSetGenericErrorFunc
#define xmlBufferCreate xmlapi.xmlBufferCreate
#define xmlBufferFree xmlapi.xmlBufferFree
#define xmlBufferContent xmlapi.xmlBufferContent
#define xmlBufferLength xmlapi.xmlBufferLength
#define xmlNodeDump xmlapi.xmlNodeDump
#define xmlBufferDetach xmlapi.xmlBufferDetach
#define xmlBufferSetAllocationScheme xmlapi.xmlBufferSetAllocationScheme
#define xmlOutputBufferCreateFile xmlapi.xmlOutputBufferCreateFile
#define xmlNewTextWriter xmlapi.xmlNewTextWriter
#define xmlNewTextWriterMemory xmlapi.xmlNewTextWriterMemory
#define xmlFreeTextWriter xmlapi.xmlFreeTextWriter
#define xmlTextWriterSetIndent xmlapi.xmlTextWriterSetIndent
#define xmlTextWriterSetIndentString xmlapi.xmlTextWriterSetIndentString
#define xmlTextWriterStartDocument xmlapi.xmlTextWriterStartDocument
#define xmlTextWriterEndDocument xmlapi.xmlTextWriterEndDocument
#define xmlTextWriterStartElement xmlapi.xmlTextWriterStartElement
#define xmlTextWriterEndElement xmlapi.xmlTextWriterEndElement
#define xmlTextWriterWriteAttribute xmlapi.xmlTextWriterWriteAttribute
#define xmlTextWriterWriteElement xmlapi.xmlTextWriterWriteElement
#define xmlTextWriterWriteString xmlapi.xmlTextWriterWriteString
#define xmlTextWriterFlush xmlapi.xmlTextWriterFlush
#define xmlReaderForMemory xmlapi.xmlReaderForMemory
#define xmlTextReaderRead xmlapi.xmlTextReaderRead
#define xmlTextReaderNodeType xmlapi.xmlTextReaderNodeType
#define xmlTextReaderIsValid xmlapi.xmlTextReaderIsValid
#define xmlTextReaderRelaxNGSetSchema xmlapi.xmlTextReaderRelaxNGSetSchema
#define xmlTextReaderSetStructuredErrorHandler                                 \
  xmlapi.xmlTextReaderSetStructuredErrorHandler
#define xmlFreeTextReader xmlapi.xmlFreeTextReader
#define xmlTextReaderConstLocalName xmlapi.xmlTextReaderConstLocalName
#define xmlTextReaderGetAttribute xmlapi.xmlTextReaderGetAttribute
#define xmlTextReaderGetParserLineNumber                                       \
  xmlapi.xmlTextReaderGetParserLineNumber
#define xmlTextWriterWriteFormatAttribute xmlapi.write_format_attribute
#define xmlRelaxNGNewMemParserCtxt xmlapi.xmlRelaxNGNewMemParserCtxt
#define xmlRelaxNGFreeParserCtxt xmlapi.xmlRelaxNGFreeParserCtxt
#define xmlRelaxNGParse xmlapi.xmlRelaxNGParse
#define xmlRelaxNGFree xmlapi.xmlRelaxNGFree
#define xmlRelaxNGNewValidCtxt xmlapi.xmlRelaxNGNewValidCtxt
#define xmlRelaxNGFreeValidCtxt xmlapi.xmlRelaxNGFreeValidCtxt
#define xmlRelaxNGSetValidStructuredErrors                                     \
  xmlapi.xmlRelaxNGSetValidStructuredErrors
#define xmlRelaxNGSetParserStructuredErrors                                    \
  xmlapi.xmlRelaxNGSetParserStructuredErrors
#define xmlRelaxNGValidateDoc xmlapi.xmlRelaxNGValidateDoc
#define xmlXPathNewContext xmlapi.xmlXPathNewContext
#define xmlXPathFreeContext xmlapi.xmlXPathFreeContext
#define xmlXPathCtxtCompile xmlapi.xmlXPathCtxtCompile
#define xmlXPathCompiledEval xmlapi.xmlXPathCompiledEval
#define xmlXPathFreeCompExpr xmlapi.xmlXPathFreeCompExpr
#define xmlXPathEvalExpression xmlapi.xmlXPathEvalExpression
#define xmlXPathFreeObject xmlapi.xmlXPathFreeObject
#define xmlXPathCastToString xmlapi.xmlXPathCastToString
#define xmlXPathCastNodeToString xmlapi.xmlXPathCastNodeToString
#define htmlReadMemory xmlapi.htmlReadMemory
#define xmlGetLineNo xmlapi.xmlGetLineNo
#undef xmlFree
#define xmlFree (*xmlapi.free_fn)
#endif

#endif
