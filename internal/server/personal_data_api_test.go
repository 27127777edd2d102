package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhifa/client"
	"zhifa/internal/demo"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
)

// leaves collects every scalar of a JSON value by key, at any depth.
func leaves(v any, key string, out map[string][]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			leaves(c, k, out)
		}
	case []any:
		for _, c := range x {
			leaves(c, key, out)
		}
	case nil:
	default:
		out[key] = append(out[key], fmt.Sprint(x))
	}
}

// calendar lists every date from 1900 to today.
func calendar(today civil.Date) []time.Time {
	var out []time.Time
	end := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	for d := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); !d.After(end); d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}

// completions lists the birth dates (YYYYMMDD) that complete a masked ID number such as
// 371521********6064: every date of the calendar whose check character (GB 11643) matches the
// visible tail, narrowed by whatever the response tells of the birth date — a birthDate, an age or
// a birth year. A set of one rebuilds the full number.
func completions(masked string, fields map[string][]string, days []time.Time) []string {
	head, tail := masked[:6], masked[14:]
	today := days[len(days)-1]
	var out []string
	for _, d := range days {
		ymd := d.Format("20060102")
		if people.IDCheckChar(head+ymd+tail[:3]) != tail[3] {
			continue
		}
		ok := true
		for _, b := range fields["birthDate"] {
			ok = ok && strings.ReplaceAll(b, "-", "") == ymd
		}
		for _, y := range fields["birthYear"] {
			ok = ok && y == ymd[:4]
		}
		for _, a := range fields["age"] {
			age := today.Year() - d.Year()
			if today.YearDay() < d.YearDay() {
				age--
			}
			ok = ok && a == strconv.Itoa(age)
		}
		if ok {
			out = append(out, ymd)
		}
	}
	return out
}

// TestNoRoleWithoutPIICanRebuildAMaskedIDNumber fetches people as every demo role that may read
// them but not see full ID numbers, and checks that nothing in any answer — detail, list, search,
// sort, error — narrows the masked digits (the birth date) to one candidate.
func TestNoRoleWithoutPIICanRebuildAMaskedIDNumber(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		days := calendar(civil.DateOf(time.Now()))
		leader := e.as("leader")
		// The people to look at: a few of the bureau and the staff of 张秋镇, with their full numbers.
		all, err := leader.People(ctx, url.Values{"pageSize": {"500"}})
		if err != nil {
			t.Fatal(err)
		}
		full := map[string]string{}
		var sample []string
		for i, p := range all.Items {
			if i < 4 || strings.HasPrefix(p.WorkOrgName, "张秋镇") {
				var rev struct {
					IDNumber string `json:"idNumber"`
				}
				if err := leader.Do(ctx, http.MethodPost, "/api/v1/people/"+p.ID+"/reveal-id", nil, &rev); err != nil {
					t.Fatal(err)
				}
				full[p.ID] = rev.IDNumber
				sample = append(sample, p.ID)
			}
		}
		if len(sample) < 8 {
			t.Fatalf("sample of %d people", len(sample))
		}

		// check asserts that one person's answer leaves more than one birth date possible and
		// carries the hidden digits nowhere.
		check := func(t *testing.T, who, id string, v any) {
			t.Helper()
			fields := map[string][]string{}
			leaves(v, "", fields)
			n := full[id]
			masked := fields["idNumberMasked"]
			if len(masked) != 1 || masked[0] != people.MaskIDNumber(n) {
				t.Fatalf("%s: masked number %v of %s", who, masked, n)
			}
			if c := completions(masked[0], fields, days); len(c) < 2 || !slices.Contains(c, n[6:14]) {
				t.Errorf("%s: the answer narrows %s to %d birth dates", who, masked[0], len(c))
			}
			hidden := []string{n[6:14], n[6:10] + "-" + n[10:12] + "-" + n[12:14], n}
			for k, vs := range fields {
				for _, s := range vs {
					for _, h := range hidden {
						if strings.Contains(s, h) {
							t.Errorf("%s: field %s = %q carries the hidden digits %s", who, k, s, h)
						}
					}
				}
			}
		}

		checked := 0
		for _, l := range demo.Logins {
			role, _ := access.LookupRole(l.Role)
			if !slices.Contains(role.Permissions, access.PeopleRead) || slices.Contains(role.Permissions, access.PeoplePII) {
				continue
			}
			t.Run(l.Username, func(t *testing.T) {
				c := e.as(l.Username)
				var list struct {
					Items []map[string]any `json:"items"`
				}
				if err := c.Get(ctx, "/api/v1/people", url.Values{"pageSize": {"500"}}, &list); err != nil {
					t.Fatal(err)
				}
				visible := map[string]bool{}
				for _, item := range list.Items {
					id := item["id"].(string)
					visible[id] = true
					if _, ok := full[id]; ok {
						check(t, l.Username+" list", id, item)
					}
				}
				seen := 0
				for _, id := range sample {
					if !visible[id] {
						continue
					}
					seen++
					var detail map[string]any
					if err := c.Get(ctx, "/api/v1/people/"+id, nil, &detail); err != nil {
						t.Fatal(err)
					}
					if _, ok := detail["birthDate"]; ok {
						t.Errorf("%s sees a birth date: %v", l.Username, detail["birthDate"])
					}
					check(t, l.Username+" detail", id, detail)

					// Searching: only the visible tail matches; anything longer is refused alike,
					// whether the guess is right or wrong.
					n := full[id]
					var found client.List[client.Person]
					if err := c.Get(ctx, "/api/v1/people", url.Values{"q": {n[14:]}, "pageSize": {"500"}}, &found); err != nil {
						t.Fatal(err)
					}
					if !slices.ContainsFunc(found.Items, func(p client.Person) bool { return p.ID == id }) {
						t.Errorf("%s: searching the tail %s misses the person", l.Username, n[14:])
					}
					wrong := wrongGuess(n)
					var msgs []string
					for _, q := range []string{n, wrong, n[6:14], n[10:], n[:14], strings.ToLower(n[13:])} {
						_, err := c.People(ctx, url.Values{"q": {q}})
						ce := apiErr(t, err, http.StatusBadRequest, "PERSON_QUERY_TAIL_ONLY")
						if q == n || q == wrong {
							msgs = append(msgs, ce.Message)
						}
					}
					if msgs[0] != msgs[1] {
						t.Errorf("%s: a right and a wrong guess answer differently: %q, %q", l.Username, msgs[0], msgs[1])
					}
				}
				if seen == 0 {
					t.Fatalf("%s sees none of the sampled people", l.Username)
				}
				// Sorting by what the mask hides is not offered.
				for _, s := range []string{"birthDate", "idNumber", "idNumberMasked", "age"} {
					_, err := c.People(ctx, url.Values{"sort": {s}})
					apiErr(t, err, http.StatusBadRequest, "SORT_INVALID")
				}
			})
			checked++
		}
		if checked < 4 { // admin, dispatcher, officer, officer.zhangqiu, legal
			t.Fatalf("checked %d roles", checked)
		}

		// A role with people.pii sees the birth date and may search by the whole number.
		id := sample[0]
		n := full[id]
		var detail map[string]any
		if err := leader.Get(ctx, "/api/v1/people/"+id, nil, &detail); err != nil {
			t.Fatal(err)
		}
		if detail["birthDate"] != n[6:10]+"-"+n[10:12]+"-"+n[12:14] {
			t.Fatalf("leader: birth date %v of %s", detail["birthDate"], n)
		}
		found, err := leader.People(ctx, url.Values{"q": {n}})
		if err != nil || found.Total != 1 || found.Items[0].ID != id {
			t.Fatalf("leader searching %s: %+v, %v", n, found, err)
		}
		if found, err := leader.People(ctx, url.Values{"q": {wrongGuess(n)}}); err != nil || found.Total != 0 {
			t.Fatalf("leader searching a wrong number: %+v, %v", found, err)
		}
	})
}

// wrongGuess returns another valid ID number with the same visible parts as n: the same address
// code and tail, another birth date.
func wrongGuess(n string) string {
	birth, _ := time.Parse("20060102", n[6:14])
	for d := birth.AddDate(0, 0, 1); ; d = d.AddDate(0, 0, 1) {
		first17 := n[:6] + d.Format("20060102") + n[14:17]
		if people.IDCheckChar(first17) == n[17] {
			return first17 + n[17:]
		}
	}
}

// TestDisclosuresAreAuditedWithTheFieldsShown reads a person as a role without people.pii and as
// one with it, and checks that each audit entry lists the fields it disclosed and masked.
func TestDisclosuresAreAuditedWithTheFieldsShown(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		officer, leader := e.as("officer"), e.as("leader")
		list, err := officer.People(ctx, url.Values{"pageSize": {"1"}})
		if err != nil || len(list.Items) != 1 {
			t.Fatalf("officer list: %+v, %v", list, err)
		}
		id := list.Items[0].ID
		if _, err := officer.Person(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := leader.Person(ctx, id); err != nil {
			t.Fatal(err)
		}
		var entries struct {
			Items []struct {
				ActorName string `json:"actorName"`
				EntityID  string `json:"entityId"`
				Summary   string `json:"summary"`
				Detail    string `json:"detail"`
			} `json:"items"`
		}
		if err := e.as("auditor").Get(ctx, "/api/v1/audit", url.Values{"entity": {"person"}, "action": {"read"}, "pageSize": {"50"}}, &entries); err != nil {
			t.Fatal(err)
		}
		type shown struct {
			Disclosed []string `json:"disclosed"`
			Masked    []string `json:"masked"`
			Withheld  []string `json:"withheld"`
		}
		got := map[string]shown{}
		for _, en := range entries.Items {
			var s shown
			if err := json.Unmarshal([]byte(en.Detail), &s); err != nil {
				t.Fatalf("detail %q: %v", en.Detail, err)
			}
			kind := "detail"
			if en.EntityID == "" {
				kind = "list"
			} else if en.EntityID != id {
				continue
			}
			if _, ok := got[en.ActorName+" "+kind]; !ok { // newest first
				got[en.ActorName+" "+kind] = s
			}
		}
		want := map[string]shown{
			"张伟 list":    {Disclosed: []string{"name", "gender", "certificates"}, Masked: []string{"idNumber", "phone"}},
			"张伟 detail":  {Disclosed: []string{"name", "gender", "certificates"}, Masked: []string{"idNumber", "phone"}, Withheld: []string{"birthDate"}},
			"孙志强 detail": {Disclosed: []string{"name", "gender", "birthDate", "phone", "certificates"}, Masked: []string{"idNumber"}},
		}
		for k, w := range want {
			g, ok := got[k]
			if !ok || !slices.Equal(g.Disclosed, w.Disclosed) || !slices.Equal(g.Masked, w.Masked) || !slices.Equal(g.Withheld, w.Withheld) {
				t.Errorf("%s: audit records %+v, want %+v", k, g, w)
			}
		}
	})
}

// "Already registered" confirms a guessed number: a caller who may not see full numbers learns
// it for a few rows per import at most, and every such answer is in the audit log although the
// import is refused.
func TestRegisteredNumbersAreNotAnOracle(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		var orgs client.List[client.Org]
		if err := e.as("admin").Get(ctx, "/api/v1/orgs", url.Values{"q": {"张秋镇综合行政执法办公室"}}, &orgs); err != nil || len(orgs.Items) == 0 {
			t.Fatalf("office: %v", err)
		}
		office := orgs.Items[0]
		var known []string
		for i := range 5 {
			id := validID("371521", "19800101", 700+i)
			if _, err := e.app.People.Create(ctx, access.System(), people.Input{Name: "已登记人员", IDNumber: id, PostOrgID: office.ID,
				WorkOrgID: office.ID, PostType: "行政编"}); err != nil {
				t.Fatal(err)
			}
			known = append(known, id)
		}
		file := func(ids ...string) []byte {
			var b strings.Builder
			b.WriteString("name,idNumber,postOrgName,postType\n")
			for _, id := range ids {
				fmt.Fprintf(&b, "试探,%s,%s,行政编\n", id, office.Name)
			}
			return []byte(b.String())
		}
		admin := e.as("admin")
		audited := func() int {
			var n int
			db.Get(ctx, e.app.DB.R, &n, `SELECT COUNT(*) FROM audit_log WHERE summary LIKE '登记人员时获知%'`)
			return n
		}
		_, err := admin.ImportPeople(ctx, "p.csv", file(known[:4]...))
		apiErr(t, err, http.StatusBadRequest, "IMPORT_TOO_MANY_REGISTERED")
		if audited() != 1 {
			t.Fatalf("the refused import's disclosures are not audited")
		}
		_, err = admin.ImportPeople(ctx, "p.csv", file(known[:2]...))
		if ce, ok := err.(*client.Error); !ok || len(ce.Details) != 2 || ce.Details[0].Code != "PERSON_ID_EXISTS" {
			t.Fatalf("two registered numbers: %v", err)
		}
		// A caller who may see full numbers fixes a whole file at once.
		_, err = e.as("staffing").ImportPeople(ctx, "p.csv", file(known...))
		if ce, ok := err.(*client.Error); !ok || len(ce.Details) != 5 {
			t.Fatalf("staffing officer: %v", err)
		}
		err = admin.Do(ctx, "POST", "/api/v1/people", map[string]any{"name": "试探", "idNumber": known[0], "postOrgId": office.ID,
			"workOrgId": office.ID, "postType": "行政编"}, nil)
		apiErr(t, err, http.StatusConflict, "PERSON_ID_EXISTS")
		if audited() != 4 {
			t.Fatalf("audited disclosures: %d, want 4", audited())
		}
	})
}
