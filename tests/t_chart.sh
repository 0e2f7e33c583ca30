# t_chart.sh: `mssdoc chart`.  The SVG's geometry is checked against the
# records: the expected spans are computed here with jq from `export -f
# json`, and the bars' coordinates are read back through the chart's own
# axis (the x of two year labels), as a reader of the picture would.
. "$TESTS/lib.sh"
plan 31
export NO_COLOR=1 MSSDOC_PAGER=cat
unset MSSDOC_DATA
cd "$ROOT" || exit 1

"$MSSDOC" export -f json >"$TMP/rs.json"

# svg_attr FILE XPATH ATTR: the attribute's values, one a line
svg_attr() {
  xmllint --xpath "$2/@$3" "$1" 2>/dev/null | grep -o "$3=\"[^\"]*\"" |
    sed "s/^$3=\"//; s/\"\$//"
}
# axis FILE: "x0 year0 x1 year1" from the first two year labels
axis() {
  paste -d' ' <(svg_attr "$1" "//*[local-name()='text'][@class='year']" x) \
    <(xmllint --xpath "//*[local-name()='text'][@class='year']/text()" "$1" |
      grep -o '[0-9]\{4\}') | head -2 | tr '\n' ' '
}
# spans FILE CLASSES: "start end" in years of each rect of those classes
spans() {
  local a sel
  a=$(axis "$1")
  sel="//*[local-name()='rect'][$2]"
  paste -d' ' <(svg_attr "$1" "$sel" x) <(svg_attr "$1" "$sel" width) |
    awk -v a="$a" 'BEGIN { split(a, t, " "); k = (t[4] - t[2]) / (t[3] - t[1]) }
      { printf "%.3f %.3f\n", t[2] + ($1 - t[1]) * k, t[2] + ($1 + $2 - t[1]) * k }'
}

# The expected spans, from the records: a date covers its whole precision
# (a year, a month); a term runs from its first date's start to its last
# date's end; the incumbent's to the end of the latest date in the records.
JQ_SPAN='def lo: (.[0:4]|tonumber) + (if length >= 7 then ((.[5:7]|tonumber) - 1) / 12 else 0 end);
  def hi: if length == 4 then (.[0:4]|tonumber) + 1
    elif length == 7 then (.[0:4]|tonumber) + (.[5:7]|tonumber) / 12
    else error("a day: not in these heads tables") end;
  ([.heads[] | .took_office, .left_office] + [.timeline[].date, .incidents[].date]
    | map(select(. != null and test("^[0-9]{4}(-[0-9]{2})?$")) | hi) | max) as $now
  | .heads[] | "\(.took_office|lo) \(if .left_office then (.left_office|hi) else $now end)"'

"$MSSDOC" chart heads -f svg >"$TMP/heads.svg"
check_cmd "chart heads -f svg is well-formed XML" xmllint --noout "$TMP/heads.svg"
want=$(jq '.heads|length' "$TMP/rs.json")
got=$(spans "$TMP/heads.svg" "@class='term' or @class='note'" | wc -l)
check_eq "chart heads: one bar per term ($want)" "$want" "$got"
jq -r "$JQ_SPAN" "$TMP/rs.json" | awk '{ printf "%.3f %.3f\n", $1, $2 }' >"$TMP/want"
spans "$TMP/heads.svg" "@class='term' or @class='note'" >"$TMP/got"
check_files "chart heads: each bar starts and ends at its term's dates" "$TMP/want" "$TMP/got"
got=$(xmllint --xpath "count(//*[local-name()='text'][@class='office'])" "$TMP/heads.svg")
check_eq "chart heads: one group per heads table" \
  "$(jq '[.heads[] | [.office, .period]] | unique | length' "$TMP/rs.json")" "$got"
check_eq "chart heads: every bar has a tooltip" "$want" \
  "$(xmllint --xpath "count(//*[local-name()='rect'][@class='term' or @class='note']/*[local-name()='title'])" "$TMP/heads.svg")"
check_eq "chart heads: the rows that name no person are notes" "2" \
  "$(xmllint --xpath "count(//*[local-name()='rect'][@class='note'])" "$TMP/heads.svg")"
check_eq "chart heads: a document title and description" "1 1" \
  "$(xmllint --xpath "count(/*/*[local-name()='title'])" "$TMP/heads.svg") $(xmllint --xpath "count(/*/*[local-name()='desc'])" "$TMP/heads.svg")"

# A vacancy: a variant record set (hand-made from the built-in one) where
# Kong Yuan takes office in 1964, after Li Kenong's term ended with 1962.
"$MSSDOC" export -f xml |
  sed 's/name="Kong Yuan" took_office="1962"/name="Kong Yuan" took_office="1964"/' >"$TMP/gap.xml"
"$MSSDOC" -d "$TMP/gap.xml" chart heads -f svg >"$TMP/gap.svg"
check_eq "chart heads -d: a gap between terms is a vacancy from 1963 to 1964" \
  "1963.000 1964.000" "$(spans "$TMP/gap.svg" "@class='vacancy'")"
check_eq "chart heads (built in): no vacancy" "" "$(spans "$TMP/heads.svg" "@class='vacancy'")"

# The incumbent's bar runs to the revision's date when the record set has
# one (a variant with article timestamp="2026-11-30T…"): the end of that
# day on the chart's scale, computed here with date(1); the built-in set
# has none and says what its "now" is instead.
TS=2026-11-30T08:15:02Z
"$MSSDOC" export -f xml | sed "s/<article /<article timestamp=\"$TS\" /" >"$TMP/ts.xml"
"$MSSDOC" -d "$TMP/ts.xml" chart heads -f svg >"$TMP/ts.svg"
md=$(date -u -d "${TS:0:7}-01 +1 month -1 day" +%d)
want_end=$(awk -v y="${TS:0:4}" -v m="${TS:5:2}" -v d="${TS:8:2}" -v md="$md" \
  'BEGIN { printf "%.3f", y + (m - 1) / 12 + d / md / 12 }')
inc=$(jq '[.heads[].incumbent] | index(true) + 1' "$TMP/rs.json")
check_eq "chart heads: the incumbent's bar ends with the revision's date" "$want_end" \
  "$(spans "$TMP/ts.svg" "@class='term' or @class='note'" | sed -n "${inc}p" | cut -d' ' -f2)"
check_eq "chart heads: the description says what the incumbent's bar runs to" "1 1" \
  "$(grep -c "drawn to 30 November 2026, the revision's date" "$TMP/ts.svg") $(grep -c "drawn to May 2022, the latest date in the record set" "$TMP/heads.svg")"

"$MSSDOC" chart timeline -f svg >"$TMP/tl.svg"
check_cmd "chart timeline -f svg is well-formed XML" xmllint --noout "$TMP/tl.svg"
# (the release years of films and novels are left out, as timeline does)
check_eq "chart timeline: one box per dated event" "$(jq '[.timeline[] | select(.kind != "culture")] | length' "$TMP/rs.json")" \
  "$(spans "$TMP/tl.svg" "starts-with(@class,'event')" | wc -l)"
jq -r '.timeline[] | select(.kind != "culture") | .date | if test("^[0-9]{3}X") then (.[0:3] + "0") else .[0:4] end' "$TMP/rs.json" |
  sort | uniq -c | awk '{ print $2, $1 }' >"$TMP/want"
spans "$TMP/tl.svg" "starts-with(@class,'event')" | awk '{ y = int($1 + 1e-6); print y }' |
  sort | uniq -c | awk '{ print $2, $1 }' >"$TMP/got"
check_files "chart timeline: each year's bar holds that year's events" "$TMP/want" "$TMP/got"
check_eq "chart timeline: incidents marked (timeline events of incidents' paragraphs)" \
  "$(jq '[.incidents[] | "\(.section) \(.line)"] as $i | [.timeline[] | select(("\(.section) \(.line)") as $k | $i | index($k))] | length' "$TMP/rs.json")" \
  "$(xmllint --xpath "count(//*[local-name()='rect'][@class='event incident'])" "$TMP/tl.svg")"
"$MSSDOC" chart incidents -f svg >"$TMP/inc.svg"
check_eq "chart incidents: one box per incident" "$(jq '.incidents|length' "$TMP/rs.json")" \
  "$(spans "$TMP/inc.svg" "starts-with(@class,'event')" | wc -l)"

# References by year of publication: the year of each reference's date
# (its first four-digit year) computed here with jq.
"$MSSDOC" chart references -f svg >"$TMP/refs.svg"
check_cmd "chart references -f svg is well-formed XML" xmllint --noout "$TMP/refs.svg"
JQ_YEAR='.references[] | .date // "" | [match("(?<![0-9])(1[0-9]{3}|20[0-9]{2})(?![0-9])").string][0] // empty'
check_eq "chart references: one box per reference with a year in its date" \
  "$(jq -r "$JQ_YEAR" "$TMP/rs.json" | wc -l)" \
  "$(spans "$TMP/refs.svg" "@class='event reference'" | wc -l)"
jq -r "$JQ_YEAR" "$TMP/rs.json" | sort | uniq -c | awk '{ print $2, $1 }' >"$TMP/want"
spans "$TMP/refs.svg" "@class='event reference'" | awk '{ y = int($1 + 1e-6); print y }' |
  sort | uniq -c | awk '{ print $2, $1 }' >"$TMP/got"
check_files "chart references: each year's bar holds the references published that year" "$TMP/want" "$TMP/got"
check_eq "chart references: the references without a year are said" \
  "$(jq -r '[.references[] | select((.date // "") | test("(?<![0-9])(1[0-9]{3}|20[0-9]{2})(?![0-9])") | not)] | length' "$TMP/rs.json") without a year" \
  "$(grep -oE '[0-9]+ without a year' "$TMP/refs.svg" | head -1)"
"$MSSDOC" --width 40 chart references >"$TMP/r40.txt"
check_eq "chart references --width 40 fits, one axis" "ok 1" \
  "$([ "$(display_width "$TMP/r40.txt")" -le 40 ] && echo ok) $(grep -c '└' "$TMP/r40.txt")"
"$MSSDOC" chart references -f html >"$TMP/refs.html"
check_eq "chart references -f html: a page with the SVG inline" "1" \
  "$(xmllint --html --xpath "count(//svg)" "$TMP/refs.html" 2>/dev/null)"

if command -v rsvg-convert >/dev/null; then
  rsvg-convert -o "$TMP/h.png" "$TMP/heads.svg" && rsvg-convert -o "$TMP/t.png" "$TMP/tl.svg" &&
    rsvg-convert -o "$TMP/r.png" "$TMP/refs.svg"
  check_eq "rsvg-convert renders the charts to PNG" "PNG image data PNG image data PNG image data" \
    "$(file -b "$TMP/h.png" | cut -c1-14) $(file -b "$TMP/t.png" | cut -c1-14) $(file -b "$TMP/r.png" | cut -c1-14)"
else
  skip 1 "rsvg-convert renders both charts to PNG" "no rsvg-convert (librsvg2-bin)"
fi

"$MSSDOC" chart heads -f html >"$TMP/heads.html"
check_eq "chart heads -f html: a page with the SVG inline" "1 $want" \
  "$(xmllint --html --xpath "count(//svg)" "$TMP/heads.html" 2>/dev/null) $(grep -o '<rect class="\(term\|note\)"' "$TMP/heads.html" | wc -l)"
# The text chart: one bar row per term, within the width, no colour with NO_COLOR.
for w in 80 40; do
  "$MSSDOC" --width $w chart heads >"$TMP/h$w.txt"
  check_eq "chart heads --width $w: one bar row per term, as wide as asked at most" \
    "$want ok" "$(grep -c '│' "$TMP/h$w.txt") $([ "$(display_width "$TMP/h$w.txt")" -le $w ] && echo ok)"
done
"$MSSDOC" --width 40 chart timeline >"$TMP/t40.txt"
check_eq "chart timeline --width 40 fits, no escape codes with NO_COLOR" "ok 0" \
  "$([ "$(display_width "$TMP/t40.txt")" -le 40 ] && echo ok) $(grep -c $'\033' "$TMP/t40.txt")"
"$MSSDOC" --color=always --width 80 chart heads >"$TMP/hc.txt"
check_eq "chart heads --color=always: every coloured line ends in a reset" "0" \
  "$(grep $'\033\[3' "$TMP/hc.txt" | grep -vc $'\033\[0m$')"

"$MSSDOC" chart >"$TMP/o" 2>"$TMP/e"
check_eq "chart with nothing to draw: usage error" "2 mssdoc: chart needs what to draw: heads, timeline, incidents or references" "$? $(cat "$TMP/e")"
"$MSSDOC" chart bureaus >"$TMP/o" 2>"$TMP/e"
check_eq "chart of an unknown kind: usage error" "2 mssdoc: no chart 'bureaus'; charts: heads, timeline, incidents, references" "$? $(cat "$TMP/e")"
"$MSSDOC" -f json chart heads >"$TMP/o" 2>"$TMP/e"
check_eq "chart -f json: the formats it can" "2 mssdoc: chart cannot be written as json; formats: text, svg, html" "$? $(cat "$TMP/e")"
