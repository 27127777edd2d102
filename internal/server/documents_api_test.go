package server_test

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/sm3"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"zhifa/client"
	"zhifa/internal/cases"
	"zhifa/internal/documents"
	"zhifa/internal/platform/db"
)

// fetch GETs or POSTs a path with the client's session and returns the answer's body.
func fetch(t *testing.T, c *client.Client, method, path string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, c.BaseURL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// pdfText is the text of a PDF as poppler's pdftotext reads it, with spaces and line breaks
// removed so that table cells and wrapped lines read as one string.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils): %v", err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// qrOf renders a PDF's first page to an image and reads its QR code.
func qrOf(t *testing.T, pdf []byte) string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(matches) != 1 {
		t.Fatalf("rendered pages: %v", matches)
	}
	f, err := os.Open(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("no QR code on the first page: %v", err)
	}
	return res.GetText()
}

// TestEveryStandardDocumentRendersFromItsTemplate fills each national template with a made-up
// case through the template preview and reads the PDF back: the data are there in Chinese.
func TestEveryStandardDocumentRendersFromItsTemplate(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		admin := e.as("legal")
		for _, k := range documents.Kinds {
			tpl, err := documents.National(k.Code)
			if err != nil {
				t.Fatal(err)
			}
			status, pdf := fetch(t, admin, http.MethodPost, "/api/v1/document-templates/"+k.Code+"/preview",
				[]byte(`{"title":`+quote(tpl.Title)+`,"body":`+quote(tpl.Body)+`}`))
			if status != http.StatusOK || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Fatalf("%s: %d %s", k.Name, status, pdf)
			}
			text := pdfText(t, pdf)
			for _, want := range []string{tpl.Title, "王××"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s lacks %q: %s", k.Name, want, text)
				}
			}
		}
	})
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

type issued struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Number    string `json:"number"`
	SM3       string `json:"sm3"`
	Signature string `json:"signature"`
	KeyID     string `json:"keyId"`
	ServedAt  string `json:"servedAt"`
}

// TestDocumentsIssuedVerifiedAndRefusedOutOfOrder issues the penalty decision of a decided demo
// case, reads it back (the case's data, the benchmark applied, the remedies), follows its QR code
// to the public page, checks the PDF as issued and an altered copy, and refuses documents whose
// step has not been taken, changing nothing.
func TestDocumentsIssuedVerifiedAndRefusedOutOfOrder(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		decided := lookup(t, e.app.DB, `SELECT id FROM cases WHERE title = '阳谷县某渣土运输公司沿途遗撒建筑垃圾案'`)
		decisionNo := lookup(t, e.app.DB, `SELECT decision_no FROM cases WHERE id = ?`, decided)
		base := "/api/v1/cases/" + decided + "/documents"

		var doc issued
		if err := k.me.Do(ctx, http.MethodPost, base, map[string]any{"kind": "penalty_decision"}, &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Number != decisionNo || len(doc.SM3) != 64 || doc.Signature == "" {
			t.Fatalf("issued: %+v (decision %s)", doc, decisionNo)
		}
		status, pdf := fetch(t, k.me, http.MethodGet, base+"/"+doc.ID+"/file", nil)
		if status != http.StatusOK {
			t.Fatalf("file: %d %s", status, pdf)
		}
		text := pdfText(t, pdf)
		for _, want := range []string{"阳谷县综合行政执法局", "行政处罚决定书", decisionNo, "阳谷县某渣土运输有限公司", "91371521MA3N5P6Q7",
			"城市建筑垃圾管理规定", "适用裁量基准", "六十日内", "六个月内", "第1页"} {
			if !strings.Contains(text, want) {
				t.Errorf("the decision lacks %q:\n%s", want, text)
			}
		}
		if n := count(t, e.app.DB, `SELECT COUNT(*) FROM audit_log WHERE summary LIKE ?`, "查看文书 行政处罚决定书%"); n != 1 {
			t.Errorf("opening the document audited %d times", n)
		}
		// the step is sealed in the case's chain with the document's digest
		if v := k.verify(t, decided); !v.OK {
			t.Fatalf("the record after issuing: %+v", v)
		}
		if n := count(t, e.app.DB, `SELECT COUNT(*) FROM case_steps WHERE case_id = ? AND kind = 'document' AND data LIKE ?`, decided, "%"+doc.SM3+"%"); n != 1 {
			t.Errorf("document steps with its digest: %d", n)
		}

		// the QR code leads to the public page, which anyone reads
		target := qrOf(t, pdf)
		if !strings.HasSuffix(target, "/portal/verify/"+doc.ID) {
			t.Fatalf("QR code holds %q", target)
		}
		anon := e.anon()
		var pub struct {
			Facts struct {
				Title, Number, Issuer, Party string
			} `json:"facts"`
			SignatureValid bool   `json:"signatureValid"`
			SM3            string `json:"sm3"`
		}
		if err := anon.Get(ctx, "/api/v1/public/documents/"+doc.ID, nil, &pub); err != nil {
			t.Fatal(err)
		}
		if !pub.SignatureValid || pub.SM3 != doc.SM3 || pub.Facts.Number != decisionNo || pub.Facts.Issuer != "阳谷县综合行政执法局" {
			t.Fatalf("public page: %+v", pub)
		}
		var check struct {
			Matches bool `json:"matches"`
		}
		if err := anon.Send(ctx, "/api/v1/public/documents/"+doc.ID+"/check", nil, bytes.NewReader(pdf), &check); err != nil || !check.Matches {
			t.Fatalf("the genuine PDF: %v %+v", err, check)
		}
		var found struct {
			ID      string `json:"id"`
			Matches bool   `json:"matches"`
		}
		if err := anon.Send(ctx, "/api/v1/public/documents/check", nil, bytes.NewReader(pdf), &found); err != nil || !found.Matches || found.ID != doc.ID {
			t.Fatalf("found by its digest: %v %+v", err, found)
		}
		altered := bytes.Replace(pdf, []byte("/Creator"), []byte("/Creatox"), 1)
		err := anon.Send(ctx, "/api/v1/public/documents/check", nil, bytes.NewReader(altered), nil)
		apiErr(t, err, http.StatusBadRequest, "DOCUMENT_NOT_ISSUED")
		err = anon.Send(ctx, "/api/v1/public/documents/"+doc.ID+"/check", nil, bytes.NewReader(altered), nil)
		apiErr(t, err, http.StatusBadRequest, "DOCUMENT_ALTERED")
		err = anon.Get(ctx, "/api/v1/public/documents/"+strings.Repeat("0", 36), nil, nil)
		apiErr(t, err, http.StatusNotFound, "DOCUMENT_NOT_FOUND")
		// a forged signature is caught on the page and refused on a check
		sig, _ := base64.StdEncoding.DecodeString(doc.Signature)
		sig[len(sig)-1] ^= 0x01
		if _, err := e.app.DB.W.ExecContext(ctx, e.app.DB.W.Rebind(`UPDATE documents SET signature = ? WHERE id = ?`),
			base64.StdEncoding.EncodeToString(sig), doc.ID); err != nil {
			t.Fatal(err)
		}
		err = anon.Send(ctx, "/api/v1/public/documents/"+doc.ID+"/check", nil, bytes.NewReader(pdf), nil)
		apiErr(t, err, http.StatusBadRequest, "DOCUMENT_SIGNATURE_INVALID")

		// the investigating demo case has no notice: no decision and no notice can be made
		open := lookup(t, e.app.DB, `SELECT id FROM cases WHERE title = '王某运输渣土未密闭案'`)
		steps := count(t, e.app.DB, `SELECT COUNT(*) FROM case_steps WHERE case_id = ?`, open)
		for _, kind := range []string{"penalty_decision", "penalty_notice", "closing_approval"} {
			err := k.me.Do(ctx, http.MethodPost, "/api/v1/cases/"+open+"/documents", map[string]any{"kind": kind}, nil)
			apiErr(t, err, http.StatusConflict, "DOCUMENT_OUT_OF_ORDER")
		}
		err = k.me.Do(ctx, http.MethodPost, "/api/v1/cases/"+open+"/documents", map[string]any{"kind": "correction_order"}, nil)
		apiErr(t, err, http.StatusBadRequest, "DOCUMENT_CORRECTION_REQUIRED")
		err = k.me.Do(ctx, http.MethodPost, "/api/v1/cases/"+open+"/documents", map[string]any{"kind": "inquiry_record",
			"signatures": []map[string]string{{"role": "被询问人", "image": "data:image/png;base64,AAAA"}}}, nil)
		apiErr(t, err, http.StatusBadRequest, "DOCUMENT_SIGNATURE_INVALID")
		if n := count(t, e.app.DB, `SELECT COUNT(*) FROM case_steps WHERE case_id = ?`, open); n != steps {
			t.Errorf("refused documents changed the record: %d steps, were %d", n, steps)
		}
		if n := count(t, e.app.DB, `SELECT COUNT(*) FROM documents WHERE case_id = ?`, open); n != 0 {
			t.Errorf("refused documents were kept: %d", n)
		}

		// the inquiry record with the person's handwritten signature; a natural person's name is
		// masked on the public page
		var rec issued
		if err := k.me.Do(ctx, http.MethodPost, "/api/v1/cases/"+open+"/documents", map[string]any{"kind": "inquiry_record",
			"signatures": []map[string]string{{"role": "被询问人", "image": signaturePNG(t)}}}, &rec); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(rec.Number, "之1") {
			t.Errorf("a record without its own number takes the case's: %q", rec.Number)
		}
		if err := anon.Get(ctx, "/api/v1/public/documents/"+rec.ID, nil, &pub); err != nil {
			t.Fatal(err)
		}
		if pub.Facts.Party != "王某" {
			t.Errorf("the public page names the party %q", pub.Facts.Party)
		}
		// electronic service needs the party's written consent
		err = k.me.Do(ctx, http.MethodPost, "/api/v1/cases/"+open+"/documents/"+rec.ID+"/electronic-service", map[string]any{}, nil)
		apiErr(t, err, http.StatusConflict, "CASE_ELECTRONIC_NO_CONSENT")
	})
}

// signaturePNG is a handwritten signature as the phone's signature pad sends it.
func signaturePNG(t *testing.T) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 300, 100))
	for x := 20; x < 280; x++ {
		y := 50 + (x%40 - 20)
		img.Set(x, y, color.NRGBA{A: 255})
		img.Set(x, y+1, color.NRGBA{A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

func count(t *testing.T, d *db.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(ctx, d.R, &n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCaseFileExport exports a decided case's file as one PDF and as a ZIP of originals: the
// decision first, the contents' page numbers where the pages are, every original byte-identical
// to what was issued or recorded, the manifest's digests right, and the export audited.
func TestCaseFileExport(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		id := lookup(t, e.app.DB, `SELECT id FROM cases WHERE title = '阳谷县某渣土运输公司沿途遗撒建筑垃圾案'`)
		base := "/api/v1/cases/" + id
		var filing, decision issued
		if err := k.me.Do(ctx, http.MethodPost, base+"/documents", map[string]any{"kind": "filing_approval"}, &filing); err != nil {
			t.Fatal(err)
		}
		if err := k.me.Do(ctx, http.MethodPost, base+"/documents", map[string]any{"kind": "penalty_decision"}, &decision); err != nil {
			t.Fatal(err)
		}
		status, pdf := fetch(t, k.leader, http.MethodGet, base+"/case-file?format=pdf", nil)
		if status != http.StatusOK || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("case file: %d %.200s", status, pdf)
		}
		text := pdfText(t, pdf)
		order := []string{"行政处罚案卷", "卷内目录", "行政处罚决定书" + decision.Number, "立案审批表", "证据清单", "备考表", "全过程记录完整"}
		at := 0
		for _, want := range order {
			i := strings.Index(text[at:], want)
			if i < 0 {
				t.Fatalf("the case file lacks %q after position %d:\n%s", want, at, text)
			}
			at += i
		}
		// cover and contents take a page each: the decision starts on page 3 and says so
		if !strings.Contains(text, "1行政处罚决定书"+decision.Number) || !strings.Contains(text, "第3页") {
			t.Errorf("contents and page stamps:\n%s", text)
		}

		status, raw := fetch(t, k.leader, http.MethodGet, base+"/case-file?format=zip", nil)
		if status != http.StatusOK {
			t.Fatalf("zip: %d %s", status, raw)
		}
		zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			files[f.Name] = b
		}
		var m cases.Manifest
		if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
			t.Fatal(err)
		}
		if !m.Record.OK || m.CaseID != id || len(m.Files) < 3 {
			t.Fatalf("manifest: %+v", m)
		}
		docs := 0
		for _, f := range m.Files {
			b, ok := files[f.Path]
			if !ok {
				t.Fatalf("manifest names %s, not in the archive", f.Path)
			}
			sum := sm3.Sum(b)
			if hex.EncodeToString(sum[:]) != f.SM3 || int64(len(b)) != f.Size {
				t.Errorf("%s: digest or size differs from the manifest", f.Path)
			}
			if f.Kind == "document" {
				docs++
				if f.Number == decision.Number && f.SM3 != decision.SM3 {
					t.Errorf("the decision in the archive is not the one issued")
				}
			}
		}
		if docs != 2 {
			t.Errorf("documents in the archive: %d", docs)
		}
		if n := count(t, e.app.DB, `SELECT COUNT(*) FROM audit_log WHERE summary LIKE ?`, "导出卷宗%"); n != 2 {
			t.Errorf("exports audited: %d", n)
		}
		// a dispatcher, not on the case, may not export it
		err = e.as("dispatcher").Get(ctx, base+"/case-file", nil, nil)
		apiErr(t, err, http.StatusForbidden, "CASE_NOT_ASSIGNED")
		err = k.leader.Get(ctx, base+"/case-file", url.Values{"format": {"doc"}}, nil)
		apiErr(t, err, http.StatusBadRequest, "CASE_FILE_FORMAT")
	})
}

// TestAgencySealOnDocuments: a jurisdiction's administrator sets the bureau's seal; documents
// issued afterwards carry it over the 落款; what is not a PNG of a seal's size is refused.
func TestAgencySealOnDocuments(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		k := newCaseKit(t, e)
		bureau := lookup(t, e.app.DB, `SELECT id FROM organizations WHERE name = '阳谷县综合行政执法局'`)
		id := lookup(t, e.app.DB, `SELECT id FROM cases WHERE title = '阳谷县某渣土运输公司沿途遗撒建筑垃圾案'`)
		issue := func() []byte {
			var d issued
			if err := k.me.Do(ctx, http.MethodPost, "/api/v1/cases/"+id+"/documents", map[string]any{"kind": "penalty_decision"}, &d); err != nil {
				t.Fatal(err)
			}
			status, pdf := fetch(t, k.me, http.MethodGet, "/api/v1/cases/"+id+"/documents/"+d.ID+"/file", nil)
			if status != http.StatusOK {
				t.Fatal(status)
			}
			return pdf
		}
		if bytes.Contains(issue(), []byte("/Subtype /Image")) {
			t.Fatal("an image in a document before any seal was set")
		}
		err := k.legal.Get(ctx, "/api/v1/document-seals/"+bureau, nil, nil)
		apiErr(t, err, http.StatusConflict, "DOCUMENT_SEAL_NONE")
		for _, bad := range [][]byte{photo(t, 3), []byte("not an image")} {
			err := k.legal.Stream(ctx, http.MethodPut, "/api/v1/document-seals/"+bureau, nil, bytes.NewReader(bad), nil)
			apiErr(t, err, http.StatusBadRequest, "DOCUMENT_SEAL_INVALID")
		}
		err = k.me.Stream(ctx, http.MethodPut, "/api/v1/document-seals/"+bureau, nil, bytes.NewReader(sealPNG()), nil)
		apiErr(t, err, http.StatusForbidden, "FORBIDDEN")
		if err := k.legal.Stream(ctx, http.MethodPut, "/api/v1/document-seals/"+bureau, nil, bytes.NewReader(sealPNG()), nil); err != nil {
			t.Fatal(err)
		}
		if status, png := fetch(t, k.legal, http.MethodGet, "/api/v1/document-seals/"+bureau, nil); status != http.StatusOK || !bytes.Equal(png, sealPNG()) {
			t.Fatalf("seal: %d", status)
		}
		if !bytes.Contains(issue(), []byte("/Subtype /Image")) {
			t.Error("the seal is not on the document issued after it was set")
		}
	})
}

// TestPublicChecksAreThrottled: anyone may present files for verification, a burst of ten from one
// address, then no faster than one every two seconds.
func TestPublicChecksAreThrottled(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		anon := e.anon()
		for i := 0; i < 10; i++ {
			err := anon.Send(ctx, "/api/v1/public/documents/check", nil, bytes.NewReader(nil), nil)
			apiErr(t, err, http.StatusBadRequest, "DOCUMENT_EMPTY")
		}
		err := anon.Send(ctx, "/api/v1/public/documents/check", nil, bytes.NewReader([]byte("%PDF-1.7")), nil)
		apiErr(t, err, http.StatusTooManyRequests, "DOCUMENT_CHECK_TOO_MANY")
	})
}
