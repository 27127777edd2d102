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

// PasswordHistory is how many recent passwords may not be used again.
const PasswordHistory = 5

// passwordRule is cited by every refusal of a password.
const passwordRule = "GB/T 22239-2019 8.1.4.1 身份鉴别：口令具有复杂度要求并定期更换"

// CheckPassword enforces the password rules (网络安全等级保护 身份鉴别: 口令复杂度): at least 8
// characters, at least three of upper case, lower case, digits and symbols, not containing the
// user name, and not built on a common password, a keyboard walk or the platform's own name
// once letters standing for digits and symbols are read back (P@ssw0rd is password, Zhifa2026 is
// the product name and a year).
func CheckPassword(username, pw string) error {
	weak := func(msg string) error {
		return apperr.InvalidField("password", "PASSWORD_WEAK", msg).WithRule(passwordRule)
	}
	if len([]rune(pw)) < MinPasswordLength {
		return weak("密码至少8位")
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
		case unicode.IsSpace(r) || unicode.IsControl(r):
			return weak("密码不能包含空白或控制字符")
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
		return weak("密码须包含大写字母、小写字母、数字、符号中的至少三类")
	}
	lowerPw := strings.ToLower(pw)
	if username != "" && strings.Contains(lowerPw, strings.ToLower(username)) {
		return weak("密码不能包含用户名")
	}
	if word, ok := commonCore(pw); ok {
		return weak("密码以常见口令或易猜词语“" + word + "”为主体，容易被猜中，请换一个")
	}
	return nil
}

// leet reads back the characters commonly written for letters.
var leet = strings.NewReplacer("@", "a", "4", "a", "0", "o", "1", "i", "!", "i", "3", "e", "$", "s", "5", "s", "7", "t", "+", "t")

// commonCore reports whether the letters of a password, read plainly or with digits and symbols
// read back as letters, are only a common password, a keyboard walk or a context word, with at
// most digits and symbols around them.
func commonCore(pw string) (string, bool) {
	lower := strings.ToLower(pw)
	for _, variant := range []string{lettersOnly(lower), lettersOnly(leet.Replace(lower))} {
		if variant == "" {
			continue
		}
		if weakWords[variant] {
			return variant, true
		}
		// A common word repeated or followed by a walk (qwertyqwerty, passwordabc) is no better.
		for w := range weakWords {
			if len(w) >= 4 && strings.HasPrefix(variant, w) && weakWords[strings.TrimPrefix(variant, w)] {
				return w, true
			}
		}
	}
	// A short word padded with a run of digits (Ab123456!) rests on the digits alone.
	letters := lettersOnly(lower)
	if len(letters) <= 2 && isDigitRun(digitsOnly(lower)) {
		return digitsOnly(lower), true
	}
	return "", false
}

func lettersOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, s)
}

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// isDigitRun reports an ascending or descending run or a repeated digit (123456, 987654, 888888).
func isDigitRun(d string) bool {
	if len(d) < 4 {
		return false
	}
	up, down, same := true, true, true
	for i := 1; i < len(d); i++ {
		diff := int(d[i]) - int(d[i-1])
		up = up && (diff == 1 || diff == -9)
		down = down && (diff == -1 || diff == 9)
		same = same && diff == 0
	}
	return up || down || same
}

// weakWords are the letter cores of the passwords guessed first: common passwords in China and
// elsewhere, keyboard walks, pinyin phrases, and words of this platform's context. Each is
// written in lower-case letters only, as commonCore reduces a password.
var weakWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		password passwd passw pass pwd admin administrator root system sysadmin manager test tester
		guest user default changeme welcome hello letmein login secret master super superman
		iloveyou loveyou love monkey dragon shadow sunshine princess football baseball soccer
		whatever trustno freedom qwerty qwert qwertyuiop qwertyui asdf asdfg asdfgh asdfghjkl zxcv
		zxcvb zxcvbn zxcvbnm qaz qazwsx qazwsxedc wsx edc qwe asd zxc abc abcd abcde abcdef abcdefg
		abcdefgh aaa aaaa abab ab woaini woaiwojia zhongguo china beijing shanghai
		nihao wangluo mima zhifa zhifaju zonghezhifa zhifapingtai pingtai zhengfu gov govcn
		chengguan zongzhi yanggu shandong liaocheng`) {
		m[w] = true
	}
	return m
}()

// HashPassword hashes a password with bcrypt.
func HashPassword(pw string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), passwordCost)
	return string(h), err
}

func passwordMatches(hash, pw string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}
