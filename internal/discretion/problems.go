package discretion

import "zhifa/internal/platform/apperr"

// maxProblems bounds the problems reported for one benchmark.
const maxProblems = 100

// Rules cited by validation errors.
const (
	ruleGuidance     = "国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见（国办发〔2022〕27号）：裁量阶次应当在法定处罚种类和幅度内细化量化"
	ruleMitigation   = "行政处罚法 第三十二条；国办发〔2022〕27号：减轻处罚应当明确适用条件，且不得超出法定最低处罚"
	ruleNoPenalty    = "行政处罚法 第三十三条"
	rulePublish      = "行政处罚法 第三十四条：行政处罚裁量基准应当向社会公布"
	ruleBases        = "本辖区倍数、百分比罚款的计算基数目录（权责清单按辖区设置）"
	ruleLabels       = "本辖区裁量情节用语（辖区设置 " + LabelsKey + "）"
	ruleLegality     = "行政处罚法 第四条：应当给予行政处罚的，依照本法由法律、法规、规章规定"
	rulePrecondition = "行政处罚法 第二十八条第一款（责令改正）；违法行为以经责令改正拒不改正（逾期不改正）为要件的，该要件在适用裁量基准前确认一次，不作为裁量情节"
)

// Problem is one problem of a benchmark: where, what code, the message, and the rule it comes
// from. Warnings are problems the jurisdiction's rules only warn about (Mode "warning"): the
// benchmark is saved and published with them, and shows them.
type Problem struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Rule    string `json:"rule,omitempty"`
}

// problems collects every problem of an input, so that one answer lists them all; the first one
// gives the error its code, field and rule. Warnings are kept apart.
type problems struct {
	first    *apperr.Error
	details  []apperr.Detail
	warnings []Problem
	seen     map[Problem]bool
}

func (p *problems) add(field, code, msg, rule string) {
	if p.once(Problem{field, code, msg, "error"}) {
		return
	}
	if p.first == nil {
		p.first = &apperr.Error{Kind: apperr.KindInvalid, Code: code, Message: msg, Field: field, Rule: rule}
	}
	if len(p.details) < maxProblems {
		p.details = append(p.details, apperr.Detail{Field: field, Code: code, Message: msg})
	}
}

func (p *problems) warn(field, code, msg, rule string) {
	if p.once(Problem{field, code, msg, "warning"}) || len(p.warnings) >= maxProblems {
		return
	}
	p.warnings = append(p.warnings, Problem{Field: field, Code: code, Message: msg, Rule: rule})
}

// once reports a problem already reported: checks that run once per party type find the same
// problem of a rule that applies to several.
func (p *problems) once(k Problem) bool {
	if p.seen == nil {
		p.seen = map[Problem]bool{}
	}
	if p.seen[k] {
		return true
	}
	p.seen[k] = true
	return false
}

// by reports a problem as the jurisdiction's mode for its check says: not at all, as a warning,
// or as an error. The message says which.
func (p *problems) by(mode Mode, field, code, msg, rule string) {
	switch mode {
	case ModeError:
		p.add(field, code, msg, rule)
	case ModeWarning:
		p.warn(field, code, msg+"（提醒）", rule)
	}
}

// err returns nil when nothing was wrong, else the first problem with every problem as details.
func (p *problems) err() error {
	if p.first == nil {
		return nil
	}
	e := *p.first
	e.Details = p.details
	return &e
}
