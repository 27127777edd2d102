package server

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"zhifa/internal/catalog"
	"zhifa/internal/discretion"
	"zhifa/internal/platform/apperr"
)

// catalogStatutes lets the discretion benchmarks ask the catalogue for an item's statutory penalty
// on a date, so that tiers can be checked against the statutory range (国办发〔2022〕27号).
type catalogStatutes struct{ c *catalog.Service }

func (a catalogStatutes) Statute(ctx context.Context, itemID, date string) (discretion.Statute, error) {
	st, err := a.c.Statute(ctx, itemID, date)
	switch {
	case errors.Is(err, catalog.ErrNotInForce):
		return discretion.Statute{}, fmt.Errorf("%w: %v", discretion.ErrNotInForce, err)
	case apperr.Is(err, "NOT_FOUND"):
		return discretion.Statute{}, fmt.Errorf("%w: %v", discretion.ErrItemUnknown, err)
	case err != nil:
		return discretion.Statute{}, err
	}
	refs := make([]string, len(st.PenaltyBasis))
	for i, c := range st.PenaltyBasis {
		refs[i] = c.Ref()
	}
	// A per-unit fine carries its unit and per-unit range; its FineMinFen and FineMaxFen are then
	// the floor and cap of the total, 0 when the law sets none.
	return discretion.Statute{ItemID: st.ItemID, ItemCode: st.ItemCode, ItemName: st.ItemName, VersionID: st.VersionID,
		EffectiveFrom: st.EffectiveFrom, Citation: strings.Join(refs, "、"), PenaltyKinds: st.PenaltyKinds,
		FineMinFen: deref(st.Fine.MinFen), FineMaxFen: deref(st.Fine.MaxFen), MultipleMinPct: deref(st.Fine.MultipleMin),
		MultipleMaxPct: deref(st.Fine.MultipleMax), MultipleBase: st.Fine.MultipleBase, Unit: st.Fine.Unit,
		PerUnitMinFen: deref(st.Fine.PerUnitMinFen), PerUnitMaxFen: deref(st.Fine.PerUnitMaxFen)}, nil
}

// FineBases is the vocabulary of multiple bases in force for a jurisdiction: the catalogue's
// setting (倍数罚款计算基数), its own or the nearest ancestor's, else the national list.
func (a catalogStatutes) FineBases(ctx context.Context, regionCode string) ([]string, error) {
	return a.c.FineBases(ctx, nil, regionCode)
}

func deref[T int | int64](p *T) T {
	if p == nil {
		return 0
	}
	return *p
}
