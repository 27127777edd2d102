package catalog

import (
	"context"
	"errors"
	"strings"

	"zhifa/internal/law"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/region"
)

// ExerciseQuery asks who exercises an item (by id or code) at a place on a date (today if empty).
type ExerciseQuery struct {
	ItemID   string `query:"itemId" doc:"事项 id"`
	ItemCode string `query:"itemCode" doc:"或事项编码"`
	Place    string `query:"place" doc:"区划代码（村、乡镇或县）"`
	Date     string `query:"date" doc:"YYYY-MM-DD，默认今天"`
}

// Exercise answers who exercises an item at a place on a date, from the snapshot; only the
// region names of the explanation are read from the store.
func (s *Service) Exercise(ctx context.Context, p *access.Principal, q ExerciseQuery) (Exercise, error) {
	place, _, err := region.NormalizeCode(q.Place)
	if err != nil {
		return Exercise{}, apperr.As(err).WithField("place")
	}
	date, err := dateOr("date", "查询日期", q.Date, s.today())
	if err != nil {
		return Exercise{}, err
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return Exercise{}, err
	}
	names := func(code string) string { return s.placeName(ctx, code) }
	switch {
	case q.ItemID != "":
		return snap.Resolve(p.Scope(), q.ItemID, place, date, names)
	case q.ItemCode != "":
		return snap.ResolveCode(p.Scope(), strings.TrimSpace(q.ItemCode), place, date, names)
	}
	return Exercise{}, apperr.InvalidField("itemId", "CATALOG_ITEM_REQUIRED", "请指定事项（itemId 或 itemCode）")
}

// placeName names a place from the township down (张秋镇张秋村), or the county itself.
func (s *Service) placeName(ctx context.Context, code string) string {
	path, err := region.Path(ctx, s.DB, code)
	if err != nil || len(path) == 0 {
		return ""
	}
	var parts []string
	for _, r := range path {
		if region.LevelOf(r.Code) >= region.LevelTownship {
			parts = append(parts, r.Name)
		}
	}
	if len(parts) == 0 {
		return path[len(path)-1].Name
	}
	return strings.Join(parts, "")
}

// OrgItems lists what an organisation may exercise on a date (today if empty), with counts by
// domain and type over all of them and one page of the items.
func (s *Service) OrgItems(ctx context.Context, p *access.Principal, orgID, date string, page httpx.Page) (OrgItems, error) {
	date, err := dateOr("date", "查询日期", date, s.today())
	if err != nil {
		return OrgItems{}, err
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return OrgItems{}, err
	}
	out, err := snap.OrgItemsPage(p.Scope(), orgID, date, page.Offset(), page.PageSize)
	if err != nil {
		return OrgItems{}, err
	}
	out.Page, out.PageSize = page.Page, page.PageSize
	return out, nil
}

// OrgDiff is what an organisation gained and lost between two dates ("what did 张秋镇 gain and
// lose this year").
type OrgDiff struct {
	Org    OrgRef    `json:"org"`
	From   string    `json:"from"`
	To     string    `json:"to"`
	Gained []OrgItem `json:"gained"`
	Lost   []OrgItem `json:"lost"`
}

// DiffOrg compares the items an organisation may exercise on two dates.
func (s *Service) DiffOrg(ctx context.Context, p *access.Principal, orgID, from, to string) (OrgDiff, error) {
	from, to, err := twoDates(from, to)
	if err != nil {
		return OrgDiff{}, err
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return OrgDiff{}, err
	}
	a, err := snap.ItemsOf(p.Scope(), orgID, from)
	if err != nil {
		return OrgDiff{}, err
	}
	b, err := snap.ItemsOf(p.Scope(), orgID, to)
	if err != nil {
		return OrgDiff{}, err
	}
	d := OrgDiff{Org: snap.orgRef(orgID), From: from, To: to}
	d.Gained, d.Lost = DiffOrgItems(a, b)
	return d, nil
}

func twoDates(from, to string) (string, string, error) {
	f, err := parseDate("from", "开始日期", from)
	if err != nil {
		return "", "", err
	}
	t, err := parseDate("to", "结束日期", to)
	if err != nil {
		return "", "", err
	}
	if t < f {
		return "", "", apperr.InvalidField("to", "CATALOG_DATE_ORDER", "结束日期不能早于开始日期")
	}
	return f, t, nil
}

// AssignmentChange is an assignment that started or ended between two dates.
type AssignmentChange struct {
	Change     string     `json:"change"` // started | ended
	Date       string     `json:"date"`
	Assignment Assignment `json:"assignment"`
}

// ItemDiff is how an item changed between two dates: the versions in force on each, the fields
// that differ, and the transfers and delegations that started or ended in between.
type ItemDiff struct {
	ItemID      string             `json:"itemId"`
	Code        string             `json:"code"`
	From        string             `json:"from"`
	To          string             `json:"to"`
	FromVersion *VersionSummary    `json:"fromVersion"`
	ToVersion   *VersionSummary    `json:"toVersion"`
	Changes     []FieldChange      `json:"changes"`
	Assignments []AssignmentChange `json:"assignments"`
}

// DiffItem compares an item on two dates.
func (s *Service) DiffItem(ctx context.Context, p *access.Principal, itemID, from, to string) (ItemDiff, error) {
	from, to, err := twoDates(from, to)
	if err != nil {
		return ItemDiff{}, err
	}
	d, err := s.Get(ctx, p, itemID, "")
	if err != nil {
		return ItemDiff{}, err
	}
	vs, err := versionsOf(ctx, s.DB.R, itemID, s.today())
	if err != nil {
		return ItemDiff{}, err
	}
	if err := s.nameVersions(ctx, vs); err != nil {
		return ItemDiff{}, err
	}
	a, b := VersionAt(vs, from), VersionAt(vs, to)
	out := ItemDiff{ItemID: itemID, Code: d.Item.Code, From: from, To: to, FromVersion: summaryOf(a), ToVersion: summaryOf(b),
		Changes: []FieldChange{}, Assignments: []AssignmentChange{}}
	if a == nil || b == nil || a.ID != b.ID {
		out.Changes = DiffVersions(a, b)
	}
	for _, as := range d.Assignments {
		if as.EffectiveFrom > from && as.EffectiveFrom <= to {
			out.Assignments = append(out.Assignments, AssignmentChange{Change: "started", Date: as.EffectiveFrom, Assignment: as})
		}
		if as.EffectiveTo != "" && as.EffectiveTo > from && as.EffectiveTo <= to {
			out.Assignments = append(out.Assignments, AssignmentChange{Change: "ended", Date: as.EffectiveTo, Assignment: as})
		}
	}
	return out, nil
}

func summaryOf(v *Version) *VersionSummary {
	if v == nil {
		return nil
	}
	return &VersionSummary{ID: v.ID, Record: v.Record, StatusName: v.StatusName, Name: v.Name, Note: v.Note, CreatedAt: v.CreatedAt}
}

// Applicable chooses, by 行政处罚法 第三十七条, the version of an item to apply to an act
// committed on actDate and decided on decisionDate (today if empty).
func (s *Service) Applicable(ctx context.Context, p *access.Principal, itemID, actDate, decisionDate string) (Art37Choice, error) {
	act, err := parseDate("actDate", "违法行为发生日期", actDate)
	if err != nil {
		return Art37Choice{}, err
	}
	dec, err := dateOr("decisionDate", "处罚决定日期", decisionDate, s.today())
	if err != nil {
		return Art37Choice{}, err
	}
	if dec < act {
		return Art37Choice{}, apperr.InvalidField("decisionDate", "CATALOG_DATE_ORDER", "处罚决定日期不能早于违法行为发生日期")
	}
	if _, err := getItem(ctx, s.DB.R, p.Scope(), itemID); err != nil {
		return Art37Choice{}, err
	}
	vs, err := versionsOf(ctx, s.DB.R, itemID, s.today())
	if err != nil {
		return Art37Choice{}, err
	}
	if err := s.nameVersions(ctx, vs); err != nil {
		return Art37Choice{}, err
	}
	return ChooseArt37(VersionAt(vs, act), VersionAt(vs, dec)), nil
}

// Statute is what the discretion benchmarks (裁量基准) need of an item on a date: the version in
// force, its penalty kinds and its statutory fine range, with the penalty provisions.
type Statute struct {
	ItemID        string         `json:"itemId"`
	ItemCode      string         `json:"itemCode"`
	ItemName      string         `json:"itemName"`
	RegionCode    string         `json:"regionCode"`
	VersionID     string         `json:"versionId"`
	Version       int            `json:"version"`
	EffectiveFrom string         `json:"effectiveFrom"`
	EffectiveTo   string         `json:"effectiveTo"`
	Type          ItemType       `json:"type"`
	PenaltyKinds  []string       `json:"penaltyKinds"`
	Fine          Fine           `json:"fine"`
	PenaltyBasis  []law.Citation `json:"penaltyBasis"`
}

// ErrNotInForce is matched (errors.Is) by the NOT_FOUND error Statute returns when the item exists
// but no version of it is in force on the date, as opposed to an unknown item.
var ErrNotInForce = errors.New("catalog: no version of the item in force on the date")

// notInForce is a NOT_FOUND business error that also matches ErrNotInForce.
type notInForce struct{ err *apperr.Error }

func (e notInForce) Error() string        { return e.err.Error() }
func (e notInForce) Unwrap() error        { return e.err }
func (e notInForce) Is(target error) bool { return target == ErrNotInForce }

// Statute returns an item's statutory penalty range in force on date (YYYY-MM-DD). It answers
// NOT_FOUND when the item does not exist or is not in force that day (the latter also matches
// ErrNotInForce). It is meant for other features (the discretion benchmarks) and acts as the
// system, without a jurisdiction filter.
func (s *Service) Statute(ctx context.Context, itemID, date string) (Statute, error) {
	date, err := parseDate("date", "日期", date)
	if err != nil {
		return Statute{}, err
	}
	it, err := getItem(ctx, s.DB.R, access.Everywhere, itemID)
	if err != nil {
		return Statute{}, err
	}
	vs, err := versionsOf(ctx, s.DB.R, itemID, s.today())
	if err != nil {
		return Statute{}, err
	}
	v := VersionAt(vs, date)
	if v == nil {
		return Statute{}, notInForce{apperr.NotFound("事项" + it.Code + "在" + date + "施行的版本")}
	}
	return Statute{ItemID: it.ID, ItemCode: it.Code, ItemName: v.Name, RegionCode: it.RegionCode, VersionID: v.ID,
		Version: v.Version, EffectiveFrom: v.EffectiveFrom, EffectiveTo: v.EffectiveTo, Type: v.Type,
		PenaltyKinds: v.PenaltyKinds, Fine: v.Fine, PenaltyBasis: v.PenaltyBasis}, nil
}
