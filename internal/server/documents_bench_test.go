package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"zhifa/client"
	"zhifa/internal/cases"
	"zhifa/internal/demo"
	"zhifa/internal/documents"
	"zhifa/internal/platform/benchutil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
)

// BenchmarkDocuments measures documents on the embedded store:
//
//   - render: the 行政处罚决定书 of a decided demo case made from its record and the template, as
//     PDF with the fonts embedded (the preview path: data, template, layout, PDF), p50/p99 and
//     the peak heap;
//   - issue: the same issued (number, PDF, SM3, SM2 signature, stored, step sealed in the chain);
//   - casefile-50: the case file of a case holding 50 issued documents, exported as one PDF;
//   - libreoffice: the same decision, its text written into a DOCX, converted to PDF by Debian's
//     LibreOffice headless (soffice --convert-to pdf, a process per document as many systems run
//     it), p50, with the ratio to render. Skipped where soffice is not installed
//     (scripts/bench-documents.sh installs libreoffice-writer-nogui).
func BenchmarkDocuments(b *testing.B) {
	a := newApp(dbtest.SQLite(b))
	ctx := context.Background()
	if err := demo.Load(ctx, a); err != nil {
		b.Fatal(err)
	}
	if err := a.UseEvidenceDir(b.TempDir()); err != nil {
		b.Fatal(err)
	}
	officer := benchPrincipal(b, a, "officer")
	var id string
	if err := db.Get(ctx, a.DB.R, &id, `SELECT id FROM cases WHERE title = '阳谷县某渣土运输公司沿途遗撒建筑垃圾案'`); err != nil {
		b.Fatal(err)
	}
	decision := cases.DocumentInput{Kind: documents.PenaltyDecision}
	var renderP50 time.Duration

	b.Run("render", func(b *testing.B) {
		var lat benchutil.Latencies
		runtime.GC()
		stop := benchutil.PeakHeap()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			start := time.Now()
			if _, err := a.Cases.PreviewDocument(ctx, officer, id, decision); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
		}
		b.StopTimer()
		b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MB")
		lat.Report(b)
		renderP50 = median(lat)
	})

	b.Run("issue", func(b *testing.B) {
		var lat benchutil.Latencies
		for i := 0; i < b.N; i++ {
			start := time.Now()
			if _, err := a.Cases.IssueDocument(ctx, officer, id, decision); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
		}
		lat.Report(b)
	})

	b.Run("casefile-50", func(b *testing.B) {
		var have int
		if err := db.Get(ctx, a.DB.R, &have, `SELECT COUNT(*) FROM documents WHERE case_id = ?`, id); err != nil {
			b.Fatal(err)
		}
		kinds := []string{documents.FilingApproval, documents.PenaltyNotice, documents.PenaltyDecision, documents.ServiceReceipt, documents.InquiryRecord}
		for i := have; i < 50; i++ {
			if _, err := a.Cases.IssueDocument(ctx, officer, id, cases.DocumentInput{Kind: kinds[i%len(kinds)]}); err != nil {
				b.Fatal(err)
			}
		}
		srv := httptest.NewServer(a.Handler())
		defer srv.Close()
		c := client.New(srv.URL)
		if _, err := c.Login(ctx, "leader", demo.Password); err != nil {
			b.Fatal(err)
		}
		var size int
		b.ResetTimer()
		var lat benchutil.Latencies
		for i := 0; i < b.N; i++ {
			start := time.Now()
			status, pdf := fetchB(b, c, srv.URL+"/api/v1/cases/"+id+"/case-file?format=pdf")
			if status != http.StatusOK {
				b.Fatalf("case file: %d", status)
			}
			lat = append(lat, time.Since(start))
			size = len(pdf)
		}
		lat.Report(b)
		b.ReportMetric(float64(size)/(1<<20), "MB")
	})

	b.Run("libreoffice", func(b *testing.B) {
		soffice, err := exec.LookPath("soffice")
		if err != nil {
			b.Skip("soffice (Debian's libreoffice-writer-nogui) is not installed")
		}
		pdf, err := a.Cases.PreviewDocument(ctx, officer, id, decision)
		if err != nil {
			b.Fatal(err)
		}
		dir := b.TempDir()
		docx := filepath.Join(dir, "decision.docx")
		if err := os.WriteFile(docx, docxOf(b, pdfParagraphs(b, pdf)), 0o600); err != nil {
			b.Fatal(err)
		}
		profile := "file://" + filepath.Join(dir, "profile")
		convert := func() {
			out, err := exec.Command(soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", "pdf", "--outdir", dir, docx).CombinedOutput()
			if err != nil {
				b.Fatalf("soffice: %v %s", err, out)
			}
		}
		convert() // the first start writes the profile
		var lat benchutil.Latencies
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			start := time.Now()
			convert()
			lat = append(lat, time.Since(start))
		}
		b.StopTimer()
		lat.Report(b)
		if renderP50 > 0 {
			b.ReportMetric(float64(median(lat))/float64(renderP50), "x-render")
		}
	})
}

func median(l benchutil.Latencies) time.Duration {
	s := slices.Clone(l)
	slices.Sort(s)
	return s[len(s)/2]
}

func fetchB(b *testing.B, c *client.Client, url string) (int, []byte) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		b.Fatal(err)
	}
	return resp.StatusCode, buf.Bytes()
}

// pdfParagraphs is a PDF's text, line by line, as pdftotext reads it.
func pdfParagraphs(b *testing.B, pdf []byte) []string {
	dir := b.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		b.Fatal(err)
	}
	out, err := exec.Command("pdftotext", in, "-").Output()
	if err != nil {
		b.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// docxOf writes paragraphs as the smallest Word document LibreOffice opens: the same decision as
// a DOCX template filled in would hold.
func docxOf(b *testing.B, paragraphs []string) []byte {
	var body strings.Builder
	for _, p := range paragraphs {
		var t bytes.Buffer
		if err := xml.EscapeText(&t, []byte(p)); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(&body, `<w:p><w:r><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, t.String())
	}
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body.String() + `</w:body></w:document>`,
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		w, err := z.Create(name)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := w.Write([]byte(files[name])); err != nil {
			b.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
