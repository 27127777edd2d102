package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"zhifa/internal/audit"
	"zhifa/internal/cases"
	"zhifa/internal/config"
	"zhifa/internal/demo"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/jobs"
	"zhifa/internal/server"
)

func serve(ctx context.Context, cfg *config.Config, version string, stdout io.Writer) error {
	started := time.Now()
	if err := cfg.Validate(true); err != nil {
		return fmt.Errorf("配置有误：\n%w", err)
	}
	slog.SetDefault(cfg.Logger())
	d, err := store(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer d.Close()
	a, err := app(ctx, cfg, d, version)
	if err != nil {
		return err
	}
	a.Site = site(cfg)
	if cfg.Demo {
		loaded, err := demo.LoadIfEmpty(ctx, a)
		if err != nil {
			return fmt.Errorf("载入演示数据失败: %w", err)
		}
		if loaded {
			slog.Info("demo county loaded", "region", demo.CountyCode)
		}
	}
	public, _ := cfg.Public()
	proxies, _ := cfg.Proxies()
	a.SetSecurity(server.Security{PublicURL: public, TrustedProxies: proxies, MetricsToken: cfg.MetricsToken})
	if cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("无法监听指标地址 %s: %w", cfg.MetricsAddr, err)
		}
		msrv := &http.Server{Handler: a.MetricsHandler(), ReadHeaderTimeout: 10 * time.Second}
		go msrv.Serve(mln)
		defer msrv.Close()
		slog.Info("metrics", "url", "http://"+mln.Addr().String()+"/metrics")
	}
	// The signed heads of the audit chains go to a file outside the database at an interval and
	// once more at shutdown, after the last request.
	if err := a.Audit.UseAnchorDir(cfg.AnchorDir()); err != nil {
		return err
	}
	actx, stopAnchoring := context.WithCancel(context.WithoutCancel(ctx))
	anchoring := make(chan struct{})
	go func() { defer close(anchoring); a.Audit.KeepAnchoring(actx, d, cfg.AuditAnchorInterval) }()
	defer func() {
		stopAnchoring()
		<-anchoring
		if n, err := a.Audit.Anchor(context.WithoutCancel(ctx), d); err != nil {
			slog.Error("audit anchor at shutdown failed", "err", err)
		} else {
			slog.Info("audit chains anchored at shutdown", "chains", n, "dir", cfg.AnchorDir())
		}
	}()
	// Durable background work (the events' reminders and escalations) runs with River on the same
	// store; runs due during a stop are worked after the restart.
	runner, err := jobs.Start(ctx, d, a.BackgroundTasks(), jobs.Options{})
	if err != nil {
		return fmt.Errorf("后台任务启动失败: %w", err)
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
		defer cancel()
		if err := runner.Stop(sctx); err != nil {
			slog.Error("background jobs did not stop in time", "err", err)
		}
	}()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("无法监听 %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stdout, "综合行政执法一体化平台已启动：%s\n", url)
	if cfg.Demo {
		fmt.Fprint(stdout, demo.LoginsText())
	}
	slog.Info("serving", "url", url, "store", d.Dialect, "version", version, "auditAnchors", cfg.AnchorDir(),
		"startup", time.Since(started).Round(time.Millisecond).String())

	ctx, stop := signalContext(ctx)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down", "timeout", cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("停机未在 %s 内完成: %w", cfg.ShutdownTimeout, err)
	}
	return nil
}

func migrate(ctx context.Context, cfg *config.Config, stdout io.Writer) error {
	if err := cfg.Validate(false); err != nil {
		return fmt.Errorf("配置有误：\n%w", err)
	}
	d, err := store(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer d.Close()
	st, err := d.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	for _, line := range st {
		fmt.Fprintln(stdout, line)
	}
	if err := jobs.Migrate(ctx, d); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "数据库（%s）已是最新结构\n", d.Dialect)
	return nil
}

func loadDemo(ctx context.Context, cfg *config.Config, stdout io.Writer) error {
	a, done, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	loaded, err := demo.LoadIfEmpty(ctx, a)
	if err != nil {
		return err
	}
	if !loaded {
		return errors.New("数据库已有数据，演示数据只能载入空数据库")
	}
	fmt.Fprintln(stdout, "已载入阳谷县演示数据。")
	fmt.Fprint(stdout, demo.LoginsText())
	return nil
}

func importFile(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) != 2 || (args[0] != "regions" && args[0] != "people") {
		return errors.New("用法：zhifa import <regions|people> <文件.csv|文件.xlsx>")
	}
	f, err := os.Open(args[1])
	if err != nil {
		return fmt.Errorf("无法打开文件 %s: %w", args[1], err)
	}
	defer f.Close()
	a, done, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	start := time.Now()
	progress := func(rows int) {
		secs := time.Since(start).Seconds()
		fmt.Fprintf(stderr, "\r已读取 %d 行（%.0f 行/秒）", rows, float64(rows)/max(secs, 0.001))
	}
	var imported int
	if args[0] == "regions" {
		res, err := a.Regions.Import(ctx, access.System(), f, progress)
		fmt.Fprintln(stderr)
		if err != nil {
			return reportImportError(err, stderr)
		}
		imported = res.Imported
	} else {
		res, err := a.People.Import(ctx, access.System(), f, progress)
		fmt.Fprintln(stderr)
		if err != nil {
			return reportImportError(err, stderr)
		}
		imported = res.Imported
	}
	fmt.Fprintf(stdout, "导入完成：%d 条，用时 %s\n", imported, time.Since(start).Round(time.Millisecond))
	return nil
}

func reportImportError(err error, stderr io.Writer) error {
	e := apperr.As(err)
	for _, d := range e.Details {
		fmt.Fprintf(stderr, "  [%s] %s\n", d.Code, d.Message)
	}
	return fmt.Errorf("[%s] %s", e.Code, e.Message)
}

func auditVerify(ctx context.Context, cfg *config.Config, args []string, only *string, stdout io.Writer) error {
	if len(args) != 0 {
		return errors.New("用法：zhifa audit verify [--chain 371521]")
	}
	a, done, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	dir := cfg.AnchorDir()
	if _, err := os.Stat(dir); err == nil {
		if err := a.Audit.UseAnchorDir(dir); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "注意：锚点目录 %s 不存在，本次只核对数据库中的 MAC 与链头，无法发现被截回或改写的链\n", dir)
	}
	rep, err := a.Audit.Verify(ctx, a.DB, access.Everywhere, only)
	if err != nil {
		return err
	}
	printReport(stdout, rep)
	if !rep.OK {
		return exitCode(3)
	}
	return nil
}

// problemNames are the Chinese names of verification problems.
var problemNames = map[string]string{audit.ProblemAltered: "被篡改", audit.ProblemMissing: "记录缺失",
	audit.ProblemReordered: "顺序被调换", audit.ProblemTruncated: "被截断", audit.ProblemRewritten: "被改写"}

func printReport(w io.Writer, rep audit.Report) {
	if rep.Anchored {
		fmt.Fprintf(w, "锚点目录 %s，锚点签名公钥指纹 %s\n", rep.AnchorDir, rep.AnchorKey)
	}
	broken := 0
	for _, c := range rep.Chains {
		head := "—"
		if c.HeadMAC != "" {
			head = fmt.Sprintf("链头第%d条 MAC %s…", c.HeadSeq, c.HeadMAC[:16])
		}
		state := "完整"
		if !c.OK {
			broken++
			state = fmt.Sprintf("已被破坏（%s）：序号 %d。%s", problemNames[c.Problem], c.BrokenSeq, c.Reason)
		}
		fmt.Fprintf(w, "  %-10s %6d 条  %s  锚点 %d 个  %s\n", audit.ChainName(c.Chain), c.Count, head, c.Anchors, state)
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "  锚点文件：%s\n", p)
	}
	switch {
	case rep.OK:
		fmt.Fprintf(w, "审计日志完整：%d 条链，共 %d 条记录\n", len(rep.Chains), rep.Count)
	case broken > 0:
		fmt.Fprintf(w, "审计日志已被破坏：%d 条链中有 %d 条未通过校验\n", len(rep.Chains), broken)
	default:
		fmt.Fprintf(w, "审计日志各链完整，但锚点文件有 %d 处问题\n", len(rep.Problems))
	}
}

// evidenceVerify verifies the full-process record of one case (its id) or of every case, and
// exits 3 when any is broken.
func evidenceVerify(ctx context.Context, cfg *config.Config, args []string, stdout io.Writer) error {
	if len(args) > 1 {
		return errors.New("用法：zhifa evidence verify [案件id]")
	}
	a, done, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	print := func(r cases.ChainReport) {
		mark := "完整"
		if !r.OK {
			mark = "被破坏"
		}
		fmt.Fprintf(stdout, "案件 %s：%s。%s\n", r.CaseID, mark, r.Message)
	}
	if len(args) == 1 {
		rep, err := a.Cases.Verify(ctx, access.System(), args[0])
		if err != nil {
			return err
		}
		print(rep)
		if !rep.OK {
			return exitCode(3)
		}
		return nil
	}
	bad, err := a.Cases.VerifyAll(ctx, print)
	if err != nil {
		return err
	}
	if bad > 0 {
		fmt.Fprintf(stdout, "共%d个案件的全过程记录被破坏\n", bad)
		return exitCode(3)
	}
	return nil
}

// documentKey sets the SM2 key an agency signs its documents with: imported from a PEM file, or
// generated when none is given. The public key is printed for publication.
func documentKey(ctx context.Context, cfg *config.Config, orgID, file string, stdout io.Writer) error {
	if orgID == "" {
		return errors.New("用法：zhifa documents key --org <机构id> [--file key.pem]")
	}
	var pemKey []byte
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		pemKey = b
	}
	a, done, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	k, err := a.Documents.SetKey(ctx, access.System(), orgID, pemKey)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已设置签名密钥，指纹（SM3）%s\n%s", k.KeyID, k.PublicKey)
	return nil
}

func open311Key(ctx context.Context, cfg *config.Config, region, name string, stdout io.Writer) error {
	if region == "" || name == "" {
		return errors.New("用法：zhifa open311 key --region <区划代码> --name <客户端名称>")
	}
	a, done, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer done()
	key, err := a.Open311.CreateKey(ctx, name, region)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已为“%s”发放 Open311 api_key（辖区 %s）：\n%s\n", name, region, key)
	return nil
}
