package discretion

import (
	"context"
	"errors"
)

// Statutes tells the statutory penalty (法定处罚) of a catalogue item in force on a date. The
// catalogue (权责清单) satisfies it; this package never reads the catalogue's tables.
//
// Contract: Statute returns the version of the item in force on date (YYYY-MM-DD). When the item
// does not exist it returns an error for which errors.Is(err, ErrItemUnknown) holds (an apperr
// NOT_FOUND is accepted too); when the item exists but no version of it is in force on the date
// (for example the date is before its first version) it returns an error for which
// errors.Is(err, ErrNotInForce) holds. Any other error is treated as a failure of the system.
//
// FineBases returns the vocabulary of bases for multiple- and percentage-based fines (倍数、百分比
// 罚款的计算基数: 违法所得、货值金额、违法收入、工程造价、赔偿额、销售额、合同价款 …) in force for a
// jurisdiction, from the catalogue's per-jurisdiction setting.
type Statutes interface {
	Statute(ctx context.Context, itemID, date string) (Statute, error)
	FineBases(ctx context.Context, regionCode string) ([]string, error)
}

// Errors a Statutes implementation wraps.
var (
	ErrItemUnknown = errors.New("discretion: no such catalogue item")
	ErrNotInForce  = errors.New("discretion: no version of the catalogue item in force on the date")
)

// Multiple bases (倍数罚款的计算基数) every catalogue knows. A jurisdiction's vocabulary
// (Statutes.FineBases) may add others: 赔偿额、销售额、合同价款 …
const (
	BaseIllegalGains  = "违法所得"
	BaseGoodsValue    = "货值金额"
	BaseIllegalIncome = "违法收入"
	BaseProjectCost   = "建设工程造价"
)

// DefaultBases is the vocabulary of bases where the catalogue gives none.
var DefaultBases = []string{BaseIllegalGains, BaseGoodsValue, BaseIllegalIncome, BaseProjectCost}

// legacyBaseFacts are the facts that held a base's amount before facts held a map of bases; they
// are still read (Facts.check).
var legacyBaseFacts = []struct{ field, base string }{
	{"illegalGainsFen", BaseIllegalGains}, {"goodsValueFen", BaseGoodsValue},
	{"illegalIncomeFen", BaseIllegalIncome}, {"projectCostFen", BaseProjectCost},
}

// Penalty kinds this package looks for in Statute.PenaltyKinds, named as 行政处罚法 第九条 names them.
const (
	PenaltyWarning = "警告"
	PenaltyFine    = "罚款"
)

// Statute is the statutory penalty of one version of a catalogue item: the kinds of penalty the
// law allows and the fine range, as a fixed range in fen, as multiples of illegal gains or goods
// value (×100: 1000 means ten times), or both (e.g. 食品安全法 第一百二十二条第一款: 五万元以上十万元以下,
// or 货值金额十倍以上二十倍以下 once goods value reaches ten thousand yuan). A fine written "N元以下"
// has FineMinFen 0.
type Statute struct {
	ItemID         string   `json:"itemId"`
	ItemCode       string   `json:"itemCode"`
	ItemName       string   `json:"itemName"`
	VersionID      string   `json:"versionId"`
	EffectiveFrom  string   `json:"effectiveFrom,omitempty"` // when this version took effect
	Citation       string   `json:"citation,omitempty"`      // 处罚依据, e.g. 《中华人民共和国大气污染防治法》第一百一十八条第一款
	PenaltyKinds   []string `json:"penaltyKinds"`            // 警告、罚款、没收违法所得、责令停产停业 …
	FineMinFen     int64    `json:"fineMinFen"`
	FineMaxFen     int64    `json:"fineMaxFen"`
	MultipleMinPct int      `json:"multipleMinPct"`
	MultipleMaxPct int      `json:"multipleMaxPct"`
	MultipleBase   string   `json:"multipleBase"` // a base from the jurisdiction's vocabulary, or ""
	// A fine per unit (按每处设施、每平方米、每日、每辆 … 计罚): Unit names the unit and the per-unit
	// range is PerUnitMinFen–PerUnitMaxFen (equal for "每平方米一千元"). FineMinFen and FineMaxFen
	// are then the floor and cap of the total, 0 when the law sets none. A benchmark's per-unit
	// standards must then use the same unit.
	Unit          string `json:"unit,omitempty"`
	PerUnitMinFen int64  `json:"perUnitMinFen"`
	PerUnitMaxFen int64  `json:"perUnitMaxFen"`
}

// Range returns the statutory range of the statute as a whole.
func (s Statute) Range() Range {
	return Range{FineMinFen: s.FineMinFen, FineMaxFen: s.FineMaxFen, MultipleMinPct: s.MultipleMinPct,
		MultipleMaxPct: s.MultipleMaxPct, MultipleBase: s.MultipleBase, Unit: s.Unit, PerUnitMinFen: s.PerUnitMinFen,
		PerUnitMaxFen: s.PerUnitMaxFen}
}

// Describe says the statutory fine in Chinese. A statute with both an amount and a multiple
// states alternatives (each for its own circumstances), not a multiple with a floor and a cap.
func (s Statute) Describe() string {
	r := s.Range()
	if r.HasFixed() && r.HasMultiple() {
		return rangeText(r.FineMinFen, r.FineMaxFen) + "；或" + Range{MultipleMinPct: r.MultipleMinPct,
			MultipleMaxPct: r.MultipleMaxPct, MultipleBase: r.MultipleBase}.Describe()
	}
	return r.Describe()
}

// allows reports whether the law allows a kind of penalty. A statute that lists no kinds is read
// from its amounts alone: a fine when it has a range, nothing else.
func (s Statute) allows(kind string) bool {
	if len(s.PenaltyKinds) == 0 {
		return kind == PenaltyFine && s.Range().HasFine()
	}
	for _, k := range s.PenaltyKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// Range is a statutory fine range (法定罚款幅度): a fixed range in fen; multiples of a base, or
// multiples bounded by a floor and a cap in fen ("处违法所得一倍以上三倍以下罚款，最高不超过三万元"); or
// an amount per unit ("按照每处设施处五千元以上二万元以下罚款", "每平方米一千元"), where FineMinFen and
// FineMaxFen are the floor and cap of the total, 0 when the law sets none.
type Range struct {
	FineMinFen     int64  `json:"fineMinFen"`
	FineMaxFen     int64  `json:"fineMaxFen"`
	MultipleMinPct int    `json:"multipleMinPct"`
	MultipleMaxPct int    `json:"multipleMaxPct"`
	MultipleBase   string `json:"multipleBase"`
	Unit           string `json:"unit,omitempty"`
	PerUnitMinFen  int64  `json:"perUnitMinFen"`
	PerUnitMaxFen  int64  `json:"perUnitMaxFen"`
}

// HasPerUnit reports a fine per unit.
func (r Range) HasPerUnit() bool { return r.Unit != "" && r.PerUnitMaxFen > 0 }

// HasFixed reports a fine range in fen (not per unit).
func (r Range) HasFixed() bool { return !r.HasPerUnit() && r.FineMaxFen > 0 }

// HasMultiple reports a fine range in multiples of a base.
func (r Range) HasMultiple() bool { return r.MultipleMaxPct > 0 }

// HasFine reports any fine at all.
func (r Range) HasFine() bool { return r.HasFixed() || r.HasMultiple() || r.HasPerUnit() }
