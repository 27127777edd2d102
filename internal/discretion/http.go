package discretion

import (
	"context"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

const tag = "裁量基准"

// Vocabulary lists the codes the console needs to edit and apply benchmarks, and a jurisdiction's
// own vocabularies: the bases of multiple-based fines, the rule labels, and the rules in force.
type Vocabulary struct {
	Levels         []Option `json:"levels"`
	ConditionKinds []Option `json:"conditionKinds"`
	HarmLevels     []Option `json:"harmLevels"`
	StandardKinds  []Option `json:"standardKinds"`
	NoPenaltyKinds []Option `json:"noPenaltyKinds"`
	PartyTypes     []Option `json:"partyTypes"`
	MeasureKinds   []Option `json:"measureKinds"`
	PeriodUnits    []Option `json:"periodUnits"`
	Modes          []Option `json:"modes"`
	RegionCode     string   `json:"regionCode"`
	Bases          []string `json:"bases"`
	Labels         []string `json:"labels"`
	Rules          Rules    `json:"rules"`
	National       Rules    `json:"national"`
}

// VocabularyQuery names the jurisdiction whose vocabularies to list.
type VocabularyQuery struct {
	RegionCode string `query:"regionCode" doc:"默认本辖区根节点"`
}

// Vocabulary returns the code tables of this package and the vocabularies of a jurisdiction
// (default the caller's root).
func (s *Service) Vocabulary(ctx context.Context, p *access.Principal, q VocabularyQuery) (Vocabulary, error) {
	code := ""
	if q.RegionCode != "" || p.Scope().Root() != "" {
		var err error
		if code, err = s.regionFor(ctx, s.DB.R, p, q.RegionCode); err != nil {
			return Vocabulary{}, err
		}
	}
	rules, err := s.rules(ctx, s.DB.R, code)
	if err != nil {
		return Vocabulary{}, err
	}
	levels := make([]Option, len(Levels))
	for i, l := range Levels {
		levels[i] = Option{Code: string(l), Name: LevelName(l)}
	}
	return Vocabulary{Levels: levels, ConditionKinds: ConditionKinds, HarmLevels: HarmLevels, StandardKinds: StandardKinds,
		NoPenaltyKinds: NoPenaltyKinds, PartyTypes: PartyTypes, MeasureKinds: MeasureKinds, PeriodUnits: PeriodUnits, Modes: Modes,
		RegionCode: code, Bases: rules.Bases, Labels: rules.Labels, Rules: rules, National: National()}, nil
}

// Routes returns the discretion benchmark API. Reading and applying benchmarks needs
// catalog.read; drafting and publishing needs catalog.write; the public listing needs nothing
// (行政处罚法 第三十四条). The splitting rules are set and read through the settings per
// jurisdiction (/api/v1/settings/discretion.tiers).
func (s *Service) Routes() []httpx.Route {
	return append(httpx.Tagged(tag,
		httpx.Get("/api/v1/discretion/vocabulary", access.CatalogRead,
			"裁量基准代码表：阶次、条件类型、当事人类型、并处措施、处罚标准类型、不予处罚类型；本辖区的计算基数、情节用语和划分规则",
			httpx.WithQuery(s.Vocabulary)),
		httpx.Get("/api/v1/discretion/benchmarks", access.CatalogRead, "查询裁量基准（本辖区的各版本及上级辖区已发布的版本）", httpx.Listing(s.List)),
		httpx.Get("/api/v1/discretion/benchmarks/{id}", access.CatalogRead, "裁量基准详情（含阶次、处罚条款、不予处罚清单和版本历史）", httpx.ByID(s.Get)),
		httpx.Post("/api/v1/discretion/benchmarks", access.CatalogWrite,
			"新建裁量基准草稿（该事项已有版本时为下一版本；按今日施行的法定幅度和辖区划分规则校验）", httpx.WithBody(s.Create).Created()),
		httpx.Put("/api/v1/discretion/benchmarks/{id}", access.CatalogWrite, "修改裁量基准草稿", httpx.ByIDWithBody(s.Update)),
		httpx.Delete("/api/v1/discretion/benchmarks/{id}", access.CatalogWrite, "删除裁量基准草稿", httpx.Action(s.Discard)),
		httpx.Post("/api/v1/discretion/benchmarks/{id}/revise", access.CatalogWrite, "以已发布版本为底稿修订新版本（新草稿）", httpx.ByID(s.Revise).Created()),
		httpx.Post("/api/v1/discretion/benchmarks/{id}/publish", access.CatalogWrite,
			"发布裁量基准（文号、生效日期；按生效日施行的法定幅度校验，上一版本于生效日失效）", httpx.ByIDWithBody(s.Publish)),
		httpx.Post("/api/v1/discretion/benchmarks/{id}/repeal", access.CatalogWrite, "废止裁量基准（废止日期默认今天，须写明理由）", httpx.ByIDWithBody(s.Repeal)),
		httpx.Post("/api/v1/discretion/propose", access.CatalogRead, "按辖区划分规则生成档次建议（不保存）", httpx.WithBody(s.Propose)),
		httpx.Post("/api/v1/discretion/evaluate", access.CatalogRead, "按案件事实计算适用的裁量阶次、罚款幅度和理由", httpx.WithBody(s.Evaluate)),
		httpx.Get("/api/v1/discretion/no-penalty", access.CatalogRead, "不予处罚清单（轻微不罚、首违不罚、无主观过错；按事项取最近辖区施行中的基准）",
			httpx.WithQuery(s.noPenalty)),
	), httpx.Tagged("公众门户",
		httpx.Get("/api/v1/public/discretion", "", "公开今日施行的行政处罚裁量基准（无需登录；行政处罚法第三十四条）", httpx.Listing(s.public)).AsPublic(),
	)...)
}

// NoPenaltyQuery asks for the no-penalty lists of a place and day.
type NoPenaltyQuery struct {
	ItemID     string `query:"itemId" doc:"事项 id"`
	RegionCode string `query:"regionCode" doc:"默认本辖区根节点"`
	Date       string `query:"date" doc:"默认今天"`
}

func (s *Service) noPenalty(ctx context.Context, p *access.Principal, q NoPenaltyQuery) ([]NoPenaltyListing, error) {
	return s.NoPenalty(ctx, p, q.ItemID, q.RegionCode, q.Date)
}

func (s *Service) public(ctx context.Context, _ *access.Principal, f PublicFilter, page httpx.Page) ([]Published, int, error) {
	return s.Public(ctx, f, page)
}
