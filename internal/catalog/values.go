package catalog

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"zhifa/internal/law"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// parseDate reads a date field (label: its Chinese name) as the YYYY-MM-DD text the catalogue
// keeps.
func parseDate(field, label, s string) (string, error) {
	d, err := civil.ParseDate(field, label, s)
	return d.String(), err
}

// dateOr parses an optional date, defaulting to def when it is empty.
func dateOr(field, label, s, def string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return def, nil
	}
	return parseDate(field, label, s)
}

// ParseYuan reads an amount of money in yuan (5000, 5,000.50, 5000元, 5万, 0.5万元) into fen, as
// civil.ParseYuan does; an empty cell is nil (no amount).
func ParseYuan(field, label, s string) (*int64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	fen, err := civil.ParseYuan(field, label, s)
	if err != nil {
		return nil, err
	}
	n := int64(fen)
	return &n, nil
}

// FormatYuan writes fen as yuan for a cell, which ParseYuan reads back: 500000 → 5000,
// 12345 → 123.45; nil is an empty cell.
func FormatYuan(fen *int64) string {
	if fen == nil {
		return ""
	}
	return civil.Fen(*fen).Number()
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
		n, ok := law.ParseNumeral(strings.TrimPrefix(t, "百分之"))
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
			if n, ok := law.ParseNumeral(t); ok {
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

// describeFine is the fine range in words: 5000元至5万元；货值金额10倍至20倍；每处5000元至2万元
// （总额不超过10万元）；每平方米1000元.
func describeFine(f Fine) string {
	var parts []string
	yuan := func(fen int64) string { return civil.Fen(fen).Yuan() }
	span := func(lo, hi *int64) string {
		switch {
		case lo != nil && hi != nil && *lo == *hi:
			return yuan(*lo)
		case lo != nil && hi != nil:
			return yuan(*lo) + "至" + yuan(*hi)
		case hi != nil:
			return yuan(*hi) + "以下"
		case lo != nil:
			return yuan(*lo) + "以上"
		}
		return ""
	}
	if f.Unit != "" {
		p := "每" + f.Unit + span(f.PerUnitMinFen, f.PerUnitMaxFen)
		var limits []string
		if f.MinFen != nil {
			limits = append(limits, "不少于"+yuan(*f.MinFen))
		}
		if f.MaxFen != nil {
			limits = append(limits, "不超过"+yuan(*f.MaxFen))
		}
		if len(limits) > 0 {
			p += "（总额" + strings.Join(limits, "、") + "）"
		}
		parts = append(parts, p)
	} else if t := span(f.MinFen, f.MaxFen); t != "" {
		if f.MinFen != nil && f.MaxFen != nil && *f.MinFen == *f.MaxFen {
			t = yuan(*f.MinFen)
		}
		parts = append(parts, t)
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
