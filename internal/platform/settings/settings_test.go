package settings

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/query"
)

// Codes of the regions the tests know.
const (
	province   = "370000000000" // 山东省
	city       = "371500000000" // 聊城市
	county     = "371521000000" // 阳谷县
	township   = "371521100000" // 阿城镇
	township2  = "371521101000" // 七级镇
	county2    = "371522000000" // 莘县
	province2  = "440000000000" // 广东省
	dongguan   = "441900000000" // 东莞市, a city without counties
	dgTownship = "441900003000" // 东莞市东城街道
)

type names map[string]string

func (n names) Names(_ context.Context, _ db.Conn, codes []string) (map[string]string, error) {
	out := map[string]string{}
	for _, c := range codes {
		if name, ok := n[c]; ok {
			out[c] = name
		}
	}
	return out, nil
}

var regions = names{province: "山东省", city: "聊城市", county: "阳谷县", township: "阿城镇", township2: "七级镇", county2: "莘县",
	province2: "广东省", dongguan: "东莞市", dgTownship: "东城街道"}

// recorder keeps what would go to the audit log; fail makes the next record fail.
type recorder struct {
	records []Record
	fail    bool
}

func (r *recorder) RecordSetting(_ context.Context, _ *db.Tx, _ *access.Principal, rec Record) error {
	if r.fail {
		return errors.New("audit log unavailable")
	}
	r.records = append(r.records, rec)
	return nil
}

// limits is a kind with every type of field, as the coming settings will have: hearing thresholds
// in yuan, time limits in days, a ratio, a header text and a switch.
type limits struct {
	Days    int       `json:"days" required:"true"`
	Ratio   int       `json:"ratio" required:"true"`
	Fine    civil.Fen `json:"fine" required:"true"`
	Header  string    `json:"header" required:"true" text:"20"`
	Hearing bool      `json:"hearing" required:"true"`
	Mode    string    `json:"mode" required:"true"`
}

func (l *limits) check() error {
	l.Header = strings.TrimSpace(l.Header)
	if l.Days%5 != 0 {
		return apperr.InvalidField("days", "TEST_DAYS_INVALID", "期限应为5的倍数")
	}
	return nil
}

var limitsKind = Define(Kind{Key: "test.limits", Name: "测试期限", Read: access.CatalogRead, Write: access.CatalogWrite,
	Fields: []Field{
		{Name: "days", Label: "办理期限", Type: Integer, Unit: "天", Min: 5, Max: 90},
		{Name: "ratio", Label: "抽查比例", Type: Percent, Min: 0, Max: 100},
		{Name: "fine", Label: "听证金额", Type: Yuan, Min: 0, Max: 100_000_000},
		{Name: "header", Label: "文书抬头", Type: Text, Max: 20},
		{Name: "hearing", Label: "告知听证", Type: Boolean},
		{Name: "mode", Label: "检查方式", Type: Choice, Options: []Option{{Value: "off", Label: "不检查"}, {Value: "warning", Label: "提醒"}}},
	},
	NationalBasis: "全国默认：测试",
}, limits{Days: 30, Ratio: 5, Fine: 1_000_000, Header: "行政处罚决定书", Hearing: true, Mode: "warning"}, (*limits).check)

func TestChainAndNearest(t *testing.T) {
	if got := Chain(township); !slices.Equal(got, []string{province, city, county, township}) {
		t.Errorf("township chain %v", got)
	}
	if got := Chain(dgTownship); !slices.Equal(got, []string{"440000000000", dongguan, dgTownship}) {
		t.Errorf("a township of a city without counties: %v", got)
	}
	if got := Chain(""); got != nil {
		t.Errorf("the country's chain %v", got)
	}
	cases := []struct {
		code string
		held []string
		want string // "" for the national default
	}{
		{township, []string{province, county, township}, township}, // its own
		{township, []string{province, county}, county},             // the county's
		{township, []string{province, city}, city},
		{township, []string{province}, province},
		{township, nil, ""},                             // the national default
		{county2, []string{province, county}, province}, // another county: not its neighbour's
		{province2, []string{province, county}, ""},
		{"", []string{province}, ""},
	}
	for _, c := range cases {
		got, ok := Nearest(Chain(c.code), func(code string) bool { return slices.Contains(c.held, code) })
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Nearest(%s, %v) = %q %v, want %q", c.code, c.held, got, ok, c.want)
		}
	}
}

func TestKindDefinitions(t *testing.T) {
	good := limitsKind
	if err := good.check(); err != nil {
		t.Fatal(err)
	}
	national := limits{Days: 30, Ratio: 5, Header: "抬头", Mode: "off"}
	cases := []struct {
		name string
		kind Kind
		want string
	}{
		{"bad key", Define(Kind{Key: "Limits", Name: "x", Read: "r", Write: "w", Fields: good.Fields}, national, nil), "key"},
		{"no name", Define(Kind{Key: "test.x", Read: "r", Write: "w", Fields: good.Fields}, national, nil), "name"},
		{"no permission", Define(Kind{Key: "test.x", Name: "x", Read: "r", Fields: good.Fields}, national, nil), "permission"},
		{"not defined", Kind{Key: "test.x", Name: "x", Read: "r", Write: "w"}, "Define"},
		{"undescribed field", Define(Kind{Key: "test.x", Name: "x", Read: "r", Write: "w", Fields: good.Fields[:4]}, national, nil), "hearing"},
		{"unknown field", Define(Kind{Key: "test.x", Name: "x", Read: "r", Write: "w",
			Fields: append(slices.Clone(good.Fields), Field{Name: "nope", Label: "无", Type: Integer})}, national, nil), "nope"},
		{"text without length", Define(Kind{Key: "test.x", Name: "x", Read: "r", Write: "w",
			Fields: append(slices.Clone(good.Fields[:3]), Field{Name: "header", Label: "抬头", Type: Text}, good.Fields[4])}, national, nil), "length"},
		{"national out of bounds", Define(Kind{Key: "test.x", Name: "x", Read: "r", Write: "w", Fields: good.Fields},
			limits{Days: 200, Header: "抬头", Mode: "off"}, nil), "national default"},
		{"choice without options", Define(Kind{Key: "test.x", Name: "x", Read: "r", Write: "w",
			Fields: append(slices.Clone(good.Fields[:5]), Field{Name: "mode", Label: "方式", Type: Choice})}, national, nil), "options"},
		{"options on a text field", Define(Kind{Key: "test.x", Name: "x", Read: "r", Write: "w",
			Fields: append(slices.Clone(good.Fields[:3]), Field{Name: "header", Label: "抬头", Type: Text, Max: 20, Options: good.Fields[5].Options}, good.Fields[4], good.Fields[5])}, national, nil), "options"},
		{"an option twice", Define(Kind{Key: "test.x", Name: "x", Read: "r", Write: "w",
			Fields: append(slices.Clone(good.Fields[:5]), Field{Name: "mode", Label: "方式", Type: Choice, Options: []Option{{"off", "不检查"}, {"off", "关闭"}}})}, national, nil), "option 1"},
		{"national not an option", Define(Kind{Key: "test.x", Name: "x", Read: "r", Write: "w", Fields: good.Fields},
			limits{Days: 30, Header: "抬头", Mode: "error"}, nil), "national default"},
		{"national refused by its check", Define(Kind{Key: "test.x", Name: "x", Read: "r", Write: "w", Fields: good.Fields},
			limits{Days: 31, Header: "抬头", Mode: "off"}, (*limits).check), "national default"},
	}
	for _, c := range cases {
		if err := c.kind.check(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error naming %q", c.name, err, c.want)
		}
	}
	s := &Service{}
	if err := s.Register(limitsKind); err != nil {
		t.Fatal(err)
	}
	if err := s.Register(limitsKind); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("registered twice: %v", err)
	}
}

type fixture struct {
	d       *db.DB
	s       *Service
	rec     *recorder
	clock   *clock.Fixed
	admin   *access.Principal // the province's: reads and writes
	county  *access.Principal // the county's legal officer
	town    *access.Principal // a township's legal officer
	reader  *access.Principal // a township officer: reads only
	nothing *access.Principal // a security administrator: neither
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	rec := &recorder{}
	clk := &clock.Fixed{T: time.Date(2026, 5, 10, 2, 0, 0, 0, time.UTC)}
	s := &Service{DB: d, Clock: clk, Regions: regions, Audit: rec}
	if err := s.Register(limitsKind); err != nil {
		t.Fatal(err)
	}
	return &fixture{d: d, s: s, rec: rec, clock: clk,
		admin:   access.NewPrincipal("acc-p", "p", "省法制审核员", "", province, []access.Role{access.Legal}),
		county:  access.NewPrincipal("acc-c", "c", "县法制审核员", "", county, []access.Role{access.Legal}),
		town:    access.NewPrincipal("acc-t", "t", "阿城镇法制审核员", "", township, []access.Role{access.Legal}),
		reader:  access.NewPrincipal("acc-r", "r", "阿城镇执法队员", "", township, []access.Role{access.Officer}),
		nothing: access.NewPrincipal("acc-n", "n", "安全管理员", "", county, []access.Role{access.SecAdmin}),
	}
}

func (f *fixture) set(t *testing.T, p *access.Principal, code string, v limits, basis string) (View, error) {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	f.clock.T = f.clock.T.Add(time.Minute)
	return f.s.Set(context.Background(), p, limitsKind.Key, code, Input{Value: raw, Basis: basis})
}

func (f *fixture) get(t *testing.T, code string) Value[limits] {
	t.Helper()
	v, err := Get[limits](context.Background(), f.d.R, f.s, limitsKind.Key, code)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (f *fixture) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := db.Get(context.Background(), f.d.R, &n, `SELECT COUNT(*) FROM `+table); err != nil {
		t.Fatal(err)
	}
	return n
}

func wantCode(t *testing.T, what string, err error, code, field string) {
	t.Helper()
	e := apperr.As(err)
	if err == nil || e.Code != code || e.Field != field {
		t.Errorf("%s: %v (field %q), want %s on %q", what, err, e.Field, code, field)
	}
}

func TestNearestAncestorApplies(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// Nobody has set anything: the national default, with its basis.
		v := f.get(t, township)
		if v.Value.Days != 30 || !v.Source.National() || v.Source.RegionName != NationalName || v.Basis != "全国默认：测试" || v.UpdatedAt != "" {
			t.Fatalf("national: %+v", v)
		}
		if _, err := f.set(t, f.admin, province, limits{Days: 60, Ratio: 10, Fine: 500_000, Header: "山东省", Hearing: true, Mode: "warning"}, "鲁政发〔2026〕1号"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.set(t, f.county, "371521", limits{Days: 45, Ratio: 20, Fine: 300_000, Header: "阳谷县", Hearing: false, Mode: "warning"}, "阳政办发〔2024〕3号"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.set(t, f.town, township, limits{Days: 15, Ratio: 30, Fine: 100_000, Header: "阿城镇", Hearing: true, Mode: "warning"}, "阿政发〔2026〕2号"); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			code, source, name, basis string
			days                      int
		}{
			{township, township, "阿城镇", "阿政发〔2026〕2号", 15},       // its own
			{township2, county, "阳谷县", "阳政办发〔2024〕3号", 45},       // its county's
			{county, county, "阳谷县", "阳政办发〔2024〕3号", 45},          // the county itself
			{county2, province, "山东省", "鲁政发〔2026〕1号", 60},        // another county: the province's
			{"371522100000", province, "山东省", "鲁政发〔2026〕1号", 60}, // its township
			{province2, "", NationalName, "全国默认：测试", 30},         // another province
			{"", "", NationalName, "全国默认：测试", 30},                // the whole country
		}
		for _, c := range cases {
			v := f.get(t, c.code)
			if v.Source.RegionCode != c.source || v.Source.RegionName != c.name || v.Basis != c.basis || v.Value.Days != c.days {
				t.Errorf("%q: %+v, want %d from %s (%s)", c.code, v, c.days, c.name, c.basis)
			}
		}
		if v := f.get(t, township2); v.Value.Header != "阳谷县" || v.Value.Hearing || v.Value.Fine != 300_000 ||
			v.UpdatedByName != "县法制审核员" || v.UpdatedAt != "2026-05-10T02:02:00.000Z" {
			t.Errorf("typed value and who set it: %+v", v)
		}

		// The console's view of township 2: the value in force, its own (none), and each level.
		view, err := f.s.View(context.Background(), f.town, limitsKind.Key, ViewQuery{RegionCode: township2})
		if err == nil {
			t.Errorf("a township read a neighbour's settings: %+v", view)
		}
		view, err = f.s.View(context.Background(), f.county, limitsKind.Key, ViewQuery{RegionCode: township2})
		if err != nil {
			t.Fatal(err)
		}
		var levels []string
		for _, l := range view.Chain {
			levels = append(levels, l.RegionName+map[bool]string{true: "*", false: ""}[l.Own != nil])
		}
		if strings.Join(levels, " ") != "全国默认* 山东省* 聊城市 阳谷县* 七级镇" || view.Own != nil || view.Effective.RegionCode != county ||
			view.RegionName != "七级镇" || !view.Writable || view.Kind.Key != limitsKind.Key || len(view.Kind.Fields) != 6 {
			t.Errorf("view: %v, %+v", levels, view)
		}
		// The township reads its county's value (which it inherits) but may not change it.
		view, err = f.s.View(context.Background(), f.reader, limitsKind.Key, ViewQuery{RegionCode: county})
		if err != nil || view.Writable || view.Own == nil || view.Own.Basis != "阳政办发〔2024〕3号" {
			t.Errorf("township reads the county: %+v, %v", view, err)
		}
		// Without a region: the root of the caller's jurisdiction; the system's is the whole country.
		view, err = f.s.View(context.Background(), f.town, limitsKind.Key, ViewQuery{})
		if err != nil || view.RegionCode != township || view.Own == nil || !view.Writable {
			t.Errorf("own root: %+v, %v", view, err)
		}
		view, err = f.s.View(context.Background(), access.System(), limitsKind.Key, ViewQuery{})
		if err != nil || view.RegionCode != "" || view.RegionName != NationalName || len(view.Chain) != 1 || view.Effective.RegionCode != "" || view.Writable {
			t.Errorf("system: %+v, %v", view, err)
		}
		// A value stored before a field existed reads that field as the national default.
		if _, err := db.Exec(context.Background(), d.W, `UPDATE settings SET value = ? WHERE region_code = ?`, `{"days":20,"ratio":1,"fine":0,"hearing":false}`, township); err != nil {
			t.Fatal(err)
		}
		if v := f.get(t, township); v.Value.Days != 20 || v.Value.Header != "行政处罚决定书" {
			t.Errorf("older value: %+v", v.Value)
		}
		if _, err := Get[struct{ Days int }](context.Background(), d.R, f.s, limitsKind.Key, township); err == nil {
			t.Error("a value read as another type")
		}
		if _, err := Get[limits](context.Background(), d.R, f.s, "test.unknown", township); err == nil {
			t.Error("an unregistered kind read")
		}
	})
}

func TestHistoryAndRevert(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		first := limits{Days: 45, Ratio: 20, Fine: 300_000, Header: "阳谷县", Hearing: true, Mode: "warning"}
		if _, err := f.set(t, f.county, county, first, "阳政办发〔2024〕3号"); err != nil {
			t.Fatal(err)
		}
		second := first
		second.Days = 60
		if _, err := f.set(t, f.county, county, second, " 阳政办发〔2025〕9号 "); err != nil {
			t.Fatal(err)
		}
		// Withdrawing needs a reason and something to withdraw.
		_, err := f.s.Clear(ctx, f.county, limitsKind.Key, county, ClearInput{Reason: "  "})
		wantCode(t, "no reason", err, "SETTING_REASON_REQUIRED", "reason")
		_, err = f.s.Clear(ctx, f.county, limitsKind.Key, township, ClearInput{Reason: "不再单独规定"})
		wantCode(t, "nothing to withdraw", err, "SETTING_NOT_SET", "")
		f.clock.T = f.clock.T.Add(time.Minute)
		view, err := f.s.Clear(ctx, f.county, limitsKind.Key, county, ClearInput{Reason: "改按省定标准执行"})
		if err != nil || view.Own != nil || view.Effective.RegionCode != "" {
			t.Fatalf("cleared: %+v, %v", view, err)
		}
		if v := f.get(t, township); !v.Source.National() || v.Value.Days != 30 {
			t.Errorf("after the revert the township inherits the national default: %+v", v)
		}
		changes, total, err := f.s.History(ctx, f.county, limitsKind.Key, HistoryQuery{RegionCode: county}, query.First(10))
		if err != nil || total != 3 || len(changes) != 3 {
			t.Fatalf("history: %d %+v, %v", total, changes, err)
		}
		clear, set2, set1 := changes[0], changes[1], changes[2]
		if set1.Action != ActionSet || set1.Before != nil || !strings.Contains(string(set1.After), `"days":45`) || set1.Basis != "阳政办发〔2024〕3号" ||
			set1.ChangedByName != "县法制审核员" || set1.ChangedBy != "acc-c" || set1.ChangedAt != "2026-05-10T02:01:00.000Z" {
			t.Errorf("first set: %+v", set1)
		}
		if set2.Action != ActionSet || !strings.Contains(string(set2.Before), `"days":45`) || !strings.Contains(string(set2.After), `"days":60`) ||
			set2.BasisBefore != "阳政办发〔2024〕3号" || set2.Basis != "阳政办发〔2025〕9号" {
			t.Errorf("second set: %+v", set2)
		}
		if clear.Action != ActionClear || !strings.Contains(string(clear.Before), `"days":60`) || clear.After != nil ||
			clear.Reason != "改按省定标准执行" || clear.BasisBefore != "阳政办发〔2025〕9号" || clear.ChangedAt != "2026-05-10T02:03:00.000Z" {
			t.Errorf("clear: %+v", clear)
		}
		page, total, err := f.s.History(ctx, f.county, limitsKind.Key, HistoryQuery{RegionCode: county}, query.Page{Page: 2, PageSize: 2})
		if err != nil || total != 3 || len(page) != 1 || page[0].ID != set1.ID {
			t.Errorf("second page: %d %+v, %v", total, page, err)
		}
		// Each change went to the audit log with a sentence for its reader.
		if len(f.rec.records) != 3 || f.rec.records[0].Summary != "设置测试期限：办理期限 45天，抽查比例 20%，听证金额 3000元，文书抬头 阳谷县，告知听证 是，检查方式 提醒；依据：阳政办发〔2024〕3号" ||
			f.rec.records[2].Action != ActionClear || f.rec.records[2].RegionName != "阳谷县" || f.rec.records[2].KindName != "测试期限" {
			t.Errorf("audit records: %+v", f.rec.records)
		}
		// The history of the regions above is theirs: a township reads its own only.
		_, _, err = f.s.History(ctx, f.town, limitsKind.Key, HistoryQuery{RegionCode: county}, query.First(10))
		wantCode(t, "township reads the county's history", err, "NOT_FOUND", "")
		if _, total, err := f.s.History(ctx, f.town, limitsKind.Key, HistoryQuery{}, query.First(10)); err != nil || total != 0 {
			t.Errorf("own history: %d, %v", total, err)
		}
		// A refused audit entry leaves nothing behind.
		f.rec.fail = true
		if _, err := f.set(t, f.county, county, first, "阳政办发〔2026〕1号"); err == nil {
			t.Fatal("set without an audit entry")
		}
		if n := f.count(t, "settings"); n != 0 {
			t.Errorf("%d settings rows after a failed audit", n)
		}
		if n := f.count(t, "setting_changes"); n != 3 {
			t.Errorf("%d history rows after a failed audit", n)
		}
	})
}

func TestValidationNamesTheField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		ok := limits{Days: 45, Ratio: 20, Fine: 300_000, Header: "阳谷县", Hearing: true, Mode: "warning"}
		with := func(change func(l *limits)) limits { l := ok; change(&l); return l }
		setRaw := func(raw string, basis string) error {
			_, err := f.s.Set(ctx, f.county, limitsKind.Key, county, Input{Value: json.RawMessage(raw), Basis: basis})
			return err
		}
		_, err := f.set(t, f.county, county, with(func(l *limits) { l.Days = 31 }), "依据")
		wantCode(t, "the kind's own check", err, "TEST_DAYS_INVALID", "value.days")
		_, err = f.set(t, f.county, county, with(func(l *limits) { l.Days = 95 }), "依据")
		wantCode(t, "above the described maximum", err, "SETTING_VALUE_OUT_OF_RANGE", "value.days")
		if !strings.Contains(apperr.As(err).Message, "办理期限应在5天到90天之间") {
			t.Errorf("message %q", apperr.As(err).Message)
		}
		_, err = f.set(t, f.county, county, with(func(l *limits) { l.Ratio = 101 }), "依据")
		wantCode(t, "percent above 100", err, "SETTING_VALUE_OUT_OF_RANGE", "value.ratio")
		_, err = f.set(t, f.county, county, with(func(l *limits) { l.Fine = -1 }), "依据")
		wantCode(t, "negative money", err, "SETTING_VALUE_OUT_OF_RANGE", "value.fine")
		_, err = f.set(t, f.county, county, with(func(l *limits) { l.Header = strings.Repeat("长", 21) }), "依据")
		wantCode(t, "text too long", err, "TEXT_TOO_LONG", "value.header")
		_, err = f.set(t, f.county, county, with(func(l *limits) { l.Mode = "提醒" }), "依据")
		wantCode(t, "not one of the options", err, "SETTING_VALUE_NOT_AN_OPTION", "value.mode")
		if !strings.Contains(apperr.As(err).Message, "off（不检查）、warning（提醒）") {
			t.Errorf("message %q", apperr.As(err).Message)
		}
		_, err = f.set(t, f.county, county, ok, " ")
		wantCode(t, "no basis", err, "SETTING_BASIS_REQUIRED", "basis")
		wantCode(t, "a field left out", setRaw(`{"days":45,"ratio":20,"fine":0,"header":"x","mode":"off"}`, "依据"), "BODY_FIELD_REQUIRED", "value.hearing")
		wantCode(t, "an unknown field", setRaw(`{"days":45,"ratio":20,"fine":0,"header":"x","hearing":true,"mode":"off","extra":1}`, "依据"), "BODY_UNKNOWN_FIELD", "value.extra")
		wantCode(t, "a wrong type", setRaw(`{"days":"45","ratio":20,"fine":0,"header":"x","hearing":true,"mode":"off"}`, "依据"), "BODY_FIELD_TYPE", "value.days")
		wantCode(t, "not an object", setRaw(`[1]`, "依据"), "BODY_MALFORMED", "value")
		wantCode(t, "null", setRaw(`null`, "依据"), "BODY_REQUIRED", "value")
		if n := f.count(t, "settings") + f.count(t, "setting_changes"); n != 0 || len(f.rec.records) != 0 {
			t.Errorf("refused input wrote %d rows and %d audit records", n, len(f.rec.records))
		}
		// The text is kept as the kind's check normalised it.
		if _, err := f.set(t, f.county, county, with(func(l *limits) { l.Header = "  阳谷县  " }), "依据"); err != nil {
			t.Fatal(err)
		}
		if v := f.get(t, county); v.Value.Header != "阳谷县" {
			t.Errorf("header %q", v.Value.Header)
		}
	})
}

func TestWriteScopeAndPermissions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		v := limits{Days: 45, Ratio: 20, Fine: 300_000, Header: "阳谷县", Hearing: true, Mode: "warning"}
		_, err := f.set(t, f.town, county, v, "越权")
		wantCode(t, "a township sets its county's value", err, "OUT_OF_WRITE_SCOPE", "")
		_, err = f.set(t, f.town, township2, v, "越权")
		wantCode(t, "a township sets its neighbour's value", err, "NOT_FOUND", "")
		_, err = f.set(t, f.county, county2, v, "越权")
		wantCode(t, "a county sets another county's value", err, "NOT_FOUND", "")
		_, err = f.set(t, f.county, "371521199000", v, "不存在")
		wantCode(t, "a region that does not exist", err, "NOT_FOUND", "")
		_, err = f.set(t, f.county, "37152", v, "依据")
		wantCode(t, "a malformed code", err, "REGION_CODE_INVALID", "regionCode")
		_, err = f.set(t, f.reader, township, v, "依据")
		wantCode(t, "read permission only", err, "FORBIDDEN", "")
		_, err = f.s.View(ctx, f.nothing, limitsKind.Key, ViewQuery{})
		wantCode(t, "no read permission", err, "FORBIDDEN", "")
		_, err = f.s.View(ctx, f.county, "test.unknown", ViewQuery{})
		wantCode(t, "an unknown kind", err, "NOT_FOUND", "")
		_, err = f.s.Set(ctx, access.System(), limitsKind.Key, " ", Input{Value: json.RawMessage(`{}`), Basis: "x"})
		wantCode(t, "the national default", err, "SETTING_REGION_REQUIRED", "regionCode")
		if _, err := f.set(t, f.county, county, v, "依据"); err != nil {
			t.Fatal(err)
		}
		_, err = f.s.Clear(ctx, f.town, limitsKind.Key, county, ClearInput{Reason: "越权"})
		wantCode(t, "a township withdraws its county's value", err, "OUT_OF_WRITE_SCOPE", "")
		_, err = f.s.Clear(ctx, f.admin, limitsKind.Key, county2, ClearInput{Reason: "无"})
		wantCode(t, "nothing set in the other county", err, "SETTING_NOT_SET", "")
		if kinds, _ := f.s.Kinds(ctx, f.reader); len(kinds) != 1 || kinds[0].Key != limitsKind.Key || len(kinds[0].Fields) != 6 ||
			!strings.Contains(string(kinds[0].National), `"days":30`) {
			t.Errorf("kinds for a reader: %+v", kinds)
		}
		if kinds, _ := f.s.Kinds(ctx, f.nothing); len(kinds) != 0 {
			t.Errorf("kinds for someone who may read none: %+v", kinds)
		}
	})
}
