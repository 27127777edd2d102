package account

import (
	"testing"

	"zhifa/internal/platform/apperr"
)

func TestCheckPassword(t *testing.T) {
	cases := []struct{ user, pw, code string }{
		{"leader", "Tq8#Lw3-vRz", ""},
		{"leader", "zhifa2026!", ""},
		{"leader", "Zh@1", "PASSWORD_WEAK"},
		{"leader", "zhifazhifa", "PASSWORD_WEAK"},
		{"leader", "zhifa20262026", "PASSWORD_WEAK"},
		{"leader", "Leader@2026", "PASSWORD_WEAK"},
		{"leader", "Zhifa 2026!", "PASSWORD_WEAK"},
	}
	for _, c := range cases {
		err := CheckPassword(c.user, c.pw)
		if c.code == "" && err != nil || c.code != "" && !apperr.Is(err, c.code) {
			t.Errorf("CheckPassword(%q, %q) = %v, want %q", c.user, c.pw, err, c.code)
		}
	}
}

func TestCheckUsername(t *testing.T) {
	for u, ok := range map[string]bool{"officer.zhangqiu": true, "ab": false, "Admin": false, "9lives": false, "zhang_san-2": true} {
		if (CheckUsername(u) == nil) != ok {
			t.Errorf("CheckUsername(%q) ok = %v", u, !ok)
		}
	}
}
