package server

import (
	"bytes"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"zhifa/web"
)

// static serves the embedded console. Paths that are not files get index.html, so that deep
// links into the console survive a reload; when no console was built, the placeholder page says
// how to build it.
//
// The build writes a brotli (.br) and a gzip (.gz) copy next to every compressible file (web/
// scripts/precompress.mjs); a client that accepts one of them gets it, with Content-Encoding, the
// original's Content-Type and Vary: Accept-Encoding, so nothing is compressed per request.
func static() http.Handler { return staticFrom(web.Dist) }

// staticFrom serves the console of a web build laid out as web.Dist.
func staticFrom(dist fs.FS) http.Handler {
	console, err := fs.Sub(dist, "dist/console")
	if err != nil {
		panic(err)
	}
	if _, err := fs.Stat(console, "index.html"); err != nil {
		placeholder, _ := fs.ReadFile(dist, "dist/placeholder.html")
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !getOrHead(w, r) {
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.Write(placeholder)
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !getOrHead(w, r) {
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if st, err := fs.Stat(console, name); err != nil || st.IsDir() || name == "" {
			name = "index.html"
		}
		h := w.Header()
		if strings.HasPrefix(name, "assets/") {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		serveFile(w, r, console, name)
	})
}

// getOrHead answers 405 to any other method and reports whether to go on.
func getOrHead(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

// precompressed lists the encodings the build writes, in order of preference, with their suffix.
var precompressed = []struct{ coding, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// serveFile writes one embedded file, or its precompressed copy when the client accepts it.
func serveFile(w http.ResponseWriter, r *http.Request, files fs.FS, name string) {
	h := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	body := name
	for _, p := range precompressed {
		if _, err := fs.Stat(files, name+p.suffix); err != nil {
			continue
		}
		// The answer depends on Accept-Encoding whenever a compressed copy exists, including
		// when this client gets the plain file, so caches must keep the variants apart.
		h.Add("Vary", "Accept-Encoding")
		for _, q := range precompressed {
			if _, err := fs.Stat(files, name+q.suffix); err == nil && accepts(r.Header.Values("Accept-Encoding"), q.coding) {
				body = name + q.suffix
				h.Set("Content-Encoding", q.coding)
				break
			}
		}
		break
	}
	data, err := fs.ReadFile(files, body)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if h.Get("Content-Encoding") != "" {
		// Ranges of an encoded body would be ranges of the encoded bytes: answer it whole.
		h.Set("Content-Length", strconv.Itoa(len(data)))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(data)
		}
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// accepts reports whether the Accept-Encoding field values allow coding: named (or matched by
// "*") with a q-value above zero (RFC 9110 §12.5.3).
func accepts(values []string, coding string) bool {
	star := false
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			name = strings.ToLower(strings.TrimSpace(name))
			ok := qAboveZero(params)
			switch name {
			case coding:
				return ok
			case "*":
				star = ok
			}
		}
	}
	return star
}

// qAboveZero reads the q parameter of one Accept-Encoding element; absent means 1.
func qAboveZero(params string) bool {
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(strings.TrimSpace(k), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return err == nil && q > 0
		}
	}
	return true
}
