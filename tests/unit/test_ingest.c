/* test_ingest.c: the block classifier and record recovery on small,
 * made-up dumps (the article itself is tested in tests/t_ingest.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mssdoc/mssdoc.h"

static const char DUMP[] =
    "Office of Examples\n"                                           /* 1 */
    "TypeGovernment agency\n"                                        /* 2 */
    "Preceding agencies\n"                                           /* 3 */
    "\n"                                                             /* 4 */
    "The Office of Examples is an agency of some kind that does many "
    "things. It was founded in 1990.[1]\n"                           /* 5 */
    "\n"                                                             /* 6 */
    "\n"                                                             /* 7 */
    "A photo of the office\n"                                        /* 8 */
    "A photo of the office\n"                                        /* 9 */
    "\n"                                                             /* 10 */
    "Early years (1990–2000)\n"                                      /* 11 */
    "\n"                                                             /* 12 */
    "In late March 1985, the office was planned by a committee of ten "
    "people.[2] It opened later.\n"                                  /* 13 */
    "\n"                                                             /* 14 */
    "The office had three divisions:[1]\n"                           /* 15 */
    "\n"                                                             /* 16 */
    "Further information: Examples in general\n"                     /* 17 */
    "\n"                                                             /* 18 */
    "\"We are an example of an office and we say so in quotes.\"[2]\n" /* 19 */
    "\n"                                                             /* 20 */
    "Heads of the Office (1990–present)\n"                           /* 21 */
    "\n"                                                             /* 22 */
    "No. Name Took office Left office\n"                             /* 23 */
    "1 Ann Example June 1990 May 2001\n"                             /* 24 */
    "2 Bo Sample May 2001 Incumbent\n"                               /* 25 */
    "\n"                                                             /* 26 */
    "\n"                                                             /* 27 */
    "  1. ^ a b Doe, Jane (2001). \"On Examples\". The Journal. "
    "Retrieved 2002-01-01.\n"                                        /* 28 */
    "  2. ^ a b c Roe, Rick (1999). A Book. Some Press. ISBN "
    "978-0-00-000000-2.\n";                                          /* 29 */

static mssdoc_records *S_ingest(const char *s) {
  char *err = NULL;
  mssdoc_records *rs = mssdoc_ingest(s, strlen(s), "test.txt", &err);
  if (!rs)
    fail_msg("ingest failed: %s", err);
  return rs;
}

static int S_has_diag(const mssdoc_records *rs, int line, const char *kind) {
  for (size_t i = 0; i < rs->diagnostics.count; i++)
    if (rs->diagnostics.items[i].line == line &&
        strcmp(rs->diagnostics.items[i].kind, kind) == 0)
      return 1;
  return 0;
}

static void test_sections(void **state) {
  (void)state;
  mssdoc_records *rs = S_ingest(DUMP);
  assert_string_equal(rs->article.title, "Office of Examples");
  assert_int_equal(rs->article.lines, 29);
  assert_int_equal(rs->sections.count, 5);
  assert_string_equal(rs->sections.items[0].id, "lead");
  assert_true(rs->sections.items[1].inferred);
  assert_int_equal(rs->sections.items[1].line, 8);
  assert_string_equal(rs->sections.items[2].title, "Early years (1990–2000)");
  assert_string_equal(rs->sections.items[2].parent, rs->sections.items[1].id);
  assert_string_equal(rs->sections.items[3].title,
                      "Heads of the Office (1990–present)");
  assert_true(rs->sections.items[4].inferred);
  assert_int_equal(rs->sections.items[4].line, 28);
  assert_true(S_has_diag(rs, 8, "lost-heading"));
  assert_true(S_has_diag(rs, 28, "lost-heading"));
  mssdoc_records_free(rs);
}

static void test_paragraph_kinds(void **state) {
  (void)state;
  mssdoc_records *rs = S_ingest(DUMP);
  const char *kinds[] = {"body",    "caption",   "body", "body",
                         "hatnote", "quotation", "table"};
  int lines[] = {5, 8, 13, 15, 17, 19, 23};
  assert_int_equal(rs->paragraphs.count, 7);
  for (size_t i = 0; i < 7; i++) {
    assert_string_equal(rs->paragraphs.items[i].kind, kinds[i]);
    assert_int_equal(rs->paragraphs.items[i].line, lines[i]);
  }
  mssdoc_records_free(rs);
}

static void test_heads_and_infobox(void **state) {
  (void)state;
  mssdoc_records *rs = S_ingest(DUMP);
  assert_int_equal(rs->heads.count, 2);
  assert_string_equal(rs->heads.items[0].office, "Heads of the Office");
  assert_string_equal(rs->heads.items[0].period, "(1990–present)");
  assert_string_equal(rs->heads.items[0].name, "Ann Example");
  assert_string_equal(rs->heads.items[0].took_office, "1990-06");
  assert_string_equal(rs->heads.items[0].left_office, "2001-05");
  assert_null(rs->heads.items[1].left_office);
  assert_true(rs->heads.items[1].incumbent);
  assert_int_equal(rs->infobox.count, 2);
  assert_string_equal(rs->infobox.items[0].label, "Type");
  assert_string_equal(rs->infobox.items[0].value, "Government agency");
  assert_true(S_has_diag(rs, 3, "lost-list"));
  mssdoc_records_free(rs);
}

static void test_lists_citations_dates(void **state) {
  (void)state;
  mssdoc_records *rs = S_ingest(DUMP);
  assert_true(S_has_diag(rs, 15, "lost-list"));
  assert_false(S_has_diag(rs, 19, "lost-list"));
  /* 1985 lies before the section's 1990–2000 */
  assert_true(S_has_diag(rs, 13, "date-outside-period"));
  assert_int_equal(rs->citations.count, 4);
  assert_int_equal(rs->references.count, 2);
  assert_int_equal(rs->references.items[1].backlinks, 3);
  /* reference 2: three backlinks, two markers survive */
  assert_true(S_has_diag(rs, 29, "lost-citation"));
  assert_false(S_has_diag(rs, 28, "lost-citation"));
  /* timeline: the sentences with dates, then the two heads */
  assert_int_equal(rs->timeline.count, 4);
  assert_string_equal(rs->timeline.items[0].date, "1990");
  assert_string_equal(rs->timeline.items[1].date, "1985-03");
  assert_string_equal(rs->timeline.items[1].qualifier, "late");
  assert_string_equal(rs->timeline.items[3].source, "table");
  mssdoc_records_free(rs);
}

static void test_incidents(void **state) {
  (void)state;
  /* the part after the first "Further information:" up to the section
   * holding the heads tables */
  static const char dump[] =
      "Agency\n\nLead paragraph with enough words in it to count as a paragraph of prose. It "
      "was made in 1950.\n\n\nFurther information: Ops\n\nIn 2001, a thing "
      "happened that matters a great deal.\n\nNothing dated here at all, "
      "only words.\n\nHeads\n\nThe heads follow in a table below.\n\n"
      "Directors (1950–present)\n\nNo. Name Took office Left office\n1 A B "
      "1950 Incumbent\n";
  mssdoc_records *rs = S_ingest(dump);
  assert_int_equal(rs->incidents.count, 1);
  assert_string_equal(rs->incidents.items[0].date, "2001");
  mssdoc_records_free(rs);
}

static void test_not_a_dump(void **state) {
  (void)state;
  const char *bad[] = {"", "  \n\n ", "{\"a\": 1}\n",
                       "<?xml version=\"1.0\"?><records/>\n",
                       "Title\nshort\nlines\nonly\n"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char *err = NULL;
    mssdoc_records *rs = mssdoc_ingest(bad[i], strlen(bad[i]), "x", &err);
    assert_null(rs);
    assert_non_null(err);
    assert_non_null(strstr(err, "x "));
    free(err);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sections),
      cmocka_unit_test(test_paragraph_kinds),
      cmocka_unit_test(test_heads_and_infobox),
      cmocka_unit_test(test_lists_citations_dates),
      cmocka_unit_test(test_incidents),
      cmocka_unit_test(test_not_a_dump),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
