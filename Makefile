MODULE  := github.com/morgue-archive/morgue
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X $(MODULE)/internal/cli.version=$(VERSION)

.PHONY: all build demo test update-golden lint fmt model bench bench-quick clean

all: build

build:
	go build -ldflags "$(LDFLAGS)" -o bin/morgue ./cmd/morgue

DEMO := .demo/archive
demo: build
	@rm -rf $(DEMO)
	./bin/morgue --archive $(DEMO) ingest testdata/demo
	@echo; echo '$$ morgue search extradition'
	@./bin/morgue --archive $(DEMO) search extradition
	@echo '$$ morgue search --kind comment "bout OR jab"'
	@./bin/morgue --archive $(DEMO) search --kind comment 'bout OR jab'
	@echo '$$ morgue search person:Hrebenko'
	@./bin/morgue --archive $(DEMO) search person:Hrebenko
	@echo '$$ morgue entities --top 6'
	@./bin/morgue --archive $(DEMO) entities --top 6
	@echo; echo '$$ morgue search --json --limit 1 "\"pay rise\""'
	@./bin/morgue --archive $(DEMO) search --json --limit 1 '"pay rise"'
	@echo '$$ morgue stats'
	@./bin/morgue --archive $(DEMO) stats

test:
	go vet ./...
	go test ./...
	cd internal/dateparserlite && go test ./...

update-golden:
	UPDATE_GOLDEN=1 go test ./...

# Benchmarks against SQLite FTS5, ripgrep and Xapian on corpora built from
# ../shared/data (see bench/README.md). Not run by CI.
bench:
	go run ./cmd/morgue-bench -sizes 10k,100k,1m

bench-quick:
	go run ./cmd/morgue-bench -quick

# Retrain the embedded entity tagger from ../shared/data (about 3 minutes).
model:
	go run ./cmd/nertrain -o internal/entity/ner/model.bin.zst

lint:
	go vet ./...
	test -z "$$(gofmt -l .)"

fmt:
	gofmt -w .

clean:
	rm -rf bin .demo
