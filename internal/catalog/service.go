package catalog

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"zhifa/internal/audit"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/platform/settings"
	"zhifa/internal/region"
)

// Service keeps the catalogue. Every change runs in one transaction with its audit entry and a
// bump of the generation counter, and then marks this process's snapshot stale.
type Service struct {
	DB      *db.DB
	Audit   *audit.Log
	Clock   clock.Clock
	Recheck time.Duration // how often to check for other processes' changes; DefaultRecheck when zero
	// Settings gives each jurisdiction's vocabulary of multiple bases (BasesSetting); without it the
	// national list applies.
	Settings *settings.Service
	cache    cache
	search   searchIndex
	// rebuilding is set while a rebuild runs in the background (rebuildSoon).
	rebuilding atomic.Bool
	// storeSearch makes every list search run on the store's full-text index (to compare the two).
	storeSearch bool
}

// Audited entity names.
const (
	entityItem     = "catalog_item"
	entityDecision = "catalog_decision"
	entityDomain   = "catalog_domain"
)

func actor(p *access.Principal) string { return p.AccountID }

func (s *Service) today() string { return civil.Today(s.Clock).String() }

func (s *Service) now() string { return clock.Stamp(s.Clock.Now()) }

// tx runs fn in a write transaction that also bumps the generation counter, and marks the
// snapshot stale once it committed.
func (s *Service) tx(ctx context.Context, fn func(tx *db.Tx) error) error {
	if err := s.ensureSearch(ctx); err != nil {
		return err
	}
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return bumpGeneration(ctx, tx)
	})
	if err == nil {
		s.changed()
	}
	return err
}

// checkOwner verifies the owning department (业务主管部门): an organisation of kind department
// inside the caller's jurisdiction.
func checkOwner(ctx context.Context, c db.Conn, scope access.Scope, id string) (org.Org, error) {
	o, err := org.Get(ctx, c, scope, id)
	if apperr.Is(err, "NOT_FOUND") {
		return org.Org{}, apperr.InvalidField("ownerOrgId", "CATALOG_OWNER_NOT_FOUND", "业务主管部门不存在或不在本辖区内")
	}
	if err != nil {
		return org.Org{}, err
	}
	if o.Kind != org.KindDepartment {
		return org.Org{}, apperr.InvalidField("ownerOrgId", "CATALOG_OWNER_NOT_DEPARTMENT",
			"业务主管部门应为业务主管部门类机构，“"+o.Name+"”是"+o.KindName).WithRule(RuleOwner)
	}
	return o, nil
}

func checkDomain(ctx context.Context, c db.Conn, name string) error {
	ok, err := domainExists(ctx, c, name)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.InvalidField("domain", "CATALOG_DOMAIN_UNKNOWN", "未知执法领域："+name+"（可在执法领域表中新增）")
	}
	return nil
}

// versionKind is the lifecycle of an item's versions (internal/platform/lifecycle): publication
// names the approving document, and so does a repeal, since the catalogue is adjusted only by a
// decision of the government that approved it.
var versionKind = lifecycle.Kind{Name: "事项版本", PublishRule: RulePublish, RepealDocRequired: true}

// RulePublish: the rules of a penalty are applied only once published (行政处罚法 第五条第三款), and
// the catalogue is adjusted by the government's decision, under its document number.
const RulePublish = "《中华人民共和国行政处罚法》第五条第三款：对违法行为给予行政处罚的规定必须公布；未经公布的，不得作为行政处罚的依据"

// newVersion builds a draft version from checked input.
func (s *Service) newVersion(p *access.Principal, itemID, regionCode string, r lifecycle.Record, in Input) *Version {
	r.EffectiveFrom, r.DocNo, r.DocTitle = in.EffectiveFrom, in.DocNo, in.DocTitle
	v := &Version{ID: ids.New(), ItemID: itemID, RegionCode: regionCode, Record: r, Name: in.Name, Type: in.Type,
		Domain: in.Domain, Category: in.Category, Level: in.Level, OwnerOrgID: in.OwnerOrgID, ViolatedBasis: in.ViolatedBasis,
		PenaltyBasis: in.PenaltyBasis, PenaltyKinds: in.PenaltyKinds, Fine: in.Fine, SuperviseDuties: in.SuperviseDuties,
		EnforceDuties: in.EnforceDuties, Note: in.Note, CreatedAt: s.now(), CreatedBy: actor(p)}
	v.fillNames(s.today())
	return v
}

// Create adds an item as a draft (草稿). The code must be new in the catalogue's jurisdiction,
// which is the owner's region unless given, and lies inside the caller's.
func (s *Service) Create(ctx context.Context, p *access.Principal, in Input) (Detail, error) {
	code, err := CheckCode("code", in.Code)
	if err != nil {
		return Detail{}, err
	}
	if err := in.check(); err != nil {
		return Detail{}, err
	}
	itemID := ids.New()
	err = s.tx(ctx, func(tx *db.Tx) error {
		owner, err := checkOwner(ctx, tx, p.Scope(), in.OwnerOrgID)
		if err != nil {
			return err
		}
		if err := checkDomain(ctx, tx, in.Domain); err != nil {
			return err
		}
		regionCode := owner.RegionCode
		if strings.TrimSpace(in.RegionCode) != "" {
			code, _, err := region.NormalizeCode(in.RegionCode)
			if err != nil {
				return apperr.As(err).WithField("regionCode")
			}
			regionCode = code
		}
		if !p.Scope().Contains(regionCode) {
			return apperr.InvalidField("regionCode", "CATALOG_OUT_OF_SCOPE", "只能在本辖区的权责清单中新增事项")
		}
		if !access.ScopeOf(regionCode).Contains(owner.RegionCode) {
			return apperr.InvalidField("ownerOrgId", "CATALOG_OWNER_OUTSIDE", "业务主管部门“"+owner.Name+"”不在该清单的辖区内")
		}
		if err := s.checkBaseIn(ctx, tx, regionCode, in.Fine); err != nil {
			return err
		}
		v := s.newVersion(p, itemID, regionCode, lifecycle.NewDraft(1), in)
		now := s.now()
		if err := insertItems(ctx, tx, []itemRow{{ID: itemID, RegionCode: regionCode, Code: code, Status: lifecycle.Draft,
			LatestVersionID: v.ID, PendingDraft: true, CreatedAt: now, UpdatedAt: now}}); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Conflict("CATALOG_CODE_DUPLICATE", "本辖区的权责清单中已有编码为 "+code+" 的事项").WithField("code")
			}
			return err
		}
		if err := insertVersions(ctx, tx, []versionRow{rowOf(v, code)}); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: entityItem, EntityID: itemID,
			EntityName: in.Name, RegionCode: regionCode, Summary: fmt.Sprintf("新增权责清单事项草稿 %s %s", code, in.Name), Detail: in})
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Get(ctx, p, itemID, "")
}

// checkOrder verifies that a draft's planned effective date follows the item's versions: not
// before the item first took effect (CATALOG_DATE_BEFORE_ITEM) and after the latest version in
// effect, since a version can only replace the one before it (VERSION_DATE_ORDER).
func checkOrder(field, date string, it itemRow, latest *Version) error {
	if date == "" || latest == nil {
		return nil
	}
	if it.FirstEffective != "" && date < it.FirstEffective {
		return apperr.InvalidField(field, "CATALOG_DATE_BEFORE_ITEM",
			fmt.Sprintf("生效日期%s早于事项%s首次施行的日期%s", date, it.Code, it.FirstEffective))
	}
	if err := lifecycle.CheckFollows(date, &latest.Record); err != nil {
		return apperr.As(err).WithField(field)
	}
	return nil
}

// checkNotRepealed refuses to continue an item that was repealed: a repeal ends the item, and
// what replaces it is a new item.
func checkNotRepealed(it itemRow, latest *Version, what string) error {
	if latest != nil && latest.Status == lifecycle.Repealed {
		return apperr.Conflict("CATALOG_REPEALED", "事项"+it.Code+"已废止，不能再"+what+"；如需恢复请新增事项")
	}
	return nil
}

// AddVersion starts a new version of an item as a draft; an item has at most one draft at a time
// (VERSION_DRAFT_EXISTS).
func (s *Service) AddVersion(ctx context.Context, p *access.Principal, itemID string, in Input) (Detail, error) {
	if err := in.check(); err != nil {
		return Detail{}, err
	}
	err := s.tx(ctx, func(tx *db.Tx) error {
		it, err := writableItem(ctx, tx, p, itemID)
		if err != nil {
			return err
		}
		if err := s.checkVersionInput(ctx, tx, p, it, in); err != nil {
			return err
		}
		vs, err := versionsOf(ctx, tx, itemID, s.today())
		if err != nil {
			return err
		}
		r, err := lifecycle.Next(versionKind, vs)
		if err != nil {
			return err
		}
		latest := latestEffective(vs)
		if err := checkNotRepealed(it, latest, "修订"); err != nil {
			return err
		}
		if err := checkOrder("effectiveFrom", in.EffectiveFrom, it, latest); err != nil {
			return err
		}
		v := s.newVersion(p, itemID, it.RegionCode, r, in)
		if err := insertVersions(ctx, tx, []versionRow{rowOf(v, it.Code)}); err != nil {
			if db.IsUniqueViolation(err) {
				return lifecycle.DraftExists(versionKind, 0) // another draft was added meanwhile
			}
			return err
		}
		if _, err := db.Exec(ctx, tx, `UPDATE catalog_items SET latest_version_id = ?, pending_draft = ?, updated_at = ? WHERE id = ?`,
			v.ID, true, s.now(), itemID); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: entityItem, EntityID: itemID,
			EntityName: in.Name, RegionCode: it.RegionCode, Summary: fmt.Sprintf("新增权责清单事项 %s 第%d版草稿", it.Code, v.Version), Detail: in})
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Get(ctx, p, itemID, "")
}

func (s *Service) checkVersionInput(ctx context.Context, tx *db.Tx, p *access.Principal, it itemRow, in Input) error {
	if in.Code != "" && in.Code != it.Code {
		return apperr.InvalidField("code", "CATALOG_CODE_FIXED", "事项编码不能在修订中更改")
	}
	owner, err := checkOwner(ctx, tx, p.Scope(), in.OwnerOrgID)
	if err != nil {
		return err
	}
	if !access.ScopeOf(it.RegionCode).Contains(owner.RegionCode) {
		return apperr.InvalidField("ownerOrgId", "CATALOG_OWNER_OUTSIDE", "业务主管部门“"+owner.Name+"”不在该清单的辖区内")
	}
	if err := s.checkBaseIn(ctx, tx, it.RegionCode, in.Fine); err != nil {
		return err
	}
	return checkDomain(ctx, tx, in.Domain)
}

// checkBaseIn refuses a multiple base outside the vocabulary of the catalogue's jurisdiction.
func (s *Service) checkBaseIn(ctx context.Context, c db.Conn, regionCode string, f Fine) error {
	if f.MultipleBase == "" {
		return nil
	}
	bases, err := s.FineBases(ctx, c, regionCode)
	if err != nil {
		return err
	}
	return checkBase(f.MultipleBase, bases)
}

// noDraft answers a change of the pending draft when the item has none (it was published or
// never started).
func noDraft(it itemRow) error {
	return apperr.Conflict("CATALOG_NO_DRAFT", "事项"+it.Code+"没有待发布的草稿，请新增版本")
}

// DraftInput changes the pending draft: its new content and the draft's revision as read.
type DraftInput struct {
	Input
	Revision int `json:"revision" required:"true"`
}

// UpdateDraft changes the pending draft in place: a draft was never in force, and the audit log
// keeps what it said before. The draft must still be at the revision the caller read (STALE).
func (s *Service) UpdateDraft(ctx context.Context, p *access.Principal, itemID string, in DraftInput) (Detail, error) {
	if err := in.check(); err != nil {
		return Detail{}, err
	}
	err := s.tx(ctx, func(tx *db.Tx) error {
		it, err := writableItem(ctx, tx, p, itemID)
		if err != nil {
			return err
		}
		if err := s.checkVersionInput(ctx, tx, p, it, in.Input); err != nil {
			return err
		}
		vs, err := versionsOf(ctx, tx, itemID, s.today())
		if err != nil {
			return err
		}
		old := pendingDraft(vs)
		if old == nil {
			return noDraft(it)
		}
		if err := lifecycle.CheckRevision(old.Record, in.Revision); err != nil {
			return err
		}
		if err := versionKind.Editable(old.Record); err != nil {
			return err
		}
		if err := checkOrder("effectiveFrom", in.EffectiveFrom, it, latestEffective(vs)); err != nil {
			return err
		}
		v := s.newVersion(p, itemID, it.RegionCode, lifecycle.Touch(old.Record), in.Input)
		v.ID, v.CreatedAt, v.CreatedBy = old.ID, old.CreatedAt, old.CreatedBy
		if err := setVersion(ctx, tx, it.Code, v, old.Revision); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `UPDATE catalog_items SET updated_at = ? WHERE id = ?`, s.now(), itemID); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityItem, EntityID: itemID,
			EntityName: in.Name, RegionCode: it.RegionCode, Summary: fmt.Sprintf("修改权责清单事项 %s 第%d版草稿", it.Code, old.Version),
			Detail: map[string]any{"before": old, "after": in.Input}})
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Get(ctx, p, itemID, "")
}

// PublishProblems lists what stops a draft from being published: the legal basis (行政处罚法
// 第四条、第五条第三款), and what every versioned record needs, the effective date and the
// approving document number (lifecycle).
func PublishProblems(code string, v *Version) []Problem {
	out := BasisProblems(code, v)
	for _, e := range versionKind.PublishProblems(v.Record) {
		msg := "缺少生效日期"
		if e.Field == "docNo" {
			msg = "缺少批准文号"
		}
		out = append(out, Problem{Code: e.Code, Severity: SeverityError, ItemID: v.ItemID, ItemCode: code, ItemName: v.Name,
			Field: e.Field, Message: fmt.Sprintf("事项%s%s，不能发布", code, msg), Rule: e.Rule})
	}
	return out
}

func problemError(ps []Problem) error {
	e := apperr.InvalidField(ps[0].Field, ps[0].Code, ps[0].Message)
	if ps[0].Rule != "" {
		e = e.WithRule(ps[0].Rule)
	}
	if len(ps) > 1 {
		for _, p := range ps {
			e.Details = append(e.Details, apperr.Detail{Field: p.Field, Code: p.Code, Message: p.Message})
		}
	}
	return e
}

// Publish puts the pending draft in force from its effective date: the version before it ends
// that day. The input may give the date and the approving document (else the draft's stand) and
// presents the draft's revision (STALE otherwise). The checks that guard publication run first,
// every problem of the draft listed at once.
func (s *Service) Publish(ctx context.Context, p *access.Principal, itemID string, in lifecycle.PublishInput) (Detail, error) {
	err := s.tx(ctx, func(tx *db.Tx) error {
		it, err := writableItem(ctx, tx, p, itemID)
		if err != nil {
			return err
		}
		vs, err := versionsOf(ctx, tx, itemID, s.today())
		if err != nil {
			return err
		}
		d := pendingDraft(vs)
		if d == nil {
			return noDraft(it)
		}
		if err := lifecycle.CheckRevision(d.Record, in.Revision); err != nil {
			return err
		}
		merged, err := in.Apply(d.Record)
		if err != nil {
			return err
		}
		check := *d
		check.Record = merged
		if ps := PublishProblems(it.Code, &check); len(ps) > 0 {
			return problemError(ps)
		}
		if _, err := checkOwner(ctx, tx, access.Everywhere, d.OwnerOrgID); err != nil {
			return err
		}
		if err := checkDomain(ctx, tx, d.Domain); err != nil {
			return err
		}
		if err := s.checkBaseIn(ctx, tx, it.RegionCode, d.Fine); err != nil {
			return err
		}
		prev := latestEffective(vs)
		if err := checkNotRepealed(it, prev, "发布"); err != nil {
			return err
		}
		if err := checkOrder("effectiveFrom", merged.EffectiveFrom, it, prev); err != nil {
			return err
		}
		var prevRec *lifecycle.Record
		if prev != nil {
			prevRec = &prev.Record
		}
		pub, closed, err := versionKind.Publish(d.Record, in, prevRec, s.now())
		if err != nil {
			return err
		}
		return s.publishDraft(ctx, tx, p, it, d, pub, prev, closed)
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Get(ctx, p, itemID, "")
}

// publishDraft writes a publication: the previous version closed (when it was open past the new
// start), the draft published, the item in step; each version only at the revision read.
func (s *Service) publishDraft(ctx context.Context, tx *db.Tx, p *access.Principal, it itemRow, d *Version, pub lifecycle.Record,
	prev *Version, closed *lifecycle.Record) error {
	if closed != nil {
		c := *prev
		c.Record = *closed
		if err := setVersion(ctx, tx, it.Code, &c, prev.Revision); err != nil {
			return err
		}
	}
	next := *d
	next.Record = pub
	if err := setVersion(ctx, tx, it.Code, &next, d.Revision); err != nil {
		return err
	}
	first := it.FirstEffective
	if first == "" {
		first = pub.EffectiveFrom
	}
	now := s.now()
	if _, err := db.Exec(ctx, tx, `UPDATE catalog_items SET status = ?, latest_version_id = ?, pending_draft = ?, first_effective = ?,
		updated_at = ? WHERE id = ?`, lifecycle.Published, d.ID, false, first, now, it.ID); err != nil {
		return err
	}
	detail := map[string]any{"versionId": d.ID, "version": pub.Version, "effectiveFrom": pub.EffectiveFrom, "docNo": pub.DocNo}
	if pub.DocTitle != "" {
		detail["docTitle"] = pub.DocTitle
	}
	if closed != nil {
		detail["endedVersionId"] = prev.ID
	}
	return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityItem, EntityID: it.ID,
		EntityName: d.Name, RegionCode: it.RegionCode, Summary: fmt.Sprintf("发布权责清单事项 %s %s 第%d版（%s，%s起施行）", it.Code, d.Name, pub.Version, pub.DocNo, pub.EffectiveFrom),
		Detail: detail})
}

// Repeal ends an item from a date (effectiveTo, default today) by an approving document, with the
// reason: the version in force becomes repealed, in force until that date and never after, so the
// history shows what was repealed, when and by which document. The input presents that version's
// revision (STALE otherwise). A pending draft is published or deleted first.
func (s *Service) Repeal(ctx context.Context, p *access.Principal, itemID string, in lifecycle.RepealInput) (Detail, error) {
	err := s.tx(ctx, func(tx *db.Tx) error {
		it, err := writableItem(ctx, tx, p, itemID)
		if err != nil {
			return err
		}
		vs, err := versionsOf(ctx, tx, itemID, s.today())
		if err != nil {
			return err
		}
		if d := pendingDraft(vs); d != nil {
			return apperr.Conflict("CATALOG_DRAFT_PENDING", fmt.Sprintf("事项%s有待发布的草稿（第%d版），请先发布或删除后再废止", it.Code, d.Version))
		}
		prev := latestEffective(vs)
		if prev == nil {
			return apperr.Conflict("VERSION_NOT_PUBLISHED", "事项"+it.Code+"尚未发布，不能废止")
		}
		rep, err := versionKind.Repeal(prev.Record, in, s.today())
		if err != nil {
			return err
		}
		v := *prev
		v.Record = rep
		if err := setVersion(ctx, tx, it.Code, &v, prev.Revision); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `UPDATE catalog_items SET status = ?, latest_version_id = ?, updated_at = ? WHERE id = ?`,
			lifecycle.Repealed, v.ID, s.now(), itemID); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityItem, EntityID: itemID,
			EntityName: prev.Name, RegionCode: it.RegionCode, Summary: fmt.Sprintf("废止权责清单事项 %s %s 第%d版（%s，%s起）", it.Code, prev.Name, v.Version, rep.RepealDocNo, rep.EffectiveTo),
			Detail: map[string]any{"versionId": v.ID, "effectiveTo": rep.EffectiveTo, "docNo": rep.RepealDocNo, "reason": rep.RepealReason}})
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Get(ctx, p, itemID, "")
}

// Get returns an item with the version in force on asOf (or, without a date, the latest version),
// every version and the history of its assignments.
func (s *Service) Get(ctx context.Context, p *access.Principal, itemID, asOf string) (Detail, error) {
	if asOf != "" {
		var err error
		if asOf, err = parseDate("asOf", "查询日期", asOf); err != nil {
			return Detail{}, err
		}
	}
	it, err := getItem(ctx, s.DB.R, p.Scope(), itemID)
	if err != nil {
		return Detail{}, err
	}
	today := s.today()
	vs, err := versionsOf(ctx, s.DB.R, itemID, today)
	if err != nil {
		return Detail{}, err
	}
	if err := s.nameVersions(ctx, vs); err != nil {
		return Detail{}, err
	}
	d := Detail{AsOf: asOf, Versions: make([]VersionSummary, len(vs))}
	for i, v := range vs {
		d.Versions[i] = *summaryOf(v)
	}
	shown := VersionAt(vs, asOf)
	if asOf == "" {
		for _, v := range vs {
			if v.ID == it.LatestVersionID {
				shown = v
			}
		}
		d.InForce = VersionAt(vs, today) != nil
	} else {
		d.InForce = shown != nil
	}
	d.Version = shown
	d.Item = Item{ID: it.ID, RegionCode: it.RegionCode, Code: it.Code, Status: it.Status, StatusName: lifecycle.StatusName(it.Status),
		PendingDraft: it.PendingDraft}
	if shown != nil {
		d.Item.VersionID, d.Item.Version, d.Item.VersionStatus, d.Item.Name = shown.ID, shown.Version, shown.Status, shown.Name
		d.Item.Type, d.Item.TypeName, d.Item.Domain = shown.Type, shown.TypeName, shown.Domain
		d.Item.Category, d.Item.CategoryName, d.Item.Level, d.Item.LevelName = shown.Category, shown.CategoryName, shown.Level, shown.LevelName
		d.Item.OwnerOrgID, d.Item.OwnerOrgName = shown.OwnerOrgID, shown.OwnerOrgName
		d.Item.EffectiveFrom, d.Item.EffectiveTo, d.Item.DocNo = shown.EffectiveFrom, shown.EffectiveTo, shown.DocNo
	}
	if d.Assignments, err = s.assignmentViews(ctx, "a.item_id = ?", itemID); err != nil {
		return Detail{}, err
	}
	return d, nil
}

// List returns one page of the catalogue the caller sees. Filtering by organisation lists what
// it may exercise on AsOf (today when no date is given).
func (s *Service) List(ctx context.Context, p *access.Principal, f Filter, page httpx.Page) ([]Item, int, error) {
	var err error
	if f.AsOf, err = dateOr("asOf", "查询日期", f.AsOf, ""); err != nil {
		return nil, 0, err
	}
	if f.OrgID != "" && f.AsOf == "" {
		f.AsOf = s.today()
	}
	if err := f.check(); err != nil {
		return nil, 0, err
	}
	var items []Item
	var total int
	snap, err := s.listSnapshot(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	if snap != nil {
		items, total, err = snap.List(p.Scope(), f, page)
	} else {
		if f.Query != "" {
			if err := s.ensureSearch(ctx); err != nil {
				return nil, 0, err
			}
			if f.synonyms, err = allSynonyms(ctx, s.DB.R); err != nil {
				return nil, 0, err
			}
		}
		items, total, err = listItems(ctx, s.DB.R, p.Scope(), f, page)
	}
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.OwnerOrgID
	}
	names, err := s.orgNames(ctx, ids...)
	if err != nil {
		return nil, 0, err
	}
	for i := range items {
		items[i].OwnerOrgName = names[items[i].OwnerOrgID]
	}
	return items, total, nil
}

// listSnapshot is the snapshot a search answers from when it is current; a search made while it
// is not runs on the store's full-text index and has it rebuilt in the background. Lists without a
// search term run on the store.
func (s *Service) listSnapshot(ctx context.Context, f Filter) (*Snapshot, error) {
	if f.Query == "" || s.storeSearch {
		return nil, nil
	}
	snap, err := s.currentSnapshot(ctx)
	if snap == nil && err == nil {
		s.rebuildSoon(ctx)
	}
	return snap, err
}

func (f *Filter) check() error {
	if f.Type != "" && TypeName(f.Type) == "" {
		return apperr.InvalidField("type", "CATALOG_TYPE_UNKNOWN", "未知事项类型："+string(f.Type))
	}
	if f.Category != "" && CategoryName(f.Category) == "" {
		return apperr.InvalidField("category", "CATALOG_CATEGORY_UNKNOWN", "未知事项类别："+string(f.Category))
	}
	if f.Status != "" && lifecycle.StatusName(f.Status) == "" {
		return apperr.InvalidField("status", "CATALOG_STATUS_UNKNOWN", "未知状态："+string(f.Status)+"（应为 draft、published 或 repealed）")
	}
	return nil
}

// Domains lists the enforcement domains.
func (s *Service) Domains(ctx context.Context) ([]Domain, error) { return listDomains(ctx, s.DB.R) }

// DomainNames lists the names of the enforcement domains in display order. The domain table is
// the platform's one list of domains: organisations and enforcement certificates are checked
// against it too (org.DomainList).
func (s *Service) DomainNames(ctx context.Context) ([]string, error) {
	ds, err := listDomains(ctx, s.DB.R)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = d.Name
	}
	return names, nil
}

// DomainInput adds a domain.
type DomainInput struct {
	Name string `json:"name" text:"50"`
}

// AddDomain adds an enforcement domain to the table.
func (s *Service) AddDomain(ctx context.Context, p *access.Principal, in DomainInput) (Domain, error) {
	name := strings.TrimSpace(in.Name)
	if name == "" || len([]rune(name)) > 20 || strings.ContainsAny(name, "、,，;；|") {
		return Domain{}, apperr.InvalidField("name", "CATALOG_DOMAIN_INVALID", "执法领域名称不能为空、不超过20个字，且不含分隔符")
	}
	d := Domain{Name: name, RegionCode: p.Scope().Root()}
	err := s.tx(ctx, func(tx *db.Tx) error {
		if err := db.Get(ctx, tx, &d.SortOrder, `SELECT COALESCE(MAX(sort_order), 0) + 1 FROM catalog_domains`); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `INSERT INTO catalog_domains (name, sort_order, region_code, created_at) VALUES (?, ?, ?, ?)`,
			d.Name, d.SortOrder, d.RegionCode, s.now()); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Conflict("CATALOG_DOMAIN_EXISTS", "执法领域已存在："+name).WithField("name")
			}
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: entityDomain, EntityID: name,
			EntityName: name, RegionCode: d.RegionCode, Summary: "新增执法领域 " + name})
	})
	return d, err
}
