package settings

import (
	"zhifa/internal/platform/httpx"
)

// Routes returns the settings API: one set of routes for every kind. A kind names its own read
// and write permissions, so the routes ask only for a signed-in caller and the service checks the
// kind's permission (403 FORBIDDEN without it); the list of kinds holds those the caller may read.
func (s *Service) Routes() []httpx.Route {
	return httpx.Tagged("辖区设置",
		httpx.Get("/api/v1/settings", "", "可查看的设置项及其字段说明、全国默认值", httpx.Fetch(s.Kinds)),
		httpx.Get("/api/v1/settings/{kind}", "",
			"辖区适用的取值及其来源（本级设置、上级设置或全国默认值），以及自全国默认值至本级的逐级设置；需设置项的查看权限",
			httpx.ByIDWithQuery(s.View)).PermissionOf("kind"),
		httpx.Put("/api/v1/settings/{kind}/{regionCode}", "",
			"设置本辖区的取值（须写明依据的文件名称或文号）；需设置项的修改权限，只能设置本辖区", httpx.ByIDsWithBody(s.Set)).PermissionOf("kind"),
		httpx.Delete("/api/v1/settings/{kind}/{regionCode}", "",
			"撤销本辖区的设置，改用上级设置或全国默认值（须写明理由）；需设置项的修改权限", httpx.ByIDsWithBody(s.Clear)).PermissionOf("kind"),
		httpx.Get("/api/v1/settings/{kind}/history", "", "本辖区某一区划的设置修改记录（新的在前）；需设置项的查看权限",
			httpx.ByIDListing(s.History)).PermissionOf("kind"),
	)
}
