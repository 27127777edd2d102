// Package query holds the plumbing every list of the platform shares: a page request with a
// multi-column sort, the columns a list may be sorted by, a WHERE clause built from optional
// filters, and one function that counts and reads a page. Stores write their SQL; this package
// only assembles it, so that paging, ordering and counting are written once.
package query

import (
	"context"
	"strings"

	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
)

// Page is a request for one page of a sorted list.
type Page struct {
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
	Sort     string `json:"-"` // one field, or several separated by commas, each "-field" for descending
	Desc     bool   `json:"-"` // the direction of a single field given without a sign
}

// MaxPageSize bounds a page; exports page through larger views.
const MaxPageSize = 500

// MaxOffset bounds the rows skipped before a page: a page number past it asks for rows beyond any
// list and gets an empty page rather than an overflow.
const MaxOffset = 1 << 40

// First is the first page of size rows.
func First(size int) Page { return Page{Page: 1, PageSize: size} }

// Offset is the number of rows before the page, saturating at MaxOffset.
func (p Page) Offset() int {
	if p.Page <= 1 {
		return 0
	}
	if p.Page-1 > MaxOffset/max(p.PageSize, 1) {
		return MaxOffset
	}
	return (p.Page - 1) * p.PageSize
}

// Key is one field of a sort.
type Key struct {
	Field string
	Desc  bool
}

// Keys reads the requested sort: "name", "name,-updatedAt" (the sign gives each field's
// direction; a single field without one takes Desc).
func (p Page) Keys() []Key {
	if p.Sort == "" {
		return nil
	}
	parts := strings.Split(p.Sort, ",")
	out := make([]Key, 0, len(parts))
	for _, f := range parts {
		f = strings.TrimSpace(f)
		switch {
		case strings.HasPrefix(f, "-"):
			out = append(out, Key{Field: f[1:], Desc: true})
		case strings.HasPrefix(f, "+"):
			out = append(out, Key{Field: f[1:]})
		default:
			out = append(out, Key{Field: f, Desc: p.Desc && len(parts) == 1})
		}
	}
	return out
}

// Order names the fields a list may be sorted by and the SQL each sorts on (one expression or
// several separated by commas, each taking the field's direction).
type Order map[string]string

// SQL is the ORDER BY clause for the page's sort, else for def (a field of the order, optionally
// with a leading "-"), always ending with tie, a unique column, so that pages never overlap.
// A field not in the order is refused with the field named.
func (o Order) SQL(p Page, def, tie string) (string, error) {
	keys := p.Keys()
	if len(keys) == 0 {
		keys = Page{Sort: def}.Keys()
	}
	var terms []string
	for _, k := range keys {
		expr, ok := o[k.Field]
		if !ok {
			return "", apperr.InvalidField("sort", "SORT_INVALID", "不支持按该字段排序："+k.Field)
		}
		dir := " ASC"
		if k.Desc {
			dir = " DESC"
		}
		for _, e := range strings.Split(expr, ",") {
			terms = append(terms, strings.TrimSpace(e)+dir)
		}
	}
	if tie != "" {
		terms = append(terms, tie)
	}
	return " ORDER BY " + strings.Join(terms, ", "), nil
}

// Where collects the conditions of a list: each And adds one with its arguments.
type Where struct {
	conds []string
	args  []any
}

// And adds a condition.
func (w *Where) And(cond string, args ...any) *Where {
	for _, a := range args {
		if _, ok := a.([]any); ok {
			panic("query: a slice of arguments goes to Where.Add, not And")
		}
	}
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
	return w
}

// Add adds a condition with its arguments as a slice, as scope predicates return them:
// w.Add(scope.In("p.region_code")).
func (w *Where) Add(cond string, args []any) *Where { return w.And(cond, args...) }

// If adds a condition when ok holds: the usual optional filter.
func (w *Where) If(ok bool, cond string, args ...any) *Where {
	if ok {
		w.And(cond, args...)
	}
	return w
}

// SQL is " WHERE c1 AND c2 …" (or "" without conditions) and its arguments.
func (w *Where) SQL() (string, []any) {
	if len(w.conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(w.conds, " AND "), w.args
}

// List counts the rows of from (a FROM clause with its joins) matching where and reads one page
// of them with columns (the SELECT list), in order. It is every list of the platform: the same
// COUNT, LIMIT and OFFSET once.
func List[T any](ctx context.Context, c db.Conn, columns, from string, where *Where, order string, p Page) ([]T, int, error) {
	cond, args := where.SQL()
	var total int
	if err := db.Get(ctx, c, &total, "SELECT COUNT(*) FROM "+from+cond, args...); err != nil {
		return nil, 0, err
	}
	out := []T{}
	if total == 0 || p.Offset() >= total {
		return out, total, nil
	}
	err := db.Select(ctx, c, &out, "SELECT "+columns+" FROM "+from+cond+order+" LIMIT ? OFFSET ?",
		append(args, p.PageSize, p.Offset())...)
	return out, total, err
}
