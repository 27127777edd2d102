package discretion

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// No-penalty kinds (不予处罚清单的类型), 行政处罚法 第三十三条.
const (
	NoPenaltyMinor   = "minor"    // 轻微违法不予处罚: 违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚 (第一款)
	NoPenaltyFirst   = "first"    // 首违不罚: 初次违法且危害后果轻微并及时改正的，可以不予行政处罚 (第一款)
	NoPenaltyNoFault = "no_fault" // 无主观过错: 当事人有证据足以证明没有主观过错的，不予行政处罚 (第二款)
)

// NoPenaltyKinds lists the kinds with Chinese names.
var NoPenaltyKinds = []Option{{NoPenaltyMinor, "轻微违法不予处罚"}, {NoPenaltyFirst, "首违不罚"}, {NoPenaltyNoFault, "无主观过错不予处罚"}}

// Mandatory reports whether a kind of no-penalty binds the agency (应当不予处罚) rather than
// leaving it to its discretion (可以不予处罚).
func Mandatory(kind string) bool { return kind == NoPenaltyMinor || kind == NoPenaltyNoFault }

func noPenaltyRule(kind string) string {
	switch kind {
	case NoPenaltyMinor:
		return "行政处罚法 第三十三条第一款：违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚"
	case NoPenaltyFirst:
		return "行政处罚法 第三十三条第一款：初次违法且危害后果轻微并及时改正的，可以不予行政处罚"
	}
	return "行政处罚法 第三十三条第二款：当事人有证据足以证明没有主观过错的，不予行政处罚"
}

// DefaultEducation is the education given when an entry names none: 行政处罚法 第三十三条第三款
// requires education of a party who is not penalised.
const DefaultEducation = "对当事人进行批评教育，责令改正违法行为"

// NoPenaltyEntry is one line of an item's no-penalty list (轻微违法不予处罚清单、首违不罚清单): the
// kind, the concrete conditions (all must hold), the education given instead of a penalty and the
// document it comes from.
type NoPenaltyEntry struct {
	Kind       string      `json:"kind"`
	Conditions []Condition `json:"conditions"`
	Education  string      `json:"education"`
	Basis      string      `json:"basis,omitempty"`
}

// check validates an entry and normalises it in place. The conditions may make the statutory test
// concrete (areas, counts, durations) but never weaker than 行政处罚法 第三十三条.
func (e *NoPenaltyEntry) check(field string, bases []string, ps *problems) {
	e.Kind = strings.TrimSpace(e.Kind)
	e.Education = strings.TrimSpace(e.Education)
	e.Basis = strings.TrimSpace(e.Basis)
	if e.Education == "" {
		e.Education = DefaultEducation
	}
	if utf8.RuneCountInString(e.Education) > 200 {
		ps.add(field+".education", "DISCRETION_TEXT_TOO_LONG", "教育方式不能超过200个字", "")
	}
	if utf8.RuneCountInString(e.Basis) > 200 {
		ps.add(field+".basis", "DISCRETION_TEXT_TOO_LONG", "依据不能超过200个字", "")
	}
	if e.Conditions == nil {
		e.Conditions = []Condition{}
	}
	checkConditions(field+".conditions", e.Conditions, bases, ps)
	if optionName(NoPenaltyKinds, e.Kind) == "" {
		ps.add(field+".kind", "DISCRETION_NO_PENALTY_KIND_UNKNOWN", "未知不予处罚类型："+e.Kind+"（可选 minor、first、no_fault）", ruleNoPenalty)
		return
	}
	var corrected, first bool
	harm := []string(nil)
	note := false
	for _, c := range e.Conditions {
		if c.Not {
			continue
		}
		switch c.Kind {
		case CondCorrectedPromptly:
			corrected = true
		case CondFirstOffence:
			first = true
		case CondPriorCount:
			first = first || (c.MaxCount != nil && *c.MaxCount == 0)
		case CondHarm:
			harm = c.Harm
		case CondNote:
			note = true
		}
	}
	harmWithin := func(allowed ...string) bool {
		if harm == nil {
			return false
		}
		for _, h := range harm {
			if !slices.Contains(allowed, h) {
				return false
			}
		}
		return true
	}
	msg := ""
	switch e.Kind {
	case NoPenaltyMinor:
		if !corrected || !harmWithin(HarmNone) {
			msg = "轻微违法不予处罚须同时以“及时改正”和“没有造成危害后果”为条件"
		}
	case NoPenaltyFirst:
		if !first || !corrected || !harmWithin(HarmNone, HarmMinor) {
			msg = "首违不罚须同时以“初次违法”“危害后果轻微（或没有危害后果）”和“及时改正”为条件"
		}
	case NoPenaltyNoFault:
		if !note {
			msg = "无主观过错不予处罚须写明当事人足以证明没有主观过错的证据情形"
		}
	}
	if msg != "" {
		ps.add(field+".conditions", "DISCRETION_NO_PENALTY_CONDITIONS", msg+"，不得宽于法定条件", noPenaltyRule(e.Kind))
	}
}

func checkConditions(field string, cs []Condition, bases []string, ps *problems) {
	if len(cs) > MaxConditions {
		ps.add(field, "DISCRETION_TOO_MANY", "条件不能超过20个", "")
		return
	}
	for i := range cs {
		cs[i].check(field+"["+strconv.Itoa(i)+"]", bases, ps)
	}
}

// NoPenaltyListing is one entry of the no-penalty list in force, with the item and benchmark it
// belongs to.
type NoPenaltyListing struct {
	BenchmarkID string `json:"benchmarkId"`
	RegionCode  string `json:"regionCode"`
	ItemID      string `json:"itemId"`
	ItemCode    string `json:"itemCode"`
	ItemName    string `json:"itemName"`
	Title       string `json:"title"`
	DocNo       string `json:"docNo"`
	KindName    string `json:"kindName"`
	Mandatory   bool   `json:"mandatory"`
	NoPenaltyEntry
	ConditionText []string `json:"conditionText"`
}
