package audit

import (
	"context"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/httpx"
)

// ChainState is a chain's head and its newest anchor, as the auditor's page shows them.
type ChainState struct {
	Head
	LastAnchor *Anchor `json:"lastAnchor,omitempty"`
}

// Chains is the state of every chain in view, with the key that signs the anchors.
type Chains struct {
	Anchored  bool         `json:"anchored"`  // whether the server keeps anchors
	AnchorDir string       `json:"anchorDir"` //
	AnchorKey string       `json:"anchorKey"` // fingerprint of the SM2 public key
	PublicKey string       `json:"publicKey"` // the SM2 public key, 04‖X‖Y in hex
	Chains    []ChainState `json:"chains"`
}

// States returns the head and newest anchor of every chain inside scope.
func (l *Log) States(ctx context.Context, d *db.DB, scope access.Scope) (Chains, error) {
	heads, err := Heads(ctx, d.R, scope)
	if err != nil {
		return Chains{}, err
	}
	out := Chains{AnchorKey: l.keys.Fingerprint(), PublicKey: l.keys.PublicKey(), Chains: make([]ChainState, 0, len(heads))}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.anchors != nil {
		out.Anchored, out.AnchorDir = true, l.anchors.dir
	}
	for _, h := range heads {
		s := ChainState{Head: h}
		if l.anchors != nil {
			if a, ok := l.anchors.last[h.Chain]; ok {
				s.LastAnchor = &a
			}
		}
		out.Chains = append(out.Chains, s)
	}
	return out, nil
}

// checkChain checks the optional chain parameter: nil means every chain, "" the system-wide
// chain, otherwise a chain's 2, 4 or 6 digits. A chain outside the caller's jurisdiction is not
// found, like any record there.
func checkChain(c *string, scope access.Scope) error {
	if c == nil {
		return nil
	}
	if !validChain(*c) {
		return apperr.InvalidField("chain", "AUDIT_CHAIN_INVALID", "审计链应为空（系统级链）或2、4、6位区划代码前缀")
	}
	if !visible(scope, *c) {
		return apperr.NotFound("审计链 " + *c) // outside the jurisdiction, as if it did not exist
	}
	return nil
}

func validChain(c string) bool {
	if len(c) != 0 && len(c) != 2 && len(c) != 4 && len(c) != 6 {
		return false
	}
	for _, r := range c {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// API serves the audit log to auditors.
type API struct {
	DB  *db.DB
	Log *Log
}

// Routes returns the audit log's API.
func (a API) Routes() []httpx.Route {
	return httpx.Tagged("审计",
		httpx.Get("/api/v1/audit", access.AuditRead, "查询审计日志（新的在前）", httpx.Listing(a.list)),
		httpx.Get("/api/v1/audit/meta", access.AuditRead, "审计日志的操作与对象类型（含中文名）", httpx.Fetch(a.meta)),
		httpx.Get("/api/v1/audit/chains", access.AuditRead, "各审计链的链头与最近一次签名锚点", httpx.Fetch(a.chains)),
		httpx.Post("/api/v1/audit/verify", access.AuditRead, "校验审计链（MAC、链头与链外锚点），逐链报告", httpx.WithQuery(a.verify)),
	)
}

// ChainQuery names one chain.
type ChainQuery struct {
	Chain *string `query:"chain" doc:"只看一条审计链：县级为6位区划代码，市级4位，省级2位，空值为系统级链"`
}

func (a API) list(ctx context.Context, p *access.Principal, f Filter, page httpx.Page) ([]Entry, int, error) {
	if err := checkChain(f.Chain, p.Scope()); err != nil {
		return nil, 0, err
	}
	return List(ctx, a.DB, p.Scope(), f, page)
}

func (a API) meta(context.Context, *access.Principal) (Meta, error) { return a.Log.Kinds(), nil }

func (a API) chains(ctx context.Context, p *access.Principal) (Chains, error) {
	return a.Log.States(ctx, a.DB, p.Scope())
}

func (a API) verify(ctx context.Context, p *access.Principal, q ChainQuery) (Report, error) {
	if err := checkChain(q.Chain, p.Scope()); err != nil {
		return Report{}, err
	}
	return a.Log.Verify(ctx, a.DB, p.Scope(), q.Chain)
}
