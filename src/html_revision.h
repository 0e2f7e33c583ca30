/* html_revision.h: what an HTML page says of its own revision (id, time,
 * URL).  Owned by html_revision.c; used by ingest_html.c. */
#ifndef MSSDOC_HTML_REVISION_H
#define MSSDOC_HTML_REVISION_H

#include "mssdoc/records.h"
#include "xmlapi.h"

/* Sets a->revision, a->timestamp and a->url (malloc'd, owned by the
 * article; each NULL when the page does not say it) from the parsed page
 * doc.  libxml2 must be loaded (xmlapi_load). */
void html_revision(const xmlDoc *doc, mssdoc_article *a);

#endif
