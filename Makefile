# scrutin: French press articles in, election facts out.
#   make run    extract the bundled corpus (records on stdout)
#   make test   every test
SHARED ?= ../shared
CARGO ?= cargo
BIN := target/release/scrutin

.PHONY: run test test-long eval build bench bench-baseline lint clean conformance test-spark \
	test-browser

build:
	$(CARGO) build --release --locked

run: build
	$(BIN) extract corpus/

test:
	$(CARGO) test --release --locked

# Longer checks: the property tests with many more cases, then a minute of
# fuzzing the whole pipeline (fuzz/) when a nightly toolchain and
# cargo-fuzz can be had; crashes land in fuzz/artifacts/.
test-long:
	PROPTEST_CASES=100000 $(CARGO) test --release --locked --test properties
	@if ! $(CARGO) +nightly --version >/dev/null 2>&1; then \
		echo "test-long: no nightly toolchain, so no fuzzing (property tests only)"; \
	elif ! $(CARGO) fuzz --version >/dev/null 2>&1 && ! $(CARGO) install cargo-fuzz --locked; then \
		echo "test-long: cargo-fuzz cannot be installed, so no fuzzing (property tests only)"; \
	else \
		cd fuzz && mkdir -p corpus/pipeline && \
		$(CARGO) +nightly fuzz run pipeline corpus/pipeline ../corpus -- -max_total_time=60; \
	fi

# Quality against every gold file: the shared ones and the project's own.
eval: build
	@echo "== $(SHARED)/eval/dev"
	@$(BIN) eval --gold $(SHARED)/eval/dev corpus/ | sed -n '1,8p'
	@echo "== tests/gold"
	@$(BIN) eval --gold tests/gold corpus/ | sed -n '1,8p'

# Throughput of the whole extract and of each stage on a generated corpus
# (SIZE_MB, default 500; see bench/run.sh); speed is measured here, never in
# tests.
bench: build
	bash bench/run.sh

# Pass rate per file of the shared conformance vectors (sentences, numbers).
conformance:
	@mkdir -p target; $(CARGO) test --release --locked --test conformance -- --nocapture --test-threads 1 \
		> target/conformance.log 2>&1; status=$$?; \
		grep -E ' cases |^test result|panicked' target/conformance.log; exit $$status

# spaCy fr_core_news_sm (sentences and entities) with regexes for the figures,
# against `scrutin --threads 2 extract`, on the same 5 MB slice in the same run
# (see bench/baseline/ and BENCHMARKS.md).
bench-baseline: build
	[ -x bench/baseline/.venv/bin/python ] || python3 -m venv bench/baseline/.venv
	bench/baseline/.venv/bin/pip install --quiet --disable-pip-version-check \
		--require-hashes -r bench/baseline/requirements.txt
	bash bench/baseline/run.sh

# examples/spark/job.py in Spark's local mode on the bundled corpus
# replicated to about 2,000 documents, held to `scrutin extract` on the same
# input (see examples/spark/check.py); pyspark in examples/spark/.venv.
SPARK_VENV := examples/spark/.venv
test-spark: build
	@command -v java >/dev/null 2>&1 || { echo "test-spark: no java on PATH; Spark needs Java 17: apt-get install openjdk-17-jre-headless" >&2; exit 1; }
	[ -x $(SPARK_VENV)/bin/python ] || python3 -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/pip install --quiet --disable-pip-version-check \
		--require-hashes -r examples/spark/requirements.txt
	$(SPARK_VENV)/bin/python examples/spark/check.py $(BIN)

# The HTML coverage page of the bundled corpus rendered by a headless
# Chromium: a screenshot in target/report.png, and the DOM the page's script
# leaves checked by tests/browser/check_report.py (map coloured, tables
# filled). Needs /usr/bin/chromium (apt-get install chromium) and python3.
CHROMIUM ?= chromium
test-browser: build
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { echo "test-browser: no $(CHROMIUM) on PATH: apt-get install chromium" >&2; exit 1; }
	rm -f target/report.html target/report.png target/report.dom.html
	$(BIN) coverage --html target/report.html corpus/
	@profile=$$(mktemp -d) && \
	flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir=$$profile" && \
	page="file://$$(pwd)/target/report.html" && \
	$(CHROMIUM) $$flags --screenshot=target/report.png --window-size=1400,1000 "$$page" \
		2>target/chromium.log && \
	$(CHROMIUM) $$flags --dump-dom "$$page" > target/report.dom.html 2>>target/chromium.log; \
	status=$$?; rm -rf "$$profile"; \
	if [ $$status -ne 0 ]; then cat target/chromium.log >&2; exit $$status; fi
	@test -s target/report.png || { cat target/chromium.log >&2; echo "test-browser: no screenshot" >&2; exit 1; }
	python3 tests/browser/check_report.py target/report.dom.html

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets -- -D warnings

clean:
	$(CARGO) clean

include tools/patterns.mk
