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
	{"fineText", []string{"罚款幅度", "法定罚款", "fineText"}},
	{"unit", []string{"计罚单位", "unit"}},
	{"unitMin", []string{"单位罚款下限（元）", "单位罚款下限(元)", "单位罚款下限", "unitMin"}},
	{"unitMax", []string{"单位罚款上限（元）", "单位罚款上限(元)", "单位罚款上限", "unitMax"}},
	{"superviseDuties", []string{"主管部门职责", "superviseDuties"}},
	{"enforceDuties", []string{"执法部门职责", "enforceDuties"}},
	{"effectiveFrom", []string{"生效日期", "effectiveFrom"}},
	{"docNo", []string{"文号", "docNo"}},
	{"status", []string{"状态", "status"}},
	{"note", []string{"备注", "note"}},
	{"transferTo", []string{"划转至", "transferTo"}},
	{"transferDocNo", []string{"划转文号", "transferDocNo"}},
	{"transferFrom", []string{"划转日期", "transferFrom"}},
	{"transferPart", []string{"部分划转说明", "transferPart"}},
	{"delegateTo", []string{"下放至", "delegateTo"}},
	{"delegateDocNo", []string{"下放文号", "delegateDocNo"}},
	{"delegateFrom", []string{"下放日期", "delegateFrom"}},
	{"delegatePart", []string{"部分下放说明", "delegatePart"}},
}

// fieldOf maps an Input field named in an error to its template column.
var fieldOf = map[string]string{"code": "code", "name": "name", "type": "type", "domain": "domain", "category": "category", "level": "level",
	"ownerOrgId": "owner", "penaltyKinds": "penaltyKinds", "fine": "fineMax", "fine.minFen": "fineMin",
	"fine.multipleMin": "multipleMin", "fine.multipleBase": "multipleBase", "effectiveFrom": "effectiveFrom", "docNo": "docNo",
	"fine.unit": "unit", "fine.perUnitMinFen": "unitMin", "fine.perUnitMaxFen": "unitMax",
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

// importBatch is the number of items per INSERT: a version has 36 parameters, so 500 rows stay
// inside SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const importBatch = 500

// ImportResult reports a finished import: how many items came in published and as drafts, the
// decisions registered from the transfer and delegation columns, and the items imported as drafts
// because they lack a legal basis (行政处罚法 第四条), each with its line.
type ImportResult struct {
	Kind               string       `json:"kind"`
	Imported           int          `json:"imported"`
	Published          int          `json:"published"`
	Drafts             int          `json:"drafts"`
	Decisions          int          `json:"decisions"`
	Transfers          int          `json:"transfers"`
	Delegations        int          `json:"delegations"`
	DraftsWithoutBasis []ImportNote `json:"draftsWithoutBasis"`
}

// ImportNote is one line of an import's report that did not stop it.
type ImportNote struct {
	Line    int    `json:"line"`
	Code    string `json:"code"`
	Name    string `json:"name"`
	Message string `json:"message"`
}

type pendingItem struct {
	item    itemRow
	version versionRow
}

type catalogImport struct {
	s         *Service
	tx        *db.Tx
	p         *access.Principal
	domains   map[string]bool
	owners    map[string]orgLookup
	bodies    map[string]orgLookup // transfer and delegation targets by name
	bases     map[string][]string  // vocabulary of multiple bases by region
	seen      map[string]int       // region+code → line
	batch     []pendingItem
	report    tabular.Report
	result    ImportResult
	regions   map[string]bool
	decisions map[string]*importDecision // by document number
	order     []string                   // document numbers in the order first met
}

// importDecision is a decision the rows of an import name in their transfer or delegation columns:
// every row naming its document number adds a move to it, and the rows must agree on its date.
type importDecision struct {
	docNo, date string
	line        int // first row naming it
	in          DecisionInput
	transfers   []int // row line of each transfer, by index
	delegations []int // row line of each delegation, by index
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
	im := &catalogImport{s: s, p: p, owners: map[string]orgLookup{}, bodies: map[string]orgLookup{}, bases: map[string][]string{},
		seen: map[string]int{}, domains: map[string]bool{}, regions: map[string]bool{}, decisions: map[string]*importDecision{},
		result: ImportResult{Kind: "catalog", DraftsWithoutBasis: []ImportNote{}}}
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
		if err := im.decide(ctx); err != nil {
			return err
		}
		region := p.Scope().Root()
		if len(im.regions) == 1 {
			for r := range im.regions {
				region = r
			}
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionImport, Entity: entityItem, RegionCode: region,
			Summary: fmt.Sprintf("导入权责清单事项 %d 项（已发布 %d 项，草稿 %d 项，其中缺少法律依据 %d 项）；登记决定 %d 项（划转 %d 项、下放 %d 项）",
				im.result.Imported, im.result.Published, im.result.Drafts, len(im.result.DraftsWithoutBasis), im.result.Decisions,
				im.result.Transfers, im.result.Delegations),
			Detail: im.result})
	})
	if err != nil {
		return ImportResult{}, err
	}
	s.analyzeAfter(ctx, im.result.Imported)
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
	in.Fine = readFine(row)
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
	if owner.ID != "" && in.Fine.MultipleBase != "" && !row.Reported("multipleBase") {
		bases, err := im.basesOf(ctx, owner.RegionCode)
		if err != nil {
			return err
		}
		if err := checkBase(in.Fine.MultipleBase, bases); err != nil {
			fail(row, "multipleBase", err)
		}
	}
	itemID := ids.New()
	v := im.s.newVersion(im.p, itemID, owner.RegionCode, lifecycle.NewDraft(1), in)
	// An item without a legal basis comes in as a draft, named in the report (行政处罚法 第四条): it is
	// not published, and not moved, until its basis is written in. Every other problem of a row
	// marked 已发布 refuses the file.
	noBasis := BasisProblems(code, v)
	if publish && len(noBasis) == 0 {
		for _, p := range versionKind.PublishProblems(v.Record) {
			msg := "缺少生效日期，不能发布"
			if p.Field == "docNo" {
				msg = "缺少批准文号，不能发布"
			}
			fail(row, fieldOf[p.Field], apperr.Invalid(p.Code, "事项"+code+msg).WithRule(p.Rule))
		}
	}
	moves, err := im.moves(ctx, row, v, publish && len(noBasis) == 0)
	if err != nil {
		return err
	}
	if !row.OK() {
		return nil
	}
	if len(noBasis) > 0 {
		msgs := make([]string, len(noBasis))
		for i, p := range noBasis {
			msgs[i] = p.Message
		}
		note := strings.Join(msgs, "；")
		if publish {
			note = "状态为已发布，但" + note + "，已作为草稿导入"
		} else {
			note += "，已作为草稿导入"
		}
		im.result.DraftsWithoutBasis = append(im.result.DraftsWithoutBasis, ImportNote{Line: row.Line, Code: code, Name: in.Name, Message: note})
		publish = false
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
	for _, m := range moves {
		im.addMove(row.Line, itemID, m)
	}
	return nil
}

// readFine reads the statutory fine of a row from its columns: 罚款下限 and 罚款上限 (yuan, or a
// per-unit amount such as 1000元/平方米 or 每处5000元), 罚款幅度 written out (每处5000元以上20000元以下,
// 每平方米一千元, 5000元至2万元), 计罚单位 with 单位罚款下限 and 单位罚款上限. Whatever two columns say
// of the same unit or bound must agree (CATALOG_FINE_UNIT_MISMATCH, CATALOG_FINE_MISMATCH); with a
// unit, 罚款下限 and 罚款上限 are the floor and cap of the total.
func readFine(row *tabular.Row) Fine {
	var f Fine
	merge := func(key string, part Fine) {
		if err := mergeFine(key, &f, part); err != nil {
			fail(row, key, err)
		}
	}
	perUnitText := func(s string) bool {
		return strings.Contains(s, "/") || strings.Contains(s, "／") || strings.HasPrefix(s, "每")
	}
	for _, c := range []struct {
		key, label string
		lower      bool
	}{{"fineMin", "罚款下限", true}, {"fineMax", "罚款上限", false}} {
		cell := row.Get(c.key)
		if !perUnitText(cell) {
			fen, err := ParseYuan(c.key, c.label, cell)
			if err != nil {
				fail(row, c.key, err)
				continue
			}
			if c.lower {
				merge(c.key, Fine{MinFen: fen})
			} else {
				merge(c.key, Fine{MaxFen: fen})
			}
			continue
		}
		part, err := ParseFineText(c.key, cell)
		if err != nil {
			fail(row, c.key, err)
			continue
		}
		// One amount per unit in a bound's cell is that bound; a range says both.
		if part.PerUnitMinFen != nil && part.PerUnitMaxFen != nil && *part.PerUnitMinFen == *part.PerUnitMaxFen {
			if c.lower {
				part.PerUnitMaxFen = nil
			} else {
				part.PerUnitMinFen = nil
			}
		}
		merge(c.key, part)
	}
	if cell := row.Get("fineText"); cell != "" {
		if part, err := ParseFineText("fineText", cell); err != nil {
			fail(row, "fineText", err)
		} else {
			merge("fineText", part)
		}
	}
	if cell := row.Get("unit"); cell != "" {
		if u, err := CheckUnit("unit", cell); err != nil {
			fail(row, "unit", err)
		} else {
			merge("unit", Fine{Unit: u})
		}
	}
	for _, c := range []struct{ key, label string }{{"unitMin", "单位罚款下限"}, {"unitMax", "单位罚款上限"}} {
		fen, err := ParseYuan(c.key, c.label, row.Get(c.key))
		if err != nil {
			fail(row, c.key, err)
			continue
		}
		if c.key == "unitMin" {
			merge(c.key, Fine{PerUnitMinFen: fen})
		} else {
			merge(c.key, Fine{PerUnitMaxFen: fen})
		}
	}
	return f
}

// basesOf is the vocabulary of multiple bases of a region, read once per region.
func (im *catalogImport) basesOf(ctx context.Context, regionCode string) ([]string, error) {
	if b, ok := im.bases[regionCode]; ok {
		return b, nil
	}
	b, err := im.s.FineBases(ctx, im.tx, regionCode)
	if err != nil {
		return nil, err
	}
	im.bases[regionCode] = b
	return b, nil
}

// rowMove is a transfer or a delegation a row asks for.
type rowMove struct {
	kind    Mode
	targets []string
	docNo   string
	date    string
	part    string
}

// moves reads the transfer and delegation columns of a row: the targets by name (the bureau; the
// township governments and street offices, by their names or their townships' names), the
// decision's document number and date, and what part moves. A moved item must come in published
// and in force on the decision's date.
func (im *catalogImport) moves(ctx context.Context, row *tabular.Row, v *Version, published bool) ([]rowMove, error) {
	var out []rowMove
	for _, c := range []struct {
		kind                Mode
		to, doc, from, part string
		what                string
	}{
		{ModeTransfer, "transferTo", "transferDocNo", "transferFrom", "transferPart", "划转"},
		{ModeDelegate, "delegateTo", "delegateDocNo", "delegateFrom", "delegatePart", "下放"},
	} {
		names := splitList(strings.NewReplacer("、", "；", "，", "；", ",", "；").Replace(row.Get(c.to)), "；")
		doc, from, part := row.Get(c.doc), row.Get(c.from), row.Get(c.part)
		if len(names) == 0 {
			if doc != "" || from != "" || part != "" {
				fail(row, c.to, apperr.Invalid("CATALOG_TARGETS_REQUIRED", "写明了"+c.what+"文号、日期或说明，但没有写明"+c.what+"至哪个机构"))
			}
			continue
		}
		m := rowMove{kind: c.kind, docNo: doc, part: part}
		ok := true
		if doc == "" {
			fail(row, c.doc, apperr.Invalid("CATALOG_DOC_NO_REQUIRED", c.what+"须写明决定文号（如阳政发〔2024〕5号）"))
			ok = false
		}
		date, err := parseDate(c.from, c.what+"日期", from)
		if err != nil {
			fail(row, c.from, err)
			ok = false
		}
		m.date = date
		if ok && !published {
			fail(row, c.to, apperr.Invalid("CATALOG_NOT_IN_FORCE", "只有导入为已发布（且有法律依据）的事项才能"+c.what))
			ok = false
		}
		if ok && v.EffectiveFrom != "" && date < v.EffectiveFrom {
			fail(row, c.from, apperr.Invalid("CATALOG_DATE_BEFORE_ITEM", fmt.Sprintf("%s日期%s早于事项的生效日期%s", c.what, date, v.EffectiveFrom)))
			ok = false
		}
		for _, name := range names {
			t, err := im.body(ctx, c.kind, name)
			if err != nil {
				if !isTargetProblem(err) {
					return nil, err
				}
				fail(row, c.to, err)
				ok = false
				continue
			}
			m.targets = append(m.targets, t.ID)
		}
		if !ok {
			continue
		}
		if d := im.decisions[doc]; d != nil && d.date != date {
			fail(row, c.from, apperr.Invalid("CATALOG_DECISION_DATE_MISMATCH",
				fmt.Sprintf("决定%s在第%d行的日期为%s，与本行的%s不一致", doc, d.line, d.date, date)))
			continue
		}
		out = append(out, m)
	}
	return out, nil
}

// body finds a transfer or delegation target by name inside the caller's jurisdiction, once per
// name: the bureau for a transfer; for a delegation a township people's government or street
// office, also found by its township's name (张秋镇 → 张秋镇人民政府, 博济桥街道 → 博济桥街道办事处).
func (im *catalogImport) body(ctx context.Context, kind Mode, name string) (org.Org, error) {
	key := string(kind) + "|" + name
	if l, ok := im.bodies[key]; ok {
		return l.org, l.err
	}
	o, err := org.FindByName(ctx, im.tx, im.p.Scope(), name)
	if apperr.Is(err, "NOT_FOUND") && kind == ModeDelegate {
		for _, suffix := range []string{"人民政府", "办事处"} {
			if o, err = org.FindByName(ctx, im.tx, im.p.Scope(), name+suffix); !apperr.Is(err, "NOT_FOUND") {
				break
			}
		}
	}
	switch {
	case apperr.Is(err, "NOT_FOUND"):
		err = apperr.Invalid("CATALOG_TARGET_NOT_FOUND", "机构“"+name+"”不存在或不在本辖区内")
	case err == nil && kind == ModeTransfer && o.Kind != org.KindBureau:
		err = apperr.Invalid("CATALOG_TRANSFER_TARGET", "划转只能划至综合行政执法局，“"+o.Name+"”是"+o.KindName)
	case err == nil && kind == ModeDelegate && townshipBody(string(o.Kind), o.RegionCode) == "":
		err = apperr.Invalid("CATALOG_DELEGATE_TARGET", notTownshipBody(ctx, im.tx, o)).WithRule(RuleDelegation)
	}
	if err != nil && !isTargetProblem(err) {
		return org.Org{}, err
	}
	im.bodies[key] = orgLookup{o, err}
	return o, err
}

// isTargetProblem tells a target the row names wrongly from a failure of the store.
func isTargetProblem(err error) bool {
	for _, code := range []string{"CATALOG_TARGET_NOT_FOUND", "CATALOG_TRANSFER_TARGET", "CATALOG_DELEGATE_TARGET", "ORG_NAME_AMBIGUOUS"} {
		if apperr.Is(err, code) {
			return true
		}
	}
	return false
}

// addMove adds a row's move to the decision of its document number.
func (im *catalogImport) addMove(line int, itemID string, m rowMove) {
	d := im.decisions[m.docNo]
	if d == nil {
		d = &importDecision{docNo: m.docNo, date: m.date, line: line, in: DecisionInput{DocNo: m.docNo, EffectiveFrom: m.date,
			Title: "随权责清单导入登记的划转、下放决定（" + m.docNo + "）", Note: "由权责清单导入登记"}}
		im.decisions[m.docNo] = d
		im.order = append(im.order, m.docNo)
	}
	mv := MoveInput{Items: []string{itemID}, Targets: m.targets, Partial: m.part != "", PartNote: m.part}
	if m.kind == ModeTransfer {
		d.in.Transfers = append(d.in.Transfers, mv)
		d.transfers = append(d.transfers, line)
	} else {
		d.in.Delegations = append(d.in.Delegations, mv)
		d.delegations = append(d.delegations, line)
	}
}

// decide registers the decisions the rows named, once every row was imported, with the checks of
// a decision entered by hand; a problem is reported on the row that caused it and nothing is
// imported.
func (im *catalogImport) decide(ctx context.Context) error {
	var errs []apperr.Detail
	for _, doc := range im.order {
		d := im.decisions[doc]
		_, err := im.s.decide(ctx, im.tx, im.p, d.in)
		if err == nil {
			im.result.Decisions++
			for _, m := range d.in.Transfers {
				im.result.Transfers += len(m.Targets)
			}
			for _, m := range d.in.Delegations {
				im.result.Delegations += len(m.Targets)
			}
			continue
		}
		e := apperr.As(err)
		if e.Kind != apperr.KindInvalid && e.Kind != apperr.KindConflict {
			return err
		}
		details := e.Details
		if len(details) == 0 {
			details = []apperr.Detail{{Field: e.Field, Code: e.Code, Message: e.Message}}
		}
		for _, det := range details {
			line, key := d.line, "transferDocNo"
			if len(d.in.Transfers) == 0 {
				key = "delegateDocNo"
			}
			var i int
			switch {
			case scanIndex(det.Field, "transfers[", &i) && i < len(d.transfers):
				line, key = d.transfers[i], "transferTo"
			case scanIndex(det.Field, "delegations[", &i) && i < len(d.delegations):
				line, key = d.delegations[i], "delegateTo"
			}
			errs = append(errs, tabular.RowError(line, key, apperr.Invalid(det.Code, header(key)+"：决定"+doc+"："+det.Message)))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return apperr.Rows("IMPORT_INVALID", fmt.Sprintf("导入文件有%d处错误，未导入任何数据", len(errs)), errs)
}

// scanIndex reads the index of a field path such as delegations[3].targets.
func scanIndex(field, prefix string, i *int) bool {
	rest, ok := strings.CutPrefix(field, prefix)
	if !ok {
		return false
	}
	n, _, ok := strings.Cut(rest, "]")
	if !ok {
		return false
	}
	_, err := fmt.Sscanf(n, "%d", i)
	return err == nil
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
