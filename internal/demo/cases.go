package demo

import (
	"context"
	"fmt"
	"time"

	"zhifa/internal/cases"
	"zhifa/internal/discretion"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ident"
	"zhifa/internal/server"
)

// The demo's cases: one in every state of the procedures, dated back from the day the demo is
// loaded, taken step by step through the case-handling service as the officers, the bureau's
// leader and the legal reviewer would, so that every deadline and number is the platform's own.
type caseDemo struct {
	ctx                    context.Context
	a                      *server.App
	today                  civil.Date
	officer, leader, legal *access.Principal
	town                   *access.Principal // 张秋镇's officer
	pair, townPair         []string          // two certified officers each
	host                   string            // the legal reviewer, as hearing host
	items                  map[string]string // code → id
	serial                 int
	err                    error
}

const (
	placeBojiqiao = "371521001000" // 博济桥街道
	placeQiaoRun  = "371521002000" // 侨润街道
	zhangqiuCode  = "371521112000" // 张秋镇
)

func createCases(ctx context.Context, a *server.App) error {
	d := &caseDemo{ctx: ctx, a: a, today: civil.Today(a.Clock), items: map[string]string{}}
	var err error
	for _, x := range []struct {
		p    **access.Principal
		name string
	}{{&d.officer, "officer"}, {&d.leader, "leader"}, {&d.legal, "legal"}, {&d.town, "officer.zhangqiu"}} {
		if *x.p, err = principal(ctx, a, x.name); err != nil {
			return err
		}
	}
	if d.pair, err = certifiedPair(ctx, a, d.officer); err != nil {
		return err
	}
	if d.townPair, err = certifiedPair(ctx, a, d.town); err != nil {
		return err
	}
	d.host = d.legal.PersonID
	var rows []struct {
		ID   string `db:"id"`
		Code string `db:"code"`
	}
	if err := db.Select(ctx, a.DB.R, &rows, `SELECT id, code FROM catalog_items`); err != nil {
		return err
	}
	for _, r := range rows {
		d.items[r.Code] = r.ID
	}
	d.build()
	return d.err
}

// principal is the caller of a demo account.
func principal(ctx context.Context, a *server.App, username string) (*access.Principal, error) {
	var id string
	if err := db.Get(ctx, a.DB.R, &id, `SELECT id FROM accounts WHERE username = ?`, username); err != nil {
		return nil, fmt.Errorf("账号 %s: %w", username, err)
	}
	acc, err := a.Accounts.Get(ctx, access.System(), id)
	if err != nil {
		return nil, err
	}
	return acc.Principal(), nil
}

// certifiedPair is the account's person and a colleague of the same organisation whose
// certificate covers urban management (or comprehensive enforcement) today.
func certifiedPair(ctx context.Context, a *server.App, p *access.Principal) ([]string, error) {
	today := civil.Today(a.Clock).String()
	var other string
	err := db.Get(ctx, a.DB.R, &other, `SELECT p.id FROM people p JOIN certificates c ON c.person_id = p.id
		WHERE p.work_org_id = ? AND p.id <> ? AND c.valid_from <= ? AND c.valid_to >= ?
		AND (c.domains LIKE '%城市管理%' OR c.domains LIKE '%综合%') ORDER BY p.name LIMIT 1`, p.OrgID, p.PersonID, civil.Today(a.Clock).AddDays(-400).String(), today)
	if err != nil {
		return nil, fmt.Errorf("%s 的同事: %w", p.Username, err)
	}
	return []string{p.PersonID, other}, nil
}

func (d *caseDemo) day(n int) civil.Date { return d.today.AddDays(-n) }

// person is a fictitious natural person with a valid ID number.
func (d *caseDemo) person(name string) cases.PartyInput {
	d.serial++
	first := fmt.Sprintf("371521%s%03d", fmt.Sprintf("19%02d0%d1%d", 60+d.serial%35, 1+d.serial%9, d.serial%3), 10+d.serial)
	return cases.PartyInput{Type: cases.NaturalPerson, Name: name, IDNumber: first + string(ident.ResidentCheckChar(first)),
		Address: "山东省阳谷县"}
}

// creditCode completes 17 characters with their check character (GB 32100).
func creditCode(first17 string) string {
	c, _ := ident.CreditCheckChar(first17)
	return first17 + string(c)
}

// firm is a fictitious company with a valid unified social credit code.
func firm(name, code17 string) cases.PartyInput {
	return cases.PartyInput{Type: cases.LegalPerson, Name: name, CreditCode: creditCode(code17), Representative: "王某", Address: "山东省阳谷县"}
}

func (d *caseDemo) step(what string, err error) {
	if err != nil && d.err == nil {
		d.err = fmt.Errorf("演示案件（%s）: %w", what, err)
	}
}

// open files an ordinary case n days ago, approved the same day.
func (d *caseDemo) open(n int, code, title, place string, party cases.PartyInput, lead string) string {
	if d.err != nil {
		return ""
	}
	c, err := d.a.Cases.Open(d.ctx, d.officer, cases.OpenInput{LeadID: lead, Date: d.day(n), ItemID: d.items[code], Title: title,
		ActDate: d.day(n + 2), PlaceCode: place, Address: "阳谷县城区", Parties: []cases.PartyInput{party}, OfficerIDs: d.pair,
		Facts: "执法人员巡查发现"})
	if err != nil {
		d.step(title+"：立案申请", err)
		return ""
	}
	d.do(title+"：立案审批", d.leader, func(p *access.Principal) (cases.Detail, error) {
		return d.a.Cases.ApproveFiling(d.ctx, p, c.ID, cases.Approve{Date: d.day(n), Approved: true, Opinion: "同意立案"})
	})
	return c.ID
}

// do takes a step as the caller, unless an earlier step failed.
func (d *caseDemo) do(what string, p *access.Principal, fn func(*access.Principal) (cases.Detail, error)) {
	if d.err != nil {
		return
	}
	_, err := fn(p)
	d.step(what, err)
}

func (d *caseDemo) record(id string, n int, subject string) {
	d.do("调查记录", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return d.a.Cases.AddRecord(d.ctx, p, id, cases.RecordInput{Date: d.day(n), Kind: cases.RecordInquiry, Place: "执法大队询问室",
			OfficerIDs: d.pair, Subject: subject, Summary: "当事人对违法事实无异议"})
	})
}

func (d *caseDemo) report(id string, n int, partyID string, fine civil.Fen, kinds ...string) {
	if len(kinds) == 0 {
		kinds = []string{cases.KindFine}
	}
	d.do("调查终结报告", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return d.a.Cases.SubmitReport(d.ctx, p, id, cases.ReportInput{Date: d.day(n), Facts: "违法事实清楚", Evidence: "询问笔录、现场照片",
			Outcome: cases.OutcomePenalty, Proposed: []cases.Penalty{{PartyID: partyID, Kinds: kinds, FineFen: fine}}})
	})
	d.do("负责人审查", d.leader, func(p *access.Principal) (cases.Detail, error) {
		return d.a.Cases.Review(d.ctx, p, id, cases.ReviewInput{Date: d.day(n), Approved: true, Opinion: "同意给予行政处罚"})
	})
}

func (d *caseDemo) notify(id string, n int) {
	d.do("告知", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return d.a.Cases.Notify(d.ctx, p, id, cases.NoticeInput{Date: d.day(n), Method: cases.ServeDirect})
	})
}

func (d *caseDemo) partyOf(id string) string {
	if d.err != nil {
		return ""
	}
	c, err := d.a.Cases.Get(d.ctx, access.System(), id)
	if err != nil || len(c.Parties) == 0 {
		d.step("当事人", fmt.Errorf("读取当事人: %v", err))
		return ""
	}
	return c.Parties[0].ID
}

func (d *caseDemo) build() {
	a, ctx := d.a, d.ctx
	// Leads: two waiting to be verified (one past its limit) and one filed below.
	for i, l := range []cases.LeadInput{
		{Source: cases.SourceComplaint, SourceNote: "12345热线工单 QZ-2026-0415", Received: d.day(3), Summary: "谷山路夜市占道经营，影响通行", PlaceCode: placeBojiqiao},
		{Source: cases.SourceReferral, SourceNote: "县住建局移送函", Received: d.day(25), Summary: "某工地夜间施工未办理手续", PlaceCode: placeQiaoRun},
	} {
		_, err := a.Cases.CreateLead(ctx, d.officer, l)
		d.step(fmt.Sprintf("线索%d", i+1), err)
	}
	lead, err := a.Cases.CreateLead(ctx, d.officer, cases.LeadInput{Source: cases.SourceDiscovered, Received: d.day(62),
		Summary: "渣土车沿途遗撒", PlaceCode: placeBojiqiao})
	d.step("线索", err)

	// Simple procedure: a closed ticket, and one whose on-the-spot fine is yet to be handed in.
	for i, s := range []struct {
		n      int
		name   string
		fine   civil.Fen
		onSpot bool
	}{{20, "李某", 200_00, false}, {0, "赵某", 200_00, true}} {
		in := cases.SimpleInput{ItemID: d.items["CSGL-CF-032"], Title: s.name + "使用高音广播喇叭招揽顾客", ActDate: d.day(s.n), Date: d.day(s.n),
			PlaceCode: placeBojiqiao, Facts: "执法人员当场查获", Party: d.person(s.name), OfficerIDs: d.pair,
			Penalty: cases.Penalty{Kinds: []string{cases.KindFine}, FineFen: s.fine}, OnSpot: s.onSpot}
		if s.onSpot {
			in.Receipt, in.Hardship = fmt.Sprintf("鲁财罚%07d", 1200+i), "当事人系外地流动摊贩，事后难以执行"
		}
		c, err := a.Cases.Simple(ctx, d.officer, in)
		d.step("简易程序", err)
		if i == 0 && err == nil {
			id := c.ID
			d.do("备案", d.leader, func(p *access.Principal) (cases.Detail, error) {
				return a.Cases.FileSimple(ctx, p, id, cases.DateInput{Date: d.day(s.n - 1)})
			})
			d.do("缴款", d.officer, func(p *access.Principal) (cases.Detail, error) {
				return a.Cases.Pay(ctx, p, id, cases.PayInput{Date: d.day(s.n - 3), PartyID: d.partyOf(id), AmountFen: s.fine, Reference: "NY2026" + fmt.Sprint(s.n), Bank: "农业银行阳谷支行"})
			})
			d.do("结案", d.leader, func(p *access.Principal) (cases.Detail, error) {
				return a.Cases.Close(ctx, p, id, cases.CloseInput{Date: d.day(s.n - 4)})
			})
		}
	}

	// Investigating, from the lead.
	inv := d.open(60, "CSGL-CF-018", "王某运输渣土未密闭案", placeBojiqiao, d.person("王某"), lead.ID)
	d.record(inv, 55, "王某")

	// Awaiting the leader's review.
	rev := d.open(30, "CSGL-CF-018", "刘某运输车辆沿途遗撒案", placeQiaoRun, d.person("刘某"), "")
	d.record(rev, 28, "刘某")
	d.do("调查终结报告", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.SubmitReport(ctx, p, rev, cases.ReportInput{Date: d.day(26), Facts: "未密闭运输，沿途遗撒", Evidence: "询问笔录、照片",
			Outcome: cases.OutcomePenalty, Proposed: []cases.Penalty{{PartyID: d.partyOf(rev), Kinds: []string{cases.KindFine}, FineFen: 5000_00}}})
	})

	// After notice, in the statement period.
	def := d.open(20, "CSGL-CF-018", "陈某渣土车未密闭案", placeBojiqiao, d.person("陈某"), "")
	d.record(def, 18, "陈某")
	d.report(def, 10, d.partyOf(def), 3000_00)
	d.notify(def, 1)

	// A hearing requested and notified (a company facing 责令停产停业).
	hear := d.open(40, "CSGL-CF-017", "阳谷某建筑公司工地未采取防尘措施案", placeQiaoRun, firm("阳谷县某建筑工程有限公司", "91371521MA3C4D5E6"), "")
	d.record(hear, 38, "施工现场负责人")
	d.report(hear, 30, d.partyOf(hear), 50000_00, cases.KindFine, "责令停产停业")
	d.notify(hear, 8)
	d.do("要求听证", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.RequestHearing(ctx, p, hear, cases.DateInput{Date: d.day(7)})
	})
	d.do("听证通知", d.legal, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.NotifyHearing(ctx, p, hear, cases.HearingNoticeInput{Date: d.day(6), HearingDate: d.today.AddDays(10), HostID: d.host,
			Clerk: "书记员 马某", Public: true, Place: "县综合行政执法局听证室"})
	})

	// In legal review (a large fine on a company).
	leg := d.open(45, "CSGL-CF-017", "阳谷某商砼公司运输扬尘案", placeBojiqiao, firm("阳谷县某商品混凝土有限公司", "91371521MA3F7G8H9"), "")
	d.record(leg, 43, "公司运输负责人")
	d.do("调查终结报告", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.SubmitReport(ctx, p, leg, cases.ReportInput{Date: d.day(35), Facts: "运输车辆未覆盖，扬尘污染城区主干道", Evidence: "检查笔录、视频",
			Outcome: cases.OutcomePenalty, PublicInterest: true, Proposed: []cases.Penalty{{PartyID: d.partyOf(leg), Kinds: []string{cases.KindFine}, FineFen: 30000_00}}})
	})
	d.do("负责人审查", d.leader, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.Review(ctx, p, leg, cases.ReviewInput{Date: d.day(35), Approved: true, Opinion: "同意给予行政处罚"})
	})
	d.notify(leg, 33)
	d.do("放弃", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.Waive(ctx, p, leg, cases.WaiveInput{Date: d.day(32), Statement: true})
	})
	d.do("提交法制审核", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.SubmitLegal(ctx, p, leg, cases.DateInput{Date: d.day(2)})
	})

	// A seizure, approved and running.
	sz := d.open(12, "CSGL-CF-018", "孙某渣土车无证运输案", placeQiaoRun, d.person("孙某"), "")
	d.do("扣押", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.TakeMeasure(ctx, p, sz, cases.MeasureInput{Kind: cases.MeasureSeize, Place: "阳谷县谷山路", Reason: "涉案车辆，不扣押可能灭失证据",
			Inventory: []string{"自卸货车 1辆（鲁P·D2345）", "车钥匙 1把"}, Days: 30, OfficerIDs: d.pair})
	})
	if d.err == nil {
		c, err := a.Cases.Get(ctx, access.System(), sz)
		d.step("扣押审批", err)
		if err == nil && len(c.State.Measures) > 0 {
			mid := c.State.Measures[0].ID
			d.do("扣押审批", d.leader, func(p *access.Principal) (cases.Detail, error) {
				return a.Cases.ApproveMeasure(ctx, p, sz, cases.MeasureApproval{Date: d.day(11), MeasureID: mid, Approved: true, Opinion: "同意扣押"})
			})
		}
	}

	// Transferred to the police, awaiting their answer.
	tr := d.open(25, "CSGL-CF-018", "某运输队非法倾倒建筑垃圾案", placeBojiqiao, firm("阳谷县某运输有限公司", "91371521MA3K2L3M4"), "")
	d.record(tr, 24, "运输队负责人")
	d.do("移送报告", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.ReportTransfer(ctx, p, tr, cases.TransferReportInput{Date: d.day(5), Report: "倾倒建筑垃圾逾百吨，涉嫌污染环境罪"})
	})
	d.do("移送决定", d.leader, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.DecideTransfer(ctx, p, tr, cases.Approve{Date: d.day(4), Approved: true, Opinion: "同意移送公安机关"})
	})
	d.do("移送", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.SendTransfer(ctx, p, tr, cases.TransferSendInput{At: d.a.Clock.Now().Add(-30 * time.Minute), Police: "阳谷县公安局"})
	})

	// Decided, served and paid, closed and archived.
	done := d.open(80, "CSGL-CF-018", "周某运输车辆未密闭案", placeQiaoRun, d.person("周某"), "")
	d.record(done, 78, "周某")
	d.report(done, 70, d.partyOf(done), 4000_00)
	d.notify(done, 68)
	d.do("陈述申辩", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.RecordStatement(ctx, p, done, cases.StatementInput{Date: d.day(66), Content: "初次违法，请求从轻", Reply: "已考虑初次违法情节"})
	})
	d.do("决定", d.leader, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.Decide(ctx, p, done, cases.DecideInput{Date: d.day(60), Opinion: "同意"})
	})
	d.do("送达", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.Serve(ctx, p, done, cases.ServeInput{Date: d.day(59), Method: cases.ServeDirect, Recipient: "周某"})
	})
	d.do("缴款", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.Pay(ctx, p, done, cases.PayInput{Date: d.day(50), PartyID: d.partyOf(done), AmountFen: 4000_00, Reference: "NY2026A17", Bank: "农业银行阳谷支行"})
	})
	d.do("结案", d.leader, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.Close(ctx, p, done, cases.CloseInput{Date: d.day(45)})
	})
	d.do("归档", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.Archive(ctx, p, done, cases.DateInput{Date: d.day(40)})
	})

	// Decided under the county's discretion benchmark (城市建筑垃圾管理规定 第二十三条): the tier
	// worked out by the platform from the facts the officers recorded, served and awaiting payment.
	waste := d.open(50, "CSGL-CF-028", "阳谷县某渣土运输公司沿途遗撒建筑垃圾案", placeQiaoRun, firm("阳谷县某渣土运输有限公司", "91371521MA3N5P6Q7"), "")
	d.record(waste, 48, "公司运输负责人")
	d.do("调查终结报告", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.SubmitReport(ctx, p, waste, cases.ReportInput{Date: d.day(40), Facts: "运输建筑垃圾途中沿阳谷县谷山路遗撒约200米，责令改正后次日仍未清理，由环卫作业单位代为清理",
			Evidence: "现场检查笔录、询问笔录、照片、行车记录", Outcome: cases.OutcomePenalty,
			Proposed: []cases.Penalty{{PartyID: d.partyOf(waste), Kinds: []string{cases.KindWarning, cases.KindFine}, FineFen: 20000_00,
				Facts: &discretion.Facts{Harm: discretion.HarmGeneral}}}})
	})
	d.do("负责人审查", d.leader, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.Review(ctx, p, waste, cases.ReviewInput{Date: d.day(40), Approved: true, Opinion: "同意给予警告并处罚款"})
	})
	d.notify(waste, 38)
	d.do("放弃", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.Waive(ctx, p, waste, cases.WaiveInput{Date: d.day(37), Statement: true})
	})
	d.do("决定", d.leader, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.Decide(ctx, p, waste, cases.DecideInput{Date: d.day(30), Opinion: "同意"})
	})
	d.do("送达", d.officer, func(p *access.Principal) (cases.Detail, error) {
		return a.Cases.Serve(ctx, p, waste, cases.ServeInput{Date: d.day(29), Method: cases.ServeDirect, Recipient: "王某"})
	})

	// Both decisions on the portal, masked (行政执法公示).
	d.publish(waste)
	d.publish(done)

	// The previous year's enforcement figures are published (the county's cases start this year).
	if d.err == nil {
		_, err := a.Cases.PublishAnnual(ctx, d.leader, cases.StatsQuery{Year: d.today.Year() - 1})
		d.step("公开上年度执法数据", err)
	}

	// Overdue: filed more than 90 days ago and still under investigation.
	late := d.open(100, "CSGL-CF-018", "吴某擅自倾倒渣土案", placeBojiqiao, d.person("吴某"), "")
	d.record(late, 95, "吴某")

	// A township's own case under a delegated item, in its government's name.
	if code, ok := d.items["CSGL-CF-016"]; ok && d.err == nil {
		_, err := a.Cases.Open(ctx, d.town, cases.OpenInput{Date: d.day(6), ItemID: code, Title: "张秋镇某户露天焚烧落叶案",
			ActDate: d.day(7), PlaceCode: zhangqiuCode, Address: "张秋镇府前街", Parties: []cases.PartyInput{d.person("郑某")}, OfficerIDs: d.townPair})
		d.step("张秋镇立案申请", err)
	}
}

// publish publishes a case's penalty decision as the legal reviewer does from the publicity queue.
func (d *caseDemo) publish(caseID string) {
	if d.err != nil {
		return
	}
	var pub string
	if err := db.Get(d.ctx, d.a.DB.R, &pub, `SELECT id FROM case_publications WHERE case_id = ? AND status = 'due'`, caseID); err != nil {
		d.step("公示", err)
		return
	}
	d.do("公示", d.legal, func(p *access.Principal) (cases.Detail, error) {
		return d.a.Cases.Publish(d.ctx, p, caseID, cases.PublishInput{PublicationID: pub})
	})
}
