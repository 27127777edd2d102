package audit

import (
	"net/http"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
)

// Routes returns the audit log's API.
func Routes(d *db.DB) []httpx.Route {
	return []httpx.Route{
		{Method: "GET", Path: "/api/v1/audit", Perm: access.AuditRead, Tag: "审计", Summary: "查询审计日志",
			Query: []httpx.Param{{Name: "actor"}, {Name: "action"}, {Name: "entity"}, {Name: "from"}, {Name: "to"},
				{Name: "page", Type: "integer"}, {Name: "pageSize", Type: "integer"}, {Name: "sort"}, {Name: "order"}},
			Response: httpx.List[Entry]{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				p, err := httpx.PageOf(r)
				if err != nil {
					return err
				}
				q := r.URL.Query()
				items, total, err := List(r.Context(), d, httpx.Principal(r).Scope(), Filter{
					Actor: q.Get("actor"), Action: q.Get("action"), Entity: q.Get("entity"), From: q.Get("from"), To: q.Get("to"),
				}, p)
				if err != nil {
					return err
				}
				return httpx.OK(w, httpx.NewList(items, total, p))
			}},
		{Method: "POST", Path: "/api/v1/audit/verify", Perm: access.AuditRead, Tag: "审计", Summary: "校验审计日志哈希链",
			Response: Verification{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				v, err := Verify(r.Context(), d)
				if err != nil {
					return err
				}
				return httpx.OK(w, v)
			}},
	}
}
