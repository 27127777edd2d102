package audit

import (
	"context"
	"net/http"

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

// chainParam reads the optional chain parameter: absent means every chain, present and empty the
// system-wide chain, otherwise a chain's 2, 4 or 6 digits. A chain outside the caller's
// jurisdiction is not found, like any record there.
func chainParam(r *http.Request, scope access.Scope) (*string, error) {
	q := r.URL.Query()
	if !q.Has("chain") {
		return nil, nil
	}
	c := q.Get("chain")
	if !validChain(c) {
		return nil, apperr.InvalidField("chain", "AUDIT_CHAIN_INVALID", "审计链应为空（系统级链）或2、4、6位区划代码前缀")
	}
	if !visible(scope, c) {
		return nil, apperr.NotFound("审计链 " + c) // outside the jurisdiction, as if it did not exist
	}
	return &c, nil
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

// Routes returns the audit log's API.
func Routes(d *db.DB, l *Log) []httpx.Route {
	chainQuery := httpx.Param{Name: "chain", Description: "只看一条审计链：县级为6位区划代码，市级4位，省级2位，空值为系统级链"}
	return []httpx.Route{
		{Method: "GET", Path: "/api/v1/audit", Perm: access.AuditRead, Tag: "审计", Summary: "查询审计日志（新的在前）",
			Query: []httpx.Param{{Name: "actor"}, {Name: "action"}, {Name: "entity"}, {Name: "from"}, {Name: "to"}, chainQuery,
				{Name: "page", Type: "integer"}, {Name: "pageSize", Type: "integer"}, {Name: "sort"}, {Name: "order"}},
			Response: httpx.List[Entry]{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				p, err := httpx.PageOf(r)
				if err != nil {
					return err
				}
				scope := httpx.Principal(r).Scope()
				chain, err := chainParam(r, scope)
				if err != nil {
					return err
				}
				q := r.URL.Query()
				items, total, err := List(r.Context(), d, scope, Filter{
					Actor: q.Get("actor"), Action: q.Get("action"), Entity: q.Get("entity"), From: q.Get("from"), To: q.Get("to"), Chain: chain,
				}, p)
				if err != nil {
					return err
				}
				return httpx.OK(w, httpx.NewList(items, total, p))
			}},
		{Method: "GET", Path: "/api/v1/audit/meta", Perm: access.AuditRead, Tag: "审计", Summary: "审计日志的操作与对象类型（含中文名）",
			Response: Meta{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				return httpx.OK(w, Kinds())
			}},
		{Method: "GET", Path: "/api/v1/audit/chains", Perm: access.AuditRead, Tag: "审计", Summary: "各审计链的链头与最近一次签名锚点",
			Response: Chains{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				s, err := l.States(r.Context(), d, httpx.Principal(r).Scope())
				if err != nil {
					return err
				}
				return httpx.OK(w, s)
			}},
		{Method: "POST", Path: "/api/v1/audit/verify", Perm: access.AuditRead, Tag: "审计", Summary: "校验审计链（MAC、链头与链外锚点），逐链报告",
			Query:    []httpx.Param{chainQuery},
			Response: Report{},
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				scope := httpx.Principal(r).Scope()
				chain, err := chainParam(r, scope)
				if err != nil {
					return err
				}
				rep, err := l.Verify(r.Context(), d, scope, chain)
				if err != nil {
					return err
				}
				return httpx.OK(w, rep)
			}},
	}
}
