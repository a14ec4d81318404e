# report-analyzer: the only entry point. CI runs `make test` (see .ci/run).
#   make serve   build and serve the page on http://127.0.0.1:$(PORT)/www/
#   make test    every test: fmt, clippy (native + wasm32), cargo test, wasm tests in Node and
#                Chromium, browser end-to-end tests
#   make bench   benchmarks (make bench-page: the page's batch alone)        make size   wasm size budget
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

PORT ?= 8080
WASM_TARGET := wasm32-unknown-unknown
WASM_PROFILE := wasm-release
# LLVM inlines less in the wasm builds: the analysis module 225.5 -> 219.3 KB gzip at the same speed
# (seeds and real excerpts in Node: 7.8-8.3 MB/s either way; opt-level 2 or "s" saved less and were
# slower). Measured in docs/performance.md.
WASM_RUSTFLAGS := -C llvm-args=-inline-threshold=25
WASM_OUT := target/$(WASM_TARGET)/$(WASM_PROFILE)/report_analyzer.wasm
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
# The wasm-bindgen CLI must match the crate version in Cargo.lock exactly.
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/[^0-9.]/, "", $$0); print; exit}' Cargo.lock)
STAMP := target/.stamps
comma := ,


.PHONY: js-check size-detail setup setup-rust setup-system setup-node build build-native build-wasm serve test lint fmt-check clippy \
        test-scores test-native test-readers-node fuzz-check fuzz fuzz-readers test-wasm-node test-wasm-browser test-e2e bench bench-page bench-readers bench-similar profile profile-wasm size clean

## ---- setup: idempotent, installs only what is missing ----
setup: setup-rust setup-system setup-node

setup-rust: Cargo.lock
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 3 minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi

Cargo.lock: Cargo.toml
	cargo generate-lockfile --offline 2>/dev/null || cargo generate-lockfile
	@touch $@

SYSTEM_PACKAGES := chromium chromium-driver fonts-wqy-microhei
setup-system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

setup-node: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## ---- build ----
build: build-native build-wasm

build-native:
	cargo build --release

# Six modules from the one crate (src/wasm/): the analysis, which the page loads at once; .docx reading,
# the readers (PDF, OFD, .doc/.wps, .zip; built for size, profile wasm-readers), the exports (Markdown,
# CSV, comparison), 雷同检测 (similar) and the 审核意见 (memo), which it loads on first use.
# $(call wasm_module,name,features,dir[,cargo profile: wasm-release unless given])
define wasm_module
RUSTFLAGS="$(WASM_RUSTFLAGS)" cargo build --lib --target $(WASM_TARGET) --profile $(or $(4),$(WASM_PROFILE)) --no-default-features --features $(2)
wasm-bindgen --target web --out-dir $(3) --out-name $(1) target/$(WASM_TARGET)/$(or $(4),$(WASM_PROFILE))/report_analyzer.wasm
wasm-opt -Oz $(WASM_OPT_FLAGS) $(3)/$(1)_bg.wasm -o $(3)/$(1)_bg.wasm
@printf '%s: %s bytes, %s gzip\n' $(3)/$(1)_bg.wasm "$$(stat -c %s $(3)/$(1)_bg.wasm)" "$$(gzip -9c $(3)/$(1)_bg.wasm | wc -c)"
endef

build-wasm: setup-rust node_modules/.installed
	$(call wasm_module,report_analyzer,analysis-api,pkg)
	$(call wasm_module,report_analyzer_docx,docx-api,pkg)
	$(call wasm_module,report_analyzer_readers,readers-api,pkg,wasm-readers)
	$(call wasm_module,report_analyzer_exports,exports-api,pkg)
	$(call wasm_module,report_analyzer_similar,similar-api,pkg,wasm-small)
	$(call wasm_module,report_analyzer_memo,memo-api,pkg,wasm-small)
	$(call wasm_simd_module,report_analyzer,analysis-api,pkg)

# The analysis module once more with WebAssembly SIMD (memchr's vector searches, LLVM's vectorized
# loops): 5–9% faster in V8. The page loads it where the engine validates SIMD code and the baseline
# module elsewhere (www/simd.js). Its own target directory, so that neither build invalidates the
# other's; the same exports, so the same JS glue (compared here). $(call wasm_simd_module,name,features,dir)
SIMD_DIR := target/simd
define wasm_simd_module
RUSTFLAGS="-C target-feature=+simd128 $(WASM_RUSTFLAGS)" cargo build --lib --target $(WASM_TARGET) --profile $(WASM_PROFILE) --target-dir $(SIMD_DIR) --no-default-features --features $(2)
wasm-bindgen --target web --out-dir $(SIMD_DIR)/$(3) --out-name $(1) $(SIMD_DIR)/$(WASM_TARGET)/$(WASM_PROFILE)/report_analyzer.wasm
cmp $(SIMD_DIR)/$(3)/$(1).js $(3)/$(1).js
wasm-opt -Oz --enable-simd $(WASM_OPT_FLAGS) $(SIMD_DIR)/$(3)/$(1)_bg.wasm -o $(3)/$(1)_simd_bg.wasm
@printf '%s: %s bytes, %s gzip\n' $(3)/$(1)_simd_bg.wasm "$$(stat -c %s $(3)/$(1)_simd_bg.wasm)" "$$(gzip -9c $(3)/$(1)_simd_bg.wasm | wc -c)"
endef

serve: setup build
	@echo "report-analyzer: open http://127.0.0.1:$(PORT)/www/ (Ctrl-C stops)"
	node tools/serve.mjs --port $(PORT)

## ---- tests ----
test: setup lint fuzz-check test-native build test-scores test-wasm-node test-readers-node test-wasm-browser test-e2e
	@echo "make test: all passed"

lint: fmt-check clippy js-check
# Every script of the page parses (a syntax error would only show as a page that never becomes ready).
js-check:
	@for f in $$(find www tools tests/e2e -name '*.js' -o -name '*.mjs'); do node --check $$f || exit 1; done
fmt-check:
	cargo fmt --all -- --check
clippy: setup-rust
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --tests --target $(WASM_TARGET) -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --no-default-features --features analysis-api -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --no-default-features --features exports-api,bench-api -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --no-default-features --features docx-api -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --no-default-features --features readers-api -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --no-default-features --features similar-api -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --no-default-features --features memo-api -- -D warnings
	cargo clippy --all-targets --no-default-features -- -D warnings

test-native:
	cargo test --release

# The development sets of ../shared/reference through the scorer: the seeds (figures and outline F1 >=
# 0.97) and the 73 real page openings of real-excerpts/ (meta >= 0.90, outline F1 >= 0.93, figures F1 >= 0.96).
SHARED := ../shared
EXCERPTS := $(SHARED)/reference/real-excerpts
test-scores: build-native
	target/release/report-analyzer analyze --format jsonl $(SHARED)/corpus/seeds/*.txt > target/dev-pred.jsonl
	python3 $(SHARED)/tools/score.py figures --gold $(SHARED)/reference/figures-dev.jsonl --docs $(SHARED)/corpus/seeds --pred target/dev-pred.jsonl --min 0.97 | tail -9
	python3 $(SHARED)/tools/score.py outline --gold $(SHARED)/reference/dev-outline.jsonl --docs $(SHARED)/corpus/seeds --pred target/dev-pred.jsonl --min 0.97 | tail -2
	python3 $(SHARED)/tools/score.py meta --gold $(SHARED)/reference/dev-outline.jsonl --docs $(SHARED)/corpus/seeds --pred target/dev-pred.jsonl --min 0.85
	target/release/report-analyzer analyze --format jsonl $(EXCERPTS)/pages/*.txt > target/excerpts-pred.jsonl
	python3 $(SHARED)/tools/score.py meta --gold $(EXCERPTS)/gold.jsonl --docs $(EXCERPTS)/pages --pred target/excerpts-pred.jsonl --min 0.90
	python3 $(SHARED)/tools/score.py outline --gold $(EXCERPTS)/gold.jsonl --docs $(EXCERPTS)/pages --pred target/excerpts-pred.jsonl --min 0.93 | tail -2
	python3 $(SHARED)/tools/score.py figures --gold $(EXCERPTS)/gold.jsonl --docs $(EXCERPTS)/pages --pred target/excerpts-pred.jsonl --min 0.96 | tail -9

# wasm-bindgen-test: the same tests/wasm_api.rs, once in Node and once in headless Chromium.
test-wasm-node: setup-rust
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target $(WASM_TARGET) --test wasm_api
# The readers module in Node: on every reader fixture its text is the CLI's `text`, and the analysis of
# it (analyzeDocument) the CLI's `analyze`.
test-readers-node: build
	node --test tests/readers-node.test.mjs

test-wasm-browser: setup-rust setup-system
	WASM_BINDGEN_USE_BROWSER=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target $(WASM_TARGET) --test wasm_api

test-e2e: setup-node setup-system build-wasm
	node --test --test-concurrency=1 tests/e2e/

# The fuzz targets keep building (stable `cargo check`; running them needs nightly: `make fuzz`).
fuzz-check:
	cargo check --manifest-path fuzz/Cargo.toml --bins

## ---- fuzzing: `make fuzz FUZZ_SECONDS=600` runs each target that long from a corpus seeded with
## ../shared/corpus, the test fixtures and the checklists (the first byte of an analyze_file input picks
## the file type).
FUZZ_SECONDS ?= 600
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
	mkdir -p fuzz/corpus/analyze_text fuzz/corpus/analyze_file fuzz/corpus/read_json
	cp data/checklists/*.json fuzz/corpus/read_json/
	cp $(SHARED)/corpus/*/*.txt fuzz/corpus/analyze_text/
	for f in $(SHARED)/corpus/*/*.txt tests/fixtures/*.txt; do { printf '\000'; cat "$$f"; } > fuzz/corpus/analyze_file/txt-$$(basename $$f); done
	{ printf '\001'; cat tests/fixtures/seed-003.gbk.html; } > fuzz/corpus/analyze_file/html-seed-003
	{ printf '\002'; cat tests/fixtures/seed-004.docx; } > fuzz/corpus/analyze_file/docx-seed-004
	cd fuzz && cargo +nightly fuzz run analyze_text corpus/analyze_text -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048
	cd fuzz && cargo +nightly fuzz run analyze_file corpus/analyze_file -- -max_total_time=$(FUZZ_SECONDS) -max_len=131072 -rss_limit_mb=2048
	cd fuzz && cargo +nightly fuzz run read_json corpus/read_json -- -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -rss_limit_mb=2048
	$(MAKE) fuzz-readers

## The readers (issue 24), each from the reader fixtures of its kind: PDF, OFD, .doc/.wps, and .zip batches
## (made here: deflated and stored members, a GBK name, an archive inside the archive). A unit that takes
## longer than FUZZ_TIMEOUT seconds is a hang, one above 2 GB an out-of-memory: both count as crashes.
FUZZ_TIMEOUT ?= 20
FUZZ_READER_FLAGS = -max_total_time=$(FUZZ_SECONDS) -max_len=262144 -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=2048 -print_final_stats=1
fuzz-readers:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
	mkdir -p fuzz/corpus/read_pdf fuzz/corpus/read_ofd fuzz/corpus/read_doc fuzz/corpus/read_zip
	cp tests/fixtures/readers/*.pdf fuzz/corpus/read_pdf/
	# Where qpdf is installed, the small PDFs once more with their streams uncompressed (mutations reach
	# the content and the character maps).
	if command -v qpdf >/dev/null; then for f in tests/fixtures/readers/{XiaoBiaoSong,SimFang-variant,cid_cff,arial_unicode_en_cidfont}.pdf; do \
	  qpdf --qdf --object-streams=disable $$f fuzz/corpus/read_pdf/qdf-$$(basename $$f) || true; done; fi
	cp tests/fixtures/readers/*.ofd fuzz/corpus/read_ofd/
	cp tests/fixtures/readers/*.doc fuzz/corpus/read_doc/
	python3 tools/fuzz_zip_seeds.py fuzz/corpus/read_zip tests/fixtures/readers
	cd fuzz && cargo +nightly fuzz run read_pdf corpus/read_pdf -- $(FUZZ_READER_FLAGS) -dict=pdf.dict
	# Once more on small inputs (≤ 32 KB: many more runs a second; where the /Length loop was found).
	mkdir -p fuzz/corpus/read_pdf_small
	find fuzz/corpus/read_pdf -type f -size -33k -exec cp {} fuzz/corpus/read_pdf_small/ \;
	cd fuzz && cargo +nightly fuzz run read_pdf corpus/read_pdf_small -- $(FUZZ_READER_FLAGS) -max_len=32768 -dict=pdf.dict
	cd fuzz && cargo +nightly fuzz run read_ofd corpus/read_ofd -- $(FUZZ_READER_FLAGS)
	cd fuzz && cargo +nightly fuzz run read_doc corpus/read_doc -- $(FUZZ_READER_FLAGS)
	cd fuzz && cargo +nightly fuzz run read_zip corpus/read_zip -- $(FUZZ_READER_FLAGS)

## ---- measurements ----
bench: build
	cargo bench --bench table
	cargo bench --bench stages
	$(call wasm_module,report_analyzer_bench,analysis-api$(comma)bench-api,target/bench-pkg)
	$(call wasm_simd_module,report_analyzer_bench,analysis-api$(comma)bench-api,target/bench-pkg)
	node tools/bench-wasm.mjs
	node tools/bench-page.mjs
	$(MAKE) bench-readers
# The page's batch alone (BENCH_PAGE_SCALES="10 30 100 1000" for 10,000 files): see tools/bench-page.mjs.
bench-page: setup-node setup-system build-wasm
	node tools/bench-page.mjs
# 雷同检测 (docs/similarity.md): 250, 500 and 1,000 generated reports of ~10 KB natively (prepared on two
# threads, then compared; peak heap), the CLI over the 1,000 (time and peak RSS), the wasm module in Node
# over 100 and 250.
bench-similar: build-native build-wasm
	cargo bench --bench similar
	@if [ -x /usr/bin/time ]; then \
	  /usr/bin/time -f 'CLI similar -j 2 over 1,000 reports: %e s, %M KB max RSS' target/release/report-analyzer similar -j 2 target/bench-similar > /dev/null; \
	else time target/release/report-analyzer similar -j 2 target/bench-similar > /dev/null; fi
	node tools/bench-similar.mjs
# PDF text natively against poppler's pdftotext on the same files in one run (goal: no slower than 2x),
# and pages per second of the readers wasm module in Node: a table (docs/formats.md has the numbers).
bench-readers: setup-node setup-system build
	@command -v pdftotext >/dev/null || { echo 'make bench-readers needs poppler-utils (apt-get install poppler-utils)'; exit 1; }
	node tools/bench-readers.mjs
# Instructions of the full analysis over ../shared/corpus (3 rounds), counted by callgrind: repeatable on
# a machine whose speed drifts, so two versions compare exactly; the top functions follow.
profile:
	@command -v valgrind >/dev/null || { echo 'make profile needs valgrind (apt-get install valgrind)'; exit 1; }
	cargo build --profile bench --example profile
	ROUNDS=3 valgrind --tool=callgrind --callgrind-out-file=target/callgrind.out target/release/examples/profile 2>&1 | grep -E 'refs|rounds'
	callgrind_annotate --inclusive=yes target/callgrind.out | grep report_analyzer | head -30 || true
# Self time per function of the wasm analysis in V8 (Node's CPU profiler; names kept, otherwise the
# -Oz build of `make bench`).
profile-wasm: setup-rust node_modules/.installed
	RUSTFLAGS="$(WASM_RUSTFLAGS)" cargo build --lib --target $(WASM_TARGET) --profile $(WASM_PROFILE) --no-default-features --features analysis-api$(comma)bench-api
	wasm-bindgen --target web --keep-debug --out-dir target/profile-pkg --out-name report_analyzer_profile $(WASM_OUT)
	wasm-opt -Oz --debuginfo $(WASM_OPT_FLAGS) target/profile-pkg/report_analyzer_profile_bg.wasm -o target/profile-pkg/report_analyzer_profile_bg.wasm
	node tools/profile-wasm.mjs
size: build-wasm
	@node tools/size.mjs

# Where the bytes are after wasm-opt: the same build with its names kept, broken down by crate and by
# kind (sorts, serde, formatting, regex), with the largest functions. SIZE_MODULE=docx or exports for the others.
WASM_OPT_FLAGS := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
SIZE_MODULE ?= analysis
SIZE_PROFILE = $(if $(filter readers,$(SIZE_MODULE)),wasm-readers,$(WASM_PROFILE))
size-detail: build-wasm
	mkdir -p target/size
	RUSTFLAGS="$(WASM_RUSTFLAGS)" cargo build --lib --target $(WASM_TARGET) --profile $(SIZE_PROFILE) --no-default-features --features $(SIZE_MODULE)-api
	wasm-bindgen --target web --keep-debug --out-dir target/size --out-name named target/$(WASM_TARGET)/$(SIZE_PROFILE)/report_analyzer.wasm
	wasm-opt -Oz -g $(WASM_OPT_FLAGS) target/size/named_bg.wasm -o target/size/named.wasm
	python3 tools/wasm_sizes.py target/size/named.wasm

clean:
	cargo clean
	rm -rf pkg/report_analyzer* pkg/*.d.ts node_modules
