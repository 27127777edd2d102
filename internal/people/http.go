package people

import (
	"net/http"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/httpx"
)

// RevealedID is the answer of reveal-id.
type RevealedID struct {
	IDNumber string `json:"idNumber"`
}

// Routes returns the real-name register's API.
func (s *Service) Routes() []httpx.Route {
	return []httpx.Route{
		{Method: "GET", Path: "/api/v1/people", Perm: access.PeopleRead, Tag: "执法人员", Summary: "查询人员（实名制，个人信息脱敏）",
			Query: []httpx.Param{{Name: "q", Description: "姓名或身份证号末1至4位；有 people.pii 权限时可输入完整的18位身份证号"}, {Name: "orgId", Description: "编制所在单位或使用单位"},
				{Name: "subtree", Type: "boolean", Description: "含下级机构"}, {Name: "frontline", Type: "boolean"},
				{Name: "certStatus", Description: "valid、expiring、expired、none"}, {Name: "postType"},
				{Name: "page", Type: "integer"}, {Name: "pageSize", Type: "integer"}, {Name: "sort"}, {Name: "order"}},
			Response: httpx.List[Person]{}, Handler: s.handleList},
		{Method: "GET", Path: "/api/v1/people/{id}", Perm: access.PeopleRead, Tag: "执法人员", Summary: "人员详情（含全部执法证；出生日期与完整手机号仅对 people.pii 权限显示；查看记入审计日志）",
			Response: Detail{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				d, err := s.Get(r.Context(), httpx.Principal(r), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.OK(w, d)
			}},
		{Method: "POST", Path: "/api/v1/people", Perm: access.PeopleWrite, Tag: "执法人员", Summary: "登记人员",
			Body: Input{}, Response: Person{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
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
		{Method: "PUT", Path: "/api/v1/people/{id}", Perm: access.PeopleWrite, Tag: "执法人员",
			Summary: "修改人员信息（身份证号留空、不传手机号时保持原值）",
			Body:    EditInput{}, Response: Person{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in EditInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				out, err := s.Edit(r.Context(), httpx.Principal(r), r.PathValue("id"), in)
				if err != nil {
					return err
				}
				return httpx.OK(w, out)
			}},
		{Method: "POST", Path: "/api/v1/people/{id}/certificates", Perm: access.PeopleWrite, Tag: "执法人员", Summary: "登记行政执法证",
			Body: CertInput{}, Response: Person{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				var in CertInput
				if err := httpx.Decode(r, &in); err != nil {
					return err
				}
				out, err := s.AddCertificate(r.Context(), httpx.Principal(r), r.PathValue("id"), in)
				if err != nil {
					return err
				}
				return httpx.Created(w, out)
			}},
		{Method: "POST", Path: "/api/v1/people/{id}/reveal-id", Perm: access.PeoplePII, Tag: "执法人员", Summary: "查看完整身份证号（记入审计日志）",
			Response: RevealedID{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				id, err := s.RevealID(r.Context(), httpx.Principal(r), r.PathValue("id"))
				if err != nil {
					return err
				}
				return httpx.OK(w, RevealedID{IDNumber: id})
			}},
		{Method: "POST", Path: "/api/v1/imports/people", Perm: access.PeopleWrite, Tag: "执法人员",
			Summary: "导入人员（CSV 或 .xlsx，字段 file；任一行有误则整批不导入）", Upload: true,
			Response: ImportResult{}, Handler: func(w http.ResponseWriter, r *http.Request) error {
				f, err := httpx.UploadedFile(w, r)
				if err != nil {
					return err
				}
				defer f.Close()
				res, err := s.Import(r.Context(), httpx.Principal(r), f, nil)
				if err != nil {
					return err
				}
				return httpx.OK(w, res)
			}},
	}
}

func (s *Service) handleList(w http.ResponseWriter, r *http.Request) error {
	page, err := httpx.PageOf(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := Filter{Query: q.Get("q"), OrgID: q.Get("orgId"), PostType: q.Get("postType")}
	if b, err := httpx.Bool(r, "subtree"); err != nil {
		return err
	} else if b != nil {
		f.Subtree = *b
	}
	if f.Frontline, err = httpx.Bool(r, "frontline"); err != nil {
		return err
	}
	if cs := q.Get("certStatus"); cs != "" {
		var ok bool
		if f.CertStatus, ok = ParseCertStatus(cs); !ok {
			return apperr.InvalidField("certStatus", "CERT_STATUS_INVALID", "执法证状态应为 valid、expiring、expired 或 none")
		}
	}
	items, total, err := s.List(r.Context(), httpx.Principal(r), f, page)
	if err != nil {
		return err
	}
	return httpx.OK(w, httpx.NewList(items, total, page))
}
