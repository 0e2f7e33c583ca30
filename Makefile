# mssdoc: a command-line reader for the MSS article.
#   make                 build ./mssdoc (with the article built in), mssdoc.1
#                        and mssdoc-records.5
#   make check           every test, ending in "N passed, N failed"
#   make check-asan      the same suite under AddressSanitizer + UBSan
#   make check-valgrind  the same suite under valgrind memcheck
#   make fuzz-smoke      each libFuzzer target for FUZZ_SECONDS (60)
#   make bench           bench/run: hyperfine against cat, grep and jq
#   make install         PREFIX=/usr/local DESTDIR=
#   make regen           rewrite the golden files (review the diff!)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/mssdoc
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
CC ?= cc
PKGS = libcmark libxml-2.0 jansson libutf8proc nettle
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
# libxml2 is not linked: xmlapi.c loads it on first use (see xmlapi.h).
# The other four come from the static archives their Debian -dev packages
# ship: a query is mostly process start-up, and each shared library costs
# it mappings and relocations (BENCHMARKS.md).  STATIC_LIBS=0 links them
# as shared libraries instead.
STATIC_LIBS ?= 1
LINKED_PKGS = $(filter-out libxml-2.0,$(PKGS))
# The Snowball stemmer (Debian libstemmer-dev) for search has no .pc file.
# Always its static archive: search.c calls the English module, which the
# shared library does not export (see search.c).
STEMMER_LIBS = -l:libstemmer.a
ifeq ($(STATIC_LIBS),1)
PKG_LIBS := -Wl,-Bstatic $(shell pkg-config --static --libs $(LINKED_PKGS)) $(STEMMER_LIBS) -Wl,-Bdynamic -ldl -lm
else
PKG_LIBS := $(shell pkg-config --libs $(LINKED_PKGS)) $(STEMMER_LIBS) -ldl -lm
endif
VERSION := $(shell sed -n 's/^\#define MSSDOC_VERSION "\(.*\)"/\1/p' include/mssdoc/mssdoc.h)
# The man pages' .TH date: the version's, fixed in the source (not the
# build's day), so that every build makes the same pages.
DATE := $(shell sed -n 's/^\#define MSSDOC_VERSION_DATE "\(.*\)"/\1/p' include/mssdoc/mssdoc.h)

B ?= build
SAN ?=
OPT ?= -O2
CFLAGS ?= $(OPT) -g
ALL_CFLAGS = -std=c99 -Wall -Wextra -pedantic -D_POSIX_C_SOURCE=200809L \
	-Iinclude -Isrc $(PKG_CFLAGS) $(SAN) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)

# The library: every src/*.c but the program's entry, the build tools and
# the stage-0 stand-in for the built-in data.
TOOLS_SRC := src/main.c src/embed.c src/mkman.c src/mkbuiltin.c src/builtin_none.c
LIB_SRC := $(filter-out $(TOOLS_SRC),$(wildcard src/*.c))
LIB_OBJ := $(LIB_SRC:src/%.c=$(B)/%.o)
HDRS := $(wildcard src/*.h include/mssdoc/*.h)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/%)

MANS = $(B)/mssdoc.1 $(B)/mssdoc-records.5

all: mssdoc $(MANS)

$(B):
	mkdir -p $(B)

$(B)/%.o: src/%.c $(HDRS) | $(B)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/embed: src/embed.c | $(B)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $<

$(B)/schema.c: $(B)/embed data/records.rng
	$(B)/embed schema_rng data/records.rng > $@

$(B)/schema.o: $(B)/schema.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libmssdoc.a: $(LIB_OBJ) $(B)/schema.o
	rm -f $@ && ar rcs $@ $^

# Stage 0: mssdoc without built-in data, used to ingest the article.
$(B)/mssdoc-stage0: $(B)/main.o $(B)/builtin_none.o $(B)/libmssdoc.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(B)/main.o $(B)/builtin_none.o $(B)/libmssdoc.a $(PKG_LIBS)

$(B)/mss.xml: $(B)/mssdoc-stage0 data/mss.txt data/records.rng
	$(B)/mssdoc-stage0 ingest data/mss.txt -o $@ 2>$(B)/ingest.log

# The built-in record set in compact binary form, made from the validated
# XML, so that queries start without parsing XML.
$(B)/mkbuiltin: src/mkbuiltin.c $(B)/builtin_none.o $(B)/libmssdoc.a
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(B)/builtin_none.o $(B)/libmssdoc.a $(PKG_LIBS)

$(B)/mss.bin: $(B)/mkbuiltin $(B)/mss.xml
	$(B)/mkbuiltin $(B)/mss.xml > $@.tmp && mv $@.tmp $@

$(B)/builtin.c: $(B)/embed $(B)/mss.bin
	$(B)/embed builtin_records $(B)/mss.bin > $@

$(B)/builtin.o: $(B)/builtin.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/mssdoc: $(B)/main.o $(B)/builtin.o $(B)/libmssdoc.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(B)/main.o $(B)/builtin.o $(B)/libmssdoc.a $(PKG_LIBS)

mssdoc: $(B)/mssdoc
	cp $(B)/mssdoc $@

# The man page: markdown turned into roff by mssdoc's own cmark link.
$(B)/mkman: src/mkman.c $(B)/roff.o $(B)/util.o | $(B)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(B)/roff.o $(B)/util.o $(PKG_LIBS)

$(B)/mssdoc.1: $(B)/mkman data/mssdoc.1.md include/mssdoc/mssdoc.h
	$(B)/mkman MSSDOC 1 $(VERSION) $(DATE) < data/mssdoc.1.md > $@

# The record set's reference: every element, attribute and JSON key.
$(B)/mssdoc-records.5: $(B)/mkman data/mssdoc-records.5.md include/mssdoc/mssdoc.h
	$(B)/mkman MSSDOC-RECORDS 5 $(VERSION) $(DATE) < data/mssdoc-records.5.md > $@

$(B)/test_%: tests/unit/test_%.c $(B)/libmssdoc.a $(B)/builtin_none.o
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(B)/builtin_none.o $(B)/libmssdoc.a \
		$(PKG_LIBS) $(shell pkg-config --libs cmocka)

units: $(UNIT_BIN)

check: all units
	MSSDOC=$(CURDIR)/$(B)/mssdoc BUILD=$(CURDIR)/$(B) tests/run

# The outputs fed to the programs people load them into (biber, bibtex,
# pandoc, citation-js, the Nu HTML Checker, mandoc, groff, xmllint):
# tests/clients/c_*.sh, any error or warning fails.
check-clients: all
	CLIENTS=1 MSSDOC=$(CURDIR)/$(B)/mssdoc BUILD=$(CURDIR)/$(B) tests/run

ASAN_SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check-asan:
	$(MAKE) B=build-asan OPT=-O1 SAN="$(ASAN_SAN)" build-asan/mssdoc build-asan/mssdoc.1 build-asan/mssdoc-records.5 units
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		MSSDOC=$(CURDIR)/build-asan/mssdoc BUILD=$(CURDIR)/build-asan tests/run

# The same suite under valgrind memcheck: any error or definitely/indirectly
# lost byte makes mssdoc exit 99, which fails the test that ran it.
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect
check-valgrind: all units
	mkdir -p $(B)/vg
	printf '#!/bin/sh\nexec $(VALGRIND) $(CURDIR)/$(B)/mssdoc "$$@"\n' > $(B)/vg/mssdoc
	chmod +x $(B)/vg/mssdoc
	WRAP="$(VALGRIND)" MSSDOC=$(CURDIR)/$(B)/vg/mssdoc BUILD=$(CURDIR)/$(B) tests/run

bench: mssdoc
	bench/run

# Each libFuzzer target (tests/fuzz/) for FUZZ_SECONDS, from its seeds.
FUZZ_SECONDS ?= 60
fuzz-smoke: all
	tests/fuzz/smoke.sh $(FUZZ_SECONDS)

# Rewrites the golden files from the current build: review `git diff` by eye.
regen: mssdoc
	REGEN=1 MSSDOC=$(CURDIR)/$(B)/mssdoc BUILD=$(CURDIR)/$(B) TESTS=$(CURDIR)/tests \
		ROOT=$(CURDIR) bash tests/t_golden.sh >/dev/null

install: $(B)/mssdoc $(MANS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(DATADIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(B)/mssdoc $(DESTDIR)$(BINDIR)/mssdoc
	install -m 644 $(B)/mssdoc.1 $(DESTDIR)$(MANDIR)/man1/mssdoc.1
	install -m 644 $(B)/mssdoc-records.5 $(DESTDIR)$(MANDIR)/man5/mssdoc-records.5
	install -m 644 data/records.rng $(DESTDIR)$(DATADIR)/records.rng
	install -m 644 data/completion/mssdoc.bash $(DESTDIR)$(BASHCOMPDIR)/mssdoc
	install -m 644 data/completion/_mssdoc $(DESTDIR)$(ZSHCOMPDIR)/_mssdoc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mssdoc $(DESTDIR)$(MANDIR)/man1/mssdoc.1 \
		$(DESTDIR)$(MANDIR)/man5/mssdoc-records.5 $(DESTDIR)$(DATADIR)/records.rng \
		$(DESTDIR)$(BASHCOMPDIR)/mssdoc $(DESTDIR)$(ZSHCOMPDIR)/_mssdoc

clean:
	rm -rf build build-asan mssdoc

.PHONY: all check check-clients check-asan check-valgrind units bench fuzz-smoke regen install uninstall clean
.SECONDARY:
