# t_man.sh: what keeps every man page readable by groff and mandoc without
# their programs (tests/clients/c_man.sh runs those): each view of
# tests/man_views (-f man) and the built pages mssdoc(1) and
# mssdoc-records(5) is pure ASCII (every other character escaped as
# \[uXXXX], groff 1.22 warns on raw UTF-8), opens with a .TH that has a
# date (the version's, MSSDOC_VERSION_DATE), and keeps its text lines to
# 80 bytes outside no-fill blocks (a .TP tag is one line, as mandoc
# lets it be); and an escaped character has the fallback that groff's
# PostScript and ASCII devices need.
. "$TESTS/lib.sh"
export NO_COLOR=1 COLUMNS=80 MSSDOC_PAGER=cat
unset MSSDOC_DATA

mapfile -t views < <(grep -v '^#' "$ROOT/tests/man_views" | grep -v '^$')
pages=("${views[@]}" "$BUILD/mssdoc.1" "$BUILD/mssdoc-records.5")
plan $((${#pages[@]} + 1))

date=$(sed -n 's/^#define MSSDOC_VERSION_DATE "\(.*\)"/\1/p' "$ROOT/include/mssdoc/mssdoc.h")
for p in "${pages[@]}"; do
  if [ -f "$p" ]; then
    name=${p#"$BUILD"/}
    cp "$p" "$TMP/page"
  else
    name="-f man $p"
    eval "set -- $p"
    (cd "$ROOT" && "$MSSDOC" -f man "$@") >"$TMP/page" 2>/dev/null
  fi
  # what is wrong, one word each: non-ASCII bytes, the .TH's date, long
  # text lines outside .nf/.fi
  got=$(LC_ALL=C grep -c '[^ -~]' "$TMP/page")
  got="$got $(head -n 1 "$TMP/page" | awk -F'"' '/^\.TH /{print $6}')"
  got="$got $(awk '/^\.nf/ { nf = 1 } /^\.fi/ { nf = 0 }
    !nf && prev != ".TP" && !/^[.'\'']/ && length($0) > 80 { n++ }
    { prev = $0 } END { print n + 0 }' "$TMP/page")"
  check_eq "pure ASCII, .TH dated, text lines of 80 bytes: $name" "0 $date 0" "$got"
done

# the Chinese name: escaped (a \c may join it across two lines), with
# groff's fallback for fonts without it among the lines after .TH
"$MSSDOC" -f man read lead >"$TMP/lead.7"
name='\\\[u56FD\]\\\[u5BB6\]\\\[u5B89\]\\\[u5168\]\\\[u90E8\]'
check_eq "read lead -f man: 国家安全部 as \\[u56FD]..., with a .char fallback" "1 1" \
  "$(tr -d '\n' <"$TMP/lead.7" | sed 's/\\c//g' | grep -c "$name") $(sed -n '2,/^\.SH/p' "$TMP/lead.7" | grep -c '^\.if !c\\\[u56FD\] \.char \\\[u56FD\] ?$')"
