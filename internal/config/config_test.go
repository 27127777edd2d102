package config

import (
	"strings"
	"testing"
)

func TestValidateReportsEveryProblem(t *testing.T) {
	c := Defaults()
	if err := c.Validate(true); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	c.Addr = "8080"
	c.LogFormat = "xml"
	c.DatabaseURL = "mysql://x"
	c.LoginMaxFailure = 0
	err := c.Validate(true)
	if err == nil {
		t.Fatal("bad configuration accepted")
	}
	for _, want := range []string{"ZHIFA_ADDR", "ZHIFA_LOG_FORMAT", "ZHIFA_DATABASE_URL", "ZHIFA_LOGIN_MAX_FAILURES"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %s: %v", want, err)
		}
	}
}
