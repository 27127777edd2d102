package cases

import (
	"context"
	"errors"
	"strings"

	"zhifa/internal/discretion"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// Benchmarks applies the discretion benchmark in force to the facts a case records
// (internal/discretion, Service.ForCase): the tier, its range and the reason, with the party's
// prior penalties counted from the record. found is false when no benchmark is in force for the
// item on the act's day in the case's jurisdiction; the statute alone then bounds the fine.
type Benchmarks interface {
	ForCase(ctx context.Context, itemID, regionCode, actDate string, f discretion.Facts) (r discretion.Result, found bool, err error)
}

// ruleBenchmark is the national guidance that benchmarks be applied and departures explained.
const ruleBenchmark = "国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见（国办发〔2022〕27号）：" +
	"行政机关应当在行政处罚决定书中对行政处罚裁量基准的适用情况予以明确；适用裁量基准……确需超出的，应当说明理由"

const art33 = "行政处罚法 第三十三条：违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚"

// applyBenchmark works out, on the server, which benchmark tier applies to a party's penalty from
// the facts recorded with it — whatever the request said of the tier — and records the tier, its
// range, the reason the decision states and where the count of prior penalties came from. The
// facts come with the penalty, or from the same party's penalty recorded at the step before
// (earlier); the party's type and key come from the case. A penalty the benchmark rules out (the
// act is not this item's violation; no penalty is mandatory) is refused with its reason.
func (s *Service) applyBenchmark(ctx context.Context, field string, p *Penalty, party partyRow, st *State, regionCode string, earlier []Penalty) error {
	p.BenchmarkID, p.BenchmarkVersion, p.Tier, p.TierMinFen, p.TierMaxFen, p.TierWarning = "", 0, "", 0, 0, false
	p.TierReason, p.PriorSource, p.Computation, p.Notes = "", "", nil, nil
	if p.Facts == nil {
		for _, e := range earlier {
			if e.PartyID == p.PartyID && e.Facts != nil {
				f := *e.Facts
				p.Facts = &f
				break
			}
		}
	}
	if s.Benchmarks == nil {
		return nil
	}
	f := discretion.Facts{}
	if p.Facts != nil {
		f = *p.Facts
	}
	// Who the party is, the case says: never what the request typed.
	f.PartyType, f.PartyKey = string(party.Type), ""
	if recordedKey(party.Key) {
		f.PartyKey = party.Key
	}
	r, found, err := s.Benchmarks.ForCase(ctx, st.Exercise.ItemID, regionCode, st.ActDate.String(), f)
	if err != nil {
		var e *apperr.Error
		if errors.As(err, &e) && e.Kind == apperr.KindInvalid {
			if e.Field == "" || e.Field == "actDate" || e.Field == "itemId" {
				return e.WithField(field + ".facts")
			}
			if !strings.HasPrefix(e.Field, "facts.") {
				return e.WithField(field + ".facts." + e.Field)
			}
			return e.WithField(field + "." + e.Field)
		}
		return err
	}
	if !found {
		p.Notes = []string{"“" + st.Exercise.ItemName + "”在违法行为发生时没有施行中的裁量基准，按法定幅度裁量"}
		return nil
	}
	if p.Facts != nil {
		kept := *p.Facts
		kept.PartyKey = "" // the key stays in case_parties, sealed where it is an ID number
		kept.PartyType = f.PartyType
		p.Facts = &kept
	}
	if !r.Applicable {
		return apperr.InvalidField(field+".facts.orderIgnored", "CASE_NOT_THE_VIOLATION", r.Reason).WithRule(ruleBenchmark)
	}
	if !r.Penalise {
		if r.Mandatory || r.IfPenalised == nil {
			return apperr.InvalidField(field, "CASE_NO_PENALTY_REQUIRED", r.Reason).WithRule(art33)
		}
		p.Notes = append(p.Notes, "依裁量基准可以不予行政处罚（"+r.TierName+"），本案决定给予处罚")
		r = *r.IfPenalised
	}
	p.BenchmarkID, p.BenchmarkVersion = r.BenchmarkID, r.Version
	p.Tier = r.TierName
	if r.LevelName != "" && r.LevelName != r.TierName {
		p.Tier += "（" + r.LevelName + "）"
	}
	p.TierMinFen, p.TierMaxFen, p.TierWarning = civil.Fen(r.MinFen), civil.Fen(r.MaxFen), r.Warning
	p.TierReason, p.PriorSource, p.Computation = r.Reason, r.PriorSource, r.Computation
	p.Notes = append(p.Notes, r.Notes...)
	return nil
}
