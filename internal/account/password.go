// Package account keeps user accounts (账号), their roles, sign-in sessions and password rules.
package account

import (
	"strings"
	"unicode"

	"golang.org/x/crypto/bcrypt"

	"zhifa/internal/platform/apperr"
)

// passwordCost is the bcrypt work factor.
const passwordCost = 10

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 8

// CheckPassword enforces the password rules (网络安全等级保护 身份鉴别: 口令复杂度): at least 8
// characters, at least three of upper case, lower case, digits and symbols, and not containing the
// user name.
func CheckPassword(username, pw string) error {
	if len([]rune(pw)) < MinPasswordLength {
		return apperr.InvalidField("password", "PASSWORD_WEAK", "密码至少8位")
	}
	if len(pw) > 72 {
		return apperr.InvalidField("password", "PASSWORD_TOO_LONG", "密码不能超过72个字节")
	}
	var upper, lower, digit, symbol bool
	for _, r := range pw {
		switch {
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsSpace(r):
			return apperr.InvalidField("password", "PASSWORD_WEAK", "密码不能包含空白字符")
		default:
			symbol = true
		}
	}
	classes := 0
	for _, b := range []bool{upper, lower, digit, symbol} {
		if b {
			classes++
		}
	}
	if classes < 3 {
		return apperr.InvalidField("password", "PASSWORD_WEAK", "密码须包含大写字母、小写字母、数字、符号中的至少三类")
	}
	if username != "" && strings.Contains(strings.ToLower(pw), strings.ToLower(username)) {
		return apperr.InvalidField("password", "PASSWORD_WEAK", "密码不能包含用户名")
	}
	return nil
}

// HashPassword hashes a password with bcrypt.
func HashPassword(pw string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), passwordCost)
	return string(h), err
}

func passwordMatches(hash, pw string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}
