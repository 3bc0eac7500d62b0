# argmap: `make run` serves the seed essay on http://localhost:8080,
# `make test` runs every test.

GO      ?= go
TAGS    := sqlite_fts5
GOFLAGS := -tags=$(TAGS) -buildvcs=false
BIN     := bin/argmap
DB      ?= argmap.db
SEED    ?= seeds/central-asians-in-russias-war.txt
ADDR    ?= localhost:8080
CORPUS  ?= ../shared/corpora/arg-microtexts
FUZZTIME ?= 30s

.PHONY: all build run ingest test vet fuzz eval export clean bench load deploy-check

all: build

build:
	$(GO) build $(GOFLAGS) -o $(BIN) ./cmd/argmap

## run: build, ingest the seed into $(DB), serve it on $(ADDR)
run: build
	./$(BIN) ingest -db $(DB) $(SEED)
	./$(BIN) serve -db $(DB) -addr $(ADDR)

ingest: build
	./$(BIN) ingest -db $(DB) $(SEED)

## test: every unit, integration and end-to-end test
test:
	$(GO) vet $(GOFLAGS) ./...
	$(GO) test $(GOFLAGS) -count=1 ./...

## eval: score the extractor on the arg-microtexts corpus (skips when absent)
eval: build
	./$(BIN) eval $(CORPUS)

## fuzz: run each fuzz target for $(FUZZTIME)
fuzz:
	$(GO) test $(GOFLAGS) ./internal/essay -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test $(GOFLAGS) ./internal/argument -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime $(FUZZTIME)
	$(GO) test $(GOFLAGS) ./internal/server -run '^$$' -fuzz '^FuzzRequest$$' -fuzztime $(FUZZTIME)
	$(GO) test $(GOFLAGS) ./internal/server -run '^$$' -fuzz '^FuzzPickVariant$$' -fuzztime $(FUZZTIME)

## bench: Go benchmarks (parse, extract, ingest, each handler), then
## .ci/bench.sh: ingest timings, wrk argmap vs a bare net/http handler, RSS
bench: build
	$(GO) test $(GOFLAGS) -run '^$$' -bench . ./internal/server ./cmd/argmap
	bash .ci/bench.sh

## load: 256 connections for 30 s on loopback; zero errors, flat memory
load: build
	bash .ci/load.sh

## deploy-check: the export behind nginx, two replicas behind an nginx cache
deploy-check: build
	bash .ci/deploy-check.sh

## export: write the static site of $(DB) into site/
export: build
	./$(BIN) export -db $(DB) -out site

clean:
	rm -rf bin site $(DB)
