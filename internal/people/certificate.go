package people

import (
	"strings"

	"zhifa/internal/org"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// CertStatus is the state of a person's enforcement certificate (行政执法证) on a given day.
type CertStatus string

const (
	CertNone     CertStatus = "none"     // 无执法证
	CertExpired  CertStatus = "expired"  // 已过期
	CertExpiring CertStatus = "expiring" // 30天内到期
	CertValid    CertStatus = "valid"    // 有效
)

// ExpiringDays is how many days before its last valid day a certificate counts as expiring, so
// that renewal starts in time: officers without a valid certificate may not enforce
// (行政处罚法 第四十二条).
const ExpiringDays = 30

// ParseCertStatus accepts a status code from a filter.
func ParseCertStatus(s string) (CertStatus, bool) {
	switch c := CertStatus(s); c {
	case CertNone, CertExpired, CertExpiring, CertValid:
		return c, true
	}
	return "", false
}

// CertStatusOf reports the status of a certificate valid through validTo (inclusive, YYYY-MM-DD)
// on the calendar day today, with the days left until validTo (0 on the last valid day, negative
// once expired). An empty validTo means the person holds no certificate.
func CertStatusOf(validTo string, today civil.Date) (CertStatus, int) {
	to, ok := civil.Parse(validTo)
	if !ok {
		return CertNone, 0
	}
	left := to.Sub(today)
	switch {
	case left < 0:
		return CertExpired, left
	case left <= ExpiringDays:
		return CertExpiring, left
	}
	return CertValid, left
}

// Certificate is an enforcement certificate (行政执法证) as the API shows it.
type Certificate struct {
	Number    string     `json:"number"`
	Domains   []string   `json:"domains"`
	Issuer    string     `json:"issuer"`
	ValidFrom string     `json:"validFrom"`
	ValidTo   string     `json:"validTo"`
	Status    CertStatus `json:"status"`
	DaysLeft  int        `json:"daysLeft"`
}

// CertInput registers a certificate for a person.
type CertInput struct {
	Number    string   `json:"number" text:"50"`
	Domains   []string `json:"domains" text:"50"`
	Issuer    string   `json:"issuer" text:"100"`
	ValidFrom string   `json:"validFrom" text:"10"`
	ValidTo   string   `json:"validTo" text:"10"`
}

// Check validates a certificate without the database: a number, enforcement domains (执法领域)
// among the known domains, and a validity period written as YYYY-MM-DD whose end comes after its
// start.
func (in *CertInput) Check(domains []string) error {
	if errs := in.checkAll(domains); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// checkAll is Check reporting every bad field, in the order Check meets them.
func (in *CertInput) checkAll(domains []string) []error {
	var errs []error
	in.Number = strings.TrimSpace(in.Number)
	in.Issuer = strings.TrimSpace(in.Issuer)
	in.ValidFrom = strings.TrimSpace(in.ValidFrom)
	in.ValidTo = strings.TrimSpace(in.ValidTo)
	if in.Number == "" {
		errs = append(errs, apperr.InvalidField("number", "CERT_NUMBER_REQUIRED", "执法证号不能为空"))
	}
	if in.Domains == nil {
		in.Domains = []string{}
	}
	if err := org.CheckDomains("domains", in.Domains, domains); err != nil {
		errs = append(errs, err)
	}
	from, fromErr := civil.ParseDate("validFrom", "证件有效期起始日期", in.ValidFrom)
	if fromErr != nil {
		errs = append(errs, fromErr)
	}
	to, toErr := civil.ParseDate("validTo", "证件有效期截止日期", in.ValidTo)
	switch {
	case toErr != nil:
		errs = append(errs, toErr)
	case fromErr != nil:
	case to.Before(from):
		errs = append(errs, apperr.InvalidField("validTo", "CERT_DATES_INVERTED", "证件有效期截止日期早于起始日期"))
	case to == from:
		errs = append(errs, apperr.InvalidField("validTo", "CERT_DATES_INVERTED", "证件有效期截止日期应晚于起始日期"))
	}
	return errs
}

// SplitDomains splits a domain list typed in a spreadsheet cell, separated by 、 ; , or their
// full-width forms.
func SplitDomains(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ';' || r == '；' || r == ',' || r == '，'
	})
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
