package catalog

import (
	"context"
	"fmt"
	"io"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/law"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/platform/tabular"
	"zhifa/internal/platform/text"
)

// Column is one column of the catalogue template: the key used in errors and the headers accepted.
type Column struct {
	Key     string
	Headers []string
}

// Columns is the catalogue template (docs/catalog.md), in order; the first header is the one
// exports and the template write.
var Columns = []Column{
	{"code", []string{"事项编码", "code"}},
	{"name", []string{"事项名称", "name"}},
	{"type", []string{"事项类型", "type"}},
	{"domain", []string{"执法领域", "domain"}},
	{"category", []string{"一般性/专业性", "事项类别", "category"}},
	{"level", []string{"行使层级", "level"}},
	{"owner", []string{"业务主管部门", "owner"}},
	{"violatedBasis", []string{"违法依据", "violatedBasis"}},
	{"penaltyBasis", []string{"处罚依据", "penaltyBasis"}},
	{"penaltyKinds", []string{"处罚种类", "penaltyKinds"}},
	{"fineMin", []string{"罚款下限（元）", "罚款下限(元)", "罚款下限", "fineMin"}},
	{"fineMax", []string{"罚款上限（元）", "罚款上限(元)", "罚款上限", "fineMax"}},
	{"multipleMin", []string{"倍数下限", "multipleMin"}},
	{"multipleMax", []string{"倍数上限", "multipleMax"}},
	{"multipleBase", []string{"倍数基数", "multipleBase"}},
	{"superviseDuties", []string{"主管部门职责", "superviseDuties"}},
	{"enforceDuties", []string{"执法部门职责", "enforceDuties"}},
	{"effectiveFrom", []string{"生效日期", "effectiveFrom"}},
	{"docNo", []string{"文号", "docNo"}},
	{"status", []string{"状态", "status"}},
	{"note", []string{"备注", "note"}},
}

// fieldOf maps an Input field named in an error to its template column.
var fieldOf = map[string]string{"code": "code", "name": "name", "type": "type", "domain": "domain", "category": "category", "level": "level",
	"ownerOrgId": "owner", "penaltyKinds": "penaltyKinds", "fine": "fineMax", "fine.minFen": "fineMin",
	"fine.multipleMin": "multipleMin", "fine.multipleBase": "multipleBase", "effectiveFrom": "effectiveFrom", "docNo": "docNo",
	"violatedBasis": "violatedBasis", "penaltyBasis": "penaltyBasis", "fine.maxFen": "fineMax", "fine.multipleMax": "multipleMax",
	"superviseDuties": "superviseDuties", "enforceDuties": "enforceDuties", "note": "note"}

// columnOf names the template column behind an Input field path: penaltyBasis[1].text → penaltyBasis.
func columnOf(field string) string {
	if k, ok := fieldOf[field]; ok {
		return k
	}
	if i := strings.IndexAny(field, "[."); i >= 0 {
		return fieldOf[field[:i]]
	}
	return ""
}

func columnsWanted() map[string][]string {
	m := make(map[string][]string, len(Columns))
	for _, c := range Columns {
		m[c.Key] = c.Headers
	}
	return m
}

// header names a column in messages.
func header(key string) string {
	for _, c := range Columns {
		if c.Key == key {
			return c.Headers[0]
		}
	}
	return key
}

// importBatch is the number of items per INSERT: a version has 29 parameters, so 500 rows stay
// inside SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const importBatch = 500

// ImportResult reports a finished import.
type ImportResult struct {
	Kind      string `json:"kind"`
	Imported  int    `json:"imported"`
	Published int    `json:"published"`
	Drafts    int    `json:"drafts"`
}

type pendingItem struct {
	item    itemRow
	version versionRow
}

type catalogImport struct {
	s       *Service
	tx      *db.Tx
	p       *access.Principal
	domains map[string]bool
	owners  map[string]orgLookup
	seen    map[string]int // region+code → line
	batch   []pendingItem
	report  tabular.Report
	result  ImportResult
	regions map[string]bool
}

type orgLookup struct {
	org org.Org
	err error
}

// fail records a problem of a row, naming the template column (第N行：违法依据：…).
func fail(row *tabular.Row, key string, err error) {
	e := apperr.As(err)
	if key == "" {
		key = columnOf(e.Field)
	}
	if key != "" {
		named := *e
		named.Message = header(key) + "：" + e.Message
		e = &named
	}
	row.Fail(key, e)
}

func (im *catalogImport) Pending() int            { return len(im.batch) }
func (im *catalogImport) Report() *tabular.Report { return &im.report }

// Import reads a catalogue file (CSV or .xlsx in the template of docs/catalog.md) and adds every
// row as a new item, or none: the whole file runs in one transaction that is rolled back if any
// row is bad, and every bad row is reported with its line number. Rows are drafts unless 状态 says
// 已发布, in which case the publication checks apply to them (行政处罚法 第四条).
func (s *Service) Import(ctx context.Context, p *access.Principal, r io.Reader) (ImportResult, error) {
	tr, err := tabular.Open(r)
	if err != nil {
		return ImportResult{}, err
	}
	defer tr.Close()
	cols, err := tabular.Index(tr.Header(), columnsWanted(), "code", "name", "type", "domain", "owner")
	if err != nil {
		return ImportResult{}, err
	}
	im := &catalogImport{s: s, p: p, owners: map[string]orgLookup{}, seen: map[string]int{},
		domains: map[string]bool{}, regions: map[string]bool{}, result: ImportResult{Kind: "catalog"}}
	err = s.tx(ctx, func(tx *db.Tx) error {
		im.tx = tx
		ds, err := listDomains(ctx, tx)
		if err != nil {
			return err
		}
		for _, d := range ds {
			im.domains[d.Name] = true
		}
		if _, err := tabular.Load(ctx, tr, cols, im, importBatch, nil); err != nil {
			return err
		}
		region := p.Scope().Root()
		if len(im.regions) == 1 {
			for r := range im.regions {
				region = r
			}
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionImport, Entity: entityItem, RegionCode: region,
			Summary: fmt.Sprintf("导入权责清单事项 %d 项（已发布 %d 项，草稿 %d 项）", im.result.Imported, im.result.Published, im.result.Drafts),
			Detail:  im.result})
	})
	if err != nil {
		return ImportResult{}, err
	}
	return im.result, nil
}

// owner resolves an owning department by name inside the caller's jurisdiction, once per name.
func (im *catalogImport) owner(ctx context.Context, name string) (org.Org, error) {
	if l, ok := im.owners[name]; ok {
		return l.org, l.err
	}
	o, err := org.FindByName(ctx, im.tx, im.p.Scope(), name)
	switch {
	case apperr.Is(err, "NOT_FOUND"):
		err = apperr.Invalid("CATALOG_OWNER_NOT_FOUND", "业务主管部门“"+name+"”不存在或不在本辖区内")
	case err == nil && o.Kind != org.KindDepartment:
		err = apperr.Invalid("CATALOG_OWNER_NOT_DEPARTMENT", "“"+name+"”是"+o.KindName+"，不是业务主管部门").WithRule(RuleOwner)
	}
	if err != nil && !apperr.Is(err, "CATALOG_OWNER_NOT_FOUND") && !apperr.Is(err, "CATALOG_OWNER_NOT_DEPARTMENT") && !apperr.Is(err, "ORG_NAME_AMBIGUOUS") {
		return org.Org{}, err
	}
	im.owners[name] = orgLookup{o, err}
	return o, err
}

// Add checks one row with the rules of a single new item (Create, and Publish for rows marked
// 已发布) and queues it; every problem of the row is recorded in it, one per column. Only store
// failures are returned.
func (im *catalogImport) Add(ctx context.Context, row *tabular.Row) error {
	get := row.Get
	code, err := CheckCode("code", get("code"))
	if err != nil {
		fail(row, "code", err)
	}
	in := Input{Code: get("code"), Name: get("name"), Domain: get("domain"), DocNo: get("docNo"), Note: get("note"),
		EffectiveFrom: get("effectiveFrom")}
	if t, ok := parseOption(ItemTypes, get("type")); ok {
		in.Type = ItemType(t)
	} else {
		fail(row, "type", apperr.Invalid("CATALOG_TYPE_UNKNOWN", "未知事项类型“"+get("type")+"”（应为行政处罚、行政强制、行政检查、行政征收或其他）"))
	}
	if v := get("category"); v != "" {
		if c, ok := parseOption(Categories, v); ok {
			in.Category = Category(c)
		} else {
			fail(row, "category", apperr.Invalid("CATALOG_CATEGORY_UNKNOWN", "未知事项类别“"+v+"”（应为一般性或专业性）"))
		}
	}
	if v := get("level"); v != "" {
		if l, ok := parseOption(Levels, v); ok {
			in.Level = Level(l)
		} else {
			fail(row, "level", apperr.Invalid("CATALOG_LEVEL_UNKNOWN", "未知行使层级“"+v+"”（应为省级、市级、县级或乡级）"))
		}
	}
	if in.ViolatedBasis, err = law.ParseCitations("violatedBasis", get("violatedBasis")); err != nil {
		fail(row, "violatedBasis", err)
	}
	if in.PenaltyBasis, err = law.ParseCitations("penaltyBasis", get("penaltyBasis")); err != nil {
		fail(row, "penaltyBasis", err)
	}
	in.PenaltyKinds = SplitKinds(get("penaltyKinds"))
	if in.Fine.MinFen, err = ParseYuan("fineMin", "罚款下限", get("fineMin")); err != nil {
		fail(row, "fineMin", err)
	}
	if in.Fine.MaxFen, err = ParseYuan("fineMax", "罚款上限", get("fineMax")); err != nil {
		fail(row, "fineMax", err)
	}
	if in.Fine.MultipleMin, err = ParseMultiple("multipleMin", get("multipleMin")); err != nil {
		fail(row, "multipleMin", err)
	}
	if in.Fine.MultipleMax, err = ParseMultiple("multipleMax", get("multipleMax")); err != nil {
		fail(row, "multipleMax", err)
	}
	in.Fine.MultipleBase = get("multipleBase")
	in.SuperviseDuties = splitList(get("superviseDuties"), "；")
	in.EnforceDuties = splitList(get("enforceDuties"), "；")
	publish := false
	switch st := get("status"); st {
	case "", lifecycle.StatusName(lifecycle.Draft), string(lifecycle.Draft):
	case lifecycle.StatusName(lifecycle.Published), string(lifecycle.Published):
		publish = true
	default:
		fail(row, "status", apperr.Invalid("CATALOG_STATUS_UNKNOWN", "状态“"+st+"”无效（应为草稿或已发布）"))
	}
	var owner org.Org
	if ownerName := get("owner"); ownerName == "" {
		fail(row, "owner", apperr.Invalid("CATALOG_OWNER_REQUIRED", "业务主管部门不能为空"))
	} else if owner, err = im.owner(ctx, ownerName); err != nil {
		fail(row, "owner", err)
	} else {
		in.OwnerOrgID = owner.ID
	}
	// The rules of Create, every one of them: a problem in a column already reported (an unknown
	// type, say) is not reported again.
	for _, err := range in.checkAll() {
		fail(row, "", err)
	}
	// The limits of the single-record write (Input's text tags and the citations' texts).
	for _, err := range text.All(&in) {
		fail(row, "", err)
	}
	if in.Domain != "" && !im.domains[in.Domain] {
		fail(row, "domain", apperr.Invalid("CATALOG_DOMAIN_UNKNOWN", "未知执法领域“"+in.Domain+"”（可先在执法领域表中新增）"))
	}
	key := owner.RegionCode + "|" + code
	if code != "" && owner.ID != "" && !row.Reported("code") {
		if first, dup := im.seen[key]; dup {
			fail(row, "code", apperr.Invalid("CATALOG_CODE_DUPLICATE", fmt.Sprintf("事项编码 %s 与第%d行重复", code, first)))
		} else {
			im.seen[key] = row.Line
		}
	}
	itemID := ids.New()
	v := im.s.newVersion(im.p, itemID, owner.RegionCode, lifecycle.NewDraft(1), in)
	if publish {
		for _, p := range PublishProblems(code, v) {
			fail(row, fieldOf[p.Field], apperr.Invalid(p.Code, p.Message).WithRule(p.Rule))
		}
	}
	if !row.OK() {
		return nil
	}
	it := itemRow{ID: itemID, RegionCode: owner.RegionCode, Code: code, Status: lifecycle.Draft, LatestVersionID: v.ID,
		PendingDraft: true, CreatedAt: v.CreatedAt, UpdatedAt: v.CreatedAt}
	if publish {
		v.Status, v.State, v.PublishedAt = lifecycle.Published, lifecycle.StateOf(v.Record, im.s.today()), v.CreatedAt
		it.Status, it.PendingDraft, it.FirstEffective = lifecycle.Published, false, v.EffectiveFrom
		im.result.Published++
	} else {
		im.result.Drafts++
	}
	im.result.Imported++
	im.regions[owner.RegionCode] = true
	im.batch = append(im.batch, pendingItem{item: it, version: rowOf(v, code)})
	return nil
}

// splitList splits a cell of duties on sep (and on ";" and line breaks).
func splitList(cell, sep string) []string {
	r := strings.NewReplacer("\n", sep, ";", sep)
	var out []string
	for _, s := range strings.Split(r.Replace(cell), sep) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Flush checks the batch's codes against the store and inserts it while the file is still clean.
func (im *catalogImport) Flush(ctx context.Context) error {
	if len(im.batch) == 0 {
		return nil
	}
	batch := im.batch
	im.batch = nil
	codes := make([]string, len(batch))
	for i, b := range batch {
		codes[i] = b.item.Code
	}
	q, args, err := db.In(`SELECT region_code, code FROM catalog_items WHERE code IN (?)`, codes)
	if err != nil {
		return err
	}
	var existing []struct {
		Region string `db:"region_code"`
		Code   string `db:"code"`
	}
	if err := db.Select(ctx, im.tx, &existing, q, args...); err != nil {
		return err
	}
	taken := map[string]bool{}
	for _, e := range existing {
		taken[e.Region+"|"+e.Code] = true
	}
	items := make([]itemRow, 0, len(batch))
	versions := make([]versionRow, 0, len(batch))
	for _, b := range batch {
		key := b.item.RegionCode + "|" + b.item.Code
		if taken[key] {
			im.report.Fail(im.seen[key], "code", apperr.Invalid("CATALOG_CODE_EXISTS", header("code")+"：事项编码 "+b.item.Code+" 已在清单中；修订已有事项请新增版本"))
			continue
		}
		items = append(items, b.item)
		versions = append(versions, b.version)
	}
	if im.report.Failed() {
		return nil // keep validating the rest of the file; nothing will be committed
	}
	if err := insertItems(ctx, im.tx, items); err != nil {
		return err
	}
	return insertVersions(ctx, im.tx, versions)
}
