package catalog

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"

	"zhifa/internal/platform/db"
)

// The console's catalogue search runs on a full-text index of each version's search text, so that a
// search over tens of thousands of items reads the matching ones instead of scanning them all with
// LIKE. Chinese is written without spaces, so the index holds, field by field and in order, every
// pair of adjacent characters (bigrams), each field's last character paired with an end mark: a term
// of two or more characters is the phrase of its bigrams, one after the other, which is exactly "the
// field contains the term"; a one-character term is the prefix of the bigrams it starts. A phrase
// never runs from one field into the next, since no term contains the end mark. A synonym's
// canonical term is one more phrase, limited to the synonym's jurisdiction by the region of the item.
//
// Each token is spelled in the letters a–p, four bits a letter and six letters a character, which
// every tokenizer keeps whole: SQLite's FTS5 (ascii tokenizer) and PostgreSQL's text search (the
// "simple" configuration, a GIN index over a tsvector, phrases with <->). The index is derived data:
// the catalogue creates it on first use on either engine and fills it from the versions it lacks,
// and every write of a version writes its entry in the same transaction.

// tokenLen is the length of one character's spelling.
const tokenLen = 6

// spell writes a character as six letters a–p.
func spell(b *strings.Builder, r rune) {
	for shift := 20; shift >= 0; shift -= 4 {
		b.WriteByte(byte('a' + (r>>shift)&0xf))
	}
}

// endMark pairs with a field's last character.
const endMark rune = 0

// searchGrams is the index entry of a search text: its bigram tokens in order, separated by spaces.
func searchGrams(text string) string {
	var b strings.Builder
	for _, field := range strings.Split(text, "|") {
		rs := []rune(field)
		for i := range rs {
			next := endMark
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			spell(&b, rs[i])
			spell(&b, next)
		}
	}
	return b.String()
}

// termTokens is what the index must hold for a term: the phrase of its bigrams, or, for one
// character, the prefix of the bigrams it starts.
func termTokens(term string) (tokens []string, prefix bool) {
	rs := []rune(term)
	var b strings.Builder
	if len(rs) == 1 {
		spell(&b, rs[0])
		return []string{b.String()}, true
	}
	for i := 0; i+1 < len(rs); i++ {
		b.Reset()
		spell(&b, rs[i])
		spell(&b, rs[i+1])
		tokens = append(tokens, b.String())
	}
	return tokens, false
}

// isPostgres tells the engine a connection runs on.
func isPostgres(c db.Conn) bool { return c.DriverName() != "sqlite" }

// phrase is the full-text query of one term on an engine.
func phrase(pg bool, text string) string {
	toks, prefix := termTokens(text)
	switch {
	case prefix && pg:
		return toks[0] + ":*"
	case prefix:
		return toks[0] + "*"
	case pg:
		return "(" + strings.Join(toks, " <-> ") + ")"
	}
	return `"` + strings.Join(toks, " ") + `"`
}

// ftsIn is the condition "the version's entry matches the full-text query q". The query is written
// into the statement rather than bound: it is made of the letters a–p and the query syntax only
// (phrase), never of what was typed, and PostgreSQL plans a prepared statement's later runs without
// its parameters, which turns the index search into a scan of every entry.
func ftsIn(pg bool, q string) string {
	if pg {
		return `v.id IN (SELECT version_id FROM catalog_search WHERE grams @@ to_tsquery('simple', '` + q + `'))`
	}
	return `v.id IN (SELECT d.version_id FROM catalog_search s JOIN catalog_search_docs d ON d.doc = s.rowid
		WHERE catalog_search MATCH '` + q + `')`
}

// searchConds are the SQL conditions on versions (alias v) of items (region column regionCol)
// that match a query: every term, or for a term one of its alternatives (a synonym's canonical
// term) in the synonym's jurisdiction. The first condition alone, every term or any of its
// alternatives, is answered by the index and leads the query; a term with alternatives limited to
// a jurisdiction adds a condition that checks the region.
func searchConds(c db.Conn, terms []string, alts [][]alternative, regionCol string) ([]string, [][]any) {
	pg := isPostgres(c)
	and, or := " AND ", " OR "
	if pg {
		and, or = " & ", " | "
	}
	var all []string
	var conds []string
	var args [][]any
	for i, t := range terms {
		opts := []string{phrase(pg, t)}
		scoped := false
		for _, a := range alts[i] {
			if p := phrase(pg, a.text); !slices.Contains(opts, p) {
				opts = append(opts, p)
			}
			scoped = scoped || a.scope.Prefix != ""
		}
		all = append(all, "("+strings.Join(opts, or)+")")
		if !scoped {
			continue
		}
		parts := []string{ftsIn(pg, phrase(pg, t))}
		var targs []any
		for _, a := range alts[i] {
			if a.scope.Prefix == "" {
				parts = append(parts, ftsIn(pg, phrase(pg, a.text)))
				continue
			}
			in, inArgs := a.scope.In(regionCol)
			parts = append(parts, "("+in+" AND "+ftsIn(pg, phrase(pg, a.text))+")")
			targs = append(targs, inArgs...)
		}
		conds = append(conds, "("+strings.Join(parts, " OR ")+")")
		args = append(args, targs)
	}
	return append([]string{ftsIn(pg, strings.Join(all, and))}, conds...), append([][]any{nil}, args...)
}

// searchSchema creates the index on the engine of d when it is missing.
func searchSchema(ctx context.Context, d *db.DB) error {
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS catalog_search_docs (doc INTEGER PRIMARY KEY, version_id TEXT NOT NULL UNIQUE)`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS catalog_search USING fts5(grams, tokenize = 'ascii', content = '',
			contentless_delete = 1, prefix = '6')`,
	}
	if d.Dialect == db.Postgres {
		stmts = []string{
			`CREATE TABLE IF NOT EXISTS catalog_search (version_id TEXT PRIMARY KEY, grams TSVECTOR NOT NULL)`,
			`CREATE INDEX IF NOT EXISTS catalog_search_grams ON catalog_search USING GIN (grams)`,
		}
	}
	for _, q := range stmts {
		// Two processes starting at once may both create it: the loser's IF NOT EXISTS can still
		// fail on PostgreSQL, and a second try finds it made.
		if _, err := d.W.ExecContext(ctx, q); err != nil {
			if _, err := d.W.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("catalogue search index: %w", err)
			}
		}
	}
	return nil
}

// indexEntry is one version's search text to index.
type indexEntry struct {
	VersionID string `db:"id"`
	Text      string `db:"search_text"`
}

// indexBatch bounds the entries written per statement.
const indexBatch = 500

// writeIndex writes the index entries of versions, replacing those they had.
func writeIndex(ctx context.Context, c db.Conn, entries []indexEntry) error {
	for _, part := range chunks(entries, indexBatch) {
		if err := writeIndexPart(ctx, c, part); err != nil {
			return err
		}
	}
	return nil
}

func writeIndexPart(ctx context.Context, c db.Conn, part []indexEntry) error {
	ids := make([]string, len(part))
	for i, e := range part {
		ids[i] = e.VersionID
	}
	values := func(n int, one string) string {
		return strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
	}
	if isPostgres(c) {
		args := make([]any, 0, 2*len(part))
		for _, e := range part {
			args = append(args, e.VersionID, searchGrams(e.Text))
		}
		_, err := db.Exec(ctx, c, `INSERT INTO catalog_search (version_id, grams) VALUES `+
			values(len(part), "(?, to_tsvector('simple', ?))")+
			` ON CONFLICT (version_id) DO UPDATE SET grams = EXCLUDED.grams`, args...)
		return err
	}
	// SQLite: a version keeps its document number; its old entry is deleted before the new one.
	q, args, err := db.In(`SELECT doc, version_id FROM catalog_search_docs WHERE version_id IN (?)`, ids)
	if err != nil {
		return err
	}
	var known []struct {
		Doc       int64  `db:"doc"`
		VersionID string `db:"version_id"`
	}
	if err := db.Select(ctx, c, &known, q, args...); err != nil {
		return err
	}
	doc := make(map[string]int64, len(part))
	if len(known) > 0 {
		docs := make([]int64, len(known))
		for i, k := range known {
			doc[k.VersionID], docs[i] = k.Doc, k.Doc
		}
		q, args, err := db.In(`DELETE FROM catalog_search WHERE rowid IN (?)`, docs)
		if err != nil {
			return err
		}
		if _, err := db.Exec(ctx, c, q, args...); err != nil {
			return err
		}
	}
	var fresh []any
	for _, e := range part {
		if _, ok := doc[e.VersionID]; !ok {
			fresh = append(fresh, e.VersionID)
		}
	}
	if len(fresh) > 0 {
		var made []struct {
			Doc       int64  `db:"doc"`
			VersionID string `db:"version_id"`
		}
		if err := db.Select(ctx, c, &made, `INSERT INTO catalog_search_docs (version_id) VALUES `+values(len(fresh), "(?)")+
			` RETURNING doc, version_id`, fresh...); err != nil {
			return err
		}
		for _, m := range made {
			doc[m.VersionID] = m.Doc
		}
	}
	args = make([]any, 0, 2*len(part))
	for _, e := range part {
		args = append(args, doc[e.VersionID], searchGrams(e.Text))
	}
	_, err = db.Exec(ctx, c, `INSERT INTO catalog_search (rowid, grams) VALUES `+values(len(part), "(?, ?)"), args...)
	return err
}

// indexRows writes the index entries of version rows.
func indexRows(ctx context.Context, c db.Conn, rows []versionRow) error {
	entries := make([]indexEntry, len(rows))
	for i, r := range rows {
		entries[i] = indexEntry{VersionID: r.ID, Text: r.SearchText}
	}
	return writeIndex(ctx, c, entries)
}

// searchIndex makes sure, once per process, that the index exists and holds every version.
type searchIndex struct {
	mu    sync.Mutex
	ready bool
}

// ensureSearch creates the index when it is missing and fills in the versions it lacks (those
// written before it existed). It runs before the first write or search of the process, outside any
// transaction.
func (s *Service) ensureSearch(ctx context.Context) error {
	s.search.mu.Lock()
	defer s.search.mu.Unlock()
	if s.search.ready {
		return nil
	}
	if err := searchSchema(ctx, s.DB); err != nil {
		return err
	}
	missing := `SELECT v.id, v.search_text FROM catalog_versions v WHERE NOT EXISTS
		(SELECT 1 FROM catalog_search_docs d WHERE d.version_id = v.id) ORDER BY v.id`
	if s.DB.Dialect == db.Postgres {
		missing = `SELECT v.id, v.search_text FROM catalog_versions v WHERE NOT EXISTS
			(SELECT 1 FROM catalog_search d WHERE d.version_id = v.id) ORDER BY v.id`
	}
	filled := 0
	for {
		var entries []indexEntry
		if err := db.Select(ctx, s.DB.W, &entries, missing+` LIMIT 2000`); err != nil {
			return err
		}
		if len(entries) == 0 {
			break
		}
		if err := s.DB.Tx(ctx, func(tx *db.Tx) error { return writeIndex(ctx, tx, entries) }); err != nil {
			return err
		}
		filled += len(entries)
	}
	s.analyzeAfter(ctx, filled)
	s.search.ready = true
	return nil
}

// analyzeAfter refreshes PostgreSQL's statistics of the catalogue's tables after a bulk write of n
// versions: planned on the statistics of a nearly empty table, a search would scan every item and
// test the index entry of each rather than read the index's matches. SQLite plans without them.
// The write has committed by then: a failure is logged, not returned.
func (s *Service) analyzeAfter(ctx context.Context, n int) {
	if s.DB.Dialect != db.Postgres || n < analyzeRows {
		return
	}
	if _, err := s.DB.W.ExecContext(ctx, `ANALYZE catalog_items, catalog_versions, catalog_search`); err != nil {
		slog.WarnContext(ctx, "catalogue statistics not refreshed", "err", err)
	}
}

// analyzeRows is the bulk write after which statistics are refreshed.
const analyzeRows = 1000
