# t_silentloss.sh: what the ingest used to drop or bend without a word
# (issue 9, "Silent loss"): impossible days and reversed spans are bad-date
# diagnostics and their events keep what is sound; decade spans keep both
# ends; a reference number given twice is a duplicate-reference, a number
# smaller than the one before it a reference-order, and `cite N` shows
# every reference numbered N.  The inputs are data/mss.txt with hand-made
# edits: sentences appended to the "In the 1950s" paragraph, reference 7
# renumbered 6, references 8 and 9 swapped.
. "$TESTS/lib.sh"
plan 18
A="$ROOT/data/mss.txt"
export MSSDOC_PAGER=cat
unset MSSDOC_DATA NO_COLOR
G="timeout 600" # hang guard only

D=$'\xe2\x80\x93' # en dash
awk -v d="$D" '
  /^In the 1950s, nearly every/ {
    $0 = $0 " On February 30, 2019, the office met Li. In 2019" d "2018 the" \
         " office moved to Beijing. On 31 April 2010 the bureau opened. On" \
         " 29 February 2019 it closed. In the 1990s" d "2000s it grew." }
  /^  7\. \^/ { sub(/^  7\. /, "  6. ") }
  /^  8\. \^/ { held = $0; next }
  { print }
  /^  9\. \^/ { print held }' "$A" >"$TMP/x.txt"
para=$(grep -n '^In the 1950s, nearly every' "$TMP/x.txt" | cut -d: -f1)
r6=$(grep -n '^  6\. \^' "$TMP/x.txt" | cut -d: -f1 | paste -sd ' ')
r8=$(grep -n '^  8\. \^' "$TMP/x.txt" | cut -d: -f1)

$G "$MSSDOC" ingest --validate "$TMP/x.txt" -o "$TMP/x.xml" 2>"$TMP/ingest.err"
check_eq "the edited dump ingests (exit 0) into a record set the schema takes" \
  "0" "$?"
$G "$MSSDOC" -d "$TMP/x.xml" export -f json >"$TMP/x.json"

# --- dates -----------------------------------------------------------------
check_eq "each impossible date and reversed span is a bad-date at its paragraph" \
  "$para \"2019${D}2018\" is not a date: it ends before it starts; read as 2019
$para \"29 February 2019\" is not a date: February 2019 has 28 days; read as 2019-02
$para \"31 April 2010\" is not a date: April 2010 has 30 days; read as 2010-04
$para \"February 30, 2019\" is not a date: February 2019 has 28 days; read as 2019-02" \
  "$(jq -r '.diagnostics[] | select(.kind == "bad-date") | "\(.line) \(.message)"' "$TMP/x.json")"
check_eq "ingest says them on stderr, with file and line" "4" \
  "$(grep -c "x\.txt:$para: bad-date: " "$TMP/ingest.err")"
ev() { jq -r --arg t "$1" '.timeline[] | select(.text == $t) | .date' "$TMP/x.json"; }
check_eq "February 30, 2019: the event is kept, dated by its month" "2019-02" \
  "$(ev "On February 30, 2019, the office met Li.")"
check_eq "29 February 2019 (not a leap year): dated by its month" "2019-02" \
  "$(ev "On 29 February 2019 it closed.")"
check_eq "31 April 2010: dated by its month" "2010-04" \
  "$(ev "On 31 April 2010 the bureau opened.")"
check_eq "In 2019${D}2018: the event is kept, dated by its start" "2019" \
  "$(ev "In 2019${D}2018 the office moved to Beijing.")"
check_eq "In the 1990s${D}2000s: both ends kept (EDTF 199X/200X)" "199X/200X" \
  "$(ev "In the 1990s${D}2000s it grew.")"
"$MSSDOC" -d "$TMP/x.xml" timeline --from 2005 --to 2009 >"$TMP/tl.txt"
check_eq "timeline --from 2005 --to 2009 holds the 1990s${D}2000s event" "1" \
  "$(grep -c 'it grew' "$TMP/tl.txt")"
"$MSSDOC" -d "$TMP/x.xml" check >"$TMP/check.txt"
check_eq "check: exit 1, and a bad-date group of 4" "1 1" \
  "$? $(grep -c '^bad-date: dates that cannot be as written (4)$' "$TMP/check.txt")"

# --- references ------------------------------------------------------------
check_eq "a number the list gives twice is a duplicate-reference at the second" \
  "${r6#* } duplicate-reference reference 6 is numbered like the one at line ${r6%% *}; mssdoc cite 6 shows each" \
  "$(jq -r '.diagnostics[] | select(.kind == "duplicate-reference") | "\(.line) \(.kind) \(.message)"' "$TMP/x.json")"
check_eq "a number smaller than the one before it is a reference-order" \
  "$r8 reference 8 comes after reference 9 (line $((r8 - 1))): the list is out of order" \
  "$(jq -r '.diagnostics[] | select(.kind == "reference-order") | "\(.line) \(.message)"' "$TMP/x.json")"
"$MSSDOC" -d "$TMP/x.xml" -f json cite 6 >"$TMP/c6.json"
check_eq "cite 6 -f json: both references numbered 6, in list order" \
  "6 Eftimiades, Nicholas
6 Smith, I. C.; West, Nigel" \
  "$(jq -r '.[] | "\(.number) \(.authors | join("; "))"' "$TMP/c6.json")"
"$MSSDOC" -d "$TMP/x.xml" cite 6 >"$TMP/c6.txt"
check_eq "cite 6: both headed by their lines, each saying the number is shared" \
  "Reference 6 (line ${r6%% *})
Reference 6 (line ${r6#* }) 2" \
  "$(grep -o '^Reference 6 (line [0-9]*)' "$TMP/c6.txt" | tr '\n' ' ' | sed 's/ $//;s/) R/)\nR/') $(grep -c '^The reference list gives the number 6 to 2' "$TMP/c6.txt")"
"$MSSDOC" -d "$TMP/x.xml" -f xml cite 6 >"$TMP/c6.xml"
check_eq "cite 6 -f xml: both references" "2" \
  "$(grep -c '<reference ' "$TMP/c6.xml")"
"$MSSDOC" -d "$TMP/x.xml" -f bibtex cite 6 7 >"$TMP/c6.bib" 2>&1
check_eq "cite 6 7: reference 7 is gone (renumbered), exit 2" "2" "$?"

# --- the article itself has none of these ------------------------------------
"$MSSDOC" export -f json >"$TMP/mss.json"
check_eq "the article: no bad-date, duplicate-reference or reference-order" "" \
  "$(jq -r '.diagnostics[] | select(.kind == "bad-date" or .kind == "duplicate-reference" or .kind == "reference-order") | .message' "$TMP/mss.json")"
check_eq "help check names the new kinds" "3" \
  "$("$MSSDOC" help check | grep -oE 'bad-date|duplicate-reference|reference-order' | sort -u | wc -l)"
