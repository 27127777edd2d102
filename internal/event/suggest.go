package event

import (
	"context"
	"sync"
	"time"

	"zhifa/internal/platform/db"
	"zhifa/internal/platform/textclass"
)

// Hint is the platform's suggestion for a free-text report: categories and teams learned from the
// county's own closed events, with the model's confidence. The dispatcher decides; what the
// dispatcher decides is what the next model learns from.
type Hint struct {
	Categories []Guess `json:"categories"`
	Teams      []Guess `json:"teams"`
	TrainedOn  int     `json:"trainedOn"`
}

// Guess is one suggested label with its name and confidence (0–1).
type Guess struct {
	Label      string  `json:"label"`
	Name       string  `json:"name"`
	Confidence float64 `json:"confidence"`
}

// minTraining is the fewest closed events a county needs before suggestions are offered.
const minTraining = 30

// retrainAfter bounds how stale a model may be.
const retrainAfter = 10 * time.Minute

// suggester keeps one model per county, trained from its closed and verified events.
type suggester struct {
	mu     sync.Mutex
	models map[string]*trained
}

type trained struct {
	categories, teams *textclass.Model
	names             map[string]string
	closed            int
	at                time.Time
}

// Example is one closed event as training material.
type Example struct {
	Description  string `db:"description"`
	CategoryCode string `db:"category_code"`
	CategoryName string `db:"category_name"`
	TeamOrgID    string `db:"team_org_id"`
	TeamName     string `db:"team_name"`
}

// History lists a county's closed events (verified or handed over to a case, not misrouted at the
// end) as training material, oldest first.
func History(ctx context.Context, c db.Conn, region string) ([]Example, error) {
	var rows []Example
	err := db.Select(ctx, c, &rows, `SELECT e.description, e.category_code, e.category_name, e.team_org_id, COALESCE(o.name, '') AS team_name
		FROM events e LEFT JOIN organizations o ON o.id = e.team_org_id
		WHERE e.region_code >= ? AND e.region_code < ? AND e.state IN ('closed', 'case') AND e.category_code <> '' ORDER BY e.reported_at, e.id`, county(region), county(region)+"~")
	return rows, err
}

// TrainModels builds the category and team models from examples.
func TrainModels(rows []Example) (cat, team *textclass.Model, names map[string]string) {
	names = map[string]string{}
	var cs, ts []textclass.Example
	for _, r := range rows {
		cs = append(cs, textclass.Example{Text: r.Description, Label: r.CategoryCode})
		names[r.CategoryCode] = r.CategoryName
		if r.TeamOrgID != "" {
			ts = append(ts, textclass.Example{Text: r.Description, Label: r.TeamOrgID})
			names[r.TeamOrgID] = r.TeamName
		}
	}
	return textclass.Train(cs, textclass.Options{}), textclass.Train(ts, textclass.Options{}), names
}

// hint suggests a category and a team for a text, or nil while the county has too little history.
func (s *Service) hint(ctx context.Context, region, text string) *Hint {
	m, err := s.model(ctx, region)
	if err != nil || m == nil {
		return nil
	}
	h := &Hint{Categories: guesses(m.categories.Predict(text, 3), m.names), Teams: guesses(m.teams.Predict(text, 3), m.names), TrainedOn: m.closed}
	if len(h.Categories) == 0 {
		return nil
	}
	return h
}

func guesses(in []textclass.Suggestion, names map[string]string) []Guess {
	out := make([]Guess, 0, len(in))
	for _, g := range in {
		out = append(out, Guess{Label: g.Label, Name: names[g.Label], Confidence: float64(int(g.Confidence*1000+0.5)) / 1000})
	}
	return out
}

// model returns the county's model, retrained when the history grew by a tenth or it is stale.
func (s *Service) model(ctx context.Context, region string) (*trained, error) {
	var closed int
	if err := db.Get(ctx, s.DB.R, &closed, `SELECT COUNT(*) FROM events WHERE region_code >= ? AND region_code < ? AND state IN ('closed', 'case') AND category_code <> ''`, county(region), county(region)+"~"); err != nil {
		return nil, err
	}
	if closed < minTraining {
		return nil, nil
	}
	s.suggest.mu.Lock()
	defer s.suggest.mu.Unlock()
	if s.suggest.models == nil {
		s.suggest.models = map[string]*trained{}
	}
	m := s.suggest.models[region]
	if m != nil && closed < m.closed+m.closed/10+1 && time.Since(m.at) < retrainAfter {
		return m, nil
	}
	rows, err := History(ctx, s.DB.R, region)
	if err != nil {
		return nil, err
	}
	cat, team, names := TrainModels(rows)
	m = &trained{categories: cat, teams: team, names: names, closed: len(rows), at: time.Now()}
	s.suggest.models[region] = m
	return m, nil
}

// SuggestInput is a free text to suggest for.
type SuggestInput struct {
	Text string `json:"text" required:"true" text:"2000,multiline"`
}

// SuggestFor suggests a category and team for a text in the caller's county.
func (s *Service) suggestFor(ctx context.Context, region, text string) (Hint, error) {
	h := s.hint(ctx, region, text)
	if h == nil {
		return Hint{Categories: []Guess{}, Teams: []Guess{}}, nil
	}
	return *h, nil
}

// county is the six-digit prefix of a region's county: models are trained per county.
func county(region string) string {
	if len(region) < 6 {
		return region
	}
	return region[:6]
}
