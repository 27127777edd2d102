package reform

import (
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

// Routes returns the reform-ratio API. The thresholds are set and read through the settings per
// jurisdiction (/api/v1/settings/reform.thresholds).
func (s *Service) Routes() []httpx.Route {
	return httpx.Tagged("改革指标",
		httpx.Get("/api/v1/orgs/{id}/reform", access.ReformRead, "机构改革指标核查（一线占比、乡镇最低人数、下沉比例）", httpx.ByID(s.Check)),
		httpx.Get("/api/v1/reform/summary", access.ReformRead,
			"本辖区县级执法局与乡镇（街道）执法办公室的改革指标核查汇总（只含计数，不记审计）", httpx.Fetch(s.Summary)),
	)
}
