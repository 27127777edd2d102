package cases

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/blob"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/settings"
)

// Evidence kinds (证据种类 as the record takes them: 行政处罚法 第四十六条).
const (
	EvidencePhoto    = "photo"    // 照片（现场照片）
	EvidenceAudio    = "audio"    // 录音（视听资料）
	EvidenceVideo    = "video"    // 录像（视听资料）
	EvidenceBodycam  = "bodycam"  // 执法记录仪视频
	EvidenceDocument = "document" // 书证、电子数据（PDF、扫描件）
)

var evidenceNames = map[string]string{EvidencePhoto: "照片", EvidenceAudio: "录音", EvidenceVideo: "录像",
	EvidenceBodycam: "执法记录仪视频", EvidenceDocument: "书证、电子数据"}

// evidenceTypes are the content types the first bytes of a file of each kind may show.
var evidenceTypes = map[string][]string{
	EvidencePhoto:    {"image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp"},
	EvidenceAudio:    {"audio/", "video/mp4", "video/webm", "application/ogg"},
	EvidenceVideo:    {"video/", "application/ogg"},
	EvidenceBodycam:  {"video/", "application/ogg"},
	EvidenceDocument: {"application/pdf", "image/jpeg", "image/png", "text/plain"},
}

// Coordinate systems a location may be given in (GB/T 18522 and the web maps' own).
var coordinateSystems = map[string]string{"WGS-84": "WGS-84（卫星定位）", "GCJ-02": "GCJ-02（国测局）", "BD-09": "BD-09（百度）", "CGCS2000": "CGCS2000（国家大地坐标系）"}

// Evidence is one registered evidence file: what it is, its digests, when and where it was
// recorded and by whom, on what device, who registered it, and whether it was withdrawn.
type Evidence struct {
	ID             string   `json:"id" db:"id"`
	CaseID         string   `json:"caseId" db:"case_id"`
	StepID         string   `json:"stepId" db:"step_id"`
	Kind           string   `json:"kind" db:"kind"`
	Name           string   `json:"name" db:"name"`
	MIME           string   `json:"mime" db:"mime"`
	Size           int64    `json:"size" db:"size"`
	SM3            string   `json:"sm3" db:"sm3"`
	SHA256         string   `json:"sha256" db:"sha256"`
	TakenAt        string   `json:"takenAt" db:"taken_at"`
	RecordedBy     string   `json:"recordedBy" db:"recorded_by"`
	RecordedByName string   `json:"recordedByName" db:"recorded_by_name"`
	Lat            *float64 `json:"lat,omitempty" db:"lat"`
	Lng            *float64 `json:"lng,omitempty" db:"lng"`
	CRS            string   `json:"crs,omitempty" db:"crs"`
	AccuracyM      *float64 `json:"accuracyM,omitempty" db:"accuracy_m"`
	Device         string   `json:"device,omitempty" db:"device"`
	Note           string   `json:"note,omitempty" db:"note"`
	UploadedBy     string   `json:"uploadedBy" db:"uploaded_by"`
	UploadedByName string   `json:"uploadedByName" db:"uploaded_by_name"`
	UploadedAt     string   `json:"uploadedAt" db:"uploaded_at"`
	WithdrawnAt    string   `json:"withdrawnAt,omitempty" db:"withdrawn_at"`
	WithdrawnBy    string   `json:"withdrawnBy,omitempty" db:"withdrawn_by"`
	WithdrawReason string   `json:"withdrawReason,omitempty" db:"withdraw_reason"`
}

type evidenceRow = Evidence

const evidenceColumns = `id, case_id, step_id, kind, name, mime, size, sm3, sha256, taken_at, recorded_by, recorded_by_name,
	lat, lng, crs, accuracy_m, device, note, uploaded_by, uploaded_by_name, uploaded_at, withdrawn_at, withdrawn_by, withdraw_reason`

func evidenceRows(ctx context.Context, c db.Conn, caseID string) ([]Evidence, error) {
	var out []Evidence
	err := db.Select(ctx, c, &out, `SELECT `+evidenceColumns+` FROM case_evidence WHERE case_id = ? ORDER BY uploaded_at, id`, caseID)
	return out, err
}

// EvidenceInput is what travels with an evidence file (in the query string when the body is the
// file; as JSON when an upload in pieces is announced).
type EvidenceInput struct {
	Kind       string   `json:"kind" query:"kind" text:"20" doc:"photo 照片、audio 录音、video 录像、bodycam 执法记录仪视频、document 书证电子数据"`
	Name       string   `json:"name" query:"name" text:"200" doc:"文件名"`
	TakenAt    string   `json:"takenAt" query:"takenAt" text:"40" doc:"拍摄、录制时间（RFC 3339，带时区）"`
	RecordedBy string   `json:"recordedBy,omitempty" query:"recordedBy" text:"64" doc:"拍摄、录制的执法人员（人员 id），默认本人"`
	Lat        *float64 `json:"lat,omitempty" query:"lat" doc:"纬度"`
	Lng        *float64 `json:"lng,omitempty" query:"lng" doc:"经度"`
	CRS        string   `json:"crs,omitempty" query:"crs" text:"10" doc:"坐标系：WGS-84、GCJ-02、BD-09、CGCS2000"`
	AccuracyM  *float64 `json:"accuracy,omitempty" query:"accuracy" doc:"定位精度（米）"`
	Device     string   `json:"device,omitempty" query:"device" text:"100" doc:"设备（如执法记录仪编号）"`
	Note       string   `json:"note,omitempty" query:"note" text:"1000,multiline" doc:"说明"`
}

// EvidenceLimits are the largest files a jurisdiction accepts, by kind, in megabytes.
type EvidenceLimits struct {
	PhotoMB    int `json:"photoMB" required:"true"`
	AudioMB    int `json:"audioMB" required:"true"`
	VideoMB    int `json:"videoMB" required:"true"`
	DocumentMB int `json:"documentMB" required:"true"`
}

// EvidenceSettingKey names the kind of setting of the evidence limits.
const EvidenceSettingKey = "cases.evidence"

// EvidenceSetting is the kind of setting of the evidence file limits: those who set the case
// limits (case.settings) set them; whoever reads cases reads them.
var EvidenceSetting = settings.Define(settings.Kind{
	Key: EvidenceSettingKey, Name: "证据文件限制", Description: "各类证据文件的大小上限；执法记录仪视频按录像的上限",
	Read: access.CaseRead, Write: access.CaseSettings,
	Fields: []settings.Field{
		{Name: "photoMB", Label: "照片不超过", Type: settings.Integer, Unit: "MB", Min: 1, Max: 200},
		{Name: "audioMB", Label: "录音不超过", Type: settings.Integer, Unit: "MB", Min: 1, Max: 2048},
		{Name: "videoMB", Label: "录像不超过", Type: settings.Integer, Unit: "MB", Min: 1, Max: 20480},
		{Name: "documentMB", Label: "书证、电子数据不超过", Type: settings.Integer, Unit: "MB", Min: 1, Max: 1024},
	},
	NationalBasis: "平台默认值",
}, EvidenceLimits{PhotoMB: 30, AudioMB: 500, VideoMB: 4096, DocumentMB: 100}, nil)

func (l EvidenceLimits) bytes(kind string) int64 {
	mb := l.DocumentMB
	switch kind {
	case EvidencePhoto:
		mb = l.PhotoMB
	case EvidenceAudio:
		mb = l.AudioMB
	case EvidenceVideo, EvidenceBodycam:
		mb = l.VideoMB
	}
	return int64(mb) << 20
}

// checkEvidence validates what travels with a file and normalises it.
func checkEvidence(in *EvidenceInput, now time.Time) (time.Time, error) {
	in.Kind, in.Name, in.CRS = strings.TrimSpace(in.Kind), strings.TrimSpace(in.Name), strings.TrimSpace(in.CRS)
	in.Device, in.Note = strings.TrimSpace(in.Device), strings.TrimSpace(in.Note)
	if evidenceNames[in.Kind] == "" {
		return time.Time{}, apperr.InvalidField("kind", "EVIDENCE_KIND_UNKNOWN", "证据种类应为 photo、audio、video、bodycam 或 document")
	}
	if in.Name == "" || utf8.RuneCountInString(in.Name) > 200 || strings.ContainsAny(in.Name, "/\\\x00") {
		return time.Time{}, apperr.InvalidField("name", "EVIDENCE_NAME_INVALID", "请给出文件名（不超过200个字，不含路径）")
	}
	if utf8.RuneCountInString(in.Device) > 100 || utf8.RuneCountInString(in.Note) > 1000 {
		return time.Time{}, apperr.InvalidField("note", "EVIDENCE_TEXT_TOO_LONG", "设备不超过100个字，说明不超过1000个字")
	}
	taken, err := time.Parse(time.RFC3339, strings.TrimSpace(in.TakenAt))
	if err != nil {
		return time.Time{}, apperr.InvalidField("takenAt", "EVIDENCE_TIME_INVALID", "拍摄、录制时间应为带时区的时间，如 2026-11-30T10:15:00+08:00")
	}
	if taken.After(now.Add(5 * time.Minute)) {
		return time.Time{}, apperr.InvalidField("takenAt", "EVIDENCE_TIME_IN_FUTURE", "拍摄、录制时间不能晚于现在")
	}
	if (in.Lat == nil) != (in.Lng == nil) {
		return time.Time{}, apperr.InvalidField("lat", "EVIDENCE_LOCATION_INVALID", "经纬度须同时给出")
	}
	if in.Lat != nil {
		lat, lng := *in.Lat, *in.Lng
		if math.IsNaN(lat) || math.IsNaN(lng) || lat < -90 || lat > 90 || lng < -180 || lng > 180 {
			return time.Time{}, apperr.InvalidField("lat", "EVIDENCE_LOCATION_INVALID", "经纬度超出范围")
		}
		if coordinateSystems[in.CRS] == "" {
			return time.Time{}, apperr.InvalidField("crs", "EVIDENCE_CRS_REQUIRED", "给出位置时须写明坐标系：WGS-84、GCJ-02、BD-09 或 CGCS2000")
		}
		if in.AccuracyM != nil && (math.IsNaN(*in.AccuracyM) || *in.AccuracyM < 0 || *in.AccuracyM > 100000) {
			return time.Time{}, apperr.InvalidField("accuracy", "EVIDENCE_LOCATION_INVALID", "定位精度应在0到100000米之间")
		}
	} else {
		in.CRS, in.AccuracyM = "", nil
	}
	return taken, nil
}

// AddEvidence stores an evidence file of a case, streamed from body, and registers it as a step of
// the case's chain (全过程记录): its SM3 and SHA-256 digests, when, where (with the coordinate
// system) and by whom it was recorded, on what device. Only the case's officers add evidence; the
// recording officer must be one of them. A file whose content is not what its kind says, or over
// the jurisdiction's limit, is refused and nothing is kept.
func (s *Service) AddEvidence(ctx context.Context, p *access.Principal, id string, in EvidenceInput, body io.Reader) (Evidence, error) {
	pre, err := s.prepareEvidence(ctx, p, id, &in)
	if err != nil {
		return Evidence{}, err
	}
	stored, err := s.storeEvidence(body, pre.max, in.Kind)
	if err != nil {
		return Evidence{}, err
	}
	return s.registerEvidence(ctx, p, pre, in, stored)
}

// evidencePrep is what registering a file needs to know before the file arrives.
type evidencePrep struct {
	r     row
	taken time.Time
	max   int64
}

// prepareEvidence checks who adds evidence to which case and what travels with the file, and finds
// the jurisdiction's size limit for its kind.
func (s *Service) prepareEvidence(ctx context.Context, p *access.Principal, id string, in *EvidenceInput) (evidencePrep, error) {
	if !p.Can(access.CaseHandle) {
		return evidencePrep{}, apperr.Forbidden("没有登记证据的权限")
	}
	if s.Blobs == nil {
		return evidencePrep{}, apperr.Internal(errors.New("evidence store not configured"))
	}
	taken, err := checkEvidence(in, s.Clock.Now())
	if err != nil {
		return evidencePrep{}, err
	}
	r, err := getRow(ctx, s.DB.R, p, id)
	if err != nil {
		return evidencePrep{}, err
	}
	if !r.State.V.hasOfficer(p.PersonID, s.today()) {
		return evidencePrep{}, apperr.Forbidden("只有本案承办人可以登记证据").WithCode("CASE_NOT_ASSIGNED")
	}
	lim, err := settings.Get[EvidenceLimits](ctx, s.DB.R, s.Settings, EvidenceSettingKey, r.RegionCode)
	if err != nil {
		return evidencePrep{}, err
	}
	return evidencePrep{r: r, taken: taken, max: lim.Value.bytes(in.Kind)}, nil
}

// typeCheck refuses a file whose first bytes are not of its kind.
func typeCheck(kind string) func(sniffed string) error {
	return func(sniffed string) error {
		for _, t := range evidenceTypes[kind] {
			if strings.HasPrefix(sniffed, t) {
				return nil
			}
		}
		return apperr.InvalidField("file", "EVIDENCE_TYPE_MISMATCH",
			fmt.Sprintf("文件内容（%s）不是%s", strings.Split(sniffed, ";")[0], evidenceNames[kind]))
	}
}

func tooLarge(kind string, max int64) error {
	return &apperr.Error{Kind: apperr.KindTooLarge, Code: "EVIDENCE_TOO_LARGE", Field: "file",
		Message: fmt.Sprintf("%s不能超过%dMB（本辖区证据文件限制）", evidenceNames[kind], max>>20)}
}

// storeEvidence streams a file into the store, within the limit and of its kind.
func (s *Service) storeEvidence(body io.Reader, max int64, kind string) (blob.Stored, error) {
	stored, err := s.Blobs.Put(body, max, typeCheck(kind))
	if errors.Is(err, blob.ErrTooLarge) {
		return blob.Stored{}, tooLarge(kind, max)
	}
	if err != nil {
		return blob.Stored{}, err
	}
	if stored.Size == 0 {
		return blob.Stored{}, apperr.InvalidField("file", "EVIDENCE_EMPTY", "文件为空")
	}
	return stored, nil
}

// registerEvidence registers a stored file as a step of the case's chain; when the step is refused
// a file stored only for it is removed again.
func (s *Service) registerEvidence(ctx context.Context, p *access.Principal, pre evidencePrep, in EvidenceInput, stored blob.Stored) (Evidence, error) {
	r := pre.r
	ev := Evidence{ID: ids.New(), CaseID: r.ID, Kind: in.Kind, Name: in.Name, MIME: strings.Split(stored.Sniffed, ";")[0], Size: stored.Size,
		SM3: stored.SM3, SHA256: stored.SHA256, TakenAt: clock.Stamp(pre.taken), Lat: in.Lat, Lng: in.Lng, CRS: in.CRS, AccuracyM: in.AccuracyM,
		Device: in.Device, Note: in.Note, UploadedBy: p.AccountID, UploadedByName: p.DisplayName, UploadedAt: clock.Stamp(s.Clock.Now())}
	recorder := strings.TrimSpace(in.RecordedBy)
	if recorder == "" {
		recorder = p.PersonID
	}
	_, err := s.do(ctx, p, r.ID, StepEvidence, civil.Date{}, func(w *work) error {
		if !w.st.hasOfficer(recorder, w.date) {
			return apperr.InvalidField("recordedBy", "EVIDENCE_RECORDER_NOT_ON_CASE", "拍摄、录制人应为本案承办人").WithRule(art55)
		}
		for _, o := range w.st.Officers {
			if o.PersonID == recorder {
				ev.RecordedBy, ev.RecordedByName = recorder, o.Name
			}
		}
		w.stepID = ids.New()
		ev.StepID = w.stepID
		if _, err := db.Exec(w.ctx, w.tx, `INSERT INTO case_evidence (`+evidenceColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '')`,
			ev.ID, ev.CaseID, ev.StepID, ev.Kind, ev.Name, ev.MIME, ev.Size, ev.SM3, ev.SHA256, ev.TakenAt, ev.RecordedBy, ev.RecordedByName,
			ev.Lat, ev.Lng, ev.CRS, ev.AccuracyM, ev.Device, ev.Note, ev.UploadedBy, ev.UploadedByName, ev.UploadedAt); err != nil {
			return err
		}
		w.data = ev
		w.sum = fmt.Sprintf("登记%s“%s”（SM3 %s…）", evidenceNames[ev.Kind], ev.Name, ev.SM3[:12])
		return nil
	})
	if err != nil {
		if stored.Created {
			s.Blobs.Remove(stored.SM3)
		}
		return Evidence{}, err
	}
	return ev, nil
}

// WithdrawInput withdraws a piece of evidence with the reason: it stays in the record and on disk.
type WithdrawInput struct {
	EvidenceID string `json:"evidenceId" required:"true" text:"64"`
	Reason     string `json:"reason" required:"true" text:"500,multiline"`
}

// WithdrawEvidence marks evidence withdrawn (不作为定案依据) with the reason, as a step of the chain;
// evidence is never deleted.
func (s *Service) WithdrawEvidence(ctx context.Context, p *access.Principal, id string, in WithdrawInput) (Detail, error) {
	return s.do(ctx, p, id, StepEvidenceWithdraw, civil.Date{}, func(w *work) error {
		reason := strings.TrimSpace(in.Reason)
		if reason == "" {
			return apperr.InvalidField("reason", "EVIDENCE_REASON_REQUIRED", "请写明撤回理由")
		}
		var ev Evidence
		err := db.Get(w.ctx, w.tx, &ev, `SELECT `+evidenceColumns+` FROM case_evidence WHERE id = ? AND case_id = ?`, in.EvidenceID, w.r.ID)
		if db.IsNoRows(err) {
			return apperr.InvalidField("evidenceId", "EVIDENCE_NOT_FOUND", "本案没有该证据")
		}
		if err != nil {
			return err
		}
		if ev.WithdrawnAt != "" {
			return apperr.Conflict("EVIDENCE_ALREADY_WITHDRAWN", "该证据已于"+ev.WithdrawnAt[:10]+"撤回")
		}
		now := clock.Stamp(w.s.Clock.Now())
		if _, err := db.Exec(w.ctx, w.tx, `UPDATE case_evidence SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? WHERE id = ?`,
			now, w.p.DisplayName, reason, ev.ID); err != nil {
			return err
		}
		w.data = map[string]string{"evidenceId": ev.ID, "name": ev.Name, "sm3": ev.SM3, "reason": reason}
		w.reason = reason
		w.sum = "撤回证据“" + ev.Name + "”"
		return nil
	})
}

// ListEvidence lists a case's evidence, withdrawn included, in the order it was registered.
func (s *Service) ListEvidence(ctx context.Context, p *access.Principal, id string) ([]Evidence, error) {
	r, err := getRow(ctx, s.DB.R, p, id)
	if err != nil {
		return nil, err
	}
	out, err := evidenceRows(ctx, s.DB.R, r.ID)
	if out == nil {
		out = []Evidence{}
	}
	return out, err
}

// OpenEvidence opens an evidence file of a case the caller sees, for viewing or download; every
// opening is written to the audit log (evidence may show people). The caller closes the file.
func (s *Service) OpenEvidence(ctx context.Context, p *access.Principal, caseID, evidenceID string) (Evidence, *os.File, error) {
	return s.openEvidence(ctx, p, caseID, evidenceID, "查看证据")
}

// openEvidence opens an evidence file and audits the opening as what.
func (s *Service) openEvidence(ctx context.Context, p *access.Principal, caseID, evidenceID, what string) (Evidence, *os.File, error) {
	if s.Blobs == nil {
		return Evidence{}, nil, apperr.Internal(errors.New("evidence store not configured"))
	}
	r, err := getRow(ctx, s.DB.R, p, caseID)
	if err != nil {
		return Evidence{}, nil, err
	}
	var ev Evidence
	err = db.Get(ctx, s.DB.R, &ev, `SELECT `+evidenceColumns+` FROM case_evidence WHERE id = ? AND case_id = ?`, evidenceID, r.ID)
	if db.IsNoRows(err) {
		return Evidence{}, nil, apperr.NotFound("证据")
	}
	if err != nil {
		return Evidence{}, nil, err
	}
	f, err := s.Blobs.Reader(ev.SM3)
	if err != nil {
		return Evidence{}, nil, apperr.Conflict("EVIDENCE_FILE_MISSING", "证据文件已丢失，请校验本案全过程记录")
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionRead, Entity: entityEvidence, EntityID: ev.ID,
			EntityName: ev.Name, RegionCode: r.RegionCode, Summary: what + "“" + ev.Name + "”：" + caseLabel(r),
			Detail: map[string]any{"case": r.ID, "sm3": ev.SM3}})
	})
	if err != nil {
		f.Close()
		return Evidence{}, nil, err
	}
	return ev, f, nil
}

// handleEvidenceFile answers with an evidence file, inline, with ranges (a video plays from any
// point).
func (s *Service) handleEvidenceFile(w http.ResponseWriter, r *http.Request) error {
	ev, f, err := s.OpenEvidence(r.Context(), httpx.Principal(r), r.PathValue("id"), r.PathValue("evidenceId"))
	if err != nil {
		return err
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", ev.MIME)
	h.Set("Content-Disposition", `inline; filename="evidence`+path.Ext(ev.Name)+`"; filename*=UTF-8''`+url.PathEscape(ev.Name))
	h.Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", time.Time{}, f)
	return nil
}
