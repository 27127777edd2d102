package textclass

import (
	"math"
	"math/rand/v2"
	"slices"
)

// LabelScore is how well a model does on one label of a held-out set.
type LabelScore struct {
	Precision float64 // share of the texts given this label that have it
	Recall    float64 // share of the texts with this label that were given it
	F1        float64 // harmonic mean of Precision and Recall
	Support   int     // texts in the held-out set with this label
}

// Score is how well a model does on a held-out set, judged by its top suggestion for each text.
type Score struct {
	MacroF1  float64 // mean F1 over the labels with Support > 0
	Accuracy float64 // share of the texts whose top suggestion is their label
	// PerLabel holds every label that occurs in the held-out set or was suggested for one of
	// its texts.
	PerLabel map[string]LabelScore
}

// Evaluate scores m on heldOut. A text for which m suggests nothing counts as wrong. Examples with
// an empty label are skipped.
func Evaluate(m *Model, heldOut []Example) Score {
	type tally struct{ truePos, falsePos, support int }
	tallies := map[string]*tally{}
	get := func(label string) *tally {
		t := tallies[label]
		if t == nil {
			t = &tally{}
			tallies[label] = t
		}
		return t
	}
	total, correct := 0, 0
	for _, e := range heldOut {
		if e.Label == "" {
			continue
		}
		total++
		get(e.Label).support++
		top := m.Predict(e.Text, 1)
		switch {
		case len(top) == 0:
		case top[0].Label == e.Label:
			correct++
			get(e.Label).truePos++
		default:
			get(top[0].Label).falsePos++
		}
	}

	s := Score{PerLabel: make(map[string]LabelScore, len(tallies))}
	if total == 0 {
		return s
	}
	s.Accuracy = float64(correct) / float64(total)
	withSupport := 0
	for label, t := range tallies {
		var ls LabelScore
		ls.Support = t.support
		if given := t.truePos + t.falsePos; given > 0 {
			ls.Precision = float64(t.truePos) / float64(given)
		}
		if t.support > 0 {
			ls.Recall = float64(t.truePos) / float64(t.support)
		}
		if ls.Precision+ls.Recall > 0 {
			ls.F1 = 2 * ls.Precision * ls.Recall / (ls.Precision + ls.Recall)
		}
		s.PerLabel[label] = ls
		if t.support > 0 {
			withSupport++
			s.MacroF1 += ls.F1
		}
	}
	s.MacroF1 /= float64(withSupport)
	return s
}

// Split divides examples into a training part and a held-out part. Each label contributes
// round(heldOutShare × its count) examples to the held-out part, chosen at random with the given
// seed, but always keeps at least one for training. Both parts keep the order of examples, and the
// same arguments always give the same parts.
func Split(examples []Example, heldOutShare float64, seed int64) (train, heldOut []Example) {
	byLabel := map[string][]int{}
	for i, e := range examples {
		byLabel[e.Label] = append(byLabel[e.Label], i)
	}
	labels := make([]string, 0, len(byLabel))
	for l := range byLabel {
		labels = append(labels, l)
	}
	slices.Sort(labels)

	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	held := make([]bool, len(examples))
	for _, l := range labels {
		members := byLabel[l]
		n := int(math.Round(float64(len(members)) * heldOutShare))
		n = max(min(n, len(members)-1), 0)
		rng.Shuffle(len(members), func(i, j int) {
			members[i], members[j] = members[j], members[i]
		})
		for _, i := range members[:n] {
			held[i] = true
		}
	}
	for i, e := range examples {
		if held[i] {
			heldOut = append(heldOut, e)
		} else {
			train = append(train, e)
		}
	}
	return train, heldOut
}
