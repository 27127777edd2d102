package audit

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
)

// AnchorFile is the file, inside the anchor directory, that anchors signed with k are appended to:
// audit-anchors-<the first 16 hex digits of the key's fingerprint>.jsonl. Deployments with other
// master keys (a test system, another province) may share the directory without mixing anchors.
func AnchorFile(k Keys) string { return "audit-anchors-" + k.Fingerprint()[:16] + ".jsonl" }

// Anchor is a chain's head written, signed, to the anchor file: one JSON line
// {"chain","seq","mac","at","key","sig"}. sig is the SM2 signature (GB/T 32918.2, ASN.1, base64)
// of the JSON {"chain","seq","mac","at"}, by the key derived from the master key whose
// fingerprint is key. The file lives outside the database (another disk or host, append-only),
// so whoever rewinds a chain in the database cannot rewind its anchors: verification reports a
// chain that no longer holds an anchored (seq, mac), or ends before an anchored seq.
type Anchor struct {
	Chain string `json:"chain"`
	Seq   int64  `json:"seq"`
	MAC   string `json:"mac"`
	At    string `json:"at"`
	Key   string `json:"key"`
	Sig   string `json:"sig"`
	Line  int    `json:"line,omitempty"` // line in the file, when read back; never written
}

// signedHead is what an anchor's signature covers, in this order.
type signedHead struct {
	Chain string `json:"chain"`
	Seq   int64  `json:"seq"`
	MAC   string `json:"mac"`
	At    string `json:"at"`
}

func (a Anchor) message() []byte {
	b, _ := json.Marshal(signedHead{a.Chain, a.Seq, a.MAC, a.At})
	return b
}

// anchorFile is the append-only file of anchors and the newest anchor of each chain in it.
type anchorFile struct {
	dir  string
	path string
	last map[string]Anchor // the newest anchor of each chain in the file
}

// UseAnchorDir makes the log append its anchors to dir (created when missing) and check them when
// verifying. It reads the anchors already there, so that only chains that moved since are anchored.
func (l *Log) UseAnchorDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("创建审计锚点目录 %s 失败: %w", dir, err)
	}
	af := &anchorFile{dir: dir, path: filepath.Join(dir, AnchorFile(l.keys)), last: map[string]Anchor{}}
	anchors, _, err := readAnchors(af.path)
	if err != nil {
		return err
	}
	for _, a := range anchors {
		af.last[a.Chain] = a
	}
	l.mu.Lock()
	l.anchors = af
	l.mu.Unlock()
	return nil
}

// AnchorDir is the directory anchors are kept in, "" when none is configured.
func (l *Log) AnchorDir() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.anchors == nil {
		return ""
	}
	return l.anchors.dir
}

// Anchor appends the head of every chain that moved since its last anchor to the anchor file,
// signed, and returns how many it wrote. Without an anchor directory it does nothing.
func (l *Log) Anchor(ctx context.Context, d *db.DB) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.anchors == nil {
		return 0, nil
	}
	heads, err := Heads(ctx, d.R, access.Everywhere)
	if err != nil {
		return 0, err
	}
	at := clock.Stamp(l.clock.Now())
	var lines bytes.Buffer
	var wrote []Anchor
	for _, h := range heads {
		last, seen := l.anchors.last[h.Chain]
		if seen && last.Seq == h.Seq && last.MAC == h.MAC {
			continue
		}
		if seen && h.Seq < last.Seq {
			// Only someone writing the database behind the platform's back moves a head backwards.
			slog.Error("audit chain head moved backwards since its last anchor; verify the log",
				"chain", h.Chain, "anchoredSeq", last.Seq, "headSeq", h.Seq)
		}
		a := Anchor{Chain: h.Chain, Seq: h.Seq, MAC: h.MAC, At: at, Key: l.keys.Fingerprint()}
		if a.Sig, err = l.keys.sign(a.message()); err != nil {
			return 0, err
		}
		b, _ := json.Marshal(a)
		lines.Write(b)
		lines.WriteByte('\n')
		wrote = append(wrote, a)
	}
	if len(wrote) == 0 {
		return 0, nil
	}
	if err := appendSynced(l.anchors.path, lines.Bytes()); err != nil {
		return 0, fmt.Errorf("写入审计锚点文件 %s 失败: %w", l.anchors.path, err)
	}
	for _, a := range wrote {
		l.anchors.last[a.Chain] = a
	}
	return len(wrote), nil
}

// KeepAnchoring anchors at once and then every interval until ctx ends. Failures are logged and
// retried at the next tick; the caller anchors once more at shutdown.
func (l *Log) KeepAnchoring(ctx context.Context, d *db.DB, every time.Duration) {
	anchor := func() {
		if n, err := l.Anchor(ctx, d); err != nil && ctx.Err() == nil {
			slog.Error("audit anchor failed", "err", err)
		} else if n > 0 {
			slog.Debug("audit chains anchored", "chains", n)
		}
	}
	anchor()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			anchor()
		}
	}
}

// appendSynced appends b to the file at path in one write and flushes it to disk. The file is only
// ever opened for appending, so it may carry the append-only attribute (chattr +a).
func appendSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readAnchors reads an anchor file; a missing file has no anchors. Lines that are not anchors are
// returned as problems, with their line numbers, rather than stopping the reading.
func readAnchors(path string) ([]Anchor, []string, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("读取审计锚点文件 %s 失败: %w", path, err)
	}
	defer f.Close()
	var out []Anchor
	var problems []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var a Anchor
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil || a.Line != 0 || a.Seq < 1 || a.MAC == "" || a.Sig == "" {
			problems = append(problems, fmt.Sprintf("锚点文件第%d行不是有效的锚点记录", n))
			continue
		}
		a.Line = n
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("读取审计锚点文件 %s 失败: %w", path, err)
	}
	return out, problems, nil
}
