# t_output.sh: what mssdoc does with what it is given and where it writes:
# inputs told by their content (UTF-16, record sets under any name), -o
# onto every kind of target, signals during ingest -o, the pager, colour
# on a dumb terminal, text that would reorder the terminal, and the
# arguments quoted in errors.  `timeout` is a hang guard only.
. "$TESTS/lib.sh"
A="$ROOT/data/mss.txt"
RNG="$ROOT/data/records.rng"
G="timeout 600"
plan 104
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
    "$MSSDOC" ingest --validate "$TMP/wide.txt"
  fails "-d of $from: says so and how to convert it" \
    "wide\.txt is $unit; convert it to UTF-8 \(iconv -f $said -t UTF-8\)$" \
    "$MSSDOC" -d "$TMP/wide.txt" toc
  # the suggested command works: the same records as the UTF-8 original
  iconv -f "$said" -t UTF-8 "$TMP/wide.txt" | sed '1s/^\xef\xbb\xbf//' >"$TMP/back.txt"
  check_eq "$from: the suggested iconv gives back the article" \
    "$("$MSSDOC" -d "$A" show bureaus -f csv)" \
    "$("$MSSDOC" -d "$TMP/back.txt" show bureaus -f csv 2>&1)"
done
"$MSSDOC" ingest --validate "$A" -o "$TMP/rec.xml" 2>/dev/null
"$MSSDOC" -d "$TMP/rec.xml" show bureaus -f csv >"$TMP/want.csv"
for name in REC.XML rec.Xml rec records.txt; do
  cp "$TMP/rec.xml" "$TMP/$name"
  "$MSSDOC" -d "$TMP/$name" show bureaus -f csv >"$TMP/got.csv" 2>"$TMP/err"
  check_eq "-d a record set named $name: read as one (by its content)" \
    "0 17 " "$? $(($(wc -l <"$TMP/got.csv") - 1)) $(cmp "$TMP/want.csv" "$TMP/got.csv" 2>&1; cat "$TMP/err")"
done
fails "ingest of a record set: says what it is and how to read it" \
  "records\.txt is a record set \(XML\), not an article dump; read it with mssdoc -d .*records\.txt$" \
  "$MSSDOC" ingest --validate "$TMP/records.txt"
cp "$A" "$TMP/dump.XML"
fails "-d a text file named .XML: not a record set, says so" \
  "dump\.XML is not a valid record set: line 1: it is not XML" \
  "$MSSDOC" -d "$TMP/dump.XML" toc
iconv -f UTF-8 -t UTF-16 "$TMP/rec.xml" >"$TMP/rec16"
"$MSSDOC" -d "$TMP/rec16" show bureaus -f csv >"$TMP/got.csv" 2>"$TMP/err"
check_eq "-d a record set in UTF-16 (XML allows it): read as one" \
  "0 " "$? $(cmp "$TMP/want.csv" "$TMP/got.csv" 2>&1; cat "$TMP/err")"

# ---- ingest's options ----
fails "ingest FILE -o (no value): says the value is missing" \
  "ingest: -o needs a value" "$MSSDOC" ingest --validate "$A" -o
fails "ingest FILE --output (no value): says the value is missing" \
  "ingest: --output needs a value" "$MSSDOC" ingest --validate "$A" --output
fails "ingest FILE --output= (empty): says the value is missing" \
  "ingest: --output needs a value" "$MSSDOC" ingest --validate "$A" --output=
fails "ingest FILE -o '' (empty): says the value is missing" \
  "ingest: -o needs a value" "$MSSDOC" ingest --validate "$A" -o ''

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

# query -f text: cleaned like the other views, one result per line, an
# element as its fields one per line
"$MSSDOC" -d "$TMP/bidi.txt" --width 200 query '//paragraph[contains(text, "stated")]/text' >"$TMP/view.txt" 2>/dev/null
check_eq "query (text): no bidi control or separator, separators as spaces" "0 1" \
  "$(bidi_count "$TMP/view.txt") $(grep -c 'The stated mission of x and next para of the MSS' "$TMP/view.txt")"
"$MSSDOC" -d "$TMP/bidi.txt" query 'string(//paragraph[contains(text, "stated")]/text)' >"$TMP/view.txt" 2>/dev/null
check_eq "query string() (text): no bidi control or separator" "0 1" \
  "$(bidi_count "$TMP/view.txt") $(wc -l <"$TMP/view.txt")"
row8=$(grep -n '^8 Counterintelligence Division ' "$A")
"$MSSDOC" query '//bureau[@number=8]' >"$TMP/q8.txt"
check_eq "query an element (text): its fields, one per line" \
  "number: 8
line: ${row8%%:*}
refs: $(echo "$row8" | grep -o '\[[0-9]*\]' | tr -d '[]')
division: Counterintelligence Division
directive: $(echo "${row8#*:}" | sed 's/^8 Counterintelligence Division //; s/\[[0-9]*\]//g')" \
  "$(cat "$TMP/q8.txt")"
"$MSSDOC" query '//bureau[@number<3]' >"$TMP/q8.txt"
check_eq "query two elements (text): two blocks of fields, a blank line between" \
  "2 1 9" "$(grep -c '^division: ' "$TMP/q8.txt") $(grep -c '^$' "$TMP/q8.txt") $(wc -l <"$TMP/q8.txt")"

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

# ---- arguments quoted in errors: cut to 80 characters, made visible ----
X=$(printf 'x%.0s' {1..5000})
for c in "read $X" "who $X" "cite $X" "show $X" "chart $X" "search $X" \
  "timeline --from $X" "timeline --grep $X" "query $X(" "-d /tmp/$X toc" \
  "$X" "help $X" "-f $X toc" "read --$X" "ingest --$X" "fetch --$X"; do
  # shellcheck disable=SC2086
  "$MSSDOC" $c >/dev/null 2>"$TMP/err"
  check_eq "${c:0:12}… (5000 x): one line, the argument cut to 80 characters and …" \
    "1 80" "$(wc -l <"$TMP/err") $(grep -oE "[^ '\"]+…" "$TMP/err" | head -1 | tr -d '…\n' | wc -c)"
done
"$MSSDOC" read "$(printf 'é%.0s' {1..100})" 2>"$TMP/err"
check_eq "a cut at a character boundary: 80 é, then …, valid UTF-8" "80 valid" \
  "$(grep -o 'é*…' "$TMP/err" | sed 's/…//' | python3 -c 'import sys; print(len(sys.stdin.read().strip()))') $(iconv -f UTF-8 -t UTF-8 "$TMP/err" >/dev/null 2>&1 && echo valid)"
"$MSSDOC" show $'\e[31mred\u202eder\n' 2>"$TMP/err"
check_eq "controls and bidi in an argument: shown as escapes, none in the message" \
  "1 0 1" "$(wc -l <"$TMP/err") $(LC_ALL=C grep -c $'\e' "$TMP/err") $(grep -cF "'\\x1B[31mred\\u202Eder\\n'" "$TMP/err")"

# ---- the pager ----
# On a terminal (script gives one, 30 rows) `read` is taller than it and
# goes through the pager.  A pager that cannot start leaves the output to
# mssdoc, with one warning; one that fails after starting is exit 2.
if command -v script >/dev/null; then
  # paged ENV...: runs `read` with the pager ENV says on a terminal; the
  # terminal's text in $TMP/pout, stderr in $TMP/perr, prints the status.
  paged() {
    script -qec "stty rows 30 cols 80 2>/dev/null; env -u MSSDOC_PAGER -u PAGER $* '$MSSDOC' read 2>'$TMP/perr'; echo \"rc=\$?\"" \
      /dev/null </dev/null | tr -d '\r' >"$TMP/pout"
    sed -n 's/^rc=//p' "$TMP/pout"
  }
  # text_shown: the article's first and last paragraphs reached the terminal
  text_shown() {
    grep -q 'The Ministry of State Security' "$TMP/pout" &&
      grep -q "$(tail -c 300 "$A" | grep -o '[A-Z][a-z]* [a-z]*' | tail -1)" "$TMP/pout" && echo shown
  }
  for p in /nonexistent nonexistentpager; do
    rc=$(paged "PAGER=$p")
    check_eq "PAGER=$p on a terminal: the text written, exit 0, one warning" \
      "0 shown 1 mssdoc: cannot run pager '$p': No such file or directory; writing to the terminal" \
      "$rc $(text_shown) $(wc -l <"$TMP/perr") $(cat "$TMP/perr")"
  done
  # a PATH without less (nor anything else but valgrind, which the
  # check-valgrind wrapper runs by name)
  mkdir -p "$TMP/noless"
  if vg=$(command -v valgrind); then
    printf '#!/bin/sh\nexec %s "$@"\n' "$vg" >"$TMP/noless/valgrind"
    chmod +x "$TMP/noless/valgrind"
  fi
  rc=$(paged "PATH=$TMP/noless")
  check_eq "no less installed (no PAGER): the text written, one warning" \
    "0 shown 1 mssdoc: cannot run pager 'less -FRX': No such file or directory; writing to the terminal" \
    "$rc $(text_shown) $(wc -l <"$TMP/perr") $(cat "$TMP/perr")"
  rc=$(paged "PAGER=false")
  check_eq "PAGER=false (starts, then fails): exit 2 and a message" \
    "2 1 mssdoc: the pager 'false' failed (exit status 1); --no-pager or PAGER=cat writes to the terminal" \
    "$rc $(wc -l <"$TMP/perr") $(cat "$TMP/perr")"
  rc=$(paged "PAGER=cat")
  check_eq "PAGER=cat on a terminal: the text, nothing on stderr" "0 shown 0" \
    "$rc $(text_shown) $(wc -c <"$TMP/perr")"
  rc=$(paged "PAGER='sed s/^/PAGED:/'")
  check_eq "a pager with arguments: every line through it" "0 0" \
    "$rc $(grep -vc '^PAGED:\|^rc=' "$TMP/pout")"
  # less, and the user quits at the first screen: not an error.  python's
  # pty answers less's first screen with "q".
  python3 - "$MSSDOC" "$TMP/perr" >"$TMP/less.txt" <<'PY'
import os, pty, select, struct, sys, fcntl, termios, time
pid, fd = pty.fork()
if pid == 0:
    err = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(err, 2)
    os.environ.pop("MSSDOC_PAGER", None)
    os.environ.update(PAGER="less", LESS="", TERM="xterm")
    os.execv(sys.argv[1], [sys.argv[1], "read"])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 80, 0, 0))
got, sent, end = b"", False, time.time() + 60
while time.time() < end:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        got += chunk
    if not sent and b"Ministry of State Security" in got:
        time.sleep(0.3)
        os.write(fd, b"q")
        sent = True
if not sent:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status), "shown" if sent else "not shown")
PY
  check_eq "less, quit with q at the first screen: exit 0, no message" \
    "0 shown 0" "$(cat "$TMP/less.txt") $(wc -c <"$TMP/perr")"
else
  skip 7 "the pager on a terminal" "script (util-linux) not installed"
fi

# ---- ingest -o: what it writes over, and what it refuses ----
O="$TMP/o"
mkdir "$O"
cp "$A" "$O/in.txt"
cp "$O/in.txt" "$O/in.orig"
fails "ingest x.txt -o x.txt: refused" "in\.txt is the input file; write the record set to another file$" \
  "$MSSDOC" ingest --validate "$O/in.txt" -o "$O/in.txt"
ln "$O/in.txt" "$O/hard.txt"
fails "ingest -o a hard link to the input: refused" "hard\.txt is the input file" \
  "$MSSDOC" ingest --validate "$O/in.txt" -o "$O/hard.txt"
ln -s in.txt "$O/link.txt"
fails "ingest -o a symbolic link to the input: refused" "link\.txt is the input file" \
  "$MSSDOC" ingest --validate "$O/in.txt" -o "$O/link.txt"
fails "ingest - -o x.txt with x.txt on standard input: refused" "in\.txt is the input file" \
  "$MSSDOC" ingest --validate - -o "$O/in.txt" <"$O/in.txt"
check_cmd "the refused input survives byte for byte" cmp "$O/in.orig" "$O/in.txt"
rm "$O/hard.txt" "$O/link.txt"

# kinds OUT: what is in $O but the input, with file types, sorted
kinds() { (cd "$O" && find . -mindepth 1 ! -name in.txt ! -name in.orig -printf '%y %P%l\n' | sort | tr '\n' ' '); }
"$MSSDOC" ingest --validate "$O/in.txt" -o "$O/keep.xml" 2>/dev/null
chmod 600 "$O/keep.xml"
"$MSSDOC" ingest --validate "$O/in.txt" -o "$O/keep.xml" 2>/dev/null
check_eq "-o over a 0600 file keeps 0600" "600" "$(stat -c %a "$O/keep.xml")"
chmod 640 "$O/keep.xml"
"$MSSDOC" ingest --validate "$O/in.txt" -o "$O/keep.xml" 2>/dev/null
check_eq "-o over a 0640 file keeps 0640" "640" "$(stat -c %a "$O/keep.xml")"
rm -f "$O/new.xml"
(umask 027 && "$MSSDOC" ingest --validate "$O/in.txt" -o "$O/new.xml" 2>/dev/null)
check_eq "-o a new file: 0666 less the umask (027)" "640" "$(stat -c %a "$O/new.xml")"
rm -f "$O"/*.xml
long=$(printf 'n%.0s' $(seq 251)).xml # 255 bytes: NAME_MAX
"$MSSDOC" ingest --validate "$O/in.txt" -o "$O/$long" 2>"$TMP/err"
check_eq "-o a 255-byte name: written, no temporary file left" "0 f $long " "$? $(kinds)"
rm -f "$O/$long"
long=$(printf 'é%.0s' $(seq 125)).xml # 254 bytes, two-byte characters
"$MSSDOC" ingest --validate "$O/in.txt" -o "$O/$long" 2>"$TMP/err"
check_eq "-o a 254-byte UTF-8 name: written" "0 f $long " "$? $(kinds)"
rm -f "$O/$long"

# The decision (README, mssdoc(1), help ingest): -o writes where the
# shell's > would, but atomically: through symbolic links to their target.
"$MSSDOC" ingest --validate "$O/in.txt" -o "$O/old.xml" 2>/dev/null
printf 'old\n' >"$O/target.xml"
ln -s target.xml "$O/link.xml"
"$MSSDOC" ingest --validate "$O/in.txt" -o "$O/link.xml" 2>/dev/null
check_eq "-o a symbolic link: the link stays, its target is replaced" \
  "0 f old.xml f target.xml l link.xmltarget.xml " "$? $(kinds)"
check_cmd "-o a symbolic link: the target is the record set" cmp "$O/old.xml" "$O/target.xml"
ln -s link.xml "$O/chain.xml"
printf 'old\n' >"$O/target.xml"
"$MSSDOC" ingest --validate "$O/in.txt" -o "$O/chain.xml" 2>/dev/null
check_eq "-o a link to a link: followed to the end" \
  "0 f old.xml f target.xml l chain.xmllink.xml l link.xmltarget.xml " "$? $(kinds)"
check_cmd "-o a link to a link: the final target is the record set" cmp "$O/old.xml" "$O/target.xml"
rm -f "$O/chain.xml" "$O/link.xml" "$O/target.xml"
ln -s sub/made.xml "$O/dangling.xml"
mkdir "$O/sub"
"$MSSDOC" ingest --validate "$O/in.txt" -o "$O/dangling.xml" 2>/dev/null
check_eq "-o a dangling link: its target is created, the link stays" \
  "0 d sub f old.xml f sub/made.xml l dangling.xmlsub/made.xml " "$? $(kinds)"
rm -rf "$O/sub" "$O/dangling.xml"
ln -s nowhere/x.xml "$O/dangling.xml"
fails "-o a dangling link into a missing directory: says so before any work" \
  "cannot write .*dangling\.xml: No such file or directory" \
  "$MSSDOC" ingest --validate "$O/in.txt" -o "$O/dangling.xml"
rm -f "$O/dangling.xml"
ln -s loop.xml "$O/loop.xml"
fails "-o a link that loops: says so before any work" "cannot write .*loop\.xml: Too many levels of symbolic links" \
  "$MSSDOC" ingest --validate "$O/in.txt" -o "$O/loop.xml"
rm -f "$O/loop.xml"
mkdir "$O/dir"
fails "-o a directory: refused before any work" "cannot write .*dir: it is a directory; name a file$" \
  "$MSSDOC" ingest --validate "$O/in.txt" -o "$O/dir"
check_eq "-o a directory: left as it was" "0 d dir f old.xml " "$? $(kinds)"
ln -s dir "$O/dirlink"
fails "-o a link to a directory: refused" "dirlink: it is a directory" \
  "$MSSDOC" ingest --validate "$O/in.txt" -o "$O/dirlink"
rm -rf "$O/dir" "$O/dirlink"
"$MSSDOC" ingest --validate "$O/in.txt" -o /dev/null 2>"$TMP/err"
check_eq "-o /dev/null: exit 0, /dev/null stays a device" "0 yes" "$? $([ -c /dev/null ] && echo yes)"
"$MSSDOC" ingest --validate "$O/in.txt" -o /dev/stdout 2>/dev/null >"$O/via-stdout.xml"
check_cmd "-o /dev/stdout: the record set on standard output" cmp "$O/old.xml" "$O/via-stdout.xml"
printf 'head\n' >"$O/append.xml"
"$MSSDOC" ingest --validate "$O/in.txt" -o /dev/stdout 2>/dev/null >>"$O/append.xml"
check_eq "-o /dev/stdout with >>: appended after what was there" \
  "head <?xml version=\"1.0\" encoding=\"UTF-8\"?>" "$(head -n 2 "$O/append.xml" | tr '\n' ' ' | sed 's/ $//')"
"$MSSDOC" ingest --validate "$O/in.txt" -o /dev/fd/3 2>/dev/null 3>"$O/via-fd3.xml"
check_cmd "-o /dev/fd/3: written into descriptor 3" cmp "$O/old.xml" "$O/via-fd3.xml"
rm -f "$O/via-stdout.xml" "$O/via-fd3.xml" "$O/append.xml"
mkfifo "$O/fifo"
timeout 600 cat "$O/fifo" >"$TMP/fifo.out" &
$G "$MSSDOC" ingest --validate "$O/in.txt" -o "$O/fifo" 2>/dev/null
rc=$?
wait
check_eq "-o a FIFO: written into, stays a FIFO" "0 yes" "$rc $([ -p "$O/fifo" ] && echo yes)"
check_cmd "-o a FIFO: the record set came through" cmp "$O/old.xml" "$TMP/fifo.out"
rm -f "$O/fifo"
"$MSSDOC" ingest --validate "$O/in.txt" -o "$O/closed.xml" >&- 2>"$TMP/err"
check_eq "ingest -o with standard output closed: exit 0, the file written" "0 f closed.xml f old.xml " "$? $(kinds)"
"$MSSDOC" ingest --validate "$O/in.txt" >&- 2>"$TMP/err"
check_eq "ingest to a closed standard output: exit 2, says so" "2 1" \
  "$? $(grep -c '^mssdoc: cannot write the output: standard output is closed' "$TMP/err")"
"$MSSDOC" --version >&- 2>/dev/null
check_eq "--version to a closed standard output: exit 2" "2" "$?"
rm -f "$O/closed.xml"

# Signals during ingest -o: the temporary file goes, the old OUT stays.
# A big input, so that the XML is being written when the signal comes;
# each run waits until the temporary file is there, then signals.
for _ in $(seq 150); do cat "$A"; printf '\n\n'; done >"$TMP/big.txt"
printf 'the old output\n' >"$O/sig.orig"
for sig in INT TERM HUP; do
  cp "$O/sig.orig" "$O/sig.xml"
  # started with the signal's default action (bash ignores INT in & jobs)
  env --default-signal="$sig" $G "$MSSDOC" ingest --validate "$TMP/big.txt" -o "$O/sig.xml" 2>/dev/null &
  pid=$!
  seen=no
  for _ in $(seq 60000); do
    if compgen -G "$O/sig.xml.tmp.*" >/dev/null; then seen=yes; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.005
  done
  kill -"$sig" "$pid" 2>/dev/null
  { wait "$pid"; } 2>/dev/null
  rc=$?
  check_eq "SIG$sig during ingest -o: dies of it, no temporary file, OUT intact" \
    "yes $((128 + $(kill -l "$sig"))) f old.xml f sig.orig f sig.xml the old output" \
    "$seen $rc $(kinds | sed 's/ $//') $(cat "$O/sig.xml")"
done
(
  trap '' INT # ignored at the start: stays ignored (nohup, & jobs)
  # not under timeout(1): it catches SIGINT itself, so its child would get
  # the signal with its default action whenever the kill comes after
  # timeout has set its handler (a race the test lost on a loaded machine)
  "$MSSDOC" ingest --validate "$O/in.txt" -o "$O/ign.xml" 2>/dev/null &
  pid=$!
  kill -INT "$pid" 2>/dev/null
  wait "$pid"
  echo "$?"
) >"$TMP/rc"
check_eq "an ignored SIGINT stays ignored: the ingest completes" "0 f ign.xml" \
  "$(cat "$TMP/rc") $(cd "$O" && ls ign.xml* | sed 's/^/f /')"
rm -f "$TMP/big.txt"
