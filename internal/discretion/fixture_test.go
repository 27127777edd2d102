package discretion

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/platform/settings"
	"zhifa/internal/region"
)

// Codes of the seeded regions.
const (
	codeCounty = "371521000000" // 阳谷县
	codeTownA  = "371521100000" // 阿城镇
	codeOther  = "371522000000" // 莘县
)

const regionsCSV = `code,name,parentCode
370000000000,山东省,
371500000000,聊城市,370000000000
371521000000,阳谷县,371500000000
371521100000,阿城镇,371521000000
371521101000,七级镇,371521000000
371522000000,莘县,371500000000
`

// fakeStatutes is a catalogue in memory: each item has versions in force from a date.
type fakeStatutes struct {
	mu    sync.Mutex
	items map[string][]fakeVersion
	calls int
}

type fakeVersion struct {
	from    string
	statute Statute
}

func (f *fakeStatutes) add(from string, s Statute) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.items == nil {
		f.items = map[string][]fakeVersion{}
	}
	s.EffectiveFrom = from
	f.items[s.ItemID] = append(f.items[s.ItemID], fakeVersion{from, s})
	sort.Slice(f.items[s.ItemID], func(i, j int) bool { return f.items[s.ItemID][i].from < f.items[s.ItemID][j].from })
}

// testBases is the catalogue's vocabulary of bases in the tests: the usual four, and the
// compensation and sales that some jurisdictions add.
var testBases = []string{BaseIllegalGains, BaseGoodsValue, BaseIllegalIncome, BaseProjectCost, "赔偿额", "销售额"}

func (f *fakeStatutes) FineBases(context.Context, string) ([]string, error) { return testBases, nil }

func (f *fakeStatutes) Statute(_ context.Context, itemID, date string) (Statute, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	vs, ok := f.items[itemID]
	if !ok {
		return Statute{}, fmt.Errorf("catalogue: %w", ErrItemUnknown)
	}
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].from <= date {
			return vs[i].statute, nil
		}
	}
	return Statute{}, fmt.Errorf("catalogue: %s on %s: %w", itemID, date, ErrNotInForce)
}

type fixture struct {
	d        *db.DB
	svc      *Service
	clock    *clock.Fixed
	statutes *fakeStatutes
	settings *settings.Service
	legal    *access.Principal // 法制审核员 of the county: catalog.read and catalog.write
	officer  *access.Principal // 执法队员 of township A: catalog.read
	townLaw  *access.Principal // 法制审核员 of township A
	other    *access.Principal // 法制审核员 of the neighbouring county
}

func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	clk := &clock.Fixed{T: time.Date(2026, 5, 10, 2, 0, 0, 0, time.UTC)} // 10:00 in China
	log := audit.New(clk, audit.TestKeys())
	if _, err := (&region.Service{DB: d, Audit: log, Clock: clk}).Import(ctx, access.System(), strings.NewReader(regionsCSV), nil); err != nil {
		t.Fatal(err)
	}
	st := &fakeStatutes{}
	st.add("2025-01-01", Statute{ItemID: "item-oil", ItemCode: "C-118-1", ItemName: "超标排放油烟", VersionID: "oil-v1",
		Citation: "《中华人民共和国大气污染防治法》第一百一十八条第一款", PenaltyKinds: []string{PenaltyFine, "责令停业整治"},
		FineMinFen: yuan(5000), FineMaxFen: yuan(50000)})
	st.add("2020-01-01", Statute{ItemID: "item-road", ItemCode: "C-42", ItemName: "擅自占用城市道路", VersionID: "road-v1",
		Citation: "《城市道路管理条例》第四十二条", PenaltyKinds: []string{PenaltyWarning, PenaltyFine}, FineMaxFen: yuan(20000)})
	// Real-shaped statutes: per facility without a total cap, multiples of compensation, and a
	// violation that includes an ignored order to correct.
	st.add("2020-01-01", Statute{ItemID: "item-facility", ItemCode: "C-F", ItemName: "擅自设置大型户外广告设施", VersionID: "facility-v1",
		PenaltyKinds: []string{PenaltyFine, "没收违法所得", "其他（限期拆除）"}, Unit: "处", PerUnitMinFen: yuan(5000), PerUnitMaxFen: yuan(20000)})
	st.add("2020-01-01", Statute{ItemID: "item-comp", ItemCode: "C-C", ItemName: "损坏市政设施", VersionID: "comp-v1",
		PenaltyKinds: []string{PenaltyFine}, MultipleMinPct: 100, MultipleMaxPct: 200, MultipleBase: "赔偿额"})
	st.add("2020-01-01", Statute{ItemID: "item-order", ItemCode: "C-O", ItemName: "逾期不清除违法建设", VersionID: "order-v1",
		PenaltyKinds: []string{PenaltyFine}, FineMinFen: yuan(5000), FineMaxFen: yuan(50000)})
	for _, dm := range DemoBenchmarks() {
		s := dm.Statute
		s.ItemID, s.ItemCode, s.VersionID = "demo:"+dm.Key, "D-"+dm.Key, "demo-v1"
		st.add("2024-01-01", s)
	}
	sets := &settings.Service{DB: d, Clock: clk, Regions: region.Directory{}, Audit: log}
	if err := sets.Register(Settings...); err != nil {
		t.Fatal(err)
	}
	return &fixture{d: d, clock: clk, statutes: st, settings: sets, svc: &Service{DB: d, Audit: log, Clock: clk, Statutes: st, Settings: sets},
		legal:   access.NewPrincipal("acc-legal", "legal", "县法制审核员", "", codeCounty, []access.Role{access.Legal}),
		officer: access.NewPrincipal("acc-officer", "officer", "阿城镇执法队员", "", codeTownA, []access.Role{access.Officer}),
		townLaw: access.NewPrincipal("acc-town-legal", "townlegal", "阿城镇法制审核员", "", codeTownA, []access.Role{access.Legal}),
		other:   access.NewPrincipal("acc-other", "other", "莘县法制审核员", "", codeOther, []access.Role{access.Legal}),
	}
}

// setRules sets a region's splitting rules as the console does, through the settings per jurisdiction.
func (f *fixture) setRules(p *access.Principal, code string, r Rules) (settings.View, error) {
	raw, err := json.Marshal(r.Splitting)
	if err != nil {
		return settings.View{}, err
	}
	return f.settings.Set(context.Background(), p, SettingKey, code, settings.Input{Value: raw, Basis: r.Basis})
}

func (f *fixture) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(context.Background(), f.d.R, &n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

// oilInput is a valid draft for item-oil.
func oilInput() Input {
	return Input{ItemID: "item-oil", Title: "超标排放油烟行政处罚裁量基准", Content: clone(oilFumeContent())}
}

// publishDemo creates and publishes the county's demo benchmarks as the system, the way the
// demo loader will.
func (f *fixture) publishDemo(t testing.TB) map[string]Benchmark {
	t.Helper()
	ctx := context.Background()
	out := map[string]Benchmark{}
	for _, dm := range DemoBenchmarks() {
		in := dm.Input
		in.ItemID = "demo:" + dm.Key
		b, err := f.svc.Create(ctx, access.System(), in)
		if err != nil {
			t.Fatalf("%s: %v", dm.Key, err)
		}
		if b, err = f.svc.Publish(ctx, access.System(), b.ID, lifecycle.PublishInput{EffectiveFrom: dm.EffectiveFrom, DocNo: dm.DocNo, Revision: b.Revision}); err != nil {
			t.Fatalf("%s: %v", dm.Key, err)
		}
		out[dm.Key] = b
	}
	return out
}
