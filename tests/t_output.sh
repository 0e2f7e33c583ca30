# t_output.sh: what mssdoc does with what it is given and where it writes:
# inputs told by their content (UTF-16, record sets under any name), -o
# onto every kind of target, signals during ingest -o, the pager, colour
# on a dumb terminal, text that would reorder the terminal, and the
# arguments quoted in errors.  `timeout` is a hang guard only.
. "$TESTS/lib.sh"
A="$ROOT/data/mss.txt"
RNG="$ROOT/data/records.rng"
G="timeout 600"
plan 41
export MSSDOC_PAGER=cat NO_COLOR=1

# fails NAME PATTERN COMMAND...: exit 2, nothing on stdout, stderr exactly
# one "mssdoc: " line matching PATTERN (grep -E).
fails() {
  local name=$1 pattern=$2
  shift 2
  $G "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  if [ "$rc $(wc -l <"$TMP/err") $(wc -c <"$TMP/out")" == "2 1 0" ] &&
    grep -qE -- "^mssdoc: .*$pattern" "$TMP/err"; then ok "$name"; else
    not_ok "$name"
    echo "#   exit $rc, want 2 and one line /$pattern/; stderr:"
    head -3 "$TMP/err" | cut -c1-200 | sed 's/^/#   /'
  fi
}

# ---- inputs told by their content ----
for enc in UTF-16:UTF-16 UTF-16LE:UTF-16LE UTF-16BE:UTF-16BE \
  UTF-32:UTF-32 UTF-32LE:UTF-32LE UTF-32BE:UTF-32BE; do
  from=${enc%%:*} said=${enc#*:}
  iconv -f UTF-8 -t "$from" "$A" >"$TMP/wide.txt"
  unit=${from%%[LB]E}
  fails "ingest of $from: says so and how to convert it" \
    "wide\.txt is $unit; convert it to UTF-8 \(iconv -f $said -t UTF-8\)$" \
    "$MSSDOC" ingest "$TMP/wide.txt"
  fails "-d of $from: says so and how to convert it" \
    "wide\.txt is $unit; convert it to UTF-8 \(iconv -f $said -t UTF-8\)$" \
    "$MSSDOC" -d "$TMP/wide.txt" toc
  # the suggested command works: the same records as the UTF-8 original
  iconv -f "$said" -t UTF-8 "$TMP/wide.txt" | sed '1s/^\xef\xbb\xbf//' >"$TMP/back.txt"
  check_eq "$from: the suggested iconv gives back the article" \
    "$("$MSSDOC" -d "$A" show bureaus -f csv)" \
    "$("$MSSDOC" -d "$TMP/back.txt" show bureaus -f csv 2>&1)"
done
"$MSSDOC" ingest "$A" -o "$TMP/rec.xml" 2>/dev/null
"$MSSDOC" -d "$TMP/rec.xml" show bureaus -f csv >"$TMP/want.csv"
for name in REC.XML rec.Xml rec records.txt; do
  cp "$TMP/rec.xml" "$TMP/$name"
  "$MSSDOC" -d "$TMP/$name" show bureaus -f csv >"$TMP/got.csv" 2>"$TMP/err"
  check_eq "-d a record set named $name: read as one (by its content)" \
    "0 17 " "$? $(($(wc -l <"$TMP/got.csv") - 1)) $(cmp "$TMP/want.csv" "$TMP/got.csv" 2>&1; cat "$TMP/err")"
done
fails "ingest of a record set: says what it is and how to read it" \
  "records\.txt is a record set \(XML\), not an article dump; read it with mssdoc -d .*records\.txt$" \
  "$MSSDOC" ingest "$TMP/records.txt"
cp "$A" "$TMP/dump.XML"
check_eq "-d an article dump named .XML: ingested (by its content)" "0 17" \
  "$("$MSSDOC" -d "$TMP/dump.XML" show bureaus -f csv >"$TMP/got.csv"; echo $?) $(($(wc -l <"$TMP/got.csv") - 1))"

# ---- ingest's options ----
fails "ingest FILE -o (no value): says the value is missing" \
  "ingest: -o needs a value" "$MSSDOC" ingest "$A" -o
fails "ingest FILE --output (no value): says the value is missing" \
  "ingest: --output needs a value" "$MSSDOC" ingest "$A" --output
fails "ingest FILE --output= (empty): says the value is missing" \
  "ingest: --output needs a value" "$MSSDOC" ingest "$A" --output=
fails "ingest FILE -o '' (empty): says the value is missing" \
  "ingest: -o needs a value" "$MSSDOC" ingest "$A" -o ''

# ---- text that would reorder or break the terminal ----
# The article with bidi controls (RLO, PDF, LRI, RLI, PDI) and the line and
# paragraph separators planted in a paragraph and a bureau row (hand-made).
para=$(grep -n '^The stated mission' "$A" | cut -d: -f1)
row=$(($(grep -n '^Bureau No' "$A" | cut -d: -f1) + 3))
python3 - "$A" "$para" "$row" >"$TMP/bidi.txt" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
p, r = int(sys.argv[2]) - 1, int(sys.argv[3]) - 1
lines[p] = lines[p].replace("stated mission", "stated \u202emission\u202c of\u2066 x\u2069 and\u2028next\u2029para", 1)
lines[r] = lines[r].replace("Political", "Poli\u202atical\u2067", 1)
print("\n".join(lines), end="")
PY
# bidi_count FILE: embeddings, overrides, isolates and separators in FILE
bidi_count() {
  python3 -c 'import re, sys; print(len(re.findall("[\u202a-\u202e\u2066-\u2069\u2028\u2029]", open(sys.argv[1], encoding="utf-8").read())))' "$1"
}
check_eq "the planted file holds 8 such characters" "8" "$(bidi_count "$TMP/bidi.txt")"
for view in read "read 1" "show bureaus" "search stated mission" toc \
  "timeline" "show sections"; do
  # shellcheck disable=SC2086
  "$MSSDOC" -d "$TMP/bidi.txt" --width 100 $view >"$TMP/view.txt" 2>/dev/null
  check_eq "$view (text): no bidi control or separator" "0" "$(bidi_count "$TMP/view.txt")"
done
"$MSSDOC" -d "$TMP/bidi.txt" --width 200 read 1 >"$TMP/view.txt" 2>/dev/null
check_eq "read: controls removed, separators shown as spaces" "1" \
  "$(grep -c 'The stated mission of x and next para of the MSS' "$TMP/view.txt")"
"$MSSDOC" -d "$TMP/bidi.txt" --width 200 show bureaus >"$TMP/view.txt" 2>/dev/null
check_eq "show bureaus: the control removed from the table cell" "1" \
  "$(grep -c 'Political and Economic Intelligence' "$TMP/view.txt")"

# ---- colour ----
if command -v script >/dev/null; then
  pty() { script -qec "stty rows 30 cols 80 2>/dev/null; $1" /dev/null </dev/null | tr -d '\r'; }
  esc() { LC_ALL=C grep -c $'\033\\[' || true; }
  check_eq "a terminal with TERM=dumb: no colour" "0" \
    "$(pty "TERM=dumb NO_COLOR= '$MSSDOC' --no-pager toc" | esc)"
  check_eq "TERM=dumb with --color=always: colour" "yes" \
    "$(n=$(pty "TERM=dumb NO_COLOR= '$MSSDOC' --color=always --no-pager toc" | esc); [ "$n" -gt 0 ] && echo yes)"
  check_eq "a terminal with TERM=xterm: colour" "yes" \
    "$(n=$(pty "TERM=xterm NO_COLOR= '$MSSDOC' --no-pager toc" | esc); [ "$n" -gt 0 ] && echo yes)"
else
  skip 3 "colour on a terminal" "script (util-linux) not installed"
fi
