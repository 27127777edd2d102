// Package server wires the features into one http.Handler: the route table, middleware, the
// OpenAPI document, health and metrics endpoints, and the embedded console.
package server

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"zhifa/internal/account"
	"zhifa/internal/audit"
	"zhifa/internal/calendar"
	"zhifa/internal/cases"
	"zhifa/internal/catalog"
	"zhifa/internal/discretion"
	"zhifa/internal/documents"
	"zhifa/internal/event"
	"zhifa/internal/grid"
	"zhifa/internal/open311"
	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/blob"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/events"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/jobs"
	"zhifa/internal/platform/secret"
	"zhifa/internal/platform/settings"
	"zhifa/internal/reform"
	"zhifa/internal/region"
)

// App is the assembled platform: the store and every feature service.
type App struct {
	DB         *db.DB
	Clock      clock.Clock
	Audit      *audit.Log
	Events     *events.Bus
	Regions    *region.Service
	Orgs       *org.Service
	People     *people.Service
	Reform     *reform.Service
	Accounts   *account.Service
	Catalog    *catalog.Service
	Discretion *discretion.Service
	Calendar   *calendar.Service
	Cases      *cases.Service
	Documents  *documents.Service
	Grids      *grid.Service
	Incidents  *event.Service
	Open311    *open311.Service
	Settings   *settings.Service
	Version    string
	Security   Security
	Site       SiteInfo // shown in the portal footer
	metrics    *metrics
}

// SetSecurity applies the operator's HTTP edge settings (see Security).
func (a *App) SetSecurity(s Security) {
	a.Security = s
	a.Accounts.SecureCookies = s.PublicURL != nil && s.PublicURL.Scheme == "https"
	if s.PublicURL != nil {
		a.Documents.PublicURL = s.PublicURL.String()
		a.Open311.PublicURL = s.PublicURL
	}
}

// New wires the services over a migrated store.
func New(d *db.DB, box *secret.Box, c clock.Clock, policy account.Policy, version string) *App {
	log := audit.New(c, audit.KeysFrom(box))
	bus := events.NewBus()
	a := &App{DB: d, Clock: c, Audit: log, Events: bus, Version: version, metrics: newMetrics()}
	a.Regions = &region.Service{DB: d, Audit: log, Clock: c}
	a.Settings = &settings.Service{DB: d, Clock: c, Regions: region.Directory{}, Audit: log}
	a.Catalog = &catalog.Service{DB: d, Audit: log, Clock: c, Settings: a.Settings}
	a.People = &people.Service{DB: d, Audit: log, Clock: c, Box: box, Domains: a.Catalog}
	a.Orgs = &org.Service{DB: d, Audit: log, Clock: c, Posts: a.People, Domains: a.Catalog, Events: bus}
	a.Reform = &reform.Service{DB: d, Clock: c, Settings: a.Settings}
	a.Accounts = &account.Service{DB: d, Audit: log, Clock: c, Policy: policy}
	a.Discretion = &discretion.Service{DB: d, Audit: log, Clock: c, Statutes: catalogStatutes{a.Catalog}, Settings: a.Settings}
	a.Calendar = &calendar.Service{DB: d, Audit: log, Clock: c, Events: bus}
	a.Cases = &cases.Service{DB: d, Audit: log, Clock: c, Box: box, Settings: a.Settings, Calendar: a.Calendar,
		Catalogue: caseCatalogue{c: a.Catalog, db: d}, Benchmarks: a.Discretion}
	a.Discretion.Priors = a.Cases
	a.Documents = &documents.Service{DB: d, Audit: log, Clock: c, Box: box, Sample: cases.SampleDocumentData,
		RegionNames: region.Directory{}.Names}
	a.Cases.Paperwork = a.Documents
	a.Grids = &grid.Service{DB: d, Audit: log, Clock: c}
	a.Incidents = &event.Service{DB: d, Audit: log, Clock: c, Settings: a.Settings, Calendar: a.Calendar, Grids: a.Grids,
		Catalogue: eventCatalogue{c: a.Catalog, db: d}, Cases: eventCases{a.Cases, a.Catalog}}
	a.Open311 = &open311.Service{DB: d, Events: a.Incidents, Clock: c}
	for _, m := range a.modules() {
		log.Register(m.audits...)
		if err := a.Settings.Register(m.settings...); err != nil {
			panic(err) // a malformed kind of setting is a programming error
		}
		log.Register(audit.SettingKinds(m.settings)...)
		if m.subscribe != nil {
			m.subscribe(bus)
		}
	}
	return a
}

// UseEvidenceDir keeps evidence files in dir, by their SM3 digest (internal/platform/blob).
func (a *App) UseEvidenceDir(dir string) error {
	b, err := blob.Open(dir)
	if err != nil {
		return err
	}
	a.Cases.Blobs = b
	a.Documents.Blobs = b
	a.Incidents.Blobs = b
	return nil
}

// Routes is the whole API route table.
func (a *App) Routes() []httpx.Route {
	var rs []httpx.Route
	for _, m := range a.modules() {
		rs = append(rs, m.routes()...)
	}
	return rs
}

// Meta lists the code tables the console needs for its selects. The enforcement domains are the
// catalogue's domain table, against which organisations and certificates are checked.
type Meta struct {
	OrgKinds    []org.Option            `json:"orgKinds"`
	Domains     []string                `json:"domains"`
	PostTypes   []org.Option            `json:"postTypes"`
	Roles       []access.RoleInfo       `json:"roles"`
	Permissions []access.PermissionInfo `json:"permissions"`
	// Administrators are the three administrator roles (三员), whose accounts change only with a
	// second administrator's approval.
	Administrators []access.Role `json:"administrators"`
}

func administrators() []access.Role {
	var out []access.Role
	for _, r := range access.AllRoles() {
		if access.IsAdministrator(r.Code) {
			out = append(out, r.Code)
		}
	}
	return out
}

// PublicSummary is what the public portal shows without a login.
type PublicSummary struct {
	PlatformName string   `json:"platformName"`
	RegionName   string   `json:"regionName"`
	OrgCount     int      `json:"orgCount"`
	OfficerCount int      `json:"officerCount"`
	Notices      []string `json:"notices"`
	Site         SiteInfo `json:"site"`
}

func (a *App) metaRoutes() []httpx.Route {
	return append(httpx.Tagged("系统", httpx.Get("/api/v1/meta", "", "代码表：机构类型、执法领域、编制类型、角色、权限", httpx.Fetch(a.meta))),
		httpx.Tagged("公众门户", httpx.Get("/api/v1/public/summary", "", "门户首页概况（无需登录）", httpx.Fetch(a.publicSummary)).AsPublic())...)
}

func (a *App) meta(ctx context.Context, _ *access.Principal) (Meta, error) {
	domains, err := a.Catalog.DomainNames(ctx)
	return Meta{OrgKinds: org.Kinds, Domains: domains, PostTypes: org.PostTypes, Roles: access.AllRoles(),
		Permissions: access.AllPermissions(), Administrators: administrators()}, err
}

func (a *App) publicSummary(ctx context.Context, _ *access.Principal) (PublicSummary, error) {
	s := PublicSummary{PlatformName: "综合行政执法一体化平台", Notices: []string{}, Site: a.Site}
	bureaus, _, err := org.List(ctx, a.DB, access.Everywhere, org.Filter{Kind: org.KindBureau}, httpx.Page{Page: 1, PageSize: 1})
	if err != nil {
		return s, err
	}
	scope := access.Everywhere
	if len(bureaus) > 0 {
		s.RegionName = bureaus[0].RegionName
		s.PlatformName = s.RegionName + s.PlatformName
		scope = access.ScopeOf(bureaus[0].RegionCode)
	}
	if _, s.OrgCount, err = org.List(ctx, a.DB, scope, org.Filter{}, httpx.Page{Page: 1, PageSize: 1}); err != nil {
		return s, err
	}
	s.OfficerCount, err = a.People.CountCertified(ctx, scope)
	return s, err
}

// Handler is the complete HTTP handler.
func (a *App) Handler() http.Handler {
	mux := http.NewServeMux()
	routes := a.Routes()
	httpx.Mount(mux, a.Accounts, routes)
	doc, err := json.Marshal(openAPI(a.Version, routes))
	if err != nil {
		panic(err)
	}
	mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(doc)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		httpx.OK(w, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := a.DB.Ping(ctx); err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "数据库不可用"})
			return
		}
		httpx.OK(w, map[string]string{"status": "ready"})
	})
	mux.Handle("GET /metrics", a.metricsEndpoint())
	mux.HandleFunc("/api/", httpx.NotFoundAPI)
	mux.Handle("/", static())
	return a.middleware(a.secure(compress(mux)))
}

// middleware adds panic recovery, access logs and metrics around every request.
func (a *App) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				slog.ErrorContext(r.Context(), "panic", "method", r.Method, "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				httpx.WriteError(rec, r, errPanic)
			}
			took := time.Since(start)
			a.metrics.observe(r, rec.status, took)
			slog.LogAttrs(r.Context(), slog.LevelDebug, "http", slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Int("status", rec.status), slog.Duration("took", took))
		}()
		next.ServeHTTP(rec, r)
	})
}

var errPanic = panicError{}

type panicError struct{}

func (panicError) Error() string { return "handler panicked" }

// BackgroundTasks are the durable background work of the platform, run by internal/platform/jobs:
// every minute, the events whose limit is nearly used up are reminded and those past it escalated.
func (a *App) BackgroundTasks() []jobs.Task {
	return []jobs.Task{{Name: "event-deadlines", Every: time.Minute, Run: func(ctx context.Context) error {
		res, err := a.Incidents.Sweep(ctx)
		if err == nil && (res.Reminded > 0 || res.Escalated > 0) {
			slog.Info("event deadlines", "reminded", res.Reminded, "escalated", res.Escalated)
		}
		return err
	}}}
}
