# t_roundtrip.sh: the built-in record set written as a Wikipedia page
# (tests/wikihtml.py, test code: the markup of the real pages in
# tests/fixtures/html/, current and legacy headings) and ingested back
# gives the same records: every section, paragraph, marker, infobox item,
# bureau, office holder, reference, citation, timeline event and incident.
# Left out of the comparison, because the page states or lacks them by
# its nature: line numbers, the source file, "inferred" (a page states its
# headings), links (the dump has none), and the infobox items a page has
# no place for (the romanised native name; a field whose values the dump
# lost), counted below so that nothing else can hide there.
. "$TESTS/lib.sh"
plan 35
"$MSSDOC" -d builtin export -f json >"$TMP/builtin.json"
# the records a page and a dump can both carry, in order
NORM='del(.article.source, .article.sha256, .article.lines, .diagnostics, .schema)
  | .sections |= map(del(.line, .inferred))
  | .paragraphs |= map(del(.line, .link_targets, .link_texts))
  | .infobox |= map(select(.kind != "native_name" and .value != "") | del(.line))
  | (.bureaus, .heads, .references, .citations, .timeline, .incidents) |= map(del(.line))'
jq -S "$NORM" "$TMP/builtin.json" >"$TMP/want.json"
check_eq "left out of the infobox: the native name and the 2 fields whose lists the dump lost" \
  "1 2" "$(jq -r '"\([.infobox[] | select(.kind == "native_name")] | length) \([.infobox[] | select(.kind != "native_name" and .value == "")] | length)"' "$TMP/builtin.json")"

for form in current legacy; do
  flag=$([ "$form" = legacy ] && echo --legacy || true)
  python3 "$ROOT/tests/wikihtml.py" $flag <"$TMP/builtin.json" >"$TMP/$form.html"
  check_eq "$form: the page has a marker per citation (xmllint)" \
    "$(jq '.citations | length' "$TMP/builtin.json")" \
    "$(xmllint --html --nowarning --xpath 'count(//sup[@class="reference"])' "$TMP/$form.html" 2>/dev/null)"
  check_cmd "$form: the page ingests to a record set that validates" \
    "$MSSDOC" ingest --validate "$TMP/$form.html" -o "$TMP/$form.xml"
  "$MSSDOC" -d "$TMP/$form.xml" export -f json >"$TMP/$form.json"
  jq -S "$NORM" "$TMP/$form.json" >"$TMP/got.json"
  for group in article sections paragraphs infobox bureaus heads references citations timeline incidents; do
    check_eq "$form: $group the same ($(jq ".$group | length" "$TMP/want.json"))" \
      "$(jq -c ".$group" "$TMP/want.json")" "$(jq -c ".$group" "$TMP/got.json")"
  done
  check_eq "$form: the same diagnostics, less what the dump lost and the page has" \
    "$(jq -r '.diagnostics[] | select(.kind != "lost-heading" and .kind != "lost-list") | "\(.kind): \(.message)"' "$TMP/builtin.json")" \
    "$(jq -r '.diagnostics[] | "\(.kind): \(.message)"' "$TMP/$form.json")"
done
check_eq "the page's sections are stated: none inferred, none lost" "0 0" \
  "$(jq -r '"\([.sections[] | select(.inferred)] | length) \([.diagnostics[] | select(.kind == "lost-heading")] | length)"' "$TMP/current.json")"

# fetch the page from a stand-in for the REST API on 127.0.0.1 (the page
# written above, so the MSS article itself): every view of the fetched
# revision is the built-in one's, but for the revision it names, the
# page's line numbers and the headings the dump lost
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
export XDG_DATA_HOME="$TMP/data"
python3 "$TESTS/httpd.py" "$TMP/current.html" "$TMP/log" >"$TMP/port" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
check_cmd "fetch the page from 127.0.0.1" \
  timeout 60 "$MSSDOC" fetch --api "http://127.0.0.1:$(cat "$TMP/port")"
# the revision line, line numbers, lost-heading marks and where a lost
# citation went (the dump's lists, of which the page knows nothing) set aside
same() { sed -E '/^(Built-in 2022 dump\.|Revision [0-9]+.*\.)$/d; s/([Ll]ine:?) [0-9]+/\1 N/g; s/ \(heading lost\)//; s/ (with the dump.s lists|from the text)\.$/./'; }
for view in "show bureaus" "show heads" "timeline" "cite 5" "who chen" "toc"; do
  # shellcheck disable=SC2086
  "$MSSDOC" --no-pager --width 200 $view >"$TMP/fetched" 2>&1
  # shellcheck disable=SC2086
  "$MSSDOC" --no-pager --width 200 -d builtin $view >"$TMP/builtin" 2>&1
  check_eq "$view of the fetched revision: as of the built-in one, and names revision 1111" \
    "$(same <"$TMP/builtin")
Revision 1111." \
    "$(same <"$TMP/fetched")
$(grep -m1 -E '^Revision [0-9]+' "$TMP/fetched")"
done
