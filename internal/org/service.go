package org

import (
	"context"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/events"
	"zhifa/internal/platform/ids"
	"zhifa/internal/region"
)

// PostCounter counts the posts held in organisations; the people feature provides it, so that
// this package never reads the people table itself.
type PostCounter interface {
	FilledPosts(ctx context.Context, orgIDs []string) (map[string]Filled, error)
}

// DomainList names the enforcement domains (执法领域) that organisations and enforcement
// certificates may cover. The catalogue keeps them in its domain table, to which a jurisdiction
// may add its own, and provides this list, so that no feature keeps a copy of its own.
type DomainList interface {
	DomainNames(ctx context.Context) ([]string, error)
}

// Changed is published inside the transaction that changes an organisation (name, kind,
// parent …): features that keep derived views of organisations refresh them.
type Changed struct {
	OrgID string
}

// Moved is published inside the transaction that moves an organisation to another region:
// records owned through the organisation carry its region code for jurisdiction scoping and must
// follow it.
type Moved struct {
	OrgID      string
	RegionCode string // the new region
}

// Service changes organisations.
type Service struct {
	DB      *db.DB
	Audit   *audit.Log
	Clock   clock.Clock
	Posts   PostCounter
	Domains DomainList
	Events  *events.Bus
}

// Create adds an organisation inside the caller's jurisdiction.
func (s *Service) Create(ctx context.Context, p *access.Principal, in Input) (Org, error) {
	if err := s.check(ctx, &in); err != nil {
		return Org{}, err
	}
	id := ids.New()
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		if err := s.checkPlacement(ctx, tx, p, id, in); err != nil {
			return err
		}
		now := clock.Stamp(s.Clock.Now())
		if _, err := db.Exec(ctx, tx, `INSERT INTO organizations (id, region_code, parent_id, name, short_name, kind, domains,
			township_class, quota_admin, quota_civil, quota_institution, sort_order, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, in.RegionCode, nullable(in.ParentID), in.Name, in.ShortName, in.Kind, db.JSONOf(in.Domains), in.TownshipClass,
			in.Quota.Admin, in.Quota.Civil, in.Quota.Institution, in.SortOrder, now, now); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Conflict("ORG_NAME_EXISTS", "同一区划内已有同名机构："+in.Name).WithField("name")
			}
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: "org", EntityID: id,
			EntityName: in.Name, RegionCode: in.RegionCode, Summary: "新增机构 " + in.Name, Detail: in})
	})
	if err != nil {
		return Org{}, err
	}
	return s.Get(ctx, p, id)
}

// Update changes an organisation inside the caller's jurisdiction.
func (s *Service) Update(ctx context.Context, p *access.Principal, id string, in Input) (Org, error) {
	if err := s.check(ctx, &in); err != nil {
		return Org{}, err
	}
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		old, err := Get(ctx, tx, p.Scope(), id)
		if err != nil {
			return err
		}
		if err := s.checkPlacement(ctx, tx, p, id, in); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `UPDATE organizations SET region_code = ?, parent_id = ?, name = ?, short_name = ?,
			kind = ?, domains = ?, township_class = ?, quota_admin = ?, quota_civil = ?, quota_institution = ?,
			sort_order = ?, updated_at = ? WHERE id = ?`,
			in.RegionCode, nullable(in.ParentID), in.Name, in.ShortName, in.Kind, db.JSONOf(in.Domains), in.TownshipClass,
			in.Quota.Admin, in.Quota.Civil, in.Quota.Institution, in.SortOrder, clock.Stamp(s.Clock.Now()), id); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Conflict("ORG_NAME_EXISTS", "同一区划内已有同名机构："+in.Name).WithField("name")
			}
			return err
		}
		if err := events.Publish(ctx, s.Events, tx, Changed{OrgID: id}); err != nil {
			return err
		}
		if old.RegionCode != in.RegionCode {
			if err := events.Publish(ctx, s.Events, tx, Moved{OrgID: id, RegionCode: in.RegionCode}); err != nil {
				return err
			}
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: "org", EntityID: id,
			EntityName: in.Name, RegionCode: in.RegionCode, Summary: "修改机构 " + old.Name, Detail: map[string]any{"before": old, "after": in}})
	})
	if err != nil {
		return Org{}, err
	}
	return s.Get(ctx, p, id)
}

// check validates an input against the enforcement domains of the day.
func (s *Service) check(ctx context.Context, in *Input) error {
	domains, err := s.Domains.DomainNames(ctx)
	if err != nil {
		return err
	}
	return in.Check(domains)
}

// checkPlacement validates region and parent: both exist inside the caller's jurisdiction, a
// township office sits at a township, and the parent is neither the organisation nor below it.
func (s *Service) checkPlacement(ctx context.Context, tx *db.Tx, p *access.Principal, id string, in Input) error {
	scope := p.Scope()
	code, level, err := region.NormalizeCode(in.RegionCode)
	if err != nil {
		return apperr.As(err).WithField("regionCode")
	}
	if code != in.RegionCode {
		return apperr.InvalidField("regionCode", "REGION_CODE_INVALID", "区划代码应为12位："+in.RegionCode)
	}
	if ok, err := region.Exists(ctx, tx, code); err != nil {
		return err
	} else if !ok {
		return apperr.InvalidField("regionCode", "REGION_NOT_FOUND", "区划代码不存在："+code)
	}
	if !scope.Contains(code) {
		return apperr.InvalidField("regionCode", "ORG_OUT_OF_SCOPE", "只能在本辖区内设置机构")
	}
	if in.Kind == KindTownshipOffice && level != region.LevelTownship {
		return apperr.InvalidField("regionCode", "ORG_REGION_LEVEL", "乡镇（街道）综合行政执法办公室的所在区划应为乡镇或街道")
	}
	if in.ParentID == "" {
		return nil
	}
	if in.ParentID == id {
		return apperr.InvalidField("parentId", "ORG_PARENT_CYCLE", "上级机构不能是本机构")
	}
	if _, err := Get(ctx, tx, scope, in.ParentID); err != nil {
		if apperr.Is(err, "NOT_FOUND") {
			return apperr.InvalidField("parentId", "ORG_PARENT_NOT_FOUND", "上级机构不存在或不在本辖区内")
		}
		return err
	}
	var links []struct {
		ID     string  `db:"id"`
		Parent *string `db:"parent_id"`
	}
	if err := db.Select(ctx, tx, &links, `SELECT id, parent_id FROM organizations`); err != nil {
		return err
	}
	parentOf := make(map[string]string, len(links))
	for _, l := range links {
		if l.Parent != nil {
			parentOf[l.ID] = *l.Parent
		}
	}
	if WouldCycle(id, in.ParentID, parentOf) {
		return apperr.InvalidField("parentId", "ORG_PARENT_CYCLE", "上级机构不能是本机构的下级机构（会形成循环）")
	}
	return nil
}

// Get returns one organisation with its filled posts and, when it has organisations below it,
// the staffing of its whole subtree inside the caller's jurisdiction (局队合一: a bureau with its
// brigades and squadrons).
func (s *Service) Get(ctx context.Context, p *access.Principal, id string) (Org, error) {
	o, err := Get(ctx, s.DB.R, p.Scope(), id)
	if err != nil {
		return Org{}, err
	}
	list := []Org{o}
	if err := s.fillPosts(ctx, list); err != nil {
		return Org{}, err
	}
	o = list[0]
	if o.ChildCount > 0 && s.Posts != nil {
		if o.Subtree, err = s.subtreeStaffing(ctx, p.Scope(), id); err != nil {
			return Org{}, err
		}
	}
	return o, nil
}

// subtreeStaffing sums the quotas and filled posts of an organisation and everything below it.
func (s *Service) subtreeStaffing(ctx context.Context, scope access.Scope, id string) (*Staffing, error) {
	quotas, err := subtreeQuotas(ctx, s.DB.R, scope, id)
	if err != nil {
		return nil, err
	}
	idList := make([]string, 0, len(quotas))
	out := &Staffing{OrgCount: len(quotas)}
	for oid, q := range quotas {
		idList = append(idList, oid)
		out.Quota.Admin += q.Admin
		out.Quota.Civil += q.Civil
		out.Quota.Institution += q.Institution
	}
	filled, err := s.Posts.FilledPosts(ctx, idList)
	if err != nil {
		return nil, err
	}
	for _, f := range filled {
		out.Filled.Admin += f.Admin
		out.Filled.Civil += f.Civil
		out.Filled.Institution += f.Institution
		out.Filled.Other += f.Other
	}
	return out, nil
}

func (s *Service) fillPosts(ctx context.Context, orgs []Org) error {
	if s.Posts == nil || len(orgs) == 0 {
		return nil
	}
	idList := make([]string, len(orgs))
	for i, o := range orgs {
		idList[i] = o.ID
	}
	filled, err := s.Posts.FilledPosts(ctx, idList)
	if err != nil {
		return err
	}
	for i := range orgs {
		orgs[i].Filled = filled[orgs[i].ID]
	}
	return nil
}

// FindByName finds an organisation by exact name inside scope; people imports name organisations.
func FindByName(ctx context.Context, c db.Conn, scope access.Scope, name string) (Org, error) {
	cond, args := scope.In("o.region_code")
	var out []Org
	if err := db.Select(ctx, c, &out, selectOrg+` WHERE (o.name = ? OR o.short_name = ?) AND `+cond+`
		ORDER BY o.region_code LIMIT 2`, append([]any{name, name}, args...)...); err != nil {
		return Org{}, err
	}
	switch len(out) {
	case 0:
		return Org{}, apperr.NotFound("机构“" + name + "”")
	case 2:
		return Org{}, apperr.Invalid("ORG_NAME_AMBIGUOUS", "有多个机构名为“"+name+"”，请使用全称")
	}
	finish(&out[0])
	return out[0], nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
