/*
 * worddiff.h: a word diff of two texts, as `git diff --word-diff` shows
 * one: the words both keep, those only the old text has and those only
 * the new one has, in reading order.  A word is a run of characters
 * other than white space; the spaces between words are not compared.
 * Owned by worddiff.c.
 */
#ifndef MSSDOC_WORDDIFF_H
#define MSSDOC_WORDDIFF_H

#include <stddef.h>

typedef enum { WORDDIFF_SAME, WORDDIFF_DEL, WORDDIFF_INS } worddiff_kind;

/* One run of words: text[start, start + len) of the old text (SAME, DEL)
 * or of the new one (INS). */
typedef struct {
  worddiff_kind kind;
  size_t start, len;
} worddiff_run;

typedef struct {
  worddiff_run *items;
  size_t count, cap;
} worddiff_runs;

/* The word diff of texts a and b (NULL is empty): runs in reading order,
 * deletions before the insertions that replace them.  The words between
 * the common head and tail are aligned by their longest common
 * subsequence while that takes at most WORDDIFF_MAX_CELLS steps, else
 * the middle is one deletion and one insertion.  The caller frees
 * runs.items. */
worddiff_runs worddiff(const char *a, const char *b);

/* The most steps (old words x new words, after the common head and tail)
 * worddiff spends aligning one pair of texts. */
#define WORDDIFF_MAX_CELLS ((size_t)4 << 20)

#endif
