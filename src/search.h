/*
 * search.h: a ranked full-text index (Okapi BM25) over a list of texts,
 * case- and diacritic-insensitive ("guojia anquan bu" finds "Guójiā Ānquán
 * Bù"), and the highlighted snippet of a hit.  Owned by search.c.
 */
#ifndef MSSDOC_SEARCH_H
#define MSSDOC_SEARCH_H

#include <stddef.h>

/* Finds the next word in s[0..len) at or after *pos: a run of letters,
 * marks and digits, or one wide (CJK) letter on its own.  Sets [*start,
 * *end) to its bytes and *pos past it; returns 0 when no word is left.
 * Meant for folded text (fold.h), where letters are lower case. */
int search_word(const char *s, size_t len, size_t *pos, size_t *start,
                size_t *end);

typedef struct search_index search_index;
typedef struct search_query search_query;

/* Returns the index of the n texts, which are not copied and must outlive
 * it; free it with search_index_free(). */
search_index *search_index_new(const char *const *texts, size_t n);

/* Frees an index; NULL is a no-op. */
void search_index_free(search_index *ix);

/* Returns the query text (any number of words) compiled against ix: each
 * distinct folded word matches its own occurrences, or, if it occurs
 * nowhere and has 3 characters or more, the words that start with it.
 * Free it with search_query_free(). */
search_query *search_query_new(const search_index *ix, const char *text);

/* Returns how many distinct words the query holds (0: an empty query). */
size_t search_query_words(const search_query *q);

/* Frees a query; NULL is a no-op. */
void search_query_free(search_query *q);

typedef struct {
  size_t doc;   /* index of the text in the index */
  double score; /* BM25, higher is better */
  size_t first; /* byte offset in the text of its first matching word */
} search_hit;

/* Ranks the texts that hold at least one word of q by BM25 (k1 1.2, b
 * 0.75).  Returns their number and *hits (malloc'd, caller frees; NULL
 * when none), best first, ties in text order.  ix is not const: it keeps,
 * for the hits' texts, where each word stands and which query word it
 * matches, made on first use. */
size_t search_run(search_index *ix, const search_query *q,
                  search_hit **hits);

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
 * most distinct words of q, as pieces (plain runs and matching words);
 * "…" marks where it was cut and line breaks become " / ".  Free it with
 * search_snippet_free(). */
search_snippet search_snippet_new(search_index *ix, const search_query *q,
                                  size_t doc, size_t words);

/* Returns the pieces of s joined (malloc'd, caller frees). */
char *search_snippet_text(const search_snippet *s);

/* Frees the pieces of s. */
void search_snippet_free(search_snippet *s);

#endif
