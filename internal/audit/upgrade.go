package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
)

// UpgradeResult says what Upgrade did; Entries is 0 when there was nothing to do.
type UpgradeResult struct {
	Entries        int            `json:"entries"`        // old entries re-chained
	Chains         map[string]int `json:"chains"`         // how many went to each chain
	LegacyHeadSeq  int64          `json:"legacyHeadSeq"`  // the old head
	LegacyHeadHash string         `json:"legacyHeadHash"` //
}

// LegacyBrokenError is the refusal to re-chain an old log whose SHA-256 chain does not verify:
// re-chaining it would seal the tampering under the new keys.
type LegacyBrokenError struct {
	Seq    int64
	Reason string
}

func (e *LegacyBrokenError) Error() string {
	return fmt.Sprintf("旧审计日志的哈希链已被破坏（第%d条）：%s。为免把被篡改的记录纳入新的密钥链，已停止升级。请从备份恢复数据库，或查明原因后处理", e.Seq, e.Reason)
}

const upgradePage = 1000

// Upgrade moves a log written before the keyed chains onto them. Such a database holds one
// unkeyed SHA-256 chain, kept by migration 00006 as chain "legacy" with its head. Upgrade first
// checks that chain with the old algorithm and refuses, with a LegacyBrokenError, if it is broken;
// then, in one transaction, it re-chains every old entry, in its old order, into its jurisdiction's
// keyed chain and records an entry saying so, with the old head's hash. It does nothing on a
// database without old entries, so it runs at every start.
func (l *Log) Upgrade(ctx context.Context, d *db.DB) (UpgradeResult, error) {
	var res UpgradeResult
	err := d.Tx(ctx, func(tx *db.Tx) error {
		res = UpgradeResult{}
		// Taking the old head's row lock first makes a second instance starting at the same time
		// wait here, and then find nothing left to do.
		r, err := db.Exec(ctx, tx, `UPDATE audit_heads SET seq = seq WHERE chain = ?`, legacyChain)
		if err != nil {
			return err
		}
		heads, _ := r.RowsAffected()
		var count int
		if err := db.Get(ctx, tx, &count, `SELECT COUNT(*) FROM audit_log WHERE chain = ?`, legacyChain); err != nil {
			return err
		}
		if heads == 0 && count == 0 {
			return nil
		}
		var head Head
		if err := db.Get(ctx, tx, &head, `SELECT chain, seq, mac FROM audit_heads WHERE chain = ?`, legacyChain); err != nil && !db.IsNoRows(err) {
			return err
		}
		res.LegacyHeadSeq, res.LegacyHeadHash = head.Seq, head.MAC
		if err := verifyLegacy(ctx, tx, head); err != nil {
			return err
		}
		if res.Chains, err = l.rechain(ctx, tx); err != nil {
			return err
		}
		res.Entries = count
		if _, err := db.Exec(ctx, tx, `DELETE FROM audit_heads WHERE chain = ?`, legacyChain); err != nil {
			return err
		}
		return l.Append(ctx, tx, access.System(), Event{Action: ActionRechain, Entity: EntityLog, EntityName: "审计日志",
			Summary: fmt.Sprintf("审计日志升级为按辖区分链的 HMAC-SM3 密钥链：旧哈希链经校验完整，%d条旧记录已按原顺序重新链接到%d条链；旧链头为第%d条，哈希 %s",
				count, len(res.Chains), head.Seq, head.MAC),
			Detail: res})
	})
	if err != nil {
		return UpgradeResult{}, err
	}
	return res, nil
}

// legacyPage reads old entries after seq, in order.
func legacyPage(ctx context.Context, tx *db.Tx, after int64) ([]Entry, error) {
	var out []Entry
	err := db.Select(ctx, tx, &out, `SELECT `+entryColumns+` FROM audit_log WHERE chain = ? AND seq > ? ORDER BY seq LIMIT ?`,
		legacyChain, after, upgradePage)
	return out, err
}

// verifyLegacy walks the old chain as the old `zhifa audit verify` did: a gap in the sequence, a
// previous-hash link that does not match, a hash that does not match the content, or a head that
// does not match the last entry breaks it. Old rows keep their hashes in prev_mac and mac.
func verifyLegacy(ctx context.Context, tx *db.Tx, head Head) error {
	var prev Entry
	for {
		page, err := legacyPage(ctx, tx, prev.Seq)
		if err != nil {
			return err
		}
		for _, e := range page {
			switch {
			case e.Seq != prev.Seq+1:
				return &LegacyBrokenError{prev.Seq + 1, fmt.Sprintf("第%d条记录缺失（序号从%d跳到%d）", prev.Seq+1, prev.Seq, e.Seq)}
			case e.PrevMAC != prev.MAC:
				return &LegacyBrokenError{e.Seq, fmt.Sprintf("第%d条记录的前序哈希与第%d条记录不符", e.Seq, prev.Seq)}
			case legacyHash(e) != e.MAC:
				return &LegacyBrokenError{e.Seq, fmt.Sprintf("第%d条记录的内容与其哈希不符，记录可能被篡改", e.Seq)}
			}
			prev = e
		}
		if len(page) < upgradePage {
			break
		}
	}
	if head.Seq != prev.Seq || head.MAC != prev.MAC {
		return &LegacyBrokenError{prev.Seq + 1, fmt.Sprintf("日志末尾与链头不符：链头为第%d条，日志止于第%d条，末尾记录可能被删除", head.Seq, prev.Seq)}
	}
	return nil
}

// legacyHash is the old, unkeyed algorithm: SHA-256 over the previous hash and the entry's fields.
func legacyHash(e Entry) string {
	body, _ := json.Marshal([]any{e.Seq, e.At, e.ActorID, e.ActorName, e.IP, e.Action, e.Entity,
		e.EntityID, e.RegionCode, e.Summary, e.Detail})
	h := sha256.New()
	h.Write([]byte(e.PrevMAC))
	h.Write([]byte{'\n'})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// rechain appends every old entry, in its old order, to its jurisdiction's keyed chain (after any
// entries that chain already has) and moves the heads on, returning the count per chain.
func (l *Log) rechain(ctx context.Context, tx *db.Tx) (map[string]int, error) {
	var existing []Head
	if err := db.Select(ctx, tx, &existing, `SELECT chain, seq, mac FROM audit_heads WHERE chain <> ?`, legacyChain); err != nil {
		return nil, err
	}
	heads := map[string]Head{}
	for _, h := range existing {
		heads[h.Chain] = h
	}
	counts := map[string]int{}
	for {
		// Re-chained rows leave the old chain, so the first page left is always the next one.
		page, err := legacyPage(ctx, tx, 0)
		if err != nil {
			return nil, err
		}
		for _, e := range page {
			old := e.Seq
			e.Chain = ChainOf(e.RegionCode)
			h := heads[e.Chain]
			e.Seq, e.PrevMAC = h.Seq+1, h.MAC
			e.MAC, e.BodyMAC = l.keys.seal(e)
			if _, err := db.Exec(ctx, tx, `UPDATE audit_log SET chain = ?, seq = ?, prev_mac = ?, mac = ?, body_mac = ?
				WHERE chain = ? AND seq = ?`, e.Chain, e.Seq, e.PrevMAC, e.MAC, e.BodyMAC, legacyChain, old); err != nil {
				return nil, err
			}
			heads[e.Chain] = Head{Chain: e.Chain, Seq: e.Seq, MAC: e.MAC}
			counts[e.Chain]++
		}
		if len(page) < upgradePage {
			break
		}
	}
	chains := make([]string, 0, len(counts))
	for c := range counts {
		chains = append(chains, c)
	}
	slices.Sort(chains)
	for _, c := range chains {
		h := heads[c]
		if _, err := db.Exec(ctx, tx, `INSERT INTO audit_heads (chain, seq, mac) VALUES (?, ?, ?)
			ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, mac = excluded.mac`, h.Chain, h.Seq, h.MAC); err != nil {
			return nil, err
		}
	}
	return counts, nil
}
