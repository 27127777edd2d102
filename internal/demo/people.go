package demo

import (
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"zhifa/internal/people"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/server"
)

// Given names are chosen to fit the gender the ID number gives (GB 11643: digit 17 is odd for men,
// even for women), so that no woman in the register is called 建国 and no man 秀英.
var (
	surnames  = []rune("王张李刘陈杨赵孙马周徐朱高郭吴宋董胡林何侯曹邢范贾魏崔田韩冯于程袁任")
	maleGiven = []string{"伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "鹏", "刚", "波", "辉", "斌", "峰", "凯",
		"建国", "志强", "海峰", "文博", "晓东", "宏伟", "建军", "国栋", "振华", "永刚", "德胜", "俊杰", "浩然", "子豪", "立军", "庆华"}
	femaleGiven = []string{"芳", "娜", "静", "敏", "丽", "艳", "霞", "燕", "玲", "婷", "倩", "雪", "慧", "洁", "琳", "颖",
		"玉梅", "秀英", "红梅", "丽娟", "淑芬", "美玲", "雅琴", "桂兰", "秀兰", "凤英", "晓燕", "海燕", "春梅", "欣怡", "梦瑶", "雨欣"}
)

// CertIssuer is the issuing authority of every demo enforcement certificate: Shandong issues the
// 行政执法证 of county and township enforcement staff in the name of the provincial people's
// government.
const CertIssuer = "山东省人民政府"

// staffGroup is a block of generated staff with the same post, workplace and duties.
type staffGroup struct {
	post, work string
	count      int
	postType   string // 行政编 / 参公事业编 / 事业编 / 编外
	position   string
	frontline  bool
	domain     string
	noCert     bool
}

func staffGroups() []staffGroup {
	gs := []staffGroup{
		{post: bureauName, work: bureauName, count: 22, postType: "行政编", position: "机关科员", domain: "城市管理"},
		{post: bureauName, work: bureauName, count: 18, postType: "参公事业编", position: "指挥中心/法制科", domain: "城市管理"},
		{post: brigadeName, work: brigadeName, count: 10, postType: "参公事业编", position: "大队执法队员", frontline: true, domain: "城市管理"},
		{post: brigadeName, work: brigadeName, count: 12, postType: "编外", position: "城管协管员", frontline: true, noCert: true},
	}
	for _, i := range streetSquadrons {
		n := squadronName(townships[i])
		gs = append(gs,
			staffGroup{post: n, work: n, count: 10, postType: "参公事业编", position: "中队执法队员", frontline: true, domain: "城市管理"},
			staffGroup{post: n, work: n, count: 4, postType: "事业编", position: "中队执法队员", frontline: true, domain: "城市管理"})
	}
	for _, i := range areaSquadrons {
		t := townships[i]
		// 区属镇管镇用: posted in the county's squadron, managed and used by the township.
		gs = append(gs, staffGroup{post: squadronName(t), work: officeName(t), count: 12, postType: "参公事业编",
			position: "下沉执法队员", frontline: true, domain: "综合"})
	}
	for _, z := range zones {
		n := squadronName(z)
		gs = append(gs, staffGroup{post: n, work: n, count: 8, postType: "参公事业编", position: "中队执法队员", frontline: true, domain: "城市管理"})
	}
	for _, pt := range professionalTeams {
		n := "阳谷县" + pt.name
		gs = append(gs,
			staffGroup{post: n, work: n, count: pt.size - 4, postType: "参公事业编", position: "专业执法队员", frontline: true, domain: pt.domain},
			staffGroup{post: n, work: n, count: 4, postType: "事业编", position: "专业执法队员", frontline: true, domain: pt.domain})
	}
	for i, t := range townships {
		// "1+1+X": each township office has a few staff of its own besides those sunk from the county.
		own := 2 + i%3
		if t.key {
			own = 3
		}
		gs = append(gs, staffGroup{post: officeName(t), work: officeName(t), count: own, postType: "事业编",
			position: "乡镇执法人员", frontline: true, domain: "综合"})
	}
	return gs
}

// staffMember is one generated person of the register, with the certificate they hold (if any).
type staffMember struct {
	name, idNumber, phone string
	female                bool
	group                 staffGroup
	cert                  *people.CertInput
}

// generateStaff makes the demo staff. Names (unique, so the console's lists tell people apart),
// ID numbers and phone numbers are fictitious but valid in form; a few certificates are expired or
// about to expire so that the console's warnings have something to show.
func generateStaff(now time.Time) []staffMember {
	rng := rand.New(rand.NewPCG(371521, 2026))
	today := civil.DateOf(now)
	seenID, seenName := map[string]bool{}, map[string]bool{}
	for _, l := range Logins {
		seenName[personName(l)] = true // the demo accounts' own people are added with the accounts
	}
	var out []staffMember
	serial := 0
	for _, g := range staffGroups() {
		for range g.count {
			serial++
			female := rng.IntN(10) < 3
			m := staffMember{female: female, group: g, name: uniqueName(rng, female, seenName),
				idNumber: fictitiousID(rng, female, seenID),
				phone:    fmt.Sprintf("1%d%08d", []int{35, 37, 38, 39, 58, 86}[rng.IntN(6)], rng.IntN(100_000_000))}
			if !g.noCert {
				from := today.AddMonths(-12*rng.IntN(4) - rng.IntN(12))
				to := from.AddYears(5)
				switch {
				case serial%53 == 7:
					to = today.AddDays(-1 - rng.IntN(120)) // expired
				case serial%41 == 5:
					to = today.AddDays(1 + rng.IntN(29)) // expiring within 30 days
				}
				if !to.After(from) {
					from = to.AddYears(-5)
				}
				m.cert = &people.CertInput{Number: fmt.Sprintf("3715212%04d", serial), Domains: []string{g.domain},
					Issuer: CertIssuer, ValidFrom: from.String(), ValidTo: to.String()}
			}
			out = append(out, m)
		}
	}
	// The people of the demo accounts take the place of the last member with an ordinary
	// certificate of their block.
	for _, l := range Logins {
		g, ok := replacedGroup(l)
		if !ok {
			continue
		}
		for i := len(out) - 1; i >= 0; i-- {
			m := out[i]
			if m.group.post == g.post && m.group.work == g.work && m.group.postType == g.postType && m.cert != nil &&
				m.cert.ValidTo > today.AddDays(30).String() {
				out = append(out[:i], out[i+1:]...)
				break
			}
		}
	}
	return out
}

// uniqueName draws a surname and a given name of the person's gender not drawn before.
func uniqueName(rng *rand.Rand, female bool, seen map[string]bool) string {
	names := maleGiven
	if female {
		names = femaleGiven
	}
	for {
		n := string(surnames[rng.IntN(len(surnames))]) + names[rng.IntN(len(names))]
		if !seen[n] {
			seen[n] = true
			return n
		}
	}
}

// staffCSV writes the staff as a people import file, without certificates: those are registered
// afterwards with their issuing authority, which the import file does not carry.
func staffCSV(staff []staffMember) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"name", "idNumber", "phone", "postOrgName", "workOrgName", "postType", "position", "frontline"})
	for _, m := range staff {
		frontline := "否"
		if m.group.frontline {
			frontline = "是"
		}
		w.Write([]string{m.name, m.idNumber, m.phone, m.group.post, m.group.work, m.group.postType, m.group.position, frontline})
	}
	w.Flush()
	return b.String()
}

// createStaff imports the staff, then registers each certificate through the people service.
func createStaff(ctx context.Context, a *server.App) error {
	staff := generateStaff(a.Clock.Now())
	if _, err := a.People.Import(ctx, access.System(), strings.NewReader(staffCSV(staff)), nil); err != nil {
		return err
	}
	idOf := map[string]string{}
	for page := 1; ; page++ {
		ps, total, err := a.People.List(ctx, access.System(), people.Filter{}, httpx.Page{Page: page, PageSize: httpx.MaxPageSize})
		if err != nil {
			return err
		}
		for _, p := range ps {
			idOf[p.Name] = p.ID
		}
		if page*httpx.MaxPageSize >= total {
			break
		}
	}
	for _, m := range staff {
		if m.cert == nil {
			continue
		}
		if _, err := a.People.AddCertificate(ctx, access.System(), idOf[m.name], *m.cert); err != nil {
			return fmt.Errorf("%s 的执法证: %w", m.name, err)
		}
	}
	return nil
}

// fictitiousID makes a resident ID number registered in Yanggu (371521), born 1968–1999, whose
// sequence digit has the parity of the person's gender and whose check character is correct
// (GB 11643).
func fictitiousID(rng *rand.Rand, female bool, seen map[string]bool) string {
	for {
		birth := time.Date(1968+rng.IntN(32), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		seq := rng.IntN(500) * 2
		if !female {
			seq++
		}
		first17 := fmt.Sprintf("371521%s%03d", birth.Format("20060102"), seq)
		id := first17 + string(people.IDCheckChar(first17))
		if !seen[id] {
			seen[id] = true
			return id
		}
	}
}
