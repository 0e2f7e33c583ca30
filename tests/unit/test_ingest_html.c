/* test_ingest_html.c: the HTML front end on small snippets.  Every
 * snippet here is HAND-MADE, in the markup of the three forms (legacy
 * parser with <span class="mw-headline">, current <div class="mw-heading">,
 * Parsoid <section>/typeof="mw:Extension/ref"); real pages are tested in
 * tests/t_html.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mssdoc/mssdoc.h"

static mssdoc_records *S_ingest(const char *html) {
  char *err = NULL;
  mssdoc_records *rs = mssdoc_ingest_html(html, strlen(html), "t.html", &err);
  if (!rs)
    fail_msg("ingest failed: %s", err);
  return rs;
}

/* hand-made: legacy headings, a named reference cited twice, a note of
 * another group, a tag, a list, a hatnote, a caption, a quotation */
static const char LEGACY[] =
    "<!DOCTYPE html><html><head><title>Office - Wikipedia</title></head>"
    "<body><h1 id=\"firstHeading\">Office of Examples</h1>"
    "<div id=\"mw-content-text\"><div class=\"mw-parser-output\">\n"
    "<p>The office was founded in 1990.<sup id=\"cite_ref-a_1-0\" "
    "class=\"reference\"><a href=\"#cite_note-a-1\">[1]</a></sup> It grew."
    "<sup class=\"noprint Inline-Template\">[<i><a href=\"/x\">citation "
    "needed</a></i>]</sup></p>\n"
    "<h2><span class=\"mw-headline\" id=\"History\">History</span>"
    "<span class=\"mw-editsection\">[edit]</span></h2>\n"
    "<div role=\"note\" class=\"hatnote navigation-not-searchable\">Main "
    "article: History of examples</div>\n"
    "<div class=\"thumb\"><div class=\"thumbinner\"><div "
    "class=\"thumbcaption\"><div class=\"magnify\"></div>The office in "
    "1995</div></div></div>\n"
    "<h3><span class=\"mw-headline\" id=\"Early_years\">Early years</span>"
    "</h3>\n"
    "<p>It had three divisions:<sup class=\"reference\"><a "
    "href=\"#cite_note-n1\">[n 1]</a></sup></p>\n"
    "<ul><li>North<sup class=\"reference\"><a "
    "href=\"#cite_note-a-1\">[1]</a></sup></li><li>South</li></ul>\n"
    "<blockquote><p>We are an example.</p></blockquote>\n"
    "<h2><span class=\"mw-headline\" id=\"Notes\">Notes</span></h2>\n"
    "<ol class=\"references\"><li id=\"cite_note-n1\"><span "
    "class=\"mw-cite-backlink\"><a href=\"#cite_ref-n1\">^</a></span> "
    "<span class=\"reference-text\">A note.</span></li></ol>\n"
    "<h2><span class=\"mw-headline\" id=\"References\">References</span>"
    "</h2>\n"
    "<ol class=\"references\"><li id=\"cite_note-a-1\"><span "
    "class=\"mw-cite-backlink\">^ <a href=\"#cite_ref-a_1-0\"><sup>a</sup>"
    "</a> <a href=\"#cite_ref-a_1-1\"><sup>b</sup></a></span> <span "
    "class=\"reference-text\"><cite>Smith, John (2001). <i>Examples</i>. "
    "Example Press.</cite><span title=\"ctx_ver=Z39.88-2004&amp;rft.btitle="
    "Examples+of+Offices&amp;rft.pub=Example+Press&amp;rft.date=2001&amp;"
    "rft.isbn=978-0-00-000000-2&amp;rft.aulast=Smith&amp;rft.aufirst=John"
    "&amp;rft.au=Doe%2C+Jane\" class=\"Z3988\"></span></span></li></ol>\n"
    "</div></div></body></html>\n";

static const mssdoc_paragraph *S_para(const mssdoc_records *rs,
                                      const char *kind, size_t nth) {
  for (size_t i = 0; i < rs->paragraphs.count; i++)
    if (strcmp(rs->paragraphs.items[i].kind, kind) == 0 && nth-- == 0)
      return &rs->paragraphs.items[i];
  return NULL;
}

static void test_legacy(void **state) {
  (void)state;
  mssdoc_records *rs = S_ingest(LEGACY);
  assert_string_equal(rs->article.title, "Office of Examples");
  assert_int_equal(rs->sections.count, 5);
  assert_string_equal(rs->sections.items[0].id, "lead");
  assert_string_equal(rs->sections.items[1].id, "History");
  assert_string_equal(rs->sections.items[1].title, "History");
  assert_string_equal(rs->sections.items[2].id, "Early_years");
  assert_string_equal(rs->sections.items[2].parent, "History");
  assert_false(rs->sections.items[2].inferred);
  const mssdoc_paragraph *p = S_para(rs, "body", 0);
  assert_string_equal(p->text, "The office was founded in 1990. It grew.");
  assert_int_equal(p->refs.count, 1);
  assert_int_equal(p->refs.items[0], 1);
  assert_int_equal(p->ref_offsets.items[0], 31);
  assert_int_equal(p->tags.count, 1);
  assert_string_equal(p->tags.items[0], "citation needed");
  assert_string_equal(S_para(rs, "hatnote", 0)->text,
                      "Main article: History of examples");
  assert_string_equal(S_para(rs, "caption", 0)->text, "The office in 1995");
  assert_null(S_para(rs, "caption", 1)); /* once */
  assert_string_equal(S_para(rs, "quotation", 0)->text, "We are an example.");
  assert_string_equal(S_para(rs, "list-item", 0)->text, "North");
  assert_string_equal(S_para(rs, "list-item", 1)->text, "South");
  /* the [n 1] note is no citation of reference 1; its entry is a list item */
  assert_int_equal(S_para(rs, "body", 1)->refs.count, 0);
  assert_string_equal(S_para(rs, "list-item", 2)->text, "A note.");
  /* the named reference: two markers, two citations, two backlinks */
  assert_int_equal(rs->references.count, 1);
  assert_int_equal(rs->citations.count, 2);
  const mssdoc_reference *r = &rs->references.items[0];
  assert_int_equal(r->number, 1);
  assert_int_equal(r->backlinks, 2);
  assert_string_equal(r->title, "Examples of Offices"); /* from COinS */
  assert_string_equal(r->publisher, "Example Press");
  assert_string_equal(r->isbn, "978-0-00-000000-2");
  assert_int_equal(r->authors.count, 2);
  assert_string_equal(r->authors.items[0], "Smith, John");
  assert_string_equal(r->authors.items[1], "Doe, Jane");
  for (size_t i = 0; i < rs->diagnostics.count; i++)
    assert_string_not_equal(rs->diagnostics.items[i].kind, "lost-citation");
  mssdoc_records_free(rs);
}

/* hand-made: current heading markup, an infobox with a list value, a heads
 * table whose header spans two rows and whose cells span rows */
static const char CURRENT[] =
    "<html><body><div class=\"mw-parser-output\">"
    "<table class=\"infobox vcard\"><tbody>"
    "<tr><th colspan=\"2\" class=\"infobox-above\">Office</th></tr>"
    "<tr><th scope=\"row\" class=\"infobox-label\">Formed</th><td "
    "class=\"infobox-data\">1 July 1983<sup class=\"reference\"><a "
    "href=\"#cite_note-1\">[1]</a></sup></td></tr>"
    "<tr><th scope=\"row\" class=\"infobox-label\">Agency executives</th>"
    "<td class=\"infobox-data\"><div class=\"plainlist\"><ul><li>Ann, "
    "Minister</li><li>Bob, Deputy</li></ul></div></td></tr>"
    "</tbody></table>"
    "<p>The lead of the page is here.</p>"
    "<div class=\"mw-heading mw-heading2\"><h2 id=\"Agency_heads\">Agency "
    "heads</h2><span class=\"mw-editsection\">[edit]</span></div>"
    "<table class=\"wikitable\"><caption>Heads of the Office "
    "(1990–present)</caption>"
    "<tr><th rowspan=\"2\">No.</th><th rowspan=\"2\">Name</th>"
    "<th colspan=\"2\">Term of office</th></tr>"
    "<tr><th>Took office</th><th>Left office</th></tr>"
    "<tr><td>1</td><td>Ann Example</td><td>June 1990</td>"
    "<td rowspan=\"2\">May 2001</td></tr>"
    "<tr><td>2</td><td>Bob Example</td><td>1995</td></tr>"
    "<tr><td>3</td><td>Cy Example</td><td>May 2001</td><td>Incumbent</td>"
    "</tr></table>"
    "<table class=\"wikitable\"><tr><th>Bureau No.</th><th>Encompassing "
    "Division</th><th>Directive</th></tr><tr><td>1st Bureau</td><td>Letters "
    "Division</td><td>Responsible for letters.<sup class=\"reference\"><a "
    "href=\"#cite_note-1\">[1]</a></sup></td></tr></table>"
    "<ol class=\"references\"><li id=\"cite_note-1\"><a "
    "href=\"#cite_ref-1\">^</a> <span class=\"reference-text\">A source."
    "</span></li></ol></div></body></html>";

static void test_current(void **state) {
  (void)state;
  mssdoc_records *rs = S_ingest(CURRENT);
  assert_int_equal(rs->infobox.count, 2);
  assert_string_equal(rs->infobox.items[0].label, "Formed");
  assert_string_equal(rs->infobox.items[0].value, "1 July 1983");
  assert_int_equal(rs->infobox.items[0].refs.count, 1);
  assert_string_equal(rs->infobox.items[1].value,
                      "Ann, Minister; Bob, Deputy");
  assert_string_equal(rs->sections.items[1].id, "Agency_heads");
  assert_int_equal(rs->heads.count, 3);
  const mssdoc_head *h = &rs->heads.items[1];
  assert_string_equal(h->office, "Heads of the Office");
  assert_string_equal(h->period, "(1990–present)");
  assert_int_equal(h->number, 2);
  assert_string_equal(h->name, "Bob Example");
  assert_string_equal(h->took_office, "1995");
  assert_string_equal(h->left_office, "2001-05"); /* from the rowspan */
  assert_true(rs->heads.items[2].incumbent);
  assert_null(rs->heads.items[2].left_office);
  assert_int_equal(rs->bureaus.count, 1);
  assert_int_equal(rs->bureaus.items[0].number, 1);
  assert_string_equal(rs->bureaus.items[0].division, "Letters Division");
  assert_string_equal(rs->bureaus.items[0].directive,
                      "Responsible for letters.");
  assert_int_equal(rs->bureaus.items[0].refs.count, 1);
  mssdoc_records_free(rs);
}

/* hand-made: Parsoid HTML (sections, headings with ids, mw:Extension/ref
 * markers with relative links, rel="mw:referencedBy" backlinks; the
 * revision in about=, dc:modified, dc:isVersionOf, and a mw:TimeUuid, the
 * render's time, that is not the revision's) */
static const char PARSOID[] =
    "<!DOCTYPE html><html prefix=\"dc: http://purl.org/dc/terms/\" "
    "about=\"https://en.wikipedia.org/wiki/Special:Redirect/revision/"
    "1234567\"><head><meta property=\"mw:TimeUuid\" "
    "content=\"6d2a3c40-0000-11ef-8000-000000000000\"/>"
    "<meta property=\"dc:modified\" content=\"2026-11-30T08:15:02.000Z\"/>"
    "<base href=\"//en.wikipedia.org/wiki/\"/><link rel=\"dc:isVersionOf\" "
    "href=\"//en.wikipedia.org/wiki/Example_Page\"/>"
    "<title>Example Page</title></head>"
    "<body class=\"mw-content-ltr parsoid-body mw-parser-output\">"
    "<section data-mw-section-id=\"0\"><p>Lead text of the page.<sup "
    "class=\"mw-ref reference\" typeof=\"mw:Extension/ref\"><a "
    "href=\"./Example_Page#cite_note-x-1\"><span "
    "class=\"mw-reflink-text\">[1]</span></a></sup></p></section>"
    "<section data-mw-section-id=\"1\"><h2 id=\"Life\">Life</h2>"
    "<p>Born in 1821.<sup class=\"mw-ref reference\" "
    "typeof=\"mw:Extension/ref\"><a href=\"./Example_Page#cite_note-x-1\">"
    "<span class=\"mw-reflink-text\">[1]</span></a></sup></p>"
    "<section data-mw-section-id=\"2\"><h3 id=\"Work\">Work</h3><p>Work "
    "text.</p></section></section>"
    "<section data-mw-section-id=\"3\"><h2 id=\"References\">References</h2>"
    "<ol class=\"mw-references references\"><li id=\"cite_note-x-1\"><span "
    "rel=\"mw:referencedBy\"><a href=\"#cite_ref-x_1-0\">a</a><a "
    "href=\"#cite_ref-x_1-1\">b</a></span> <span id=\"mw-reference-text-"
    "cite_note-x-1\" class=\"mw-reference-text\">Clark, W. (1871). The "
    "Drainage.</span></li></ol></section></body></html>";

static void test_parsoid(void **state) {
  (void)state;
  mssdoc_records *rs = S_ingest(PARSOID);
  assert_string_equal(rs->article.title, "Example Page");
  assert_string_equal(rs->article.revision, "1234567");
  assert_string_equal(rs->article.timestamp, "2026-11-30T08:15:02.000Z");
  assert_string_equal(rs->article.url,
                      "https://en.wikipedia.org/wiki/Example_Page");
  assert_int_equal(rs->sections.count, 4);
  assert_string_equal(rs->sections.items[2].id, "Work");
  assert_string_equal(rs->sections.items[2].parent, "Life");
  assert_int_equal(rs->citations.count, 2);
  assert_int_equal(rs->references.count, 1);
  assert_int_equal(rs->references.items[0].backlinks, 2);
  assert_string_equal(rs->references.items[0].text,
                      "Clark, W. (1871). The Drainage.");
  assert_int_equal(rs->timeline.count, 1);
  assert_string_equal(rs->timeline.items[0].date, "1821");
  mssdoc_records_free(rs);
}

/* hand-made: one paragraph with every kind of href an article's HTML
 * holds, each a link to an article or not */
static const char LINKS[] =
    "<!DOCTYPE html><html><body><h1 id=\"firstHeading\">Links</h1>"
    "<div id=\"mw-content-text\"><div class=\"mw-parser-output\">"
    "<p>See <a href=\"./Zhou_Enlai\">Zhou</a>, "
    "<a href=\"/wiki/Ministry_of_State_Security_(China)#History\">the "
    "<b>MSS</b></a>, <a href=\"https://en.wikipedia.org/wiki/Kang_Sheng\">"
    "Kang</a>, <a href=\"/w/index.php?title=Red_Link&amp;action=edit&amp;"
    "redlink=1\">red</a>, <a href=\"/wiki/Guoanbu%E2%80%99s_%22office%22\">"
    "quoted</a>, <a href=\"/wiki/Star_Wars:_Episode_IV\">film</a>; not "
    "<a href=\"/wiki/File:Emblem.svg\">a file</a>, <a "
    "href=\"/wiki/Help:IPA/English\">help</a>, <a "
    "href=\"https://en.wiktionary.org/wiki/spy\">Wiktionary</a>, <a "
    "href=\"https://example.org/wiki/Other\">another site</a>, <a "
    "href=\"#History\">a fragment</a>, <a href=\"/wiki/Bad%00Title\">a "
    "NUL</a>, <a href=\"/wiki/Bad%FFTitle\">not UTF-8</a>, <a>no "
    "href</a>.</p></div></div></body></html>";

static void test_links(void **state) {
  (void)state;
  mssdoc_records *rs = S_ingest(LINKS);
  assert_int_equal(rs->paragraphs.count, 1);
  const mssdoc_paragraph *p = &rs->paragraphs.items[0];
  static const char *const targets[] = {
      "Zhou Enlai", "Ministry of State Security (China)", "Kang Sheng",
      "Red Link", "Guoanbu\xE2\x80\x99s \"office\"", "Star Wars: Episode IV"};
  static const char *const texts[] = {"Zhou", "the MSS", "Kang",
                                      "red", "quoted", "film"};
  assert_int_equal(p->link_targets.count, 6);
  assert_int_equal(p->link_texts.count, 6);
  for (size_t i = 0; i < 6; i++) {
    assert_string_equal(p->link_targets.items[i], targets[i]);
    assert_string_equal(p->link_texts.items[i], texts[i]);
  }
  mssdoc_records_free(rs);
}

static void test_recognition_and_refusal(void **state) {
  (void)state;
  assert_true(mssdoc_is_html(LEGACY, strlen(LEGACY)));
  assert_true(mssdoc_is_html(CURRENT, strlen(CURRENT)));
  assert_true(mssdoc_is_html("\xEF\xBB\xBF  <!-- x --><HTML>", 22));
  const char *dump = "Office of Examples\n\nThe <b> office.\n";
  assert_false(mssdoc_is_html(dump, strlen(dump)));
  const char *none = "<html><body><div>   </div></body></html>";
  char *err = NULL;
  assert_null(mssdoc_ingest_html(none, strlen(none), "n.html", &err));
  assert_non_null(strstr(err, "n.html"));
  free(err);
  /* hostile spans are bounded */
  const char *spans = "<html><body><p>x</p><table class=\"wikitable\"><tr>"
                      "<td rowspan=\"999999999\" colspan=\"999999999\">a</td>"
                      "</tr><tr><td>b</td></tr></table></body></html>";
  mssdoc_records *rs = S_ingest(spans);
  mssdoc_records_free(rs);
}

/* hand-made: a taxobox (a title row, an image row, a header over one
 * value row continued by a second, a header over a label and value in two
 * <td>s) and a
 * gallery whose caption cites a reference, in a bare action=render
 * <div class="mw-parser-output"> that names its page only in an edit link */
static const char TAXOBOX[] =
    "<div class=\"mw-content-ltr mw-parser-output\" lang=\"en\">"
    "<table class=\"infobox biota\"><tbody>"
    "<tr><th colspan=\"2\">Example cat</th></tr>"
    "<tr><td colspan=\"2\">A caption under the picture</td></tr>"
    "<tr><th colspan=\"2\">Synonyms</th></tr>"
    "<tr><td colspan=\"2\">F. one</td></tr>"
    "<tr><td colspan=\"2\">F. two<sup class=\"reference\">"
    "<a href=\"#cite_note-1\">[1]</a></sup></td></tr>"
    "<tr><th colspan=\"2\">Scientific classification</th></tr>"
    "<tr><td>Kingdom:</td><td>Animalia</td></tr>"
    "</tbody></table>"
    "<div class=\"mw-heading mw-heading2\"><h2 id=\"Art\">Art</h2>"
    "<span class=\"mw-editsection\"><a href=\"/w/index.php?title="
    "Example_cat&amp;action=edit&amp;section=1\">edit</a></span></div>"
    "<p>Cats in art.</p>"
    "<ul class=\"gallery mw-gallery-packed\"><li class=\"gallerybox\">"
    "<div class=\"thumb\"><img src=\"x.jpg\"></div>"
    "<div class=\"gallerytext\">A mummified cat<sup class=\"reference\">"
    "<a href=\"#cite_note-1\">[1]</a></sup></div></li></ul>"
    "<ol class=\"references\"><li id=\"cite_note-1\"><span "
    "class=\"mw-cite-backlink\"><a href=\"#cite_ref-1\">^</a></span> "
    "<span class=\"reference-text\">Doe, J. (2001). Cats.</span></li></ol>"
    "</div>";

static void test_taxobox_gallery_render(void **state) {
  (void)state;
  assert_true(mssdoc_is_html(TAXOBOX, strlen(TAXOBOX)));
  const char *xml = "<?xml version=\"1.0\"?><div class=\"mw-parser-output\"/>";
  assert_false(mssdoc_is_html(xml, strlen(xml)));
  const char *other = "<div class=\"x\">mw-parser-output</div>";
  assert_false(mssdoc_is_html(other, strlen(other)));
  mssdoc_records *rs = S_ingest(TAXOBOX);
  assert_string_equal(rs->article.title, "Example cat");
  /* the title row is no item; the picture's caption is one, without a
   * label; a header over label/value rows is a header item */
  static const char *const kinds[] = {"caption", "field", "header", "field"};
  static const char *const labels[] = {"", "Synonyms", "", "Kingdom"};
  static const char *const values[] = {"A caption under the picture",
                                       "F. one; F. two",
                                       "Scientific classification", "Animalia"};
  assert_int_equal(rs->infobox.count, 4);
  for (size_t i = 0; i < 4; i++) {
    assert_string_equal(rs->infobox.items[i].kind, kinds[i]);
    assert_string_equal(rs->infobox.items[i].label, labels[i]);
    assert_string_equal(rs->infobox.items[i].value, values[i]);
  }
  assert_int_equal(rs->infobox.items[1].refs.count, 1);
  assert_int_equal(rs->infobox.items[1].refs.items[0], 1);
  size_t captions = 0;
  for (size_t i = 0; i < rs->paragraphs.count; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[i];
    if (strcmp(p->kind, "caption") == 0) {
      captions++;
      assert_string_equal(p->text, "A mummified cat");
      assert_int_equal(p->refs.count, 1);
    }
  }
  assert_int_equal(captions, 1);
  /* infobox and caption: both citations of reference 1 survive */
  assert_int_equal(rs->citations.count, 2);
  for (size_t i = 0; i < rs->diagnostics.count; i++)
    fail_msg("diagnostic: %s", rs->diagnostics.items[i].message);
  mssdoc_records_free(rs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_legacy),
      cmocka_unit_test(test_current),
      cmocka_unit_test(test_parsoid),
      cmocka_unit_test(test_links),
      cmocka_unit_test(test_recognition_and_refusal),
      cmocka_unit_test(test_taxobox_gallery_render),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
