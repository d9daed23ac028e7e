# The portal's commands. `make run` serves the portal; `make test` runs every test.
SHELL := /bin/bash
GO ?= go
BIN := bin/portal
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal?sslmode=disable
export DATABASE_URL
DEMO_TRIPS ?= 500
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

.PHONY: run build generate lint test test-short bench clean demo cluster loadtest

## run: build, create and migrate the database if needed, and serve the portal
run: build
	./$(BIN) serve --migrate

## demo: migrate the database and load fictional demo data (DEMO_TRIPS trips; remove with bin/portal demo --remove)
demo: build
	./$(BIN) migrate up && ./$(BIN) demo --trips $(DEMO_TRIPS)

## build: compile the portal binary into bin/
build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/portal

## generate: regenerate the templ components (*_templ.go are committed)
generate:
	$(GO) tool templ generate

## lint: gofmt, go vet, staticcheck, and a check that generated files are fresh
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '_templ\.go$$')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@command -v staticcheck >/dev/null || { echo "staticcheck missing: go install honnef.co/go/tools/cmd/staticcheck@latest"; exit 1; }
	staticcheck ./...
	@tmp=$$(mktemp -d); cp templates/*_templ.go $$tmp/; \
	  $(GO) tool templ generate >/dev/null 2>&1; \
	  for f in templates/*_templ.go; do cmp -s $$f $$tmp/$$(basename $$f) || { echo "stale: $$f was not generated from its .templ (now regenerated: commit it)"; rm -rf $$tmp; exit 1; }; done; \
	  rm -rf $$tmp

## test: every test, against the real PostgreSQL (and headless Chromium for browser tests)
test: scripts/axe/node_modules
	$(GO) test -count=1 ./...

scripts/axe/node_modules: scripts/axe/package-lock.json
	npm ci --prefix scripts/axe --no-audit --no-fund --loglevel=error
	@touch $@

## bench: the benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## cluster: primary + hot standby, several instances behind nginx (TLS) on loopback; a drill under load (docs/operations.md)
cluster: build
	scripts/cluster

## loadtest: one instance under wrk at 64 connections, for each DB_MAX_CONNS in LOADTEST_CONNS (docs/operations.md)
loadtest: build
	scripts/loadtest

clean:
	rm -rf bin test-artifacts
