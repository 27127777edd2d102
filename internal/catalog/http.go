package catalog

import (
	"context"
	"net/http"
	"net/url"
	"path"
	"strconv"

	"zhifa/internal/law"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/httpx"
)

const tag = "权责清单"

// Meta is the catalogue's code tables for the console's selects.
type Meta struct {
	Types         []Option `json:"types"`
	Categories    []Option `json:"categories"`
	Levels        []Option `json:"levels"`
	Statuses      []Option `json:"statuses"`
	Modes         []Option `json:"modes"`
	PenaltyKinds  []string `json:"penaltyKinds"`
	MultipleBases []string `json:"multipleBases"` // the vocabulary of the caller's jurisdiction (倍数罚款计算基数)
	Units         []string `json:"units"`         // units a fine is counted by (计罚单位); others may be written in
	Domains       []Domain `json:"domains"`
}

// CitationText is a cell of references to parse.
type CitationText struct {
	Text string `json:"text"`
}

// ItemList is one page of the catalogue.
type ItemList = httpx.List[Item]

// Routes returns the catalogue's API.
func (s *Service) Routes() []httpx.Route {
	return append(httpx.Tagged(tag,
		httpx.Get("/api/v1/catalog/meta", access.CatalogRead, "权责清单代码表：事项类型、类别、层级、状态、处罚种类、本辖区的倍数基数、计罚单位、执法领域", httpx.Fetch(s.meta)),
		httpx.Get("/api/v1/catalog/items", access.CatalogRead, "查询权责清单事项（可按日期、机构、领域、类型、状态筛选）", httpx.Listing(s.List)),
		httpx.Post("/api/v1/catalog/items", access.CatalogWrite, "新增事项（草稿）", httpx.WithBody(s.Create).Created()),
		httpx.Get("/api/v1/catalog/items/{id}", access.CatalogRead, "事项详情：指定日期施行的版本、全部版本、划转下放历史", httpx.ByIDWithQuery(s.getAsOf)),
		httpx.Post("/api/v1/catalog/items/{id}/versions", access.CatalogWrite, "新增事项版本（草稿，写明生效日期和文号）", httpx.ByIDWithBody(s.AddVersion).Created()),
		httpx.Put("/api/v1/catalog/items/{id}/draft", access.CatalogWrite, "修改待发布的草稿（提交草稿的 revision）", httpx.ByIDWithBody(s.UpdateDraft)),
		httpx.Post("/api/v1/catalog/items/{id}/publish", access.CatalogWrite, "发布草稿（须有违法依据和处罚依据、生效日期和文号；提交草稿的 revision）", httpx.ByIDWithBody(s.Publish)),
		httpx.Post("/api/v1/catalog/items/{id}/repeal", access.CatalogWrite, "废止事项（现行版本自 effectiveTo 起不再施行；须写明文号和理由，提交该版本的 revision）", httpx.ByIDWithBody(s.Repeal)),
		httpx.Get("/api/v1/catalog/items/{id}/diff", access.CatalogRead, "事项在两个日期之间的变化", httpx.ByIDWithQuery(s.diffItem)),
		httpx.Get("/api/v1/catalog/items/{id}/applicable", access.CatalogRead, "按行政处罚法第三十七条（从旧兼从轻）确定适用的版本", httpx.ByIDWithQuery(s.applicable)),
		httpx.Get("/api/v1/catalog/exercise", access.CatalogRead, "行使主体查询：某日在某地由谁、依据什么行使该事项", httpx.WithQuery(s.Exercise)),
		httpx.Get("/api/v1/catalog/orgs/{orgId}/items", access.CatalogRead, "机构在某日可以行使的事项及按领域、类型的统计", httpx.ByIDWithQuery(s.orgItems)),
		httpx.Get("/api/v1/catalog/orgs/{orgId}/diff", access.CatalogRead, "机构在两个日期之间增加和减少的事项", httpx.ByIDWithQuery(s.diffOrg)),
		httpx.Get("/api/v1/catalog/decisions", access.CatalogRead, "划转、下放、收回决定列表", httpx.Listing(s.ListDecisions)),
		httpx.Post("/api/v1/catalog/decisions", access.CatalogWrite, "登记决定：划转、下放、收回（整体校验，全部成功或全部不登记）", httpx.WithBody(s.CreateDecision).Created()),
		httpx.Get("/api/v1/catalog/decisions/{id}", access.CatalogRead, "决定详情：所作划转下放及所收回的记录", httpx.ByID(s.GetDecision)),
		httpx.Post("/api/v1/catalog/decisions/{id}/revoke", access.CatalogWrite, "以新决定收回某决定所作的划转、下放（全部或所列事项、机构）", httpx.ByIDWithBody(s.RevokeDecision).Created()),
		httpx.Get("/api/v1/catalog/checks", access.CatalogRead, "清单检查报告：缺少法律依据、编码重复、下放重叠、无行使主体等", httpx.Fetch(s.Checks)),
		httpx.Get("/api/v1/catalog/domains", access.CatalogRead, "执法领域表", httpx.Fetch(s.domains)),
		httpx.Post("/api/v1/catalog/domains", access.CatalogWrite, "新增执法领域", httpx.WithBody(s.AddDomain).Created()),
		httpx.Post("/api/v1/catalog/citations/parse", access.CatalogRead, "解析法律依据文本（《…》第…条第…款第（…）项：原文，多条以；分隔）", httpx.WithBody(parseCitations)),
		httpx.Post("/api/v1/catalog/fines/parse", access.CatalogRead, "解析罚款幅度文本（5000元至2万元、每处5000元以上2万元以下、1000元/平方米，总额不超过10万元）", httpx.WithBody(parseFine)),
		httpx.Get("/api/v1/catalog/template", access.CatalogRead, "下载导入模板（csv 或 xlsx）",
			httpx.Raw(s.handleTemplate, httpx.Doc{Query: httpx.QueryParams[FormatQuery]()})),
		httpx.Get("/api/v1/catalog/export", access.CatalogRead, "导出清单（与列表相同的筛选条件，csv 或 xlsx）",
			httpx.Raw(s.handleExport, httpx.Doc{Query: append(httpx.QueryParams[FormatQuery](), httpx.QueryParams[Filter]()...)})),
		httpx.Post("/api/v1/imports/catalog", access.CatalogWrite, "导入权责清单（CSV 或 .xlsx，字段 file；任一行有误则整批不导入）", httpx.Upload(s.Import)),
	), append(httpx.Tagged("公众门户",
		httpx.Get("/api/v1/public/catalog", "", "公开的权责清单：今日施行的已发布事项及行使主体（无需登录）", httpx.Listing(s.publicSearch)).AsPublic(),
		httpx.Get("/api/v1/public/catalog/{id}", "", "公开的权责清单事项详情（无需登录）", httpx.ByID(s.publicGet)).AsPublic(),
	), s.synonymRoutes()...)...)
}

func (s *Service) meta(ctx context.Context, p *access.Principal) (Meta, error) {
	ds, err := s.Domains(ctx)
	if err != nil {
		return Meta{}, err
	}
	bases, err := s.FineBases(ctx, s.DB.R, p.Scope().Root())
	return Meta{Types: ItemTypes, Categories: Categories, Levels: Levels, Statuses: Statuses, Modes: Modes,
		PenaltyKinds: PenaltyKinds, MultipleBases: bases, Units: Units, Domains: ds}, err
}

func (s *Service) domains(ctx context.Context, _ *access.Principal) ([]Domain, error) {
	return s.Domains(ctx)
}

func parseCitations(_ context.Context, _ *access.Principal, in CitationText) ([]law.Citation, error) {
	return law.ParseCitations("text", in.Text)
}

// FineText is a statutory fine written out, to parse.
type FineText struct {
	Text string `json:"text" text:"200"`
}

func parseFine(_ context.Context, _ *access.Principal, in FineText) (Fine, error) {
	f, err := ParseFineText("text", in.Text)
	if err != nil {
		return Fine{}, err
	}
	return f, checkFine(TypePenalty, &f)
}

// AsOfQuery asks for an item as in force on a date.
type AsOfQuery struct {
	AsOf string `query:"asOf" doc:"YYYY-MM-DD；为空时显示最新版本"`
}

func (s *Service) getAsOf(ctx context.Context, p *access.Principal, id string, q AsOfQuery) (Detail, error) {
	return s.Get(ctx, p, id, q.AsOf)
}

// PeriodQuery is a span of dates.
type PeriodQuery struct {
	From string `query:"from" doc:"YYYY-MM-DD"`
	To   string `query:"to" doc:"YYYY-MM-DD"`
}

func (s *Service) diffItem(ctx context.Context, p *access.Principal, id string, q PeriodQuery) (ItemDiff, error) {
	return s.DiffItem(ctx, p, id, q.From, q.To)
}

func (s *Service) diffOrg(ctx context.Context, p *access.Principal, id string, q PeriodQuery) (OrgDiff, error) {
	return s.DiffOrg(ctx, p, id, q.From, q.To)
}

// ApplicableQuery names the act's date and the decision's date of art. 37.
type ApplicableQuery struct {
	ActDate      string `query:"actDate" doc:"违法行为发生日期"`
	DecisionDate string `query:"decisionDate" doc:"作出处罚决定日期，默认今天"`
}

func (s *Service) applicable(ctx context.Context, p *access.Principal, id string, q ApplicableQuery) (Art37Choice, error) {
	return s.Applicable(ctx, p, id, q.ActDate, q.DecisionDate)
}

// OrgItemsQuery asks for an organisation's items on a date, by pages (all at once by default).
type OrgItemsQuery struct {
	Date     string `query:"date" doc:"YYYY-MM-DD，默认今天"`
	Page     int    `query:"page" doc:"页码，从1开始"`
	PageSize int    `query:"pageSize" doc:"每页条数，默认500"`
}

func (s *Service) orgItems(ctx context.Context, p *access.Principal, orgID string, q OrgItemsQuery) (OrgItems, error) {
	page := httpx.Page{Page: max(q.Page, 1), PageSize: q.PageSize}
	if page.PageSize == 0 {
		page.PageSize = httpx.MaxPageSize
	}
	if page.PageSize < 1 || page.PageSize > httpx.MaxPageSize {
		return OrgItems{}, apperr.InvalidField("pageSize", "PAGE_SIZE_INVALID", "每页条数应在 1 到 500 之间")
	}
	return s.OrgItems(ctx, p, orgID, q.Date, page)
}

func (s *Service) publicSearch(ctx context.Context, _ *access.Principal, f PublicFilter, page httpx.Page) ([]PublicItem, int, error) {
	return s.PublicSearch(ctx, f, page)
}

func (s *Service) publicGet(ctx context.Context, _ *access.Principal, id string) (PublicDetail, error) {
	return s.PublicGet(ctx, id)
}

// FormatQuery chooses the file format of a download.
type FormatQuery struct {
	Format string `query:"format" doc:"csv（默认）或 xlsx"`
}

func (s *Service) handleTemplate(w http.ResponseWriter, r *http.Request) error {
	var q FormatQuery
	if err := httpx.DecodeQuery(r, &q); err != nil {
		return err
	}
	f, err := Template(q.Format)
	if err != nil {
		return err
	}
	return writeFile(w, f)
}

func (s *Service) handleExport(w http.ResponseWriter, r *http.Request) error {
	var q FormatQuery
	var f Filter
	if err := httpx.DecodeQuery(r, &q); err != nil {
		return err
	}
	if err := httpx.DecodeQuery(r, &f); err != nil {
		return err
	}
	file, err := s.Export(r.Context(), httpx.Principal(r), f, q.Format)
	if err != nil {
		return err
	}
	return writeFile(w, file)
}

// writeFile answers with a file to download.
func writeFile(w http.ResponseWriter, f File) error {
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", `attachment; filename="catalog`+path.Ext(f.Name)+`"; filename*=UTF-8''`+url.PathEscape(f.Name))
	h.Set("Content-Length", strconv.Itoa(len(f.Body)))
	_, err := w.Write(f.Body)
	return err
}
