package catalog

import (
	"sync"
	"testing"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/dbtest"
)

// TestSnapshotUnderConcurrentReadsAndWrites reads the resolver from many goroutines while the
// catalogue changes; run with -race.
func TestSnapshotUnderConcurrentReadsAndWrites(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	x := f.published("CSGL-036", "对擅自搭建建筑物、构筑物的行政处罚").Item
	f.s.Recheck = 1
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := f.s.Exercise(ctx, access.System(), ExerciseQuery{ItemID: x.ID, Place: zqVillage, Date: "2023-01-01"}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	f.decide(DecisionInput{DocNo: "阳政发〔2021〕12号", Title: "划转", EffectiveFrom: "2021-07-01",
		Transfers: []MoveInput{{Items: []string{x.Code}, Targets: []string{f.bureau}}}})
	f.decide(DecisionInput{DocNo: "阳政发〔2022〕8号", Title: "下放", EffectiveFrom: "2022-06-01",
		Delegations: []MoveInput{{Items: []string{x.Code}, Targets: []string{f.zq}}}})
	close(stop)
	wg.Wait()
	got, err := f.s.Exercise(ctx, access.System(), ExerciseQuery{ItemID: x.ID, Place: zqVillage, Date: "2023-01-01"})
	if err != nil || got.Mode != ModeDelegate {
		t.Fatalf("after the writes: %+v %v", got, err)
	}
}
