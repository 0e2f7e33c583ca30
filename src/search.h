/*
 * search.h: a ranked full-text index (Okapi BM25) over a list of texts,
 * with a query language: every word must match (AND), "a phrase" matches
 * its words in order, -word excludes, a OR b.  Words are case- and
 * diacritic-insensitive ("guojia" finds "Guójiā"), English words match
 * by their Snowball stem ("spies" finds "spy"), a possessive 's is no
 * word, and a run of CJK characters matches as a substring.  Owned by
 * search.c.
 */
#ifndef MSSDOC_SEARCH_H
#define MSSDOC_SEARCH_H

#include <stddef.h>

/* Finds the next word in s[0..len) at or after *pos: a run of letters,
 * marks and digits, or one wide (CJK) letter on its own; a possessive 's
 * (or ’s) after a word is skipped with it.  Sets [*start, *end) to its
 * bytes and *pos past it; returns 0 when no word is left.  Meant for
 * folded text (fold.h), where letters are lower case. */
int search_word(const char *s, size_t len, size_t *pos, size_t *start,
                size_t *end);

/* Returns the Snowball English stem of a lower-case word (malloc'd,
 * caller frees), or NULL if the stemmer fails. */
char *search_stem(const char *word);

typedef struct search_index search_index;
typedef struct search_query search_query;

/* Returns the index of the n texts, which are not copied and must outlive
 * it; free it with search_index_free(). */
search_index *search_index_new(const char *const *texts, size_t n);

/* Frees an index; NULL is a no-op. */
void search_index_free(search_index *ix);

/* Returns the query text compiled for ix.  Syntax: words are ANDed;
 * "..." is a phrase; a bare argument that splits into several words
 * (cyber-espionage, 国家安全部) is a phrase too, CJK characters glued;
 * -word or -"phrase" excludes; OR between two items makes them
 * alternatives; AND is the default and ignored.  A word found nowhere, of
 * 3 characters or more, matches the words it starts.  Free it with
 * search_query_free(). */
search_query *search_query_new(const search_index *ix, const char *text);

/* Returns how many groups a text must match (the ANDed items that are not
 * exclusions); 0: nothing to look for. */
size_t search_query_words(const search_query *q);

/* Returns the parsed query as text, for tests and messages: groups
 * joined by " ", alternatives by " | ", a phrase's keys by "_" (CJK glue
 * "+"), an exclusion marked "-" (malloc'd, caller frees).  Keys are the
 * folded, stemmed words: `-Spies "New York"` gives `-spi new_york`. */
char *search_query_describe(const search_query *q);

/* Frees a query; NULL is a no-op. */
void search_query_free(search_query *q);

/* How close a hit's matching words stand: the whole query's words in
 * order side by side, all in one sentence, or scattered. */
enum { SEARCH_SCATTERED, SEARCH_SENTENCE, SEARCH_PHRASE };

typedef struct {
  size_t doc;    /* index of the text in the index */
  double score;  /* BM25, higher is better */
  int proximity; /* SEARCH_*; hits rank by it first */
  size_t first;  /* byte offset in the text of its first matching word */
} search_hit;

/* Returns the number of texts that match q, and *hits (malloc'd, caller
 * frees; NULL when none): ranked by proximity, then BM25 (k1 1.2, b
 * 0.75, one term per word or phrase), ties in text order.  ix is not
 * const: it keeps, for the hits' texts, where each word stands and
 * whether it is highlighted, made on first use. */
size_t search_run(search_index *ix, const search_query *q,
                  search_hit **hits);

/* Returns the number of highlighted runs of text doc (matching words, and
 * the words of matching phrases; words separated by spaces only make one
 * run) and in *spans (malloc'd, caller frees) their byte offsets in the
 * text, start and end of each run in turn. */
size_t search_matches(search_index *ix, const search_query *q, size_t doc,
                      size_t **spans);

/* One run of a snippet: text, and whether it is a matching word. */
typedef struct {
  char *text;
  int match;
} search_piece;

typedef struct {
  search_piece *items;
  size_t count, cap;
} search_snippet;

/* Returns the passage of text doc of about `words` words that holds the
 * most distinct matching items of q, as pieces (plain runs and matching
 * words); "…" marks where it was cut and line breaks become " / ".  Free
 * it with search_snippet_free(). */
search_snippet search_snippet_new(search_index *ix, const search_query *q,
                                  size_t doc, size_t words);

/* Returns the pieces of s joined (malloc'd, caller frees). */
char *search_snippet_text(const search_snippet *s);

/* Frees the pieces of s. */
void search_snippet_free(search_snippet *s);

#endif
