# scrutin: French press articles in, election facts out.
#   make run    extract the bundled corpus (records on stdout)
#   make test   every test
SHARED ?= ../shared
CARGO ?= cargo
BIN := target/release/scrutin

.PHONY: run test eval build bench lint clean conformance

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

# Throughput of the whole extract on the bundled corpus replicated (see
# bench/README.md); speed is measured here, never in tests.
bench: build
	bash bench/run.sh

# Pass rate per file of the shared conformance vectors (sentences, numbers).
conformance:
	@mkdir -p target; $(CARGO) test --release --locked --test conformance -- --nocapture --test-threads 1 \
		> target/conformance.log 2>&1; status=$$?; \
		grep -E ' cases |^test result|panicked' target/conformance.log; exit $$status

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets -- -D warnings

clean:
	$(CARGO) clean

include tools/patterns.mk
