# c_xml.sh: every XML document mssdoc writes, read by xmllint --noout:
# each command whose formats (mssdoc help COMMAND) include xml, every kind
# of show that has it, export and ingest, and query -f xml for each shape
# of result (node-sets of elements, attributes, text and namespaces, one
# node, the root, none; a number, NaN, a string with markup characters, a
# boolean).  Each must be non-empty and make xmllint print nothing; a
# broken document must make it complain (so that the checks can fail).
. "$TESTS/lib.sh"
export NO_COLOR=1 COLUMNS=80 MSSDOC_PAGER=cat
unset MSSDOC_DATA

# Each line: the arguments after mssdoc (shell-quoted).
cases=(
  "-f xml show bureaus" "-f xml show ministers" "-f xml show heads"
  "-f xml show sections" "-f xml show incidents" "-f xml show references"
  "-f xml show infobox" "-f xml show heads --at 2010"
  "-f xml timeline" "-f xml timeline --all" "-f xml timeline --grep spy"
  "-f xml cite 5" "-f xml cite 11" "-f xml cite 1 4"
  "-f xml check" "export" "-f xml export" "ingest data/mss.txt"
  "-f xml query '//bureau/division'"
  "-f xml query '//bureau[@number=8]'"
  "-f xml query '//head/@name'"
  "-f xml query '//bureau[1] | //bureau[1]/@* | //bureau[1]/division/text()'"
  "-f xml query '//timeline/event[1]/text()'"
  "-f xml query '/'"
  "-f xml query '/records/namespace::*'"
  "-f xml query '//nothing'"
  "-f xml query 'count(//reference)'"
  "-f xml query '0 div 0'"
  "-f xml query 'string(//article/@title)'"
  "-f xml query 'concat(\"<a & b>\", \" ]]> \")'"
  "-f xml query 'count(//reference) > 80'"
)
plan $((1 + ${#cases[@]} + 1))

# The list covers every command that writes xml (mssdoc help).
want=$("$MSSDOC" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p; s/^  \([a-z][a-z]*\)$/\1/p' |
  while read -r c; do
    "$MSSDOC" help "$c" | grep -q '^formats (-f):.*\bxml\b' && echo "$c"
  done | sort -u | tr '\n' ' ')
have=$(printf '%s\n' "${cases[@]}" | sed 's/^-f xml //' | cut -d' ' -f1 | sort -u | tr '\n' ' ')
if [ -z "$want" ]; then
  not_ok "the cases have every command that writes xml: help names none"
else
  check_eq "the cases have every command whose formats include xml" "$want" "$have"
fi

if ! command -v xmllint >/dev/null; then
  skip $((${#cases[@]} + 1)) "xmllint --noout" "xmllint is not installed (apt-get install libxml2-utils)"
  exit 0
fi
for c in "${cases[@]}"; do
  eval "set -- $c"
  (cd "$ROOT" && "$MSSDOC" "$@") >"$TMP/out.xml" 2>/dev/null
  # "<?xml" first: a document, not an empty file (which xmllint refuses
  # too, but say so plainly)
  check_eq "xmllint --noout: mssdoc $c" "<?xml" \
    "$(head -c 5 "$TMP/out.xml")$(xmllint --noout "$TMP/out.xml" 2>&1)"
done

# The check can fail: two roots, as query -f xml once wrote.
printf '<?xml version="1.0"?>\n<division>a</division>\n<division>b</division>\n' >"$TMP/bad.xml"
check_eq "xmllint --noout complains about a document with two roots" "1" \
  "$(xmllint --noout "$TMP/bad.xml" 2>&1 | grep -c -m1 'Extra content at the end of the document')"
