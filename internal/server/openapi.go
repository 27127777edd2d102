package server

import (
	"bytes"
	"encoding/json"

	"zhifa/internal/account"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/secret"
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
	if err := enc.Encode(httpx.OpenAPI(DocumentVersion, a.Routes())); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
