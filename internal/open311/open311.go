// Package open311 serves the Open311 GeoReport v2 API (http://wiki.open311.org/GeoReport_v2) over
// the closed loop of events: the subclasses of the category tree in force are its services, a
// request posted with an api_key is taken in as an event of the key's jurisdiction (located in its
// grid, routed and dispatched like any other report), and the events are its service requests,
// readable by anyone without the reporter's name or telephone.
package open311

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"zhifa/internal/event"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/text"
)

// Specification is the specification the endpoint implements, as service discovery names it.
const Specification = "http://wiki.open311.org/GeoReport_v2"

// Changeset is when the behaviour of the endpoint last changed (service discovery).
const Changeset = "2026-12-01T00:00:00+08:00"

// Limits of the endpoint.
const (
	MaxBody        = 64 << 10 // bytes of a posted request
	MaxDescription = 2000     // characters of a description
	MaxResults     = 1000     // requests in one answer
	Window         = 90 * 24 * time.Hour
)

// Service is the Open311 endpoint.
type Service struct {
	DB     *db.DB
	Events *event.Service
	Clock  clock.Clock
	// PublicURL, when set, is the address clients reach the platform at; service discovery names
	// it instead of the scheme and host of the request (a proxy in front terminating TLS).
	PublicURL *url.URL
}

func (s *Service) now() time.Time {
	if s.Clock == nil {
		return time.Now().UTC()
	}
	return s.Clock.Now()
}

var regionPattern = regexp.MustCompile(`^[0-9]{12}$`)

// Key is a client allowed to post requests for a jurisdiction.
type Key struct {
	APIKey     string `db:"api_key" json:"apiKey"`
	Name       string `db:"name" json:"name"`
	RegionCode string `db:"region_code" json:"regionCode"`
	CreatedAt  string `db:"created_at" json:"createdAt"`
}

// CreateKey issues a random api_key to a client (name) for a jurisdiction (12-digit region code)
// and stores it.
func (s *Service) CreateKey(ctx context.Context, name, regionCode string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", apperr.InvalidField("name", "OPEN311_KEY_NAME_REQUIRED", "请填写接入方名称")
	}
	if err := text.Check("name", name, text.Limit{Max: 100}); err != nil {
		return "", err
	}
	if !regionPattern.MatchString(regionCode) {
		return "", apperr.InvalidField("regionCode", "OPEN311_KEY_REGION_INVALID", "辖区应为12位行政区划代码")
	}
	var n int
	if err := db.Get(ctx, s.DB.R, &n, `SELECT COUNT(*) FROM regions WHERE code = ?`, regionCode); err != nil {
		return "", err
	}
	if n == 0 {
		return "", apperr.InvalidField("regionCode", "OPEN311_KEY_REGION_UNKNOWN", "行政区划不存在："+regionCode)
	}
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	key := hex.EncodeToString(raw)
	if _, err := db.Exec(ctx, s.DB.W, `INSERT INTO open311_keys (api_key, name, region_code, created_at) VALUES (?, ?, ?, ?)`,
		key, name, regionCode, clock.Stamp(s.now())); err != nil {
		return "", err
	}
	return key, nil
}

// Keys lists the keys issued, newest first.
func (s *Service) Keys(ctx context.Context) ([]Key, error) {
	out := []Key{}
	err := db.Select(ctx, s.DB.R, &out, `SELECT api_key, name, region_code, created_at FROM open311_keys ORDER BY created_at DESC, api_key`)
	return out, err
}

// RevokeKey withdraws a key; requests it posted stay.
func (s *Service) RevokeKey(ctx context.Context, key string) error {
	res, err := db.Exec(ctx, s.DB.W, `DELETE FROM open311_keys WHERE api_key = ?`, key)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.NotFound("接入密钥")
	}
	return nil
}

// key finds the client behind an api_key: 403 when there is none or it is unknown.
func (s *Service) key(ctx context.Context, apiKey string) (Key, error) {
	apiKey = strings.TrimSpace(apiKey)
	if apiKey == "" {
		return Key{}, apperr.Forbidden("缺少 api_key：提交诉求须使用本平台签发的接入密钥")
	}
	if len(apiKey) > 64 {
		return Key{}, apperr.Forbidden("api_key 无效")
	}
	var k Key
	err := db.Get(ctx, s.DB.R, &k, `SELECT api_key, name, region_code, created_at FROM open311_keys WHERE api_key = ?`, apiKey)
	if db.IsNoRows(err) {
		return Key{}, apperr.Forbidden("api_key 无效或已被撤销")
	}
	return k, err
}

// ServiceType is one service: a subclass of the category tree.
type ServiceType struct {
	Code        string `json:"service_code" xml:"service_code"`
	Name        string `json:"service_name" xml:"service_name"`
	Description string `json:"description" xml:"description"`
	Metadata    bool   `json:"metadata" xml:"metadata"`
	Type        string `json:"type" xml:"type"`
	Keywords    string `json:"keywords" xml:"keywords"`
	Group       string `json:"group" xml:"group"`
}

// Definition is the definition of a service: no attributes beyond the standard fields.
type Definition struct {
	Code       string `json:"service_code"`
	Attributes []any  `json:"attributes"`
}

// tree is the category tree in force for a jurisdiction ("" for the national tree).
func (s *Service) tree(ctx context.Context, region string) (event.Tree, error) {
	return s.Events.Categories(ctx, access.NewPrincipal("", "open311", "Open311", "", region, nil))
}

// services lists the subclasses of a tree as services, grouped by their major class.
func services(t event.Tree) []ServiceType {
	majors := map[string]string{}
	for _, c := range t.Categories {
		if !c.Leaf() {
			majors[c.Code] = c.Name
		}
	}
	out := []ServiceType{}
	for _, c := range t.Categories {
		if !c.Leaf() {
			continue
		}
		group := majors[c.ParentCode]
		desc := c.Name
		if group != "" {
			desc = group + "：" + c.Name
		}
		out = append(out, ServiceType{Code: c.Code, Name: c.Name, Description: desc + "（处置时限" + c.Limit() + "）",
			Type: "realtime", Group: group})
	}
	return out
}

// Services lists the services of a jurisdiction ("" for the national tree).
func (s *Service) Services(ctx context.Context, region string) ([]ServiceType, error) {
	t, err := s.tree(ctx, region)
	if err != nil {
		return nil, err
	}
	return services(t), nil
}

// serviceUnknown is a service_code no subclass has.
func serviceUnknown(code string) error {
	return &apperr.Error{Kind: apperr.KindNotFound, Code: "OPEN311_SERVICE_UNKNOWN", Field: "service_code",
		Message: "service_code 不存在或不是事件小类：" + code}
}

// Define returns the definition of a service of a jurisdiction.
func (s *Service) Define(ctx context.Context, region, code string) (Definition, error) {
	list, err := s.Services(ctx, region)
	if err != nil {
		return Definition{}, err
	}
	for _, st := range list {
		if st.Code == code {
			return Definition{Code: code, Attributes: []any{}}, nil
		}
	}
	return Definition{}, serviceUnknown(code)
}

// Request is a service request as GeoReport v2 shows it: never with the reporter's name or phone.
type Request struct {
	ID                string  `json:"service_request_id" xml:"service_request_id"`
	Status            string  `json:"status" xml:"status"`
	StatusNotes       string  `json:"status_notes" xml:"status_notes"`
	ServiceName       string  `json:"service_name" xml:"service_name"`
	ServiceCode       string  `json:"service_code" xml:"service_code"`
	Description       string  `json:"description" xml:"description"`
	AgencyResponsible string  `json:"agency_responsible" xml:"agency_responsible"`
	ServiceNotice     string  `json:"service_notice" xml:"service_notice"`
	RequestedDatetime string  `json:"requested_datetime" xml:"requested_datetime"`
	UpdatedDatetime   string  `json:"updated_datetime" xml:"updated_datetime"`
	ExpectedDatetime  *string `json:"expected_datetime" xml:"expected_datetime,omitempty"`
	Address           string  `json:"address" xml:"address"`
	AddressID         string  `json:"address_id" xml:"address_id"`
	Zipcode           string  `json:"zipcode" xml:"zipcode"`
	Lat               float64 `json:"lat" xml:"lat"`
	Long              float64 `json:"long" xml:"long"`
	MediaURL          string  `json:"media_url" xml:"media_url"`
}

// row is what a request is read from.
type row struct {
	No          string  `db:"no"`
	State       string  `db:"state"`
	Code        string  `db:"category_code"`
	Name        string  `db:"category_name"`
	Description string  `db:"description"`
	Address     string  `db:"address"`
	Lng         float64 `db:"lng"`
	Lat         float64 `db:"lat"`
	Protected   bool    `db:"reporter_protected"`
	Result      string  `db:"result"`
	DuplicateNo string  `db:"duplicate_no"`
	TeamName    string  `db:"team_name"`
	HandleLimit string  `db:"handle_limit"`
	HandleDue   string  `db:"handle_due"`
	ReportedAt  string  `db:"reported_at"`
	UpdatedAt   string  `db:"updated_at"`
}

// The columns of a row; the reporter's name and phone are not read at all.
const rowColumns = `e.no, e.state, e.category_code, e.category_name, e.description, e.address, e.lng, e.lat,
	e.reporter_protected, e.result, COALESCE(d.no, '') AS duplicate_no, COALESCE(o.name, '') AS team_name, e.handle_limit,
	e.handle_due, e.reported_at, e.updated_at`

const rowFrom = `events e LEFT JOIN organizations o ON o.id = e.team_org_id LEFT JOIN events d ON d.id = e.duplicate_of`

// Status is the GeoReport status of an event state: closed once it left every desk (closed,
// rejected, handed over to a case), open before.
func Status(state string) string {
	if event.Open(state) {
		return "open"
	}
	return "closed"
}

// statusNotes names the state in Chinese, with the result of a closed event or the event a
// rejected one repeats.
func statusNotes(r row) string {
	name := event.StateName(r.State)
	switch {
	case r.State == event.Closed && r.Result != "":
		return name + "：" + r.Result
	case r.State == event.Rejected && r.DuplicateNo != "":
		return name + "：与事件 " + r.DuplicateNo + " 重复"
	}
	return name
}

// W3C writes a stored stamp as a W3C datetime in China Standard Time ("" for none).
func W3C(stamp string) string {
	if stamp == "" {
		return ""
	}
	t, err := clock.ParseStamp(stamp)
	if err != nil {
		return ""
	}
	return t.In(civil.Zone).Format(time.RFC3339)
}

// protectedText replaces the description of a report whose reporter asked for protection: what
// it says may tell who made it.
const protectedText = "（举报内容依法保密）"

func (r row) request() Request {
	out := Request{ID: r.No, Status: Status(r.State), StatusNotes: statusNotes(r), ServiceName: r.Name, ServiceCode: r.Code,
		Description: r.Description, AgencyResponsible: r.TeamName, RequestedDatetime: W3C(r.ReportedAt),
		UpdatedDatetime: W3C(r.UpdatedAt), Address: r.Address, Lat: r.Lat, Long: r.Lng}
	if r.Protected {
		out.Description = protectedText
	}
	if r.HandleLimit != "" {
		out.ServiceNotice = "处置时限" + r.HandleLimit
	}
	if due := W3C(r.HandleDue); due != "" {
		out.ExpectedDatetime = &due
	}
	return out
}

// Query selects service requests (GET requests): by number, else by service, period and status.
type Query struct {
	Region   string    // jurisdiction; "" for every one
	IDs      []string  // event numbers; when given the other criteria are ignored
	Codes    []string  // service codes
	From, To time.Time // reported within [From, To]
	Status   string    // "open", "closed" or "" for both
}

// Requests reads the requests a query selects, newest first, at most MaxResults.
func (s *Service) Requests(ctx context.Context, q Query) ([]Request, error) {
	var conds []string
	var args []any
	if q.Region != "" {
		c, a := access.ScopeOf(q.Region).In("e.region_code")
		conds, args = append(conds, c), append(args, a...)
	}
	if len(q.IDs) > 0 {
		conds, args = append(conds, "e.no IN (?)"), append(args, q.IDs)
	} else {
		if len(q.Codes) > 0 {
			conds, args = append(conds, "e.category_code IN (?)"), append(args, q.Codes)
		}
		conds, args = append(conds, "e.reported_at >= ? AND e.reported_at <= ?"), append(args, clock.Stamp(q.From), clock.Stamp(q.To))
		switch q.Status {
		case "open":
			conds, args = append(conds, "e.state NOT IN (?)"), append(args, closedStates)
		case "closed":
			conds, args = append(conds, "e.state IN (?)"), append(args, closedStates)
		}
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	sqlText, sqlArgs, err := db.In(`SELECT `+rowColumns+` FROM `+rowFrom+where+` ORDER BY e.reported_at DESC, e.no DESC LIMIT ?`,
		append(args, MaxResults)...)
	if err != nil {
		return nil, err
	}
	var rows []row
	if err := db.Select(ctx, s.DB.R, &rows, sqlText, sqlArgs...); err != nil {
		return nil, err
	}
	out := make([]Request, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.request())
	}
	return out, nil
}

var closedStates = []string{event.Closed, event.Rejected, event.ToCase}

// requestNotFound is an event number nobody holds (in the jurisdiction asked).
func requestNotFound(id string) error {
	return &apperr.Error{Kind: apperr.KindNotFound, Code: "OPEN311_REQUEST_UNKNOWN", Field: "service_request_id",
		Message: "service_request_id 不存在：" + id}
}

// Request reads one request by its event number.
func (s *Service) Request(ctx context.Context, region, id string) (Request, error) {
	if id == "" {
		return Request{}, requestNotFound(id)
	}
	list, err := s.Requests(ctx, Query{Region: region, IDs: []string{id}})
	if err != nil {
		return Request{}, err
	}
	if len(list) == 0 {
		return Request{}, requestNotFound(id)
	}
	return list[0], nil
}

// Token is the request a token stands for. A request is numbered when it is posted, so its token
// is its number.
type Token struct {
	ID    string `json:"service_request_id" xml:"service_request_id"`
	Token string `json:"token" xml:"token"`
}

// Token resolves a token.
func (s *Service) Token(ctx context.Context, region, token string) (Token, error) {
	r, err := s.Request(ctx, region, token)
	if err != nil {
		if apperr.Is(err, "OPEN311_REQUEST_UNKNOWN") {
			return Token{}, &apperr.Error{Kind: apperr.KindNotFound, Code: "OPEN311_TOKEN_UNKNOWN", Field: "token",
				Message: "token 不存在：" + token}
		}
		return Token{}, err
	}
	return Token{ID: r.ID, Token: token}, nil
}

// Created is the answer to a posted request.
type Created struct {
	ID        string  `json:"service_request_id"`
	Notice    string  `json:"service_notice"`
	AccountID *string `json:"account_id"`
}

// Submission is a request posted by a client, read from its form.
type Submission struct {
	APIKey       string
	Jurisdiction string
	ServiceCode  string
	Lat, Long    string // WGS84 degrees as the client wrote them
	Address      string
	Description  string
	FirstName    string
	LastName     string
	Phone        string
	Email        string
	DeviceID     string
	AccountID    string
	MediaURL     string
}

// Submit takes a request in as an event of the key's jurisdiction.
func (s *Service) Submit(ctx context.Context, in Submission) (Created, error) {
	k, err := s.key(ctx, in.APIKey)
	if err != nil {
		return Created{}, err
	}
	region := k.RegionCode
	if in.Jurisdiction != "" {
		if !regionPattern.MatchString(in.Jurisdiction) {
			return Created{}, apperr.InvalidField("jurisdiction_id", "OPEN311_JURISDICTION_INVALID", "jurisdiction_id 应为12位行政区划代码")
		}
		if !access.ScopeOf(k.RegionCode).Contains(in.Jurisdiction) {
			return Created{}, apperr.Forbidden("该 api_key 不能向辖区 " + in.Jurisdiction + " 提交诉求")
		}
		region = in.Jurisdiction
	}
	code := strings.TrimSpace(in.ServiceCode)
	if code == "" {
		return Created{}, apperr.InvalidField("service_code", "OPEN311_SERVICE_CODE_REQUIRED", "缺少 service_code（服务代码，即事件小类代码）")
	}
	lat, lng, err := location(in.Lat, in.Long)
	if err != nil {
		return Created{}, err
	}
	desc := strings.TrimSpace(in.Description)
	if n := len([]rune(desc)); n > MaxDescription {
		return Created{}, apperr.InvalidField("description", "OPEN311_DESCRIPTION_TOO_LONG", "description（诉求描述）不超过2000字")
	}
	name := fullName(in.FirstName, in.LastName)
	if len([]rune(name)) > 50 {
		return Created{}, apperr.InvalidField("first_name", "OPEN311_NAME_TOO_LONG", "first_name 与 last_name（姓名）合计不超过50字")
	}
	if desc == "" {
		desc = code
		if t, err := s.tree(ctx, region); err == nil {
			if c, ok := t.Find(code); ok {
				desc = c.Name
			}
		}
	}
	e, err := s.Events.PublicIntake(ctx, access.ScopeOf(region), "open311", event.ReportInput{CategoryCode: code,
		Description: desc, Address: strings.TrimSpace(in.Address), Lng: lng, Lat: lat, CRS: "WGS84",
		ReporterName: name, ReporterPhone: normalizePhone(in.Phone)})
	if err != nil {
		return Created{}, intakeError(err, code)
	}
	return Created{ID: e.No, Notice: notice(e)}, nil
}

// location reads lat and long: both required, since the grid and the body that acts are found by
// the place; an address alone cannot be routed.
func location(latText, longText string) (lat, lng float64, err error) {
	latText, longText = strings.TrimSpace(latText), strings.TrimSpace(longText)
	if latText == "" || longText == "" {
		return 0, 0, apperr.InvalidField("lat", "OPEN311_LOCATION_REQUIRED",
			"缺少 lat 和 long（事发位置经纬度，WGS84）：本平台按位置确定网格和处置单位，仅有 address_string 或 address_id 不能受理")
	}
	lat, err1 := strconv.ParseFloat(latText, 64)
	lng, err2 := strconv.ParseFloat(longText, 64)
	if err1 != nil || err2 != nil || math.IsNaN(lat) || math.IsNaN(lng) || lat < -90 || lat > 90 || lng < -180 || lng > 180 {
		return 0, 0, apperr.InvalidField("lat", "OPEN311_LOCATION_INVALID", "lat 应为-90至90、long 应为-180至180的十进制度数（WGS84）")
	}
	return lat, lng, nil
}

// notice tells the client what became of its request.
func notice(e event.Event) string {
	if e.State == event.Dispatched && e.TeamName != "" {
		return "已受理并派遣至" + e.TeamName + "，处置时限" + e.HandleLimit + "；请凭编号 " + e.No + " 查询办理进度"
	}
	return "已收到，当前状态：" + event.StateName(e.State) + "；请凭编号 " + e.No + " 查询办理进度"
}

// openFields are the Open311 names of the fields of an event report.
var openFields = map[string]string{
	"categoryCode": "service_code", "location": "lat/long", "lng": "long", "lat": "lat", "description": "description",
	"address": "address_string", "reporterName": "first_name/last_name", "reporterPhone": "phone",
}

// intakeError names the Open311 parameter an error of the event service is about; an unknown
// subclass is an unknown service (404).
func intakeError(err error, code string) error {
	e := apperr.As(err)
	if e.Code == "EVENT_CATEGORY_UNKNOWN" {
		return serviceUnknown(code)
	}
	if name, ok := openFields[e.Field]; ok && e.Kind == apperr.KindInvalid {
		c := *e
		c.Field = name
		if !strings.Contains(c.Message, name) {
			c.Message += "（参数 " + name + "）"
		}
		return &c
	}
	return err
}

// fullName joins the parts of a name: a Chinese name surname first without a space (张三), any
// other given name first.
func fullName(first, last string) string {
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	for _, r := range first + last {
		if r >= 0x4e00 && r <= 0x9fff {
			return last + first
		}
	}
	return strings.TrimSpace(first + " " + last)
}

// normalizePhone drops the spaces, brackets and dots clients write a number with.
func normalizePhone(p string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '(', ')', '.', '\u00a0':
			return -1
		}
		return r
	}, strings.TrimSpace(p))
}
