# t_pin.sh: the serialised forms of the records, pinned byte for byte: the
# invariant of issue 10's refactor (one description of the records driving
# every serialiser).  For the built-in article and for each variant
# t_variants.sh makes, the XML ingest writes, the compact binary form made
# from it, and the XML, JSON and CSV of every record view read back from
# that XML must be exactly the pinned ones.  tests/pin/builtin/ holds the
# built-in article's outputs in full (so that a failure shows a diff),
# tests/pin/SHA256SUMS the digest of every output of every variant.
#
# A change that is meant to change the records (a new field, a better
# parse) re-pins on purpose, and the diff is read by eye:
#   PIN_WRITE=1 MSSDOC=$PWD/build/mssdoc BUILD=$PWD/build TESTS=$PWD/tests \
#     ROOT=$PWD bash tests/t_pin.sh
. "$TESTS/lib.sh"
. "$TESTS/pin/outputs.sh"
VARIANTS="base crlf row head para ref"
plan $((1 + 6 + 1))
export NO_COLOR=1 COLUMNS=80
unset MSSDOC_DATA
PIN="$ROOT/tests/pin"
pin_variants "$ROOT/data/mss.txt" "$TMP"

# The built-in record set (read from the binary form built into mssdoc).
mkdir "$TMP/builtin"
pin_outputs "$TMP/builtin"
cp "$BUILD/mss.bin" "$TMP/builtin/mss.bin"
# Each variant by a relative name (the article's source is the name given).
cd "$TMP" || exit 1
for v in $VARIANTS; do
  mkdir "$v"
  "$MSSDOC" ingest --validate "$v.txt" -o "$v/ingest.xml" 2>/dev/null
  "$BUILD/mkbuiltin" "$v/ingest.xml" >"$v/mkbuiltin.bin"
  "$MSSDOC" -d "$v.txt" export -f json >"$v/dump-export.json"
  pin_outputs "$v" -d "$v/ingest.xml"
done
sums() { (cd "$TMP" && for d in builtin $VARIANTS; do find "$d" -type f; done | LC_ALL=C sort | xargs sha256sum); }

if [ "${PIN_WRITE:-0}" = 1 ]; then
  rm -rf "$PIN/builtin"
  cp -r "$TMP/builtin" "$PIN/builtin"
  sums >"$PIN/SHA256SUMS"
fi

if diff -r "$PIN/builtin" "$TMP/builtin" >"$TMP/diff"; then
  ok "built-in article: every serialised form as pinned"
else
  not_ok "built-in article: every serialised form as pinned"
  head -40 "$TMP/diff" | sed 's/^/#   /'
fi
sums >"$TMP/sums"
for v in $VARIANTS; do
  check_eq "variant $v: ingest XML, binary form, XML/JSON/CSV read back as pinned" \
    "$(grep " $v/" "$PIN/SHA256SUMS")" "$(grep " $v/" "$TMP/sums")"
done
(cd "$ROOT" && "$MSSDOC" ingest --validate data/mss.txt -o "$TMP/root.xml" 2>/dev/null)
"$BUILD/mkbuiltin" "$TMP/root.xml" >"$TMP/root.bin"
check_eq "the build's binary form is the one made from ingest's XML" \
  "$(sha256sum <"$TMP/root.bin")" "$(sha256sum <"$BUILD/mss.bin")"
