/*
 * records.h: the mssdoc record set, the data model every stage shares.
 *
 * A record set is what the ingest recovers from one article dump; the XML
 * store writes and reads it, the JSON exporter prints it, the views query it.
 * Every string in it is NUL-terminated UTF-8 owned by the record set (or,
 * read by mssdoc_bin_read, borrowed from the data it was read from: see
 * `arena`); a NULL pointer stands for a JSON null.  Strings are never
 * written in place.  Line numbers are 1-based input lines.
 */
#ifndef MSSDOC_RECORDS_H
#define MSSDOC_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#define MSSDOC_SCHEMA "mssdoc/1"

/** A growable list of integers (reference numbers). */
typedef struct {
  int *items;
  size_t count, cap;
} mssdoc_ints;

/** A growable list of owned strings. */
typedef struct {
  char **items;
  size_t count, cap;
} mssdoc_strs;

typedef struct {
  char *title, *source, *sha256;
  int lines;
  /* what the input says of its revision, each NULL when it does not (the
   * 2022 dump says none): the revision id, its time (ISO 8601) and the
   * page's URL */
  char *revision, *timestamp, *url;
} mssdoc_article;

typedef struct {
  char *label, *value;
  int line;
  mssdoc_ints refs;
  char *kind; /* "field", "native_name", "caption", "header"; NULL in a
                 record set written before kinds were recorded */
  char *note; /* what the input lost of the value, or NULL */
} mssdoc_infobox_item;

typedef struct {
  char *id, *title;
  bool inferred;
  char *parent; /* section id, or NULL for a top-level section */
  int line;
  int level; /* 1 top-level, 2 sub-heading, 3 table caption (not exported) */
} mssdoc_section;

typedef struct {
  char *id, *section;
  int line;
  char *kind; /* "body", "caption", "hatnote", "quotation", "table" */
  char *text;
  mssdoc_ints refs;
  mssdoc_ints
      ref_offsets; /* byte offset in text where each ref's marker stood */
  mssdoc_strs tags; /* maintenance tags ("citation needed"), in text order */
  mssdoc_ints tag_offsets; /* byte offset in text where each tag stood */
  /* the paragraph's links to other articles, in text order: each target
   * article's title and the linked text (the two lists pair up); empty
   * for a plain-text dump, which lost every link */
  mssdoc_strs link_targets, link_texts;
} mssdoc_paragraph;

typedef struct {
  int number;
  char *division, *directive;
  mssdoc_ints refs;
  int line;
} mssdoc_bureau;

typedef struct {
  char *office, *period;
  int number;
  char *name, *took_office,
      *left_office; /* EDTF; left_office NULL if incumbent */
  bool incumbent;
  bool note; /* the row names no person: a vacancy or a note, never a holder */
  int line;
} mssdoc_head;

/** A dated event: an incident or a timeline entry. */
typedef struct {
  char *date;      /* EDTF */
  char *qualifier; /* "early", "mid", "late", … or NULL */
  char *text;
  char *source; /* timeline only: "text" or "table"; NULL for incidents */
  char *section;
  int line;
  mssdoc_ints refs;
  /* timeline only (NULL for incidents): */
  char *kind;      /* "history", or "culture" (a film's or a novel's year) */
  char *refs_from; /* "sentence" or "paragraph": whose citations refs are */
  char *note;      /* a check's note on the event ("… is outside (1955–
                    * 1983)"), or NULL */
  char *subject;   /* whom a sentence that opens with "He" or "She" means
                    * (the nearest name of the heads tables before it), or
                    * NULL; the text stays as written */
} mssdoc_event;

typedef struct {
  int number, backlinks;
  char *text;
  mssdoc_strs authors; /* each "Family, Given" (or one corporate name) */
  mssdoc_strs editors; /* likewise */
  /* date, archived, retrieved: EDTF; the *_text beside each, the date as
   * the reference writes it */
  char *date, *date_text, *title, *work, *volume, *issue, *publisher, *place,
      *pages, *language, *isbn, *issn, *oclc, *doi;
  mssdoc_strs ids; /* other identifiers: scheme, value, scheme, value, …
                    * ("jstor", "41959013", "s2cid", "154420767") */
  char *archived, *archived_text, *retrieved, *retrieved_text;
  char *url; /* the cited work's link (HTML only), or NULL */
  int short_for; /* a short citation ("Mei p. 78"): the number of the full
                  * reference it abbreviates (its pages in pages); else 0 */
  bool dead_link;
  int line;
} mssdoc_reference;

typedef struct {
  int ref;
  char *paragraph; /* the paragraph's id, or MSSDOC_INFOBOX_PARAGRAPH */
  int line;
} mssdoc_citation;

/** The citations[].paragraph of a marker in the infobox (no paragraph has
 * this id: theirs are p1, p2, ...). */
#define MSSDOC_INFOBOX_PARAGRAPH "infobox"

typedef struct {
  int line;
  char *kind; /* "lost-heading", "lost-list", "lost-citation",
                 "date-outside-period", "bad-bytes", "unclassified" */
  char *message;
} mssdoc_diagnostic;

#define MSSDOC_LIST(T)                                                         \
  struct {                                                                     \
    T *items;                                                                  \
    size_t count, cap;                                                         \
  }

/** The whole record set; free it with mssdoc_records_free(). */
typedef struct mssdoc_records {
  mssdoc_article article;
  MSSDOC_LIST(mssdoc_infobox_item) infobox;
  MSSDOC_LIST(mssdoc_section) sections;
  MSSDOC_LIST(mssdoc_paragraph) paragraphs;
  MSSDOC_LIST(mssdoc_bureau) bureaus;
  MSSDOC_LIST(mssdoc_head) heads;
  MSSDOC_LIST(mssdoc_event) incidents;
  MSSDOC_LIST(mssdoc_event) timeline;
  MSSDOC_LIST(mssdoc_reference) references;
  MSSDOC_LIST(mssdoc_citation) citations;
  MSSDOC_LIST(mssdoc_diagnostic) diagnostics;
  /* Non-NULL for a set read by mssdoc_bin_read, which is read-only: its
   * strings point into the data it was read from (which outlives it) and
   * its records and lists live in this arena's blocks, so that
   * mssdoc_records_free frees the blocks and walks no record. */
  struct mssdoc_arena *arena;
  /* The shared strings of a set built by ingest (mssdoc_records_str), or
   * NULL: one copy of each, so that a section id named by every paragraph
   * and event of the section, or a kind, costs no allocation each. */
  struct strpool *strings;
} mssdoc_records;

/** Returns a new, empty record set; the caller frees it with
 * mssdoc_records_free(). */
mssdoc_records *mssdoc_records_new(void);

/** Frees a record set and every string it owns; NULL is a no-op. */
void mssdoc_records_free(mssdoc_records *rs);

/** Frees the strings and lists inside one reference (not the struct itself). */
void mssdoc_reference_clear(mssdoc_reference *ref);

/** Returns the reference numbered n, or NULL; the record set keeps ownership.
 */
const mssdoc_reference *mssdoc_records_reference(const mssdoc_records *rs,
                                                 int n);

/** Returns the section with the given id, or NULL; owned by the record set. */
const mssdoc_section *mssdoc_records_section(const mssdoc_records *rs,
                                             const char *id);

/*
 * ---- The description of the records ----
 *
 * Each record type is described once, as data: a static const table of
 * its fields, each entry the field's name, type, flags and offsetof() in
 * the record's struct (records.c holds the tables).  Every serialiser and
 * reader (store_xml.c, store_bin.c, export_json.c, the CSV of the views),
 * the freeing of a record set and the comparison below walk these tables;
 * none of them names a field.
 *
 * Why a table with offsetof and not X-macros: the description must be
 * there at run time, for the generic comparison (and the record-level diff
 * built on it), for the test that checks it against data/records.rng and
 * for looking a field up by name.  That is how protobuf-c describes a
 * message (ProtobufCFieldDescriptor: name, type, offsetof, flags; one
 * generic pack/unpack walks it) and how git describes options (a static
 * array of struct option built by OPT_* macros, walked by parse-options.c).
 * cmark's node-type names are plain tables too.  X-macros (as xmlapi.h
 * uses) would expand into per-type code in each file: the very repetition
 * this replaces.
 *
 * How to add a field (one line here, plus the schema):
 *   1. add the member to the record's struct above;
 *   2. add one F_* line for it to the type's table in records.c, where it
 *      goes in the JSON key order of mssdoc-records(5);
 *   3. add the attribute or element to data/records.rng (test_describe
 *      fails until the two agree), and re-pin (tests/t_pin.sh) on purpose.
 * XML, JSON, binary form, CSV, freeing and comparison then follow.
 */

/** The type of a field, and so its C member's type. */
typedef enum {
  MSSDOC_STR,  /* char * */
  MSSDOC_INT,  /* int (a count: 0..INT_MAX in the schema) */
  MSSDOC_BOOL, /* bool */
  MSSDOC_DATE, /* char *, an EDTF date or interval */
  MSSDOC_INTS, /* mssdoc_ints */
  MSSDOC_STRS, /* mssdoc_strs */
  MSSDOC_PAIRS /* mssdoc_strs of key, value, key, value, …: a JSON object,
                * in XML one element per pair (item) with the key as its
                * attribute "scheme" */
} mssdoc_ftype;

/** Where a field goes in the XML record: an attribute (the default; a
 * list is space-separated, left out when empty), a child element (a
 * MSSDOC_STRS one element per item) or the record element's text. */
typedef enum { MSSDOC_ATTR, MSSDOC_ELEM, MSSDOC_CONTENT } mssdoc_xmlform;

/** Field flags. */
enum {
  MSSDOC_NULLABLE = 1 << 0, /* may be NULL: JSON null, optional in XML (an
                             * MSSDOC_INT: 0 means null) */
  MSSDOC_IDENTITY = 1 << 1, /* one of the fields that identify a record */
  MSSDOC_HIDDEN = 1 << 2,   /* not shown: no JSON key, no CSV column */
  /* The historic orders of the pinned formats: the field goes after the
   * type's other fields in XML attributes / in the binary form / in CSV. */
  MSSDOC_XML_LAST = 1 << 3,
  MSSDOC_BIN_LAST = 1 << 4,
  MSSDOC_CSV_LAST = 1 << 5,
  /* A nullable field that, when NULL, is absent rather than null: no JSON
   * key, no XML attribute, nothing in the binary form (its optional fields
   * follow the groups there, and only when one of them is set), so that a
   * record set without it serialises as it did before the field existed. */
  MSSDOC_OPTIONAL = 1 << 6,
  /* What a record-level diff (diff.h) needs to know of a field: */
  MSSDOC_PLACE = 1 << 7,   /* where the record stands in its input or its
                            * text (a line, a byte offset, a running id
                            * such as p12): never compared */
  MSSDOC_ORDINAL = 1 << 8, /* the record's number in its list (a
                            * reference's, a bureau's): a record that
                            * differs only here is renumbered */
  MSSDOC_REFNUM = 1 << 9,  /* reference numbers: compared through the
                            * pairing of the two sides' references */
  MSSDOC_SECREF = 1 << 10  /* a section's id: compared through the pairing
                            * of the two sides' sections */
};

/** One field of a record type. */
typedef struct {
  const char *name; /* JSON key, XML attribute or element, CSV column */
  const char *item; /* MSSDOC_STRS in XML: the element of one item */
  mssdoc_ftype type;
  mssdoc_xmlform xml;
  unsigned flags;
  size_t offset; /* offsetof the member in the record's struct */
} mssdoc_field;

/** The most fields a record type has (test_describe checks it). */
#define MSSDOC_MAX_FIELDS 64

/** One record type: a group of the record set (or the article). */
typedef struct {
  const char *group;   /* JSON key and XML element of the group */
  const char *element; /* XML element of one record */
  size_t size;         /* sizeof one record */
  size_t offset; /* offsetof the list (or the article) in mssdoc_records */
  int single;    /* 1: the article, one record, not a list */
  const mssdoc_field *fields;
  size_t nfields;
} mssdoc_rtype;

/** The record types in document order, the article first; *n gets their
 * number.  Static data. */
const mssdoc_rtype *mssdoc_rtypes(size_t *n);

/** Returns the type of the group named `group` ("bureaus"), or NULL. */
const mssdoc_rtype *mssdoc_rtype_find(const char *group);

/** Returns the type's field named `name`, or NULL. */
const mssdoc_field *mssdoc_field_find(const mssdoc_rtype *t, const char *name);

/** Returns the number of records of type t in rs, and in *items their first
 * (records of t->size bytes); owned by rs. */
size_t mssdoc_records_group(const mssdoc_records *rs, const mssdoc_rtype *t,
                            const void **items);

/** Fills out (room for t->nfields) with the type's fields in the order of
 * a format: those without flag `last` (MSSDOC_XML_LAST, _BIN_LAST,
 * _CSV_LAST) in the table's order, then those with it; returns how many. */
size_t mssdoc_fields_ordered(const mssdoc_rtype *t, unsigned last,
                             const mssdoc_field **out);

/** Returns record i of a group's items (see mssdoc_records_group). */
static inline const void *mssdoc_record_at(const mssdoc_rtype *t,
                                           const void *items, size_t i) {
  return (const char *)items + i * t->size;
}

/** Appends a zeroed record of type t to rs (the article: returns it) and
 * returns it; owned by rs. */
void *mssdoc_records_push(mssdoc_records *rs, const mssdoc_rtype *t);

/** Appends n zeroed records of type t to rs (not the article) and returns
 * the first; owned by rs. */
void *mssdoc_records_push_n(mssdoc_records *rs, const mssdoc_rtype *t,
                            size_t n);

/** Returns rs's shared copy of s (NULL for NULL): equal strings held this
 * way are one copy, owned by rs and freed with it, never to be freed or
 * changed on their own. */
char *mssdoc_records_str(mssdoc_records *rs, const char *s);

/** Returns n zeroed bytes from rs's arena (see `arena`: rs becomes a
 * read-only set); owned by rs, freed with it. */
void *mssdoc_records_alloc(mssdoc_records *rs, size_t n);

/** Gives the empty group t of rs (not the article) n zeroed records from
 * rs's arena and returns the first; owned by rs. */
void *mssdoc_records_place(mssdoc_records *rs, const mssdoc_rtype *t, size_t n);

/** Returns a pointer to field f's member in record rec (of f's type). */
static inline void *mssdoc_field_ptr(const mssdoc_field *f, const void *rec) {
  return (char *)rec + f->offset;
}

/** Returns 1 if field f is equal in records a and b (NULL equals only NULL). */
int mssdoc_field_equal(const mssdoc_field *f, const void *a, const void *b);

/** Returns 1 if records a and b of type t are equal in every field. */
int mssdoc_record_equal(const mssdoc_rtype *t, const void *a, const void *b);

/** Returns 1 if records a and b of type t are the same record: equal in
 * every MSSDOC_IDENTITY field (what a diff pairs before comparing). */
int mssdoc_record_same(const mssdoc_rtype *t, const void *a, const void *b);

/** Calls each(f, ctx) for every field f in which records a and b of type t
 * differ, in the table's order; returns how many differ.  each may be NULL. */
size_t mssdoc_record_compare(const mssdoc_rtype *t, const void *a,
                             const void *b,
                             void (*each)(const mssdoc_field *f, void *ctx),
                             void *ctx);

/** Returns 1 if a MSSDOC_OPTIONAL field f is set in any of the n records
 * items of type t (a table then has its column), or if f is not optional. */
int mssdoc_field_used(const mssdoc_rtype *t, const void *items, size_t n,
                      const mssdoc_field *f);

/** Returns field f of record rec as one table cell: a number, "true" or
 * "false", a list joined by " " (numbers) or "; " (strings), or the string
 * (NULL for a NULL string).  The caller frees it. */
char *mssdoc_field_cell(const mssdoc_field *f, const void *rec);

#endif
