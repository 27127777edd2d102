package ident

import (
	"strings"
	"testing"
)

func TestParseCreditCode(t *testing.T) {
	// Codes as published on business licences.
	valid := []string{
		"91350100M000100Y43",
		"91110000802100433B", // 中国石油化工股份有限公司
		"911100001000044477", // 中国石油天然气集团有限公司
		"91440300708461136T", // 腾讯科技（深圳）有限公司
	}
	for _, code := range valid {
		got, err := ParseCreditCode(strings.ToLower(code))
		if err != nil || got != code {
			t.Errorf("ParseCreditCode(%s) = %q, %v; want accepted", code, got, err)
		}
	}
	cases := []struct{ in, part string }{
		{"", "不能为空"},
		{"91350100M000100Y4", "应为18位"},
		{"91350100M000100Y44", "校验位"},
		{"91350100M00010OY43", "不允许的字符"},
		{"913501A0M000100Y43", "行政区划码"},
		{"91110000802100433C", "校验位"},
	}
	for _, c := range cases {
		if _, err := ParseCreditCode(c.in); err == nil || !strings.Contains(err.Error(), c.part) {
			t.Errorf("ParseCreditCode(%q) = %v, want an error naming %s", c.in, err, c.part)
		}
	}
}

func TestCreditCheckCharEveryPosition(t *testing.T) {
	// Changing any one of the first 17 characters of a valid code changes its check character:
	// the weights are units modulo 31, so the check catches every single-character error.
	base := "91110000802100433B"
	for i := 0; i < 17; i++ {
		for _, c := range []byte(creditChars) {
			if c == base[i] {
				continue
			}
			alt := base[:i] + string(c) + base[i+1:17]
			if got, ok := CreditCheckChar(alt); !ok || got == base[17] {
				t.Fatalf("changing position %d to %c keeps check %c", i+1, c, got)
			}
		}
	}
}
