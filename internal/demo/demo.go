// Package demo loads the demo county: Yanggu County, Liaocheng, Shandong (阳谷县, 371521), laid out
// as its reform describes: 3 streets, 15 townships and 2 development zones; a county comprehensive
// enforcement bureau that is also the urban management bureau, with a brigade and squadrons laid
// out "3+5+2" and six professional teams; a township comprehensive enforcement office per township
// ("1+1+X"); the line departments, police, procuratorate, court and credit centre. Region codes are
// the statistics bureau's; people are generated, with valid but fictitious ID numbers.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
	"zhifa/internal/server"
)

// CountyCode is the demo county's 12-digit region code.
const CountyCode = "371521000000"

// Password is the password of every demo account.
const Password = "Tq8#Lw3-vRz"

//go:embed data/regions.csv
var regionsCSV []byte

// LoadIfEmpty loads the demo county into an empty store and reports whether it did.
func LoadIfEmpty(ctx context.Context, a *server.App) (bool, error) {
	var n int
	if err := db.Get(ctx, a.DB.R, &n, `SELECT COUNT(*) FROM regions`); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	return true, Load(ctx, a)
}

// Load adds the demo county through the same services the console uses.
func Load(ctx context.Context, a *server.App) error {
	if _, err := a.Regions.Import(ctx, access.System(), bytes.NewReader(regionsCSV), nil); err != nil {
		return fmt.Errorf("区划: %w", err)
	}
	orgIDs, err := createOrgs(ctx, a)
	if err != nil {
		return fmt.Errorf("机构: %w", err)
	}
	if err := createSigningKeys(ctx, a); err != nil {
		return fmt.Errorf("文书签名密钥: %w", err)
	}
	if err := createCatalog(ctx, a, orgIDs); err != nil {
		return fmt.Errorf("权责清单: %w", err)
	}
	if err := loadDiscretion(ctx, a); err != nil {
		return fmt.Errorf("裁量基准: %w", err)
	}
	if err := createStaff(ctx, a); err != nil {
		return fmt.Errorf("人员: %w", err)
	}
	if err := createAccounts(ctx, a, orgIDs); err != nil {
		return fmt.Errorf("账号: %w", err)
	}
	if err := createCases(ctx, a); err != nil {
		return fmt.Errorf("案件: %w", err)
	}
	if err := createGrids(ctx, a); err != nil {
		return fmt.Errorf("网格: %w", err)
	}
	if err := createEvents(ctx, a); err != nil {
		return fmt.Errorf("事件: %w", err)
	}
	return nil
}

// createSigningKeys gives the bureau and every people's government its own SM2 key to sign
// documents with; a real deployment imports the agencies' keys (zhifa documents key).
func createSigningKeys(ctx context.Context, a *server.App) error {
	var orgIDs []string
	if err := db.Select(ctx, a.DB.R, &orgIDs, `SELECT id FROM organizations WHERE kind IN ('bureau', 'government') ORDER BY id`); err != nil {
		return err
	}
	for _, id := range orgIDs {
		if _, err := a.Documents.SetKey(ctx, access.System(), id, nil); err != nil {
			return err
		}
	}
	return nil
}

// Login is one demo account.
type Login struct {
	Username string
	Name     string
	Role     access.Role
	Org      string // organisation name
}

// Logins lists the demo accounts, one or more for every role.
var Logins = []Login{
	{"admin", "系统管理员 王建国", access.SysAdmin, bureauName},
	{"security", "安全管理员 李红梅", access.SecAdmin, bureauName},
	{"auditor", "安全审计员 赵立新", access.Auditor, bureauName},
	{"leader", "局长 孙志强", access.Leader, bureauName},
	{"dispatcher", "指挥中心调度员 刘芳", access.Dispatcher, bureauName},
	{"officer", "执法队员 张伟", access.Officer, brigadeName},
	{"officer.zhangqiu", "张秋镇执法队员 陈磊", access.Officer, "张秋镇综合行政执法办公室"},
	{"legal", "法制审核员 周静", access.Legal, bureauName},
	{"liaison", "市场监管局联络员 杨帆", access.Liaison, "阳谷县市场监督管理局"},
	{"grid", "网格员 马丽", access.Grid, "博济桥街道综合行政执法办公室"},
	{"staffing", "编制管理员 郭宏", access.Staffing, staffingOfficeName},
}

// LoginsText is the demo logins as printed by `zhifa serve --demo`.
func LoginsText() string {
	var b strings.Builder
	b.WriteString("演示账号（密码均为 " + Password + "）：\n")
	for _, l := range Logins {
		info, _ := access.LookupRole(l.Role)
		fmt.Fprintf(&b, "  %-17s %-6s %s\n", l.Username, info.Name, l.Org)
	}
	return b.String()
}

// Site is the demo county's example site identification for the portal footer: the forms of real
// ones (a ten-digit 网站标识码 starting with the county's code, Shandong's 鲁 filings), but no
// registrations; Demo makes the portal mark them 演示.
var Site = server.SiteInfo{Sponsor: "阳谷县综合行政执法局", SiteCode: "3715210000", ICP: "鲁ICP备00000000号",
	PoliceRecord: "鲁公网安备37152102000000号", Demo: true}
