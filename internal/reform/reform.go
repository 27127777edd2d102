// Package reform checks the staffing ratios of the comprehensive administrative enforcement
// reform (综合行政执法改革, DOMAIN.md §1): the front-line share of a county bureau, the minimum
// force of each township, and the share of a district's force sunk to townships. Thresholds are
// configurable per jurisdiction (reform_rules); the nearest ancestor's row applies, else the
// national defaults below.
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

// Check is the outcome of one reform ratio for one organisation.
type Check struct {
	Key         string  `json:"key"`
	Title       string  `json:"title"`
	Value       float64 `json:"value"`
	Numerator   *int    `json:"numerator,omitempty"`
	Denominator *int    `json:"denominator,omitempty"`
	Threshold   float64 `json:"threshold"`
	Unit        string  `json:"unit"`
	Pass        bool    `json:"pass"`
	Rule        string  `json:"rule"`
	Applies     bool    `json:"applies"`
	Note        string  `json:"note,omitempty"`
}

// Report is every reform check of one organisation.
type Report struct {
	OrgID   string  `json:"orgId"`
	OrgName string  `json:"orgName"`
	Checks  []Check `json:"checks"`
}

func frontlineRule(r Rules) string {
	return fmt.Sprintf("县级综合行政执法机构一线执法人员不低于编制总数的%d%%（绍兴经验，可按辖区配置）", r.FrontlineMinPct)
}

func townshipRule(r Rules) string {
	return fmt.Sprintf("重点乡镇（街道）执法人员不少于%d人、一般乡镇（街道）不少于%d人（绍兴经验，可按辖区配置）",
		r.KeyTownshipMin, r.OrdinaryTownshipMin)
}

func sunkRule(r Rules) string {
	return fmt.Sprintf("区级执法力量下沉乡镇比例不低于%d%%（武进经验，可按辖区配置）", r.SunkMinPct)
}

// ratio fills a ratio check. Pass compares in integers (numerator·100 ≥ pct·denominator) so that
// exactly 85 % passes an 85 % rule; with nobody to count there is no share and the check fails.
func ratio(c Check, num, den, pct int) Check {
	c.Unit, c.Applies = UnitRatio, true
	c.Numerator, c.Denominator = &num, &den
	c.Threshold = float64(pct) / 100
	if den > 0 {
		c.Value = math.Round(float64(num)/float64(den)*10000) / 10000
		c.Pass = num*100 >= pct*den
	} else {
		c.Note = "暂无人员数据，无法计算比例"
	}
	return c
}

// FrontlineShare checks that front-line enforcers make up at least FrontlineMinPct of the people
// posted in a bureau's subtree (Shaoxing: 一线执法人员不低于编制总数的85%). The real-name register
// counts the posts actually held.
func FrontlineShare(frontline, total int, r Rules) Check {
	return ratio(Check{Key: KeyFrontlineShare, Title: "一线执法人员占比", Rule: frontlineRule(r)}, frontline, total, r.FrontlineMinPct)
}

// TownshipMinimum checks that a township has enough enforcers working for it: at least
// KeyTownshipMin in a key township (重点乡镇), OrdinaryTownshipMin in an ordinary one (Shaoxing:
// 8 and 3). Sunk staff count for the township that uses them.
func TownshipMinimum(enforcers int, class string, r Rules) Check {
	least, kind := r.OrdinaryTownshipMin, "一般乡镇"
	if class == org.TownshipKey {
		least, kind = r.KeyTownshipMin, "重点乡镇"
	}
	return Check{Key: KeyTownshipMinimum, Title: "乡镇执法人员数（" + kind + "）", Value: float64(enforcers),
		Threshold: float64(least), Unit: UnitCount, Pass: enforcers >= least, Rule: townshipRule(r), Applies: true}
}

// SunkShare checks that at least SunkMinPct of a district's enforcement force (people posted in
// its bureau, brigades, squadrons and township offices) works at township level (Wujin:
// 区级执法力量下沉乡镇比例不低于80%).
func SunkShare(sunk, force int, r Rules) Check {
	return ratio(Check{Key: KeySunkShare, Title: "执法力量下沉比例", Rule: sunkRule(r)}, sunk, force, r.SunkMinPct)
}

// Applicable says which checks apply to an organisation kind: a county bureau answers for its
// front-line share and for sinking its force; a brigade or squadron for the front-line share of
// its own subtree; a township office for its minimum force. Other kinds have no reform ratios.
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
	Posted          int // people posted in the organisation's subtree
	PostedFrontline int // of those, front-line
	Working         int // people whose work organisation is the organisation or below it
	Force           int // people posted in enforcement organisations of the organisation's region
	ForceAtTownship int // of those, working at township level
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
	if frontline {
		out = append(out, withNote(FrontlineShare(c.PostedFrontline, c.Posted, eff.Rules), source))
	} else {
		out = append(out, notApplicable(Check{Key: KeyFrontlineShare, Title: "一线执法人员占比", Unit: UnitRatio,
			Threshold: float64(eff.FrontlineMinPct) / 100, Rule: frontlineRule(eff.Rules)},
			kindName+"不适用此指标（适用于综合行政执法局及其大队、中队）"))
	}
	if township {
		out = append(out, withNote(TownshipMinimum(c.Working, townshipClass, eff.Rules), source))
	} else {
		out = append(out, notApplicable(Check{Key: KeyTownshipMinimum, Title: "乡镇执法人员数", Unit: UnitCount,
			Threshold: float64(eff.OrdinaryTownshipMin), Rule: townshipRule(eff.Rules)},
			kindName+"不适用此指标（适用于乡镇（街道）综合行政执法办公室）"))
	}
	if sunk {
		out = append(out, withNote(SunkShare(c.ForceAtTownship, c.Force, eff.Rules), source))
	} else {
		out = append(out, notApplicable(Check{Key: KeySunkShare, Title: "执法力量下沉比例", Unit: UnitRatio,
			Threshold: float64(eff.SunkMinPct) / 100, Rule: sunkRule(eff.Rules)},
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
