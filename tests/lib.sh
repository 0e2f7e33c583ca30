# tests/lib.sh: helpers for the shell suites; source it.  Each check prints
# one TAP line: "ok - NAME" or "not ok - NAME" with the difference below.
set -u
: "${MSSDOC:?}" "${ROOT:?}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# Hermetic: each suite has a cache of record sets of its own (reccache.h),
# empty at its start, never the user's.
XDG_CACHE_HOME=$TMP/cache
export XDG_CACHE_HOME
unset MSSDOC_CACHE

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; }

# plan N: the suite runs N checks (tests/run fails it on any other count).
plan() { echo "1..$1"; }

# skip N NAME REASON: N planned checks named NAME that cannot run here.
skip() {
  local i
  for ((i = 1; i <= $1; i++)); do echo "ok - $2 # SKIP $3"; done
}

# plain_build: true for the plain build under no checker, the one build
# whose time and memory mean something (ASan, UBSan and valgrind add their
# own).  Checks of peak memory run only there, and a suite's plan counts
# them only there.
plain_build() {
  [ -z "${WRAP:-}" ] && ! grep -qa __asan_init "$MSSDOC"
}

# check_eq NAME EXPECTED ACTUAL
check_eq() {
  if [ "$2" == "$3" ]; then ok "$1"; else
    not_ok "$1"
    diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | head -20 | sed 's/^/#   /'
  fi
}

# check_files NAME EXPECTED_FILE ACTUAL_FILE
check_files() {
  if diff -u "$2" "$3" >"$TMP/diff"; then ok "$1"; else
    not_ok "$1"
    head -40 "$TMP/diff" | sed 's/^/#   /'
  fi
}

# check_cmd NAME COMMAND...: the command must succeed
check_cmd() {
  local name=$1
  shift
  if "$@" >"$TMP/out" 2>&1; then ok "$name"; else
    not_ok "$name"
    head -20 "$TMP/out" | sed 's/^/#   /'
  fi
}

# display_width FILE: the display width of FILE's widest line, as a
# terminal shows it: SGR codes removed, East Asian wide and fullwidth
# characters two columns, combining marks and format characters none.
display_width() {
  python3 -c '
import re, sys, unicodedata
def w(c):
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1
lines = open(sys.argv[1], encoding="utf-8")
print(max([sum(w(c) for c in re.sub(r"\x1b\[[0-9;]*m", "", l.rstrip("\n")))
           for l in lines] or [0]))' "$1"
}
