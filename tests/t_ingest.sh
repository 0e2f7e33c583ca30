# t_ingest.sh: the record set of data/mss.txt against what a careful reader
# finds in the text (tests/expected/*.tsv, written by hand), schema
# validation, and the errors the ingest must give.
. "$TESTS/lib.sh"
plan "$((48 + $(plain_build && command -v valgrind >/dev/null && echo 1 || echo 0)))"
A="$ROOT/data/mss.txt"
E="$ROOT/tests/expected"

check_cmd "ingest writes a record set" "$MSSDOC" ingest --validate "$A" -o "$TMP/mss.xml"
check_cmd "record set validates (xmllint)" \
  xmllint --noout --relaxng "$ROOT/data/records.rng" "$TMP/mss.xml"
"$MSSDOC" -d "$TMP/mss.xml" export -f json >"$TMP/mss.json"
check_cmd "export -f json parses" jq -e . "$TMP/mss.json"
J="$TMP/mss.json"
strip() { grep -v '^#' "$1"; }

check_eq "top-level keys are exactly the spec's" \
  "schema article infobox sections paragraphs bureaus heads incidents timeline references citations diagnostics" \
  "$(jq -r 'keys_unsorted | join(" ")' "$J")"
check_eq "article: title, 319 lines, sha256 of the file" \
  "Ministry of State Security of the People's Republic of China 319 $(sha256sum "$A" | cut -d' ' -f1)" \
  "$(jq -r '.article | "\(.title) \(.lines) \(.sha256)"' "$J")"

check_files "bureaus: all 17 rows exactly as in the text" \
  <(strip "$E/bureaus.tsv") \
  <(jq -r '["number","division","directive"], (.bureaus[] | [.number, .division, .directive]) | @tsv' "$J")
check_files "heads: all 13 rows of the four tables" \
  <(strip "$E/heads.tsv") \
  <(jq -r '["office","period","number","name","took_office","left_office","incumbent"], (.heads[] | [.office, .period, .number, .name, .took_office, (.left_office // ""), .incumbent]) | @tsv' "$J")
check_eq "show ministers rows: the 1983–present table" "Ling Yun Jia Chunwang Xu Yongyue Geng Huichang Chen Wenqing" \
  "$(jq -r '[.heads[] | select(.period | contains("1983–present")) | .name] | join(" ")' "$J")"
check_files "sections: every surviving heading and each lost one" \
  <(strip "$E/sections.tsv") \
  <(jq -r '["line","inferred","title"], (.sections[] | [.line, .inferred, (if .inferred then "" else .title end)]) | @tsv' "$J")
check_eq "section parents name existing sections" "true" \
  "$(jq '[.sections[].id] as $ids | all(.sections[]; .parent == null or (.parent as $p | $ids | index($p) != null))' "$J")"

# References: 82, and backlinks = caret letters, counted here with awk.
grep -E '^ +[0-9]+\. \^' "$A" | awk '{ n = $1; sub(/\.$/, "", n); b = 0;
  if ($3 == "a") { for (i = 3; i <= NF && $i ~ /^[a-z][a-z]?$/; i++) b++ } else b = 1;
  print n "\t" b }' >"$TMP/backlinks.expected"
check_files "references: all 82 with exact backlinks" "$TMP/backlinks.expected" \
  <(jq -r '.references[] | "\(.number)\t\(.backlinks)"' "$J")
check_eq "references: [permanent dead link] sets dead_link" "47 74" \
  "$(jq -r '[.references[] | select(.dead_link) | .number] | join(" ")' "$J")"

# Citations: every [N] of the article in order, the infobox's (the block
# after the title) among them, counted here with grep over the lines before
# the reference list, captions (printed twice) once.
first_ref=$(grep -nE '^ +1\. \^' "$A" | head -1 | cut -d: -f1)
awk -v e="$first_ref" 'NR > 1 && NR < e && $0 != prev {
    line = $0; while (match(line, /\[[0-9]+\]/)) {
      print NR "\t" substr(line, RSTART + 1, RLENGTH - 2); line = substr(line, RSTART + RLENGTH) } }
  { prev = $0 }' "$A" >"$TMP/citations.expected"
check_files "citations: every [N] in the article (infobox too), in order, none invented" \
  "$TMP/citations.expected" <(jq -r '.citations[] | "\(.line)\t\(.ref)"' "$J")
check_eq "text fields hold no citation markers or tags" "0" \
  "$(jq '[.paragraphs[].text, .timeline[].text, .incidents[].text, .bureaus[].directive | select(test("\\[[0-9]+\\]|\\[citation needed\\]"))] | length' "$J")"
check_eq "[citation needed] is kept in tags" "true" \
  "$(jq '[.paragraphs[].tags[]] | index("citation needed") != null' "$J")"

# Paragraph kinds: captions once, hatnotes, the quotation.
check_eq "captions are kept once each" "38 40 42 87 100 212" \
  "$(jq -r '[.paragraphs[] | select(.kind == "caption") | .line] | join(" ")' "$J")"
check_eq "hatnotes" "104 133 149" \
  "$(jq -r '[.paragraphs[] | select(.kind == "hatnote") | .line] | join(" ")' "$J")"
check_eq "quotation" "33" \
  "$(jq -r '[.paragraphs[] | select(.kind == "quotation") | .line] | join(" ")' "$J")"

check_files "timeline: one event per dated body sentence, right EDTF date" \
  <(strip "$E/timeline.tsv" | cut -f1-3) \
  <(printf 'line\tdate\tqualifier\n'; jq -r '.timeline[] | select(.source == "text") | [.line, .date, (.qualifier // "")] | @tsv' "$J")
check_files "timeline: each event's sentence is the one annotated" \
  <(strip "$E/timeline.tsv" | sed 1d | cut -f4) \
  <(jq -r '.timeline[] | select(.source == "text") | .text | split(" ")[0:5] | join(" ")' "$J")
check_eq "timeline: each head's taking office is a table event" "13" \
  "$(jq '[.timeline[] | select(.source == "table")] | length' "$J")"
check_files "incidents: every dated paragraph of the operations part" \
  <(strip "$E/incidents.tsv") \
  <(printf 'line\tdate\tqualifier\n'; jq -r '.incidents[] | [.line, .date, (.qualifier // "")] | @tsv' "$J")

check_files "diagnostics: lost headings, lost lists, dates outside periods" \
  <(strip "$E/diagnostics.tsv") \
  <(printf 'line\tkind\n'; jq -r '.diagnostics[] | select(.kind != "lost-citation") | [.line, .kind] | @tsv' "$J")
# lost-citation: every reference whose caret letters outnumber its markers.
join -t "$(printf '\t')" <(sort "$TMP/backlinks.expected") \
  <(cut -f2 "$TMP/citations.expected" | sort | uniq -c | awk '{print $2 "\t" $1}' | sort) -a1 |
  awk -F'\t' '{ if ($2 > ($3 == "" ? 0 : $3)) print $1 }' | sort -n >"$TMP/lost.raw"
# (the infobox's markers, reference 1's, are among the citations counted)
check_files "diagnostics: every reference with more backlinks than citations" \
  "$TMP/lost.raw" \
  <(jq -r '.diagnostics[] | select(.kind == "lost-citation") | .message | capture("reference (?<n>[0-9]+)").n' "$J" | sort -n)

# The infobox: the block after the title.  What each line must give is read
# off the dump here with grep and sed.
NB=$(printf '\302\240')
ib_end=$(awk 'NR > 1 && /^$/ { print NR; exit }' "$A")
ib_line() { sed -n "2,$((ib_end - 1))p" "$A" | grep -n -- "$1" | head -1 | cut -d: -f1 | awk '{ print $1 + 1 }'; }
l=$(ib_line "Traditional${NB}Chinese")
check_eq "infobox: a label spelled with a no-break space is the label, its value the rest" \
  "Traditional Chinese|$(sed -n "${l}p" "$A" | sed "s/^Traditional${NB}Chinese//")" \
  "$(jq -r --argjson l "$l" '.infobox[] | select(.line == $l) | "\(.label)|\(.value)"' "$J")"
check_eq "infobox: the romanised first line is the native name, not split inside a word" \
  "|native_name|$(sed -n 2p "$A")" \
  "$(jq -r '.infobox[] | select(.line == 2) | "\(.label)|\(.kind)|\(.value)"' "$J")"
l=$(ib_line "^Jurisdiction")
check_eq "infobox: a value after a no-break space starts with its first word" \
  "$(sed -n "${l}p" "$A" | sed "s/^Jurisdiction${NB}//")" \
  "$(jq -r --argjson l "$l" '.infobox[] | select(.line == $l) | .value' "$J")"
l=$(ib_line "Coordinates: ")
check_eq "infobox: the coordinates once, labelled" \
  "Coordinates|$(sed -n "${l}p" "$A" | sed 's/.*Coordinates: //')" \
  "$(jq -r --argjson l "$l" '.infobox[] | select(.line == $l) | "\(.label)|\(.value)"' "$J")"
check_eq "infobox: headers, captions and fields by kind" \
  "caption Emblem of the Ministry of State Security|header Agency overview" \
  "$(jq -r '[.infobox[] | select(.value == "Agency overview" or (.value | startswith("Emblem of"))) | "\(.kind) \(.value)"] | join("|")' "$J")"
check_eq "infobox: every labelled line is a field, every field labelled" "0" \
  "$(jq '[.infobox[] | select((.label != "") != (.kind == "field"))] | length' "$J")"
check_eq "infobox: each field whose list was lost says so" \
  "$(jq -c '[.diagnostics[] | select(.kind == "lost-list" and (.message | startswith("infobox"))) | .line]' "$J")" \
  "$(jq -c '[.infobox[] | select(.note == "list lost in the dump") | .line]' "$J")"
"$MSSDOC" -d "$TMP/mss.xml" show infobox >"$TMP/infobox.txt"
check_eq "show infobox: a lost list is shown as lost, not as an empty value" \
  "Preceding agencies (list lost in the dump)" \
  "$(grep '^Preceding agencies' "$TMP/infobox.txt" | tr -s ' ')"

# What the article contradicts within itself (check): each found here by
# grep, the spelling of the heads tables beside it.
check_eq "name-variant: the misspelt names the text holds (grep), each once" \
  "$(for v in 'Li Kenon' 'Luo Qinchang'; do grep -n "$v\b" "$A" | head -1 | cut -d: -f1; done | tr '\n' ' ')" \
  "$(jq -r '[.diagnostics[] | select(.kind == "name-variant") | .line] | join(" ")' "$J") "
check_eq "term-mismatch: the caption's 1939-1945 against the table's 1939-1949" \
  "$(grep -n 'Kang Sheng, Director.*(1939-1945)' "$A" | head -1 | cut -d: -f1) 1939–1945 1939–1949" \
  "$(jq -r '.diagnostics[] | select(.kind == "term-mismatch") | "\(.line) \(.message | [scan("[0-9]{4}–[0-9]{4}")] | join(" "))"' "$J")"
sed '0,/was Jia Chunwang,/s//was Jia Chunwan,/' "$A" >"$TMP/variant.txt"
l=$(grep -n 'Jia Chunwan,' "$TMP/variant.txt" | head -1 | cut -d: -f1)
check_eq "a name misspelt in a copy of the article is a name-variant at its line" \
  "$l name-variant" \
  "$("$MSSDOC" -d "$TMP/variant.txt" export -f json | jq -r --argjson l "$l" '.diagnostics[] | select(.line == $l and .kind == "name-variant") | "\(.line) \(.kind)"')"
for page in mozilla new-zealand time-loops; do
  "$MSSDOC" -d "$ROOT/tests/fixtures/html/$page.html" export -f json >"$TMP/$page.json"
done
check_eq "no name-variant or term-mismatch in articles without heads tables" "0" \
  "$(cat "$TMP"/mozilla.json "$TMP"/new-zealand.json "$TMP"/time-loops.json | jq -s '[.[].diagnostics[] | select(.kind == "name-variant" or .kind == "term-mismatch")] | length')"

# The built-in article is the same record set.
"$MSSDOC" export -f json >"$TMP/builtin.json"
check_eq "the built-in record set equals a fresh ingest" "" \
  "$(diff <(jq -S 'del(.article.source)' "$TMP/builtin.json") <(jq -S 'del(.article.source)' "$J") | head -5)"
(cd / && "$MSSDOC" export >"$TMP/builtin.xml")
check_cmd "export works from any directory and validates" \
  xmllint --noout --relaxng "$ROOT/data/records.rng" "$TMP/builtin.xml"
"$MSSDOC" -d "$A" export -f json >"$TMP/direct.json"
check_eq "-d takes an article dump too" "" \
  "$(diff <(jq -S 'del(.article.source)' "$TMP/direct.json") <(jq -S 'del(.article.source)' "$J") | head -5)"

# Bad input: an error, exit 2, no output file.
: >"$TMP/empty.txt"
printf '   \n\n  \n' >"$TMP/blank.txt"
printf '{"schema": "mssdoc/1", "article": {}}\n' >"$TMP/json.txt"
head -c 4096 /dev/urandom >"$TMP/random.bin"
for f in empty.txt blank.txt json.txt random.bin; do
  "$MSSDOC" ingest --validate "$TMP/$f" -o "$TMP/$f.xml" 2>"$TMP/err"
  rc=$?
  check_eq "ingest $f: exit 2, one mssdoc: line, no file" "2 1 no" \
    "$rc $(grep -c '^mssdoc: ' "$TMP/err") $([ -e "$TMP/$f.xml" ] && echo yes || echo no)"
done
"$MSSDOC" ingest --validate "$TMP/missing.txt" 2>"$TMP/err"
check_eq "ingest of a missing file names it" "2" "$?"
grep -q "missing.txt" "$TMP/err" && ok "missing file message names the file" || not_ok "missing file message names the file"

# Validation is ingest --validate only: the same XML either way, help and
# the man page say so; in the plain build, callgrind sees the validator
# run with --validate and not without it.
"$MSSDOC" ingest "$A" -o "$TMP/plain.xml" 2>/dev/null
check_cmd "ingest without --validate: the same record set" cmp "$TMP/mss.xml" "$TMP/plain.xml"
check_eq "every date attribute is EDTF (grep, the schema's old pattern)" "" \
  "$(grep -oE '(date|took_office|left_office)="[^"]*"' "$TMP/mss.xml" |
    grep -vE '^[a-z_]+="[0-9]{3}[0-9X](-[0-9]{2}(-[0-9]{2})?)?(/([0-9]{3}[0-9X](-[0-9]{2}(-[0-9]{2})?)?|\.\.))?"$')"
check_eq "help ingest and the man page document --validate" "1 1" \
  "$("$MSSDOC" help ingest | grep -c '^ *--validate checks the XML against the schema') $(grep -c '^> \*\*--validate\*\* checks it against the schema' "$ROOT/data/mssdoc.1.md")"
if plain_build && command -v valgrind >/dev/null; then
  validations() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      --toggle-collect=mssdoc_xml_validate "$MSSDOC" ingest "$@" -o "$TMP/cg.xml" 2>&1 >/dev/null |
      sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
  }
  n0=$(validations "$A")
  n1=$(validations --validate "$A")
  if [ "$n0" = 0 ] && [ "${n1:-0}" -gt 0 ]; then ok "the schema is checked with --validate only ($n0 / $n1 instructions)"; else
    not_ok "the schema is checked with --validate only ($n0 / $n1 instructions)"
  fi
fi
