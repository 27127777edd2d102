package discretion

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
	"zhifa/internal/region"
)

// prepared is a draft's content validated against today's statute, ready to write.
type prepared struct {
	statute Statute
	content Content
	title   string
	note    string
}

// prepare validates an input against the statute in force today and the rules of the region.
func (s *Service) prepare(ctx context.Context, in Input, regionCode string) (prepared, error) {
	st, err := s.statute(ctx, in.ItemID, s.today())
	if errors.Is(err, ErrNotInForce) {
		return prepared{}, apperr.InvalidField("itemId", "DISCRETION_ITEM_NOT_IN_FORCE", "该事项今日没有施行中的版本，无法核对法定处罚幅度")
	}
	if err != nil {
		return prepared{}, err
	}
	eff, err := s.rules(ctx, s.DB.R, regionCode)
	if err != nil {
		return prepared{}, err
	}
	c := in.Content
	if err := Validate(&c, st, eff.Rules); err != nil {
		return prepared{}, err
	}
	title := in.Title
	if title == "" {
		title = DefaultTitle(st.ItemName)
	}
	return prepared{statute: st, content: c, title: title, note: in.Note}, nil
}

func (pr prepared) fill(r *row) {
	r.ItemCode, r.ItemName, r.Title, r.Note = pr.statute.ItemCode, pr.statute.ItemName, pr.title, pr.note
	r.Statute = encode(pr.statute)
	r.Provisions, r.Tiers, r.NoPenalty = encode(pr.content.Provisions), encode(pr.content.Tiers), encode(pr.content.NoPenalty)
}

// Create saves a draft: the first version of a jurisdiction's benchmark for an item, or the next
// version when earlier ones exist. The content is validated against the statute in force today
// and the jurisdiction's rules; a series holds at most one draft.
func (s *Service) Create(ctx context.Context, p *access.Principal, in Input) (Benchmark, error) {
	if err := in.checkText(); err != nil {
		return Benchmark{}, err
	}
	code, err := s.regionFor(ctx, s.DB.R, p, in.RegionCode)
	if err != nil {
		return Benchmark{}, err
	}
	pr, err := s.prepare(ctx, in, code)
	if err != nil {
		return Benchmark{}, err
	}
	now := clock.Stamp(s.Clock.Now())
	r := row{ID: ids.New(), RegionCode: code, ItemID: in.ItemID, Status: StatusDraft, CreatedAt: now, UpdatedAt: now}
	pr.fill(&r)
	return s.insertDraft(ctx, p, r, "新建")
}

// insertDraft writes a new draft version of a series.
func (s *Service) insertDraft(ctx context.Context, p *access.Principal, r row, verb string) (Benchmark, error) {
	var out Benchmark
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		draft, next, _, err := seriesState(ctx, tx, r.RegionCode, r.ItemID)
		if err != nil {
			return err
		}
		if draft {
			return draftExists()
		}
		r.Version = next
		if err := insertRow(ctx, tx, r); err != nil {
			if db.IsUniqueViolation(err) {
				return draftExists()
			}
			return err
		}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: entityBenchmark, EntityID: r.ID,
			EntityName: r.Title, RegionCode: r.RegionCode, Summary: fmt.Sprintf("%s裁量基准草稿：%s（%s，第%d版）", verb, r.Title, r.ItemCode, r.Version),
			Detail: map[string]any{"itemId": r.ItemID, "version": r.Version}}); err != nil {
			return err
		}
		out, err = s.reload(ctx, tx, r.ID)
		return err
	})
	return out, err
}

func draftExists() error {
	return apperr.Conflict("DISCRETION_DRAFT_EXISTS", "该事项的裁量基准已有草稿，请先修改、发布或删除该草稿")
}

func notDraft() error {
	return apperr.Conflict("DISCRETION_NOT_DRAFT", "只能修改、发布或删除草稿；已发布的版本请修订为新版本")
}

func stale() error {
	return apperr.Conflict("DISCRETION_STALE", "该草稿已被他人修改或发布，请刷新后重试")
}

// Update changes a draft inside the caller's jurisdiction; its item and jurisdiction stay.
func (s *Service) Update(ctx context.Context, p *access.Principal, id string, in Input) (Benchmark, error) {
	old, err := getRow(ctx, s.DB.R, p.Scope(), id, true)
	if err != nil {
		return Benchmark{}, err
	}
	if old.Status != StatusDraft {
		return Benchmark{}, notDraft()
	}
	if strings.TrimSpace(in.ItemID) == "" {
		in.ItemID = old.ItemID
	}
	if err := in.checkText(); err != nil {
		return Benchmark{}, err
	}
	if in.ItemID != old.ItemID {
		return Benchmark{}, apperr.InvalidField("itemId", "DISCRETION_ITEM_FIXED", "草稿所属事项不能更改；请为其他事项新建裁量基准")
	}
	if in.RegionCode != "" {
		if code, _, err := region.NormalizeCode(in.RegionCode); err != nil || code != old.RegionCode {
			return Benchmark{}, apperr.InvalidField("regionCode", "DISCRETION_REGION_FIXED", "草稿所属辖区不能更改")
		}
	}
	pr, err := s.prepare(ctx, in, old.RegionCode)
	if err != nil {
		return Benchmark{}, err
	}
	next := old
	pr.fill(&next)
	next.UpdatedAt = clock.Stamp(s.Clock.Now())
	var out Benchmark
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		ok, err := updateDraft(ctx, tx, next, old.UpdatedAt)
		if err != nil {
			return err
		}
		if !ok {
			return stale()
		}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityBenchmark, EntityID: id,
			EntityName: next.Title, RegionCode: old.RegionCode, Summary: fmt.Sprintf("修改裁量基准草稿：%s（%s，第%d版）", next.Title, next.ItemCode, next.Version),
			Detail: map[string]any{"before": map[string]string{"title": old.Title, "tiers": old.Tiers, "provisions": old.Provisions, "noPenalty": old.NoPenalty},
				"after": map[string]string{"title": next.Title, "tiers": next.Tiers, "provisions": next.Provisions, "noPenalty": next.NoPenalty}}}); err != nil {
			return err
		}
		out, err = s.reload(ctx, tx, id)
		return err
	})
	return out, err
}

// Revise starts a new draft version from a published (or repealed) version, copying its content.
func (s *Service) Revise(ctx context.Context, p *access.Principal, id string) (Benchmark, error) {
	src, err := getRow(ctx, s.DB.R, p.Scope(), id, true)
	if err != nil {
		return Benchmark{}, err
	}
	if src.Status == StatusDraft {
		return Benchmark{}, apperr.Conflict("DISCRETION_ALREADY_DRAFT", "该版本是草稿，可直接修改")
	}
	now := clock.Stamp(s.Clock.Now())
	r := row{ID: ids.New(), RegionCode: src.RegionCode, ItemID: src.ItemID, ItemCode: src.ItemCode, ItemName: src.ItemName,
		Status: StatusDraft, Title: src.Title, Statute: src.Statute, Provisions: src.Provisions, Tiers: src.Tiers,
		NoPenalty: src.NoPenalty, Note: src.Note, CreatedAt: now, UpdatedAt: now}
	return s.insertDraft(ctx, p, r, fmt.Sprintf("由第%d版修订", src.Version))
}

// Discard deletes a draft.
func (s *Service) Discard(ctx context.Context, p *access.Principal, id string) error {
	return s.DB.Tx(ctx, func(tx *db.Tx) error {
		r, err := getRow(ctx, tx, p.Scope(), id, true)
		if err != nil {
			return err
		}
		ok, err := deleteDraft(ctx, tx, id)
		if err != nil {
			return err
		}
		if !ok {
			return notDraft()
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionDelete, Entity: entityBenchmark, EntityID: id,
			EntityName: r.Title, RegionCode: r.RegionCode, Summary: fmt.Sprintf("删除裁量基准草稿：%s（%s，第%d版）", r.Title, r.ItemCode, r.Version)})
	})
}

// Publish publishes a draft under a document number from an effective date (行政处罚法 第三十四条).
// It is validated again, against the statute in force on the effective date — which must exist —
// and the jurisdiction's rules; the previous version of the series then ends on that date.
// Refused input changes nothing.
func (s *Service) Publish(ctx context.Context, p *access.Principal, id string, in PublishInput) (Benchmark, error) {
	from, err := parseDate("effectiveFrom", "生效日期", in.EffectiveFrom)
	if err != nil {
		return Benchmark{}, err
	}
	doc := strings.TrimSpace(in.DocNumber)
	if doc == "" || utf8.RuneCountInString(doc) > MaxDocNumberLen {
		return Benchmark{}, apperr.InvalidField("docNumber", "DISCRETION_DOC_NUMBER_REQUIRED", "发布裁量基准须填写文号（不超过100个字），如“某综执发〔2026〕1号”").WithRule(rulePublish)
	}
	old, err := getRow(ctx, s.DB.R, p.Scope(), id, true)
	if err != nil {
		return Benchmark{}, err
	}
	if old.Status != StatusDraft {
		return Benchmark{}, notDraft()
	}
	st, err := s.statute(ctx, old.ItemID, from)
	if errors.Is(err, ErrNotInForce) {
		return Benchmark{}, apperr.InvalidField("effectiveFrom", "DISCRETION_EFFECTIVE_BEFORE_ITEM",
			"生效日期 "+from+" 该事项没有施行中的版本（早于事项版本的施行日期），裁量基准不能早于其所依据的事项生效")
	}
	if err != nil {
		return Benchmark{}, err
	}
	eff, err := s.rules(ctx, s.DB.R, old.RegionCode)
	if err != nil {
		return Benchmark{}, err
	}
	c, err := old.content()
	if err != nil {
		return Benchmark{}, err
	}
	if err := Validate(&c, st, eff.Rules); err != nil {
		return Benchmark{}, err
	}
	now := clock.Stamp(s.Clock.Now())
	next := old
	next.DocNumber, next.EffectiveFrom, next.UpdatedAt, next.PublishedAt = doc, from, now, now
	pr := prepared{statute: st, content: c, title: old.Title, note: old.Note}
	pr.fill(&next)
	var out Benchmark
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		_, _, latest, err := seriesState(ctx, tx, old.RegionCode, old.ItemID)
		if err != nil {
			return err
		}
		var ended string
		if latest != nil {
			if from <= latest.EffectiveFrom {
				return apperr.InvalidField("effectiveFrom", "DISCRETION_EFFECTIVE_ORDER",
					fmt.Sprintf("生效日期应晚于上一版本（第%d版）的生效日期 %s", latest.Version, latest.EffectiveFrom))
			}
			if latest.EffectiveTo == "" || latest.EffectiveTo > from {
				if err := endVersion(ctx, tx, latest.ID, from, false, "", now); err != nil {
					return err
				}
				ended = latest.ID
			}
		}
		ok, err := publishDraft(ctx, tx, next, old.UpdatedAt)
		if err != nil {
			return err
		}
		if !ok {
			return stale()
		}
		detail := map[string]any{"docNumber": doc, "effectiveFrom": from, "statuteVersionId": st.VersionID}
		if ended != "" {
			detail["endedVersionId"] = ended
		}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityBenchmark, EntityID: id,
			EntityName: next.Title, RegionCode: old.RegionCode, Summary: fmt.Sprintf("发布裁量基准：%s（%s，第%d版，%s），自%s起施行", next.Title, next.ItemCode,
				next.Version, doc, from), Detail: detail}); err != nil {
			return err
		}
		out, err = s.reload(ctx, tx, id)
		return err
	})
	return out, err
}

// Repeal ends a published version on a date (default today), with the reason.
func (s *Service) Repeal(ctx context.Context, p *access.Principal, id string, in RepealInput) (Benchmark, error) {
	to, err := dateOr("effectiveTo", "废止日期", in.EffectiveTo, s.today())
	if err != nil {
		return Benchmark{}, err
	}
	reason := strings.TrimSpace(in.Reason)
	if reason == "" || utf8.RuneCountInString(reason) > MaxReasonLen {
		return Benchmark{}, apperr.InvalidField("reason", "DISCRETION_REASON_REQUIRED", "废止裁量基准须写明理由（不超过500个字）")
	}
	var out Benchmark
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		r, err := getRow(ctx, tx, p.Scope(), id, true)
		if err != nil {
			return err
		}
		switch {
		case r.Status != StatusPublished:
			return apperr.Conflict("DISCRETION_NOT_PUBLISHED", "只能废止已发布的版本")
		case r.EffectiveTo != "" && r.EffectiveTo <= to:
			return apperr.Conflict("DISCRETION_ALREADY_ENDED", "该版本已于 "+r.EffectiveTo+" 被新版本替代，无需废止")
		case to < r.EffectiveFrom:
			return apperr.InvalidField("effectiveTo", "DISCRETION_DATE_ORDER", "废止日期不能早于该版本的生效日期 "+r.EffectiveFrom)
		}
		now := clock.Stamp(s.Clock.Now())
		if err := endVersion(ctx, tx, id, to, true, reason, now); err != nil {
			return err
		}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityBenchmark, EntityID: id,
			EntityName: r.Title, RegionCode: r.RegionCode, Summary: fmt.Sprintf("废止裁量基准：%s（%s，第%d版），自%s起失效", r.Title, r.ItemCode, r.Version, to),
			Detail: map[string]any{"effectiveTo": to, "reason": reason}}); err != nil {
			return err
		}
		out, err = s.reload(ctx, tx, id)
		return err
	})
	return out, err
}

// DefaultTitle names a benchmark after its item: 擅自占用城市道路 → 擅自占用城市道路行政处罚裁量基准;
// 对…的行政处罚 → 对…的行政处罚裁量基准.
func DefaultTitle(itemName string) string {
	return strings.TrimSuffix(itemName, "行政处罚") + "行政处罚裁量基准"
}
