package audit

import (
	"context"
	"fmt"

	"zhifa/internal/platform/db"
)

// Verification is the outcome of checking the whole chain.
type Verification struct {
	OK        bool   `json:"ok"`
	Count     int64  `json:"count"`
	HeadHash  string `json:"headHash"`
	BrokenSeq int64  `json:"brokenSeq,omitempty"`
	Reason    string `json:"reason,omitempty"`
}

// Verify walks the log in order and names the first entry that breaks the chain: a gap in the
// sequence (a removed entry), a previous-hash link that does not match, or a hash that does not
// match the entry's content (an altered entry). It also checks the head against the last entry.
func Verify(ctx context.Context, d *db.DB) (Verification, error) {
	rows, err := d.R.QueryxContext(ctx, `SELECT seq, at, actor_id, actor_name, ip, action, entity, entity_id,
		region_code, summary, detail, prev_hash, hash FROM audit_log ORDER BY seq`)
	if err != nil {
		return Verification{}, err
	}
	defer rows.Close()
	var prev Entry
	var n int64
	for rows.Next() {
		var e Entry
		if err := rows.StructScan(&e); err != nil {
			return Verification{}, err
		}
		n++
		switch {
		case e.Seq != prev.Seq+1:
			return broken(n-1, prev.Seq+1, fmt.Sprintf("第%d条记录缺失（序号从%d跳到%d）", prev.Seq+1, prev.Seq, e.Seq)), nil
		case e.PrevHash != prev.Hash:
			return broken(n-1, e.Seq, fmt.Sprintf("第%d条记录的前序哈希与第%d条记录不符", e.Seq, prev.Seq)), nil
		case Hash(e) != e.Hash:
			return broken(n-1, e.Seq, fmt.Sprintf("第%d条记录的内容与其哈希不符，记录可能被篡改", e.Seq)), nil
		}
		prev = e
	}
	if err := rows.Err(); err != nil {
		return Verification{}, err
	}
	var head struct {
		Seq  int64  `db:"seq"`
		Hash string `db:"hash"`
	}
	if err := db.Get(ctx, d.R, &head, `SELECT seq, hash FROM audit_head WHERE id = 1`); err != nil {
		return Verification{}, err
	}
	if head.Seq != prev.Seq || head.Hash != prev.Hash {
		return broken(n, prev.Seq+1, fmt.Sprintf("日志末尾与链头不符：链头为第%d条，日志止于第%d条，末尾记录可能被删除", head.Seq, prev.Seq)), nil
	}
	return Verification{OK: true, Count: n, HeadHash: head.Hash}, nil
}

func broken(count, seq int64, reason string) Verification {
	return Verification{OK: false, Count: count, BrokenSeq: seq, Reason: reason}
}
