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
	"zhifa/internal/config"
	"zhifa/internal/demo"
	"zhifa/internal/platform/apperr"
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
	a, err := app(cfg, d, version)
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
	slog.Info("serving", "url", url, "store", d.Dialect, "version", version, "startup", time.Since(started).Round(time.Millisecond).String())

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
	fmt.Fprintf(stdout, "数据库（%s）已是最新结构\n", d.Dialect)
	return nil
}

func loadDemo(ctx context.Context, cfg *config.Config, stdout io.Writer) error {
	d, err := store(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer d.Close()
	a, err := app(cfg, d, "")
	if err != nil {
		return err
	}
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
	d, err := store(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer d.Close()
	a, err := app(cfg, d, "")
	if err != nil {
		return err
	}
	start := time.Now()
	progress := func(rows int) {
		secs := time.Since(start).Seconds()
		fmt.Fprintf(stderr, "\r已读取 %d 行（%.0f 行/秒）", rows, float64(rows)/max(secs, 0.001))
	}
	var imported int
	if args[0] == "regions" {
		res, err := a.Regions.Import(ctx, nil, f, progress)
		fmt.Fprintln(stderr)
		if err != nil {
			return reportImportError(err, stderr)
		}
		imported = res.Imported
	} else {
		res, err := a.People.Import(ctx, nil, f, progress)
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

func auditVerify(ctx context.Context, cfg *config.Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "verify" {
		return errors.New("用法：zhifa audit verify")
	}
	d, err := store(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer d.Close()
	v, err := audit.Verify(ctx, d)
	if err != nil {
		return err
	}
	if !v.OK {
		fmt.Fprintf(stdout, "审计日志哈希链已被破坏：第一条有问题的记录序号 %d。%s\n", v.BrokenSeq, v.Reason)
		return exitCode(3)
	}
	fmt.Fprintf(stdout, "审计日志哈希链完整：共 %d 条，链头哈希 %s\n", v.Count, v.HeadHash)
	return nil
}
