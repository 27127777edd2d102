// Package architecture holds tests of the code's shape: which package may import which.
package architecture

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The house's dependencies point one way: cmd → cli → server → features → platform. A feature
// may use another feature only along the edges listed here (its exported functions and types:
// never the other's tables in SQL beyond read-only joins for display names); a new edge is a
// design decision and is added here with a reason.
var featureDeps = map[string][]string{
	"region":     {"audit"},
	"org":        {"audit", "region"},
	"people":     {"audit", "org", "region"},
	"account":    {"audit", "org", "people", "region"},
	"reform":     {"audit", "org", "people", "region"}, // a read-only report over people and organisations
	"catalog":    {"audit", "org", "region"},
	"discretion": {"audit", "region"}, // the catalogue is reached through the Statutes interface
	"audit":      {},
	"calendar":   {"audit"},
	"documents":  {"audit"}, // knows nothing of cases: the issuing feature gives the data
	// The catalogue through the Catalogue interface; discretion for the benchmark applied to a
	// case's facts (discretion counts prior penalties through its PriorPenalties interface).
	"cases": {"audit", "calendar", "discretion", "documents", "org", "people", "region"},
	"grid":  {"audit"},
	// Events reach the catalogue and the organisation tree through the Catalogue interface and
	// open case leads through CaseDesk; from cases and people only the masking of names and phones.
	"event":   {"audit", "cases", "grid", "people"},
	"open311": {"event"},
}

// Shared packages of the legal domain that any feature may use and that use only the platform:
// law holds legal citations (《…》第…条…) that the catalogue, cases and documents all write.
var shared = []string{"law"}

// Packages above the features.
var above = map[string][]string{
	"server": nil, // assembles every feature
	"demo":   nil, // loads the demo county through the features' services
	"cli":    nil,
	"config": {},
}

const module = "zhifa/internal/"

func importsOf(t *testing.T, dir string) []string {
	t.Helper()
	set := map[string]bool{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			if strings.HasPrefix(path, module) {
				set[strings.TrimPrefix(path, module)] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func TestDependenciesPointOneWay(t *testing.T) {
	root := ".."
	var pkgs []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() || strings.Contains(path, "testdata") || strings.Contains(path, "migrations") || strings.Contains(path, "/data") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		if rel != "." && rel != "architecture" {
			pkgs = append(pkgs, filepath.ToSlash(rel))
		}
		return nil
	})
	for _, pkg := range pkgs {
		top, _, _ := strings.Cut(pkg, "/")
		for _, imp := range importsOf(t, filepath.Join(root, pkg)) {
			impTop, _, _ := strings.Cut(imp, "/")
			switch {
			case top == "platform":
				if impTop != "platform" {
					t.Errorf("%s imports %s: the platform knows no feature", pkg, imp)
				}
			case slices.Contains(shared, top):
				if impTop != "platform" {
					t.Errorf("%s imports %s: a shared package of the domain uses only the platform", pkg, imp)
				}
			case featureDeps[top] != nil:
				if impTop != "platform" && !slices.Contains(featureDeps[top], impTop) && !slices.Contains(shared, impTop) {
					t.Errorf("%s imports %s: not an edge of featureDeps (features use each other only along declared edges)", pkg, imp)
				}
			case top == "config":
				if impTop != "platform" {
					t.Errorf("config imports %s", imp)
				}
			case top == "server":
				if impTop == "cli" || impTop == "demo" {
					t.Errorf("server imports %s: it is assembled by cli, not the other way", imp)
				}
			case top == "demo":
				if impTop == "cli" {
					t.Errorf("demo imports cli")
				}
			case top == "cli":
			default:
				if _, ok := above[top]; !ok {
					t.Errorf("package %s is neither platform, a feature listed in featureDeps, nor above them: add it", pkg)
				}
			}
		}
	}
	// Nothing below cli may import it, nothing below server may import server.
	for _, pkg := range pkgs {
		top, _, _ := strings.Cut(pkg, "/")
		for _, imp := range importsOf(t, filepath.Join(root, pkg)) {
			if (imp == "server" && top != "cli" && top != "demo") || (imp == "cli" && top != "cli") {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
}
