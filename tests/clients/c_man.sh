# c_man.sh: every man page mssdoc writes, read by the programs that show
# them: each view of tests/man_views (-f man) and the built pages
# mssdoc(1) and mssdoc-records(5) through mandoc -T lint and groff -man
# -ww -z, on groff's default device and on -Tutf8 (what man(1) uses on a
# UTF-8 terminal); each must print nothing, not a warning, not a style
# note.  Then groff -Tutf8 must show the escaped characters as they were,
# and a page with raw UTF-8, no date and a .PP after .SH must make both
# tools warn (so that the checks can fail).
. "$TESTS/lib.sh"
export NO_COLOR=1 COLUMNS=80 MSSDOC_PAGER=cat
unset MSSDOC_DATA

mapfile -t views < <(grep -v '^#' "$ROOT/tests/man_views" | grep -v '^$')
pages=("${views[@]}" "$BUILD/mssdoc.1" "$BUILD/mssdoc-records.5")
plan $((2 + 3 * ${#pages[@]} + 1 + 2))

# The list covers every command that writes man (mssdoc help) and every
# kind of show.
want=$("$MSSDOC" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p; s/^  \([a-z][a-z]*\)$/\1/p' |
  while read -r c; do
    "$MSSDOC" help "$c" | grep -q '^formats (-f):.*\bman\b' && echo "$c"
  done | sort -u | tr '\n' ' ')
have=$(printf '%s\n' "${views[@]}" | cut -d' ' -f1 | sort -u | tr '\n' ' ')
if [ -z "$want" ]; then
  not_ok "tests/man_views has every command that writes man: help names none"
else
  check_eq "tests/man_views has every command whose formats include man" "$want" "$have"
fi
kinds=$("$MSSDOC" help show | grep -m1 '^bureaus |' | tr -d ' ' | tr '|' '\n' | sort | tr '\n' ' ')
shown=$(printf '%s\n' "${views[@]}" | sed -n 's/^show \([a-z]*\)$/\1/p' | sort | tr '\n' ' ')
if [ -z "$kinds" ]; then
  not_ok "tests/man_views has every kind of show: help show names none"
else
  check_eq "tests/man_views has every kind of show" "$kinds" "$shown"
fi

# page FILE CASE: writes the man page of CASE (a view's arguments or a
# built page's path) into FILE.
page() {
  if [ -f "$2" ]; then
    cp "$2" "$1"
  else
    eval "set -- \"\$1\" $2"
    local out=$1
    shift
    (cd "$ROOT" && "$MSSDOC" -f man "$@") >"$out" 2>/dev/null
  fi
}

have_mandoc=1 have_groff=1
command -v mandoc >/dev/null || have_mandoc=0
command -v groff >/dev/null || have_groff=0
for p in "${pages[@]}"; do
  name=${p#"$BUILD"/}
  [ -f "$p" ] || name="-f man $p"
  page "$TMP/page" "$p"
  head=$(head -c 3 "$TMP/page") # a page, not an empty file
  if [ "$have_mandoc" = 1 ]; then
    # on standard input: mandoc takes a section from any "." of a file's
    # path (mktemp's /tmp/tmp.2xXx… read as section 2) and would warn
    check_eq "mandoc -T lint: $name" ".TH" "$head$(mandoc -T lint <"$TMP/page" 2>&1)"
  else
    skip 1 "mandoc -T lint: $name" "mandoc is not installed (apt-get install mandoc)"
  fi
  if [ "$have_groff" = 1 ]; then
    check_eq "groff -man -ww -z: $name" ".TH" "$head$(groff -man -ww -z "$TMP/page" 2>&1)"
    check_eq "groff -man -ww -z -Tutf8: $name" ".TH" \
      "$head$(groff -man -ww -z -Tutf8 "$TMP/page" 2>&1)"
  else
    skip 2 "groff -man -ww -z: $name" "groff is not installed (apt-get install groff-base)"
  fi
done

# The characters come back as they were.
if [ "$have_groff" = 1 ]; then
  "$MSSDOC" -f man read lead | groff -man -Tutf8 2>&1 >"$TMP/read.txt"
  check_eq "groff -Tutf8 shows the Chinese name and the pinyin of the escaped page" \
    "1 1" "$(grep -c '国家安全部' "$TMP/read.txt") $(grep -c 'Guójiā' "$TMP/read.txt")"
else
  skip 1 "groff -Tutf8 shows the escaped characters" "groff is not installed (apt-get install groff-base)"
fi

# The checks can fail: raw UTF-8, no date, a .PP right after .SH.
printf '.TH "BAD" "7"\n.SH\nNAME\n.PP\nGu\303\263ji\304\201 \345\233\275\n' >"$TMP/bad.7"
if [ "$have_mandoc" = 1 ]; then
  check_eq "mandoc -T lint warns on a bad page (no date, PP after SH)" "2" \
    "$(mandoc -T lint "$TMP/bad.7" 2>&1 | grep -c 'WARNING: \(missing date\|skipping paragraph macro\)')"
else
  skip 1 "mandoc -T lint warns on a bad page" "mandoc is not installed (apt-get install mandoc)"
fi
if [ "$have_groff" = 1 ]; then
  check_eq "groff -ww warns on a bad page (raw UTF-8)" "1" \
    "$(groff -man -ww -z "$TMP/bad.7" 2>&1 | grep -c -m1 'invalid input character')"
else
  skip 1 "groff -ww warns on a bad page" "groff is not installed (apt-get install groff-base)"
fi
