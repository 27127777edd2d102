package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"testing"

	"zhifa/client"
	"zhifa/internal/account"
	"zhifa/internal/audit"
	"zhifa/internal/catalog"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/reform"
	"zhifa/internal/server"
)

// TestCommittedOpenAPIDocumentIsCurrent regenerates the OpenAPI document from the live route table
// and compares it byte for byte with web/src/api/openapi.json, from which the console's and the Go
// client's types are generated. It fails when a route or a request or response type changed
// without the document (and the types) being generated again.
func TestCommittedOpenAPIDocumentIsCurrent(t *testing.T) {
	doc, err := server.OpenAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	again, err := server.OpenAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc, again) {
		t.Fatal("two builds of the OpenAPI document differ: its output is not deterministic")
	}
	const path = "../../web/src/api/openapi.json"
	committed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc, committed) {
		t.Fatalf("web/src/api/openapi.json is out of date with the route table (%s).\n"+
			"Run `make generate` and commit web/src/api/openapi.json, web/src/api/schema.ts and client/types_gen.go.",
			firstDifference(committed, doc))
	}
}

// firstDifference names the first line at which two texts differ.
func firstDifference(old, new []byte) string {
	a, b := bytes.Split(old, []byte("\n")), bytes.Split(new, []byte("\n"))
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y []byte
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if !bytes.Equal(x, y) {
			return fmt.Sprintf("line %d is %q, the routes give %q", i+1, bytes.TrimSpace(x), bytes.TrimSpace(y))
		}
	}
	return "no line differs"
}

// TestMetaPublishesPermissionsAndRoles checks the code tables the console reads instead of copies:
// every permission a route requires is listed with its Chinese name, and every role with its
// permissions.
func TestMetaPublishesPermissionsAndRoles(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		var meta client.ServerMeta
		if err := e.as("officer").Get(ctx, "/api/v1/meta", nil, &meta); err != nil {
			t.Fatal(err)
		}
		checkCodeTables(t, e.app.Routes(), meta)
	})
}

func checkCodeTables(t *testing.T, routes []httpx.Route, meta client.ServerMeta) {
	names := map[client.Permission]string{}
	for _, p := range meta.Permissions {
		names[p.Code] = p.Name
	}
	if len(names) != len(access.AllPermissions()) || names["people.pii"] != "查看完整身份证号与手机号" {
		t.Fatalf("permissions: %+v", meta.Permissions)
	}
	for _, rt := range routes {
		if rt.Perm != "" && names[client.Permission(rt.Perm)] == "" {
			t.Errorf("%s %s requires %q, which GET /api/v1/meta does not name", rt.Method, rt.Path, rt.Perm)
		}
	}
	if !slices.Equal(meta.Administrators, []client.Role{client.AccessRoleSysadmin, client.AccessRoleSecadmin, client.AccessRoleAuditor}) {
		t.Errorf("administrators: %v", meta.Administrators)
	}
	if len(meta.Roles) != len(access.AllRoles()) {
		t.Fatalf("roles: %+v", meta.Roles)
	}
	for _, r := range meta.Roles {
		if r.Name == "" || len(r.Permissions) == 0 || !r.Code.Valid() {
			t.Errorf("role %+v", r)
		}
		for _, p := range r.Permissions {
			if names[p] == "" {
				t.Errorf("role %s grants %q, which has no name", r.Code, p)
			}
		}
	}
}

// TestEnumTagsListTheServersCodes checks the enums written as struct tags on response fields
// against the constants the server uses, so a new code cannot be missing from the document.
func TestEnumTagsListTheServersCodes(t *testing.T) {
	raw, err := server.OpenAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					Enum []string `json:"enum"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		schema, field string
		want          []string
	}{
		{"account.Request", "kind", []string{account.RequestCreate, account.RequestUpdate, account.RequestReset}},
		{"account.Request", "status", []string{account.RequestPending, account.RequestApproved, account.RequestRejected}},
		{"audit.ChainReport", "problem", []string{audit.ProblemAltered, audit.ProblemMissing, audit.ProblemReordered,
			audit.ProblemTruncated, audit.ProblemRewritten}},
		{"org.Org", "townshipClass", []string{org.TownshipKey, org.TownshipOrdinary, ""}},
		{"reform.Check", "unit", []string{reform.UnitRatio, reform.UnitCount}},
		{"catalog.Problem", "severity", []string{catalog.SeverityError, catalog.SeverityWarning}},
	} {
		got := doc.Components.Schemas[c.schema].Properties[c.field].Enum
		if !slices.Equal(got, c.want) {
			t.Errorf("%s.%s lists %q, the server uses %q", c.schema, c.field, got, c.want)
		}
	}
}
