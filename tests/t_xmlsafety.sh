# t_xmlsafety.sh: `-d FILE.xml` trusts nothing in the file.  No network,
# no DTD, no entity expansion (XXE, billion laughs), no deep nesting; a
# record set that does not validate is refused with the schema's error and
# its line; numbers and references that validate but point nowhere crash
# no command.  `timeout` is a hang guard only, never a speed assertion.
. "$TESTS/lib.sh"
plan 71
X="$TMP/mss.xml"
"$MSSDOC" export >"$X"
G="timeout 20"

# refused NAME FILE PATTERN [COMMAND...]: `mssdoc -d FILE COMMAND` (default
# export) ends with exit 2 and one "mssdoc: " line matching PATTERN,
# nothing on stdout, and no /etc/passwd content anywhere.
refused() {
  local name=$1 file=$2 pattern=$3
  shift 3
  [ $# -gt 0 ] || set -- export
  $G "$MSSDOC" -d "$file" "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  check_eq "$name: exit 2, one message, no output" "2 1 1 0" \
    "$rc $(wc -l <"$TMP/err") $(grep -c '^mssdoc: .* is not a valid record set: ' "$TMP/err") $(wc -c <"$TMP/out")"
  if grep -qE -- "$pattern" "$TMP/err"; then ok "$name: the message says why"; else
    not_ok "$name: the message says why (/$pattern/)"
    head -3 "$TMP/err" | sed 's/^/#   /'
  fi
  check_eq "$name: nothing of /etc/passwd leaks" "0" \
    "$(cat "$TMP/out" "$TMP/err" | grep -c 'root:.*:0:0:')"
}

# with_doctype DECL: the record set with DECL after the XML declaration and
# the entity reference &x; at the start of the first paragraph's text.
with_doctype() {
  { head -n 1 "$X"; printf '%s\n' "$1"; tail -n +2 "$X"; } |
    sed '0,/<text>/s//<text>\&x;/'
}

# ---- entities and DTDs ----
with_doctype '<!DOCTYPE records [<!ENTITY x SYSTEM "file:///etc/passwd">]>' >"$TMP/xxe.xml"
refused "XXE (external entity file:///etc/passwd)" "$TMP/xxe.xml" \
  'line 2: a record set has no DOCTYPE'
refused "XXE, read through read" "$TMP/xxe.xml" 'no DOCTYPE' read
with_doctype '<!DOCTYPE records [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p; <!ENTITY x "x">]>' >"$TMP/pe.xml"
refused "external parameter entity" "$TMP/pe.xml" 'line 2: a record set has no DOCTYPE'
with_doctype '<!DOCTYPE records SYSTEM "http://127.0.0.1:9/records.dtd">' >"$TMP/ext.xml"
refused "external DTD over the network" "$TMP/ext.xml" 'line 2: a record set has no DOCTYPE'
{
  echo '<!DOCTYPE records ['
  echo '<!ENTITY x0 "lollollollollollollollollollollollollollollollollollol">'
  for i in $(seq 1 12); do
    printf '<!ENTITY x%d "' "$i"
    for _ in $(seq 10); do printf '&x%d;' $((i - 1)); done
    printf '">\n'
  done
  echo ']>'
} >"$TMP/laughs.dtd"
with_doctype "$(cat "$TMP/laughs.dtd")" | sed 's/&x;/\&x12;/' >"$TMP/laughs.xml"
refused "billion laughs" "$TMP/laughs.xml" 'line 2: a record set has no DOCTYPE'
with_doctype "$(cat "$TMP/laughs.dtd")" | sed 's/title="/title="\&x12;/' >"$TMP/laughs-attr.xml"
refused "billion laughs in an attribute" "$TMP/laughs-attr.xml" 'no DOCTYPE'
with_doctype "<!DOCTYPE records [<!ENTITY x \"$(head -c 100000 /dev/zero | tr '\0' 'x')\">]>" |
  sed "s/&x;/$(printf '\&x;%.0s' $(seq 2000))/" >"$TMP/quadratic.xml"
refused "quadratic blowup (one big entity used 2000 times)" "$TMP/quadratic.xml" 'no DOCTYPE'
# The same declaration in UTF-16: a byte scan cannot see it; the parsed
# document's DTD is refused all the same.
iconv -f UTF-8 -t UTF-16 "$TMP/xxe.xml" >"$TMP/xxe16.xml"
refused "XXE in UTF-16" "$TMP/xxe16.xml" 'no DOCTYPE'
# Character references to control characters: ESC is not XML 1.0 (refused,
# also under a 1.1 declaration); C1 controls, DEL and CR are XML, but are
# replaced before any output sees them.
sed '0,/<text>/s//<text>\&#27;[2J/' "$X" >"$TMP/esc.xml"
refused "ESC as a character reference" "$TMP/esc.xml" 'line [0-9]+: .*invalid xmlChar value 27'
sed -e '1s/version="1.0"/version="1.1"/' "$TMP/esc.xml" >"$TMP/esc11.xml"
refused "ESC under an XML 1.1 declaration" "$TMP/esc11.xml" 'invalid xmlChar value 27'
sed '0,/<text>/s//<text>\&#x9B;2J\&#x7F;\&#13;\&#x85;/' "$X" >"$TMP/c1.xml"
"$MSSDOC" -d "$TMP/c1.xml" read >"$TMP/c1.read" 2>&1
"$MSSDOC" -d "$TMP/c1.xml" export -f json >"$TMP/c1.json" 2>&1
"$MSSDOC" -d "$TMP/c1.xml" export >"$TMP/c1.out" 2>&1
check_eq "C1, DEL and CR references: replaced in read, export and JSON" "0 0 0 4" \
  "$(for f in c1.read c1.out c1.json; do LC_ALL=C grep -c $'\xc2[\x80-\x9f]\|\x7f\|\r\|&#' "$TMP/$f"; done | tr '\n' ' ')$(grep -o '\\ufffd\|�' "$TMP/c1.json" | head -4 | wc -l)"

# ---- nesting ----
{
  echo '<?xml version="1.0"?>'
  printf '<records schema="mssdoc/1">'
  for _ in $(seq 1000); do printf '<a><a><a><a><a><a><a><a><a><a>'; done
  for _ in $(seq 9000); do printf '<a><a><a><a><a><a><a><a><a><a>'; done
} >"$TMP/deep.xml"
refused "100000 nested elements" "$TMP/deep.xml" 'line 2: elements nested too deep'

# ---- the schema, with the line of its first error ----
line_of() { grep -n -m1 -- "$1" "$2" | cut -d: -f1; }
sed '0,/<bureau number="3"/s//<bureau number="-1"/' "$X" >"$TMP/neg.xml"
refused "a reference number of -1" "$TMP/neg.xml" \
  "line $(line_of 'number="-1"' "$TMP/neg.xml"): .*doesn't allow value '-1'"
sed '0,/<reference number="3"/s//<reference number="1000000000000"/' "$X" >"$TMP/huge.xml"
refused "a reference number of 10^12" "$TMP/huge.xml" \
  "line $(line_of 'number="1000000000000"' "$TMP/huge.xml"): "
sed '0,/<section id="lead"/s//<section id="..\/..\/etc"/' "$X" >"$TMP/dots.xml"
refused "a section id with ../" "$TMP/dots.xml" \
  "line $(line_of 'id="../../etc"' "$TMP/dots.xml"): "
sed '0,/<citation ref="[0-9]*"/s//<citation ref="99999999999999999999"/' "$X" >"$TMP/overflow.xml"
refused "a number past 64 bits" "$TMP/overflow.xml" \
  "line $(line_of '99999999999999999999' "$TMP/overflow.xml"): "
sed '0,/<bureaus>/s//<bureaus><surprise\/>/' "$X" >"$TMP/extra.xml"
refused "an element the schema does not know" "$TMP/extra.xml" \
  "line $(line_of '<surprise' "$TMP/extra.xml"): "
# A date that is not EDTF: the schema takes any text, mssdoc checks the
# syntax itself (a pattern there cost a regex compiled per value).
sed '0,/<event date="[^"]*"/s//<event date="June 1983"/' "$X" >"$TMP/date.xml"
refused "an event date that is not EDTF" "$TMP/date.xml" \
  "line $(line_of 'date="June 1983"' "$TMP/date.xml"): date=\"June 1983\" is not an EDTF date"
sed '0,/left_office="[^"]*"/s//left_office="1983-6"/' "$X" >"$TMP/left.xml"
refused "a left_office that is not EDTF" "$TMP/left.xml" \
  "line $(line_of 'left_office="1983-6"' "$TMP/left.xml"): left_office=\"1983-6\" is not an EDTF date"
sed 's/<records schema="mssdoc\/1"/<records schema="mssdoc\/2"/' "$X" >"$TMP/v2.xml"
refused "another schema version" "$TMP/v2.xml" 'line 2: '
printf '<?xml version="1.0"?>\n<records schema="mssdoc/1">\n  <article title="t"' >"$TMP/cut.xml"
refused "a record set cut short" "$TMP/cut.xml" 'line [0-9]+: '
printf 'not xml at all\n' >"$TMP/text.xml"
refused "a text file named .xml" "$TMP/text.xml" 'line 1: '
"$MSSDOC" -f xml show bureaus >"$TMP/group.xml" 2>/dev/null
refused "one group of records, not a whole set" "$TMP/group.xml" 'one group of records'

# ---- numbers and references that validate but point nowhere ----
# An offset past the end of its text, refs and offsets of different
# lengths, sections, paragraphs and references that do not exist, EDTF
# dates with month 99, the largest line number, an empty title.
sed -e '0,/<section id="lead" title="Lead" inferred="false" level="1"/s//<section id="lead" title="" inferred="false" parent="nosuch" level="3"/' \
  -e '0,/<paragraph id="p1" section="lead" line="20" kind="body" refs="2 3 4" ref_offsets="[0-9 ]*"/s//<paragraph id="p1" section="nosuch" line="2147483647" kind="body" refs="0 2147483647 4 999999" ref_offsets="2147483647 0 5"/' \
  -e '0,/took_office="1939" left_office="1949"/s//took_office="2021-99-99" left_office="0000"/' \
  -e '0,/<event date="[^"]*" section="[^"]*"/s//<event date="999X\/0000-00-00" section="nosuch"/' \
  -e '0,/<reference number="1" backlinks="1"/s//<reference number="0" backlinks="2147483647"/' \
  -e '0,/<citation ref="2" paragraph="p1"/s//<citation ref="999999" paragraph="p99999"/' \
  -e 's/<article title="[^"]*"/<article title=""/' \
  -e '/<paragraph id="p2" /s/ref_offsets="[0-9]*/ref_offsets="99999999/' "$X" >"$TMP/hostile.xml"
check_cmd "the hostile record set validates (so only mssdoc stands guard)" \
  xmllint --noout --relaxng "$ROOT/data/records.rng" "$TMP/hostile.xml"
check_eq "the hostile record set has every planted oddity" "8" \
  "$(grep -c 'parent="nosuch"\|refs="0 2147483647 4 999999"\|took_office="2021-99-99"\|date="999X/0000-00-00"\|<reference number="0" backlinks="2147483647"\|paragraph="p99999"\|<article title=""\|ref_offsets="99999999' "$TMP/hostile.xml")"
"$MSSDOC" -d "$TMP/hostile.xml" read >/dev/null 2>"$TMP/err"
check_eq "read with an offset past the text's end: no crash" "0" "$?"
ALL=(read "read 1" "read lead" toc "search ministry" timeline
  "timeline --from 0 --to 9999" "show bureaus" "show ministers" "show heads"
  "show sections" "show incidents" "show references" "show infobox"
  "show people" "cite 0" "cite 1" "cite 4" "cite 999999" "cite 2147483647"
  "who kang" "who sheng" check export "query //paragraph[1]"
  "query count(//*)")
SOME=(read toc timeline "show heads" "show references" "show people"
  "cite 1 4" "who kang" check)
crashed=
for f in text markdown html man json xml csv bibtex ris csl; do
  case $f in text | json | xml) set -- "${ALL[@]}" ;; *) set -- "${SOME[@]}" ;; esac
  for args in "$@"; do
    # shellcheck disable=SC2086 # words of args are the arguments
    $G "$MSSDOC" -d "$TMP/hostile.xml" -f "$f" $args >/dev/null 2>"$TMP/err"
    rc=$?
    if [ "$rc" -gt 2 ] || grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
      crashed="$crashed [-f $f $args: exit $rc]"
    fi
  done
done
check_eq "every command, every format, on the hostile set: exit 0, 1 or 2" "" "$crashed"
