package discretion

import (
	"slices"
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/apperr"
)

// Facts are what the officer has found about the act, as far as the benchmark needs them.
// Amount facts are absent when unknown; a tier or condition that needs one then asks for it
// (DISCRETION_FACT_REQUIRED). Booleans left false mean "not established".
//
// Prior penalties: when the platform can count the party's prior penalties for the same violation
// from the record (PriorPenalties, with PartyKey identifying the party), the record decides every
// look-back window; otherwise the officer's count (FirstOffence, PriorCount over Lookback) is used
// and the result says so.
type Facts struct {
	PartyType string `json:"partyType,omitempty"` // natural 自然人 | legal 法人 | other 其他组织
	PartyKey  string `json:"partyKey,omitempty"`  // 统一社会信用代码 or 身份证号码: whose prior penalties to count
	// OrderIgnored answers, once, the precondition of an item whose violation includes an order to
	// correct: the party did not correct after being ordered to (拒不改正、逾期不改正).
	OrderIgnored *bool   `json:"orderIgnored,omitempty"`
	FirstOffence bool    `json:"firstOffence"`       // never penalised before for the same violation
	PriorCount   int     `json:"priorCount"`         // prior penalties for the same violation within Lookback before the act
	Lookback     *Period `json:"lookback,omitempty"` // the window PriorCount was counted in; default one year
	// LookbackDays is the window in days, as requests gave it before windows were calendar
	// periods (365 = one year); read into Lookback.
	LookbackDays        int    `json:"lookbackDays,omitempty"`
	Harm                string `json:"harm"`                     // none | minor | general | serious; "" not determined
	CorrectedPromptly   bool   `json:"correctedPromptly"`        // 及时改正
	RefusedCorrection   bool   `json:"refusedCorrection"`        // 拒不改正, as determined by the officer
	RecurrenceDays      *int   `json:"recurrenceDays,omitempty"` // days from a written order to correct to the recurrence
	ThreatenedStaff     bool   `json:"threatenedStaff"`          // 以暴力、威胁方法阻碍执法
	SeriousConsequences bool   `json:"seriousConsequences"`      // 造成严重后果
	// Bases are the amounts of the bases of multiple- and percentage-based fines, in fen, by the
	// name the jurisdiction's vocabulary gives them: {"违法所得": 120000, "赔偿额": 5000000}.
	Bases map[string]int64 `json:"bases,omitempty"`
	// The amounts of the four bases as requests gave them before Bases; read into Bases.
	IllegalGainsFen  *int64 `json:"illegalGainsFen,omitempty"`  // 违法所得
	GoodsValueFen    *int64 `json:"goodsValueFen,omitempty"`    // 货值金额
	IllegalIncomeFen *int64 `json:"illegalIncomeFen,omitempty"` // 违法收入
	ProjectCostFen   *int64 `json:"projectCostFen,omitempty"`   // 建设工程造价
	// Units is the quantity a per-unit standard multiplies (square metres, facilities, days …), in
	// the standard's unit, exactly as written (up to six decimal places); Unit, when given, must be
	// that unit.
	Units         *float64 `json:"units,omitempty"`
	Unit          string   `json:"unit,omitempty"`
	Circumstances []string `json:"circumstances,omitempty"` // "note" conditions the officer confirms, by their text
}

// Bounds on facts, so that amounts computed from them stay far inside int64.
const (
	MaxFactFen     = 10_000_000_000_000 // 1000亿元
	MaxFactUnits   = 10_000_000
	MaxFactBases   = 20
	MaxPartyKeyLen = 64
)

// lookback is the window the officer's count covers.
func (f *Facts) lookback() Period {
	if f.Lookback == nil {
		return legacyPeriod(f.LookbackDays)
	}
	return *f.Lookback
}

// check validates the facts and normalises them in place: the amounts of the bases gathered into
// Bases, the window into Lookback. It does not know the jurisdiction's vocabulary of bases; the
// service checks the names against it.
func (f *Facts) check() error {
	bad := func(field, msg string) error {
		return apperr.InvalidField("facts."+field, "DISCRETION_FACT_INVALID", msg)
	}
	f.PartyType, f.PartyKey, f.Unit = strings.TrimSpace(f.PartyType), strings.TrimSpace(f.PartyKey), strings.TrimSpace(f.Unit)
	switch f.PartyType {
	case "", PartyNatural, PartyLegal, PartyOther:
	default:
		return apperr.InvalidField("facts.partyType", "DISCRETION_PARTY_TYPE_UNKNOWN",
			"未知当事人类型："+f.PartyType+"（可选 natural 自然人、legal 法人、other 其他组织）")
	}
	if utf8.RuneCountInString(f.PartyKey) > MaxPartyKeyLen {
		return bad("partyKey", "当事人证件号码不能超过64个字符")
	}
	if f.PriorCount < 0 {
		return bad("priorCount", "前次处罚次数不能为负数")
	}
	if f.Lookback != nil {
		p := Period{N: f.Lookback.N, Unit: strings.TrimSpace(f.Lookback.Unit)}
		if !p.valid() {
			return bad("lookback", "回溯期应为1至10年、1至120个月或1至3650日（unit 为 year、month 或 day）")
		}
		f.Lookback = &p
	} else {
		if f.LookbackDays < 0 || f.LookbackDays > MaxPeriodDays {
			return bad("lookbackDays", "回溯期应在1到3650日之间（0 表示默认一年）")
		}
		p := legacyPeriod(f.LookbackDays)
		f.Lookback = &p
	}
	f.LookbackDays = 0
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
	var bases map[string]int64
	if len(f.Bases) > 0 || f.IllegalGainsFen != nil || f.GoodsValueFen != nil || f.IllegalIncomeFen != nil || f.ProjectCostFen != nil {
		bases = make(map[string]int64, len(f.Bases)+1)
	}
	for name, v := range f.Bases {
		name = strings.TrimSpace(name)
		if name == "" || utf8.RuneCountInString(name) > MaxBaseLen {
			return bad("bases", "计算基数的名称应为1到20个字")
		}
		if v < 0 || v > MaxFactFen {
			return bad("bases."+name, name+"应在0到1000亿元之间")
		}
		bases[name] = v
	}
	for _, l := range []struct {
		field, base string
		v           *int64
	}{{"illegalGainsFen", BaseIllegalGains, f.IllegalGainsFen}, {"goodsValueFen", BaseGoodsValue, f.GoodsValueFen},
		{"illegalIncomeFen", BaseIllegalIncome, f.IllegalIncomeFen}, {"projectCostFen", BaseProjectCost, f.ProjectCostFen}} {
		if l.v == nil {
			continue
		}
		if *l.v < 0 || *l.v > MaxFactFen {
			return bad(l.field, "金额应在0到1000亿元之间")
		}
		if old, ok := bases[l.base]; ok && old != *l.v {
			return apperr.InvalidField("facts."+l.field, "DISCRETION_FACTS_INCONSISTENT", l.base+"填写了两个不同的金额")
		}
		bases[l.base] = *l.v
	}
	if len(bases) > MaxFactBases {
		return bad("bases", "计算基数不能超过20个")
	}
	f.Bases = bases
	f.IllegalGainsFen, f.GoodsValueFen, f.IllegalIncomeFen, f.ProjectCostFen = nil, nil, nil, nil
	if f.Units != nil {
		if *f.Units < 0 || *f.Units > MaxFactUnits {
			return bad("units", "数量应在0到10000000之间")
		}
		if _, _, ok := quantity(*f.Units); !ok {
			return bad("units", "数量最多保留6位小数")
		}
	}
	if utf8.RuneCountInString(f.Unit) > MaxUnitLen {
		return bad("unit", "计量单位不能超过20个字")
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

// CheckBases refuses an amount of a base the jurisdiction's vocabulary does not know.
func (f *Facts) CheckBases(vocab []string) error {
	for name := range f.Bases {
		if !slices.Contains(vocab, name) {
			return apperr.InvalidField("facts.bases", "DISCRETION_BASE_UNKNOWN",
				"计算基数“"+name+"”不在本辖区的计算基数目录中（"+strings.Join(vocab, "、")+"）").WithRule(ruleBases)
		}
	}
	return nil
}
