package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/peterbourgon/ff/v3"
	"github.com/peterbourgon/ff/v3/ffcli"

	"zhifa/internal/config"
	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/region"
)

// initOptions are the options of zhifa init.
type initOptions struct {
	region   string
	orgName  string
	orgKind  string
	sysadmin string
	secadmin string
	auditor  string
}

// initCommand makes the first accounts of a new installation: a system administrator, security
// administrators and an auditor (三员), each with a one-time password printed once. Regions come
// first (zhifa import regions); the organisation is made when it does not exist yet.
func initCommand(cfg *config.Config, stdout io.Writer) *ffcli.Command {
	fs := flag.NewFlagSet("zhifa init", flag.ContinueOnError)
	cfg.BindStore(fs)
	var o initOptions
	fs.StringVar(&o.region, "region", "", "账号所属机构所在的区划代码（12位，须已导入）")
	fs.StringVar(&o.orgName, "org-name", "", "账号所属机构名称，如 阳谷县综合行政执法局；不存在时新建")
	fs.StringVar(&o.orgKind, "org-kind", string(org.KindBureau), "新建机构的类型")
	fs.StringVar(&o.sysadmin, "sysadmin", "admin", "系统管理员用户名")
	fs.StringVar(&o.secadmin, "secadmin", "security,security2", "安全管理员用户名，逗号分隔；至少两名，便于互相审批管理员账号变更")
	fs.StringVar(&o.auditor, "auditor", "auditor", "安全审计员用户名")
	return &ffcli.Command{Name: "init",
		ShortUsage: "zhifa init --region 371521000000 --org-name 阳谷县综合行政执法局",
		ShortHelp:  "新安装时创建三员初始账号（一次性密码仅显示一次，首次登录须修改）",
		FlagSet:    fs, Options: []ff.Option{ff.WithEnvVarPrefix("ZHIFA")},
		Exec: func(ctx context.Context, _ []string) error { return initAccounts(ctx, cfg, o, stdout) },
	}
}

func initAccounts(ctx context.Context, cfg *config.Config, o initOptions, stdout io.Writer) error {
	if o.region == "" || strings.TrimSpace(o.orgName) == "" {
		return errors.New("用法：zhifa init --region <12位区划代码> --org-name <机构名称>")
	}
	roles := map[string]access.Role{o.sysadmin: access.SysAdmin, o.auditor: access.Auditor}
	for _, u := range strings.Split(o.secadmin, ",") {
		if u = strings.TrimSpace(u); u != "" {
			roles[u] = access.SecAdmin
		}
	}
	if len(roles) < 3 {
		return errors.New("三员的用户名不能相同")
	}
	a, done, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	code, _, err := region.NormalizeCode(o.region)
	if err != nil {
		return err
	}
	scope := access.ScopeOf(code)
	target, err := org.FindByName(ctx, a.DB.R, scope, strings.TrimSpace(o.orgName))
	if apperr.Is(err, "NOT_FOUND") {
		target, err = a.Orgs.Create(ctx, access.System(), org.Input{Name: strings.TrimSpace(o.orgName), Kind: org.Kind(o.orgKind), RegionCode: code})
	}
	if err != nil {
		return err
	}
	first, err := a.Accounts.Bootstrap(ctx, target.ID, roles)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已在 %s 创建初始账号（一次性密码仅显示这一次，首次登录须修改）：\n", target.Name)
	for _, f := range first {
		info, _ := access.LookupRole(f.Role)
		fmt.Fprintf(stdout, "  %-12s %-6s %s\n", f.Username, info.Name, f.OneTimePassword)
	}
	return nil
}
