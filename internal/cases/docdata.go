package cases

import (
	"strconv"
	"strings"

	"zhifa/internal/documents"
	"zhifa/internal/platform/civil"
)

// The data a document template reads, under Chinese names an administrator writes in a template
// ({{.当事人.名称}}). Every name is always present (empty when the case has nothing for it), so a
// template that works for one case works for every case.

type m = map[string]any

func itoa(n int) string { return strconv.Itoa(n) }

func day(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Chinese()
}

func yuan(f civil.Fen) string {
	if f == 0 {
		return ""
	}
	return "人民币" + f.Yuan()
}

func partyData(p partyRow, idNumber string) m {
	idName, id := "身份证号码", idNumber
	if p.Type.Organisation() {
		idName, id = "统一社会信用代码", p.CreditCode
	}
	return m{"名称": p.Name, "类型": PartyTypeName(p.Type), "证件名称": idName, "证件号码": id, "法定代表人": p.Representative,
		"地址": p.Address, "送达地址": p.ServiceAddress, "同意电子送达": p.ElectronicConsent}
}

// penaltyText writes a penalty as a decision states it.
func penaltyText(p Penalty) string {
	var parts []string
	for _, k := range p.Kinds {
		switch k {
		case KindFine:
			parts = append(parts, "罚款"+yuan(p.FineFen))
		case KindConfiscate:
			parts = append(parts, "没收违法所得"+yuan(p.ConfiscateFen))
		case KindConfiscateIll:
			parts = append(parts, "没收非法财物（"+p.ConfiscateText+"）")
		default:
			parts = append(parts, k)
		}
	}
	return strings.Join(parts, "，")
}

func penaltiesData(ps []Penalty, names map[string]string) ([]m, string) {
	out := []m{}
	var text []string
	for _, p := range ps {
		basis := ""
		if p.BenchmarkID != "" {
			basis = p.Tier
			if p.TierMaxFen > 0 {
				basis += "（罚款" + p.TierMinFen.Yuan() + "至" + p.TierMaxFen.Yuan() + "）"
			}
		}
		t := penaltyText(p)
		out = append(out, m{"当事人": names[p.PartyID], "处罚": t, "罚款": yuan(p.FineFen), "没收": yuan(p.ConfiscateFen),
			"非法财物": p.ConfiscateText, "裁量档次": basis, "裁量理由": p.TierReason, "偏离理由": p.Departure})
		if len(ps) > 1 {
			t = names[p.PartyID] + "：" + t
		}
		text = append(text, t)
	}
	return out, strings.Join(text, "；")
}

// documentData is everything a document of the case may print.
func documentData(r row, st *State, subject string, party m, parties []partyRow, officers []OfficerInfo, ag DocumentAgency,
	ref string, in DocumentInput) m {
	names := map[string]string{}
	var partyList []m
	for _, p := range parties {
		names[p.ID] = p.Name
		partyList = append(partyList, m{"名称": p.Name, "类型": PartyTypeName(p.Type)})
	}
	var offs []m
	var offNames, offText []string
	personName := map[string]string{}
	for _, o := range officers {
		cert := ""
		if len(o.Certificates) > 0 {
			cert = o.Certificates[0].Number
		}
		personName[o.PersonID] = o.Name
		offs = append(offs, m{"姓名": o.Name, "证号": cert})
		offNames = append(offNames, o.Name)
		offText = append(offText, o.Name+"（执法证号 "+cert+"）")
	}
	for _, o := range st.Officers {
		if personName[o.PersonID] == "" {
			personName[o.PersonID] = o.Name
		}
	}
	ex := st.Exercise
	d := m{
		"机关": m{"名称": subject, "承办机构": ex.HandlingOrgName, "行使方式": ex.ModeName, "地址": ag.Address, "电话": ag.Phone},
		"案件": m{"编号": r.Number, "案由": r.Title, "事项": ex.ItemName, "事项编码": ex.ItemCode, "违法日期": day(st.ActDate),
			"违法地点": r.Address, "立案日期": day(st.Filed), "程序": map[Procedure]string{Simple: "简易程序", Ordinary: "普通程序"}[st.Procedure],
			"违反依据": ex.ViolatedBasis, "处罚依据": ex.PenaltyBasis, "法定处罚": ex.FineRange, "行使说明": ex.Explanation},
		"当事人":    party,
		"当事人列表":  partyList,
		"执法人员":   offs,
		"执法人员名单": strings.Join(offText, "、"),
		"执法人员姓名": strings.Join(offNames, "、"),
		"救济":     m{"复议机关": ag.Reconsideration, "人民法院": ag.Court, "缴款银行": ag.Bank},
		"改正":     m{"内容": strings.TrimSpace(in.Correction), "期限": day(in.CorrectBy)},
	}
	filing := m{"日期": "", "审批人": "", "意见": "", "结论": ""}
	if st.Filing != nil {
		filing = m{"日期": day(st.Filing.Date), "审批人": st.Filing.ByName, "意见": st.Filing.Opinion,
			"结论": map[bool]string{true: "同意立案", false: "不予立案"}[st.Filing.Approved]}
	}
	d["立案"] = filing
	rec := m{"种类": "", "日期": "", "起时": "", "止时": "", "地点": "", "对象": "", "关系": "", "在场人": "", "记录人": "", "检查人员": "",
		"问答": []m{}, "内容": ""}
	for _, x := range st.Records {
		if x.ID != ref {
			continue
		}
		var who []string
		for _, id := range x.Officers {
			who = append(who, personName[id])
		}
		qa := []m{}
		for _, q := range x.QA {
			qa = append(qa, m{"问": q.Q, "答": q.A})
		}
		rec = m{"种类": recordNames[x.Kind], "日期": day(x.Date), "起时": x.From, "止时": x.To, "地点": x.Place, "对象": x.Subject,
			"关系": relationNames[x.Relation], "在场人": x.Present, "记录人": personName[x.Recorder], "检查人员": strings.Join(who, "、"),
			"问答": qa, "内容": x.Summary}
	}
	d["笔录"] = rec
	report := m{"违法事实": "", "证据": ""}
	if st.Report != nil {
		report = m{"违法事实": st.Report.Facts, "证据": st.Report.Evidence}
	}
	d["调查"] = report
	notice := m{"编号": "", "日期": "", "拟处罚": []m{}, "拟处罚文字": "", "听证权利": false, "听证理由": ""}
	if st.Notice != nil {
		list, text := penaltiesData(st.Notice.Proposed, names)
		notice = m{"编号": st.Notice.Number, "日期": day(st.Notice.Date), "拟处罚": list, "拟处罚文字": text,
			"听证权利": st.Notice.HearingRight, "听证理由": st.Notice.HearingWhy}
	}
	d["告知"] = notice
	hearing := m{"申请日期": "", "通知日期": "", "日期": "", "主持人": "", "记录员": "", "公开": "", "举行日期": "", "出席": "", "记录": "", "意见": ""}
	if h := st.Hearing; h != nil {
		hearing = m{"申请日期": day(h.Requested), "通知日期": day(h.Notified), "日期": day(h.Date), "主持人": h.HostName, "记录员": h.Clerk,
			"公开": map[bool]string{true: "公开举行", false: "不公开举行"}[h.Public], "举行日期": day(h.Held),
			"出席": map[bool]string{true: "当事人出席", false: "当事人未出席"}[h.Attended], "记录": h.Record, "意见": h.Opinion}
	}
	d["听证"] = hearing
	legal := m{"提交日期": "", "日期": "", "审核人": "", "结论": "", "意见": "", "要点": []m{}}
	if lr := st.LegalReview; lr != nil && len(lr.Opinions) > 0 {
		o := lr.Opinions[len(lr.Opinions)-1]
		points := []m{}
		for _, c := range LegalChecklist {
			if v, ok := o.Checklist[c.Code]; ok {
				points = append(points, m{"事项": c.Name, "结论": map[bool]string{true: "是", false: "否"}[v]})
			}
		}
		legal = m{"提交日期": day(lr.Submitted), "日期": day(o.Date), "审核人": o.Name, "结论": map[bool]string{true: "通过", false: "退回"}[o.Passed],
			"意见": o.Opinion, "要点": points}
	}
	d["法制审核"] = legal
	disc := m{"日期": "", "参加人员": "", "意见": "", "结论": "", "备注": ""}
	if x := st.Discussion; x != nil {
		disc = m{"日期": day(x.Date), "参加人员": strings.Join(x.Participants, "、"), "意见": x.Opinions, "结论": OutcomeName(x.Conclusion), "备注": x.Note}
	}
	d["集体讨论"] = disc
	dec := m{"编号": "", "日期": "", "结论": "", "处罚": []m{}, "处罚文字": "", "履行": "", "审批人": "", "教育": "", "罚款合计": ""}
	if x := st.Decision; x != nil {
		list, text := penaltiesData(x.Penalties, names)
		dec = m{"编号": x.Number, "日期": day(x.Date), "结论": OutcomeName(x.Outcome), "处罚": list, "处罚文字": text, "履行": x.Performance,
			"审批人": x.Approval.ByName, "教育": x.Education, "罚款合计": yuan(x.FineTotal())}
	}
	d["决定"] = dec
	serve := m{"日期": "", "方式": "", "受送达人": "", "备注": ""}
	if x := st.Service; x != nil {
		serve = m{"日期": day(x.Date), "方式": serviceNames[x.Method], "受送达人": x.Recipient, "备注": x.Note}
	}
	d["送达"] = serve
	meas := m{"编号": "", "种类": "", "日期": "", "期限": "", "场所": "", "理由": "", "物品": []string{}, "批准人": ""}
	for _, x := range st.Measures {
		if x.ID != ref {
			continue
		}
		by := ""
		if x.Approval != nil {
			by = x.Approval.ByName
		}
		meas = m{"编号": x.DecisionNo, "种类": measureNames[x.Kind], "日期": day(x.Decided), "期限": itoa(x.Days) + "日", "场所": x.Place, "理由": x.Reason,
			"物品": append([]string{}, x.Inventory...), "批准人": by}
	}
	d["强制措施"] = meas
	rem := m{"日期": "", "期限": "", "方式": "", "备注": ""}
	if x := st.Reminder; x != nil {
		rem = m{"日期": day(x.Served), "期限": itoa(x.Days) + "日", "方式": serviceNames[x.Method], "备注": x.Note}
	}
	d["催告"] = rem
	court := m{"日期": "", "法院": ""}
	if x := st.Court; x != nil {
		court = m{"日期": day(x.Date), "法院": x.Court}
	}
	d["申请执行"] = court
	tr := m{"报告日期": "", "报告": "", "批准人": "", "批准日期": "", "公安机关": ""}
	if x := st.Transfer; x != nil {
		by, on := "", ""
		if x.Decision != nil {
			by, on = x.Decision.ByName, day(x.Decision.Date)
		}
		tr = m{"报告日期": day(x.Reported), "报告": x.Report, "批准人": by, "批准日期": on, "公安机关": x.Police}
	}
	d["移送"] = tr
	closing := m{"日期": "", "理由": "", "审批人": "", "备注": ""}
	if x := st.Closed; x != nil {
		closing = m{"日期": day(x.Date), "理由": x.Reason, "审批人": x.ByName, "备注": x.Note}
	}
	d["结案"] = closing
	var paid civil.Fen
	for _, p := range st.Payments {
		paid += p.AmountFen
	}
	d["执行"] = m{"已缴": yuan(paid)}
	return d
}

// SampleDocumentData is the data of a made-up case, for template previews and checks: every name
// a template may use, with values of the right shape.
func SampleDocumentData(kind string) map[string]any {
	st := &State{Procedure: Ordinary, ActDate: mustDate("2026-11-03"), Filed: mustDate("2026-11-05"),
		Exercise: Exercise{ItemName: "运输建筑垃圾未密闭", ItemCode: "CSGL-CF-018", ViolatedBasis: "《城市建筑垃圾管理规定》第十四条",
			PenaltyBasis: "《城市建筑垃圾管理规定》第二十三条", FineRange: "处5000元以上3万元以下罚款", HandlingOrgName: "××中队", ModeName: "相对集中行使"},
		Filing: &Approval{Date: mustDate("2026-11-05"), Approved: true, ByName: "赵局长", Opinion: "同意立案"},
		Records: []Record{{ID: "r1", Kind: RecordInquiry, Date: mustDate("2026-11-06"), From: "09:00", To: "09:40", Place: "××中队询问室",
			Subject: "王××", Relation: RelationParty, Recorder: "p2", Officers: []string{"p1", "p2"},
			QA: []QA{{Q: "我们是××县综合行政执法局的执法人员，这是我们的执法证件。你有申请回避的权利，听清楚了吗？", A: "听清楚了，不申请回避。"}}, Summary: "当事人承认运输时未密闭。"}},
		Report: &Report{Facts: "2026年11月3日，当事人驾驶货车运输建筑垃圾未采取密闭措施，造成沿途撒漏。", Evidence: "现场检查笔录、询问笔录、现场照片"},
		Notice: &Notice{Number: "×综执告〔2026〕1号", Date: mustDate("2026-11-10"), HearingRight: true, HearingWhy: "较大数额罚款", Proposed: []Penalty{{PartyID: "a", Kinds: []string{KindFine}, FineFen: 800000, Tier: "一般违法"}}},
		Decision: &Decision{Number: "×综执罚〔2026〕1号", Date: mustDate("2026-11-25"), Outcome: OutcomePenalty, Performance: "自收到本决定书之日起十五日内缴纳罚款",
			Penalties: []Penalty{{PartyID: "a", Kinds: []string{KindFine}, FineFen: 800000, BenchmarkID: "b", Tier: "一般违法", TierMinFen: 500000, TierMaxFen: 1500000}}},
		Service: &Served{Date: mustDate("2026-11-26"), Method: ServeDirect, Recipient: "王××"},
		Measures: []Measure{{ID: "m1", Kind: MeasureSeize, Decided: mustDate("2026-11-04"), DecisionNo: "×综执强〔2026〕1号", Inventory: []string{"自卸货车一辆"},
			Place: "××停车场", Reason: "防止证据损毁", Days: 30}},
	}
	r := row{ID: "sample", Number: "×综执立〔2026〕1号", Title: "王××运输建筑垃圾未密闭案", Address: "××镇××路"}
	party := partyData(partyRow{ID: "a", Type: NaturalPerson, Name: "王××", Address: "××县××街道××号"}, "110101199003070011")
	officers := []OfficerInfo{{PersonID: "p1", Name: "张××", Certificates: []Certificate{{Number: "37150000001"}}},
		{PersonID: "p2", Name: "李××", Certificates: []Certificate{{Number: "37150000002"}}}}
	ref := ""
	switch kind {
	case documents.InquiryRecord, documents.InspectionRecord:
		ref = "r1"
	case documents.MeasureDecision, documents.MeasureList:
		ref = "m1"
	}
	return documentData(r, st, "××县综合行政执法局", party, []partyRow{{ID: "a", Type: NaturalPerson, Name: "王××"}}, officers,
		DocumentAgency{Reconsideration: "××县人民政府", Court: "××县人民法院", Bank: "××银行"}, ref,
		DocumentInput{Correction: "立即对运输车辆采取密闭措施", CorrectBy: mustDate("2026-11-10")})
}

func mustDate(s string) civil.Date {
	d, ok := civil.Parse(s)
	if !ok {
		panic("bad sample date " + s)
	}
	return d
}
