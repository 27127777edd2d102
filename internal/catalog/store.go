package catalog

import (
	"context"
	"encoding/json"
	"strings"

	"zhifa/internal/law"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/platform/query"
)

// versionRow is a catalog_versions row.
type versionRow struct {
	ID         string `db:"id"`
	ItemID     string `db:"item_id"`
	RegionCode string `db:"region_code"`
	lifecycle.Record
	Name            string                  `db:"name"`
	Type            ItemType                `db:"item_type"`
	Domain          string                  `db:"domain"`
	Category        Category                `db:"category"`
	Level           Level                   `db:"level"`
	OwnerOrgID      string                  `db:"owner_org_id"`
	ViolatedBasis   db.JSON[[]law.Citation] `db:"violated_basis"`
	PenaltyBasis    db.JSON[[]law.Citation] `db:"penalty_basis"`
	PenaltyKinds    db.JSON[[]string]       `db:"penalty_kinds"`
	FineMinFen      *int64                  `db:"fine_min_fen"`
	FineMaxFen      *int64                  `db:"fine_max_fen"`
	MultipleMin     *int                    `db:"multiple_min"`
	MultipleMax     *int                    `db:"multiple_max"`
	MultipleBase    string                  `db:"multiple_base"`
	FineUnit        string                  `db:"fine_unit"`
	UnitMinFen      *int64                  `db:"unit_min_fen"`
	UnitMaxFen      *int64                  `db:"unit_max_fen"`
	SuperviseDuties db.JSON[[]string]       `db:"supervise_duties"`
	EnforceDuties   db.JSON[[]string]       `db:"enforce_duties"`
	Note            string                  `db:"note"`
	SearchText      string                  `db:"search_text"`
	CreatedAt       string                  `db:"created_at"`
	CreatedBy       string                  `db:"created_by"`
}

const versionColumns = `id, item_id, region_code, version, status, revision, effective_from, effective_to, doc_no,
	doc_title, published_at, repeal_reason, repeal_doc_no, name, item_type, domain, category, level, owner_org_id,
	violated_basis, penalty_basis, penalty_kinds, fine_min_fen, fine_max_fen, multiple_min, multiple_max, multiple_base,
	fine_unit, unit_min_fen, unit_max_fen, supervise_duties, enforce_duties, note, search_text, created_at, created_by`

// versionParams is the number of columns of versionColumns.
const versionParams = 36

// decodeList decodes a JSON list column; an empty column is an empty list.
func decodeList(s string) ([]string, error) {
	out := []string{}
	if s == "" {
		return out, nil
	}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, err
	}
	return orEmpty(out), nil
}

// orEmpty gives an empty list for nil, so the API answers [] rather than null.
func orEmpty[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

// version decodes a row, with its state on day.
func (r versionRow) version(day string) *Version {
	v := &Version{ID: r.ID, ItemID: r.ItemID, RegionCode: r.RegionCode, Record: r.Record, Name: r.Name, Type: r.Type,
		Domain: r.Domain, Category: r.Category, Level: r.Level, OwnerOrgID: r.OwnerOrgID,
		ViolatedBasis: orEmpty(r.ViolatedBasis.V), PenaltyBasis: orEmpty(r.PenaltyBasis.V),
		PenaltyKinds: orEmpty(r.PenaltyKinds.V),
		Fine: Fine{MinFen: r.FineMinFen, MaxFen: r.FineMaxFen, MultipleMin: r.MultipleMin, MultipleMax: r.MultipleMax,
			MultipleBase: r.MultipleBase, Unit: r.FineUnit, PerUnitMinFen: r.UnitMinFen, PerUnitMaxFen: r.UnitMaxFen},
		SuperviseDuties: orEmpty(r.SuperviseDuties.V), EnforceDuties: orEmpty(r.EnforceDuties.V), Note: r.Note,
		CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy}
	v.fillNames(day)
	return v
}

// rowOf is the row for a version; search is its normalised search text.
func rowOf(v *Version, code string) versionRow {
	return versionRow{ID: v.ID, ItemID: v.ItemID, RegionCode: v.RegionCode, Record: v.Record, Name: v.Name, Type: v.Type,
		Domain: v.Domain, Category: v.Category, Level: v.Level, OwnerOrgID: v.OwnerOrgID,
		ViolatedBasis: db.JSONOf(orEmpty(v.ViolatedBasis)), PenaltyBasis: db.JSONOf(orEmpty(v.PenaltyBasis)), PenaltyKinds: db.JSONOf(orEmpty(v.PenaltyKinds)),
		FineMinFen: v.Fine.MinFen, FineMaxFen: v.Fine.MaxFen, MultipleMin: v.Fine.MultipleMin, MultipleMax: v.Fine.MultipleMax,
		MultipleBase: v.Fine.MultipleBase, FineUnit: v.Fine.Unit, UnitMinFen: v.Fine.PerUnitMinFen, UnitMaxFen: v.Fine.PerUnitMaxFen,
		SuperviseDuties: db.JSONOf(orEmpty(v.SuperviseDuties)), EnforceDuties: db.JSONOf(orEmpty(v.EnforceDuties)),
		Note: v.Note, SearchText: searchText(code, v), CreatedAt: v.CreatedAt, CreatedBy: v.CreatedBy}
}

// insertVersions inserts versions in one statement (versionParams parameters each; callers keep
// batches within both engines' parameter limits).
func insertVersions(ctx context.Context, c db.Conn, rows []versionRow) error {
	if len(rows) == 0 {
		return nil
	}
	one := "(?" + strings.Repeat(", ?", versionParams-1) + ")"
	var b strings.Builder
	b.WriteString(`INSERT INTO catalog_versions (` + versionColumns + `) VALUES `)
	args := make([]any, 0, len(rows)*versionParams)
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
		args = append(args, r.ID, r.ItemID, r.RegionCode, r.Version, r.Status, r.Revision, r.EffectiveFrom, r.EffectiveTo,
			r.DocNo, r.DocTitle, r.PublishedAt, r.RepealReason, r.RepealDocNo, r.Name, r.Type, r.Domain, r.Category, r.Level,
			r.OwnerOrgID, r.ViolatedBasis, r.PenaltyBasis, r.PenaltyKinds, r.FineMinFen, r.FineMaxFen, r.MultipleMin,
			r.MultipleMax, r.MultipleBase, r.FineUnit, r.UnitMinFen, r.UnitMaxFen, r.SuperviseDuties, r.EnforceDuties, r.Note, r.SearchText, r.CreatedAt, r.CreatedBy)
	}
	if _, err := db.Exec(ctx, c, b.String(), args...); err != nil {
		return err
	}
	return indexRows(ctx, c, rows)
}

// updateVersion writes a version's lifecycle fields and content where its revision is still the
// one read (was), and reports whether it did: false means someone changed it meanwhile.
func updateVersion(ctx context.Context, tx *db.Tx, r versionRow, was int) (bool, error) {
	res, err := db.Exec(ctx, tx, `UPDATE catalog_versions SET status = ?, revision = ?, effective_from = ?, effective_to = ?,
		doc_no = ?, doc_title = ?, published_at = ?, repeal_reason = ?, repeal_doc_no = ?, name = ?, item_type = ?, domain = ?,
		category = ?, level = ?, owner_org_id = ?, violated_basis = ?, penalty_basis = ?, penalty_kinds = ?, fine_min_fen = ?,
		fine_max_fen = ?, multiple_min = ?, multiple_max = ?, multiple_base = ?, fine_unit = ?, unit_min_fen = ?, unit_max_fen = ?,
		supervise_duties = ?, enforce_duties = ?, note = ?, search_text = ? WHERE id = ? AND revision = ?`,
		r.Status, r.Revision, r.EffectiveFrom, r.EffectiveTo, r.DocNo, r.DocTitle, r.PublishedAt, r.RepealReason, r.RepealDocNo,
		r.Name, r.Type, r.Domain, r.Category, r.Level, r.OwnerOrgID, r.ViolatedBasis, r.PenaltyBasis, r.PenaltyKinds,
		r.FineMinFen, r.FineMaxFen, r.MultipleMin, r.MultipleMax, r.MultipleBase, r.FineUnit, r.UnitMinFen, r.UnitMaxFen,
		r.SuperviseDuties, r.EnforceDuties, r.Note, r.SearchText, r.ID, was)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	if err != nil || n != 1 {
		return false, err
	}
	return true, indexRows(ctx, tx, []versionRow{r})
}

// setVersion writes a changed version where its stored revision is still was, the one read;
// otherwise it answers STALE, and the change's transaction rolls back.
func setVersion(ctx context.Context, tx *db.Tx, code string, v *Version, was int) error {
	ok, err := updateVersion(ctx, tx, rowOf(v, code), was)
	if err != nil {
		return err
	}
	if !ok {
		return lifecycle.Stale()
	}
	return nil
}

// itemRow is a catalog_items row.
type itemRow struct {
	ID              string           `db:"id"`
	RegionCode      string           `db:"region_code"`
	Code            string           `db:"code"`
	Status          lifecycle.Status `db:"status"`
	LatestVersionID string           `db:"latest_version_id"`
	PendingDraft    bool             `db:"pending_draft"`
	FirstEffective  string           `db:"first_effective"`
	CreatedAt       string           `db:"created_at"`
	UpdatedAt       string           `db:"updated_at"`
}

func insertItems(ctx context.Context, c db.Conn, rows []itemRow) error {
	if len(rows) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(`INSERT INTO catalog_items (id, region_code, code, status, latest_version_id, pending_draft,
		first_effective, created_at, updated_at) VALUES `)
	args := make([]any, 0, len(rows)*9)
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?)")
		args = append(args, r.ID, r.RegionCode, r.Code, r.Status, r.LatestVersionID, r.PendingDraft, r.FirstEffective,
			r.CreatedAt, r.UpdatedAt)
	}
	_, err := db.Exec(ctx, c, b.String(), args...)
	return err
}

// itemsVisible is the SQL condition for the items a caller reads: its jurisdiction's, and the
// published ones of the jurisdictions above it (access.Scope.Visible). alias is "" or "i.".
func itemsVisible(scope access.Scope, alias string) (string, []any) {
	return scope.Visible(alias+"region_code", alias+"status <> 'draft'")
}

// getItem reads one item the caller may see.
func getItem(ctx context.Context, c db.Conn, scope access.Scope, id string) (itemRow, error) {
	var it itemRow
	cond, args := itemsVisible(scope, "")
	err := db.Get(ctx, c, &it, `SELECT id, region_code, code, status, latest_version_id, pending_draft, first_effective,
		created_at, updated_at FROM catalog_items WHERE id = ? AND `+cond, append([]any{id}, args...)...)
	if db.IsNoRows(err) {
		return itemRow{}, apperr.NotFound("权责清单事项")
	}
	return it, err
}

// writableItem reads an item the caller may change: one in their own jurisdiction.
func writableItem(ctx context.Context, tx *db.Tx, p *access.Principal, id string) (itemRow, error) {
	it, err := getItem(ctx, tx, p.Scope(), id)
	if err != nil {
		return itemRow{}, err
	}
	if !p.Scope().Contains(it.RegionCode) {
		// Visible (an ancestor's item) but not the caller's to change.
		return itemRow{}, apperr.Forbidden("只能修改本辖区的权责清单事项，上级辖区的事项由上级维护").WithCode("OUT_OF_WRITE_SCOPE")
	}
	return it, nil
}

// versionsOf lists every version of an item, oldest first, with their states on day.
func versionsOf(ctx context.Context, c db.Conn, itemID, day string) ([]*Version, error) {
	var rows []versionRow
	if err := db.Select(ctx, c, &rows, `SELECT `+versionColumns+` FROM catalog_versions WHERE item_id = ? ORDER BY version`, itemID); err != nil {
		return nil, err
	}
	out := make([]*Version, len(rows))
	for i, r := range rows {
		out[i] = r.version(day)
	}
	return out, nil
}

// getVersion reads one version by id.
func getVersion(ctx context.Context, c db.Conn, id, day string) (*Version, error) {
	var r versionRow
	err := db.Get(ctx, c, &r, `SELECT `+versionColumns+` FROM catalog_versions WHERE id = ?`, id)
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("事项版本")
	}
	if err != nil {
		return nil, err
	}
	return r.version(day), nil
}

// VersionAt picks the version in force on date from an item's versions: the published or
// repealed version whose window [effectiveFrom, effectiveTo) holds the date. Drafts never count.
func VersionAt(vs []*Version, date string) *Version {
	if i := lifecycle.At(vs, date); i >= 0 {
		return vs[i]
	}
	return nil
}

// latestEffective is the latest version that is not a draft, or nil.
func latestEffective(vs []*Version) *Version {
	if i := lifecycle.Latest(vs); i >= 0 {
		return vs[i]
	}
	return nil
}

// pendingDraft is the item's unpublished draft, or nil.
func pendingDraft(vs []*Version) *Version {
	if i := lifecycle.DraftOf(vs); i >= 0 {
		return vs[i]
	}
	return nil
}

// Filter narrows the catalogue list.
type Filter struct {
	Query    string           `query:"q" doc:"检索词：事项名称、编码、法律依据等，多个词以空格分隔，须全部命中"`
	Domain   string           `query:"domain" doc:"执法领域"`
	Type     ItemType         `query:"type" doc:"penalty、coercion、inspection、levy、other"`
	Category Category         `query:"category" doc:"general（一般性）或 professional（专业性）"`
	Status   lifecycle.Status `query:"status" doc:"draft、published、repealed"`
	OrgID    string           `query:"orgId" doc:"只列该机构在 asOf（默认今天）可以行使的事项"`
	AsOf     string           `query:"asOf" doc:"YYYY-MM-DD：显示当日施行的版本，不在施行期的事项不列出"`
	Region   string           `query:"regionCode" doc:"某一辖区的清单（12位区划代码）"`
	synonyms []synonym
}

const listColumns = `i.id, i.region_code, i.code, i.status, i.pending_draft, v.id AS version_id, v.version,
	v.status AS version_status, v.name, v.item_type, v.domain, v.category, v.level, v.owner_org_id, v.effective_from,
	v.effective_to, v.doc_no`

type listRow struct {
	ID            string           `db:"id"`
	RegionCode    string           `db:"region_code"`
	Code          string           `db:"code"`
	Status        lifecycle.Status `db:"status"`
	PendingDraft  bool             `db:"pending_draft"`
	VersionID     string           `db:"version_id"`
	Version       int              `db:"version"`
	VersionStatus lifecycle.Status `db:"version_status"`
	Name          string           `db:"name"`
	Type          ItemType         `db:"item_type"`
	Domain        string           `db:"domain"`
	Category      Category         `db:"category"`
	Level         Level            `db:"level"`
	OwnerOrgID    string           `db:"owner_org_id"`
	EffectiveFrom string           `db:"effective_from"`
	EffectiveTo   string           `db:"effective_to"`
	DocNo         string           `db:"doc_no"`
}

func (r listRow) item() Item {
	return Item{ID: r.ID, RegionCode: r.RegionCode, Code: r.Code, Status: r.Status, StatusName: lifecycle.StatusName(r.Status),
		PendingDraft: r.PendingDraft, VersionID: r.VersionID, Version: r.Version, VersionStatus: r.VersionStatus, Name: r.Name,
		Type: r.Type, TypeName: TypeName(r.Type), Domain: r.Domain, Category: r.Category, CategoryName: CategoryName(r.Category),
		Level: r.Level, LevelName: LevelName(r.Level), OwnerOrgID: r.OwnerOrgID, EffectiveFrom: r.EffectiveFrom,
		EffectiveTo: r.EffectiveTo, DocNo: r.DocNo}
}

// listItems returns one page of the catalogue the caller sees. Search matches every term of the
// query (or a synonym's canonical term) against the version's normalised search text: the
// full-text index (fulltext.go) narrows the versions, a substring test decides.
func listItems(ctx context.Context, c db.Conn, scope access.Scope, f Filter, p httpx.Page) ([]Item, int, error) {
	var w query.Where
	// v.item_id = i.id as well lets either side lead the join (the index's matches, when searching).
	from := `catalog_items i JOIN catalog_versions v ON v.id = i.latest_version_id AND v.item_id = i.id`
	if f.AsOf != "" {
		from = `catalog_items i JOIN catalog_versions v ON v.item_id = i.id`
		w.And(`v.status <> 'draft' AND v.effective_from <= ? AND (v.effective_to = '' OR v.effective_to > ?)`, f.AsOf, f.AsOf)
	}
	w.Add(itemsVisible(scope, "i."))
	// Every term of the query (or a synonym of it in its jurisdiction), on the full-text index.
	if terms := SearchTerms(f.Query); len(terms) > 0 {
		conds, args := searchConds(c, terms, expand(terms, f.synonyms), "i.region_code")
		for i := range conds {
			w.Add(conds[i], args[i])
		}
	}
	w.If(f.Domain != "", "v.domain = ?", f.Domain)
	w.If(f.Type != "", "v.item_type = ?", f.Type)
	w.If(f.Category != "", "v.category = ?", f.Category)
	w.If(f.Status != "", "i.status = ?", f.Status)
	w.If(f.Region != "", "i.region_code = ?", f.Region)
	if f.OrgID != "" {
		// The same rule as Snapshot.ItemsOf: an active assignment to the organisation, or ownership
		// of the version in force without an active transfer of the whole item.
		d := f.AsOf
		w.And(`(EXISTS (SELECT 1 FROM catalog_assignments a WHERE a.item_id = i.id AND (a.target_org_id = ? OR a.working_org_id = ?)
			AND a.effective_from <= ? AND (a.effective_to = '' OR a.effective_to > ?))
			OR (v.owner_org_id = ? AND NOT EXISTS (SELECT 1 FROM catalog_assignments t WHERE t.item_id = i.id
			AND t.kind = 'transfer' AND t.partial = ? AND t.effective_from <= ? AND (t.effective_to = '' OR t.effective_to > ?))))`,
			f.OrgID, f.OrgID, d, d, f.OrgID, false, d, d)
	}
	order, err := query.Order{
		"code": "i.code, i.region_code", "name": db.Pinyin(c, "v.name") + ", i.code", "domain": "v.domain, i.code",
		"type": "v.item_type, i.code", "status": "i.status, i.code", "effectiveFrom": "v.effective_from, i.code",
		"region": "i.region_code, i.code",
	}.SQL(p, "region", "i.id")
	if err != nil {
		return nil, 0, err
	}
	rows, total, err := query.List[listRow](ctx, c, listColumns, from, &w, order, p)
	if err != nil {
		return nil, 0, err
	}
	out := make([]Item, len(rows))
	for i, r := range rows {
		out[i] = r.item()
	}
	return out, total, nil
}

// domainExists reports whether a domain is in the domain table.
func domainExists(ctx context.Context, c db.Conn, name string) (bool, error) {
	var n int
	err := db.Get(ctx, c, &n, `SELECT COUNT(*) FROM catalog_domains WHERE name = ?`, name)
	return n > 0, err
}

// Domain is one enforcement domain (执法领域).
type Domain struct {
	Name       string `db:"name" json:"name"`
	SortOrder  int    `db:"sort_order" json:"sortOrder"`
	RegionCode string `db:"region_code" json:"regionCode"`
}

// listDomains returns every domain in display order.
func listDomains(ctx context.Context, c db.Conn) ([]Domain, error) {
	var out []Domain
	err := db.Select(ctx, c, &out, `SELECT name, sort_order, region_code FROM catalog_domains ORDER BY sort_order, name`)
	return out, err
}
