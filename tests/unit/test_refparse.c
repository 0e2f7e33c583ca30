/*
 * test_refparse.c: refparse_line() on single citation shapes, on lines that
 * are not references and on truncated or garbage input, then on the whole
 * reference list of data/mss.txt checked field by field against the hand
 * annotation in tests/expected/references.tsv.
 */
/* clang-format off */
/* cmocka needs these first, in this order */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refparse.h"
#include "util.h"

#define NBSP "\xc2\xa0"

static int S_parse(const char *line, mssdoc_reference *r) {
  memset(r, 0, sizeof *r);
  return refparse_line(line, 7, r);
}

static void S_field(const char *got, const char *want) {
  if (!want) {
    assert_null(got);
  } else {
    assert_non_null(got);
    assert_string_equal(got, want);
  }
}

static void S_authors(const mssdoc_reference *r, const char *a0,
                      const char *a1) {
  assert_int_equal(r->authors.count, a0 ? (a1 ? 2 : 1) : 0);
  if (a0)
    assert_string_equal(r->authors.items[0], a0);
  if (a1)
    assert_string_equal(r->authors.items[1], a1);
}

/* --- (a) shapes --------------------------------------------------------- */

static void test_not_reference(void **state) {
  (void)state;
  static const char *const lines[] = {"Further reading",
                                      "",
                                      "  x. ^ foo",
                                      "12. no caret",
                                      "12.^ foo",
                                      "  12 ^ foo",
                                      "^ a b foo",
                                      "  1234567890123. ^ foo",
                                      "  5.",
                                      "  5. ",
                                      "  5. ^x",
                                      "See also",
                                      "  . ^ foo",
                                      "\t",
                                      NULL};
  for (size_t i = 0; lines[i]; i++) {
    mssdoc_reference r, before;
    memset(&r, 0, sizeof r);
    r.number = -5;
    r.line = -9;
    before = r;
    assert_int_equal(refparse_line(lines[i], 3, &r), 0);
    assert_memory_equal(&r, &before, sizeof r);
  }
  assert_int_equal(refparse_line(NULL, 1, NULL), 0);
}

static void test_backlinks(void **state) {
  (void)state;
  mssdoc_reference r;

  assert_int_equal(S_parse("  1. ^ Foo, Bar", &r), 1);
  assert_int_equal(r.number, 1);
  assert_int_equal(r.backlinks, 1);
  assert_int_equal(r.line, 7);
  assert_string_equal(r.text, "Foo, Bar");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  2. ^ a b c d Doe, Jane (2001). A Book. Pub.", &r),
                   1);
  assert_int_equal(r.backlinks, 4);
  assert_string_equal(r.text, "Doe, Jane (2001). A Book. Pub.");
  mssdoc_reference_clear(&r);

  /* beyond z: a … z aa ab ac ad = 30 */
  buf b = {0};
  buf_puts(&b, "  17. ^");
  for (char c = 'a'; c <= 'z'; c++)
    buf_printf(&b, " %c", c);
  buf_puts(&b, " aa ab ac ad Doe, Jane (2001). A Book.");
  char *line = buf_take(&b);
  assert_int_equal(S_parse(line, &r), 1);
  assert_int_equal(r.number, 17);
  assert_int_equal(r.backlinks, 30);
  assert_string_equal(r.text, "Doe, Jane (2001). A Book.");
  assert_string_equal(r.title, "A Book");
  mssdoc_reference_clear(&r);
  free(line);

  assert_int_equal(S_parse("  3. ^ a b", &r), 1);
  assert_int_equal(r.backlinks, 2);
  assert_string_equal(r.text, "");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  4. ^", &r), 1);
  assert_int_equal(r.backlinks, 1);
  assert_string_equal(r.text, "");
  mssdoc_reference_clear(&r);

  /* a lone "a" cannot be a label: one backlink renders as a bare caret */
  assert_int_equal(S_parse("  5. ^ a history of things", &r), 1);
  assert_int_equal(r.backlinks, 1);
  assert_string_equal(r.text, "a history of things");
  mssdoc_reference_clear(&r);

  /* labels must run in order */
  assert_int_equal(S_parse("  6. ^ a b d Foo", &r), 1);
  assert_int_equal(r.backlinks, 2);
  assert_string_equal(r.text, "d Foo");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  8. ^ a b c\n", &r), 1);
  assert_int_equal(r.backlinks, 3);
  mssdoc_reference_clear(&r);
}

static void test_book(void **state) {
  (void)state;
  mssdoc_reference r;
  assert_int_equal(
      S_parse("  9. ^ Doe, Jane; Roe, Richard Q. (2001-02-03). A Book About "
              "Things: A Subtitle, Revised. Springfield: Example Press. "
              "pp." NBSP "10–12. ISBN" NBSP "978-0-00-000000-2. OCLC" NBSP
              "12345. Archived from the original on 2010-01-01. Retrieved "
              "2011-02-02.",
              &r),
      1);
  S_authors(&r, "Doe, Jane", "Roe, Richard Q.");
  S_field(r.date, "2001-02-03");
  S_field(r.title, "A Book About Things: A Subtitle, Revised");
  S_field(r.work, NULL);
  S_field(r.publisher, "Example Press");
  S_field(r.pages, "10–12");
  S_field(r.isbn, "978-0-00-000000-2");
  S_field(r.oclc, "12345");
  S_field(r.archived, "2010-01-01");
  S_field(r.retrieved, "2011-02-02");
  assert_false(r.dead_link);
  mssdoc_reference_clear(&r);

  /* a chapter in an edited book: the editor is not an author */
  assert_int_equal(
      S_parse("  2. ^ Smith, John (2010). \"A Chapter\". In Jones, Mary (ed.). "
              "Book Title. Oxford: Oxford University Press. pp. 1–20.",
              &r),
      1);
  S_authors(&r, "Smith, John", NULL);
  S_field(r.title, "A Chapter");
  S_field(r.work, "Book Title");
  S_field(r.publisher, "Oxford University Press");
  S_field(r.pages, "1–20");
  mssdoc_reference_clear(&r);

  /* no author: the date follows the publisher */
  assert_int_equal(S_parse("  1. ^ The Atlas of Somewhere (1900–1950). Example "
                           "Institute. 2007. p." NBSP "74. ISBN" NBSP "1234.",
                           &r),
                   1);
  S_authors(&r, NULL, NULL);
  S_field(r.title, "The Atlas of Somewhere (1900–1950)");
  S_field(r.publisher, "Example Institute");
  S_field(r.date, "2007");
  S_field(r.pages, "74");
  S_field(r.isbn, "1234");
  mssdoc_reference_clear(&r);
}

static void test_journal(void **state) {
  (void)state;
  mssdoc_reference r;
  assert_int_equal(
      S_parse("  6. ^ a b Doe, Jane (March 1999). \"On Things: Part One. "
              "John Q. Public\". Journal of Examples. 12 (3): 45–67. "
              "doi:10.1000/xyz.123. ISSN" NBSP "1234-5678. JSTOR" NBSP
              "99999. S2CID" NBSP "42.",
              &r),
      1);
  S_authors(&r, "Doe, Jane", NULL);
  S_field(r.date, "March 1999");
  S_field(r.title, "On Things: Part One. John Q. Public");
  S_field(r.work, "Journal of Examples");
  S_field(r.publisher, NULL);
  S_field(r.pages, "45–67");
  S_field(r.doi, "10.1000/xyz.123");
  S_field(r.issn, "1234-5678");
  S_field(r.isbn, NULL);
  mssdoc_reference_clear(&r);

  /* "Cite journal requires |journal=": the lone segment is a publisher */
  assert_int_equal(
      S_parse("  7. ^ Doe, A. (July 2013). \"A Paper\" (PDF). Some "
              "Foundation: 6. Archived (PDF) from the original on "
              "2022-07-14. Retrieved 2022-07-22. ((cite journal)): Cite "
              "journal requires |journal= (help)",
              &r),
      1);
  S_authors(&r, "Doe, A.", NULL);
  S_field(r.title, "A Paper");
  S_field(r.work, NULL);
  S_field(r.publisher, "Some Foundation");
  S_field(r.pages, "6");
  S_field(r.archived, "2022-07-14");
  S_field(r.retrieved, "2022-07-22");
  mssdoc_reference_clear(&r);
}

static void test_news(void **state) {
  (void)state;
  mssdoc_reference r;
  assert_int_equal(
      S_parse("  3. ^ Roe, Rick (December 27, 2016). Doe, Ed (ed.). "
              "\"Headline, with 'a quote'\" (PDF). The Daily Example (in "
              "French (France)). Example Media. Archived from the original "
              "on 6 May 2005. Retrieved 7 May 2005. A quotation. It says "
              "\"things\".",
              &r),
      1);
  S_authors(&r, "Roe, Rick", NULL);
  S_field(r.date, "December 27, 2016");
  S_field(r.title, "Headline, with 'a quote'");
  S_field(r.work, "The Daily Example");
  S_field(r.publisher, "Example Media");
  S_field(r.archived, "6 May 2005");
  S_field(r.retrieved, "7 May 2005");
  mssdoc_reference_clear(&r);

  /* authors without a date; a quotation after the archive note */
  assert_int_equal(
      S_parse("  4. ^ Jane Doe. \"A Story\". CNN. Archived from the original "
              "on 2020-09-22. The officer, a man, was arrested.",
              &r),
      1);
  S_authors(&r, "Doe, Jane", NULL); /* family first, as every name */
  S_field(r.date, NULL);
  S_field(r.title, "A Story");
  S_field(r.work, "CNN");
  S_field(r.publisher, NULL);
  S_field(r.archived, "2020-09-22");
  S_field(r.retrieved, NULL);
  mssdoc_reference_clear(&r);
}

static void test_web(void **state) {
  (void)state;
  mssdoc_reference r;
  assert_int_equal(S_parse("  1. ^ \"Is it 'so'?\". Example Site. Example "
                           "Corp. 4 November 2016. Archived from the original "
                           "on 7 February 2020. Retrieved 12 March 2020.",
                           &r),
                   1);
  S_authors(&r, NULL, NULL);
  S_field(r.title, "Is it 'so'?");
  S_field(r.work, "Example Site");
  S_field(r.publisher, "Example Corp");
  S_field(r.date, "4 November 2016");
  S_field(r.archived, "7 February 2020");
  S_field(r.retrieved, "12 March 2020");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  2. ^ \"A Page [With] Brackets\". U.S. "
                           "Department of Examples. p." NBSP
                           "4 (PDF p. 5/9). Retrieved 2019-02-03.",
                           &r),
                   1);
  S_field(r.title, "A Page [With] Brackets");
  S_field(r.work, "U.S. Department of Examples");
  S_field(r.pages, "4 (PDF p. 5/9)");
  S_field(r.retrieved, "2019-02-03");
  mssdoc_reference_clear(&r);
}

static void test_cs2(void **state) {
  (void)state;
  mssdoc_reference r;
  assert_int_equal(
      S_parse("  81. ^ Doe, John (2016-06-19), Some Episode, Alice Able, Bob "
              "Baker, archived from the original on June 16, 2018, retrieved "
              "March 3, 2018",
              &r),
      1);
  S_authors(&r, "Doe, John", NULL);
  S_field(r.date, "2016-06-19");
  S_field(r.title, "Some Episode");
  S_field(r.publisher, NULL);
  S_field(r.archived, "June 16, 2018");
  S_field(r.retrieved, "March 3, 2018");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  8. ^ Doe, John (2016), \"A Title\", Example "
                           "Weekly, 7 (2): 3–9, retrieved 2018-02-20",
                           &r),
                   1);
  S_field(r.title, "A Title");
  S_field(r.work, "Example Weekly");
  S_field(r.pages, "3–9");
  S_field(r.retrieved, "2018-02-20");
  mssdoc_reference_clear(&r);
}

static void test_freeform(void **state) {
  (void)state;
  mssdoc_reference r;
  assert_int_equal(
      S_parse("  32. ^ Doe, John, Some Story: Told Archived 2011-01-21 at the "
              "Wayback Machine , Example Times, March 19, 2009, p. 1.",
              &r),
      1);
  S_authors(&r, "Doe, John", NULL);
  S_field(r.title, "Some Story: Told");
  S_field(r.work, "Example Times");
  S_field(r.date, "March 19, 2009");
  S_field(r.pages, "1");
  S_field(r.archived, "2011-01-21");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  26. ^ Some headline here Archived 2017-11-16 at "
                           "the Wayback Machine, Jane Roe, Example Post, "
                           "November 7, 2016",
                           &r),
                   1);
  S_authors(&r, "Roe, Jane", NULL); /* family first */
  S_field(r.title, "Some headline here");
  S_field(r.work, "Example Post");
  S_field(r.date, "November 7, 2016");
  S_field(r.archived, "2017-11-16");
  mssdoc_reference_clear(&r);

  /* an empty work between the commas */
  assert_int_equal(S_parse("  25. ^ Headline; with \"quotes\" Archived "
                           "2020-06-21 at the Wayback Machine, Jane Roe,, "
                           "Nov 8, 2016",
                           &r),
                   1);
  S_authors(&r, "Roe, Jane", NULL); /* family first */
  S_field(r.title, "Headline; with \"quotes\"");
  S_field(r.work, NULL);
  S_field(r.date, "Nov 8, 2016");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  64. ^ Some search Archived 2011-07-16 at the "
                           "Wayback Machine , Example Vitae. Accessed 14 "
                           "March 2010.",
                           &r),
                   1);
  S_authors(&r, NULL, NULL);
  S_field(r.title, "Some search");
  S_field(r.work, "Example Vitae");
  S_field(r.retrieved, "14 March 2010");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  18. ^ Doe, Jane, Wars (1975-1979) and After "
                           "Archived 2021-10-31 at the Wayback Machine, "
                           "Review of Things, Vol. 12, No. 1, March 2005, "
                           "pp.121–143.",
                           &r),
                   1);
  S_authors(&r, "Doe, Jane", NULL);
  S_field(r.title, "Wars (1975-1979) and After");
  S_field(r.work, "Review of Things");
  S_field(r.date, "March 2005");
  S_field(r.pages, "121–143");
  mssdoc_reference_clear(&r);

  /* a quoted title after an author, with and without the archive note */
  assert_int_equal(S_parse("  75. ^ Example Center, \"Profile of Things\" "
                           "Archived 2016-11-21 at the Wayback Machine , 25 "
                           "August 2011",
                           &r),
                   1);
  S_authors(&r, "Example Center", NULL);
  S_field(r.title, "Profile of Things");
  S_field(r.date, "25 August 2011");
  S_field(r.archived, "2016-11-21");
  mssdoc_reference_clear(&r);

  assert_int_equal(
      S_parse("  68. ^ Some Account, \"标题\", November 21, 2016", &r), 1);
  S_authors(&r, "Some Account", NULL);
  S_field(r.title, "标题");
  S_field(r.date, "November 21, 2016");
  mssdoc_reference_clear(&r);

  /* a Chinese name before the title */
  assert_int_equal(S_parse("  69. ^ a b c 王小明, 标题 文字(图) Archived "
                           "2017-08-26 at the Wayback Machine , Jan 31, 2012.",
                           &r),
                   1);
  assert_int_equal(r.backlinks, 3);
  S_authors(&r, "王小明", NULL);
  S_field(r.title, "标题 文字(图)");
  S_field(r.date, "Jan 31, 2012");
  mssdoc_reference_clear(&r);
}

static void test_short_and_bare(void **state) {
  (void)state;
  mssdoc_reference r;
  assert_int_equal(S_parse("  21. ^ Smith-Jones, pp. 139–140", &r), 1);
  S_authors(&r, "Smith-Jones", NULL);
  S_field(r.pages, "139–140");
  S_field(r.title, NULL);
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  22. ^ Lee p. 78", &r), 1);
  S_authors(&r, "Lee", NULL);
  S_field(r.pages, "78");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  23. ^ Jones 2005a, p. 7.", &r), 1);
  S_authors(&r, "Jones", NULL);
  S_field(r.date, "2005a");
  S_field(r.pages, "7");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  24. ^ Smith & Jones 2001, pp. 4–5.", &r), 1);
  S_authors(&r, "Smith", "Jones");
  S_field(r.date, "2001");
  S_field(r.pages, "4–5");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  11. ^ See:", &r), 1);
  assert_string_equal(r.text, "See:");
  S_authors(&r, NULL, NULL);
  S_field(r.title, NULL);
  S_field(r.date, NULL);
  S_field(r.work, NULL);
  assert_false(r.dead_link);
  mssdoc_reference_clear(&r);

  /* an unstructured text is a title */
  assert_int_equal(S_parse("  74. ^ Some organization chart[permanent dead "
                           "link]",
                           &r),
                   1);
  assert_true(r.dead_link);
  assert_string_equal(r.text, "Some organization chart");
  S_field(r.title, "Some organization chart");
  mssdoc_reference_clear(&r);
}

static void test_dead_link(void **state) {
  (void)state;
  mssdoc_reference r;
  assert_int_equal(S_parse("  47. ^ \"A Title\". Example Times. 3 March "
                           "2021.[permanent dead link]",
                           &r),
                   1);
  assert_true(r.dead_link);
  assert_string_equal(r.text, "\"A Title\". Example Times. 3 March 2021.");
  S_field(r.title, "A Title");
  S_field(r.work, "Example Times");
  S_field(r.date, "3 March 2021");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  2. ^ \"T\". W [permanent dead link] . Retrieved "
                           "2020-01-01.",
                           &r),
                   1);
  assert_true(r.dead_link);
  assert_string_equal(r.text, "\"T\". W . Retrieved 2020-01-01.");
  mssdoc_reference_clear(&r);

  assert_int_equal(S_parse("  3. ^ \"T\". W. Retrieved 2020-01-01.", &r), 1);
  assert_false(r.dead_link);
  mssdoc_reference_clear(&r);
}

/* Every prefix of each line, each in a buffer of exactly its size, so the
 * sanitizer sees any read past the end; then seeded garbage. */
static void test_truncated_and_garbage(void **state) {
  (void)state;
  static const char *const lines[] = {
      "  5. ^ a b c Faligot, Roger (June 2019). Chinese Spies: From Chairman "
      "Mao to Xi Jinping. Oxford University Press. pp." NBSP
      "117–118. ISBN" NBSP "978-1-78738-096-7. OCLC" NBSP
      "1104999295. Archived from the original on 2020-08-23. Retrieved "
      "2020-05-10.",
      "  6. ^ a b Doe, J. (January 1993). \"Title: Sub\" (PDF). Journal (in "
      "English (US)). 8 (1): 23–43. doi:10.1/2. ISSN" NBSP
      "0268-4527. Archived (PDF) from the original on 2020-09-24. Retrieved "
      "2020-08-29. ((cite journal)): Cite journal requires |journal= (help)",
      "  14. ^ MSS goes with \"People's Leader 人民领袖\"; Dual; TikTok "
      "Archived 2020-11-17 at the Wayback Machine, Bill Bishop,, August 26, "
      "2020",
      "  75. ^ Open Source Center, \"Profile\" Archived 2016-11-21 at the "
      "Wayback Machine , 25 August 2011",
      "  81. ^ Katleman, Michael (2016-06-19), Rising Sun, Eric Dane, "
      "archived from the original on 2018-06-16, retrieved 2018-02-20",
      "  21. ^ Thu-Huong, pp. 139–140",
      "  47. ^ \"T\". W. 3 March 2021.[permanent dead link]",
      "  70. ^ Blanchard, Ben (December 30, 2016). Macfie, Nick (ed.). "
      "\"China\". Reuters. Archived from the original on November 28, 2018. "
      "A source said \"No.8 bureau\", which",
      NULL};
  for (size_t i = 0; lines[i]; i++) {
    size_t n = strlen(lines[i]);
    for (size_t len = 0; len <= n; len++) {
      char *p = xmalloc(len + 1);
      memcpy(p, lines[i], len);
      p[len] = '\0';
      mssdoc_reference r;
      memset(&r, 0, sizeof r);
      if (refparse_line(p, 1, &r)) {
        assert_non_null(r.text);
        mssdoc_reference_clear(&r);
      }
      free(p);
    }
  }
  static const char *const atoms[] = {"\"",
                                      "(",
                                      ")",
                                      "[",
                                      "]",
                                      ".",
                                      ". ",
                                      ",",
                                      ", ",
                                      " ",
                                      ":",
                                      ": ",
                                      ";",
                                      "p.",
                                      "pp. ",
                                      "a",
                                      "Z",
                                      "7",
                                      "2019",
                                      "2019-05-09",
                                      "June",
                                      " on ",
                                      " at ",
                                      "Archived ",
                                      "Archived 2020-01-01 at ",
                                      "Retrieved ",
                                      "ISBN ",
                                      "doi:",
                                      "((cite ",
                                      "requires |journal=",
                                      "[permanent dead link]",
                                      NBSP,
                                      "\xc2",
                                      "\xe2\x80\x93",
                                      "\xe2\x80",
                                      "王",
                                      "^",
                                      "(ed.)",
                                      "et al."};
  size_t natoms = sizeof atoms / sizeof *atoms;
  unsigned long seed = 12345;
  for (int round = 0; round < 4000; round++) {
    buf b = {0};
    buf_puts(&b, round % 3 ? "  1. ^ " : "  2. ^ a b ");
    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
    int count = (int)((seed >> 33) % 40);
    for (int k = 0; k < count; k++) {
      seed = seed * 6364136223846793005UL + 1442695040888963407UL;
      buf_puts(&b, atoms[(seed >> 33) % natoms]);
    }
    size_t len = b.len;
    char *s = buf_take(&b);
    char *p = xmalloc(len + 1);
    memcpy(p, s, len + 1);
    free(s);
    mssdoc_reference r;
    memset(&r, 0, sizeof r);
    assert_int_equal(refparse_line(p, 1, &r), 1);
    assert_non_null(r.text);
    mssdoc_reference_clear(&r);
    free(p);
  }
}

/* --- (a2) the fields issue 13 added ------------------------------------ */

/* The id of scheme k in r, or NULL. */
static const char *S_id(const mssdoc_reference *r, const char *k) {
  for (size_t i = 0; i + 1 < r->ids.count; i += 2)
    if (strcmp(r->ids.items[i], k) == 0)
      return r->ids.items[i + 1];
  return NULL;
}

/* Volume and issue in the shapes citations write them. */
static void test_volume_issue(void **state) {
  (void)state;
  mssdoc_reference r;
  assert_int_equal(S_parse("  1. ^ Roe, Rick (2001). \"A Title\". Some "
                           "Journal. 27 (11/12): 3–9.",
                           &r),
                   1);
  S_field(r.volume, "27");
  S_field(r.issue, "11/12");
  S_field(r.pages, "3–9");
  mssdoc_reference_clear(&r);
  assert_int_equal(S_parse("  1. ^ Roe, Rick (2001). \"A Title\". Some "
                           "Journal. 38: 212–215.",
                           &r),
                   1);
  S_field(r.volume, "38");
  S_field(r.issue, NULL);
  mssdoc_reference_clear(&r);
  /* a book's "Vol. 1 (10th ed.)": the volume, the edition is no issue */
  assert_int_equal(S_parse("  1. ^ Roe, Rick (1758). Big Book. Vol. 1 (10th "
                           "reformed ed.). Holmiae: Salvius. p. 42.",
                           &r),
                   1);
  S_field(r.volume, "1");
  S_field(r.issue, NULL);
  S_field(r.place, "Holmiae");
  S_field(r.publisher, "Salvius");
  mssdoc_reference_clear(&r);
  /* a bare number in a book chain is no volume ("c. 1945 (1st ed.)") */
  assert_int_equal(S_parse("  1. ^ Roe, Rick (1998). Iwi: from c. 1769 to c. "
                           "1945 (1st ed.). Wellington: VUP. ISBN 1.",
                           &r),
                   1);
  S_field(r.volume, NULL);
  mssdoc_reference_clear(&r);
  assert_int_equal(S_parse("  1. ^ Roe, Rick, A Title Archived 2021-10-31 at "
                           "the Wayback Machine, Some Review, Vol. 12, No. 1, "
                           "March 2005, pp.121–143.",
                           &r),
                   1);
  S_field(r.volume, "12");
  S_field(r.issue, "1");
  mssdoc_reference_clear(&r);
}

/* Editors, language, place and the other identifiers. */
static void test_editors_language_place_ids(void **state) {
  (void)state;
  mssdoc_reference r;
  assert_int_equal(S_parse("  1. ^ Roe, Rick (2001). \"Chapter\". In Wilson, "
                           "D. E.; Reeder, D. M. (eds.). A Book. Baltimore: "
                           "JHU Press.",
                           &r),
                   1);
  assert_int_equal(r.editors.count, 2);
  assert_string_equal(r.editors.items[0], "Wilson, D. E.");
  assert_string_equal(r.editors.items[1], "Reeder, D. M.");
  mssdoc_reference_clear(&r);
  assert_int_equal(S_parse("  1. ^ Roe, Rick (2016). Doe, Jane (ed.). \"A "
                           "Title\". Reuters.",
                           &r),
                   1);
  assert_int_equal(r.editors.count, 1);
  assert_string_equal(r.editors.items[0], "Doe, Jane");
  S_authors(&r, "Roe, Rick", NULL); /* an editor is no author */
  mssdoc_reference_clear(&r);
  assert_int_equal(S_parse("  1. ^ \"标题\". Radio Free Asia (in Chinese "
                           "(China)). Retrieved 2022-07-24.",
                           &r),
                   1);
  S_field(r.language, "Chinese (China)");
  S_field(r.work, "Radio Free Asia");
  mssdoc_reference_clear(&r);
  /* "(in 1983)" names no language */
  assert_int_equal(S_parse("  1. ^ Roe, Rick (2001). A Book (in 1983 "
                           "terms). Press.",
                           &r),
                   1);
  S_field(r.language, NULL);
  mssdoc_reference_clear(&r);
  assert_int_equal(S_parse("  1. ^ Roe, Rick (2002). \"A Title\". The Journal. "
                           "171 (171): 575–596. doi:10.1/x. JSTOR 4618770. "
                           "S2CID 154801635. SSRN 3415726. arXiv:1234.5678.",
                           &r),
                   1);
  S_field(S_id(&r, "jstor"), "4618770");
  S_field(S_id(&r, "s2cid"), "154801635");
  S_field(S_id(&r, "ssrn"), "3415726");
  S_field(S_id(&r, "arxiv"), "1234.5678");
  S_field(r.doi, "10.1/x"); /* a field of its own, not an id */
  assert_int_equal(r.ids.count, 8);
  mssdoc_reference_clear(&r);
  /* a sentence before a colon is no place; nor is an identifier scheme */
  assert_int_equal(S_parse("  1. ^ Perry, Richard (1965). The World. p. 260. "
                           "ASIN: B0007DU2IU.",
                           &r),
                   1);
  S_field(r.place, NULL);
  mssdoc_reference_clear(&r);
}

/* Names written given name first become "Family, Given"; organisations,
 * single names, non-Latin names and names with a comma stay as written. */
static void test_names_family_first(void **state) {
  (void)state;
  static const char *const cases[][2] = {
      {"Bill Bishop", "Bishop, Bill"},
      {"Michael D. Swaine", "Swaine, Michael D."},
      {"Bishop, Bill", "Bishop, Bill"},
      {"Human Rights Watch", "Human Rights Watch"},
      {"Associated Press", "Associated Press"},
      {"BBC News", "BBC News"},
      {"MSS Associated Weibo Account", "MSS Associated Weibo Account"},
      {"Thu-Huong", "Thu-Huong"},
      {"王海天", "王海天"},
      {"John Q.", "John Q."},
      {"Ludwig van Beethoven", "Ludwig van Beethoven"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *n = refparse_name(cases[i][0]);
    assert_string_equal(n, cases[i][1]);
    free(n);
  }
}

/* Wikipedia's template error messages are found, with or without the
 * template's name before them; text without one has none. */
static void test_template_error(void **state) {
  (void)state;
  size_t a, e;
  const char *t1 = "Doval, Ajit (2013). \"T\". VIF: 6. Retrieved 2022-07-22. "
                   "((cite journal)): Cite journal requires |journal= (help)";
  assert_int_equal(refparse_template_error(t1, &a, &e), 1);
  assert_int_equal(a, strlen("Doval, Ajit (2013). \"T\". VIF: 6. Retrieved "
                             "2022-07-22."));
  assert_int_equal(e, strlen(t1));
  const char *t2 = "See \"Guide\", NZ Government, retrieved 7 March 2019 "
                   "Italic or bold markup not allowed in: |website= (help) .";
  assert_int_equal(refparse_template_error(t2, &a, &e), 1);
  assert_true(strncmp(t2 + a, " Italic", 7) == 0);
  assert_true(strcmp(t2 + e, " .") == 0);
  assert_int_equal(
      refparse_template_error("Roe (2001). Cite this (help).", &a, &e),
      0); /* no "|param=": no template's message */
  assert_int_equal(refparse_template_error("Roe, Rick (2001). A Book.", &a, &e),
                   0);
  /* the fields never read the message */
  mssdoc_reference r;
  char *line = xasprintf("  17. ^ %s", t1);
  assert_int_equal(S_parse(line, &r), 1);
  S_field(r.retrieved, "2022-07-22");
  S_field(r.publisher, "VIF");
  free(line);
  mssdoc_reference_clear(&r);
}

/* A short citation has an author and pages and nothing of a full one. */
static void test_is_short(void **state) {
  (void)state;
  mssdoc_reference r;
  assert_int_equal(S_parse("  22. ^ Mei p. 78", &r), 1);
  assert_true(refparse_is_short(&r));
  mssdoc_reference_clear(&r);
  assert_int_equal(S_parse("  21. ^ Thu-Huong, pp. 139–140", &r), 1);
  assert_true(refparse_is_short(&r));
  mssdoc_reference_clear(&r);
  assert_int_equal(S_parse("  5. ^ Faligot, Roger (June 2019). Chinese Spies. "
                           "Oxford University Press. pp. 117–118.",
                           &r),
                   1);
  assert_false(refparse_is_short(&r));
  mssdoc_reference_clear(&r);
}

/* --- (b) the article against the annotation ----------------------------- */

#define NCOLS 21

static char *S_path(const char *rel) {
  const char *root = getenv("ROOT");
  return xasprintf("%s/%s", root && *root ? root : ".", rel);
}

/* Splits a TSV line in place into exactly NCOLS cells; returns the count. */
static int S_cells(char *line, char *cells[NCOLS]) {
  int n = 0;
  char *p = line;
  for (;;) {
    char *tab = strchr(p, '\t');
    if (n < NCOLS)
      cells[n] = p;
    n++;
    if (!tab)
      break;
    *tab = '\0';
    p = tab + 1;
  }
  return n;
}

static char *S_chomp(char *s) {
  size_t n = strlen(s);
  while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

static void test_article(void **state) {
  (void)state;
  char *dpath = S_path("data/mss.txt"), *tpath = S_path("tests/expected/"
                                                        "references.tsv");
  FILE *df = fopen(dpath, "r");
  FILE *tf = fopen(tpath, "r");
  if (!df || !tf)
    print_error("cannot open %s or %s\n", dpath, tpath);
  assert_non_null(df);
  assert_non_null(tf);

  MSSDOC_LIST(mssdoc_reference) refs = {0};
  char *line = NULL;
  size_t cap = 0;
  int lineno = 0;
  while (getline(&line, &cap, df) >= 0) {
    lineno++;
    mssdoc_reference r;
    memset(&r, 0, sizeof r);
    if (refparse_line(S_chomp(line), lineno, &r))
      *LIST_PUSH(refs) = r;
  }
  fclose(df);
  assert_int_equal(refs.count, 82);

  static const char *const names[NCOLS] = {
      "number",    "backlinks", "authors",   "date",    "title",  "work",
      "publisher", "pages",     "isbn",      "issn",    "oclc",   "doi",
      "archived",  "retrieved", "dead_link", "editors", "volume", "issue",
      "place",     "language",  "ids"};
  int header = 0, rows = 0, total = 0, matched = 0, bl_bad = 0;
  while (getline(&line, &cap, tf) >= 0) {
    S_chomp(line);
    if (line[0] == '#' || line[0] == '\0')
      continue;
    char *cells[NCOLS];
    assert_int_equal(S_cells(line, cells), NCOLS);
    if (!header) {
      for (int c = 0; c < NCOLS; c++)
        assert_string_equal(cells[c], names[c]);
      header = 1;
      continue;
    }
    rows++;
    int number = atoi(cells[0]);
    const mssdoc_reference *r = NULL;
    for (size_t i = 0; i < refs.count; i++)
      if (refs.items[i].number == number)
        r = &refs.items[i];
    if (!r) {
      printf("# ref %d: not parsed\n", number);
      bl_bad++;
      continue;
    }
    if (r->backlinks != atoi(cells[1])) {
      printf("# ref %d backlinks: expected %s got %d\n", number, cells[1],
             r->backlinks);
      bl_bad++;
    }
    buf authors = {0};
    for (size_t i = 0; i < r->authors.count; i++)
      buf_printf(&authors, "%s%s", i ? " ; " : "", r->authors.items[i]);
    char *joined = buf_take(&authors);
    buf eds = {0}, ids = {0};
    for (size_t i = 0; i < r->editors.count; i++)
      buf_printf(&eds, "%s%s", i ? " ; " : "", r->editors.items[i]);
    for (size_t i = 0; i + 1 < r->ids.count; i += 2)
      buf_printf(&ids, "%s%s:%s", i ? " ; " : "", r->ids.items[i],
                 r->ids.items[i + 1]);
    const char *got[NCOLS] = {
        NULL,         NULL,         joined,
        r->date,      r->title,     r->work,
        r->publisher, r->pages,     r->isbn,
        r->issn,      r->oclc,      r->doi,
        r->archived,  r->retrieved, r->dead_link ? "true" : "false",
        eds.data,     r->volume,    r->issue,
        r->place,     r->language,  ids.data};
    for (int c = 2; c < NCOLS; c++) {
      const char *g = got[c] ? got[c] : "";
      if (cells[c][0] == '\0' && g[0] == '\0')
        continue;
      total++;
      if (strcmp(cells[c], g) == 0)
        matched++;
      else
        printf("# ref %d %s: expected \"%s\" got \"%s\"\n", number, names[c],
               cells[c], g);
    }
    free(joined);
    buf_free(&eds);
    buf_free(&ids);
  }
  fclose(tf);
  free(line);
  double pct = total ? 100.0 * matched / total : 0.0;
  printf("# reference fields: %d/%d match (%.1f%%)\n", matched, total, pct);
  for (size_t i = 0; i < refs.count; i++)
    mssdoc_reference_clear(&refs.items[i]);
  free(refs.items);
  free(dpath);
  free(tpath);
  assert_int_equal(rows, 82);
  assert_int_equal(bl_bad, 0);
  assert_int_equal(matched, total); /* every annotated field, exactly */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_not_reference),
      cmocka_unit_test(test_backlinks),
      cmocka_unit_test(test_book),
      cmocka_unit_test(test_journal),
      cmocka_unit_test(test_news),
      cmocka_unit_test(test_web),
      cmocka_unit_test(test_cs2),
      cmocka_unit_test(test_freeform),
      cmocka_unit_test(test_short_and_bare),
      cmocka_unit_test(test_dead_link),
      cmocka_unit_test(test_truncated_and_garbage),
      cmocka_unit_test(test_volume_issue),
      cmocka_unit_test(test_editors_language_place_ids),
      cmocka_unit_test(test_names_family_first),
      cmocka_unit_test(test_template_error),
      cmocka_unit_test(test_is_short),
      cmocka_unit_test(test_article),
  };
  return cmocka_run_group_tests_name("refparse", tests, NULL, NULL);
}
