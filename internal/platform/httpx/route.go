// Package httpx is the HTTP edge shared by every feature: a route table in which each line names
// its permission, JSON in and out, business errors turned into status codes, pagination, and the
// OpenAPI document generated from the same table.
package httpx

import (
	"net/http"
	"net/url"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/text"
)

// HandlerFunc handles one request; a returned error is written as a coded JSON error.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Param documents a query parameter.
type Param struct {
	Name        string
	Description string
	Type        string // "string" (default), "integer", "boolean"
}

// Route is one line of the route table.
type Route struct {
	Method string
	Path   string            // ServeMux pattern path, e.g. /api/v1/regions/{code}
	Perm   access.Permission // permission required; empty means any signed-in account
	// PermOf names the path parameter whose record decides the permission when the line cannot
	// name one — each kind of setting has its own — and the service checks it (403 FORBIDDEN).
	PermOf   string
	Public   bool   // reachable without a session
	Tag      string // OpenAPI tag: the feature
	Summary  string // Chinese one-line description
	Query    []Param
	Body     any // zero value of the request body type, for the schema; nil for none
	Response any // zero value of the response type, for the schema; nil for none
	Upload   bool
	Stream   bool // the body is a file sent as it is (application/octet-stream)
	// BeforePasswordChange lets an account that must still change its password call the route
	// (signing out, reading itself, changing the password); every other route refuses it.
	BeforePasswordChange bool
	Handler              HandlerFunc
}

// Pattern is the ServeMux pattern of the route.
func (rt Route) Pattern() string { return rt.Method + " " + rt.Path }

// PathParams lists the {names} in the route path.
func (rt Route) PathParams() []string {
	var out []string
	for _, seg := range strings.Split(rt.Path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			out = append(out, strings.TrimSuffix(strings.TrimPrefix(seg, "{"), "}"))
		}
	}
	return out
}

// Authenticator finds the principal behind a request, or nil when there is none.
type Authenticator interface {
	Authenticate(r *http.Request) (*access.Principal, error)
}

// Mount registers routes on mux, each wrapped so that it is denied by default: a route runs only
// when it is public or the caller holds the route's permission.
func Mount(mux *http.ServeMux, auth Authenticator, routes []Route) {
	for _, rt := range routes {
		rt := rt
		mux.HandleFunc(rt.Pattern(), func(w http.ResponseWriter, r *http.Request) {
			if err := checkParams(r, rt); err != nil {
				WriteError(w, r, err)
				return
			}
			if !rt.Public {
				p, err := auth.Authenticate(r)
				if err != nil {
					WriteError(w, r, err)
					return
				}
				if p == nil {
					WriteError(w, r, apperr.Unauthorized("SESSION_REQUIRED", "请先登录"))
					return
				}
				if p.MustChangePassword && !rt.BeforePasswordChange {
					WriteError(w, r, (&apperr.Error{Kind: apperr.KindForbidden, Code: "PASSWORD_CHANGE_REQUIRED",
						Message: "请先修改初始密码或重置后的密码，再使用系统"}).WithRule("GB/T 22239-2019 8.1.4.1 身份鉴别"))
					return
				}
				if rt.Perm != "" {
					if err := access.Require(p, rt.Perm); err != nil {
						WriteError(w, r, err)
						return
					}
				}
				p.IP = ClientIP(r)
				r = r.WithContext(access.With(r.Context(), p))
			}
			if err := rt.Handler(w, r); err != nil {
				WriteError(w, r, err)
			}
		})
	}
}

// Limits on what a URL carries.
var (
	queryLimit = text.Limit{Max: 500}
	pathLimit  = text.Limit{Max: 100}
)

// maxQueryParams bounds the parameters of one request.
const maxQueryParams = 50

// checkParams applies the text rules to the query string and path values of a request, so that no
// handler sees control characters, invalid encodings or oversized search terms.
func checkParams(r *http.Request, rt Route) error {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return apperr.Invalid("QUERY_MALFORMED", "查询参数格式错误")
	}
	if len(q) > maxQueryParams {
		return apperr.Invalid("QUERY_TOO_MANY", "查询参数过多")
	}
	for k, vs := range q {
		if err := text.Check(k, k, pathLimit); err != nil {
			return err
		}
		for _, v := range vs {
			if err := text.Check(k, v, queryLimit); err != nil {
				return err
			}
		}
	}
	for _, name := range rt.PathParams() {
		if err := text.Check(name, r.PathValue(name), pathLimit); err != nil {
			return err
		}
	}
	return nil
}

// ClientIP is the caller's address as seen by this server.
func ClientIP(r *http.Request) string {
	host := r.RemoteAddr
	if i := strings.LastIndexByte(host, ':'); i > 0 {
		host = host[:i]
	}
	return strings.Trim(host, "[]")
}

// Principal returns the caller of an authenticated route.
func Principal(r *http.Request) *access.Principal { return access.From(r.Context()) }

// NotFoundAPI answers unknown API paths with a coded error.
func NotFoundAPI(w http.ResponseWriter, r *http.Request) {
	WriteError(w, r, &apperr.Error{Kind: apperr.KindNotFound, Code: "ROUTE_NOT_FOUND", Message: "接口不存在：" + r.Method + " " + r.URL.Path})
}
