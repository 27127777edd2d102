package civil

import (
	"strings"
	"testing"

	"zhifa/internal/platform/apperr"
)

func TestParseYuan(t *testing.T) {
	for s, want := range map[string]Fen{
		"5000": 500000, "5,000.5": 500050, "5，000.50": 500050, " 5 000 ": 500000, "5000元": 500000, "1,234.5元": 123450,
		"5万": 5000000, "0.5万元": 500000, "1.2万元": 1200000, "0.000001万": 1, "0": 0, "0.01": 1, "1.000": 100, "12.30元": 1230,
	} {
		got, err := ParseYuan("fineMax", "罚款上限", s)
		if err != nil || got != want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	cases := []struct{ in, msg string }{
		{"", "请填写罚款上限"},
		{"元", "请填写罚款上限"},
		{"-1", "应为以元为单位的非负数"},
		{"+1", "应为以元为单位的非负数"},
		{"abc", "应为以元为单位的非负数"},
		{"两万", "应为以元为单位的非负数"},
		{"1e3", "应为以元为单位的非负数"},
		{"1/2", "应为以元为单位的非负数"},
		{"0x10", "应为以元为单位的非负数"},
		{".5", "应为以元为单位的非负数"},
		{"5.", "应为以元为单位的非负数"},
		{"1.2.3", "应为以元为单位的非负数"},
		{"5万万", "应为以元为单位的非负数"},
		{"1.001", "最小单位为分"},
		{"0.0000001万", "最小单位为分"},
		{strings.Repeat("9", 30), "过大"},
	}
	for _, c := range cases {
		_, err := ParseYuan("fineMax", "罚款上限", c.in)
		if e := apperr.As(err); e.Code != "AMOUNT_INVALID" || e.Field != "fineMax" || !strings.Contains(e.Message, c.msg) {
			t.Errorf("ParseYuan(%q) = %+v, want AMOUNT_INVALID on fineMax saying %q", c.in, e, c.msg)
		}
	}
}

func TestYuan(t *testing.T) {
	for fen, want := range map[Fen]string{
		0: "0元", 1: "0.01元", 10: "0.1元", 5000: "50元", 2050: "20.5元", 123456: "1234.56元", 500000: "5000元",
		3650000: "36500元", 3600000: "3.6万元", 3000000: "3万元", 100000000: "100万元", 900000: "9000元", -2050: "-20.5元",
		2005: "20.05元", 1_234_500: "12345元", 33333: "333.33元", 1_000_000: "1万元",
	} {
		if got := fen.Yuan(); got != want {
			t.Errorf("Fen(%d).Yuan() = %s, want %s", fen, got, want)
		}
	}
}

func TestNumberReadsBack(t *testing.T) {
	for fen, want := range map[Fen]string{0: "0", 1: "0.01", 12350: "123.5", 12345: "123.45", 500000: "5000", 5000000: "50000", -7: "-0.07"} {
		got := fen.Number()
		if got != want {
			t.Errorf("Fen(%d).Number() = %s, want %s", fen, got, want)
		}
		if fen < 0 {
			continue
		}
		if back, err := ParseYuan("x", "金额", got); err != nil || back != fen {
			t.Errorf("ParseYuan(%s) = %d %v, want %d", got, back, err, fen)
		}
	}
}
