package server_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhifa/internal/cases"
)

// TestAnnualStatistics counts the demo county's year from its cases: the breakdowns add up to the
// totals, the Excel export holds the same figures, a year not over cannot be published, the
// previous year is published once by a leader and appears on the portal.
func TestAnnualStatistics(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		year := k.today.Year()
		var a cases.Annual
		if err := k.leader.Get(ctx, "/api/v1/statistics/annual", url.Values{"year": {strconv.Itoa(year)}}, &a); err != nil {
			t.Fatal(err)
		}
		decided := count(t, e.app.DB, `SELECT COUNT(*) FROM cases WHERE outcome = 'penalty' AND decision_no <> '' AND region_code LIKE '371521%'`)
		if a.Totals.Penalties != decided || a.Totals.Penalties < 2 || a.Totals.FineFen < 20000_00 || a.RegionName != "阳谷县" {
			t.Fatalf("totals: %+v (decided cases %d)", a.Totals, decided)
		}
		sum := func(cs []cases.Count) (n int, fen int64) {
			for _, c := range cs {
				n += c.Count
				fen += int64(c.FineFen)
			}
			return
		}
		for name, cs := range map[string][]cases.Count{"body": a.ByBody, "domain": a.ByDomain} {
			if n, fen := sum(cs); n != a.Totals.Penalties || fen != int64(a.Totals.FineFen) {
				t.Errorf("by %s: %d penalties, %d fen; totals %d, %d", name, n, fen, a.Totals.Penalties, a.Totals.FineFen)
			}
		}
		code, body := fetch(t, k.leader, http.MethodGet, "/api/v1/statistics/annual.xlsx?year="+strconv.Itoa(year), nil)
		if code != http.StatusOK {
			t.Fatalf("excel: %d %s", code, body)
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("总体情况")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 4 || rows[3][0] != "行政处罚决定（件）" || rows[3][1] != strconv.Itoa(a.Totals.Penalties) {
			t.Errorf("excel rows: %v", rows[:min(5, len(rows))])
		}
		err = k.leader.Do(ctx, http.MethodPost, "/api/v1/statistics/annual/publish", map[string]any{"year": year}, nil)
		apiErr(t, err, http.StatusBadRequest, "STATS_YEAR_NOT_OVER")
		err = k.me.Do(ctx, http.MethodPost, "/api/v1/statistics/annual/publish", map[string]any{"year": year - 2}, nil)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
		// the demo published last year's figures; the year before is published now
		var status cases.AnnualStatus
		if err := k.leader.Get(ctx, "/api/v1/statistics/annual/status", nil, &status); err != nil || !status.Published || status.Warning != "" {
			t.Fatalf("status of last year's report: %+v %v", status, err)
		}
		var pub cases.Annual
		if err := k.leader.Do(ctx, http.MethodPost, "/api/v1/statistics/annual/publish", map[string]any{"year": year - 2}, &pub); err != nil {
			t.Fatal(err)
		}
		if pub.PublishedAt == "" || pub.Warning != "" {
			t.Fatalf("published: %+v", pub)
		}
		err = k.leader.Do(ctx, http.MethodPost, "/api/v1/statistics/annual/publish", map[string]any{"year": year - 2}, nil)
		apiErr(t, err, http.StatusConflict, "STATS_ALREADY_PUBLISHED")
		var shown []cases.Annual
		if err := e.anon().Get(ctx, "/api/v1/public/statistics/annual", nil, &shown); err != nil {
			t.Fatal(err)
		}
		if len(shown) != 2 || shown[0].Year != year-1 || shown[1].Year != year-2 || shown[1].RegionName != "阳谷县" {
			t.Fatalf("portal: %+v", shown)
		}
	})
}
