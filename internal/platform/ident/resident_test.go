package ident

import (
	"strings"
	"testing"
	"time"

	"zhifa/internal/platform/civil"
)

var testToday = civil.NewDate(2026, time.May, 10)

func TestResidentCheckChar(t *testing.T) {
	// Check characters worked out by hand from the ISO 7064 MOD 11-2 weights; the first two are the
	// examples printed in GB 11643-1999.
	cases := map[string]byte{
		"11010519491231002": 'X',
		"44052418800101001": '4',
		"37152119850312123": '5',
		"37152119900101002": 'X',
		"37152120000229001": '4',
	}
	for first17, want := range cases {
		if got := ResidentCheckChar(first17); got != want {
			t.Errorf("ResidentCheckChar(%s) = %c, want %c", first17, got, want)
		}
	}
}

func TestParseResidentID(t *testing.T) {
	cases := []struct {
		name, in           string
		number, birth, sex string
		errPart            string // part of the message naming what failed; "" for valid
	}{
		{"standard example, female", "11010519491231002X", "11010519491231002X", "1949-12-31", Female, ""},
		{"lower-case x is upper-cased", " 11010519491231002x ", "11010519491231002X", "1949-12-31", Female, ""},
		{"born 1880, male", "440524188001010014", "440524188001010014", "1880-01-01", Male, ""},
		{"Yanggu, male", "371521198503121235", "371521198503121235", "1985-03-12", Male, ""},
		{"leap day", "371521200002290014", "371521200002290014", "2000-02-29", Male, ""},
		{"wrong check digit", "371521198503121234", "", "", "", "校验位"},
		{"X where a digit is due", "37152119850312123X", "", "", "", "校验位"},
		{"17 characters", "37152119850312123", "", "", "", "长度"},
		{"19 characters", "3715211985031212355", "", "", "", "长度"},
		{"empty", "", "", "", "", "不能为空"},
		{"letter inside", "3715211985031A1235", "", "", "", "前17位"},
		{"30 February", "371521198502301230", "", "", "", "出生日期"},
		{"not a leap year", "371521199902290013", "", "", "", "出生日期"},
		{"born in the future", "371521202701010011", "", "", "", "出生日期晚于今天"},
		{"born tomorrow", "37152120260511001" + string(ResidentCheckChar("37152120260511001")), "", "", "", "出生日期晚于今天"},
		{"born today", "37152120260510001" + string(ResidentCheckChar("37152120260510001")), "37152120260510001" + string(ResidentCheckChar("37152120260510001")), "2026-05-10", Male, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseResidentID(c.in, testToday)
			if c.errPart != "" {
				if err == nil {
					t.Fatalf("ParseResidentID(%q) accepted, want an error about %s", c.in, c.errPart)
				}
				if _, ok := err.(Invalid); !ok || !strings.Contains(err.Error(), c.errPart) {
					t.Fatalf("ParseResidentID(%q) error = %v, want an Invalid naming %s", c.in, err, c.errPart)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseResidentID(%q): %v", c.in, err)
			}
			if got.Number != c.number || got.BirthDate != c.birth || got.Gender != c.sex {
				t.Fatalf("ParseResidentID(%q) = %+v, want %s %s %s", c.in, got, c.number, c.birth, c.sex)
			}
		})
	}
}

func TestMaskResidentID(t *testing.T) {
	cases := map[string]string{
		"371521198503121234": "371521********1234",
		"11010519491231002X": "110105********002X",
		"123":                "***",
	}
	for in, want := range cases {
		if got := MaskResidentID(in); got != want {
			t.Errorf("MaskResidentID(%s) = %s, want %s", in, got, want)
		}
	}
}
