package event

import (
	"context"
	"math"
	"sort"
	"time"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/settings"
)

// IndicatorQuery chooses the period and the grouping.
type IndicatorQuery struct {
	From  string `query:"from" text:"10" doc:"起始日期 YYYY-MM-DD，默认本月1日"`
	To    string `query:"to" text:"10" doc:"截止日期（含），默认今天"`
	Group string `query:"group" text:"10" doc:"team 按处置单位（默认）| township 按乡镇"`
}

// Formula names an indicator and how it is counted (GB/T 30428.3 评价指标).
type Formula struct {
	Key     string `json:"key"`
	Name    string `json:"name"`
	Formula string `json:"formula"`
}

// Formulas lists the indicators in display order.
var Formulas = []Formula{
	{"registerRate", "立案率", "立案数 ÷ 上报数 × 100%（不予立案的无效上报不计入立案数）"},
	{"dispatchAccuracy", "派遣准确率", "(派遣数 − 因派遣错误退回数) ÷ 派遣数 × 100%"},
	{"handleRate", "处置率", "已反馈处置数 ÷ 派遣数 × 100%"},
	{"onTimeHandleRate", "按期处置率", "在处置时限内反馈的事件数 ÷ 已反馈处置数 × 100%"},
	{"closeRate", "结案率", "结案数 ÷ 立案数 × 100%"},
	{"onTimeCloseRate", "按期结案率", "按期处置且核查结案的事件数 ÷ 结案数 × 100%"},
	{"reworkRate", "返工率", "核查不通过返工过的事件数 ÷ 已反馈处置数 × 100%"},
	{"extensionRate", "延期率", "批准延期过的事件数 ÷ 派遣数 × 100%"},
	{"overduePendingRate", "超期未处置率", "截至统计时点已超过处置时限仍未反馈的事件数 ÷ 派遣数 × 100%"},
	{"meanHandleHours", "平均处置时长", "各事件自派遣至处置反馈的工作时长之和 ÷ 已反馈处置数（工作时）"},
}

// Row is the indicators of one team or township.
type Row struct {
	Key                string   `json:"key"`
	Name               string   `json:"name"`
	Lng                float64  `json:"lng"` // the mean place of its events, for the map
	Lat                float64  `json:"lat"`
	Reported           int      `json:"reported"`
	Registered         int      `json:"registered"`
	Dispatched         int      `json:"dispatched"`
	Misrouted          int      `json:"misrouted"`
	Handled            int      `json:"handled"`
	HandledOnTime      int      `json:"handledOnTime"`
	Closed             int      `json:"closed"`
	ClosedOnTime       int      `json:"closedOnTime"`
	Reworked           int      `json:"reworked"`
	Extended           int      `json:"extended"`
	OverduePending     int      `json:"overduePending"`
	RegisterRate       *float64 `json:"registerRate"`
	DispatchAccuracy   *float64 `json:"dispatchAccuracy"`
	HandleRate         *float64 `json:"handleRate"`
	OnTimeHandleRate   *float64 `json:"onTimeHandleRate"`
	CloseRate          *float64 `json:"closeRate"`
	OnTimeCloseRate    *float64 `json:"onTimeCloseRate"`
	ReworkRate         *float64 `json:"reworkRate"`
	ExtensionRate      *float64 `json:"extensionRate"`
	OverduePendingRate *float64 `json:"overduePendingRate"`
	MeanHandleHours    *float64 `json:"meanHandleHours"`
	handleMinutes      int
}

// Indicators are the indicators of a period, per group and in total.
type Indicators struct {
	From     string    `json:"from"`
	To       string    `json:"to"`
	Group    string    `json:"group"`
	Formulas []Formula `json:"formulas"`
	Rows     []Row     `json:"rows"`
	Total    Row       `json:"total"`
}

type indicatorEvent struct {
	State         string  `db:"state"`
	TeamOrgID     string  `db:"team_org_id"`
	TeamName      string  `db:"team_name"`
	TownshipCode  string  `db:"township_code"`
	TownshipName  string  `db:"township_name"`
	RegionCode    string  `db:"region_code"`
	Lng           float64 `db:"lng"`
	Lat           float64 `db:"lat"`
	RegisteredAt  string  `db:"registered_at"`
	DispatchedAt  string  `db:"dispatched_at"`
	FeedbackAt    string  `db:"feedback_at"`
	HandleDue     string  `db:"handle_due"`
	CloseKind     string  `db:"close_kind"`
	HandledOnTime *bool   `db:"handled_on_time"`
	Reworks       int     `db:"reworks"`
	Extensions    int     `db:"extensions"`
	Misrouted     bool    `db:"misrouted"`
}

// Indicators counts the closed loop's indicators of the events reported in a period in the
// caller's jurisdiction.
func (s *Service) Indicators(ctx context.Context, p *access.Principal, q IndicatorQuery) (Indicators, error) {
	now := s.now()
	today := civil.DateOf(now)
	from, err := civil.ParseDateOr("from", "起始日期", q.From, civil.NewDate(today.Year(), today.Month(), 1))
	if err != nil {
		return Indicators{}, err
	}
	to, err := civil.ParseDateOr("to", "截止日期", q.To, today)
	if err != nil {
		return Indicators{}, err
	}
	if to.Before(from) || to.Sub(from) > 366*3 {
		return Indicators{}, apperr.InvalidField("to", "EVENT_PERIOD_INVALID", "统计期间应不超过三年，且截止日期不早于起始日期")
	}
	group := q.Group
	if group == "" {
		group = "team"
	}
	if group != "team" && group != "township" {
		return Indicators{}, apperr.InvalidField("group", "EVENT_GROUP_INVALID", "分组应为 team（处置单位）或 township（乡镇街道）")
	}
	cond, args := p.Scope().In("e.region_code")
	var rows []indicatorEvent
	if err := db.Select(ctx, s.DB.R, &rows, `SELECT e.state, e.team_org_id, COALESCE(o.name, '') AS team_name, e.township_code,
		COALESCE(t.name, '') AS township_name, e.region_code, e.lng, e.lat, e.registered_at, e.dispatched_at, e.feedback_at, e.handle_due,
		e.close_kind, e.handled_on_time, e.reworks, e.extensions, e.misrouted
		FROM events e LEFT JOIN organizations o ON o.id = e.team_org_id LEFT JOIN regions t ON t.code = e.township_code
		WHERE `+cond+` AND e.reported_at >= ? AND e.reported_at < ?`,
		append(args, clock.Stamp(from.Start()), clock.Stamp(to.AddDays(1).Start()))...); err != nil {
		return Indicators{}, err
	}
	out := Indicators{From: from.String(), To: to.String(), Group: group, Formulas: Formulas, Rows: []Row{}}
	groups := map[string]*Row{}
	var order []string
	total := &Row{Key: "total", Name: "合计"}
	type clockOf struct {
		tab   *calendar.Table
		hours calendar.OfficeHours
	}
	clocks := map[string]clockOf{}
	for _, e := range rows {
		key, name := e.TeamOrgID, e.TeamName
		if group == "township" {
			key, name = e.TownshipCode, e.TownshipName
		}
		if key == "" {
			key, name = "-", "未派遣或未定位"
		}
		g := groups[key]
		if g == nil {
			g = &Row{Key: key, Name: name}
			groups[key] = g
			order = append(order, key)
		}
		minutes := 0
		if e.FeedbackAt != "" && e.DispatchedAt != "" {
			ck, ok := clocks[e.RegionCode]
			if !ok {
				v, err := settings.Get[Limits](ctx, s.DB.R, s.Settings, LimitsKey, e.RegionCode)
				if err != nil {
					return Indicators{}, err
				}
				tab, hours, err := s.clock(ctx, s.DB.R, v.Value)
				if err != nil {
					return Indicators{}, err
				}
				ck = clockOf{tab, hours}
				clocks[e.RegionCode] = ck
			}
			a, _ := clock.ParseStamp(e.DispatchedAt)
			b, _ := clock.ParseStamp(e.FeedbackAt)
			var err error
			if minutes, err = ck.tab.WorkingMinutes(ck.hours, a, b); err != nil {
				return Indicators{}, err
			}
		}
		for _, r := range []*Row{g, total} {
			count(r, e, now, minutes)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return groups[order[i]].Name < groups[order[j]].Name })
	for _, k := range order {
		g := groups[k]
		rates(g)
		out.Rows = append(out.Rows, *g)
	}
	rates(total)
	out.Total = *total
	return out, nil
}

func count(r *Row, e indicatorEvent, now time.Time, minutes int) {
	n := float64(r.Reported)
	r.Lng, r.Lat = (r.Lng*n+e.Lng)/(n+1), (r.Lat*n+e.Lat)/(n+1)
	r.Reported++
	if e.RegisteredAt != "" && e.CloseKind != "rejected" && e.CloseKind != "duplicate" {
		r.Registered++
	}
	if e.DispatchedAt != "" {
		r.Dispatched++
		if e.Misrouted {
			r.Misrouted++
		}
		if e.Extensions > 0 {
			r.Extended++
		}
		if e.FeedbackAt == "" && (e.State == Dispatched || e.State == Accepted) {
			if due, err := clock.ParseStamp(e.HandleDue); err == nil && now.After(due) {
				r.OverduePending++
			}
		}
	}
	if e.FeedbackAt != "" {
		r.Handled++
		r.handleMinutes += minutes
		if e.HandledOnTime != nil && *e.HandledOnTime {
			r.HandledOnTime++
		}
		if e.Reworks > 0 {
			r.Reworked++
		}
	}
	if e.State == Closed && e.CloseKind == "verified" {
		r.Closed++
		if e.HandledOnTime != nil && *e.HandledOnTime {
			r.ClosedOnTime++
		}
	}
}

func rate(num, den int) *float64 {
	if den == 0 {
		return nil
	}
	v := math.Round(float64(num)*1000/float64(den)) / 10
	return &v
}

func rates(r *Row) {
	r.RegisterRate = rate(r.Registered, r.Reported)
	r.DispatchAccuracy = rate(r.Dispatched-r.Misrouted, r.Dispatched)
	r.HandleRate = rate(r.Handled, r.Dispatched)
	r.OnTimeHandleRate = rate(r.HandledOnTime, r.Handled)
	r.CloseRate = rate(r.Closed, r.Registered)
	r.OnTimeCloseRate = rate(r.ClosedOnTime, r.Closed)
	r.ReworkRate = rate(r.Reworked, r.Handled)
	r.ExtensionRate = rate(r.Extended, r.Dispatched)
	r.OverduePendingRate = rate(r.OverduePending, r.Dispatched)
	if r.Handled > 0 {
		v := math.Round(float64(r.handleMinutes)/60/float64(r.Handled)*10) / 10
		r.MeanHandleHours = &v
	}
}
