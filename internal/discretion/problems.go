package discretion

import "zhifa/internal/platform/apperr"

// maxProblems bounds the problems reported for one benchmark.
const maxProblems = 100

// Rules cited by validation errors.
const (
	ruleGuidance   = "国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见（国办发〔2022〕27号）：裁量阶次应当在法定处罚种类和幅度内细化量化"
	ruleMitigation = "行政处罚法 第三十二条；国办发〔2022〕27号：减轻处罚应当明确适用条件，且不得超出法定最低处罚"
	ruleNoPenalty  = "行政处罚法 第三十三条"
	rulePublish    = "行政处罚法 第三十四条：行政处罚裁量基准应当向社会公布"
)

// problems collects every problem of an input, so that one answer lists them all; the first one
// gives the error its code, field and rule.
type problems struct {
	first   *apperr.Error
	details []apperr.Detail
}

func (p *problems) add(field, code, msg, rule string) {
	if p.first == nil {
		p.first = &apperr.Error{Kind: apperr.KindInvalid, Code: code, Message: msg, Field: field, Rule: rule}
	}
	if len(p.details) < maxProblems {
		p.details = append(p.details, apperr.Detail{Field: field, Code: code, Message: msg})
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
