package httpx

import (
	"context"
	"io"
	"math"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
)

// Endpoint is a route's handler built from a service method: the adapters below decode the path
// value, query string and JSON body the method takes, call it with the caller, and write what it
// returns, so that each route of the table is one line naming the method. The types of the
// method's input and output describe the route in the OpenAPI document.
type Endpoint struct {
	body     any     // zero value of the JSON body type, nil for none
	response any     // zero value of the response type, nil for none
	query    []Param // the query parameters the handler reads
	status   int     // the success status
	upload   bool    // takes a multipart file
	stream   bool    // takes the body as a file, sent as it is
	bind     func(rt Route, status int) HandlerFunc
}

// Created makes the endpoint answer 201 Created.
func (e Endpoint) Created() Endpoint { e.status = http.StatusCreated; return e }

// Done is the answer of an endpoint that returns nothing else: {"ok": true}.
type Done struct {
	OK bool `json:"ok"`
}

// respond writes a handler's result with the endpoint's success status.
func respond(w http.ResponseWriter, status int, out any) error {
	if status == 0 {
		status = http.StatusOK
	}
	return JSON(w, status, out)
}

// bound finishes an endpoint: prepare, given the route, returns the call that decodes a request
// and runs the service method; its result is written with the endpoint's success status.
func bound[Out any](e Endpoint, prepare func(rt Route) func(r *http.Request) (Out, error)) Endpoint {
	e.bind = func(rt Route, status int) HandlerFunc {
		call := prepare(rt)
		return func(w http.ResponseWriter, r *http.Request) error {
			res, err := call(r)
			if err != nil {
				return err
			}
			return respond(w, status, res)
		}
	}
	return e
}

// always is a prepare step that does not depend on the route.
func always[Out any](call func(r *http.Request) (Out, error)) func(Route) func(*http.Request) (Out, error) {
	return func(Route) func(*http.Request) (Out, error) { return call }
}

// decoded reads the JSON body (Decode) and the query string (DecodeQuery) into fresh values.
func decodedBody[In any](r *http.Request) (in In, err error) { err = Decode(r, &in); return in, err }

func decodedQuery[Q any](r *http.Request) (q Q, err error) { err = DecodeQuery(r, &q); return q, err }

// Fetch calls fn with the caller only.
func Fetch[Out any](fn func(ctx context.Context, p *access.Principal) (Out, error)) Endpoint {
	var out Out
	return bound(Endpoint{response: out}, always(func(r *http.Request) (Out, error) {
		return fn(r.Context(), Principal(r))
	}))
}

// WithBody calls fn with the JSON body.
func WithBody[In, Out any](fn func(ctx context.Context, p *access.Principal, in In) (Out, error)) Endpoint {
	var in In
	var out Out
	return bound(Endpoint{body: in, response: out}, always(func(r *http.Request) (Out, error) {
		in, err := decodedBody[In](r)
		if err != nil {
			return out, err
		}
		return fn(r.Context(), Principal(r), in)
	}))
}

// ByID calls fn with the route's one path value.
func ByID[Out any](fn func(ctx context.Context, p *access.Principal, id string) (Out, error)) Endpoint {
	var out Out
	return bound(Endpoint{response: out}, func(rt Route) func(*http.Request) (Out, error) {
		name := onlyParam(rt)
		return func(r *http.Request) (Out, error) { return fn(r.Context(), Principal(r), r.PathValue(name)) }
	})
}

// ByIDWithBody calls fn with the route's one path value and the JSON body.
func ByIDWithBody[In, Out any](fn func(ctx context.Context, p *access.Principal, id string, in In) (Out, error)) Endpoint {
	return withPathAndBody(1, func(ctx context.Context, p *access.Principal, ids []string, in In) (Out, error) {
		return fn(ctx, p, ids[0], in)
	})
}

// ByIDsWithBody calls fn with the route's two path values, in the order of the path, and the JSON
// body: PUT /api/v1/settings/{kind}/{regionCode}.
func ByIDsWithBody[In, Out any](fn func(ctx context.Context, p *access.Principal, first, second string, in In) (Out, error)) Endpoint {
	return withPathAndBody(2, func(ctx context.Context, p *access.Principal, ids []string, in In) (Out, error) {
		return fn(ctx, p, ids[0], ids[1], in)
	})
}

// withPathAndBody calls fn with the route's n path values and the JSON body.
func withPathAndBody[In, Out any](n int, fn func(ctx context.Context, p *access.Principal, ids []string, in In) (Out, error)) Endpoint {
	var in In
	var out Out
	return bound(Endpoint{body: in, response: out}, func(rt Route) func(*http.Request) (Out, error) {
		names := rt.PathParams()
		if len(names) != n {
			panic("httpx: " + rt.Pattern() + " needs exactly " + strconv.Itoa(n) + " path parameters for its handler")
		}
		return func(r *http.Request) (Out, error) {
			in, err := decodedBody[In](r)
			if err != nil {
				return out, err
			}
			ids := make([]string, n)
			for i, name := range names {
				ids[i] = r.PathValue(name)
			}
			return fn(r.Context(), Principal(r), ids, in)
		}
	})
}

// WithQuery calls fn with the query string decoded into Q (fields tagged `query:"name"`).
func WithQuery[Q, Out any](fn func(ctx context.Context, p *access.Principal, q Q) (Out, error)) Endpoint {
	var out Out
	return bound(Endpoint{response: out, query: QueryParams[Q]()}, always(func(r *http.Request) (Out, error) {
		q, err := decodedQuery[Q](r)
		if err != nil {
			return out, err
		}
		return fn(r.Context(), Principal(r), q)
	}))
}

// ByIDWithQuery calls fn with the route's one path value and the decoded query string.
func ByIDWithQuery[Q, Out any](fn func(ctx context.Context, p *access.Principal, id string, q Q) (Out, error)) Endpoint {
	var out Out
	return bound(Endpoint{response: out, query: QueryParams[Q]()}, func(rt Route) func(*http.Request) (Out, error) {
		name := onlyParam(rt)
		return func(r *http.Request) (Out, error) {
			q, err := decodedQuery[Q](r)
			if err != nil {
				return out, err
			}
			return fn(r.Context(), Principal(r), r.PathValue(name), q)
		}
	})
}

// Listing calls fn with the decoded filter and the requested page and answers one page of a list.
func Listing[Q, T any](fn func(ctx context.Context, p *access.Principal, q Q, page Page) ([]T, int, error)) Endpoint {
	return listing(func(r *http.Request, _ string, q Q, page Page) ([]T, int, error) {
		return fn(r.Context(), Principal(r), q, page)
	}, false)
}

// ByIDListing calls fn with the route's one path value, the decoded filter and the requested page,
// and answers one page of a list: the history of one setting.
func ByIDListing[Q, T any](fn func(ctx context.Context, p *access.Principal, id string, q Q, page Page) ([]T, int, error)) Endpoint {
	return listing(func(r *http.Request, id string, q Q, page Page) ([]T, int, error) {
		return fn(r.Context(), Principal(r), id, q, page)
	}, true)
}

// listing is Listing and ByIDListing: byID passes the route's one path value.
func listing[Q, T any](fn func(r *http.Request, id string, q Q, page Page) ([]T, int, error), byID bool) Endpoint {
	e := Endpoint{response: List[T]{}, query: append(QueryParams[Q](), PageParams...)}
	return bound(e, func(rt Route) func(*http.Request) (List[T], error) {
		name := ""
		if byID {
			name = onlyParam(rt)
		}
		return func(r *http.Request) (List[T], error) {
			page, err := PageOf(r)
			if err != nil {
				return List[T]{}, err
			}
			q, err := decodedQuery[Q](r)
			if err != nil {
				return List[T]{}, err
			}
			id := ""
			if byID {
				id = r.PathValue(name)
			}
			items, total, err := fn(r, id, q, page)
			if err != nil {
				return List[T]{}, err
			}
			return NewList(items, total, page), nil
		}
	})
}

// Upload calls fn with the uploaded file (multipart field "file", at most MaxUpload bytes).
func Upload[Out any](fn func(ctx context.Context, p *access.Principal, file io.Reader) (Out, error)) Endpoint {
	var out Out
	e := Endpoint{response: out, upload: true}
	e.bind = func(_ Route, status int) HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) error {
			f, err := UploadedFile(w, r)
			if err != nil {
				return err
			}
			defer f.Close()
			res, err := fn(r.Context(), Principal(r), f)
			if err != nil {
				return err
			}
			return respond(w, status, res)
		}
	}
	return e
}

// ByIDStream calls fn with the route's one path value, the decoded query string and the request
// body as a stream: a file sent as it is (not as a form), which fn reads to its own limit, so that
// a large file is never held in memory. The metadata of the file travels in the query string.
func ByIDStream[Q, Out any](fn func(ctx context.Context, p *access.Principal, id string, q Q, body io.Reader) (Out, error)) Endpoint {
	var out Out
	e := Endpoint{response: out, query: QueryParams[Q](), stream: true}
	e.bind = func(rt Route, status int) HandlerFunc {
		name := onlyParam(rt)
		return func(w http.ResponseWriter, r *http.Request) error {
			q, err := decodedQuery[Q](r)
			if err != nil {
				return err
			}
			res, err := fn(r.Context(), Principal(r), r.PathValue(name), q, r.Body)
			if err != nil {
				return err
			}
			return respond(w, status, res)
		}
	}
	return e
}

// Action calls fn with the route's one path value and answers {"ok": true}.
func Action(fn func(ctx context.Context, p *access.Principal, id string) error) Endpoint {
	return ByID(func(ctx context.Context, p *access.Principal, id string) (Done, error) {
		return Done{OK: true}, fn(ctx, p, id)
	})
}

// Raw is a handler written by hand (uploads, downloads, sign-in's cookie), described by doc.
func Raw(h HandlerFunc, doc Doc) Endpoint {
	return Endpoint{body: doc.Body, response: doc.Response, query: doc.Query, upload: doc.Upload,
		bind: func(Route, int) HandlerFunc { return h }}
}

// Doc describes a hand-written handler for the OpenAPI document.
type Doc struct {
	Query    []Param
	Body     any
	Response any
	Upload   bool // takes a multipart file (field "file")
}

// onlyParam is the name of a route's single path parameter; a route built with a by-id adapter
// must have exactly one.
func onlyParam(rt Route) string {
	ps := rt.PathParams()
	if len(ps) != 1 {
		panic("httpx: " + rt.Pattern() + " needs exactly one path parameter for its handler")
	}
	return ps[0]
}

// route builds a route line of the table.
func route(method, path string, perm access.Permission, summary string, e Endpoint) Route {
	rt := Route{Method: method, Path: path, Perm: perm, Summary: summary, Body: e.body, Response: e.response, Query: e.query,
		Upload: e.upload, Stream: e.stream}
	rt.Handler = e.bind(rt, e.status)
	return rt
}

// Get is a GET route: path, the permission it needs, a Chinese summary, the handler.
func Get(path string, perm access.Permission, summary string, e Endpoint) Route {
	return route(http.MethodGet, path, perm, summary, e)
}

// Post is a POST route.
func Post(path string, perm access.Permission, summary string, e Endpoint) Route {
	return route(http.MethodPost, path, perm, summary, e)
}

// Put is a PUT route.
func Put(path string, perm access.Permission, summary string, e Endpoint) Route {
	return route(http.MethodPut, path, perm, summary, e)
}

// Delete is a DELETE route.
func Delete(path string, perm access.Permission, summary string, e Endpoint) Route {
	return route(http.MethodDelete, path, perm, summary, e)
}

// Tagged puts routes under one OpenAPI tag: the feature they belong to.
func Tagged(tag string, routes ...Route) []Route {
	for i := range routes {
		routes[i].Tag = tag
	}
	return routes
}

// AsPublic makes a route reachable without signing in.
func (rt Route) AsPublic() Route { rt.Public = true; return rt }

// PermissionOf marks a route whose permission is that of the record its path parameter names
// (a setting's kind), which the service checks; the route itself asks only for a signed-in caller.
func (rt Route) PermissionOf(param string) Route { rt.PermOf = param; return rt }

// Anytime lets an account that must still change its password call the route.
func (rt Route) Anytime() Route { rt.BeforePasswordChange = true; return rt }

// PageParams are the query parameters of every list.
var PageParams = []Param{{Name: "page", Type: "integer", Description: "页码，从1开始"},
	{Name: "pageSize", Type: "integer", Description: "每页条数，1–500"},
	{Name: "sort", Description: "排序字段；多个以逗号分隔，前加 - 为降序"}, {Name: "order", Description: "asc 或 desc"}}

// QueryParams describes the query parameters of a struct whose fields carry `query:"name"` and
// optionally `doc:"说明"` tags.
func QueryParams[Q any]() []Param {
	var q Q
	t := reflect.TypeOf(q)
	if t == nil || t.Kind() != reflect.Struct {
		panic("httpx: a query type must be a struct with `query` tags, not " + reflect.TypeFor[Q]().String())
	}
	var out []Param
	walkQuery(t, func(f reflect.StructField, name string) {
		typ := "string"
		switch base(f.Type).Kind() {
		case reflect.Int, reflect.Int64, reflect.Int32:
			typ = "integer"
		case reflect.Bool:
			typ = "boolean"
		case reflect.Float64:
			typ = "number"
		}
		out = append(out, Param{Name: name, Description: f.Tag.Get("doc"), Type: typ})
	})
	return out
}

func base(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}

func walkQuery(t reflect.Type, fn func(f reflect.StructField, name string)) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("query") == "" {
			walkQuery(f.Type, fn)
			continue
		}
		if name := f.Tag.Get("query"); name != "" {
			fn(f, name)
		}
	}
}

// DecodeQuery fills dst (a pointer to a struct) from the request's query string: strings as they
// are, integers and booleans checked, each error naming its parameter.
func DecodeQuery(r *http.Request, dst any) error {
	v := reflect.ValueOf(dst).Elem()
	if v.Kind() != reflect.Struct {
		return nil
	}
	q := r.URL.Query()
	return decodeQuery(v, q)
}

func decodeQuery(v reflect.Value, q map[string][]string) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("query") == "" {
			if err := decodeQuery(v.Field(i), q); err != nil {
				return err
			}
			continue
		}
		name := f.Tag.Get("query")
		if name == "" {
			continue
		}
		vals, present := q[name]
		// A pointer field tells an absent parameter (nil) from an empty one.
		if !present || vals[0] == "" && f.Type.Kind() != reflect.Pointer {
			continue
		}
		raw := strings.TrimSpace(vals[0])
		fv := v.Field(i)
		if fv.Kind() == reflect.Pointer {
			fv.Set(reflect.New(fv.Type().Elem()))
			fv = fv.Elem()
		}
		switch fv.Kind() {
		case reflect.String:
			fv.SetString(raw)
			continue
		}
		if raw == "" {
			continue
		}
		switch fv.Kind() {
		case reflect.Int, reflect.Int64, reflect.Int32:
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil || fv.OverflowInt(n) {
				return apperr.InvalidField(name, "QUERY_INT_INVALID", "参数 "+name+" 应为整数")
			}
			fv.SetInt(n)
		case reflect.Bool:
			b, err := strconv.ParseBool(raw)
			if err != nil {
				return apperr.InvalidField(name, "QUERY_BOOL_INVALID", "参数 "+name+" 应为 true 或 false")
			}
			fv.SetBool(b)
		case reflect.Float64:
			x, err := strconv.ParseFloat(raw, 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return apperr.InvalidField(name, "QUERY_NUMBER_INVALID", "参数 "+name+" 应为数")
			}
			fv.SetFloat(x)
		default:
			panic("httpx: query field " + f.Name + " of unsupported kind " + fv.Kind().String())
		}
	}
	return nil
}
