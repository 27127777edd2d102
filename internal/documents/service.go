package documents

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/emmansun/gmsm/sm3"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/blob"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/paper"
	"zhifa/internal/platform/secret"
)

// Service makes, keeps and verifies documents.
type Service struct {
	DB    *db.DB
	Audit *audit.Log
	Clock clock.Clock
	Box   *secret.Box
	// Blobs keeps the PDFs by their SM3 digest (the evidence store).
	Blobs *blob.Store
	// PublicURL is the address of the portal the QR codes lead to ("" prints a path only).
	PublicURL string
	// Sample gives the data of a made-up case for a kind, for template previews and checks.
	Sample func(kind string) map[string]any
	// RegionNames names regions, for the source of a template.
	RegionNames func(ctx context.Context, c db.Conn, codes []string) (map[string]string, error)

	checks     *httpx.Throttle // presented files per caller address
	checksOnce sync.Once
}

// Facts are what the public verification page shows of a document: nothing a party would not
// want a stranger holding the QR code to read (the party's name masked, no identity number).
type Facts struct {
	Kind       string `json:"kind"`
	Title      string `json:"title"`
	Number     string `json:"number"`
	Issuer     string `json:"issuer"`
	Date       string `json:"date"`
	CaseNumber string `json:"caseNumber"`
	Party      string `json:"party"`             // masked: 王某、阳谷某某建材有限公司
	Summary    string `json:"summary,omitempty"` // e.g. 罚款人民币5000元
}

// Request is a document to make for a case.
type Request struct {
	CaseID      string
	CaseNumber  string
	RegionCode  string
	IssuerOrgID string
	Issuer      string // the body in whose name the document is made
	Kind        string
	Ref         string
	Number      string // the document's own number where the procedure gave one (告知书、决定书); else the case's number 之N
	Date        string // printed in the 落款
	Data        map[string]any
	Signatures  map[string]image.Image
	Facts       Facts
	seal        image.Image
}

// pdfLimit bounds a presented PDF and a rendered one.
const pdfLimit = 20 << 20

// verifyPath is where a document's QR code leads.
func (s *Service) verifyURL(id string) string {
	return strings.TrimRight(s.PublicURL, "/") + "/portal/verify/" + id
}

// template returns the template in force for a request's region.
func (s *Service) template(ctx context.Context, c db.Conn, kind, regionCode string) (Template, error) {
	return current(ctx, c, kind, regionCode, func(codes []string) map[string]string {
		if s.RegionNames == nil {
			return nil
		}
		n, _ := s.RegionNames(ctx, c, codes)
		return n
	})
}

// render makes the PDF of a request with a template.
func (s *Service) render(t Template, req Request, id, watermark string) ([]byte, int, error) {
	blocks, err := execute(t, req.Data)
	if err != nil {
		return nil, 0, err
	}
	d := &paper.Doc{Issuer: req.Issuer, Title: t.Title, Number: req.Number, Blocks: blocks, Date: req.Date,
		Signatures: req.Signatures, Footer: req.Number, Watermark: watermark, Seal: req.seal}
	if id != "" {
		d.QR, d.QRCaption = s.verifyURL(id), "扫码核验真伪"
	}
	pdf, err := paper.Render(d)
	var ge *paper.GlyphError
	if errors.As(err, &ge) {
		return nil, 0, apperr.Invalid("DOCUMENT_GLYPH_MISSING", ge.Error()+"；请核对所录文字")
	}
	if err != nil {
		return nil, 0, err
	}
	return pdf, paper.PDFPages(pdf), nil
}

// Preview renders a document as it would be issued, marked 预览, without a number of its own,
// a QR code or a signature; nothing is kept.
func (s *Service) Preview(ctx context.Context, req Request) ([]byte, error) {
	t, err := s.template(ctx, s.DB.R, req.Kind, req.RegionCode)
	if err != nil {
		return nil, err
	}
	if req.Number == "" {
		req.Number = req.CaseNumber + "之（待编号）"
	}
	if req.seal, err = s.seal(ctx, s.DB.R, req.IssuerOrgID); err != nil {
		return nil, err
	}
	pdf, _, err := s.render(t, req, "", "预 览")
	return pdf, err
}

// Issue makes a document in the caller's transaction: numbers it, renders it with the QR code of
// its verification page, stores the PDF by its SM3 digest, signs the digest with the issuing
// agency's SM2 key and records it. The caller records the step that issued it.
func (s *Service) Issue(ctx context.Context, tx *db.Tx, p *access.Principal, req Request) (Document, error) {
	if s.Blobs == nil {
		return Document{}, apperr.Internal(errors.New("document store not configured"))
	}
	key, keyID, err := s.signer(ctx, tx, req.IssuerOrgID, req.Issuer)
	if err != nil {
		return Document{}, err
	}
	t, err := s.template(ctx, tx, req.Kind, req.RegionCode)
	if err != nil {
		return Document{}, err
	}
	if req.Number == "" {
		var n int
		if err := db.Get(ctx, tx, &n, `SELECT COUNT(*) FROM documents WHERE case_id = ? AND number LIKE ?`, req.CaseID, req.CaseNumber+"之%"); err != nil {
			return Document{}, err
		}
		req.Number = fmt.Sprintf("%s之%d", req.CaseNumber, n+1)
	}
	if req.seal, err = s.seal(ctx, tx, req.IssuerOrgID); err != nil {
		return Document{}, err
	}
	id := ids.New()
	pdf, pages, err := s.render(t, req, id, "")
	if err != nil {
		return Document{}, err
	}
	stored, err := s.Blobs.Put(bytes.NewReader(pdf), pdfLimit, nil)
	if err != nil {
		return Document{}, err
	}
	sig, err := sign(key, stored.SM3)
	if err != nil {
		return Document{}, err
	}
	req.Facts.Number, req.Facts.Issuer, req.Facts.Title = req.Number, req.Issuer, t.Title
	facts, err := json.Marshal(req.Facts)
	if err != nil {
		return Document{}, err
	}
	source := t.Source
	d := Document{ID: id, CaseID: req.CaseID, RegionCode: req.RegionCode, IssuerOrgID: req.IssuerOrgID, Issuer: req.Issuer, Kind: req.Kind,
		Title: t.Title, Number: req.Number, Ref: req.Ref, Template: source, SM3: stored.SM3, SHA256: stored.SHA256, Size: stored.Size,
		Signature: sig, KeyID: keyID, Facts: string(facts), Pages: pages, IssuedAt: s.Clock.Now().UTC().Format(time.RFC3339),
		IssuedBy: p.AccountID, IssuerName: p.DisplayName}
	if _, err := db.Exec(ctx, tx, `INSERT INTO documents (id, case_id, region_code, issuer_org_id, issuer, kind, title, number, ref,
		template, sm3, sha256, size, signature, key_id, facts, pages, issued_at, issued_by, issued_by_name)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.CaseID, d.RegionCode, d.IssuerOrgID, d.Issuer, d.Kind,
		d.Title, d.Number, d.Ref, d.Template, d.SM3, d.SHA256, d.Size, d.Signature, d.KeyID, d.Facts, d.Pages, d.IssuedAt, d.IssuedBy,
		d.IssuerName); err != nil {
		return Document{}, err
	}
	return d, nil
}

const documentColumns = `id, case_id, region_code, issuer_org_id, issuer, kind, title, number, ref, template, sm3, sha256, size,
	signature, key_id, facts, pages, issued_at, issued_by, issued_by_name, served_at, served_to, served_address`

// ListFor lists a case's documents in the order they were issued; the caller has checked that the
// case is visible.
func (s *Service) ListFor(ctx context.Context, caseID string) ([]Document, error) {
	out := []Document{}
	err := db.Select(ctx, s.DB.R, &out, `SELECT `+documentColumns+` FROM documents WHERE case_id = ? ORDER BY issued_at, number`, caseID)
	return out, err
}

// Get returns one document of a case.
func (s *Service) Get(ctx context.Context, c db.Conn, caseID, id string) (Document, error) {
	var d Document
	if err := db.Get(ctx, c, &d, `SELECT `+documentColumns+` FROM documents WHERE id = ? AND case_id = ?`, id, caseID); err != nil {
		if db.IsNoRows(err) {
			return Document{}, apperr.NotFound("文书")
		}
		return Document{}, err
	}
	return d, nil
}

// Open returns a document's PDF; the caller has checked the case and audits the disclosure.
func (s *Service) Open(d Document) (*os.File, error) {
	f, err := s.Blobs.Reader(d.SM3)
	if errors.Is(err, fs.ErrNotExist) || apperr.Is(err, "NOT_FOUND") {
		return nil, apperr.Conflict("DOCUMENT_FILE_MISSING", "文书 "+d.Number+" 的PDF文件不在存储中（SM3 "+d.SM3[:16]+"…），请运维人员从备份恢复")
	}
	return f, err
}

// RecordService records the electronic service of a document in the caller's transaction.
func (s *Service) RecordService(ctx context.Context, tx *db.Tx, d Document, to, address string, at time.Time) error {
	_, err := db.Exec(ctx, tx, `UPDATE documents SET served_at = ?, served_to = ?, served_address = ? WHERE id = ?`,
		at.UTC().Format(time.RFC3339), to, address, d.ID)
	return err
}

// Public is what anyone holding a document's QR code reads.
type Public struct {
	ID        string `json:"id"`
	Facts     Facts  `json:"facts"`
	IssuedAt  string `json:"issuedAt"`
	Pages     int    `json:"pages"`
	SM3       string `json:"sm3"`
	KeyID     string `json:"keyId"`
	PublicKey string `json:"publicKey"`
	Signature string `json:"signature"`
	// SignatureValid: the recorded digest verifies with the agency's public key.
	SignatureValid bool `json:"signatureValid"`
}

func (s *Service) public(ctx context.Context, id string) (Public, error) {
	var d Document
	if len(id) > 64 {
		return Public{}, apperr.NotFound("文书")
	}
	if err := db.Get(ctx, s.DB.R, &d, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, id); err != nil {
		if db.IsNoRows(err) {
			return Public{}, apperr.NotFound("文书").WithCode("DOCUMENT_NOT_FOUND")
		}
		return Public{}, err
	}
	var pub string
	if err := db.Get(ctx, s.DB.R, &pub, `SELECT public_key FROM document_public_keys WHERE key_id = ?`, d.KeyID); err != nil && !db.IsNoRows(err) {
		return Public{}, err
	}
	out := Public{ID: d.ID, IssuedAt: d.IssuedAt, Pages: d.Pages, SM3: d.SM3, KeyID: d.KeyID, PublicKey: pub, Signature: d.Signature}
	if err := json.Unmarshal([]byte(d.Facts), &out.Facts); err != nil {
		return Public{}, err
	}
	out.SignatureValid = pub != "" && verifySignature(pub, d.SM3, d.Signature) == nil
	return out, nil
}

// PublicGet shows the key facts of a document to whoever holds its QR code.
func (s *Service) PublicGet(ctx context.Context, _ *access.Principal, id string) (Public, error) {
	return s.public(ctx, id)
}

// Check is the answer to a presented PDF.
type Check struct {
	Public
	PresentedSM3 string `json:"presentedSm3"`
	Matches      bool   `json:"matches"`
}

// digestOf hashes a presented file with SM3, within the size a document can have.
func digestOf(body io.Reader) (string, error) {
	h := sm3.New()
	n, err := io.Copy(h, io.LimitReader(body, pdfLimit+1))
	if err != nil {
		return "", apperr.Invalid("DOCUMENT_UPLOAD_FAILED", "文件未能完整接收，请重新选择文件")
	}
	if n > pdfLimit {
		return "", apperr.Invalid("DOCUMENT_TOO_LARGE", "文件超过20MB，不是本平台出具的文书")
	}
	if n == 0 {
		return "", apperr.Invalid("DOCUMENT_EMPTY", "请选择要核验的PDF文件")
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

// PublicFind finds the document a presented PDF is, by its SM3 digest, for whoever holds a copy
// whose QR code cannot be read; a file the platform did not issue, or altered, matches none.
func (s *Service) PublicFind(w http.ResponseWriter, r *http.Request) error {
	got, err := digestOf(r.Body)
	if err != nil {
		return err
	}
	var id string
	if err := db.Get(r.Context(), s.DB.R, &id, `SELECT id FROM documents WHERE sm3 = ? ORDER BY issued_at LIMIT 1`, got); err != nil {
		if db.IsNoRows(err) {
			return apperr.Invalid("DOCUMENT_NOT_ISSUED", "本平台没有出具与该文件一致的文书：文件可能被改动，或不是本平台出具的（SM3摘要 "+got[:16]+"…）")
		}
		return err
	}
	pub, err := s.public(r.Context(), id)
	if err != nil {
		return err
	}
	if !pub.SignatureValid {
		return apperr.Invalid("DOCUMENT_SIGNATURE_INVALID", "该文书的电子签名无法用出具机关的公钥验证，请向出具机关核实")
	}
	return httpx.OK(w, Check{Public: pub, PresentedSM3: got, Matches: true})
}

// PublicCheck compares a presented PDF with the document the QR code names: the same SM3 digest
// as the one recorded and signed, and a signature that verifies with the agency's public key.
// Any difference is refused with its reason; nothing is kept of the presented file.
func (s *Service) PublicCheck(ctx context.Context, _ *access.Principal, id string, _ struct{}, body io.Reader) (Check, error) {
	pub, err := s.public(ctx, id)
	if err != nil {
		return Check{}, err
	}
	got, err := digestOf(body)
	if err != nil {
		return Check{}, err
	}
	if !pub.SignatureValid {
		return Check{}, apperr.Invalid("DOCUMENT_SIGNATURE_INVALID", "该文书的电子签名无法用出具机关的公钥验证，请向出具机关核实")
	}
	if got != pub.SM3 {
		return Check{}, apperr.Invalid("DOCUMENT_ALTERED", "所出示的文件与"+pub.Facts.Issuer+"出具的"+pub.Facts.Title+"（"+pub.Facts.Number+
			"）不一致：文件已被改动或不是该文书（SM3摘要 "+got[:16]+"…，应为 "+pub.SM3[:16]+"…）")
	}
	return Check{Public: pub, PresentedSM3: got, Matches: true}, nil
}
