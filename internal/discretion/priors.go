package discretion

import "context"

// PriorPenalties counts a party's prior penalties for the same violation from the record, so that
// a count condition (初次违法, 一年内第二次 …) is decided by what was recorded rather than by what the
// officer types. Case handling fills it from the penalties it records.
//
// Contract: Count returns the number of penalty decisions against the party (partyKey: its
// 统一社会信用代码 or 身份证号码, as the case records it) for the catalogue item itemID decided on a
// day from `from` (included) to `to` (excluded), both YYYY-MM-DD. An error is a failure of the
// system, not "no record".
type PriorPenalties interface {
	Count(ctx context.Context, partyKey, itemID, from, to string) (int, error)
}

// Why the record was not consulted, as the result's note says.
const (
	noteNoRecord = "平台尚未接入处罚记录"
	noteNoParty  = "未提供当事人证件号码，无法从处罚记录统计"
)
