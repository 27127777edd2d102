package server_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emmansun/gmsm/sm3"

	"zhifa/internal/cases"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/settings"
)

// photo is a small real JPEG, different for each seed.
func photo(t *testing.T, seed uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = seed + uint8(i)
	}
	img.Set(0, 0, color.RGBA{R: seed, A: 255})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func evidenceQuery(kind, name string) url.Values {
	return url.Values{"kind": {kind}, "name": {name}, "takenAt": {time.Now().Add(-time.Hour).Format(time.RFC3339)},
		"lat": {"36.1125"}, "lng": {"115.7836"}, "crs": {"WGS-84"}, "accuracy": {"8"}, "device": {"执法记录仪 DSJ-0371"}}
}

type verification struct {
	OK      bool   `json:"ok"`
	Problem string `json:"problem"`
	Seq     int    `json:"seq"`
	Message string `json:"message"`
	Steps   int    `json:"steps"`
}

func (k *caseKit) verify(t *testing.T, id string) verification {
	t.Helper()
	var v verification
	if err := k.me.Get(ctx, "/api/v1/cases/"+id+"/verification", nil, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestEvidenceAndTheFullProcessRecord registers evidence on a case, refuses what is not what it
// says or is too large, withdraws without deleting, and then alters the store in each way a
// tamperer would: every change is found and named.
func TestEvidenceAndTheFullProcessRecord(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		id := lookup(t, e.app.DB, `SELECT id FROM cases WHERE title = '王某运输渣土未密闭案'`)
		path := "/api/v1/cases/" + id + "/evidence"
		if v := k.verify(t, id); !v.OK || v.Steps < 3 {
			t.Fatalf("the demo case's record: %+v", v)
		}

		var ev cases.Evidence
		if err := k.me.Send(ctx, path, evidenceQuery("photo", "现场照片1.jpg"), bytes.NewReader(photo(t, 1)), &ev); err != nil {
			t.Fatal(err)
		}
		if len(ev.SM3) != 64 || len(ev.SHA256) != 64 || ev.MIME != "image/jpeg" || ev.CRS != "WGS-84" || ev.RecordedByName == "" || ev.StepID == "" {
			t.Fatalf("registered: %+v", ev)
		}
		// The file as it was sent, in ranges too; every opening audited.
		fileURL := k.me.BaseURL + path + "/" + ev.ID + "/file"
		req, _ := http.NewRequest(http.MethodGet, fileURL, nil)
		req.Header.Set("Authorization", "Bearer "+k.me.Token)
		req.Header.Set("Range", "bytes=0-9")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		part, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusPartialContent || !bytes.Equal(part, photo(t, 1)[:10]) || res.Header.Get("Content-Type") != "image/jpeg" {
			t.Fatalf("range of the file: %d %q %q", res.StatusCode, part, res.Header.Get("Content-Type"))
		}
		var opened int
		if err := db.Get(ctx, e.app.DB.R, &opened, `SELECT COUNT(*) FROM audit_log WHERE entity = 'case_evidence' AND entity_id = ? AND action = 'read'`, ev.ID); err != nil || opened != 1 {
			t.Fatalf("audited openings %d: %v", opened, err)
		}
		apiErr(t, e.as("officer.zhangqiu").Get(ctx, path+"/"+ev.ID+"/file", nil, nil), http.StatusNotFound, "NOT_FOUND")

		// Not what its kind says; no location system; another jurisdiction's officer; not on the case.
		apiErr(t, k.me.Send(ctx, path, evidenceQuery("photo", "假照片.jpg"), strings.NewReader("%PDF-1.4 not a photo"), nil),
			http.StatusBadRequest, "EVIDENCE_TYPE_MISMATCH")
		q := evidenceQuery("photo", "无坐标系.jpg")
		q.Del("crs")
		apiErr(t, k.me.Send(ctx, path, q, bytes.NewReader(photo(t, 2)), nil), http.StatusBadRequest, "EVIDENCE_CRS_REQUIRED")
		apiErr(t, e.as("officer.zhangqiu").Send(ctx, path, evidenceQuery("photo", "x.jpg"), bytes.NewReader(photo(t, 3)), nil),
			http.StatusNotFound, "NOT_FOUND")
		apiErr(t, k.leader.Send(ctx, path, evidenceQuery("photo", "x.jpg"), bytes.NewReader(photo(t, 3)), nil),
			http.StatusForbidden, "FORBIDDEN")
		// Over the jurisdiction's limit (1 MB for photos here): refused, nothing kept.
		if _, err := e.app.Settings.Set(ctx, access.System(), cases.EvidenceSettingKey, "371521000000",
			settings.Input{Value: json.RawMessage(`{"photoMB":1,"audioMB":10,"videoMB":10,"documentMB":10}`), Basis: "阳综执发〔2026〕3号"}); err != nil {
			t.Fatal(err)
		}
		big := append(photo(t, 4), bytes.Repeat([]byte{0}, 2<<20)...)
		apiErr(t, k.me.Send(ctx, path, evidenceQuery("photo", "大照片.jpg"), bytes.NewReader(big), nil), http.StatusRequestEntityTooLarge, "EVIDENCE_TOO_LARGE")
		var listed []cases.Evidence
		if err := k.me.Get(ctx, path, nil, &listed); err != nil || len(listed) != 1 {
			t.Fatalf("refused uploads kept something: %d %v", len(listed), err)
		}

		// Withdrawn with its reason, never deleted.
		apiErr(t, post(t, k.me, "/cases/"+id+"/evidence-withdrawal", map[string]any{"evidenceId": ev.ID, "reason": " "}, nil),
			http.StatusBadRequest, "EVIDENCE_REASON_REQUIRED")
		mustPost(t, k.me, "/cases/"+id+"/evidence-withdrawal", map[string]any{"evidenceId": ev.ID, "reason": "拍摄对象有误"})
		if err := k.me.Get(ctx, path, nil, &listed); err != nil || len(listed) != 1 || listed[0].WithdrawReason != "拍摄对象有误" {
			t.Fatalf("withdrawn: %+v %v", listed, err)
		}
		var second cases.Evidence
		if err := k.me.Send(ctx, path, evidenceQuery("photo", "现场照片2.jpg"), bytes.NewReader(photo(t, 5)), &second); err != nil {
			t.Fatal(err)
		}
		v := k.verify(t, id)
		if !v.OK {
			t.Fatalf("untouched record: %+v", v)
		}
		steps := v.Steps

		// Each kind of tampering, undone after it is seen.
		tamper := func(what, do, undo string, args []any, problem string, seq int) {
			t.Helper()
			exec := func(stmts string) {
				for _, q := range strings.Split(stmts, ";") {
					if _, err := db.Exec(ctx, e.app.DB.W, q, args...); err != nil {
						t.Fatal(err)
					}
				}
			}
			exec(do)
			got := k.verify(t, id)
			if got.OK || got.Problem != problem || (seq > 0 && got.Seq != seq) || got.Message == "" {
				t.Errorf("%s: %+v, want %s at %d", what, got, problem, seq)
			}
			if undo != "" {
				exec(undo)
			}
		}
		tamper("a step's summary altered",
			`UPDATE case_steps SET summary = summary || '（改）' WHERE case_id = ? AND seq = 2`,
			`UPDATE case_steps SET summary = substr(summary, 1, length(summary) - 3) WHERE case_id = ? AND seq = 2`, []any{id}, cases.ChainAltered, 2)
		swap := `UPDATE case_steps SET seq = -2 WHERE case_id = ? AND seq = 2;UPDATE case_steps SET seq = 2 WHERE case_id = ? AND seq = 3;` +
			`UPDATE case_steps SET seq = 3 WHERE case_id = ? AND seq = -2`
		tamper("two steps swapped", swap, swap, []any{id}, cases.ChainAltered, 2)
		tamper("the evidence row's digest changed",
			`UPDATE case_evidence SET sm3 = replace(sm3, substr(sm3, 1, 1), 'x') WHERE id = ?`, "", []any{second.ID}, cases.ChainEvidence, 0)
		if _, err := db.Exec(ctx, e.app.DB.W, `UPDATE case_evidence SET sm3 = ? WHERE id = ?`, second.SM3, second.ID); err != nil {
			t.Fatal(err)
		}
		if !k.verify(t, id).OK {
			t.Fatal("restored")
		}

		// A byte of a stored file changed, then the file removed.
		file := filepath.Join(e.app.Cases.Blobs.Dir(), second.SM3[:2], second.SM3[2:4], second.SM3)
		orig, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		changed := bytes.Clone(orig)
		changed[len(changed)/2] ^= 0xff
		os.Chmod(file, 0o640)
		if err := os.WriteFile(file, changed, 0o640); err != nil {
			t.Fatal(err)
		}
		if got := k.verify(t, id); got.OK || got.Problem != cases.ChainFile || !strings.Contains(got.Message, "改动") {
			t.Errorf("a changed byte: %+v", got)
		}
		os.Remove(file)
		if got := k.verify(t, id); got.OK || got.Problem != cases.ChainFile || !strings.Contains(got.Message, "丢失") {
			t.Errorf("a removed file: %+v", got)
		}
		if err := os.WriteFile(file, orig, 0o440); err != nil {
			t.Fatal(err)
		}

		// A step taken out of its place, then the last step deleted.
		tamper("the withdrawal taken out of the record",
			`UPDATE case_steps SET seq = seq + 100 WHERE case_id = ? AND kind = 'evidence_withdraw'`,
			`UPDATE case_steps SET seq = seq - 100 WHERE case_id = ? AND kind = 'evidence_withdraw'`, []any{id}, cases.ChainMissing, steps-1)
		if !k.verify(t, id).OK {
			t.Fatal("restored")
		}
		tamper("the last step removed", `DELETE FROM case_steps WHERE case_id = ? AND seq = ?`, "", []any{id, steps}, cases.ChainTruncated, steps)
	})
}

// TestRecordsKeptBeforeTheChainAreSealedOnce: steps written before their chain existed (an
// upgrade) are sealed once in their order, and the chain goes on from there.
func TestRecordsKeptBeforeTheChainAreSealedOnce(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		id := lookup(t, e.app.DB, `SELECT id FROM cases WHERE title = '王某运输渣土未密闭案'`)
		for _, q := range []string{`UPDATE case_steps SET mac = '' WHERE case_id = ?`, `DELETE FROM case_chains WHERE case_id = ?`} {
			if _, err := db.Exec(ctx, e.app.DB.W, q, id); err != nil {
				t.Fatal(err)
			}
		}
		if v := k.verify(t, id); v.OK {
			t.Fatalf("an unsealed record passes: %+v", v)
		}
		if n, err := e.app.Cases.SealAll(ctx); err != nil || n != 1 {
			t.Fatalf("sealed %d: %v", n, err)
		}
		if n, _ := e.app.Cases.SealAll(ctx); n != 0 {
			t.Fatalf("sealed again: %d", n)
		}
		if err := k.me.Send(ctx, "/api/v1/cases/"+id+"/evidence", evidenceQuery("document", "情况说明.txt"), strings.NewReader("当事人书面情况说明"), nil); err != nil {
			t.Fatal(err)
		}
		if v := k.verify(t, id); !v.OK {
			t.Fatalf("after sealing and one more step: %+v", v)
		}
	})
}

// brokenReader gives some bytes and then fails, as a connection dropped half way.
type brokenReader struct{ r io.Reader }

func (b *brokenReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		return n, errors.New("connection dropped")
	}
	return n, err
}

// TestEvidenceUploadResumesAfterADroppedConnection sends a file in pieces, drops the connection in
// the middle of one, asks how much arrived, goes on from there and registers the whole.
func TestEvidenceUploadResumesAfterADroppedConnection(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		id := lookup(t, e.app.DB, `SELECT id FROM cases WHERE title = '王某运输渣土未密闭案'`)
		// An upload abandoned more than a week ago goes when the next one starts.
		if _, err := db.Exec(ctx, e.app.DB.W, `INSERT INTO case_evidence_uploads (id, case_id, account_id, meta, size, received, created_at)
			VALUES ('abandoned-upload', ?, 'x', '{}', 10, 5, '2020-01-01T00:00:00.000Z')`, id); err != nil {
			t.Fatal(err)
		}
		abandoned, _ := e.app.Cases.Blobs.Part("abandoned-upload")
		if err := os.WriteFile(abandoned, []byte("12345"), 0o640); err != nil {
			t.Fatal(err)
		}
		file := append(photo(t, 9), bytes.Repeat([]byte("渣土"), 50_000)...) // about 300 KB
		meta := map[string]any{"kind": "photo", "name": "续传照片.jpg", "takenAt": time.Now().Add(-time.Hour).Format(time.RFC3339), "size": len(file)}
		var up cases.Upload
		if err := post(t, k.me, "/cases/"+id+"/evidence-uploads", meta, &up); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(abandoned); !os.IsNotExist(err) || lookup(t, e.app.DB, `SELECT COUNT(*) FROM case_evidence_uploads WHERE id = 'abandoned-upload'`) != "0" {
			t.Fatalf("the abandoned upload is still there: %v", err)
		}
		tooBig := clone(meta)
		tooBig["size"] = 100 << 20
		apiErr(t, post(t, k.me, "/cases/"+id+"/evidence-uploads", tooBig, nil), http.StatusRequestEntityTooLarge, "EVIDENCE_TOO_LARGE")
		piece := func(from, to int, r io.Reader) error {
			return k.me.Stream(ctx, http.MethodPut, "/api/v1/evidence-uploads/"+up.ID, url.Values{"offset": {fmt.Sprint(from)}}, r, &up)
		}
		if err := piece(0, 100_000, bytes.NewReader(file[:100_000])); err != nil || up.Received != 100_000 {
			t.Fatalf("first piece: %+v %v", up, err)
		}
		// The connection drops half way through the second piece.
		if err := piece(100_000, 200_000, &brokenReader{bytes.NewReader(file[100_000:150_000])}); err == nil {
			t.Fatal("a dropped piece was accepted")
		}
		if err := k.me.Get(ctx, "/api/v1/evidence-uploads/"+up.ID, nil, &up); err != nil || up.Received != 100_000 {
			t.Fatalf("after the drop: %+v %v", up, err)
		}
		apiErr(t, piece(150_000, len(file), bytes.NewReader(file[150_000:])), http.StatusConflict, "EVIDENCE_UPLOAD_OFFSET")
		apiErr(t, post(t, k.me, "/evidence-uploads/"+up.ID+"/complete", nil, nil), http.StatusConflict, "EVIDENCE_UPLOAD_INCOMPLETE")
		apiErr(t, e.as("officer.zhangqiu").Get(ctx, "/api/v1/evidence-uploads/"+up.ID, nil, nil), http.StatusNotFound, "NOT_FOUND")
		if err := piece(100_000, len(file), bytes.NewReader(file[100_000:])); err != nil || up.Received != int64(len(file)) {
			t.Fatalf("the rest: %+v %v", up, err)
		}
		apiErr(t, piece(len(file), len(file)+1, strings.NewReader("x")), http.StatusRequestEntityTooLarge, "EVIDENCE_PIECE_TOO_LARGE")
		var ev cases.Evidence
		if err := post(t, k.me, "/evidence-uploads/"+up.ID+"/complete", nil, &ev); err != nil {
			t.Fatal(err)
		}
		whole := sm3.Sum(file)
		if ev.SM3 != hex.EncodeToString(whole[:]) || ev.Size != int64(len(file)) || ev.Name != "续传照片.jpg" {
			t.Fatalf("registered: %+v", ev)
		}
		apiErr(t, k.me.Get(ctx, "/api/v1/evidence-uploads/"+up.ID, nil, nil), http.StatusNotFound, "NOT_FOUND")
		if v := k.verify(t, id); !v.OK {
			t.Fatalf("record: %+v", v)
		}
		// A first piece that is not what the kind says is refused before anything is kept.
		var bad cases.Upload
		if err := post(t, k.me, "/cases/"+id+"/evidence-uploads", meta, &bad); err != nil {
			t.Fatal(err)
		}
		apiErr(t, k.me.Stream(ctx, http.MethodPut, "/api/v1/evidence-uploads/"+bad.ID, url.Values{"offset": {"0"}},
			strings.NewReader("%PDF-1.4 不是照片"), nil), http.StatusBadRequest, "EVIDENCE_TYPE_MISMATCH")
		if err := k.me.Get(ctx, "/api/v1/evidence-uploads/"+bad.ID, nil, &bad); err != nil || bad.Received != 0 {
			t.Fatalf("refused first piece kept: %+v %v", bad, err)
		}
	})
}

// TestPhotoThumbnails: a photo's thumbnail is a JPEG at most 320 pixels on its longer side, kept
// after the first request; a picture declaring more than 50 megapixels is not decoded; a video has
// none.
func TestPhotoThumbnails(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		id := lookup(t, e.app.DB, `SELECT id FROM cases WHERE title = '王某运输渣土未密闭案'`)
		path := "/api/v1/cases/" + id + "/evidence"
		wide := image.NewRGBA(image.Rect(0, 0, 1000, 400))
		for i := range wide.Pix {
			wide.Pix[i] = uint8(i)
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, wide, nil); err != nil {
			t.Fatal(err)
		}
		var ev cases.Evidence
		if err := k.me.Send(ctx, path, evidenceQuery("photo", "现场全景.jpg"), bytes.NewReader(buf.Bytes()), &ev); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			status, body := fetch(t, k.me, http.MethodGet, path+"/"+ev.ID+"/thumbnail", nil)
			if status != http.StatusOK {
				t.Fatalf("thumbnail: %d %s", status, body)
			}
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(body))
			if err != nil || cfg.Width != 320 || cfg.Height != 128 {
				t.Fatalf("thumbnail: %+v %v", cfg, err)
			}
		}
		// a small file that declares 8000×8000 pixels
		huge := image.NewGray(image.Rect(0, 0, 8000, 8000))
		buf.Reset()
		if err := png.Encode(&buf, huge); err != nil {
			t.Fatal(err)
		}
		if err := k.me.Send(ctx, path, evidenceQuery("photo", "超大.png"), bytes.NewReader(buf.Bytes()), &ev); err != nil {
			t.Fatal(err)
		}
		err := k.me.Get(ctx, path+"/"+ev.ID+"/thumbnail", nil, nil)
		apiErr(t, err, http.StatusConflict, "EVIDENCE_IMAGE_TOO_LARGE")
	})
}
