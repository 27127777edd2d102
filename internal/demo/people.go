package demo

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"zhifa/internal/people"
)

var (
	surnames = []rune("王张李刘陈杨赵孙马周徐朱高郭吴宋董胡林何侯曹邢范贾魏崔田韩冯于程袁任")
	given    = []string{"伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "鹏", "刚", "波", "辉", "健", "斌", "峰", "亮", "凯",
		"芳", "娜", "静", "敏", "丽", "艳", "霞", "燕", "玲", "红", "建国", "志强", "海峰", "玉梅", "春华", "文博", "晓东", "立新", "秀英", "宏伟"}
)

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

// generatePeople writes the demo staff as a people import file. Names, ID numbers and phone
// numbers are fictitious but valid in form; a few certificates are expired or about to expire so
// that the console's warnings have something to show.
func generatePeople(now time.Time) string {
	rng := rand.New(rand.NewPCG(371521, 2026))
	today := people.Today(now)
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"name", "idNumber", "phone", "postOrgName", "workOrgName", "postType", "position", "frontline",
		"certNumber", "certDomains", "certValidFrom", "certValidTo"})
	seen := map[string]bool{}
	serial := 0
	for _, g := range staffGroups() {
		for range g.count {
			serial++
			name := string(surnames[rng.IntN(len(surnames))]) + given[rng.IntN(len(given))]
			id := fictitiousID(rng, seen)
			phone := fmt.Sprintf("1%d%08d", []int{35, 37, 38, 39, 58, 86}[rng.IntN(6)], rng.IntN(100_000_000))
			frontline := "否"
			if g.frontline {
				frontline = "是"
			}
			row := []string{name, id, phone, g.post, g.work, g.postType, g.position, frontline, "", "", "", ""}
			if !g.noCert {
				from := today.AddDate(-rng.IntN(4), -rng.IntN(12), 0)
				to := from.AddDate(5, 0, 0)
				switch {
				case serial%53 == 7:
					to = today.AddDate(0, 0, -1-rng.IntN(120)) // expired
				case serial%41 == 5:
					to = today.AddDate(0, 0, 1+rng.IntN(29)) // expiring within 30 days
				}
				if !to.After(from) {
					from = to.AddDate(-5, 0, 0)
				}
				row[8] = fmt.Sprintf("3715212%04d", serial)
				row[9] = g.domain
				row[10] = from.Format("2006-01-02")
				row[11] = to.Format("2006-01-02")
			}
			w.Write(row)
		}
	}
	w.Flush()
	return b.String()
}

// fictitiousID makes a resident ID number registered in Yanggu (371521), born 1968–1999, with a
// correct check character (GB 11643).
func fictitiousID(rng *rand.Rand, seen map[string]bool) string {
	for {
		birth := time.Date(1968+rng.IntN(32), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		first17 := fmt.Sprintf("371521%s%03d", birth.Format("20060102"), rng.IntN(1000))
		id := first17 + string(people.IDCheckChar(first17))
		if !seen[id] {
			seen[id] = true
			return id
		}
	}
}
