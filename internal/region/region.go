// Package region keeps the tree of administrative divisions (行政区划) with the statistics
// bureau's 12-digit codes: province, city, county/district, township/street, village/community.
package region

import (
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/apperr"
)

// Levels of the tree.
const (
	LevelProvince = 1 // 省
	LevelCity     = 2 // 市
	LevelCounty   = 3 // 县/区
	LevelTownship = 4 // 乡镇/街道
	LevelVillage  = 5 // 村/社区
)

// LevelName is the Chinese name of a level.
func LevelName(level int) string {
	return [...]string{"", "省级", "市级", "县级", "乡级", "村级"}[level]
}

// Region is one division.
type Region struct {
	Code       string  `db:"code" json:"code"`
	Name       string  `db:"name" json:"name"`
	Level      int     `db:"level" json:"level"`
	ParentCode *string `db:"parent_code" json:"parentCode"`
	ChildCount int     `db:"child_count" json:"childCount"`
	PathName   string  `db:"-" json:"pathName,omitempty"`
}

// Detail is a region with the path from the top of the tree.
type Detail struct {
	Region
	Path []Ref `json:"path"`
}

// Ref names a region.
type Ref struct {
	Code string `db:"code" json:"code"`
	Name string `db:"name" json:"name"`
}

// prefixLen is the number of significant digits at each level (GB/T 2260 and the statistics
// bureau's 统计用区划代码: 2 province, 2 city, 2 county, 3 township, 3 village).
var prefixLen = [...]int{0, 2, 4, 6, 9, 12}

// NormalizeCode accepts a code of 2, 4, 6, 9 or 12 digits and returns the 12-digit code and its
// level. Shorter codes are padded with zeros as the statistics bureau writes them.
func NormalizeCode(raw string) (string, int, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", 0, apperr.InvalidField("code", "REGION_CODE_REQUIRED", "区划代码不能为空")
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return "", 0, apperr.InvalidField("code", "REGION_CODE_INVALID", "区划代码只能由数字组成："+s)
		}
	}
	switch len(s) {
	case 2, 4, 6, 9:
		s += strings.Repeat("0", 12-len(s))
	case 12:
	default:
		return "", 0, apperr.InvalidField("code", "REGION_CODE_INVALID", "区划代码应为2、4、6、9或12位数字："+s)
	}
	level := LevelOf(s)
	if level == 0 || s[:2] == "00" {
		return "", 0, apperr.InvalidField("code", "REGION_CODE_INVALID", "区划代码无效："+s)
	}
	return s, level, nil
}

// LevelOf derives the level of a 12-digit code from its trailing zeros.
func LevelOf(code string) int {
	if len(code) != 12 {
		return 0
	}
	switch {
	case code[2:] == "0000000000":
		return LevelProvince
	case code[4:] == "00000000":
		return LevelCity
	case code[6:] == "000000":
		return LevelCounty
	case code[9:] == "000":
		return LevelTownship
	}
	return LevelVillage
}

// Ancestors returns the codes above a 12-digit code, top first.
func Ancestors(code string) []string {
	level := LevelOf(code)
	out := make([]string, 0, level)
	for l := LevelProvince; l < level; l++ {
		n := prefixLen[l]
		a := code[:n] + strings.Repeat("0", 12-n)
		// A city without counties (不设区的地级市, e.g. 东莞 4419) has its townships directly below
		// it, so its county-level prefix names the city itself.
		if len(out) > 0 && out[len(out)-1] == a {
			continue
		}
		out = append(out, a)
	}
	return out
}

// DirectlyUnderCity reports a township of a city without counties: its county digits are 00.
func DirectlyUnderCity(code string) bool {
	return LevelOf(code) == LevelTownship && code[4:6] == "00"
}

// CheckParent verifies that parent may hold a child with the given code: one level up and a
// prefix of the child's code.
func CheckParent(code string, level int, parent string) error {
	if level == LevelProvince {
		if parent != "" {
			return apperr.InvalidField("parentCode", "REGION_PARENT_MISMATCH", "省级区划不应有上级区划")
		}
		return nil
	}
	if parent == "" {
		return apperr.InvalidField("parentCode", "REGION_PARENT_REQUIRED", "缺少上级区划代码")
	}
	pl := LevelOf(parent)
	want := level - 1
	if DirectlyUnderCity(code) {
		want = LevelCity
	}
	if pl != want || !strings.HasPrefix(code, parent[:prefixLen[pl]]) {
		return apperr.InvalidField("parentCode", "REGION_PARENT_MISMATCH",
			"上级区划代码 "+parent+" 与区划代码 "+code+" 不相符（应为上一级且代码前缀一致）")
	}
	return nil
}

// AuditKinds are the kinds of record this feature writes to the audit log.
var AuditKinds = []audit.Kind{{Code: "region", Name: "行政区划"}}
