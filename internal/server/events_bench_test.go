package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"zhifa/client"
	"zhifa/internal/demo"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
	"zhifa/internal/server"
)

// BenchmarkEventIntake measures end-to-end intake — an HTTP report located, routed by grid and
// catalogue, stored with its history and dispatched in one transaction — at fixed offered loads
// (open loop: requests are sent on schedule whether or not earlier ones have answered), and, in
// the same run, the raw rate of inserting the same rows (event, three history steps, team) into
// the same store, one transaction each, as the ceiling.
//
//	go test -run '^$' -bench EventIntake -benchtime 1x ./internal/server/
func BenchmarkEventIntake(b *testing.B) {
	eachBenchStore(b, func(b *testing.B, a *server.App) {
		ctx := context.Background()
		srv := httptest.NewServer(a.Handler())
		defer srv.Close()
		c := client.New(srv.URL)
		if _, err := c.Login(ctx, "officer.zhangqiu", demo.Password); err != nil {
			b.Fatal(err)
		}
		var pts []struct {
			Lng float64 `db:"lng"`
			Lat float64 `db:"lat"`
		}
		if err := db.Select(ctx, a.DB.R, &pts, `SELECT (min_lng + max_lng) / 2 AS lng, (min_lat + max_lat) / 2 AS lat FROM grids
			WHERE kind = 'basic' AND township_code = ?`, "371521112000"); err != nil {
			b.Fatal(err)
		}
		body := func(i int) []byte {
			p := pts[i%len(pts)]
			raw, _ := json.Marshal(map[string]any{"channel": "inspection", "categoryCode": "SJ0501", "lng": p.Lng, "lat": p.Lat,
				"description": fmt.Sprintf("巡查发现第%d处占道经营", i)})
			return raw
		}
		send := func(i int) (time.Duration, bool) {
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/events", bytes.NewReader(body(i)))
			req.Header.Set("Authorization", "Bearer "+c.Token)
			req.Header.Set("Content-Type", "application/json")
			start := time.Now()
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				return 0, false
			}
			res.Body.Close()
			return time.Since(start), res.StatusCode == http.StatusCreated
		}
		n := 0
		for range 20 { // warm the caches
			n++
			send(n)
		}
		const window = 5 * time.Second
		for _, rate := range []int{50, 100, 200, 400, 800} {
			var mu sync.Mutex
			var lat []time.Duration
			failed := 0
			var wg sync.WaitGroup
			interval := time.Second / time.Duration(rate)
			start := time.Now()
			total := int(window / interval)
			for k := 0; k < total; k++ {
				time.Sleep(time.Until(start.Add(time.Duration(k) * interval)))
				n++
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					d, ok := send(i)
					mu.Lock()
					defer mu.Unlock()
					if ok {
						lat = append(lat, d)
					} else {
						failed++
					}
				}(n)
			}
			wg.Wait()
			elapsed := time.Since(start)
			slices.Sort(lat)
			q := func(f float64) float64 {
				if len(lat) == 0 {
					return 0
				}
				return float64(lat[int(f*float64(len(lat)-1))].Microseconds()) / 1000
			}
			b.Logf("offered %d/s: done %.1f/s, p50 %.1f ms, p99 %.1f ms, failed %d", rate, float64(len(lat))/elapsed.Seconds(), q(0.5), q(0.99), failed)
			b.ReportMetric(float64(len(lat))/elapsed.Seconds(), fmt.Sprintf("events/s@%d", rate))
			b.ReportMetric(q(0.99), fmt.Sprintf("p99-ms@%d", rate))
		}
		// The ceiling: the same rows inserted directly, one transaction per event.
		var template struct {
			Team string `db:"team_org_id"`
		}
		if err := db.Get(ctx, a.DB.R, &template, `SELECT team_org_id FROM events WHERE description LIKE ? LIMIT 1`, "巡查发现%"); err != nil {
			b.Fatal(err)
		}
		const raw = 2000
		start := time.Now()
		for i := range raw {
			id := ids.New()
			now := clock.Stamp(time.Now())
			err := a.DB.Tx(ctx, func(tx *db.Tx) error {
				if _, err := db.Exec(ctx, tx, `INSERT INTO events (id, no, region_code, township_code, village_code, grid_code, channel, external_no,
					hotline_kind, category_code, category_name, category_kind, item_code, description, address, lng, lat, urgent, reporter_name,
					reporter_phone, reporter_protected, reporter_account, state, team_org_id, route, suggestion, suggested_category, suggested_team,
					reported_at, register_due, registered_at, dispatched_at, handle_due, handle_limit, return_due, accepted_at, accepted_by,
					feedback_at, result, closed_at, close_kind, handled_on_time, reply_due, replied_at, reply, callback_at, satisfaction,
					suspended_at, remaining_minutes, extension_request, extensions, reworks, returns, misrouted, escalation, reminded,
					duplicate_of, case_lead_id, updated_at, version)
					VALUES (?, ?, '371521112000', '371521112000', '', '', 'inspection', '', '', 'SJ0501', '占道经营', 'event', 'CSGL-CF-019', ?, '',
					115.9, 36.0, FALSE, '', '', FALSE, '', 'dispatched', ?, '{}', '', '', '', ?, ?, ?, ?, ?, '4个工作时', ?, '', '', '', '', '', '',
					NULL, '', '', '', '', '', '', 0, '', 0, 0, 0, FALSE, 0, 0, '', '', ?, 3)`,
					id, fmt.Sprintf("RAW%08d", i), "直接写入", template.Team, now, now, now, now, now, now, now); err != nil {
					return err
				}
				for seq, act := range []string{"report", "register", "dispatch"} {
					if _, err := db.Exec(ctx, tx, `INSERT INTO event_history (id, event_id, seq, action, state_from, state_to, actor_id, actor_name,
						org_id, reason, detail, at) VALUES (?, ?, ?, ?, '', '', 'x', 'x', '', '', '{}', ?)`, ids.New(), id, seq+1, act, now); err != nil {
						return err
					}
				}
				_, err := db.Exec(ctx, tx, `INSERT INTO event_teams (event_id, org_id, role) VALUES (?, ?, 'lead')`, id, template.Team)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		rawRate := float64(raw) / time.Since(start).Seconds()
		b.Logf("raw insert of the same rows: %.1f events/s", rawRate)
		b.ReportMetric(rawRate, "raw-events/s")
	})
}
