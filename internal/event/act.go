package event

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/calendar"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/settings"
)

// ActInput carries what a step needs; each action reads its own fields.
type ActInput struct {
	Reason       string `json:"reason,omitempty" text:"500,multiline"`
	CategoryCode string `json:"categoryCode,omitempty" text:"20"` // register, dispatch: the subclass
	// Teams, for dispatch: the bodies chosen by the dispatcher, the first leading; empty takes the route.
	Teams        []string `json:"teams,omitempty"`
	Result       string   `json:"result,omitempty" text:"2000,multiline"` // feedback: what was done
	Reply        string   `json:"reply,omitempty" text:"2000,multiline"`  // reply to the person who called
	Amount       int      `json:"amount,omitempty"`                       // extend: how much more time
	Unit         string   `json:"unit,omitempty" text:"10"`               // extend: hours or days
	Satisfaction string   `json:"satisfaction,omitempty" text:"20"`       // callback: satisfied, basic, unsatisfied
	DuplicateOf  string   `json:"duplicateOf,omitempty" text:"40"`        // reject: the event this one repeats
	Version      int      `json:"version,omitempty"`                      // the version the caller saw; 0 skips the check
	leadID       string
}

var satisfactions = map[string]string{"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}

// ActionRoutes lists the actions a route is made for, in the order of the loop.
var ActionRoutes = []string{"register", "dispatch", "reject", "accept", "return", "feedback", "verify", "rework", "extend",
	"approve", "deny", "suspend", "resume", "case", "reply", "callback"}

// Act takes one step of the closed loop on an event.
func (s *Service) Act(ctx context.Context, p *access.Principal, id, act string, in ActInput) (Event, error) {
	a, ok := actions[act]
	if !ok || a.perm == "" {
		return Event{}, apperr.InvalidField("action", "EVENT_ACTION_UNKNOWN", "未知的事件操作："+act)
	}
	if err := access.Require(p, a.perm); err != nil {
		return Event{}, err
	}
	reason := strings.TrimSpace(in.Reason)
	if a.reason && reason == "" {
		return Event{}, apperr.InvalidField("reason", "EVENT_REASON_REQUIRED", a.name+"须写明理由")
	}
	if utf8.RuneCountInString(reason) > 500 {
		return Event{}, apperr.InvalidField("reason", "EVENT_REASON_TOO_LONG", "理由不超过500字")
	}
	if act == "case" {
		// The lead is opened by case handling in its own transaction, after the same checks.
		e, err := s.get(ctx, s.DB.R, id)
		if err != nil {
			return Event{}, err
		}
		if !p.Scope().Contains(e.RegionCode) {
			return Event{}, apperr.NotFound("事件")
		}
		if err := canTake(act, e.State); err != nil {
			return Event{}, err
		}
		if err := s.onTeam(ctx, s.DB.R, p, e); err != nil {
			return Event{}, err
		}
		if s.Cases == nil {
			return Event{}, apperr.Invalid("EVENT_CASES_UNAVAILABLE", "案件办理未启用")
		}
		photos, err := s.photos(ctx, s.DB.R, e.ID)
		if err != nil {
			return Event{}, err
		}
		if in.leadID, err = s.Cases.LeadFromEvent(ctx, p, e, photos); err != nil {
			return Event{}, err
		}
	}
	now := s.now()
	var out Event
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		e, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		if !p.Scope().Contains(e.RegionCode) {
			return apperr.NotFound("事件")
		}
		if in.Version != 0 && in.Version != e.Version {
			return apperr.Conflict("EVENT_CHANGED", "事件已被他人处理，请刷新后重试")
		}
		if err := canTake(act, e.State); err != nil {
			return err
		}
		if a.perm == access.EventHandle {
			if err := s.onTeam(ctx, tx, p, e); err != nil {
				return err
			}
		}
		lim, err := settings.Get[Limits](ctx, tx, s.Settings, LimitsKey, e.RegionCode)
		if err != nil {
			return err
		}
		if err := s.step(ctx, tx, p, &e, act, reason, in, lim.Value, now); err != nil {
			return err
		}
		out = e
		return nil
	})
	if err != nil {
		return Event{}, err
	}
	return s.get(ctx, s.DB.R, out.ID)
}

// onTeam checks that the caller works for the lead body of an event (or an organisation under it):
// only the team an event was dispatched to reports in, handles and feeds back.
func (s *Service) onTeam(ctx context.Context, c db.Conn, p *access.Principal, e Event) error {
	if e.TeamOrgID != "" && p.OrgID != "" {
		ok, err := s.Catalogue.Under(ctx, p.OrgID, e.TeamOrgID)
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
	}
	return apperr.Forbidden("事件派给" + s.Catalogue.OrgName(ctx, e.TeamOrgID) + "，本单位不是处置单位，不能报到或处置").WithCode("EVENT_NOT_ON_TEAM")
}

func (s *Service) step(ctx context.Context, tx *db.Tx, p *access.Principal, e *Event, act, reason string, in ActInput, lim Limits, now time.Time) error {
	who := actorOf(p)
	tree, err := treeFor(ctx, tx, e.RegionCode)
	if err != nil {
		return err
	}
	category := func() (Category, error) {
		code := in.CategoryCode
		if code == "" {
			code = e.CategoryCode
		}
		if code == "" {
			return Category{}, apperr.InvalidField("categoryCode", "EVENT_CATEGORY_REQUIRED", "请先确定事件分类")
		}
		c, ok := tree.Find(code)
		if !ok || !c.Leaf() {
			return Category{}, apperr.InvalidField("categoryCode", "EVENT_CATEGORY_UNKNOWN", "事件分类不存在或不是小类："+code)
		}
		return c, nil
	}
	setCategory := func(c Category) map[string]any {
		item := ""
		if len(c.ItemCodes) > 0 {
			item = c.ItemCodes[0]
		}
		e.CategoryCode, e.CategoryName, e.CategoryKind, e.ItemCode = c.Code, c.Name, c.Kind, item
		return map[string]any{"category_code": c.Code, "category_name": c.Name, "category_kind": c.Kind, "item_code": item}
	}
	switch act {
	case "register":
		c, err := category()
		if err != nil {
			return err
		}
		set := setCategory(c)
		set["registered_at"] = clock.Stamp(now)
		from := e.State
		if err := s.update(ctx, tx, e, Registered, set, now); err != nil {
			return err
		}
		e.RegisteredAt = clock.Stamp(now)
		return appendHistory(ctx, tx, e.ID, act, from, Registered, who, reason, s.choice(e, c), now)
	case "dispatch":
		c, err := category()
		if err != nil {
			return err
		}
		if c.Code != e.CategoryCode || e.RegisteredAt == "" {
			set := setCategory(c)
			if e.RegisteredAt == "" {
				set["registered_at"] = clock.Stamp(now)
			}
			if err := s.update(ctx, tx, e, e.State, set, now); err != nil {
				return err
			}
			if e.RegisteredAt == "" {
				if err := appendHistory(ctx, tx, e.ID, "register", e.State, e.State, who, "", s.choice(e, c), now); err != nil {
					return err
				}
				e.RegisteredAt = clock.Stamp(now)
			}
		}
		place, err := s.Grids.Locate(ctx, access.ScopeOf(e.RegionCode), "", e.Lng, e.Lat)
		if err != nil {
			return err
		}
		rt := route(ctx, s.Catalogue, p, c, place, civil.DateOf(now).String())
		if len(in.Teams) > 0 {
			chosen := Route{Rule: "dispatcher", Warnings: []string{}}
			for i, id := range in.Teams {
				if ok, err := s.inScope(ctx, tx, p, id); err != nil {
					return err
				} else if !ok {
					return apperr.InvalidField("teams", "EVENT_TEAM_UNKNOWN", "处置单位不是本辖区的机构")
				}
				role := "assist"
				if i == 0 {
					role = "lead"
				}
				chosen.Teams = append(chosen.Teams, Team{OrgID: id, Name: s.Catalogue.OrgName(ctx, id), Role: role})
			}
			chosen.Explanation = "调度员指定处置单位：" + chosen.Teams[0].Name + "。系统建议：" + rt.Explanation
			rt = chosen
		}
		if e.State == Returned && len(in.Teams) == 0 && rt.Lead().OrgID == e.TeamOrgID {
			return apperr.InvalidField("teams", "EVENT_SAME_TEAM", "该事件已被"+rt.Lead().Name+"以派遣错误退回，请改派其他单位")
		}
		if reason == "" {
			reason = rt.Explanation
		}
		return s.dispatchTo(ctx, tx, e, c, rt, lim, who, reason, now)
	case "reject":
		set := map[string]any{"closed_at": clock.Stamp(now), "close_kind": "rejected"}
		if in.DuplicateOf != "" {
			var dup string
			if err := db.Get(ctx, tx, &dup, `SELECT COALESCE(MAX(id), '') FROM events WHERE (id = ? OR no = ?) AND region_code = ?`,
				in.DuplicateOf, in.DuplicateOf, e.RegionCode); err != nil {
				return err
			}
			if dup == "" || dup == e.ID {
				return apperr.InvalidField("duplicateOf", "EVENT_DUPLICATE_UNKNOWN", "所重复的事件不存在："+in.DuplicateOf)
			}
			set["duplicate_of"], set["close_kind"] = dup, "duplicate"
		}
		from := e.State
		if err := s.update(ctx, tx, e, Rejected, set, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, from, Rejected, who, reason, nil, now)
	case "accept":
		if err := s.update(ctx, tx, e, Accepted, map[string]any{"accepted_at": clock.Stamp(now), "accepted_by": who.name}, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, Dispatched, Accepted, who, reason, nil, now)
	case "return":
		due, err := clock.ParseStamp(e.ReturnDue)
		if err == nil && now.After(due) {
			return apperr.Conflict("EVENT_RETURN_LATE", "已超过错派退回时限（"+fmt.Sprint(lim.ReturnWorkdays)+"个工作日），请按规定处置或申请延期").
				WithRule("12345热线工单办理规范：承办单位认为非本单位职责的，应在规定时限内申请退回")
		}
		from := e.State
		if err := s.update(ctx, tx, e, Returned, map[string]any{"returns": e.Returns + 1, "misrouted": true}, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, from, Returned, who, reason, nil, now)
	case "feedback":
		result := strings.TrimSpace(in.Result)
		if result == "" {
			return apperr.InvalidField("result", "EVENT_RESULT_REQUIRED", "请填写处置结果")
		}
		due, _ := clock.ParseStamp(e.HandleDue)
		onTime := !now.After(due)
		set := map[string]any{"feedback_at": clock.Stamp(now), "result": result, "handled_on_time": onTime}
		if r := strings.TrimSpace(in.Reply); r != "" {
			set["reply"], set["replied_at"] = r, clock.Stamp(now)
		}
		if err := s.update(ctx, tx, e, Feedback, set, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, Accepted, Feedback, who, reason, map[string]any{"result": result, "onTime": onTime}, now)
	case "verify":
		if err := s.update(ctx, tx, e, Closed, map[string]any{"closed_at": clock.Stamp(now), "close_kind": "verified"}, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, Feedback, Closed, who, reason, nil, now)
	case "rework":
		if err := s.update(ctx, tx, e, Accepted, map[string]any{"reworks": e.Reworks + 1, "feedback_at": "", "handled_on_time": nil}, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, Feedback, Accepted, who, reason, nil, now)
	case "extend":
		if e.ExtensionRaw != "" {
			return apperr.Conflict("EVENT_EXTENSION_PENDING", "已有待批准的延期申请")
		}
		if (in.Unit != "hours" && in.Unit != "days") || in.Amount < 1 || (in.Unit == "hours" && in.Amount > 240) || (in.Unit == "days" && in.Amount > 60) {
			return apperr.InvalidField("amount", "EVENT_EXTENSION_INVALID", "延期应为1至240个工作时或1至60个工作日")
		}
		raw, _ := json.Marshal(ExtensionRequest{Amount: in.Amount, Unit: in.Unit, Reason: reason, By: who.name, At: clock.Stamp(now)})
		if err := s.update(ctx, tx, e, e.State, map[string]any{"extension_request": string(raw)}, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, e.State, e.State, who, reason, map[string]any{"amount": in.Amount, "unit": in.Unit}, now)
	case "approve", "deny":
		if e.ExtensionRaw == "" {
			return apperr.Conflict("EVENT_NO_EXTENSION", "没有待批准的延期申请")
		}
		var x ExtensionRequest
		_ = json.Unmarshal([]byte(e.ExtensionRaw), &x)
		set := map[string]any{"extension_request": ""}
		detail := map[string]any{"amount": x.Amount, "unit": x.Unit}
		if act == "approve" {
			tab, hours, err := s.clock(ctx, tx, lim)
			if err != nil {
				return err
			}
			from, _ := clock.ParseStamp(e.HandleDue)
			if now.After(from) {
				from = now
			}
			due, err := handleDue(tab, hours, Category{HandleAmount: x.Amount, HandleUnit: x.Unit}, from)
			if err != nil {
				return err
			}
			set["handle_due"], set["extensions"], set["reminded"], set["escalation"] = clock.Stamp(due), e.Extensions+1, 0, 0
			detail["handleDue"] = clock.Stamp(due)
		}
		if err := s.update(ctx, tx, e, e.State, set, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, e.State, e.State, who, reason, detail, now)
	case "suspend":
		tab, hours, err := s.clock(ctx, tx, lim)
		if err != nil {
			return err
		}
		due, _ := clock.ParseStamp(e.HandleDue)
		left, err := tab.WorkingMinutes(hours, now, due)
		if err != nil {
			return err
		}
		from := e.State
		if err := s.update(ctx, tx, e, Suspended, map[string]any{"suspended_at": clock.Stamp(now), "remaining_minutes": left}, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, from, Suspended, who, reason, map[string]any{"remainingMinutes": left}, now)
	case "resume":
		tab, hours, err := s.clock(ctx, tx, lim)
		if err != nil {
			return err
		}
		due, err := tab.AddWorkingMinutes(hours, now, e.RemainingMinutes)
		if err != nil {
			return err
		}
		to := Dispatched
		if e.AcceptedAt != "" {
			to = Accepted
		}
		if err := s.update(ctx, tx, e, to, map[string]any{"suspended_at": "", "handle_due": clock.Stamp(due)}, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, Suspended, to, who, reason, map[string]any{"handleDue": clock.Stamp(due)}, now)
	case "case":
		lead := in.leadID
		from := e.State
		if err := s.update(ctx, tx, e, ToCase, map[string]any{"case_lead_id": lead, "closed_at": clock.Stamp(now), "close_kind": "case"}, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, from, ToCase, who, reason, map[string]any{"leadId": lead}, now)
	case "reply":
		r := strings.TrimSpace(in.Reply)
		if r == "" {
			return apperr.InvalidField("reply", "EVENT_REPLY_REQUIRED", "请填写答复内容")
		}
		if err := s.update(ctx, tx, e, e.State, map[string]any{"reply": r, "replied_at": clock.Stamp(now)}, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, e.State, e.State, who, reason, map[string]any{"reply": r}, now)
	case "callback":
		name, ok := satisfactions[in.Satisfaction]
		if !ok {
			return apperr.InvalidField("satisfaction", "EVENT_SATISFACTION_UNKNOWN", "回访结果应为 satisfied（满意）、basic（基本满意）或 unsatisfied（不满意）")
		}
		if err := s.update(ctx, tx, e, e.State, map[string]any{"satisfaction": in.Satisfaction, "callback_at": clock.Stamp(now)}, now); err != nil {
			return err
		}
		return appendHistory(ctx, tx, e.ID, act, e.State, e.State, who, reason, map[string]any{"satisfaction": name}, now)
	}
	return apperr.InvalidField("action", "EVENT_ACTION_UNKNOWN", "未知的事件操作："+act)
}

// choice records the dispatcher's category against the platform's suggestion, for the model.
func (s *Service) choice(e *Event, c Category) map[string]any {
	return map[string]any{"category": c.Code, "suggested": e.SuggestedCat, "accepted": e.SuggestedCat == c.Code}
}

func (s *Service) clock(ctx context.Context, c db.Conn, lim Limits) (*calendar.Table, calendar.OfficeHours, error) {
	tab, err := s.Calendar.TableIn(ctx, c)
	if err != nil {
		return nil, nil, err
	}
	hours, err := calendar.ParseOfficeHours(lim.OfficeHours)
	return tab.Provisional(), hours, err
}

func (s *Service) inScope(ctx context.Context, c db.Conn, p *access.Principal, orgID string) (bool, error) {
	var region string
	err := db.Get(ctx, c, &region, `SELECT region_code FROM organizations WHERE id = ?`, orgID)
	if db.IsNoRows(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return p.Scope().Contains(region), nil
}
