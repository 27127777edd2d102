package reform

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"zhifa/internal/audit"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/region"
)

// SourceNational names the national defaults as the source of thresholds.
const SourceNational = "national"

// Rules are the reform thresholds (改革指标阈值) of one jurisdiction.
type Rules struct {
	FrontlineMinPct     int    `db:"frontline_min_pct" json:"frontlineMinPct" required:"true"`
	KeyTownshipMin      int    `db:"key_township_min" json:"keyTownshipMin" required:"true"`
	OrdinaryTownshipMin int    `db:"ordinary_township_min" json:"ordinaryTownshipMin" required:"true"`
	SunkMinPct          int    `db:"sunk_min_pct" json:"sunkMinPct" required:"true"`
	Basis               string `db:"basis" json:"basis" text:"500,multiline"`
}

// National returns the defaults where no jurisdiction has set its own: front-line ≥ 85 % of a
// county bureau's staff and key townships ≥ 8, ordinary ≥ 3 enforcers (Shaoxing); ≥ 80 % of a
// district's enforcement force sunk to townships (Wujin).
func National() Rules {
	return Rules{FrontlineMinPct: 85, KeyTownshipMin: 8, OrdinaryTownshipMin: 3, SunkMinPct: 80,
		Basis: "全国默认值：绍兴经验（一线执法人员≥85%，重点乡镇≥8人、一般乡镇≥3人）；武进经验（执法力量下沉乡镇≥80%）"}
}

// RuleRow is one jurisdiction's row of thresholds.
type RuleRow struct {
	RegionCode string `db:"region_code"`
	Rules
	UpdatedAt string `db:"updated_at"`
}

// Effective are the thresholds that apply to a region and where they come from.
type Effective struct {
	RegionCode string `json:"regionCode"` // the region asked about ("" for the whole country)
	Source     string `json:"source"`     // the region code whose row applies, or "national"
	SourceName string `json:"sourceName"` // the name of that region, or 全国默认
	Rules
	UpdatedAt string `json:"updatedAt,omitempty"`
}

// Lookup picks the thresholds of code from the rows of code and its ancestors: the nearest
// region's row wins, so a county may tighten or relax its city's rule; with no row the national
// defaults apply.
func Lookup(code string, rows []RuleRow) Effective {
	byCode := make(map[string]RuleRow, len(rows))
	for _, r := range rows {
		byCode[r.RegionCode] = r
	}
	chain := append(region.Ancestors(code), code)
	for i := len(chain) - 1; i >= 0; i-- {
		if r, ok := byCode[chain[i]]; ok && chain[i] != "" {
			return Effective{RegionCode: code, Source: r.RegionCode, Rules: r.Rules, UpdatedAt: r.UpdatedAt}
		}
	}
	return Effective{RegionCode: code, Source: SourceNational, SourceName: "全国默认", Rules: National()}
}

// MaxTownshipMin bounds a township's minimum force: no township office employs more.
const MaxTownshipMin = 1000

// MaxBasisLen bounds the stated basis of a jurisdiction's thresholds, in characters.
const MaxBasisLen = 500

// Check validates thresholds set by a jurisdiction: percentages within 0–100, minimums not
// negative, and a basis of reasonable length (the document that sets them, e.g. a county's
// implementing opinions).
func (r *Rules) Check() error {
	r.Basis = strings.TrimSpace(r.Basis)
	for _, f := range []struct {
		field string
		v     int
	}{{"frontlineMinPct", r.FrontlineMinPct}, {"sunkMinPct", r.SunkMinPct}} {
		if f.v < 0 || f.v > 100 {
			return apperr.InvalidField(f.field, "REFORM_PCT_INVALID", "比例阈值应为0到100之间的整数")
		}
	}
	for _, f := range []struct {
		field string
		v     int
	}{{"keyTownshipMin", r.KeyTownshipMin}, {"ordinaryTownshipMin", r.OrdinaryTownshipMin}} {
		if f.v < 0 || f.v > MaxTownshipMin {
			return apperr.InvalidField(f.field, "REFORM_MIN_INVALID", fmt.Sprintf("乡镇执法人员最低人数应为0到%d之间的整数", MaxTownshipMin))
		}
	}
	if utf8.RuneCountInString(r.Basis) > MaxBasisLen {
		return apperr.InvalidField("basis", "REFORM_BASIS_TOO_LONG", "依据说明不能超过500个字")
	}
	return nil
}

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: "reform_rule", Name: "改革指标规则"}}
