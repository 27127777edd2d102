package documents

import (
	"time"

	"zhifa/internal/platform/httpx"
)

// Anyone may present a file for verification without signing in; each address may do so a few
// times a minute (a burst of 10, then one every 2 seconds), so that hashing uploads cannot be used
// to load the server.
func newChecks() *httpx.Throttle {
	return &httpx.Throttle{Burst: 10, Every: 2 * time.Second, Code: "DOCUMENT_CHECK_TOO_MANY", Text: "核验过于频繁，请稍后再试"}
}

// throttled limits a public route per caller address.
func (s *Service) throttled(rt httpx.Route) httpx.Route {
	s.checksOnce.Do(func() { s.checks = newChecks() })
	return s.checks.Wrap(rt)
}
