package event

import (
	"context"
	"errors"
	"image"
	_ "image/jpeg" // photos
	_ "image/png"  // photos
	"io"
	"math"
	"strings"
	"time"

	_ "golang.org/x/image/webp" // photos from phones

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/blob"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/query"
	"zhifa/internal/platform/settings"
)

// get reads one event (any jurisdiction; callers check).
func (s *Service) get(ctx context.Context, c db.Conn, id string) (Event, error) {
	var e Event
	err := db.Get(ctx, c, &e, `SELECT `+eventColumns+` FROM `+eventFrom+` WHERE e.id = ?`, id)
	if db.IsNoRows(err) {
		return Event{}, apperr.NotFound("事件")
	}
	if err != nil {
		return Event{}, err
	}
	e.finish(s.now())
	return e, nil
}

// visible reports whether the caller may read an event: in the jurisdiction for those who read or
// report events (a grid worker opens the events of the area, while the list shows the worker's
// own reports), or reported by the caller.
func visible(p *access.Principal, e Event) bool {
	if (p.Can(access.EventRead) || p.Can(access.EventReport)) && p.Scope().Contains(e.RegionCode) {
		return true
	}
	return e.ReporterAccount != "" && e.ReporterAccount == p.AccountID
}

// HistoryEntry is one step of an event.
type HistoryEntry struct {
	Seq        int    `db:"seq" json:"seq"`
	Action     string `db:"action" json:"action"`
	ActionName string `db:"-" json:"actionName"`
	From       string `db:"state_from" json:"from"`
	To         string `db:"state_to" json:"to"`
	ActorName  string `db:"actor_name" json:"actorName"`
	OrgName    string `db:"org_name" json:"orgName"`
	Reason     string `db:"reason" json:"reason"`
	Detail     string `db:"detail" json:"detail"`
	At         string `db:"at" json:"at"`
}

// Photo is a photo of an event: of the scene when reported, of the result when fed back.
type Photo struct {
	ID          string `db:"id" json:"id"`
	Stage       string `db:"stage" json:"stage"`
	SM3         string `db:"sm3" json:"sm3"`
	SHA256      string `db:"sha256" json:"sha256"`
	Size        int64  `db:"size" json:"size"`
	ContentType string `db:"content_type" json:"contentType"`
	Name        string `db:"name" json:"name"`
	CreatedAt   string `db:"created_at" json:"createdAt"`
}

// Detail is an event with its history, photos, teams and possible duplicates.
type Detail struct {
	Event
	Teams      []Team         `json:"teams"`
	History    []HistoryEntry `json:"history"`
	Photos     []Photo        `json:"photos"`
	Duplicates []Duplicate    `json:"duplicates"`
	Actions    []string       `json:"actions"` // the steps the caller may take now
}

// Duplicate is an open event of the same category near in place and time.
type Duplicate struct {
	ID         string  `db:"id" json:"id"`
	No         string  `db:"no" json:"no"`
	State      string  `db:"state" json:"state"`
	ReportedAt string  `db:"reported_at" json:"reportedAt"`
	Lng        float64 `db:"lng" json:"-"`
	Lat        float64 `db:"lat" json:"-"`
	Meters     int     `db:"-" json:"meters"`
}

// Get returns an event with its history.
func (s *Service) Get(ctx context.Context, p *access.Principal, id string) (Detail, error) {
	e, err := s.get(ctx, s.DB.R, id)
	if err != nil {
		return Detail{}, err
	}
	if !visible(p, e) {
		return Detail{}, apperr.NotFound("事件")
	}
	d := Detail{Event: e, Teams: []Team{}, History: []HistoryEntry{}, Duplicates: []Duplicate{}, Actions: []string{}}
	if err := db.Select(ctx, s.DB.R, &d.Teams, `SELECT t.org_id AS orgid, COALESCE(o.name, '') AS name, t.role
		FROM event_teams t LEFT JOIN organizations o ON o.id = t.org_id WHERE t.event_id = ? ORDER BY t.role DESC, o.name`, id); err != nil {
		return Detail{}, err
	}
	if err := db.Select(ctx, s.DB.R, &d.History, `SELECT h.seq, h.action, h.state_from, h.state_to, h.actor_name,
		COALESCE(o.name, '') AS org_name, h.reason, h.detail, h.at FROM event_history h LEFT JOIN organizations o ON o.id = h.org_id
		WHERE h.event_id = ? ORDER BY h.seq`, id); err != nil {
		return Detail{}, err
	}
	for i := range d.History {
		d.History[i].ActionName = ActionName(d.History[i].Action)
	}
	if d.Photos, err = s.photos(ctx, s.DB.R, id); err != nil {
		return Detail{}, err
	}
	if d.Duplicates, err = s.duplicates(ctx, e); err != nil {
		return Detail{}, err
	}
	for _, a := range ActionRoutes {
		act := actions[a]
		pending := e.ExtensionRaw != ""
		if (a == "approve" || a == "deny") && !pending || a == "extend" && pending {
			continue
		}
		if a == "callback" && e.CallbackAt != "" || a == "reply" && e.Channel != "hotline" && e.Channel != "portal" && e.Channel != "open311" {
			continue
		}
		if p.Can(act.perm) && canTake(a, e.State) == nil && p.Scope().Contains(e.RegionCode) {
			if act.perm == access.EventHandle && s.onTeam(ctx, s.DB.R, p, e) != nil {
				continue
			}
			d.Actions = append(d.Actions, a)
		}
	}
	return d, nil
}

func (s *Service) photos(ctx context.Context, c db.Conn, id string) ([]Photo, error) {
	out := []Photo{}
	err := db.Select(ctx, c, &out, `SELECT id, stage, sm3, sha256, size, content_type, name, created_at FROM event_photos
		WHERE event_id = ? ORDER BY created_at, id`, id)
	return out, err
}

// duplicates lists open events of the same category within the jurisdiction's radius and window.
func (s *Service) duplicates(ctx context.Context, e Event) ([]Duplicate, error) {
	out := []Duplicate{}
	if e.CategoryCode == "" {
		return out, nil
	}
	lim, err := settings.Get[Limits](ctx, s.DB.R, s.Settings, LimitsKey, e.RegionCode)
	if err != nil {
		return nil, err
	}
	m, h := float64(lim.Value.DuplicateMeters), lim.Value.DuplicateHours
	if m <= 0 || h <= 0 {
		return out, nil
	}
	at, err := clock.ParseStamp(e.ReportedAt)
	if err != nil {
		return out, nil
	}
	dLat := m / 111_320
	dLng := m / (111_320 * math.Cos(e.Lat*math.Pi/180))
	var rows []Duplicate
	if err := db.Select(ctx, s.DB.R, &rows, `SELECT id, no, state, reported_at, lng, lat FROM events
		WHERE category_code = ? AND reported_at >= ? AND reported_at <= ? AND id <> ?
		AND lng BETWEEN ? AND ? AND lat BETWEEN ? AND ? AND state NOT IN ('rejected') ORDER BY reported_at LIMIT 20`,
		e.CategoryCode, clock.Stamp(at.Add(-time.Duration(h)*time.Hour)), clock.Stamp(at.Add(time.Duration(h)*time.Hour)), e.ID,
		e.Lng-dLng, e.Lng+dLng, e.Lat-dLat, e.Lat+dLat); err != nil {
		return nil, err
	}
	for _, r := range rows {
		r.Meters = int(math.Round(distance(e.Lng, e.Lat, r.Lng, r.Lat)))
		if float64(r.Meters) <= m {
			out = append(out, r)
		}
	}
	return out, nil
}

// distance is the haversine distance in metres.
func distance(lng1, lat1, lng2, lat2 float64) float64 {
	const r = 6_371_008.8
	rad := math.Pi / 180
	dLat, dLng := (lat2-lat1)*rad, (lng2-lng1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// Filter narrows the queue.
type Filter struct {
	State        string `query:"state" text:"20" doc:"状态"`
	Channel      string `query:"channel" text:"20" doc:"来源渠道"`
	TownshipCode string `query:"townshipCode" text:"12" doc:"乡镇（街道）代码"`
	TeamOrgID    string `query:"teamOrgId" text:"64" doc:"处置单位"`
	Q            string `query:"q" text:"100" doc:"编号、描述、地址、工单号"`
	Overdue      bool   `query:"overdue" doc:"只看超过处置时限未反馈的"`
	Mine         bool   `query:"mine" doc:"只看本人上报的"`
	MyTeam       bool   `query:"myTeam" doc:"只看派给本单位的"`
	Open         bool   `query:"open" doc:"只看未办结的"`
}

// List lists events: the jurisdiction's for those who read events, one's own reports otherwise.
func (s *Service) List(ctx context.Context, p *access.Principal, f Filter, page httpx.Page) ([]Event, int, error) {
	w := &query.Where{}
	if p.Can(access.EventRead) {
		w.Add(p.Scope().In("e.region_code"))
	} else {
		f.Mine = true
	}
	if f.Mine {
		w.And("e.reporter_account = ?", p.AccountID)
	}
	if f.MyTeam {
		w.And(`e.id IN (SELECT event_id FROM event_teams WHERE org_id = ?)`, p.OrgID)
	}
	if f.State != "" {
		w.And("e.state = ?", f.State)
	}
	if f.Open {
		w.And("e.state NOT IN ('closed', 'rejected', 'case')")
	}
	if f.Channel != "" {
		w.And("e.channel = ?", f.Channel)
	}
	if f.TownshipCode != "" {
		w.And("e.township_code = ?", f.TownshipCode)
	}
	if f.TeamOrgID != "" {
		w.And("e.team_org_id = ?", f.TeamOrgID)
	}
	if f.Overdue {
		w.And("e.state IN ('dispatched', 'accepted') AND e.handle_due < ?", clock.Stamp(s.now()))
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		w.And("(e.no LIKE ? OR e.description LIKE ? OR e.address LIKE ? OR e.external_no LIKE ?)", db.Like(q), db.Like(q), db.Like(q), db.Like(q))
	}
	out, total, err := query.List[Event](ctx, s.DB.R, eventColumns, eventFrom, w,
		" ORDER BY CASE WHEN e.state IN ('reported', 'returned') THEN 0 WHEN e.state IN ('dispatched', 'accepted', 'feedback', 'registered', 'suspended') THEN 1 ELSE 2 END, e.urgent DESC, e.reported_at DESC, e.id", page)
	if err != nil {
		return nil, 0, err
	}
	now := s.now()
	for i := range out {
		out[i].finish(now)
	}
	return out, total, nil
}

// Limits on photos.
const (
	MaxPhotoBytes  = 15 << 20
	MaxPhotoPixels = 50_000_000
	MaxPhotos      = 20
)

// PhotoQuery names a photo sent as the request body.
type PhotoQuery struct {
	Stage string `query:"stage" text:"10" doc:"report 现场照片 | feedback 处置后照片"`
	Name  string `query:"name" text:"100" doc:"照片说明"`
}

// AddPhoto stores a photo of an event: the reporter's of the scene while it waits, the team's of the
// result while it handles it.
func (s *Service) AddPhoto(ctx context.Context, p *access.Principal, id string, q PhotoQuery, body io.Reader) (Photo, error) {
	e, err := s.get(ctx, s.DB.R, id)
	if err != nil {
		return Photo{}, err
	}
	if !visible(p, e) {
		return Photo{}, apperr.NotFound("事件")
	}
	stage := q.Stage
	if stage == "" {
		stage = "report"
	}
	switch stage {
	case "report":
		if e.ReporterAccount != p.AccountID && !p.Can(access.EventDispatch) {
			return Photo{}, apperr.Forbidden("只有上报人或调度员可以补充现场照片").WithCode("EVENT_PHOTO_FORBIDDEN")
		}
		if !Open(e.State) {
			return Photo{}, apperr.Conflict("EVENT_STATE", "事件已办结，不能补充照片")
		}
	case "feedback":
		if !p.Can(access.EventHandle) {
			return Photo{}, apperr.Forbidden("只有处置单位可以上传处置照片").WithCode("EVENT_PHOTO_FORBIDDEN")
		}
		if err := s.onTeam(ctx, s.DB.R, p, e); err != nil {
			return Photo{}, err
		}
		if e.State != Accepted {
			return Photo{}, apperr.Conflict("EVENT_STATE", "报到后、反馈前上传处置照片")
		}
	default:
		return Photo{}, apperr.InvalidField("stage", "EVENT_PHOTO_STAGE", "照片阶段应为 report（现场）或 feedback（处置后）")
	}
	var n int
	if err := db.Get(ctx, s.DB.R, &n, `SELECT COUNT(*) FROM event_photos WHERE event_id = ?`, id); err != nil {
		return Photo{}, err
	}
	if n >= MaxPhotos {
		return Photo{}, apperr.InvalidField("file", "EVENT_PHOTO_TOO_MANY", "一个事件最多20张照片")
	}
	if s.Blobs == nil {
		return Photo{}, apperr.Invalid("EVENT_PHOTO_UNAVAILABLE", "未配置文件存储")
	}
	stored, err := s.Blobs.Put(body, MaxPhotoBytes, func(sniffed string) error {
		if sniffed != "image/jpeg" && sniffed != "image/png" && sniffed != "image/webp" {
			return apperr.InvalidField("file", "EVENT_PHOTO_NOT_IMAGE", "照片应为 JPEG、PNG 或 WebP 图片")
		}
		return nil
	})
	if errors.Is(err, blob.ErrTooLarge) {
		return Photo{}, apperr.InvalidField("file", "EVENT_PHOTO_TOO_LARGE", "照片不能超过15MB")
	}
	if err != nil {
		return Photo{}, err
	}
	if err := checkPicture(s.Blobs, stored); err != nil {
		if stored.Created {
			s.Blobs.Remove(stored.SM3)
		}
		return Photo{}, err
	}
	name := strings.TrimSpace(q.Name)
	if name == "" || len([]rune(name)) > 100 {
		name = "照片"
	}
	ph := Photo{ID: ids.New(), Stage: stage, SM3: stored.SM3, SHA256: stored.SHA256, Size: stored.Size, ContentType: stored.Sniffed,
		Name: name, CreatedAt: clock.Stamp(s.now())}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		_, err := db.Exec(ctx, tx, `INSERT INTO event_photos (id, event_id, stage, sm3, sha256, size, content_type, name, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ph.ID, id, ph.Stage, ph.SM3, ph.SHA256, ph.Size, ph.ContentType, ph.Name, p.AccountID, ph.CreatedAt)
		return err
	})
	if err != nil {
		if stored.Created {
			s.Blobs.Remove(stored.SM3)
		}
		return Photo{}, err
	}
	return ph, nil
}

// checkPicture decodes the header of a stored picture: a file that only looks like an image, or one
// of more than 50 megapixels, is refused.
func checkPicture(store *blob.Store, stored blob.Stored) error {
	f, err := store.Reader(stored.SM3)
	if err != nil {
		return err
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return apperr.InvalidField("file", "EVENT_PHOTO_NOT_IMAGE", "文件不是可识别的图片")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxPhotoPixels {
		return apperr.InvalidField("file", "EVENT_PHOTO_TOO_LARGE", "图片像素过多（超过5000万像素）")
	}
	return nil
}

// OpenPhoto returns a photo's content for one who may read the event.
func (s *Service) OpenPhoto(ctx context.Context, p *access.Principal, id, photoID string) (Photo, io.ReadCloser, error) {
	e, err := s.get(ctx, s.DB.R, id)
	if err != nil {
		return Photo{}, nil, err
	}
	if !visible(p, e) {
		return Photo{}, nil, apperr.NotFound("事件")
	}
	var ph Photo
	err = db.Get(ctx, s.DB.R, &ph, `SELECT id, stage, sm3, sha256, size, content_type, name, created_at FROM event_photos
		WHERE id = ? AND event_id = ?`, photoID, id)
	if db.IsNoRows(err) {
		return Photo{}, nil, apperr.NotFound("照片")
	}
	if err != nil {
		return Photo{}, nil, err
	}
	f, err := s.Blobs.Reader(ph.SM3)
	if err != nil {
		return Photo{}, nil, err
	}
	return ph, f, nil
}

// Reporter is a reporter's identity, disclosed with a reason.
type Reporter struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
}

// DiscloseInput gives the reason for seeing a reporter in full.
type DiscloseInput struct {
	Reason string `json:"reason" required:"true" text:"200"`
}

// DiscloseReporter shows a reporter's name and phone to a dispatcher who gives a reason (to call
// back); the disclosure is audited. A whistle-blower who asked for protection is not disclosed.
func (s *Service) DiscloseReporter(ctx context.Context, p *access.Principal, id string, in DiscloseInput) (Reporter, error) {
	if strings.TrimSpace(in.Reason) == "" {
		return Reporter{}, apperr.InvalidField("reason", "EVENT_REASON_REQUIRED", "查看诉求人信息须写明理由")
	}
	var row struct {
		Region    string `db:"region_code"`
		No        string `db:"no"`
		Name      string `db:"reporter_name"`
		Phone     string `db:"reporter_phone"`
		Protected bool   `db:"reporter_protected"`
	}
	err := db.Get(ctx, s.DB.R, &row, `SELECT region_code, no, reporter_name, reporter_phone, reporter_protected FROM events WHERE id = ?`, id)
	if db.IsNoRows(err) || (err == nil && !p.Scope().Contains(row.Region)) {
		return Reporter{}, apperr.NotFound("事件")
	}
	if err != nil {
		return Reporter{}, err
	}
	if row.Protected {
		return Reporter{}, apperr.Forbidden("举报人要求保密，其身份信息不向办理人员提供").WithCode("EVENT_REPORTER_PROTECTED").
			WithRule("信访工作条例 第四十五条、行政处罚法 及各地举报奖励办法：对举报人信息予以保密")
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionRead, Entity: "event", EntityID: id, EntityName: row.No,
			RegionCode: row.Region, Summary: "查看事件 " + row.No + " 的诉求人姓名与联系电话：" + in.Reason,
			Detail: map[string]any{"fields": []string{"reporterName", "reporterPhone"}, "reason": in.Reason}})
	})
	if err != nil {
		return Reporter{}, err
	}
	return Reporter{Name: row.Name, Phone: row.Phone}, nil
}
