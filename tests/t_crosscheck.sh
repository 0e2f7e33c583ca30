# t_crosscheck.sh: each real page of tests/fixtures/html/ against its
# plain-text dump, made the way data/mss.txt was (tests/textdump.py, test
# code: the text of the rendered page).  Both are ingested; every record
# the text keeps must agree with the page's: the references (number,
# backlinks, text), the citation markers, the paragraphs and the headings
# that survive (sub-headings; a dump loses the top-level ones).  What a dump
# cannot tell apart is allowed for, and only that: a paragraph of one short
# line reads as a sub-heading, and a second infobox's rows as lines.
. "$TESTS/lib.sh"
plan 35
for page in mozilla new-zealand time-loops dog-parsoid cat-parse; do
  H="$ROOT/tests/fixtures/html/$page.html"
  python3 "$ROOT/tests/textdump.py" "$H" >"$TMP/$page.txt"
  check_cmd "$page: its dump ingests to a record set that validates" \
    "$MSSDOC" ingest --validate "$TMP/$page.txt" -o "$TMP/$page.t.xml"
  "$MSSDOC" -d "$TMP/$page.t.xml" export -f json >"$TMP/t.json"
  "$MSSDOC" -d "$H" export -f json >"$TMP/h.json"
  check_eq "$page: every reference of the page is the dump's, same number, backlinks and text" "" \
    "$(jq -r --slurpfile t "$TMP/t.json" '($t[0].references | map([.number, .backlinks, .text])) as $d
      | .references[] | select([.number, .backlinks, .text] as $r | $d | index([$r]) | not)
      | "missing: \(.number) \(.text[0:80])"' "$TMP/h.json")"
  # a list item's markers are lost with its list
  check_eq "$page: the same citation markers, reference by reference (less the lost lists')" \
    "$(jq -c '[.paragraphs[] | select(.kind == "list-item") | .id] as $li
      | [.citations[] | select(.paragraph as $p | $li | index($p) | not) | .ref] | sort' "$TMP/h.json")" \
    "$(jq -c '[.citations[].ref] | sort' "$TMP/t.json")"
  check_eq "$page: every body paragraph of the page is the dump's, with its citations (or a one-line sub-heading)" "" \
    "$(jq -r --slurpfile t "$TMP/t.json" '($t[0].paragraphs | map([.text, .refs])) as $d
      | ($t[0].sections | map(.title)) as $titles
      | .paragraphs[] | select(.kind == "body")
      | .text as $x | select(([.text, .refs] as $p | $d | index([$p])) == null and ($titles | index($x)) == null)
      | "not in the dump: \(.text[0:100]) \(.refs)"' "$TMP/h.json")"
  # (a sub-heading that does not read as one, "pdf.js", is a paragraph)
  check_eq "$page: every sub-heading of the page is the dump's, or a line of it" "" \
    "$(jq -r --slurpfile t "$TMP/t.json" '([$t[0].sections[].title] + [$t[0].paragraphs[].text]) as $d
      | .sections[] | select(.level == 2) | select(.title as $x | $d | index($x) | not)
      | "not in the dump: \(.title)"' "$TMP/h.json")"
  check_eq "$page: the sub-headings the dump kept, in the page's order" \
    "$(jq -c --slurpfile t "$TMP/t.json" '[$t[0].sections[].title] as $d
      | [.sections[] | select(.level == 2) | .title | select(. as $x | $d | index($x))]' "$TMP/h.json")" \
    "$(jq -c --slurpfile h "$TMP/h.json" '[$h[0].sections[] | select(.level == 2) | .title] as $sub
      | [.sections[] | select(.inferred | not) | .title | select(. as $x | $sub | index($x))]' "$TMP/t.json")"
  check_eq "$page: every heading of the dump is the page's heading, paragraph or infobox line" "" \
    "$(jq -r --slurpfile h "$TMP/h.json" '([$h[0].sections[].title] + [$h[0].paragraphs[].text] + [$h[0].infobox[].value]) as $said
      | .sections[] | select((.inferred | not) and .id != "lead") | select(.title as $x | $said | index($x) | not)
      | "not on the page: \(.title)"' "$TMP/t.json")"
done
