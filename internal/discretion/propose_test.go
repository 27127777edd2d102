package discretion

import (
	"strings"
	"testing"
)

type step struct {
	level  Level
	kind   string
	lo, hi int64
}

func stepsOf(p Proposal) []step {
	out := make([]step, len(p.Tiers))
	for i, t := range p.Tiers {
		lo, hi := t.Standard.MinFen, t.Standard.MaxFen
		if t.Standard.multiple() {
			lo, hi = int64(t.Standard.MultipleMinPct), int64(t.Standard.MultipleMaxPct)
		}
		out[i] = step{t.Level, t.Standard.Kind, lo, hi}
	}
	return out
}

func TestProposeSplitsByRule(t *testing.T) {
	county := National()
	county.RangeLowPct, county.RangeHighPct = 20, 80
	cases := []struct {
		name  string
		s     Statute
		rules Rules
		want  []step
	}{
		{"min–max 500–20000 (大气污染防治法 第一百一十八条第三款)",
			Statute{PenaltyKinds: []string{PenaltyFine}, FineMinFen: yuan(500), FineMaxFen: yuan(20000)}, National(),
			[]step{{LevelLighter, StdRange, yuan(500), yuan(6400)}, {LevelGeneral, StdRange, yuan(6400), yuan(14200)}, {LevelHeavier, StdRange, yuan(14200), yuan(20000)}}},
		{"min–max 5000–50000 with a county's 20/80 split",
			Statute{PenaltyKinds: []string{PenaltyFine}, FineMinFen: yuan(5000), FineMaxFen: yuan(50000)}, county,
			[]step{{LevelLighter, StdRange, yuan(5000), yuan(14000)}, {LevelGeneral, StdRange, yuan(14000), yuan(41000)}, {LevelHeavier, StdRange, yuan(41000), yuan(50000)}}},
		{"min–max 500–2000",
			Statute{PenaltyKinds: []string{PenaltyFine}, FineMinFen: yuan(500), FineMaxFen: yuan(2000)}, National(),
			[]step{{LevelLighter, StdRange, yuan(500), yuan(950)}, {LevelGeneral, StdRange, yuan(950), yuan(1550)}, {LevelHeavier, StdRange, yuan(1550), yuan(2000)}}},
		{"maximum only, warning allowed (城市道路管理条例 第四十二条 style)",
			Statute{PenaltyKinds: []string{PenaltyWarning, PenaltyFine}, FineMaxFen: yuan(20000)}, National(),
			[]step{{LevelLighter, StdWarning, 0, 0}, {LevelGeneral, StdRange, yuan(8000), yuan(12000)}, {LevelHeavier, StdRange, yuan(12000), yuan(20000)}}},
		{"maximum only, fine only",
			Statute{PenaltyKinds: []string{PenaltyFine}, FineMaxFen: yuan(200)}, National(),
			[]step{{LevelLighter, StdRange, 0, yuan(40)}, {LevelGeneral, StdRange, yuan(80), yuan(120)}, {LevelHeavier, StdRange, yuan(120), yuan(200)}}},
		{"multiples 10–20 times goods value",
			Statute{PenaltyKinds: []string{PenaltyFine}, MultipleMinPct: 1000, MultipleMaxPct: 2000, MultipleBase: BaseGoodsValue}, National(),
			[]step{{LevelLighter, StdMultiple, 1000, 1300}, {LevelGeneral, StdMultiple, 1300, 1700}, {LevelHeavier, StdMultiple, 1700, 2000}}},
		{"multiples 1–3 times illegal gains",
			Statute{PenaltyKinds: []string{PenaltyFine}, MultipleMinPct: 100, MultipleMaxPct: 300, MultipleBase: BaseIllegalGains}, National(),
			[]step{{LevelLighter, StdMultiple, 100, 160}, {LevelGeneral, StdMultiple, 160, 240}, {LevelHeavier, StdMultiple, 240, 300}}},
		{"percent up to 50% of goods value",
			Statute{PenaltyKinds: []string{PenaltyFine}, MultipleMaxPct: 50, MultipleBase: BaseGoodsValue}, National(),
			[]step{{LevelLighter, StdPercent, 0, 10}, {LevelGeneral, StdPercent, 20, 30}, {LevelHeavier, StdPercent, 30, 50}}},
		{"fixed fine",
			Statute{PenaltyKinds: []string{PenaltyFine}, FineMinFen: yuan(200), FineMaxFen: yuan(200)}, National(),
			[]step{{LevelGeneral, StdFixed, yuan(200), yuan(200)}}},
		{"warning only", Statute{PenaltyKinds: []string{PenaltyWarning}}, National(), []step{{LevelGeneral, StdWarning, 0, 0}}},
	}
	for _, c := range cases {
		p := Propose(c.s, c.rules)
		got := stepsOf(p)
		if len(got) != len(c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: step %d = %+v, want %+v", c.name, i, got[i], c.want[i])
			}
		}
		// A proposal is a valid benchmark for its statute under the same rules.
		content := p.Content
		if err := validate(&content, c.s, c.rules); err != nil {
			t.Errorf("%s: proposal does not validate: %v", c.name, err)
		}
		if len(p.NoPenalty) != 1 || p.NoPenalty[0].Kind != NoPenaltyFirst {
			t.Errorf("%s: no 首违不罚 entry proposed: %+v", c.name, p.NoPenalty)
		}
	}
}

func TestProposeAmountAndMultiple(t *testing.T) {
	// 食品安全法 第一百二十二条第一款: 5万–10万, or 10–20 times goods value.
	s := Statute{PenaltyKinds: []string{PenaltyFine, "没收违法所得"}, FineMinFen: yuan(50000), FineMaxFen: yuan(100000),
		MultipleMinPct: 1000, MultipleMaxPct: 2000, MultipleBase: BaseGoodsValue}
	p := Propose(s, National())
	if len(p.Provisions) != 2 || len(p.Tiers) != 6 || p.Tiers[0].Provision != "amount" || p.Tiers[5].Provision != "multiple" ||
		len(p.Notes) != 2 || !strings.Contains(p.Notes[1], "没收违法所得") {
		t.Fatalf("proposal %+v", p)
	}
	// Until the author states when each provision applies, the second can never apply.
	c := p.Content
	wantProblem(t, "provisions without conditions", validate(&c, s, National()), "DISCRETION_PROVISION_UNREACHABLE", "provisions[1]")
	ten := yuan(10000)
	c = clone(p.Content)
	c.Provisions[0].When = conds(Condition{Kind: CondGoodsValue, MaxFen: &ten})
	c.Provisions[1].When = conds(Condition{Kind: CondGoodsValue, MinFen: &ten})
	if err := validate(&c, s, National()); err != nil {
		t.Fatalf("with conditions: %v", err)
	}
}
