package server

import (
	"context"
	"fmt"
	"slices"

	"zhifa/internal/cases"
	"zhifa/internal/catalog"
	"zhifa/internal/event"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
)

// eventCatalogue lets routing ask the catalogue who exercises an item at a place on a date, and
// the organisation tree whether one body works under another.
type eventCatalogue struct {
	c  *catalog.Service
	db *db.DB
}

func (a eventCatalogue) Exercise(ctx context.Context, p *access.Principal, itemCode, place, date string) (event.Exercise, error) {
	if p == nil {
		p = access.System()
	}
	x, err := a.c.Exercise(ctx, p, catalog.ExerciseQuery{ItemCode: itemCode, Place: place, Date: date})
	if err != nil {
		return event.Exercise{}, err
	}
	out := event.Exercise{ItemCode: x.Item.Code, ItemName: x.Item.Name, BodyID: x.Body.ID, BodyName: x.Body.Name,
		HandlerID: x.Body.ID, HandlerName: x.Body.Name, Mode: string(x.Mode), Explanation: x.Explanation}
	if x.WorkingBody != nil {
		out.HandlerID, out.HandlerName = x.WorkingBody.ID, x.WorkingBody.Name
	}
	return out, nil
}

func (a eventCatalogue) Under(ctx context.Context, orgID, ancestor string) (bool, error) {
	if orgID == ancestor {
		return true, nil
	}
	sub, err := org.Subtree(ctx, a.db.R, ancestor)
	if err != nil {
		return false, err
	}
	return slices.Contains(sub, orgID), nil
}

func (a eventCatalogue) OrgName(ctx context.Context, id string) string {
	var name string
	if err := db.Get(ctx, a.db.R, &name, `SELECT name FROM organizations WHERE id = ?`, id); err != nil {
		return id
	}
	return name
}

// eventCases opens a case lead from an event handed over for investigation: the source follows
// the channel, the note names the event and its photos (by SM3 digest, kept in the same store).
type eventCases struct {
	c   *cases.Service
	cat *catalog.Service
}

var leadSources = map[string]string{"grid": cases.SourceDiscovered, "inspection": cases.SourceInspection, "camera": cases.SourceDiscovered,
	"hotline": cases.SourceComplaint, "portal": cases.SourceComplaint, "open311": cases.SourceComplaint,
	"referral": cases.SourceReferral, "superior": cases.SourceSuperior}

func (e eventCases) LeadFromEvent(ctx context.Context, p *access.Principal, ev event.Event, photos []event.Photo) (string, error) {
	note := "事件 " + ev.No
	if ev.ExternalNo != "" {
		note += "（" + ev.ExternalNo + "）"
	}
	if len(photos) > 0 {
		note += fmt.Sprintf("，照片%d张", len(photos))
	}
	summary := ev.Description
	if ev.Result != "" {
		summary += "\n处置情况：" + ev.Result
	}
	for _, ph := range photos {
		summary += "\n照片 " + ph.Name + "（SM3 " + ph.SM3 + "）"
	}
	place := ev.VillageCode
	if place == "" {
		place = ev.TownshipCode
	}
	itemID := ""
	if at, err := clock.ParseStamp(ev.ReportedAt); err == nil && ev.ItemCode != "" {
		if snap, err := e.cat.Snapshot(ctx); err == nil {
			if x, err := snap.ResolveCode(p.Scope(), ev.ItemCode, place, civil.DateOf(at).String(), nil); err == nil {
				itemID = x.Item.ID
			}
		}
	}
	lead, err := e.c.CreateLead(ctx, p, cases.LeadInput{Source: leadSources[ev.Channel], SourceNote: note, Summary: summary,
		PlaceCode: place, Address: ev.Address, ItemID: itemID})
	if err != nil {
		return "", err
	}
	return lead.ID, nil
}
