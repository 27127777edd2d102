// Package reform checks the staffing ratios of the comprehensive administrative enforcement
// reform (综合行政执法改革, DOMAIN.md §1): the front-line share of a county bureau, the minimum
// force of each township, and the share of a district's force sunk to townships. Thresholds are
// a setting per jurisdiction (reform.thresholds, internal/platform/settings); the nearest
// ancestor's value applies, else the national defaults (rules.go).
//
// The package reads the people and organizations tables with plain SQL counts: it is a
// read-only report over both, writes neither, and needs whole-subtree aggregates that no other
// package's API offers.
package reform

import (
	"fmt"
	"math"

	"zhifa/internal/org"
)

// Check keys.
const (
	KeyFrontlineShare  = "frontline_share"  // 一线执法人员占比
	KeyTownshipMinimum = "township_minimum" // 乡镇执法人员数
	KeySunkShare       = "sunk_share"       // 执法力量下沉比例
)

// Units of a check's value.
const (
	UnitRatio = "ratio" // value and threshold are fractions of 1
	UnitCount = "count" // value and threshold are numbers of people
)

// Check is the outcome of one reform ratio for one organisation. A ratio names what its
// numerator and denominator count (NumeratorLabel, DenominatorLabel) as the rule states them; a
// count names what it counts in NumeratorLabel.
type Check struct {
	Key              string  `json:"key"`
	Title            string  `json:"title"`
	Value            float64 `json:"value"`
	Numerator        *int    `json:"numerator,omitempty"`
	Denominator      *int    `json:"denominator,omitempty"`
	NumeratorLabel   string  `json:"numeratorLabel,omitempty"`
	DenominatorLabel string  `json:"denominatorLabel,omitempty"`
	Threshold        float64 `json:"threshold"`
	Unit             string  `json:"unit" jsonschema:"enum=ratio,enum=count"`
	Pass             bool    `json:"pass"`
	Rule             string  `json:"rule"`
	Applies          bool    `json:"applies"`
	Note             string  `json:"note,omitempty"`
}

// Report is every reform check of one organisation.
type Report struct {
	OrgID      string   `json:"orgId"`
	OrgName    string   `json:"orgName"`
	Kind       org.Kind `json:"kind"`
	KindName   string   `json:"kindName"`
	RegionCode string   `json:"regionCode"`
	RegionName string   `json:"regionName"`
	Checks     []Check  `json:"checks"`
	Failing    int      `json:"failing"` // applicable checks not met
}

// Failing counts the applicable checks that are not met.
func Failing(checks []Check) int {
	n := 0
	for _, c := range checks {
		if c.Applies && !c.Pass {
			n++
		}
	}
	return n
}

func frontlineRule(r Thresholds) string {
	return fmt.Sprintf("县级综合行政执法机构一线执法人员不低于编制总数的%d%%（绍兴经验，可按辖区配置）", r.FrontlineMinPct)
}

func townshipRule(r Thresholds) string {
	return fmt.Sprintf("重点乡镇（街道）执法人员不少于%d人、一般乡镇（街道）不少于%d人（绍兴经验，可按辖区配置）",
		r.KeyTownshipMin, r.OrdinaryTownshipMin)
}

func sunkRule(r Thresholds) string {
	return fmt.Sprintf("区级执法力量下沉乡镇比例不低于%d%%（武进经验，可按辖区配置）", r.SunkMinPct)
}

// What each figure counts, as the console and the API state it beside the figure.
const (
	FrontlineNumeratorLabel   = "一线执法人员中占编制的人数（行政编、参公事业编、事业编；不含编外人员），本机构及所属大队、中队合计（局队合一）"
	FrontlineDenominatorLabel = "核定编制总数（行政编＋参公事业编＋事业编），本机构及所属大队、中队合计"
	TownshipCountLabel        = "在本乡镇（街道）执法办公室工作、持有效行政执法证的人员（含县级下沉人员；无证人员不计，编外协管人员不是执法人员）"
	SunkNumeratorLabel        = "下沉乡镇的编制内人员：编制在执法局及所属大队、中队，由乡镇（街道）一级机构使用（区属镇管镇用）"
	SunkDenominatorLabel      = "执法局及所属大队、中队的编制内实有人员（行政编、参公事业编、事业编；不含编外人员）"
)

// ratio fills a ratio check. Pass compares in integers (numerator·100 ≥ pct·denominator) so that
// exactly 85 % passes an 85 % rule; with nothing to divide by there is no share and the check fails.
func ratio(c Check, num, den, pct int, empty string) Check {
	c.Unit, c.Applies = UnitRatio, true
	c.Numerator, c.Denominator = &num, &den
	c.Threshold = float64(pct) / 100
	if den > 0 {
		c.Value = math.Round(float64(num)/float64(den)*10000) / 10000
		c.Pass = num*100 >= pct*den
	} else {
		c.Note = empty
	}
	return c
}

// FrontlineShare checks that front-line staff make up at least FrontlineMinPct of the approved
// posts (Shaoxing: 一线执法人员不低于编制总数的85%). Both sides count the bureau together with its
// brigades and squadrons, which are one body (局队合一). The numerator is the front-line staff
// holding posts (行政编、参公事业编、事业编): assistants outside the quota (编外) hold no post and
// are not enforcers, so they count neither above nor below the line. The denominator is the
// approved quota (核定编制), not the people in post, as the rule's 编制总数 says: vacant posts
// count against the share.
func FrontlineShare(frontlinePosted, quota int, r Thresholds) Check {
	return ratio(Check{Key: KeyFrontlineShare, Title: "一线执法人员占比", Rule: frontlineRule(r),
		NumeratorLabel: FrontlineNumeratorLabel, DenominatorLabel: FrontlineDenominatorLabel},
		frontlinePosted, quota, r.FrontlineMinPct, "未核定编制，无法计算比例")
}

// TownshipMinimum checks that a township has enough enforcers working for it: at least
// KeyTownshipMin in a key township (重点乡镇), OrdinaryTownshipMin in an ordinary one (Shaoxing:
// 8 and 3). An enforcer is someone holding an enforcement certificate valid today (行政处罚法
// 第四十二条: 执法人员应当具有行政执法资格); staff sunk from the county count for the township
// that uses them, and assistants without a certificate do not count.
func TownshipMinimum(enforcers int, class string, r Thresholds) Check {
	least, kind := r.OrdinaryTownshipMin, "一般乡镇"
	if class == org.TownshipKey {
		least, kind = r.KeyTownshipMin, "重点乡镇"
	}
	return Check{Key: KeyTownshipMinimum, Title: "乡镇执法人员数（" + kind + "）", Value: float64(enforcers),
		NumeratorLabel: TownshipCountLabel,
		Threshold:      float64(least), Unit: UnitCount, Pass: enforcers >= least, Rule: townshipRule(r), Applies: true}
}

// SunkShare checks that at least SunkMinPct of a district's enforcement force works for the
// townships (Wujin: 区级执法力量下沉乡镇比例不低于80%). The force is the staff holding posts in the
// bureau, its brigades and its squadrons (编外 excluded, as for the front-line share); the sunk
// are those of them used by a township-level organisation other than the one holding their post
// (区属镇管镇用), the rule people.IsSunk applies to each person. A township office's own staff are
// the township's force, not the district's, and count on neither side.
func SunkShare(sunk, force int, r Thresholds) Check {
	return ratio(Check{Key: KeySunkShare, Title: "执法力量下沉比例", Rule: sunkRule(r),
		NumeratorLabel: SunkNumeratorLabel, DenominatorLabel: SunkDenominatorLabel},
		sunk, force, r.SunkMinPct, "暂无编制内人员，无法计算比例")
}

// Applicable says which checks apply to an organisation kind: a county bureau answers for its
// front-line share and for sinking its force; a brigade or squadron for the front-line share of
// its own subtree when it has a quota of its own (under 局队合一 it usually has none, and the
// bureau answers for it); a township office for its minimum force. Other kinds have no reform
// ratios.
func Applicable(kind org.Kind) (frontline, township, sunk bool) {
	switch kind {
	case org.KindBureau:
		return true, false, true
	case org.KindBrigade, org.KindSquadron:
		return true, false, false
	case org.KindTownshipOffice:
		return false, true, false
	}
	return false, false, false
}

// Counts are the figures the checks need; only those of applicable checks are filled.
type Counts struct {
	OwnQuota        int // approved posts (核定编制) of the organisation itself
	Quota           int // approved posts (核定编制) summed over the organisation's subtree
	FrontlinePosted int // front-line people holding posts (编制内) in the subtree
	Force           int // people holding posts (编制内) in the subtree
	Sunk            int // of those, sunk to a township (people.IsSunk)
	Enforcers       int // people working for the organisation or below it with a valid certificate today
}

// Evaluate runs the three checks for an organisation, in a fixed order; a check that does not
// apply to its kind is returned with applies false and a note saying why.
func Evaluate(kind org.Kind, townshipClass string, c Counts, eff Effective) []Check {
	frontline, township, sunk := Applicable(kind)
	kindName := org.KindName(kind)
	if kindName == "" {
		kindName = string(kind)
	}
	source := "阈值采用全国默认值"
	if eff.Source != SourceNational {
		source = fmt.Sprintf("阈值采用%s（%s）的辖区配置", eff.SourceName, eff.Source)
		if eff.Basis != "" {
			source += "，依据：" + eff.Basis
		}
	}
	out := make([]Check, 0, 3)
	frontlineNA := Check{Key: KeyFrontlineShare, Title: "一线执法人员占比", Unit: UnitRatio,
		Threshold: float64(eff.FrontlineMinPct) / 100, Rule: frontlineRule(eff.Thresholds)}
	switch {
	case frontline && kind != org.KindBureau && c.OwnQuota == 0:
		out = append(out, notApplicable(frontlineNA,
			kindName+"未单独核定编制，与综合行政执法局局队合一，一线占比按执法局整体（含所属大队、中队）核查"))
	case frontline:
		out = append(out, withNote(FrontlineShare(c.FrontlinePosted, c.Quota, eff.Thresholds), source))
	default:
		out = append(out, notApplicable(frontlineNA, kindName+"不适用此指标（适用于综合行政执法局及其大队、中队）"))
	}
	if township {
		out = append(out, withNote(TownshipMinimum(c.Enforcers, townshipClass, eff.Thresholds), source))
	} else {
		out = append(out, notApplicable(Check{Key: KeyTownshipMinimum, Title: "乡镇执法人员数", Unit: UnitCount,
			Threshold: float64(eff.OrdinaryTownshipMin), Rule: townshipRule(eff.Thresholds)},
			kindName+"不适用此指标（适用于乡镇（街道）综合行政执法办公室）"))
	}
	if sunk {
		out = append(out, withNote(SunkShare(c.Sunk, c.Force, eff.Thresholds), source))
	} else {
		out = append(out, notApplicable(Check{Key: KeySunkShare, Title: "执法力量下沉比例", Unit: UnitRatio,
			Threshold: float64(eff.SunkMinPct) / 100, Rule: sunkRule(eff.Thresholds)},
			kindName+"不适用此指标（适用于县（区）综合行政执法局）"))
	}
	return out
}

func withNote(c Check, note string) Check {
	if c.Note != "" {
		c.Note += "；" + note
	} else {
		c.Note = note
	}
	return c
}

func notApplicable(c Check, note string) Check {
	c.Applies, c.Note = false, note
	return c
}
