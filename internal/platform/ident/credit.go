package ident

import (
	"fmt"
	"strings"
)

// creditChars are the 31 characters of a unified social credit code, in the order of their values
// (GB 32100-2015 表1: the letters I, O, Z, S and V are not used).
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are the weights of the first 17 characters (GB 32100-2015 §5: 3^(i-1) mod 31).
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCheckChar computes the check character of the first 17 characters of a unified social
// credit code (GB 32100-2015 §5: C18 = 31 − (Σ Ci×Wi mod 31), 31 written as 0). It reports false when
// a character is not one of the code's 31.
func CreditCheckChar(first17 string) (byte, bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditChars, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * creditWeights[i]
	}
	return creditChars[(31-sum%31)%31], true
}

// ParseCreditCode checks a unified social credit code (统一社会信用代码, GB 32100-2015): 18
// characters from the code's 31, an administrative division code in characters 3–8, and the check
// character. Lower-case letters are upper-cased. The error (an Invalid) says what failed.
func ParseCreditCode(raw string) (string, error) {
	s := strings.ToUpper(strings.TrimSpace(raw))
	if s == "" {
		return "", Invalid("统一社会信用代码不能为空")
	}
	if n := len([]rune(s)); n != 18 {
		return "", Invalid(fmt.Sprintf("统一社会信用代码应为18位，当前为%d位（GB 32100-2015）", n))
	}
	for i := 0; i < 18; i++ {
		if strings.IndexByte(creditChars, s[i]) < 0 {
			return "", Invalid("统一社会信用代码含有不允许的字符“" + string(s[i]) + "”（不使用 I、O、Z、S、V）")
		}
	}
	for i := 2; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", Invalid("统一社会信用代码第3至8位应为登记管理机关行政区划码（数字）")
		}
	}
	if c, _ := CreditCheckChar(s[:17]); c != s[17] {
		return "", Invalid("统一社会信用代码校验位不正确（GB 32100-2015），请核对代码")
	}
	return s, nil
}
