package documents

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io"
	"net/http"
	"sync"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
)

// The seal (印章) printed over the issuing body and date of a document: a PNG with a transparent
// background, one per agency, set by the jurisdiction's administrator. Without one the document
// prints the body's name and date only, to be stamped on paper.

const (
	maxSealBytes = 1 << 20
	minSealSide  = 100
	maxSealSide  = 2000
)

// SealInfo is an agency's seal as the console shows it.
type SealInfo struct {
	OrgID      string `db:"org_id" json:"orgId"`
	SM3        string `db:"sm3" json:"sm3"`
	UploadedBy string `db:"uploaded_by" json:"uploadedBy"`
	UploadedAt string `db:"uploaded_at" json:"uploadedAt"`
}

// orgIn reads an organisation inside the caller's jurisdiction.
func orgIn(ctx context.Context, c db.Conn, p *access.Principal, orgID string) (string, error) {
	var o struct {
		Name   string `db:"name"`
		Region string `db:"region_code"`
	}
	err := db.Get(ctx, c, &o, `SELECT name, region_code FROM organizations WHERE id = ?`, orgID)
	if db.IsNoRows(err) || (err == nil && !p.Scope().Contains(o.Region)) {
		return "", apperr.NotFound("机构")
	}
	return o.Name, err
}

// SetSeal sets an agency's seal from a PNG sent as the request body: at most 1 MB, 100 to 2000
// pixels on each side.
func (s *Service) SetSeal(ctx context.Context, p *access.Principal, orgID string, _ struct{}, body io.Reader) (SealInfo, error) {
	if !p.Can(access.CaseSettings) {
		return SealInfo{}, apperr.Forbidden("没有设置机关印章的权限")
	}
	name, err := orgIn(ctx, s.DB.R, p, orgID)
	if err != nil {
		return SealInfo{}, err
	}
	b, err := io.ReadAll(io.LimitReader(body, maxSealBytes+1))
	if err != nil {
		return SealInfo{}, apperr.Invalid("DOCUMENT_SEAL_INVALID", "印章图片未能完整接收")
	}
	if len(b) > maxSealBytes {
		return SealInfo{}, apperr.Invalid("DOCUMENT_SEAL_INVALID", "印章图片不能超过1MB")
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width < minSealSide || cfg.Height < minSealSide || cfg.Width > maxSealSide || cfg.Height > maxSealSide {
		return SealInfo{}, apperr.Invalid("DOCUMENT_SEAL_INVALID", "印章应为透明底的PNG图片，边长100至2000像素")
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		return SealInfo{}, apperr.Invalid("DOCUMENT_SEAL_INVALID", "印章图片无法读取")
	}
	stored, err := s.Blobs.Put(bytes.NewReader(b), maxSealBytes, nil)
	if err != nil {
		return SealInfo{}, err
	}
	info := SealInfo{OrgID: orgID, SM3: stored.SM3, UploadedBy: p.DisplayName, UploadedAt: s.Clock.Now().UTC().Format("2006-01-02T15:04:05Z")}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `INSERT INTO document_seals (org_id, sm3, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (org_id) DO UPDATE SET sm3 = excluded.sm3, uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at`,
			orgID, info.SM3, info.UploadedBy, info.UploadedAt); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityTemplate, EntityID: "seal/" + orgID,
			EntityName: name + "印章", Summary: "设置" + name + "的文书印章图片（SM3 " + info.SM3[:16] + "…）"})
	})
	if err != nil {
		return SealInfo{}, err
	}
	return info, nil
}

// sealCache keeps decoded seals by their digest.
var sealCache sync.Map

// seal returns an agency's seal image, or nil when it has none.
func (s *Service) seal(ctx context.Context, c db.Conn, orgID string) (image.Image, error) {
	var sum string
	err := db.Get(ctx, c, &sum, `SELECT sm3 FROM document_seals WHERE org_id = ?`, orgID)
	if db.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if img, ok := sealCache.Load(sum); ok {
		return img.(image.Image), nil
	}
	f, err := s.Blobs.Reader(sum)
	if err != nil {
		return nil, apperr.Conflict("DOCUMENT_SEAL_MISSING", "机关印章图片不在存储中，请重新上传")
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, err
	}
	sealCache.Store(sum, img)
	return img, nil
}

// handleSeal sends an agency's seal image.
func (s *Service) handleSeal(w http.ResponseWriter, r *http.Request) error {
	p := httpx.Principal(r)
	orgID := r.PathValue("orgId")
	if _, err := orgIn(r.Context(), s.DB.R, p, orgID); err != nil {
		return err
	}
	var sum string
	err := db.Get(r.Context(), s.DB.R, &sum, `SELECT sm3 FROM document_seals WHERE org_id = ?`, orgID)
	if db.IsNoRows(err) {
		return apperr.Conflict("DOCUMENT_SEAL_NONE", "该机关尚未设置印章，文书只打印机关名称与日期")
	}
	if err != nil {
		return err
	}
	f, err := s.Blobs.Reader(sum)
	if err != nil {
		return apperr.Conflict("DOCUMENT_SEAL_MISSING", "机关印章图片不在存储中，请重新上传")
	}
	defer f.Close()
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = io.Copy(w, f)
	return err
}
