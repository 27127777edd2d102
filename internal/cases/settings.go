package cases

import (
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/settings"
)

// What the law leaves to provinces, cities and departments, kept per jurisdiction with the
// national default (settings per jurisdiction; the nearest ancestor's value applies).

// Limits are the case-handling limits a jurisdiction sets by its own or its department's rules.
type Limits struct {
	LeadVerifyWorkdays int `json:"leadVerifyWorkdays" required:"true"` // 线索核查期限（工作日）
	LeadExtendWorkdays int `json:"leadExtendWorkdays" required:"true"` // 经批准延长的核查期限（工作日）
	DecisionDays       int `json:"decisionDays" required:"true"`       // 办案期限：自立案之日起（日）
	ExtensionDays      int `json:"extensionDays" required:"true"`      // 经批准延长的办案期限（日）
	MaxExtensions      int `json:"maxExtensions" required:"true"`      // 可延长次数
	StatementWorkdays  int `json:"statementWorkdays" required:"true"`  // 陈述、申辩期限（工作日）
	SimpleFileWorkdays int `json:"simpleFileWorkdays" required:"true"` // 当场处罚决定报所属机关备案期限（工作日）
	// NightFrom and NightTo bound the night in which no enforcement is carried out (行政强制法
	// 第四十三条 leaves 夜间 undefined; most local rules take 22:00 to 6:00).
	NightFrom int `json:"nightFrom" required:"true"`
	NightTo   int `json:"nightTo" required:"true"`
}

// NationalLimits are the defaults: verify a lead within 15 working days, +15 with approval, and
// decide within 90 days of filing, +30 once with approval (市场监督管理行政处罚程序规定 第十八条、
// 第六十四条, the model most local rules follow; 行政处罚法 第六十条 sets the 90 days); statement and
// defence within 5 working days of notice; an on-the-spot decision filed with the agency within 3
// working days.
func NationalLimits() Limits {
	return Limits{LeadVerifyWorkdays: 15, LeadExtendWorkdays: 15, DecisionDays: 90, ExtensionDays: 30, MaxExtensions: 1,
		StatementWorkdays: 5, SimpleFileWorkdays: 3, NightFrom: 22, NightTo: 6}
}

// Check validates a jurisdiction's limits.
func (l *Limits) Check() error {
	if l.NightFrom < 0 || l.NightFrom > 23 || l.NightTo < 0 || l.NightTo > 23 || l.NightFrom == l.NightTo {
		return apperr.InvalidField("nightFrom", "CASE_NIGHT_INVALID", "夜间起止时刻应为0至23之间的不同整点").
			WithRule("行政强制法 第四十三条：行政机关不得在夜间或者法定节假日实施行政强制执行")
	}
	if l.DecisionDays > 90 {
		return apperr.InvalidField("decisionDays", "CASE_LIMIT_ABOVE_LAW", "办案期限自立案之日起不得超过九十日（延长另行设置）").
			WithRule("行政处罚法 第六十条：行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章另有规定的，从其规定")
	}
	return nil
}

// LimitsKey is the key of the case-handling limits.
const LimitsKey = "cases.limits"

// LimitsSetting is the kind of setting of the case-handling limits.
var LimitsSetting = settings.Define(settings.Kind{
	Key:         LimitsKey,
	Name:        "办案期限",
	Description: "线索核查、办案期限及其延长、陈述申辩期限、当场处罚备案期限；本级未设置的，采用上级设置或全国默认值",
	Read:        access.CaseRead,
	Write:       access.CaseSettings,
	Fields: []settings.Field{
		{Name: "leadVerifyWorkdays", Label: "线索核查期限", Type: settings.Integer, Unit: "个工作日", Min: 1, Max: 60,
			Help: "自收到线索之日起核查并决定是否立案的期限"},
		{Name: "leadExtendWorkdays", Label: "核查期限经批准可延长", Type: settings.Integer, Unit: "个工作日", Min: 0, Max: 60},
		{Name: "decisionDays", Label: "办案期限（自立案之日起）", Type: settings.Integer, Unit: "日", Min: 1, Max: 90,
			Help: "行政处罚法第六十条：九十日；检测、检验、鉴定、听证、公告、中止等期间不计入"},
		{Name: "extensionDays", Label: "办案期限经批准可延长", Type: settings.Integer, Unit: "日", Min: 0, Max: 365},
		{Name: "maxExtensions", Label: "可延长次数", Type: settings.Integer, Unit: "次", Min: 0, Max: 5},
		{Name: "statementWorkdays", Label: "陈述、申辩期限（自告知书送达之日起）", Type: settings.Integer, Unit: "个工作日", Min: 1, Max: 30},
		{Name: "simpleFileWorkdays", Label: "当场处罚决定备案期限", Type: settings.Integer, Unit: "个工作日", Min: 1, Max: 30,
			Help: "行政处罚法第五十二条：当场作出的行政处罚决定报所属行政机关备案"},
		{Name: "nightFrom", Label: "夜间起始时刻", Type: settings.Integer, Unit: "时", Min: 0, Max: 23,
			Help: "行政强制法第四十三条：不得在夜间或者法定节假日实施行政强制执行（情况紧急的除外）"},
		{Name: "nightTo", Label: "夜间结束时刻（次日）", Type: settings.Integer, Unit: "时", Min: 0, Max: 23},
	},
	NationalBasis: "全国默认值：行政处罚法第六十条（九十日）；市场监督管理行政处罚程序规定第十八条、第五十七条、第六十四条、第七十条",
}, NationalLimits(), (*Limits).Check)

// HearingKey is the key of the hearing thresholds.
const HearingKey = "cases.hearing"

// NationalHearing are the default thresholds of "较大数额": fines of 5,000 yuan for a citizen and
// 100,000 yuan for an organisation, and confiscations of the same amounts. Provinces and State
// Council departments set their own (行政处罚法 第六十三条).
func NationalHearing() HearingThresholds {
	return HearingThresholds{PersonFineFen: 5000_00, OrgFineFen: 100000_00, PersonConfiscateFen: 5000_00, OrgConfiscateFen: 100000_00}
}

// Check validates hearing thresholds.
func (h *HearingThresholds) Check() error {
	if h.PersonFineFen <= 0 || h.OrgFineFen <= 0 {
		return apperr.InvalidField("personFineFen", "CASE_HEARING_THRESHOLD_INVALID", "较大数额罚款的标准应大于零")
	}
	return nil
}

// HearingSetting is the kind of setting of the hearing thresholds.
var HearingSetting = settings.Define(settings.Kind{
	Key:         HearingKey,
	Name:        "听证标准（较大数额）",
	Description: "拟作出较大数额罚款、没收较大数额违法所得或较大价值非法财物的，当事人有权要求听证；数额由省级或国务院部门规定",
	Read:        access.CaseRead,
	Write:       access.CaseSettings,
	Fields: []settings.Field{
		{Name: "personFineFen", Label: "对公民罚款达到", Type: settings.Yuan, Min: 1, Max: 100_000_000_00},
		{Name: "orgFineFen", Label: "对法人或其他组织罚款达到", Type: settings.Yuan, Min: 1, Max: 100_000_000_00},
		{Name: "personConfiscateFen", Label: "没收公民违法所得或非法财物价值达到", Type: settings.Yuan, Min: 0, Max: 100_000_000_00},
		{Name: "orgConfiscateFen", Label: "没收法人或其他组织违法所得或非法财物价值达到", Type: settings.Yuan, Min: 0, Max: 100_000_000_00},
	},
	NationalBasis: "全国默认值：公民5000元、法人或其他组织10万元（各省、国务院部门另有规定的，按其规定设置）",
}, NationalHearing(), (*HearingThresholds).Check)

// Numbering is how a jurisdiction numbers its case documents (文书编号): a pattern with the
// agency's short name, the kind's word, the year and the number, e.g. 阳综执罚〔2026〕12号.
type Numbering struct {
	Pattern   string `json:"pattern" required:"true"`   // {简称}{类别}〔{年}〕{号}号
	ShortName string `json:"shortName" required:"true"` // 机关简称：阳综执
	Filing    string `json:"filing" required:"true"`    // 立案：立
	Decision  string `json:"decision" required:"true"`  // 处罚决定：罚
	NoPenalty string `json:"noPenalty" required:"true"` // 不予处罚决定：不罚
	Simple    string `json:"simple" required:"true"`    // 当场处罚决定：简罚
	Notice    string `json:"notice" required:"true"`    // 行政处罚告知：告
	Measure   string `json:"measure" required:"true"`   // 查封扣押决定：强
}

// NationalNumbering is the default pattern; a jurisdiction sets its agency's short name.
func NationalNumbering() Numbering {
	return Numbering{Pattern: "{简称}{类别}〔{年}〕{号}号", ShortName: "综执", Filing: "立", Decision: "罚", NoPenalty: "不罚",
		Simple: "简罚", Notice: "告", Measure: "强"}
}

// Check validates a numbering pattern: it must contain the year and the number.
func (n *Numbering) Check() error {
	if !strings.Contains(n.Pattern, "{年}") || !strings.Contains(n.Pattern, "{号}") {
		return apperr.InvalidField("pattern", "CASE_NUMBERING_INVALID", "文书编号格式须包含{年}与{号}，可包含{简称}与{类别}")
	}
	for _, f := range []string{n.ShortName, n.Filing, n.Decision, n.NoPenalty, n.Simple, n.Notice, n.Measure} {
		if strings.ContainsAny(f, "{}") {
			return apperr.InvalidField("shortName", "CASE_NUMBERING_INVALID", "简称与类别中不能含有花括号")
		}
	}
	return nil
}

// NumberingKey is the key of the document numbering.
const NumberingKey = "cases.numbering"

// NumberingSetting is the kind of setting of the document numbering.
var NumberingSetting = settings.Define(settings.Kind{
	Key:         NumberingKey,
	Name:        "案件文书编号",
	Description: "立案、告知、决定等文书的编号格式；每个机关、每类文书、每年从1起连续编号，不跳号",
	Read:        access.CaseRead,
	Write:       access.CaseSettings,
	Fields: []settings.Field{
		{Name: "pattern", Label: "编号格式", Type: settings.Text, Max: 40, Help: "可用 {简称}{类别}{年}{号}，如 {简称}{类别}〔{年}〕{号}号"},
		{Name: "shortName", Label: "机关简称", Type: settings.Text, Max: 12},
		{Name: "filing", Label: "立案审批表类别字", Type: settings.Text, Max: 6},
		{Name: "notice", Label: "行政处罚告知书类别字", Type: settings.Text, Max: 6},
		{Name: "decision", Label: "行政处罚决定书类别字", Type: settings.Text, Max: 6},
		{Name: "noPenalty", Label: "不予行政处罚决定书类别字", Type: settings.Text, Max: 6},
		{Name: "simple", Label: "当场行政处罚决定书类别字", Type: settings.Text, Max: 6},
		{Name: "measure", Label: "查封扣押决定书类别字", Type: settings.Text, Max: 6},
	},
	NationalBasis: "全国默认格式；机关简称由本辖区设置",
}, NationalNumbering(), (*Numbering).Check)

// Settings are the kinds of setting this feature keeps per jurisdiction.
var Settings = []settings.Kind{LimitsSetting, HearingSetting, NumberingSetting, EvidenceSetting, DocumentAgencySetting, PublicitySetting}
