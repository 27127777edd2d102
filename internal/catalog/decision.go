package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/query"
)

// DecisionInput records a government decision (决定) with everything it does, validated as a
// whole: transfers to the comprehensive bureau (划转), delegations to township people's governments
// and street offices (下放, 行政处罚法 第二十四条; their comprehensive enforcement office handles the
// items as the working body) and
// revocations of earlier ones (收回), all from its effective date. Revocations apply first, so one
// decision may take an item back from one township and give it to another.
type DecisionInput struct {
	DocNo         string        `json:"docNo" text:"100"`
	Title         string        `json:"title" text:"200"`
	EffectiveFrom string        `json:"effectiveFrom" text:"10"`
	Note          string        `json:"note" text:"2000,multiline"`
	Transfers     []MoveInput   `json:"transfers"`
	Delegations   []MoveInput   `json:"delegations"`
	Revocations   []RevokeInput `json:"revocations"`
}

// MoveInput gives items (ids or codes) to target organisations (ids), wholly or in part: the
// comprehensive bureau for a transfer, township people's governments or street offices for a
// delegation.
type MoveInput struct {
	Items    []string `json:"items" text:"64"`
	Targets  []string `json:"targets" text:"64"`
	Partial  bool     `json:"partial"`
	PartNote string   `json:"partNote" text:"500,multiline"` // which part moves (部分划转/部分下放), required when partial
}

// RevokeInput ends active assignments: those named by id, or those of the items (optionally only
// of one kind, and only to the given targets).
type RevokeInput struct {
	Items         []string `json:"items" text:"64"`
	Targets       []string `json:"targets" text:"64"`
	Kind          Mode     `json:"kind" text:"32"`
	AssignmentIDs []string `json:"assignmentIds" text:"64"`
}

// Decision is a recorded decision with what it did.
type Decision struct {
	ID            string `db:"id" json:"id"`
	RegionCode    string `db:"region_code" json:"regionCode"`
	DocNo         string `db:"doc_no" json:"docNo"`
	Title         string `db:"title" json:"title"`
	EffectiveFrom string `db:"effective_from" json:"effectiveFrom"`
	Note          string `db:"note" json:"note"`
	CreatedAt     string `db:"created_at" json:"createdAt"`
	Transfers     int    `db:"transfers" json:"transfers"`
	Delegations   int    `db:"delegations" json:"delegations"`
	Revocations   int    `db:"revocations" json:"revocations"`
}

// DecisionDetail is a decision with the assignments it made and those it revoked.
type DecisionDetail struct {
	Decision
	Made    []Assignment `json:"made"`
	Revoked []Assignment `json:"revoked"`
}

// inChunks bounds the parameters of IN lists on both engines.
const inChunk = 1000

func chunks[T any](xs []T, n int) [][]T {
	var out [][]T
	for len(xs) > n {
		out = append(out, xs[:n])
		xs = xs[n:]
	}
	if len(xs) > 0 {
		out = append(out, xs)
	}
	return out
}

// decisionRun is the validation and the effects of one decision being recorded.
type decisionRun struct {
	s       *Service
	ctx     context.Context
	tx      *db.Tx
	p       *access.Principal
	in      DecisionInput
	date    string
	id      string
	items   map[string]itemRow // by id
	byRef   map[string]string  // ref (id or code) → item id
	force   map[string]*span   // item id → version in force on date
	grants  map[string][]*grant
	targets map[string]org.Org
	working map[string]string // township body id → its enforcement office (working body)
	ended   map[string]bool   // grant ids revoked by this decision
	byGrant map[string]*grant
	made    []grant
	errs    []apperr.Detail
	summary string // overrides the first problem as the error's message
}

func (r *decisionRun) fail(field, code, msg string) {
	r.errs = append(r.errs, apperr.Detail{Field: field, Code: code, Message: msg})
}

// CreateDecision records a decision and its transfers, delegations and revocations, or nothing:
// every problem is reported at once, each with the field and a Chinese message.
func (s *Service) CreateDecision(ctx context.Context, p *access.Principal, in DecisionInput) (DecisionDetail, error) {
	var id string
	err := s.tx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = s.decide(ctx, tx, p, in)
		return err
	})
	if err != nil {
		return DecisionDetail{}, err
	}
	return s.GetDecision(ctx, p, id)
}

// decide validates and records a decision inside tx and returns its id; the catalogue import
// registers the decisions of its rows with it, in its own transaction.
func (s *Service) decide(ctx context.Context, tx *db.Tx, p *access.Principal, in DecisionInput) (string, error) {
	in.DocNo, in.Title, in.Note = strings.TrimSpace(in.DocNo), strings.TrimSpace(in.Title), strings.TrimSpace(in.Note)
	if in.DocNo == "" {
		return "", apperr.InvalidField("docNo", "CATALOG_DOC_NO_REQUIRED", "决定须写明文号（如阳政发〔2024〕5号）")
	}
	if in.Title == "" {
		return "", apperr.InvalidField("title", "CATALOG_TITLE_REQUIRED", "决定须写明标题")
	}
	date, err := parseDate("effectiveFrom", "决定生效日期", in.EffectiveFrom)
	if err != nil {
		return "", err
	}
	if len(in.Transfers)+len(in.Delegations)+len(in.Revocations) == 0 {
		return "", apperr.Invalid("CATALOG_DECISION_EMPTY", "决定没有划转、下放或收回任何事项")
	}
	r := &decisionRun{s: s, ctx: ctx, tx: tx, p: p, in: in, date: date, id: ids.New(), items: map[string]itemRow{}, byRef: map[string]string{},
		force: map[string]*span{}, grants: map[string][]*grant{}, targets: map[string]org.Org{}, working: map[string]string{},
		ended: map[string]bool{}}
	region, err := r.validate(ctx)
	if err != nil {
		return "", err
	}
	if len(r.errs) > 0 {
		msg := r.summary
		if msg == "" {
			msg = r.errs[0].Message
		}
		e := apperr.Rows(r.errs[0].Code, fmt.Sprintf("决定有%d处问题，未登记：%s", len(r.errs), msg), r.errs)
		if r.errs[0].Code == "CATALOG_DELEGATE_TARGET" {
			e = e.WithRule(RuleDelegation)
		}
		return "", e
	}
	return r.id, r.write(ctx, region)
}

// validate checks the whole decision and computes its effects; problems go to r.errs.
func (r *decisionRun) validate(ctx context.Context) (string, error) {
	var dup int
	if err := db.Get(ctx, r.tx, &dup, `SELECT COUNT(*) FROM catalog_decisions WHERE doc_no = ?`, r.in.DocNo); err != nil {
		return "", err
	}
	if dup > 0 {
		return "", apperr.Conflict("CATALOG_DOC_NO_EXISTS", "文号已登记过决定："+r.in.DocNo).WithField("docNo")
	}
	if err := r.loadItems(ctx); err != nil {
		return "", err
	}
	if len(r.errs) > 0 {
		return "", nil
	}
	region := ""
	for _, it := range r.items {
		if !r.p.Scope().Contains(it.RegionCode) {
			r.fail("items", "CATALOG_OUT_OF_SCOPE", "只能对本辖区清单中的事项作出决定："+it.Code)
			continue
		}
		if region == "" {
			region = it.RegionCode
		} else if region != it.RegionCode {
			return "", apperr.Invalid("CATALOG_DECISION_REGION", "一项决定只能涉及同一辖区清单中的事项")
		}
	}
	if err := r.loadState(ctx); err != nil {
		return "", err
	}
	if err := r.loadTargets(ctx); err != nil {
		return "", err
	}
	if len(r.errs) > 0 {
		return region, nil
	}
	for i, rv := range r.in.Revocations {
		r.revoke(i, rv)
	}
	for i, mv := range r.in.Transfers {
		r.move(fmt.Sprintf("transfers[%d]", i), ModeTransfer, mv)
	}
	for i, mv := range r.in.Delegations {
		r.move(fmt.Sprintf("delegations[%d]", i), ModeDelegate, mv)
	}
	return region, nil
}

// refs lists every item reference of the decision, in order, once each.
func (r *decisionRun) refs() []string {
	var out []string
	seen := map[string]bool{}
	add := func(xs []string) {
		for _, x := range xs {
			if x = strings.TrimSpace(x); x != "" && !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	for _, m := range r.in.Transfers {
		add(m.Items)
	}
	for _, m := range r.in.Delegations {
		add(m.Items)
	}
	for _, rv := range r.in.Revocations {
		add(rv.Items)
	}
	return out
}

// loadItems resolves item references (ids or codes) among the items the caller sees; unknown ones
// are all listed.
func (r *decisionRun) loadItems(ctx context.Context) error {
	refs := r.refs()
	known := make(map[string]bool, len(refs))
	for _, ref := range refs {
		known[ref] = true
	}
	var named []string
	for _, rv := range r.in.Revocations {
		named = append(named, rv.AssignmentIDs...)
	}
	// Assignments named by id bring their items; an unknown id is reported by the revocation.
	for _, part := range chunks(named, inChunk) {
		q, args, err := db.In(`SELECT DISTINCT item_id FROM catalog_assignments WHERE id IN (?)`, part)
		if err != nil {
			return err
		}
		var itemIDs []string
		if err := db.Select(ctx, r.tx, &itemIDs, q, args...); err != nil {
			return err
		}
		for _, id := range itemIDs {
			if !known[id] {
				known[id] = true
				refs = append(refs, id)
			}
		}
	}
	scope := r.p.Scope()
	cond, vargs := itemsVisible(scope, "")
	for _, part := range chunks(refs, inChunk/2) {
		q, args, err := db.In(`SELECT id, region_code, code, status, latest_version_id, pending_draft, first_effective,
			created_at, updated_at FROM catalog_items WHERE (id IN (?) OR code IN (?)) AND `+cond, append([]any{part, part}, vargs...)...)
		if err != nil {
			return err
		}
		var rows []itemRow
		if err := db.Select(ctx, r.tx, &rows, q, args...); err != nil {
			return err
		}
		for _, it := range rows {
			r.items[it.ID] = it
			r.byRef[it.ID] = it.ID
			// A code shared by catalogues at two levels names the one nearest the caller.
			if prev, ok := r.byRef[it.Code]; !ok || len(access.SignificantPrefix(it.RegionCode)) > len(access.SignificantPrefix(r.items[prev].RegionCode)) {
				r.byRef[it.Code] = it.ID
			}
		}
	}
	var unknown []string
	for _, ref := range refs {
		if _, ok := r.byRef[ref]; !ok {
			unknown = append(unknown, ref)
			r.fail("items", "CATALOG_ITEM_UNKNOWN", "事项不存在或不在本辖区清单中："+ref)
		}
	}
	if len(unknown) > 0 {
		r.summary = fmt.Sprintf("以下%d个事项不存在或不在本辖区清单中：%s", len(unknown), strings.Join(unknown, "、"))
	}
	// Only the items the decision names stay; an id and a code of the same item are one item.
	keep := map[string]itemRow{}
	for _, ref := range refs {
		if id, ok := r.byRef[ref]; ok {
			keep[id] = r.items[id]
		}
	}
	r.items = keep
	return nil
}

// loadState reads, for the items concerned, the version in force on the date and every assignment.
func (r *decisionRun) loadState(ctx context.Context) error {
	idList := make([]string, 0, len(r.items))
	for id := range r.items {
		idList = append(idList, id)
	}
	slices.Sort(idList)
	for _, part := range chunks(idList, inChunk) {
		q, args, err := db.In(`SELECT item_id, id, version, status, effective_from, effective_to, doc_no, name, item_type, domain,
			category, level, owner_org_id, penalty_kinds, fine_min_fen, fine_max_fen, multiple_min, multiple_max,
			multiple_base, search_text FROM catalog_versions WHERE item_id IN (?) AND status <> 'draft'
			AND effective_from <= ? AND (effective_to = '' OR effective_to > ?)`, part, r.date, r.date)
		if err != nil {
			return err
		}
		var spans []span
		if err := db.Select(ctx, r.tx, &spans, q, args...); err != nil {
			return err
		}
		for i := range spans {
			r.force[spans[i].ItemID] = &spans[i]
		}
		q, args, err = db.In(`SELECT id, item_id, decision_id, kind, from_org_id, target_org_id, working_org_id, place_code, partial,
			part_note, effective_from, effective_to, revoked_by FROM catalog_assignments WHERE item_id IN (?)
			ORDER BY effective_from, id`, part)
		if err != nil {
			return err
		}
		var gs []grant
		if err := db.Select(ctx, r.tx, &gs, q, args...); err != nil {
			return err
		}
		for i := range gs {
			g := &gs[i]
			g.place = access.ScopeOf(g.PlaceCode)
			r.grants[g.ItemID] = append(r.grants[g.ItemID], g)
		}
	}
	return nil
}

// loadTargets reads the target organisations inside the caller's jurisdiction.
func (r *decisionRun) loadTargets(ctx context.Context) error {
	var all []string
	for _, m := range append(slices.Clone(r.in.Transfers), r.in.Delegations...) {
		all = append(all, m.Targets...)
	}
	for _, rv := range r.in.Revocations {
		all = append(all, rv.Targets...)
	}
	for _, id := range all {
		id = strings.TrimSpace(id)
		if _, ok := r.targets[id]; ok || id == "" {
			continue
		}
		o, err := org.Get(ctx, r.tx, r.p.Scope(), id)
		if apperr.Is(err, "NOT_FOUND") {
			r.fail("targets", "CATALOG_TARGET_NOT_FOUND", "机构不存在或不在本辖区内："+id)
			r.targets[id] = org.Org{}
			continue
		}
		if err != nil {
			return err
		}
		r.targets[id] = o
	}
	return nil
}

// itemsOf resolves a list of references to item ids (all known by now).
func (r *decisionRun) itemsOf(refs []string) []itemRow {
	var out []itemRow
	seen := map[string]bool{}
	for _, ref := range refs {
		id := r.byRef[strings.TrimSpace(ref)]
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, r.items[id])
		}
	}
	return out
}

// revoke ends the active assignments a revocation names; naming nothing active is an error
// (CATALOG_REVOKE_NOTHING).
func (r *decisionRun) revoke(i int, rv RevokeInput) {
	field := fmt.Sprintf("revocations[%d]", i)
	if rv.Kind != "" && rv.Kind != ModeTransfer && rv.Kind != ModeDelegate {
		r.fail(field+".kind", "CATALOG_REVOKE_KIND", "收回的类型应为 transfer（划转）或 delegate（下放）")
		return
	}
	active := func(g *grant) bool { return !r.ended[g.ID] && g.From < r.date && (g.To == "" || g.To > r.date) }
	if len(rv.AssignmentIDs) > 0 {
		for _, id := range rv.AssignmentIDs {
			g := r.grantByID(id)
			if g == nil || !active(g) {
				r.fail(field+".assignmentIds", "CATALOG_REVOKE_NOTHING", "没有可收回的划转或下放："+id+"（不存在、不在本辖区，或在"+r.date+"前已结束或尚未生效）")
				continue
			}
			r.ended[g.ID] = true
		}
		return
	}
	if len(rv.Items) == 0 {
		r.fail(field+".items", "CATALOG_REVOKE_NOTHING", "收回须列明事项或划转下放记录")
		return
	}
	for _, it := range r.itemsOf(rv.Items) {
		n := 0
		for _, g := range r.grants[it.ID] {
			if (rv.Kind == "" || g.Kind == rv.Kind) && (len(rv.Targets) == 0 || slices.Contains(rv.Targets, g.TargetOrgID) ||
				(g.WorkingOrgID != "" && slices.Contains(rv.Targets, g.WorkingOrgID))) && active(g) {
				r.ended[g.ID] = true
				n++
			}
		}
		if n == 0 {
			r.fail(field+".items", "CATALOG_REVOKE_NOTHING", fmt.Sprintf("事项%s在%s没有可收回的划转或下放", it.Code, r.date))
		}
	}
}

// grantByID finds a loaded assignment by id (loadItems loaded every one a revocation names).
func (r *decisionRun) grantByID(id string) *grant {
	if r.byGrant == nil {
		r.byGrant = map[string]*grant{}
		for _, gs := range r.grants {
			for _, g := range gs {
				r.byGrant[g.ID] = g
			}
		}
	}
	return r.byGrant[id]
}

// move validates and records transfers or delegations of items to targets.
func (r *decisionRun) move(field string, kind Mode, mv MoveInput) {
	mv.PartNote = strings.TrimSpace(mv.PartNote)
	if len(mv.Items) == 0 {
		r.fail(field+".items", "CATALOG_ITEMS_REQUIRED", "须列明划转或下放的事项")
		return
	}
	if len(mv.Targets) == 0 {
		r.fail(field+".targets", "CATALOG_TARGETS_REQUIRED", "须列明承接的机构")
		return
	}
	if mv.Partial && mv.PartNote == "" {
		r.fail(field+".partNote", "CATALOG_PART_NOTE_REQUIRED", "部分"+ModeName(kind)+"须说明划转或下放的是哪一部分")
		return
	}
	for _, tid := range mv.Targets {
		t := r.targets[strings.TrimSpace(tid)]
		if t.ID == "" {
			continue // reported by loadTargets
		}
		switch {
		case kind == ModeTransfer && t.Kind != org.KindBureau:
			r.fail(field+".targets", "CATALOG_TRANSFER_TARGET", "划转只能划至综合行政执法局，“"+t.Name+"”是"+t.KindName)
			continue
		case kind == ModeDelegate && townshipBody(string(t.Kind), t.RegionCode) == "":
			r.fail(field+".targets", "CATALOG_DELEGATE_TARGET", notTownshipBody(r.ctx, r.tx, t))
			continue
		}
		if kind == ModeDelegate {
			if _, ok := r.working[t.ID]; !ok {
				w, err := workingBodyOf(r.ctx, r.tx, t)
				if err != nil {
					r.fail(field+".targets", "CATALOG_TARGET_NOT_FOUND", "无法读取“"+t.Name+"”的综合行政执法机构")
					continue
				}
				r.working[t.ID] = w
			}
		}
		for _, it := range r.itemsOf(mv.Items) {
			r.give(field, kind, it, t, mv)
		}
	}
}

// give records one item given to one target after checking it against the item's state.
func (r *decisionRun) give(field string, kind Mode, it itemRow, t org.Org, mv MoveInput) {
	sp := r.force[it.ID]
	if sp == nil {
		switch {
		case it.FirstEffective == "":
			r.fail(field+".items", "CATALOG_NOT_IN_FORCE", "事项"+it.Code+"尚未发布，不能"+ModeName(kind))
		case r.date < it.FirstEffective:
			r.fail("effectiveFrom", "CATALOG_DATE_BEFORE_ITEM", fmt.Sprintf("决定生效日期%s早于事项%s首次施行的日期%s", r.date, it.Code, it.FirstEffective))
		default:
			r.fail(field+".items", "CATALOG_NOT_IN_FORCE", fmt.Sprintf("事项%s在%s已废止，不能%s", it.Code, r.date, ModeName(kind)))
		}
		return
	}
	place := t.RegionCode
	if !access.ScopeOf(it.RegionCode).Contains(place) {
		r.fail(field+".targets", "CATALOG_PLACE_OUTSIDE", "“"+t.Name+"”不在事项"+it.Code+"所属清单的辖区内")
		return
	}
	g := grant{ID: ids.New(), ItemID: it.ID, DecisionID: r.id, Kind: kind, TargetOrgID: t.ID, WorkingOrgID: r.working[t.ID], PlaceCode: place,
		Partial: mv.Partial, PartNote: mv.PartNote, From: r.date, place: access.ScopeOf(place)}
	// Overlap: an assignment of the same kind that is still open on or after the date (and, for
	// delegations, covers an overlapping territory) and is not revoked by this decision.
	clash := func(o *grant) bool {
		if r.ended[o.ID] || o.Kind != kind || (o.To != "" && o.To <= r.date) {
			return false
		}
		return kind == ModeTransfer || o.place.Contains(place) || g.place.Contains(o.PlaceCode)
	}
	for _, o := range r.grants[it.ID] {
		if !clash(o) {
			continue
		}
		if kind == ModeTransfer {
			r.fail(field+".items", "CATALOG_TRANSFER_OVERLAP", fmt.Sprintf("事项%s已由%s划转至%s，须先收回",
				it.Code, r.docNoOf(o.DecisionID), r.orgName(o.TargetOrgID)))
		} else {
			r.fail(field+".items", "CATALOG_DELEGATION_OVERLAP", fmt.Sprintf("事项%s已由%s下放至%s，与下放至%s的地域重叠，须先收回",
				it.Code, r.docNoOf(o.DecisionID), r.orgName(o.TargetOrgID), t.Name))
		}
		return
	}
	// Delegated from whoever holds the item at county level on the date: the bureau it was
	// transferred to (by an earlier decision or this one), or the owner.
	g.FromOrgID = sp.OwnerOrgID
	if kind == ModeDelegate {
		for _, o := range r.grants[it.ID] {
			if o.Kind == ModeTransfer && !r.ended[o.ID] && (o.To == "" || o.To > r.date) && o.From <= r.date {
				g.FromOrgID = o.TargetOrgID
			}
		}
	}
	r.grants[it.ID] = append(r.grants[it.ID], &g)
	r.made = append(r.made, g)
}

func (r *decisionRun) docNoOf(decisionID string) string {
	if decisionID == r.id {
		return "本决定"
	}
	var doc string
	if err := db.Get(r.ctx, r.tx, &doc, `SELECT doc_no FROM catalog_decisions WHERE id = ?`, decisionID); err != nil {
		return decisionID
	}
	return doc
}

func (r *decisionRun) orgName(id string) string {
	if o, ok := r.targets[id]; ok && o.ID != "" {
		return o.Name
	}
	o, err := org.Get(r.ctx, r.tx, access.Everywhere, id)
	if err != nil {
		return id
	}
	return o.Name
}

// write stores the decision, its assignments and the ends of the revoked ones.
func (r *decisionRun) write(ctx context.Context, region string) error {
	now := r.s.now()
	if _, err := db.Exec(ctx, r.tx, `INSERT INTO catalog_decisions (id, region_code, doc_no, title, effective_from, note,
		created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.id, region, r.in.DocNo, r.in.Title, r.date, r.in.Note,
		now, actor(r.p)); err != nil {
		if db.IsUniqueViolation(err) {
			return apperr.Conflict("CATALOG_DOC_NO_EXISTS", "文号已登记过决定："+r.in.DocNo).WithField("docNo")
		}
		return err
	}
	for _, part := range chunks(r.made, 500) {
		var b strings.Builder
		b.WriteString(`INSERT INTO catalog_assignments (id, region_code, item_id, decision_id, kind, from_org_id, target_org_id,
			working_org_id, place_code, partial, part_note, effective_from, effective_to, revoked_by, created_at) VALUES `)
		args := make([]any, 0, len(part)*15)
		for i, g := range part {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, g.ID, region, g.ItemID, g.DecisionID, g.Kind, g.FromOrgID, g.TargetOrgID, g.WorkingOrgID, g.PlaceCode,
				g.Partial, g.PartNote, g.From, "", "", now)
		}
		if _, err := db.Exec(ctx, r.tx, b.String(), args...); err != nil {
			return err
		}
	}
	var ended []string
	for id := range r.ended {
		ended = append(ended, id)
	}
	slices.Sort(ended)
	for _, part := range chunks(ended, inChunk) {
		q, args, err := db.In(`UPDATE catalog_assignments SET effective_to = ?, revoked_by = ? WHERE id IN (?)`, r.date, r.id, part)
		if err != nil {
			return err
		}
		if _, err := db.Exec(ctx, r.tx, q, args...); err != nil {
			return err
		}
	}
	var tr, dl int
	for _, g := range r.made {
		if g.Kind == ModeTransfer {
			tr++
		} else {
			dl++
		}
	}
	return r.s.Audit.Append(ctx, r.tx, r.p, audit.Event{Action: audit.ActionCreate, Entity: entityDecision, EntityID: r.id,
		EntityName: r.in.DocNo + "《" + r.in.Title + "》", RegionCode: region, Summary: fmt.Sprintf("登记决定 %s《%s》（%s起施行）：划转%d项、下放%d项、收回%d项", r.in.DocNo, r.in.Title, r.date, tr, dl, len(ended)),
		Detail: map[string]any{"docNo": r.in.DocNo, "title": r.in.Title, "effectiveFrom": r.date, "transfers": tr,
			"delegations": dl, "revoked": ended}})
}

// RevokeDecisionInput revokes, by a new decision, what an earlier decision still has in effect:
// everything, or only the items and targets listed.
type RevokeDecisionInput struct {
	DocNo         string   `json:"docNo" text:"100"`
	Title         string   `json:"title" text:"200"`
	EffectiveFrom string   `json:"effectiveFrom" text:"10"`
	Note          string   `json:"note" text:"2000,multiline"`
	Items         []string `json:"items" text:"64"`
	Targets       []string `json:"targets" text:"64"`
}

// RevokeDecision records a decision revoking assignments made by decision id (收回).
func (s *Service) RevokeDecision(ctx context.Context, p *access.Principal, id string, in RevokeDecisionInput) (DecisionDetail, error) {
	date, err := parseDate("effectiveFrom", "收回生效日期", in.EffectiveFrom)
	if err != nil {
		return DecisionDetail{}, err
	}
	dec, err := s.decision(ctx, s.DB.R, p.Scope(), id)
	if err != nil {
		return DecisionDetail{}, err
	}
	made, err := s.assignmentViews(ctx, "a.decision_id = ?", id)
	if err != nil {
		return DecisionDetail{}, err
	}
	var pick []string
	for _, a := range made {
		if a.EffectiveTo != "" && a.EffectiveTo <= date {
			continue
		}
		if len(in.Targets) > 0 && !slices.Contains(in.Targets, a.TargetOrgID) && (a.WorkingOrgID == "" || !slices.Contains(in.Targets, a.WorkingOrgID)) {
			continue
		}
		if len(in.Items) > 0 && !slices.Contains(in.Items, a.ItemID) && !slices.Contains(in.Items, a.ItemCode) {
			continue
		}
		pick = append(pick, a.ID)
	}
	if len(pick) == 0 {
		return DecisionDetail{}, apperr.Rows("CATALOG_REVOKE_NOTHING", "决定"+dec.DocNo+"在"+date+"没有可收回的划转或下放",
			[]apperr.Detail{{Field: "items", Code: "CATALOG_REVOKE_NOTHING", Message: "决定" + dec.DocNo + "所作的划转、下放在" + date + "均已结束，或不含所列事项和机构"}})
	}
	return s.CreateDecision(ctx, p, DecisionInput{DocNo: in.DocNo, Title: in.Title, EffectiveFrom: date, Note: in.Note,
		Revocations: []RevokeInput{{AssignmentIDs: pick}}})
}

const (
	decisionColumns = `d.id, d.region_code, d.doc_no, d.title, d.effective_from, d.note, d.created_at,
	(SELECT COUNT(*) FROM catalog_assignments a WHERE a.decision_id = d.id AND a.kind = 'transfer') AS transfers,
	(SELECT COUNT(*) FROM catalog_assignments a WHERE a.decision_id = d.id AND a.kind = 'delegate') AS delegations,
	(SELECT COUNT(*) FROM catalog_assignments a WHERE a.revoked_by = d.id) AS revocations`
	decisionSelect = `SELECT ` + decisionColumns + ` FROM catalog_decisions d`
)

func (s *Service) decision(ctx context.Context, c db.Conn, scope access.Scope, id string) (Decision, error) {
	// A decision is registered when it is made: it is published from the start.
	cond, args := scope.Visible("d.region_code", access.AlwaysPublished)
	var d Decision
	err := db.Get(ctx, c, &d, decisionSelect+` WHERE d.id = ? AND `+cond, append([]any{id}, args...)...)
	if db.IsNoRows(err) {
		return Decision{}, apperr.NotFound("决定")
	}
	return d, err
}

// GetDecision returns a decision with the assignments it made and those it revoked.
func (s *Service) GetDecision(ctx context.Context, p *access.Principal, id string) (DecisionDetail, error) {
	d, err := s.decision(ctx, s.DB.R, p.Scope(), id)
	if err != nil {
		return DecisionDetail{}, err
	}
	out := DecisionDetail{Decision: d}
	if out.Made, err = s.assignmentViews(ctx, "a.decision_id = ?", id); err != nil {
		return DecisionDetail{}, err
	}
	if out.Revoked, err = s.assignmentViews(ctx, "a.revoked_by = ?", id); err != nil {
		return DecisionDetail{}, err
	}
	return out, nil
}

// DecisionFilter narrows the list of decisions.
type DecisionFilter struct {
	Query string `query:"q" doc:"文号或标题"`
}

// ListDecisions returns one page of the decisions the caller sees, newest first by default.
func (s *Service) ListDecisions(ctx context.Context, p *access.Principal, f DecisionFilter, page httpx.Page) ([]Decision, int, error) {
	var w query.Where
	w.Add(p.Scope().Visible("d.region_code", access.AlwaysPublished))
	if q := strings.TrimSpace(f.Query); q != "" {
		w.And("(d.doc_no LIKE ?"+db.LikeEscape+" OR d.title LIKE ?"+db.LikeEscape+")", db.Like(q), db.Like(q))
	}
	order, err := query.Order{"effectiveFrom": "d.effective_from, d.created_at", "docNo": "d.doc_no", "createdAt": "d.created_at"}.
		SQL(page, "-effectiveFrom", "d.id")
	if err != nil {
		return nil, 0, err
	}
	return query.List[Decision](ctx, s.DB.R, decisionColumns, "catalog_decisions d", &w, order, page)
}
