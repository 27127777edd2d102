package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"zhifa/internal/account"
	"zhifa/internal/catalog"
	"zhifa/internal/discretion"
	"zhifa/internal/documents"
	"zhifa/internal/event"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/settings"
	"zhifa/internal/reform"
)

// request is one call a probe builds.
type request struct {
	path  string
	query url.Values
	body  any     // sent as JSON when not nil
	file  *upload // sent as a multipart upload when not nil
	raw   []byte  // sent as the body itself (a file streamed) when not nil
}

type upload struct {
	name    string
	content string
}

// probe builds the call of a route aimed at the caller's own jurisdiction (inside) or at the
// other one (outside). kind says how the outside call must be answered.
type probe struct {
	build func(f *authzFixture, l level, s side) request
	kind  probeKind
	// county: the route writes what only a county holds (catalogue items, decisions); from a
	// township, the county's record is outside its write jurisdiction and must be refused.
	county bool
	// perm is the permission the service requires when the route's line names none because it
	// depends on what the call names: a setting's routes need the kind's read or write permission.
	perm access.Permission
}

type probeKind int

const (
	// record: the route names a record (path or body); outside it must not be found.
	record probeKind = iota
	// list: outside, the filter names another jurisdiction: an empty answer or not found, and
	// in any case nothing of the other jurisdiction in the answer.
	list
	// global: the route holds no jurisdictional data (code tables, the caller's own account).
	global
)

func get(path string) func(*authzFixture, level, side) request {
	return func(*authzFixture, level, side) request { return request{path: path} }
}

// at builds a path from a pattern with the place's records.
func at(pattern string, pick func(p *place) string) func(*authzFixture, level, side) request {
	return func(f *authzFixture, l level, s side) request {
		return request{path: strings.Replace(pattern, "{}", pick(f.at(l, s)), 1)}
	}
}

func withQuery(b func(*authzFixture, level, side) request, q func(p *place) url.Values) func(*authzFixture, level, side) request {
	return func(f *authzFixture, l level, s side) request {
		r := b(f, l, s)
		r.query = q(f.at(l, s))
		return r
	}
}

func withBody(b func(*authzFixture, level, side) request, body func(f *authzFixture, p *place) any) func(*authzFixture, level, side) request {
	return func(f *authzFixture, l level, s side) request {
		r := b(f, l, s)
		r.body = body(f, f.at(l, s))
		return r
	}
}

func q(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// freshRequest files a new pending request about a new officer account of the place, made by
// that place's security administrator, so that each approval has something to decide.
func freshRequest(f *authzFixture, p *place) string {
	ctx := context.Background()
	n := f.next()
	a := f.app.Accounts
	target, err := a.Create(ctx, access.System(), account.Input{Username: fmt.Sprintf("fx.target%d", n), DisplayName: "待变更", Password: authzPassword,
		OrgID: p.Org, Roles: []access.Role{access.Officer}})
	if err != nil {
		panic(err)
	}
	requester, err := a.Create(ctx, access.System(), account.Input{Username: fmt.Sprintf("fx.requester%d", n), DisplayName: "申请人", Password: authzPassword,
		OrgID: p.Org, Roles: []access.Role{access.SecAdmin}})
	if err != nil {
		panic(err)
	}
	q, err := a.RequestChange(ctx, requester.Principal(), account.RequestInput{Kind: account.RequestUpdate, AccountID: target.ID,
		Reason: "矩阵测试", Update: &account.UpdateInput{DisplayName: "待变更", OrgID: p.Org, Roles: []access.Role{access.Auditor}}})
	if err != nil {
		panic(err)
	}
	return q.ID
}

// freshBenchmark makes a new draft benchmark of the place on a new item, for a call that
// discards it.
func freshBenchmark(f *authzFixture, l level, s side) string {
	p := f.at(l, s)
	n := f.next()
	item := f.item(nil, f.at(countyLevel, s), fmt.Sprintf("FX-B%d", n), true)
	b, err := f.app.Discretion.Create(context.Background(), access.System(), discretion.Input{ItemID: item, RegionCode: p.Region,
		Title: "矩阵测试基准", Content: benchmarkContent()})
	if err != nil {
		panic(err)
	}
	return b.ID
}

func benchmarkInput(item string, p *place) map[string]any {
	c := benchmarkContent()
	return map[string]any{"itemId": item, "regionCode": p.Region, "title": "矩阵测试基准", "note": "",
		"tiers": c.Tiers, "provisions": c.Provisions, "noPenalty": c.NoPenalty}
}

// itemRevision is the revision of a catalogue item's latest version (its draft, when it has one),
// which a change of it presents; a record nobody may see presents 0 (and is not found anyway).
func itemRevision(f *authzFixture, id string) int {
	d, err := f.app.Catalog.Get(context.Background(), access.System(), id, "")
	if err != nil || d.Version == nil {
		return 0
	}
	return d.Version.Revision
}

// benchmarkRevision is the revision of a benchmark version, which a change of it presents.
func benchmarkRevision(f *authzFixture, id string) int {
	b, err := f.app.Discretion.Get(context.Background(), access.System(), id)
	if err != nil {
		return 0
	}
	return b.Revision
}

func newItemBody(f *authzFixture, p *place) any {
	in := catalogInput(fmt.Sprintf("FX-N%d", f.next()), p.Dept)
	in.EffectiveFrom = "2027-01-01"
	return in
}

// probes names every route of the API. A route missing here fails the test: a new route must
// say how it is tried from inside and outside a jurisdiction.
var probes = map[string]probe{
	"POST /api/v1/auth/logout": {kind: global, build: get("/api/v1/auth/logout")},
	"GET /api/v1/auth/me":      {kind: global, build: get("/api/v1/auth/me")},
	"POST /api/v1/auth/password": {kind: global, build: withBody(get("/api/v1/auth/password"), func(*authzFixture, *place) any {
		return map[string]string{"oldPassword": "wrong", "newPassword": "Nw7#pQ2x-Lk"}
	})},
	"GET /api/v1/meta": {kind: global, build: get("/api/v1/meta")},

	"GET /api/v1/accounts":      {kind: list, build: withQuery(get("/api/v1/accounts"), func(p *place) url.Values { return q("q", p.Username) })},
	"GET /api/v1/accounts/{id}": {build: at("/api/v1/accounts/{}", func(p *place) string { return p.Account })},
	"POST /api/v1/accounts": {build: withBody(get("/api/v1/accounts"), func(f *authzFixture, p *place) any {
		return map[string]any{"username": fmt.Sprintf("fx.new%d", f.next()), "displayName": "新账号", "password": authzPassword, "orgId": p.Org, "roles": []string{"officer"}}
	})},
	"PUT /api/v1/accounts/{id}": {build: withBody(at("/api/v1/accounts/{}", func(p *place) string { return p.Account }), func(_ *authzFixture, p *place) any {
		return map[string]any{"displayName": p.RegionName + "队员", "orgId": p.Org, "roles": []string{"officer"}, "disabled": false}
	})},
	"POST /api/v1/accounts/{id}/unlock": {build: at("/api/v1/accounts/{}/unlock", func(p *place) string { return p.Account })},
	"POST /api/v1/accounts/{id}/reset-password": {build: withBody(at("/api/v1/accounts/{}/reset-password", func(p *place) string { return p.Account }),
		func(f *authzFixture, _ *place) any {
			return map[string]string{"password": fmt.Sprintf("Rs%d#kLp2-Wq", f.next())}
		})},
	"GET /api/v1/account-requests": {kind: list, build: get("/api/v1/account-requests")},
	"POST /api/v1/account-requests": {build: withBody(get("/api/v1/account-requests"), func(_ *authzFixture, p *place) any {
		return map[string]any{"kind": "update", "accountId": p.Account, "reason": "矩阵测试",
			"update": map[string]any{"displayName": p.RegionName + "队员", "orgId": p.Org, "roles": []string{"auditor"}, "disabled": false}}
	})},
	"POST /api/v1/account-requests/{id}/approve": {build: func(f *authzFixture, l level, s side) request {
		return request{path: "/api/v1/account-requests/" + freshRequest(f, f.at(l, s)) + "/approve"}
	}},
	"POST /api/v1/account-requests/{id}/reject": {build: func(f *authzFixture, l level, s side) request {
		return request{path: "/api/v1/account-requests/" + freshRequest(f, f.at(l, s)) + "/reject", body: map[string]string{"reason": "矩阵测试"}}
	}},

	"GET /api/v1/regions":        {kind: list, build: withQuery(get("/api/v1/regions"), func(p *place) url.Values { return q("parentCode", p.Region) })},
	"GET /api/v1/regions/{code}": {build: at("/api/v1/regions/{}", func(p *place) string { return p.Region })},
	"POST /api/v1/regions": {build: withBody(get("/api/v1/regions"), func(f *authzFixture, p *place) any {
		return map[string]any{"code": childRegion(p.Region, f.next()), "name": fmt.Sprintf("矩阵测试区划%d", f.seq), "parentCode": p.Region}
	})},
	"PUT /api/v1/regions/{code}": {build: withBody(at("/api/v1/regions/{}", func(p *place) string { return p.Region }),
		func(_ *authzFixture, p *place) any { return map[string]string{"name": p.RegionName} })},

	"GET /api/v1/orgs":      {kind: list, build: withQuery(get("/api/v1/orgs"), func(p *place) url.Values { return q("regionCode", p.Region) })},
	"GET /api/v1/orgs/tree": {kind: list, build: get("/api/v1/orgs/tree")},
	"GET /api/v1/orgs/{id}": {build: at("/api/v1/orgs/{}", func(p *place) string { return p.Org })},
	"POST /api/v1/orgs": {build: withBody(get("/api/v1/orgs"), func(f *authzFixture, p *place) any {
		return map[string]any{"name": fmt.Sprintf("矩阵测试机构%d", f.next()), "kind": "department", "regionCode": p.Region}
	})},
	"PUT /api/v1/orgs/{id}": {build: withBody(at("/api/v1/orgs/{}", func(p *place) string { return p.Org }), func(f *authzFixture, p *place) any {
		return orgBody(f, p)
	})},

	"GET /api/v1/people":      {kind: list, build: withQuery(get("/api/v1/people"), func(p *place) url.Values { return q("orgId", p.Org) })},
	"GET /api/v1/people/{id}": {build: at("/api/v1/people/{}", func(p *place) string { return p.Person })},
	"POST /api/v1/people": {build: withBody(get("/api/v1/people"), func(f *authzFixture, p *place) any {
		return map[string]any{"name": "新登记人员", "idNumber": validID(p.Region[:6], "19900101", 500+f.next()), "postOrgId": p.Org,
			"workOrgId": p.Org, "postType": "行政编"}
	})},
	"PUT /api/v1/people/{id}": {build: withBody(at("/api/v1/people/{}", func(p *place) string { return p.Person }), func(_ *authzFixture, p *place) any {
		return map[string]any{"name": p.PersonName, "idNumber": "", "postOrgId": p.Org, "workOrgId": p.Org, "postType": "行政编", "position": "队员"}
	})},
	"POST /api/v1/people/{id}/certificates": {build: withBody(at("/api/v1/people/{}/certificates", func(p *place) string { return p.Person }),
		func(f *authzFixture, _ *place) any {
			return map[string]any{"number": fmt.Sprintf("FX%08d", f.next()), "domains": []string{"城市管理"}, "issuer": "山东省人民政府",
				"validFrom": "2024-01-01", "validTo": "2029-12-31"}
		})},
	"POST /api/v1/people/{id}/reveal-id": {build: at("/api/v1/people/{}/reveal-id", func(p *place) string { return p.Person })},
	"POST /api/v1/imports/people": {build: func(f *authzFixture, l level, s side) request {
		p := f.at(l, s)
		row := fmt.Sprintf("导入人员,%s,,%s,%s,行政编,队员,是,,,,\n", validID(p.Region[:6], "19910101", 600+f.next()), p.OrgName, p.OrgName)
		return request{path: "/api/v1/imports/people", file: &upload{"people.csv",
			"name,idNumber,phone,postOrgName,workOrgName,postType,position,frontline,certNumber,certDomains,certValidFrom,certValidTo\n" + row}}
	}},

	"GET /api/v1/workbench/summary": {kind: list, build: get("/api/v1/workbench/summary")},
	"GET /api/v1/reform/summary":    {kind: list, build: get("/api/v1/reform/summary")},
	"GET /api/v1/orgs/{id}/reform":  {build: at("/api/v1/orgs/{}/reform", func(p *place) string { return p.Org })},

	"GET /api/v1/catalog/meta":                 {kind: global, build: get("/api/v1/catalog/meta")},
	"GET /api/v1/catalog/items":                {kind: list, build: withQuery(get("/api/v1/catalog/items"), func(p *place) url.Values { return q("regionCode", p.Region) })},
	"POST /api/v1/catalog/items":               {county: true, build: withBody(get("/api/v1/catalog/items"), newItemBody)},
	"GET /api/v1/catalog/items/{id}":           {build: at("/api/v1/catalog/items/{}", func(p *place) string { return p.Item })},
	"POST /api/v1/catalog/items/{id}/versions": {county: true, build: withBody(at("/api/v1/catalog/items/{}/versions", func(p *place) string { return p.Item }), newItemBody)},
	"PUT /api/v1/catalog/items/{id}/draft": {county: true, build: withBody(at("/api/v1/catalog/items/{}/draft", func(p *place) string { return p.Draft }),
		func(f *authzFixture, p *place) any {
			return catalog.DraftInput{Input: newItemBody(f, p).(catalog.Input), Revision: itemRevision(f, p.Draft)}
		})},
	"POST /api/v1/catalog/items/{id}/publish": {county: true, build: withBody(at("/api/v1/catalog/items/{}/publish", func(p *place) string { return p.Draft }),
		func(f *authzFixture, p *place) any { return map[string]int{"revision": itemRevision(f, p.Draft)} })},
	"POST /api/v1/catalog/items/{id}/repeal": {county: true, build: withBody(at("/api/v1/catalog/items/{}/repeal", func(p *place) string { return p.Item }),
		func(f *authzFixture, p *place) any {
			return map[string]any{"effectiveTo": "2031-01-01", "docNo": "矩阵〔2030〕1号", "reason": "矩阵测试", "revision": itemRevision(f, p.Item)}
		})},
	"GET /api/v1/catalog/items/{id}/diff": {build: withQuery(at("/api/v1/catalog/items/{}/diff", func(p *place) string { return p.Item }),
		func(*place) url.Values { return q("from", "2021-01-01", "to", "2026-01-01") })},
	"GET /api/v1/catalog/items/{id}/applicable": {build: withQuery(at("/api/v1/catalog/items/{}/applicable", func(p *place) string { return p.Item }),
		func(*place) url.Values { return q("actDate", "2024-01-01") })},
	"GET /api/v1/catalog/exercise": {build: withQuery(get("/api/v1/catalog/exercise"), func(p *place) url.Values {
		return q("itemId", p.Item, "place", p.Region)
	})},
	"GET /api/v1/catalog/orgs/{orgId}/items": {build: at("/api/v1/catalog/orgs/{}/items", func(p *place) string { return p.Org })},
	"GET /api/v1/catalog/orgs/{orgId}/diff": {build: withQuery(at("/api/v1/catalog/orgs/{}/diff", func(p *place) string { return p.Org }),
		func(*place) url.Values { return q("from", "2021-01-01", "to", "2026-01-01") })},
	"GET /api/v1/catalog/decisions": {kind: list, build: get("/api/v1/catalog/decisions")},
	"POST /api/v1/catalog/decisions": {county: true, build: withBody(get("/api/v1/catalog/decisions"), func(f *authzFixture, p *place) any {
		return map[string]any{"docNo": fmt.Sprintf("矩阵〔2026〕%d号", f.next()), "title": "矩阵测试决定", "effectiveFrom": "2026-06-01",
			"transfers": []map[string]any{{"items": []string{p.Item}, "targets": []string{p.Org}}}}
	})},
	"GET /api/v1/catalog/decisions/{id}": {build: at("/api/v1/catalog/decisions/{}", func(p *place) string { return p.Decision })},
	"POST /api/v1/catalog/decisions/{id}/revoke": {county: true, build: withBody(at("/api/v1/catalog/decisions/{}/revoke", func(p *place) string { return p.Decision }),
		func(f *authzFixture, _ *place) any {
			return map[string]any{"docNo": fmt.Sprintf("矩阵收〔2030〕%d号", f.next()), "title": "矩阵测试收回", "effectiveFrom": "2030-01-01"}
		})},
	"GET /api/v1/catalog/checks":  {kind: list, build: get("/api/v1/catalog/checks")},
	"GET /api/v1/catalog/domains": {kind: global, build: get("/api/v1/catalog/domains")},
	"POST /api/v1/catalog/domains": {kind: global, build: withBody(get("/api/v1/catalog/domains"), func(f *authzFixture, _ *place) any {
		return map[string]string{"name": fmt.Sprintf("矩阵领域%d", f.next())}
	})},
	"POST /api/v1/catalog/citations/parse": {kind: global, build: withBody(get("/api/v1/catalog/citations/parse"), func(*authzFixture, *place) any {
		return map[string]string{"text": "《城市市容和环境卫生管理条例》第三十六条"}
	})},
	"POST /api/v1/catalog/fines/parse": {kind: global, build: withBody(get("/api/v1/catalog/fines/parse"), func(*authzFixture, *place) any {
		return map[string]string{"text": "每处5000元以上2万元以下"}
	})},
	"GET /api/v1/catalog/template": {kind: global, build: get("/api/v1/catalog/template")},
	"GET /api/v1/catalog/export":   {kind: list, build: withQuery(get("/api/v1/catalog/export"), func(p *place) url.Values { return q("regionCode", p.Region) })},
	"POST /api/v1/imports/catalog": {county: true, build: func(f *authzFixture, l level, s side) request {
		return request{path: "/api/v1/imports/catalog", file: &upload{"catalog.csv", catalogCSV(f, f.at(countyLevel, s))}}
	}},

	"GET /api/v1/catalog/synonyms": {kind: list, build: get("/api/v1/catalog/synonyms")},
	"POST /api/v1/catalog/synonyms": {build: withBody(get("/api/v1/catalog/synonyms"), func(f *authzFixture, p *place) any {
		return map[string]string{"regionCode": p.Region, "term": fmt.Sprintf("矩阵%d", f.next()), "canonical": "占道经营"}
	})},
	"DELETE /api/v1/catalog/synonyms/{id}": {build: func(f *authzFixture, l level, s side) request {
		p := f.at(l, s)
		syn, err := f.app.Catalog.AddSynonym(context.Background(), access.System(), catalog.SynonymInput{RegionCode: p.Region,
			Term: fmt.Sprintf("矩阵删%d", f.next()), Canonical: "占道经营"})
		if err != nil {
			panic(err)
		}
		return request{path: "/api/v1/catalog/synonyms/" + syn.ID}
	}},
	// The vocabulary names a jurisdiction (its bases, labels and rules): outside it is not found.
	"GET /api/v1/discretion/vocabulary":      {build: withQuery(get("/api/v1/discretion/vocabulary"), func(p *place) url.Values { return q("regionCode", p.Region) })},
	"GET /api/v1/discretion/benchmarks":      {kind: list, build: withQuery(get("/api/v1/discretion/benchmarks"), func(p *place) url.Values { return q("regionCode", p.Region) })},
	"GET /api/v1/discretion/benchmarks/{id}": {build: at("/api/v1/discretion/benchmarks/{}", func(p *place) string { return p.Benchmark })},
	"POST /api/v1/discretion/benchmarks":     {build: withBody(get("/api/v1/discretion/benchmarks"), func(_ *authzFixture, p *place) any { return benchmarkInput(p.Item, p) })},
	"PUT /api/v1/discretion/benchmarks/{id}": {build: withBody(at("/api/v1/discretion/benchmarks/{}", func(p *place) string { return p.Benchmark }),
		func(f *authzFixture, p *place) any {
			in := benchmarkInput(p.Item, p)
			in["revision"] = benchmarkRevision(f, p.Benchmark)
			return in
		})},
	"DELETE /api/v1/discretion/benchmarks/{id}": {build: func(f *authzFixture, l level, s side) request {
		return request{path: "/api/v1/discretion/benchmarks/" + freshBenchmark(f, l, s)}
	}},
	"POST /api/v1/discretion/benchmarks/{id}/revise": {build: at("/api/v1/discretion/benchmarks/{}/revise", func(p *place) string { return p.Benchmark })},
	"POST /api/v1/discretion/benchmarks/{id}/publish": {build: withBody(at("/api/v1/discretion/benchmarks/{}/publish", func(p *place) string { return p.Benchmark }),
		func(f *authzFixture, p *place) any {
			return map[string]any{"effectiveFrom": "2026-01-01", "docNo": "矩阵〔2025〕1号", "revision": benchmarkRevision(f, p.Benchmark)}
		})},
	"POST /api/v1/discretion/benchmarks/{id}/repeal": {build: withBody(at("/api/v1/discretion/benchmarks/{}/repeal", func(p *place) string { return p.Benchmark }),
		func(f *authzFixture, p *place) any {
			return map[string]any{"effectiveTo": "2031-01-01", "reason": "矩阵测试", "revision": benchmarkRevision(f, p.Benchmark)}
		})},
	"POST /api/v1/discretion/propose": {build: withBody(get("/api/v1/discretion/propose"), func(_ *authzFixture, p *place) any {
		return map[string]string{"itemId": p.Item, "regionCode": p.Region}
	})},
	"POST /api/v1/discretion/evaluate": {build: withBody(get("/api/v1/discretion/evaluate"), func(_ *authzFixture, p *place) any {
		return map[string]any{"itemId": p.Item, "actDate": "2026-06-01", "regionCode": p.Region, "facts": map[string]any{}}
	})},
	"GET /api/v1/discretion/no-penalty": {build: withQuery(get("/api/v1/discretion/no-penalty"), func(p *place) url.Values { return q("regionCode", p.Region) })},

	"GET /api/v1/calendar/due": {kind: global, build: withQuery(get("/api/v1/calendar/due"), func(*place) url.Values {
		return q("from", "2024-09-30", "workdays", "5")
	})},
	"GET /api/v1/calendar/years": {kind: global, build: get("/api/v1/calendar/years")},
	"POST /api/v1/calendar/years/preview": {kind: global, build: func(*authzFixture, level, side) request {
		return request{path: "/api/v1/calendar/years/preview?docNo=x", file: &upload{"y.csv", "日期,类型,名称\n2030-01-01,休,元旦\n"}}
	}},
	"POST /api/v1/calendar/years": {kind: global, build: func(*authzFixture, level, side) request {
		return request{path: "/api/v1/calendar/years", file: &upload{"y.csv", "日期,类型,名称\n2030-01-01,休,元旦\n"}}
	}},
	// Settings per jurisdiction: a caller's inside is its own region, its outside the other
	// county's or township's. The routes are tried with both kinds of the features.
	"GET /api/v1/settings": {kind: global, build: get("/api/v1/settings")},
	"GET /api/v1/settings/{kind}": {perm: access.CatalogRead, build: withQuery(get("/api/v1/settings/"+discretion.SettingKey),
		func(p *place) url.Values { return q("regionCode", p.Region) })},
	"PUT /api/v1/settings/{kind}/{regionCode}": {perm: access.ReformWrite, build: withBody(
		at("/api/v1/settings/"+reform.SettingKey+"/{}", func(p *place) string { return p.Region }), func(*authzFixture, *place) any {
			return map[string]any{"value": reform.National(), "basis": "矩阵测试"}
		})},
	"DELETE /api/v1/settings/{kind}/{regionCode}": {perm: access.CatalogWrite, build: func(f *authzFixture, l level, s side) request {
		p := f.at(l, s)
		value, _ := json.Marshal(discretion.NationalSplitting())
		if _, err := f.app.Settings.Set(context.Background(), access.System(), discretion.SettingKey, p.Region,
			settings.Input{Value: value, Basis: "矩阵测试"}); err != nil {
			panic(err)
		}
		return request{path: "/api/v1/settings/" + discretion.SettingKey + "/" + p.Region, body: map[string]string{"reason": "矩阵测试"}}
	}},
	"GET /api/v1/settings/{kind}/history": {perm: access.ReformRead, build: withQuery(get("/api/v1/settings/"+reform.SettingKey+"/history"),
		func(p *place) url.Values { return q("regionCode", p.Region) })},

	// Case handling: every case route names a case of the place; outside, the case is not found.
	"GET /api/v1/cases/meta": {kind: global, build: get("/api/v1/cases/meta")},
	"GET /api/v1/leads":      {kind: list, build: get("/api/v1/leads")},
	"POST /api/v1/leads": {build: withBody(get("/api/v1/leads"), func(_ *authzFixture, p *place) any {
		return map[string]any{"orgId": p.Org, "source": "complaint", "summary": "矩阵线索"}
	})},
	"GET /api/v1/leads/{id}": {build: at("/api/v1/leads/{}", func(p *place) string { return p.Lead })},
	"POST /api/v1/leads/{id}/extend": {build: withBody(at("/api/v1/leads/{}/extend", func(p *place) string { return p.Lead }),
		func(*authzFixture, *place) any { return map[string]any{"reason": "矩阵测试"} })},
	"POST /api/v1/leads/{id}/dismiss": {build: withBody(at("/api/v1/leads/{}/dismiss", func(p *place) string { return p.Lead }),
		func(*authzFixture, *place) any { return map[string]any{"reason": "矩阵测试"} })},
	"GET /api/v1/cases": {kind: list, build: withQuery(get("/api/v1/cases"), func(p *place) url.Values { return q("orgId", p.Org) })},
	"POST /api/v1/cases": {build: withBody(get("/api/v1/cases"), func(_ *authzFixture, p *place) any {
		return map[string]any{"orgId": p.Org, "itemId": p.Item, "title": "矩阵案", "actDate": "2026-01-05", "placeCode": p.Region,
			"parties": []any{map[string]any{"type": "other", "name": "矩阵当事人"}}, "officerIds": []string{p.Person}}
	})},
	"POST /api/v1/cases/simple": {build: withBody(get("/api/v1/cases/simple"), func(_ *authzFixture, p *place) any {
		return map[string]any{"orgId": p.Org, "itemId": p.Item, "title": "矩阵案", "actDate": "2026-01-05", "placeCode": p.Region,
			"facts": "矩阵", "party": map[string]any{"type": "other", "name": "矩阵当事人"}, "officerIds": []string{p.Person},
			"penalty": map[string]any{"kinds": []string{"警告"}}}
	})},
	"GET /api/v1/cases/{id}":              {build: at("/api/v1/cases/{}", func(p *place) string { return p.Case })},
	"GET /api/v1/cases/{id}/evidence":     {build: at("/api/v1/cases/{}/evidence", func(p *place) string { return p.Case })},
	"GET /api/v1/cases/{id}/verification": {build: at("/api/v1/cases/{}/verification", func(p *place) string { return p.Case })},
	"POST /api/v1/cases/{id}/evidence-uploads": {build: withBody(at("/api/v1/cases/{}/evidence-uploads", func(p *place) string { return p.Case }),
		func(*authzFixture, *place) any {
			return map[string]any{"kind": "document", "name": "矩阵.txt", "takenAt": "2026-01-06T08:00:00+08:00", "size": 10}
		})},
	"GET /api/v1/evidence-uploads/{id}": {build: at("/api/v1/evidence-uploads/up-{}", func(p *place) string { return p.Case })},
	"PUT /api/v1/evidence-uploads/{id}": {build: func(f *authzFixture, l level, s side) request {
		r := at("/api/v1/evidence-uploads/up-{}", func(p *place) string { return p.Case })(f, l, s)
		r.query, r.raw = url.Values{"offset": {"0"}}, []byte("矩阵")
		return r
	}},
	"POST /api/v1/evidence-uploads/{id}/complete": {build: at("/api/v1/evidence-uploads/up-{}/complete", func(p *place) string { return p.Case })},
	"GET /api/v1/cases/{id}/evidence/{evidenceId}/file": {build: func(f *authzFixture, l level, s side) request {
		c := f.at(l, s).Case
		return request{path: "/api/v1/cases/" + c + "/evidence/ev-" + c + "/file"}
	}},
	"GET /api/v1/cases/{id}/evidence/{evidenceId}/thumbnail": {build: func(f *authzFixture, l level, s side) request {
		c := f.at(l, s).Case
		return request{path: "/api/v1/cases/" + c + "/evidence/ev-" + c + "/thumbnail"}
	}},
	"POST /api/v1/cases/{id}/evidence": {build: func(f *authzFixture, l level, s side) request {
		r := at("/api/v1/cases/{}/evidence", func(p *place) string { return p.Case })(f, l, s)
		r.query = url.Values{"kind": {"document"}, "name": {"矩阵.txt"}, "takenAt": {"2026-01-05T10:00:00+08:00"}}
		r.raw = []byte("矩阵测试证据")
		return r
	}},
	"GET /api/v1/cases/{id}/documents": {build: at("/api/v1/cases/{}/documents", func(p *place) string { return p.Case })},
	"GET /api/v1/cases/{id}/documents/preview": {build: withQuery(at("/api/v1/cases/{}/documents/preview", func(p *place) string { return p.Case }),
		func(*place) url.Values { return q("kind", "inquiry_record") })},
	"POST /api/v1/cases/{id}/documents": {build: withBody(at("/api/v1/cases/{}/documents", func(p *place) string { return p.Case }),
		func(*authzFixture, *place) any { return map[string]any{"kind": "filing_approval"} })},
	"GET /api/v1/cases/{id}/documents/{documentId}/file": {build: func(f *authzFixture, l level, s side) request {
		c := f.at(l, s).Case
		return request{path: "/api/v1/cases/" + c + "/documents/doc-" + c + "/file"}
	}},
	"POST /api/v1/cases/{id}/documents/{documentId}/electronic-service": {build: func(f *authzFixture, l level, s side) request {
		c := f.at(l, s).Case
		return request{path: "/api/v1/cases/" + c + "/documents/doc-" + c + "/electronic-service", body: map[string]any{}}
	}},
	"GET /api/v1/publicity": {kind: list, build: withQuery(get("/api/v1/publicity"), func(*place) url.Values { return q("status", "due") })},
	"GET /api/v1/cases/{id}/publicity/{publicationId}": {build: func(f *authzFixture, l level, s side) request {
		c := f.at(l, s).Case
		return request{path: "/api/v1/cases/" + c + "/publicity/pub-" + c}
	}},
	"POST /api/v1/cases/{id}/publish": {build: withBody(at("/api/v1/cases/{}/publish", func(p *place) string { return p.Case }),
		func(_ *authzFixture, p *place) any { return map[string]any{"publicationId": "pub-" + p.Case} })},
	"POST /api/v1/cases/{id}/unpublish": {build: withBody(at("/api/v1/cases/{}/unpublish", func(p *place) string { return p.Case }),
		func(_ *authzFixture, p *place) any {
			return map[string]any{"publicationId": "pub-" + p.Case, "reason": "矩阵"}
		})},
	"POST /api/v1/cases/{id}/not-public": {build: withBody(at("/api/v1/cases/{}/not-public", func(p *place) string { return p.Case }),
		func(_ *authzFixture, p *place) any {
			return map[string]any{"publicationId": "pub-" + p.Case, "reason": "矩阵测试理由"}
		})},
	"GET /api/v1/cases/{id}/case-file": {build: withQuery(at("/api/v1/cases/{}/case-file", func(p *place) string { return p.Case }),
		func(*place) url.Values { return q("format", "pdf") })},
	"GET /api/v1/statistics/annual": {kind: list, build: withQuery(get("/api/v1/statistics/annual"),
		func(p *place) url.Values { return q("year", "2026", "regionCode", p.Region) })},
	"GET /api/v1/statistics/annual.xlsx": {kind: list, build: withQuery(get("/api/v1/statistics/annual.xlsx"),
		func(p *place) url.Values { return q("year", "2026", "regionCode", p.Region) })},
	"GET /api/v1/statistics/annual/status": {kind: global, build: get("/api/v1/statistics/annual/status")},
	"POST /api/v1/statistics/annual/publish": {build: withBody(get("/api/v1/statistics/annual/publish"), func(f *authzFixture, p *place) any {
		return map[string]any{"year": 2000 + f.next()%20, "regionCode": p.Region}
	})},
	"PUT /api/v1/document-seals/{orgId}": {build: func(f *authzFixture, l level, s side) request {
		return request{path: "/api/v1/document-seals/" + f.at(l, s).Org, raw: sealPNG()}
	}},
	"GET /api/v1/document-seals/{orgId}": {build: at("/api/v1/document-seals/{}", func(p *place) string { return p.Org })},
	"GET /api/v1/document-kinds":         {kind: global, build: get("/api/v1/document-kinds")},
	"GET /api/v1/document-templates": {kind: list, build: withQuery(get("/api/v1/document-templates"),
		func(p *place) url.Values { return q("regionCode", p.Region) })},
	"GET /api/v1/document-templates/{kind}": {build: withQuery(get("/api/v1/document-templates/inquiry_record"),
		func(p *place) url.Values { return q("regionCode", p.Region) })},
	"PUT /api/v1/document-templates/{kind}": {build: withBody(get("/api/v1/document-templates/correction_order"),
		func(_ *authzFixture, p *place) any { return templateBody(p.Region) })},
	"POST /api/v1/document-templates/{kind}/clear": {build: withBody(get("/api/v1/document-templates/correction_order/clear"),
		func(_ *authzFixture, p *place) any { return map[string]any{"regionCode": p.Region} })},
	"POST /api/v1/document-templates/{kind}/preview": {build: withBody(get("/api/v1/document-templates/correction_order/preview"),
		func(_ *authzFixture, p *place) any { return templateBody(p.Region) })},
	"POST /api/v1/cases/{id}/reveal-party": {build: withBody(at("/api/v1/cases/{}/reveal-party", func(p *place) string { return p.Case }),
		func(_ *authzFixture, p *place) any { return map[string]any{"partyId": p.Party} })},
	"GET /api/v1/audit":         {kind: list, build: get("/api/v1/audit")},
	"GET /api/v1/audit/meta":    {kind: global, build: get("/api/v1/audit/meta")},
	"GET /api/v1/audit/chains":  {kind: list, build: get("/api/v1/audit/chains")},
	"POST /api/v1/audit/verify": {kind: global, build: get("/api/v1/audit/verify")},
	"POST /api/v1/imports/regions": {build: func(f *authzFixture, l level, s side) request {
		p := f.at(l, s)
		return request{path: "/api/v1/imports/regions", file: &upload{"regions.csv",
			fmt.Sprintf("code,name,parentCode\n%s,矩阵导入区划%d,%s\n", childRegion(p.Region, f.next()), f.seq, p.Region)}}
	}},
}

// childRegion is a new region code one level below code.
func childRegion(code string, n int) string {
	prefix := access.SignificantPrefix(code)
	if len(prefix) == 6 {
		return fmt.Sprintf("%s%03d000", prefix, 900+n%99)
	}
	return fmt.Sprintf("%s%03d", prefix, 900+n%99)
}

func orgBody(f *authzFixture, p *place) any {
	row, err := f.app.Orgs.Get(context.Background(), access.System(), p.Org)
	if err != nil {
		panic(err)
	}
	parent := ""
	if row.ParentID != nil {
		parent = *row.ParentID
	}
	return map[string]any{"name": row.Name, "shortName": row.ShortName, "kind": row.Kind, "regionCode": row.RegionCode, "parentId": parent,
		"domains": row.Domains, "townshipClass": row.TownshipClass, "quota": row.Quota, "sortOrder": row.SortOrder}
}

func catalogCSV(f *authzFixture, p *place) string {
	return "事项编码,事项名称,事项类型,执法领域,业务主管部门,违法依据,处罚依据,处罚种类,生效日期,文号\n" +
		fmt.Sprintf("FX-I%d,矩阵导入事项,行政处罚,城市管理,%s,《城市市容和环境卫生管理条例》第十四条：不得堆放物料。,《城市市容和环境卫生管理条例》第三十六条第（二）项：擅自堆放物料。,罚款,2021-01-01,测试〔2020〕2号\n",
			f.next(), p.DeptName)
}

// caseSteps are the bodies of the case-step routes: enough to pass decoding, so that the answer
// comes from the service (a case outside is not found; inside, the procedure answers).
var caseSteps = map[string]map[string]any{
	"approve-filing":    {},
	"officers":          {"officerIds": []string{"x"}, "reason": "矩阵"},
	"recusals":          {"personId": "x", "by": "当事人申请", "reason": "矩阵"},
	"recusal-decisions": {"recusalId": "x", "opinion": "矩阵"},
	"records":           {"kind": "inquiry", "place": "矩阵", "officerIds": []string{"x"}, "subject": "矩阵", "summary": "矩阵"},
	"suspensions":       {"kind": "testing", "reason": "矩阵"},
	"resume":            {},
	"extensions":        {"reason": "矩阵"},
	"report":            {"facts": "矩阵", "evidence": "矩阵", "outcome": "penalty"},
	"review":            {"opinion": "矩阵"},
	"discussion":        {"participants": []string{"甲"}, "opinions": "矩阵", "conclusion": "penalty"},
	"notice":            {"method": "direct"},
	"statements":        {"content": "矩阵", "reply": "矩阵"},
	"waiver":            {},
	"hearing-request":   {},
	"hearing-notice":    {"hearingDate": "2026-03-01", "hostId": "x", "clerk": "矩阵", "place": "矩阵"},
	"hearing":           {"record": "矩阵", "opinion": "矩阵"},
	"hearing-drop":      {},
	"legal-review":      {},
	"legal-opinion":     {"opinion": "矩阵"},
	"decision":          {},
	"service":           {"method": "direct", "recipient": "矩阵"},
	"payments":          {"partyId": "x", "amountFen": 100, "reference": "x", "bank": "x"},
	"deferral":          {"until": "2026-12-31", "reason": "矩阵"},
	"remedies":          {"kind": "reconsideration", "organ": "矩阵"},
	"remedy-result":     {"outcome": "upheld"},
	"hand-in":           {},
	"simple-filing":     {},
	"close":             {},
	"archive":           {},
	"measures": {"kind": "seize", "place": "矩阵", "reason": "矩阵", "inventory": []string{"矩阵"}, "days": 30,
		"officerIds": []string{"x"}},
	"measure-approval":         {"measureId": "x", "approved": true, "opinion": "矩阵"},
	"measure-extension":        {"measureId": "x", "days": 10, "reason": "矩阵"},
	"measure-testing":          {"measureId": "x", "from": "2026-01-05", "told": "2026-01-05", "what": "矩阵"},
	"measure-lifting":          {"measureId": "x", "reason": "矩阵"},
	"reminder":                 {"served": "2026-01-05", "method": "direct", "days": 10},
	"court-application":        {"court": "矩阵"},
	"enforced":                 {"at": "2026-01-05T10:00:00+08:00", "by": "court", "note": "矩阵"},
	"transfer-report":          {"report": "矩阵"},
	"transfer-decision":        {"approved": true, "opinion": "矩阵"},
	"transfer":                 {"at": "2026-01-05T10:00:00+08:00", "police": "矩阵"},
	"police-answer":            {"accepted": true, "note": "矩阵"},
	"transfer-reconsideration": {},
	"exhibits":                 {},
	"evidence-withdrawal":      {"evidenceId": "x", "reason": "矩阵"},
}

// gridFile is a one-grid GeoJSON import of the place, checked but not saved (dryRun in the query).
func gridFile(p *place) string {
	return `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"WGS84"}},"features":[{"type":"Feature",` +
		`"properties":{"code":"FX0001","name":"矩阵网格","kind":"basic","township":"` + p.Region + `"},` +
		`"geometry":{"type":"Polygon","coordinates":[[[115.70,36.10],[115.71,36.10],[115.71,36.11],[115.70,36.11],[115.70,36.10]]]}}]}`
}

var eventActionBody = map[string]any{"reason": "矩阵", "result": "矩阵", "reply": "矩阵", "amount": 1, "unit": "days",
	"satisfaction": "satisfied", "categoryCode": "SJ0501"}

func init() {
	for _, act := range event.ActionRoutes {
		probes["POST /api/v1/events/{id}/"+act] = probe{build: withBody(at("/api/v1/events/{}/"+act, func(p *place) string { return p.Event }),
			func(*authzFixture, *place) any { return eventActionBody })}
	}
	probes["GET /api/v1/grids"] = probe{kind: list, build: withQuery(get("/api/v1/grids"), func(p *place) url.Values { return q("townshipCode", p.Region) })}
	probes["GET /api/v1/grids/map"] = probe{kind: list, build: withQuery(get("/api/v1/grids/map"), func(p *place) url.Values { return q("townshipCode", p.Region) })}
	probes["GET /api/v1/grids/locate"] = probe{build: withQuery(get("/api/v1/grids/locate"), func(p *place) url.Values {
		return q("lng", fmt.Sprint(p.Lng), "lat", fmt.Sprint(p.Lat))
	})}
	probes["POST /api/v1/grids/import"] = probe{build: func(f *authzFixture, l level, s side) request {
		p := f.at(l, s)
		return request{path: "/api/v1/grids/import", query: q("regionCode", p.Region, "dryRun", "true"), file: &upload{name: "grids.geojson", content: gridFile(p)}}
	}}
	probes["GET /api/v1/event-meta"] = probe{kind: global, build: get("/api/v1/event-meta")}
	probes["GET /api/v1/event-categories"] = probe{kind: global, build: get("/api/v1/event-categories")}
	probes["PUT /api/v1/event-categories"] = probe{kind: global, build: withBody(get("/api/v1/event-categories"), func(*authzFixture, *place) any {
		return map[string]any{"categories": event.NationalCategories()}
	})}
	probes["GET /api/v1/events"] = probe{kind: list, build: withQuery(get("/api/v1/events"), func(p *place) url.Values { return q("q", p.EventNo) })}
	probes["POST /api/v1/events"] = probe{build: withBody(get("/api/v1/events"), func(_ *authzFixture, p *place) any {
		return map[string]any{"channel": "inspection", "categoryCode": "SJ0501", "description": "矩阵测试上报", "lng": p.Lng, "lat": p.Lat}
	})}
	probes["POST /api/v1/events/suggest"] = probe{kind: global, build: withBody(get("/api/v1/events/suggest"), func(*authzFixture, *place) any {
		return map[string]any{"text": "门口有人占道摆摊"}
	})}
	probes["GET /api/v1/event-indicators"] = probe{kind: list, build: get("/api/v1/event-indicators")}
	probes["GET /api/v1/events/{id}"] = probe{build: at("/api/v1/events/{}", func(p *place) string { return p.Event })}
	probes["POST /api/v1/events/{id}/photos"] = probe{build: func(f *authzFixture, l level, s side) request {
		return request{path: "/api/v1/events/" + f.at(l, s).Event + "/photos", query: q("stage", "report"), raw: sealPNG()}
	}}
	probes["GET /api/v1/events/{id}/photos/{photoId}"] = probe{build: func(f *authzFixture, l level, s side) request {
		e := f.at(l, s).Event
		return request{path: "/api/v1/events/" + e + "/photos/ph-" + e}
	}}
	probes["POST /api/v1/events/{id}/reporter"] = probe{build: withBody(at("/api/v1/events/{}/reporter", func(p *place) string { return p.Event }),
		func(*authzFixture, *place) any { return map[string]any{"reason": "回访"} })}
	for path, body := range caseSteps {
		probes["POST /api/v1/cases/{id}/"+path] = probe{build: withBody(at("/api/v1/cases/{}/"+path, func(p *place) string { return p.Case }),
			func(*authzFixture, *place) any { return body })}
	}
}

// markers are strings of the other jurisdiction's records that no answer to this caller may hold.
func markers(f *authzFixture, l level) []string {
	var out []string
	add := func(p *place, withOrg bool) {
		out = append(out, p.Person, p.PersonName, p.Account, p.Username, p.Item, p.Draft, p.Benchmark, p.Lead, p.Case, p.Event, p.EventNo)
		if withOrg {
			out = append(out, p.Org, p.OrgName, p.Dept, p.Decision)
		}
	}
	add(f.at(countyLevel, outside), true)
	if l == townLevel {
		// A township reads its county's decisions, which name every township office.
		add(f.at(townLevel, outside), false)
	}
	return out
}

// caller is a signed-in test account of one role at one level.
type caller struct {
	role  access.RoleInfo
	level level
	token string
}

// sealPNG is a red round seal on a transparent ground.
func sealPNG() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 200, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 200; x++ {
			d := (x-100)*(x-100) + (y-100)*(y-100)
			if d <= 95*95 && d >= 85*85 || (x-100)*(x-100)+(y-100)*(y-100) <= 20*20 {
				img.Set(x, y, color.NRGBA{R: 220, A: 230})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// templateBody is the national 责令改正通知书 offered as a region's own.
func templateBody(region string) map[string]any {
	t, err := documents.National(documents.CorrectionOrder)
	if err != nil {
		panic(err)
	}
	return map[string]any{"regionCode": region, "title": t.Title, "body": t.Body}
}

func (c caller) String() string { return fmt.Sprintf("%s（%s）", c.role.Name, c.level) }

// TestAuthorisationMatrix tries every route of the API as every role, from a county and from a
// township, aimed inside and outside the caller's jurisdiction. A role without the route's
// permission is refused (403 FORBIDDEN); with it, a call inside is served (never 401, 403
// FORBIDDEN, 404 or 5xx) and a call outside is not found (404, or a field error saying the named
// record is not found) and never succeeds; no answer holds a record of the other jurisdiction.
func TestAuthorisationMatrix(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		f := newAuthzFixture(t, e.app)
		var callers []caller
		for _, l := range []level{countyLevel, townLevel} {
			for _, role := range access.AllRoles() {
				username := fmt.Sprintf("fx.%s.%d", role.Code, l)
				if _, err := e.app.Accounts.Create(ctx, access.System(), account.Input{Username: username, DisplayName: role.Name,
					Password: authzPassword, OrgID: f.at(l, inside).Org, Roles: []access.Role{role.Code}}); err != nil {
					t.Fatal(err)
				}
				callers = append(callers, caller{role: role, level: l, token: login(t, e, username)})
			}
		}
		routes := e.app.Routes()
		for _, rt := range routes {
			key := rt.Method + " " + rt.Path
			if rt.Public || key == "POST /api/v1/auth/login" {
				continue
			}
			pr, ok := probes[key]
			if !ok {
				t.Errorf("%s：授权矩阵中没有该接口的探测用例", key)
				continue
			}
			for _, c := range callers {
				perm := rt.Perm
				if rt.PermOf != "" {
					if pr.perm == "" {
						t.Fatalf("%s：权限取决于 {%s}，探测用例须写明所需权限（perm）", key, rt.PermOf)
					}
					perm = pr.perm
				}
				allowed := perm == "" || slices.Contains(c.role.Permissions, perm)
				token := c.token
				if key == "POST /api/v1/auth/logout" {
					token = login(t, e, fmt.Sprintf("fx.%s.%d", c.role.Code, c.level))
				}
				for _, s := range []side{inside, outside} {
					if s == outside && (pr.kind == global || !allowed) {
						continue
					}
					req := pr.build(f, c.level, s)
					status, code, body := call(t, e, rt.Method, req, token)
					where := fmt.Sprintf("%s as %s %s", key, c, s)
					switch {
					case !allowed:
						if status != http.StatusForbidden || code != "FORBIDDEN" {
							t.Errorf("%s: %d %s, want 403 FORBIDDEN", where, status, code)
						}
					case status >= 500 || status == http.StatusUnauthorized:
						t.Errorf("%s: %d %s", where, status, code)
					case s == inside && pr.county && c.level == townLevel:
						if status/100 == 2 {
							t.Errorf("%s: %d, a township changed its county's catalogue", where, status)
						}
					case s == inside && (status == http.StatusNotFound || status == http.StatusForbidden && code == "FORBIDDEN"):
						t.Errorf("%s: %d %s, want it served", where, status, code)
					case s == outside && pr.kind == record && !notFound(status, code):
						t.Errorf("%s: %d %s, want not found", where, status, code)
					}
					if rt.Method == http.MethodGet || s == outside {
						sent := fmt.Sprint(req.path, req.query, req.body, req.file)
						for _, m := range markers(f, c.level) {
							// A refusal may repeat what the caller sent; it must add nothing else.
							if m != "" && strings.Contains(body, m) && !strings.Contains(sent, m) {
								t.Errorf("%s: the answer holds %q of another jurisdiction", where, m)
								break
							}
						}
					}
				}
			}
		}
		for key := range probes {
			if !slices.ContainsFunc(routes, func(rt httpx.Route) bool { return rt.Method+" "+rt.Path == key }) {
				t.Errorf("%s：探测用例对应的接口已不存在", key)
			}
		}
	})
}

// notFound reports the answer to a request naming a record outside the caller's jurisdiction:
// 404, or a field error saying the record named in the body is unknown or out of scope, or an
// import refused row by row.
func notFound(status int, code string) bool {
	if status == http.StatusNotFound {
		return true
	}
	return status/100 == 4 && status != http.StatusForbidden && (strings.Contains(code, "NOT_FOUND") ||
		strings.Contains(code, "UNKNOWN") || strings.Contains(code, "OUT_OF_SCOPE") || code == "IMPORT_INVALID")
}

func login(t *testing.T, e *env, username string) string {
	t.Helper()
	c := e.anon()
	if _, err := c.Login(ctx, username, authzPassword); err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	return c.Token
}

// call sends a probe's request and returns the status, the error code and the raw body.
func call(t *testing.T, e *env, method string, r request, token string) (int, string, string) {
	t.Helper()
	u := e.url + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	var rd io.Reader
	contentType := ""
	switch {
	case r.raw != nil:
		rd, contentType = bytes.NewReader(r.raw), "application/octet-stream"
	case r.file != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", r.file.name)
		fw.Write([]byte(r.file.content))
		mw.Close()
		rd, contentType = &buf, mw.FormDataContentType()
	case r.body != nil:
		b, err := json.Marshal(r.body)
		if err != nil {
			t.Fatal(err)
		}
		rd, contentType = bytes.NewReader(b), "application/json"
	}
	req, _ := http.NewRequest(method, u, rd)
	req.Header.Set("Authorization", "Bearer "+token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var env struct {
		Error struct{ Code string } `json:"error"`
	}
	json.Unmarshal(raw, &env)
	return res.StatusCode, env.Error.Code, string(raw)
}
