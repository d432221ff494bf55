MODULE  := github.com/morgue-archive/morgue
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X $(MODULE)/internal/cli.version=$(VERSION)

.PHONY: all build demo test update-golden lint fmt model bench bench-quick clean

all: build

build:
	go build -ldflags "$(LDFLAGS)" -o bin/morgue ./cmd/morgue

test:
	go vet ./...
	go test ./...

update-golden:
	UPDATE_GOLDEN=1 go test ./...

lint:
	go vet ./...
	test -z "$$(gofmt -l .)"

fmt:
	gofmt -w .

clean:
	rm -rf bin .demo
