package org

import (
	"context"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/query"
)

const (
	orgColumns = `o.id, o.region_code, COALESCE(r.name, '') AS region_name, o.parent_id,
	COALESCE(p.name, '') AS parent_name, o.name, o.short_name, o.kind, o.domains, o.township_class,
	o.quota_admin, o.quota_civil, o.quota_institution, o.sort_order,
	(SELECT COUNT(*) FROM organizations c WHERE c.parent_id = o.id) AS child_count`
	orgFrom = `organizations o
	LEFT JOIN regions r ON r.code = o.region_code
	LEFT JOIN organizations p ON p.id = o.parent_id`
	selectOrg = `SELECT ` + orgColumns + ` FROM ` + orgFrom
)

func finish(o *Org) {
	o.KindName = KindName(o.Kind)
	o.Quota = Quota{Admin: o.QuotaAdmin, Civil: o.QuotaCivil, Institution: o.QuotaInst}
	o.Domains = o.DomainsJSON.V
	if o.Domains == nil {
		o.Domains = []string{}
	}
}

// Get returns one organisation inside scope.
func Get(ctx context.Context, c db.Conn, scope access.Scope, id string) (Org, error) {
	var o Org
	cond, args := scope.In("o.region_code")
	err := db.Get(ctx, c, &o, selectOrg+` WHERE o.id = ? AND `+cond, append([]any{id}, args...)...)
	if db.IsNoRows(err) {
		return Org{}, apperr.NotFound("机构")
	}
	if err != nil {
		return Org{}, err
	}
	finish(&o)
	return o, nil
}

// Filter narrows a listing.
type Filter struct {
	Query      string `query:"q" doc:"名称或简称"`
	Kind       Kind   `query:"kind" doc:"机构类型"`
	RegionCode string `query:"regionCode" doc:"该区划及下级的机构"`
	ParentID   string `query:"parentId" doc:"上级机构"`
}

// List returns one page of organisations inside scope.
func List(ctx context.Context, d *db.DB, scope access.Scope, f Filter, p httpx.Page) ([]Org, int, error) {
	var w query.Where
	w.Add(scope.In("o.region_code"))
	w.If(f.Query != "", "(o.name LIKE ?"+db.LikeEscape+" OR o.short_name LIKE ?"+db.LikeEscape+")", db.Like(f.Query), db.Like(f.Query))
	w.If(f.Kind != "", "o.kind = ?", f.Kind)
	if f.RegionCode != "" {
		w.Add(access.ScopeOf(f.RegionCode).In("o.region_code"))
	}
	w.If(f.ParentID != "", "o.parent_id = ?", f.ParentID)
	name := db.Pinyin(d.R, "o.name")
	order, err := query.Order{
		"name": name, "kind": "o.kind, o.sort_order, " + name, "regionCode": "o.region_code, o.sort_order, " + name,
		"sortOrder": "o.sort_order, " + name,
	}.SQL(p, "regionCode", "o.id")
	if err != nil {
		return nil, 0, err
	}
	out, total, err := query.List[Org](ctx, d.R, orgColumns, orgFrom, &w, order, p)
	if err != nil {
		return nil, 0, err
	}
	for i := range out {
		finish(&out[i])
	}
	return out, total, nil
}

// All returns every organisation inside scope, ordered for a tree.
func All(ctx context.Context, c db.Conn, scope access.Scope) ([]Org, error) {
	cond, args := scope.In("o.region_code")
	var out []Org
	if err := db.Select(ctx, c, &out, selectOrg+` WHERE `+cond+`
		ORDER BY o.region_code, o.sort_order, `+db.Pinyin(c, "o.name"), args...); err != nil {
		return nil, err
	}
	for i := range out {
		finish(&out[i])
	}
	return out, nil
}

// Subtree returns the ids of an organisation and everything below it.
func Subtree(ctx context.Context, c db.Conn, id string) ([]string, error) {
	var ids []string
	err := db.Select(ctx, c, &ids, `WITH RECURSIVE sub(id) AS (
		SELECT id FROM organizations WHERE id = ?
		UNION ALL
		SELECT o.id FROM organizations o JOIN sub ON o.parent_id = sub.id
	) SELECT id FROM sub`, id)
	return ids, err
}

// subtreeQuotas returns the approved posts of an organisation and of everything below it that
// lies inside scope, by organisation id.
func subtreeQuotas(ctx context.Context, c db.Conn, scope access.Scope, id string) (map[string]Quota, error) {
	cond, args := scope.In("region_code")
	var rows []struct {
		ID    string `db:"id"`
		Admin int    `db:"quota_admin"`
		Civil int    `db:"quota_civil"`
		Inst  int    `db:"quota_institution"`
	}
	if err := db.Select(ctx, c, &rows, `SELECT id, quota_admin, quota_civil, quota_institution FROM organizations
		WHERE id IN (`+SubtreeSQL+`) AND `+cond, append([]any{id}, args...)...); err != nil {
		return nil, err
	}
	out := make(map[string]Quota, len(rows))
	for _, r := range rows {
		out[r.ID] = Quota{Admin: r.Admin, Civil: r.Civil, Institution: r.Inst}
	}
	return out, nil
}

// Count counts the organisations inside scope.
func Count(ctx context.Context, c db.Conn, scope access.Scope) (int, error) {
	cond, args := scope.In("region_code")
	var n int
	err := db.Get(ctx, c, &n, `SELECT COUNT(*) FROM organizations WHERE `+cond, args...)
	return n, err
}

// SubtreeSQL is a subquery selecting the ids of an organisation (bound as its one argument) and
// everything below it, for use as `x IN (` + SubtreeSQL + `)`.
const SubtreeSQL = `WITH RECURSIVE sub(id) AS (
		SELECT id FROM organizations WHERE id = ?
		UNION ALL
		SELECT o.id FROM organizations o JOIN sub ON o.parent_id = sub.id
	) SELECT id FROM sub`

// Node is an organisation in the tree view.
type Node struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Kind       Kind    `json:"kind"`
	KindName   string  `json:"kindName"`
	RegionCode string  `json:"regionCode"`
	Children   []*Node `json:"children"`
}

// Tree arranges organisations under their parents; those whose parent lies outside the list
// become roots.
func Tree(orgs []Org) []*Node {
	nodes := make(map[string]*Node, len(orgs))
	for _, o := range orgs {
		nodes[o.ID] = &Node{ID: o.ID, Name: o.Name, Kind: o.Kind, KindName: o.KindName, RegionCode: o.RegionCode, Children: []*Node{}}
	}
	roots := []*Node{}
	for _, o := range orgs {
		n := nodes[o.ID]
		if o.ParentID != nil {
			if parent, ok := nodes[*o.ParentID]; ok {
				parent.Children = append(parent.Children, n)
				continue
			}
		}
		roots = append(roots, n)
	}
	return roots
}
