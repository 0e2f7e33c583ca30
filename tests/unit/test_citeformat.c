/*
 * test_citeformat.c: citation keys (surname, corporate author, no author,
 * no date, folding, duplicates), the entry type rules, BibTeX escaping and
 * shape, RIS shape and CSL-JSON items, on hand-made references.
 */
/* clang-format off */
/* cmocka needs these first, in this order */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "citeformat.h"
#include "util.h"

/* A reference with the given fields; the strings stay the caller's. */
static mssdoc_reference S_ref(char **authors, size_t nauthors, char *date,
                              char *title, char *work) {
  mssdoc_reference r;
  memset(&r, 0, sizeof r);
  r.number = 1;
  r.backlinks = 1;
  r.text = title ? title : "";
  r.authors.items = authors;
  r.authors.count = r.authors.cap = nauthors;
  r.date = date;
  r.title = title;
  r.work = work;
  return r;
}

static void S_key_is(const mssdoc_reference *r, const char *want) {
  char *k = citeformat_key(r);
  assert_string_equal(k, want);
  free(k);
}

/* --- keys ------------------------------------------------------------ */

static void test_key_surname(void **state) {
  (void)state;
  char *faligot[] = {"Faligot, Roger"};
  mssdoc_reference r = S_ref(faligot, 1, "June 2019", "Chinese Spies", NULL);
  S_key_is(&r, "faligot2019");
  r.date = "2019-05-09";
  S_key_is(&r, "faligot2019");
  r.date = "Jun 9, 2020";
  S_key_is(&r, "faligot2020");
  r.date = "2006";
  S_key_is(&r, "faligot2006");

  char *obrien[] = {"O\u2019Brien, Rebecca Davis", "Other, A."};
  r = S_ref(obrien, 2, "2022-03-16", "T", NULL);
  S_key_is(&r, "obrien2022");

  char *diacritics[] = {"\u0106osi\u0107, Dobrica"}; /* Ćosić */
  r = S_ref(diacritics, 1, "1 May 1999", "T", NULL);
  S_key_is(&r, "cosic1999");

  char *given_first[] = {"Bill Bishop"};
  r = S_ref(given_first, 1, "August 26, 2020", "T", NULL);
  S_key_is(&r, "bishop2020");

  char *hyphen[] = {"Thu-Huong"};
  r = S_ref(hyphen, 1, NULL, NULL, NULL);
  S_key_is(&r, "thuhuongnd");
}

static void test_key_no_author(void **state) {
  (void)state;
  mssdoc_reference r =
      S_ref(NULL, 0, "9 February 2019", "Hundreds of spies", "Deutsche Welle");
  S_key_is(&r, "deutsche2019");
  r = S_ref(NULL, 0, "2007", "A History of Democratic Kampuchea", NULL);
  S_key_is(&r, "history2007");
  r = S_ref(NULL, 0, NULL, "The party speaks", "The National Interest");
  S_key_is(&r, "nationalnd");
  r = S_ref(NULL, 0, "2017", "Title", "U.S. Department of Justice");
  S_key_is(&r, "us2017");
  /* nothing to make a word of: anon */
  r = S_ref(NULL, 0, NULL, NULL, NULL);
  S_key_is(&r, "anonnd");
  char *cjk[] = {"\xe7\x8e\x8b\xe6\xb5\xb7\xe5\xa4\xa9"}; /* 王海天 */
  r = S_ref(cjk, 1, "Jan 31, 2012", "\xe7\xba\xa2\xe5\xa2\x99", NULL);
  S_key_is(&r, "anon2012");
  /* a CJK author falls back to the work */
  r.work = "Radio Free Asia";
  S_key_is(&r, "radio2012");
}

static void test_key_corporate(void **state) {
  (void)state;
  char *osc[] = {"Open Source Center"};
  mssdoc_reference r = S_ref(osc, 1, "25 August 2011", "Profile", NULL);
  S_key_is(&r, "open2011");
  char *weibo[] = {"MSS Associated Weibo Account"};
  r = S_ref(weibo, 1, "November 21, 2016", "T", NULL);
  S_key_is(&r, "mss2016");
}

static void test_key_duplicates(void **state) {
  (void)state;
  char *mattis[] = {"Mattis, Peter"};
  mssdoc_reference a = S_ref(mattis, 1, "9 July 2017", "One", "Work");
  mssdoc_reference b = S_ref(mattis, 1, "June 11, 2017", "Two", NULL);
  mssdoc_reference c = S_ref(mattis, 1, "2017", "Three", NULL);
  mssdoc_reference d = S_ref(mattis, 1, "2018", "Four", NULL);
  const mssdoc_reference *refs[] = {&a, &b, &d, &c};
  char *out = citeformat_write(refs, 4, "bibtex");
  assert_non_null(strstr(out, "@misc{mattis2017,\n"));
  assert_non_null(strstr(out, "@misc{mattis2017a,\n"));
  assert_non_null(strstr(out, "@misc{mattis2018,\n"));
  assert_non_null(strstr(out, "@misc{mattis2017b,\n"));
  /* in the order given: the first keeps the bare key */
  assert_true(strstr(out, "mattis2017,") < strstr(out, "mattis2017a,"));
  assert_true(strstr(out, "mattis2017a,") < strstr(out, "mattis2017b,"));
  assert_true(strstr(out, "{{Two}}") < strstr(out, "{{Three}}"));
  assert_true(strstr(out, "mattis2017a,") < strstr(out, "{{Two}}"));
  free(out);
  /* one reference alone keeps its bare key */
  out = citeformat_write(refs + 3, 1, "ris");
  assert_non_null(strstr(out, "ID  - mattis2017\n"));
  free(out);
}

/* --- entry types ----------------------------------------------------- */

static void test_types(void **state) {
  (void)state;
  mssdoc_reference r = S_ref(NULL, 0, "2019", "T", NULL);
  assert_int_equal(citeformat_type_of(&r), CITE_WEB);
  r.isbn = "978-1-78738-096-7";
  assert_int_equal(citeformat_type_of(&r), CITE_BOOK);
  r.isbn = NULL;
  r.publisher = "Routledge";
  assert_int_equal(citeformat_type_of(&r), CITE_BOOK);
  /* a work makes it no book, even with a publisher */
  r.work = "Reuters";
  assert_int_equal(citeformat_type_of(&r), CITE_NEWS);
  r.publisher = NULL;

  r.work = "Intelligence and National Security";
  assert_int_equal(citeformat_type_of(&r), CITE_WEB);
  r.doi = "10.1080/02684529308432189";
  assert_int_equal(citeformat_type_of(&r), CITE_JOURNAL);
  r.doi = NULL;
  r.work = "European Review of History";
  r.pages = "121–143";
  assert_int_equal(citeformat_type_of(&r), CITE_JOURNAL);
  r.pages = NULL;
  assert_int_equal(citeformat_type_of(&r), CITE_WEB);
  r.issn = "1350-7486";
  assert_int_equal(citeformat_type_of(&r), CITE_JOURNAL);

  /* a newspaper's name wins over "Journal"; an ISSN alone is a serial */
  r.work = "The Wall Street Journal";
  r.issn = "0099-9660";
  assert_int_equal(citeformat_type_of(&r), CITE_NEWS);
  r.work = "Some Monthly";
  assert_int_equal(citeformat_type_of(&r), CITE_NEWS);
  r.issn = NULL;
  r.work = "The Hindustan Times";
  assert_int_equal(citeformat_type_of(&r), CITE_NEWS);
  r.work = "ZDNet";
  assert_int_equal(citeformat_type_of(&r), CITE_WEB);
  /* "post" only as a word */
  r.work = "Postmodern Culture Online";
  assert_int_equal(citeformat_type_of(&r), CITE_WEB);
  r.work = "Washington Post";
  assert_int_equal(citeformat_type_of(&r), CITE_NEWS);

  const char *bib[] = {"@book{", "@article{", "@misc{", "@misc{"};
  const char *ris[] = {"TY  - BOOK\n", "TY  - JOUR\n", "TY  - NEWS\n",
                       "TY  - ELEC\n"};
  const char *csl[] = {"book", "article-journal", "article-newspaper",
                       "webpage"};
  mssdoc_reference kinds[4];
  kinds[0] = S_ref(NULL, 0, NULL, "B", NULL);
  kinds[0].isbn = "1";
  kinds[1] = S_ref(NULL, 0, NULL, "J", "Journal of Things");
  kinds[1].doi = "10.1/x";
  kinds[2] = S_ref(NULL, 0, NULL, "N", "The Times");
  kinds[3] = S_ref(NULL, 0, NULL, "W", NULL);
  for (int i = 0; i < 4; i++) {
    const mssdoc_reference *one[] = {&kinds[i]};
    char *out = citeformat_write(one, 1, "bibtex");
    assert_true(str_starts(out, bib[i]));
    free(out);
    out = citeformat_write(one, 1, "ris");
    assert_true(str_starts(out, ris[i]));
    free(out);
    out = citeformat_write(one, 1, "csl");
    json_t *v = json_loads(out, 0, NULL);
    assert_non_null(v);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(v, 0), "type")),
        csl[i]);
    json_decref(v);
    free(out);
  }
}

/* --- BibTeX ---------------------------------------------------------- */

static void test_bibtex_escaping(void **state) {
  (void)state;
  char *authors[] = {"Smith & Sons, Jo_e", "Open Source Center", "Ann Lee"};
  mssdoc_reference r =
      S_ref(authors, 3, "March 2005", "50% of $5 #1 a_b ~x^y \\ {z}", NULL);
  r.publisher = "A&B \xe4\xba\xba\xe6\xb0\x91"; /* non-ASCII kept */
  r.pages = "121\u2013143";
  r.archived = "2021-10-31";
  r.retrieved = "2021-11-01";
  r.oclc = "12345";
  r.isbn = "978-0";
  const mssdoc_reference *refs[] = {&r};
  char *out = citeformat_write(refs, 1, "bibtex");
  assert_string_equal(
      out, "@book{smith2005,\n"
           "  author    = {Smith \\& Sons, Jo\\_e and {Open Source Center} and "
           "Lee, Ann},\n"
           "  title     = {{50\\% of \\$5 \\#1 a\\_b \\textasciitilde{}x"
           "\\textasciicircum{}y \\textbackslash{} \\textbraceleft{}z"
           "\\textbraceright{}}},\n"
           "  publisher = {A\\&B \xe4\xba\xba\xe6\xb0\x91},\n"
           "  year      = {2005},\n"
           "  month     = mar,\n"
           "  pages     = {121--143},\n"
           "  isbn      = {978-0},\n"
           "  note      = {OCLC 12345; archived 2021-10-31; retrieved "
           "2021-11-01}\n"
           "}\n");
  /* braces balance: BibTeX counts every brace, escaped or not */
  int depth = 0;
  for (const char *p = out; *p; p++) {
    depth += *p == '{';
    depth -= *p == '}';
    assert_true(depth >= 0);
  }
  assert_int_equal(depth, 0);
  free(out);
}

static void test_bibtex_shape(void **state) {
  (void)state;
  char *authors[] = {"Eftimiades, Nicholas"};
  mssdoc_reference r = S_ref(authors, 1, "January 1993", "China's ministry",
                             "Intelligence and National Security");
  r.doi = "10.1080/02684529308432189";
  r.issn = "0268-4527";
  r.pages = "23\u201343";
  r.dead_link = true;
  mssdoc_reference none = S_ref(NULL, 0, NULL, NULL, NULL);
  none.text = "See:";
  const mssdoc_reference *refs[] = {&r, &none};
  char *out = citeformat_write(refs, 2, "bibtex");
  assert_string_equal(out, "@article{eftimiades1993,\n"
                           "  author  = {Eftimiades, Nicholas},\n"
                           "  title   = {{China's ministry}},\n"
                           "  journal = {Intelligence and National Security},\n"
                           "  year    = {1993},\n"
                           "  month   = jan,\n"
                           "  pages   = {23--43},\n"
                           "  issn    = {0268-4527},\n"
                           "  doi     = {10.1080/02684529308432189},\n"
                           "  note    = {Permanent dead link}\n"
                           "}\n"
                           "\n"
                           "@misc{anonnd,\n"
                           "  title = {{See:}}\n"
                           "}\n");
  free(out);
  out = citeformat_write(refs, 0, "bibtex");
  assert_string_equal(out, "");
  free(out);
  assert_null(citeformat_write(refs, 1, "endnote"));
}

/* --- RIS ------------------------------------------------------------- */

static void test_ris_shape(void **state) {
  (void)state;
  char *authors[] = {"Mattis, Peter", "Brazil, Matthew"};
  mssdoc_reference a = S_ref(authors, 2, "2019-11-15",
                             "Chinese Communist "
                             "Espionage",
                             NULL);
  a.publisher = "Naval Institute Press";
  a.isbn = "978-1-68247-304-7";
  a.pages = "117\u2013118";
  a.retrieved = "22 July 2022";
  mssdoc_reference b = S_ref(NULL, 0, "Jun 9, 2020", "Line\nbreak", "CNN");
  b.pages = "4 (PDF p. 5/59)";
  b.retrieved = "sometime";
  const mssdoc_reference *refs[] = {&a, &b};
  char *out = citeformat_write(refs, 2, "ris");
  assert_string_equal(out, "TY  - BOOK\n"
                           "ID  - mattis2019\n"
                           "AU  - Mattis, Peter\n"
                           "AU  - Brazil, Matthew\n"
                           "TI  - Chinese Communist Espionage\n"
                           "PY  - 2019\n"
                           "DA  - 2019/11/15/\n"
                           "PB  - Naval Institute Press\n"
                           "SP  - 117\n"
                           "EP  - 118\n"
                           "SN  - 978-1-68247-304-7\n"
                           "Y2  - 2022/07/22\n"
                           "ER  - \n"
                           "\n"
                           "TY  - NEWS\n"
                           "ID  - cnn2020\n"
                           "TI  - Line break\n"
                           "T2  - CNN\n"
                           "PY  - 2020\n"
                           "DA  - 2020/06/09/\n"
                           "SP  - 4 (PDF p. 5/59)\n"
                           "Y2  - sometime\n"
                           "ER  - \n");
  /* every line is a tag line or the blank line between records */
  for (char *line = out; *line;) {
    char *nl = strchr(line, '\n');
    assert_non_null(nl);
    if (nl != line) {
      assert_true(nl - line >= 6);
      assert_true(line[0] >= 'A' && line[0] <= 'Z');
      assert_memory_equal(line + 2, "  - ", 4);
    }
    line = nl + 1;
  }
  free(out);
}

/* --- CSL-JSON -------------------------------------------------------- */

static void test_csl(void **state) {
  (void)state;
  char *authors[] = {"Faligot, Roger", "Open Source Center", "Bill Bishop",
                     "Mei"};
  mssdoc_reference r = S_ref(authors, 4, "June 2019", "Chinese Spies", NULL);
  r.publisher = "Oxford University Press";
  r.pages = "117\u2013118";
  r.isbn = "978-1-78738-096-7";
  r.retrieved = "2020-05-10";
  r.archived = "2020-08-23";
  mssdoc_reference undated = S_ref(NULL, 0, "someday", "T", "The Hindu");
  const mssdoc_reference *refs[] = {&r, &undated};
  char *out = citeformat_write(refs, 2, "csl");
  json_error_t err;
  json_t *v = json_loads(out, 0, &err);
  assert_non_null(v);
  assert_int_equal(json_array_size(v), 2);
  json_t *it = json_array_get(v, 0);
  assert_string_equal(json_string_value(json_object_get(it, "id")),
                      "faligot2019");
  assert_string_equal(json_string_value(json_object_get(it, "type")), "book");
  assert_string_equal(json_string_value(json_object_get(it, "title")),
                      "Chinese Spies");
  assert_string_equal(json_string_value(json_object_get(it, "page")),
                      "117-118");
  assert_string_equal(json_string_value(json_object_get(it, "ISBN")),
                      "978-1-78738-096-7");
  assert_string_equal(json_string_value(json_object_get(it, "note")),
                      "Archived 2020-08-23");
  json_t *au = json_object_get(it, "author");
  assert_int_equal(json_array_size(au), 4);
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(au, 0), "family")),
      "Faligot");
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(au, 0), "given")),
      "Roger");
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(au, 1), "literal")),
      "Open Source Center");
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(au, 2), "family")),
      "Bishop");
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(au, 3), "literal")),
      "Mei");
  json_t *parts = json_array_get(
      json_object_get(json_object_get(it, "issued"), "date-parts"), 0);
  assert_int_equal(json_array_size(parts), 2);
  assert_int_equal(json_integer_value(json_array_get(parts, 0)), 2019);
  assert_int_equal(json_integer_value(json_array_get(parts, 1)), 6);
  parts = json_array_get(
      json_object_get(json_object_get(it, "accessed"), "date-parts"), 0);
  assert_int_equal(json_array_size(parts), 3);
  assert_int_equal(json_integer_value(json_array_get(parts, 2)), 10);

  it = json_array_get(v, 1);
  assert_string_equal(json_string_value(json_object_get(it, "type")),
                      "article-newspaper");
  assert_string_equal(json_string_value(json_object_get(it, "id")), "hindund");
  assert_string_equal(json_string_value(json_object_get(it, "container-title")),
                      "The Hindu");
  assert_string_equal(
      json_string_value(json_object_get(json_object_get(it, "issued"), "raw")),
      "someday");
  assert_null(json_object_get(it, "author"));
  json_decref(v);
  free(out);

  out = citeformat_write(refs, 0, "csl");
  assert_string_equal(out, "[]\n");
  free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_key_surname),
      cmocka_unit_test(test_key_no_author),
      cmocka_unit_test(test_key_corporate),
      cmocka_unit_test(test_key_duplicates),
      cmocka_unit_test(test_types),
      cmocka_unit_test(test_bibtex_escaping),
      cmocka_unit_test(test_bibtex_shape),
      cmocka_unit_test(test_ris_shape),
      cmocka_unit_test(test_csl),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
