package demo

import (
	"context"
	"fmt"

	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/server"
)

const (
	governmentName = "阳谷县人民政府"
	bureauName     = "阳谷县综合行政执法局"
	brigadeName    = "阳谷县综合行政执法大队"
	// staffingOfficeName is the county's 机构编制委员会办公室 (编办).
	staffingOfficeName = "中共阳谷县委机构编制委员会办公室"
)

// township is one township-level division of the county.
type township struct {
	code, name string
	street     bool // 街道 rather than 镇/乡
	key        bool // 重点乡镇 for the township minimum
}

// townships of Yanggu (statistics bureau 2023 edition).
var townships = []township{
	{"371521001000", "博济桥街道", true, false},
	{"371521002000", "侨润街道", true, false},
	{"371521003000", "狮子楼街道", true, false},
	{"371521101000", "阎楼镇", false, false},
	{"371521103000", "阿城镇", false, true},
	{"371521104000", "七级镇", false, true},
	{"371521105000", "安乐镇", false, false},
	{"371521106000", "定水镇", false, false},
	{"371521107000", "石佛镇", false, true},
	{"371521108000", "李台镇", false, false},
	{"371521109000", "寿张镇", false, true},
	{"371521111000", "十五里园镇", false, false},
	{"371521112000", "张秋镇", false, true},
	{"371521113000", "郭店屯镇", false, false},
	{"371521114000", "西湖镇", false, false},
	{"371521115000", "高庙王镇", false, false},
	{"371521116000", "金斗营镇", false, false},
	{"371521203000", "大布乡", false, false},
}

// zones are the two development zones; the 2023 statistics edition lists none for Yanggu, so the
// demo gives them codes in the 4xx range the bureau reserves for such zones.
var zones = []township{
	{"371521400000", "阳谷经济开发区", false, false},
	{"371521401000", "阳谷祥光生态工业园区", false, false},
}

func officeName(t township) string { return t.name + "综合行政执法办公室" }

func townGovName(t township) string {
	if t.street {
		return t.name + "办事处"
	}
	return t.name + "人民政府"
}

// professionalTeam is one of the six professional enforcement teams inside the bureau.
type professionalTeam struct {
	name, domain string
	size         int
}

var professionalTeams = []professionalTeam{
	{"市场监管综合执法大队", "市场监管", 40},
	{"安全生产执法大队", "应急管理", 28},
	{"交通运输执法大队", "交通运输", 30},
	{"农业综合执法大队", "农业农村", 24},
	{"自然资源执法大队", "自然资源", 26},
	{"人力资源社会保障监察大队", "人力社保", 18},
}

// streetSquadrons, areaSquadrons and zoneSquadrons are the "3+5+2" squadrons of the brigade.
var (
	streetSquadrons = []int{0, 1, 2}         // in the three streets
	areaSquadrons   = []int{4, 5, 8, 10, 12} // in the five key townships, staff sunk into the township offices
	zoneSquadrons   = []int{0, 1}            // in the two development zones
)

func squadronName(t township) string {
	return t.name + "中队"
}

type orgSpec struct {
	name, short string
	kind        org.Kind
	region      string
	parent      string
	domains     []string
	quota       org.Quota
	class       string
}

func orgSpecs() []orgSpec {
	const county = CountyCode
	specs := []orgSpec{
		{name: governmentName, short: "县政府", kind: org.KindGovernment, region: county},
		// The staffing office (编办) is a working organ of the county Party committee, not of the government.
		{name: staffingOfficeName, short: "县委编办", kind: org.KindPartyOrgan, region: county},
		{name: bureauName, short: "县综合执法局（城市管理局）", kind: org.KindBureau, region: county, parent: governmentName,
			domains: []string{"城市管理", "市场监管", "应急管理", "交通运输", "农业农村", "自然资源", "人力社保"},
			quota:   org.Quota{Admin: 25, Civil: 300, Institution: 40}},
		{name: brigadeName, short: "综合执法大队", kind: org.KindBrigade, region: county, parent: bureauName, domains: []string{"城市管理", "综合"}},
	}
	for _, pt := range professionalTeams {
		specs = append(specs, orgSpec{name: "阳谷县" + pt.name, short: pt.name, kind: org.KindBrigade, region: county,
			parent: bureauName, domains: []string{pt.domain}})
	}
	for _, i := range streetSquadrons {
		t := townships[i]
		specs = append(specs, orgSpec{name: squadronName(t), kind: org.KindSquadron, region: t.code, parent: brigadeName, domains: []string{"城市管理"}})
	}
	for _, i := range areaSquadrons {
		t := townships[i]
		specs = append(specs, orgSpec{name: squadronName(t), kind: org.KindSquadron, region: t.code, parent: brigadeName, domains: []string{"城市管理", "综合"}})
	}
	for _, z := range zones {
		specs = append(specs, orgSpec{name: z.name + "管理委员会", short: z.name + "管委会", kind: org.KindGovernment, region: z.code, parent: governmentName})
		specs = append(specs, orgSpec{name: squadronName(z), kind: org.KindSquadron, region: z.code, parent: brigadeName, domains: []string{"城市管理", "综合"}})
	}
	for _, t := range townships {
		class := org.TownshipOrdinary
		if t.key {
			class = org.TownshipKey
		}
		specs = append(specs,
			orgSpec{name: townGovName(t), kind: org.KindGovernment, region: t.code, parent: governmentName},
			orgSpec{name: officeName(t), kind: org.KindTownshipOffice, region: t.code, parent: townGovName(t),
				domains: []string{"城市管理", "综合"}, quota: org.Quota{Institution: 6}, class: class})
	}
	for _, d := range []struct{ name, domain string }{
		{"阳谷县市场监督管理局", "市场监管"}, {"阳谷县应急管理局", "应急管理"}, {"阳谷县交通运输局", "交通运输"},
		{"阳谷县农业农村局", "农业农村"}, {"阳谷县自然资源局", "自然资源"}, {"阳谷县人力资源和社会保障局", "人力社保"},
		{"阳谷县住房和城乡建设局", "住房城乡建设"}, {"聊城市生态环境局阳谷分局", "生态环境"}, {"阳谷县文化和旅游局", "文化旅游"},
		{"阳谷县卫生健康局", "卫生健康"}, {"阳谷县水利局", "水利"}, {"阳谷县教育和体育局", "教育"}, {"阳谷县商务局", "商务"},
	} {
		specs = append(specs, orgSpec{name: d.name, kind: org.KindDepartment, region: county, parent: governmentName, domains: []string{d.domain}})
	}
	specs = append(specs,
		orgSpec{name: "阳谷县公安局", kind: org.KindPolice, region: county},
		orgSpec{name: "阳谷县人民检察院", kind: org.KindProcuratorate, region: county},
		orgSpec{name: "阳谷县人民法院", kind: org.KindCourt, region: county},
		orgSpec{name: "阳谷县公共信用信息中心", kind: org.KindCredit, region: county, parent: governmentName},
		// "X": agencies stationed in townships that join the township's enforcement.
		orgSpec{name: "张秋市场监督管理所", kind: org.KindStationed, region: townships[12].code, parent: "阳谷县市场监督管理局", domains: []string{"市场监管"}},
		orgSpec{name: "阿城市场监督管理所", kind: org.KindStationed, region: townships[4].code, parent: "阳谷县市场监督管理局", domains: []string{"市场监管"}},
		orgSpec{name: "张秋自然资源所", kind: org.KindStationed, region: townships[12].code, parent: "阳谷县自然资源局", domains: []string{"自然资源"}},
		orgSpec{name: "张秋派出所", kind: org.KindPolice, region: townships[12].code, parent: "阳谷县公安局"},
	)
	return specs
}

// createOrgs creates the organisations in order (parents first) and returns their ids by name.
func createOrgs(ctx context.Context, a *server.App) (map[string]string, error) {
	ids := map[string]string{}
	for i, sp := range orgSpecs() {
		o, err := a.Orgs.Create(ctx, access.System(), org.Input{Name: sp.name, ShortName: sp.short, Kind: sp.kind, RegionCode: sp.region,
			ParentID: ids[sp.parent], Domains: sp.domains, Quota: sp.quota, TownshipClass: sp.class, SortOrder: i})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sp.name, err)
		}
		ids[sp.name] = o.ID
	}
	return ids, nil
}
