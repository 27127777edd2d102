package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"zhifa/internal/account"
	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/benchutil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/server"
)

// subtreeFixture builds a county bureau with a brigade and ten squadrons holding 1,000 people,
// and a leader's session token.
func subtreeFixture(b *testing.B, d *db.DB) (*server.App, string, string) {
	ctx := context.Background()
	a := newApp(d)
	var regions strings.Builder
	regions.WriteString("code,name,parentCode\n37,山东省,\n3715,聊城市,37\n371521,阳谷县,3715\n")
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&regions, "371521%03d,第%d镇,371521\n", 100+i, i)
	}
	if _, err := a.Regions.Import(ctx, access.System(), strings.NewReader(regions.String()), nil); err != nil {
		b.Fatal(err)
	}
	bureau, err := a.Orgs.Create(ctx, access.System(), org.Input{Name: "综合行政执法局", Kind: org.KindBureau, RegionCode: "371521000000"})
	if err != nil {
		b.Fatal(err)
	}
	brigade, _ := a.Orgs.Create(ctx, access.System(), org.Input{Name: "执法大队", Kind: org.KindBrigade, RegionCode: "371521000000", ParentID: bureau.ID})
	var staff strings.Builder
	staff.WriteString("name,idNumber,phone,postOrgName,workOrgName,postType,position,frontline,certNumber,certDomains,certValidFrom,certValidTo\n")
	n := 0
	for i := 1; i <= 10; i++ {
		sq, err := a.Orgs.Create(ctx, access.System(), org.Input{Name: fmt.Sprintf("第%d中队", i), Kind: org.KindSquadron,
			RegionCode: fmt.Sprintf("371521%03d000", 100+i), ParentID: brigade.ID})
		if err != nil {
			b.Fatal(err)
		}
		for j := 0; j < 100; j++ {
			n++
			first17 := fmt.Sprintf("3715211985%02d%02d%03d", 1+n%12, 1+n%28, n%1000)
			fmt.Fprintf(&staff, "队员%d,%s,138%08d,%s,%s,参公事业编,执法队员,是,C%06d,城市管理,2024-01-01,2029-01-01\n",
				n, first17+string(people.IDCheckChar(first17)), n, sq.Name, sq.Name, n)
		}
	}
	if _, err := a.People.Import(ctx, access.System(), strings.NewReader(staff.String()), nil); err != nil {
		b.Fatal(err)
	}
	if _, err := a.Accounts.Create(ctx, access.System(), account.Input{Username: "leader", DisplayName: "局长", Password: "Tq8#Lw3-vRz",
		OrgID: bureau.ID, Roles: []access.Role{access.Leader}}); err != nil {
		b.Fatal(err)
	}
	sess, err := a.Accounts.Login(ctx, "leader", "Tq8#Lw3-vRz", "127.0.0.1", "bench")
	if err != nil {
		b.Fatal(err)
	}
	return a, bureau.ID, sess.Token
}

// BenchmarkAuthorisedSubtreeRead reads the 1,000 people of a bureau's subtree through the whole
// stack (session check, permission, jurisdiction scope, query, audit entry), 500 per page.
func BenchmarkAuthorisedSubtreeRead(b *testing.B) {
	stores := map[string]func() *db.DB{"sqlite": func() *db.DB { return dbtest.SQLite(b) }}
	if os.Getenv(dbtest.EnvPostgres) != "" {
		stores["postgres"] = func() *db.DB { return dbtest.Postgres(b) }
	}
	for _, name := range []string{"sqlite", "postgres"} {
		open, ok := stores[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			a, bureauID, token := subtreeFixture(b, open())
			h := a.Handler()
			var lat benchutil.Latencies
			i := 0
			for b.Loop() {
				i++
				req := httptest.NewRequest("GET", fmt.Sprintf("/api/v1/people?orgId=%s&subtree=true&pageSize=500&page=%d", bureauID, 1+i%2), nil)
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(rec, req)
				lat = append(lat, time.Since(start))
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"total":1000`) {
					b.Fatalf("%d %s", rec.Code, rec.Body.String()[:200])
				}
			}
			lat.Report(b)
		})
	}
}
