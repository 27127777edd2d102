package server_test

import (
	"net/url"
	"slices"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"zhifa/client"
)

// named is any list row with a name.
type named struct {
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
}

type namedList struct {
	Items []named `json:"items"`
	Total int     `json:"total"`
}

// TestNamesSortInPinyin: lists sorted by name follow pinyin (阿 < 北 < 张), not character codes, on
// both stores: regions, organisations, people, accounts and catalogue items.
func TestNamesSortInPinyin(t *testing.T) {
	zh := collate.New(language.Chinese)
	eachStore(t, func(t *testing.T, e *env) {
		get := func(c *client.Client, path string, q url.Values) []string {
			t.Helper()
			var out namedList
			if err := c.Get(ctx, path, q, &out); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			names := make([]string, len(out.Items))
			for i, it := range out.Items {
				names[i] = it.Name + it.DisplayName
			}
			if len(names) < 3 {
				t.Fatalf("%s: %v", path, names)
			}
			return names
		}
		admin, security, legal := e.as("admin"), e.as("security"), e.as("legal")
		// Only the first character is compared: engines may differ deep inside a name on a character
		// with two readings, never on the order of common surnames and place names.
		inPinyin := func(what string, names []string) {
			t.Helper()
			for i := 1; i < len(names); i++ {
				a, b := string([]rune(names[i-1])[:1]), string([]rune(names[i])[:1])
				if zh.CompareString(a, b) > 0 {
					t.Fatalf("%s: %s before %s in %v", what, names[i-1], names[i], names)
				}
			}
		}
		towns := get(admin, "/api/v1/regions", url.Values{"parent": {"371521000000"}, "sort": {"name"}, "pageSize": {"100"}})
		if i, j, k := slices.Index(towns, "阿城镇"), slices.Index(towns, "博济桥街道"), slices.Index(towns, "张秋镇"); i != 0 || j < i || k < j {
			t.Fatalf("townships by name: %v", towns)
		}
		inPinyin("regions", towns)
		inPinyin("organisations", get(admin, "/api/v1/orgs", url.Values{"sort": {"name"}, "pageSize": {"500"}}))
		inPinyin("people", get(admin, "/api/v1/people", url.Values{"sort": {"name"}, "pageSize": {"500"}}))
		inPinyin("accounts", get(security, "/api/v1/accounts", url.Values{"sort": {"displayName"}, "pageSize": {"100"}}))
		inPinyin("catalogue", get(legal, "/api/v1/catalog/items", url.Values{"sort": {"name"}, "pageSize": {"500"}}))
	})
}
