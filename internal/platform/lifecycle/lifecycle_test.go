package lifecycle

import (
	"testing"

	"zhifa/internal/platform/apperr"
)

var kind = Kind{Name: "测试版本", PublishRule: "测试规则"}

// code is the error's code, "" for nil.
func code(err error) string {
	if err == nil {
		return ""
	}
	return apperr.As(err).Code
}

func TestTransitions(t *testing.T) {
	for _, c := range []struct {
		from, to Status
		want     string
	}{
		{Draft, Draft, ""},
		{Draft, Published, ""},
		{Draft, Repealed, "VERSION_NOT_PUBLISHED"},
		{Published, Draft, "VERSION_NOT_DRAFT"},
		{Published, Published, "VERSION_NOT_DRAFT"},
		{Published, Repealed, ""},
		{Repealed, Draft, "VERSION_NOT_DRAFT"},
		{Repealed, Published, "VERSION_NOT_DRAFT"},
		{Repealed, Repealed, "VERSION_NOT_PUBLISHED"},
		{"archived", Published, "VERSION_STATUS_UNKNOWN"},
		{Draft, "archived", "VERSION_STATUS_UNKNOWN"},
	} {
		err := kind.Transition(c.from, c.to)
		if code(err) != c.want {
			t.Errorf("%s → %s: %v, want %q", c.from, c.to, err, c.want)
		}
		if err != nil {
			e := apperr.As(err)
			if e.Message == "" || (c.want != "VERSION_STATUS_UNKNOWN" && e.Kind != apperr.KindConflict) {
				t.Errorf("%s → %s: %+v is not a coded conflict with a message", c.from, c.to, e)
			}
		}
	}
	if code(kind.Editable(Record{Status: Draft})) != "" || code(kind.Editable(Record{Status: Published})) != "VERSION_NOT_DRAFT" {
		t.Error("only a draft is editable")
	}
}

func TestWindowsAndStates(t *testing.T) {
	for _, c := range []struct {
		from, to, day string
		in            bool
	}{
		{"2024-01-01", "", "2023-12-31", false},
		{"2024-01-01", "", "2024-01-01", true}, // the start is included
		{"2024-01-01", "", "2099-01-01", true}, // open
		{"2024-01-01", "2025-01-01", "2024-12-31", true},
		{"2024-01-01", "2025-01-01", "2025-01-01", false}, // the end is not
		{"", "", "2024-01-01", false},                     // no start, never in force
	} {
		if got := InWindow(c.from, c.to, c.day); got != c.in {
			t.Errorf("[%s, %s) on %s: %v", c.from, c.to, c.day, got)
		}
	}
	for _, c := range []struct {
		name string
		r    Record
		day  string
		want State
		in   bool
	}{
		{"draft, even with dates", Record{Status: Draft, EffectiveFrom: "2024-01-01"}, "2024-06-01", StateDraft, false},
		{"published, before its start", Record{Status: Published, EffectiveFrom: "2024-01-01"}, "2023-12-31", StatePending, false},
		{"published, on its start", Record{Status: Published, EffectiveFrom: "2024-01-01"}, "2024-01-01", StateInForce, true},
		{"published, open", Record{Status: Published, EffectiveFrom: "2024-01-01"}, "2030-01-01", StateInForce, true},
		{"published, the day before the next", Record{Status: Published, EffectiveFrom: "2024-01-01", EffectiveTo: "2025-01-01"}, "2024-12-31", StateInForce, true},
		{"published, replaced", Record{Status: Published, EffectiveFrom: "2024-01-01", EffectiveTo: "2025-01-01"}, "2025-01-01", StateExpired, false},
		{"repealed, before the repeal date", Record{Status: Repealed, EffectiveFrom: "2024-01-01", EffectiveTo: "2025-01-01"}, "2024-06-01", StateInForce, true},
		{"repealed, on the repeal date", Record{Status: Repealed, EffectiveFrom: "2024-01-01", EffectiveTo: "2025-01-01"}, "2025-01-01", StateRepealed, false},
		{"repealed, not yet begun", Record{Status: Repealed, EffectiveFrom: "2024-01-01", EffectiveTo: "2025-01-01"}, "2023-01-01", StatePending, false},
	} {
		if got := StateOf(c.r, c.day); got != c.want || StateName(got) == "" {
			t.Errorf("%s: state %s, want %s", c.name, got, c.want)
		}
		if got := InForce(c.r, c.day); got != c.in {
			t.Errorf("%s: in force %v, want %v", c.name, got, c.in)
		}
	}
	for _, s := range Statuses {
		if StatusName(s) == "" {
			t.Errorf("status %s has no name", s)
		}
	}
}

type version struct {
	Record
	name string
}

func TestSeries(t *testing.T) {
	series := []*version{
		{Record{Version: 1, Status: Published, EffectiveFrom: "2021-01-01", EffectiveTo: "2022-01-01"}, "v1"},
		{Record{Version: 2, Status: Repealed, EffectiveFrom: "2022-01-01", EffectiveTo: "2024-01-01"}, "v2"},
		{Record{Version: 3, Status: Draft, EffectiveFrom: "2023-01-01"}, "v3"},
	}
	for day, want := range map[string]string{"2020-12-31": "", "2021-01-01": "v1", "2021-12-31": "v1", "2022-01-01": "v2",
		"2023-06-01": "v2", "2024-01-01": ""} {
		got := ""
		if i := At(series, day); i >= 0 {
			got = series[i].name
		}
		if got != want {
			t.Errorf("in force on %s: %q, want %q", day, got, want)
		}
	}
	if i := Latest(series); i != 1 {
		t.Errorf("latest not a draft: %d", i)
	}
	if i := DraftOf(series); i != 2 {
		t.Errorf("draft: %d", i)
	}
	if n := NextVersion(series); n != 4 {
		t.Errorf("next version: %d", n)
	}
	if n := NextVersion([]*version{}); n != 1 {
		t.Errorf("first version: %d", n)
	}
	if _, err := Next(kind, series); code(err) != "VERSION_DRAFT_EXISTS" {
		t.Errorf("a second draft: %v", err)
	}
	r, err := Next(kind, series[:2])
	if err != nil || r.Version != 3 || r.Status != Draft || r.Revision != 1 {
		t.Errorf("next draft: %+v %v", r, err)
	}
	if Latest([]*version{series[2]}) != -1 || DraftOf(series[:2]) != -1 || At(series[2:], "2023-06-01") != -1 {
		t.Error("a draft is neither latest nor in force")
	}
}

func TestRevision(t *testing.T) {
	r := Record{Revision: 3}
	if err := CheckRevision(r, 3); err != nil {
		t.Error(err)
	}
	for _, presented := range []int{0, 2, 4} {
		err := CheckRevision(r, presented)
		if e := apperr.As(err); e.Code != "STALE" || e.Kind != apperr.KindConflict || e.Message == "" {
			t.Errorf("revision %d presented for 3: %v", presented, err)
		}
	}
	if Touch(r).Revision != 4 || r.Revision != 3 {
		t.Error("touch increments a copy")
	}
}

func TestPublish(t *testing.T) {
	draft := Record{Version: 2, Status: Draft, Revision: 5}
	prev := &Record{Version: 1, Status: Published, Revision: 2, EffectiveFrom: "2024-01-01", DocNo: "旧〔2023〕1号"}
	ok := PublishInput{EffectiveFrom: "2025-01-01", DocNo: "新〔2024〕9号", Revision: 5}
	for _, c := range []struct {
		name  string
		draft Record
		in    PublishInput
		prev  *Record
		want  string
		field string
	}{
		{"stale", draft, PublishInput{EffectiveFrom: "2025-01-01", DocNo: "x", Revision: 4}, prev, "STALE", ""},
		{"already published", Record{Version: 2, Status: Published, Revision: 5}, ok, prev, "VERSION_NOT_DRAFT", ""},
		{"repealed", Record{Version: 2, Status: Repealed, Revision: 5}, ok, prev, "VERSION_NOT_DRAFT", ""},
		{"bad date", draft, PublishInput{EffectiveFrom: "2025/01/01", DocNo: "x", Revision: 5}, prev, "DATE_INVALID", "effectiveFrom"},
		{"no date", draft, PublishInput{DocNo: "x", Revision: 5}, prev, "VERSION_DATE_REQUIRED", "effectiveFrom"},
		{"no document", draft, PublishInput{EffectiveFrom: "2025-01-01", DocNo: "  ", Revision: 5}, prev, "VERSION_DOC_NO_REQUIRED", "docNo"},
		{"same day as the previous", draft, PublishInput{EffectiveFrom: "2024-01-01", DocNo: "x", Revision: 5}, prev, "VERSION_DATE_ORDER", "effectiveFrom"},
		{"before the previous", draft, PublishInput{EffectiveFrom: "2023-01-01", DocNo: "x", Revision: 5}, prev, "VERSION_DATE_ORDER", "effectiveFrom"},
		{"title too long", draft, PublishInput{EffectiveFrom: "2025-01-01", DocNo: "x", DocTitle: string(make([]rune, 201)), Revision: 5}, prev, "VERSION_DOC_TITLE_TOO_LONG", "docTitle"},
	} {
		_, _, err := kind.Publish(c.draft, c.in, c.prev, "now")
		if e := apperr.As(err); err == nil || e.Code != c.want || e.Field != c.field {
			t.Errorf("%s: %v, want %s on %q", c.name, err, c.want, c.field)
		}
	}
	if _, _, err := kind.Publish(draft, PublishInput{EffectiveFrom: "2025-01-01", Revision: 5}, nil, "now"); apperr.As(err).Rule != "测试规则" {
		t.Errorf("the missing document cites the kind's rule: %v", err)
	}

	// The first version: nothing to close.
	out, closed, err := kind.Publish(Record{Version: 1, Status: Draft, Revision: 1}, PublishInput{EffectiveFrom: "2024-01-01", DocNo: "甲〔2023〕1号", DocTitle: "关于公布的通知", Revision: 1}, nil, "2023-12-01T00:00:00.000Z")
	if err != nil || closed != nil || out.Status != Published || out.EffectiveFrom != "2024-01-01" || out.EffectiveTo != "" ||
		out.DocNo != "甲〔2023〕1号" || out.DocTitle != "关于公布的通知" || out.Revision != 2 || out.PublishedAt != "2023-12-01T00:00:00.000Z" {
		t.Fatalf("first publication: %+v %+v %v", out, closed, err)
	}
	// The next one closes the previous at its own start; the draft's planned date and document
	// stand unless the input replaces them.
	planned := Record{Version: 2, Status: Draft, Revision: 5, EffectiveFrom: "2025-01-01", DocNo: "新〔2024〕9号"}
	out, closed, err = kind.Publish(planned, PublishInput{Revision: 5}, prev, "now")
	if err != nil || out.EffectiveFrom != "2025-01-01" || out.DocNo != "新〔2024〕9号" || closed == nil ||
		closed.EffectiveTo != "2025-01-01" || closed.Revision != 3 || closed.Status != Published || prev.EffectiveTo != "" {
		t.Fatalf("second publication: %+v %+v %v", out, closed, err)
	}
	out, _, _ = kind.Publish(planned, PublishInput{EffectiveFrom: "2025-03-01", DocNo: "改〔2025〕1号", Revision: 5}, prev, "now")
	if out.EffectiveFrom != "2025-03-01" || out.DocNo != "改〔2025〕1号" {
		t.Errorf("the input replaces the planned date and document: %+v", out)
	}
	// A previous version repealed before the new one starts keeps its window.
	gone := &Record{Version: 1, Status: Repealed, EffectiveFrom: "2024-01-01", EffectiveTo: "2024-06-01"}
	if _, closed, err := kind.Publish(planned, PublishInput{Revision: 5}, gone, "now"); err != nil || closed != nil {
		t.Errorf("after a repeal: %+v %v", closed, err)
	}
	// One repealed from a date after the new start is cut back to it.
	later := &Record{Version: 1, Status: Repealed, EffectiveFrom: "2024-01-01", EffectiveTo: "2026-01-01"}
	if _, closed, err := kind.Publish(planned, PublishInput{Revision: 5}, later, "now"); err != nil || closed == nil ||
		closed.EffectiveTo != "2025-01-01" || closed.Status != Repealed {
		t.Errorf("after a later repeal: %+v %v", closed, err)
	}
	if ps := kind.PublishProblems(Record{}); len(ps) != 2 || ps[0].Code != "VERSION_DATE_REQUIRED" || ps[1].Code != "VERSION_DOC_NO_REQUIRED" {
		t.Errorf("problems of an empty record: %+v", ps)
	}
}

func TestRepeal(t *testing.T) {
	inForce := Record{Version: 2, Status: Published, Revision: 4, EffectiveFrom: "2024-01-01"}
	replaced := Record{Version: 1, Status: Published, Revision: 3, EffectiveFrom: "2023-01-01", EffectiveTo: "2024-01-01"}
	needsDoc := Kind{Name: "事项版本", RepealDocRequired: true}
	for _, c := range []struct {
		name  string
		k     Kind
		r     Record
		in    RepealInput
		want  string
		field string
	}{
		{"stale", kind, inForce, RepealInput{Reason: "x", Revision: 3}, "STALE", ""},
		{"a draft", kind, Record{Status: Draft, Revision: 1}, RepealInput{Reason: "x", Revision: 1}, "VERSION_NOT_PUBLISHED", ""},
		{"repealed", kind, Record{Status: Repealed, Revision: 1, EffectiveFrom: "2024-01-01", EffectiveTo: "2025-01-01"}, RepealInput{Reason: "x", Revision: 1}, "VERSION_NOT_PUBLISHED", ""},
		{"bad date", kind, inForce, RepealInput{EffectiveTo: "2025-1-1", Reason: "x", Revision: 4}, "DATE_INVALID", "effectiveTo"},
		{"no reason", kind, inForce, RepealInput{EffectiveTo: "2025-01-01", Reason: " ", Revision: 4}, "VERSION_REASON_REQUIRED", "reason"},
		{"reason too long", kind, inForce, RepealInput{EffectiveTo: "2025-01-01", Reason: string(make([]rune, 501)), Revision: 4}, "VERSION_REASON_REQUIRED", "reason"},
		{"no repealing document where needed", needsDoc, inForce, RepealInput{EffectiveTo: "2025-01-01", Reason: "x", Revision: 4}, "VERSION_DOC_NO_REQUIRED", "docNo"},
		{"on its first day", kind, inForce, RepealInput{EffectiveTo: "2024-01-01", Reason: "x", Revision: 4}, "VERSION_DATE_ORDER", "effectiveTo"},
		{"before it began", kind, inForce, RepealInput{EffectiveTo: "2023-06-01", Reason: "x", Revision: 4}, "VERSION_DATE_ORDER", "effectiveTo"},
		{"after it was replaced", kind, replaced, RepealInput{EffectiveTo: "2024-01-01", Reason: "x", Revision: 3}, "VERSION_ALREADY_ENDED", "effectiveTo"},
		{"today, before it began", kind, Record{Version: 1, Status: Published, Revision: 1, EffectiveFrom: "2026-06-01"}, RepealInput{Reason: "x", Revision: 1}, "VERSION_DATE_ORDER", "effectiveTo"},
	} {
		_, err := c.k.Repeal(c.r, c.in, "2026-05-10")
		if e := apperr.As(err); err == nil || e.Code != c.want || e.Field != c.field {
			t.Errorf("%s: %v, want %s on %q", c.name, err, c.want, c.field)
		}
	}
	// Default: from today, the reason and the document kept.
	out, err := needsDoc.Repeal(inForce, RepealInput{Reason: " 上位法修改 ", DocNo: "废〔2026〕1号", Revision: 4}, "2026-05-10")
	if err != nil || out.Status != Repealed || out.EffectiveTo != "2026-05-10" || out.RepealReason != "上位法修改" ||
		out.RepealDocNo != "废〔2026〕1号" || out.Revision != 5 || out.EffectiveFrom != "2024-01-01" {
		t.Fatalf("repeal: %+v %v", out, err)
	}
	if StateOf(out, "2026-05-09") != StateInForce || StateOf(out, "2026-05-10") != StateRepealed {
		t.Error("a repealed version is in force until its repeal date")
	}
	// A replaced version may still be repealed before its successor took over.
	if out, err := kind.Repeal(replaced, RepealInput{EffectiveTo: "2023-06-01", Reason: "x", Revision: 3}, "2026-05-10"); err != nil || out.EffectiveTo != "2023-06-01" {
		t.Errorf("repeal before the successor: %+v %v", out, err)
	}
}
