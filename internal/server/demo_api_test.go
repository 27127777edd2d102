package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"zhifa/client"
	"zhifa/internal/demo"
	"zhifa/internal/server"
	"zhifa/web"
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

type publicCodes struct {
	Items []struct {
		Code string `json:"code"`
	} `json:"items"`
	Total int `json:"total"`
}

func (l publicCodes) has(code string) bool {
	for _, it := range l.Items {
		if it.Code == code {
			return true
		}
	}
	return false
}

// TestCatalogSearchSynonyms: what people type finds the catalogue's own words, on the portal and
// in the console; the county's synonyms are a table the legal office keeps through the API.
func TestCatalogSearchSynonyms(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		anon, legal, officer := e.anon(), e.as("legal"), e.as("officer")
		search := func(c *client.Client, path, q string) publicCodes {
			t.Helper()
			var out publicCodes
			if err := c.Get(ctx, path, url.Values{"q": {q}, "pageSize": {"100"}}, &out); err != nil {
				t.Fatalf("%s?q=%s: %v", path, q, err)
			}
			return out
		}
		for q, code := range map[string]string{"占道": "CSGL-CF-033", "摆摊": "CSGL-CF-033", "流动摊点": "CSGL-CF-033",
			"违建": "CSGL-CF-022", "乱搭乱建": "CSGL-CF-022", "渣土": "CSGL-CF-036", "小广告": "CSGL-CF-003"} {
			if l := search(anon, "/api/v1/public/catalog", q); !l.has(code) {
				t.Errorf("portal: %s does not find %s: %+v", q, code, l)
			}
			if l := search(officer, "/api/v1/catalog/items", q); !l.has(code) {
				t.Errorf("console: %s does not find %s: %+v", q, code, l)
			}
		}
		// Every term must still match: a synonym widens one term, it does not drop the others.
		if l := search(anon, "/api/v1/public/catalog", "摆摊 食品"); l.Total != 0 {
			t.Fatalf("摆摊 食品: %+v", l)
		}

		// The table: the county's list, a new synonym, its effect, its removal.
		var syns []struct {
			ID, RegionCode, Term, Canonical string
		}
		if err := officer.Get(ctx, "/api/v1/catalog/synonyms", nil, &syns); err != nil || len(syns) != len(demo.Synonyms) {
			t.Fatalf("synonyms: %d %v", len(syns), err)
		}
		if l := search(anon, "/api/v1/public/catalog", "马路市场"); l.Total != 0 {
			t.Fatalf("before: %+v", l)
		}
		body := map[string]string{"term": "马路 市场", "canonical": "占道经营"}
		err := officer.Do(ctx, http.MethodPost, "/api/v1/catalog/synonyms", body, nil)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
		var added struct {
			ID, RegionCode, Term, Canonical string
		}
		if err := legal.Do(ctx, http.MethodPost, "/api/v1/catalog/synonyms", body, &added); err != nil {
			t.Fatal(err)
		}
		if added.Term != "马路市场" || added.RegionCode != demo.CountyCode {
			t.Fatalf("added: %+v", added)
		}
		err = legal.Do(ctx, http.MethodPost, "/api/v1/catalog/synonyms", map[string]string{"term": "马路市场", "canonical": "占道经营"}, nil)
		apiErr(t, err, http.StatusConflict, "CATALOG_SYNONYM_EXISTS")
		err = legal.Do(ctx, http.MethodPost, "/api/v1/catalog/synonyms", map[string]string{"term": " ", "canonical": "占道经营"}, nil)
		apiErr(t, err, http.StatusBadRequest, "CATALOG_SYNONYM_INVALID")
		err = legal.Do(ctx, http.MethodPost, "/api/v1/catalog/synonyms", map[string]string{"term": "马路", "canonical": "占道经营", "regionCode": "371522000000"}, nil)
		apiErr(t, err, http.StatusNotFound, "NOT_FOUND")
		for _, c := range []*client.Client{anon, officer} {
			path := map[*client.Client]string{anon: "/api/v1/public/catalog", officer: "/api/v1/catalog/items"}[c]
			if l := search(c, path, "马路市场"); !l.has("CSGL-CF-033") {
				t.Fatalf("%s after adding: %+v", path, l)
			}
		}
		if err := legal.Do(ctx, http.MethodDelete, "/api/v1/catalog/synonyms/"+added.ID, nil, nil); err != nil {
			t.Fatal(err)
		}
		if l := search(anon, "/api/v1/public/catalog", "马路市场"); l.Total != 0 {
			t.Fatalf("after removal: %+v", l)
		}
		err = legal.Do(ctx, http.MethodDelete, "/api/v1/catalog/synonyms/"+added.ID, nil, nil)
		apiErr(t, err, http.StatusNotFound, "NOT_FOUND")
	})
}

// TestPortalSummaryNamesTheSite: the portal's summary carries the site identification for the
// footer, with the demo values marked as such.
func TestPortalSummaryNamesTheSite(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		var s struct {
			Site struct {
				Sponsor, SiteCode, ICP, PoliceRecord string
				Demo                                 bool
			}
		}
		e.app.Site = demo.Site
		if err := e.anon().Get(ctx, "/api/v1/public/summary", nil, &s); err != nil {
			t.Fatal(err)
		}
		if s.Site.Sponsor != "阳谷县综合行政执法局" || s.Site.SiteCode != "3715210000" || !strings.HasPrefix(s.Site.ICP, "鲁ICP备") ||
			!strings.HasPrefix(s.Site.PoliceRecord, "鲁公网安备") || !s.Site.Demo {
			t.Fatalf("summary site: %+v", s.Site)
		}
	})
}

// TestConsoleAndAPIAreCompressed: over the built console, index.html and a JS asset go out as
// their precompressed brotli or gzip copies when asked and plain when not; an API list goes out
// gzipped; Excel files, /metrics and small answers are left alone.
func TestConsoleAndAPIAreCompressed(t *testing.T) {
	index, err := fs.ReadFile(web.Dist, "dist/console/index.html")
	if err != nil {
		t.Skip("console not built (make build)")
	}
	asset := regexp.MustCompile(`/assets/index-[\w-]+\.js`).FindString(string(index))
	if asset == "" {
		t.Fatalf("no entry script in index.html")
	}
	script, _ := fs.ReadFile(web.Dist, "dist/console"+asset)
	raw := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	eachStore(t, func(t *testing.T, e *env) {
		fetch := func(path, accept, token string) (*http.Response, []byte) {
			t.Helper()
			req, _ := http.NewRequest(http.MethodGet, e.url+path, nil)
			if accept != "" {
				req.Header.Set("Accept-Encoding", accept)
			}
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			res, err := raw.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d %s", path, res.StatusCode, body)
			}
			return res, body
		}
		gunzip := func(b []byte) []byte {
			t.Helper()
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			out, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		for _, f := range []struct {
			path, file, ctype string
			plain             []byte
		}{{"/", "dist/console/index.html", "text/html; charset=utf-8", index}, {asset, "dist/console" + asset, "text/javascript; charset=utf-8", script}} {
			br, _ := fs.ReadFile(web.Dist, f.file+".br")
			res, body := fetch(f.path, "gzip, deflate, br", "")
			if res.Header.Get("Content-Encoding") != "br" || !bytes.Equal(body, br) || len(br) == 0 || len(br) >= len(f.plain) {
				t.Fatalf("%s as brotli: %q, %d bytes of %d", f.path, res.Header.Get("Content-Encoding"), len(body), len(f.plain))
			}
			if res.Header.Get("Content-Type") != f.ctype || res.Header.Get("Vary") != "Accept-Encoding" {
				t.Fatalf("%s headers: %v", f.path, res.Header)
			}
			res, body = fetch(f.path, "gzip", "")
			if res.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(gunzip(body), f.plain) || res.Header.Get("Content-Type") != f.ctype {
				t.Fatalf("%s as gzip: %v", f.path, res.Header)
			}
			res, body = fetch(f.path, "", "")
			if res.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, f.plain) || res.Header.Get("Vary") != "Accept-Encoding" {
				t.Fatalf("%s plain: %v", f.path, res.Header)
			}
		}

		const list = "/api/v1/public/catalog?pageSize=100"
		res, body := fetch(list, "gzip", "")
		if res.Header.Get("Content-Encoding") != "gzip" || !slices.Contains(res.Header.Values("Vary"), "Accept-Encoding") {
			t.Fatalf("API list: %v", res.Header)
		}
		var page publicCodes
		if err := json.Unmarshal(gunzip(body), &page); err != nil || page.Total < 70 {
			t.Fatalf("API list body: %v %d", err, page.Total)
		}
		if res, body = fetch(list, "", ""); res.Header.Get("Content-Encoding") != "" || !json.Valid(body) {
			t.Fatalf("API list plain: %v", res.Header)
		}
		if res, _ = fetch("/api/v1/public/summary", "gzip", ""); res.Header.Get("Content-Encoding") != "" {
			t.Fatalf("a small answer is compressed: %v", res.Header)
		}
		metricsToken := strings.Repeat("t", 32)
		e.app.SetSecurity(server.Security{MetricsToken: metricsToken})
		if res, _ = fetch("/metrics", "gzip", metricsToken); res.Header.Get("Content-Encoding") != "" {
			t.Fatalf("/metrics compressed: %v", res.Header)
		}
		token := e.as("legal").Token
		if res, _ = fetch("/api/v1/catalog/export?format=csv", "gzip", token); res.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("CSV export not compressed: %v", res.Header)
		}
		if res, body = fetch("/api/v1/catalog/export?format=xlsx", "gzip", token); res.Header.Get("Content-Encoding") != "" || !bytes.HasPrefix(body, []byte("PK")) {
			t.Fatalf("xlsx export compressed again: %v", res.Header)
		}
	})
}
