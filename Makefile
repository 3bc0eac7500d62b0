# argmap: `make run` serves the seed essay on http://localhost:8080,
# `make test` runs every test.

GO      ?= go
TAGS    := sqlite_fts5
GOFLAGS := -tags=$(TAGS) -buildvcs=false
BIN     := bin/argmap
DEFAULT_SEED := seeds/central-asians-in-russias-war.txt
SEED    ?= $(DEFAULT_SEED)
# DB is argmap.db for the seed and NAME.db for SEED=path/NAME.ext, so that
# `make run SEED=x` starts a database of its own instead of making x a
# revision of the seed (ingest would refuse it: see -rewrite in README.md).
DB      ?= $(if $(filter $(DEFAULT_SEED),$(SEED)),argmap.db,$(basename $(notdir $(SEED))).db)
ADDR    ?= localhost:8080
CORPORA ?= ../shared/corpora
MODEL   := internal/argument/model.json
FUZZTIME ?= 30s

.PHONY: all build run ingest test golden fuzz eval model model-check export clean argdown web-deps screenshots bench load deploy-check scale

all: build

build:
	$(GO) build $(GOFLAGS) -o $(BIN) ./cmd/argmap

## run: build, ingest $(SEED) into $(DB), serve it on $(ADDR)
run: build
	./$(BIN) ingest -db $(DB) $(SEED)
	./$(BIN) serve -db $(DB) -addr $(ADDR)

ingest: build
	./$(BIN) ingest -db $(DB) $(SEED)

## test: go vet and every unit, integration and end-to-end test, then
## what was skipped and why (.ci/test.sh); in CI (CI=true) a skip fails
test:
	GO=$(GO) bash .ci/test.sh $(GOFLAGS)

## golden: rewrite the golden files from the current output (the seed's
## analysis, the exports of TestExportsGolden), then list what changed:
## review the diff. Only these two packages define -update, so
## `go test ./... -update` fails in the others.
golden:
	$(GO) test $(GOFLAGS) -count=1 ./internal/argument -run '^TestSeedGolden$$' -update
	$(GO) test $(GOFLAGS) -count=1 ./internal/server -run '^TestExportsGolden$$' -update
	@git status --short -- internal/argument/testdata internal/server/testdata

## argdown: install the Argdown parser (npm @argdown/cli) into $(ARGDOWN_DIR), where
## `make test` finds it to check /export/argdown (the test skips without it)
ARGDOWN_DIR ?= .cache/argdown
argdown:
	@command -v npm >/dev/null || { echo "argdown: npm not found: install Node.js and npm"; exit 1; }
	npm install --prefix $(ARGDOWN_DIR) --no-audit --no-fund --loglevel=error @argdown/cli@1.7.5

## web-deps: install the npm packages of the accessibility and HTML tests
## (axe-core, vnu-jar) into $(NPM_DIR), where `make test` finds them (the
## tests skip without them; they also need chromium and java)
NPM_DIR ?= .cache/npm
web-deps:
	@command -v npm >/dev/null || { echo "web-deps: npm not found: install Node.js and npm"; exit 1; }
	npm install --prefix $(NPM_DIR) --no-save --no-audit --no-fund --ignore-scripts --loglevel=error axe-core@4.14.1 vnu-jar@26.9.27

## screenshots: regenerate docs/*.png (desktop and phone) with Chromium
screenshots:
	ARGMAP_SCREENSHOTS=$(CURDIR)/docs $(GO) test $(GOFLAGS) -count=1 -run '^TestScreenshots$$' -v ./internal/server

## model: retrain the embedded model from $(CORPORA) (deterministic: the same
## corpora give the same bytes), then rebuild
model: build
	./$(BIN) train -out $(MODEL)
	$(MAKE) build

## model-check: retrain into a temporary file and fail if it differs from
## the committed model (CI runs it)
model-check: build
	@tmp=$$(mktemp); ./$(BIN) train -out $$tmp && cmp $$tmp $(MODEL) && echo "model-check: $(MODEL) is what make model builds (sha256 $$(sha256sum $(MODEL) | cut -c1-16)…)"; st=$$?; rm -f $$tmp; exit $$st

## eval: the cross-corpus table (k-fold, leave one topic out, one corpus's
## model on another) of the model, the old rules and the baselines
eval: build
	./$(BIN) eval $(CORPORA)

## fuzz: run each fuzz target for $(FUZZTIME)
fuzz:
	$(GO) test $(GOFLAGS) ./internal/essay -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test $(GOFLAGS) ./internal/argument -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime $(FUZZTIME)
	$(GO) test $(GOFLAGS) ./internal/figure -run '^$$' -fuzz '^FuzzFind$$' -fuzztime $(FUZZTIME)
	$(GO) test $(GOFLAGS) ./internal/store -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime $(FUZZTIME)
	$(GO) test $(GOFLAGS) ./internal/server -run '^$$' -fuzz '^FuzzRequest$$' -fuzztime $(FUZZTIME)
	$(GO) test $(GOFLAGS) ./internal/server -run '^$$' -fuzz '^FuzzPickVariant$$' -fuzztime $(FUZZTIME)

## bench: Go benchmarks (parse, extract, ingest, each handler), then
## .ci/bench.sh: ingest timings, wrk argmap vs a bare net/http handler, RSS
bench: build
	$(GO) test $(GOFLAGS) -run '^$$' -bench . ./internal/server ./cmd/argmap
	bash .ci/bench.sh

## scale: the seed, a 1,834-paragraph report, 10k and 50k short paragraphs
## (generated): ingest time and memory, serve ready time and memory, largest page
scale: build
	bash .ci/scale.sh

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
	rm -rf bin site $(DB) $(DB).lock
