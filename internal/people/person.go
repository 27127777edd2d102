// Package people keeps the real-name register of enforcement staff (实名制): who each person is,
// the organisation holding their post (编制所在单位) and the one using them (使用单位), their post
// type, whether they work on the front line, and their enforcement certificates (行政执法证).
// Resident ID numbers are stored sealed, with a blind index for uniqueness and a masked copy for
// display; every read of personal data is written to the audit log.
package people

import (
	"strings"
	"unicode/utf8"

	"zhifa/internal/audit"
	"zhifa/internal/org"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/region"
)

// Person is one staff member as lists show them: personal data masked.
type Person struct {
	ID             string       `json:"id"`
	Name           string       `json:"name"`
	Gender         string       `json:"gender"`
	IDNumberMasked string       `json:"idNumberMasked"`
	PhoneMasked    string       `json:"phoneMasked"`
	PostOrgID      string       `json:"postOrgId"`
	PostOrgName    string       `json:"postOrgName"`
	WorkOrgID      string       `json:"workOrgId"`
	WorkOrgName    string       `json:"workOrgName"`
	PostType       org.PostType `json:"postType"`
	PostTypeName   string       `json:"postTypeName"`
	Position       string       `json:"position"`
	Frontline      bool         `json:"frontline"`
	Sunk           bool         `json:"sunk"`
	Certificate    *Certificate `json:"certificate"`
}

// Detail is one person with every certificate, birth date and phone, as a Disclosure allows:
// the birth date and the full phone only for callers holding access.PeoplePII; without it the
// phone is masked and the birth date absent, since it is exactly what the masked ID number hides.
type Detail struct {
	Person
	BirthDate    string        `json:"birthDate,omitempty"`
	Phone        string        `json:"phone"`
	Certificates []Certificate `json:"certificates"`
}

// Input creates or changes a person.
type Input struct {
	Name      string `json:"name" text:"50"`
	IDNumber  string `json:"idNumber" text:"32"`
	Phone     string `json:"phone" text:"32"`
	PostOrgID string `json:"postOrgId" text:"64"`
	WorkOrgID string `json:"workOrgId" text:"64"`
	PostType  string `json:"postType" text:"32"`
	Position  string `json:"position" text:"50"`
	Frontline bool   `json:"frontline"`
}

// MaxNameLen bounds a person's name in characters.
const MaxNameLen = 50

// checked is an Input after validation.
type checked struct {
	Input
	id       IDNumber
	postType org.PostType
}

// check validates the fields that need no database; today is the current date in China. The
// organisations are checked by the service, inside the caller's jurisdiction.
func (in Input) check(today civil.Date) (checked, error) {
	c, err := in.checkPerson(today)
	if err != nil {
		return checked{}, err
	}
	if c.PostOrgID == "" {
		return checked{}, apperr.InvalidField("postOrgId", "PERSON_ORG_NOT_FOUND", "请选择编制所在单位")
	}
	if c.WorkOrgID == "" {
		return checked{}, apperr.InvalidField("workOrgId", "PERSON_ORG_NOT_FOUND", "请选择使用单位")
	}
	return c, nil
}

// checkPerson validates the person's own fields: name, resident ID number, phone and post type.
func (in Input) checkPerson(today civil.Date) (checked, error) {
	c, errs := in.checkPersonAll(today)
	if len(errs) > 0 {
		return checked{}, errs[0]
	}
	return c, nil
}

// checkPersonAll is checkPerson reporting every bad field, in the order checkPerson meets them,
// as an import row does; the result is usable only when there are none.
func (in Input) checkPersonAll(today civil.Date) (checked, []error) {
	var errs []error
	in.Name = strings.TrimSpace(in.Name)
	in.Position = strings.TrimSpace(in.Position)
	in.PostOrgID = strings.TrimSpace(in.PostOrgID)
	in.WorkOrgID = strings.TrimSpace(in.WorkOrgID)
	if in.Name == "" {
		errs = append(errs, apperr.InvalidField("name", "PERSON_NAME_REQUIRED", "姓名不能为空"))
	} else if utf8.RuneCountInString(in.Name) > MaxNameLen {
		errs = append(errs, apperr.InvalidField("name", "PERSON_NAME_TOO_LONG", "姓名不能超过50个字"))
	}
	id, err := ParseIDNumber(in.IDNumber, today)
	if err != nil {
		errs = append(errs, err)
	}
	in.IDNumber = id.Number
	if in.Phone, err = NormalizePhone(in.Phone); err != nil {
		errs = append(errs, err)
	}
	pt, ok := org.ParsePostType(in.PostType)
	if !ok {
		errs = append(errs, apperr.InvalidField("postType", "POST_TYPE_UNKNOWN",
			"未知编制类型："+in.PostType+"（可选：行政编、参公事业编、事业编、编外）"))
	}
	in.PostType = string(pt)
	return checked{Input: in, id: id, postType: pt}, errs
}

// AtTownship reports whether an organisation works at township level: a township (street)
// enforcement office, or any organisation whose region is a township or street.
func AtTownship(kind org.Kind, regionCode string) bool {
	return kind == org.KindTownshipOffice || region.LevelOf(regionCode) == region.LevelTownship
}

// IsSunk reports whether a person is sunk to a township (下沉, "区属镇管镇用"): their post stays
// with a district or county organisation while a township-level organisation uses them.
func IsSunk(postOrgID, workOrgID string, workKind org.Kind, workRegion string) bool {
	return postOrgID != workOrgID && AtTownship(workKind, workRegion)
}

// Filter narrows a listing of people.
type Filter struct {
	Query      string     `json:"q,omitempty" query:"q" doc:"姓名或身份证号末1至4位；有 people.pii 权限时可输入完整的18位身份证号"`
	OrgID      string     `json:"orgId,omitempty" query:"orgId" doc:"编制所在单位或使用单位"`
	Subtree    bool       `json:"subtree,omitempty" query:"subtree" doc:"含下级机构"`
	Frontline  *bool      `json:"frontline,omitempty" query:"frontline" doc:"只看一线（true）或非一线（false）人员"`
	CertStatus CertStatus `json:"certStatus,omitempty" query:"certStatus" doc:"执法证状态：valid、expiring、expired、none"`
	PostType   string     `json:"postType,omitempty" query:"postType" doc:"编制类型代码或中文名称"`
}

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: entityPerson, Name: "人员"}, {Code: entityCertificate, Name: "执法证"}}
