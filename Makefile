# Zhifa 综合行政执法一体化平台
#   make run    build what is needed and start on embedded SQLite with the demo county
#   make test   every test: Go unit and store tests on SQLite and PostgreSQL, API tests, web unit and browser tests
#   make bench  benchmarks (results are recorded in docs/benchmarks.md)
#   make generate  after changing the API: the OpenAPI document and the types generated from it

GO          ?= go
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -s -w -X main.version=$(VERSION)
ADDR        ?= 127.0.0.1:8080
DATA_DIR    ?= data
# PostgreSQL used by the tests: a schema per test is created and dropped in this database.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable

WEB_SOURCES := $(shell find web/src web/public web/scripts -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json web/package.json

.PHONY: run build web test test-go test-web bench clean check-node generate

run: build
	./bin/zhifa serve --demo --addr $(ADDR) --data-dir $(DATA_DIR)

build: web/dist/console/index.html
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o bin/zhifa ./cmd/zhifa

web: web/dist/console/index.html

# Node.js must satisfy "engines" in web/package.json (20.19+ on the 20 line); checked before npm runs.
check-node:
	@command -v node >/dev/null 2>&1 || { echo 'Node.js 20.19+ is required to build the console: node was not found on PATH (需要 Node.js 20.19 或更新版本).' >&2; exit 1; }
	@node web/scripts/check-node.mjs

web/node_modules/.installed: web/package.json web/package-lock.json | check-node
	cd web && npm ci --no-audit --no-fund
	@touch $@

# The console is rebuilt only when its sources changed.
web/dist/console/index.html: web/node_modules/.installed $(WEB_SOURCES) | check-node
	cd web && npm run build

# The API's OpenAPI document (web/src/api/openapi.json, from the route table) and the types
# generated from it: the console's web/src/api/schema.ts and the Go client's client/types_gen.go.
# make test fails while any of the three differs from what this writes.
generate: web/node_modules/.installed
	$(GO) run ./cmd/zhifa openapi > web/src/api/openapi.json.tmp
	mv web/src/api/openapi.json.tmp web/src/api/openapi.json
	cd client && $(GO) tool oapi-codegen -config oapi-codegen.yaml -o types_gen.go ../web/src/api/openapi.json
	cd web && npm run gen:api

test: build test-go test-web

test-go:
	$(GO) vet ./...
	ZHIFA_TEST_POSTGRES='$(PG_TEST_URL)' $(GO) test -count=1 -timeout 45m ./...

test-web: build
	cd web && npm run test:unit
	cd web && ZHIFA_BIN=../bin/zhifa npm run test:e2e

bench:
	ZHIFA_TEST_POSTGRES='$(PG_TEST_URL)' $(GO) test -run '^$$' -bench . -benchmem -benchtime 1x ./internal/region/
	ZHIFA_TEST_POSTGRES='$(PG_TEST_URL)' $(GO) test -run '^$$' -bench . -benchmem ./internal/people/ ./internal/server/ ./internal/audit/
	ZHIFA_TEST_POSTGRES='$(PG_TEST_URL)' $(GO) test -run '^$$' -bench Import10000 -benchmem -benchtime 1x ./internal/catalog/
	ZHIFA_TEST_POSTGRES='$(PG_TEST_URL)' $(GO) test -run '^$$' -bench CatalogQueries -benchmem -timeout 60m ./internal/catalog/
	./scripts/bench-documents.sh
	$(GO) test -run '^$$' -bench . -benchmem ./internal/platform/textclass/
	./scripts/bench-grids.sh

clean:
	rm -rf bin web/dist/console web/node_modules/.installed
