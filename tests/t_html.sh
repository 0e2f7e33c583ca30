# t_html.sh: HTML ingest of real Wikipedia pages (tests/fixtures/html/,
# sources in tests/fixtures/README): each page's counts of sections,
# references, citations, tables and infobox fields against the same counts
# taken from the HTML by xmllint --html --xpath (not by mssdoc), schema
# validation, recognition by content, and the views on an HTML page.
. "$TESTS/lib.sh"
plan 88
F="$ROOT/tests/fixtures/html"

# xp FILE XPATH: a number xmllint computes from the page
xp() { xmllint --html --nowarning --xpath "$2" "$1" 2>/dev/null; }
cls() { echo "contains(concat(' ', normalize-space(@class), ' '), ' $1 ')"; }
# a citation marker that shows a number ("[12]"), outside navigation boxes
NUM_MARK="//sup[$(cls reference)][a][translate(normalize-space(.), '[]0123456789', '') = ''][not(ancestor::*[$(cls navbox)])]"

# a marker of another group ("[n 3]", "[a]"), each counted once
NOTE_MARK="//sup[$(cls reference)][a][translate(normalize-space(.), '[]0123456789', '') != '']"

# infobox rows (of the box itself, not of a table inside a cell): a row of
# one header cell (not the box's first row, its title), a row of one value
# cell with text, and the three shapes of a field
IB_ROW="//tr[ancestor::table[1][$(cls infobox)]]"
ONE_TH="count(*) = 1 and th and preceding-sibling::tr"
ONE_TD="count(*) = 1 and td and normalize-space(.) != ''"
IB_FIELDS="count($IB_ROW[th and td]) + count($IB_ROW[not(th)][count(td) = 2][normalize-space(td[1]) != ''][normalize-space(td[2]) != '']) + count($IB_ROW[$ONE_TH][following-sibling::tr[1][$ONE_TD]])"
IB_HEADERS="count($IB_ROW[$ONE_TH][normalize-space(.) != ''][not(following-sibling::tr[1][$ONE_TD])])"
# a value row under no header (the first row before it that is not one is
# no header) is a caption
IB_CAPTIONS="count($IB_ROW[$ONE_TD][not(preceding-sibling::tr[not($ONE_TD)][1][$ONE_TH])])"
# ingest_page PAGE HTML: ingests it (two checks) into $TMP/PAGE.xml and
# exports it as $TMP/PAGE.json
ingest_page() {
  check_cmd "$1: ingest writes a record set" \
    "$MSSDOC" ingest --validate "$2" -o "$TMP/$1.xml"
  check_cmd "$1: the record set validates (xmllint)" \
    xmllint --noout --relaxng "$ROOT/data/records.rng" "$TMP/$1.xml"
  "$MSSDOC" -d "$2" export -f json >"$TMP/$1.json"
}

ib_check() { # ib_check PAGE HTML JSON
  check_eq "$1: infobox fields = header+value rows, taxobox label+value rows, headers over value rows" \
    "$(xp "$2" "$IB_FIELDS")" "$(jq '[.infobox[] | select(.kind == "field")] | length' "$3")"
  check_eq "$1: infobox headers and captions (xmllint)" \
    "$(xp "$2" "$IB_HEADERS") $(xp "$2" "$IB_CAPTIONS")" \
    "$(jq -r '"\([.infobox[] | select(.kind == "header")] | length) \([.infobox[] | select(.kind == "caption")] | length)"' "$3")"
}

for page in mozilla new-zealand time-loops; do
  H="$F/$page.html"
  ingest_page "$page" "$H"
  J="$TMP/$page.json"
  # sections: every headline, the lead, and each table's caption
  check_eq "$page: sections = headlines + lead + table captions" \
    "$(($(xp "$H" "count(//span[$(cls mw-headline)])") + 1 + $(xp "$H" "count(//table[$(cls wikitable)]/caption)")))" \
    "$(jq '.sections | length' "$J")"
  # (each note of another group, [n 1] or [a], is cited once in these pages)
  check_eq "$page: references = list entries less the notes of other groups" \
    "$(($(xp "$H" "count(//ol[$(cls references)]/li[starts-with(@id, 'cite_note-')])") - $(xp "$H" "count($NOTE_MARK[not(. = preceding::sup[$(cls reference)])])")))" \
    "$(jq '.references | length' "$J")"
  check_eq "$page: citations (body and infobox) = numbered markers" \
    "$(xp "$H" "count($NUM_MARK)")" \
    "$(jq '.citations | length' "$J")"
  check_eq "$page: the infobox's markers are citations of paragraph \"infobox\"" \
    "$(jq -c '[.infobox[] | .line as $l | .refs[] | [., $l]]' "$J")" \
    "$(jq -c '[.citations[] | select(.paragraph == "infobox") | [.ref, .line]]' "$J")"
  check_eq "$page: table paragraphs = wikitables" \
    "$(xp "$H" "count(//table[$(cls wikitable)])")" \
    "$(jq '[.paragraphs[] | select(.kind == "table")] | length' "$J")"
  check_eq "$page: links of body paragraphs = the page's <p> links to articles (xmllint)" \
    "$(xp "$H" "count(//div[@id='mw-content-text']//p[not(ancestor::table)][not(ancestor::*[contains(@class, 'gallery')])]//a[starts-with(@href, '/wiki/') or starts-with(@href, 'https://en.wikipedia.org/wiki/')][not(ancestor::sup)][not(starts-with(@href, '/wiki/File:') or starts-with(@href, '/wiki/Help:'))])")" \
    "$(jq '[.paragraphs[] | select(.kind == "body") | .link_targets[]] | length' "$J")"
  check_eq "$page: every link has its text" "0" \
    "$(jq '[.paragraphs[] | select((.link_targets | length) != (.link_texts | length))] | length' "$J")"
  ib_check "$page" "$H" "$J"
  # the revision the page says: its id in the mw.config script (grep), its
  # time in the footer (xmllint, read by date(1)), its canonical URL
  # (xmllint) or, in a page without one, the browser's "saved from" comment
  check_eq "$page: article.revision = wgRevisionId (grep)" \
    "$(grep -oE '"wgRevisionId": ?[0-9]+' "$H" | grep -oE '[0-9]+$' | head -1)" \
    "$(jq -r '.article.revision // ""' "$J")"
  lastmod=$(xp "$H" 'normalize-space(//li[@id="footer-info-lastmod"])')
  when=$(sed -E 's/.* on ([0-9]+ [A-Z][a-z]+ [0-9]{4}), at ([0-9:]+).*/\1 \2/' <<<"$lastmod")
  zone=$(grep -q '(UTC)' <<<"$lastmod" && echo Z)
  check_eq "$page: article.timestamp = the footer's last edit (xmllint, date)" \
    "$(TZ=UTC date -d "$when" +%Y-%m-%dT%H:%M)$zone" \
    "$(jq -r '.article.timestamp // ""' "$J")"
  url=$(xp "$H" 'string(//link[@rel="canonical"]/@href)')
  [ -n "$url" ] || url=$(grep -m1 -oE 'saved from url=\([0-9]+\)[^ ]+' "$H" | sed 's/.*)//')
  check_eq "$page: article.url = the canonical link (xmllint)" "$url" \
    "$(jq -r '.article.url // ""' "$J")"
  check_eq "$page: references with a url = list entries with an external link (xmllint)" \
    "$(xp "$H" "count(//ol[$(cls references)]/li[starts-with(@id, 'cite_note-')][.//*[$(cls reference-text)]//a[$(cls external)]])")" \
    "$(jq '[.references[] | select(.url != null)] | length' "$J")"
done
check_eq "mozilla: reference 2's url is its entry's first external link (xmllint)" \
  "$(xp "$F/mozilla.html" "string((//ol[$(cls references)]/li[starts-with(@id, 'cite_note-')])[2]//*[$(cls reference-text)]//a[$(cls external)][1]/@href)")" \
  "$(jq -r '.references[] | select(.number == 2) | .url' "$TMP/mozilla.json")"
check_eq "mozilla: cite 2 carries that url in BibTeX, RIS and CSL-JSON" \
  "$(for _ in 1 2 3; do jq -r '.references[] | select(.number == 2) | .url' "$TMP/mozilla.json"; done)" \
  "$("$MSSDOC" -d "$F/mozilla.html" cite 2 -f bibtex | sed -n 's/^ *url *= {\(.*\)},\{0,1\}$/\1/p'
    "$MSSDOC" -d "$F/mozilla.html" cite 2 -f ris | sed -n 's/^UR  - //p'
    "$MSSDOC" -d "$F/mozilla.html" cite 2 -f csl | jq -r '.[0].URL')"

# Parsoid HTML (the REST API's form) and action=parse output: the same
# counts, in each form's own markup
FURNITURE="$(cls navbox) or $(cls navbox-styles) or $(cls sidebar) or $(cls metadata) or $(cls ambox) or $(cls sistersitebox)"
for page in dog-parsoid cat-parse; do
  H="$F/$page.html"
  ingest_page "$page" "$H"
  J="$TMP/$page.json"
  if [ "$page" = dog-parsoid ]; then
    headings="count(//section[@data-mw-section-id > 0])"
    refs="count(//ol[$(cls mw-references)][not(@data-mw-group)]/li)"
    marks="count(//sup[@typeof='mw:Extension/ref'][translate(normalize-space(.), '[]0123456789', '') = ''])"
    links="count(//p[not(ancestor::table)][not(ancestor::*[$(cls gallery)])]//a[@rel='mw:WikiLink'][not(ancestor::sup)])"
  else
    headings="count(//div[$(cls mw-heading)])"
    refs="count(//ol[$(cls references)]/li[starts-with(@id, 'cite_note-')]) - count($NOTE_MARK[not(. = preceding::sup[$(cls reference)])])"
    marks="count($NUM_MARK)"
    links="count(//p[not(ancestor::table)][not(ancestor::*[$(cls gallery)])]//a[starts-with(@href, '/wiki/')][not(ancestor::sup)][not(starts-with(@href, '/wiki/File:') or starts-with(@href, '/wiki/Help:'))])"
  fi
  check_eq "$page: sections = headings + lead + table captions" \
    "$(($(xp "$H" "$headings") + 1 + $(xp "$H" "count(//table[$(cls wikitable)]/caption)")))" \
    "$(jq '.sections | length' "$J")"
  check_eq "$page: references = list entries of the main group" \
    "$(xp "$H" "$refs")" "$(jq '.references | length' "$J")"
  check_eq "$page: citations (body, captions, infobox) = numbered markers" \
    "$(xp "$H" "$marks")" "$(jq '.citations | length' "$J")"
  check_eq "$page: captions = non-empty figure, thumb and gallery captions" \
    "$(xp "$H" "count((//figcaption | //*[$(cls thumbcaption)] | //*[$(cls gallerytext)])[normalize-space(.) != ''])")" \
    "$(jq '[.paragraphs[] | select(.kind == "caption")] | length' "$J")"
  check_eq "$page: table paragraphs = outermost tables, not infoboxes or navigation" \
    "$(xp "$H" "count(//table[not(ancestor::table)][not($(cls infobox))][not(ancestor-or-self::*[$FURNITURE])])")" \
    "$(jq '[.paragraphs[] | select(.kind == "table")] | length' "$J")"
  ib_check "$page" "$H" "$J"
  check_eq "$page: links of body paragraphs = the page's <p> links to articles (xmllint)" \
    "$(xp "$H" "$links")" \
    "$(jq '[.paragraphs[] | select(.kind == "body") | .link_targets[]] | length' "$J")"
  check_eq "$page: nothing lost: no diagnostic" "" \
    "$(jq -r '.diagnostics[] | "\(.kind): \(.message)"' "$J")"
done
check_eq "no infobox value or paragraph opens or ends in white space or a no-break space" "0" \
  "$(cat "$TMP"/{mozilla,new-zealand,time-loops,dog-parsoid,cat-parse}.json |
    jq -s '[.[] | (.infobox[].value, .paragraphs[].text) | select(test("^[ \\t\\n\u00a0]|[ \\t\\n\u00a0]$"))] | length')"
J="$TMP/dog-parsoid.json"
check_eq "Parsoid: title, revision (about=…/revision/N) and time (dc:modified)" \
  "$(xp "$F/dog-parsoid.html" 'string(//title)') $(grep -o -m1 'about="[^"]*/revision/[0-9]*"' "$F/dog-parsoid.html" | grep -oE '[0-9]+' | tail -1) $(xp "$F/dog-parsoid.html" 'string(//meta[@property="dc:modified"]/@content)')" \
  "$(jq -r '"\(.article.title) \(.article.revision) \(.article.timestamp)"' "$J")"
check_eq "taxobox: a label cell's colon is not the label's (Kingdom: Animalia)" \
  "Animalia" "$(jq -r '.infobox[] | select(.label == "Kingdom") | .value' "$J")"
J="$TMP/cat-parse.json"
check_eq "action=parse output: the title its section edit links name (grep)" \
  "$(grep -o 'title=[^&"]*&amp;action=edit' "$F/cat-parse.html" | head -1 | sed 's/title=//; s/&.*//')" \
  "$(jq -r .article.title "$J")"
check_eq "action=parse output names no revision" "null" "$(jq -r .article.revision "$J")"
check_eq "a gallery caption's citation is a citation of that caption (xmllint)" \
  "$(xp "$F/cat-parse.html" "normalize-space(substring-after(substring-before((//*[$(cls gallerytext)]//sup[$(cls reference)])[1], ']'), '['))")" \
  "$(jq -r '[.paragraphs[] | select(.kind == "caption" and (.refs | length) > 0) | select(.text | test("mummified"))][0].refs[0]' "$J")"
check_eq "a header over a value row is that value's label (Binomial name)" \
  "$(xp "$F/cat-parse.html" "normalize-space(substring-before((//tr[th[normalize-space(.) = 'Binomial name']]/following-sibling::tr[1]/td//i)[1], '['))")" \
  "$(jq -r '.infobox[] | select(.label == "Binomial name") | .value' "$J" | sed 's/ Linnaeus.*//')"

J="$TMP/new-zealand.json"
check_eq "title from the page's first heading" "New Zealand" \
  "$(jq -r .article.title "$J")"
check_eq "section ids are the page's anchors" "History Climate" \
  "$(jq -r '[.sections[] | select(.title == "History" or .title == "Climate") | .id] | join(" ")' "$J")"
check_eq "a sub-heading's parent is its h2" "Environment" \
  "$(jq -r '.sections as $s | .sections[] | select(.title == "Climate") | .parent as $p | $s[] | select(.id == $p) | .title' "$J")"
N=$(jq '[.references[] | select(.backlinks >= 3)][0].number' "$J")
check_eq "named reference $N (3+ backlinks): a citation per marker" \
  "$(xp "$F/new-zealand.html" "count(//sup[$(cls reference)][normalize-space(.) = '[$N]'])")" \
  "$(jq "[.citations[] | .ref | select(. == $N)] | length" "$J")"
check_eq "a piped link: its target is the article, its text what the page shows (grep)" \
  "List of islands of New Zealand|$(grep -o '<a href="/wiki/List_of_islands_of_New_Zealand"[^>]*>[^<]*' "$F/new-zealand.html" | head -1 | sed 's/.*>//')" \
  "$(jq -r '[.paragraphs[] | [.link_targets, .link_texts] | transpose[] | select(.[0] == "List of islands of New Zealand")][0] | join("|")' "$J")"
check_eq "who: a paragraph that only links to the article on a name is a mention (xmllint)" \
  "$(xp "$F/new-zealand.html" "count(//div[@id='mw-content-text']//p[.//a[@href='/wiki/Rogernomics'] or contains(., 'Rogernomics')])") Rogernomics" \
  "$("$MSSDOC" -d "$F/new-zealand.html" who rogernomics -f json | jq -r '.paragraphs | length') $("$MSSDOC" --no-pager -d "$F/new-zealand.html" who rogernomics | head -1)"
check_eq "who: the linked words are the mention shown" \
  "major economic changes" \
  "$("$MSSDOC" -d "$F/new-zealand.html" who rogernomics -f markdown | grep -o '\*\*major economic changes\*\*' | tr -d '*')"
check_eq "no link to a file, a help page or another wiki is an article's" "0" \
  "$(jq '[.paragraphs[].link_targets[] | select(test("^(File|Help):") or . == "doleful")] | length' "$J")"
check_eq "COinS fields: ISBN and publisher of a book reference" \
  "$(jq -r '[.references[] | select(.isbn != null)] | length > 10' "$J")" "true"
check_eq "no lost-heading, no inferred section in HTML" "0 0" \
  "$(jq -r '"\([.diagnostics[] | select(.kind == "lost-heading")] | length) \([.sections[] | select(.inferred)] | length)"' "$J")"

cp "$F/mozilla.html" "$TMP/page.txt"
check_eq "HTML recognised by content, not by name" "Mozilla" \
  "$("$MSSDOC" -d "$TMP/page.txt" export -f json | jq -r .article.title)"
printf '<!DOCTYPE html><html><head><title>x</title></head><body><div></div></body></html>\n' >"$TMP/empty.html"
"$MSSDOC" ingest --validate "$TMP/empty.html" >/dev/null 2>"$TMP/err"
check_eq "an HTML page without article text: exit 2 and one line" \
  "2 1" "$? $(wc -l <"$TMP/err")"
