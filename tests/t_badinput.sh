# t_badinput.sh: bad article input.  Each file either ingests (bad bytes
# replaced by U+FFFD and reported as a bad-bytes diagnostic naming the
# line) or fails with exit 2 and one message saying what is wrong with it;
# never a crash, a hang, a control byte in the output or a half-written
# file.  `timeout` below is a hang guard only, never a speed assertion.
. "$TESTS/lib.sh"
# 89 checks, one per recorded fuzz regression, and two that only the
# plain build runs (peak memory, 100 MB)
plan "$((89 + $(find "$ROOT/tests/fuzz/regressions" -type f | wc -l) + $(plain_build && echo 2 || echo 0)))"
A="$ROOT/data/mss.txt"
RNG="$ROOT/data/records.rng"
G="timeout 600" # hang guard (generous: the suite also runs under valgrind)

# ingest_fails NAME FILE PATTERN: exit 2, nothing on stdout, stderr exactly
# one "mssdoc: " line that matches PATTERN (grep -E).
ingest_fails() {
  local name=$1 file=$2 pattern=$3
  $G "$MSSDOC" ingest --validate "$file" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  check_eq "$name: exit 2, one message, no output" "2 1 1 0" \
    "$rc $(wc -l <"$TMP/err") $(grep -c '^mssdoc: ' "$TMP/err") $(wc -c <"$TMP/out")"
  if grep -qE -- "$pattern" "$TMP/err"; then ok "$name: the message says what is wrong"; else
    not_ok "$name: the message says what is wrong (/$pattern/)"
    head -3 "$TMP/err" | sed 's/^/#   /'
  fi
}

# no_controls NAME FILE: no C0 control but newline, no DEL and no C1
# control (raw, or as an XML character reference) in FILE.
no_controls() {
  local n
  n=$(LC_ALL=C tr -cd '\000-\010\013\014\016-\037\177' <"$2" | wc -c)
  n=$((n + $(LC_ALL=C grep -c $'\xc2[\x80-\x9f]\|&#x*[0-9a-fA-F]*;' "$2")))
  check_eq "$1: no control characters" "0" "$n"
}

# ingest_ok NAME FILE: exit 0; the record set ($TMP/NAME.xml) validates
# and, like its JSON export ($TMP/NAME.json), holds no control character.
ingest_ok() {
  local name=$1 file=$2
  rm -f "$TMP/$name.xml"
  $G "$MSSDOC" ingest --validate "$file" -o "$TMP/$name.xml" 2>"$TMP/$name.err"
  local rc=$?
  check_eq "$name: ingests (exit 0)" "0" "$rc"
  [ "$rc" -eq 0 ] || { sed 's/^/#   /' "$TMP/$name.err" | tail -3; return; }
  check_cmd "$name: the record set validates (xmllint)" \
    xmllint --noout --stream --relaxng "$RNG" "$TMP/$name.xml"
  $G "$MSSDOC" -d "$TMP/$name.xml" export -f json >"$TMP/$name.json"
  no_controls "$name: XML" "$TMP/$name.xml"
  check_eq "$name: JSON strings hold no control character" "0" \
    "$(jq '[.. | strings | select(test("[\u0000-\u0009\u000b-\u001f\u007f-\u009f]"))] | length' "$TMP/$name.json")"
}

# badbytes NAME: the lines of NAME's bad-bytes diagnostics, from the JSON.
badbytes() {
  jq -r '[.diagnostics[] | select(.kind == "bad-bytes") | .line] | join(" ")' "$TMP/$1.json"
}

# ---- files that are not there or not readable ----
ingest_fails "missing file" "$TMP/missing.txt" 'cannot open .*missing\.txt: No such file'
mkdir "$TMP/dir"
ingest_fails "a directory" "$TMP/dir" 'dir is a directory'
cp "$A" "$TMP/unreadable.txt"
chmod 000 "$TMP/unreadable.txt"
if [ "$(id -u)" -ne 0 ]; then
  ingest_fails "unreadable file" "$TMP/unreadable.txt" 'unreadable\.txt: Permission denied'
elif command -v setpriv >/dev/null &&
  setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
  # root reads anything: run as nobody (who may pass through $TMP)
  chmod 711 "$TMP"
  setpriv --reuid=nobody --regid=nogroup --clear-groups \
    $G "$MSSDOC" ingest --validate "$TMP/unreadable.txt" >"$TMP/out" 2>"$TMP/err"
  check_eq "unreadable file (as nobody): exit 2" "2" "$?"
  check_eq "unreadable file (as nobody): one message" "1" \
    "$(grep -c 'unreadable\.txt: Permission denied' "$TMP/err")"
  chmod 700 "$TMP"
else
  skip 2 "unreadable file" "running as root without setpriv"
fi
truncate -s 1100M "$TMP/huge.txt"
ingest_fails "a file over 1 GiB" "$TMP/huge.txt" 'huge\.txt is 1100 MiB, larger than the largest article mssdoc reads \(128 MiB\)'
rm -f "$TMP/huge.txt"

# ---- files that are not article dumps ----
: >"$TMP/empty.txt"
ingest_fails "empty file" "$TMP/empty.txt" 'empty\.txt is empty'
printf '\xef\xbb\xbf' >"$TMP/bom-only.txt"
ingest_fails "a byte-order mark only" "$TMP/bom-only.txt" 'bom-only\.txt is empty'
printf '  \r\n\t\n\n   \r\n' >"$TMP/blank.txt"
ingest_fails "white space only" "$TMP/blank.txt" 'blank\.txt holds only white space'
head -c 4096 /bin/sh >"$TMP/elf.bin"
ingest_fails "a binary (ELF)" "$TMP/elf.bin" 'elf\.bin is binary data, not an article dump'
head -c 65536 /dev/urandom >"$TMP/random.bin"
ingest_fails "random bytes" "$TMP/random.bin" 'random\.bin is binary data'
printf '\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\n' >"$TMP/nuls.txt"
ingest_fails "NUL bytes only" "$TMP/nuls.txt" 'nuls\.txt is binary data'
"$MSSDOC" export -f json >"$TMP/records.json.txt"
ingest_fails "a JSON record set" "$TMP/records.json.txt" 'not an article dump'
"$MSSDOC" export >"$TMP/records.xml.txt"
ingest_fails "an XML record set named .txt" "$TMP/records.xml.txt" 'not an article dump'
seq 1 5000 >"$TMP/numbers.txt"
ingest_fails "a column of numbers" "$TMP/numbers.txt" 'not an article dump \(no paragraph of prose found\)'
head -c 8388608 /dev/zero | tr '\0' 'a' >"$TMP/one-line.txt"
ingest_fails "one 8 MiB line and nothing else" "$TMP/one-line.txt" 'not an article dump'

# ---- bad bytes inside the article ----
# A paragraph and a row of the bureau table, each with a NUL, ESC
# sequences, DEL, a lone 0xFF, an overlong "/", a UTF-16 surrogate, the
# noncharacter U+FFFE, the C1 control CSI, BEL, VT and FF.
para=$(grep -n '^The stated mission' "$A" | cut -d: -f1)
row=$(($(grep -n '^Bureau No' "$A" | cut -d: -f1) + 3))
{
  head -n $((para - 1)) "$A"
  printf 'The \0stated\033[31m mission\x7f of \xff the \xc0\xaf MSS \xed\xa0\x80 is \xef\xbf\xbe to \xc2\x9b2J ensure\x07\x0b\x0c '
  sed -n "${para}p" "$A" | cut -d' ' -f6-
  sed -n "$((para + 1)),$((row - 1))p" "$A"
  printf '3 Political\0 and Eco\033[1mnomic Intelligence\xff Division Responsible for gathering political,\x7f '
  sed -n "${row}p" "$A" | cut -d' ' -f11-
  tail -n +$((row + 1)) "$A"
} >"$TMP/bad.txt"
ingest_ok badbytes "$TMP/bad.txt"
check_eq "bad bytes: one diagnostic for each damaged line, naming it" \
  "$para $row" "$(badbytes badbytes)"
check_eq "bad bytes: reported on stderr as FILE:LINE: bad-bytes" "2" \
  "$(grep -cE "bad\.txt:($para|$row): bad-bytes: [0-9]+ invalid UTF-8 or control bytes? replaced" "$TMP/badbytes.err")"
check_eq "bad bytes: the table row with a bad byte still yields its bureau" \
  "17 3 $row true true" \
  "$(jq -r '(.bureaus | length | tostring) + " " + (.bureaus[2] | "\(.number) \(.line) \(.division | test("^Political.*Intelligence.*Division$")) \(.directive | startswith("Responsible for gathering political,"))")' "$TMP/badbytes.json")"
check_eq "bad bytes: replaced by U+FFFD in the paragraph's text" "true" \
  "$(jq --argjson l "$para" '.paragraphs[] | select(.line == $l) | .text | startswith("The \ufffdstated\ufffd[31m mission\ufffd of \ufffd the")' "$TMP/badbytes.json")"
{
  printf 'Ministry of State \xff Security\n'
  tail -n +2 "$A"
} >"$TMP/badtitle.txt"
ingest_ok badtitle "$TMP/badtitle.txt"
check_eq "a bad byte in the title: replaced and reported at line 1" "1" "$(badbytes badtitle)"

# ---- line ends and byte-order marks ----
"$MSSDOC" ingest --validate "$A" -o "$TMP/plain.xml" 2>/dev/null
"$MSSDOC" -d "$TMP/plain.xml" export -f json | jq -S 'del(.article.sha256, .article.source)' >"$TMP/plain.json"
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$A"; } >"$TMP/crlf.txt"
tr '\n' '\r' <"$A" >"$TMP/cr.txt"
for v in crlf cr; do
  ingest_ok "$v" "$TMP/$v.txt"
  check_files "$v: the same records as the LF original" "$TMP/plain.json" \
    <(jq -S 'del(.article.sha256, .article.source)' "$TMP/$v.json")
done

# ---- truncated files ----
# In the middle of reference 40's line: references 1-40 survive, the last
# one cut short.
cut=$(($(grep -b '^ *40\. \^' "$A" | cut -d: -f1) + 40))
head -c "$cut" "$A" >"$TMP/trunc.txt"
ingest_ok trunc "$TMP/trunc.txt"
check_eq "truncated in the reference list: references 1-40, the last cut short" \
  "40 1 40 $(tail -n 1 "$TMP/trunc.txt" | sed 's/^ *40\. ^ //')" \
  "$(jq -r '"\(.references | length) \(.references[0].number) \(.references[-1].number) \(.references[-1].text)"' "$TMP/trunc.json")"
# Every number cited in the text past the last surviving reference is
# named by a lost-reference diagnostic (counted here with grep, apart from
# the ingest) at the line of its first citation: one diagnostic per line,
# its numbers written as runs ("41–45 and 47"), expanded here.
want=$(grep -v '^ *[0-9]*\. ^' "$TMP/trunc.txt" | grep -o '\[[0-9]*\]' | tr -d '[]' |
  awk '$1 > 40' | sort -un | tr '\n' ' ')
check_eq "truncated in the reference list: a lost-reference for each number cited past it" \
  "$want" "$(jq -r '[.diagnostics[] | select(.kind == "lost-reference") | .message
    | capture(" cites? references? (?<l>.*), which ").l | split(", ")[] | split(" and ")[]
    | split("–") | map(tonumber) | if length == 2 then range(.[0]; .[1] + 1) else .[0] end]
    | sort | map(tostring + " ") | add' "$TMP/trunc.json")"
first=$(grep -n '\[41\]' "$TMP/trunc.txt" | head -1 | cut -d: -f1)
check_eq "truncated in the reference list: reported on stderr at the first citation's line" \
  "1" "$(grep -c "trunc\.txt:$first: lost-reference: \[41\][] –\[]" "$TMP/trunc.err")"
# In the middle of a UTF-8 sequence: the torn character is a bad byte.
head -c "$(($(grep -bo '国家安全部' "$A" | head -1 | cut -d: -f1) + 2))" "$A" >"$TMP/torn.txt"
printf 'x' >>"$TMP/torn.txt"
torn_line=$(wc -l <"$TMP/torn.txt")
{
  cat "$TMP/torn.txt"
  printf '\n\nA paragraph of prose after it, long enough to count as one, with a dozen words or more. It ends here.\n'
} >"$TMP/torn2.txt"
ingest_ok torn "$TMP/torn2.txt"
check_eq "a character torn in two: reported on its line" "$((torn_line + 1))" "$(badbytes torn)"

# ---- long lines ----
{
  cat "$A"
  printf '\n\n'
  yes 'lorem ipsum dolor sit amet' | head -c 8388608 | tr '\n' ' '
} >"$TMP/long.txt"
ingest_ok long "$TMP/long.txt"
check_eq "an 8 MiB last line without a newline: one paragraph, all of it" \
  "321 $(tail -n 1 "$TMP/long.txt" | sed 's/ *$//' | tr -d '\n' | wc -c)" \
  "$(jq -r '"\(.article.lines) \(.paragraphs[-1].text | utf8bytelength)"' "$TMP/long.json")"

# ---- reading from pipes ----
"$MSSDOC" ingest --validate - <"$A" >"$TMP/stdin.xml" 2>/dev/null
check_eq "ingest - reads standard input" "0" "$?"
$G "$MSSDOC" ingest --validate <(cat "$A") -o "$TMP/pipe.xml" 2>/dev/null
check_eq "ingest of a pipe (no size known in advance)" "0 $(grep -c '<bureau ' "$TMP/plain.xml")" \
  "$? $(grep -c '<bureau ' "$TMP/pipe.xml")"

# ---- a volume: the article 16 times ----
for _ in $(seq 16); do cat "$A"; printf '\n\n'; done >"$TMP/volume.txt"
ingest_ok volume "$TMP/volume.txt"
counts='"\(.bureaus | length) \(.heads | length) \(.references | length)"'
check_eq "volume: every copy's bureaus, heads and references" \
  "$(jq -r "$counts" "$TMP/plain.json" | awk '{ print 16 * $1, 16 * $2, 16 * $3 }')" \
  "$(jq -r "$counts" "$TMP/volume.json")"
check_eq "volume: section ids stay unique" "0" \
  "$(jq '[.sections[].id] | length - (unique | length)' "$TMP/volume.json")"
# Peak memory (only for the plain build: sanitizers and valgrind add their
# own): at most 8 x the input + 16 MiB.
if ! plain_build; then
  : # peak memory means something only in the plain build (see lib.sh)
elif [ -x /usr/bin/time ]; then
  rss=$(/usr/bin/time -f %M "$MSSDOC" ingest --validate "$TMP/volume.txt" -o "$TMP/v2.xml" 2>&1 >/dev/null | tail -n 1)
  bound=$(($(stat -c %s "$TMP/volume.txt") * 8 / 1024 + 16384))
  if [ "$rss" -le "$bound" ]; then ok "volume: peak RSS $rss KiB <= 8 x input + 16 MiB ($bound KiB)"; else
    not_ok "volume: peak RSS $rss KiB <= 8 x input + 16 MiB ($bound KiB)"
  fi
else
  skip 1 "volume: peak RSS" "no /usr/bin/time (Debian package time)"
fi
# 100 MB: in the plain build only (about 20 CPU-s; far more under a checker).
if plain_build; then
  for _ in $(seq 1800); do cat "$A"; printf '\n'; done >"$TMP/big.txt"
  $G "$MSSDOC" ingest --validate "$TMP/big.txt" -o "$TMP/big.xml" 2>/dev/null
  check_eq "100 MB: ingests" "0 $((1800 * 17))" "$? $(grep -c '<bureau ' "$TMP/big.xml")"
  rm -f "$TMP/big.txt" "$TMP/big.xml"
fi

# ---- no half files ----
printf 'an existing file\n' >"$TMP/keep.xml"
cp "$TMP/keep.xml" "$TMP/keep.orig"
"$MSSDOC" ingest --validate "$TMP/numbers.txt" -o "$TMP/keep.xml" 2>/dev/null
check_eq "failed ingest -o: exit 2" "2" "$?"
check_cmd "failed ingest -o: the existing OUT survives byte for byte" \
  cmp "$TMP/keep.orig" "$TMP/keep.xml"
"$MSSDOC" ingest --validate "$A" -o "$TMP/keep.xml" 2>/dev/null
check_cmd "ingest -o: replaces OUT with a valid record set" \
  xmllint --noout --relaxng "$RNG" "$TMP/keep.xml"
check_eq "ingest -o: no temporary file left beside OUT" "" \
  "$(cd "$TMP" && ls -d keep.xml.* 2>/dev/null)"
"$MSSDOC" ingest --validate "$A" -o "$TMP/no/such/dir/out.xml" 2>"$TMP/err"
check_eq "ingest -o into a missing directory: exit 2, says so" "2 1" \
  "$? $(grep -c 'cannot write .*out\.xml: No such file or directory' "$TMP/err")"
"$MSSDOC" ingest --validate "$A" -o /dev/full 2>"$TMP/err"
check_eq "ingest -o /dev/full: exit 2, says so, the device stays" "2 1 yes" \
  "$? $(grep -c 'cannot write /dev/full: No space left on device' "$TMP/err") $([ -c /dev/full ] && echo yes)"
# A disk that fills up while the XML streams into the temporary file: a
# file-size limit (SIGXFSZ ignored, so write() fails with EFBIG).
cp "$TMP/keep.xml" "$TMP/keep.before"
(
  trap '' XFSZ
  ulimit -f 64 # 64 KiB: the article's XML is larger
  "$MSSDOC" ingest --validate "$A" -o "$TMP/keep.xml" 2>"$TMP/err"
)
check_eq "ingest -o, the disk full midway: exit 2, one message that says so" \
  "2 1 1" "$? $(grep -c 'cannot write .*keep\.xml: File too large' "$TMP/err") \
$(grep -vc "^$A:" "$TMP/err")"
check_cmd "ingest -o, the disk full midway: OUT survives byte for byte" \
  cmp "$TMP/keep.before" "$TMP/keep.xml"
check_eq "ingest -o, the disk full midway: no temporary file left" "" \
  "$(cd "$TMP" && ls -d keep.xml.* 2>/dev/null)"
mkfifo "$TMP/fifo"
timeout 600 cat "$TMP/fifo" >"$TMP/fifo.out" &
$G "$MSSDOC" ingest --validate "$A" -o "$TMP/fifo" 2>/dev/null
rc=$?
wait
check_eq "ingest -o FIFO: writes into it, does not replace it" "0 yes" \
  "$rc $([ -p "$TMP/fifo" ] && echo yes)"
check_cmd "ingest -o FIFO: what came out validates" \
  xmllint --noout --relaxng "$RNG" "$TMP/fifo.out"
"$MSSDOC" export >/dev/full 2>"$TMP/err"
check_eq "export >/dev/full: exit 2 and a message" "2 1" \
  "$? $(grep -c '^mssdoc: cannot write' "$TMP/err")"
"$MSSDOC" ingest --validate "$A" >/dev/full 2>"$TMP/err"
check_eq "ingest >/dev/full: exit 2 and a message" "2 1" \
  "$? $(grep -c '^mssdoc: cannot write' "$TMP/err")"

# views_replay DUMP: every view of DUMP in every format; its status is the
# worst one's (a signal beats 2), and a control byte in any output is 3.
views_replay() {
  local worst=0 rc v f
  for v in read toc timeline check "show references" "show heads" \
    "show sections" "show infobox" "search the"; do
    for f in text markdown html man json xml csv; do
      # shellcheck disable=SC2086
      $G "$MSSDOC" -d "$1" -f "$f" $v >"$TMP/v.out"
      rc=$?
      [ "$rc" -gt "$worst" ] && worst=$rc
      [ "$(LC_ALL=C tr -cd '\000-\010\013\014\016-\037\177' <"$TMP/v.out" | wc -c)" = 0 ] || worst=3
    done
  done
  return "$worst"
}

# ---- fuzzing regressions: every input a fuzzer crashed on, replayed ----
# tests/fuzz/regressions/TARGET-NAME, through the command line: each must
# end in exit 0, 1 or 2 (never a signal or a sanitizer report), and an
# ingest never in an "internal error" (a record set that does not validate).
for f in "$ROOT"/tests/fuzz/regressions/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  case $name in
  ingest-*) $G "$MSSDOC" ingest --validate "$f" -o "$TMP/r.xml" ;;
  xml-*) cp "$f" "$TMP/r.xml" && $G "$MSSDOC" -d "$TMP/r.xml" export ;;
  refparse-*) { cat "$A"; printf '\n\nReferences\n\n  1. ^ '; tr -d '\n\r' <"$f"; printf '\n'; } >"$TMP/r.txt" &&
    $G "$MSSDOC" ingest --validate "$TMP/r.txt" ;;
  dates-*) { head -n 1 "$A"; printf '\nSome paragraph of prose with words enough for twelve of them. Then: '; tr -d '\n\r' <"$f"; printf '\n'; } >"$TMP/r.txt" &&
    $G "$MSSDOC" ingest --validate "$TMP/r.txt" ;;
  selector-*) $G "$MSSDOC" read "$(tr -d '\0' <"$f")" ;;
  views-*) cp "$f" "$TMP/r.txt" && views_replay "$TMP/r.txt" ;;
  *) false ;;
  esac >/dev/null 2>"$TMP/err"
  rc=$?
  if [ "$rc" -le 2 ] && ! grep -q 'Sanitizer\|runtime error\|internal error' "$TMP/err"; then
    ok "fuzz regression $name: exit $rc"
  else
    not_ok "fuzz regression $name: exit $rc"
    head -5 "$TMP/err" | sed 's/^/#   /'
  fi
done
