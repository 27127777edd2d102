package people

import (
	"strings"

	"zhifa/internal/platform/apperr"
)

// NormalizePhone checks a contact number (联系电话): an 11-digit mainland mobile number
// (1[3-9] followed by 9 digits, the numbering plan of 电信网编号计划) or a landline written with its
// area code and a hyphen, such as 0635-6212345 (area code 0 + 2–3 digits, local number 7–8
// digits). Spaces and a +86 prefix are dropped. An empty number is allowed: the field is optional.
func NormalizePhone(raw string) (string, error) {
	s := strings.ReplaceAll(strings.TrimSpace(raw), " ", "")
	s = strings.TrimPrefix(s, "+86")
	if s == "" {
		return "", nil
	}
	if isMobile(s) || isLandline(s) {
		return s, nil
	}
	return "", apperr.InvalidField("phone", "PERSON_PHONE_INVALID",
		"手机号码应为11位（以1开头），固定电话应带区号，如 0635-6212345")
}

func isMobile(s string) bool {
	return len(s) == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' && digits(s)
}

func isLandline(s string) bool {
	area, local, ok := strings.Cut(s, "-")
	return ok && len(area) >= 3 && len(area) <= 4 && area[0] == '0' && digits(area) &&
		len(local) >= 7 && len(local) <= 8 && local[0] != '0' && digits(local)
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// MaskPhone hides the middle of a contact number: 138****5678 for a mobile, 0635-***2345 for a
// landline; an empty number stays empty.
func MaskPhone(phone string) string {
	switch {
	case phone == "":
		return ""
	case isMobile(phone):
		return phone[:3] + "****" + phone[7:]
	case isLandline(phone):
		area, local, _ := strings.Cut(phone, "-")
		return area + "-" + strings.Repeat("*", len(local)-4) + local[len(local)-4:]
	case len(phone) > 4:
		return strings.Repeat("*", len(phone)-4) + phone[len(phone)-4:]
	}
	return strings.Repeat("*", len(phone))
}
