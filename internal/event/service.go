package event

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"zhifa/internal/audit"
	"zhifa/internal/cases"
	"zhifa/internal/grid"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/blob"
	"zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/geo"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/settings"
)

// Calendar gives the working-day table.
type Calendar interface {
	TableIn(ctx context.Context, c db.Conn) (*calendar.Table, error)
}

// CaseDesk opens a case lead from an event that needs a penalty.
type CaseDesk interface {
	LeadFromEvent(ctx context.Context, p *access.Principal, e Event, photos []Photo) (leadID string, err error)
}

// Service runs the closed loop.
type Service struct {
	DB        *db.DB
	Audit     *audit.Log
	Clock     clock.Clock
	Settings  *settings.Service
	Calendar  Calendar
	Grids     *grid.Service
	Catalogue Catalogue
	Cases     CaseDesk
	Blobs     *blob.Store

	suggest suggester
	trees   sync.Map // region → cachedTree
	// portal limits public reports per caller address: a burst of 3, then one every 30 seconds.
	portal *httpx.Throttle
}

// Event is an event as the API shows it.
type Event struct {
	ID               string            `db:"id" json:"id"`
	No               string            `db:"no" json:"no"`
	RegionCode       string            `db:"region_code" json:"regionCode"`
	TownshipCode     string            `db:"township_code" json:"townshipCode"`
	TownshipName     string            `db:"township_name" json:"townshipName"`
	VillageCode      string            `db:"village_code" json:"villageCode"`
	VillageName      string            `db:"village_name" json:"villageName"`
	GridCode         string            `db:"grid_code" json:"gridCode"`
	Channel          string            `db:"channel" json:"channel"`
	ChannelName      string            `db:"-" json:"channelName"`
	ExternalNo       string            `db:"external_no" json:"externalNo"`
	HotlineKind      string            `db:"hotline_kind" json:"hotlineKind"`
	HotlineKindName  string            `db:"-" json:"hotlineKindName"`
	CategoryCode     string            `db:"category_code" json:"categoryCode"`
	CategoryName     string            `db:"category_name" json:"categoryName"`
	CategoryKind     string            `db:"category_kind" json:"categoryKind"`
	ItemCode         string            `db:"item_code" json:"itemCode"`
	Description      string            `db:"description" json:"description"`
	Address          string            `db:"address" json:"address"`
	Lng              float64           `db:"lng" json:"lng"`
	Lat              float64           `db:"lat" json:"lat"`
	Urgent           bool              `db:"urgent" json:"urgent"`
	ReporterName     string            `db:"reporter_name" json:"reporterName"`
	ReporterPhone    string            `db:"reporter_phone" json:"reporterPhone"`
	Protected        bool              `db:"reporter_protected" json:"reporterProtected"`
	ReporterAccount  string            `db:"reporter_account" json:"-"`
	State            string            `db:"state" json:"state"`
	StateName        string            `db:"-" json:"stateName"`
	TeamOrgID        string            `db:"team_org_id" json:"teamOrgId"`
	TeamName         string            `db:"team_name" json:"teamName"`
	RouteRaw         string            `db:"route" json:"-"`
	Route            *Route            `db:"-" json:"route"`
	SuggestionRaw    string            `db:"suggestion" json:"-"`
	Suggestion       *Hint             `db:"-" json:"suggestion"`
	SuggestedCat     string            `db:"suggested_category" json:"-"`
	SuggestedTeam    string            `db:"suggested_team" json:"-"`
	ReportedAt       string            `db:"reported_at" json:"reportedAt"`
	RegisterDue      string            `db:"register_due" json:"registerDue"`
	RegisteredAt     string            `db:"registered_at" json:"registeredAt"`
	DispatchedAt     string            `db:"dispatched_at" json:"dispatchedAt"`
	HandleDue        string            `db:"handle_due" json:"handleDue"`
	HandleLimit      string            `db:"handle_limit" json:"handleLimit"`
	ReturnDue        string            `db:"return_due" json:"returnDue"`
	AcceptedAt       string            `db:"accepted_at" json:"acceptedAt"`
	AcceptedBy       string            `db:"accepted_by" json:"acceptedBy"`
	FeedbackAt       string            `db:"feedback_at" json:"feedbackAt"`
	Result           string            `db:"result" json:"result"`
	ClosedAt         string            `db:"closed_at" json:"closedAt"`
	CloseKind        string            `db:"close_kind" json:"closeKind"`
	HandledOnTime    *bool             `db:"handled_on_time" json:"handledOnTime"`
	ReplyDue         string            `db:"reply_due" json:"replyDue"`
	RepliedAt        string            `db:"replied_at" json:"repliedAt"`
	Reply            string            `db:"reply" json:"reply"`
	CallbackAt       string            `db:"callback_at" json:"callbackAt"`
	Satisfaction     string            `db:"satisfaction" json:"satisfaction"`
	SuspendedAt      string            `db:"suspended_at" json:"suspendedAt"`
	RemainingMinutes int               `db:"remaining_minutes" json:"remainingMinutes"`
	ExtensionRaw     string            `db:"extension_request" json:"-"`
	Extension        *ExtensionRequest `db:"-" json:"extensionRequest"`
	Extensions       int               `db:"extensions" json:"extensions"`
	Reworks          int               `db:"reworks" json:"reworks"`
	Returns          int               `db:"returns" json:"returns"`
	Misrouted        bool              `db:"misrouted" json:"misrouted"`
	Escalation       int               `db:"escalation" json:"escalation"`
	Reminded         int               `db:"reminded" json:"reminded"`
	DuplicateOf      string            `db:"duplicate_of" json:"duplicateOf"`
	CaseLeadID       string            `db:"case_lead_id" json:"caseLeadId"`
	UpdatedAt        string            `db:"updated_at" json:"updatedAt"`
	Version          int               `db:"version" json:"version"`
	Overdue          bool              `db:"-" json:"overdue"`
}

// ExtensionRequest is a handling body's request for more time.
type ExtensionRequest struct {
	Amount int    `json:"amount"`
	Unit   string `json:"unit"`
	Reason string `json:"reason"`
	By     string `json:"by"`
	At     string `json:"at"`
}

const eventColumns = `e.id, e.no, e.region_code, e.township_code, COALESCE(t.name, '') AS township_name, e.village_code,
	COALESCE(v.name, '') AS village_name, e.grid_code, e.channel, e.external_no, e.hotline_kind, e.category_code, e.category_name,
	e.category_kind, e.item_code, e.description, e.address, e.lng, e.lat, e.urgent, e.reporter_name, e.reporter_phone,
	e.reporter_protected, e.reporter_account, e.state, e.team_org_id, COALESCE(o.name, '') AS team_name, e.route, e.suggestion,
	e.suggested_category, e.suggested_team, e.reported_at, e.register_due, e.registered_at, e.dispatched_at, e.handle_due,
	e.handle_limit, e.return_due, e.accepted_at, e.accepted_by, e.feedback_at, e.result, e.closed_at, e.close_kind,
	e.handled_on_time, e.reply_due, e.replied_at, e.reply, e.callback_at, e.satisfaction, e.suspended_at, e.remaining_minutes,
	e.extension_request, e.extensions, e.reworks, e.returns, e.misrouted, e.escalation, e.reminded, e.duplicate_of,
	e.case_lead_id, e.updated_at, e.version`

const eventFrom = `events e LEFT JOIN regions t ON t.code = e.township_code LEFT JOIN regions v ON v.code = e.village_code
	LEFT JOIN organizations o ON o.id = e.team_org_id`

func (s *Service) now() time.Time { return s.Clock.Now() }

// finish fills the derived fields and masks the reporter.
func (e *Event) finish(now time.Time) {
	e.ChannelName, e.StateName, e.HotlineKindName = ChannelName(e.Channel), StateName(e.State), hotlineKinds[e.HotlineKind]
	if e.RouteRaw != "" {
		var r Route
		if json.Unmarshal([]byte(e.RouteRaw), &r) == nil {
			e.Route = &r
		}
	}
	if e.SuggestionRaw != "" {
		var h Hint
		if json.Unmarshal([]byte(e.SuggestionRaw), &h) == nil {
			e.Suggestion = &h
		}
	}
	if e.ExtensionRaw != "" {
		var x ExtensionRequest
		if json.Unmarshal([]byte(e.ExtensionRaw), &x) == nil {
			e.Extension = &x
		}
	}
	if e.HandleDue != "" && (e.State == Dispatched || e.State == Accepted) {
		if due, err := clock.ParseStamp(e.HandleDue); err == nil && now.After(due) {
			e.Overdue = true
		}
	}
	e.ReporterName, e.ReporterPhone = maskReporter(e.ReporterName, e.Protected), maskPhone(e.ReporterPhone, e.Protected)
}

// maskReporter shows a reporter's surname only (张某); a protected whistle-blower not at all.
func maskReporter(name string, protected bool) string {
	switch {
	case name == "":
		return ""
	case protected:
		return "（举报人信息依法保密）"
	}
	return cases.MaskName(name)
}

func maskPhone(phone string, protected bool) string {
	if phone == "" || protected {
		return ""
	}
	return people.MaskPhone(phone)
}

// ReportInput is a report of an event from any channel.
type ReportInput struct {
	Channel       string  `json:"channel" required:"true" text:"20"`
	ExternalNo    string  `json:"externalNo,omitempty" text:"40"`   // 12345 工单号、移送函文号、Open311 编号
	HotlineKind   string  `json:"hotlineKind,omitempty" text:"20"`  // consult、help、complaint、report、suggest
	CategoryCode  string  `json:"categoryCode,omitempty" text:"20"` // 小类代码；热线、门户可空，由调度员立案时确定
	Description   string  `json:"description" required:"true" text:"2000,multiline"`
	Address       string  `json:"address,omitempty" text:"200"`
	Lng           float64 `json:"lng" required:"true"`
	Lat           float64 `json:"lat" required:"true"`
	CRS           string  `json:"crs,omitempty" text:"20"` // 坐标系：WGS84（默认）、GCJ02、BD09、CGCS2000
	Urgent        bool    `json:"urgent,omitempty"`
	ReporterName  string  `json:"reporterName,omitempty" text:"50"`
	ReporterPhone string  `json:"reporterPhone,omitempty" text:"20"`
	Protected     bool    `json:"reporterProtected,omitempty"` // 举报人要求保密
}

var phonePattern = regexp.MustCompile(`^[0-9+\-]{5,20}$`)

// reportChannels are the channels a signed-in account may report by; the portal and Open311 have
// their own public routes.
var staffChannels = map[string]bool{"grid": true, "hotline": true, "referral": true, "camera": true, "superior": true, "inspection": true}

// Report takes an event in. With a category and a route found it is registered and dispatched at
// once and its clock starts; otherwise it waits for a dispatcher, with the suggested category and
// team, within the registration limit.
func (s *Service) Report(ctx context.Context, p *access.Principal, in ReportInput) (Event, error) {
	if !staffChannels[in.Channel] {
		return Event{}, apperr.InvalidField("channel", "EVENT_CHANNEL_UNKNOWN", "来源渠道应为 grid、hotline、referral、camera、superior 或 inspection")
	}
	return s.intake(ctx, p, p.Scope(), in)
}

// PublicIntake takes a report from a public channel (portal, open311) for the jurisdiction scope: no
// account stands behind it, the reporter's name and phone are those the person gave.
func (s *Service) PublicIntake(ctx context.Context, scope access.Scope, channel string, in ReportInput) (Event, error) {
	if channel != "portal" && channel != "open311" {
		return Event{}, apperr.InvalidField("channel", "EVENT_CHANNEL_UNKNOWN", "公众渠道应为 portal 或 open311")
	}
	in.Channel = channel
	return s.intake(ctx, nil, scope, in)
}

// GetPublic reads an event for a public channel: no reporter, no history beyond its state.
func (s *Service) GetPublic(ctx context.Context, id string) (Event, error) {
	return s.get(ctx, s.DB.R, id)
}

func (s *Service) intake(ctx context.Context, p *access.Principal, scope access.Scope, in ReportInput) (Event, error) {
	in.Description = strings.TrimSpace(in.Description)
	if in.Description == "" {
		return Event{}, apperr.InvalidField("description", "EVENT_DESCRIPTION_REQUIRED", "请描述事件")
	}
	if utf8.RuneCountInString(in.Description) > 2000 {
		return Event{}, apperr.InvalidField("description", "EVENT_DESCRIPTION_TOO_LONG", "事件描述不超过2000字")
	}
	if in.Channel == "hotline" {
		if _, ok := hotlineKinds[in.HotlineKind]; !ok {
			return Event{}, apperr.InvalidField("hotlineKind", "EVENT_HOTLINE_KIND_UNKNOWN", "12345工单类型应为 consult（咨询）、help（求助）、complaint（投诉）、report（举报）或 suggest（建议）")
		}
		if strings.TrimSpace(in.ExternalNo) == "" {
			return Event{}, apperr.InvalidField("externalNo", "EVENT_HOTLINE_NO_REQUIRED", "请填写12345工单编号")
		}
	} else if in.HotlineKind != "" {
		if _, ok := hotlineKinds[in.HotlineKind]; !ok {
			return Event{}, apperr.InvalidField("hotlineKind", "EVENT_HOTLINE_KIND_UNKNOWN", "诉求类型应为 consult、help、complaint、report 或 suggest")
		}
	}
	if in.ReporterPhone != "" && !phonePattern.MatchString(in.ReporterPhone) {
		return Event{}, apperr.InvalidField("reporterPhone", "EVENT_PHONE_INVALID", "联系电话格式不正确")
	}
	crs := geo.WGS84
	if strings.TrimSpace(in.CRS) != "" {
		c, err := geo.ParseCRS(in.CRS)
		if err != nil {
			return Event{}, apperr.InvalidField("crs", "EVENT_CRS_UNKNOWN", "坐标系应为 WGS84、GCJ02、BD09 或 CGCS2000")
		}
		crs = c
	}
	place, err := s.Grids.Locate(ctx, scope, crs, in.Lng, in.Lat)
	if err != nil {
		if e := apperr.As(err); e != nil && e.Code == "GRID_POINT_OUT_OF_SCOPE" {
			return Event{}, apperr.InvalidField("location", "EVENT_LOCATION_OUT_OF_SCOPE", e.Message+"：请核对事发位置")
		}
		return Event{}, err
	}
	if place.RegionCode == "" {
		return Event{}, apperr.InvalidField("location", "EVENT_LOCATION_OUT_OF_SCOPE", "事发位置不在本辖区内")
	}
	// An event belongs to the township it happened in, so that the township's own staff see it.
	region := place.RegionCode
	if place.TownshipCode != "" {
		region = place.TownshipCode
	}
	tree, err := s.cachedTreeFor(ctx, region)
	if err != nil {
		return Event{}, err
	}
	var cat Category
	if in.CategoryCode != "" {
		c, ok := tree.Find(in.CategoryCode)
		if !ok || !c.Leaf() {
			return Event{}, apperr.InvalidField("categoryCode", "EVENT_CATEGORY_UNKNOWN", "事件分类不存在或不是小类："+in.CategoryCode)
		}
		cat = c
	} else if in.Channel == "grid" || in.Channel == "camera" || in.Channel == "inspection" || in.Channel == "open311" {
		return Event{}, apperr.InvalidField("categoryCode", "EVENT_CATEGORY_REQUIRED", "网格员、视频和巡查发现的事件请选择分类")
	}
	limits, err := settings.Get[Limits](ctx, s.DB.R, s.Settings, LimitsKey, region)
	if err != nil {
		return Event{}, err
	}
	lim := limits.Value
	now := s.now()
	e := Event{ID: ids.New(), RegionCode: region, TownshipCode: place.TownshipCode, VillageCode: place.VillageCode,
		Channel: in.Channel, ExternalNo: strings.TrimSpace(in.ExternalNo), HotlineKind: in.HotlineKind,
		Description: in.Description, Address: strings.TrimSpace(in.Address), Lng: place.Lng, Lat: place.Lat, Urgent: in.Urgent,
		ReporterName: strings.TrimSpace(in.ReporterName), ReporterPhone: in.ReporterPhone, Protected: in.Protected,
		State: Reported, ReportedAt: clock.Stamp(now), Version: 1}
	if p != nil && !p.IsSystem() {
		e.ReporterAccount = p.AccountID
		if e.ReporterName == "" && in.Channel == "grid" {
			e.ReporterName = p.DisplayName
		}
	}
	if place.Grid != nil {
		e.GridCode = place.Grid.Code
	}
	registerMinutes := 30
	if cat.Code != "" {
		e.CategoryCode, e.CategoryName, e.CategoryKind = cat.Code, cat.Name, cat.Kind
		registerMinutes = cat.RegisterMinutes
	}
	if in.Urgent && lim.UrgentRegisterMinutes < registerMinutes {
		registerMinutes = lim.UrgentRegisterMinutes
	}
	e.RegisterDue = clock.Stamp(now.Add(time.Duration(registerMinutes) * time.Minute))
	var hint *Hint
	if in.CategoryCode == "" {
		hint = s.hint(ctx, region, in.Description)
	}
	if hint != nil {
		raw, _ := json.Marshal(hint)
		e.SuggestionRaw = string(raw)
		if len(hint.Categories) > 0 {
			e.SuggestedCat = hint.Categories[0].Label
		}
		if len(hint.Teams) > 0 {
			e.SuggestedTeam = hint.Teams[0].Label
		}
	}
	var rt Route
	if cat.Code != "" {
		rt = route(ctx, s.Catalogue, p, cat, place, civil.DateOf(now).String())
		if len(cat.ItemCodes) > 0 {
			e.ItemCode = cat.ItemCodes[0]
		}
	} else {
		rt = Route{Teams: []Team{}, Warnings: []string{"未分类：请调度员确定分类后派遣"}, Explanation: placeText(place)}
	}
	raw, _ := json.Marshal(rt)
	e.RouteRaw = string(raw)
	// A categorised report with a route is registered and dispatched by the platform at once: the
	// dispatch is worked out before the transaction, which then only writes the rows.
	auto := cat.Code != "" && len(rt.Teams) > 0
	if auto {
		if _, err := s.planDispatch(ctx, s.DB.R, &e, cat, rt, lim, now); err != nil {
			return Event{}, err
		}
		e.State = Dispatched
	}
	if e.No, err = nextNo(ctx, s.DB.W, region, now); err != nil {
		return Event{}, err
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		if err := insertEvent(ctx, tx, &e); err != nil {
			return err
		}
		steps := []historyRow{{"report", "", Reported, actorOf(p), "", map[string]any{"channel": e.Channel, "place": place}}}
		if auto {
			sys := systemActor()
			steps = append(steps, historyRow{"register", Reported, Registered, sys, "分类明确，系统自动受理立案", nil},
				historyRow{"dispatch", Registered, Dispatched, sys, "按网格与权责清单自动派遣：" + rt.Explanation, dispatchDetail(&e, cat, rt)})
			if err := insertTeams(ctx, tx, e.ID, rt); err != nil {
				return err
			}
		}
		for i, h := range steps {
			if err := insertHistory(ctx, tx, e.ID, i+1, h, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Event{}, err
	}
	// The answer is made from what was written, without reading it back.
	e.TownshipName, e.VillageName, e.TeamName = place.TownshipName, place.VillageName, rt.Lead().Name
	e.finish(now)
	return e, nil
}

func placeText(place grid.Place) string {
	if place.Grid == nil {
		return place.TownshipName
	}
	return fmt.Sprintf("网格 %s（%s），%s%s。", place.Grid.Code, place.Grid.Name, place.TownshipName, place.VillageName)
}

// nextNo numbers an event: SJ + county code + date + a four-digit serial of the day. The serial is
// drawn in a statement of its own, outside the report's transaction, so that reports in the same
// county do not queue behind each other's transactions; a report that fails after drawing leaves a
// gap in the day's numbers, never a repeat.
func nextNo(ctx context.Context, c db.Conn, region string, now time.Time) (string, error) {
	prefix := "SJ" + region[:6] + now.In(civil.Zone).Format("20060102")
	var n int
	if err := db.Get(ctx, c, &n, `INSERT INTO event_counters (prefix, last) VALUES (?, 1)
		ON CONFLICT (prefix) DO UPDATE SET last = event_counters.last + 1 RETURNING last`, prefix); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s%04d", prefix, n), nil
}

func insertEvent(ctx context.Context, tx *db.Tx, e *Event) error {
	_, err := db.Exec(ctx, tx, `INSERT INTO events (id, no, region_code, township_code, village_code, grid_code, channel, external_no,
		hotline_kind, category_code, category_name, category_kind, item_code, description, address, lng, lat, urgent, reporter_name,
		reporter_phone, reporter_protected, reporter_account, state, team_org_id, route, suggestion, suggested_category, suggested_team,
		reported_at, register_due, registered_at, dispatched_at, handle_due, handle_limit, return_due, accepted_at, accepted_by,
		feedback_at, result, closed_at, close_kind, handled_on_time, reply_due, replied_at, reply, callback_at, satisfaction,
		suspended_at, remaining_minutes, extension_request, extensions, reworks, returns, misrouted, escalation, reminded,
		duplicate_of, case_lead_id, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '',
		'', '', '', '', NULL, ?, '', '', '', '', '', 0, '', 0, 0, 0, ?, 0, 0, '', '', ?, 1)`,
		e.ID, e.No, e.RegionCode, e.TownshipCode, e.VillageCode, e.GridCode, e.Channel, e.ExternalNo, e.HotlineKind,
		e.CategoryCode, e.CategoryName, e.CategoryKind, e.ItemCode, e.Description, e.Address, e.Lng, e.Lat, e.Urgent,
		e.ReporterName, e.ReporterPhone, e.Protected, e.ReporterAccount, e.State, e.TeamOrgID, e.RouteRaw, e.SuggestionRaw,
		e.SuggestedCat, e.SuggestedTeam, e.ReportedAt, e.RegisterDue, e.RegisteredAt, e.DispatchedAt, e.HandleDue, e.HandleLimit,
		e.ReturnDue, e.ReplyDue, false, e.ReportedAt)
	return err
}

// actor is who takes a step.
type actor struct{ id, name, org string }

func actorOf(p *access.Principal) actor {
	if p == nil || p.IsSystem() {
		return systemActor()
	}
	return actor{p.AccountID, p.DisplayName, p.OrgID}
}

func systemActor() actor { return actor{"system", "系统", ""} }

// historyRow is one step to record.
type historyRow struct {
	act, from, to string
	who           actor
	reason        string
	detail        any
}

// insertHistory records a step with a known sequence number (the first steps of a new event).
func insertHistory(ctx context.Context, tx *db.Tx, eventID string, seq int, h historyRow, now time.Time) error {
	raw := "{}"
	if h.detail != nil {
		b, err := json.Marshal(h.detail)
		if err != nil {
			return err
		}
		raw = string(b)
	}
	_, err := db.Exec(ctx, tx, `INSERT INTO event_history (id, event_id, seq, action, state_from, state_to, actor_id, actor_name, org_id,
		reason, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ids.New(), eventID, seq, h.act, h.from, h.to, h.who.id, h.who.name, h.who.org, h.reason, raw, clock.Stamp(now))
	return err
}

func appendHistory(ctx context.Context, tx *db.Tx, eventID, act, from, to string, who actor, reason string, detail any, now time.Time) error {
	var seq int
	if err := db.Get(ctx, tx, &seq, `SELECT COALESCE(MAX(seq), 0) FROM event_history WHERE event_id = ?`, eventID); err != nil {
		return err
	}
	return insertHistory(ctx, tx, eventID, seq+1, historyRow{act, from, to, who, reason, detail}, now)
}

// update writes the state and the given columns, guarded by the version the caller read.
func (s *Service) update(ctx context.Context, tx *db.Tx, e *Event, state string, set map[string]any, now time.Time) error {
	q := `UPDATE events SET state = ?, updated_at = ?, version = version + 1`
	args := []any{state, clock.Stamp(now)}
	for _, col := range sortedKeys(set) {
		q += ", " + col + " = ?"
		args = append(args, set[col])
	}
	q += ` WHERE id = ? AND version = ?`
	args = append(args, e.ID, e.Version)
	res, err := db.Exec(ctx, tx, q, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return apperr.Conflict("EVENT_CHANGED", "事件已被他人处理，请刷新后重试")
	}
	e.State, e.Version = state, e.Version+1
	return nil
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// dispatchTo sends an event to the route's teams and starts its clock.
func (s *Service) dispatchTo(ctx context.Context, tx *db.Tx, e *Event, cat Category, rt Route, lim Limits, who actor, reason string, now time.Time) error {
	set, err := s.planDispatch(ctx, tx, e, cat, rt, lim, now)
	if err != nil {
		return err
	}
	from := e.State
	if err := s.update(ctx, tx, e, Dispatched, set, now); err != nil {
		return err
	}
	if _, err := db.Exec(ctx, tx, `DELETE FROM event_teams WHERE event_id = ?`, e.ID); err != nil {
		return err
	}
	if err := insertTeams(ctx, tx, e.ID, rt); err != nil {
		return err
	}
	return appendHistory(ctx, tx, e.ID, "dispatch", from, Dispatched, who, reason, dispatchDetail(e, cat, rt), now)
}

func insertTeams(ctx context.Context, tx *db.Tx, eventID string, rt Route) error {
	for _, t := range rt.Teams {
		if _, err := db.Exec(ctx, tx, `INSERT INTO event_teams (event_id, org_id, role) VALUES (?, ?, ?)`, eventID, t.OrgID, t.Role); err != nil {
			return err
		}
	}
	return nil
}

func dispatchDetail(e *Event, cat Category, rt Route) map[string]any {
	return map[string]any{"teams": rt.Teams, "handleDue": e.HandleDue, "limit": cat.Limit()}
}

// planDispatch works out a dispatch to the route's teams at a moment — the lead team, the handling
// limit's end on the working calendar, the end of the return period and, for a 12345 order, the
// reply limit — fills them in on e and returns them as the columns to write.
func (s *Service) planDispatch(ctx context.Context, c db.Conn, e *Event, cat Category, rt Route, lim Limits, now time.Time) (map[string]any, error) {
	lead := rt.Lead()
	if lead.OrgID == "" {
		return nil, apperr.InvalidField("teams", "EVENT_TEAM_REQUIRED", "请指定处置单位")
	}
	tab, hours, err := s.clock(ctx, c, lim)
	if err != nil {
		return nil, err
	}
	due, err := handleDue(tab, hours, cat, now)
	if err != nil {
		return nil, err
	}
	ret, err := tab.AddWorkdays(civil.DateOf(now), lim.ReturnWorkdays)
	if err != nil {
		return nil, err
	}
	e.TeamOrgID, e.DispatchedAt, e.HandleDue, e.HandleLimit = lead.OrgID, clock.Stamp(now), clock.Stamp(due), cat.Limit()
	e.ReturnDue = clock.Stamp(hours.EndOfWorkday(ret.Due))
	set := map[string]any{"team_org_id": lead.OrgID, "dispatched_at": e.DispatchedAt, "handle_due": e.HandleDue,
		"handle_limit": e.HandleLimit, "return_due": e.ReturnDue, "accepted_at": "", "accepted_by": "",
		"extension_request": "", "reminded": 0, "escalation": 0}
	if e.RegisteredAt == "" {
		e.RegisteredAt = clock.Stamp(now)
		set["registered_at"] = e.RegisteredAt
	}
	if e.Channel == "hotline" && e.ReplyDue == "" {
		if n := lim.hotlineWorkdays(e.HotlineKind); n > 0 {
			d, err := tab.AddWorkdays(civil.DateOf(now), n)
			if err != nil {
				return nil, err
			}
			e.ReplyDue = clock.Stamp(hours.EndOfWorkday(d.Due))
			set["reply_due"] = e.ReplyDue
		}
	}
	raw, _ := json.Marshal(rt)
	e.RouteRaw = string(raw)
	set["route"] = e.RouteRaw
	return set, nil
}

// handleDue is the end of the handling limit from a moment: working hours inside office hours, or
// working days to the end of the last one.
func handleDue(tab *calendar.Table, hours calendar.OfficeHours, cat Category, from time.Time) (time.Time, error) {
	if cat.HandleUnit == "hours" {
		return tab.AddWorkingMinutes(hours, from, cat.HandleAmount*60)
	}
	d, err := tab.AddWorkdays(civil.DateOf(from), cat.HandleAmount)
	if err != nil {
		return time.Time{}, err
	}
	return hours.EndOfWorkday(d.Due), nil
}
