package documents

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
)

// TemplateQuery names the region whose templates are read: the caller's jurisdiction by default.
type TemplateQuery struct {
	RegionCode string `query:"regionCode" text:"12"`
}

// TemplateInput is a jurisdiction's wording of a kind.
type TemplateInput struct {
	RegionCode string `json:"regionCode" text:"12"`
	Title      string `json:"title" text:"40"`
	Body       string `json:"body" text:"65536,multiline"`
}

// regionOf reads the region a caller names for templates: its own jurisdiction by default; a
// region outside it and not above it is not found.
func regionOf(p *access.Principal, raw string) (string, error) {
	code := strings.TrimSpace(raw)
	if code == "" {
		return p.Scope().Root(), nil
	}
	for len(code) < 12 && len(code) >= 2 {
		code += "0"
	}
	if len(code) != 12 || strings.Trim(code, "0123456789") != "" || !p.Scope().Sees(code, true) {
		return "", apperr.NotFound("行政区划")
	}
	return code, nil
}

// Templates lists the template in force of every kind for a region.
func (s *Service) Templates(ctx context.Context, p *access.Principal, q TemplateQuery) ([]Template, error) {
	code, err := regionOf(p, q.RegionCode)
	if err != nil {
		return nil, err
	}
	out := make([]Template, 0, len(Kinds))
	for _, k := range Kinds {
		t, err := s.template(ctx, s.DB.R, k.Code, code)
		if err != nil {
			return nil, err
		}
		t.Body = ""
		out = append(out, t)
	}
	return out, nil
}

// TemplateView is a template in force for a region with the national one beside it.
type TemplateView struct {
	Template
	National Template `json:"national"`
	// Fields are the data a template may use, as a made-up case gives them.
	Fields map[string]any `json:"fields" tstype:"Record<string, unknown>"`
}

// GetTemplate returns the template of a kind in force for a region.
func (s *Service) GetTemplate(ctx context.Context, p *access.Principal, kind string, q TemplateQuery) (TemplateView, error) {
	code, err := regionOf(p, q.RegionCode)
	if err != nil {
		return TemplateView{}, err
	}
	nat, err := National(kind)
	if err != nil {
		return TemplateView{}, err
	}
	t, err := s.template(ctx, s.DB.R, kind, code)
	if err != nil {
		return TemplateView{}, err
	}
	return TemplateView{Template: t, National: nat, Fields: s.Sample(kind)}, nil
}

// SaveTemplate sets a jurisdiction's wording of a kind as a new version, after checking that it
// fills from a made-up case into a document every character of which prints.
func (s *Service) SaveTemplate(ctx context.Context, p *access.Principal, kind string, in TemplateInput) (TemplateView, error) {
	code, k, err := writable(p, kind, in.RegionCode)
	if err != nil {
		return TemplateView{}, err
	}
	t := Template{Kind: kind, Title: in.Title, Body: in.Body}
	if err := checkTemplate(&t, s.Sample(kind)); err != nil {
		return TemplateView{}, err
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		return s.writeTemplate(ctx, tx, p, code, k, t.Title, t.Body, false)
	})
	if err != nil {
		return TemplateView{}, err
	}
	return s.GetTemplate(ctx, p, kind, TemplateQuery{RegionCode: code})
}

// writable checks that the caller may set a kind's template for a region: the permission, the
// region inside its jurisdiction (a township does not change its county's), a kind of the set.
func writable(p *access.Principal, kind, region string) (string, Kind, error) {
	if !p.Can(access.CaseSettings) {
		return "", Kind{}, apperr.Forbidden("没有设置文书模板的权限")
	}
	code, err := regionOf(p, region)
	if err != nil {
		return "", Kind{}, err
	}
	if !p.Scope().Contains(code) {
		return "", Kind{}, apperr.Forbidden("只能设置本辖区的文书模板，上级辖区的模板由上级维护").WithCode("OUT_OF_WRITE_SCOPE")
	}
	k, ok := KindOf(kind)
	if !ok {
		return "", Kind{}, apperr.NotFound("文书种类")
	}
	return code, k, nil
}

// ClearTemplate returns a jurisdiction to the template above it (its county's, or the national).
func (s *Service) ClearTemplate(ctx context.Context, p *access.Principal, kind string, in TemplateQuery) (TemplateView, error) {
	code, k, err := writable(p, kind, in.RegionCode)
	if err != nil {
		return TemplateView{}, err
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		var own int
		if err := db.Get(ctx, tx, &own, `SELECT COUNT(*) FROM document_templates WHERE region_code = ? AND kind = ?`, code, kind); err != nil {
			return err
		}
		if own == 0 {
			return apperr.Conflict("DOCUMENT_TEMPLATE_NOT_OWN", "本辖区没有自己的"+k.Name+"模板，使用的是上级或全国的模板")
		}
		return s.writeTemplate(ctx, tx, p, code, k, "", "", true)
	})
	if err != nil {
		return TemplateView{}, err
	}
	return s.GetTemplate(ctx, p, kind, TemplateQuery{RegionCode: code})
}

func (s *Service) writeTemplate(ctx context.Context, tx *db.Tx, p *access.Principal, code string, k Kind, title, body string, cleared bool) error {
	var version int
	if err := db.Get(ctx, tx, &version, `SELECT COALESCE(MAX(version), 0) + 1 FROM document_templates WHERE region_code = ? AND kind = ?`,
		code, k.Code); err != nil {
		return err
	}
	if _, err := db.Exec(ctx, tx, `INSERT INTO document_templates (region_code, kind, version, title, body, cleared, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, code, k.Code, version, title, body, cleared, p.AccountID, s.Clock.Now().UTC().Format("2006-01-02T15:04:05Z")); err != nil {
		return err
	}
	summary := "修改" + k.Name + "模板（第" + strconv.Itoa(version) + "版）"
	if cleared {
		summary = k.Name + "恢复使用上级模板"
	}
	return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityTemplate, EntityID: code + "/" + k.Code,
		EntityName: k.Name, RegionCode: code, Summary: summary, Detail: map[string]any{"version": version, "title": title}})
}

// previewTemplate renders a template being edited with a made-up case, marked 预览.
func (s *Service) previewTemplate(w http.ResponseWriter, r *http.Request) error {
	p := httpx.Principal(r)
	var in TemplateInput
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	kind := r.PathValue("kind")
	if _, err := regionOf(p, in.RegionCode); err != nil {
		return err
	}
	k, ok := KindOf(kind)
	if !ok {
		return apperr.NotFound("文书种类")
	}
	t := Template{Kind: kind, Title: in.Title, Body: in.Body}
	if err := checkTemplate(&t, s.Sample(kind)); err != nil {
		return err
	}
	data := s.Sample(kind)
	req := Request{Kind: kind, Issuer: "××县综合行政执法局", Number: "×综执〔2026〕1号", Date: "2026年12月1日", Data: data}
	pdf, _, err := s.render(t, req, "", "样 例")
	if err != nil {
		return err
	}
	WritePDF(w, k.Name+"（样例）.pdf", pdf)
	return nil
}

// WritePDF answers with a PDF shown in the browser.
func WritePDF(w http.ResponseWriter, name string, pdf []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `inline; filename="document.pdf"; filename*=UTF-8''`+url.PathEscape(name))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(pdf)))
	_, _ = w.Write(pdf)
}

// KindList is the standard set of documents.
func (s *Service) KindList(context.Context, *access.Principal) ([]Kind, error) { return Kinds, nil }

// Routes returns the documents API: templates, and the public verification of a document.
func (s *Service) Routes() []httpx.Route {
	return append(httpx.Tagged("文书",
		httpx.Get("/api/v1/document-kinds", access.CaseRead, "文书种类（标准文书）", httpx.Fetch(s.KindList)),
		httpx.Get("/api/v1/document-templates", access.CaseRead, "各种文书在本辖区施行的模板及其来源（全国默认或本级、上级的版本）", httpx.WithQuery(s.Templates)),
		httpx.Get("/api/v1/document-templates/{kind}", access.CaseRead, "一种文书的模板：本辖区施行的、全国默认的，以及模板可用的数据项", httpx.ByIDWithQuery(s.GetTemplate)),
		httpx.Put("/api/v1/document-templates/{kind}", access.CaseSettings, "修改本辖区的文书模板（新版本；先用样例案件检查能否生成）", httpx.ByIDWithBody(s.SaveTemplate)),
		httpx.Post("/api/v1/document-templates/{kind}/clear", access.CaseSettings, "本辖区恢复使用上级或全国的模板", httpx.ByIDWithBody(s.ClearTemplate)),
		httpx.Post("/api/v1/document-templates/{kind}/preview", access.CaseRead, "用样例案件预览编辑中的模板（PDF）",
			httpx.Raw(s.previewTemplate, httpx.Doc{Body: TemplateInput{}})),
		httpx.Put("/api/v1/document-seals/{orgId}", access.CaseSettings, "设置机关的文书印章图片（请求体为透明底PNG，不超过1MB）", httpx.ByIDStream(s.SetSeal)),
		httpx.Get("/api/v1/document-seals/{orgId}", access.CaseRead, "机关的文书印章图片（PNG）", httpx.Raw(s.handleSeal, httpx.Doc{})),
	), httpx.Tagged("公众门户",
		s.throttled(streamed(httpx.Post("/api/v1/public/documents/check", "", "文书核验：二维码无法识别时上传所持PDF，按SM3摘要查找本平台出具的文书并验证签名（无需登录；同一地址每分钟约30次）",
			httpx.Raw(s.PublicFind, httpx.Doc{Response: Check{}})).AsPublic())),
		httpx.Get("/api/v1/public/documents/{id}", "", "文书核验：扫描文书二维码查看其要点与电子签名是否有效（无需登录）", httpx.ByID(s.PublicGet)).AsPublic(),
		s.throttled(httpx.Post("/api/v1/public/documents/{id}/check", "", "文书核验：上传所持PDF，比对SM3摘要并验证出具机关的SM2签名（无需登录；同一地址每分钟约30次）",
			httpx.ByIDStream(s.PublicCheck)).AsPublic()),
	)...)
}

// streamed marks a hand-written route whose body is a file sent as it is.
func streamed(rt httpx.Route) httpx.Route { rt.Stream = true; return rt }
