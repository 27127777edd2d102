package discretion

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Measure kinds (并处措施): the penalties 行政处罚法 第九条 lists beside warnings and fines, and the
// demolition orders standards write with them.
const (
	MeasureConfiscateGains    = "confiscate_gains"    // 没收违法所得
	MeasureConfiscateProperty = "confiscate_property" // 没收非法财物（违法物品、工具）
	MeasureSuspendLicence     = "suspend_licence"     // 暂扣许可证件
	MeasureDowngrade          = "downgrade"           // 降低资质等级
	MeasureRevokeLicence      = "revoke_licence"      // 吊销许可证件
	MeasureRestrictBusiness   = "restrict_business"   // 限制开展生产经营活动
	MeasureSuspendBusiness    = "suspend_business"    // 责令停产停业
	MeasureClose              = "close"               // 责令关闭
	MeasureRestrictPractice   = "restrict_practice"   // 限制从业
	MeasureDemolish           = "demolish"            // 限期拆除
	MeasureOther              = "other"               // 其他，以文字写明
)

// MeasureKinds lists the measure kinds with Chinese names, as 行政处罚法 第九条 and the catalogue
// name them.
var MeasureKinds = []Option{
	{MeasureConfiscateGains, "没收违法所得"}, {MeasureConfiscateProperty, "没收非法财物"}, {MeasureSuspendLicence, "暂扣许可证件"},
	{MeasureDowngrade, "降低资质等级"}, {MeasureRevokeLicence, "吊销许可证件"}, {MeasureRestrictBusiness, "限制开展生产经营活动"},
	{MeasureSuspendBusiness, "责令停产停业"}, {MeasureClose, "责令关闭"}, {MeasureRestrictPractice, "限制从业"},
	{MeasureDemolish, "限期拆除"}, {MeasureOther, "其他"},
}

// Measure is one measure beside the fine: its kind and what exactly it takes or orders
// (没收“烧烤工具”, 责令停产停业“停业整治一个月”); Text is required for MeasureOther.
type Measure struct {
	Kind string `json:"kind"`
	Text string `json:"text,omitempty"`
}

// UnmarshalJSON reads a measure, and also a measure kept as plain text before measures were
// structured ("没收违法所得", "没收烧烤工具和违法所得"): text that names a kind exactly is that kind,
// other text is MeasureOther with the text kept.
func (m *Measure) UnmarshalJSON(raw []byte) error {
	if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '"' {
		var s string
		if err := json.Unmarshal(t, &s); err != nil {
			return err
		}
		*m = legacyMeasure(s)
		return nil
	}
	type plain Measure
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var p plain
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*m = Measure(p)
	return nil
}

func legacyMeasure(s string) Measure {
	s = strings.TrimSpace(s)
	for _, o := range MeasureKinds {
		if o.Name == s && o.Code != MeasureOther {
			return Measure{Kind: o.Code}
		}
	}
	return Measure{Kind: MeasureOther, Text: s}
}

// Describe says the measure: 没收违法所得; 没收非法财物（烧烤工具）; for other kinds, the text.
func (m Measure) Describe() string {
	if m.Kind == MeasureOther {
		return m.Text
	}
	name := optionName(MeasureKinds, m.Kind)
	if m.Text != "" {
		return name + "（" + m.Text + "）"
	}
	return name
}

// penaltyKind is the kind of penalty of the catalogue (行政处罚法 第九条) a measure is, "" for a
// demolition order or another measure; the statute must provide it.
func (m Measure) penaltyKind() string {
	switch m.Kind {
	case MeasureDemolish, MeasureOther:
		return ""
	}
	return optionName(MeasureKinds, m.Kind)
}

// checkMeasures validates the measures of a standard and normalises them: kinds known, texts
// trimmed and bounded, duplicates dropped.
func checkMeasures(field string, in []Measure, ps *problems) []Measure {
	out := []Measure{}
	for i, m := range in {
		f := field + "[" + strconv.Itoa(i) + "]"
		m.Kind, m.Text = strings.TrimSpace(m.Kind), strings.TrimSpace(m.Text)
		switch {
		case optionName(MeasureKinds, m.Kind) == "":
			ps.add(f+".kind", "DISCRETION_MEASURE_INVALID", "未知并处措施类型："+m.Kind+"（可选 "+optionCodes(MeasureKinds)+"）", "")
			continue
		case m.Kind == MeasureOther && m.Text == "":
			ps.add(f+".text", "DISCRETION_MEASURE_INVALID", "其他措施须写明内容", "")
			continue
		case utf8.RuneCountInString(m.Text) > MaxMeasureLen:
			ps.add(f+".text", "DISCRETION_MEASURE_INVALID", "并处措施的内容不能超过100个字", "")
			continue
		}
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	if len(out) > MaxMeasures {
		ps.add(field, "DISCRETION_MEASURE_INVALID", "并处措施不能超过10项", "")
	}
	return out
}

// provides reports whether a statute allows a measure: a statute that lists its kinds must list
// the measure's kind (行政处罚法 第四条: 依照本法由法律、法规、规章规定); a demolition order needs a
// kind that mentions demolition (其他（限期拆除）). A statute listing no kinds is not checked.
func (s Statute) provides(m Measure) bool {
	if len(s.PenaltyKinds) == 0 || m.Kind == MeasureOther {
		return true
	}
	if m.Kind == MeasureDemolish {
		return slices.ContainsFunc(s.PenaltyKinds, func(k string) bool { return strings.Contains(k, "拆除") })
	}
	return slices.Contains(s.PenaltyKinds, m.penaltyKind())
}

// MeasureResult is a measure as the evaluation tells it, with the amount where the facts give it:
// the illegal gains confiscated are the illegal gains found (行政处罚法 第二十八条第二款: 违法所得是指
// 实施违法行为所取得的款项).
type MeasureResult struct {
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	Text      string `json:"text,omitempty"`
	AmountFen *int64 `json:"amountFen,omitempty"`
	Note      string `json:"note,omitempty"`
}

// measureResults states the measures of a tier for the facts.
func measureResults(ms []Measure, f *Facts) []MeasureResult {
	out := []MeasureResult{}
	for _, m := range ms {
		r := MeasureResult{Kind: m.Kind, Name: optionName(MeasureKinds, m.Kind), Text: m.Text}
		if m.Kind == MeasureOther {
			r.Name = m.Text
		}
		if m.Kind == MeasureConfiscateGains {
			if v, ok := f.Bases[BaseIllegalGains]; ok {
				r.AmountFen = &v
				r.Note = "没收违法所得" + yuanText(v)
			} else {
				r.Note = "违法所得金额待查实后没收"
			}
		}
		out = append(out, r)
	}
	return out
}

func describeMeasures(ms []Measure) string {
	d := make([]string, len(ms))
	for i, m := range ms {
		d[i] = m.Describe()
	}
	return strings.Join(d, "；")
}
