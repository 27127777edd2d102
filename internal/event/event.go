// Package event runs the closed loop of digital urban management (数字城管, GB/T 30428; 12345
// hotline): an event found by a grid worker, reported on the hotline or the portal, referred by a
// department, detected by a camera, assigned by a superior or found in an inspection is located in
// its grid, filed under a category, routed by place and by catalogue item to the one body that must
// act, dispatched with a clock on the working calendar, reported in to (报到), handled, fed back,
// verified and closed — or returned, reworked, extended, suspended or handed over to a case, each
// with its reason in the event's history. "网格呼叫、执法报到".
package event

import (
	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/calendar"
	"zhifa/internal/platform/settings"
)

// Channels an event arrives by.
var channelNames = map[string]string{
	"grid":       "网格员上报",
	"hotline":    "12345热线",
	"portal":     "门户网站",
	"referral":   "部门移送",
	"camera":     "视频/非现场发现",
	"superior":   "上级交办",
	"inspection": "执法巡查发现",
	"open311":    "Open311接口",
}

// ChannelName names a channel.
func ChannelName(c string) string { return channelNames[c] }

// Kinds of a 12345 order (工单类型), each with its own limit.
var hotlineKinds = map[string]string{
	"consult":   "咨询",
	"help":      "求助",
	"complaint": "投诉",
	"report":    "举报",
	"suggest":   "建议",
}

// States of an event.
const (
	Reported   = "reported"   // 待受理
	Registered = "registered" // 已立案待派遣
	Dispatched = "dispatched" // 已派遣待报到
	Accepted   = "accepted"   // 已报到处置中
	Feedback   = "feedback"   // 已反馈待核查
	Returned   = "returned"   // 已退回待改派
	Suspended  = "suspended"  // 挂起
	Closed     = "closed"     // 已结案
	Rejected   = "rejected"   // 不予立案
	ToCase     = "case"       // 已转立案查处
)

var stateNames = map[string]string{
	Reported: "待受理", Registered: "待派遣", Dispatched: "待报到", Accepted: "处置中", Feedback: "待核查",
	Returned: "已退回待改派", Suspended: "挂起", Closed: "已结案", Rejected: "不予立案", ToCase: "已转立案",
}

// StateName names a state.
func StateName(s string) string { return stateNames[s] }

// Open reports whether an event in state s is still on someone's desk.
func Open(s string) bool { return s != Closed && s != Rejected && s != ToCase }

// Actions on an event, with who may take them and from which states.
type action struct {
	name   string
	perm   access.Permission
	from   []string
	to     string
	reason bool // a reason is mandatory
}

var actions = map[string]action{
	"register":  {name: "受理立案", perm: access.EventDispatch, from: []string{Reported}, to: Registered},
	"dispatch":  {name: "派遣", perm: access.EventDispatch, from: []string{Reported, Registered, Returned}, to: Dispatched},
	"reject":    {name: "不予立案", perm: access.EventDispatch, from: []string{Reported, Registered, Returned}, to: Rejected, reason: true},
	"accept":    {name: "报到", perm: access.EventHandle, from: []string{Dispatched}, to: Accepted},
	"return":    {name: "退回", perm: access.EventHandle, from: []string{Dispatched, Accepted}, to: Returned, reason: true},
	"feedback":  {name: "处置反馈", perm: access.EventHandle, from: []string{Accepted}, to: Feedback},
	"verify":    {name: "核查结案", perm: access.EventDispatch, from: []string{Feedback}, to: Closed},
	"rework":    {name: "核查不通过，返工", perm: access.EventDispatch, from: []string{Feedback}, to: Accepted, reason: true},
	"extend":    {name: "申请延期", perm: access.EventHandle, from: []string{Dispatched, Accepted}, reason: true},
	"approve":   {name: "批准延期", perm: access.EventDispatch, from: []string{Dispatched, Accepted}},
	"deny":      {name: "不批准延期", perm: access.EventDispatch, from: []string{Dispatched, Accepted}, reason: true},
	"suspend":   {name: "挂起", perm: access.EventDispatch, from: []string{Dispatched, Accepted}, to: Suspended, reason: true},
	"resume":    {name: "恢复", perm: access.EventDispatch, from: []string{Suspended}, reason: true},
	"case":      {name: "转立案查处", perm: access.EventHandle, from: []string{Accepted, Feedback}, to: ToCase, reason: true},
	"reply":     {name: "答复诉求人", perm: access.EventHandle, from: []string{Accepted, Feedback, Closed}},
	"callback":  {name: "回访", perm: access.EventDispatch, from: []string{Closed}},
	"remind":    {name: "临期提醒"},
	"escalate":  {name: "超期升级督办"},
	"report":    {name: "上报"},
	"duplicate": {name: "疑似重复"},
}

// ActionName names an action in the history.
func ActionName(a string) string { return actions[a].name }

// canTake says whether an action may be taken from a state, and why not.
func canTake(a string, state string) error {
	act, ok := actions[a]
	if !ok || act.perm == "" {
		return apperr.InvalidField("action", "EVENT_ACTION_UNKNOWN", "未知的事件操作："+a)
	}
	for _, f := range act.from {
		if f == state {
			return nil
		}
	}
	if a == "verify" || a == "rework" {
		return apperr.Conflict("EVENT_NOT_FED_BACK", "处置单位尚未反馈处置结果，不能核查结案").
			WithRule("GB/T 30428.2 闭环流程：处置反馈后由监督员核查，核查通过方可结案")
	}
	return apperr.Conflict("EVENT_STATE", "事件当前为“"+StateName(state)+"”，不能"+act.name)
}

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: "event", Name: "事件"}, {Code: "event-category", Name: "事件分类"}}

// Limits are the closed loop's limits a jurisdiction sets.
type Limits struct {
	OfficeHours           string `json:"officeHours" required:"true"`
	UrgentRegisterMinutes int    `json:"urgentRegisterMinutes" required:"true"`
	ReturnWorkdays        int    `json:"returnWorkdays" required:"true"`
	ConsultWorkdays       int    `json:"consultWorkdays" required:"true"`
	HelpWorkdays          int    `json:"helpWorkdays" required:"true"`
	ComplaintWorkdays     int    `json:"complaintWorkdays" required:"true"`
	ReportWorkdays        int    `json:"reportWorkdays" required:"true"`
	SuggestWorkdays       int    `json:"suggestWorkdays" required:"true"`
	RemindPercent         int    `json:"remindPercent" required:"true"`
	DuplicateMeters       int    `json:"duplicateMeters" required:"true"`
	DuplicateHours        int    `json:"duplicateHours" required:"true"`
}

// NationalLimits are the defaults: office hours 08:30–12:00 and 13:30–17:30; an urgent report
// registered within 10 minutes; a misrouted order returned within 2 working days; 12345 limits of
// consultation 2, help 10, complaint and report 15, suggestion 15 working days (国办发〔2020〕53号 and
// the local rules that follow it); a reminder when 80 % of the limit has passed; the same category
// within 50 m and 24 hours suggested as a duplicate.
func NationalLimits() Limits {
	return Limits{OfficeHours: calendar.DefaultOfficeHours, UrgentRegisterMinutes: 10, ReturnWorkdays: 2, ConsultWorkdays: 2,
		HelpWorkdays: 10, ComplaintWorkdays: 15, ReportWorkdays: 15, SuggestWorkdays: 15, RemindPercent: 80,
		DuplicateMeters: 50, DuplicateHours: 24}
}

// Check validates a jurisdiction's limits.
func (l *Limits) Check() error {
	_, err := calendar.ParseOfficeHours(l.OfficeHours)
	return err
}

// LimitsKey is the key of the closed loop's limits.
const LimitsKey = "event.limits"

// LimitsSetting is the kind of setting behind Limits.
var LimitsSetting = settings.Define(settings.Kind{
	Key: LimitsKey, Name: "事件处置时限", Description: "办公时间（工作时按此计算）、紧急立案、退回、12345工单各类型办理时限、临期提醒与疑似重复的判断范围",
	Read: access.EventRead, Write: access.EventSettings,
	Fields: []settings.Field{
		{Name: "officeHours", Label: "办公时间", Type: settings.Text, Max: 60, Help: "如 08:30-12:00,13:30-17:30；按工作时计的处置时限只在工作日的办公时间内计算"},
		{Name: "urgentRegisterMinutes", Label: "紧急事件立案时限", Type: settings.Integer, Unit: "分钟", Min: 1, Max: 120},
		{Name: "returnWorkdays", Label: "错派退回时限", Type: settings.Integer, Unit: "个工作日", Min: 1, Max: 10, Help: "派遣后超过此期限不能再以派遣错误退回"},
		{Name: "consultWorkdays", Label: "12345 咨询类办理时限", Type: settings.Integer, Unit: "个工作日", Min: 1, Max: 30},
		{Name: "helpWorkdays", Label: "12345 求助类办理时限", Type: settings.Integer, Unit: "个工作日", Min: 1, Max: 60},
		{Name: "complaintWorkdays", Label: "12345 投诉类办理时限", Type: settings.Integer, Unit: "个工作日", Min: 1, Max: 60},
		{Name: "reportWorkdays", Label: "12345 举报类办理时限", Type: settings.Integer, Unit: "个工作日", Min: 1, Max: 60},
		{Name: "suggestWorkdays", Label: "12345 建议类办理时限", Type: settings.Integer, Unit: "个工作日", Min: 1, Max: 60},
		{Name: "remindPercent", Label: "临期提醒", Type: settings.Percent, Min: 50, Max: 95, Help: "处置时限过去此比例时提醒处置单位"},
		{Name: "duplicateMeters", Label: "疑似重复：距离", Type: settings.Integer, Unit: "米", Min: 0, Max: 2000},
		{Name: "duplicateHours", Label: "疑似重复：时间窗", Type: settings.Integer, Unit: "小时", Min: 0, Max: 720},
	},
	NationalBasis: "GB/T 30428.2 数字化城市管理信息系统；国办发〔2020〕53号 关于进一步优化地方政务服务便民热线的指导意见及各地12345热线工单办理规范",
}, NationalLimits(), (*Limits).Check)

// Settings are the kinds of setting this feature keeps per jurisdiction.
var Settings = []settings.Kind{LimitsSetting}

func (l Limits) hotlineWorkdays(kind string) int {
	switch kind {
	case "consult":
		return l.ConsultWorkdays
	case "help":
		return l.HelpWorkdays
	case "complaint":
		return l.ComplaintWorkdays
	case "report":
		return l.ReportWorkdays
	case "suggest":
		return l.SuggestWorkdays
	}
	return 0
}
