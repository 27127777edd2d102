package cases

import (
	"time"

	"zhifa/internal/platform/civil"
)

// Measure kinds (行政强制法 第九条).
const (
	MeasureSeal  = "seal"  // 查封场所、设施或者财物
	MeasureSeize = "seize" // 扣押财物
)

var measureNames = map[string]string{MeasureSeal: "查封", MeasureSeize: "扣押"}

// Measure is a sealing or seizure (行政强制法 第二十四条至第二十八条) with its inventory, period,
// extension, testing time and lifting. An emergency measure taken on the spot is reported to the
// agency's head and approved within 24 hours (第十九条).
type Measure struct {
	ID         string     `json:"id"`
	Kind       string     `json:"kind"`
	Decided    civil.Date `json:"decided"`
	DecisionNo string     `json:"decisionNo,omitempty"`
	Officers   []string   `json:"officers"`
	Inventory  []string   `json:"inventory"` // 查封、扣押清单
	Place      string     `json:"place"`
	Reason     string     `json:"reason"`
	// Emergency: taken on the spot before approval; TakenAt is the moment, Approval must follow
	// within 24 hours.
	Emergency  bool      `json:"emergency,omitempty"`
	TakenAt    time.Time `json:"takenAt,omitempty"`
	Approval   *Approval `json:"approval,omitempty"`
	ApprovedAt time.Time `json:"approvedAt,omitempty"`
	// Days is the period (at most 30, 第二十五条); Extension at most 30 more, once, with reasons.
	Days      int           `json:"days"`
	Extension *MeasureExt   `json:"extension,omitempty"`
	Testing   []TestingTime `json:"testing,omitempty"` // not counted, told to the party in writing
	Lifted    civil.Date    `json:"lifted,omitempty"`
	LiftNote  string        `json:"liftNote,omitempty"`
}

// MeasureExt is the one extension of a sealing or seizure.
type MeasureExt struct {
	Date     civil.Date `json:"date"`
	Days     int        `json:"days"`
	Reason   string     `json:"reason"`
	Approval Approval   `json:"approval"`
}

// TestingTime is a period of testing, inspection or appraisal during a seizure, which does not
// count toward its period and is told to the party in writing (第二十五条第三款).
type TestingTime struct {
	From civil.Date `json:"from"`
	To   civil.Date `json:"to,omitempty"`
	Told civil.Date `json:"told"`
	What string     `json:"what"`
}

// Reminder is the written reminder before enforcement (催告书, 行政强制法 第三十五条) and its
// service.
type Reminder struct {
	Served civil.Date `json:"served"`
	Method string     `json:"method"`
	Days   int        `json:"days"` // the time given to perform
	Note   string     `json:"note,omitempty"`
}

// CourtApply is the application to the people's court for enforcement (行政强制法 第五十三条、
// 第五十四条).
type CourtApply struct {
	Date   civil.Date `json:"date"`
	Court  string     `json:"court"`
	Result string     `json:"result,omitempty"`
}

// Transfer is the transfer of a suspected crime to the police (行政执法机关移送涉嫌犯罪案件的规定,
// 国务院令第310号).
type Transfer struct {
	Reported   civil.Date    `json:"reported"` // 专案组报告
	Team       []string      `json:"team"`
	Report     string        `json:"report"`
	Decision   *Approval     `json:"decision,omitempty"` // 负责人 3日内决定
	DecidedAt  time.Time     `json:"decidedAt,omitempty"`
	SentAt     time.Time     `json:"sentAt,omitempty"` // 批准后24小时内移送
	Police     string        `json:"police,omitempty"`
	Answer     *PoliceAnswer `json:"answer,omitempty"`
	Reconsider civil.Date    `json:"reconsider,omitempty"` // 不予立案的，3日内提请复议
	Exhibits   civil.Date    `json:"exhibits,omitempty"`   // 立案后3日内移交涉案物品
	Returned   civil.Date    `json:"returned,omitempty"`   // 公安机关不予立案、撤销案件退回的
}

// PoliceAnswer is the police's decision on a transferred case.
type PoliceAnswer struct {
	Date     civil.Date `json:"date"`
	Accepted bool       `json:"accepted"` // 立案
	Note     string     `json:"note"`
}

// declined reports that the police did not open a case (and no reconsideration is awaiting its
// answer): the case goes on as an administrative one.
func (t *Transfer) declined() bool {
	return t.Answer != nil && !t.Answer.Accepted && (t.Reconsider.IsZero() || t.Answer.Date.After(t.Reconsider))
}
