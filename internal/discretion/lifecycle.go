package discretion

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/ids"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/region"
)

// prepared is a draft's content validated against today's statute, ready to write.
type prepared struct {
	statute  Statute
	content  Content
	warnings []Problem
	title    string
	note     string
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
	rules, err := s.rules(ctx, s.DB.R, regionCode)
	if err != nil {
		return prepared{}, err
	}
	c := in.Content
	warnings, err := Validate(&c, st, rules)
	if err != nil {
		return prepared{}, err
	}
	title := in.Title
	if title == "" {
		title = DefaultTitle(st.ItemName)
	}
	return prepared{statute: st, content: c, warnings: warnings, title: title, note: in.Note}, nil
}

// fill writes the prepared draft into a row, encoding its JSON columns.
func (pr prepared) fill(r *row) error {
	r.ItemCode, r.ItemName, r.Title, r.Note = pr.statute.ItemCode, pr.statute.ItemName, pr.title, pr.note
	for _, c := range []struct {
		to *string
		v  any
	}{{&r.Statute, pr.statute}, {&r.Provisions, pr.content.Provisions}, {&r.Tiers, pr.content.Tiers}, {&r.NoPenalty, pr.content.NoPenalty},
		{&r.Precondition, pr.content.Precondition}, {&r.Warnings, nonNil(pr.warnings)}} {
		b, err := json.Marshal(c.v)
		if err != nil {
			return fmt.Errorf("encode benchmark: %w", err)
		}
		*c.to = string(b)
	}
	return nil
}

// benchmarkKind is the lifecycle of a benchmark's versions (internal/platform/lifecycle):
// publication names the publishing document, since benchmarks are published (行政处罚法 第三十四条).
var benchmarkKind = lifecycle.Kind{Name: "裁量基准", PublishRule: rulePublish}

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
	r := row{ID: ids.New(), RegionCode: code, ItemID: in.ItemID, CreatedAt: now, UpdatedAt: now}
	if err := pr.fill(&r); err != nil {
		return Benchmark{}, err
	}
	return s.insertDraft(ctx, p, r, "新建")
}

// insertDraft writes a new draft version of a series, numbered after its versions.
func (s *Service) insertDraft(ctx context.Context, p *access.Principal, r row, verb string) (Benchmark, error) {
	var out Benchmark
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		series, err := seriesRowsOf(ctx, tx, r.RegionCode, r.ItemID)
		if err != nil {
			return err
		}
		if r.Record, err = lifecycle.Next(benchmarkKind, series); err != nil {
			return err
		}
		if err := insertRow(ctx, tx, r); err != nil {
			if db.IsUniqueViolation(err) {
				return lifecycle.DraftExists(benchmarkKind, 0) // another draft was added meanwhile
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

// UpdateInput changes a draft: its new content and the draft's revision as the caller read it.
type UpdateInput struct {
	Input
	Revision int `json:"revision" required:"true"`
}

// Update changes a draft inside the caller's jurisdiction; its item and jurisdiction stay. The
// draft must still be at the revision the caller read (STALE).
func (s *Service) Update(ctx context.Context, p *access.Principal, id string, in UpdateInput) (Benchmark, error) {
	old, err := getRow(ctx, s.DB.R, p.Scope(), id, true)
	if err != nil {
		return Benchmark{}, err
	}
	if err := lifecycle.CheckRevision(old.Record, in.Revision); err != nil {
		return Benchmark{}, err
	}
	if err := benchmarkKind.Editable(old.Record); err != nil {
		return Benchmark{}, err
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
	pr, err := s.prepare(ctx, in.Input, old.RegionCode)
	if err != nil {
		return Benchmark{}, err
	}
	next := old
	if err := pr.fill(&next); err != nil {
		return Benchmark{}, err
	}
	next.Record = lifecycle.Touch(old.Record)
	next.UpdatedAt = clock.Stamp(s.Clock.Now())
	var out Benchmark
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		if err := updateRow(ctx, tx, next, old.Revision); err != nil {
			return err
		}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityBenchmark, EntityID: id,
			EntityName: next.Title, RegionCode: old.RegionCode, Summary: fmt.Sprintf("修改裁量基准草稿：%s（%s，第%d版）", next.Title, next.ItemCode, next.Version),
			Detail: map[string]any{"before": map[string]string{"title": old.Title, "precondition": old.Precondition, "tiers": old.Tiers,
				"provisions": old.Provisions, "noPenalty": old.NoPenalty},
				"after": map[string]string{"title": next.Title, "precondition": next.Precondition, "tiers": next.Tiers,
					"provisions": next.Provisions, "noPenalty": next.NoPenalty}}}); err != nil {
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
	if src.Status == lifecycle.Draft {
		return Benchmark{}, apperr.Conflict("DISCRETION_ALREADY_DRAFT", "该版本是草稿，可直接修改")
	}
	now := clock.Stamp(s.Clock.Now())
	r := row{ID: ids.New(), RegionCode: src.RegionCode, ItemID: src.ItemID, ItemCode: src.ItemCode, ItemName: src.ItemName,
		Title: src.Title, Statute: src.Statute, Precondition: src.Precondition, Provisions: src.Provisions, Tiers: src.Tiers,
		NoPenalty: src.NoPenalty, Warnings: src.Warnings, Note: src.Note, CreatedAt: now, UpdatedAt: now}
	return s.insertDraft(ctx, p, r, fmt.Sprintf("由第%d版修订", src.Version))
}

// Discard deletes a draft.
func (s *Service) Discard(ctx context.Context, p *access.Principal, id string) error {
	return s.DB.Tx(ctx, func(tx *db.Tx) error {
		r, err := getRow(ctx, tx, p.Scope(), id, true)
		if err != nil {
			return err
		}
		if err := benchmarkKind.Editable(r.Record); err != nil {
			return err
		}
		ok, err := deleteDraft(ctx, tx, id)
		if err != nil {
			return err
		}
		if !ok {
			return lifecycle.Stale() // published meanwhile
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionDelete, Entity: entityBenchmark, EntityID: id,
			EntityName: r.Title, RegionCode: r.RegionCode, Summary: fmt.Sprintf("删除裁量基准草稿：%s（%s，第%d版）", r.Title, r.ItemCode, r.Version)})
	})
}

// Publish publishes a draft under a document number from an effective date (行政处罚法 第三十四条).
// It is validated again, against the statute in force on the effective date — which must exist —
// and the jurisdiction's rules; the previous version of the series then ends on that date. The
// input presents the draft's revision (STALE otherwise). Refused input changes nothing.
func (s *Service) Publish(ctx context.Context, p *access.Principal, id string, in lifecycle.PublishInput) (Benchmark, error) {
	old, err := getRow(ctx, s.DB.R, p.Scope(), id, true)
	if err != nil {
		return Benchmark{}, err
	}
	// The lifecycle's own checks first (revision, status, date, document); the order against
	// the previous version is checked again inside the transaction.
	draft, _, err := benchmarkKind.Publish(old.Record, in, nil, "")
	if err != nil {
		return Benchmark{}, err
	}
	from := draft.EffectiveFrom
	st, err := s.statute(ctx, old.ItemID, from)
	if errors.Is(err, ErrNotInForce) {
		return Benchmark{}, apperr.InvalidField("effectiveFrom", "DISCRETION_EFFECTIVE_BEFORE_ITEM",
			"生效日期 "+from+" 该事项没有施行中的版本（早于事项版本的施行日期），裁量基准不能早于其所依据的事项生效")
	}
	if err != nil {
		return Benchmark{}, err
	}
	rules, err := s.rules(ctx, s.DB.R, old.RegionCode)
	if err != nil {
		return Benchmark{}, err
	}
	c, err := old.content()
	if err != nil {
		return Benchmark{}, err
	}
	warnings, err := Validate(&c, st, rules)
	if err != nil {
		return Benchmark{}, err
	}
	now := clock.Stamp(s.Clock.Now())
	var out Benchmark
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		series, err := seriesRowsOf(ctx, tx, old.RegionCode, old.ItemID)
		if err != nil {
			return err
		}
		var prev *row
		if i := lifecycle.Latest(series); i >= 0 {
			prev = &series[i]
		}
		var prevRec *lifecycle.Record
		if prev != nil {
			prevRec = &prev.Record
		}
		pub, closed, err := benchmarkKind.Publish(old.Record, in, prevRec, now)
		if err != nil {
			return err
		}
		if closed != nil {
			ended := *prev
			ended.Record, ended.UpdatedAt = *closed, now
			if err := updateRow(ctx, tx, ended, prev.Revision); err != nil {
				return err
			}
		}
		next := old
		if err := (prepared{statute: st, content: c, warnings: warnings, title: old.Title, note: old.Note}).fill(&next); err != nil {
			return err
		}
		next.Record, next.UpdatedAt = pub, now
		if err := updateRow(ctx, tx, next, old.Revision); err != nil {
			return err
		}
		detail := map[string]any{"docNo": pub.DocNo, "effectiveFrom": pub.EffectiveFrom, "statuteVersionId": st.VersionID}
		if pub.DocTitle != "" {
			detail["docTitle"] = pub.DocTitle
		}
		if closed != nil {
			detail["endedVersionId"] = prev.ID
		}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityBenchmark, EntityID: id,
			EntityName: next.Title, RegionCode: old.RegionCode, Summary: fmt.Sprintf("发布裁量基准：%s（%s，第%d版，%s），自%s起施行", next.Title, next.ItemCode,
				next.Version, pub.DocNo, pub.EffectiveFrom), Detail: detail}); err != nil {
			return err
		}
		out, err = s.reload(ctx, tx, id)
		return err
	})
	return out, err
}

// Repeal ends a published version on a date (effectiveTo, default today), with the reason; the
// input presents the version's revision (STALE otherwise).
func (s *Service) Repeal(ctx context.Context, p *access.Principal, id string, in lifecycle.RepealInput) (Benchmark, error) {
	var out Benchmark
	err := s.DB.Tx(ctx, func(tx *db.Tx) error {
		r, err := getRow(ctx, tx, p.Scope(), id, true)
		if err != nil {
			return err
		}
		rep, err := benchmarkKind.Repeal(r.Record, in, s.today())
		if err != nil {
			return err
		}
		next := r
		next.Record, next.UpdatedAt = rep, clock.Stamp(s.Clock.Now())
		if err := updateRow(ctx, tx, next, r.Revision); err != nil {
			return err
		}
		detail := map[string]any{"effectiveTo": rep.EffectiveTo, "reason": rep.RepealReason}
		if rep.RepealDocNo != "" {
			detail["docNo"] = rep.RepealDocNo
		}
		if err := s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityBenchmark, EntityID: id,
			EntityName: r.Title, RegionCode: r.RegionCode, Summary: fmt.Sprintf("废止裁量基准：%s（%s，第%d版），自%s起失效", r.Title, r.ItemCode, r.Version, rep.EffectiveTo),
			Detail: detail}); err != nil {
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

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
