/*
 * suggest.h: "did you mean …?" for a mistyped name: the edit distance
 * between two words and the closest of a list of candidates, close
 * enough to be a typo (as git's help.c suggests commands).  Private to src/.
 */
#ifndef MSSDOC_SUGGEST_H
#define MSSDOC_SUGGEST_H

#include <stddef.h>

/* Returns the optimal-string-alignment (restricted Damerau–Levenshtein)
 * distance between a and b, counted in bytes: insertions, deletions,
 * substitutions and transpositions of two adjacent bytes cost 1 each. */
size_t suggest_distance(const char *a, const char *b);

/* The most edits a word of len bytes may be away from a suggestion:
 * none below 3 bytes, 1 up to 5, else 2. */
size_t suggest_max_distance(size_t len);

/* The search for the closest candidate to one word, fed one candidate
 * at a time (suggest_offer), for lists that are not plain arrays. */
typedef struct {
  const char *word; /* the user's word (not owned) */
  const char *best; /* the closest candidate so far, or NULL (not owned) */
  size_t dist;      /* its distance */
} suggest;

/* Starts a search for candidates close to word. */
void suggest_init(suggest *s, const char *word);

/* Offers candidate name: kept if it is within suggest_max_distance of the
 * word, differs from it and is closer than any before (the first of
 * equals wins). */
void suggest_offer(suggest *s, const char *name);

/* Returns the closest candidate of the NULL-terminated list names close
 * enough to word to be a typo of it, or NULL; the string is the list's. */
const char *suggest_closest(const char *word, const char *const *names);

#endif
