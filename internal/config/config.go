// Package config holds the typed options of every command. Each option is a flag with a
// ZHIFA_* environment variable of the same name (--data-dir / ZHIFA_DATA_DIR); flags win over the
// environment. Options are validated once, at start, with messages an operator can act on.
package config

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Config is the running configuration.
type Config struct {
	Addr            string
	DataDir         string
	DatabaseURL     string
	SecretKey       string // hex; when empty a key file in the data directory is used
	LogFormat       string // text | json
	LogLevel        string // debug | info | warn | error
	Demo            bool   // load the demo county into an empty database on start
	ShutdownTimeout time.Duration
	SessionIdle     time.Duration
	SessionLifetime time.Duration
	LoginMaxFailure int
	LoginLockFor    time.Duration
	PublicURL       string // https://… when users reach the platform through a TLS-terminating proxy
	TrustedProxies  string // comma-separated addresses or CIDRs of proxies whose X-Forwarded-For is believed
	MetricsAddr     string // a separate, internal listen address for /metrics
	MetricsToken    string // a bearer token for /metrics on the main address
	// Site identification shown in the portal footer, as government websites must show it
	// (政府网站发展指引, 国办发〔2017〕47号).
	SiteSponsor      string // 主办单位
	SiteCode         string // 网站标识码
	SiteICP          string // ICP备案号
	SitePoliceRecord string // 公安机关备案号
	// Audit anchors: the signed heads of the audit chains are appended every AuditAnchorInterval
	// (and at shutdown) to a file in AuditAnchorDir, which must be outside the data directory;
	// empty means "audit-anchors" beside the data directory (see AnchorDir).
	AuditAnchorDir      string
	AuditAnchorInterval time.Duration
}

// Defaults returns the configuration before flags and environment.
func Defaults() Config {
	return Config{
		Addr: "127.0.0.1:8080", DataDir: "data", LogFormat: "text", LogLevel: "info",
		ShutdownTimeout: 15 * time.Second, SessionIdle: 30 * time.Minute, SessionLifetime: 12 * time.Hour,
		LoginMaxFailure: 5, LoginLockFor: 15 * time.Minute, AuditAnchorInterval: time.Minute,
	}
}

// EvidenceDir is where evidence files are kept by their SM3 digest: the data directory's
// evidence folder.
func (c *Config) EvidenceDir() string {
	return filepath.Join(filepath.Clean(c.DataDir), "evidence")
}

// AnchorDir is the directory of the audit anchors: --audit-anchor-dir, or "audit-anchors" next to
// (not inside) the data directory.
func (c *Config) AnchorDir() string {
	if c.AuditAnchorDir != "" {
		return c.AuditAnchorDir
	}
	data := filepath.Clean(c.DataDir)
	if abs, err := filepath.Abs(data); err == nil {
		data = abs // so that "." has a parent too
	}
	return filepath.Join(filepath.Dir(data), "audit-anchors")
}

// BindAudit registers the options of commands that check the audit log against its anchors.
func (c *Config) BindAudit(fs *flag.FlagSet) {
	fs.StringVar(&c.AuditAnchorDir, "audit-anchor-dir", c.AuditAnchorDir,
		"审计锚点目录：各审计链签名链头的追加文件所在目录，应在数据目录之外（另一磁盘或主机）；为空时为数据目录旁的 audit-anchors (ZHIFA_AUDIT_ANCHOR_DIR)")
}

// BindStore registers the options every command that opens the store needs.
func (c *Config) BindStore(fs *flag.FlagSet) {
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "数据目录：SQLite 数据库与密钥文件所在目录 (ZHIFA_DATA_DIR)")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "数据库地址；为空时使用数据目录中的 SQLite，postgres://… 使用 PostgreSQL (ZHIFA_DATABASE_URL)")
	fs.StringVar(&c.SecretKey, "secret-key", c.SecretKey, "个人信息加密主密钥（64位十六进制）；为空时使用数据目录中的 secret.key (ZHIFA_SECRET_KEY)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "日志格式 text|json (ZHIFA_LOG_FORMAT)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "日志级别 debug|info|warn|error (ZHIFA_LOG_LEVEL)")
}

// BindServe registers the options of the serve command.
func (c *Config) BindServe(fs *flag.FlagSet) {
	c.BindStore(fs)
	fs.StringVar(&c.Addr, "addr", c.Addr, "监听地址 host:port (ZHIFA_ADDR)")
	fs.BoolVar(&c.Demo, "demo", c.Demo, "数据库为空时载入阳谷县演示数据 (ZHIFA_DEMO)")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "优雅停机等待时间 (ZHIFA_SHUTDOWN_TIMEOUT)")
	fs.DurationVar(&c.SessionIdle, "session-idle", c.SessionIdle, "会话空闲超时 (ZHIFA_SESSION_IDLE)")
	fs.DurationVar(&c.SessionLifetime, "session-lifetime", c.SessionLifetime, "会话最长有效期 (ZHIFA_SESSION_LIFETIME)")
	fs.IntVar(&c.LoginMaxFailure, "login-max-failures", c.LoginMaxFailure, "连续登录失败多少次锁定账号 (ZHIFA_LOGIN_MAX_FAILURES)")
	fs.DurationVar(&c.LoginLockFor, "login-lock-for", c.LoginLockFor, "账号锁定时长 (ZHIFA_LOGIN_LOCK_FOR)")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "用户访问平台的地址，如 https://zhifa.example.gov.cn/；为 https 时 Cookie 标记 Secure 并发送 HSTS (ZHIFA_PUBLIC_URL)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", c.TrustedProxies, "可信反向代理的地址或网段，逗号分隔；仅采信其 X-Forwarded-For (ZHIFA_TRUSTED_PROXIES)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "单独监听 /metrics 的内网地址 host:port；为空时不单独监听 (ZHIFA_METRICS_ADDR)")
	fs.StringVar(&c.MetricsToken, "metrics-token", c.MetricsToken, "在主地址上提供 /metrics 所需的 Bearer 令牌（至少32个字符）；为空时主地址不提供 /metrics (ZHIFA_METRICS_TOKEN)")
	fs.StringVar(&c.SiteSponsor, "site-sponsor", c.SiteSponsor, "门户页脚：主办单位 (ZHIFA_SITE_SPONSOR)")
	fs.StringVar(&c.SiteCode, "site-code", c.SiteCode, "门户页脚：政府网站标识码，10位 (ZHIFA_SITE_CODE)")
	fs.StringVar(&c.SiteICP, "site-icp", c.SiteICP, "门户页脚：ICP备案号，如 鲁ICP备12345678号 (ZHIFA_SITE_ICP)")
	fs.StringVar(&c.SitePoliceRecord, "site-police-record", c.SitePoliceRecord, "门户页脚：公安机关备案号，如 鲁公网安备37152102000001号 (ZHIFA_SITE_POLICE_RECORD)")
	c.BindAudit(fs)
	fs.DurationVar(&c.AuditAnchorInterval, "audit-anchor-interval", c.AuditAnchorInterval, "多久把有变化的审计链链头签名写入锚点文件一次；停机时也写一次 (ZHIFA_AUDIT_ANCHOR_INTERVAL)")
}

// Proxies parses TrustedProxies: single addresses become /32 or /128 prefixes.
func (c *Config) Proxies() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(c.TrustedProxies, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		ip, err := netip.ParseAddr(part)
		if err != nil {
			return nil, fmt.Errorf("--trusted-proxies (ZHIFA_TRUSTED_PROXIES) 中的 %q 不是 IP 地址或网段", part)
		}
		out = append(out, netip.PrefixFrom(ip, ip.BitLen()))
	}
	return out, nil
}

// Public parses PublicURL; nil when it is not set.
func (c *Config) Public() (*url.URL, error) {
	if c.PublicURL == "" {
		return nil, nil
	}
	u, err := url.Parse(c.PublicURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("--public-url (ZHIFA_PUBLIC_URL) 应为 https://域名/ 形式，而不是 %q", c.PublicURL)
	}
	return u, nil
}

// siteCode is the form of a government website identification code (网站标识码): ten letters or
// digits, e.g. 3715210001 for a county site or bm… for a central department's.
var siteCode = regexp.MustCompile(`^[0-9A-Za-z]{10}$`)

// Validate checks the configuration and reports every problem at once.
func (c *Config) Validate(serving bool) error {
	var errs []error
	if c.DatabaseURL == "" && strings.TrimSpace(c.DataDir) == "" {
		errs = append(errs, errors.New("--data-dir (ZHIFA_DATA_DIR) 不能为空"))
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") &&
		!strings.HasPrefix(c.DatabaseURL, "sqlite:") {
		errs = append(errs, errors.New("--database-url (ZHIFA_DATABASE_URL) 应以 postgres:// 或 sqlite: 开头"))
	}
	if c.SecretKey != "" && len(c.SecretKey) != 64 {
		errs = append(errs, errors.New("--secret-key (ZHIFA_SECRET_KEY) 应为64位十六进制字符串"))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("--log-format (ZHIFA_LOG_FORMAT) 应为 text 或 json，而不是 %q", c.LogFormat))
	}
	if _, err := c.level(); err != nil {
		errs = append(errs, err)
	}
	if err := c.checkAnchorDir(); err != nil {
		errs = append(errs, err)
	}
	if serving {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			errs = append(errs, fmt.Errorf("--addr (ZHIFA_ADDR) 应为 host:port，例如 127.0.0.1:8080，而不是 %q", c.Addr))
		}
		if c.ShutdownTimeout <= 0 || c.SessionIdle <= 0 || c.SessionLifetime <= 0 || c.LoginLockFor <= 0 {
			errs = append(errs, errors.New("时长类配置必须为正数，例如 30m、12h"))
		}
		if c.AuditAnchorInterval <= 0 {
			errs = append(errs, errors.New("--audit-anchor-interval (ZHIFA_AUDIT_ANCHOR_INTERVAL) 必须为正数，例如 1m"))
		}
		if c.LoginMaxFailure < 1 {
			errs = append(errs, errors.New("--login-max-failures (ZHIFA_LOGIN_MAX_FAILURES) 至少为1"))
		}
		if _, err := c.Public(); err != nil {
			errs = append(errs, err)
		}
		if _, err := c.Proxies(); err != nil {
			errs = append(errs, err)
		}
		if c.MetricsAddr != "" {
			if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
				errs = append(errs, fmt.Errorf("--metrics-addr (ZHIFA_METRICS_ADDR) 应为 host:port，而不是 %q", c.MetricsAddr))
			}
		}
		if c.MetricsToken != "" && len(c.MetricsToken) < 32 {
			errs = append(errs, errors.New("--metrics-token (ZHIFA_METRICS_TOKEN) 至少32个字符"))
		}
		if c.SiteCode != "" && !siteCode.MatchString(c.SiteCode) {
			errs = append(errs, fmt.Errorf("--site-code (ZHIFA_SITE_CODE) 应为10位网站标识码（字母或数字），而不是 %q", c.SiteCode))
		}
		for _, f := range []struct{ flag, value string }{{"--site-sponsor (ZHIFA_SITE_SPONSOR)", c.SiteSponsor},
			{"--site-icp (ZHIFA_SITE_ICP)", c.SiteICP}, {"--site-police-record (ZHIFA_SITE_POLICE_RECORD)", c.SitePoliceRecord}} {
			if len([]rune(f.value)) > 100 || strings.ContainsAny(f.value, "\r\n<>") {
				errs = append(errs, fmt.Errorf("%s 不超过100个字，且不含换行或尖括号", f.flag))
			}
		}
	}
	return errors.Join(errs...)
}

// checkAnchorDir refuses an anchor directory inside the data directory: anchors there could be
// rewound together with the database, which is what they exist to catch.
func (c *Config) checkAnchorDir() error {
	if strings.TrimSpace(c.DataDir) == "" {
		return nil
	}
	data, err1 := filepath.Abs(c.DataDir)
	anchors, err2 := filepath.Abs(c.AnchorDir())
	if err1 != nil || err2 != nil {
		return nil
	}
	if rel, err := filepath.Rel(data, anchors); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return fmt.Errorf("--audit-anchor-dir (ZHIFA_AUDIT_ANCHOR_DIR) 不能位于数据目录 %s 之内：锚点应放在另一磁盘或主机上", c.DataDir)
	}
	return nil
}

func (c *Config) level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return l, fmt.Errorf("--log-level (ZHIFA_LOG_LEVEL) 应为 debug、info、warn 或 error，而不是 %q", c.LogLevel)
	}
	return l, nil
}

// Logger builds the process logger.
func (c *Config) Logger() *slog.Logger {
	level, _ := c.level()
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}
