package discretion

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// Match is one condition that held, as the result shows it.
type Match struct {
	Condition   string `json:"condition"`
	Description string `json:"description"`
}

// Sources of a count of prior penalties.
const (
	PriorFromRecord  = "record"  // counted from the penalties recorded on the platform (PriorPenalties)
	PriorFromOfficer = "officer" // typed by the officer: the fallback when no record could be consulted
)

// PriorUse is one count of prior penalties the evaluation used: the window (from its first day to
// the act's day, excluded), the count and where it comes from. The officer's count covers the
// officer's window, which may differ from the benchmark's.
type PriorUse struct {
	Lookback Period `json:"lookback"`
	From     string `json:"from"`
	To       string `json:"to"`
	Count    int    `json:"count"`
	Source   string `json:"source"`
}

// Result is the benchmark applied to the facts of a case: the tier, the concrete range, the
// conditions that matched and the reason to tell the party (国办发〔2022〕27号: 在行政处罚决定书中
// 对裁量基准的适用情况予以说明). The case records BenchmarkID, Version and Tier.
type Result struct {
	BenchmarkID    string `json:"benchmarkId"`
	Version        int    `json:"version"`
	Title          string `json:"title"`
	DocNo          string `json:"docNo"`
	RegionCode     string `json:"regionCode"`
	ItemID         string `json:"itemId"`
	ItemCode       string `json:"itemCode"`
	ItemName       string `json:"itemName"`
	Citation       string `json:"citation"`
	Provision      string `json:"provision,omitempty"`
	ProvisionLabel string `json:"provisionLabel,omitempty"`
	// Applicable is false when the precondition of the violation does not hold (the party was not
	// ordered to correct, or corrected): the act is not this item's violation and no tier applies.
	Applicable    bool   `json:"applicable"`
	Tier          Level  `json:"tier,omitempty"`
	TierName      string `json:"tierName"`  // the rule's label, or its level's name
	LevelName     string `json:"levelName"` // the level's name: 从重处罚 …
	PartyType     string `json:"partyType,omitempty"`
	Penalise      bool   `json:"penalise"`
	Mandatory     bool   `json:"mandatory"`               // no penalty: 应当 (true) or 可以 (false) 不予处罚
	NoPenaltyKind string `json:"noPenaltyKind,omitempty"` // the no-penalty list entry that matched
	Warning       bool   `json:"warning"`
	MinFen        int64  `json:"minFen"`
	MaxFen        int64  `json:"maxFen"`
	Standard      string `json:"standard"`       // the tier's standard in words
	Unit          string `json:"unit,omitempty"` // the unit of a per-unit standard
	// Computation says how the amount was computed from the facts, step by step: the quantity and
	// unit times the rate, the base times the multiple, and every floor or cap that moved it.
	Computation []string        `json:"computation"`
	Measures    []MeasureResult `json:"measures"`
	Matched     []Match         `json:"matched"`
	Clamped     bool            `json:"clamped"` // a computed amount was brought to a cap or floor; Computation says which
	// PriorCounts are the counts of prior penalties the evaluation used; PriorSource is "record"
	// when the record decided them, "officer" when the officer's count was the fallback.
	PriorCounts       []PriorUse `json:"priorCounts"`
	PriorSource       string     `json:"priorSource,omitempty"`
	Reason            string     `json:"reason"`
	EducationRequired bool       `json:"educationRequired"`
	Education         string     `json:"education,omitempty"`
	Notes             []string   `json:"notes"`
	IfPenalised       *Result    `json:"ifPenalised,omitempty"` // when no penalty is discretionary: the tier that applies if the agency penalises
}

// Case is what a benchmark is applied to: the day of the act, the facts, and the party's prior
// penalties for the same item as the record counts them, by the first day (YYYY-MM-DD) of each
// look-back window the benchmark uses (Content.Windows). Recorded is nil when the record was not
// consulted — no provider, or the party not identified —, and RecordNote then says why: the
// officer's count is used and the result says so.
type Case struct {
	ActDate    string
	Facts      Facts
	Recorded   map[string]int
	RecordNote string
}

// evaluation is one Evaluate: the act's day, the facts, the recorded counts, the counts used and
// the first days of the windows met so far.
type evaluation struct {
	act      civil.Date
	actText  string
	facts    *Facts
	recorded map[string]int
	used     []PriorUse
	starts   []windowStart
}

type windowStart struct {
	p    Period
	day  civil.Date
	text string
}

// start is the first day of a window before the act, computed once per window.
func (ev *evaluation) start(p Period) (civil.Date, string) {
	for _, w := range ev.starts {
		if w.p == p {
			return w.day, w.text
		}
	}
	d := p.Start(ev.act)
	ev.starts = append(ev.starts, windowStart{p, d, d.String()})
	return d, ev.starts[len(ev.starts)-1].text
}

func (ev *evaluation) use(u PriorUse) {
	if !slices.Contains(ev.used, u) {
		ev.used = append(ev.used, u)
	}
}

// countHolds decides "prior penalties within the window lie in [lo, hi]". The record decides
// exactly when it was consulted. Otherwise the officer's count decides over its own window: equal
// windows exactly; a count over a wider window bounds the narrower one from above, one over a
// narrower window bounds the wider from below; a first offence (never penalised) decides every
// window. Windows are compared by their first day before the act.
func (ev *evaluation) countHolds(window Period, lo, hi *int) (bool, error) {
	from, fromText := ev.start(window)
	if n, ok := ev.recorded[fromText]; ok {
		ev.use(PriorUse{Lookback: window, From: fromText, To: ev.actText, Count: n, Source: PriorFromRecord})
		return (lo == nil || n >= *lo) && (hi == nil || n <= *hi), nil
	}
	f := ev.facts
	typed := f.lookback()
	tfrom, tfromText := ev.start(typed)
	n := f.PriorCount
	ev.use(PriorUse{Lookback: typed, From: tfromText, To: ev.actText, Count: n, Source: PriorFromOfficer})
	atLeast, atMost := 0, -1 // atMost -1: unbounded
	switch {
	case f.FirstOffence:
		atMost = 0
	case tfrom == from:
		atLeast, atMost = n, n
	case tfrom.Before(from):
		atMost = n
	default:
		atLeast = n
	}
	minOK := lo == nil || atLeast >= *lo
	maxOK := hi == nil || (atMost >= 0 && atMost <= *hi)
	if minOK && maxOK {
		return true, nil
	}
	if (lo != nil && atMost >= 0 && atMost < *lo) || (hi != nil && atLeast > *hi) {
		return false, nil
	}
	return false, factRequired("priorCount", "该情形按违法行为发生前"+window.Describe()+"内（"+fromText+"起）因同一违法行为受处罚的次数认定，请按"+
		window.Describe()+"的回溯期统计（lookback: {\"n\": "+strconv.Itoa(window.N)+", \"unit\": \""+window.Unit+"\"}）")
}

// Windows are the look-back periods the benchmark's conditions count prior penalties in, so that
// the record can be asked for each.
func (c Content) Windows() []Period {
	var out []Period
	visit := func(cs []Condition) {
		for _, cd := range cs {
			if cd.Kind == CondFirstOffence || cd.Kind == CondPriorCount {
				if w := cd.window(); !slices.Contains(out, w) {
					out = append(out, w)
				}
			}
		}
	}
	for _, p := range c.Provisions {
		visit(p.When)
	}
	for _, t := range c.Tiers {
		visit(t.Conditions)
	}
	for _, e := range c.NoPenalty {
		visit(e.Conditions)
	}
	return out
}

// Evaluate applies a published benchmark to a case: first the precondition of the violation, if
// the item has one (asked once: without the ignored order the act is not this item's violation);
// then the no-penalty list (行政处罚法 第三十三条: must not penalise a minor, promptly corrected
// act without harm; may not penalise a first offence with slight harm, promptly corrected); then
// the provision whose conditions hold; then, among the rules for the party's type, the most
// severe whose conditions hold, tried in the order 从重、一般、从轻、减轻、不予处罚 and within a
// level in list order, with the rule without conditions as the fallback; and the concrete
// amount: multiples of the base and per-unit rates times the quantity computed exactly in fen,
// then the tier's and the statute's floor and cap (减轻: at or below the statutory minimum), each
// step stated in the result, never silently. s is the statute in force on the act's date; when
// it differs from the version the benchmark was validated against, a note says so.
func Evaluate(b *Benchmark, s Statute, c Case) (Result, error) {
	f := c.Facts
	if err := f.check(); err != nil {
		return Result{}, err
	}
	act, err := civil.ParseDate("actDate", "违法行为发生日期", c.ActDate)
	if err != nil {
		return Result{}, err
	}
	ev := &evaluation{act: act, actText: act.String(), facts: &f, recorded: c.Recorded}
	base := Result{BenchmarkID: b.ID, Version: b.Version, Title: b.Title, DocNo: b.DocNo, RegionCode: b.RegionCode,
		ItemID: b.ItemID, ItemCode: b.ItemCode, ItemName: b.ItemName, Citation: s.Citation, Applicable: true, PartyType: f.PartyType,
		Computation: []string{}, Measures: []MeasureResult{}, Matched: []Match{}, PriorCounts: []PriorUse{}, Notes: []string{}}
	if b.Statute != nil && b.Statute.VersionID != "" && s.VersionID != "" && b.Statute.VersionID != s.VersionID {
		note := "本基准发布时依据的法定处罚（事项版本 " + b.Statute.VersionID + "）与违法行为发生时施行的版本（" + s.VersionID + "）不同，"
		if len(b.Provisions) == 0 {
			note += "计算结果已限定在后者的法定幅度内，"
		}
		base.Notes = append(base.Notes, note+"请核对后适用（行政处罚法 第三十七条）")
	}
	r, err := decide(b, s, ev, base)
	if err != nil {
		return Result{}, err
	}
	r.PriorCounts = append(r.PriorCounts, ev.used...)
	for _, u := range ev.used {
		if r.PriorSource != PriorFromRecord {
			r.PriorSource = u.Source
		}
	}
	if r.PriorSource == PriorFromOfficer {
		why := c.RecordNote
		if why == "" {
			why = "未能从处罚记录统计"
		}
		r.Notes = append(r.Notes, "前次处罚次数按执法人员填报的次数认定（"+why+"），未经处罚记录核对")
	}
	if r.PriorSource == PriorFromRecord && f.FirstOffence {
		for _, u := range ev.used {
			if u.Source == PriorFromRecord && u.Count > 0 {
				r.Notes = append(r.Notes, "处罚记录显示当事人在"+u.From+"以后受过"+strconv.Itoa(u.Count)+"次同类处罚，与填报的“初次违法”不一致，已按处罚记录认定")
				break
			}
		}
	}
	return r, nil
}

func decide(b *Benchmark, s Statute, ev *evaluation, base Result) (Result, error) {
	f := ev.facts
	if p := b.Precondition; p != nil {
		if f.OrderIgnored == nil {
			return Result{}, factRequired("orderIgnored", "本事项的违法行为以“"+p.Text+"”为要件，请确认当事人是否经责令改正而拒不改正（逾期不改正）")
		}
		if !*f.OrderIgnored {
			r := base
			r.Applicable, r.TierName = false, "不构成本项违法行为"
			r.Reason = source(b) + "，本事项的违法行为以“" + p.Text + "”为要件；本案当事人未经责令改正或者已按期改正，不构成本项违法行为，不适用本基准。" +
				"应当先依法责令当事人改正；逾期不改正的，再依本基准裁量。"
			return r, nil
		}
		base.Matched = append(base.Matched, Match{Condition: p.Kind, Description: p.Text})
	}
	for _, mandatory := range []bool{true, false} {
		for _, e := range b.NoPenalty {
			if Mandatory(e.Kind) != mandatory {
				continue
			}
			ok, matched, err := holdsAll(e.Conditions, ev)
			if err != nil {
				return Result{}, err
			}
			if !ok {
				continue
			}
			r := base
			r.Tier, r.TierName, r.LevelName, r.Mandatory, r.NoPenaltyKind = LevelNoPenalty, LevelName(LevelNoPenalty), LevelName(LevelNoPenalty), mandatory, e.Kind
			r.Matched, r.EducationRequired, r.Education = append(append([]Match{}, base.Matched...), matched...), true, e.Education
			r.Reason = noPenaltyReason(b, e, matched)
			if !mandatory {
				alt, err := evaluateTiers(b, s, ev, base, true)
				if err != nil {
					return Result{}, err
				}
				r.IfPenalised = &alt
				r.Reason += "决定给予行政处罚的，" + tierBody(alt)
			}
			return r, nil
		}
	}
	return evaluateTiers(b, s, ev, base, false)
}

// evaluateTiers picks the provision and tier; penalising leaves out the benchmark's own 不予处罚
// tiers, to tell what applies when the agency decides to penalise after all.
func evaluateTiers(b *Benchmark, s Statute, ev *evaluation, r Result, penalising bool) (Result, error) {
	base := r
	f := ev.facts
	rng, key := s.Range(), ""
	if len(b.Provisions) > 0 {
		found := false
		for _, p := range b.Provisions {
			ok, _, err := holdsAll(p.When, ev)
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
	var named []string // the party types the provision's rules name
	for i, t := range b.Tiers {
		if t.Provision != key {
			continue
		}
		cand = append(cand, i)
		for _, p := range t.PartyTypes {
			if !slices.Contains(named, p) {
				named = append(named, p)
			}
		}
	}
	if len(named) > 0 {
		if f.PartyType == "" {
			return Result{}, factRequired("partyType", "本基准对不同当事人类型（"+partiesText(named)+"等）规定了不同的处罚标准，请选择当事人类型")
		}
		var mine []int
		for _, i := range cand {
			if appliesTo(b.Tiers[i].PartyTypes, f.PartyType) {
				mine = append(mine, i)
			}
		}
		if len(mine) == 0 {
			return Result{}, apperr.InvalidField("facts.partyType", "DISCRETION_PARTY_TYPE_NOT_COVERED",
				"本基准没有对"+PartyTypeName(f.PartyType)+"的处罚规定（仅规定了对"+partiesText(named)+"的处罚标准），请核对当事人类型或按法定幅度裁量")
		}
		cand = mine
	}
	chosen, fallbackAt := -1, -1
	var matched []Match
	for _, lv := range precedence {
		for _, i := range cand {
			t := b.Tiers[i]
			if t.Level != lv || (penalising && lv == LevelNoPenalty) {
				continue
			}
			if len(t.Conditions) == 0 {
				if fallback(t) && fallbackAt < 0 {
					fallbackAt = i
				}
				continue
			}
			ok, m, err := t.holds(ev)
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
		chosen = fallbackAt
	}
	if chosen < 0 {
		return Result{}, apperr.Invalid("DISCRETION_TIER_NONE", "本基准没有适用于该事实的裁量阶次")
	}
	t := b.Tiers[chosen]
	r.Tier, r.TierName, r.LevelName, r.Standard = t.Level, t.name(), LevelName(t.Level), t.Standard.Describe()
	r.Measures = measureResults(t.Standard.Measures, f)
	r.Matched = append(append([]Match{}, base.Matched...), matched...)
	if t.Level == LevelNoPenalty {
		r.EducationRequired, r.Education = true, DefaultEducation
		alt, err := evaluateTiers(b, s, ev, base, true)
		if err != nil {
			return Result{}, err
		}
		r.IfPenalised = &alt
		r.Reason = tierReason(b, r) + "决定给予行政处罚的，" + tierBody(alt)
		return r, nil
	}
	r.Penalise, r.Warning = true, t.Standard.Kind == StdWarning || t.Standard.Warning
	if t.Standard.fines() {
		lo, hi, how, err := t.Standard.amount(f)
		if err != nil {
			return Result{}, err
		}
		if t.Standard.Kind == StdPerUnit {
			r.Unit = t.Standard.Unit
		}
		var adj []string
		r.MinFen, r.MaxFen, adj = statutory(lo, hi, t, rng, f)
		r.Computation = append(append([]string{}, how...), adj...)
		r.Clamped = len(adj) > 0 || len(how) > 1
	}
	r.Reason = tierReason(b, r)
	return r, nil
}

// statutory brings a computed range inside the statutory range — [min, max] for the ordinary
// tiers (for a per-unit fine, the floor and cap of the total, if any); at or below the statutory
// minimum for 减轻 (行政处罚法 第三十二条) — and says what moved, never silently.
func statutory(lo, hi int64, t Tier, r Range, f *Facts) (int64, int64, []string) {
	if t.Level == LevelMitigated {
		top, what := r.FineMinFen, "法定最低罚款"
		switch {
		case t.Standard.multiple() && r.MultipleMinPct > 0:
			if b, ok := f.Bases[t.Standard.Base]; ok {
				top, what = mulPct(b, r.MultipleMinPct, true), "法定最低倍数计算的罚款"
			}
		case t.Standard.Kind == StdPerUnit && r.HasPerUnit() && f.Units != nil:
			top, what = perUnit(r.PerUnitMinFen, *f.Units, true), "按法定每"+r.Unit+"最低额计算的罚款"
		}
		if top == 0 {
			return lo, hi, nil
		}
		nlo, nhi, moved := clamp(lo, hi, 0, top)
		if !moved {
			return lo, hi, nil
		}
		return nlo, nhi, []string{"减轻处罚不得超出" + what + yuanText(top) + "，已限定在法定最低处罚以下"}
	}
	floor, top := r.FineMinFen, r.FineMaxFen
	if floor == 0 && top == 0 {
		return lo, hi, nil
	}
	if top == 0 {
		top = math.MaxInt64
	}
	nlo, nhi, moved := clamp(lo, hi, floor, top)
	if !moved {
		return lo, hi, nil
	}
	if hi > top {
		return nlo, nhi, []string{"超过法定最高额" + yuanText(top) + "，已限定在法定幅度内，按" + spanText(yuanText(nlo), yuanText(nhi)) + "处罚"}
	}
	return nlo, nhi, []string{"低于法定最低额" + yuanText(floor) + "，已限定在法定幅度内，按" + spanText(yuanText(nlo), yuanText(nhi)) + "处罚"}
}

// holds decides a tier's conditions.
func (t Tier) holds(ev *evaluation) (bool, []Match, error) {
	if t.Match == MatchAny {
		return holdsAny(t.Conditions, ev)
	}
	return holdsAll(t.Conditions, ev)
}

// holdsAll needs every condition. A condition that clearly fails decides the answer even when
// another one lacks its fact; otherwise the missing fact is asked for.
func holdsAll(cs []Condition, ev *evaluation) (bool, []Match, error) {
	var firstErr error
	matched := make([]Match, 0, len(cs))
	for _, c := range cs {
		ok, err := c.holds(ev)
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
func holdsAny(cs []Condition, ev *evaluation) (bool, []Match, error) {
	var firstErr error
	var matched []Match
	for _, c := range cs {
		ok, err := c.holds(ev)
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
	if r.PartyType != "" {
		s.WriteString("当事人为" + PartyTypeName(r.PartyType) + "，")
	}
	if len(r.Matched) == 0 {
		s.WriteString("本案不具有该基准规定的从重、从轻、减轻等情形，")
	} else {
		s.WriteString("本案具有以下情形：" + descriptions(r.Matched) + "，")
	}
	s.WriteString("适用“" + r.TierName + "”")
	if r.TierName != r.LevelName && r.LevelName != "" {
		s.WriteString("（" + r.LevelName + "）")
	}
	s.WriteString("档次")
	if !r.Penalise {
		s.WriteString("，不予行政处罚，并应当对当事人进行教育。")
		return s.String()
	}
	s.WriteString("：" + r.Standard)
	if r.MinFen > 0 || r.MaxFen > 0 {
		if len(r.Computation) > 0 {
			s.WriteString("；计算：" + strings.Join(r.Computation, "，"))
		}
		s.WriteString("；按本案事实，罚款幅度为" + strings.TrimPrefix(rangeText(r.MinFen, r.MaxFen), "罚款"))
	}
	for _, m := range r.Measures {
		if m.Note != "" {
			s.WriteString("；" + m.Note)
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
