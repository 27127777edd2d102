package catalog

import (
	"strings"
	"testing"

	"zhifa/internal/law"
	"zhifa/internal/platform/lifecycle"
)

func fen(yuan int64) *int64 { f := yuan * 100; return &f }
func pct(p int) *int        { return &p }

// The 2014 and 2021 安全生产法 for 未按照规定对从业人员进行安全生产教育和培训: 第九十四条 (up to
// 十万元 after an order to correct) became 第九十七条 (up to 二十万元).
var (
	safety2014 = &Version{ID: "v1", Record: lifecycle.Record{Version: 1, EffectiveFrom: "2021-01-01"}, PenaltyKinds: []string{"罚款", "责令停产停业"},
		Fine: Fine{MaxFen: fen(100000)}}
	safety2021 = &Version{ID: "v2", Record: lifecycle.Record{Version: 2, EffectiveFrom: "2021-09-01"}, PenaltyKinds: []string{"罚款", "责令停产停业"},
		Fine: Fine{MaxFen: fen(200000)}}
)

func TestArt37(t *testing.T) {
	cases := []struct {
		name         string
		act, dec     *Version
		applied      string
		version      string
		reasonSubstr string
	}{
		{"same version", safety2021, safety2021, AppliedAct, "v2", "同一版本"},
		{"newer is heavier: the old rule", safety2014, safety2021, AppliedAct, "v1", "较重"},
		{"newer is lighter by fine: the new rule", safety2021, safety2014, AppliedDecision, "v1", "较轻"},
		{"same fine, lighter kinds", &Version{ID: "a", Fine: Fine{MaxFen: fen(5000)}, PenaltyKinds: []string{"罚款", "吊销许可证件"}},
			&Version{ID: "b", Fine: Fine{MaxFen: fen(5000)}, PenaltyKinds: []string{"警告", "罚款"}}, AppliedDecision, "b", "最重的处罚种类"},
		{"same fine, fewer kinds", &Version{ID: "a", Fine: Fine{MaxFen: fen(5000)}, PenaltyKinds: []string{"警告", "罚款"}},
			&Version{ID: "b", Fine: Fine{MaxFen: fen(5000)}, PenaltyKinds: []string{"罚款"}}, AppliedDecision, "b", "处罚种类"},
		{"equal: the old rule", &Version{ID: "a", Fine: Fine{MaxFen: fen(5000)}, PenaltyKinds: []string{"罚款"}},
			&Version{ID: "b", Fine: Fine{MaxFen: fen(5000)}, PenaltyKinds: []string{"罚款"}}, AppliedAct, "a", "相同"},
		{"multiples of the same base", &Version{ID: "a", Fine: Fine{MultipleMax: pct(2000), MultipleBase: "货值金额"}},
			&Version{ID: "b", Fine: Fine{MultipleMax: pct(1000), MultipleBase: "货值金额"}}, AppliedDecision, "b", "货值金额10倍"},
		{"no fine any more", &Version{ID: "a", Fine: Fine{MaxFen: fen(2000)}, PenaltyKinds: []string{"警告", "罚款"}},
			&Version{ID: "b", PenaltyKinds: []string{"警告"}}, AppliedDecision, "b", "不设罚款"},
		{"per square metre, lower", &Version{ID: "a", Fine: Fine{Unit: "平方米", PerUnitMinFen: fen(1000), PerUnitMaxFen: fen(1000)}},
			&Version{ID: "b", Fine: Fine{Unit: "平方米", PerUnitMinFen: fen(500), PerUnitMaxFen: fen(500)}}, AppliedDecision, "b", "每平方米500元"},
		{"per facility, same rate, cap lowered", &Version{ID: "a", Fine: Fine{Unit: "处", PerUnitMaxFen: fen(20000), MaxFen: fen(100000)}},
			&Version{ID: "b", Fine: Fine{Unit: "处", PerUnitMaxFen: fen(20000), MaxFen: fen(50000)}}, AppliedDecision, "b", "5万元"},
		{"not in force at the act", nil, safety2021, AppliedNone, "", "尚未施行"},
		{"repealed by the decision", safety2014, nil, AppliedRepealed, "", "已废止"},
	}
	for _, c := range cases {
		got := ChooseArt37(c.act, c.dec)
		id := ""
		if got.Version != nil {
			id = got.Version.ID
		}
		if got.Applied != c.applied || id != c.version || !strings.Contains(got.Reason, c.reasonSubstr) || !strings.Contains(got.Rule, "第三十七条") {
			t.Errorf("%s: %+v (version %q)", c.name, got, id)
		}
	}
}

func TestDiffVersions(t *testing.T) {
	a := &Version{Name: "甲", TypeName: "行政处罚", Domain: "城市管理", PenaltyKinds: []string{"罚款"}, Fine: Fine{MaxFen: fen(100000)},
		PenaltyBasis: []law.Citation{{Law: "中华人民共和国安全生产法", Article: 94, Item: 3}}}
	b := *a
	b.Fine = Fine{MaxFen: fen(200000)}
	b.PenaltyBasis = []law.Citation{{Law: "中华人民共和国安全生产法", Article: 97, Item: 3}}
	ch := DiffVersions(a, &b)
	if len(ch) != 2 || ch[0].Field != "penaltyBasis" || ch[1].Field != "fine" || ch[1].Before != "10万元以下" || ch[1].After != "20万元以下" {
		t.Fatalf("%+v", ch)
	}
	if !strings.Contains(ch[0].After.(string), "第九十七条第（三）项") {
		t.Fatalf("%+v", ch[0])
	}
	if len(DiffVersions(a, a)) != 0 {
		t.Fatal("a version differs from itself")
	}
	if ch := DiffVersions(nil, a); len(ch) == 0 || ch[0].Before != nil || ch[0].After != "甲" {
		t.Fatalf("from nothing: %+v", ch)
	}
}
