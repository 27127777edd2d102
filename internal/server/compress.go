package server

import (
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzhttp"
)

// compressMinSize is the smallest API answer worth compressing: below about one packet the
// gzip header and the CPU cost more than they save.
const compressMinSize = 1024

// compress gzips API answers (JSON lists, the OpenAPI document, CSV exports) above
// compressMinSize for clients that accept gzip, with Vary: Accept-Encoding. Bodies that are
// compressed already are left alone: answers that set a Content-Encoding, and archive, image,
// audio and video types, Excel workbooks (zip containers) among them. Sign-in answers, which carry
// a session token, are never compressed (a compressed secret beside reflected input leaks through
// its length: BREACH). The console's files come precompressed from static(); /metrics and the
// health endpoints stay plain.
func compress(next http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(compressMinSize), gzhttp.EnableZstd(false),
		gzhttp.ContentTypeFilter(compressible))
	if err != nil {
		panic(err)
	}
	api := wrap(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case p == "/metrics":
			// The Prometheus handler would gzip on its own when asked; scrapes stay plain.
			r = r.Clone(r.Context())
			r.Header.Del("Accept-Encoding")
			next.ServeHTTP(w, r)
		case strings.HasPrefix(p, "/api/") && !strings.HasPrefix(p, "/api/v1/auth/"):
			api.ServeHTTP(w, r)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// compressible reports whether a content type is worth compressing: not already compressed
// (gzhttp's list of archive, audio and video types, plus images other than SVG and the Office
// Open XML formats, which are zip files).
func compressible(ct string) bool {
	ct = strings.ToLower(ct)
	if strings.Contains(ct, "openxmlformats") || (strings.HasPrefix(ct, "image/") && !strings.HasPrefix(ct, "image/svg")) {
		return false
	}
	return gzhttp.DefaultContentTypeFilter(ct)
}
