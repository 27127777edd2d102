package people

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
)

const importHeader = "name,idNumber,phone,postOrgName,workOrgName,postType,position,frontline,certNumber,certDomains,certValidFrom,certValidTo\n"

func TestImportRejectsWholeFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		existing := f.nextID()
		if _, err := f.svc.Create(ctx, f.admin, Input{Name: "已登记", IDNumber: existing, PostOrgID: f.bureau.ID,
			WorkOrgID: f.bureau.ID, PostType: "admin"}); err != nil {
			t.Fatal(err)
		}
		good, other := f.nextID(), f.nextID()
		badCheck := good[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", good[17])+1)%11])
		csv := importHeader +
			fmt.Sprintf("张三,%s,13812345678,阳谷县综合行政执法局,阿城镇综合行政执法办公室,行政编,队员,是,鲁A001,城市管理、市场监管,2024-01-01,2029-01-01\n", good) +
			fmt.Sprintf("李四,%s,,阳谷县综合行政执法局,,行政编,,否,,,,\n", badCheck) +
			fmt.Sprintf("王五,%s,,阳谷县综合行政执法局,,行政编,,否,,,,\n", good) +
			fmt.Sprintf("赵六,%s,,不存在的单位,,行政编,,否,,,,\n", other) +
			fmt.Sprintf("钱七,%s,,阳谷县综合行政执法局,,行政编,,否,,,,\n", existing) +
			fmt.Sprintf("孙八,%s,,阳谷县综合行政执法局,,行政编,,否,鲁A002,城市管理,2029-01-01,2024-01-01\n", f.nextID()) +
			fmt.Sprintf("周九,%s,,阳谷县综合行政执法局,,行政编,,否,鲁A001,城市管理,2024-01-01,2029-01-01\n", f.nextID()) +
			fmt.Sprintf("吴十,%s,,阳谷县综合行政执法局,,合同工,,否,,,,\n", f.nextID())
		people := f.count(t, `SELECT COUNT(*) FROM people`)
		entries := f.count(t, `SELECT COUNT(*) FROM audit_log`)

		_, err := f.svc.Import(ctx, f.admin, strings.NewReader(csv), nil)
		e := wantCode(t, err, "IMPORT_INVALID")
		want := []apperr.Detail{
			{Row: 3, Field: "idNumber", Code: "PERSON_ID_INVALID"},
			{Row: 4, Field: "idNumber", Code: "PERSON_ID_DUPLICATE"},
			{Row: 5, Field: "postOrgName", Code: "PERSON_ORG_NOT_FOUND"},
			{Row: 6, Field: "idNumber", Code: "PERSON_ID_EXISTS"}, // found when the batch meets the database
			{Row: 7, Field: "certValidTo", Code: "CERT_DATES_INVERTED"},
			{Row: 8, Field: "certNumber", Code: "CERT_NUMBER_DUPLICATE"},
			{Row: 9, Field: "postType", Code: "POST_TYPE_UNKNOWN"},
		}
		if len(e.Details) != len(want) {
			t.Fatalf("details = %+v, want %d", e.Details, len(want))
		}
		for i, w := range want {
			g := e.Details[i]
			if g.Row != w.Row || g.Field != w.Field || g.Code != w.Code || !strings.HasPrefix(g.Message, fmt.Sprintf("第%d行：", w.Row)) {
				t.Errorf("detail %d = %+v, want row %d %s %s", i, g, w.Row, w.Field, w.Code)
			}
		}
		if strings.Contains(fmt.Sprint(e.Details), good) {
			t.Error("a row error repeats a resident ID number")
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people`); n != people {
			t.Fatalf("people = %d after a rejected import, want %d", n, people)
		}
		// Nothing stays but the record that the caller learnt one number is registered (钱七).
		if n := f.count(t, `SELECT COUNT(*) FROM certificates`) + f.count(t, `SELECT COUNT(*) FROM audit_log`); n != entries+1 {
			t.Fatalf("a rejected import left certificates or audit entries")
		}
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND summary LIKE '%已登记%'`); n != 1 {
			t.Fatalf("the disclosure of a registered number is not audited")
		}

		// Organisations are looked up inside the caller's jurisdiction only.
		csv = importHeader + fmt.Sprintf("郑一,%s,,七级镇综合行政执法办公室,,行政编,,否,,,,\n", f.nextID())
		_, err = f.svc.Import(ctx, f.townA, strings.NewReader(csv), nil)
		if e := wantCode(t, err, "IMPORT_INVALID"); e.Details[0].Code != "PERSON_ORG_NOT_FOUND" {
			t.Fatalf("details = %+v", e.Details)
		}
		_, err = f.svc.Import(ctx, f.admin, strings.NewReader("姓名,身份证号\n"), nil)
		wantCode(t, err, "IMPORT_COLUMN_MISSING")
		_, err = f.svc.Import(ctx, f.admin, strings.NewReader(importHeader), nil)
		wantCode(t, err, "IMPORT_EMPTY")
	})
}

func TestImportCSVAndXLSX(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		csv := "姓名,身份证号,手机号,编制所在单位,使用单位,编制类型,职务,是否一线,执法证号,执法领域,有效期起,有效期止\n" +
			fmt.Sprintf("张三,%s,13812345678,阳谷县综合行政执法局,阿城镇综合行政执法办公室,行政编,队员,是,鲁A001,城市管理;市场监管,2024-01-01,2026-06-01\n", f.nextID()) +
			fmt.Sprintf("李四,%s,0635-6212345,城区执法大队,,事业编,大队长,否,,,,\n", strings.ToLower(f.nextID()))
		var seen []int
		res, err := f.svc.Import(ctx, access.System(), strings.NewReader(csv), func(n int) { seen = append(seen, n) })
		if err != nil {
			t.Fatal(err)
		}
		if res != (ImportResult{Kind: "people", Imported: 2}) || !slices.Equal(seen, []int{2}) {
			t.Fatalf("result %+v, progress %v", res, seen)
		}
		items, _, err := f.svc.List(ctx, f.admin, Filter{CertStatus: CertExpiring}, firstPage)
		if err != nil || len(items) != 1 || items[0].Name != "张三" || !items[0].Sunk || !items[0].Frontline ||
			items[0].Certificate == nil || items[0].Certificate.DaysLeft != 22 || len(items[0].Certificate.Domains) != 2 {
			t.Fatalf("imported 张三 = %+v, %v", items, err)
		}
		items, _, err = f.svc.List(ctx, f.townA, Filter{}, firstPage)
		if err != nil || !slices.Equal(names(items), []string{"张三"}) {
			t.Fatalf("township A sees %v, %v", names(items), err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = ? AND actor_name = '系统' AND summary = ?`,
			audit.ActionImport, "导入人员 2 人（含执法证 1 本）"); n != 1 {
			t.Fatalf("import audit entries = %d, want 1", n)
		}

		// The same layout as an Excel workbook.
		x := excelize.NewFile()
		rows := [][]any{
			{"姓名", "身份证号", "编制所在单位", "编制类型", "是否一线"},
			{"王五", f.nextID(), "七级镇综合行政执法办公室", "参公事业编", "是"},
		}
		for i, r := range rows {
			if err := x.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if res, err := f.svc.Import(ctx, f.admin, &buf, nil); err != nil || res.Imported != 1 {
			t.Fatalf("xlsx import: %+v, %v", res, err)
		}
		filled, err := f.svc.FilledPosts(ctx, []string{f.officeB.ID, f.brigade.ID})
		if err != nil || filled[f.officeB.ID].Civil != 1 || filled[f.brigade.ID].Institution != 1 {
			t.Fatalf("filled after import = %+v, %v", filled, err)
		}
	})
}

// TestImportReportsEveryProblemOfARow reports all of a row's mistakes at once, each with its
// line, column and code, under the limits of the single-record write; and a township's staffing
// officer cannot place anyone in an organisation outside the township.
func TestImportReportsEveryProblemOfARow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		good := f.nextID()
		csv := importHeader +
			fmt.Sprintf("%s,%s,12345,不存在的单位,,合同工,队员,也许,鲁A009,太空管理,2024-13-01,2029-01-01\n", strings.Repeat("张", 51), good[:17]+"Z") +
			fmt.Sprintf("李\u202e四,%s,,阳谷县综合行政执法局,,行政编,%s,否,,,,\n", f.nextID(), strings.Repeat("长", 51))
		people := f.count(t, `SELECT COUNT(*) FROM people`)
		_, err := f.svc.Import(ctx, f.admin, strings.NewReader(csv), nil)
		e := wantCode(t, err, "IMPORT_INVALID")
		var got []string
		for _, dt := range e.Details {
			got = append(got, fmt.Sprintf("%d %s %s", dt.Row, dt.Field, dt.Code))
			if !strings.HasPrefix(dt.Message, fmt.Sprintf("第%d行", dt.Row)) {
				t.Errorf("message %q does not name its line", dt.Message)
			}
		}
		want := []string{
			"2 frontline PERSON_FRONTLINE_INVALID", "2 name PERSON_NAME_TOO_LONG", "2 idNumber PERSON_ID_INVALID",
			"2 phone PERSON_PHONE_INVALID", "2 postType POST_TYPE_UNKNOWN", "2 postOrgName PERSON_ORG_NOT_FOUND",
			"2 certDomains DOMAIN_UNKNOWN", "2 certValidFrom DATE_INVALID",
			"3 name TEXT_INVALID_CHAR", "3 position TEXT_TOO_LONG",
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("details:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people`); n != people {
			t.Fatalf("people = %d after a refused import, want %d", n, people)
		}

		// Township A's officer: the county bureau and township B's office lie outside.
		csv = importHeader +
			fmt.Sprintf("郑一,%s,,阳谷县综合行政执法局,,行政编,,否,,,,\n", f.nextID()) +
			fmt.Sprintf("郑二,%s,,阿城镇综合行政执法办公室,七级镇综合行政执法办公室,行政编,,否,,,,\n", f.nextID())
		_, err = f.svc.Import(ctx, f.townA, strings.NewReader(csv), nil)
		e = wantCode(t, err, "IMPORT_INVALID")
		if len(e.Details) != 2 || e.Details[0].Field != "postOrgName" || e.Details[1].Field != "workOrgName" ||
			e.Details[0].Code != "PERSON_ORG_NOT_FOUND" || e.Details[1].Code != "PERSON_ORG_NOT_FOUND" {
			t.Fatalf("outside the township: %+v", e.Details)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM people`); n != people {
			t.Fatal("an import outside the jurisdiction registered people")
		}
	})
}
