#!/usr/bin/env bash
# tests/fuzz/build.sh: builds the libFuzzer targets (tests/fuzz/fuzz_*.c)
# against the library sources, with clang's fuzzer, ASan and UBSan, into
# build/fuzz/ (or $FUZZ_OUT).  Needs clang with libFuzzer (Debian: clang)
# and the generated build/schema.c and build/builtin.c, which it asks make
# for.  FUZZ_SCHEMA=FILE builds against another RELAX NG schema than
# data/records.rng (to go on fuzzing past a known schema bug).
# Usage: tests/fuzz/build.sh [TARGET...]   (default: all)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${FUZZ_OUT:-$root/build/fuzz}
CC=${FUZZ_CC:-clang}
pkgs="libcmark libxml-2.0 jansson libutf8proc nettle"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CFLAGS="-std=c99 -Wall -Wextra -pedantic -D_POSIX_C_SOURCE=200809L -O1 -g $SAN -Iinclude -Isrc $(pkg-config --cflags $pkgs)"
# libxml2 is not linked: src/xmlapi.c loads it at run time
# the Snowball stemmer (libstemmer-dev) has no .pc file; its static archive,
# whose English module src/search.c calls (the shared library hides it)
LIBS="$(pkg-config --libs $(echo "$pkgs" | sed 's/libxml-2.0//')) -l:libstemmer.a -ldl"

make -s build/schema.c build/builtin.c >/dev/null
mkdir -p "$out/obj"
schema=build/schema.c
if [ -n "${FUZZ_SCHEMA:-}" ]; then
  schema=$out/obj/schema-alt.c
  build/embed schema_rng "$FUZZ_SCHEMA" >"$schema.new"
  cmp -s "$schema.new" "$schema" && rm "$schema.new" || mv "$schema.new" "$schema"
fi
objs=()
for src in src/*.c "$schema" build/builtin.c; do
  case $(basename "$src") in
  main.c | embed.c | mkman.c | mkbuiltin.c) continue ;;
  esac
  o="$out/obj/$(basename "${src%.c}").o"
  [ "$src" = build/builtin.c ] && o="$out/obj/builtin_data.o"
  if [ ! -e "$o" ] || [ "$src" -nt "$o" ] || [ -n "$(find src include -name '*.h' -newer "$o")" ]; then
    $CC $CFLAGS -fsanitize=fuzzer-no-link -c "$src" -o "$o"
  fi
  case $(basename "$o") in
  builtin_none.o | builtin_data.o) ;;
  *) objs+=("$o") ;;
  esac
done

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ingest html xml dates refparse selector args views search diff)
for t in "${targets[@]}"; do
  # the selector, the arguments and search need the built-in article; the views
  # target brings its own builtin_records() (what it has just ingested)
  case $t in
  selector | args | search) data=("$out/obj/builtin_data.o") ;;
  views) data=() ;;
  *) data=("$out/obj/builtin_none.o") ;;
  esac
  $CC $CFLAGS -fsanitize=fuzzer "tests/fuzz/fuzz_$t.c" "${objs[@]}" ${data[@]+"${data[@]}"} $LIBS -o "$out/fuzz_$t"
  echo "$out/fuzz_$t"
done
