package discretion

import (
	"context"
	"errors"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/region"
)

// Propose splits the statute of an item on a date (default today) into tiers by the rules of a
// jurisdiction (default the caller's).
func (s *Service) Propose(ctx context.Context, p *access.Principal, req ProposeRequest) (Proposal, error) {
	day, err := dateOr("date", "日期", req.Date, s.today())
	if err != nil {
		return Proposal{}, err
	}
	if strings.TrimSpace(req.ItemID) == "" {
		return Proposal{}, apperr.InvalidField("itemId", "DISCRETION_ITEM_REQUIRED", "请选择权责清单事项")
	}
	code := ""
	if req.RegionCode != "" || p.Scope().Root() != "" {
		var err error
		if code, err = s.regionFor(ctx, s.DB.R, p, req.RegionCode); err != nil {
			return Proposal{}, err
		}
	}
	st, err := s.statute(ctx, strings.TrimSpace(req.ItemID), day)
	if errors.Is(err, ErrNotInForce) {
		return Proposal{}, apperr.InvalidField("date", "DISCRETION_ITEM_NOT_IN_FORCE", "该事项在 "+day+" 没有施行中的版本")
	}
	if err != nil {
		return Proposal{}, err
	}
	rules, err := s.rules(ctx, s.DB.R, code)
	if err != nil {
		return Proposal{}, err
	}
	return Propose(st, rules), nil
}

// inForceFor picks the benchmark of an item that applies in a region on a day: among the
// versions in force in the region and the regions above it, the nearest region's.
func (s *Service) inForceFor(ctx context.Context, itemID, regionCode, day string) (*row, error) {
	chain := append(region.Ancestors(regionCode), regionCode)
	rows, err := inForceRows(ctx, s.DB.R, itemID, chain, day)
	if err != nil {
		return nil, err
	}
	var best *row
	for i, r := range rows {
		if best == nil || len(access.SignificantPrefix(r.RegionCode)) > len(access.SignificantPrefix(best.RegionCode)) ||
			(r.RegionCode == best.RegionCode && r.Version > best.Version) {
			best = &rows[i]
		}
	}
	return best, nil
}

// Evaluate tells the tier, range and reason that apply to the facts of an act: the statute and
// the benchmark in force on the act's date in the case's jurisdiction (default the caller's).
func (s *Service) Evaluate(ctx context.Context, p *access.Principal, req EvaluateRequest) (Result, error) {
	itemID := strings.TrimSpace(req.ItemID)
	if itemID == "" {
		return Result{}, apperr.InvalidField("itemId", "DISCRETION_ITEM_REQUIRED", "请选择权责清单事项")
	}
	day, err := parseDate("actDate", "违法行为发生日期", req.ActDate)
	if err != nil {
		return Result{}, err
	}
	if day > s.today() {
		return Result{}, apperr.InvalidField("actDate", "DISCRETION_DATE_ORDER", "违法行为发生日期不能晚于今天")
	}
	raw := strings.TrimSpace(req.RegionCode)
	if raw == "" {
		if raw = p.Scope().Root(); raw == "" {
			return Result{}, apperr.InvalidField("regionCode", "DISCRETION_REGION_REQUIRED", "请指定案件所属区划代码")
		}
	}
	code, _, err := region.NormalizeCode(raw)
	if err != nil {
		return Result{}, apperr.As(err).WithField("regionCode")
	}
	if !p.Scope().Contains(code) {
		return Result{}, apperr.NotFound("行政区划")
	}
	r, found, err := s.apply(ctx, itemID, code, day, req.Facts)
	if err != nil {
		return Result{}, err
	}
	if !found {
		return Result{}, (&apperr.Error{Kind: apperr.KindNotFound, Code: "DISCRETION_NONE", Field: "itemId",
			Message: "“" + r.ItemName + "”在 " + day + " 没有施行中的裁量基准，请按法定幅度裁量并说明理由"}).WithRule(rulePublish)
	}
	return r, nil
}

// ForCase applies the benchmark in force on the act's day in a case's jurisdiction (regionCode:
// the case's; the nearest jurisdiction's benchmark applies) to the facts the case records, as a
// case step does it on the server: the party's prior penalties are counted from the record when
// the facts name the party. found is false when no benchmark is in force there: the statute
// alone applies. The caller has checked that the case is the principal's.
func (s *Service) ForCase(ctx context.Context, itemID, regionCode, actDate string, f Facts) (r Result, found bool, err error) {
	day, err := parseDate("actDate", "违法行为发生日期", actDate)
	if err != nil {
		return Result{}, false, err
	}
	return s.apply(ctx, itemID, regionCode, day, f)
}

// apply evaluates the facts against the benchmark in force for an item on a day in a
// jurisdiction; found is false (with the item's name in r) when there is none.
func (s *Service) apply(ctx context.Context, itemID, code, day string, f Facts) (r Result, found bool, err error) {
	st, err := s.statute(ctx, itemID, day)
	if errors.Is(err, ErrNotInForce) {
		return Result{}, false, apperr.InvalidField("actDate", "DISCRETION_ITEM_NOT_IN_FORCE", "违法行为发生时（"+day+"）该事项没有施行中的版本")
	}
	if err != nil {
		return Result{}, false, err
	}
	row, err := s.inForceFor(ctx, itemID, code, day)
	if err != nil {
		return Result{}, false, err
	}
	if row == nil {
		return Result{ItemID: itemID, ItemName: st.ItemName}, false, nil
	}
	b, err := row.benchmark(day)
	if err != nil {
		return Result{}, false, err
	}
	if err := f.check(); err != nil {
		return Result{}, false, err
	}
	vocab, err := s.bases(ctx, code)
	if err != nil {
		return Result{}, false, err
	}
	if err := f.CheckBases(vocab); err != nil {
		return Result{}, false, err
	}
	c := Case{ActDate: day, Facts: f}
	if ws := b.Windows(); len(ws) > 0 {
		switch {
		case s.Priors == nil:
			c.RecordNote = noteNoRecord
		case f.PartyKey == "":
			c.RecordNote = noteNoParty
		default:
			act, _ := civil.Parse(day)
			c.Recorded = map[string]int{}
			for _, w := range ws {
				from := w.Start(act).String()
				n, err := s.Priors.Count(ctx, f.PartyKey, itemID, from, day)
				if err != nil {
					return Result{}, false, err
				}
				c.Recorded[from] = n
			}
		}
	}
	r, err = Evaluate(&b, st, c)
	return r, err == nil, err
}

// NoPenalty returns the no-penalty list in force on a day (default today) for a region (default
// the caller's root): for each item, the entries of the nearest jurisdiction's benchmark.
func (s *Service) NoPenalty(ctx context.Context, p *access.Principal, itemID, regionCode, date string) ([]NoPenaltyListing, error) {
	day, err := dateOr("date", "日期", date, s.today())
	if err != nil {
		return nil, err
	}
	code, err := s.regionFor(ctx, s.DB.R, p, regionCode)
	if err != nil {
		return nil, err
	}
	rows, err := inForceIn(ctx, s.DB.R, append(region.Ancestors(code), code), strings.TrimSpace(itemID), day)
	if err != nil {
		return nil, err
	}
	nearest := map[string]int{}
	var order []string
	for i, r := range rows {
		j, ok := nearest[r.ItemID]
		if !ok {
			order = append(order, r.ItemID)
		}
		if !ok || len(access.SignificantPrefix(r.RegionCode)) > len(access.SignificantPrefix(rows[j].RegionCode)) {
			nearest[r.ItemID] = i
		}
	}
	out := []NoPenaltyListing{}
	for _, item := range order {
		r := rows[nearest[item]]
		c, err := r.content()
		if err != nil {
			return nil, err
		}
		for _, e := range c.NoPenalty {
			l := NoPenaltyListing{BenchmarkID: r.ID, RegionCode: r.RegionCode, ItemID: r.ItemID, ItemCode: r.ItemCode,
				ItemName: r.ItemName, Title: r.Title, DocNo: r.DocNo, KindName: optionName(NoPenaltyKinds, e.Kind),
				Mandatory: Mandatory(e.Kind), NoPenaltyEntry: e, ConditionText: []string{}}
			for _, cd := range e.Conditions {
				l.ConditionText = append(l.ConditionText, cd.Describe())
			}
			out = append(out, l)
		}
	}
	return out, nil
}

// Public returns one page of the benchmarks in force today, for the public portal (行政处罚法
// 第三十四条: 裁量基准应当向社会公布).
func (s *Service) Public(ctx context.Context, f PublicFilter, page httpx.Page) ([]Published, int, error) {
	if f.RegionCode != "" {
		code, _, err := region.NormalizeCode(f.RegionCode)
		if err != nil {
			return nil, 0, apperr.As(err).WithField("regionCode")
		}
		f.RegionCode = code
	}
	day := s.today()
	rows, total, err := publicRows(ctx, s.DB.R, f, day, page)
	if err != nil {
		return nil, 0, err
	}
	out := make([]Published, 0, len(rows))
	for _, r := range rows {
		b, err := r.benchmark(day)
		if err != nil {
			return nil, 0, err
		}
		citation := ""
		if b.Statute != nil {
			citation = b.Statute.Citation
		}
		out = append(out, Published{ID: b.ID, RegionCode: b.RegionCode, RegionName: b.RegionName, ItemCode: b.ItemCode,
			ItemName: b.ItemName, Citation: citation, Version: b.Version, Title: b.Title, DocNo: b.DocNo, DocTitle: b.DocTitle,
			EffectiveFrom: b.EffectiveFrom, EffectiveTo: b.EffectiveTo, Content: b.Content})
	}
	return out, total, nil
}
