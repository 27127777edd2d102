package discretion

import (
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/lifecycle"
)

// Input creates a draft or changes one. RegionCode defaults to the root of the caller's
// jurisdiction; ItemID and RegionCode of an existing draft cannot change.
type Input struct {
	ItemID     string `json:"itemId" text:"64"`
	RegionCode string `json:"regionCode" text:"12"`
	Title      string `json:"title" text:"200"`
	Note       string `json:"note" text:"2000,multiline"`
	Content
}

// Limits on the texts of a benchmark (the lifecycle's are in internal/platform/lifecycle).
const (
	MaxTitleLen         = 200
	MaxBenchmarkNoteLen = 2000
)

// checkText normalises the texts of an input; the content is validated separately.
func (in *Input) checkText() error {
	in.ItemID, in.RegionCode = strings.TrimSpace(in.ItemID), strings.TrimSpace(in.RegionCode)
	in.Title, in.Note = strings.TrimSpace(in.Title), strings.TrimSpace(in.Note)
	if in.ItemID == "" {
		return apperr.InvalidField("itemId", "DISCRETION_ITEM_REQUIRED", "请选择权责清单事项")
	}
	if utf8.RuneCountInString(in.Title) > MaxTitleLen {
		return apperr.InvalidField("title", "DISCRETION_TEXT_TOO_LONG", "基准名称不能超过200个字")
	}
	if utf8.RuneCountInString(in.Note) > MaxBenchmarkNoteLen {
		return apperr.InvalidField("note", "DISCRETION_TEXT_TOO_LONG", "说明不能超过2000个字")
	}
	return nil
}

// parseDate reads a date field (label: its Chinese name) as the YYYY-MM-DD text benchmarks keep.
func parseDate(field, label, s string) (string, error) {
	d, err := civil.ParseDate(field, label, s)
	return d.String(), err
}

// dateOr parses an optional date, defaulting to def when it is empty.
func dateOr(field, label, s, def string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return def, nil
	}
	return parseDate(field, label, s)
}

// Filter narrows a listing of benchmark versions.
type Filter struct {
	ItemID     string           `json:"itemId,omitempty" query:"itemId" doc:"事项 id"`
	ItemCode   string           `json:"itemCode,omitempty" query:"itemCode" doc:"事项编码"`
	Status     lifecycle.Status `json:"status,omitempty" query:"status" doc:"draft、published、repealed"`
	Query      string           `json:"q,omitempty" query:"q" doc:"名称、文号、事项编码或名称"`
	RegionCode string           `json:"regionCode,omitempty" query:"regionCode" doc:"只看该辖区制定的"`
	InForce    bool             `json:"inForce,omitempty" query:"inForce" doc:"只看在 date（默认今天）施行的版本"`
	Date       string           `json:"date,omitempty" query:"date" doc:"inForce 所指的日期，默认今天"`
}

// EvaluateRequest asks which tier applies to an act: the item, the date of the act (the
// benchmark and statute in force that day apply), the jurisdiction of the case (default the root
// of the caller's) and the facts.
type EvaluateRequest struct {
	ItemID     string `json:"itemId"`
	ActDate    string `json:"actDate"`
	RegionCode string `json:"regionCode"`
	Facts      Facts  `json:"facts"`
}

// ProposeRequest asks for tiers split by rule for an item's statute on a date (default today),
// with the rules of a jurisdiction (default the root of the caller's).
type ProposeRequest struct {
	ItemID     string `json:"itemId"`
	Date       string `json:"date"`
	RegionCode string `json:"regionCode"`
}
