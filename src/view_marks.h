/*
 * view_marks.h: what a view says about links, for the formats that can
 * link.  A builder puts marks in a view: a citation marker of reference N
 * (and the id of that citation), an anchor (an id for a heading,
 * paragraph or list item), the place where a reference's links back to
 * its citations go, a reference's footnote, and the words a diff deletes
 * or inserts.  view_marks_prepare()
 * gives them each format's form just before the view is rendered: in
 * html a link to "#ref-N", an id, a placeholder that view_html.c fills;
 * in markdown a GFM footnote "[^N]" where the view holds N's footnote;
 * elsewhere the marker's text "[N]" and nothing for the rest.  The marks
 * own no memory of their own (cmark does).  Owned by view_marks.c.
 */
#ifndef MSSDOC_VIEW_MARKS_H
#define MSSDOC_VIEW_MARKS_H

#include <cmark.h>

/* Appends the citation marker "[ref]" to an inline container, in strong
 * text if strong; id (may be NULL) names this citation in html ("cite-5-2",
 * citeids.h).  Returns the marker, owned by the document. */
cmark_node *view_cite(cmark_node *inl, int ref, const char *id, int strong);

/* Gives the block whose inline container inl is (a heading, a paragraph,
 * or the list item of an item's paragraph) the id `id` in html. */
void view_anchor(cmark_node *inl, const char *id);

/* Appends to an inline container the place where html lists links to
 * every citation of reference ref on the page. */
void view_backlinks(cmark_node *inl, int ref);

/* Appends to doc the footnote of reference ref, its text; only markdown
 * shows it ("[^ref]: text"), and only there do the markers of ref become
 * "[^ref]". */
void view_footnote(cmark_node *doc, int ref, const char *text);

/* Appends text deleted / inserted (a word diff's runs) to an inline
 * container: <del>/<ins> in html and markdown; in text, colour on a
 * terminal, else "[-text-]" / "{+text+}" (render_text.c).  Returns the
 * mark, owned by the document. */
cmark_node *view_deleted(cmark_node *inl, const char *text);
cmark_node *view_inserted(cmark_node *inl, const char *text);

/* -1 if node is a deletion mark, 1 an insertion mark, else 0. */
int view_edit_kind(cmark_node *node);

/* Gives every mark under doc its form in format ("text", "markdown",
 * "html", "man"); the document is rendered once after it. */
void view_marks_prepare(cmark_node *doc, const char *format);

#endif
