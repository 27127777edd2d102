package people

import (
	"slices"
	"testing"

	"zhifa/internal/platform/apperr"
)

func TestCertStatusOf(t *testing.T) {
	// testToday is 2026-05-10; a certificate is valid through its last day.
	cases := []struct {
		validTo string
		status  CertStatus
		left    int
	}{
		{"", CertNone, 0},
		{"2026-05-09", CertExpired, -1},
		{"2025-05-10", CertExpired, -365},
		{"2026-05-10", CertExpiring, 0}, // expires today: still usable, renew now
		{"2026-06-09", CertExpiring, 30},
		{"2026-06-10", CertValid, 31},
		{"2031-05-10", CertValid, 1826},
	}
	for _, c := range cases {
		status, left := CertStatusOf(c.validTo, testToday)
		if status != c.status || left != c.left {
			t.Errorf("CertStatusOf(%q) = %s, %d; want %s, %d", c.validTo, status, left, c.status, c.left)
		}
	}
}

func TestCertInputCheck(t *testing.T) {
	domains := []string{"城市管理", "市场监管"}
	ok := CertInput{Number: " 鲁聊执字第001号 ", Domains: []string{"城市管理"}, ValidFrom: "2024-01-01", ValidTo: "2029-12-31"}
	if err := ok.Check(domains); err != nil || ok.Number != "鲁聊执字第001号" {
		t.Fatalf("valid certificate: %v (number %q)", err, ok.Number)
	}
	cases := []struct {
		name  string
		in    CertInput
		code  string
		field string
	}{
		{"no number", CertInput{Domains: []string{"城市管理"}, ValidFrom: "2024-01-01", ValidTo: "2029-12-31"}, "CERT_NUMBER_REQUIRED", "number"},
		{"unknown domain", CertInput{Number: "A1", Domains: []string{"城管"}, ValidFrom: "2024-01-01", ValidTo: "2029-12-31"}, "DOMAIN_UNKNOWN", "domains"},
		{"bad start", CertInput{Number: "A1", ValidFrom: "2024/01/01", ValidTo: "2029-12-31"}, "DATE_INVALID", "validFrom"},
		{"bad end", CertInput{Number: "A1", ValidFrom: "2024-01-01", ValidTo: "2029-02-30"}, "DATE_INVALID", "validTo"},
		{"missing end", CertInput{Number: "A1", ValidFrom: "2024-01-01"}, "DATE_INVALID", "validTo"},
		{"inverted", CertInput{Number: "A1", ValidFrom: "2029-12-31", ValidTo: "2024-01-01"}, "CERT_DATES_INVERTED", "validTo"},
		{"same day", CertInput{Number: "A1", ValidFrom: "2024-01-01", ValidTo: "2024-01-01"}, "CERT_DATES_INVERTED", "validTo"},
	}
	for _, c := range cases {
		err := c.in.Check(domains)
		if e := apperr.As(err); err == nil || e.Code != c.code || e.Field != c.field {
			t.Errorf("%s: error = %v, want %s on %s", c.name, err, c.code, c.field)
		}
	}
	inv := CertInput{Number: "A1", ValidFrom: "2029-12-31", ValidTo: "2024-01-01"}
	if e := apperr.As(inv.Check(domains)); e.Message != "证件有效期截止日期早于起始日期" {
		t.Errorf("inverted message = %q", e.Message)
	}
}

func TestSplitDomains(t *testing.T) {
	got := SplitDomains("城市管理、市场监管;生态环境，文化市场 ; ")
	want := []string{"城市管理", "市场监管", "生态环境", "文化市场"}
	if !slices.Equal(got, want) {
		t.Fatalf("SplitDomains = %v, want %v", got, want)
	}
}
