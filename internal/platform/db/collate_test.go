package db_test

import (
	"context"
	"slices"
	"testing"

	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
)

// TestPinyinOrder sorts names as Chinese users expect (阿 ā < 北 běi < 张 zhāng), which character
// code order does not (张 U+5F20 < 北 U+5317 < 阿 U+963F), on both engines, through a pool and
// inside a transaction.
func TestPinyinOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := db.Exec(ctx, d.W, `CREATE TABLE pinyin_names (name TEXT NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"张秋镇", "北京", "阿城镇", "博济桥街道", "安乐镇", "张伟"} {
			if _, err := db.Exec(ctx, d.W, `INSERT INTO pinyin_names (name) VALUES (?)`, n); err != nil {
				t.Fatal(err)
			}
		}
		want := []string{"阿城镇", "安乐镇", "北京", "博济桥街道", "张秋镇", "张伟"}
		var got []string
		if err := db.Select(ctx, d.R, &got, `SELECT name FROM pinyin_names ORDER BY `+db.Pinyin(d.R, "name")); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("pool: %v, want %v", got, want)
		}
		err := d.Tx(ctx, func(tx *db.Tx) error {
			got = nil
			return db.Select(ctx, tx, &got, `SELECT name FROM pinyin_names ORDER BY `+db.Pinyin(tx, "name")+` DESC`)
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Reverse(want)
		if !slices.Equal(got, want) {
			t.Fatalf("transaction, descending: %v, want %v", got, want)
		}
	})
}
