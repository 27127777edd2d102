package event

import (
	"context"
	"fmt"
	"strings"

	"zhifa/internal/grid"
	"zhifa/internal/platform/access"
)

// Exercise is the catalogue's answer for one item at a place on a date, as routing needs it.
type Exercise struct {
	ItemCode string
	ItemName string
	// BodyID is the body in whose name the power is exercised; HandlerID is the organisation that
	// handles it: the working body of a township government for a delegated power, else the body.
	BodyID, BodyName       string
	HandlerID, HandlerName string
	Mode                   string // own, transfer, delegate
	Explanation            string
}

// Catalogue answers who exercises an item at a place on a date.
type Catalogue interface {
	Exercise(ctx context.Context, p *access.Principal, itemCode, place, date string) (Exercise, error)
	// Under reports whether org lies under (or is) ancestor.
	Under(ctx context.Context, org, ancestor string) (bool, error)
	OrgName(ctx context.Context, id string) string
}

// Team is one body an event is dispatched to.
type Team struct {
	OrgID string `json:"orgId"`
	Name  string `json:"name"`
	Role  string `json:"role"` // lead（牵头）or assist（协办）
}

// Route is where an event goes and why.
type Route struct {
	Teams       []Team   `json:"teams"`
	Rule        string   `json:"rule"` // area-first or owner-first
	Explanation string   `json:"explanation"`
	Warnings    []string `json:"warnings"`
}

// Lead returns the lead team, or an empty team when the route found none.
func (r Route) Lead() Team {
	for _, t := range r.Teams {
		if t.Role == "lead" {
			return t
		}
	}
	return Team{}
}

// route finds the bodies that must act on an event of category c at place on date, by the rules of
// digital urban management (GB/T 30428.2): a component (部件) goes first to its owner (权属单位) and
// then to the area; an event (事件) goes first to the area — the body that exercises the category's
// catalogue items there on that date, or the grid's team — and then to the owner. Items exercised by
// different bodies make a joint dispatch led by the body of the first item.
func route(ctx context.Context, cat Catalogue, p *access.Principal, c Category, place grid.Place, date string) Route {
	r := Route{Teams: []Team{}, Warnings: []string{}}
	var parts []string
	if place.Grid != nil {
		where := place.TownshipName
		if place.VillageName != "" {
			where += place.VillageName
		}
		parts = append(parts, fmt.Sprintf("网格 %s（%s），%s", place.Grid.Code, place.Grid.Name, where))
	} else if place.TownshipName != "" {
		parts = append(parts, place.TownshipName)
	}
	if place.Problem == "GRID_GAP" {
		r.Warnings = append(r.Warnings, "该位置不在任何基础网格内（网格数据缺漏），请网格管理员核实")
	}
	if place.Problem == "GRID_OVERLAP" {
		r.Warnings = append(r.Warnings, "该位置同时落在两个基础网格内（网格数据重叠），请网格管理员核实")
	}
	add := func(id, name string) {
		if id == "" {
			return
		}
		for _, t := range r.Teams {
			if t.OrgID == id {
				return
			}
		}
		role := "assist"
		if len(r.Teams) == 0 {
			role = "lead"
		}
		r.Teams = append(r.Teams, Team{OrgID: id, Name: name, Role: role})
	}
	var byItem []Exercise
	for _, code := range c.ItemCodes {
		x, err := cat.Exercise(ctx, p, code, place.PlaceCode(), date)
		if err != nil {
			r.Warnings = append(r.Warnings, fmt.Sprintf("事项 %s 无法确定行使主体：%s", code, err.Error()))
			continue
		}
		byItem = append(byItem, x)
	}
	area := func() {
		for _, x := range byItem {
			text := "事项 " + x.ItemName + "（" + x.ItemCode + "）：" + strings.TrimSuffix(x.Explanation, "。")
			// A squadron or township team of the grid that works under the body handles it in the
			// body's name (行政处罚法 第十八条、第二十四条).
			if place.TeamOrgID != "" && place.TeamOrgID != x.HandlerID {
				if under, err := cat.Under(ctx, place.TeamOrgID, x.HandlerID); err == nil && under {
					add(place.TeamOrgID, place.TeamName)
					parts = append(parts, text+"，由网格责任队伍"+place.TeamName+"承办")
					continue
				}
			}
			add(x.HandlerID, x.HandlerName)
			parts = append(parts, text)
		}
		if len(byItem) == 0 && place.TeamOrgID != "" {
			add(place.TeamOrgID, place.TeamName)
			parts = append(parts, "未关联权责清单事项，派至网格责任队伍 "+place.TeamName)
		}
	}
	owner := func() {
		if c.OwnerOrgID != "" {
			add(c.OwnerOrgID, c.OwnerName)
			parts = append(parts, "部件权属单位 "+c.OwnerName)
		}
	}
	if c.Kind == KindPart {
		r.Rule = "owner-first"
		owner()
		area()
	} else {
		r.Rule = "area-first"
		area()
		owner()
	}
	if len(r.Teams) > 1 {
		parts = append(parts, fmt.Sprintf("涉及%d个单位，联合派遣，由%s牵头", len(r.Teams), r.Teams[0].Name))
	}
	if len(r.Teams) == 0 {
		r.Warnings = append(r.Warnings, "未找到责任单位：请调度员指定处置单位")
	}
	r.Explanation = strings.Join(parts, "；")
	if r.Explanation != "" {
		r.Explanation += "。"
	}
	return r
}
