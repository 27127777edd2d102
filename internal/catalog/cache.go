package catalog

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"

	"zhifa/internal/org"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/db"
)

// DefaultRecheck is how often a process asks the store whether another process changed the
// catalogue (the generation counter), at most.
const DefaultRecheck = time.Second

// cache holds the current snapshot. Readers load it with one atomic read; a stale snapshot is
// replaced whole by a new one built under mu, never mutated.
type cache struct {
	mu      sync.Mutex // serialises builds and generation checks
	cur     atomic.Pointer[Snapshot]
	local   atomic.Int64 // bumped after every change committed by this process
	checked atomic.Int64 // monotonic nanoseconds of the last generation check
}

var monoStart = time.Now()

func monoNow() int64 { return int64(time.Since(monoStart)) }

// bumpGeneration is run inside every transaction that changes the catalogue, so that other
// processes sharing the store see the change at their next check.
func bumpGeneration(ctx context.Context, tx *db.Tx) error {
	_, err := db.Exec(ctx, tx, `UPDATE catalog_generation SET gen = gen + 1 WHERE id = 1`)
	return err
}

// changed marks this process's snapshot stale after a committed change: the next reader rebuilds,
// so a caller always reads its own writes.
func (s *Service) changed() { s.cache.local.Add(1) }

// Snapshot returns a current snapshot: rebuilt when this process changed the catalogue since it
// was built, or when the store's generation counter moved (checked at most once per Recheck).
func (s *Service) Snapshot(ctx context.Context) (*Snapshot, error) {
	c := &s.cache
	cur := c.cur.Load()
	recheck := s.recheck()
	if cur != nil && cur.local == c.local.Load() && monoNow()-c.checked.Load() < int64(recheck) {
		return cur, nil
	}
	if cur != nil && cur.local == c.local.Load() {
		// Only the generation check is due: one reader makes it, the others go on with the
		// current snapshot instead of queueing behind a query.
		if !c.mu.TryLock() {
			return cur, nil
		}
	} else {
		c.mu.Lock()
	}
	defer c.mu.Unlock()
	return s.refreshLocked(ctx, false)
}

func (s *Service) recheck() time.Duration {
	if s.Recheck == 0 {
		return DefaultRecheck
	}
	return s.Recheck
}

// Refresh checks the generation counter now and rebuilds the snapshot if another process (or
// this one) changed the catalogue.
func (s *Service) Refresh(ctx context.Context) (*Snapshot, error) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	return s.refreshLocked(ctx, true)
}

func (s *Service) refreshLocked(ctx context.Context, force bool) (*Snapshot, error) {
	c := &s.cache
	cur := c.cur.Load()
	local := c.local.Load()
	if !force && cur != nil && cur.local == local && monoNow()-c.checked.Load() < int64(s.recheck()) {
		return cur, nil // another reader checked it while this one waited for the lock
	}
	var gen int64
	if err := db.Get(ctx, s.DB.R, &gen, `SELECT gen FROM catalog_generation WHERE id = 1`); err != nil {
		return nil, err
	}
	c.checked.Store(monoNow())
	if cur != nil && cur.local == local && cur.gen == gen {
		return cur, nil
	}
	next, err := s.build(ctx)
	if err != nil {
		return nil, err
	}
	next.local = local
	c.cur.Store(next)
	return next, nil
}

// build reads the whole catalogue in one read transaction, generation first, so that the data is
// never older than the generation it is labelled with.
func (s *Service) build(ctx context.Context) (*Snapshot, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.DB.Dialect == db.Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := s.DB.R.BeginTxx(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var d snapshotData
	if err := db.Get(ctx, tx, &d.Gen, `SELECT gen FROM catalog_generation WHERE id = 1`); err != nil {
		return nil, err
	}
	if err := db.Select(ctx, tx, &d.Items, `SELECT id, code, region_code FROM catalog_items WHERE status <> 'draft'`); err != nil {
		return nil, err
	}
	if err := db.Select(ctx, tx, &d.Spans, `SELECT item_id, id, version, status, effective_from, effective_to, doc_no, name,
		item_type, domain, category, level, owner_org_id, penalty_kinds, fine_min_fen, fine_max_fen, multiple_min,
		multiple_max, multiple_base, search_text FROM catalog_versions WHERE status <> 'draft'`); err != nil {
		return nil, err
	}
	if err := db.Select(ctx, tx, &d.Grants, `SELECT id, item_id, decision_id, kind, from_org_id, target_org_id, working_org_id, place_code,
		partial, part_note, effective_from, effective_to, revoked_by FROM catalog_assignments`); err != nil {
		return nil, err
	}
	if err := db.Select(ctx, tx, &d.Latest, `SELECT `+listColumns+`, v.search_text FROM catalog_items i
		JOIN catalog_versions v ON v.id = i.latest_version_id`); err != nil {
		return nil, err
	}
	if err := db.Select(ctx, tx, &d.Decisions, `SELECT id, doc_no, title, effective_from FROM catalog_decisions`); err != nil {
		return nil, err
	}
	if d.Synonyms, err = allSynonyms(ctx, tx); err != nil {
		return nil, err
	}
	orgs, err := org.All(ctx, tx, access.Everywhere)
	if err != nil {
		return nil, err
	}
	d.Orgs = make([]OrgInfo, len(orgs))
	for i, o := range orgs {
		d.Orgs[i] = OrgInfo{ID: o.ID, Name: o.Name, Kind: string(o.Kind), RegionCode: o.RegionCode}
	}
	return newSnapshot(d)
}
