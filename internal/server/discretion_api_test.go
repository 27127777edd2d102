package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestDiscretionOnTheDemoCounty evaluates the published benchmark of 大气污染防治法第一百一十八条第一款
// (catering without fume purification) for a repeat offender and a first offender, through the real
// wiring of the discretion benchmarks to the catalogue's statutory ranges.
func TestDiscretionOnTheDemoCounty(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		officer := e.as("officer")
		var items struct {
			Items []struct {
				ID, Code, Name string
			} `json:"items"`
		}
		if err := officer.Get(ctx, "/api/v1/catalog/items", url.Values{"q": {"油烟净化"}, "pageSize": {"20"}}, &items); err != nil {
			t.Fatal(err)
		}
		if len(items.Items) == 0 {
			t.Fatal("demo catalogue has no catering-fume item")
		}
		item := items.Items[0]
		type result struct {
			Tier     string `json:"tier"`
			TierName string `json:"tierName"`
			Penalise bool   `json:"penalise"`
			MinFen   int64  `json:"minFen"`
			MaxFen   int64  `json:"maxFen"`
			Reason   string `json:"reason"`
		}
		var repeat result
		err := officer.Do(ctx, http.MethodPost, "/api/v1/discretion/evaluate", map[string]any{
			"itemId": item.ID, "actDate": "2026-11-01",
			"facts": map[string]any{"priorCount": 1, "harm": "general"},
		}, &repeat)
		if err != nil {
			t.Fatal(err)
		}
		if repeat.Tier != "heavier" || !repeat.Penalise || repeat.MinFen != 3600000 || repeat.MaxFen != 5000000 || !strings.Contains(repeat.Reason, "阳综执发") {
			t.Fatalf("repeat offender: %+v", repeat)
		}
		var first result
		err = officer.Do(ctx, http.MethodPost, "/api/v1/discretion/evaluate", map[string]any{
			"itemId": item.ID, "actDate": "2026-11-01",
			"facts": map[string]any{"firstOffence": true, "harm": "minor", "correctedPromptly": true},
		}, &first)
		if err != nil {
			t.Fatal(err)
		}
		if first.Tier == "heavier" || first.Tier == "general" {
			t.Fatalf("first offence, minor harm, corrected: %+v", first)
		}
		// The benchmark is public (行政处罚法第三十四条): the portal reads it without a session.
		var pub struct {
			Items []struct {
				ItemCode string `json:"itemCode"`
			} `json:"items"`
		}
		if err := e.anon().Get(ctx, "/api/v1/public/discretion", url.Values{"itemId": {item.ID}}, &pub); err != nil {
			t.Fatal(err)
		}
		if len(pub.Items) != 1 || pub.Items[0].ItemCode != item.Code {
			t.Fatalf("public benchmark: %+v", pub)
		}
		// Editing benchmarks needs catalog.write.
		err = officer.Do(ctx, http.MethodPost, "/api/v1/discretion/benchmarks", map[string]any{"itemId": item.ID}, nil)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
	})
}
