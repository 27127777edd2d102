package catalog

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
)

// china is the time zone in which a calendar date is "today".
var china = time.FixedZone("CST", 8*3600)

// Today is the calendar date in China at t.
func Today(t time.Time) string { return t.In(china).Format(clock.DateLayout) }

// ParseDate accepts exactly YYYY-MM-DD with a real calendar date.
func ParseDate(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(clock.DateLayout, s)
	if err != nil || t.Format(clock.DateLayout) != s {
		return "", apperr.InvalidField(field, "CATALOG_DATE_INVALID",
			fmt.Sprintf("日期“%s”无效，应为YYYY-MM-DD格式（如2024-03-01）", s))
	}
	return s, nil
}

// dateOr parses an optional date, defaulting to def when it is empty.
func dateOr(field, s, def string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return def, nil
	}
	return ParseDate(field, s)
}

// ParseYuan reads an amount of money in yuan (5000, 5,000.50, 5000元, 5万, 0.5万元) into fen.
// An empty cell is nil.
func ParseYuan(field, s string) (*int64, error) {
	raw := strings.TrimSpace(s)
	t := strings.NewReplacer(",", "", "，", "", " ", "").Replace(raw)
	t = strings.TrimSuffix(t, "元")
	if t == "" {
		return nil, nil
	}
	scale := big.NewRat(100, 1)
	if strings.HasSuffix(t, "万") {
		t = strings.TrimSuffix(t, "万")
		scale = big.NewRat(1000000, 1)
	}
	r, ok := new(big.Rat).SetString(t)
	if !ok || r.Sign() < 0 || strings.ContainsAny(t, "/eE") {
		return nil, apperr.InvalidField(field, "CATALOG_AMOUNT_INVALID", fmt.Sprintf("金额“%s”无效，应为以元为单位的非负数", raw))
	}
	r.Mul(r, scale)
	if !r.IsInt() || !r.Num().IsInt64() {
		return nil, apperr.InvalidField(field, "CATALOG_AMOUNT_INVALID", fmt.Sprintf("金额“%s”无效，最小单位为分", raw))
	}
	fen := r.Num().Int64()
	return &fen, nil
}

// FormatYuan writes fen as yuan for a cell: 500000 → 5000, 12345 → 123.45.
func FormatYuan(fen *int64) string {
	if fen == nil {
		return ""
	}
	y, f := *fen/100, *fen%100
	if f == 0 {
		return strconv.FormatInt(y, 10)
	}
	return fmt.Sprintf("%d.%02d", y, f)
}

// ParseMultiple reads a multiple of a base into percent: 10 or 10倍 → 1000, 0.5倍 → 50,
// 5% or 百分之五 → 5. An empty cell is nil.
func ParseMultiple(field, s string) (*int, error) {
	raw := strings.TrimSpace(s)
	t := strings.ReplaceAll(raw, " ", "")
	if t == "" {
		return nil, nil
	}
	bad := apperr.InvalidField(field, "CATALOG_MULTIPLE_INVALID",
		fmt.Sprintf("倍数“%s”无效，应写作倍数（如10或10倍）或百分比（如5%%或百分之五），最小为百分之一", raw))
	if strings.ContainsAny(t, "/eE") {
		return nil, bad
	}
	var pct *big.Rat
	switch {
	case strings.HasPrefix(t, "百分之"):
		n, ok := parseNumeral(strings.TrimPrefix(t, "百分之"))
		if !ok {
			return nil, bad
		}
		pct = big.NewRat(int64(n), 1)
	case strings.HasSuffix(t, "%") || strings.HasSuffix(t, "％"):
		r, ok := new(big.Rat).SetString(strings.TrimRight(t, "%％"))
		if !ok {
			return nil, bad
		}
		pct = r
	default:
		t = strings.TrimSuffix(t, "倍")
		r, ok := new(big.Rat).SetString(t)
		if !ok {
			if n, ok := parseNumeral(t); ok {
				r = big.NewRat(int64(n), 1)
			} else {
				return nil, bad
			}
		}
		pct = r.Mul(r, big.NewRat(100, 1))
	}
	if pct.Sign() < 0 || !pct.IsInt() || !pct.Num().IsInt64() || pct.Num().Int64() > 1<<30 {
		return nil, bad
	}
	n := int(pct.Num().Int64())
	return &n, nil
}

// FormatMultiple writes percent back as a cell: 1000 → 10倍, 50 → 50%.
func FormatMultiple(pct *int) string {
	if pct == nil {
		return ""
	}
	if *pct%100 == 0 {
		return strconv.Itoa(*pct/100) + "倍"
	}
	return strconv.Itoa(*pct) + "%"
}

// describeFine is the fine range in words: 5000元至5万元；货值金额10倍至20倍.
func describeFine(f Fine) string {
	var parts []string
	yuan := func(fen int64) string {
		if fen >= 1000000 && fen%1000000 == 0 {
			return strconv.FormatInt(fen/1000000, 10) + "万元"
		}
		return FormatYuan(&fen) + "元"
	}
	switch {
	case f.MinFen != nil && f.MaxFen != nil:
		parts = append(parts, yuan(*f.MinFen)+"至"+yuan(*f.MaxFen))
	case f.MaxFen != nil:
		parts = append(parts, yuan(*f.MaxFen)+"以下")
	case f.MinFen != nil:
		parts = append(parts, yuan(*f.MinFen)+"以上")
	}
	base := f.MultipleBase
	switch {
	case f.MultipleMin != nil && f.MultipleMax != nil:
		parts = append(parts, base+FormatMultiple(f.MultipleMin)+"至"+FormatMultiple(f.MultipleMax))
	case f.MultipleMax != nil:
		parts = append(parts, base+FormatMultiple(f.MultipleMax)+"以下")
	case f.MultipleMin != nil:
		parts = append(parts, base+FormatMultiple(f.MultipleMin)+"以上")
	}
	if len(parts) == 0 {
		return "未规定罚款幅度"
	}
	return strings.Join(parts, "；")
}
