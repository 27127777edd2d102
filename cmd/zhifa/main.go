// Command zhifa is the comprehensive administrative law enforcement platform (综合行政执法一体化平台).
package main

import (
	"context"
	"os"

	"zhifa/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(cli.Run(context.Background(), version, os.Args[1:], os.Stdout, os.Stderr))
}
