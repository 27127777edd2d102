package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"zhifa/internal/account"
	"zhifa/internal/cases"
	"zhifa/internal/catalog"
	"zhifa/internal/discretion"
	"zhifa/internal/law"
	"zhifa/internal/org"
	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/server"
)

// The authorisation matrix tries every route as every role from two levels of jurisdiction:
// a county (阳谷县) against another county (莘县), and a township (张秋镇) against another
// township of the same county (阎楼镇).

// level is where a caller's account sits.
type level int

const (
	countyLevel level = iota
	townLevel
)

func (l level) String() string { return [...]string{"县级", "乡镇级"}[l] }

// side says whether a request aims inside or outside the caller's jurisdiction.
type side int

const (
	inside side = iota
	outside
)

func (s side) String() string { return [...]string{"辖区内", "辖区外"}[s] }

// place holds one jurisdiction's records.
type place struct {
	Region     string // 12-digit code
	RegionName string
	Org        string // the enforcement body there
	OrgName    string
	Dept       string // a line department (county places) or the office itself (township places)
	DeptName   string
	Person     string
	PersonName string
	Account    string // an officer account there
	Username   string
	Item       string // a published catalogue item (a township holds none: its side's county's)
	Draft      string // a draft catalogue item (likewise)
	Benchmark  string // a draft discretion benchmark of the place
	Decision   string // a transfer decision visible there
	Lead       string // a case lead of the place
	Case       string // a case handled there, with the place's person as its officer
	Party      string // the case's party
	Event      string // an event that happened there, dispatched to the place's body
	EventNo    string
	Lng, Lat   float64 // a point inside the place's grids (WGS-84); 莘县 has none
}

// authzFixture is the demo county with a second county and the records each side needs.
type authzFixture struct {
	app    *server.App
	places [2][2]*place // [level][side]
	seq    int
}

func (f *authzFixture) at(l level, s side) *place { return f.places[l][s] }

func (f *authzFixture) next() int { f.seq++; return f.seq }

func lookup(t *testing.T, d *db.DB, query string, args ...any) string {
	t.Helper()
	var v string
	if err := db.Get(context.Background(), d.R, &v, query, args...); err != nil {
		t.Fatalf("%s %v: %v", query, args, err)
	}
	return v
}

// validID builds a resident ID number with a correct check character.
func validID(area, birth string, serial int) string {
	first := fmt.Sprintf("%s%s%03d", area, birth, serial)
	return first + string(people.IDCheckChar(first))
}

func newAuthzFixture(t *testing.T, a *server.App) *authzFixture {
	t.Helper()
	ctx := context.Background()
	d := a.DB
	if _, err := a.Regions.Import(ctx, access.System(), strings.NewReader("code,name,parentCode\n371522,莘县,3715\n371522001,燕塔街道,371522\n"), nil); err != nil {
		t.Fatal(err)
	}
	mkOrg := func(name string, kind org.Kind, region, parent string) string {
		o, err := a.Orgs.Create(ctx, access.System(), org.Input{Name: name, Kind: kind, RegionCode: region, ParentID: parent})
		if err != nil {
			t.Fatal(name, err)
		}
		return o.ID
	}
	shenGov := mkOrg("莘县人民政府", org.KindGovernment, "371522000000", "")
	f := &authzFixture{app: a}
	f.places[countyLevel][inside] = &place{Region: "371521000000", RegionName: "阳谷县",
		Org: lookup(t, d, `SELECT id FROM organizations WHERE name = ?`, "阳谷县综合行政执法局"), OrgName: "阳谷县综合行政执法局",
		Dept: lookup(t, d, `SELECT id FROM organizations WHERE name = ?`, "阳谷县市场监督管理局"), DeptName: "阳谷县市场监督管理局"}
	f.places[countyLevel][outside] = &place{Region: "371522000000", RegionName: "莘县",
		Org: mkOrg("莘县综合行政执法局", org.KindBureau, "371522000000", shenGov), OrgName: "莘县综合行政执法局",
		Dept: mkOrg("莘县市场监督管理局", org.KindDepartment, "371522000000", shenGov), DeptName: "莘县市场监督管理局"}
	for s, name := range map[side]string{inside: "张秋镇", outside: "阎楼镇"} {
		office := name + "综合行政执法办公室"
		id := lookup(t, d, `SELECT id FROM organizations WHERE name = ?`, office)
		f.places[townLevel][s] = &place{Region: lookup(t, d, `SELECT region_code FROM organizations WHERE id = ?`, id),
			RegionName: name, Org: id, OrgName: office, Dept: id, DeptName: office}
	}
	for l := range 2 {
		for s := range 2 {
			p := f.places[l][s]
			n := l*2 + s + 1
			person, err := a.People.Create(ctx, access.System(), people.Input{Name: fmt.Sprintf("矩阵测试员%d", n),
				IDNumber: validID(p.Region[:6], "19850312", 100+n), PostOrgID: p.Org, WorkOrgID: p.Org, PostType: "行政编"})
			if err != nil {
				t.Fatal(err)
			}
			p.Person, p.PersonName = person.ID, person.Name
			acc, err := a.Accounts.Create(ctx, access.System(), account.Input{Username: fmt.Sprintf("fx.place%d", n), DisplayName: p.RegionName + "队员",
				Password: authzPassword, OrgID: p.Org, Roles: []access.Role{access.Officer}})
			if err != nil {
				t.Fatal(err)
			}
			p.Account, p.Username = acc.ID, acc.Username
		}
	}
	// Leads and cases: each place's own, handled by its enforcement body.
	for l := range 2 {
		for s := range 2 {
			p := f.places[l][s]
			lead, err := a.Cases.CreateLead(ctx, access.System(), cases.LeadInput{OrgID: p.Org, Source: cases.SourceComplaint, Summary: "矩阵测试线索"})
			if err != nil {
				t.Fatal(err)
			}
			p.Lead = lead.ID
			p.Case, p.Party = insertCase(t, d, p)
		}
	}
	// Events: each place's own, at a point of its grids, dispatched to its body with a photo.
	for l := range 2 {
		for s := range 2 {
			insertEvent(t, a, f.places[l][s])
		}
	}
	// Catalogue items are owned by a county's line departments; a township reads its county's.
	for s := range 2 {
		c, town := f.places[countyLevel][s], f.places[townLevel][s]
		c.Item = f.item(t, c, fmt.Sprintf("FX-%d-PUB", s), true)
		c.Draft = f.item(t, c, fmt.Sprintf("FX-%d-DRAFT", s), false)
		town.Item, town.Draft = c.Item, c.Draft
	}
	// Benchmarks are per jurisdiction: the counties' own, and the townships' own for a county item.
	for l := range 2 {
		for s := range 2 {
			p := f.places[l][s]
			// A township's own benchmark is for an item of its county.
			item := f.places[countyLevel][inside].Item
			if l == int(countyLevel) {
				item = p.Item
			}
			b, err := a.Discretion.Create(ctx, access.System(), discretion.Input{ItemID: item, RegionCode: p.Region, Title: "矩阵测试基准",
				Content: benchmarkContent()})
			if err != nil {
				t.Fatal(err)
			}
			p.Benchmark = b.ID
		}
	}
	// Decisions: the demo county's own transfer decision, and one of 莘县. A township sees its
	// county's decisions; another county's it must not.
	yanggu := lookup(t, d, `SELECT id FROM catalog_decisions WHERE region_code = ? ORDER BY effective_from LIMIT 1`, "371521000000")
	shen := f.at(countyLevel, outside)
	dd, err := a.Catalog.CreateDecision(ctx, access.System(), catalog.DecisionInput{DocNo: "莘政发〔2021〕9号", Title: "莘县相对集中行政处罚权决定",
		EffectiveFrom: "2021-06-01", Transfers: []catalog.MoveInput{{Items: []string{shen.Item}, Targets: []string{shen.Org}}}})
	if err != nil {
		t.Fatal(err)
	}
	f.at(countyLevel, inside).Decision, f.at(townLevel, inside).Decision = yanggu, yanggu
	f.at(countyLevel, outside).Decision, f.at(townLevel, outside).Decision = dd.ID, dd.ID
	return f
}

// authzPassword is the password of every account the matrix makes.
const authzPassword = "Mx9#tRw4-Lq"

// item creates a catalogue item owned in the place (published, or left as a draft).
func (f *authzFixture) item(t *testing.T, p *place, code string, publish bool) string {
	ctx := context.Background()
	d, err := f.app.Catalog.Create(ctx, access.System(), catalogInput(code, p.Dept))
	if err == nil && publish {
		_, err = f.app.Catalog.Publish(ctx, access.System(), d.Item.ID, lifecycle.PublishInput{Revision: d.Version.Revision})
	}
	if err != nil {
		if t == nil {
			panic(fmt.Sprint(code, err))
		}
		t.Fatal(code, err)
	}
	return d.Item.ID
}

func catalogInput(code, owner string) catalog.Input {
	lo, hi := int64(200_000), int64(2_000_000)
	return catalog.Input{Code: code, Name: "矩阵测试事项" + code, Type: catalog.TypePenalty, Domain: "城市管理",
		Category: catalog.CategoryGeneral, Level: catalog.LevelCounty, OwnerOrgID: owner,
		ViolatedBasis: []law.Citation{{Law: "城市市容和环境卫生管理条例", Article: 14, Text: "任何单位和个人都不得在街道两侧和公共场地堆放物料。"}},
		PenaltyBasis:  []law.Citation{{Law: "城市市容和环境卫生管理条例", Article: 36, Item: 2, Text: "擅自在街道两侧和公共场地堆放物料，影响市容的"}},
		PenaltyKinds:  []string{"罚款"}, Fine: catalog.Fine{MinFen: &lo, MaxFen: &hi},
		EffectiveFrom: "2021-01-01", DocNo: "测试〔2020〕1号"}
}

// benchmarkContent is a valid three-step benchmark for catalogInput's 2,000–20,000 yuan range.
func benchmarkContent() discretion.Content {
	rng := func(lo, hi int64) discretion.Standard {
		return discretion.Standard{Kind: discretion.StdRange, MinFen: lo * 100, MaxFen: hi * 100, Measures: []discretion.Measure{}}
	}
	note := func(s string) []discretion.Condition { return []discretion.Condition{{Kind: "note", Text: s}} }
	return discretion.Content{
		Tiers: []discretion.Tier{
			{Level: discretion.LevelLighter, Match: discretion.MatchAll, Conditions: note("首次违法且及时改正"), Standard: rng(2000, 5000)},
			{Level: discretion.LevelGeneral, Match: discretion.MatchAll, Conditions: []discretion.Condition{}, Standard: rng(5000, 14000)},
			{Level: discretion.LevelHeavier, Match: discretion.MatchAny, Conditions: note("拒不改正"), Standard: rng(14000, 20000)},
		},
		NoPenalty: []discretion.NoPenaltyEntry{},
	}
}

// insertCase writes a filed case of the place directly, with the place's person as its two
// officers' first: the matrix needs a case on each side, not a procedure.
func insertCase(t *testing.T, d *db.DB, p *place) (string, string) {
	t.Helper()
	ctx := context.Background()
	caseID, partyID := ids.New(), ids.New()
	st := cases.State{Procedure: cases.Ordinary, Stage: cases.StageInvestigating, ActDate: civil.NewDate(2026, 1, 5),
		Discovered: civil.NewDate(2026, 1, 6), Opened: civil.NewDate(2026, 1, 6), Filed: civil.NewDate(2026, 1, 7),
		Filing:   &cases.Approval{Date: civil.NewDate(2026, 1, 7), Approved: true},
		Exercise: cases.Exercise{ItemID: "fx-item", ItemCode: "FX", ItemName: "矩阵测试事项", Domain: "城市管理", SubjectOrgID: p.Org, SubjectName: p.OrgName},
		Officers: []cases.CaseOfficer{{PersonID: p.Person, Name: p.PersonName, Lead: true, From: civil.NewDate(2026, 1, 6)}}}
	state, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	err = d.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `INSERT INTO cases (id, region_code, org_id, subject_org_id, procedure, stage, number, title, item_id,
			item_code, item_name, act_date, place_code, parties, opened, filed, state, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, 'ordinary', 'investigating', ?, ?, 'fx-item', 'FX', '矩阵测试事项', '2026-01-05', ?, '矩阵当事人', '2026-01-06',
			'2026-01-07', ?, 'fx', '2026-01-06T00:00:00.000Z', '2026-01-06T00:00:00.000Z')`,
			caseID, p.Region, p.Org, p.Org, "矩阵立〔2026〕"+caseID[:6]+"号", p.RegionName+"矩阵测试案", p.Region, string(state)); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `INSERT INTO case_parties (id, case_id, seq, party_type, name, party_key) VALUES (?, ?, 1, 'legal', '矩阵当事人', ?)`,
			partyID, caseID, "C:"+caseID); err != nil {
			return err
		}
		// One piece of evidence, registered without its file: opening it answers that the file is
		// missing, which is enough to probe who may ask.
		if _, err := db.Exec(ctx, tx, `INSERT INTO case_evidence (id, case_id, step_id, kind, name, mime, size, sm3, sha256, taken_at,
			recorded_by, recorded_by_name, uploaded_by, uploaded_by_name, uploaded_at) VALUES (?, ?, 'fx', 'document', '矩阵.txt', 'text/plain',
			1, ?, ?, '2026-01-06T00:00:00.000Z', ?, ?, 'fx', 'fx', '2026-01-06T00:00:00.000Z')`,
			"ev-"+caseID, caseID, strings.Repeat("0", 64), strings.Repeat("0", 64), p.Person, p.PersonName); err != nil {
			return err
		}
		// One decision due for publicity.
		if _, err := db.Exec(ctx, tx, `INSERT INTO case_publications (id, case_id, region_code, kind, ref, decision_no, case_title, decided, due,
			due_explain, status, content, published_at, published_by, withdraw_due, withdrawn_at, reason) VALUES (?, ?, ?, 'penalty', 'decision',
			'矩阵罚〔2026〕1号', '矩阵测试案', '2026-01-07', '2026-01-16', '矩阵', 'due', 'null', '', '', '', '', '')`,
			"pub-"+caseID, caseID, p.Region); err != nil {
			return err
		}
		// One document, recorded without its file, likewise.
		if _, err := db.Exec(ctx, tx, `INSERT INTO documents (id, case_id, region_code, issuer_org_id, issuer, kind, title, number, template,
			sm3, sha256, size, signature, key_id, facts, pages, issued_at, issued_by, issued_by_name) VALUES (?, ?, ?, ?, '矩阵机关',
			'inquiry_record', '询问笔录', '矩阵之1', '全国默认', ?, ?, 1, 'x', 'x', '{}', 1, '2026-01-06T00:00:00Z', 'fx', 'fx')`,
			"doc-"+caseID, caseID, p.Region, p.Org, strings.Repeat("0", 64), strings.Repeat("0", 64)); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `INSERT INTO case_evidence_uploads (id, case_id, account_id, meta, size, received, created_at)
			VALUES (?, ?, 'fx', '{"kind":"document","name":"矩阵.txt","takenAt":"2026-01-06T08:00:00+08:00"}', 10, 0, '2026-01-06T00:00:00.000Z')`,
			"up-"+caseID, caseID); err != nil {
			return err
		}
		_, err := db.Exec(ctx, tx, `INSERT INTO case_officers (case_id, person_id, name, lead, from_date) VALUES (?, ?, ?, TRUE, '2026-01-06')`,
			caseID, p.Person, p.PersonName)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return caseID, partyID
}

// insertEvent records an event of the place at the centre of one of its grids (or, where the
// place has none, a point of 莘县), dispatched to the place's body, with one stored photo.
func insertEvent(t *testing.T, a *server.App, p *place) {
	t.Helper()
	ctx := context.Background()
	d := a.DB
	var pt struct {
		Lng float64 `db:"lng"`
		Lat float64 `db:"lat"`
	}
	err := db.Get(ctx, d.R, &pt, `SELECT (min_lng + max_lng) / 2 AS lng, (min_lat + max_lat) / 2 AS lat FROM grids
		WHERE kind = 'basic' AND (township_code = ? OR region_code = ?) ORDER BY code LIMIT 1`, p.Region, p.Region)
	if db.IsNoRows(err) {
		pt.Lng, pt.Lat = 115.45, 36.23 // 莘县城区
	} else if err != nil {
		t.Fatal(err)
	}
	p.Lng, p.Lat = pt.Lng, pt.Lat
	id := ids.New()
	p.Event, p.EventNo = id, "SJFX"+id[len(id)-12:]
	stored, err := a.Incidents.Blobs.Put(bytes.NewReader(sealPNG()), 1<<20, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = d.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `INSERT INTO events (id, no, region_code, township_code, village_code, grid_code, channel, external_no,
			hotline_kind, category_code, category_name, category_kind, item_code, description, address, lng, lat, urgent, reporter_name,
			reporter_phone, reporter_protected, reporter_account, state, team_org_id, route, suggestion, suggested_category, suggested_team,
			reported_at, register_due, registered_at, dispatched_at, handle_due, handle_limit, return_due, accepted_at, accepted_by,
			feedback_at, result, closed_at, close_kind, handled_on_time, reply_due, replied_at, reply, callback_at, satisfaction,
			suspended_at, remaining_minutes, extension_request, extensions, reworks, returns, misrouted, escalation, reminded,
			duplicate_of, case_lead_id, updated_at, version)
			VALUES (?, ?, ?, '', '', '', 'hotline', '12345FX', 'complaint', 'SJ0501', '占道经营', 'event', '', '矩阵测试事件', '', ?, ?, FALSE,
			'矩阵诉求人', '13800000000', FALSE, '', 'dispatched', ?, '', '', '', '', '2026-01-06T00:00:00.000Z', '2026-01-06T00:30:00.000Z',
			'2026-01-06T00:10:00.000Z', '2026-01-06T00:10:00.000Z', '2099-01-06T09:00:00.000Z', '4个工作时', '2099-01-08T09:30:00.000Z', '', '',
			'', '', '', '', NULL, '', '', '', '', '', '', 0, '', 0, 0, 0, FALSE, 0, 0, '', '', '2026-01-06T00:10:00.000Z', 1)`,
			id, p.EventNo, p.Region, pt.Lng, pt.Lat, p.Org); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, tx, `INSERT INTO event_teams (event_id, org_id, role) VALUES (?, ?, 'lead')`, id, p.Org); err != nil {
			return err
		}
		_, err := db.Exec(ctx, tx, `INSERT INTO event_photos (id, event_id, stage, sm3, sha256, size, content_type, name, created_by, created_at)
			VALUES (?, ?, 'report', ?, ?, ?, 'image/png', '现场', 'fx', '2026-01-06T00:00:00.000Z')`, "ph-"+id, id, stored.SM3, stored.SHA256, stored.Size)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
