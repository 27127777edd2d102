package documents

import (
	"net/http"
	"sync"

	"golang.org/x/time/rate"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/httpx"
)

// Anyone may present a file for verification without signing in; each address may do so a few
// times a minute (a burst of 10, then one every 2 seconds), so that hashing uploads cannot be used
// to load the server.
const (
	checkBurst   = 10
	checkEvery   = 2 // seconds
	maxAddresses = 10_000
)

type throttle struct {
	mu sync.Mutex
	by map[string]*rate.Limiter
}

func (t *throttle) allow(addr string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.by == nil || len(t.by) >= maxAddresses {
		t.by = map[string]*rate.Limiter{} // forget everyone rather than grow without end
	}
	l := t.by[addr]
	if l == nil {
		l = rate.NewLimiter(rate.Limit(1.0/checkEvery), checkBurst)
		t.by[addr] = l
	}
	return l.Allow()
}

// throttled limits a public route per caller address.
func (s *Service) throttled(rt httpx.Route) httpx.Route {
	next := rt.Handler
	rt.Handler = func(w http.ResponseWriter, r *http.Request) error {
		if !s.checks.allow(httpx.ClientIP(r)) {
			return apperr.TooMany("DOCUMENT_CHECK_TOO_MANY", "核验过于频繁，请稍后再试")
		}
		return next(w, r)
	}
	return rt
}
