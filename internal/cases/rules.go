package cases

import (
	"fmt"
	"slices"
	"strings"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// The rules of the Administrative Penalty Law as pure functions. Each returns a coded apperr
// error whose Rule cites the article, or nil.

// Simple-procedure limits (行政处罚法 第五十一条): a warning, or a fine of at most 200 yuan for a
// citizen and 3,000 yuan for a legal person or other organisation.
const (
	SimpleMaxFenPerson = civil.Fen(200_00)
	SimpleMaxFenOrg    = civil.Fen(3000_00)
	// OnSpotMaxFen is the most an officer may collect on the spot without hardship (第六十八条).
	OnSpotMaxFen = civil.Fen(100_00)
)

const (
	art51 = "行政处罚法 第五十一条：违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定"
	art68 = "行政处罚法 第六十八条：依照简易程序当场作出行政处罚决定，依法给予一百元以下罚款或者不当场收缴事后难以执行的，执法人员可以当场收缴罚款"
	art42 = "行政处罚法 第四十二条：行政处罚应当由具有行政执法资格的执法人员实施，执法人员不得少于两人"
	art36 = "行政处罚法 第三十六条：违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年"
	art45 = "行政处罚法 第四十五条：行政机关不得因当事人陈述、申辩而给予更重的处罚"
	art29 = "行政处罚法 第二十九条：对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚"
	art25 = "行政处罚法 第二十五条：两个以上行政机关都有管辖权的，由最先立案的行政机关管辖"
)

// CheckSimple checks that a penalty may be decided on the spot under the simple procedure.
func CheckSimple(t PartyType, p Penalty) error {
	limit, who := SimpleMaxFenPerson, "公民"
	if t.Organisation() {
		limit, who = SimpleMaxFenOrg, "法人或者其他组织"
	}
	for _, k := range p.Kinds {
		if k != KindWarning && k != KindFine {
			return apperr.InvalidField("penalty.kinds", "CASE_SIMPLE_KIND", "简易程序只能给予警告或者罚款，不能给予"+k+"，请适用普通程序").WithRule(art51)
		}
	}
	if len(p.Kinds) == 0 {
		return apperr.InvalidField("penalty.kinds", "CASE_PENALTY_KIND_REQUIRED", "请选择处罚种类（警告或者罚款）").WithRule(art51)
	}
	if p.FineFen > limit {
		return apperr.InvalidField("penalty.fineFen", "CASE_SIMPLE_LIMIT",
			fmt.Sprintf("对%s当场罚款不能超过%s，本案罚款%s，请适用普通程序", who, limit.Yuan(), p.FineFen.Yuan())).WithRule(art51)
	}
	if slices.Contains(p.Kinds, KindFine) != (p.FineFen > 0) {
		return apperr.InvalidField("penalty.fineFen", "CASE_FINE_MISMATCH", "选择罚款的，须填写罚款金额；未选择罚款的，罚款金额应为0")
	}
	return nil
}

// CheckOnSpotCollection checks that a fine may be collected on the spot: at most 100 yuan, or a
// fine that would be hard to collect afterwards (第六十八条), or one in a remote area, on water or
// where transport is difficult, at the party's request (第六十九条).
func CheckOnSpotCollection(fine civil.Fen, hardship string) error {
	if fine <= OnSpotMaxFen || strings.TrimSpace(hardship) != "" {
		return nil
	}
	return apperr.InvalidField("onSpot", "CASE_ON_SPOT_NOT_ALLOWED",
		"罚款"+fine.Yuan()+"超过一百元，当场收缴须写明不当场收缴事后难以执行或者边远、水上、交通不便地区等情形；否则应由当事人到指定银行缴纳（罚缴分离）").WithRule(art68)
}

// HearingThresholds are the amounts from which a fine or confiscation is "较大数额" and gives the
// party the right to a hearing (行政处罚法 第六十三条: 具体数额由省、自治区、直辖市或国务院部门规定).
type HearingThresholds struct {
	PersonFineFen       civil.Fen `json:"personFineFen" required:"true"`
	OrgFineFen          civil.Fen `json:"orgFineFen" required:"true"`
	PersonConfiscateFen civil.Fen `json:"personConfiscateFen" required:"true"`
	OrgConfiscateFen    civil.Fen `json:"orgConfiscateFen" required:"true"`
}

// heavyKinds are the penalties that always give the right to a hearing (第六十三条第一款第（三）至
// （五）项, and 其他较重的行政处罚).
var heavyKinds = []string{"降低资质等级", "吊销许可证件", "责令停产停业", "责令关闭", "限制从业", "限制开展生产经营活动"}

const art63 = "行政处罚法 第六十三条：拟作出较大数额罚款、没收较大数额违法所得、没收较大价值非法财物、降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业等行政处罚决定的，应当告知当事人有要求听证的权利"

// HearingRight tells whether a proposed penalty gives the party the right to a hearing, and why.
func HearingRight(t PartyType, p Penalty, th HearingThresholds) (bool, string) {
	fine, conf := th.PersonFineFen, th.PersonConfiscateFen
	who := "公民"
	if t.Organisation() {
		fine, conf, who = th.OrgFineFen, th.OrgConfiscateFen, "法人或者其他组织"
	}
	for _, k := range p.Kinds {
		if slices.Contains(heavyKinds, k) {
			return true, "拟给予" + k
		}
	}
	if fine > 0 && p.FineFen >= fine {
		return true, fmt.Sprintf("拟对%s罚款%s，达到较大数额（%s以上）", who, p.FineFen.Yuan(), fine.Yuan())
	}
	if conf > 0 && p.ConfiscateFen >= conf {
		return true, fmt.Sprintf("拟没收违法所得%s，达到较大数额（%s以上）", p.ConfiscateFen.Yuan(), conf.Yuan())
	}
	return false, ""
}

// LegalReviewReasons lists why a decision needs legal review first (行政处罚法 第五十八条), empty
// when none applies.
func LegalReviewReasons(st *State) []string {
	var out []string
	if r := st.Report; r != nil {
		if r.PublicInterest {
			out = append(out, "涉及重大公共利益")
		}
		if r.ManyRelations {
			out = append(out, "案件情况疑难复杂、涉及多个法律关系")
		}
		if r.OtherReview {
			out = append(out, "法律、法规规定应当进行法制审核的其他情形")
		}
	}
	if h := st.Hearing; h != nil && !h.Held.IsZero() {
		out = append(out, "直接关系当事人重大权益，经过听证程序")
	}
	return out
}

const art58 = "行政处罚法 第五十八条：有下列情形之一，在行政机关负责人作出行政处罚的决定之前，应当由从事行政处罚决定法制审核的人员进行法制审核；未经法制审核或者审核未通过的，不得作出决定"

// LimitationEnd is the last day the act may be discovered (行政处罚法 第三十六条): two years — five
// where it harmed life, health or financial safety with consequences — from the act, or from the
// day a continuing or repeated act ended.
func LimitationEnd(act, actEnd civil.Date, serious bool) civil.Date {
	start := act
	if !actEnd.IsZero() && actEnd.After(act) {
		start = actEnd
	}
	years := 2
	if serious {
		years = 5
	}
	return start.AddYears(years)
}

// CheckLimitation refuses a case for an act discovered after the limitation period.
func CheckLimitation(act, actEnd, discovered civil.Date, serious bool) error {
	end := LimitationEnd(act, actEnd, serious)
	if discovered.After(end) {
		years := "二年"
		if serious {
			years = "五年"
		}
		return apperr.InvalidField("actDate", "CASE_LIMITATION_EXPIRED",
			fmt.Sprintf("违法行为自%s起%s内未被发现（%s发现，期限届满于%s），不再给予行政处罚", startOf(act, actEnd).Chinese(), years,
				discovered.Chinese(), end.Chinese())).WithRule(art36)
	}
	return nil
}

func startOf(act, actEnd civil.Date) civil.Date {
	if !actEnd.IsZero() && actEnd.After(act) {
		return actEnd
	}
	return act
}

// Certificate is an enforcement certificate as the officer rule needs it.
type Certificate struct {
	Number  string     `json:"number"`
	Domains []string   `json:"domains"`
	From    civil.Date `json:"from"`
	To      civil.Date `json:"to"`
}

// DomainComprehensive is the certificate domain of comprehensive enforcement (综合行政执法): it
// covers every item the comprehensive bureau or a township exercises.
const DomainComprehensive = "综合"

// Covers reports whether the certificate is valid on a day for an item's domain.
func (c Certificate) Covers(domain string, d civil.Date) bool {
	if d.Before(c.From) || d.After(c.To) {
		return false
	}
	return domain == "" || slices.Contains(c.Domains, domain) || slices.Contains(c.Domains, DomainComprehensive)
}

// OfficerInfo is an officer with their certificates.
type OfficerInfo struct {
	PersonID     string        `json:"personId"`
	Name         string        `json:"name"`
	WorkOrgID    string        `json:"workOrgId"`
	Certificates []Certificate `json:"certificates"`
}

// Qualified returns the certificate that lets the officer act on a day for a domain.
func (o OfficerInfo) Qualified(domain string, d civil.Date) (Certificate, bool) {
	for _, c := range o.Certificates {
		if c.Covers(domain, d) {
			return c, true
		}
	}
	return Certificate{}, false
}

// CheckOfficers checks that at least two of the officers hold a certificate valid on the day for
// the item's domain (行政处罚法 第四十二条), naming those who do not.
func CheckOfficers(field string, officers []OfficerInfo, domain string, d civil.Date) error {
	var ok int
	var bad []string
	for _, o := range officers {
		if _, q := o.Qualified(domain, d); q {
			ok++
		} else {
			bad = append(bad, o.Name)
		}
	}
	if ok >= 2 {
		return nil
	}
	msg := fmt.Sprintf("执法人员不得少于两人且均须持有%s有效、执法领域涵盖“%s”的行政执法证件；符合条件的只有%d人", d.Chinese(), domainLabel(domain), ok)
	if len(bad) > 0 {
		msg += "（" + strings.Join(bad, "、") + " 无有效证件或证件领域不符）"
	}
	return apperr.InvalidField(field, "CASE_OFFICERS_UNQUALIFIED", msg).WithRule(art42)
}

func domainLabel(d string) string {
	if d == "" {
		return "本事项"
	}
	return d
}

// CheckFine checks a penalty against the statutory range of the item version that applies and
// against the benchmark tier applied: a fine outside the statute is refused; outside the tier it
// needs a recorded reason (国办发〔2022〕27号: 不得超出裁量基准，确需超出的应当说明理由).
func CheckFine(field string, p Penalty, ex Exercise) error {
	if p.FineFen < 0 || p.ConfiscateFen < 0 {
		return apperr.InvalidField(field+".fineFen", "CASE_AMOUNT_NEGATIVE", "金额不能为负数")
	}
	if len(p.Kinds) == 0 {
		return apperr.InvalidField(field+".kinds", "CASE_PENALTY_KIND_REQUIRED", "请选择处罚种类")
	}
	for _, k := range p.Kinds {
		if len(ex.PenaltyKinds) > 0 && !slices.Contains(ex.PenaltyKinds, k) {
			return apperr.InvalidField(field+".kinds", "CASE_PENALTY_KIND_NOT_ALLOWED",
				"事项“"+ex.ItemName+"”的处罚依据未规定“"+k+"”（可给予："+strings.Join(ex.PenaltyKinds, "、")+"）").
				WithRule("行政处罚法 第四条：对违法行为给予行政处罚的规定必须公布；未经公布的，不得作为行政处罚的依据")
		}
	}
	if slices.Contains(p.Kinds, KindFine) != (p.FineFen > 0) {
		return apperr.InvalidField(field+".fineFen", "CASE_FINE_MISMATCH", "选择罚款的，须填写罚款金额；未选择罚款的，罚款金额应为0")
	}
	if p.FineFen > 0 {
		// Below the statutory minimum only as a mitigated penalty, with its reason (减轻处罚).
		if p.FineFen < ex.FineMinFen && strings.TrimSpace(p.Departure) == "" {
			return apperr.InvalidField(field+".fineFen", "CASE_FINE_BELOW_STATUTE",
				fmt.Sprintf("罚款%s低于法定最低额%s；减轻处罚须写明依据的情形", p.FineFen.Yuan(), ex.FineMinFen.Yuan())).
				WithRule("行政处罚法 第三十二条：当事人有下列情形之一，应当从轻或者减轻行政处罚")
		}
		if ex.FineMaxFen > 0 && p.FineFen > ex.FineMaxFen {
			return apperr.InvalidField(field+".fineFen", "CASE_FINE_ABOVE_STATUTE",
				fmt.Sprintf("罚款%s超过法定最高额%s（%s）", p.FineFen.Yuan(), ex.FineMaxFen.Yuan(), ex.PenaltyBasis)).
				WithRule("行政处罚法 第五条：设定和实施行政处罚必须以事实为依据，与违法行为的事实、性质、情节以及社会危害程度相当")
		}
	}
	// The tier's range as the server worked it out (applyBenchmark); a tier without a fine has
	// both ends 0, and a fine there, or none where the tier fines, leaves the tier too.
	if p.BenchmarkID != "" && (p.FineFen < p.TierMinFen || p.FineFen > p.TierMaxFen) && strings.TrimSpace(p.Departure) == "" {
		tier := "不处罚款"
		if p.TierMaxFen > 0 {
			tier = p.TierMinFen.Yuan() + "至" + p.TierMaxFen.Yuan()
		}
		return apperr.InvalidField(field+".departure", "CASE_OUTSIDE_BENCHMARK",
			fmt.Sprintf("罚款%s不在裁量基准“%s”档次的幅度（%s）内，须说明理由", p.FineFen.Yuan(), p.Tier, tier)).
			WithRule("国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见（国办发〔2022〕27号）：适用裁量基准……确需超出的，应当说明理由")
	}
	if p.BenchmarkID != "" && p.TierWarning && !slices.Contains(p.Kinds, KindWarning) && strings.TrimSpace(p.Departure) == "" {
		return apperr.InvalidField(field+".kinds", "CASE_OUTSIDE_BENCHMARK",
			fmt.Sprintf("裁量基准“%s”档次规定给予警告，请选择“警告”或者说明理由", p.Tier)).
			WithRule("国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见（国办发〔2022〕27号）：适用裁量基准……确需超出的，应当说明理由")
	}
	return nil
}

// CheckNotHeavier refuses a decision heavier than the penalty the party was told of: a heavier one
// needs a new notice, and never because the party defended themselves (行政处罚法 第四十五条).
func CheckNotHeavier(decided, notified []Penalty) error {
	byParty := map[string]Penalty{}
	for _, p := range notified {
		byParty[p.PartyID] = p
	}
	for _, p := range decided {
		n, ok := byParty[p.PartyID]
		if !ok {
			return apperr.InvalidField("penalties", "CASE_PARTY_NOT_NOTIFIED", "该当事人未经行政处罚事先告知，不能作出处罚决定").
				WithRule("行政处罚法 第六十二条：行政机关及其执法人员在作出行政处罚决定之前，未依照本法第四十四条、第四十五条的规定向当事人告知……不得作出行政处罚决定")
		}
		heavier := p.FineFen > n.FineFen || p.ConfiscateFen > n.ConfiscateFen
		for _, k := range p.Kinds {
			if !slices.Contains(n.Kinds, k) {
				heavier = true
			}
		}
		if heavier {
			return apperr.InvalidField("penalties", "CASE_HEAVIER_THAN_NOTICE",
				"决定的处罚重于告知的处罚（告知："+describePenalty(n)+"；决定："+describePenalty(p)+"）。不得因当事人陈述、申辩而加重处罚；确因新的事实须加重的，应当重新告知").
				WithRule(art45)
		}
	}
	return nil
}

// describePenalty says a penalty in words: 警告，罚款2,000元.
func describePenalty(p Penalty) string {
	var parts []string
	for _, k := range p.Kinds {
		switch k {
		case KindFine:
			parts = append(parts, "罚款"+p.FineFen.Yuan())
		case KindConfiscate:
			if p.ConfiscateFen > 0 {
				parts = append(parts, "没收违法所得"+p.ConfiscateFen.Yuan())
			} else {
				parts = append(parts, k)
			}
		default:
			parts = append(parts, k)
		}
	}
	if len(parts) == 0 {
		return "不予处罚"
	}
	return strings.Join(parts, "，")
}

// LatePenaltyRate is the daily late-payment penalty (行政处罚法 第七十二条: 每日按罚款数额的百分之三
// 加处罚款，加处罚款的数额不得超出罚款的数额).
const LatePenaltyPct = 3

// LatePenalty is the late-payment penalty on a fine due on due, counted to day, less the days a
// reconsideration or lawsuit paused it: 3 % a day, never more than the fine.
func LatePenalty(fine civil.Fen, due, day civil.Date, pausedDays int) civil.Fen {
	days := day.Sub(due) - pausedDays
	if days <= 0 || fine <= 0 {
		return 0
	}
	late := civil.Fen(int64(fine) * int64(days) * LatePenaltyPct / 100)
	return min(late, fine)
}
