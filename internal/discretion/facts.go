package discretion

import (
	"slices"
	"strings"

	"zhifa/internal/platform/apperr"
)

// Facts are what the officer has found about the act, as far as the benchmark needs them.
// Amount facts are nil when unknown; a tier or condition that needs one then asks for it
// (DISCRETION_FACT_REQUIRED). Booleans left false mean "not established".
type Facts struct {
	FirstOffence        bool     `json:"firstOffence"`               // never penalised before for the same violation
	PriorCount          int      `json:"priorCount"`                 // prior penalties for the same violation within LookbackDays before the act
	LookbackDays        int      `json:"lookbackDays"`               // the window PriorCount was counted in; 0 means 365
	Harm                string   `json:"harm"`                       // none | minor | general | serious; "" not determined
	CorrectedPromptly   bool     `json:"correctedPromptly"`          // 及时改正
	RefusedCorrection   bool     `json:"refusedCorrection"`          // 拒不改正, as determined by the officer
	RecurrenceDays      *int     `json:"recurrenceDays,omitempty"`   // days from a written order to correct to the recurrence
	ThreatenedStaff     bool     `json:"threatenedStaff"`            // 以暴力、威胁方法阻碍执法
	SeriousConsequences bool     `json:"seriousConsequences"`        // 造成严重后果
	IllegalGainsFen     *int64   `json:"illegalGainsFen,omitempty"`  // 违法所得
	GoodsValueFen       *int64   `json:"goodsValueFen,omitempty"`    // 货值金额
	IllegalIncomeFen    *int64   `json:"illegalIncomeFen,omitempty"` // 违法收入
	ProjectCostFen      *int64   `json:"projectCostFen,omitempty"`   // 建设工程造价
	Units               *float64 `json:"units,omitempty"`            // square metres, items, vehicles, days …, as the tier's unit says
	Circumstances       []string `json:"circumstances,omitempty"`    // "note" conditions the officer confirms, by their text
}

// Bounds on facts, so that amounts computed from them stay far inside int64.
const (
	MaxFactFen   = 10_000_000_000_000 // 1000亿元
	MaxFactUnits = 10_000_000
)

// base returns the amount a multiple base is computed on, nil when not given.
func (f *Facts) base(base string) *int64 {
	switch base {
	case BaseGoodsValue:
		return f.GoodsValueFen
	case BaseIllegalIncome:
		return f.IllegalIncomeFen
	case BaseProjectCost:
		return f.ProjectCostFen
	}
	return f.IllegalGainsFen
}

func (f *Facts) lookback() int {
	if f.LookbackDays == 0 {
		return DefaultLookbackDays
	}
	return f.LookbackDays
}

// check validates the facts and normalises them in place.
func (f *Facts) check() error {
	bad := func(field, msg string) error {
		return apperr.InvalidField("facts."+field, "DISCRETION_FACT_INVALID", msg)
	}
	if f.PriorCount < 0 {
		return bad("priorCount", "前次处罚次数不能为负数")
	}
	if f.LookbackDays < 0 || f.LookbackDays > 3650 {
		return bad("lookbackDays", "回溯期应在1到3650日之间（0 表示默认365日）")
	}
	if f.FirstOffence && f.PriorCount > 0 {
		return apperr.InvalidField("facts.firstOffence", "DISCRETION_FACTS_INCONSISTENT", "初次违法与前次处罚次数大于0相矛盾")
	}
	f.Harm = strings.TrimSpace(f.Harm)
	if f.Harm != "" && optionName(HarmLevels, f.Harm) == "" {
		return bad("harm", "未知危害后果等级："+f.Harm+"（可选 none、minor、general、serious）")
	}
	if f.RecurrenceDays != nil && *f.RecurrenceDays < 0 {
		return bad("recurrenceDays", "责令改正至再次违法的天数不能为负数")
	}
	for _, a := range []struct {
		field string
		v     *int64
	}{{"illegalGainsFen", f.IllegalGainsFen}, {"goodsValueFen", f.GoodsValueFen}, {"illegalIncomeFen", f.IllegalIncomeFen},
		{"projectCostFen", f.ProjectCostFen}} {
		if a.v != nil && (*a.v < 0 || *a.v > MaxFactFen) {
			return bad(a.field, "金额应在0到1000亿元之间")
		}
	}
	if f.Units != nil && (*f.Units < 0 || *f.Units > MaxFactUnits) {
		return bad("units", "数量应在0到10000000之间")
	}
	var cs []string
	for _, c := range f.Circumstances {
		if c = strings.TrimSpace(c); c != "" && !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	if len(cs) > MaxConditions*5 {
		return bad("circumstances", "确认的情形过多")
	}
	f.Circumstances = cs
	return nil
}
