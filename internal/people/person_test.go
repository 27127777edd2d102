package people

import (
	"testing"

	"zhifa/internal/org"
	"zhifa/internal/platform/apperr"
)

func TestIsSunk(t *testing.T) {
	cases := []struct {
		name       string
		post, work string
		kind       org.Kind
		workRegion string
		want       bool
	}{
		{"county bureau staff used by a township office", "bureau", "office", org.KindTownshipOffice, "371521100000", true},
		{"used by a squadron seated in a township", "bureau", "squadron", org.KindSquadron, "371521100000", true},
		{"works where posted", "office", "office", org.KindTownshipOffice, "371521100000", false},
		{"lent to a county brigade", "bureau", "brigade", org.KindBrigade, "371521000000", false},
		{"used by a village body is not township level", "bureau", "village", org.KindStationed, "371521100001", false},
	}
	for _, c := range cases {
		if got := IsSunk(c.post, c.work, c.kind, c.workRegion); got != c.want {
			t.Errorf("%s: IsSunk = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestInputCheck(t *testing.T) {
	good := Input{Name: " 张三 ", IDNumber: "371521198503121235", Phone: "13812345678", PostOrgID: "a", WorkOrgID: "b", PostType: "行政编"}
	c, err := good.check(testToday)
	if err != nil || c.Name != "张三" || c.postType != org.PostAdmin || c.id.Gender != GenderMale {
		t.Fatalf("check = %+v, %v", c, err)
	}
	cases := []struct {
		name  string
		edit  func(*Input)
		code  string
		field string
	}{
		{"name", func(in *Input) { in.Name = "  " }, "PERSON_NAME_REQUIRED", "name"},
		{"id", func(in *Input) { in.IDNumber = "371521198503121234" }, "PERSON_ID_INVALID", "idNumber"},
		{"phone", func(in *Input) { in.Phone = "12345" }, "PERSON_PHONE_INVALID", "phone"},
		{"post type", func(in *Input) { in.PostType = "临时工" }, "POST_TYPE_UNKNOWN", "postType"},
		{"post org", func(in *Input) { in.PostOrgID = "" }, "PERSON_ORG_NOT_FOUND", "postOrgId"},
		{"work org", func(in *Input) { in.WorkOrgID = "" }, "PERSON_ORG_NOT_FOUND", "workOrgId"},
	}
	for _, tc := range cases {
		in := good
		tc.edit(&in)
		_, err := in.check(testToday)
		if e := apperr.As(err); err == nil || e.Code != tc.code || e.Field != tc.field {
			t.Errorf("%s: error = %v, want %s on %s", tc.name, err, tc.code, tc.field)
		}
	}
}
