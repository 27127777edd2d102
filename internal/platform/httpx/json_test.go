package httpx

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"zhifa/internal/platform/apperr"
)

type settings struct {
	MinPct int    `json:"minPct" required:"true"`
	MaxPct int    `json:"maxPct" required:"true"`
	Basis  string `json:"basis" text:"20"`
}

func TestDecodeRefusesWhatWouldChangeDataByAccident(t *testing.T) {
	cases := []struct {
		name, contentType, body, code string
	}{
		{"complete", "application/json", `{"minPct":1,"maxPct":2}`, ""},
		{"with charset", "application/json; charset=utf-8", `{"minPct":0,"maxPct":0}`, ""},
		{"text/plain from another site", "text/plain", `{"minPct":1,"maxPct":2}`, "BODY_NOT_JSON"},
		{"form", "application/x-www-form-urlencoded", `minPct=1`, "BODY_NOT_JSON"},
		{"no content type", "", `{"minPct":1,"maxPct":2}`, "BODY_NOT_JSON"},
		{"empty object", "application/json", `{}`, "BODY_FIELD_REQUIRED"},
		{"null", "application/json", `null`, "BODY_REQUIRED"},
		{"empty", "application/json", ``, "BODY_REQUIRED"},
		{"a field null", "application/json", `{"minPct":1,"maxPct":null}`, "BODY_FIELD_REQUIRED"},
		{"overflowing int", "application/json", `{"minPct":1,"maxPct":99999999999999999999}`, "BODY_FIELD_TYPE"},
		{"unknown field", "application/json", `{"minPct":1,"maxPct":2,"x":1}`, "BODY_UNKNOWN_FIELD"},
		{"two objects", "application/json", `{"minPct":1,"maxPct":2}{}`, "BODY_MALFORMED"},
		{"long text", "application/json", `{"minPct":1,"maxPct":2,"basis":"` + strings.Repeat("文", 21) + `"}`, "TEXT_TOO_LONG"},
		{"bidi override", "application/json", `{"minPct":1,"maxPct":2,"basis":"\u202e"}`, "TEXT_INVALID_CHAR"},
		{"too large", "application/json", `{"basis":"` + strings.Repeat("a", MaxBody) + `"}`, "BODY_TOO_LARGE"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("PUT", "/x", strings.NewReader(c.body))
		if c.contentType != "" {
			r.Header.Set("Content-Type", c.contentType)
		}
		var dst settings
		err := Decode(r, &dst)
		if c.code == "" && err != nil || c.code != "" && !apperr.Is(err, c.code) {
			t.Errorf("%s: %v, want %q", c.name, err, c.code)
		}
	}
}

func TestPageOverflowGivesAnEmptyPage(t *testing.T) {
	for _, page := range []string{"9223372036854775807", "99999999999999999999999", strconv.Itoa(math.MaxInt32)} {
		p, err := PageOf(httptest.NewRequest("GET", "/x?pageSize=500&page="+page, nil))
		if err != nil {
			t.Fatalf("page %s: %v", page, err)
		}
		if p.Offset() != MaxOffset && page != strconv.Itoa(math.MaxInt32) || p.Offset() < 0 {
			t.Errorf("page %s: offset %d", page, p.Offset())
		}
	}
	for _, page := range []string{"0", "-1", "-99999999999999999999", "x"} {
		if _, err := PageOf(httptest.NewRequest("GET", "/x?page="+page, nil)); !apperr.Is(err, "PAGE_INVALID") {
			t.Errorf("page %s: %v", page, err)
		}
	}
}

// A client that went away is not an error of the server: nothing is logged at ERROR and nothing
// is written.
func TestAbandonedRequestIsNotLoggedAsAnError(t *testing.T) {
	var logged bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelInfo})))
	defer slog.SetDefault(old)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequest("GET", "/api/v1/people", nil).WithContext(ctx)
	w := httptest.NewRecorder()
	WriteError(w, r, fmt.Errorf("list people: %w", context.Canceled))
	if logged.Len() != 0 || w.Body.Len() != 0 {
		t.Fatalf("logged %q, wrote %q", logged.String(), w.Body.String())
	}
	// A real failure still is.
	WriteError(w, httptest.NewRequest("GET", "/x", nil), fmt.Errorf("database down"))
	if !strings.Contains(logged.String(), "level=ERROR") || w.Code != 500 {
		t.Fatalf("a failure was not logged: %q %d", logged.String(), w.Code)
	}
}
