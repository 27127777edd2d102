package event

import (
	"context"
	"io"
	"net/http"
	"time"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
)

// Option is a code with its Chinese name.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Meta lists the channels, states, kinds of 12345 order and steps, for the console.
type Meta struct {
	Channels      []Option  `json:"channels"`
	States        []Option  `json:"states"`
	HotlineKinds  []Option  `json:"hotlineKinds"`
	Actions       []Option  `json:"actions"`
	Satisfactions []Option  `json:"satisfactions"`
	Formulas      []Formula `json:"formulas"`
}

func (s *Service) meta(context.Context, *access.Principal) (Meta, error) {
	m := Meta{Formulas: Formulas}
	for _, k := range []string{"grid", "hotline", "portal", "referral", "camera", "superior", "inspection", "open311"} {
		m.Channels = append(m.Channels, Option{k, channelNames[k]})
	}
	for _, k := range []string{Reported, Registered, Dispatched, Accepted, Feedback, Returned, Suspended, Closed, Rejected, ToCase} {
		m.States = append(m.States, Option{k, stateNames[k]})
	}
	for _, k := range []string{"consult", "help", "complaint", "report", "suggest"} {
		m.HotlineKinds = append(m.HotlineKinds, Option{k, hotlineKinds[k]})
	}
	for _, k := range ActionRoutes {
		m.Actions = append(m.Actions, Option{k, actions[k].name})
	}
	for _, k := range []string{"satisfied", "basic", "unsatisfied"} {
		m.Satisfactions = append(m.Satisfactions, Option{k, satisfactions[k]})
	}
	return m, nil
}

// readable lets through those who read the jurisdiction's events or report their own.
func readable(p *access.Principal) error {
	if p.Can(access.EventRead) || p.Can(access.EventReport) {
		return nil
	}
	return apperr.Forbidden("当前账号无权查看事件（需要权限 event.read 或 event.report）")
}

// Routes returns the events' API.
func (s *Service) Routes() []httpx.Route {
	routes := []httpx.Route{
		httpx.Get("/api/v1/event-meta", access.GridRead, "事件的来源渠道、状态、12345工单类型、处置环节与指标公式", httpx.Fetch(s.meta)),
		httpx.Get("/api/v1/event-categories", access.GridRead, "本辖区的事件分类（部件、事件的大类、小类）及其立案、处置时限和关联的权责清单事项", httpx.Fetch(s.Categories)),
		httpx.Put("/api/v1/event-categories", access.EventSettings, "设置本辖区的事件分类与时限（整体替换；全部正确才保存）", httpx.WithBody(s.SaveCategories)),
		httpx.Get("/api/v1/events", access.EventReport, "事件列表：本辖区的事件（有查看权限时），或本人上报的事件", httpx.Listing(s.list)),
		httpx.Post("/api/v1/events", access.EventReport, "上报事件：定位网格、按权责清单确定处置单位；分类明确的自动立案派遣并开始计时", httpx.WithBody(s.Report).Created()),
		httpx.Post("/api/v1/events/suggest", access.EventDispatch, "按本县已结案事件的文本建议分类和处置单位（附置信度）", httpx.WithBody(s.suggestQuery)),
		httpx.Get("/api/v1/event-indicators", access.EventRead, "处置指标：按处置单位或乡镇统计立案率、派遣准确率、按期处置率、结案率、返工率、延期率、超期未处置率、平均处置时长（附公式）", httpx.WithQuery(s.Indicators)),
		httpx.Get("/api/v1/events/{id}", access.EventReport, "事件详情：处置经过、路由说明、照片、疑似重复与当前可办理的环节", httpx.ByID(s.get4)),
		httpx.Post("/api/v1/events/{id}/photos", access.EventReport, "上传事件照片（请求体为图片；stage=report 现场、feedback 处置后）", httpx.ByIDStream(s.AddPhoto).Created()),
		httpx.Get("/api/v1/events/{id}/photos/{photoId}", access.EventReport, "查看事件照片", httpx.Raw(s.handlePhoto, httpx.Doc{})),
		httpx.Post("/api/v1/events/{id}/reporter", access.EventDispatch, "查看诉求人姓名与联系电话（写明理由，记审计日志；举报人要求保密的不提供）", httpx.ByIDWithBody(s.DiscloseReporter)),
	}
	if s.portal == nil {
		s.portal = &httpx.Throttle{Burst: 3, Every: 30 * time.Second, Code: "EVENT_REPORT_TOO_MANY", Text: "上报过于频繁，请稍后再试"}
	}
	routes = append(routes,
		s.portal.Wrap(httpx.Post("/api/v1/public/events", "", "公众上报事件（无需登录）：描述、位置、联系方式，可要求对身份保密；同一地址每分钟约2次",
			httpx.WithBody(s.portalReport).Created()).AsPublic()),
		httpx.Get("/api/v1/public/events/{no}", "", "按事件编号查询办理进度（无需登录；只显示状态、分类、乡镇与时间）", httpx.ByID(s.Progress)).AsPublic(),
	)
	for _, act := range ActionRoutes {
		a := actions[act]
		act := act
		routes = append(routes, httpx.Post("/api/v1/events/{id}/"+act, a.perm, "事件："+a.name,
			httpx.ByIDWithBody(func(ctx context.Context, p *access.Principal, id string, in ActInput) (Event, error) {
				return s.Act(ctx, p, id, act, in)
			})))
	}
	return httpx.Tagged("事件", routes...)
}

func (s *Service) list(ctx context.Context, p *access.Principal, f Filter, page httpx.Page) ([]Event, int, error) {
	if err := readable(p); err != nil {
		return nil, 0, err
	}
	return s.List(ctx, p, f, page)
}

func (s *Service) get4(ctx context.Context, p *access.Principal, id string) (Detail, error) {
	if err := readable(p); err != nil {
		return Detail{}, err
	}
	return s.Get(ctx, p, id)
}

func (s *Service) suggestQuery(ctx context.Context, p *access.Principal, in SuggestInput) (Hint, error) {
	return s.suggestFor(ctx, p.Scope().Root(), in.Text)
}

func (s *Service) handlePhoto(w http.ResponseWriter, r *http.Request) error {
	p := httpx.Principal(r)
	if err := readable(p); err != nil {
		return err
	}
	ph, f, err := s.OpenPhoto(r.Context(), p, r.PathValue("id"), r.PathValue("photoId"))
	if err != nil {
		return err
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", ph.ContentType)
	h.Set("Cache-Control", "private, no-store")
	if rs, ok := f.(io.ReadSeeker); ok {
		http.ServeContent(w, r, "", time.Time{}, rs)
		return nil
	}
	_, err = io.Copy(w, f)
	return err
}

// PortalInput is a report from the public portal.
type PortalInput struct {
	CategoryCode  string  `json:"categoryCode,omitempty" text:"20"`
	Description   string  `json:"description" required:"true" text:"2000,multiline"`
	Address       string  `json:"address,omitempty" text:"200"`
	Lng           float64 `json:"lng" required:"true"`
	Lat           float64 `json:"lat" required:"true"`
	CRS           string  `json:"crs,omitempty" text:"20"`
	ReporterName  string  `json:"reporterName,omitempty" text:"50"`
	ReporterPhone string  `json:"reporterPhone,omitempty" text:"20"`
	Protected     bool    `json:"reporterProtected,omitempty"`
}

// Receipt is what the portal tells the person who reported: the number to follow it by.
type Receipt struct {
	No           string `json:"no"`
	State        string `json:"state"`
	StateName    string `json:"stateName"`
	TownshipName string `json:"townshipName"`
	ReportedAt   string `json:"reportedAt"`
	CategoryName string `json:"categoryName"`
	ClosedAt     string `json:"closedAt"`
}

func receipt(e Event) Receipt {
	return Receipt{No: e.No, State: e.State, StateName: StateName(e.State), TownshipName: e.TownshipName,
		ReportedAt: e.ReportedAt, CategoryName: e.CategoryName, ClosedAt: e.ClosedAt}
}

func (s *Service) portalReport(ctx context.Context, _ *access.Principal, in PortalInput) (Receipt, error) {
	e, err := s.PublicIntake(ctx, access.Everywhere, "portal", ReportInput{CategoryCode: in.CategoryCode, Description: in.Description,
		Address: in.Address, Lng: in.Lng, Lat: in.Lat, CRS: in.CRS, ReporterName: in.ReporterName, ReporterPhone: in.ReporterPhone,
		Protected: in.Protected})
	if err != nil {
		return Receipt{}, err
	}
	return receipt(e), nil
}

// Progress answers the public by event number: state, category, township and times only.
func (s *Service) Progress(ctx context.Context, _ *access.Principal, no string) (Receipt, error) {
	var id string
	if err := db.Get(ctx, s.DB.R, &id, `SELECT COALESCE(MAX(id), '') FROM events WHERE no = ?`, no); err != nil {
		return Receipt{}, err
	}
	if id == "" {
		return Receipt{}, apperr.NotFound("事件")
	}
	e, err := s.get(ctx, s.DB.R, id)
	if err != nil {
		return Receipt{}, err
	}
	return receipt(e), nil
}
