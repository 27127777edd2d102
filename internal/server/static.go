package server

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"zhifa/web"
)

// static serves the embedded console. Paths that are not files get index.html, so that deep
// links into the console survive a reload; when no console was built, the placeholder page says
// how to build it.
func static() http.Handler {
	console, err := fs.Sub(web.Dist, "dist/console")
	if err != nil {
		panic(err)
	}
	index, err := fs.ReadFile(console, "index.html")
	if err != nil {
		index, _ = fs.ReadFile(web.Dist, "dist/placeholder.html")
	}
	files := http.FileServer(http.FS(console))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name != "" && name != "index.html" {
			if st, err := fs.Stat(console, name); err == nil && !st.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(index)
	})
}
