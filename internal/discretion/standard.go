package discretion

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// Standard kinds (处罚标准的表达方式).
const (
	StdWarning  = "warning"  // 警告
	StdFixed    = "fixed"    // 固定数额罚款
	StdRange    = "range"    // 数额区间
	StdMultiple = "multiple" // 计算基数（违法所得、货值金额、赔偿额 …）的倍数
	StdPercent  = "percent"  // 计算基数的百分比
	StdPerUnit  = "per_unit" // 按单位计（每平方米、每处、每日、每辆 …）
)

// StandardKinds lists the standard kinds with Chinese names.
var StandardKinds = []Option{
	{StdWarning, "警告"}, {StdFixed, "固定数额"}, {StdRange, "数额区间"}, {StdMultiple, "倍数"},
	{StdPercent, "百分比"}, {StdPerUnit, "按单位计算"},
}

// Limits on amounts in a benchmark.
const (
	MaxAmountFen   = 1_000_000_000_000 // 100亿元
	MaxRateFen     = 1_000_000_000     // 1000万元 per unit
	MaxMultiplePct = 100_000           // 1000倍
	MaxMeasures    = 10
	MaxMeasureLen  = 100
	MaxUnitLen     = 20
	MaxBaseLen     = 20
)

// Standard is the penalty a tier sets. Amounts are in fen; multiples ×100 (1000 = 10倍, 50 = 百分之五十)
// of the base, a name from the jurisdiction's vocabulary of bases. For multiple, percent and
// per-unit standards MinFen and MaxFen, when set, are a floor and a cap on the computed amount
// ("最高不超过"). Measures are what goes with the fine (没收违法所得、没收非法财物、责令停产停业 …).
type Standard struct {
	Kind           string    `json:"kind"`
	Warning        bool      `json:"warning,omitempty"` // 警告 together with the fine
	MinFen         int64     `json:"minFen"`
	MaxFen         int64     `json:"maxFen"`
	MultipleMinPct int       `json:"multipleMinPct"`
	MultipleMaxPct int       `json:"multipleMaxPct"`
	Base           string    `json:"base,omitempty"`
	Unit           string    `json:"unit,omitempty"`
	PerUnitMinFen  int64     `json:"perUnitMinFen"`
	PerUnitMaxFen  int64     `json:"perUnitMaxFen"`
	Measures       []Measure `json:"measures"`
}

func (s Standard) fines() bool { return s.Kind != "" && s.Kind != StdWarning }

func (s Standard) multiple() bool { return s.Kind == StdMultiple || s.Kind == StdPercent }

// check validates a tier's standard and normalises it in place; bases is the jurisdiction's
// vocabulary of bases.
func (s *Standard) check(field string, level Level, bases []string, ps *problems) {
	s.Kind = strings.TrimSpace(s.Kind)
	s.Base, s.Unit = strings.TrimSpace(s.Base), strings.TrimSpace(s.Unit)
	s.Measures = checkMeasures(field+".measures", s.Measures, ps)
	if level == LevelNoPenalty {
		if s.Kind != "" || s.MinFen != 0 || s.MaxFen != 0 || s.MultipleMaxPct != 0 || s.PerUnitMaxFen != 0 || s.Warning {
			ps.add(field+".kind", "DISCRETION_NO_PENALTY_AMOUNT", "不予处罚档次不设处罚标准", "")
		}
		*s = Standard{Measures: s.Measures}
		return
	}
	for _, a := range []struct {
		f string
		v int64
	}{{"minFen", s.MinFen}, {"maxFen", s.MaxFen}, {"perUnitMinFen", s.PerUnitMinFen}, {"perUnitMaxFen", s.PerUnitMaxFen},
		{"multipleMinPct", int64(s.MultipleMinPct)}, {"multipleMaxPct", int64(s.MultipleMaxPct)}} {
		if a.v < 0 {
			ps.add(field+"."+a.f, "DISCRETION_AMOUNT_NEGATIVE", "金额、倍数不能为负数", "")
			return
		}
	}
	if s.MinFen > MaxAmountFen || s.MaxFen > MaxAmountFen || s.PerUnitMaxFen > MaxRateFen || s.MultipleMaxPct > MaxMultiplePct {
		ps.add(field, "DISCRETION_AMOUNT_TOO_LARGE", "金额或倍数超出可登记的范围", "")
		return
	}
	keep := *s
	*s = Standard{Kind: keep.Kind, Warning: keep.Warning, Measures: keep.Measures}
	switch s.Kind {
	case StdWarning:
		s.Warning = false
		if keep.MinFen != 0 || keep.MaxFen != 0 || keep.MultipleMaxPct != 0 || keep.PerUnitMaxFen != 0 {
			ps.add(field+".kind", "DISCRETION_STANDARD_INVALID", "警告不设罚款数额；警告并处罚款的，请选择罚款标准并勾选警告", "")
		}
	case StdFixed:
		s.MinFen, s.MaxFen = keep.MinFen, keep.MaxFen
		if s.MaxFen == 0 {
			s.MaxFen = s.MinFen
		}
		if s.MinFen == 0 {
			ps.add(field+".minFen", "DISCRETION_STANDARD_INVALID", "固定数额罚款须填写金额", "")
		} else if s.MinFen != s.MaxFen {
			ps.add(field+".maxFen", "DISCRETION_STANDARD_INVALID", "固定数额罚款的上下限应相同；不同时请选择数额区间", "")
		}
	case StdRange:
		s.MinFen, s.MaxFen = keep.MinFen, keep.MaxFen
		if s.MaxFen == 0 {
			ps.add(field+".maxFen", "DISCRETION_STANDARD_INVALID", "数额区间须填写最高额", "")
		} else if s.MinFen > s.MaxFen {
			ps.add(field+".minFen", "DISCRETION_RANGE_INVERTED", "罚款最低额不能高于最高额", "")
		}
	case StdMultiple, StdPercent:
		s.MultipleMinPct, s.MultipleMaxPct, s.Base = keep.MultipleMinPct, keep.MultipleMaxPct, keep.Base
		s.MinFen, s.MaxFen = keep.MinFen, keep.MaxFen
		switch {
		case s.MultipleMaxPct == 0:
			ps.add(field+".multipleMaxPct", "DISCRETION_STANDARD_INVALID", "倍数罚款须填写最高倍数", "")
		case s.MultipleMinPct > s.MultipleMaxPct:
			ps.add(field+".multipleMinPct", "DISCRETION_RANGE_INVERTED", "最低倍数不能高于最高倍数", "")
		}
		checkBase(field+".base", s.Base, bases, ps)
		checkCaps(field, s, ps)
	case StdPerUnit:
		s.Unit, s.PerUnitMinFen, s.PerUnitMaxFen = keep.Unit, keep.PerUnitMinFen, keep.PerUnitMaxFen
		s.MinFen, s.MaxFen = keep.MinFen, keep.MaxFen
		switch {
		case s.Unit == "" || utf8.RuneCountInString(s.Unit) > MaxUnitLen:
			ps.add(field+".unit", "DISCRETION_STANDARD_INVALID", "按单位计算的罚款须写明计量单位（不超过20个字），如“平方米”“处”“辆·日”", "")
		case s.PerUnitMaxFen == 0:
			ps.add(field+".perUnitMaxFen", "DISCRETION_STANDARD_INVALID", "按单位计算的罚款须填写每单位最高额", "")
		case s.PerUnitMinFen > s.PerUnitMaxFen:
			ps.add(field+".perUnitMinFen", "DISCRETION_RANGE_INVERTED", "每单位最低额不能高于最高额", "")
		}
		checkCaps(field, s, ps)
	case "":
		ps.add(field+".kind", "DISCRETION_STANDARD_REQUIRED", "请选择处罚标准："+optionCodes(StandardKinds), "")
	default:
		ps.add(field+".kind", "DISCRETION_STANDARD_KIND_UNKNOWN", "未知处罚标准类型："+s.Kind+"（可选 "+optionCodes(StandardKinds)+"）", "")
	}
}

func checkCaps(field string, s *Standard, ps *problems) {
	if s.MaxFen > 0 && s.MinFen > s.MaxFen {
		ps.add(field+".minFen", "DISCRETION_RANGE_INVERTED", "计算结果的最低额不能高于最高额", "")
	}
}

func optionCodes(opts []Option) string {
	codes := make([]string, len(opts))
	for i, o := range opts {
		codes[i] = o.Code
	}
	return strings.Join(codes, "、")
}

// checkBase refuses a base outside the jurisdiction's vocabulary (计算基数目录).
func checkBase(field, base string, bases []string, ps *problems) {
	switch {
	case base == "":
		ps.add(field, "DISCRETION_STANDARD_INVALID", "请选择计算基数："+strings.Join(bases, "、"), "")
	case !slices.Contains(bases, base):
		ps.add(field, "DISCRETION_BASE_UNKNOWN", "计算基数“"+base+"”不在本辖区的计算基数目录中（"+strings.Join(bases, "、")+"）", ruleBases)
	}
}

// amount computes the fine range the standard gives for the facts, with how it was computed in
// words, before the statutory range is applied. A computed amount beyond the tier's own floor or
// cap is brought to it, and the computation says so.
func (s Standard) amount(f *Facts) (lo, hi int64, how []string, err error) {
	switch s.Kind {
	case StdFixed, StdRange:
		return s.MinFen, s.MaxFen, nil, nil
	case StdMultiple, StdPercent:
		base, ok := f.Bases[s.Base]
		if !ok {
			return 0, 0, nil, baseRequired(s.Base, "该档次按"+s.Base+"的倍数计算罚款，请填写"+s.Base+"（分）")
		}
		pct := s.Kind == StdPercent
		lo, hi = mulPct(base, s.MultipleMinPct, true), mulPct(base, s.MultipleMaxPct, false)
		how = append(how, "按"+s.Base+yuanText(base)+"的"+spanText(Times(s.MultipleMinPct, pct), Times(s.MultipleMaxPct, pct))+
			"计算为"+spanText(yuanText(lo), yuanText(hi)))
	case StdPerUnit:
		if f.Units == nil {
			return 0, 0, nil, factRequired("units", "该档次按每"+s.Unit+"计算罚款，请填写数量（"+s.Unit+"）")
		}
		if f.Unit != "" && f.Unit != s.Unit {
			return 0, 0, nil, apperr.InvalidField("facts.unit", "DISCRETION_UNIT_MISMATCH",
				"该档次按每"+s.Unit+"计算罚款，填写的数量单位为“"+f.Unit+"”，请按"+s.Unit+"填写数量")
		}
		q := quantityText(*f.Units)
		lo, hi = perUnit(s.PerUnitMinFen, *f.Units, true), perUnit(s.PerUnitMaxFen, *f.Units, false)
		how = append(how, "按"+q+s.Unit+"×每"+s.Unit+spanText(yuanText(s.PerUnitMinFen), yuanText(s.PerUnitMaxFen))+
			"计算为"+spanText(yuanText(lo), yuanText(hi)))
	default:
		return 0, 0, nil, nil
	}
	if lo > hi { // one rate and a product with a fraction of a fen: the nearest fen
		lo = hi
	}
	top := s.MaxFen
	if top == 0 {
		top = math.MaxInt64
	}
	nlo, nhi, moved := clamp(lo, hi, s.MinFen, top)
	if moved {
		switch {
		case hi > top:
			how = append(how, "超过本档次规定的最高额"+yuanText(top)+"，按"+yuanText(top)+"计")
		default:
			how = append(how, "低于本档次规定的最低额"+yuanText(s.MinFen)+"，按"+yuanText(s.MinFen)+"计")
		}
	}
	return nlo, nhi, how, nil
}

// spanText writes a span of two texts, one when they are the same: 1万元至2万元, 1万元.
func spanText(lo, hi string) string {
	if lo == hi {
		return lo
	}
	return lo + "至" + hi
}

// clamp brings [lo, hi] inside [floor, cap]; a range wholly outside collapses onto the nearer
// bound. It reports whether anything moved.
func clamp(lo, hi, floor, top int64) (int64, int64, bool) {
	nlo := min(max(lo, floor), top)
	nhi := max(min(hi, top), floor)
	return nlo, nhi, nlo != lo || nhi != hi
}

// Describe says the standard in Chinese: 罚款5000元至14000元；并处没收违法所得.
func (s Standard) Describe() string {
	var b strings.Builder
	if s.Warning {
		b.WriteString("警告，并处")
	}
	switch s.Kind {
	case StdWarning:
		b.WriteString("警告")
	case StdFixed:
		b.WriteString("罚款" + civil.Fen(s.MinFen).Yuan())
	case StdRange:
		b.WriteString(rangeText(s.MinFen, s.MaxFen))
	case StdMultiple, StdPercent:
		pct := s.Kind == StdPercent
		b.WriteString("处" + s.Base + Times(s.MultipleMinPct, pct) + "至" + Times(s.MultipleMaxPct, pct) + "的罚款")
		b.WriteString(capText(s.MinFen, s.MaxFen))
	case StdPerUnit:
		b.WriteString("按每" + s.Unit + spanText(yuanText(s.PerUnitMinFen), yuanText(s.PerUnitMaxFen)) + "计算罚款")
		b.WriteString(capText(s.MinFen, s.MaxFen))
	}
	if len(s.Measures) > 0 {
		if b.Len() > 0 {
			b.WriteString("；")
		}
		b.WriteString(describeMeasures(s.Measures))
	}
	return b.String()
}

func rangeText(lo, hi int64) string {
	switch {
	case lo == hi:
		return "罚款" + civil.Fen(lo).Yuan()
	case lo == 0:
		return "罚款" + civil.Fen(hi).Yuan() + "以下"
	}
	return "罚款" + civil.Fen(lo).Yuan() + "至" + civil.Fen(hi).Yuan()
}

func capText(lo, hi int64) string {
	switch {
	case lo > 0 && hi > 0:
		return "（不低于" + civil.Fen(lo).Yuan() + "，不超过" + civil.Fen(hi).Yuan() + "）"
	case lo > 0:
		return "（不低于" + civil.Fen(lo).Yuan() + "）"
	case hi > 0:
		return "（最高不超过" + civil.Fen(hi).Yuan() + "）"
	}
	return ""
}
