package people

import (
	"context"
	"io"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

// RevealedID is the answer of reveal-id.
type RevealedID struct {
	IDNumber string `json:"idNumber"`
}

// Routes returns the real-name register's API.
func (s *Service) Routes() []httpx.Route {
	return httpx.Tagged("执法人员",
		httpx.Get("/api/v1/people", access.PeopleRead, "查询人员（实名制，个人信息脱敏）", httpx.Listing(s.List)),
		httpx.Get("/api/v1/people/{id}", access.PeopleRead,
			"人员详情（含全部执法证；出生日期与完整手机号仅对 people.pii 权限显示；查看记入审计日志）", httpx.ByID(s.Get)),
		httpx.Post("/api/v1/people", access.PeopleWrite, "登记人员", httpx.WithBody(s.Create).Created()),
		httpx.Put("/api/v1/people/{id}", access.PeopleWrite, "修改人员信息（身份证号留空、不传手机号时保持原值）", httpx.ByIDWithBody(s.Edit)),
		httpx.Post("/api/v1/people/{id}/certificates", access.PeopleWrite, "登记行政执法证", httpx.ByIDWithBody(s.AddCertificate).Created()),
		httpx.Post("/api/v1/people/{id}/reveal-id", access.PeoplePII, "查看完整身份证号（记入审计日志）", httpx.ByID(s.revealID)),
		httpx.Post("/api/v1/imports/people", access.PeopleWrite, "导入人员（CSV 或 .xlsx，字段 file；任一行有误则整批不导入）",
			httpx.Upload(s.importFile)),
	)
}

func (s *Service) revealID(ctx context.Context, p *access.Principal, id string) (RevealedID, error) {
	n, err := s.RevealID(ctx, p, id)
	return RevealedID{IDNumber: n}, err
}

func (s *Service) importFile(ctx context.Context, p *access.Principal, f io.Reader) (ImportResult, error) {
	return s.Import(ctx, p, f, nil)
}
