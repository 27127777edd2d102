package catalog

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"zhifa/internal/law"
	"zhifa/internal/platform/apperr"
)

// Input creates an item (with Code and, optionally, RegionCode) or a new version of one.
type Input struct {
	Code            string         `json:"code,omitempty" text:"64"`
	RegionCode      string         `json:"regionCode,omitempty" text:"12"` // catalogue jurisdiction; defaults to the owner's region
	Name            string         `json:"name" text:"200"`
	Type            ItemType       `json:"type" text:"32"`
	Domain          string         `json:"domain" text:"50"`
	Category        Category       `json:"category" text:"32"`
	Level           Level          `json:"level" text:"32"`
	OwnerOrgID      string         `json:"ownerOrgId" text:"64"`
	ViolatedBasis   []law.Citation `json:"violatedBasis"`
	PenaltyBasis    []law.Citation `json:"penaltyBasis"`
	PenaltyKinds    []string       `json:"penaltyKinds" text:"50"`
	Fine            Fine           `json:"fine"`
	SuperviseDuties []string       `json:"superviseDuties"`
	EnforceDuties   []string       `json:"enforceDuties"`
	EffectiveFrom   string         `json:"effectiveFrom" text:"10"`
	DocNo           string         `json:"docNo" text:"100"`
	DocTitle        string         `json:"docTitle,omitempty" text:"200"`
	Note            string         `json:"note" text:"2000,multiline"`
}

// MaxCodeLen bounds an item code.
const MaxCodeLen = 64

// CheckCode validates an item code (事项编码): letters, digits and - _ . only.
func CheckCode(field, code string) (string, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return "", apperr.InvalidField(field, "CATALOG_CODE_REQUIRED", "事项编码不能为空")
	}
	if len(code) > MaxCodeLen {
		return "", apperr.InvalidField(field, "CATALOG_CODE_INVALID", fmt.Sprintf("事项编码不能超过%d个字符", MaxCodeLen))
	}
	for _, r := range code {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '-' || r == '_' || r == '.') {
			return "", apperr.InvalidField(field, "CATALOG_CODE_INVALID", "事项编码只能由字母、数字和 - _ . 组成："+code)
		}
	}
	return code, nil
}

// check validates and normalises the fields that need no database. The domain is checked
// against the domain table by the caller.
func (in *Input) check() error {
	if errs := in.checkAll(); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// checkAll is check reporting every problem, in the order check meets them, as an import row
// does. The penalty kinds and the fine are checked only against a known item type.
func (in *Input) checkAll() []error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	in.Name = strings.TrimSpace(in.Name)
	in.Domain = strings.TrimSpace(in.Domain)
	in.DocNo = strings.TrimSpace(in.DocNo)
	in.DocTitle = strings.TrimSpace(in.DocTitle)
	in.Note = strings.TrimSpace(in.Note)
	if in.Name == "" {
		add(apperr.InvalidField("name", "CATALOG_NAME_REQUIRED", "事项名称不能为空"))
	}
	knownType := TypeName(in.Type) != ""
	if !knownType {
		add(apperr.InvalidField("type", "CATALOG_TYPE_UNKNOWN", "未知事项类型："+string(in.Type)+"（应为行政处罚、行政强制、行政检查、行政征收或其他）"))
	}
	if in.Domain == "" {
		add(apperr.InvalidField("domain", "CATALOG_DOMAIN_REQUIRED", "执法领域不能为空"))
	}
	if in.Category == "" {
		in.Category = CategoryGeneral
	}
	if CategoryName(in.Category) == "" {
		add(apperr.InvalidField("category", "CATALOG_CATEGORY_UNKNOWN", "未知事项类别："+string(in.Category)+"（应为一般性或专业性）"))
	}
	if in.Level == "" {
		in.Level = LevelCounty
	}
	if LevelName(in.Level) == "" {
		add(apperr.InvalidField("level", "CATALOG_LEVEL_UNKNOWN", "未知行使层级："+string(in.Level)+"（应为省级、市级、县级或乡级）"))
	}
	if strings.TrimSpace(in.OwnerOrgID) == "" {
		add(apperr.InvalidField("ownerOrgId", "CATALOG_OWNER_REQUIRED", "业务主管部门不能为空"))
	}
	for i := range in.ViolatedBasis {
		add(in.ViolatedBasis[i].Check(fmt.Sprintf("violatedBasis[%d]", i)))
	}
	for i := range in.PenaltyBasis {
		add(in.PenaltyBasis[i].Check(fmt.Sprintf("penaltyBasis[%d]", i)))
	}
	if in.ViolatedBasis == nil {
		in.ViolatedBasis = []law.Citation{}
	}
	if in.PenaltyBasis == nil {
		in.PenaltyBasis = []law.Citation{}
	}
	if knownType {
		kinds, err := checkKinds(in.Type, in.PenaltyKinds)
		if err == nil {
			in.PenaltyKinds = kinds
		}
		add(err)
		add(checkFine(in.Type, &in.Fine))
	}
	in.SuperviseDuties = cleanList(in.SuperviseDuties)
	in.EnforceDuties = cleanList(in.EnforceDuties)
	var err error
	if in.EffectiveFrom, err = dateOr("effectiveFrom", "生效日期", in.EffectiveFrom, ""); err != nil {
		add(err)
	}
	return errs
}

func cleanList(ss []string) []string {
	out := []string{}
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// checkKinds validates penalty kinds: known kinds or 其他…, no repeats, only on penalty items.
func checkKinds(t ItemType, kinds []string) ([]string, error) {
	out := []string{}
	for _, k := range kinds {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if !slices.Contains(PenaltyKinds, k) && !isOtherKind(k) {
			return nil, apperr.InvalidField("penaltyKinds", "CATALOG_PENALTY_KIND_UNKNOWN",
				"未知处罚种类："+k+"（应为"+strings.Join(PenaltyKinds, "、")+"，或以“其他”开头）")
		}
		if slices.Contains(out, k) {
			return nil, apperr.InvalidField("penaltyKinds", "CATALOG_PENALTY_KIND_DUPLICATE", "处罚种类重复："+k)
		}
		out = append(out, k)
	}
	if len(out) > 0 && t != TypePenalty {
		return nil, apperr.InvalidField("penaltyKinds", "CATALOG_PENALTY_KIND_NOT_PENALTY", "只有行政处罚事项才有处罚种类")
	}
	return out, nil
}

// checkFine validates a statutory fine range and normalises its unit. Whether the multiple base is
// in the jurisdiction's vocabulary is checked by the service (checkBase), which knows the region.
func checkFine(t ItemType, f *Fine) error {
	f.MultipleBase = strings.TrimSpace(f.MultipleBase)
	f.Unit = strings.TrimSpace(f.Unit)
	if f.Empty() && f.MultipleBase == "" && f.Unit == "" {
		return nil
	}
	if t != TypePenalty {
		return apperr.InvalidField("fine", "CATALOG_FINE_NOT_PENALTY", "只有行政处罚事项才有罚款幅度")
	}
	for _, p := range []*int64{f.MinFen, f.MaxFen, f.PerUnitMinFen, f.PerUnitMaxFen} {
		if p != nil && *p < 0 {
			return apperr.InvalidField("fine", "CATALOG_FINE_INVALID", "罚款幅度不能为负数")
		}
	}
	if (f.MultipleMin != nil && *f.MultipleMin < 0) || (f.MultipleMax != nil && *f.MultipleMax < 0) {
		return apperr.InvalidField("fine", "CATALOG_FINE_INVALID", "罚款幅度不能为负数")
	}
	if f.MinFen != nil && f.MaxFen != nil && *f.MinFen > *f.MaxFen {
		return apperr.InvalidField("fine.minFen", "CATALOG_FINE_RANGE", "罚款下限不能高于上限")
	}
	if f.MultipleMin != nil && f.MultipleMax != nil && *f.MultipleMin > *f.MultipleMax {
		return apperr.InvalidField("fine.multipleMin", "CATALOG_FINE_RANGE", "倍数下限不能高于上限")
	}
	hasPerUnit := f.PerUnitMinFen != nil || f.PerUnitMaxFen != nil
	if f.Unit != "" {
		u, err := CheckUnit("fine.unit", f.Unit)
		if err != nil {
			return err
		}
		f.Unit = u
		if !hasPerUnit {
			return apperr.InvalidField("fine.perUnitMaxFen", "CATALOG_FINE_PER_UNIT_REQUIRED", "写明了计罚单位“"+f.Unit+"”，但没有每"+f.Unit+"的罚款金额")
		}
	} else if hasPerUnit {
		return apperr.InvalidField("fine.unit", "CATALOG_FINE_UNIT_REQUIRED", "按单位计算的罚款须写明计罚单位（如处、平方米、日、辆、件）")
	}
	if f.PerUnitMinFen != nil && f.PerUnitMaxFen != nil && *f.PerUnitMinFen > *f.PerUnitMaxFen {
		return apperr.InvalidField("fine.perUnitMinFen", "CATALOG_FINE_RANGE", "每"+f.Unit+"罚款下限不能高于上限")
	}
	hasMultiple := f.MultipleMin != nil || f.MultipleMax != nil
	if hasMultiple && f.MultipleBase == "" {
		return apperr.InvalidField("fine.multipleBase", "CATALOG_MULTIPLE_BASE_REQUIRED", "按倍数计算的罚款须写明倍数基数（如"+strings.Join(NationalBases[:3], "、")+"）")
	}
	if f.MultipleBase != "" && !hasMultiple {
		return apperr.InvalidField("fine.multipleBase", "CATALOG_MULTIPLE_REQUIRED", "写明了倍数基数，但没有倍数上下限")
	}
	return nil
}

// Rules cited when publication is refused.
const (
	// RuleBasis: 处罚法定 and publication of the rules (行政处罚法 第四条、第五条第三款); the reform
	// cancels catalogue items that have no legal basis.
	RuleBasis = "《中华人民共和国行政处罚法》第四条：公民、法人或者其他组织违反行政管理秩序的行为，应当给予行政处罚的，依照本法由法律、法规、规章规定；第五条第三款：对违法行为给予行政处罚的规定必须公布；未经公布的，不得作为行政处罚的依据"
	// RuleOwner: every item has a competent line department (谁主管谁监管).
	RuleOwner = "权责清单：每一事项须明确业务主管部门（谁审批谁监管、谁主管谁监管）"
)

// Problem is one thing that stops an item from being published, or one finding of the checks report.
type Problem struct {
	Code     string `json:"code"`
	Severity string `json:"severity" jsonschema:"enum=error,enum=warning"` // error: blocks publication or makes answers wrong; warning: needs a look
	ItemID   string `json:"itemId,omitempty"`
	ItemCode string `json:"itemCode,omitempty"`
	ItemName string `json:"itemName,omitempty"`
	Field    string `json:"field,omitempty"`
	Message  string `json:"message"`
	Rule     string `json:"rule,omitempty"`
}

// Severities of a problem.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// BasisProblems lists what is missing from a version's legal basis (行政处罚法 第四条): a penalty
// item needs both the violated provision (违法依据) and the penalty provision (处罚依据); any
// other item needs at least one reference.
func BasisProblems(code string, v *Version) []Problem {
	p := func(field, msg string) Problem {
		return Problem{Code: "CATALOG_BASIS_REQUIRED", Severity: SeverityError, ItemID: v.ItemID, ItemCode: code,
			ItemName: v.Name, Field: field, Message: msg, Rule: RuleBasis}
	}
	var out []Problem
	if v.Type == TypePenalty {
		if len(v.ViolatedBasis) == 0 {
			out = append(out, p("violatedBasis", fmt.Sprintf("事项%s“%s”缺少违法依据，无法定依据的处罚事项不得发布", code, v.Name)))
		}
		if len(v.PenaltyBasis) == 0 {
			out = append(out, p("penaltyBasis", fmt.Sprintf("事项%s“%s”缺少处罚依据，无法定依据的处罚事项不得发布", code, v.Name)))
		}
		return out
	}
	if len(v.ViolatedBasis) == 0 && len(v.PenaltyBasis) == 0 {
		out = append(out, p("violatedBasis", fmt.Sprintf("事项%s“%s”缺少法律依据，无法定依据的事项应予取消，不得发布", code, v.Name)))
	}
	return out
}

// SplitKinds splits a cell of penalty kinds on "、" (or "，", ",", ";"), but not inside
// parentheses: 其他（责令退还非法占用的土地、限期拆除） is one kind.
func SplitKinds(cell string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	flush := func() {
		if k := strings.TrimSpace(cur.String()); k != "" {
			out = append(out, k)
		}
		cur.Reset()
	}
	for _, r := range cell {
		switch {
		case r == '（' || r == '(':
			depth++
		case (r == '）' || r == ')') && depth > 0:
			depth--
		case depth == 0 && (r == '、' || r == '，' || r == ',' || r == ';' || r == '；'):
			flush()
			continue
		}
		cur.WriteRune(r)
	}
	flush()
	return out
}
