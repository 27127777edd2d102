package server_test

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"zhifa/client"
	"zhifa/internal/account"
	"zhifa/internal/demo"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/secret"
	"zhifa/internal/server"
)

var testKey = bytes.Repeat([]byte{0x5a}, 32)

// template is a SQLite file with the demo county loaded once per test binary; each test copies it,
// so tests start from the same data and may change it freely.
var template struct {
	once sync.Once
	path string
	err  error
}

func sqliteTemplate(t *testing.T) string {
	template.once.Do(func() {
		dir, err := os.MkdirTemp("", "zhifa-demo-")
		if err != nil {
			template.err = err
			return
		}
		d, err := db.Open(context.Background(), "", dir)
		if err != nil {
			template.err = err
			return
		}
		defer d.Close()
		if _, err := d.Migrate(context.Background()); err != nil {
			template.err = err
			return
		}
		if err := demo.Load(context.Background(), newApp(d)); err != nil {
			template.err = err
			return
		}
		if _, err := d.W.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			template.err = err
			return
		}
		template.path = filepath.Join(dir, "zhifa.db")
	})
	if template.err != nil {
		t.Fatal(template.err)
	}
	return template.path
}

func newApp(d *db.DB) *server.App {
	box, err := secret.New(testKey)
	if err != nil {
		panic(err)
	}
	return server.New(d, box, clock.System{}, account.DefaultPolicy, "test")
}

// env is a running server over a demo store.
type env struct {
	t   *testing.T
	app *server.App
	url string
}

// eachStore runs fn against a fresh demo county on SQLite and on PostgreSQL.
func eachStore(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		src, err := os.Open(sqliteTemplate(t))
		if err != nil {
			t.Fatal(err)
		}
		dst, _ := os.Create(filepath.Join(dir, "zhifa.db"))
		io.Copy(dst, src)
		src.Close()
		dst.Close()
		d, err := db.Open(context.Background(), "", dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		fn(t, start(t, newApp(d)))
	})
	if os.Getenv(dbtest.EnvPostgres) != "" {
		t.Run("postgres", func(t *testing.T) {
			d := dbtest.Postgres(t)
			a := newApp(d)
			if err := demo.Load(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			fn(t, start(t, a))
		})
	}
}

func start(t *testing.T, a *server.App) *env {
	if err := a.UseEvidenceDir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	return &env{t: t, app: a, url: srv.URL}
}

// as returns a client signed in as a demo account.
func (e *env) as(username string) *client.Client {
	e.t.Helper()
	c := client.New(e.url)
	if _, err := c.Login(context.Background(), username, demo.Password); err != nil {
		e.t.Fatalf("login %s: %v", username, err)
	}
	return c
}

// anon returns a client with no session.
func (e *env) anon() *client.Client { return client.New(e.url) }

// apiErr asserts that err is an API error with the given status and code.
func apiErr(t *testing.T, err error, status int, code string) *client.Error {
	t.Helper()
	ce, ok := err.(*client.Error)
	if !ok || ce.Status != status || ce.Code != code {
		t.Fatalf("got %v, want %d %s", err, status, code)
	}
	if ce.Message == "" || !containsHan(ce.Message) {
		t.Fatalf("error message is not Chinese: %q", ce.Message)
	}
	return ce
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
