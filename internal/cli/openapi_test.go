package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestOpenAPIPrintsTheDocumentWithoutAStore: zhifa openapi needs no database, data directory or
// key, and prints the same document on every run, with a fixed version rather than the binary's.
func TestOpenAPIPrintsTheDocumentWithoutAStore(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errOut := run("openapi")
	if code != 0 {
		t.Fatalf("openapi: %d %s", code, errOut)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Info    struct {
			Version string `json:"version"`
		} `json:"info"`
		Paths map[string]any `json:"paths"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || doc.Info.Version != "v1" || doc.Paths["/api/v1/people"] == nil {
		t.Fatalf("document: %s %s, %d paths", doc.OpenAPI, doc.Info.Version, len(doc.Paths))
	}
	if _, again, _ := run("openapi"); again != out {
		t.Fatal("two runs printed different documents")
	}
	if !strings.HasPrefix(out, "{\n  \"components\"") {
		t.Fatalf("not pretty-printed with sorted keys: %.40q", out)
	}
}
