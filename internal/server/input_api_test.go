package server_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhifa/client"
	"zhifa/internal/reform"
)

// Settings bodies must name every value: an empty or null body, or one field of the value left
// out, never resets a jurisdiction's thresholds to zero; and a value is set only with its basis.
func TestSettingsCannotBeResetByAnEmptyBody(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		staffing := e.as("staffing")
		const path = "/api/v1/settings/reform.thresholds"
		var before client.SettingsView
		if err := staffing.Get(ctx, path, nil, &before); err != nil {
			t.Fatal(err)
		}
		put := func(body any) error { return staffing.Do(ctx, "PUT", path+"/371521000000", body, nil) }
		value := func(v map[string]any) map[string]any {
			return map[string]any{"value": v, "basis": "阳政办发〔2024〕3号"}
		}
		apiErr(t, put(map[string]any{}), http.StatusBadRequest, "BODY_FIELD_REQUIRED")
		apiErr(t, put(map[string]any{"basis": "阳政办发〔2024〕3号"}), http.StatusBadRequest, "BODY_FIELD_REQUIRED")
		apiErr(t, put(value(map[string]any{})), http.StatusBadRequest, "BODY_FIELD_REQUIRED")
		apiErr(t, put(value(map[string]any{"frontlineMinPct": 85, "keyTownshipMin": 8,
			"ordinaryTownshipMin": 3})), http.StatusBadRequest, "BODY_FIELD_REQUIRED")
		apiErr(t, put(map[string]any{"value": nil, "basis": "阳政办发〔2024〕3号"}), http.StatusBadRequest, "BODY_FIELD_REQUIRED")
		status, code, _ := raw(t, "PUT", e.url+path+"/371521000000", "null",
			map[string]string{"Authorization": "Bearer " + staffing.Token, "Content-Type": "application/json"})
		if status != http.StatusBadRequest || code != "BODY_REQUIRED" {
			t.Errorf("null body: %d %s", status, code)
		}
		err := put(value(map[string]any{"frontlineMinPct": 85, "keyTownshipMin": 2147483648, "ordinaryTownshipMin": 3, "sunkMinPct": 80}))
		if ce, ok := err.(*client.Error); !ok || ce.Status/100 != 4 {
			t.Errorf("keyTownshipMin 2147483648: %v", err)
		}
		apiErr(t, put(value(map[string]any{"frontlineMinPct": 85, "keyTownshipMin": 5000, "ordinaryTownshipMin": 3, "sunkMinPct": 80})),
			http.StatusBadRequest, "REFORM_MIN_INVALID")
		apiErr(t, put(value(map[string]any{"frontlineMinPct": 85, "keyTownshipMin": 8, "ordinaryTownshipMin": 3, "sunkMinPct": 80, "extra": 1})),
			http.StatusBadRequest, "BODY_UNKNOWN_FIELD")
		apiErr(t, put(map[string]any{"value": reform.National(), "basis": "  "}), http.StatusBadRequest, "SETTING_BASIS_REQUIRED")
		var after client.SettingsView
		if err := staffing.Get(ctx, path, nil, &after); err != nil {
			t.Fatal(err)
		}
		if string(mustJSON(t, after.Effective)) != string(mustJSON(t, before.Effective)) || after.Own != nil {
			t.Errorf("a refused body changed the thresholds: %+v → %+v", before.Effective, after.Effective)
		}
		apiErr(t, e.as("legal").Do(ctx, "PUT", "/api/v1/settings/discretion.tiers/371521000000", map[string]any{"value": map[string]any{"minSteps": 3,
			"rangeLowPct": 30, "rangeHighPct": 70, "generalMinPct": 40, "generalMaxPct": 60}, "basis": "阳综执发〔2026〕1号"}, nil),
			http.StatusBadRequest, "BODY_FIELD_REQUIRED")
	})
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Names and reasons are bounded and may hold no control, bidirectional or invalid characters.
func TestTextLimitsOnWrites(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.as("admin")
		code := "371521001000"
		var before client.Region
		if err := admin.Get(ctx, "/api/v1/regions/"+code, nil, &before); err != nil {
			t.Fatal(err)
		}
		rename := func(name string) error {
			return admin.Do(ctx, "PUT", "/api/v1/regions/"+code, map[string]string{"name": name}, nil)
		}
		apiErr(t, rename(strings.Repeat("镇", 51)), http.StatusBadRequest, "TEXT_TOO_LONG")
		apiErr(t, rename(strings.Repeat("镇", 900_000/3)), http.StatusBadRequest, "TEXT_TOO_LONG")
		apiErr(t, rename(strings.Repeat("a", 10<<20)), http.StatusBadRequest, "BODY_TOO_LARGE")
		apiErr(t, rename("博济桥\u202e街道"), http.StatusBadRequest, "TEXT_INVALID_CHAR")
		apiErr(t, rename("博济桥\x00街道"), http.StatusBadRequest, "TEXT_INVALID_CHAR")
		status, errCode, _ := raw(t, "GET", e.url+"/api/v1/people?q=%E5%BC%A0%ff", "", map[string]string{"Authorization": "Bearer " + admin.Token})
		if status != http.StatusBadRequest || errCode != "TEXT_INVALID_CHAR" {
			t.Errorf("invalid UTF-8 in a query: %d %s", status, errCode)
		}
		var after client.Region
		if err := admin.Get(ctx, "/api/v1/regions/"+code, nil, &after); err != nil || after.Name != before.Name {
			t.Fatalf("a refused rename changed the name to %q (%v)", after.Name, err)
		}
	})
}

// A page far past the end is an empty page, for everyone, not a crash or page 1.
func TestPagesPastTheEndAreEmpty(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		huge := url.Values{"page": {"9223372036854775807"}, "pageSize": {"500"}}
		var public client.List[map[string]any]
		if err := e.anon().Get(ctx, "/api/v1/public/catalog", huge, &public); err != nil {
			t.Fatalf("public catalogue: %v", err)
		}
		if len(public.Items) != 0 || public.Total == 0 {
			t.Errorf("public catalogue past the end: %d items of %d", len(public.Items), public.Total)
		}
		admin := e.as("admin")
		for _, path := range []string{"/api/v1/people", "/api/v1/orgs", "/api/v1/regions", "/api/v1/catalog/items"} {
			var list client.List[map[string]any]
			if err := admin.Get(ctx, path, huge, &list); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if len(list.Items) != 0 {
				t.Errorf("%s past the end gave %d items", path, len(list.Items))
			}
		}
	})
}
