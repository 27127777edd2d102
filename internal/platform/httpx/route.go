// Package httpx is the HTTP edge shared by every feature: a route table in which each line names
// its permission, JSON in and out, business errors turned into status codes, pagination, and the
// OpenAPI document generated from the same table.
package httpx

import (
	"net/http"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
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
	Method   string
	Path     string            // ServeMux pattern path, e.g. /api/v1/regions/{code}
	Perm     access.Permission // permission required; empty means any signed-in account
	Public   bool              // reachable without a session
	Tag      string            // OpenAPI tag: the feature
	Summary  string            // Chinese one-line description
	Query    []Param
	Body     any // zero value of the request body type, for the schema; nil for none
	Response any // zero value of the response type, for the schema; nil for none
	Upload   bool
	Handler  HandlerFunc
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
