// Package cli is the zhifa command line: serve, migrate, demo, import, audit, openapi and version.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/peterbourgon/ff/v3"
	"github.com/peterbourgon/ff/v3/ffcli"

	"zhifa/internal/account"
	"zhifa/internal/config"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/secret"
	"zhifa/internal/server"
)

// Run runs the command line with args (without the program name) and returns the exit code.
func Run(ctx context.Context, version string, args []string, stdout, stderr io.Writer) int {
	cfg := config.Defaults()
	envOpts := []ff.Option{ff.WithEnvVarPrefix("ZHIFA")}

	serveFS := flag.NewFlagSet("zhifa serve", flag.ContinueOnError)
	cfg.BindServe(serveFS)
	migrateFS := flag.NewFlagSet("zhifa migrate", flag.ContinueOnError)
	cfg.BindStore(migrateFS)
	demoFS := flag.NewFlagSet("zhifa demo", flag.ContinueOnError)
	cfg.BindStore(demoFS)
	importFS := flag.NewFlagSet("zhifa import", flag.ContinueOnError)
	cfg.BindStore(importFS)
	auditFS := flag.NewFlagSet("zhifa audit", flag.ContinueOnError)
	cfg.BindStore(auditFS)
	cfg.BindAudit(auditFS)
	verifyFS := flag.NewFlagSet("zhifa audit verify", flag.ContinueOnError)
	cfg.BindStore(verifyFS)
	cfg.BindAudit(verifyFS)
	chain := verifyFS.String("chain", "", "只校验一条审计链：县级6位、市级4位、省级2位区划代码前缀；--chain= 为系统级链")

	evidenceFS := flag.NewFlagSet("zhifa evidence verify", flag.ContinueOnError)
	cfg.BindStore(evidenceFS)
	evidenceAllFS := flag.NewFlagSet("zhifa evidence", flag.ContinueOnError)
	cfg.BindStore(evidenceAllFS)
	keyFS := flag.NewFlagSet("zhifa documents key", flag.ContinueOnError)
	cfg.BindStore(keyFS)
	keyOrg := keyFS.String("org", "", "机关（机构id）")
	keyFile := keyFS.String("file", "", "PEM格式的SM2私钥（PKCS#8）；不给出时生成一对新密钥")
	docsFS := flag.NewFlagSet("zhifa documents", flag.ContinueOnError)
	cfg.BindStore(docsFS)
	o311KeyFS := flag.NewFlagSet("zhifa open311 key", flag.ContinueOnError)
	cfg.BindStore(o311KeyFS)
	o311Region := o311KeyFS.String("region", "", "客户端提交事件所属的辖区（12位区划代码）")
	o311Name := o311KeyFS.String("name", "", "客户端名称，如 某某区12345热线平台")
	o311FS := flag.NewFlagSet("zhifa open311", flag.ContinueOnError)
	cfg.BindStore(o311FS)

	root := &ffcli.Command{
		Name:       "zhifa",
		ShortUsage: "zhifa <serve|migrate|init|demo|import|audit|evidence|documents|open311|openapi|version> [选项]",
		ShortHelp:  "综合行政执法一体化平台",
		Subcommands: []*ffcli.Command{
			{Name: "serve", ShortUsage: "zhifa serve [--addr 127.0.0.1:8080] [--data-dir data] [--database-url postgres://…] [--demo]",
				ShortHelp: "启动平台（接口、控制台与公众门户）", FlagSet: serveFS, Options: envOpts,
				Exec: func(ctx context.Context, _ []string) error { return serve(ctx, &cfg, version, stdout) }},
			{Name: "migrate", ShortUsage: "zhifa migrate [--data-dir data] [--database-url …]",
				ShortHelp: "执行数据库迁移并列出状态", FlagSet: migrateFS, Options: envOpts,
				Exec: func(ctx context.Context, _ []string) error { return migrate(ctx, &cfg, stdout) }},
			{Name: "demo", ShortUsage: "zhifa demo [--data-dir data] [--database-url …]",
				ShortHelp: "向空数据库载入阳谷县演示数据", FlagSet: demoFS, Options: envOpts,
				Exec: func(ctx context.Context, _ []string) error { return loadDemo(ctx, &cfg, stdout) }},
			{Name: "import", ShortUsage: "zhifa import <regions|people> <文件.csv|文件.xlsx>",
				ShortHelp: "从 CSV 或 Excel 导入行政区划或人员（全部成功或全部不导入）", FlagSet: importFS, Options: envOpts,
				Exec: func(ctx context.Context, args []string) error { return importFile(ctx, &cfg, args, stdout, stderr) }},
			{Name: "audit", ShortUsage: "zhifa audit verify [--chain 371521] [--audit-anchor-dir …]",
				ShortHelp: "校验审计日志：逐链核对 MAC、链头与链外签名锚点，指出第一条被破坏的记录", FlagSet: auditFS, Options: envOpts,
				Subcommands: []*ffcli.Command{{Name: "verify", ShortUsage: "zhifa audit verify [--chain 371521] [--audit-anchor-dir …]",
					ShortHelp: "校验审计日志", FlagSet: verifyFS, Options: envOpts,
					Exec: func(ctx context.Context, args []string) error {
						only := (*string)(nil)
						verifyFS.Visit(func(f *flag.Flag) {
							if f.Name == "chain" {
								only = chain
							}
						})
						return auditVerify(ctx, &cfg, args, only, stdout)
					}}},
				Exec: func(context.Context, []string) error {
					return errors.New("用法：zhifa audit verify [--chain 371521]")
				}},
			{Name: "evidence", ShortUsage: "zhifa evidence verify [案件id]", FlagSet: evidenceAllFS, Options: envOpts,
				ShortHelp: "校验案件全过程记录：逐项核对记录链、链头与证据文件的SM3摘要，指出第一处被改动、缺失或调换的记录",
				Subcommands: []*ffcli.Command{{Name: "verify", ShortUsage: "zhifa evidence verify [案件id]",
					ShortHelp: "校验一个或全部案件的全过程记录", FlagSet: evidenceFS, Options: envOpts,
					Exec: func(ctx context.Context, args []string) error { return evidenceVerify(ctx, &cfg, args, stdout) }}},
				Exec: func(context.Context, []string) error { return errors.New("用法：zhifa evidence verify [案件id]") }},
			{Name: "documents", ShortUsage: "zhifa documents key --org <机构id> [--file key.pem]", FlagSet: docsFS, Options: envOpts,
				ShortHelp: "文书：设置机关的SM2签名密钥",
				Subcommands: []*ffcli.Command{{Name: "key", ShortUsage: "zhifa documents key --org <机构id> [--file key.pem]",
					ShortHelp: "设置机关出具文书所用的SM2签名密钥（导入PEM私钥，或生成新密钥）", FlagSet: keyFS, Options: envOpts,
					Exec: func(ctx context.Context, _ []string) error { return documentKey(ctx, &cfg, *keyOrg, *keyFile, stdout) }}},
				Exec: func(context.Context, []string) error {
					return errors.New("用法：zhifa documents key --org <机构id> [--file key.pem]")
				}},
			{Name: "open311", ShortUsage: "zhifa open311 key --region <区划代码> --name <客户端名称>", FlagSet: o311FS, Options: envOpts,
				ShortHelp: "Open311：为外部客户端发放提交事件用的 api_key",
				Subcommands: []*ffcli.Command{{Name: "key", ShortUsage: "zhifa open311 key --region <区划代码> --name <客户端名称>",
					ShortHelp: "发放一个 Open311 api_key，客户端提交的事件归入该辖区", FlagSet: o311KeyFS, Options: envOpts,
					Exec: func(ctx context.Context, _ []string) error {
						return open311Key(ctx, &cfg, *o311Region, *o311Name, stdout)
					}}},
				Exec: func(context.Context, []string) error {
					return errors.New("用法：zhifa open311 key --region <区划代码> --name <客户端名称>")
				}},
			initCommand(&cfg, stdout),
			openapiCommand(stdout),
			{Name: "version", ShortUsage: "zhifa version", ShortHelp: "显示版本",
				Exec: func(context.Context, []string) error { fmt.Fprintln(stdout, "zhifa", version); return nil }},
		},
		Exec: func(context.Context, []string) error { return flag.ErrHelp },
	}
	root.FlagSet = flag.NewFlagSet("zhifa", flag.ContinueOnError)
	for _, c := range append(root.Subcommands, root) {
		for _, c := range append(c.Subcommands, c) {
			if c.FlagSet != nil {
				c.FlagSet.SetOutput(stderr)
			}
		}
	}
	if err := root.ParseAndRun(ctx, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, ffcli.DefaultUsageFunc(root))
			return 2
		}
		fmt.Fprintln(stderr, "错误：", err)
		var exit exitCode
		if errors.As(err, &exit) {
			return int(exit)
		}
		return 1
	}
	return 0
}

// exitCode lets a command choose its exit status.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

// store opens and migrates the configured database.
func store(ctx context.Context, cfg *config.Config, serving bool) (*db.DB, error) {
	if err := cfg.Validate(serving); err != nil {
		return nil, fmt.Errorf("配置有误：\n%w", err)
	}
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if _, err := d.Migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// app assembles the platform over an open store and moves an audit log written before the keyed
// chains onto them (refusing, with an error, when the old chain is broken), so that nothing is
// appended before that is done.
// openApp opens the store and the platform for a one-off command; done closes the store.
func openApp(ctx context.Context, cfg *config.Config) (a *server.App, done func(), err error) {
	d, err := store(ctx, cfg, false)
	if err != nil {
		return nil, nil, err
	}
	if a, err = app(ctx, cfg, d, ""); err != nil {
		d.Close()
		return nil, nil, err
	}
	return a, func() { d.Close() }, nil
}

func app(ctx context.Context, cfg *config.Config, d *db.DB, version string) (*server.App, error) {
	var key []byte
	var err error
	if cfg.SecretKey != "" {
		key, err = secret.ParseKey(cfg.SecretKey)
	} else {
		key, err = secret.LoadOrCreateKey(cfg.DataDir + "/secret.key")
	}
	if err != nil {
		return nil, err
	}
	box, err := secret.New(key)
	if err != nil {
		return nil, err
	}
	policy := account.Policy{MaxFailures: cfg.LoginMaxFailure, LockFor: cfg.LoginLockFor,
		SessionIdle: cfg.SessionIdle, SessionLifetime: cfg.SessionLifetime}
	a := server.New(d, box, clock.System{}, policy, version)
	res, err := a.Audit.Upgrade(ctx, d)
	if err != nil {
		slog.Error("audit log upgrade refused", "err", err)
		return nil, fmt.Errorf("审计日志升级失败：%w", err)
	}
	if res.Entries > 0 {
		slog.Warn("audit log re-chained into keyed chains per jurisdiction", "entries", res.Entries, "chains", len(res.Chains),
			"legacyHeadSeq", res.LegacyHeadSeq, "legacyHeadHash", res.LegacyHeadHash)
	}
	if err := a.UseEvidenceDir(cfg.EvidenceDir()); err != nil {
		return nil, err
	}
	// Cases recorded before their steps were chained are sealed once (全过程记录).
	if n, err := a.Cases.SealAll(ctx); err != nil {
		return nil, fmt.Errorf("案件记录链封存失败：%w", err)
	} else if n > 0 {
		slog.Warn("case records sealed into their chains", "cases", n)
	}
	return a, nil
}
