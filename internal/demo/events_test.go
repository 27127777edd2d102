package demo

import (
	"context"
	"testing"

	"zhifa/internal/event"
	"zhifa/internal/platform/db"
	"zhifa/internal/platform/dbtest"
	"zhifa/internal/platform/textclass"
)

// TestSuggestionModelOnDemoHistory trains the category and team models on four fifths of the demo
// county's closed events and scores them on the fifth held out (docs/benchmarks.md reports it).
func TestSuggestionModelOnDemoHistory(t *testing.T) {
	d := dbtest.SQLite(t)
	loaded(t, d)
	rows, err := event.History(context.Background(), d.R, CountyCode)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 300 {
		t.Fatalf("%d closed events: too little history for the model", len(rows))
	}
	var cats, teams []textclass.Example
	for _, r := range rows {
		cats = append(cats, textclass.Example{Text: r.Description, Label: r.CategoryCode})
		teams = append(teams, textclass.Example{Text: r.Description, Label: r.TeamOrgID})
	}
	for _, c := range []struct {
		name string
		ex   []textclass.Example
		min  float64
	}{{"分类", cats, 0.8}, {"处置单位", teams, 0}} {
		train, held := textclass.Split(c.ex, 0.2, 7)
		score := textclass.Evaluate(textclass.Train(train, textclass.Options{}), held)
		t.Logf("%s：训练 %d 条，留出 %d 条，macro-F1 %.3f，准确率 %.3f", c.name, len(train), len(held), score.MacroF1, score.Accuracy)
		if score.MacroF1 < c.min {
			t.Errorf("%s macro-F1 %.3f below %.2f", c.name, score.MacroF1, c.min)
		}
	}
	var states []string
	if err := db.Select(context.Background(), d.R, &states, `SELECT DISTINCT state FROM events ORDER BY state`); err != nil {
		t.Fatal(err)
	}
	if len(states) < 6 {
		t.Errorf("demo events in states %v, want every state of the loop", states)
	}
}
