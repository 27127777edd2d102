package catalog

import (
	"reflect"
	"strings"

	"zhifa/internal/law"
)

// FieldChange is one field that differs between two versions.
type FieldChange struct {
	Field  string `json:"field"`
	Label  string `json:"label"`
	Before any    `json:"before"`
	After  any    `json:"after"`
}

// DiffVersions lists the fields of the content that differ from a to b; either may be nil (the
// item was not in force), in which case every field of the other one is listed.
func DiffVersions(a, b *Version) []FieldChange {
	type field struct {
		name, label string
		get         func(*Version) any
	}
	fields := []field{
		{"name", "事项名称", func(v *Version) any { return v.Name }},
		{"type", "事项类型", func(v *Version) any { return v.TypeName }},
		{"domain", "执法领域", func(v *Version) any { return v.Domain }},
		{"category", "一般性/专业性", func(v *Version) any { return v.CategoryName }},
		{"level", "行使层级", func(v *Version) any { return v.LevelName }},
		{"ownerOrgId", "业务主管部门", func(v *Version) any { return v.OwnerOrgName }},
		{"violatedBasis", "违法依据", func(v *Version) any { return law.FormatCitations(v.ViolatedBasis) }},
		{"penaltyBasis", "处罚依据", func(v *Version) any { return law.FormatCitations(v.PenaltyBasis) }},
		{"penaltyKinds", "处罚种类", func(v *Version) any { return strings.Join(v.PenaltyKinds, "、") }},
		{"fine", "罚款幅度", func(v *Version) any { return describeFine(v.Fine) }},
		{"superviseDuties", "主管部门职责", func(v *Version) any { return strings.Join(v.SuperviseDuties, "；") }},
		{"enforceDuties", "执法部门职责", func(v *Version) any { return strings.Join(v.EnforceDuties, "；") }},
	}
	out := []FieldChange{}
	for _, f := range fields {
		var before, after any
		if a != nil {
			before = f.get(a)
		}
		if b != nil {
			after = f.get(b)
		}
		if !reflect.DeepEqual(before, after) {
			out = append(out, FieldChange{Field: f.name, Label: f.label, Before: before, After: after})
		}
	}
	return out
}

// DiffOrgItems compares what an organisation exercised on two dates: items it gained (in b, not in
// a) and lost (in a, not in b), each by code.
func DiffOrgItems(a, b []OrgItem) (gained, lost []OrgItem) {
	set := func(xs []OrgItem) map[string]bool {
		m := make(map[string]bool, len(xs))
		for _, x := range xs {
			m[x.ItemID] = true
		}
		return m
	}
	inA, inB := set(a), set(b)
	gained, lost = []OrgItem{}, []OrgItem{}
	for _, x := range b {
		if !inA[x.ItemID] {
			gained = append(gained, x)
		}
	}
	for _, x := range a {
		if !inB[x.ItemID] {
			lost = append(lost, x)
		}
	}
	return gained, lost
}
