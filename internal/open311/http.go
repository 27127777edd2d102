package open311

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/text"
)

// Base is the path the endpoint is served under.
const Base = "/open311/v2"

// format is the representation a client asks for by the extension of the resource.
type format string

const (
	formatJSON format = "json"
	formatXML  format = "xml"
)

var formats = []format{formatJSON, formatXML}

// Formats are the media types service discovery announces.
var Formats = []string{"application/json", "text/xml"}

// Discovery is the service discovery document.
type Discovery struct {
	XMLName    xml.Name   `json:"-" xml:"discovery"`
	Changeset  string     `json:"changeset" xml:"changeset"`
	Contact    string     `json:"contact" xml:"contact"`
	KeyService string     `json:"key_service" xml:"key_service"`
	Endpoints  []Endpoint `json:"endpoints" xml:"endpoints>endpoint"`
}

// Endpoint is one endpoint of service discovery.
type Endpoint struct {
	Specification string   `json:"specification" xml:"specification"`
	URL           string   `json:"url" xml:"url"`
	Changeset     string   `json:"changeset" xml:"changeset"`
	Type          string   `json:"type" xml:"type"`
	Formats       []string `json:"formats" xml:"formats>format"`
}

// Error is one error of an error answer: [{"code":400,"description":"…"}], <errors><error>….
type Error struct {
	Code        int    `json:"code" xml:"code"`
	Description string `json:"description" xml:"description"`
}

// The XML documents: each list has its root element.
type (
	xmlServices struct {
		XMLName xml.Name      `xml:"services"`
		Items   []ServiceType `xml:"service"`
	}
	xmlDefinition struct {
		XMLName    xml.Name `xml:"service_definition"`
		Code       string   `xml:"service_code"`
		Attributes struct{} `xml:"attributes"`
	}
	xmlRequests[T any] struct {
		XMLName xml.Name `xml:"service_requests"`
		Items   []T      `xml:"request"`
	}
	xmlCreated struct {
		ID        string `xml:"service_request_id"`
		Notice    string `xml:"service_notice"`
		AccountID string `xml:"account_id"`
	}
	xmlErrors struct {
		XMLName xml.Name `xml:"errors"`
		Items   []Error  `xml:"error"`
	}
)

// answer is what a resource holds, in each format.
type answer struct {
	json any
	xml  any
}

func requestsAnswer[T any](items []T) answer {
	if items == nil {
		items = []T{}
	}
	return answer{json: items, xml: xmlRequests[T]{Items: items}}
}

// Query parameters of the reads.
var (
	jurisdictionParam = httpx.Param{Name: "jurisdiction_id", Description: "辖区12位行政区划代码；不填时按 api_key 的辖区，均无则不限辖区（服务列表为全国默认分类）"}
	keyParam          = httpx.Param{Name: "api_key", Description: "接入密钥（读取时可不填）"}
	requestParams     = []httpx.Param{jurisdictionParam, keyParam,
		{Name: "service_request_id", Description: "诉求编号（事件编号），多个以逗号分隔；填写时忽略其他条件"},
		{Name: "service_code", Description: "服务代码（事件小类代码），多个以逗号分隔"},
		{Name: "start_date", Description: "上报时间起（W3C 日期时间，如 2026-01-01T00:00:00+08:00）"},
		{Name: "end_date", Description: "上报时间止（W3C 日期时间）；起止不超过90天，均不填时为最近90天"},
		{Name: "status", Description: "open（办理中）或 closed（已办结），多个以逗号分隔"}}
	postParams = []httpx.Param{keyParam, jurisdictionParam,
		{Name: "service_code", Description: "服务代码（事件小类代码），必填"},
		{Name: "lat", Description: "纬度（WGS84），必填", Type: "number"},
		{Name: "long", Description: "经度（WGS84），必填", Type: "number"},
		{Name: "address_string", Description: "地址"},
		{Name: "description", Description: "诉求描述，不超过2000字；不填时为服务名称"},
		{Name: "first_name", Description: "名"}, {Name: "last_name", Description: "姓"},
		{Name: "phone", Description: "联系电话"}, {Name: "email", Description: "电子邮箱（不保存）"},
		{Name: "device_id", Description: "设备标识（不保存）"}, {Name: "account_id", Description: "账号（不保存）"},
		{Name: "media_url", Description: "图片地址（不保存）"}}
)

// Routes returns the endpoint's routes, all public. A ServeMux pattern cannot put a wildcard and
// an extension in one segment, so each list has a route per format and each record one route
// whose last segment carries both ({file} = 编号.json or 编号.xml).
func (s *Service) Routes() []httpx.Route {
	var routes []httpx.Route
	for _, f := range formats {
		name := strings.ToUpper(string(f))
		ext := "." + string(f)
		routes = append(routes,
			public(http.MethodGet, Base+"/discovery"+ext, "Open311 服务发现（"+name+"）：规范版本、地址与支持的格式",
				nil, Discovery{}, s.serve(f, s.discovery)),
			public(http.MethodGet, Base+"/services"+ext, "Open311 服务列表（"+name+"）：辖区适用的事件小类及其处置时限",
				[]httpx.Param{jurisdictionParam, keyParam}, []ServiceType{}, s.serve(f, s.services)),
			public(http.MethodPost, Base+"/requests"+ext, "Open311 提交诉求（"+name+"）：凭 api_key 表单提交，按经纬度定位网格、确定处置单位并受理派遣",
				postParams, []Created{}, s.serve(f, s.create)),
			public(http.MethodGet, Base+"/requests"+ext, "Open311 诉求查询（"+name+"）：按编号、服务代码、上报时间与状态查询，不含诉求人信息",
				requestParams, []Request{}, s.serve(f, s.requests)),
		)
	}
	return append(routes,
		public(http.MethodGet, Base+"/services/{file}", "Open311 服务定义：services/{服务代码}.json 或 .xml",
			[]httpx.Param{jurisdictionParam, keyParam}, Definition{}, s.serveFile(s.definition)),
		public(http.MethodGet, Base+"/requests/{file}", "Open311 单个诉求：requests/{诉求编号}.json 或 .xml",
			[]httpx.Param{jurisdictionParam, keyParam}, []Request{}, s.serveFile(s.request)),
		public(http.MethodGet, Base+"/tokens/{file}", "Open311 令牌换取诉求编号：tokens/{令牌}.json 或 .xml（令牌即诉求编号）",
			[]httpx.Param{jurisdictionParam, keyParam}, []Token{}, s.serveFile(s.token)),
	)
}

func public(method, path, summary string, query []httpx.Param, response any, h httpx.HandlerFunc) httpx.Route {
	return httpx.Route{Method: method, Path: path, Public: true, Tag: "Open311", Summary: summary, Query: query,
		Response: response, Handler: h}
}

type resource func(w http.ResponseWriter, r *http.Request) (answer, error)

// serve answers a resource in format f; errors are answered in the same format.
func (s *Service) serve(f format, fn resource) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		a, err := fn(w, r)
		if err != nil {
			writeError(w, r, f, err)
			return nil
		}
		return write(w, r, f, http.StatusOK, a)
	}
}

// serveFile answers a record named by the last path segment, id.json or id.xml.
func (s *Service) serveFile(fn func(r *http.Request, id string) (answer, error)) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, f, ok := splitFile(r.PathValue("file"))
		if !ok {
			writeError(w, r, formatJSON, &apperr.Error{Kind: apperr.KindNotFound, Code: "OPEN311_FORMAT_UNKNOWN",
				Message: "资源应以 .json 或 .xml 结尾"})
			return nil
		}
		a, err := fn(r, id)
		if err != nil {
			writeError(w, r, f, err)
			return nil
		}
		return write(w, r, f, http.StatusOK, a)
	}
}

// splitFile reads id.json or id.xml.
func splitFile(file string) (id string, f format, ok bool) {
	i := strings.LastIndexByte(file, '.')
	if i < 0 {
		return "", "", false
	}
	switch format(file[i+1:]) {
	case formatJSON:
		return file[:i], formatJSON, true
	case formatXML:
		return file[:i], formatXML, true
	}
	return "", "", false
}

// write answers a in format f: XML with its declaration, as the specification requires.
func write(w http.ResponseWriter, r *http.Request, f format, status int, a answer) error {
	var body []byte
	var err error
	h := w.Header()
	if f == formatXML {
		body, err = xml.Marshal(a.xml)
		body = append([]byte(xml.Header), body...)
		h.Set("Content-Type", "text/xml; charset=utf-8")
	} else {
		body, err = json.Marshal(a.json)
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	if err != nil {
		return err
	}
	if r.Method == http.MethodGet {
		// What is read here is public: web applications of other sites may read it too.
		h.Set("Access-Control-Allow-Origin", "*")
	}
	w.WriteHeader(status)
	if _, err := w.Write(append(body, '\n')); err != nil {
		slog.DebugContext(r.Context(), "response not delivered", "err", err)
	}
	return nil
}

// ErrorOf turns an error into the status and the error of an Open311 answer: bad input is 400
// (the specification knows no 422), an unknown service or request 404, a missing or unknown
// api_key 403.
func ErrorOf(err error) (int, Error) {
	e := apperr.As(err)
	status := httpx.StatusOf(e)
	if e.Kind == apperr.KindInvalid {
		status = http.StatusBadRequest
	}
	return status, Error{Code: status, Description: e.Message}
}

func writeError(w http.ResponseWriter, r *http.Request, f format, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return
	}
	status, e := ErrorOf(err)
	if status >= 500 {
		slog.ErrorContext(r.Context(), "open311 request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	list := []Error{e}
	if werr := write(w, r, f, status, answer{json: list, xml: xmlErrors{Items: list}}); werr != nil {
		httpx.WriteError(w, r, werr)
	}
}

func (s *Service) discovery(_ http.ResponseWriter, r *http.Request) (answer, error) {
	d := Discovery{Changeset: Changeset,
		Contact:    "请联系事发地县（市、区）城市管理（综合行政执法）部门",
		KeyService: "提交诉求须使用接入密钥（api_key）：由平台管理员按辖区签发，每个密钥对应一个行政区划",
		Endpoints: []Endpoint{{Specification: Specification, URL: s.baseURL(r), Changeset: Changeset, Type: "production",
			Formats: Formats}}}
	return answer{json: d, xml: d}, nil
}

// baseURL is the address of the endpoint as clients reach it.
func (s *Service) baseURL(r *http.Request) string {
	if s.PublicURL != nil {
		return strings.TrimSuffix(s.PublicURL.String(), "/") + Base
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + Base
}

// jurisdiction is the region a read is limited to: jurisdiction_id, else the api_key's, else none.
func (s *Service) jurisdiction(ctx context.Context, v url.Values) (string, error) {
	if j := strings.TrimSpace(v.Get("jurisdiction_id")); j != "" {
		if !regionPattern.MatchString(j) {
			return "", apperr.InvalidField("jurisdiction_id", "OPEN311_JURISDICTION_INVALID", "jurisdiction_id 应为12位行政区划代码")
		}
		return j, nil
	}
	if k := v.Get("api_key"); k != "" {
		key, err := s.key(ctx, k)
		if err != nil {
			return "", err
		}
		return key.RegionCode, nil
	}
	return "", nil
}

func (s *Service) services(_ http.ResponseWriter, r *http.Request) (answer, error) {
	region, err := s.jurisdiction(r.Context(), r.URL.Query())
	if err != nil {
		return answer{}, err
	}
	list, err := s.Services(r.Context(), region)
	if err != nil {
		return answer{}, err
	}
	return answer{json: list, xml: xmlServices{Items: list}}, nil
}

func (s *Service) definition(r *http.Request, code string) (answer, error) {
	region, err := s.jurisdiction(r.Context(), r.URL.Query())
	if err != nil {
		return answer{}, err
	}
	d, err := s.Define(r.Context(), region, code)
	if err != nil {
		return answer{}, err
	}
	return answer{json: d, xml: xmlDefinition{Code: d.Code}}, nil
}

func (s *Service) requests(_ http.ResponseWriter, r *http.Request) (answer, error) {
	q, err := s.query(r.Context(), r.URL.Query())
	if err != nil {
		return answer{}, err
	}
	list, err := s.Requests(r.Context(), q)
	if err != nil {
		return answer{}, err
	}
	return requestsAnswer(list), nil
}

func (s *Service) request(r *http.Request, id string) (answer, error) {
	region, err := s.jurisdiction(r.Context(), r.URL.Query())
	if err != nil {
		return answer{}, err
	}
	one, err := s.Request(r.Context(), region, id)
	if err != nil {
		return answer{}, err
	}
	return requestsAnswer([]Request{one}), nil
}

func (s *Service) token(r *http.Request, token string) (answer, error) {
	region, err := s.jurisdiction(r.Context(), r.URL.Query())
	if err != nil {
		return answer{}, err
	}
	t, err := s.Token(r.Context(), region, token)
	if err != nil {
		return answer{}, err
	}
	return requestsAnswer([]Token{t}), nil
}

// query reads the criteria of GET requests.
func (s *Service) query(ctx context.Context, v url.Values) (Query, error) {
	region, err := s.jurisdiction(ctx, v)
	if err != nil {
		return Query{}, err
	}
	q := Query{Region: region}
	if q.IDs = values(v, "service_request_id"); len(q.IDs) > 0 {
		if len(q.IDs) > MaxResults {
			return Query{}, apperr.InvalidField("service_request_id", "OPEN311_TOO_MANY_IDS", "一次最多查询1000个诉求编号")
		}
		return q, nil
	}
	q.Codes = values(v, "service_code")
	statuses := values(v, "status")
	for _, st := range statuses {
		if st != "open" && st != "closed" {
			return Query{}, apperr.InvalidField("status", "OPEN311_STATUS_INVALID", "status 应为 open（办理中）或 closed（已办结）")
		}
	}
	if len(statuses) == 1 {
		q.Status = statuses[0]
	}
	q.From, q.To, err = period(v, s.now())
	return q, err
}

// values reads a parameter that may be given several times, each time a comma-separated list.
func values(v url.Values, name string) []string {
	var out []string
	seen := map[string]bool{}
	for _, raw := range v[name] {
		for _, x := range strings.Split(raw, ",") {
			if x = strings.TrimSpace(x); x != "" && !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	return out
}

// period reads start_date and end_date: the most recent 90 days when neither is given, 90 days from
// the one given, never more than 90 days.
func period(v url.Values, now time.Time) (from, to time.Time, err error) {
	start, hasStart, err := dateParam(v, "start_date", false)
	if err != nil {
		return from, to, err
	}
	end, hasEnd, err := dateParam(v, "end_date", true)
	if err != nil {
		return from, to, err
	}
	switch {
	case hasStart && hasEnd:
		from, to = start, end
	case hasStart:
		from, to = start, start.Add(Window)
	case hasEnd:
		from, to = end.Add(-Window), end
	default:
		from, to = now.Add(-Window), now
	}
	if to.Before(from) {
		return from, to, apperr.InvalidField("end_date", "OPEN311_PERIOD_INVALID", "end_date 不能早于 start_date")
	}
	if to.Sub(from) > Window {
		return from, to, apperr.InvalidField("end_date", "OPEN311_PERIOD_TOO_LONG", "start_date 至 end_date 不能超过90天")
	}
	return from, to, nil
}

// dateParam reads a W3C datetime (2026-01-02T08:00:00+08:00, …Z, or a date alone, in China
// Standard Time). A date alone ends at the end of its day when it closes a period. A "+" that the
// query string turned into a space is read back.
func dateParam(v url.Values, name string, end bool) (time.Time, bool, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, false, nil
	}
	if strings.Contains(s, "T") {
		s = strings.ReplaceAll(s, " ", "+")
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true, nil
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, civil.Zone); err == nil {
			return t, true, nil
		}
	}
	if t, err := time.ParseInLocation("2006-01-02", s, civil.Zone); err == nil {
		if end {
			t = t.AddDate(0, 0, 1).Add(-time.Millisecond)
		}
		return t, true, nil
	}
	return time.Time{}, false, apperr.InvalidField(name, "OPEN311_DATE_INVALID", name+" 应为 W3C 日期时间，如 2026-01-01T00:00:00+08:00")
}

// Limits of the fields of a posted request.
var formLimits = map[string]text.Limit{
	"api_key": {Max: 64}, "jurisdiction_id": {Max: 12}, "service_code": {Max: 20}, "lat": {Max: 40}, "long": {Max: 40},
	"address_string": {Max: 200}, "address_id": {Max: 100}, "email": {Max: 100}, "device_id": {Max: 100},
	"account_id": {Max: 100}, "first_name": {Max: 50}, "last_name": {Max: 50}, "phone": {Max: 30},
	"description": {Max: MaxDescription, Multiline: true}, "media_url": {Max: 1000},
}

// maxFormFields bounds the fields of one posted request (the standard ones and attributes).
const maxFormFields = 100

// readForm reads a posted request: a URL-encoded or multipart form of at most MaxBody bytes.
func readForm(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	mt := ""
	if ct := r.Header.Get("Content-Type"); ct != "" {
		m, _, err := mime.ParseMediaType(ct)
		if err != nil {
			mt = "invalid"
		} else {
			mt = m
		}
	}
	var err error
	switch mt {
	case "", "application/x-www-form-urlencoded":
		err = r.ParseForm()
	case "multipart/form-data":
		err = r.ParseMultipartForm(MaxBody)
		if r.MultipartForm != nil {
			defer r.MultipartForm.RemoveAll()
		}
	default:
		return nil, &apperr.Error{Kind: apperr.KindUnsupportedMedia, Code: "OPEN311_BODY_NOT_FORM",
			Message: "请求内容应为表单（application/x-www-form-urlencoded 或 multipart/form-data）"}
	}
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, &apperr.Error{Kind: apperr.KindTooLarge, Code: "OPEN311_BODY_TOO_LARGE", Message: "请求内容不能超过64KB"}
		}
		return nil, apperr.Invalid("OPEN311_BODY_MALFORMED", "无法解析请求表单")
	}
	if len(r.Form) > maxFormFields {
		return nil, apperr.Invalid("OPEN311_TOO_MANY_FIELDS", "请求表单字段过多")
	}
	return r.Form, nil
}

// checkForm applies the text rules to every field of a posted request.
func checkForm(form url.Values) error {
	for k, vs := range form {
		if err := text.Check(k, k, text.Limit{Max: 100}); err != nil {
			return err
		}
		l, ok := formLimits[k]
		if !ok {
			l = text.Limit{Max: 500, Multiline: true}
		}
		for _, v := range vs {
			if err := text.Check(k, v, l); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Service) create(w http.ResponseWriter, r *http.Request) (answer, error) {
	form, err := readForm(w, r)
	if err != nil {
		return answer{}, err
	}
	// An unknown client learns nothing of what else is wrong with its request.
	if _, err := s.key(r.Context(), form.Get("api_key")); err != nil {
		return answer{}, err
	}
	if n := len([]rune(strings.TrimSpace(form.Get("description")))); n > MaxDescription {
		return answer{}, apperr.InvalidField("description", "OPEN311_DESCRIPTION_TOO_LONG", "description（诉求描述）不超过2000字")
	}
	if err := checkForm(form); err != nil {
		return answer{}, err
	}
	c, err := s.Submit(r.Context(), Submission{APIKey: form.Get("api_key"), Jurisdiction: strings.TrimSpace(form.Get("jurisdiction_id")),
		ServiceCode: form.Get("service_code"), Lat: form.Get("lat"), Long: form.Get("long"), Address: form.Get("address_string"),
		Description: form.Get("description"), FirstName: form.Get("first_name"), LastName: form.Get("last_name"),
		Phone: form.Get("phone"), Email: form.Get("email"), DeviceID: form.Get("device_id"), AccountID: form.Get("account_id"),
		MediaURL: form.Get("media_url")})
	if err != nil {
		return answer{}, err
	}
	return answer{json: []Created{c}, xml: xmlRequests[xmlCreated]{Items: []xmlCreated{{ID: c.ID, Notice: c.Notice}}}}, nil
}
