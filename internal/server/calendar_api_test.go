package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

type dueAnswer struct {
	Due     string   `json:"due"`
	Explain string   `json:"explain"`
	Skipped []string `json:"skipped"`
}

func TestDeadlineCalculatorAndYearImport(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		officer := e.as("officer")
		var d dueAnswer
		if err := officer.Get(ctx, "/api/v1/calendar/due", url.Values{"from": {"2024-09-30"}, "workdays": {"5"}}, &d); err != nil {
			t.Fatal(err)
		}
		if d.Due != "2024-10-12" || !strings.Contains(d.Explain, "国庆节") || len(d.Skipped) != 7 {
			t.Fatalf("5 working days across National Day: %+v", d)
		}
		if err := officer.Get(ctx, "/api/v1/calendar/due", url.Values{"from": {"2024-09-01"}, "days": {"30"}}, &d); err != nil || d.Due != "2024-10-08" {
			t.Fatalf("30 days: %+v %v", d, err)
		}
		if err := officer.Get(ctx, "/api/v1/calendar/due", url.Values{"from": {"2024-09-30T10:00:00+08:00"}, "hours": {"24"}}, &d); err != nil ||
			d.Due != "2024-10-01T10:00:00+08:00" {
			t.Fatalf("24 hours: %+v %v", d, err)
		}
		apiErr(t, officer.Get(ctx, "/api/v1/calendar/due", url.Values{"from": {"2024-09-30"}, "workdays": {"5"}, "days": {"3"}}, &d),
			http.StatusBadRequest, "CALENDAR_PERIOD_INVALID")
		apiErr(t, officer.Get(ctx, "/api/v1/calendar/due", url.Values{"from": {"2024/09/30"}, "days": {"3"}}, &d), http.StatusBadRequest, "DATE_INVALID")
		apiErr(t, officer.Get(ctx, "/api/v1/calendar/due", url.Values{"from": {"2027-12-30"}, "workdays": {"3"}}, &d), http.StatusBadRequest, "CALENDAR_YEAR_MISSING")

		year2027 := "日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06,休,春节\n2027-02-07,休,春节\n2027-02-08,休,春节\n2027-02-14,班,春节\n"
		// An officer may not import; the system administrator previews, then imports.
		if err := officer.Upload(ctx, "/api/v1/calendar/years?docNo=x", "2027.csv", []byte(year2027), nil); err == nil {
			t.Fatal("an officer imported a year")
		}
		admin := e.as("admin")
		bad := "日期,类型,名称\n2027-01-01,休,元旦\n2027-01-04,班,元旦\n2028-01-01,休,元旦\n"
		err := admin.UploadForm(ctx, "/api/v1/calendar/years", "bad.csv", []byte(bad), url.Values{"docNo": {"国办发明电〔2026〕X号"}}, nil)
		ce := apiErr(t, err, http.StatusUnprocessableEntity, "IMPORT_INVALID")
		if len(ce.Details) != 1 || ce.Details[0].Code != "CALENDAR_WORKDAY_NOT_WEEKEND" {
			t.Fatalf("a Monday listed as worked: %+v", ce.Details)
		}
		apiErr(t, admin.UploadForm(ctx, "/api/v1/calendar/years", "y.csv", []byte(year2027), nil, nil), http.StatusBadRequest, "CALENDAR_DOC_REQUIRED")
		var preview struct {
			Year     struct{ Year int } `json:"year"`
			OffDays  int                `json:"offDays"`
			WorkDays int                `json:"workDays"`
		}
		if err := admin.UploadForm(ctx, "/api/v1/calendar/years/preview", "y.csv", []byte(year2027), url.Values{"docNo": {"国办发明电〔2026〕X号"}}, &preview); err != nil ||
			preview.Year.Year != 2027 || preview.OffDays != 4 || preview.WorkDays != 1 {
			t.Fatalf("preview: %+v %v", preview, err)
		}
		// A preview saves nothing.
		apiErr(t, officer.Get(ctx, "/api/v1/calendar/due", url.Values{"from": {"2027-02-05"}, "workdays": {"1"}}, &d), http.StatusBadRequest, "CALENDAR_YEAR_MISSING")
		if err := admin.UploadForm(ctx, "/api/v1/calendar/years", "y.csv", []byte(year2027), url.Values{"docNo": {"国办发明电〔2026〕X号"}}, nil); err != nil {
			t.Fatal(err)
		}
		if err := officer.Get(ctx, "/api/v1/calendar/due", url.Values{"from": {"2027-02-05"}, "workdays": {"1"}}, &d); err != nil || d.Due != "2027-02-09" {
			t.Fatalf("after the import: %+v %v", d, err)
		}
	})
}
