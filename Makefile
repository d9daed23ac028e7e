# The portal's commands. `make run` serves the portal; `make test` runs every test.
SHELL := /bin/bash
GO ?= go
BIN := bin/portal
DEVDB := bin/devdb
DEMO_TRIPS ?= 500
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

# The database: DATABASE_URL when set, used as given; else the server on
# DEFAULT_DATABASE_URL when one answers there; else the project's own cluster in
# .data/postgres, created and started on a free loopback port (bin/devdb, see README).
DEFAULT_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal?sslmode=disable
export DEFAULT_DATABASE_URL
WITH_DB = url=$$(./$(DEVDB) url) || exit 1; export DATABASE_URL="$$url";

.PHONY: run build devdb generate lint test test-short bench loadtest poolbench cluster clean demo stop lighthouse

## run: build, find or start PostgreSQL, create and migrate the database if needed, and serve the portal
run: build devdb
	@$(WITH_DB) echo "./$(BIN) serve --migrate"; ./$(BIN) serve --migrate

## stop: stop the project's own PostgreSQL cluster (.data/postgres), if it runs
stop: devdb
	@./$(DEVDB) stop

## demo: migrate the database and load fictional demo data (DEMO_TRIPS trips; remove with bin/portal demo --remove)
demo: build devdb
	@$(WITH_DB) ./$(BIN) migrate up && ./$(BIN) demo --trips $(DEMO_TRIPS)

## build: compile the portal binary into bin/
build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/portal

# devdb: the tool that finds or starts the database for run, demo, test and stop
devdb:
	@$(GO) build -o $(DEVDB) ./cmd/devdb

## generate: regenerate the templ components (*_templ.go are committed)
generate:
	$(GO) tool templ generate

## lint: gofmt, go vet, staticcheck, and a check that every generated *_templ.go is fresh
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '_templ\.go$$')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@command -v staticcheck >/dev/null || { echo "staticcheck missing: go install honnef.co/go/tools/cmd/staticcheck@latest"; exit 1; }
	staticcheck ./...
	@tmp=$$(mktemp -d); \
	  for f in $$(find . -name '*_templ.go' -not -path './.git/*' -not -path '*/node_modules/*'); do mkdir -p $$tmp/$$(dirname $$f); cp $$f $$tmp/$$f; done; \
	  $(GO) tool templ generate >/dev/null 2>&1; \
	  for t in $$(find . -name '*.templ' -not -path './.git/*' -not -path '*/node_modules/*'); do f=$${t%.templ}_templ.go; \
	    cmp -s $$f $$tmp/$$f || { echo "stale: $$f was not generated from $$t (now regenerated: commit it)"; rm -rf $$tmp; exit 1; }; done; \
	  rm -rf $$tmp

## test: every test, against the real PostgreSQL (and headless Chromium for browser tests)
test: scripts/axe/node_modules devdb
	@$(WITH_DB) echo "$(GO) test -count=1 ./..."; $(GO) test -count=1 ./...

scripts/axe/node_modules: scripts/axe/package-lock.json
	npm ci --prefix scripts/axe --no-audit --no-fund --loglevel=error
	@touch $@

## bench: the benchmarks
bench: devdb
	@$(WITH_DB) $(GO) test -run '^$$' -bench . -benchmem ./...

## loadtest: wrk against the portal and against nginx serving the same bytes, at LOADTEST_TRIPS demo trips (default 100000; see docs/benchmarks.md)
loadtest: devdb
	@$(WITH_DB) scripts/loadtest

## poolbench: one instance under wrk at 64 connections, for each DB_MAX_CONNS in LOADTEST_CONNS (docs/operations.md)
poolbench: build devdb
	@$(WITH_DB) scripts/poolbench

## lighthouse: Lighthouse accessibility of every public page type of the portal at LIGHTHOUSE_URL (default http://127.0.0.1:8080; make run and make demo first; docs/accessibility.md)
LIGHTHOUSE_URL ?= http://127.0.0.1:8080
lighthouse: scripts/lighthouse/node_modules
	scripts/lighthouse/run $(LIGHTHOUSE_URL)

scripts/lighthouse/node_modules: scripts/lighthouse/package-lock.json
	npm ci --prefix scripts/lighthouse --no-audit --no-fund --loglevel=error
	@touch $@

## cluster: primary + hot standby, several instances behind nginx (TLS) on loopback; a drill under load (docs/operations.md)
cluster: build
	scripts/cluster

## clean: remove the binaries and test artifacts (the project's database in .data stays: make stop, then rm -rf .data)
clean:
	rm -rf bin test-artifacts
