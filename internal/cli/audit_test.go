package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhifa/internal/platform/db"
)

// TestServeAnchorsTheChainsAndVerifyCatchesARewind runs the server as an operator does, with the
// anchors beside the data directory, and checks that deleting the newest entry and rewinding its
// head, which the database alone cannot reveal, is caught against the anchor written at shutdown.
func TestServeAnchorsTheChainsAndVerifyCatchesARewind(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	file := filepath.Join(root, "regions.csv")
	os.WriteFile(file, []byte("code,name,parentCode\n37,山东省,\n"), 0o600)
	if code, _, errOut := run("import", "--data-dir", data, "regions", file); code != 0 {
		t.Fatalf("import: %s", errOut)
	}

	ctx, stop := context.WithCancel(context.Background())
	served := make(chan int)
	go func() {
		var out, errOut bytes.Buffer
		served <- Run(ctx, "test", []string{"serve", "--data-dir", data, "--addr", "127.0.0.1:0", "--audit-anchor-interval", "1h"}, &out, &errOut)
	}()
	lines := func() []map[string]any {
		files, _ := filepath.Glob(filepath.Join(root, "audit-anchors", "audit-anchors-*.jsonl"))
		if len(files) != 1 {
			return nil
		}
		raw, _ := os.ReadFile(files[0])
		var out []map[string]any
		for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
			var m map[string]any
			if json.Unmarshal([]byte(l), &m) == nil {
				out = append(out, m)
			}
		}
		return out
	}
	for len(lines()) == 0 { // the server anchors the moved chains as it starts
		select {
		case code := <-served:
			t.Fatalf("serve ended with %d before anchoring", code)
		case <-time.After(20 * time.Millisecond):
		}
	}
	// Another write while the server runs; the anchor written at shutdown covers it.
	os.WriteFile(file, []byte("code,name,parentCode\n3715,聊城市,37\n"), 0o600)
	if code, _, errOut := run("import", "--data-dir", data, "regions", file); code != 0 {
		t.Fatalf("import while serving: %s", errOut)
	}
	stop()
	if code := <-served; code != 0 {
		t.Fatalf("serve exit %d", code)
	}
	got := lines()
	if len(got) != 2 || got[0]["seq"] != 1.0 || got[1]["seq"] != 2.0 || got[1]["chain"] != "" || got[1]["sig"] == "" || got[1]["key"] == "" {
		t.Fatalf("anchors: %v", got)
	}
	if code, out, _ := run("audit", "verify", "--data-dir", data); code != 0 || !strings.Contains(out, "锚点 2 个") {
		t.Fatalf("verify: %d %s", code, out)
	}

	raw, err := sql.Open("sqlite", filepath.Join(data, "zhifa.db"))
	if err != nil {
		t.Fatal(err)
	}
	raw.Exec(`DELETE FROM audit_log WHERE chain = '' AND seq = 2`)
	raw.Exec(`UPDATE audit_heads SET seq = 1, mac = (SELECT mac FROM audit_log WHERE chain = '' AND seq = 1) WHERE chain = ''`)
	raw.Close()
	if code, out, _ := run("audit", "verify", "--data-dir", data); code != 3 || !strings.Contains(out, "被截断") || !strings.Contains(out, "锚点") {
		t.Fatalf("rewound chain: %d %s", code, out)
	}
}

// oldLog builds a database as the release before the keyed chains left it: one SHA-256 chain.
func oldLog(t *testing.T, dir string, n int) *sql.DB {
	ctx := context.Background()
	d, err := db.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.MigrateTo(ctx, 5); err != nil {
		t.Fatal(err)
	}
	d.Close()
	raw, err := sql.Open("sqlite", filepath.Join(dir, "zhifa.db"))
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for seq := 1; seq <= n; seq++ {
		at := fmt.Sprintf("2026-05-10T02:00:%02d.000Z", seq)
		region := []string{"371521112000", "", "371522101000"}[seq%3]
		body, _ := json.Marshal([]any{seq, at, "acc-1", "孙志强", "10.0.0.8", "update", "person", fmt.Sprint(seq), region, "旧记录", "{}"})
		sum := sha256.Sum256(append([]byte(prev+"\n"), body...))
		hash := hex.EncodeToString(sum[:])
		if _, err := raw.Exec(`INSERT INTO audit_log (seq, at, actor_id, actor_name, ip, action, entity, entity_id, region_code, summary, detail, prev_hash, hash)
			VALUES (?, ?, 'acc-1', '孙志强', '10.0.0.8', 'update', 'person', ?, ?, '旧记录', '{}', ?, ?)`, seq, at, fmt.Sprint(seq), region, prev, hash); err != nil {
			t.Fatal(err)
		}
		prev = hash
	}
	if _, err := raw.Exec(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, n, prev); err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestAuditVerifyUpgradesAnOldLogOrRefusesABrokenOne(t *testing.T) {
	dir := t.TempDir()
	oldLog(t, dir, 6).Close()
	if code, out, errOut := run("audit", "verify", "--data-dir", dir); code != 0 || !strings.Contains(out, "共 7 条记录") ||
		!strings.Contains(out, "链 371521") || !strings.Contains(out, "链 371522") {
		t.Fatalf("verify after upgrade: %d %s %s", code, out, errOut)
	}

	broken := t.TempDir()
	raw := oldLog(t, broken, 6)
	raw.Exec(`UPDATE audit_log SET summary = '篡改' WHERE seq = 3`)
	raw.Close()
	for _, cmd := range [][]string{{"audit", "verify", "--data-dir", broken}, {"serve", "--data-dir", broken, "--addr", "127.0.0.1:0"}} {
		if code, _, errOut := run(cmd...); code != 1 || !strings.Contains(errOut, "旧审计日志的哈希链已被破坏（第3条）") {
			t.Fatalf("%s on a broken old log: %d %s", cmd[0], code, errOut)
		}
	}
}
