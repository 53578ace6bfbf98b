# scrutin: French press articles in, election facts out.
#   make run    extract the bundled corpus (records on stdout)
#   make test   every test
SHARED ?= ../shared
CARGO ?= cargo
BIN := target/release/scrutin

.PHONY: run test eval build bench bench-baseline lint clean

build:
	$(CARGO) build --release --locked

run: build
	$(BIN) extract corpus/

test:
	$(CARGO) test --release --locked

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

# spaCy fr_core_news_sm (sentences and entities) with regexes for the figures,
# against `scrutin --threads 2 extract`, on the same 5 MB slice in the same run
# (see bench/baseline/ and BENCHMARKS.md).
bench-baseline: build
	[ -x bench/baseline/.venv/bin/python ] || python3 -m venv bench/baseline/.venv
	bench/baseline/.venv/bin/pip install --quiet --disable-pip-version-check \
		--require-hashes -r bench/baseline/requirements.txt
	bash bench/baseline/run.sh

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets -- -D warnings

clean:
	$(CARGO) clean

include tools/patterns.mk
