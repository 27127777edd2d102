package cases

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
)

// Evidence uploaded in pieces (断点续传): a video from a phone on a weak connection is announced
// with its size and description, sent in pieces of at most MaxPiece bytes at the offset the server
// has reached, and registered when complete. After a dropped connection the client asks how much
// arrived and goes on from there.

// MaxPiece bounds one piece of an upload.
const MaxPiece = 16 << 20

// UploadKeptFor is how long an upload not completed is kept before its pieces are removed.
const UploadKeptFor = 7 * 24 * time.Hour

// UploadInput announces an upload: the file's size and what travels with it.
type UploadInput struct {
	EvidenceInput
	Size int64 `json:"size"`
}

// Upload is an upload in progress: how much of the file has arrived.
type Upload struct {
	ID       string `json:"id"`
	CaseID   string `json:"caseId"`
	Size     int64  `json:"size"`
	Received int64  `json:"received"`
	MaxPiece int64  `json:"maxPiece"`
}

type uploadRow struct {
	ID        string `db:"id"`
	CaseID    string `db:"case_id"`
	AccountID string `db:"account_id"`
	Meta      string `db:"meta"`
	Size      int64  `db:"size"`
	Received  int64  `db:"received"`
	CreatedAt string `db:"created_at"`
}

func (u uploadRow) view() Upload {
	return Upload{ID: u.ID, CaseID: u.CaseID, Size: u.Size, Received: u.Received, MaxPiece: MaxPiece}
}

// uploadLocks serialises the pieces of one upload within the process.
var uploadLocks sync.Map

func lockUpload(id string) func() {
	m, _ := uploadLocks.LoadOrStore(id, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

// StartUpload announces an upload of evidence to a case: checked like a file sent whole (who, which
// case, what travels with it) and against the size limit before any byte is sent.
func (s *Service) StartUpload(ctx context.Context, p *access.Principal, id string, in UploadInput) (Upload, error) {
	pre, err := s.prepareEvidence(ctx, p, id, &in.EvidenceInput)
	if err != nil {
		return Upload{}, err
	}
	if in.Size <= 0 {
		return Upload{}, apperr.InvalidField("size", "EVIDENCE_EMPTY", "文件为空")
	}
	if in.Size > pre.max {
		return Upload{}, tooLarge(in.Kind, pre.max)
	}
	if err := s.purgeUploads(ctx); err != nil {
		return Upload{}, err
	}
	meta, err := json.Marshal(in.EvidenceInput)
	if err != nil {
		return Upload{}, apperr.Internal(err)
	}
	u := uploadRow{ID: ids.New(), CaseID: pre.r.ID, AccountID: p.AccountID, Meta: string(meta), Size: in.Size, CreatedAt: clock.Stamp(s.Clock.Now())}
	path, err := s.Blobs.Part(u.ID)
	if err != nil {
		return Upload{}, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return Upload{}, err
	}
	f.Close()
	if _, err := db.Exec(ctx, s.DB.W, `INSERT INTO case_evidence_uploads (id, case_id, account_id, meta, size, received, created_at)
		VALUES (?, ?, ?, ?, ?, 0, ?)`, u.ID, u.CaseID, u.AccountID, u.Meta, u.Size, u.CreatedAt); err != nil {
		os.Remove(path)
		return Upload{}, err
	}
	return u.view(), nil
}

// upload finds an upload of a case the caller sees and handles.
func (s *Service) upload(ctx context.Context, p *access.Principal, id string) (uploadRow, row, error) {
	var u uploadRow
	err := db.Get(ctx, s.DB.R, &u, `SELECT id, case_id, account_id, meta, size, received, created_at FROM case_evidence_uploads WHERE id = ?`, id)
	if db.IsNoRows(err) {
		return u, row{}, apperr.NotFound("上传")
	}
	if err != nil {
		return u, row{}, err
	}
	r, err := getRow(ctx, s.DB.R, p, u.CaseID)
	if err != nil {
		return u, row{}, apperr.NotFound("上传")
	}
	if !p.Can(access.CaseHandle) {
		return u, row{}, apperr.Forbidden("没有登记证据的权限")
	}
	if !r.State.V.hasOfficer(p.PersonID, s.today()) {
		return u, row{}, apperr.Forbidden("只有本案承办人可以登记证据").WithCode("CASE_NOT_ASSIGNED")
	}
	return u, r, nil
}

// GetUpload tells how much of an upload has arrived.
func (s *Service) GetUpload(ctx context.Context, p *access.Principal, id string) (Upload, error) {
	u, _, err := s.upload(ctx, p, id)
	return u.view(), err
}

// PieceQuery names where a piece belongs.
type PieceQuery struct {
	Offset int64 `query:"offset" doc:"本段在文件中的起始字节，应等于已收到的字节数"`
}

// PutPiece appends a piece at the offset the upload has reached; a piece at another offset is
// refused with how much has arrived, so that the client can go on from there. The first piece
// must show the file's kind.
func (s *Service) PutPiece(ctx context.Context, p *access.Principal, id string, q PieceQuery, body io.Reader) (Upload, error) {
	unlock := lockUpload(id)
	defer unlock()
	u, _, err := s.upload(ctx, p, id)
	if err != nil {
		return Upload{}, err
	}
	if q.Offset != u.Received {
		return u.view(), apperr.Conflict("EVIDENCE_UPLOAD_OFFSET", fmt.Sprintf("已收到%d字节，请从该处继续上传", u.Received))
	}
	var meta EvidenceInput
	if err := json.Unmarshal([]byte(u.Meta), &meta); err != nil {
		return Upload{}, err
	}
	room := min(int64(MaxPiece), u.Size-u.Received)
	path, err := s.Blobs.Part(u.ID)
	if err != nil {
		return Upload{}, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o640)
	if err != nil {
		return Upload{}, err
	}
	defer f.Close()
	// What a dropped connection left past the received mark is discarded.
	if err := f.Truncate(u.Received); err != nil {
		return Upload{}, err
	}
	if _, err := f.Seek(u.Received, io.SeekStart); err != nil {
		return Upload{}, err
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(io.LimitReader(body, room+1), head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return Upload{}, err
	}
	if u.Received == 0 {
		if err := typeCheck(meta.Kind)(http.DetectContentType(head[:n])); err != nil {
			return Upload{}, err
		}
	}
	if _, err := f.Write(head[:n]); err != nil {
		return Upload{}, err
	}
	written, err := io.Copy(f, io.LimitReader(body, room+1-int64(n)))
	if err != nil {
		f.Truncate(u.Received)
		return Upload{}, err
	}
	got := int64(n) + written
	if got > room {
		f.Truncate(u.Received)
		return Upload{}, &apperr.Error{Kind: apperr.KindTooLarge, Code: "EVIDENCE_PIECE_TOO_LARGE", Field: "file",
			Message: fmt.Sprintf("本段超出文件的剩余部分或单段上限（%dMB）", MaxPiece>>20)}
	}
	if err := f.Sync(); err != nil {
		return Upload{}, err
	}
	u.Received += got
	if _, err := db.Exec(ctx, s.DB.W, `UPDATE case_evidence_uploads SET received = ? WHERE id = ?`, u.Received, u.ID); err != nil {
		return Upload{}, err
	}
	return u.view(), nil
}

// CompleteUpload registers a completely received upload as evidence, as a file sent whole is.
func (s *Service) CompleteUpload(ctx context.Context, p *access.Principal, id string) (Evidence, error) {
	unlock := lockUpload(id)
	defer unlock()
	u, _, err := s.upload(ctx, p, id)
	if err != nil {
		return Evidence{}, err
	}
	if u.Received != u.Size {
		return Evidence{}, apperr.Conflict("EVIDENCE_UPLOAD_INCOMPLETE", fmt.Sprintf("文件共%d字节，已收到%d字节，请继续上传", u.Size, u.Received))
	}
	var in EvidenceInput
	if err := json.Unmarshal([]byte(u.Meta), &in); err != nil {
		return Evidence{}, err
	}
	pre, err := s.prepareEvidence(ctx, p, u.CaseID, &in)
	if err != nil {
		return Evidence{}, err
	}
	path, err := s.Blobs.Part(u.ID)
	if err != nil {
		return Evidence{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return Evidence{}, err
	}
	stored, err := s.storeEvidence(f, pre.max, in.Kind)
	f.Close()
	if err != nil {
		return Evidence{}, err
	}
	ev, err := s.registerEvidence(ctx, p, pre, in, stored)
	if err != nil {
		return Evidence{}, err
	}
	if _, err := db.Exec(ctx, s.DB.W, `DELETE FROM case_evidence_uploads WHERE id = ?`, u.ID); err != nil {
		return Evidence{}, err
	}
	s.Blobs.RemovePart(u.ID)
	uploadLocks.Delete(u.ID)
	return ev, nil
}

// purgeUploads removes the uploads not completed within UploadKeptFor, rows and pieces.
func (s *Service) purgeUploads(ctx context.Context) error {
	var old []string
	before := clock.Stamp(s.Clock.Now().Add(-UploadKeptFor))
	if err := db.Select(ctx, s.DB.R, &old, `SELECT id FROM case_evidence_uploads WHERE created_at < ?`, before); err != nil {
		return err
	}
	for _, id := range old {
		if _, err := db.Exec(ctx, s.DB.W, `DELETE FROM case_evidence_uploads WHERE id = ?`, id); err != nil {
			return err
		}
		s.Blobs.RemovePart(id)
		uploadLocks.Delete(id)
	}
	return nil
}
