// Package web holds the built console and public portal, embedded into the zhifa binary.
//
// Vite writes the build to dist/console. dist/placeholder.html is committed so that `go build`
// works on a machine without Node; the server shows it when no console was built.
package web

import "embed"

// Dist is the web build: console/ (when built) and placeholder.html.
//
//go:embed all:dist
var Dist embed.FS
