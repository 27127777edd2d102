package discretion

import (
	"math"
	"strconv"
	"strings"

	"zhifa/internal/platform/apperr"
)

// Match is one condition that held, as the result shows it.
type Match struct {
	Condition   string `json:"condition"`
	Description string `json:"description"`
}

// Result is the benchmark applied to the facts of a case: the tier, the concrete range, the
// conditions that matched and the reason to tell the party (国办发〔2022〕27号: 在行政处罚决定书中
// 对裁量基准的适用情况予以说明). The case records BenchmarkID, Version and Tier.
type Result struct {
	BenchmarkID       string   `json:"benchmarkId"`
	Version           int      `json:"version"`
	Title             string   `json:"title"`
	DocNo             string   `json:"docNo"`
	RegionCode        string   `json:"regionCode"`
	ItemID            string   `json:"itemId"`
	ItemCode          string   `json:"itemCode"`
	ItemName          string   `json:"itemName"`
	Citation          string   `json:"citation"`
	Provision         string   `json:"provision,omitempty"`
	ProvisionLabel    string   `json:"provisionLabel,omitempty"`
	Tier              Level    `json:"tier"`
	TierName          string   `json:"tierName"`
	Penalise          bool     `json:"penalise"`
	Mandatory         bool     `json:"mandatory"`               // no penalty: 应当 (true) or 可以 (false) 不予处罚
	NoPenaltyKind     string   `json:"noPenaltyKind,omitempty"` // the no-penalty list entry that matched
	Warning           bool     `json:"warning"`
	MinFen            int64    `json:"minFen"`
	MaxFen            int64    `json:"maxFen"`
	Standard          string   `json:"standard"` // the tier's standard in words
	Measures          []string `json:"measures"`
	Matched           []Match  `json:"matched"`
	Clamped           bool     `json:"clamped"` // the computed amount was brought inside the statutory range
	Reason            string   `json:"reason"`
	EducationRequired bool     `json:"educationRequired"`
	Education         string   `json:"education,omitempty"`
	Notes             []string `json:"notes"`
	IfPenalised       *Result  `json:"ifPenalised,omitempty"` // when no penalty is discretionary: the tier that applies if the agency penalises
}

// Evaluate applies a published benchmark to the facts of an act: the no-penalty list first
// (行政处罚法 第三十三条: must not penalise a minor, promptly corrected act without harm; may
// not penalise a first offence with slight harm, promptly corrected), then the provision whose
// conditions hold, then the tier — the most severe whose conditions hold, tried in the order
// 从重、一般 (with conditions)、从轻、减轻、不予处罚 and within a level in list order, with the
// unconditioned 一般 tier as the fallback — and the
// concrete amount: multiples of the base, per-unit rates times the units, then brought inside the
// statutory range (减轻: at or below the statutory minimum). s is the statute in force on the
// act's date; when it differs from the version the benchmark was validated against, a note says so.
func Evaluate(b *Benchmark, s Statute, f Facts) (Result, error) {
	if err := f.check(); err != nil {
		return Result{}, err
	}
	base := Result{BenchmarkID: b.ID, Version: b.Version, Title: b.Title, DocNo: b.DocNo, RegionCode: b.RegionCode,
		ItemID: b.ItemID, ItemCode: b.ItemCode, ItemName: b.ItemName, Citation: s.Citation, Measures: []string{},
		Matched: []Match{}, Notes: []string{}}
	if b.Statute != nil && b.Statute.VersionID != "" && s.VersionID != "" && b.Statute.VersionID != s.VersionID {
		note := "本基准发布时依据的法定处罚（事项版本 " + b.Statute.VersionID + "）与违法行为发生时施行的版本（" + s.VersionID + "）不同，"
		if len(b.Provisions) == 0 {
			note += "计算结果已限定在后者的法定幅度内，"
		}
		base.Notes = append(base.Notes, note+"请核对后适用（行政处罚法 第三十七条）")
	}
	for _, mandatory := range []bool{true, false} {
		for _, e := range b.NoPenalty {
			if Mandatory(e.Kind) != mandatory {
				continue
			}
			ok, matched, err := holdsAll(e.Conditions, &f)
			if err != nil {
				return Result{}, err
			}
			if !ok {
				continue
			}
			r := base
			r.Tier, r.TierName, r.Mandatory, r.NoPenaltyKind = LevelNoPenalty, LevelName(LevelNoPenalty), mandatory, e.Kind
			r.Matched, r.EducationRequired, r.Education = matched, true, e.Education
			r.Reason = noPenaltyReason(b, e, matched)
			if !mandatory {
				alt, err := evaluateTiers(b, s, &f, base, true)
				if err != nil {
					return Result{}, err
				}
				r.IfPenalised = &alt
				r.Reason += "决定给予行政处罚的，" + tierBody(alt)
			}
			return r, nil
		}
	}
	return evaluateTiers(b, s, &f, base, false)
}

// evaluateTiers picks the provision and tier; penalising leaves out the benchmark's own 不予处罚
// tiers, to tell what applies when the agency decides to penalise after all.
func evaluateTiers(b *Benchmark, s Statute, f *Facts, r Result, penalising bool) (Result, error) {
	base := r
	rng, key := s.Range(), ""
	if len(b.Provisions) > 0 {
		found := false
		for _, p := range b.Provisions {
			ok, _, err := holdsAll(p.When, f)
			if err != nil {
				return Result{}, err
			}
			if ok {
				rng, key, found = p.Range, p.Key, true
				r.Provision, r.ProvisionLabel = p.Key, p.Label
				break
			}
		}
		if !found {
			return Result{}, apperr.Invalid("DISCRETION_PROVISION_NONE", "案件事实不符合本基准任何处罚条款的适用条件，请核对事实")
		}
	}
	var cand []int
	for i, t := range b.Tiers {
		if t.Provision == key {
			cand = append(cand, i)
		}
	}
	chosen, fallback := -1, -1
	var matched []Match
	for _, lv := range precedence {
		for _, i := range cand {
			t := b.Tiers[i]
			if t.Level != lv || (penalising && lv == LevelNoPenalty) {
				continue
			}
			if len(t.Conditions) == 0 {
				if t.Level == LevelGeneral && fallback < 0 {
					fallback = i
				}
				continue
			}
			ok, m, err := t.holds(f)
			if err != nil {
				return Result{}, err
			}
			if ok {
				chosen, matched = i, m
				break
			}
		}
		if chosen >= 0 {
			break
		}
	}
	if chosen < 0 {
		chosen = fallback
	}
	if chosen < 0 {
		return Result{}, apperr.Invalid("DISCRETION_TIER_NONE", "本基准没有适用于该事实的裁量阶次")
	}
	t := b.Tiers[chosen]
	r.Tier, r.TierName, r.Standard = t.Level, LevelName(t.Level), t.Standard.Describe()
	r.Measures = append([]string{}, t.Standard.Measures...)
	if matched != nil {
		r.Matched = matched
	}
	if t.Level == LevelNoPenalty {
		r.EducationRequired, r.Education = true, DefaultEducation
		alt, err := evaluateTiers(b, s, f, base, true)
		if err != nil {
			return Result{}, err
		}
		r.IfPenalised = &alt
		r.Reason = tierReason(b, r) + "决定给予行政处罚的，" + tierBody(alt)
		return r, nil
	}
	r.Penalise, r.Warning = true, t.Standard.Kind == StdWarning || t.Standard.Warning
	if t.Standard.fines() {
		lo, hi, err := t.Standard.amount(f)
		if err != nil {
			return Result{}, err
		}
		r.MinFen, r.MaxFen, r.Clamped = statutory(lo, hi, t, rng, f)
	}
	r.Reason = tierReason(b, r)
	return r, nil
}

// statutory brings a computed range inside the statutory range: [min, max] for the ordinary
// tiers, at or below the statutory minimum for 减轻 (行政处罚法 第三十二条).
func statutory(lo, hi int64, t Tier, r Range, f *Facts) (int64, int64, bool) {
	if t.Level == LevelMitigated {
		top := r.FineMinFen
		if t.Standard.multiple() && r.MultipleMinPct > 0 {
			if b := f.base(t.Standard.Base); b != nil {
				top = mulPct(*b, r.MultipleMinPct, true)
			}
		}
		if top == 0 {
			return lo, hi, false
		}
		return clamp(lo, hi, 0, top)
	}
	if !r.HasFixed() && r.FineMinFen == 0 {
		return lo, hi, false
	}
	top := r.FineMaxFen
	if top == 0 {
		top = math.MaxInt64
	}
	return clamp(lo, hi, r.FineMinFen, top)
}

// holds decides a tier's conditions.
func (t Tier) holds(f *Facts) (bool, []Match, error) {
	if t.Match == MatchAny {
		return holdsAny(t.Conditions, f)
	}
	return holdsAll(t.Conditions, f)
}

// holdsAll needs every condition. A condition that clearly fails decides the answer even when
// another one lacks its fact; otherwise the missing fact is asked for.
func holdsAll(cs []Condition, f *Facts) (bool, []Match, error) {
	var firstErr error
	matched := make([]Match, 0, len(cs))
	for _, c := range cs {
		ok, err := c.holds(f)
		switch {
		case err != nil:
			if firstErr == nil {
				firstErr = err
			}
		case !ok:
			return false, nil, nil
		default:
			matched = append(matched, Match{Condition: c.Kind, Description: c.Describe()})
		}
	}
	if firstErr != nil {
		return false, nil, firstErr
	}
	return true, matched, nil
}

// holdsAny needs one condition; it reports every condition that held.
func holdsAny(cs []Condition, f *Facts) (bool, []Match, error) {
	var firstErr error
	var matched []Match
	for _, c := range cs {
		ok, err := c.holds(f)
		switch {
		case err != nil:
			if firstErr == nil {
				firstErr = err
			}
		case ok:
			matched = append(matched, Match{Condition: c.Kind, Description: c.Describe()})
		}
	}
	if len(matched) > 0 {
		return true, matched, nil
	}
	return false, nil, firstErr
}

func source(b *Benchmark) string {
	s := "依据" + b.RegionName + "《" + strings.Trim(b.Title, "《》") + "》（"
	if b.DocNo != "" {
		s += b.DocNo + "，"
	}
	return s + "第" + strconv.Itoa(b.Version) + "版）"
}

func descriptions(ms []Match) string {
	d := make([]string, len(ms))
	for i, m := range ms {
		d[i] = m.Description
	}
	return strings.Join(d, "；")
}

// tierReason says which benchmark, provision and tier applied and why.
func tierReason(b *Benchmark, r Result) string { return source(b) + "，" + tierBody(r) }

func tierBody(r Result) string {
	var s strings.Builder
	if r.ProvisionLabel != "" {
		s.WriteString("按“" + r.ProvisionLabel + "”，")
	}
	if len(r.Matched) == 0 {
		s.WriteString("本案不具有该基准规定的从重、从轻、减轻等情形，")
	} else {
		s.WriteString("本案具有以下情形：" + descriptions(r.Matched) + "，")
	}
	s.WriteString("适用“" + r.TierName + "”档次")
	if !r.Penalise {
		s.WriteString("，不予行政处罚，并应当对当事人进行教育。")
		return s.String()
	}
	s.WriteString("：" + r.Standard)
	if r.MinFen > 0 || r.MaxFen > 0 {
		s.WriteString("；按本案事实，罚款幅度为" + strings.TrimPrefix(rangeText(r.MinFen, r.MaxFen), "罚款"))
		if r.Clamped {
			s.WriteString("（已限定在法定幅度内）")
		}
	}
	s.WriteString("。")
	return s.String()
}

func noPenaltyReason(b *Benchmark, e NoPenaltyEntry, matched []Match) string {
	verb := "可以不予行政处罚"
	if Mandatory(e.Kind) {
		verb = "应当不予行政处罚"
	}
	return "依据《中华人民共和国行政处罚法》第三十三条和" + strings.TrimPrefix(source(b), "依据") + "不予处罚清单，本案符合“" +
		optionName(NoPenaltyKinds, e.Kind) + "”情形：" + descriptions(matched) + "，" + verb + "，并应当对当事人进行教育（" + e.Education + "）。"
}
