package lifecycle

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// Kind is one kind of versioned record and what its lifecycle requires beyond the common rules.
type Kind struct {
	// Name is how messages call a version of the kind: 事项版本, 裁量基准, 文书模板.
	Name string
	// PublishRule cites the rule that makes publication need an approving document, for the
	// errors that refuse a publication without one.
	PublishRule string
	// RepealDocRequired makes a repeal name the repealing document's number (文号), as a
	// catalogue adjustment approved by the government does.
	RepealDocRequired bool
}

func (k Kind) name() string {
	if k.Name == "" {
		return "版本"
	}
	return k.Name
}

// Transition checks a change of status. A version moves one way only: a draft may be saved again
// as a draft or published; a published version may be repealed; nothing else. Every refusal is a
// 409 with its own code: VERSION_NOT_DRAFT (only a draft can be changed, deleted or published)
// and VERSION_NOT_PUBLISHED (only a published version can be repealed).
func (k Kind) Transition(from, to Status) error {
	if StatusName(from) == "" || StatusName(to) == "" {
		return apperr.Invalid("VERSION_STATUS_UNKNOWN", fmt.Sprintf("未知状态：%s → %s（应为 draft、published 或 repealed）", from, to))
	}
	switch {
	case from == Draft && to != Repealed, from == Published && to == Repealed:
		return nil
	case to == Draft && from == Published:
		return apperr.Conflict("VERSION_NOT_DRAFT", fmt.Sprintf("已发布的%s不能修改或删除；请修订为新版本", k.name()))
	case to == Draft:
		return apperr.Conflict("VERSION_NOT_DRAFT", fmt.Sprintf("已废止的%s不能修改或删除", k.name()))
	case to == Published && from == Published:
		return apperr.Conflict("VERSION_NOT_DRAFT", fmt.Sprintf("该%s已发布；只能发布草稿", k.name()))
	case to == Published:
		return apperr.Conflict("VERSION_NOT_DRAFT", fmt.Sprintf("该%s已废止，不能再发布；只能发布草稿", k.name()))
	case from == Draft:
		return apperr.Conflict("VERSION_NOT_PUBLISHED", "草稿尚未发布，不能废止；不需要的草稿可以删除")
	}
	return apperr.Conflict("VERSION_NOT_PUBLISHED", fmt.Sprintf("该%s已废止，不能再次废止", k.name()))
}

// Editable checks that a version may be changed or deleted: only a draft may.
func (k Kind) Editable(r Record) error { return k.Transition(r.Status, Draft) }

// Next starts a new version of a series: the record of a draft numbered after the highest version,
// or VERSION_DRAFT_EXISTS (409) when the series already holds a draft, which is edited, published
// or deleted first. A store adding versions concurrently relies on a unique index on the number.
func Next[V Versioned](k Kind, vs []V) (Record, error) {
	if i := DraftOf(vs); i >= 0 {
		return Record{}, DraftExists(k, vs[i].Lifecycle().Version)
	}
	return NewDraft(NextVersion(vs)), nil
}

// DraftExists is the refusal of a second draft in a series; a store reports it too when its
// unique index on the version number refuses a concurrent addition.
func DraftExists(k Kind, draftVersion int) *apperr.Error {
	which := "草稿"
	if draftVersion > 0 {
		which = fmt.Sprintf("草稿（第%d版）", draftVersion)
	}
	return apperr.Conflict("VERSION_DRAFT_EXISTS", fmt.Sprintf("该%s已有待发布的%s，请修改、发布或删除该草稿后再新增版本", k.name(), which))
}

// PublishInput publishes a draft. EffectiveFrom, DocNo and DocTitle replace what the draft holds
// when given (a kind may let its drafts plan them); once merged, the effective date and the
// document number are required. Revision is the draft's revision as the caller read it.
type PublishInput struct {
	EffectiveFrom string `json:"effectiveFrom,omitempty" text:"10"`
	DocNo         string `json:"docNo,omitempty" text:"100"`
	DocTitle      string `json:"docTitle,omitempty" text:"200"`
	Revision      int    `json:"revision" required:"true"`
}

// Apply merges a publication's input into a draft's record: the given fields replace the
// draft's. A date that is not YYYY-MM-DD is refused (DATE_INVALID), as is text over its limit.
func (in PublishInput) Apply(r Record) (Record, error) {
	if s := strings.TrimSpace(in.EffectiveFrom); s != "" {
		d, err := civil.ParseDate("effectiveFrom", "生效日期", s)
		if err != nil {
			return r, err
		}
		r.EffectiveFrom = d.String()
	}
	if s := strings.TrimSpace(in.DocNo); s != "" {
		r.DocNo = s
	}
	if s := strings.TrimSpace(in.DocTitle); s != "" {
		r.DocTitle = s
	}
	if utf8.RuneCountInString(r.DocTitle) > MaxDocTitleLen {
		return r, apperr.InvalidField("docTitle", "VERSION_DOC_TITLE_TOO_LONG", fmt.Sprintf("文件标题不能超过%d个字", MaxDocTitleLen))
	}
	return r, nil
}

// PublishProblems lists what a record lacks to be published, each as a field error: the date it
// takes effect (VERSION_DATE_REQUIRED) and the number of the approving document
// (VERSION_DOC_NO_REQUIRED; 《党政机关公文处理工作条例》第九条: a document is identified by its 发文字号).
func (k Kind) PublishProblems(r Record) []*apperr.Error {
	var out []*apperr.Error
	if r.EffectiveFrom == "" {
		out = append(out, apperr.InvalidField("effectiveFrom", "VERSION_DATE_REQUIRED", fmt.Sprintf("发布%s须写明生效日期", k.name())))
	}
	if r.DocNo == "" || utf8.RuneCountInString(r.DocNo) > MaxDocNoLen {
		e := apperr.InvalidField("docNo", "VERSION_DOC_NO_REQUIRED",
			fmt.Sprintf("发布%s须写明批准文件的文号（不超过%d个字），如“某政发〔2026〕1号”", k.name(), MaxDocNoLen))
		if k.PublishRule != "" {
			e = e.WithRule(k.PublishRule)
		}
		out = append(out, e)
	}
	return out
}

// CheckFollows checks that a version taking effect on from may follow prev, the latest version of
// its series that is not a draft (nil when there is none): it must start after prev started, so
// that every window holds at least one day (VERSION_DATE_ORDER).
func CheckFollows(from string, prev *Record) error {
	if prev == nil || from == "" || from > prev.EffectiveFrom {
		return nil
	}
	return apperr.InvalidField("effectiveFrom", "VERSION_DATE_ORDER",
		fmt.Sprintf("生效日期 %s 应晚于上一版本（第%d版）的生效日期 %s", from, prev.Version, prev.EffectiveFrom))
}

// Publish publishes draft with in, after prev (the latest version of the series that is not a
// draft, or nil), at the time now: the draft becomes published from its effective date with its
// document, and prev, when its window ran past that date, is closed there (its effectiveTo set).
// It returns the published record and the closed one (nil when prev needed no change), each with
// the next revision. Refusals, in order: STALE, VERSION_NOT_DRAFT, DATE_INVALID,
// VERSION_DATE_REQUIRED, VERSION_DOC_NO_REQUIRED, VERSION_DATE_ORDER.
func (k Kind) Publish(draft Record, in PublishInput, prev *Record, now string) (Record, *Record, error) {
	if err := CheckRevision(draft, in.Revision); err != nil {
		return draft, nil, err
	}
	if err := k.Transition(draft.Status, Published); err != nil {
		return draft, nil, err
	}
	out, err := in.Apply(draft)
	if err != nil {
		return draft, nil, err
	}
	if ps := k.PublishProblems(out); len(ps) > 0 {
		return draft, nil, ps[0]
	}
	if err := CheckFollows(out.EffectiveFrom, prev); err != nil {
		return draft, nil, err
	}
	out = Touch(out)
	out.Status, out.EffectiveTo, out.PublishedAt = Published, "", now
	var closed *Record
	if prev != nil && (prev.EffectiveTo == "" || prev.EffectiveTo > out.EffectiveFrom) {
		c := Touch(*prev)
		c.EffectiveTo = out.EffectiveFrom
		closed = &c
	}
	return out, closed, nil
}

// RepealInput repeals a published version from a date: EffectiveTo, the first day it is no longer
// in force (default today); the reason; the repealing document's number where the kind requires
// one; and the version's revision as the caller read it.
type RepealInput struct {
	EffectiveTo string `json:"effectiveTo" text:"10"`
	Reason      string `json:"reason" text:"500,multiline"`
	DocNo       string `json:"docNo,omitempty" text:"100"`
	Revision    int    `json:"revision" required:"true"`
}

// Repeal repeals a published version on today's request: it stays in force until effectiveTo and
// never after. Refusals, in order: STALE, VERSION_NOT_PUBLISHED, DATE_INVALID,
// VERSION_REASON_REQUIRED, VERSION_DOC_NO_REQUIRED (where the kind needs it), VERSION_DATE_ORDER
// (not after the version took effect: it would never have been in force) and
// VERSION_ALREADY_ENDED (a later version already took over by then).
func (k Kind) Repeal(r Record, in RepealInput, today string) (Record, error) {
	if err := CheckRevision(r, in.Revision); err != nil {
		return r, err
	}
	if err := k.Transition(r.Status, Repealed); err != nil {
		return r, err
	}
	to, err := civil.ParseDateOr("effectiveTo", "废止日期", in.EffectiveTo, civil.Date{})
	if err != nil {
		return r, err
	}
	day := today
	if !to.IsZero() {
		day = to.String()
	}
	reason := strings.TrimSpace(in.Reason)
	if reason == "" || utf8.RuneCountInString(reason) > MaxReasonLen {
		return r, apperr.InvalidField("reason", "VERSION_REASON_REQUIRED", fmt.Sprintf("废止%s须写明理由（不超过%d个字）", k.name(), MaxReasonLen))
	}
	doc := strings.TrimSpace(in.DocNo)
	if (k.RepealDocRequired && doc == "") || utf8.RuneCountInString(doc) > MaxDocNoLen {
		return r, apperr.InvalidField("docNo", "VERSION_DOC_NO_REQUIRED", fmt.Sprintf("废止%s须写明批准废止的文件的文号（不超过%d个字）", k.name(), MaxDocNoLen))
	}
	switch {
	case day <= r.EffectiveFrom:
		return r, apperr.InvalidField("effectiveTo", "VERSION_DATE_ORDER",
			fmt.Sprintf("废止日期 %s 应晚于该版本（第%d版）的生效日期 %s", day, r.Version, r.EffectiveFrom))
	case r.EffectiveTo != "" && r.EffectiveTo <= day:
		return r, apperr.Conflict("VERSION_ALREADY_ENDED",
			fmt.Sprintf("该%s（第%d版）已于 %s 被新版本替代，无需废止", k.name(), r.Version, r.EffectiveTo)).WithField("effectiveTo")
	}
	out := Touch(r)
	out.Status, out.EffectiveTo, out.RepealReason, out.RepealDocNo = Repealed, day, reason, doc
	return out, nil
}
