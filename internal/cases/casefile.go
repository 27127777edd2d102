package cases

import (
	"archive/zip"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm3"

	"zhifa/internal/audit"
	"zhifa/internal/documents"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/paper"
)

// The case file (卷宗) in the order a case-file review reads it: the cover, the table of contents,
// the decision (and its service), the other documents in the order they were made, the list of
// evidence with each file's digest, and the closing note (备考表) with the state of the
// full-process record. As one PDF with every page numbered, or as a ZIP of the originals — the
// issued PDFs as they were signed, the evidence files as they were recorded — with a manifest of
// their SM3 and SHA-256 digests.

// caseFile is what goes into a case's file.
type caseFile struct {
	r        row
	subject  string
	parties  []partyRow
	docs     []documents.Document
	evidence []Evidence
	chain    ChainReport
	by       string
	at       time.Time
}

// fileOrder puts the decisions first, each followed by its service receipt, then the rest as made.
func fileOrder(docs []documents.Document) []documents.Document {
	out := make([]documents.Document, 0, len(docs))
	first := func(d documents.Document) bool {
		return d.Kind == documents.PenaltyDecision || d.Kind == documents.SpotDecision || d.Kind == documents.ServiceReceipt
	}
	for _, d := range docs {
		if first(d) {
			out = append(out, d)
		}
	}
	for _, d := range docs {
		if !first(d) {
			out = append(out, d)
		}
	}
	return out
}

// loadCaseFile reads a case's file for a caller who may see the parties' full particulars: an
// officer on the case, a leader, a legal reviewer. The export is audited.
func (s *Service) loadCaseFile(ctx context.Context, p *access.Principal, id, format string) (caseFile, error) {
	r, err := getRow(ctx, s.DB.R, p, id)
	if err != nil {
		return caseFile{}, err
	}
	if !r.State.V.hasOfficer(p.PersonID, s.today()) && !p.Can(access.CaseApprove) && !p.Can(access.CaseReview) {
		return caseFile{}, apperr.Forbidden("只有本案承办人、负责人或法制审核人员可以导出卷宗").WithCode("CASE_NOT_ASSIGNED")
	}
	f := caseFile{r: r, by: p.DisplayName, at: s.Clock.Now()}
	if err := db.Get(ctx, s.DB.R, &f.subject, `SELECT name FROM organizations WHERE id = ?`, r.SubjectOrgID); err != nil {
		return caseFile{}, err
	}
	ps, err := partiesOf(ctx, s.DB.R, []string{id})
	if err != nil {
		return caseFile{}, err
	}
	f.parties = ps[id]
	docs, err := s.Paperwork.ListFor(ctx, id)
	if err != nil {
		return caseFile{}, err
	}
	f.docs = fileOrder(docs)
	if f.evidence, err = evidenceRows(ctx, s.DB.R, id); err != nil {
		return caseFile{}, err
	}
	if f.chain, err = s.verify(ctx, id); err != nil {
		return caseFile{}, err
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionRead, Entity: entityCase, EntityID: r.ID, EntityName: caseLabel(r),
			RegionCode: r.RegionCode, Summary: "导出卷宗（" + strings.ToUpper(format) + "）" + caseLabel(r),
			Detail: map[string]any{"format": format, "documents": len(f.docs), "evidence": len(f.evidence), "disclosed": []string{"case_file"}}})
	})
	return f, err
}

func (f caseFile) cover(pages int) *paper.Doc {
	st := &f.r.State.V
	result := ""
	if st.Decision != nil {
		_, text := penaltiesData(st.Decision.Penalties, nil)
		result = st.Decision.Number + "　" + OutcomeName(st.Decision.Outcome)
		if text != "" {
			result += "：" + text
		}
	}
	var officers []string
	for _, o := range st.Officers {
		officers = append(officers, o.Name)
	}
	closed := ""
	if st.Closed != nil {
		closed = day(st.Closed.Date)
	}
	return &paper.Doc{Issuer: f.subject, Title: "行政处罚案卷", Blocks: []paper.Block{
		{Kind: paper.Blank}, {Kind: paper.Blank},
		{Kind: paper.Row, Cells: []string{"案件编号", f.r.Number}},
		{Kind: paper.Row, Cells: []string{"案由", f.r.Title}},
		{Kind: paper.Row, Cells: []string{"当事人", partyNames(f.parties)}},
		{Kind: paper.Row, Cells: []string{"处理结果", result}},
		{Kind: paper.Row, Cells: []string{"立案日期", day(st.Filed), "结案日期", closed}},
		{Kind: paper.Row, Cells: []string{"承办人", strings.Join(officers, "、")}},
		{Kind: paper.Row, Cells: []string{"承办机构", st.Exercise.HandlingOrgName}},
		{Kind: paper.Row, Cells: []string{"归档日期", day(st.Archived), "本卷页数", strconv.Itoa(pages) + "页"}},
	}}
}

// contents is the table of contents; starts are the first pages of the documents and of the
// evidence list and the closing note, in order.
func (f caseFile) contents(starts []int) *paper.Doc {
	widths := []float64{0.08, 0.62, 0.18, 0.12}
	blocks := []paper.Block{{Kind: paper.Row, Cells: []string{"序号", "文书名称及文号", "日期", "页号"}, Widths: widths}}
	n := 0
	row := func(name, date string) {
		page := ""
		if n < len(starts) {
			page = strconv.Itoa(starts[n])
		}
		n++
		blocks = append(blocks, paper.Block{Kind: paper.Row, Cells: []string{strconv.Itoa(n), name, date, page}, Widths: widths})
	}
	for _, d := range f.docs {
		row(d.Title+" "+d.Number, dateOf(d.IssuedAt))
	}
	row("证据清单（"+strconv.Itoa(len(f.evidence))+"份）", "")
	row("备考表", "")
	return &paper.Doc{Title: "卷内目录", Blocks: blocks}
}

func dateOf(rfc3339 string) string {
	t, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		return rfc3339
	}
	return t.In(shanghai).Format("2006-01-02")
}

var shanghai = time.FixedZone("CST", 8*3600)

func (f caseFile) evidenceList() *paper.Doc {
	widths := []float64{0.08, 0.3, 0.3, 0.32}
	blocks := []paper.Block{{Kind: paper.Row, Cells: []string{"序号", "证据（种类）", "时间、地点、设备", "SM3摘要"}, Widths: widths}}
	for i, e := range f.evidence {
		name := e.Name + "（" + evidenceNames[e.Kind] + "）"
		if e.WithdrawnAt != "" {
			name += "\\n已撤回：" + e.WithdrawReason
		}
		where := dateOf(e.TakenAt) + " " + e.RecordedByName + "拍摄"
		if e.Lat != nil && e.Lng != nil {
			where += fmt.Sprintf("\\n%.6f, %.6f（%s）", *e.Lat, *e.Lng, e.CRS)
		}
		if e.Device != "" {
			where += "\\n" + e.Device
		}
		blocks = append(blocks, paper.Block{Kind: paper.Row, Cells: []string{strconv.Itoa(i + 1), name, where, e.SM3}, Widths: widths})
	}
	if len(f.evidence) == 0 {
		blocks = append(blocks, paper.Block{Kind: paper.Plain, Text: "本案没有登记证据文件。"})
	}
	return &paper.Doc{Title: "证据清单", Blocks: blocks}
}

func (f caseFile) note(pages int) *paper.Doc {
	chain := "全过程记录完整：" + strconv.Itoa(f.chain.Steps) + "项记录、" + strconv.Itoa(f.chain.Evidence) + "份证据逐项核对无误。"
	if !f.chain.OK {
		chain = "全过程记录校验未通过：" + f.chain.Message
	}
	return &paper.Doc{Title: "备考表", Blocks: []paper.Block{
		{Kind: paper.Para, Text: "本卷共有文书" + strconv.Itoa(len(f.docs)) + "件、证据" + strconv.Itoa(len(f.evidence)) + "份，共" + strconv.Itoa(pages) + "页。"},
		{Kind: paper.Para, Text: chain},
		{Kind: paper.Para, Text: "卷内文书为出具时的原件，每件的SM3摘要与出具机关的SM2签名可扫描其二维码核验；证据原件见卷宗电子文件（ZIP）及其清单。"},
		{Kind: paper.Para, Text: "导出人：" + f.by + "　导出时间：" + f.at.In(shanghai).Format("2006-01-02 15:04")},
	}}
}

// pdf lays the case file out: the page numbers of the contents are worked out from the parts'
// page counts before the contents is written.
func (s *Service) caseFilePDF(f caseFile) ([]byte, error) {
	ev, note := f.evidenceList(), f.note(0)
	evPages, err := paper.Pages(ev)
	if err != nil {
		return nil, err
	}
	notePages, err := paper.Pages(note)
	if err != nil {
		return nil, err
	}
	tocPages, err := paper.Pages(f.contents(nil))
	if err != nil {
		return nil, err
	}
	coverPages, err := paper.Pages(f.cover(0))
	if err != nil {
		return nil, err
	}
	pdfs := make([][]byte, len(f.docs))
	page := coverPages + tocPages + 1
	var starts []int
	for i, d := range f.docs {
		file, err := s.Paperwork.Open(d)
		if err != nil {
			return nil, err
		}
		pdfs[i], err = io.ReadAll(file)
		file.Close()
		if err != nil {
			return nil, err
		}
		starts = append(starts, page)
		page += paper.PDFPages(pdfs[i])
	}
	starts = append(starts, page, page+evPages)
	total := page + evPages + notePages - 1
	parts := []paper.Part{{Doc: f.cover(total)}, {Doc: f.contents(starts)}}
	for _, b := range pdfs {
		parts = append(parts, paper.Part{PDF: b})
	}
	parts = append(parts, paper.Part{Doc: ev}, paper.Part{Doc: f.note(total)})
	return paper.Bundle("行政处罚案卷 "+f.r.Number, parts)
}

// ManifestFile is one file of a case file's ZIP.
type ManifestFile struct {
	Path      string `json:"path"`
	Kind      string `json:"kind"` // document | evidence | casefile
	Title     string `json:"title"`
	Number    string `json:"number,omitempty"`
	Size      int64  `json:"size"`
	SM3       string `json:"sm3"`
	SHA256    string `json:"sha256,omitempty"`
	Signature string `json:"signature,omitempty"` // the issuing agency's SM2 signature of the SM3 digest
	KeyID     string `json:"keyId,omitempty"`
	Withdrawn bool   `json:"withdrawn,omitempty"`
}

// Manifest describes a case file's ZIP.
type Manifest struct {
	CaseID     string         `json:"caseId"`
	CaseNumber string         `json:"caseNumber"`
	Title      string         `json:"title"`
	Subject    string         `json:"subject"`
	ExportedAt string         `json:"exportedAt"`
	ExportedBy string         `json:"exportedBy"`
	Record     ChainReport    `json:"record"`
	Files      []ManifestFile `json:"files"`
}

// safeName keeps a file name inside its folder of the archive.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
	if len([]rune(s)) > 80 {
		s = string([]rune(s)[:80])
	}
	return s
}

// writeZip streams the case file's originals, the case file PDF and the manifest.
func (s *Service) writeZip(w io.Writer, f caseFile, casePDF []byte) error {
	z := zip.NewWriter(w)
	m := Manifest{CaseID: f.r.ID, CaseNumber: f.r.Number, Title: f.r.Title, Subject: f.subject,
		ExportedAt: f.at.UTC().Format(time.RFC3339), ExportedBy: f.by, Record: f.chain}
	add := func(name string, method uint16, r io.Reader) error {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: f.at})
		if err != nil {
			return err
		}
		_, err = io.Copy(fw, r)
		return err
	}
	sum := paperDigest(casePDF)
	if err := add("卷宗.pdf", zip.Deflate, strings.NewReader(string(casePDF))); err != nil {
		return err
	}
	m.Files = append(m.Files, ManifestFile{Path: "卷宗.pdf", Kind: "casefile", Title: "行政处罚案卷", Size: int64(len(casePDF)), SM3: sum})
	for i, d := range f.docs {
		name := path.Join("文书", fmt.Sprintf("%02d-%s-%s.pdf", i+1, safeName(d.Title), safeName(d.Number)))
		file, err := s.Paperwork.Open(d)
		if err != nil {
			return err
		}
		err = add(name, zip.Deflate, file)
		file.Close()
		if err != nil {
			return err
		}
		m.Files = append(m.Files, ManifestFile{Path: name, Kind: "document", Title: d.Title, Number: d.Number, Size: d.Size, SM3: d.SM3,
			SHA256: d.SHA256, Signature: d.Signature, KeyID: d.KeyID})
	}
	for i, e := range f.evidence {
		name := path.Join("证据", fmt.Sprintf("%02d-%s", i+1, safeName(e.Name)))
		file, err := s.Blobs.Reader(e.SM3)
		if err != nil {
			return err
		}
		// photos and video are compressed already
		method := zip.Store
		if e.Kind == EvidenceDocument {
			method = zip.Deflate
		}
		err = add(name, method, file)
		file.Close()
		if err != nil {
			return err
		}
		m.Files = append(m.Files, ManifestFile{Path: name, Kind: "evidence", Title: e.Name, Size: e.Size, SM3: e.SM3, SHA256: e.SHA256,
			Withdrawn: e.WithdrawnAt != ""})
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := add("manifest.json", zip.Deflate, strings.NewReader(string(b))); err != nil {
		return err
	}
	return z.Close()
}

// CaseFileQuery chooses the case file's form.
type CaseFileQuery struct {
	Format string `query:"format" enum:"pdf,zip" text:"3"`
}

// handleCaseFile sends a case's file as PDF or as ZIP.
func (s *Service) handleCaseFile(w http.ResponseWriter, r *http.Request) error {
	var q CaseFileQuery
	if err := httpx.DecodeQuery(r, &q); err != nil {
		return err
	}
	if q.Format == "" {
		q.Format = "pdf"
	}
	if !slices.Contains([]string{"pdf", "zip"}, q.Format) {
		return apperr.InvalidField("format", "CASE_FILE_FORMAT", "卷宗格式应为 pdf 或 zip")
	}
	f, err := s.loadCaseFile(r.Context(), httpx.Principal(r), r.PathValue("id"), q.Format)
	if err != nil {
		return err
	}
	pdf, err := s.caseFilePDF(f)
	if err != nil {
		return err
	}
	name := "卷宗 " + f.r.Number
	h := w.Header()
	h.Set("Cache-Control", "private, no-store")
	if q.Format == "pdf" {
		documents.WritePDF(w, name+".pdf", pdf)
		return nil
	}
	h.Set("Content-Type", "application/zip")
	h.Set("Content-Disposition", `attachment; filename="casefile.zip"; filename*=UTF-8''`+url.PathEscape(name+".zip"))
	return s.writeZip(w, f, pdf)
}

// paperDigest is the SM3 digest of a file in hex.
func paperDigest(b []byte) string {
	h := sm3.Sum(b)
	return hex.EncodeToString(h[:])
}
