package catalog

import (
	"context"
	"net/http"
	"net/url"
	"path"
	"strconv"

	"zhifa/internal/law"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

const tag = "权责清单"

var pageParams = []httpx.Param{{Name: "page", Type: "integer"}, {Name: "pageSize", Type: "integer"}, {Name: "sort"}, {Name: "order"}}

var listParams = append([]httpx.Param{
	{Name: "q", Description: "检索词：事项名称、编码、法律依据等，多个词以空格分隔，须全部命中"},
	{Name: "domain", Description: "执法领域"}, {Name: "type", Description: "penalty、coercion、inspection、levy、other"},
	{Name: "category", Description: "general（一般性）或 professional（专业性）"},
	{Name: "status", Description: "draft、published、repealed"},
	{Name: "orgId", Description: "只列该机构在 asOf（默认今天）可以行使的事项"},
	{Name: "asOf", Description: "YYYY-MM-DD：显示当日施行的版本，不在施行期的事项不列出"},
	{Name: "regionCode", Description: "某一辖区的清单（12位区划代码）"},
}, pageParams...)

// Meta is the catalogue's code tables for the console's selects.
type Meta struct {
	Types         []Option `json:"types"`
	Categories    []Option `json:"categories"`
	Levels        []Option `json:"levels"`
	Statuses      []Option `json:"statuses"`
	Modes         []Option `json:"modes"`
	PenaltyKinds  []string `json:"penaltyKinds"`
	MultipleBases []string `json:"multipleBases"`
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
	return append([]httpx.Route{
		{Method: "GET", Path: "/api/v1/catalog/meta", Perm: access.CatalogRead, Tag: tag, Summary: "权责清单代码表：事项类型、类别、层级、状态、处罚种类、倍数基数、执法领域",
			Response: Meta{}, Handler: s.handleMeta},
		{Method: "GET", Path: "/api/v1/catalog/items", Perm: access.CatalogRead, Tag: tag, Summary: "查询权责清单事项（可按日期、机构、领域、类型、状态筛选）",
			Query: listParams, Response: ItemList{}, Handler: s.handleList},
		{Method: "POST", Path: "/api/v1/catalog/items", Perm: access.CatalogWrite, Tag: tag, Summary: "新增事项（草稿）",
			Body: Input{}, Response: Detail{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in Input
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				d, err := s.Create(r.Context(), httpx.Principal(r), in)
				if err != nil {
					return err
				}
				return httpx.Created(w, d)
			}},
		{Method: "GET", Path: "/api/v1/catalog/items/{id}", Perm: access.CatalogRead, Tag: tag, Summary: "事项详情：指定日期施行的版本、全部版本、划转下放历史",
			Query: []httpx.Param{{Name: "asOf", Description: "YYYY-MM-DD；为空时显示最新版本"}}, Response: Detail{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				d, err := s.Get(r.Context(), httpx.Principal(r), r.PathValue("id"), r.URL.Query().Get("asOf"))
				if err != nil {
					return err
				}
				return httpx.OK(w, d)
			}},
		{Method: "POST", Path: "/api/v1/catalog/items/{id}/versions", Perm: access.CatalogWrite, Tag: tag, Summary: "新增事项版本（草稿，写明生效日期和文号）",
			Body: Input{}, Response: Detail{}, Handler: s.inputHandler(s.AddVersion, http.StatusCreated)},
		{Method: "PUT", Path: "/api/v1/catalog/items/{id}/draft", Perm: access.CatalogWrite, Tag: tag, Summary: "修改待发布的草稿",
			Body: Input{}, Response: Detail{}, Handler: s.inputHandler(s.UpdateDraft, http.StatusOK)},
		{Method: "POST", Path: "/api/v1/catalog/items/{id}/publish", Perm: access.CatalogWrite, Tag: tag, Summary: "发布草稿（须有违法依据和处罚依据、生效日期和文号）",
			Response: Detail{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				d, err := s.Publish(r.Context(), httpx.Principal(r), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.OK(w, d)
			}},
		{Method: "POST", Path: "/api/v1/catalog/items/{id}/repeal", Perm: access.CatalogWrite, Tag: tag, Summary: "废止事项（自生效日期起）",
			Body: RepealInput{}, Response: Detail{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in RepealInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				d, err := s.Repeal(r.Context(), httpx.Principal(r), r.PathValue("id"), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, d)
			}},
		{Method: "GET", Path: "/api/v1/catalog/items/{id}/diff", Perm: access.CatalogRead, Tag: tag, Summary: "事项在两个日期之间的变化",
			Query: []httpx.Param{{Name: "from", Description: "YYYY-MM-DD"}, {Name: "to", Description: "YYYY-MM-DD"}}, Response: ItemDiff{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				q := r.URL.Query()
				d, err := s.DiffItem(r.Context(), httpx.Principal(r), r.PathValue("id"), q.Get("from"), q.Get("to"))
				if err != nil {
					return err
				}
				return httpx.OK(w, d)
			}},
		{Method: "GET", Path: "/api/v1/catalog/items/{id}/applicable", Perm: access.CatalogRead, Tag: tag, Summary: "按行政处罚法第三十七条（从旧兼从轻）确定适用的版本",
			Query:    []httpx.Param{{Name: "actDate", Description: "违法行为发生日期"}, {Name: "decisionDate", Description: "作出处罚决定日期，默认今天"}},
			Response: Art37Choice{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				q := r.URL.Query()
				c, err := s.Applicable(r.Context(), httpx.Principal(r), r.PathValue("id"), q.Get("actDate"), q.Get("decisionDate"))
				if err != nil {
					return err
				}
				return httpx.OK(w, c)
			}},
		{Method: "GET", Path: "/api/v1/catalog/exercise", Perm: access.CatalogRead, Tag: tag, Summary: "行使主体查询：某日在某地由谁、依据什么行使该事项",
			Query: []httpx.Param{{Name: "itemId"}, {Name: "itemCode"}, {Name: "place", Description: "区划代码（村、乡镇或县）"},
				{Name: "date", Description: "YYYY-MM-DD，默认今天"}}, Response: Exercise{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				q := r.URL.Query()
				x, err := s.Exercise(r.Context(), httpx.Principal(r), ExerciseQuery{ItemID: q.Get("itemId"), ItemCode: q.Get("itemCode"),
					Place: q.Get("place"), Date: q.Get("date")})
				if err != nil {
					return err
				}
				return httpx.OK(w, x)
			}},
		{Method: "GET", Path: "/api/v1/catalog/orgs/{orgId}/items", Perm: access.CatalogRead, Tag: tag, Summary: "机构在某日可以行使的事项及按领域、类型的统计",
			Query: append([]httpx.Param{{Name: "date", Description: "YYYY-MM-DD，默认今天"}}, pageParams[:2]...), Response: OrgItems{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				p, err := httpx.PageOf(r)
				if err != nil {
					return err
				}
				if r.URL.Query().Get("pageSize") == "" {
					p.PageSize = httpx.MaxPageSize
				}
				out, err := s.OrgItems(r.Context(), httpx.Principal(r), r.PathValue("orgId"), r.URL.Query().Get("date"), p)
				if err != nil {
					return err
				}
				return httpx.OK(w, out)
			}},
		{Method: "GET", Path: "/api/v1/catalog/orgs/{orgId}/diff", Perm: access.CatalogRead, Tag: tag, Summary: "机构在两个日期之间增加和减少的事项",
			Query: []httpx.Param{{Name: "from", Description: "YYYY-MM-DD"}, {Name: "to", Description: "YYYY-MM-DD"}}, Response: OrgDiff{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				q := r.URL.Query()
				d, err := s.DiffOrg(r.Context(), httpx.Principal(r), r.PathValue("orgId"), q.Get("from"), q.Get("to"))
				if err != nil {
					return err
				}
				return httpx.OK(w, d)
			}},
		{Method: "GET", Path: "/api/v1/catalog/decisions", Perm: access.CatalogRead, Tag: tag, Summary: "划转、下放、收回决定列表",
			Query: append([]httpx.Param{{Name: "q", Description: "文号或标题"}}, pageParams...), Response: httpx.List[Decision]{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				p, err := httpx.PageOf(r)
				if err != nil {
					return err
				}
				items, total, err := s.ListDecisions(r.Context(), httpx.Principal(r), DecisionFilter{Query: r.URL.Query().Get("q")}, p)
				if err != nil {
					return err
				}
				return httpx.OK(w, httpx.NewList(items, total, p))
			}},
		{Method: "POST", Path: "/api/v1/catalog/decisions", Perm: access.CatalogWrite, Tag: tag, Summary: "登记决定：划转、下放、收回（整体校验，全部成功或全部不登记）",
			Body: DecisionInput{}, Response: DecisionDetail{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in DecisionInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				d, err := s.CreateDecision(r.Context(), httpx.Principal(r), in)
				if err != nil {
					return err
				}
				return httpx.Created(w, d)
			}},
		{Method: "GET", Path: "/api/v1/catalog/decisions/{id}", Perm: access.CatalogRead, Tag: tag, Summary: "决定详情：所作划转下放及所收回的记录",
			Response: DecisionDetail{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				d, err := s.GetDecision(r.Context(), httpx.Principal(r), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.OK(w, d)
			}},
		{Method: "POST", Path: "/api/v1/catalog/decisions/{id}/revoke", Perm: access.CatalogWrite, Tag: tag, Summary: "以新决定收回某决定所作的划转、下放（全部或所列事项、机构）",
			Body: RevokeDecisionInput{}, Response: DecisionDetail{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in RevokeDecisionInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				d, err := s.RevokeDecision(r.Context(), httpx.Principal(r), r.PathValue("id"), in)
				if err != nil {
					return err
				}
				return httpx.Created(w, d)
			}},
		{Method: "GET", Path: "/api/v1/catalog/checks", Perm: access.CatalogRead, Tag: tag, Summary: "清单检查报告：缺少法律依据、编码重复、下放重叠、无行使主体等",
			Response: Report{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				rep, err := s.Checks(r.Context(), httpx.Principal(r))
				if err != nil {
					return err
				}
				return httpx.OK(w, rep)
			}},
		{Method: "GET", Path: "/api/v1/catalog/domains", Perm: access.CatalogRead, Tag: tag, Summary: "执法领域表",
			Response: []Domain{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				ds, err := s.Domains(r.Context())
				if err != nil {
					return err
				}
				return httpx.OK(w, ds)
			}},
		{Method: "POST", Path: "/api/v1/catalog/domains", Perm: access.CatalogWrite, Tag: tag, Summary: "新增执法领域",
			Body: DomainInput{}, Response: Domain{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in DomainInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				d, err := s.AddDomain(r.Context(), httpx.Principal(r), in)
				if err != nil {
					return err
				}
				return httpx.Created(w, d)
			}},
		{Method: "POST", Path: "/api/v1/catalog/citations/parse", Perm: access.CatalogRead, Tag: tag, Summary: "解析法律依据文本（《…》第…条第…款第（…）项：原文，多条以；分隔）",
			Body: CitationText{}, Response: []law.Citation{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in CitationText
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				cs, err := law.ParseCitations("text", in.Text)
				if err != nil {
					return err
				}
				return httpx.OK(w, cs)
			}},
		{Method: "GET", Path: "/api/v1/catalog/template", Perm: access.CatalogRead, Tag: tag, Summary: "下载导入模板（csv 或 xlsx）",
			Query: []httpx.Param{{Name: "format", Description: "csv（默认）或 xlsx"}}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				f, err := Template(r.URL.Query().Get("format"))
				if err != nil {
					return err
				}
				return writeFile(w, f)
			}},
		{Method: "GET", Path: "/api/v1/catalog/export", Perm: access.CatalogRead, Tag: tag, Summary: "导出清单（与列表相同的筛选条件，csv 或 xlsx）",
			Query: append([]httpx.Param{{Name: "format", Description: "csv（默认）或 xlsx"}}, listParams[:8]...),
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				f, err := s.Export(r.Context(), httpx.Principal(r), filterOf(r.URL.Query()), r.URL.Query().Get("format"))
				if err != nil {
					return err
				}
				return writeFile(w, f)
			}},
		{Method: "POST", Path: "/api/v1/imports/catalog", Perm: access.CatalogWrite, Tag: tag, Upload: true,
			Summary: "导入权责清单（CSV 或 .xlsx，字段 file；任一行有误则整批不导入）", Response: ImportResult{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				f, err := httpx.UploadedFile(w, r)
				if err != nil {
					return err
				}
				defer f.Close()
				res, err := s.Import(r.Context(), httpx.Principal(r), f)
				if err != nil {
					return err
				}
				return httpx.OK(w, res)
			}},
		{Method: "GET", Path: "/api/v1/public/catalog", Public: true, Tag: "公众门户", Summary: "公开的权责清单：今日施行的已发布事项及行使主体（无需登录）",
			Query: append([]httpx.Param{{Name: "q", Description: "检索词，多个以空格分隔"}, {Name: "domain"}, {Name: "type"},
				{Name: "orgId", Description: "只列该机构今日行使的事项"}, {Name: "township", Description: "乡镇（街道）区划代码：只列下放至当地乡镇的事项"}},
				pageParams[:2]...),
			Response: httpx.List[PublicItem]{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				p, err := httpx.PageOf(r)
				if err != nil {
					return err
				}
				q := r.URL.Query()
				items, total, err := s.PublicSearch(r.Context(), PublicFilter{Query: q.Get("q"), Domain: q.Get("domain"),
					Type: ItemType(q.Get("type")), OrgID: q.Get("orgId"), Township: q.Get("township")}, p)
				if err != nil {
					return err
				}
				return httpx.OK(w, httpx.NewList(items, total, p))
			}},
		{Method: "GET", Path: "/api/v1/public/catalog/{id}", Public: true, Tag: "公众门户", Summary: "公开的权责清单事项详情（无需登录）",
			Response: PublicDetail{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				d, err := s.PublicGet(r.Context(), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.OK(w, d)
			}},
	}, s.synonymRoutes()...)
}

func (s *Service) handleMeta(w http.ResponseWriter, r *http.Request) error {
	ds, err := s.Domains(r.Context())
	if err != nil {
		return err
	}
	return httpx.OK(w, Meta{Types: ItemTypes, Categories: Categories, Levels: Levels, Statuses: Statuses, Modes: Modes,
		PenaltyKinds: PenaltyKinds, MultipleBases: MultipleBases, Domains: ds})
}

func filterOf(q url.Values) Filter {
	return Filter{Query: q.Get("q"), Domain: q.Get("domain"), Type: ItemType(q.Get("type")), Category: Category(q.Get("category")),
		Status: Status(q.Get("status")), OrgID: q.Get("orgId"), AsOf: q.Get("asOf"), Region: q.Get("regionCode")}
}

func (s *Service) handleList(w http.ResponseWriter, r *http.Request) error {
	p, err := httpx.PageOf(r)
	if err != nil {
		return err
	}
	items, total, err := s.List(r.Context(), httpx.Principal(r), filterOf(r.URL.Query()), p)
	if err != nil {
		return err
	}
	return httpx.OK(w, httpx.NewList(items, total, p))
}

// inputHandler decodes an Input for an item and answers with its detail.
func (s *Service) inputHandler(fn func(context.Context, *access.Principal, string, Input) (Detail, error), status int) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		var in Input
		if err := httpx.Decode(r, &in); err != nil {
			return err
		}
		d, err := fn(r.Context(), httpx.Principal(r), r.PathValue("id"), in)
		if err != nil {
			return err
		}
		return httpx.JSON(w, status, d)
	}
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
