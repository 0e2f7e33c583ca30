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
  /* a name with no Latin letter: "u" and its first code point (the
   * family name, written first), whatever the work */
  S_key_is(&r, "u738b2012");
  r.work = "Radio Free Asia";
  S_key_is(&r, "u738b2012");
  char *kana[] = {"\xe3\x81\x82"}; /* あ */
  r = S_ref(kana, 1, NULL, "T", NULL);
  S_key_is(&r, "u3042nd");
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
  char *out = citeformat_write(refs, 4, "bibtex", NULL);
  assert_non_null(strstr(out, "@misc{mattis2017,\n"));
  assert_non_null(strstr(out, "@misc{mattis2017a,\n"));
  assert_non_null(strstr(out, "@misc{mattis2018,\n"));
  assert_non_null(strstr(out, "@misc{mattis2017b,\n"));
  /* in the order given: the first keeps the bare key */
  assert_true(strstr(out, "mattis2017,") < strstr(out, "mattis2017a,"));
  assert_true(strstr(out, "mattis2017a,") < strstr(out, "mattis2017b,"));
  assert_true(strstr(out, "{Two}") < strstr(out, "{Three}"));
  assert_true(strstr(out, "mattis2017a,") < strstr(out, "{Two}"));
  free(out);
  /* one reference alone keeps its bare key */
  out = citeformat_write(refs + 3, 1, "ris", NULL);
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

  /* BibTeX's types want more than the kind: @book an author, a date and
   * a publisher, @article an author, a date and a journal; else @misc */
  const char *bib[] = {"@book{", "@article{", "@article{", "@misc{"};
  const char *ris[] = {"TY  - BOOK\n", "TY  - JOUR\n", "TY  - NEWS\n",
                       "TY  - ELEC\n"};
  const char *csl[] = {"book", "article-journal", "article-newspaper",
                       "webpage"};
  char *someone[] = {"Doe, Jane"};
  mssdoc_reference kinds[4];
  kinds[0] = S_ref(someone, 1, "2001", "B", NULL);
  kinds[0].isbn = "1";
  kinds[0].publisher = "P";
  kinds[1] = S_ref(someone, 1, "2001", "J", "Journal of Things");
  kinds[1].doi = "10.1/x";
  kinds[2] = S_ref(someone, 1, "2001", "N", "The Times");
  kinds[3] = S_ref(someone, 1, "2001", "W", NULL);
  for (int i = 0; i < 4; i++) {
    const mssdoc_reference *one[] = {&kinds[i]};
    char *out = citeformat_write(one, 1, "bibtex", NULL);
    assert_true(str_starts(out, bib[i]));
    free(out);
    out = citeformat_write(one, 1, "ris", NULL);
    assert_true(str_starts(out, ris[i]));
    free(out);
    out = citeformat_write(one, 1, "csl", NULL);
    json_t *v = json_loads(out, 0, NULL);
    assert_non_null(v);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(v, 0), "type")),
        csl[i]);
    json_decref(v);
    free(out);
  }
  /* without an author, or a date, or a book's publisher: @misc */
  kinds[0].authors.count = 0;
  kinds[1].date = NULL;
  kinds[2].authors.count = 0;
  mssdoc_reference nopub = kinds[3];
  nopub.isbn = "1";
  const mssdoc_reference *misc[] = {&kinds[0], &kinds[1], &kinds[2], &nopub};
  for (int i = 0; i < 4; i++) {
    char *out = citeformat_write(misc + i, 1, "bibtex", NULL);
    assert_true(str_starts(out, "@misc{"));
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
  char *out = citeformat_write(refs, 1, "bibtex", NULL);
  assert_string_equal(
      out, "@book{smith2005,\n"
           "  author    = {Smith \\& Sons, Jo\\_e and {Open Source Center} and "
           "Lee, Ann},\n"
           "  title     = {50\\% of \\$5 \\#1 a\\_b \\textasciitilde{}x"
           "\\textasciicircum{}y \\textbackslash{} \\textbraceleft{}z"
           "\\textbraceright{}},\n"
           "  pages     = {121--143},\n"
           "  publisher = {A\\&B \xe4\xba\xba\xe6\xb0\x91},\n"
           "  date      = {2005-03},\n"
           "  year      = {2005},\n"
           "  month     = mar,\n"
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
  char *out = citeformat_write(refs, 2, "bibtex", NULL);
  assert_string_equal(out, "@article{eftimiades1993,\n"
                           "  author  = {Eftimiades, Nicholas},\n"
                           "  title   = {China's ministry},\n"
                           "  journal = {Intelligence and National Security},\n"
                           "  pages   = {23--43},\n"
                           "  date    = {1993-01},\n"
                           "  year    = {1993},\n"
                           "  month   = jan,\n"
                           "  issn    = {0268-4527},\n"
                           "  doi     = {10.1080/02684529308432189},\n"
                           "  note    = {Permanent dead link}\n"
                           "}\n"
                           "\n"
                           "@comment{[1] \"See:\" names no work (no title, no "
                           "work): no entry}\n");
  free(out);
  out = citeformat_write(refs, 0, "bibtex", NULL);
  assert_string_equal(out, "");
  free(out);
  assert_null(citeformat_write(refs, 1, "endnote", NULL));
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
  char *out = citeformat_write(refs, 2, "ris", NULL);
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
                           "Y2  - 2022/07/22/\n"
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
  char *out = citeformat_write(refs, 2, "csl", NULL);
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

  out = citeformat_write(refs, 0, "csl", NULL);
  assert_string_equal(out, "[]\n");
  free(out);
}

/* --- the fields of issue 13 ------------------------------------------ */

/* A journal article with every new field, in each format. */
static void test_new_fields(void **state) {
  (void)state;
  char *authors[] = {"Shambaugh, David"};
  char *editors[] = {"Macfie, Nick"};
  char *ids[] = {"s2cid", "154801635", "jstor", "4618770"};
  mssdoc_reference r =
      S_ref(authors, 1, "2002-09-15", "Think Tanks", "The China Quarterly");
  r.editors.items = editors;
  r.editors.count = r.editors.cap = 1;
  r.ids.items = ids;
  r.ids.count = r.ids.cap = 4;
  r.volume = "171";
  r.issue = "3";
  r.pages = "575\u2013596";
  r.language = "English";
  r.place = "London";
  r.issn = "0305-7410";
  const mssdoc_reference *refs[] = {&r};
  char *out = citeformat_write(refs, 1, "bibtex", NULL);
  assert_string_equal(out, "@article{shambaugh2002,\n"
                           "  author     = {Shambaugh, David},\n"
                           "  editor     = {Macfie, Nick},\n"
                           "  title      = {Think Tanks},\n"
                           "  journal    = {The China Quarterly},\n"
                           "  volume     = {171},\n"
                           "  number     = {3},\n"
                           "  pages      = {575--596},\n"
                           "  date       = {2002-09-15},\n"
                           "  year       = {2002},\n"
                           "  month      = sep,\n"
                           "  language   = {English},\n"
                           "  issn       = {0305-7410},\n"
                           "  eprinttype = {jstor},\n"
                           "  eprint     = {4618770},\n"
                           "  note       = {London; S2CID 154801635}\n"
                           "}\n");
  free(out);
  out = citeformat_write(refs, 1, "ris", NULL);
  assert_string_equal(out, "TY  - JOUR\n"
                           "ID  - shambaugh2002\n"
                           "AU  - Shambaugh, David\n"
                           "ED  - Macfie, Nick\n"
                           "TI  - Think Tanks\n"
                           "JO  - The China Quarterly\n"
                           "VL  - 171\n"
                           "IS  - 3\n"
                           "PY  - 2002\n"
                           "DA  - 2002/09/15/\n"
                           "CY  - London\n"
                           "SP  - 575\n"
                           "EP  - 596\n"
                           "SN  - 0305-7410\n"
                           "LA  - English\n"
                           "N1  - S2CID 154801635; JSTOR 4618770\n"
                           "ER  - \n");
  free(out);
  out = citeformat_write(refs, 1, "csl", NULL);
  json_t *v = json_loads(out, 0, NULL);
  assert_non_null(v);
  json_t *it = json_array_get(v, 0);
  assert_string_equal(json_string_value(json_object_get(it, "volume")), "171");
  assert_string_equal(json_string_value(json_object_get(it, "issue")), "3");
  assert_string_equal(json_string_value(json_object_get(it, "publisher-place")),
                      "London");
  assert_string_equal(json_string_value(json_object_get(it, "language")),
                      "English");
  assert_string_equal(
      json_string_value(json_object_get(
          json_array_get(json_object_get(it, "editor"), 0), "family")),
      "Macfie");
  json_t *custom = json_object_get(it, "custom");
  assert_string_equal(json_string_value(json_object_get(custom, "JSTOR")),
                      "4618770");
  assert_string_equal(json_string_value(json_object_get(custom, "S2CID")),
                      "154801635");
  json_t *parts = json_array_get(
      json_object_get(json_object_get(it, "issued"), "date-parts"), 0);
  assert_int_equal(json_array_size(parts), 3);
  assert_int_equal(json_integer_value(json_array_get(parts, 2)), 15);
  json_decref(v);
  free(out);

  /* @misc has no field for volume, pages, ISSN or publisher: the note */
  r.work = "Some Site";
  r.date = NULL;
  r.editors.count = 0;
  r.ids.count = 0;
  r.place = NULL;
  r.language = NULL;
  r.publisher = "Pub";
  out = citeformat_write(refs, 1, "bibtex", NULL);
  assert_string_equal(out, "@misc{shamba"
                           "ughnd,\n"
                           "  author       = {Shambaugh, David},\n"
                           "  title        = {Think Tanks},\n"
                           "  howpublished = {Some Site},\n"
                           "  date         = {XXXX},\n"
                           "  note         = {vol. 171, no. 3; pp. "
                           "575\u2013596; Pub; ISSN 0305-7410}\n"
                           "}\n");
  free(out);
}

/* A short citation: written as the reference it abbreviates, with its
 * own pages, unless that reference is in the same output. */
static void test_short_citation(void **state) {
  (void)state;
  mssdoc_records *rs = mssdoc_records_new();
  char *faligot[] = {"Faligot, Roger"};
  char *mei[] = {"Faligot"};
  mssdoc_reference *full = LIST_PUSH(rs->references);
  *full = S_ref(faligot, 1, "2019-06", "Chinese Spies", NULL);
  full->number = 5;
  full->publisher = "Hurst";
  full->pages = "117\u2013118";
  mssdoc_reference *sh = LIST_PUSH(rs->references);
  *sh = S_ref(mei, 1, NULL, NULL, NULL);
  sh->number = 22;
  sh->text = "Faligot p. 78";
  sh->pages = "78";
  sh->short_for = 5;
  const mssdoc_reference *alone[] = {&rs->references.items[1]};
  char *out = citeformat_write(alone, 1, "bibtex", rs);
  assert_string_equal(out, "@book{faligot2019,\n"
                           "  author    = {Faligot, Roger},\n"
                           "  title     = {Chinese Spies},\n"
                           "  pages     = {78},\n"
                           "  publisher = {Hurst},\n"
                           "  date      = {2019-06},\n"
                           "  year      = {2019},\n"
                           "  month     = jun\n"
                           "}\n");
  free(out);
  out = citeformat_write(alone, 1, "ris", rs);
  assert_non_null(strstr(out, "ID  - faligot2019\nAU  - Faligot, Roger\n"));
  assert_non_null(strstr(out, "SP  - 78\n"));
  free(out);
  const mssdoc_reference *both[] = {&rs->references.items[0],
                                    &rs->references.items[1]};
  out = citeformat_write(both, 2, "bibtex", rs);
  assert_non_null(strstr(out, "  pages     = {117--118},\n"));
  assert_null(strstr(out, "{78}"));
  assert_non_null(strstr(out, "\n@comment{[22] \"Faligot p. 78\" is a short "
                              "citation of [5], which this output has"));
  assert_int_equal(1, out[0] == '@');
  free(out);
  out = citeformat_write(both, 2, "csl", rs);
  json_t *v = json_loads(out, 0, NULL);
  assert_int_equal(json_array_size(v), 1);
  json_decref(v);
  free(out);
  out = citeformat_write(both, 2, "ris", rs);
  assert_non_null(strstr(out, "ER  - \n"));
  assert_null(strstr(out, "ER  - \n\n"));
  free(out);
  /* the record set owns no strings here: only the list itself */
  free(rs->references.items);
  rs->references.items = NULL;
  rs->references.count = 0;
  mssdoc_records_free(rs);
}

/* Titles: only what must keep its case is braced; quotes are LaTeX's. */
static void test_titles(void **state) {
  (void)state;
  mssdoc_records *rs = mssdoc_records_new();
  mssdoc_paragraph *p = LIST_PUSH(rs->paragraphs);
  p->text = "He said that the Ministry of State Security and Xi Jinping met "
            "in Kabul; the ministry was state-run.";
  struct {
    const char *title, *want;
  } cases[] = {
      /* sentence case: capitalised words are proper nouns */
      {"Is Trump's 'Art of the Deal' any match for Xi Jinping's long game?",
       "Is {Trump's} `{Art} of the {Deal}' any match for {Xi} {Jinping's} "
       "long game?"},
      /* after ":" a capital starts a subtitle */
      {"China's ministry: Coming of age", "China's ministry: Coming of age"},
      /* acronyms, inner capitals, capital and digit, an initial */
      {"CISA: Chinese state hackers exploit F5 in the U.S. and CounterIntel",
       "{CISA}: Chinese state hackers exploit {F5} in the {U.S}. and "
       "{CounterIntel}"},
      {"The Role of Michael D. Swaine", "The Role of Michael {D}. Swaine"},
      /* title case: the article's proper nouns and names only */
      {"Everything We Know about Kabul's Secretive Ministry of State "
       "Security",
       "Everything We Know about {Kabul's} Secretive {Ministry} of {State} "
       "{Security}"},
      {"The Ministry Is State Run", "The Ministry Is State Run"},
      /* double quotes */
      {"MSS goes with \"People's Leader\"",
       "{MSS} goes with ``{People's} {Leader}''"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    mssdoc_reference r = S_ref(NULL, 0, "2001", (char *)cases[i].title, NULL);
    const mssdoc_reference *one[] = {&r};
    char *out = citeformat_write(one, 1, "bibtex", rs);
    char *want = xasprintf("  title = {%s},\n", cases[i].want);
    if (!strstr(out, want))
      fail_msg("%s\n%s", want, out);
    free(want);
    free(out);
  }
  /* CSL-JSON: typographic quotes, no braces */
  mssdoc_reference r =
      S_ref(NULL, 0, "2019", "'Mr. Robot' Villain's \"Day\"", NULL);
  const mssdoc_reference *one[] = {&r};
  char *out = citeformat_write(one, 1, "csl", rs);
  json_t *v = json_loads(out, 0, NULL);
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(v, 0), "title")),
      "\u2018Mr. Robot\u2019 Villain\u2019s \u201cDay\u201d");
  json_decref(v);
  free(out);
  /* no author: a key for classic BibTeX's sort, without the article */
  out = citeformat_write(one, 1, "bibtex", NULL);
  assert_non_null(strstr(out, "  key   = {Mr. Robot' Villain's \"Day\"}\n"));
  free(out);
  p->text = NULL;
  mssdoc_records_free(rs);
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
      cmocka_unit_test(test_new_fields),
      cmocka_unit_test(test_short_citation),
      cmocka_unit_test(test_titles),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
