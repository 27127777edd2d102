package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

func TestAuditAnchorDirIsBesideNotInsideTheDataDir(t *testing.T) {
	c := Defaults()
	c.DataDir = "/var/lib/zhifa/data"
	if got := c.AnchorDir(); got != "/var/lib/zhifa/audit-anchors" {
		t.Fatalf("default anchor dir %s", got)
	}
	wd, _ := os.Getwd()
	c.DataDir = "."
	if got := c.AnchorDir(); got != filepath.Join(filepath.Dir(wd), "audit-anchors") {
		t.Fatalf("default anchor dir %s", got)
	}
	if err := c.Validate(true); err != nil {
		t.Fatalf("data in the working directory: %v", err)
	}
	c.AuditAnchorDir = "data/anchors"
	c.AuditAnchorInterval = 0
	err := c.Validate(true)
	if err == nil || !strings.Contains(err.Error(), "ZHIFA_AUDIT_ANCHOR_DIR") || !strings.Contains(err.Error(), "ZHIFA_AUDIT_ANCHOR_INTERVAL") {
		t.Fatalf("anchors inside the data dir, no interval: %v", err)
	}
	c.AuditAnchorDir, c.AuditAnchorInterval = "/mnt/anchors", 30*time.Second
	if err := c.Validate(true); err != nil {
		t.Fatal(err)
	}
}
