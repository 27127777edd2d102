package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A new installation gets its three administrators once, with one-time passwords that must be
// changed; a second run changes nothing.
func TestInitMakesTheFirstAdministratorsOnce(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "regions.csv")
	os.WriteFile(file, []byte("code,name,parentCode\n37,山东省,\n3715,聊城市,37\n371521,阳谷县,3715\n"), 0o600)
	if code, _, errOut := run("import", "--data-dir", dir, "regions", file); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	code, out, errOut := run("init", "--data-dir", dir, "--region", "371521", "--org-name", "阳谷县综合行政执法局")
	if code != 0 {
		t.Fatalf("init: %d %s", code, errOut)
	}
	lines := regexp.MustCompile(`(?m)^\s+(\S+)\s+(\S+)\s+(\S{16})$`).FindAllStringSubmatch(out, -1)
	if len(lines) != 4 || !strings.Contains(out, "阳谷县综合行政执法局") {
		t.Fatalf("init printed: %s", out)
	}
	roles := map[string]string{}
	for _, l := range lines {
		roles[l[1]] = l[2]
	}
	if roles["admin"] != "系统管理员" || roles["security"] != "安全管理员" || roles["security2"] != "安全管理员" || roles["auditor"] != "安全审计员" {
		t.Fatalf("roles: %v", roles)
	}
	if code, _, errOut := run("init", "--data-dir", dir, "--region", "371521", "--org-name", "阳谷县综合行政执法局"); code == 0 ||
		!strings.Contains(errOut, "BOOTSTRAP_DONE") {
		t.Fatalf("second init: %d %s", code, errOut)
	}
	if code, _, errOut := run("init", "--data-dir", t.TempDir(), "--region", "371521", "--org-name", "x", "--auditor", "admin"); code == 0 {
		t.Fatalf("the same name for two administrators: %s", errOut)
	}
}
