/* test_dates.c: date expressions, table cells, EDTF years, title periods
 * and sentence splitting (src/dates.c). */
/* clang-format off */
/* cmocka needs these first, in this order */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "mssdoc/mssdoc.h"
#include "util.h"

/* The first date in text must be edtf/qual and cover exactly `span`. */
static void S_find(const char *text, const char *edtf, const char *qual,
                   const char *span) {
  date_match m;
  memset(&m, 0, sizeof m);
  if (!dates_find(text, 0, &m))
    fail_msg("no date found in \"%s\"", text);
  assert_string_equal(m.edtf, edtf);
  assert_string_equal(m.qualifier, qual);
  assert_true(m.start < m.end);
  assert_true(m.end <= strlen(text));
  if (span) {
    char got[256];
    size_t n = m.end - m.start;
    assert_true(n < sizeof got);
    memcpy(got, text + m.start, n);
    got[n] = '\0';
    assert_string_equal(got, span);
  }
}

/* The first date in text is not one as written: it covers `span`, keeps
 * edtf of it and says `problem`. */
static void S_bad(const char *text, const char *edtf, const char *span,
                  const char *problem) {
  date_match m;
  memset(&m, 0, sizeof m);
  if (!dates_find(text, 0, &m))
    fail_msg("no date found in \"%s\"", text);
  assert_string_equal(m.edtf, edtf);
  assert_string_equal(m.problem, problem);
  assert_true(m.end - m.start == strlen(span));
  assert_memory_equal(text + m.start, span, strlen(span));
}

static void S_none(const char *text) {
  date_match m;
  if (dates_find(text, 0, &m))
    fail_msg("unexpected date %s (\"%.*s\") in \"%s\"", m.edtf,
             (int)(m.end - m.start), text + m.start, text);
}

static void test_full_dates(void **state) {
  (void)state;
  S_find("On 9 February 1962, Li Kenong died", "1962-02-09", "",
         "9 February 1962");
  S_find("On May 28, 2021, a federal grand jury", "2021-05-28", "",
         "May 28, 2021");
  S_find("Eftimiades, Nicholas (2017-07-28). Chinese", "2017-07-28", "",
         "2017-07-28");
  S_find("officially reestablished on 28 July 1978.", "1978-07-28", "",
         "28 July 1978");
  S_find("on May 28th, 2021 the", "2021-05-28", "", "May 28th, 2021");
  S_find("Retrieved 29 February 2020.", "2020-02-29", "", NULL);
  S_find("(Jun 9, 2020)", "2020-06-09", "", "Jun 9, 2020");
  S_find("Formed1 July 1983; 39 years ago (1983-07-01)", "1983-07", "",
         "July 1983");
}

static void test_month_year(void **state) {
  (void)state;
  S_find("In November 1928, the CCP established", "1928-11", "",
         "November 1928");
  S_find("During January 2017, the FBI arrested", "2017-01", "",
         "January 2017");
  S_find("In March 2009 former MSS operative", "2009-03", "", "March 2009");
  S_find("In May 2022, the U.S. Department", "2022-05", "", "May 2022");
  S_find("in Sept. 2001 and", "2001-09", "", "Sept. 2001");
  S_find("(September 2020)", "2020-09", "", NULL);
}

static void test_bare_years(void **state) {
  (void)state;
  S_find("In 1936, the CCP established", "1936", "", "1936");
  S_find("a native of Beijing and a 1964 graduate of Tsinghua", "1964", "",
         "1964");
  S_find("Tomorrow Never Dies (1997), Wai Lin", "1997", "", "1997");
  S_find("The Machine (2013), an MSS agent", "2013", "", "2013");
  S_find("his ouster and conviction for corruption in 2014.", "2014", "",
         "2014");
  S_find("Known by 1944 as the \"party hangman\"", "1944", "", "1944");
  S_find("The National Intelligence Law of 2017 grants", "2017", "", NULL);
  S_find("Since 1983, agency heads carry", "1983", "", NULL);
  S_find("It wasn't until 1938 when", "1938", "", NULL);
  S_find("in the year 1000.", "1000", "", NULL);
  S_find("in 2099.", "2099", "", NULL);
  S_find("the CID since 1973 and", "1973", "", NULL);
  S_find("Is Trump's match? (1983's best)", "1983", "", NULL);
}

static void test_decades(void **state) {
  (void)state;
  S_find("In the 1950s, nearly every", "195X", "", "1950s");
  S_find("in the Chinese economy in the early 1980s (leading", "198X", "early",
         "early 1980s");
  S_find("player since the 1940s, was", "194X", "", "1940s");
  S_find("power in the late 1970s, he", "197X", "late", "late 1970s");
  S_find("by the mid-2010s the", "201X", "mid", "mid-2010s");
  S_find("in the 1990's", "199X", "", "1990's");
  S_find("early in the 1960s", "196X", "early", "early in the 1960s");
}

/* Days a month lacks: the expression is found whole, dated by its month,
 * and says why (it was lost, or read as its month silently). */
static void test_impossible_days(void **state) {
  (void)state;
  S_bad("On February 30, 2019, the MSS", "2019-02", "February 30, 2019",
        "February 2019 has 28 days");
  S_bad("On 31 April 2010 he left", "2010-04", "31 April 2010",
        "April 2010 has 30 days");
  S_bad("On 29 February 2019 he left", "2019-02", "29 February 2019",
        "February 2019 has 28 days");
  S_bad("Retrieved 2019-02-29.", "2019-02", "2019-02-29",
        "February 2019 has 28 days");
  S_bad("on 31st June 1999 and", "1999-06", "31st June 1999",
        "June 1999 has 30 days");
  S_bad("from 1 May 2019 to 31 September 2019", "2019-05-01/2019-09",
        "from 1 May 2019 to 31 September 2019", "September 2019 has 30 days");
  S_bad("On 30 February 2000 (a leap year)", "2000-02", "30 February 2000",
        "February 2000 has 29 days");
  /* leap days that exist */
  S_find("On 29 February 2000 he", "2000-02-29", "", "29 February 2000");
  S_find("On February 29, 2016, he", "2016-02-29", "", "February 29, 2016");
  S_find("On 30 April 2010 he", "2010-04-30", "", "30 April 2010");
  /* no date in a cell */
  char edtf[32];
  assert_int_equal(dates_parse_cell("30 February 2019", edtf), 0);
  assert_int_equal(dates_parse_cell("31 April 2010", edtf), 0);
  assert_int_equal(dates_parse_cell("29 February 2020", edtf), 1);
  assert_string_equal(edtf, "2020-02-29");
}

/* Spans that end before they start are found and kept by their start. */
static void test_reversed_spans(void **state) {
  (void)state;
  S_bad("In 2019\xE2\x80\x93"
        "2018, the MSS",
        "2019",
        "2019\xE2\x80\x93"
        "2018",
        "it ends before it starts");
  S_bad("In 2019-2018 the", "2019", "2019-2018", "it ends before it starts");
  S_bad("From 2019 to 2018, he", "2019", "From 2019 to 2018",
        "it ends before it starts");
  S_bad("from 2012 to 1999", "2012", "from 2012 to 1999",
        "it ends before it starts");
  S_bad("between 2012 and 1999 it", "2012", "between 2012 and 1999",
        "it ends before it starts");
  S_bad("from June 1985 to March 1985.", "1985-06",
        "from June 1985 to March 1985", "it ends before it starts");
  S_bad("Ministers (1999\xE2\x80\x93"
        "1983) were",
        "1999",
        "1999\xE2\x80\x93"
        "1983",
        "it ends before it starts");
  S_bad("in the 2000s\xE2\x80\x93"
        "1990s it",
        "200X",
        "2000s\xE2\x80\x93"
        "1990s",
        "it ends before it starts");
  /* without context a reversed pair of numbers is not a date */
  S_none("1999-5000 and 2012-1999 and codes 2019\xE2\x80\x93"
         "2018 here");
  S_none("in 2019\xE2\x80\x93"
         "2018 soldiers");
}

/* Decade spans keep both ends. */
static void test_decade_spans(void **state) {
  (void)state;
  S_find("in the 1990s\xE2\x80\x93"
         "2000s, the MSS",
         "199X/200X", "",
         "1990s\xE2\x80\x93"
         "2000s");
  S_find("the 1990s-2000s boom", "199X/200X", "", "1990s-2000s");
  S_find("during the 1960s\xE2\x80\x93"
         "70s it",
         "196X/197X", "",
         "1960s\xE2\x80\x93"
         "70s");
  S_find("the late 1990s \xE2\x80\x93 2005 era", "199X/2005", "late",
         "late 1990s \xE2\x80\x93 2005");
  S_find("the 1990s\xE2\x80\x93present", "199X/..", "",
         "1990s\xE2\x80\x93present");
  S_find("in the 1990s-era phones", "199X", "", "1990s");
  S_find("in the 1990s - 5 of them", "199X", "", "1990s");
  int first, last;
  assert_int_equal(dates_edtf_years("199X/200X", &first, &last), 1);
  assert_int_equal(first, 1990);
  assert_int_equal(last, 2009);
}

static void test_spans(void **state) {
  (void)state;
  S_find("From 1942 to 1944, as the Social Affairs", "1942/1944", "",
         "From 1942 to 1944");
  S_find("organization from 1955 to 1983, the MSS's", "1955/1983", "",
         "from 1955 to 1983");
  S_find("in Beijing between 2009 and 2012. In", "2009/2012", "",
         "between 2009 and 2012");
  S_find("Department (1939-1945) played", "1939/1945", "", "1939-1945");
  S_find("Central Special Branch (1928\xE2\x80\x93"
         "1936)",
         "1928/1936", "",
         "1928\xE2\x80\x93"
         "1936");
  S_find("served from 1985 until March 1998, when", "1985/1998-03", "",
         "from 1985 until March 1998");
  S_find("research from 2012 to 2018, on behalf", "2012/2018", "", NULL);
  S_find("the war of 1975\xE2\x80\x93"
         "79 was",
         "1975/1979", "", NULL);
  S_find("from 1983 to the present", "1983/..", "", "from 1983 to the present");
  S_find("Ministers (1983\xE2\x80\x93present)", "1983/..", "", NULL);
  S_find("from June 1983 to September 1985.", "1983-06/1985-09", "", NULL);
  S_find("from 1939 \xE2\x80\x93 1945", "1939/1945", "", NULL);
  /* not spans: there is no date after (an end before the start: see
   * test_reversed_spans) */
  S_find("from 1936 onwards", "1936", "", "1936");
  S_find("between 1936 and the war", "1936", "", "1936");
  S_find("in 1949 to his death in 1962.", "1949", "", "1949");
}

static void test_qualifiers(void **state) {
  (void)state;
  S_find("In late April 2021, the Ministry", "2021-04", "late",
         "late April 2021");
  S_find("Early in 1996, Mao Zedong", "1996", "early", "Early in 1996");
  S_find("Kampuchea by Wang Dongxing in early November 1978, he", "1978-11",
         "early", "early November 1978");
  S_find("in mid-April 2021", "2021-04", "mid", "mid-April 2021");
  S_find("built circa 1950 in", "1950", "circa", "circa 1950");
  S_find("built c. 1950 in", "1950", "circa", "c. 1950");
  S_find("built c.1950 in", "1950", "circa", "c.1950");
  S_find("built ca. 1950", "1950", "circa", "ca. 1950");
  S_find("late in 1996", "1996", "late", "late in 1996");
  S_find("from early 1942 to 1944", "1942/1944", "early",
         "from early 1942 to 1944");
  S_find("in early 1996.", "1996", "early", "early 1996");
}

static void test_fiscal_year(void **state) {
  (void)state;
  S_find("Annual budgetCN\xC2\xA5"
         "56 billion (FY2018)[1]",
         "2018", "", "FY2018");
  S_find("the FY 2019 budget", "2019", "", "FY 2019");
}

static void test_negatives(void **state) {
  (void)state;
  S_none("the FBI has estimated that 3,000 companies in the United States");
  S_none("there were an estimated 250 MSS spies operating in Brussels.");
  S_none("perhaps only 10 percent of the comrades accused were spies");
  S_none("Convinced that at least 30 percent of his organization");
  S_none("the China-India border clash was 11x higher than the count");
  S_none("after 13 years as head of the MSS.");
  S_none("(Special Unit 8341 under Wang Dongxing)");
  S_none("Special Unit 1999 under Wang");
  S_none("the official address of No.14 Dong Chang'an Jie");
  S_none("additional Bureaus up to No. 17 have been identified");
  S_none("the No. 2000 Bureau");
  S_none("No.2001 Bureau");
  S_none("Oxford University Press. p. 74. ISBN 978-1-78738-096-7.");
  S_none("Oxford University Press. pp. 117\xE2\x80\x93"
         "118.");
  S_none("Vol. 12, No. 1, pp.121\xE2\x80\x93"
         "143.");
  S_none("see p. 1999 and pp. 1999-2001 and pages 1939-1945");
  S_none("ISBN 978-0-8108-7370-4. OCLC 1066049358.");
  S_none("ISBN 978-1-2000-1999-3 and ISBN 9781938409226");
  S_none("ISSN 1556-5068. S2CID 200282115. SSRN 3415726.");
  S_none("doi:10.1080/02684529308432189 and doi:10.2139/ssrn.3415726");
  S_none("the 1st Bureau, the 2nd Bureau and the 12th Bureau");
  S_none("at 10:30 and at 1930 hours, in 2000 soldiers");
  S_none("in March by throwing himself; issuing in September the directive");
  S_none("Although they may be practical in terms of techniques");
  S_none("May be; may 2020 people");
  S_none("by 2000 troops; of 1999 men; a 2000-page report");
  S_none("between 2000 and 3000 soldiers");
  S_none("from 1500 to 3000 troops");
  S_none("from 1000 to 2000 soldiers");
  S_none("abc1999def x1999 1999x 19999 12019 20190");
  S_none("in 1999.5 and in 1999,5 and in 1999/2000 and in 1999:30");
  S_none("in 2000% and $2000 and #2000 and 2000\xC2\xB0");
  S_none("a citation [1999] marker");
  S_none("in pre-1949 China");
  S_none("S-21 interrogation, COVID-19, APT10, APT3, Cono 7Q, 39\xC2\xB0"
         "59\xE2\x80\xB2"
         "32\xE2\x80\xB3N");
  S_none("in 0999 and in 2100 and in 999");
  S_none("2017-13-45 and 2017-02-32 and 2017-07");
  S_none("1999-5000 and 2012-1999 and 1999-2000-2001");
  S_none("9 February and May 28 and 31 Foo 2000");
  S_none("In 1999 per capita");
  S_none("1936 was a year.");
  S_none("");
}

static void test_from_offset(void **state) {
  (void)state;
  const char *t = "from 1955 to 1983, and in 2012, and since the 1940s.";
  date_match m;
  const char *want[] = {"1955/1983", "2012", "194X"};
  size_t at = 0, n = 0;
  while (dates_find(t, at, &m)) {
    assert_true(n < 3);
    assert_string_equal(m.edtf, want[n]);
    assert_true(m.start >= at);
    at = m.end;
    n++;
  }
  assert_int_equal(n, 3);
  /* a qualifier or opener before `from` is not part of the match */
  assert_true(dates_find("Early in 1996", 6, &m));
  assert_string_equal(m.edtf, "1996");
  assert_string_equal(m.qualifier, "");
  assert_int_equal(m.start, 9);
  assert_false(dates_find("in 1999", 7, &m));
  assert_false(dates_find("in 1999", 4, &m)); /* inside the digit run */
}

static void test_cells(void **state) {
  (void)state;
  char e[32];
  assert_int_equal(dates_parse_cell("1949", e), 1);
  assert_string_equal(e, "1949");
  assert_int_equal(dates_parse_cell("June 1983", e), 1);
  assert_string_equal(e, "1983-06");
  assert_int_equal(dates_parse_cell("September 1985", e), 1);
  assert_string_equal(e, "1985-09");
  assert_int_equal(dates_parse_cell("9 February 1962", e), 1);
  assert_string_equal(e, "1962-02-09");
  assert_int_equal(dates_parse_cell("  August 2007 ", e), 1);
  assert_string_equal(e, "2007-08");
  assert_int_equal(dates_parse_cell("1983[5]", e), 1);
  assert_string_equal(e, "1983");
  assert_int_equal(dates_parse_cell("2017-07-28", e), 1);
  assert_string_equal(e, "2017-07-28");
  assert_int_equal(dates_parse_cell("May 28, 2021", e), 1);
  assert_string_equal(e, "2021-05-28");
  assert_int_equal(dates_parse_cell("Incumbent", e), 2);
  assert_string_equal(e, "");
  assert_int_equal(dates_parse_cell("present", e), 2);
  assert_int_equal(dates_parse_cell(" Incumbent[3] ", e), 2);
  assert_int_equal(dates_parse_cell("Kang Sheng", e), 0);
  assert_int_equal(dates_parse_cell("", e), 0);
  assert_int_equal(dates_parse_cell("   ", e), 0);
  assert_int_equal(dates_parse_cell("83", e), 0);
  assert_int_equal(dates_parse_cell("1983 foo", e), 0);
  assert_int_equal(dates_parse_cell("8341", e), 0);
  assert_int_equal(dates_parse_cell("June", e), 0);
  assert_int_equal(dates_parse_cell("[5]", e), 0);
  assert_int_equal(dates_parse_cell("1983[", e), 0);
}

static void test_edtf_years(void **state) {
  (void)state;
  int a = 0, b = 0;
  assert_int_equal(dates_edtf_years("1983", &a, &b), 1);
  assert_int_equal(a, 1983);
  assert_int_equal(b, 1983);
  assert_int_equal(dates_edtf_years("195X", &a, &b), 1);
  assert_int_equal(a, 1950);
  assert_int_equal(b, 1959);
  assert_int_equal(dates_edtf_years("1942/1944", &a, &b), 1);
  assert_int_equal(a, 1942);
  assert_int_equal(b, 1944);
  assert_int_equal(dates_edtf_years("1983-06", &a, &b), 1);
  assert_int_equal(a, 1983);
  assert_int_equal(b, 1983);
  assert_int_equal(dates_edtf_years("1983-07-01", &a, &b), 1);
  assert_int_equal(a, 1983);
  assert_int_equal(dates_edtf_years("1985/1998-03", &a, &b), 1);
  assert_int_equal(a, 1985);
  assert_int_equal(b, 1998);
  /* a year to the decade it falls in, as dates_find writes "1954-1950s"
   * (a fuzzer found the two disagreeing) */
  assert_int_equal(dates_edtf_years("1954/195X", &a, &b), 1);
  assert_int_equal(a, 1954);
  assert_int_equal(b, 1959);
  date_match m;
  assert_int_equal(dates_find("the 1954-1950s", 0, &m), 1);
  assert_int_equal(dates_edtf_years(m.edtf, &a, &b), 1);
  assert_int_equal(dates_edtf_years("1983/..", &a, &b), 1);
  assert_int_equal(a, 1983);
  assert_int_equal(b, 9999);
  const char *bad[] = {"",        "abc",       "19",         "1983-13",
                       "1983-6",  "1944/1942", "1983/",      "1983x",
                       "19X",     "1983-06-",  "1983-06-32", "1983//1984",
                       "1983-00", "../1983",   "1983/..x",   "1961/195X"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    if (dates_edtf_years(bad[i], &a, &b))
      fail_msg("\"%s\" read as EDTF", bad[i]);
}

/* The pattern records.rng gave the dates before the check moved to C. */
static const char EDTF_RE[] =
    "^[0-9]{3}[0-9X](-[0-9]{2}(-[0-9]{2})?)?"
    "(/([0-9]{3}[0-9X](-[0-9]{2}(-[0-9]{2})?)?|\\.\\.))?$";

/* dates_edtf_valid takes exactly what the old schema pattern took: the
 * examples, and 200,000 random strings over its alphabet judged by POSIX
 * regexec. */
static void test_edtf_valid(void **state) {
  (void)state;
  const char *good[] = {
      "1983",    "195X",      "1983-06",    "1983-07-01",      "1942/1944",
      "1983/..", "199X/200X", "2021-99-99", "999X/0000-00-00", "1985/1998-03"};
  const char *bad[] = {"",        "198",      "1983-6",      "1983-06-",
                       "1983/",   "1983x",    "19X3",        "1983//1984",
                       "../1983", "1983/..x", "1983-06-011", " 1983",
                       "1983 ",   "X983",     "1983/...",    "1983-06/..-"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++)
    if (!dates_edtf_valid(good[i]))
      fail_msg("\"%s\" refused", good[i]);
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    if (dates_edtf_valid(bad[i]))
      fail_msg("\"%s\" taken", bad[i]);
  assert_false(dates_edtf_valid(NULL));
  regex_t re;
  assert_int_equal(regcomp(&re, EDTF_RE, REG_EXTENDED | REG_NOSUB), 0);
  static const char alphabet[] = "0123456789X-/.";
  unsigned seed = 12345;
  char s[24];
  for (int k = 0; k < 200000; k++) {
    seed = seed * 1103515245u + 12345u;
    size_t n = 3 + (seed >> 16) % 18;
    for (size_t i = 0; i < n; i++) {
      seed = seed * 1103515245u + 12345u;
      /* digits four times as often, so that whole dates come up */
      unsigned r = (seed >> 16) % 54;
      s[i] = r < 40 ? (char)('0' + r % 10) : alphabet[10 + (r - 40) % 4];
    }
    s[n] = '\0';
    int want = regexec(&re, s, 0, NULL, 0) == 0;
    if (dates_edtf_valid(s) != want)
      fail_msg("\"%s\": dates_edtf_valid %d, the pattern %d", s, !want, want);
  }
  regfree(&re);
}

/* mssdoc_xml_validate refuses a date that is not EDTF, saying where. */
static void test_validate_dates(void **state) {
  (void)state;
  const char *doc = "<timeline><event date=\"%s\" section=\"s\" "
                    "line=\"3\">x</event></timeline>";
  char xml[256], *err = NULL;
  snprintf(xml, sizeof xml, doc, "1983-01");
  assert_int_equal(mssdoc_xml_validate(xml, strlen(xml), &err), 1);
  snprintf(xml, sizeof xml, doc, "1983-1");
  assert_int_equal(mssdoc_xml_validate(xml, strlen(xml), &err), 0);
  assert_non_null(err);
  assert_non_null(strstr(err, "line 1: date=\"1983-1\" is not an EDTF date"));
  free(err);
}

static void test_title_period(void **state) {
  (void)state;
  int a = 0, b = 0;
  assert_int_equal(
      dates_title_period(
          "Ministers of State Security (1983\xE2\x80\x93present)", &a, &b),
      1);
  assert_int_equal(a, 1983);
  assert_int_equal(b, 9999);
  assert_int_equal(dates_title_period("Central Special Branch (1928\xE2\x80\x93"
                                      "1936)",
                                      &a, &b),
                   1);
  assert_int_equal(a, 1928);
  assert_int_equal(b, 1936);
  assert_int_equal(dates_title_period("Directors of the Central Department of "
                                      "Social Affairs (1939-1949)",
                                      &a, &b),
                   1);
  assert_int_equal(a, 1939);
  assert_int_equal(b, 1949);
  assert_int_equal(dates_title_period("Foo (1939 - 1945)  ", &a, &b), 1);
  assert_int_equal(dates_title_period("Foo (1983-present)", &a, &b), 1);
  assert_int_equal(b, 9999);
  assert_int_equal(dates_title_period("Tomorrow Never Dies (1997)", &a, &b), 1);
  assert_int_equal(a, 1997);
  assert_int_equal(b, 1997);
  assert_int_equal(dates_title_period("Foo (1939\xE2\x80\x93"
                                      "45)",
                                      &a, &b),
                   1);
  assert_int_equal(b, 1945);
  assert_int_equal(dates_title_period("Agency heads", &a, &b), 0);
  assert_int_equal(dates_title_period("Foo (1939-1945) bar", &a, &b), 0);
  assert_int_equal(dates_title_period("Foo (1945-1939)", &a, &b), 0);
  assert_int_equal(dates_title_period("Foo (abc)", &a, &b), 0);
  assert_int_equal(dates_title_period("Foo (1939-", &a, &b), 0);
  assert_int_equal(dates_title_period("Foo (1939-presently)", &a, &b), 0);
  assert_int_equal(dates_title_period("(", &a, &b), 0);
  assert_int_equal(dates_title_period("", &a, &b), 0);
}

/* Splits text and compares the sentences with want (NULL-terminated). */
static void S_split(const char *text, const char *const *want) {
  size_t(*sp)[2] = NULL;
  size_t n = sentences_split(text, &sp), k = 0, prev = 0;
  for (; want[k]; k++) {
    if (k >= n)
      fail_msg("only %zu sentences in \"%s\"", n, text);
    assert_true(sp[k][0] >= prev);
    assert_true(sp[k][0] < sp[k][1]);
    prev = sp[k][1];
    size_t len = sp[k][1] - sp[k][0];
    if (strlen(want[k]) != len || memcmp(want[k], text + sp[k][0], len))
      fail_msg("sentence %zu is \"%.*s\", want \"%s\"", k, (int)len,
               text + sp[k][0], want[k]);
  }
  if (n != k)
    fail_msg("%zu sentences in \"%s\", want %zu", n, text, k);
  free(sp);
}

static void test_sentences_basic(void **state) {
  (void)state;
  S_split("First one. Second one.",
          (const char *[]){"First one.", "Second one.", NULL});
  S_split("Why? Because! Yes.",
          (const char *[]){"Why?", "Because!", "Yes.", NULL});
  S_split("  One.   Two.  ", (const char *[]){"One.", "Two.", NULL});
  S_split("no terminator here", (const char *[]){"no terminator here", NULL});
  S_split("It grew 2.5 times. Then 3.25 more.",
          (const char *[]){"It grew 2.5 times.", "Then 3.25 more.", NULL});
  S_split("other problems... A thorough study.",
          (const char *[]){"other problems...", "A thorough study.", NULL});
  S_split("the 1st ed. was printed. In 1999 it was not.",
          (const char *[]){"the 1st ed. was printed.", "In 1999 it was not.",
                           NULL});
  S_split("He left. 250 spies stayed.",
          (const char *[]){"He left.", "250 spies stayed.", NULL});
  S_split("the end.Next", (const char *[]){"the end.Next", NULL});
  S_split("", (const char *[]){NULL});
  S_split("   \t ", (const char *[]){NULL});
  S_split(".", (const char *[]){".", NULL});
}

static void test_sentences_markers(void **state) {
  (void)state;
  S_split("with the courts.[9][better source needed] The National "
          "Intelligence Law of 2017 grants powers.[10]",
          (const char *[]){"with the courts.[9][better source needed]",
                           "The National Intelligence Law of 2017 grants "
                           "powers.[10]",
                           NULL});
  S_split("of the MPS.[6][7][5] The network.",
          (const char *[]){"of the MPS.[6][7][5]", "The network.", NULL});
  S_split("in Beijing[2][3] with branches. Next.",
          (const char *[]){"in Beijing[2][3] with branches.", "Next.", NULL});
  S_split("is disputed.[citation needed]",
          (const char *[]){"is disputed.[citation needed]", NULL});
  S_split("an [unclosed. Next one.",
          (const char *[]){"an [unclosed.", "Next one.", NULL});
}

static void test_sentences_quotes(void **state) {
  (void)state;
  S_split(
      "and vice versa.\" Convinced that he was.",
      (const char *[]){"and vice versa.\"", "Convinced that he was.", NULL});
  S_split(
      "revolutionary teachers.\"[5] Despite this.",
      (const char *[]){"revolutionary teachers.\"[5]", "Despite this.", NULL});
  S_split("the rule of law.\"[13]",
          (const char *[]){"the rule of law.\"[13]", NULL});
  S_split("he said \xE2\x80\x9Cno.\xE2\x80\x9D Then left.",
          (const char *[]){"he said \xE2\x80\x9Cno.\xE2\x80\x9D", "Then left.",
                           NULL});
  S_split("\"Oh no, Xi didn't!\" he said. Then.",
          (const char *[]){"\"Oh no, Xi didn't!\" he said.", "Then.", NULL});
  S_split("(See below.) Next.",
          (const char *[]){"(See below.)", "Next.", NULL});
}

static void test_sentences_abbrevs(void **state) {
  (void)state;
  S_split("A document from the U.S. Department of Justice described it. "
          "Next.",
          (const char *[]){"A document from the U.S. Department of Justice "
                           "described it.",
                           "Next.", NULL});
  S_split("In the television series Mr. Robot (2015), a minister is "
          "portrayed.[82] Next.",
          (const char *[]){"In the television series Mr. Robot (2015), a "
                           "minister is portrayed.[82]",
                           "Next.", NULL});
  S_split("the CIA's David Gries, BND's Dr. Herms Bahl, and Gen. Lee met "
          "Lt. Col. Smith. Next.",
          (const char *[]){"the CIA's David Gries, BND's Dr. Herms Bahl, and "
                           "Gen. Lee met Lt. Col. Smith.",
                           "Next.", NULL});
  S_split(
      "Smith, I. C.; West, Nigel wrote it. Next.",
      (const char *[]){"Smith, I. C.; West, Nigel wrote it.", "Next.", NULL});
  S_split("See e.g. Hong Kong, i.e. Macau, vs. Taiwan. Next.",
          (const char *[]){"See e.g. Hong Kong, i.e. Macau, vs. Taiwan.",
                           "Next.", NULL});
  S_split("up to No. 17 have been identified. St. Louis is a city. Next.",
          (const char *[]){"up to No. 17 have been identified.",
                           "St. Louis is a city.", "Next.", NULL});
  S_split("Acme Inc. Ltd. Jr. Sr. sold it. Next.",
          (const char *[]){"Acme Inc. Ltd. Jr. Sr. sold it.", "Next.", NULL});
  S_split("He lives in the U.S. The end.",
          (const char *[]){"He lives in the U.S.", "The end.", NULL});
  S_split("He founded Acme Inc. The firm grew.",
          (const char *[]){"He founded Acme Inc.", "The firm grew.", NULL});
  S_split(
      "lit. 'State Security Ministry'; IPA. Next.",
      (const char *[]){"lit. 'State Security Ministry'; IPA.", "Next.", NULL});
}

/* dates_find over the whole text: every match moves forward. */
static size_t S_all_dates(const char *text, size_t len) {
  date_match m;
  size_t at = 0, n = 0;
  while (dates_find(text, at, &m)) {
    assert_true(m.start >= at);
    assert_true(m.end > m.start);
    assert_true(m.end <= len);
    assert_true(m.edtf[0] != '\0');
    at = m.end;
    n++;
  }
  return n;
}

static void S_check_split(const char *text, size_t len) {
  size_t(*sp)[2] = NULL;
  size_t n = sentences_split(text, &sp), prev = 0;
  for (size_t k = 0; k < n; k++) {
    assert_true(sp[k][0] >= prev);
    assert_true(sp[k][0] < sp[k][1]);
    assert_true(sp[k][1] <= len);
    prev = sp[k][1];
  }
  free(sp);
}

static char *S_repeat(const char *unit, size_t total) {
  size_t u = strlen(unit), n = total / u;
  char *s = xmalloc(n * u + 1);
  for (size_t i = 0; i < n; i++)
    memcpy(s + i * u, unit, u);
  s[n * u] = '\0';
  return s;
}

static void test_pathological(void **state) {
  (void)state;
  date_match m;
  size_t mb = (size_t)1 << 20;

  char *s = S_repeat("1 ", mb);
  assert_int_equal(S_all_dates(s, strlen(s)), 0);
  S_check_split(s, strlen(s));
  free(s);

  s = S_repeat("9", mb);
  assert_int_equal(S_all_dates(s, mb), 0);
  S_check_split(s, mb);
  free(s);

  /* a long digit run, then a real date */
  s = xmalloc(mb + 32);
  memset(s, '7', mb);
  strcpy(s + mb, " and in 1999.");
  assert_true(dates_find(s, 0, &m));
  assert_string_equal(m.edtf, "1999");
  assert_int_equal(m.start, mb + 8);
  free(s);

  const char *units[] = {
      ". ",   "A. ",  "[",        "[1]",  "in ",   "1999-",     "\xE2\x80\x93",
      "May ", "No. ", "\xC2\xA0", "mid-", "from ", "          "};
  for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
    s = S_repeat(units[k], mb);
    S_all_dates(s, strlen(s));
    S_check_split(s, strlen(s));
    free(s);
  }

  /* truncated expressions at the very end of the string */
  const char *ends[] = {"1999-",
                        "May 28,",
                        "9 February",
                        "2017-07-2",
                        "(1983\xE2\x80\x93",
                        "\xE2\x80",
                        "\xC2",
                        "from 1942 to",
                        "between 2009 and",
                        "c.",
                        "mid-",
                        "FY",
                        "in 1999\xE2",
                        "Sept.",
                        "28th",
                        "1950'",
                        "1950's"};
  for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
    char *t = xstrdup(ends[k]); /* exact-size copy for ASan */
    S_all_dates(t, strlen(t));
    S_check_split(t, strlen(t));
    char e[32];
    dates_parse_cell(t, e);
    int a, b;
    dates_title_period(t, &a, &b);
    dates_edtf_years(t, &a, &b);
    free(t);
  }
}

static void test_random_bytes(void **state) {
  (void)state;
  static const char alphabet[] = "0123456789 .,-()[]'\"?!MayJuneFYmidc\xE2\x80"
                                 "\x93\xC2\xA0";
  unsigned long x = 12345;
  for (int round = 0; round < 200; round++) {
    size_t len = 1 + round * 37 % 2000;
    char *t = xmalloc(len + 1);
    for (size_t i = 0; i < len; i++) {
      x = x * 6364136223846793005UL + 1442695040888963407UL;
      unsigned char c = (unsigned char)(x >> 33);
      if (round % 2)
        c = (unsigned char)alphabet[(x >> 33) % (sizeof alphabet - 1)];
      t[i] = c ? (char)c : 'x';
    }
    t[len] = '\0';
    S_all_dates(t, len);
    S_check_split(t, len);
    char e[32];
    int a, b;
    dates_parse_cell(t, e);
    dates_title_period(t, &a, &b);
    dates_edtf_years(t, &a, &b);
    free(t);
  }
}

/* An 8 MiB line of article-like prose is scanned whole: every date and
 * sentence found (its speed is measured in bench/, not here). */
static void test_big_line(void **state) {
  (void)state;
  const char *unit =
      "In late April 2021, the MSS (1939-1945) said 3,000 companies.[5] "
      "From 1942 to 1944, Mr. Kang met the U.S. Department of Justice in "
      "the early 1980s; see pp. 117\xE2\x80\x93"
      "118. ";
  char *s = S_repeat(unit, (size_t)8 << 20);
  size_t len = strlen(s), per = strlen(unit);
  size_t n = S_all_dates(s, len);
  size_t(*sp)[2] = NULL;
  size_t ns = sentences_split(s, &sp);
  assert_int_equal(n, len / per * 4);
  assert_int_equal(ns, len / per * 2);
  free(sp);
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_full_dates),
      cmocka_unit_test(test_month_year),
      cmocka_unit_test(test_bare_years),
      cmocka_unit_test(test_decades),
      cmocka_unit_test(test_spans),
      cmocka_unit_test(test_impossible_days),
      cmocka_unit_test(test_reversed_spans),
      cmocka_unit_test(test_decade_spans),
      cmocka_unit_test(test_qualifiers),
      cmocka_unit_test(test_fiscal_year),
      cmocka_unit_test(test_negatives),
      cmocka_unit_test(test_from_offset),
      cmocka_unit_test(test_cells),
      cmocka_unit_test(test_edtf_years),
      cmocka_unit_test(test_edtf_valid),
      cmocka_unit_test(test_validate_dates),
      cmocka_unit_test(test_title_period),
      cmocka_unit_test(test_sentences_basic),
      cmocka_unit_test(test_sentences_markers),
      cmocka_unit_test(test_sentences_quotes),
      cmocka_unit_test(test_sentences_abbrevs),
      cmocka_unit_test(test_pathological),
      cmocka_unit_test(test_random_bytes),
      cmocka_unit_test(test_big_line),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
