package httpx

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/query"
	"zhifa/internal/platform/text"
)

// MaxBody bounds a JSON request body.
const MaxBody = 1 << 20

// JSON writes v as JSON with the given status. Once the status is written nothing else can be
// told to the client, so a failed write (typically a client that went away) is only logged.
func JSON(w http.ResponseWriter, status int, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if _, err := w.Write(append(body, '\n')); err != nil {
		slog.Debug("response not delivered", "err", err)
	}
	return nil
}

// OK writes v with status 200.
func OK(w http.ResponseWriter, v any) error { return JSON(w, http.StatusOK, v) }

// Created writes v with status 201.
func Created(w http.ResponseWriter, v any) error { return JSON(w, http.StatusCreated, v) }

// Decode reads a JSON body into dst (a pointer to a struct), refusing a body that is not JSON, is
// larger than MaxBody, is null, carries unknown fields or trailing data, leaves out a field tagged
// `required:"true"`, or holds text that breaks its field's limits (package text). A refused body
// changes nothing, since nothing has been done yet.
func Decode(r *http.Request, dst any) error {
	if err := requireJSON(r); err != nil {
		return err
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		return apperr.Invalid("BODY_UNREADABLE", "无法读取请求内容")
	}
	if len(raw) > MaxBody {
		return apperr.Invalid("BODY_TOO_LARGE", fmt.Sprintf("请求内容不能超过%dKB", MaxBody>>10))
	}
	return DecodeJSON(raw, dst)
}

// DecodeJSON reads JSON already in hand into dst with the checks of Decode: not empty or null, no
// unknown fields or trailing data, every `required:"true"` field present, text within its limits.
// A value nested in a body as raw JSON (a setting's value) is decoded with it.
func DecodeJSON(raw []byte, dst any) error {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
		return apperr.Invalid("BODY_REQUIRED", "请求内容为空")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field == "":
			return apperr.Invalid("BODY_MALFORMED", "请求内容应为 JSON 对象")
		case errors.As(err, &typeErr):
			return apperr.InvalidField(typeErr.Field, "BODY_FIELD_TYPE", "字段 "+typeErr.Field+" 的类型不正确或超出范围")
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return apperr.InvalidField(f, "BODY_UNKNOWN_FIELD", "未知字段："+f)
		default:
			return apperr.Invalid("BODY_MALFORMED", "请求内容不是有效的 JSON")
		}
	}
	if dec.More() {
		return apperr.Invalid("BODY_MALFORMED", "请求内容不是单个 JSON 对象")
	}
	if err := requiredPresent(trimmed, dst); err != nil {
		return err
	}
	return text.Struct(dst)
}

// requireJSON refuses a request body sent as anything but JSON. Browsers send text/plain and form
// bodies across sites without asking first; a JSON content type cannot be sent that way.
func requireJSON(r *http.Request) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &apperr.Error{Kind: apperr.KindUnsupportedMedia, Code: "BODY_NOT_JSON",
			Message: "请求内容应为 JSON（Content-Type: application/json）"}
	}
	return nil
}

// requiredPresent checks that every field of dst tagged `required:"true"` appears in the JSON
// object and is not null, so that an empty body cannot reset a setting to zero.
func requiredPresent(raw []byte, dst any) error {
	t := reflect.TypeOf(dst)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var present map[string]json.RawMessage
	if err := json.Unmarshal(raw, &present); err != nil {
		return apperr.Invalid("BODY_MALFORMED", "请求内容应为 JSON 对象")
	}
	return requiredFields(t, present)
}

func requiredFields(t reflect.Type, present map[string]json.RawMessage) error {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			if err := requiredFields(f.Type, present); err != nil {
				return err
			}
			continue
		}
		if f.Tag.Get("required") != "true" {
			continue
		}
		if v, ok := present[name]; !ok || string(bytes.TrimSpace(v)) == "null" {
			return apperr.InvalidField(name, "BODY_FIELD_REQUIRED", "缺少必填字段："+name)
		}
	}
	return nil
}

// ErrorBody is the JSON shape of every error answer.
type ErrorBody struct {
	Error *apperr.Error `json:"error"`
}

// WriteError writes err as a coded JSON error with the matching status.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		// The client went away (navigated elsewhere, closed the tab); nobody is left to answer.
		slog.DebugContext(r.Context(), "request abandoned by client", "method", r.Method, "path", r.URL.Path)
		return
	}
	e := apperr.As(err)
	status := StatusOf(e)
	if status >= 500 {
		slog.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	JSON(w, status, ErrorBody{Error: e})
}

// StatusOf maps a business error to an HTTP status.
func StatusOf(e *apperr.Error) int {
	switch e.Kind {
	case apperr.KindInvalid:
		if len(e.Details) > 0 {
			return http.StatusUnprocessableEntity
		}
		return http.StatusBadRequest
	case apperr.KindNotFound:
		return http.StatusNotFound
	case apperr.KindConflict:
		return http.StatusConflict
	case apperr.KindUnauthorized:
		return http.StatusUnauthorized
	case apperr.KindForbidden:
		return http.StatusForbidden
	case apperr.KindLocked:
		return http.StatusLocked
	case apperr.KindUnsupportedMedia:
		return http.StatusUnsupportedMediaType
	case apperr.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	case apperr.KindTooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// Page is a request for one page of a sorted list (query.Page).
type Page = query.Page

// MaxPageSize bounds a page; exports page through larger views.
const MaxPageSize = query.MaxPageSize

// MaxOffset: see query.MaxOffset.
const MaxOffset = query.MaxOffset

// PageOf reads page, pageSize, sort and order from the query string.
func PageOf(r *http.Request) (Page, error) {
	q := r.URL.Query()
	p := Page{Page: 1, PageSize: 20, Sort: q.Get("sort")}
	if s := q.Get("page"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(s, "-") {
			n, err = math.MaxInt64, nil // past the end of any list: an empty page
		}
		if err != nil || n < 1 {
			return p, apperr.InvalidField("page", "PAGE_INVALID", "页码应为正整数")
		}
		p.Page = int(n)
	}
	if s := q.Get("pageSize"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxPageSize {
			return p, apperr.InvalidField("pageSize", "PAGE_SIZE_INVALID", "每页条数应在 1 到 500 之间")
		}
		p.PageSize = n
	}
	switch q.Get("order") {
	case "", "asc":
	case "desc":
		p.Desc = true
	default:
		return p, apperr.InvalidField("order", "ORDER_INVALID", "排序方向应为 asc 或 desc")
	}
	return p, nil
}

// List is one page of results.
type List[T any] struct {
	Items    []T `json:"items"`
	Total    int `json:"total"`
	Page     int `json:"page"`
	PageSize int `json:"pageSize"`
}

// NewList wraps items as a page, never with a null items array.
func NewList[T any](items []T, total int, p Page) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Items: items, Total: total, Page: p.Page, PageSize: p.PageSize}
}
