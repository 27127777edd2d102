package people

import (
	"testing"

	"zhifa/internal/platform/apperr"
)

func TestNormalizePhone(t *testing.T) {
	cases := []struct{ in, want string }{
		{"13812345678", "13812345678"},
		{" 138 1234 5678 ", "13812345678"},
		{"+8619912345678", "19912345678"},
		{"0635-6212345", "0635-6212345"},
		{"010-12345678", "010-12345678"},
		{"", ""},
	}
	for _, c := range cases {
		got, err := NormalizePhone(c.in)
		if err != nil || got != c.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"1381234567", "138123456789", "12812345678", "23812345678", "06356212345",
		"0635-062123", "635-6212345", "0635-621234a", "phone"} {
		if _, err := NormalizePhone(bad); !apperr.Is(err, "PERSON_PHONE_INVALID") {
			t.Errorf("NormalizePhone(%q) error = %v, want PERSON_PHONE_INVALID", bad, err)
		}
	}
}

func TestMaskPhone(t *testing.T) {
	cases := map[string]string{
		"13812345678":  "138****5678",
		"0635-6212345": "0635-***2345",
		"010-12345678": "010-****5678",
		"":             "",
	}
	for in, want := range cases {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}
