package server

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/httpx"
)

// Security holds the operator's settings for the HTTP edge.
type Security struct {
	// PublicURL is the address users reach the platform at (https://zhifa.example.gov.cn/). When it
	// is https, cookies are Secure and HSTS is sent although a proxy terminates TLS in front.
	PublicURL *url.URL
	// TrustedProxies are the proxies whose X-Forwarded-For is believed for the client's address.
	TrustedProxies []netip.Prefix
	// MetricsToken, when set, serves /metrics on the main address to a bearer of this token.
	// Without it /metrics is served only on a separate metrics listener (or not at all).
	MetricsToken string
}

// https reports whether users reach the platform over TLS.
func (s Security) https(r *http.Request) bool {
	return r.TLS != nil || (s.PublicURL != nil && s.PublicURL.Scheme == "https")
}

// contentSecurityPolicy allows only the platform's own scripts, styles (Element Plus sets inline
// style attributes), images and connections, and no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; " +
	"worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// secure wraps the platform's handler with the defences every response needs: cross-origin
// state-changing requests refused (Sec-Fetch-Site and Origin, net/http's CrossOriginProtection),
// the client's address taken from a trusted proxy, and headers against sniffing, framing,
// script injection, downgrade and caching of personal data.
func (a *App) secure(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	if u := a.Security.PublicURL; u != nil {
		if err := cop.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
			panic(err) // the URL was validated with the configuration
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpx.WriteError(w, r, (&apperr.Error{Kind: apperr.KindForbidden, Code: "CROSS_ORIGIN_REFUSED",
			Message: "拒绝来自其他网站的修改请求（跨站请求伪造防护）"}).WithRule("GB/T 22239-2019 8.1.4.4 入侵防范"))
	}))
	protected := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.Security.fromProxy(r)
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("Permissions-Policy", "camera=(self), microphone=(self), geolocation=(self), payment=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if a.Security.https(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if strings.HasPrefix(r.URL.Path, "/api/") {
			// Answers may hold personal data: never kept by browsers or shared caches.
			h.Set("Cache-Control", "no-store")
		}
		protected.ServeHTTP(w, r)
	})
}

// fromProxy replaces the request's remote address with the client's when the request came
// through a trusted proxy: the right-most address of X-Forwarded-For that is not itself a
// trusted proxy. Without trusted proxies the header is ignored, since anyone can send it.
func (s Security) fromProxy(r *http.Request) {
	if len(s.TrustedProxies) == 0 {
		return
	}
	peer, ok := addrOf(r.RemoteAddr)
	if !ok || !s.trusted(peer) {
		return
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ip, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return
		}
		if !s.trusted(ip) {
			r.RemoteAddr = net.JoinHostPort(ip.String(), "0")
			return
		}
	}
}

func (s Security) trusted(ip netip.Addr) bool {
	for _, p := range s.TrustedProxies {
		if p.Contains(ip.Unmap()) {
			return true
		}
	}
	return false
}

func addrOf(remote string) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip, err := netip.ParseAddr(host)
	return ip.Unmap(), err == nil
}

// metricsEndpoint serves /metrics on the main address only to a bearer of the configured token.
func (a *App) metricsEndpoint() http.Handler {
	inner := a.metrics.handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := a.Security.MetricsToken
		got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if token == "" || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			httpx.NotFoundAPI(w, r)
			return
		}
		inner.ServeHTTP(w, r)
	})
}

// MetricsHandler serves /metrics without a token, for a separate listener on an internal
// address (--metrics-addr).
func (a *App) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.metrics.handler())
	return mux
}
