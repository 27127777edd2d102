package catalog

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"zhifa/internal/audit"
	"zhifa/internal/law"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/platform/settings"
	"zhifa/internal/region"
)

var ctx = context.Background()

// fixture is a county with two townships and their villages, a line department, the bureau, the
// two township governments (which receive delegations) with their enforcement offices (the working
// bodies), and a squadron (which may not receive delegations).
type fixture struct {
	t        testing.TB
	d        *db.DB
	s        *Service
	orgs     *org.Service
	gov      string
	dept     string // 阳谷县住房和城乡建设局
	market   string // 阳谷县市场监督管理局
	bureau   string
	zq, yl   string // the people's governments of 张秋镇 and 阎楼镇
	zqOffice string // their comprehensive enforcement offices
	ylOffice string
	squadron string
}

func newService(d *db.DB) *Service {
	c := clock.System{}
	return &Service{DB: d, Audit: audit.New(c, audit.TestKeys()), Clock: c}
}

func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	c := clock.System{}
	log := audit.New(c, audit.TestKeys())
	regions := &region.Service{DB: d, Audit: log, Clock: c}
	var csv strings.Builder
	csv.WriteString("code,name,parentCode\n37,山东省,\n3715,聊城市,37\n371521,阳谷县,3715\n371521112,张秋镇,371521\n371521101,阎楼镇,371521\n371521001,博济桥街道,371521\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&csv, "371521112%03d,张秋第%d村,371521112\n371521101%03d,阎楼第%d村,371521101\n", 200+i, i, 200+i, i)
	}
	if _, err := regions.Import(ctx, access.System(), strings.NewReader(csv.String()), nil); err != nil {
		t.Fatal(err)
	}
	set := &settings.Service{DB: d, Clock: c, Regions: region.Directory{}, Audit: log}
	if err := set.Register(Settings...); err != nil {
		t.Fatal(err)
	}
	s := &Service{DB: d, Audit: log, Clock: c, Settings: set}
	f := &fixture{t: t, d: d, s: s, orgs: &org.Service{DB: d, Audit: log, Clock: c, Domains: s}}
	mk := func(name string, kind org.Kind, regionCode, parent string) string {
		o, err := f.orgs.Create(ctx, access.System(), org.Input{Name: name, Kind: kind, RegionCode: regionCode, ParentID: parent})
		if err != nil {
			t.Fatal(name, err)
		}
		return o.ID
	}
	f.gov = mk("阳谷县人民政府", org.KindGovernment, county, "")
	f.dept = mk("阳谷县住房和城乡建设局", org.KindDepartment, county, f.gov)
	f.market = mk("阳谷县市场监督管理局", org.KindDepartment, county, f.gov)
	f.bureau = mk("阳谷县综合行政执法局", org.KindBureau, county, f.gov)
	f.zq = mk("张秋镇人民政府", org.KindGovernment, zhangqiu, f.gov)
	f.yl = mk("阎楼镇人民政府", org.KindGovernment, yanlou, f.gov)
	f.zqOffice = mk("张秋镇综合行政执法办公室", org.KindTownshipOffice, zhangqiu, f.zq)
	f.ylOffice = mk("阎楼镇综合行政执法办公室", org.KindTownshipOffice, yanlou, f.yl)
	f.squadron = mk("张秋镇中队", org.KindSquadron, zhangqiu, f.bureau)
	return f
}

// legal is a county legal officer (法制审核员) of the bureau.
func legal() *access.Principal {
	return access.NewPrincipal("acc-legal", "legal", "周静", "", county, []access.Role{access.Legal})
}

// penaltyInput is a complete penalty item owned by the department.
func (f *fixture) penaltyInput(code, name string) Input {
	return Input{Code: code, Name: name, Type: TypePenalty, Domain: "城市管理", Category: CategoryGeneral, Level: LevelCounty,
		OwnerOrgID: f.dept,
		ViolatedBasis: []law.Citation{{Law: "城市市容和环境卫生管理条例", Article: 14,
			Text: "任何单位和个人都不得在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施。"}},
		PenaltyBasis: []law.Citation{{Law: "城市市容和环境卫生管理条例", Article: 36, Item: 2,
			Text: "未经城市人民政府市容环境卫生行政主管部门批准，擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施，影响市容的"}},
		PenaltyKinds: []string{"罚款"}, EffectiveFrom: "2021-01-01", DocNo: "阳政办发〔2020〕35号",
		SuperviseDuties: []string{"负责审批临时占用"}, EnforceDuties: []string{"负责调查取证", "作出行政处罚"}}
}

// published creates and publishes an item.
func (f *fixture) published(code, name string) Detail {
	f.t.Helper()
	d, err := f.s.Create(ctx, legal(), f.penaltyInput(code, name))
	if err != nil {
		f.t.Fatal(err)
	}
	if d, err = f.s.Publish(ctx, legal(), d.Item.ID, lifecycle.PublishInput{Revision: d.Version.Revision}); err != nil {
		f.t.Fatal(err)
	}
	return d
}

func count(t testing.TB, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := db.Get(ctx, d.R, &n, `SELECT COUNT(*) FROM `+table); err != nil {
		t.Fatal(err)
	}
	return n
}

// orgInput is a township office at a township.
func orgInput(name, township string) org.Input {
	return org.Input{Name: name, Kind: org.KindTownshipOffice, RegionCode: township}
}
