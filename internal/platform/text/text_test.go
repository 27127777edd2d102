package text

import (
	"strings"
	"testing"

	"zhifa/internal/platform/apperr"
)

func TestCheck(t *testing.T) {
	cases := []struct {
		name, s string
		l       Limit
		code    string
	}{
		{"plain Chinese", "阳谷县综合行政执法局", Name, ""},
		{"rare character in the private use area", "张\ue000", Name, ""},
		{"at the limit", strings.Repeat("镇", 100), Name, ""},
		{"over the limit", strings.Repeat("镇", 101), Name, "TEXT_TOO_LONG"},
		{"ten megabytes", strings.Repeat("a", 10<<20), Name, "TEXT_TOO_LONG"},
		{"NUL", "张\x00三", Name, "TEXT_INVALID_CHAR"},
		{"bell", "张\a三", Name, "TEXT_INVALID_CHAR"},
		{"C1 control", "张\u0085三", Name, "TEXT_INVALID_CHAR"},
		{"right-to-left override", "罚款\u202e0001", Short, "TEXT_INVALID_CHAR"},
		{"isolate", "a\u2067b", Short, "TEXT_INVALID_CHAR"},
		{"invalid UTF-8", "张\xff三", Name, "TEXT_INVALID_CHAR"},
		{"replacement character", "张\ufffd三", Name, "TEXT_INVALID_CHAR"},
		{"zero-width space", "张\u200b三", Name, "TEXT_INVALID_CHAR"},
		{"newline in a name", "张\n三", Name, "TEXT_INVALID_CHAR"},
		{"newline in a reason", "第一行\n第二行\t完", Paragraph, ""},
		{"noncharacter", "a\uffffb", Paragraph, "TEXT_INVALID_CHAR"},
	}
	for _, c := range cases {
		err := Check("name", c.s, c.l)
		if c.code == "" && err != nil || c.code != "" && !apperr.Is(err, c.code) {
			t.Errorf("%s: %v, want %q", c.name, err, c.code)
		}
		if err != nil && apperr.As(err).Field != "name" {
			t.Errorf("%s: error names field %q", c.name, apperr.As(err).Field)
		}
	}
}

type inner struct {
	Measures []string `json:"measures" text:"5"`
}

type body struct {
	Name   string            `json:"name" text:"10"`
	Reason string            `json:"reason" text:"20,multiline"`
	Free   string            `json:"free"`
	Tiers  []inner           `json:"tiers"`
	Labels map[string]string `json:"labels"`
	Ptr    *string           `json:"ptr" text:"3"`
	inner
}

func TestStructNamesTheFieldByItsJSONPath(t *testing.T) {
	long := "abcd"
	cases := []struct {
		b     body
		field string
	}{
		{body{Name: "阳谷"}, ""},
		{body{Name: "12345678901"}, "name"},
		{body{Reason: "一\n二"}, ""},
		{body{Name: "一\n二"}, "name"},
		{body{Free: strings.Repeat("x", DefaultMax+1)}, "free"},
		{body{Tiers: []inner{{}, {Measures: []string{"ok", "toolong"}}}}, "tiers[1].measures[1]"},
		{body{Labels: map[string]string{"k": "\x00"}}, "labels[k]"},
		{body{Ptr: &long}, "ptr"},
	}
	for _, c := range cases {
		err := Struct(&c.b)
		if c.field == "" && err != nil || c.field != "" && (err == nil || apperr.As(err).Field != c.field) {
			t.Errorf("%+v: %v, want field %q", c.b, err, c.field)
		}
	}
}

func TestAllReportsEveryBadString(t *testing.T) {
	type item struct {
		Name  string   `json:"name" text:"5"`
		Kinds []string `json:"kinds" text:"3"`
		Note  string   `json:"note" text:"multiline"`
	}
	v := item{Name: "六个字的名字", Kinds: []string{"罚款", "其他处罚", "警告"}, Note: "a\x00b"}
	errs := All(&v)
	var fields []string
	for _, err := range errs {
		fields = append(fields, apperr.As(err).Field+" "+apperr.As(err).Code)
	}
	if strings.Join(fields, ",") != "name TEXT_TOO_LONG,kinds[1] TEXT_TOO_LONG,note TEXT_INVALID_CHAR" {
		t.Fatalf("All = %v", fields)
	}
	if err := Struct(&v); apperr.As(err).Field != "name" {
		t.Fatalf("Struct reports the first: %v", err)
	}
	if f, bad := Find("张\xff", Name); !bad || f.Rune != 0xfffd || f.Pos != 1 {
		t.Fatalf("Find = %+v %v", f, bad)
	}
}
