package client

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const document = "../web/src/api/openapi.json"

// TestGeneratedTypesAreCurrent generates the client's types from the committed OpenAPI document
// into a temporary file, as make generate does, and compares it with types_gen.go.
func TestGeneratedTypesAreCurrent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "types_gen.go")
	cmd := exec.Command("go", "tool", "oapi-codegen", "-config", "oapi-codegen.yaml", "-o", out, document)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("oapi-codegen: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("types_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("client/types_gen.go differs from what web/src/api/openapi.json generates.\n" +
			"Run `make generate` and commit client/types_gen.go.")
	}
}

// TestListMatchesEveryListInTheDocument keeps the generic List[T] in step with the server's
// httpx.List[T], which the document spells out once per item type (people.PersonList …).
func TestListMatchesEveryListInTheDocument(t *testing.T) {
	raw, err := os.ReadFile(document)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]any `json:"properties"`
				Required   []string       `json:"required"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var fields []string
	lt := reflect.TypeFor[List[any]]()
	for i := range lt.NumField() {
		fields = append(fields, strings.Split(lt.Field(i).Tag.Get("json"), ",")[0])
	}
	slices.Sort(fields)
	lists := 0
	for name, s := range doc.Components.Schemas {
		if !strings.HasSuffix(name, "List") || s.Properties["items"] == nil {
			continue
		}
		lists++
		required := slices.Sorted(slices.Values(s.Required))
		if !slices.Equal(required, fields) || len(s.Properties) != len(fields) {
			t.Errorf("%s has the fields %v, List[T] has %v", name, required, fields)
		}
	}
	if lists < 5 {
		t.Fatalf("found %d lists in the document", lists)
	}
}
