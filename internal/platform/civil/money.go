package civil

import (
	"fmt"
	"strconv"
	"strings"

	"zhifa/internal/platform/apperr"
)

// CodeAmountInvalid is the error code of an amount of money that cannot be read.
const CodeAmountInvalid = "AMOUNT_INVALID"

// Fen is an amount of money in fen (分), the smallest unit of the renminbi: 100 fen are one yuan
// (元), 1,000,000 fen are 1万元. Money is never a float.
type Fen int64

// ParseYuan reads an amount in yuan as people write it in forms and spreadsheets: 5000,
// 5,000.50 (with ASCII or full-width commas and blanks), 5000元, 5万, 0.5万元. It must not be
// negative and must be a whole number of fen. label is the field's Chinese name (罚款上限).
func ParseYuan(field, label, s string) (Fen, error) {
	raw := strings.TrimSpace(s)
	t := strings.NewReplacer(",", "", "，", "", " ", "", "\u3000", "").Replace(raw)
	t = strings.TrimSuffix(t, "元")
	if t == "" {
		return 0, apperr.InvalidField(field, CodeAmountInvalid, "请填写"+label)
	}
	decimals := 2 // a yuan has 100 fen
	if strings.HasSuffix(t, "万") {
		t, decimals = strings.TrimSuffix(t, "万"), 6 // 1万元 has 1,000,000 fen
	}
	whole, frac, dot := strings.Cut(t, ".")
	if !digits(whole) || (dot && !digits(frac)) {
		return 0, apperr.InvalidField(field, CodeAmountInvalid,
			fmt.Sprintf("%s“%s”无效，应为以元为单位的非负数（如5000、5,000.50或0.5万元）", label, shorten(raw, 20)))
	}
	if frac = strings.TrimRight(frac, "0"); len(frac) > decimals {
		return 0, apperr.InvalidField(field, CodeAmountInvalid, fmt.Sprintf("%s“%s”无效，最小单位为分", label, shorten(raw, 20)))
	}
	n, err := strconv.ParseInt(whole+frac+strings.Repeat("0", decimals-len(frac)), 10, 64)
	if err != nil {
		return 0, apperr.InvalidField(field, CodeAmountInvalid, fmt.Sprintf("%s“%s”过大", label, shorten(raw, 20)))
	}
	return Fen(n), nil
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// Yuan writes the amount as decisions and messages write money: 50元, 20.5元, 1234.56元, and in
// 万元 from 1万元 up when that is exact to one decimal: 3万元, 3.6万元 (but 36500元).
func (f Fen) Yuan() string {
	sign, a := "", int64(f)
	if a < 0 {
		sign, a = "-", -a
	}
	if a >= 1_000_000 && a%100_000 == 0 {
		return sign + decimal(a/100_000, 1) + "万元"
	}
	return sign + decimal(a, 2) + "元"
}

// Number writes the amount in yuan without the unit, for a spreadsheet cell that ParseYuan reads
// back: 5000, 5000.5, 123.45.
func (f Fen) Number() string {
	if f < 0 {
		return "-" + decimal(int64(-f), 2)
	}
	return decimal(int64(f), 2)
}

// decimal writes n/10^places with the trailing zeros of the fraction left out: 12350, 2 → 123.5.
func decimal(n int64, places int) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= places {
		s = strings.Repeat("0", places-len(s)+1) + s
	}
	whole, frac := s[:len(s)-places], strings.TrimRight(s[len(s)-places:], "0")
	if frac == "" {
		return whole
	}
	return whole + "." + frac
}
