package httpx

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

type shade string

type swatch struct {
	Name    string  `json:"name"`
	Shade   shade   `json:"shade"`
	Mixed   *swatch `json:"mixed"`          // written as null when nil
	Next    *swatch `json:"next,omitempty"` // left out when nil
	Extra   any     `json:"extra"`          // any value
	Secret  string  `json:"-"`              // never written
	Comment string  `json:"comment,omitempty"`
}

func schemas(t *testing.T, doc map[string]any) map[string]map[string]any {
	t.Helper()
	raw, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Components struct {
			Schemas map[string]map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out.Components.Schemas
}

func TestOpenAPIComponentsAreNamedTypesWithCodesAndNullablePointers(t *testing.T) {
	ok := func(http.ResponseWriter, *http.Request) error { return nil }
	routes := []Route{
		{Method: "GET", Path: "/api/v1/swatches", Response: List[swatch]{}, Handler: ok},
		{Method: "POST", Path: "/api/v1/swatches", Body: swatch{}, Response: swatch{}, Handler: ok},
	}
	doc := OpenAPIWithCodes("v1", routes, Codes{reflect.TypeFor[shade](): {"light", "dark"}})
	s := schemas(t, doc)
	for _, name := range []string{"httpx.swatch", "httpx.swatchList", "httpx.shade", "httpx.ErrorBody", "apperr.Error"} {
		if s[name] == nil {
			t.Errorf("no component %s", name)
		}
	}
	if enum, _ := json.Marshal(s["httpx.shade"]["enum"]); string(enum) != `["light","dark"]` {
		t.Errorf("shade enum %s", enum)
	}
	props := s["httpx.swatch"]["properties"].(map[string]any)
	get := func(name string) string {
		b, _ := json.Marshal(props[name])
		return string(b)
	}
	if got := get("shade"); got != `{"$ref":"#/components/schemas/httpx.shade"}` {
		t.Errorf("shade: %s", got)
	}
	if got := get("mixed"); got != `{"oneOf":[{"$ref":"#/components/schemas/httpx.swatch"},{"type":"null"}],"x-go-type-skip-optional-pointer":false}` {
		t.Errorf("mixed: %s", got)
	}
	if got := get("next"); got != `{"$ref":"#/components/schemas/httpx.swatch","x-go-type-skip-optional-pointer":false}` {
		t.Errorf("next: %s", got)
	}
	if got := get("extra"); got != `{}` {
		t.Errorf("extra: %s", got)
	}
	if props["Secret"] != nil || props["-"] != nil {
		t.Error("a field never written is in the schema")
	}
	required, _ := json.Marshal(s["httpx.swatch"]["required"])
	if string(required) != `["name","shade","mixed","extra"]` {
		t.Errorf("required %s", required)
	}
	// The response of the list is the named instance, not an inline copy.
	list, _ := json.Marshal(doc["paths"].(map[string]map[string]any)["/api/v1/swatches"]["get"])
	if !strings.Contains(string(list), `"#/components/schemas/httpx.swatchList"`) {
		t.Errorf("list response: %s", list)
	}
	a, _ := json.Marshal(OpenAPIWithCodes("v1", routes, Codes{reflect.TypeFor[shade](): {"light", "dark"}}))
	b, _ := json.Marshal(doc)
	if string(a) != string(b) {
		t.Error("two builds differ")
	}
}

func TestOpenAPIRefusesTwoTypesWithOneComponentName(t *testing.T) {
	first := func() any {
		type twin struct{ A int }
		return twin{}
	}
	second := func() any {
		type twin struct{ B string }
		return twin{}
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "httpx.twin") {
			t.Fatalf("recovered %v", r)
		}
	}()
	OpenAPI("v1", []Route{{Method: "GET", Path: "/a", Response: first()}, {Method: "GET", Path: "/b", Response: second()}})
}
