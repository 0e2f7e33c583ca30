/*
 * citetitle.h: which words of a title must keep their case when a
 * citation style changes it (BibTeX styles and pandoc lower-case titles,
 * CSL title-cases them), and which straight quotes open or close.  Owned
 * by citetitle.c; used by citeformat.c's BibTeX writer.
 *
 * The rule, word by word (words are the title's space-separated tokens,
 * their core the span from the first to the last letter or digit):
 *   - a core with a capital after its first character (MSS, U.S., COVID-19,
 *     CounterIntelligence, Cambodian-Vietnamese), with a capital and a
 *     digit (F5, APT3), or one capital alone but "A" (the D of "Michael D.
 *     Swaine") keeps its case in any title;
 *   - a title in sentence case (some significant word after the first is
 *     lower-case) capitalises only proper nouns, so there every capitalised
 *     word keeps its case but the first word of the title and the first
 *     after ":", "?" or "!";
 *   - in a title in title case a capitalised word keeps its case when the
 *     article itself writes it capitalised in mid-sentence and never in
 *     lower case (its proper nouns: China, Xi, Afghanistan), the lexicon
 *     below.
 */
#ifndef MSSDOC_CITETITLE_H
#define MSSDOC_CITETITLE_H

#include "mssdoc/records.h"

/* The proper nouns of an article, as its paragraphs use them. */
typedef struct citetitle_lexicon citetitle_lexicon;

/* Returns the lexicon of rs's paragraphs (an empty one for NULL); the
 * caller frees it with citetitle_lexicon_free. */
citetitle_lexicon *citetitle_lexicon_new(const mssdoc_records *rs);

/* Frees a lexicon; NULL is a no-op. */
void citetitle_lexicon_free(citetitle_lexicon *lx);

/* Returns 1 if word (ASCII letters, capitalised) is a proper noun of lx. */
int citetitle_proper(const citetitle_lexicon *lx, const char *word, size_t len);

/* Marks of citetitle_marks, one byte per byte of the title. */
enum {
  CITETITLE_OPEN = 1,   /* a protected span starts at this byte */
  CITETITLE_CLOSE = 2,  /* a protected span ends after this byte */
  CITETITLE_QOPEN = 4,  /* this straight quote (' or ") opens a quotation */
  CITETITLE_QCLOSE = 8, /* this straight double quote closes one */
};

/* Returns the marks of title under the rule above (lx may be NULL: no
 * proper nouns known), strlen(title) bytes; the caller frees them. */
unsigned char *citetitle_marks(const char *title, const citetitle_lexicon *lx);

#endif
