package cases

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
)

// TestNumbersUnderConcurrentFiling takes numbers from many transactions at once, some of which
// roll back: every committed number is used once and the series has no gap.
func TestNumbersUnderConcurrentFiling(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		const workers, each = 8, 10
		var mu sync.Mutex
		var got []int
		var wg sync.WaitGroup
		errRollback := errors.New("rolled back")
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					var n int
					err := d.Tx(ctx, func(tx *db.Tx) error {
						var err error
						if n, err = nextNumber(ctx, tx, "bureau", NumFiling, 2026); err != nil {
							return err
						}
						if (w+i)%4 == 0 {
							return errRollback // the step failed after taking its number
						}
						return nil
					})
					if err == nil {
						mu.Lock()
						got = append(got, n)
						mu.Unlock()
					} else if !errors.Is(err, errRollback) {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		slices.Sort(got)
		for i, n := range got {
			if n != i+1 {
				t.Fatalf("numbers %v: a gap or a repeat at %d", got, i+1)
			}
		}
		if len(got) == 0 || len(got) == workers*each {
			t.Fatalf("%d numbers committed", len(got))
		}
		// Another kind, body or year has its own series.
		err := d.Tx(ctx, func(tx *db.Tx) error {
			for _, k := range []struct {
				org, kind string
				year      int
			}{{"bureau", NumDecision, 2026}, {"township", NumFiling, 2026}, {"bureau", NumFiling, 2027}} {
				n, err := nextNumber(ctx, tx, k.org, k.kind, k.year)
				if err != nil {
					return err
				}
				if n != 1 {
					t.Errorf("%+v starts at %d", k, n)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
