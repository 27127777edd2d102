// Package ident checks the identifiers the users know: the resident identity card number (居民身份证
// 号码, GB 11643-1999) and the unified social credit code (统一社会信用代码, GB 32100-2015), each with
// its check character, and masks them for display.
package ident

import (
	"fmt"
	"strings"

	"zhifa/internal/platform/civil"
)

// Invalid is why an identifier was refused, in Chinese; callers turn it into their field's error.
type Invalid string

func (e Invalid) Error() string { return string(e) }

// Genders derived from a resident ID number.
const (
	Male   = "男"
	Female = "女"
)

// ResidentID is a checked resident identity card number (居民身份证号码, GB 11643-1999).
type ResidentID struct {
	Number    string // 18 characters, a trailing x upper-cased to X
	BirthDate string // YYYY-MM-DD, from digits 7–14
	Gender    string // 男 or 女, from the parity of digit 17
}

// residentWeights are the ISO 7064 MOD 11-2 weights of the first 17 characters (GB 11643-1999 §8.2).
var residentWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// residentCheckChars maps the weighted sum modulo 11 to the check character (GB 11643-1999 §8.2).
const residentCheckChars = "10X98765432"

// ResidentCheckChar computes the check character (校验码) of the first 17 digits of an ID number by
// ISO 7064 MOD 11-2. first17 must be 17 ASCII digits.
func ResidentCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * residentWeights[i]
	}
	return residentCheckChars[sum%11]
}

// ParseResidentID checks a resident ID number and derives birth date and gender. The error (an
// Invalid) says which part failed: the length, the characters, the birth date (a real calendar
// date, not after today) or the check character. today is the current date in China.
func ParseResidentID(raw string, today civil.Date) (ResidentID, error) {
	s := strings.ToUpper(strings.TrimSpace(raw))
	if s == "" {
		return ResidentID{}, Invalid("身份证号码不能为空")
	}
	if n := len([]rune(s)); n != 18 {
		return ResidentID{}, Invalid(fmt.Sprintf("身份证号码长度应为18位，当前为%d位（GB 11643-1999）", n))
	}
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return ResidentID{}, Invalid("身份证号码前17位应为数字，末位为数字或X")
		}
	}
	if last := s[17]; (last < '0' || last > '9') && last != 'X' {
		return ResidentID{}, Invalid("身份证号码前17位应为数字，末位为数字或X")
	}
	birth, ok := civil.Parse(s[6:10] + "-" + s[10:12] + "-" + s[12:14])
	if !ok {
		return ResidentID{}, Invalid("身份证号码中的出生日期无效：" + s[6:14])
	}
	if birth.After(today) {
		return ResidentID{}, Invalid("身份证号码中的出生日期晚于今天：" + birth.String())
	}
	if ResidentCheckChar(s[:17]) != s[17] {
		return ResidentID{}, Invalid("身份证号码校验位不正确（GB 11643-1999 ISO 7064 MOD 11-2），请核对号码")
	}
	gender := Female
	if (s[16]-'0')%2 == 1 {
		gender = Male
	}
	return ResidentID{Number: s, BirthDate: birth.String(), Gender: gender}, nil
}

// MaskResidentID hides the birth date and sequence digits of an ID number for display: the first 6
// characters (address code), 8 asterisks, the last 4 (e.g. 371521********1234). Personal data is
// masked wherever the full number is not needed (个人信息保护法 第五十一条).
func MaskResidentID(id string) string {
	if len(id) < 10 {
		return strings.Repeat("*", len(id))
	}
	return id[:6] + "********" + id[len(id)-4:]
}
