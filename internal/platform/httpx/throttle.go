package httpx

import (
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"zhifa/internal/platform/apperr"
)

// maxThrottled bounds the addresses a throttle remembers; past it, it forgets everyone rather than
// grow without end.
const maxThrottled = 10_000

// Throttle limits what one caller address may do on public routes: a burst, then one call every
// interval. The zero value is not usable; set Burst and Every.
type Throttle struct {
	Burst int
	Every time.Duration
	Code  string // error code of a refusal (429)
	Text  string // Chinese message of a refusal

	mu sync.Mutex
	by map[string]*rate.Limiter
}

func (t *Throttle) allow(addr string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.by == nil || len(t.by) >= maxThrottled {
		t.by = map[string]*rate.Limiter{}
	}
	l := t.by[addr]
	if l == nil {
		l = rate.NewLimiter(rate.Every(t.Every), t.Burst)
		t.by[addr] = l
	}
	return l.Allow()
}

// Wrap makes a route answer 429 with the throttle's code once its caller's address is over the limit.
func (t *Throttle) Wrap(rt Route) Route {
	next := rt.Handler
	rt.Handler = func(w http.ResponseWriter, r *http.Request) error {
		if !t.allow(ClientIP(r)) {
			return apperr.TooMany(t.Code, t.Text)
		}
		return next(w, r)
	}
	return rt
}
