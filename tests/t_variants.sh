# t_variants.sh: variants of the article (CRLF and a byte-order mark, a row
# added to a table, a new dated paragraph, a new reference, the full
# citation of a short one) must ingest with
# the same quality: the records change exactly as the text did.
. "$TESTS/lib.sh"
plan 16
A="$ROOT/data/mss.txt"
json() { "$MSSDOC" -d "$1" export -f json; }
json "$A" >"$TMP/base.json"
# shift(at; k): every record at or after line `at` moves down k lines.
SHIFT='def shift($at; $k): walk(if type == "object" and (.line | type) == "number" and .line >= $at then .line += $k else . end);'

# 1. CRLF line ends and a UTF-8 byte-order mark: the same records.
{ printf '\357\273\277'; sed 's/$/\r/' "$A"; } >"$TMP/crlf.txt"
json "$TMP/crlf.txt" >"$TMP/crlf.json"
check_eq "CRLF + BOM: same records but for source and sha256" "" \
  "$(diff <(jq -S 'del(.article.source, .article.sha256)' "$TMP/base.json") \
          <(jq -S 'del(.article.source, .article.sha256)' "$TMP/crlf.json") | head -5)"

# 2. A bureau row added at the end of the bureau table.
last=$(grep -n '^17 Enterprises Division' "$A" | cut -d: -f1)
sed "${last}a 18 Test Division Responsible for testing the ingest" "$A" >"$TMP/row.txt"
json "$TMP/row.txt" >"$TMP/row.json"
at=$((last + 1))
check_eq "added row: 18 bureaus, the new one exact" \
  '18 Test Division|Responsible for testing the ingest' \
  "$(jq -r '"\(.bureaus | length) \(.bureaus[-1].division)|\(.bureaus[-1].directive)"' "$TMP/row.json")"
check_eq "added row: every other record only moves down a line" "" \
  "$(diff <(jq -S "$SHIFT"' shift('$at'; 1) | del(.article) | .paragraphs |= map(del(.text))' "$TMP/base.json") \
          <(jq -S 'del(.article) | .bureaus |= .[0:-1] | .paragraphs |= map(del(.text))' "$TMP/row.json") | head -10)"

# A heads row added to the 1983–present table.
inc=$(grep -n '^5 Chen Wenqing' "$A" | cut -d: -f1)
sed "${inc}s/.*/5 Chen Wenqing November 2016 October 2022/; ${inc}a 6 Wang Xiaohong October 2022 Incumbent" "$A" >"$TMP/head.txt"
json "$TMP/head.txt" >"$TMP/head.json"
check_eq "added head: 14 rows, new incumbent, old one left office" \
  "14 Wang Xiaohong 2022-10 null true | 2022-10 false" \
  "$(jq -r '"\(.heads | length) \(.heads[-1].name) \(.heads[-1].took_office) \(.heads[-1].left_office) \(.heads[-1].incumbent) | \(.heads[-2].left_office) \(.heads[-2].incumbent)"' "$TMP/head.json")"
check_eq "added head: one more table event in the timeline" "14" \
  "$(jq '[.timeline[] | select(.source == "table")] | length' "$TMP/head.json")"

# 3. A new dated paragraph in the operations part.
after=$(grep -n '^In February 2021, The Daily Telegraph' "$A" | cut -d: -f1)
sed "${after}a \\\\nIn June 2022, investigators reported a new operation in the test region.[46]" "$A" >"$TMP/para.txt"
json "$TMP/para.txt" >"$TMP/para.json"
at=$((after + 2))
check_eq "new paragraph: one more incident, dated 2022-06, cited [46]" \
  "$(( $(jq '.incidents | length' "$TMP/base.json") + 1 )) 2022-06 $at [46]" \
  "$(jq -c '.incidents as $i | [$i[] | select(.date == "2022-06")][0] as $e | "\($i | length) \($e.date) \($e.line) \($e.refs)"' -r "$TMP/para.json")"
check_eq "new paragraph: incidents and timeline otherwise only move down" "" \
  "$(diff <(jq -S "$SHIFT"' shift('$at'; 2) | {incidents, timeline, bureaus, heads, references, sections}' "$TMP/base.json") \
          <(jq -S '{incidents: [.incidents[] | select(.line != '$at')], timeline: [.timeline[] | select(.line != '$at')], bureaus, heads, references, sections}' "$TMP/para.json") | head -10)"
check_eq "new paragraph: one more citation of reference 46" "2" \
  "$(jq '[.citations[] | select(.ref == 46)] | length' "$TMP/para.json")"

# 4. A new reference at the end of the list.
r82=$(grep -nE '^ +82\. \^' "$A" | cut -d: -f1)
sed "${r82}a \ \ 83. ^ Doe, Jane (2023). \"A New Study of Things\". Example Journal. Retrieved 2023-01-01." "$A" >"$TMP/ref.txt"
json "$TMP/ref.txt" >"$TMP/ref.json"
check_eq "new reference: parsed with its fields" \
  '83 1 Doe, Jane|2023|A New Study of Things|Example Journal|2023-01-01' \
  "$(jq -r '.references[-1] | "\(.number) \(.backlinks) \(.authors | join(";"))|\(.date)|\(.title)|\(.work)|\(.retrieved)"' "$TMP/ref.json")"
check_eq "new reference: uncited, so one more lost-citation diagnostic" \
  "$(( $(jq '[.diagnostics[] | select(.kind == "lost-citation")] | length' "$TMP/base.json") + 1 ))" \
  "$(jq '[.diagnostics[] | select(.kind == "lost-citation")] | length' "$TMP/ref.json")"
check_eq "new reference: the rest is unchanged" "" \
  "$(diff <(jq -S "$SHIFT"' shift('$((r82 + 1))'; 1) | del(.article, .diagnostics)' "$TMP/base.json") \
          <(jq -S 'del(.article, .diagnostics) | .references |= .[0:-1]' "$TMP/ref.json") | head -10)"

# 5. The full citation of a short citation, added to the list: reference 22
# ("Mei p. 78") is then short for it, its pages 78, and no longer reported
# as a short citation of a work the list lacks; 21 ("Thu-Huong") still is.
sed "${r82}a \ \ 83. ^ Mei, Zhaorong (2005). Intelligence in China. Example Press. ISBN 978-0-00-000000-0." "$A" >"$TMP/short.txt"
json "$TMP/short.txt" >"$TMP/short.json"
check_eq "short citation: 22 is short for the new 83, pages 78; 21 for none" \
  '22 83 78|21 null 139–140' \
  "$(jq -r '[.references[] | select(.number == 22 or .number == 21)] | sort_by(-.number) | map("\(.number) \(.short_for) \(.pages)") | join("|")' "$TMP/short.json")"
check_eq "short citation: only 21 is still reported (lost-reference)" \
  'reference 21 ("Thu-Huong, pp. 139–140") is a short citation of a work no reference gives in full' \
  "$(jq -r '.diagnostics[] | select(.kind == "lost-reference" and (.message | test("short citation"))) | .message' "$TMP/short.json")"
check_eq "built-in: 21 and 22 are both short citations of lost works" "2 null null" \
  "$(jq -r '[.diagnostics[] | select(.kind == "lost-reference" and (.message | test("short citation")))] | length' "$TMP/base.json") $(jq -r '[.references[] | select(.number == 21 or .number == 22) | .short_for | tostring] | join(" ")' "$TMP/base.json")"
check_eq "template error: reference 17's message in a diagnostic, in no field" \
  'true|252 reference 17: Wikipedia'"'"'s template error "((cite journal)): Cite journal requires |journal= (help)" is no part of the citation: no field holds it|' \
  "$(jq -r '(.references[] | select(.number == 17)) as $r | ($r.text | test("requires")) as $t | (.diagnostics[] | select(.kind == "template-error")) as $d | "\($t)|\($d.line) \($d.message)|\([$r | del(.text) | .. | strings | select(test("requires|help"))] | join(","))"' "$TMP/base.json")"

# Every variant's record set validates: ingest --validate (the schema and
# the EDTF dates) and xmllint against the schema.
bad=
for v in crlf row head para ref short; do
  "$MSSDOC" ingest --validate "$TMP/$v.txt" -o "$TMP/$v.xml" 2>/dev/null &&
    xmllint --noout --relaxng "$ROOT/data/records.rng" "$TMP/$v.xml" 2>/dev/null || bad="$bad $v"
done
check_eq "every variant ingests to a record set that validates" "" "$bad"
