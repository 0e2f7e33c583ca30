# t_cache.sh: the cache of XML record sets (reccache.h): a record set read
# again comes from the cache, and gives what the XML gives; an edited file,
# a damaged or misplaced entry, an invalid set and a cache that cannot be
# written all fall back to the XML; the cache keeps at most 16 entries.
. "$TESTS/lib.sh"
plan 19
C=$XDG_CACHE_HOME/mssdoc/records
entries() { find "$C" -name '*.bin' 2>/dev/null | wc -l; }
"$MSSDOC" export >"$TMP/a.xml"
MSSDOC_CACHE=0 "$MSSDOC" -d "$TMP/a.xml" show bureaus >"$TMP/xml.txt"

# libxml2 is loaded only when XML is parsed (xmlapi.c): the dynamic
# loader's own trace says whether it was, without any hook in mssdoc.
loads_libxml2() { LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -c 'file=libxml2'; }

check_eq "a first read parses the XML" "1" \
  "$(loads_libxml2 "$MSSDOC" -d "$TMP/a.xml" show bureaus | awk '{ print ($1 > 0) }')"
check_eq "and writes one entry, readable by its owner only" "1 600" \
  "$(entries) $(stat -c %a "$(find "$C" -name '*.bin')")"
check_eq "a second read parses no XML" "0" \
  "$(loads_libxml2 "$MSSDOC" -d "$TMP/a.xml" show bureaus)"
"$MSSDOC" -d "$TMP/a.xml" show bureaus >"$TMP/hit.txt"
check_files "what the cache gives is what the XML gives (show bureaus)" \
  "$TMP/xml.txt" "$TMP/hit.txt"
"$MSSDOC" -d "$TMP/a.xml" export -f json >"$TMP/hit.json"
MSSDOC_CACHE=0 "$MSSDOC" -d "$TMP/a.xml" export -f json >"$TMP/xml.json"
check_files "... and export -f json, the whole record set" "$TMP/xml.json" "$TMP/hit.json"
"$MSSDOC" -d "$TMP/a.xml" export >"$TMP/hit.xml"
check_files "... and export, byte for byte the file read" "$TMP/a.xml" "$TMP/hit.xml"

# An edited file is another entry, and its edit shows.
sed 's/Counterintelligence Division/Counter-intelligence Division/' "$TMP/a.xml" >"$TMP/b.xml"
"$MSSDOC" -d "$TMP/b.xml" show bureaus -f json >"$TMP/b.json"
check_eq "an edited file is read from its XML, into an entry of its own" \
  "2 $(grep -o '>Counterintelligence Division<' "$TMP/a.xml" | wc -l)" \
  "$(entries) $(jq '[.[] | select(.division == "Counter-intelligence Division")] | length' "$TMP/b.json")"
check_eq "... and the first file still reads as it is" "0" \
  "$("$MSSDOC" -d "$TMP/a.xml" show bureaus -f json | grep -c 'Counter-intelligence')"

# A damaged entry is removed and the XML read again.
E=$(grep -l . "$C"/*.bin | head -1)
cp "$E" "$TMP/entry.good"
for damage in truncate flip garbage; do
  case $damage in
  truncate) head -c 5000 "$TMP/entry.good" >"$E" ;;
  flip) python3 -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); d[len(d) // 2] ^= 1; open(sys.argv[1], "wb").write(d)' "$E" ;;
  garbage) head -c 3000 /dev/urandom >"$E" ;;
  esac
  for f in a b; do "$MSSDOC" -d "$TMP/$f.xml" export -f json >"$TMP/$f.dmg.json" 2>"$TMP/dmg.err"; done
  MSSDOC_CACHE=0 "$MSSDOC" -d "$TMP/b.xml" export -f json >"$TMP/b.xml.json"
  check_eq "a $damage entry: both files read as their XML, nothing said, the entry made anew" "0 0 0" \
    "$(cmp -s "$TMP/a.dmg.json" "$TMP/xml.json"; echo -n "$? ")$(cmp -s "$TMP/b.dmg.json" "$TMP/b.xml.json"; echo -n "$? ")$(wc -c <"$TMP/dmg.err")"
  cp "$TMP/entry.good" "$E"
done
# An entry under another file's name (each knows its own key) is refused.
rm -rf "$XDG_CACHE_HOME"
"$MSSDOC" -d "$TMP/a.xml" show bureaus >/dev/null
A_ENTRY=$(find "$C" -name '*.bin')
mv "$A_ENTRY" "$TMP/a.entry"
"$MSSDOC" -d "$TMP/b.xml" show bureaus >/dev/null
cp "$(find "$C" -name '*.bin')" "$A_ENTRY"
"$MSSDOC" -d "$TMP/a.xml" export -f json >"$TMP/swap.json"
check_files "an entry copied under another file's name is refused" "$TMP/xml.json" "$TMP/swap.json"

# What is not cached.
rm -rf "$XDG_CACHE_HOME"
sed 's/<bureau number="8"/<bureau number="eight"/' "$TMP/a.xml" >"$TMP/bad.xml"
"$MSSDOC" -d "$TMP/bad.xml" show bureaus >/dev/null 2>&1
rc=$?
check_eq "an invalid record set is refused (exit 2) and not cached" "2 0" "$rc $(entries)"
MSSDOC_CACHE=0 "$MSSDOC" -d "$TMP/a.xml" show bureaus >/dev/null
check_eq "MSSDOC_CACHE=0 writes no entry" "0" "$(entries)"
check_eq "MSSDOC_CACHE=0 parses the XML every time" "1" \
  "$(MSSDOC_CACHE=0 loads_libxml2 "$MSSDOC" -d "$TMP/a.xml" show bureaus | awk '{ print ($1 > 0) }')"
mkdir -p "$XDG_CACHE_HOME"
: >"$XDG_CACHE_HOME/mssdoc" # a file in the way of the cache's directory
"$MSSDOC" -d "$TMP/a.xml" show bureaus >"$TMP/blocked.txt" 2>"$TMP/blocked.err"
check_eq "a cache that cannot be written: the output as ever, exit 0, nothing said" "0 0" \
  "$(cmp -s "$TMP/xml.txt" "$TMP/blocked.txt"; echo -n "$? ")$(wc -c <"$TMP/blocked.err")"
rm -f "$XDG_CACHE_HOME/mssdoc"
# A relative XDG_CACHE_HOME is ignored (XDG): ~/.cache instead.
mkdir -p "$TMP/home" "$TMP/cwd"
(cd "$TMP/cwd" && HOME=$TMP/home XDG_CACHE_HOME=rel "$MSSDOC" -d "$TMP/a.xml" show bureaus >/dev/null)
check_eq "a relative XDG_CACHE_HOME is ignored: the entry goes to ~/.cache" "1 0" \
  "$(find "$TMP/home/.cache/mssdoc/records" -name '*.bin' | wc -l) $(find "$TMP/cwd" -type f | wc -l)"

# At most 16 entries, the least recently used removed first.
rm -rf "$XDG_CACHE_HOME"
"$MSSDOC" -d "$TMP/a.xml" show bureaus >/dev/null
for i in $(seq 1 17); do
  sed "s/Counterintelligence Division/Division $i/" "$TMP/a.xml" >"$TMP/v$i.xml"
  [ "$i" -eq 8 ] && "$MSSDOC" -d "$TMP/a.xml" show bureaus >/dev/null # a.xml used again
  "$MSSDOC" -d "$TMP/v$i.xml" show bureaus >/dev/null
done
check_eq "18 files read: 16 entries kept" "16" "$(entries)"
check_eq "the file used most recently is still cached, the oldest are not" "0 1" \
  "$(loads_libxml2 "$MSSDOC" -d "$TMP/a.xml" show bureaus) $(loads_libxml2 "$MSSDOC" -d "$TMP/v1.xml" show bureaus | awk '{ print ($1 > 0) }')"
