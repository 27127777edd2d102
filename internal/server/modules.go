package server

import (
	"zhifa/internal/account"
	"zhifa/internal/audit"
	"zhifa/internal/calendar"
	"zhifa/internal/cases"
	"zhifa/internal/catalog"
	"zhifa/internal/discretion"
	"zhifa/internal/documents"
	"zhifa/internal/event"
	"zhifa/internal/grid"
	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/events"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/settings"
	"zhifa/internal/reform"
	"zhifa/internal/region"
)

// module is one feature as the platform assembles it: the routes it serves, the kinds of record
// it writes to the audit log, the kinds of setting it keeps per jurisdiction, and the events of
// other features it handles. This list is the one place a feature is registered (docs/design.md,
// "How to add a feature"); the events a feature publishes are the types it declares and passes to
// events.Publish.
type module struct {
	name      string
	routes    func() []httpx.Route
	audits    []audit.Kind
	settings  []settings.Kind
	subscribe func(b *events.Bus)
}

// modules lists every feature in the order of the API description.
func (a *App) modules() []module {
	return []module{
		{name: "account", routes: a.Accounts.Routes, audits: account.AuditKinds, subscribe: func(b *events.Bus) {
			events.Subscribe(b, "account", a.Accounts.OrgMoved)
		}},
		{name: "region", routes: a.Regions.Routes, audits: region.AuditKinds},
		{name: "org", routes: a.Orgs.Routes, audits: org.AuditKinds},
		{name: "people", routes: a.People.Routes, audits: people.AuditKinds, subscribe: func(b *events.Bus) {
			events.Subscribe(b, "people", a.People.OrgMoved)
		}},
		{name: "reform", routes: a.Reform.Routes, audits: reform.AuditKinds, settings: reform.Settings},
		{name: "catalog", routes: a.Catalog.Routes, audits: catalog.AuditKinds, settings: catalog.Settings, subscribe: func(b *events.Bus) {
			events.Subscribe(b, "catalog", a.Catalog.OrgChanged)
		}},
		{name: "discretion", routes: a.Discretion.Routes, audits: discretion.AuditKinds, settings: discretion.Settings},
		{name: "calendar", routes: a.Calendar.Routes, audits: calendar.AuditKinds},
		{name: "cases", routes: a.Cases.Routes, audits: cases.AuditKinds, settings: cases.Settings, subscribe: func(b *events.Bus) {
			events.Subscribe(b, "cases", a.Cases.CalendarChanged)
		}},
		{name: "documents", routes: a.Documents.Routes, audits: documents.AuditKinds},
		{name: "grid", routes: a.Grids.Routes, audits: grid.AuditKinds},
		{name: "event", routes: a.Incidents.Routes, audits: event.AuditKinds, settings: event.Settings},
		{name: "open311", routes: a.Open311.Routes},
		{name: "settings", routes: a.Settings.Routes},
		{name: "audit", routes: audit.API{DB: a.DB, Log: a.Audit}.Routes},
		{name: "workbench", routes: a.workbenchRoutes},
		{name: "meta", routes: a.metaRoutes},
	}
}
