package reform

import (
	"context"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

// Routes returns the reform-ratio API.
func (s *Service) Routes() []httpx.Route {
	return httpx.Tagged("改革指标",
		httpx.Get("/api/v1/orgs/{id}/reform", access.ReformRead, "机构改革指标核查（一线占比、乡镇最低人数、下沉比例）", httpx.ByID(s.Check)),
		httpx.Get("/api/v1/reform/summary", access.ReformRead,
			"本辖区县级执法局与乡镇（街道）执法办公室的改革指标核查汇总（只含计数，不记审计）", httpx.Fetch(s.Summary)),
		httpx.Get("/api/v1/reform-rules", access.ReformRead, "本辖区适用的改革指标阈值（source 为所采用配置的区划代码或 national）",
			httpx.WithQuery(s.rulesAt)),
		httpx.Put("/api/v1/reform-rules/{regionCode}", access.ReformWrite, "设置辖区改革指标阈值", httpx.ByIDWithBody(s.SetRules)),
	)
}

// RulesQuery names the region whose thresholds are asked for.
type RulesQuery struct {
	RegionCode string `query:"regionCode" doc:"辖区内的区划代码；为空时为本辖区根节点"`
}

func (s *Service) rulesAt(ctx context.Context, p *access.Principal, q RulesQuery) (Effective, error) {
	return s.Rules(ctx, p, q.RegionCode)
}
