package catalog

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"zhifa/internal/law"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/benchutil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/region"
)

// benchItems is the size of the generated catalogue.
const benchItems = 10000

var benchDomains = []string{"城市管理", "市场监管", "生态环境", "文化市场", "交通运输", "农业农村", "自然资源", "住房城乡建设",
	"水利", "卫生健康", "人力社保", "应急管理"}

// benchWords make names and provisions searchable and varied.
var benchWords = []string{"露天烧烤", "占道经营", "违法建设", "食品经营", "油烟排放", "焚烧秸秆", "渣土运输", "户外广告",
	"噪声污染", "非法占地", "超限运输", "农药使用", "劳动监察", "消防通道", "河道管理", "网吧经营", "无证经营", "明码标价",
	"特种设备", "危险化学品"}

func eachBenchStore(b *testing.B, fn func(b *testing.B, d *db.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, dbtest.SQLite(b)) })
	if os.Getenv(dbtest.EnvPostgres) != "" {
		b.Run("postgres", func(b *testing.B) { fn(b, dbtest.Postgres(b)) })
	}
}

// benchCounty is a county of 18 townships with 20 villages each, twelve departments, the bureau, and
// per township its people's government (which receives delegations) and its enforcement office
// (the working body).
type benchCounty struct {
	*fixture
	depts    []string
	towns    []string // the township governments
	offices  []string
	villages []string
}

func newBenchCounty(b *testing.B, d *db.DB) *benchCounty {
	f := newFixture(b, d)
	bc := &benchCounty{fixture: f}
	var csv strings.Builder
	csv.WriteString("code,name,parentCode\n")
	for t := 0; t < 18; t++ {
		town := fmt.Sprintf("371521%03d", 120+t)
		fmt.Fprintf(&csv, "%s,第%d镇,371521\n", town, t)
		for v := 0; v < 20; v++ {
			code := fmt.Sprintf("%s%03d", town, 200+v)
			fmt.Fprintf(&csv, "%s,第%d镇第%d村,%s\n", code, t, v, town)
			bc.villages = append(bc.villages, code)
		}
	}
	regions := &region.Service{DB: d, Audit: f.s.Audit, Clock: f.s.Clock}
	if _, err := regions.Import(ctx, access.System(), strings.NewReader(csv.String()), nil); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 12; i++ {
		o, err := f.orgs.Create(ctx, access.System(), org.Input{Name: fmt.Sprintf("第%d业务主管部门", i), Kind: org.KindDepartment, RegionCode: county})
		if err != nil {
			b.Fatal(err)
		}
		bc.depts = append(bc.depts, o.ID)
	}
	for t := 0; t < 18; t++ {
		town := fmt.Sprintf("371521%03d000", 120+t)
		g, err := f.orgs.Create(ctx, access.System(), org.Input{Name: fmt.Sprintf("第%d镇人民政府", t), Kind: org.KindGovernment, RegionCode: town, ParentID: f.gov})
		if err != nil {
			b.Fatal(err)
		}
		in := orgInput(fmt.Sprintf("第%d镇综合行政执法办公室", t), town)
		in.ParentID = g.ID
		o, err := f.orgs.Create(ctx, access.System(), in)
		if err != nil {
			b.Fatal(err)
		}
		bc.towns = append(bc.towns, g.ID)
		bc.offices = append(bc.offices, o.ID)
	}
	return bc
}

// catalogueFile generates n published items in the import template.
func catalogueFile(n int) []byte {
	var buf bytes.Buffer
	buf.WriteString(templateHeader)
	for i := 0; i < n; i++ {
		w1, w2 := benchWords[i%len(benchWords)], benchWords[(i/len(benchWords))%len(benchWords)]
		fmt.Fprintf(&buf, "BM-%05d,对%s中%s行为（第%d项）的行政处罚,行政处罚,%s,一般性,县级,第%d业务主管部门,"+
			"《某某管理条例》第%s条第（%s）项：禁止%s；,《某某管理条例》第%s条：违反本条例规定%s的，责令改正，处%d元以上%d元以下罚款,"+
			"警告、罚款,%d,%d,,,,负责审批和日常监管,负责调查取证和行政处罚,2021-01-01,阳政办发〔2020〕35号,已发布\n",
			i, w1, w2, i, benchDomains[i%len(benchDomains)], i%12, law.FormatNumeral(1+i%120), law.FormatNumeral(1+i%9), w1,
			law.FormatNumeral(121+i%60), w2, 100*(1+i%10), 1000*(1+i%10), 100*(1+i%10), 1000*(1+i%10))
	}
	return buf.Bytes()
}

// BenchmarkImport10000 imports a generated catalogue of 10,000 published items in one file.
func BenchmarkImport10000(b *testing.B) {
	file := catalogueFile(benchItems)
	eachBenchStore(b, func(b *testing.B, d *db.DB) {
		bc := newBenchCounty(b, d)
		var took time.Duration
		var peak uint64
		for b.Loop() {
			stop := benchutil.PeakHeap()
			start := time.Now()
			res, err := bc.s.Import(ctx, access.System(), bytes.NewReader(file))
			took = time.Since(start)
			peak = stop()
			if err != nil || res.Published != benchItems {
				b.Fatalf("%+v %v %+v", res, err, apperrDetails(err))
			}
			b.StopTimer()
			db.Exec(ctx, d.W, `DELETE FROM catalog_versions`)
			db.Exec(ctx, d.W, `DELETE FROM catalog_items`)
			b.StartTimer()
		}
		b.ReportMetric(float64(benchItems)/took.Seconds(), "rows/s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	})
}

// history builds five years of catalogue history over the generated catalogue: 6,000 items
// transferred on 2021-07-01 (one in fifty partly); every month from 2021-08 to 2025-12 a decision
// delegates a slice of them (one in thirteen) to three townships and revokes the slice it delegated
// a year before, so that each item is delegated four times over the years;
// 1,000 items get a second version in 2023 and 100 are repealed in 2024.
func (bc *benchCounty) history(b *testing.B) {
	if _, err := bc.s.Import(ctx, access.System(), bytes.NewReader(catalogueFile(benchItems))); err != nil {
		b.Fatal(err, apperrDetails(err))
	}
	code := func(i int) string { return fmt.Sprintf("BM-%05d", i) }
	var whole, part []string
	for i := 0; i < benchItems; i++ {
		switch {
		case i%10 < 6 && i%50 == 0:
			part = append(part, code(i))
		case i%10 < 6:
			whole = append(whole, code(i))
		}
	}
	bc.decideBench(b, DecisionInput{DocNo: "阳政发〔2021〕12号", Title: "划转", EffectiveFrom: "2021-07-01",
		Transfers: []MoveInput{{Items: whole, Targets: []string{bc.bureau}}, {Items: part, Targets: []string{bc.bureau}, Partial: true, PartNote: "部分"}}})
	// Thirteen slices take turns: a slice is delegated for twelve months, then rests a month.
	slice := func(m int) []string {
		var out []string
		for i := m % 13; i < benchItems; i += 13 {
			if i%10 < 6 {
				out = append(out, code(i))
			}
		}
		return out
	}
	for m := 0; m < 53; m++ {
		date := time.Date(2021, time.Month(8+m), 15, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		in := DecisionInput{DocNo: fmt.Sprintf("阳政发〔%d〕%d号", 2021+(7+m)/12, 100+m), Title: "下放与收回", EffectiveFrom: date,
			Delegations: []MoveInput{{Items: slice(m), Targets: []string{bc.towns[m%18], bc.towns[(m+6)%18], bc.towns[(m+12)%18]}}}}
		if m >= 12 {
			in.Revocations = []RevokeInput{{Items: slice(m - 12), Kind: ModeDelegate}}
		}
		bc.decideBench(b, in)
	}
	for i := 7; i < benchItems; i += 10 {
		det, err := bc.s.Get(ctx, access.System(), bc.idOf(b, code(i)), "")
		if err != nil {
			b.Fatal(err)
		}
		v := det.Version
		in := Input{Name: v.Name + "（修订）", Type: v.Type, Domain: v.Domain, Category: v.Category, Level: v.Level, OwnerOrgID: v.OwnerOrgID,
			ViolatedBasis: v.ViolatedBasis, PenaltyBasis: v.PenaltyBasis, PenaltyKinds: v.PenaltyKinds,
			Fine: Fine{MinFen: v.Fine.MinFen, MaxFen: fen(20000)}, EffectiveFrom: "2023-01-01", DocNo: "阳政办发〔2022〕41号"}
		draft, err := bc.s.AddVersion(ctx, access.System(), det.Item.ID, in)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := bc.s.Publish(ctx, access.System(), det.Item.ID, lifecycle.PublishInput{Revision: draft.Version.Revision}); err != nil {
			b.Fatal(err)
		}
	}
	for i := 99; i < benchItems; i += 100 {
		if _, err := bc.s.Repeal(ctx, access.System(), bc.idOf(b, code(i)), lifecycle.RepealInput{EffectiveTo: "2024-01-01", DocNo: "阳政办发〔2023〕9号", Reason: "法律依据调整", Revision: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func (bc *benchCounty) decideBench(b *testing.B, in DecisionInput) {
	if _, err := bc.s.CreateDecision(ctx, access.System(), in); err != nil {
		b.Fatal(in.DocNo, err, apperrDetails(err))
	}
}

func (bc *benchCounty) idOf(b *testing.B, code string) string {
	var id string
	if err := db.Get(ctx, bc.d.R, &id, `SELECT id FROM catalog_items WHERE code = ?`, code); err != nil {
		b.Fatal(code, err)
	}
	return id
}

// benchDate is a random day from 2021 to 2026.
func benchDate(r *rand.Rand) string {
	return time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(6*365)).Format("2006-01-02")
}

// BenchmarkCatalogQueries measures, over 10,000 items and five years of history, the two hot
// questions (who exercises an item here on a date; what an organisation exercises on a date) and
// catalogue search: the public search from the snapshot and the console's list search on the
// full-text index of the store.
func BenchmarkCatalogQueries(b *testing.B) {
	eachBenchStore(b, func(b *testing.B, d *db.DB) {
		bc := newBenchCounty(b, d)
		start := time.Now()
		bc.history(b)
		b.Logf("history built in %s", time.Since(start))
		snap, err := bc.s.Refresh(ctx)
		if err != nil {
			b.Fatal(err)
		}
		var grants int
		for _, e := range snap.items {
			grants += len(e.grants)
		}
		b.Logf("snapshot: %d items, %d assignments", len(snap.items), grants)
		ids := make([]string, 0, len(snap.ordered))
		for _, e := range snap.ordered {
			ids = append(ids, e.ID)
		}
		orgs := append(append(append([]string{bc.bureau}, bc.towns...), bc.offices...), bc.depts...)
		r := rand.New(rand.NewPCG(1, 2))

		// A full rebuild takes long enough that it is timed a few times here rather than per b.N.
		var build benchutil.Latencies
		var heap uint64
		for i := 0; i < 5; i++ {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			t0 := time.Now()
			s, err := bc.s.build(ctx)
			build = append(build, time.Since(t0))
			runtime.GC()
			runtime.ReadMemStats(&after)
			heap = after.HeapAlloc - before.HeapAlloc
			runtime.KeepAlive(s)
			if err != nil {
				b.Fatal(err)
			}
		}
		slices.Sort(build)
		b.Logf("snapshot rebuild: median %s, max %s, live heap %.1f MB", build[2], build[4], float64(heap)/(1<<20))
		b.Run("who-exercises/resolver", func(b *testing.B) {
			var lat benchutil.Latencies
			for b.Loop() {
				id, place, date := ids[r.IntN(len(ids))], bc.villages[r.IntN(len(bc.villages))], benchDate(r)
				t0 := time.Now()
				s, _ := bc.s.Snapshot(ctx)
				_, err := s.Resolve(access.Everywhere, id, place, date, nil)
				lat = append(lat, time.Since(t0))
				if err != nil && !isNotInForce(err) {
					b.Fatal(err)
				}
			}
			lat.Report(b)
		})
		b.Run("who-exercises/service", func(b *testing.B) {
			var lat benchutil.Latencies
			for b.Loop() {
				q := ExerciseQuery{ItemID: ids[r.IntN(len(ids))], Place: bc.villages[r.IntN(len(bc.villages))], Date: benchDate(r)}
				t0 := time.Now()
				_, err := bc.s.Exercise(ctx, legal(), q)
				lat = append(lat, time.Since(t0))
				if err != nil && !isNotInForce(err) {
					b.Fatal(err)
				}
			}
			lat.Report(b)
		})
		b.Run("items-of-org", func(b *testing.B) {
			var lat benchutil.Latencies
			for b.Loop() {
				o, date := orgs[r.IntN(len(orgs))], benchDate(r)
				t0 := time.Now()
				_, err := bc.s.OrgItems(ctx, legal(), o, date, httpx.Page{Page: 1, PageSize: 50})
				lat = append(lat, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
			}
			lat.Report(b)
		})
		page := httpx.Page{Page: 1, PageSize: 20}
		query := func() string {
			if r.IntN(2) == 0 {
				return benchWords[r.IntN(len(benchWords))]
			}
			return benchWords[r.IntN(len(benchWords))] + " " + benchWords[r.IntN(len(benchWords))]
		}
		b.Run("public-search/snapshot", func(b *testing.B) {
			var lat benchutil.Latencies
			for b.Loop() {
				f := PublicFilter{Query: query()}
				t0 := time.Now()
				_, _, err := bc.s.PublicSearch(ctx, f, page)
				lat = append(lat, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
			}
			lat.Report(b)
		})
		// The console's list: the latest version of every item (drafts included), the first page in
		// catalogue order with the total, through the service (synonyms and organisation names).
		b.Run("search/console-list", func(b *testing.B) {
			var lat benchutil.Latencies
			for b.Loop() {
				f := Filter{Query: query()}
				t0 := time.Now()
				_, _, err := bc.s.List(ctx, legal(), f, page)
				lat = append(lat, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
			}
			lat.Report(b)
		})
		// The same as the list of what is in force on a day, as the export and the console's date
		// filter ask it.
		b.Run("search/console-list-as-of", func(b *testing.B) {
			var lat benchutil.Latencies
			today := bc.s.today()
			for b.Loop() {
				f := Filter{Query: query(), AsOf: today, Status: lifecycle.Published}
				t0 := time.Now()
				_, _, err := bc.s.List(ctx, legal(), f, page)
				lat = append(lat, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
			}
			lat.Report(b)
		})
		// The same searches on the store's full-text index, as a search runs while the snapshot is
		// being rebuilt after a change.
		// It has a snapshot, as a process whose snapshot is being rebuilt has the previous one,
		// from which it names organisations.
		store := newService(d)
		store.storeSearch = true
		if _, err := store.Snapshot(ctx); err != nil {
			b.Fatal(err)
		}
		b.Run("search/store-fulltext", func(b *testing.B) {
			var lat benchutil.Latencies
			for b.Loop() {
				f := Filter{Query: query()}
				t0 := time.Now()
				_, _, err := store.List(ctx, legal(), f, page)
				lat = append(lat, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
			}
			lat.Report(b)
		})
		b.Run("search/store-fulltext-code", func(b *testing.B) {
			var lat benchutil.Latencies
			for b.Loop() {
				f := Filter{Query: fmt.Sprintf("BM-%05d", r.IntN(benchItems))}
				t0 := time.Now()
				items, _, err := store.List(ctx, legal(), f, page)
				lat = append(lat, time.Since(t0))
				if err != nil || len(items) != 1 {
					b.Fatal(items, err)
				}
			}
			lat.Report(b)
		})
		// A rare term: one item's code.
		b.Run("search/console-list-code", func(b *testing.B) {
			var lat benchutil.Latencies
			for b.Loop() {
				f := Filter{Query: fmt.Sprintf("BM-%05d", r.IntN(benchItems))}
				t0 := time.Now()
				items, _, err := bc.s.List(ctx, legal(), f, page)
				lat = append(lat, time.Since(t0))
				if err != nil || len(items) != 1 {
					b.Fatal(items, err)
				}
			}
			lat.Report(b)
		})
	})
}

func isNotInForce(err error) bool {
	e := apperrOf(err)
	return e != nil && e.Code == "CATALOG_NOT_IN_FORCE"
}

func apperrDetails(err error) any {
	if err == nil {
		return nil
	}
	return apperr.As(err).Details
}

func apperrOf(err error) *apperr.Error {
	if err == nil {
		return nil
	}
	return apperr.As(err)
}
