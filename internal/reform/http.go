package reform

import (
	"net/http"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

// Routes returns the reform-ratio API.
func (s *Service) Routes() []httpx.Route {
	return []httpx.Route{
		{Method: "GET", Path: "/api/v1/orgs/{id}/reform", Perm: access.ReformRead, Tag: "改革指标",
			Summary:  "机构改革指标核查（一线占比、乡镇最低人数、下沉比例）",
			Response: Report{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				rep, err := s.Check(r.Context(), httpx.Principal(r), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.OK(w, rep)
			}},
		{Method: "GET", Path: "/api/v1/reform/summary", Perm: access.ReformRead, Tag: "改革指标",
			Summary:  "本辖区县级执法局与乡镇（街道）执法办公室的改革指标核查汇总（只含计数，不记审计）",
			Response: Overview{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				ov, err := s.Summary(r.Context(), httpx.Principal(r))
				if err != nil {
					return err
				}
				return httpx.OK(w, ov)
			}},
		{Method: "GET", Path: "/api/v1/reform-rules", Perm: access.ReformRead, Tag: "改革指标",
			Summary:  "本辖区适用的改革指标阈值（source 为所采用配置的区划代码或 national）",
			Query:    []httpx.Param{{Name: "regionCode", Description: "辖区内的区划代码；为空时为本辖区根节点"}},
			Response: Effective{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				eff, err := s.Rules(r.Context(), httpx.Principal(r), r.URL.Query().Get("regionCode"))
				if err != nil {
					return err
				}
				return httpx.OK(w, eff)
			}},
		{Method: "PUT", Path: "/api/v1/reform-rules/{regionCode}", Perm: access.ReformWrite, Tag: "改革指标",
			Summary: "设置辖区改革指标阈值", Body: Rules{}, Response: Effective{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in Rules
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				eff, err := s.SetRules(r.Context(), httpx.Principal(r), r.PathValue("regionCode"), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, eff)
			}},
	}
}
