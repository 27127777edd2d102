package server

import (
	"bytes"
	"encoding/json"
	"reflect"

	"zhifa/internal/account"
	"zhifa/internal/catalog"
	"zhifa/internal/discretion"
	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/platform/secret"
	"zhifa/internal/platform/settings"
)

// DocumentVersion is info.version of the OpenAPI document committed in the repository
// (web/src/api/openapi.json), from which the console's and the Go client's types are generated.
// It is fixed so that the document changes only when the API does.
const DocumentVersion = "v1"

// OpenAPIDocument is the OpenAPI document of the route table, built without a store:
// pretty-printed with every key sorted, so the same routes always give the same bytes.
func OpenAPIDocument() ([]byte, error) {
	// The routes only capture the services; nothing is stored or encrypted while the document is built.
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		return nil, err
	}
	a := New(nil, box, clock.System{}, account.Policy{}, DocumentVersion)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(openAPI(DocumentVersion, a.Routes())); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func openAPI(version string, routes []httpx.Route) map[string]any {
	return httpx.OpenAPIWithCodes(version, routes, codeTypes())
}

// codeTypes are the code types of the API with their values, taken from the tables the features
// keep (or their constants), so the document lists exactly the codes the server knows.
func codeTypes() httpx.Codes {
	var perms, roles []string
	for _, p := range access.AllPermissions() {
		perms = append(perms, string(p.Code))
	}
	for _, r := range access.AllRoles() {
		roles = append(roles, string(r.Code))
	}
	return httpx.Codes{
		reflect.TypeFor[access.Permission]():  perms,
		reflect.TypeFor[access.Role]():        roles,
		reflect.TypeFor[org.Kind]():           optionCodes(org.Kinds),
		reflect.TypeFor[people.CertStatus]():  codes(people.CertValid, people.CertExpiring, people.CertExpired, people.CertNone),
		reflect.TypeFor[catalog.ItemType]():   optionCodes(catalog.ItemTypes),
		reflect.TypeFor[catalog.Category]():   optionCodes(catalog.Categories),
		reflect.TypeFor[catalog.Level]():      optionCodes(catalog.Levels),
		reflect.TypeFor[catalog.Mode]():       optionCodes(catalog.Modes),
		reflect.TypeFor[discretion.Level]():   codes(discretion.Levels...),
		reflect.TypeFor[lifecycle.Status]():   codes(lifecycle.Statuses...),
		reflect.TypeFor[lifecycle.State]():    codes(lifecycle.States...),
		reflect.TypeFor[settings.FieldType](): codes(settings.FieldTypes...),
		reflect.TypeFor[settings.Action]():    codes(settings.Actions...),
	}
}

func codes[T ~string](values ...T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// optionCodes lists the codes of a feature's select options ({code, name}).
func optionCodes[O ~struct {
	Code string `json:"code"`
	Name string `json:"name"`
}](opts []O) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = org.Option(o).Code
	}
	return out
}
