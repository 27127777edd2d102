package discretion

import (
	"net/http"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

const tag = "裁量基准"

// Vocabulary lists the codes the console needs to edit and apply benchmarks.
type Vocabulary struct {
	Levels         []Option `json:"levels"`
	ConditionKinds []Option `json:"conditionKinds"`
	HarmLevels     []Option `json:"harmLevels"`
	StandardKinds  []Option `json:"standardKinds"`
	NoPenaltyKinds []Option `json:"noPenaltyKinds"`
	Bases          []string `json:"bases"`
	National       Rules    `json:"national"`
}

// vocabulary is the code tables of this package.
func vocabulary() Vocabulary {
	levels := make([]Option, len(Levels))
	for i, l := range Levels {
		levels[i] = Option{Code: string(l), Name: LevelName(l)}
	}
	return Vocabulary{Levels: levels, ConditionKinds: ConditionKinds, HarmLevels: HarmLevels, StandardKinds: StandardKinds,
		NoPenaltyKinds: NoPenaltyKinds, Bases: Bases, National: National()}
}

// Routes returns the discretion benchmark API. Reading and applying benchmarks needs
// catalog.read; drafting, publishing and setting rules needs catalog.write; the public listing
// needs nothing (行政处罚法 第三十四条).
func (s *Service) Routes() []httpx.Route {
	page := []httpx.Param{{Name: "page", Type: "integer"}, {Name: "pageSize", Type: "integer"}, {Name: "sort"}, {Name: "order"}}
	return []httpx.Route{
		{Method: "GET", Path: "/api/v1/discretion/vocabulary", Perm: access.CatalogRead, Tag: tag,
			Summary: "裁量基准代码表：阶次、条件类型、危害后果、处罚标准类型、不予处罚类型、全国默认划分规则", Response: Vocabulary{},
			Handler: func(w http.ResponseWriter, r *http.Request) error { return httpx.OK(w, vocabulary()) }},
		{Method: "GET", Path: "/api/v1/discretion/benchmarks", Perm: access.CatalogRead, Tag: tag,
			Summary: "查询裁量基准（本辖区的各版本及上级辖区已发布的版本）",
			Query: append([]httpx.Param{{Name: "itemId"}, {Name: "itemCode"}, {Name: "status", Description: "draft、published、repealed"},
				{Name: "q", Description: "名称、文号、事项编码或名称"}, {Name: "regionCode", Description: "只看该辖区制定的"},
				{Name: "inForce", Type: "boolean", Description: "只看在 date（默认今天）施行的版本"}, {Name: "date"}}, page...),
			Response: httpx.List[Summary]{}, Handler: s.handleList},
		{Method: "GET", Path: "/api/v1/discretion/benchmarks/{id}", Perm: access.CatalogRead, Tag: tag,
			Summary: "裁量基准详情（含阶次、处罚条款、不予处罚清单和版本历史）", Response: Detail{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				d, err := s.Get(r.Context(), httpx.Principal(r), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.OK(w, d)
			}},
		{Method: "POST", Path: "/api/v1/discretion/benchmarks", Perm: access.CatalogWrite, Tag: tag,
			Summary: "新建裁量基准草稿（该事项已有版本时为下一版本；按今日施行的法定幅度和辖区划分规则校验）",
			Body:    Input{}, Response: Benchmark{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in Input
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				out, err := s.Create(r.Context(), httpx.Principal(r), in)
				if err != nil {
					return err
				}
				return httpx.Created(w, out)
			}},
		{Method: "PUT", Path: "/api/v1/discretion/benchmarks/{id}", Perm: access.CatalogWrite, Tag: tag,
			Summary: "修改裁量基准草稿", Body: Input{}, Response: Benchmark{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in Input
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				out, err := s.Update(r.Context(), httpx.Principal(r), r.PathValue("id"), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, out)
			}},
		{Method: "DELETE", Path: "/api/v1/discretion/benchmarks/{id}", Perm: access.CatalogWrite, Tag: tag,
			Summary: "删除裁量基准草稿", Handler: func(w http.ResponseWriter, r *http.Request) error {
				if err := s.Discard(r.Context(), httpx.Principal(r), r.PathValue("id")); err != nil {
					return err
				}
				w.WriteHeader(http.StatusNoContent)
				return nil
			}},
		{Method: "POST", Path: "/api/v1/discretion/benchmarks/{id}/revise", Perm: access.CatalogWrite, Tag: tag,
			Summary: "以已发布版本为底稿修订新版本（新草稿）", Response: Benchmark{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				out, err := s.Revise(r.Context(), httpx.Principal(r), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.Created(w, out)
			}},
		{Method: "POST", Path: "/api/v1/discretion/benchmarks/{id}/publish", Perm: access.CatalogWrite, Tag: tag,
			Summary: "发布裁量基准（文号、生效日期；按生效日施行的法定幅度校验，上一版本于生效日失效）",
			Body:    PublishInput{}, Response: Benchmark{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in PublishInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				out, err := s.Publish(r.Context(), httpx.Principal(r), r.PathValue("id"), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, out)
			}},
		{Method: "POST", Path: "/api/v1/discretion/benchmarks/{id}/repeal", Perm: access.CatalogWrite, Tag: tag,
			Summary: "废止裁量基准（废止日期默认今天，须写明理由）", Body: RepealInput{}, Response: Benchmark{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in RepealInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				out, err := s.Repeal(r.Context(), httpx.Principal(r), r.PathValue("id"), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, out)
			}},
		{Method: "POST", Path: "/api/v1/discretion/propose", Perm: access.CatalogRead, Tag: tag,
			Summary: "按辖区划分规则生成档次建议（不保存）", Body: ProposeRequest{}, Response: Proposal{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in ProposeRequest
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				out, err := s.Propose(r.Context(), httpx.Principal(r), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, out)
			}},
		{Method: "POST", Path: "/api/v1/discretion/evaluate", Perm: access.CatalogRead, Tag: tag,
			Summary: "按案件事实计算适用的裁量阶次、罚款幅度和理由", Body: EvaluateRequest{}, Response: Result{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in EvaluateRequest
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				out, err := s.Evaluate(r.Context(), httpx.Principal(r), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, out)
			}},
		{Method: "GET", Path: "/api/v1/discretion/rules", Perm: access.CatalogRead, Tag: tag,
			Summary:  "辖区适用的裁量阶次划分规则（source 为所采用配置的区划代码或 national）",
			Query:    []httpx.Param{{Name: "regionCode", Description: "辖区内的区划代码；为空时为本辖区根节点"}},
			Response: EffectiveRules{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				out, err := s.Rules(r.Context(), httpx.Principal(r), r.URL.Query().Get("regionCode"))
				if err != nil {
					return err
				}
				return httpx.OK(w, out)
			}},
		{Method: "PUT", Path: "/api/v1/discretion/rules/{regionCode}", Perm: access.CatalogWrite, Tag: tag,
			Summary: "设置辖区裁量阶次划分规则", Body: Rules{}, Response: EffectiveRules{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in Rules
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				out, err := s.SetRules(r.Context(), httpx.Principal(r), r.PathValue("regionCode"), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, out)
			}},
		{Method: "GET", Path: "/api/v1/discretion/no-penalty", Perm: access.CatalogRead, Tag: tag,
			Summary: "不予处罚清单（轻微不罚、首违不罚、无主观过错；按事项取最近辖区施行中的基准）",
			Query: []httpx.Param{{Name: "itemId"}, {Name: "regionCode", Description: "默认本辖区根节点"},
				{Name: "date", Description: "默认今天"}},
			Response: []NoPenaltyListing{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				q := r.URL.Query()
				out, err := s.NoPenalty(r.Context(), httpx.Principal(r), q.Get("itemId"), q.Get("regionCode"), q.Get("date"))
				if err != nil {
					return err
				}
				return httpx.OK(w, out)
			}},
		{Method: "GET", Path: "/api/v1/public/discretion", Public: true, Tag: "公众门户",
			Summary: "公开今日施行的行政处罚裁量基准（无需登录；行政处罚法第三十四条）",
			Query: append([]httpx.Param{{Name: "itemId"}, {Name: "itemCode"}, {Name: "regionCode", Description: "该辖区及其上下级的基准"},
				{Name: "q", Description: "名称、事项编码或名称"}}, page[:2]...),
			Response: httpx.List[Published]{}, Handler: s.handlePublic},
	}
}

func (s *Service) handleList(w http.ResponseWriter, r *http.Request) error {
	page, err := httpx.PageOf(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := Filter{ItemID: q.Get("itemId"), ItemCode: q.Get("itemCode"), Status: Status(q.Get("status")), Query: q.Get("q"),
		RegionCode: q.Get("regionCode"), Date: q.Get("date")}
	if b, err := httpx.Bool(r, "inForce"); err != nil {
		return err
	} else if b != nil {
		f.InForce = *b
	}
	items, total, err := s.List(r.Context(), httpx.Principal(r), f, page)
	if err != nil {
		return err
	}
	return httpx.OK(w, httpx.NewList(items, total, page))
}

func (s *Service) handlePublic(w http.ResponseWriter, r *http.Request) error {
	page, err := httpx.PageOf(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	items, total, err := s.Public(r.Context(), PublicFilter{ItemID: q.Get("itemId"), ItemCode: q.Get("itemCode"),
		RegionCode: q.Get("regionCode"), Query: q.Get("q")}, page)
	if err != nil {
		return err
	}
	return httpx.OK(w, httpx.NewList(items, total, page))
}
