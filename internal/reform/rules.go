package reform

import (
	"fmt"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/settings"
)

// SourceNational names the national defaults as the source of thresholds.
const SourceNational = "national"

// Thresholds are the reform thresholds (改革指标阈值) of one jurisdiction: the value of the
// setting reform.thresholds, which each jurisdiction may set for itself (settings per
// jurisdiction; the nearest ancestor's value applies). Percentages are whole numbers of 100.
type Thresholds struct {
	FrontlineMinPct     int `json:"frontlineMinPct" required:"true"`
	KeyTownshipMin      int `json:"keyTownshipMin" required:"true"`
	OrdinaryTownshipMin int `json:"ordinaryTownshipMin" required:"true"`
	SunkMinPct          int `json:"sunkMinPct" required:"true"`
}

// National returns the defaults where no jurisdiction has set its own: front-line ≥ 85 % of a
// county bureau's staff and key townships ≥ 8, ordinary ≥ 3 enforcers (Shaoxing); ≥ 80 % of a
// district's enforcement force sunk to townships (Wujin).
func National() Thresholds {
	return Thresholds{FrontlineMinPct: 85, KeyTownshipMin: 8, OrdinaryTownshipMin: 3, SunkMinPct: 80}
}

// NationalBasis is where the national defaults come from.
const NationalBasis = "全国默认值：绍兴经验（一线执法人员≥85%，重点乡镇≥8人、一般乡镇≥3人）；武进经验（执法力量下沉乡镇≥80%）"

// MaxTownshipMin bounds a township's minimum force: no township office employs more.
const MaxTownshipMin = 1000

// SettingKey is the key of the reform thresholds among the settings per jurisdiction.
const SettingKey = "reform.thresholds"

// Setting is the kind of setting of the reform thresholds: staffing officers (reform.write) set
// their jurisdiction's, whoever reads the reform checks (reform.read) reads them.
var Setting = settings.Define(settings.Kind{
	Key:  SettingKey,
	Name: "改革指标阈值",
	Description: "县级综合行政执法局一线人员占比、乡镇（街道）执法人员最低人数与执法力量下沉比例的达标线；" +
		"本级未设置的，采用上级设置或全国默认值（绍兴经验、武进经验）",
	Read:  access.ReformRead,
	Write: access.ReformWrite,
	Fields: []settings.Field{
		{Name: "frontlineMinPct", Label: "县级执法局一线执法人员占编制总数不低于", Type: settings.Percent, Min: 0, Max: 100,
			Help: "一线执法人员（编制内）占核定编制总数的比例，局队合一合计（绍兴经验为85%）"},
		{Name: "keyTownshipMin", Label: "重点乡镇（街道）执法人员不少于", Type: settings.Integer, Unit: "人", Min: 0, Max: MaxTownshipMin,
			Help: "在本乡镇（街道）执法办公室工作、持有效行政执法证的人员（绍兴经验为8人）"},
		{Name: "ordinaryTownshipMin", Label: "一般乡镇（街道）执法人员不少于", Type: settings.Integer, Unit: "人", Min: 0, Max: MaxTownshipMin,
			Help: "同上，适用于一般乡镇（街道）（绍兴经验为3人）"},
		{Name: "sunkMinPct", Label: "执法力量下沉乡镇比例不低于", Type: settings.Percent, Min: 0, Max: 100,
			Help: "执法局及所属大队、中队的编制内人员中由乡镇（街道）使用的比例（武进经验为80%）"},
	},
	NationalBasis: NationalBasis,
}, National(), (*Thresholds).Check)

// Settings are the kinds of setting this feature keeps per jurisdiction.
var Settings = []settings.Kind{Setting}

// Effective are the thresholds that apply to a region and where they come from.
type Effective struct {
	RegionCode string `json:"regionCode"` // the region asked about ("" for the whole country)
	Source     string `json:"source"`     // the region code whose value applies, or "national"
	SourceName string `json:"sourceName"` // the name of that region, or 全国默认
	Thresholds
	Basis     string `json:"basis"` // the document that sets them; for the defaults, NationalBasis
	UpdatedAt string `json:"updatedAt,omitempty"`
}

// effectiveOf reads the thresholds in force as the settings give them.
func effectiveOf(code string, v settings.Value[Thresholds]) Effective {
	eff := Effective{RegionCode: code, Source: v.Source.RegionCode, SourceName: v.Source.RegionName, Thresholds: v.Value,
		Basis: v.Basis, UpdatedAt: v.UpdatedAt}
	if v.Source.National() {
		eff.Source = SourceNational
	}
	return eff
}

// Check validates thresholds set by a jurisdiction: percentages within 0–100 and minimums not
// negative nor above MaxTownshipMin. The document that sets them (依据) is required by the
// settings themselves.
func (r *Thresholds) Check() error {
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
	return nil
}

// AuditKinds are the kinds of record this feature writes to the audit log. Changes of the
// thresholds are logged as settings (reform.thresholds); reform_rule names the entries written
// before the thresholds moved to the settings per jurisdiction.
var AuditKinds = []audit.Kind{{Code: "reform_rule", Name: "改革指标阈值（迁移前的记录）"}}
