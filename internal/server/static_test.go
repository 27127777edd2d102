package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func gz(t *testing.T, s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// TestStaticServesPrecompressed: a file with precompressed copies goes out as the best one the
// client accepts, with Content-Encoding, the original's Content-Type and Vary: Accept-Encoding;
// plain to a client that accepts neither; files without copies go out as they are.
func TestStaticServesPrecompressed(t *testing.T) {
	index := "<!doctype html><title>控制台</title>" + strings.Repeat("<p>x</p>", 200)
	app := "console.log('app')" + strings.Repeat(";1", 600)
	dist := fstest.MapFS{
		"dist/placeholder.html":              {Data: []byte("placeholder")},
		"dist/console/index.html":            {Data: []byte(index)},
		"dist/console/index.html.br":         {Data: []byte("BROTLI-INDEX")},
		"dist/console/index.html.gz":         {Data: gz(t, index)},
		"dist/console/assets/app-1a2b.js":    {Data: []byte(app)},
		"dist/console/assets/app-1a2b.js.br": {Data: []byte("BROTLI-APP")},
		"dist/console/assets/app-1a2b.js.gz": {Data: gz(t, app)},
		"dist/console/favicon.svg":           {Data: []byte("<svg/>")},
	}
	h := staticFrom(dist)
	get := func(method, path, accept string) *http.Response {
		r := httptest.NewRequest(method, path, nil)
		if accept != "" {
			r.Header.Set("Accept-Encoding", accept)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Result()
	}
	cases := []struct {
		path, accept, encoding, ctype, body string
	}{
		{"/", "gzip, deflate, br, zstd", "br", "text/html; charset=utf-8", "BROTLI-INDEX"},
		{"/portal", "br", "br", "text/html; charset=utf-8", "BROTLI-INDEX"}, // a deep link gets index.html
		{"/index.html", "gzip", "gzip", "text/html; charset=utf-8", index},
		{"/assets/app-1a2b.js", "br;q=0, gzip;q=0.8", "gzip", "text/javascript; charset=utf-8", app},
		{"/assets/app-1a2b.js", "*", "br", "text/javascript; charset=utf-8", "BROTLI-APP"},
		{"/assets/app-1a2b.js", "", "", "text/javascript; charset=utf-8", app},
		{"/assets/app-1a2b.js", "identity", "", "text/javascript; charset=utf-8", app},
		{"/assets/app-1a2b.js", "gzip;q=0, br;q=0", "", "text/javascript; charset=utf-8", app},
	}
	for _, c := range cases {
		res := get(http.MethodGet, c.path, c.accept)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != c.encoding || res.Header.Get("Content-Type") != c.ctype ||
			res.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s [%s]: %d, encoding %q, type %q, vary %q", c.path, c.accept, res.StatusCode,
				res.Header.Get("Content-Encoding"), res.Header.Get("Content-Type"), res.Header.Get("Vary"))
			continue
		}
		if c.encoding == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			body, _ = io.ReadAll(zr)
		}
		if string(body) != c.body {
			t.Errorf("%s [%s]: body %.40q", c.path, c.accept, body)
		}
	}
	if res := get(http.MethodGet, "/assets/app-1a2b.js", "br"); res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
		res.Header.Get("Content-Length") != "10" {
		t.Errorf("asset headers: %v", res.Header)
	}
	if res := get(http.MethodHead, "/", "br"); res.Header.Get("Content-Encoding") != "br" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("HEAD: %v", res.Header)
	} else if b, _ := io.ReadAll(res.Body); len(b) != 0 {
		t.Errorf("HEAD has a body")
	}
	if res := get(http.MethodGet, "/favicon.svg", "br, gzip"); res.Header.Get("Content-Encoding") != "" || res.Header.Get("Vary") != "" ||
		res.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("favicon: %v", res.Header)
	}
	if res := get(http.MethodPost, "/", "br"); res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", res.StatusCode)
	}
	// Without a built console every path gets the placeholder.
	if res := get(http.MethodGet, "/x", ""); res.StatusCode != 200 {
		t.Errorf("placeholder: %d", res.StatusCode)
	}
	delete(dist, "dist/console/index.html")
	res := httptest.NewRecorder()
	staticFrom(dist).ServeHTTP(res, httptest.NewRequest(http.MethodGet, "/x", nil))
	if res.Body.String() != "placeholder" {
		t.Errorf("placeholder: %q", res.Body.String())
	}
}
