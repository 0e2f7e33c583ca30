# t_conventions.sh: --help, --version, help COMMAND, the man page,
# completions, make install, exit codes and the error line's shape.
. "$TESTS/lib.sh"
plan 30
export NO_COLOR=1 MSSDOC_PAGER=cat
unset MSSDOC_DATA

"$MSSDOC" --help >"$TMP/help" 2>&1
check_eq "--help exits 0 and lists every command" "0 14" \
  "$? $(grep -cE '^  (read|toc|search|show|timeline|cite|who|query|ingest|export|check|fetch|revisions|diff)( |$)' "$TMP/help")"
check_eq "--version prints the version" "mssdoc $(sed -n 's/^#define MSSDOC_VERSION "\(.*\)"/\1/p' "$ROOT/include/mssdoc/mssdoc.h")" \
  "$("$MSSDOC" --version)"
"$MSSDOC" help cite >"$TMP/hc"
check_eq "help COMMAND gives its usage and formats" "0 1 1" \
  "$? $(grep -c '^usage: mssdoc \[OPTIONS\] cite N' "$TMP/hc") $(grep -c 'bibtex' "$TMP/hc")"
"$MSSDOC" help frobnicate 2>"$TMP/err" >/dev/null
check_eq "help of an unknown command is an error" "2 1" "$? $(grep -c '^mssdoc: ' "$TMP/err")"
"$MSSDOC" frobnicate 2>"$TMP/err" >/dev/null
check_eq "an unknown command: exit 2, one line naming the commands" "2 1" \
  "$? $(grep -c "^mssdoc: no command 'frobnicate'; commands: read, " "$TMP/err")"
"$MSSDOC" >/dev/null 2>"$TMP/err"
check_eq "no command: usage on stderr, exit 2" "2 1" "$? $(grep -c '^usage:' "$TMP/err")"
for w in 0 -5 100000 abc; do
  "$MSSDOC" --width "$w" toc >/dev/null 2>"$TMP/err"
  check_eq "--width $w is a usage error" "2 1" "$? $(grep -c '^mssdoc: --width' "$TMP/err")"
done
"$MSSDOC" --color sometimes toc >/dev/null 2>"$TMP/err"
check_eq "--color takes always/never/auto" "2" "$?"
"$MSSDOC" -f >/dev/null 2>"$TMP/err"
check_eq "an option without its value is an error" "2 1" "$? $(grep -c 'needs a value' "$TMP/err")"
"$MSSDOC" export >/dev/full 2>"$TMP/err"
check_eq "a full disk is an exit-2 error, not silence" "2 1" \
  "$? $(grep -c '^mssdoc: cannot write the output: No space left on device' "$TMP/err")"
"$MSSDOC" export 2>"$TMP/err" | head -c 10 >/dev/null
check_eq "a closed pipe ends quietly" "" "$(cat "$TMP/err")"

# The man page, built from markdown by cmark, renders without warnings.
man="$BUILD/mssdoc.1"
if command -v man >/dev/null; then
  MANWIDTH=80 man --warnings -l "$man" >"$TMP/man.txt" 2>"$TMP/man.err"
  check_eq "mssdoc(1) renders without warnings" "" "$(cat "$TMP/man.err")"
  check_eq "mssdoc(1) documents every command" "14" \
    "$(grep -cE '^       (read|toc|search|show|timeline|cite|who|query|ingest|export|check|fetch|revisions|diff)( |$)' "$TMP/man.txt")"
else
  skip 2 "mssdoc(1)" "man-db is not installed"
fi

# mssdoc-records(5) renders and names every element and attribute of the
# schema and every JSON key that export writes, for a dump and for HTML.
man5="$BUILD/mssdoc-records.5"
if command -v man >/dev/null && command -v xmllint >/dev/null && command -v jq >/dev/null; then
  MANWIDTH=80 man --warnings -l "$man5" >"$TMP/man5.txt" 2>"$TMP/man5.err"
  check_eq "mssdoc-records(5) renders without warnings" "" "$(cat "$TMP/man5.err")"
  xmllint --xpath '//*[local-name()="element" or local-name()="attribute"]/@name' \
    "$ROOT/data/records.rng" | sed 's/.*name="\([^"]*\)".*/\1/' | sort -u >"$TMP/rng-names"
  missing=$(while read -r n; do grep -qw -- "$n" "$TMP/man5.txt" || echo "$n"; done <"$TMP/rng-names")
  check_eq "mssdoc-records(5) names all $(wc -l <"$TMP/rng-names") schema names" "" "$missing"
  "$MSSDOC" ingest "$ROOT/tests/fixtures/html/new-zealand.html" -o "$TMP/nz.xml" 2>/dev/null
  { "$MSSDOC" export -f json; "$MSSDOC" -d "$TMP/nz.xml" export -f json; } |
    jq -r '.references[].ids |= {} | [paths | .[] | strings] | unique | .[]' |
    sort -u >"$TMP/json-keys" # (the keys of ids are schemes: data, not keys)
  missing=$(while read -r n; do grep -qw -- "$n" "$TMP/man5.txt" || echo "$n"; done <"$TMP/json-keys")
  check_eq "mssdoc-records(5) names all $(wc -l <"$TMP/json-keys") JSON keys" "" "$missing"
else
  skip 3 "mssdoc-records(5)" "man-db, xmllint or jq is not installed"
fi

check_cmd "bash completion parses" bash -n "$ROOT/data/completion/mssdoc.bash"
# shellcheck disable=SC1091
out=$(bash -c ". '$ROOT/data/completion/mssdoc.bash'; COMP_WORDS=(mssdoc show b); COMP_CWORD=2; _mssdoc; echo \"\${COMPREPLY[*]}\"")
check_eq "bash completion completes kinds" "bureaus" "$out"
out=$(bash -c ". '$ROOT/data/completion/mssdoc.bash'; COMP_WORDS=(mssdoc ti); COMP_CWORD=1; _mssdoc; echo \"\${COMPREPLY[*]}\"")
check_eq "bash completion completes commands" "timeline" "$out"

# make install / uninstall honour PREFIX and DESTDIR.
dest="$TMP/dest"
make -s -C "$ROOT" B="$(basename "$BUILD")" install DESTDIR="$dest" PREFIX=/opt/m >/dev/null 2>&1
check_eq "make install puts binary, man page and completions under DESTDIR/PREFIX" \
  "bin/mssdoc share/bash-completion/completions/mssdoc share/man/man1/mssdoc.1 share/man/man5/mssdoc-records.5 share/mssdoc/records.rng share/zsh/site-functions/_mssdoc" \
  "$(cd "$dest/opt/m" 2>/dev/null && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ' | sed 's/ $//')"
make -s -C "$ROOT" B="$(basename "$BUILD")" uninstall DESTDIR="$dest" PREFIX=/opt/m >/dev/null 2>&1
check_eq "make uninstall removes them" "" "$(find "$dest" -type f)"

# The pager: only on a terminal, only when the output is taller than it,
# never with --no-pager.
check_eq "--no-pager is accepted anywhere" "0 0" \
  "$("$MSSDOC" --no-pager toc >/dev/null; echo $?) $("$MSSDOC" toc --no-pager >/dev/null; echo $?)"
"$MSSDOC" toc >"$TMP/piped"
check_eq "not a terminal: no pager" "0" "$(grep -c PAGED "$TMP/piped")"
if command -v script >/dev/null; then
  pty() { script -qec "stty rows 30 cols 80 2>/dev/null; $1" /dev/null </dev/null | tr -d '\r'; }
  pty "MSSDOC_PAGER='sed s/^/PAGED:/' '$MSSDOC' read" >"$TMP/tty"
  check_eq "a terminal and tall output: through \$MSSDOC_PAGER" "yes" \
    "$(grep -q '^PAGED:' "$TMP/tty" && echo yes || echo no)"
  pty "MSSDOC_PAGER='sed s/^/PAGED:/' '$MSSDOC' --no-pager read" >"$TMP/tty2"
  check_eq "--no-pager on a terminal: no pager" "0" "$(grep -c '^PAGED:' "$TMP/tty2")"
  pty "MSSDOC_PAGER='sed s/^/PAGED:/' '$MSSDOC' cite 1" >"$TMP/tty3"
  check_eq "output shorter than the terminal: no pager" "0" "$(grep -c '^PAGED:' "$TMP/tty3")"
  pty "NO_COLOR= '$MSSDOC' --no-pager toc" | env LC_ALL=C grep -c $'\033\\[' >"$TMP/esc" || true
  check_eq "a terminal without NO_COLOR: colour" "yes" "$([ "$(cat "$TMP/esc")" -gt 0 ] && echo yes || echo no)"
else
  skip 4 "the pager on a terminal" "script (bsdutils) is not installed"
fi
