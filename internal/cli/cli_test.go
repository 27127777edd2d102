package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"zhifa/internal/config"
	"zhifa/internal/demo"
	"zhifa/internal/platform/db"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"
)

func run(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Run(context.Background(), "test", args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestMigrateImportAndAuditVerify(t *testing.T) {
	dir := t.TempDir()
	if code, out, errOut := run("migrate", "--data-dir", dir); code != 0 || !strings.Contains(out, "已是最新结构") {
		t.Fatalf("migrate: %d %s %s", code, out, errOut)
	}
	file := filepath.Join(dir, "regions.csv")
	os.WriteFile(file, []byte("code,name,parentCode\n37,山东省,\n3715,聊城市,37\n"), 0o600)
	if code, out, errOut := run("import", "--data-dir", dir, "regions", file); code != 0 || !strings.Contains(out, "导入完成：2 条") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	os.WriteFile(file, []byte("code,name,parentCode\n371621,某县,3716\n"), 0o600)
	if code, _, errOut := run("import", "--data-dir", dir, "regions", file); code != 1 || !strings.Contains(errOut, "REGION_PARENT_UNKNOWN") || !strings.Contains(errOut, "第2行") {
		t.Fatalf("bad import: %d %s", code, errOut)
	}
	if code, out, _ := run("audit", "--data-dir", dir, "verify"); code != 0 || !strings.Contains(out, "审计日志完整：1 条链，共 1 条记录") ||
		!strings.Contains(out, "锚点目录") || !strings.Contains(out, "不存在") {
		t.Fatalf("verify: %d %s", code, out)
	}
	// Tamper with the log behind the platform's back: verify names the entry and fails.
	raw, err := sql.Open("sqlite", filepath.Join(dir, "zhifa.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE audit_log SET actor_name = '某人' WHERE seq = 1`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if code, out, _ := run("audit", "verify", "--data-dir", dir); code != 3 || !strings.Contains(out, "序号 1") || !strings.Contains(out, "被篡改") {
		t.Fatalf("tampered verify: %d %s", code, out)
	}
	// Another chain alone still verifies; a chain code that is not one is refused.
	if code, out, _ := run("audit", "verify", "--data-dir", dir, "--chain", "371521"); code != 0 || !strings.Contains(out, "0 条链") {
		t.Fatalf("verify one chain: %d %s", code, out)
	}
	if code, out, _ := run("audit", "verify", "--data-dir", dir, "--chain="); code != 3 || !strings.Contains(out, "系统级链") {
		t.Fatalf("verify the system chain: %d %s", code, out)
	}
}

func TestConfigurationFromEnvironmentIsValidated(t *testing.T) {
	t.Setenv("ZHIFA_LOG_FORMAT", "xml")
	t.Setenv("ZHIFA_ADDR", "nonsense")
	code, _, errOut := run("serve", "--data-dir", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "ZHIFA_LOG_FORMAT") || !strings.Contains(errOut, "ZHIFA_ADDR") {
		t.Fatalf("serve with bad environment: %d %s", code, errOut)
	}
	// A flag wins over the environment.
	code, _, errOut = run("migrate", "--data-dir", t.TempDir(), "--log-format", "json")
	if code != 0 {
		t.Fatalf("flag over environment: %d %s", code, errOut)
	}
}

func TestVersionAndUsage(t *testing.T) {
	if code, out, _ := run("version"); code != 0 || out != "zhifa test\n" {
		t.Fatalf("version: %d %q", code, out)
	}
	if code, _, errOut := run(); code != 2 || !strings.Contains(errOut, "serve") {
		t.Fatalf("usage: %d %s", code, errOut)
	}
}

// TestSiteIdentification: the portal footer's site options come from flags or ZHIFA_* variables,
// are checked at start, and with --demo and none set the demo county's example values stand in,
// marked as demo values.
func TestSiteIdentification(t *testing.T) {
	t.Setenv("ZHIFA_SITE_CODE", "37152")
	code, _, errOut := run("serve", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(errOut, "ZHIFA_SITE_CODE") {
		t.Fatalf("serve with a short site code: %d %s", code, errOut)
	}
	cfg := config.Defaults()
	cfg.Demo = true
	if s := site(&cfg); !s.Demo || s.SiteCode != demo.Site.SiteCode || s.Sponsor == "" {
		t.Fatalf("demo without site options: %+v", s)
	}
	cfg.SiteCode, cfg.SiteSponsor = "3715210001", "阳谷县人民政府办公室"
	if s := site(&cfg); s.Demo || s.SiteCode != "3715210001" || s.Sponsor != "阳谷县人民政府办公室" || s.ICP != "" {
		t.Fatalf("configured: %+v", s)
	}
	if err := cfg.Validate(true); err != nil {
		t.Fatal(err)
	}
	cfg.SiteICP = "鲁ICP备\n12345678号"
	if err := cfg.Validate(true); err == nil || !strings.Contains(err.Error(), "ZHIFA_SITE_ICP") {
		t.Fatalf("ICP with a line break: %v", err)
	}
}

// TestEvidenceVerifyNamesTheBrokenCase loads the demo county, verifies every case's record, then
// alters one step in the database as an intruder with the file but not the key would: the command
// names the case and the step and exits 3.
func TestEvidenceVerifyNamesTheBrokenCase(t *testing.T) {
	dir := t.TempDir()
	if code, out, errOut := run("demo", "--data-dir", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, errOut)
	}
	code, out, errOut := run("evidence", "verify", "--data-dir", dir)
	if code != 0 || !strings.Contains(out, "完整") || strings.Contains(out, "被破坏") {
		t.Fatalf("verify: %d %s %s", code, out, errOut)
	}
	d, err := db.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	if err := db.Get(context.Background(), d.R, &id, `SELECT id FROM cases WHERE title = '周某运输车辆未密闭案'`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(context.Background(), d.W, `UPDATE case_steps SET summary = '作出行政处罚决定：罚款100元' WHERE case_id = ? AND kind = 'decide'`, id); err != nil {
		t.Fatal(err)
	}
	d.Close()
	code, out, _ = run("evidence", "verify", "--data-dir", dir, id)
	if code != 3 || !strings.Contains(out, id) || !strings.Contains(out, "作出决定") || !strings.Contains(out, "被改动") {
		t.Fatalf("a changed decision: %d %s", code, out)
	}
	if code, out, _ := run("evidence", "verify", "--data-dir", dir); code != 3 || !strings.Contains(out, "共1个案件") {
		t.Fatalf("all cases: %d %s", code, out)
	}
}

// TestDocumentKeyImportsTheAgencysKey imports an operator's SM2 key for the bureau from a PEM
// file, prints its fingerprint and public key, and refuses what is not an SM2 key.
func TestDocumentKeyImportsTheAgencysKey(t *testing.T) {
	dir := t.TempDir()
	if code, out, errOut := run("demo", "--data-dir", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, errOut)
	}
	d, err := db.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	var org string
	if err := db.Get(context.Background(), d.R, &org, `SELECT id FROM organizations WHERE name = '阳谷县综合行政执法局'`); err != nil {
		t.Fatal(err)
	}
	d.Close()
	k, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := smx509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "bureau.pem")
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run("documents", "key", "--data-dir", dir, "--org", org, "--file", file)
	if code != 0 || !strings.Contains(out, "已设置签名密钥") || !strings.Contains(out, "BEGIN PUBLIC KEY") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	if err := os.WriteFile(file, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run("documents", "key", "--data-dir", dir, "--org", org, "--file", file); code == 0 || !strings.Contains(errOut, "SM2私钥") {
		t.Fatalf("a file that is not a key: %d %s", code, errOut)
	}
}

// TestOpen311KeyIsIssuedForAJurisdiction issues a key for the demo county and refuses one for a
// region the store does not hold.
func TestOpen311KeyIsIssuedForAJurisdiction(t *testing.T) {
	dir := t.TempDir()
	if code, out, errOut := run("demo", "--data-dir", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, errOut)
	}
	code, out, errOut := run("open311", "key", "--data-dir", dir, "--region", "371521000000", "--name", "阳谷县12345热线")
	if code != 0 || !strings.Contains(out, "api_key") {
		t.Fatalf("key: %d %s %s", code, out, errOut)
	}
	key := strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])
	d, err := db.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var region string
	if err := db.Get(context.Background(), d.R, &region, `SELECT region_code FROM open311_keys WHERE api_key = ?`, key); err != nil || region != "371521000000" {
		t.Fatalf("stored key %q: %q %v", key, region, err)
	}
	if code, _, _ := run("open311", "key", "--data-dir", dir, "--region", "999999000000", "--name", "x"); code == 0 {
		t.Fatal("a key for an unknown region was issued")
	}
}
