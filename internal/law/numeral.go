package law

import (
	"strconv"
	"strings"
)

// chineseDigits are the digits of Chinese numerals as laws write article numbers.
var chineseDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9}

// ParseNumeral reads an article, paragraph or item number written in Chinese (三十四, 一百一十八,
// 一百零一, 十二) or in Arabic digits (34). It returns false for anything else or for zero.
func ParseNumeral(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, n > 0
	}
	total, digit, seenDigit := 0, 0, false
	for _, r := range s {
		if d, ok := chineseDigits[r]; ok {
			digit, seenDigit = d, true
			continue
		}
		unit := 0
		switch r {
		case '十':
			unit = 10
		case '百':
			unit = 100
		case '千':
			unit = 1000
		default:
			return 0, false
		}
		if !seenDigit {
			if unit != 10 || total != 0 {
				return 0, false
			}
			digit = 1 // 十二 = 12
		}
		total += digit * unit
		digit, seenDigit = 0, false
	}
	total += digit
	return total, total > 0
}

// FormatNumeral writes n (1–9999) as laws do: 三十四, 一百一十八, 一百零一, 十.
func FormatNumeral(n int) string {
	if n <= 0 || n > 9999 {
		return strconv.Itoa(n)
	}
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	units := []string{"千", "百", "十", ""}
	parts := []int{n / 1000, n / 100 % 10, n / 10 % 10, n % 10}
	var b strings.Builder
	zero := false
	for i, d := range parts {
		if d == 0 {
			if b.Len() > 0 {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		// 十 alone opens a number below twenty: 十二, not 一十二; inside a larger one it is 一百一十八.
		if !(i == 2 && d == 1 && b.Len() == 0) {
			b.WriteString(digits[d])
		}
		b.WriteString(units[i])
	}
	return b.String()
}
