// Package textclass suggests a label for a free-text report, learned from the county's own closed
// events. A dispatcher who receives "东关街菜市场门口有人占道摆摊卖水果，影响通行" from the 12345
// hotline or the public portal sees the likely category first; a second model trained on the same
// texts with the handling team as the label suggests who should take it. Nothing leaves the process:
// a model is trained from the event history at start-up and again after new closures, and is
// replaced as a whole.
//
// # Features
//
// Tokens describes them: Chinese characters and pairs of adjacent characters, words of letters, and
// "#" for a number, after folding full-width forms and lower-casing. Pairs stand in for words, so no
// dictionary or word segmenter is needed.
//
// # Model
//
// The model is complement naive Bayes (Rennie et al., "Tackling the Poor Assumptions of Naive Bayes
// Text Classifiers", 2003) on raw token counts with additive smoothing. Where ordinary multinomial
// naive Bayes estimates each label's token distribution from that label's own texts, complement
// naive Bayes estimates it from the texts of all the other labels, which are many even for a rare
// label. Event histories are skewed (a county sees far more 占道经营 than 绿化损毁), and on the test
// corpora (TestComplementNoWorse) the complement model has a macro-F1 at least as high as the
// multinomial one on balanced data and clearly higher on skewed data, so it is the one Train builds. The score of a label is the log prior plus the
// sum over the text's tokens of the negative log complement probability; tokens the model never saw
// are ignored.
//
// Because every token's count is stored only for the labels it occurred with, a model takes memory
// in proportion to the distinct (token, label) pairs of the history, not to tokens × labels, and
// predicting costs a map look-up per token and an addition per label the token occurred with.
//
// # Confidence
//
// Naive Bayes treats overlapping tokens as independent evidence (each character is counted alone and
// in two pairs), so its raw posteriors are nearly always 0.99 or more. Predict tempers them: the log
// scores are divided by T·√n, where n is the number of known tokens in the text, before the softmax.
// The √n makes confidence grow with the length of a text much more slowly than the raw model would.
// T is fitted when training: a stratified fifth of the examples is held back, a model is trained on
// the rest, and T is set so that the mean confidence of that model's top suggestion for the
// held-back texts equals the share of those suggestions that are right, but at most 0.95 (some closed
// events carry the wrong label, and a history that happens to be perfectly separable must not make
// every suggestion certain). With fewer than 50 examples T is 1. Tempering never changes the order of
// the labels, only their confidences, so a vague text such as "影响通行" gets a flat distribution and
// a text that mixes two categories splits its confidence between them.
package textclass

import (
	"math"
	"slices"
)

// Example is one closed event: the text the public sent and the label the county settled on.
type Example struct {
	Text  string
	Label string
}

// Options tune Train. The zero value gives the defaults.
type Options struct {
	// Alpha is added to every token count (Lidstone smoothing); 0 or less means DefaultAlpha.
	Alpha float64
	// MinCount drops tokens seen fewer times than this in all the training texts together; 0 and 1
	// keep every token. 2 drops the tokens seen only once, which saves memory on a large history.
	MinCount int
}

// DefaultAlpha is the smoothing used when Options.Alpha is not set.
const DefaultAlpha = 0.1

// Suggestion is one label offered for a text, with the model's confidence in it.
type Suggestion struct {
	Label      string  `json:"label"`
	Confidence float64 `json:"confidence"`
}

// Model is a trained classifier. It is not changed after Train returns, so any number of goroutines
// may call its methods at once.
type Model struct {
	labels      []string         // sorted
	size        int              // training examples
	index       map[string]int32 // token to feature number
	starts      []int32          // the postings of feature f are postings[starts[f]:starts[f+1]]
	postings    []posting
	base        []float64 // per label, added once for every known token of a text
	prior       []float64 // per label, the log of its share of the training examples
	temperature float64   // T in the package comment
}

// posting is what one token adds to the score of one label it occurred with in training.
type posting struct {
	label  int32
	weight float32
}

// modelKind chooses how token counts become weights.
type modelKind int

const (
	complementNB  modelKind = iota // the model Train builds
	multinomialNB                  // kept to compare against in the tests
)

// Calibration settings; see the package comment.
const (
	calibrationShare  = 0.2  // share of the examples held back to fit the temperature
	calibrationSeed   = 1    // seed of that split, so training is deterministic
	minCalibration    = 50   // fewer examples than this, and the temperature is 1
	maxCalibration    = 5000 // hold back at most about this many examples
	minTemperature    = 0.01
	maxTemperature    = 100.0
	temperatureSteps  = 40   // bisection steps
	maxMeanConfidence = 0.95 // see fitTemperature
)

// Train builds a model from examples. Examples with an empty label are skipped; texts without any
// token still count towards the label priors. Train with no labelled example returns an empty model,
// whose Predict always returns nil.
func Train(examples []Example, opts Options) *Model {
	return train(examples, opts, complementNB)
}

// train builds a model of the given kind and fits its temperature.
func train(examples []Example, opts Options, kind modelKind) *Model {
	if opts.Alpha <= 0 {
		opts.Alpha = DefaultAlpha
	}
	m := fit(examples, opts, kind)
	m.temperature = 1
	if len(m.labels) < 2 || m.size < minCalibration {
		return m
	}
	share := min(calibrationShare, float64(maxCalibration)/float64(m.size))
	rest, heldBack := Split(examples, share, calibrationSeed)
	m.temperature = fitTemperature(fit(rest, opts, kind), heldBack)
	return m
}

// labelCount is the number of occurrences of a token in the texts of one label.
type labelCount struct {
	label int32
	count int
}

// fit counts tokens and turns the counts into weights; the temperature is left for train to set.
func fit(examples []Example, opts Options, kind modelKind) *Model {
	m := &Model{}
	labelIndex := map[string]int32{}
	for _, e := range examples {
		if _, ok := labelIndex[e.Label]; e.Label != "" && !ok {
			labelIndex[e.Label] = 0
			m.labels = append(m.labels, e.Label)
		}
	}
	if len(m.labels) == 0 {
		return m
	}
	slices.Sort(m.labels)
	for i, l := range m.labels {
		labelIndex[l] = int32(i)
	}

	// Examples are visited label by label, so a token's counts are appended in label order and
	// only the last one can belong to the label being read.
	byLabel := make([][]int, len(m.labels))
	for i, e := range examples {
		if e.Label != "" {
			c := labelIndex[e.Label]
			byLabel[c] = append(byLabel[c], i)
		}
	}
	var (
		featureIndex = map[string]int32{}
		tokens       []string       // feature number to token
		counts       [][]labelCount // feature number to its counts
		totals       []int          // feature number to its count over all labels
		label        int32
	)
	count := func(tok []byte) {
		f, ok := featureIndex[string(tok)]
		if !ok {
			f = int32(len(tokens))
			t := string(tok)
			featureIndex[t] = f
			tokens = append(tokens, t)
			counts = append(counts, nil)
			totals = append(totals, 0)
		}
		cs := counts[f]
		if n := len(cs); n > 0 && cs[n-1].label == label {
			cs[n-1].count++
		} else {
			counts[f] = append(cs, labelCount{label: label, count: 1})
		}
		totals[f]++
	}
	for c, members := range byLabel {
		label = int32(c)
		for _, i := range members {
			eachToken(examples[i].Text, count)
		}
		m.size += len(members)
	}

	// Tokens below MinCount are dropped before anything is summed, as if never seen.
	minCount := max(opts.MinCount, 1)
	labelTokens := make([]float64, len(m.labels)) // N_c: tokens in the texts of label c
	vocabulary := 0                               // V: distinct tokens kept
	for f, cs := range counts {
		if totals[f] < minCount {
			continue
		}
		vocabulary++
		for _, lc := range cs {
			labelTokens[lc.label] += float64(lc.count)
		}
	}
	allTokens := 0.0 // N: tokens in all texts
	for _, n := range labelTokens {
		allTokens += n
	}

	alpha := opts.Alpha
	smoothing := alpha * float64(vocabulary)
	m.prior = make([]float64, len(m.labels))
	m.base = make([]float64, len(m.labels))
	for c, members := range byLabel {
		m.prior[c] = math.Log(float64(len(members)) / float64(m.size))
		switch kind {
		case complementNB:
			// −log θ̃ = log(N − N_c + αV) − log(tot − n_c + α); the second term is split into
			// −log(tot + α), the same for every label and so left out, and the posting weight.
			m.base[c] = math.Log(allTokens - labelTokens[c] + smoothing)
		case multinomialNB:
			// log θ = log(n_c + α) − log(N_c + αV); the first term is split into log α, the same
			// for every label and so left out, and the posting weight.
			m.base[c] = -math.Log(labelTokens[c] + smoothing)
		}
	}

	m.index = make(map[string]int32, vocabulary)
	m.starts = make([]int32, 0, vocabulary+1)
	for f, cs := range counts {
		if totals[f] < minCount {
			continue
		}
		m.index[tokens[f]] = int32(len(m.starts))
		m.starts = append(m.starts, int32(len(m.postings)))
		tot := float64(totals[f])
		for _, lc := range cs {
			n := float64(lc.count)
			var w float64
			switch kind {
			case complementNB:
				w = math.Log(tot+alpha) - math.Log(tot-n+alpha)
			case multinomialNB:
				w = math.Log(n+alpha) - math.Log(alpha)
			}
			m.postings = append(m.postings, posting{label: lc.label, weight: float32(w)})
		}
	}
	m.starts = append(m.starts, int32(len(m.postings)))
	return m
}

// Labels returns the labels the model knows, sorted.
func (m *Model) Labels() []string {
	if m == nil {
		return nil
	}
	return slices.Clone(m.labels)
}

// Size returns the number of examples the model was trained on.
func (m *Model) Size() int {
	if m == nil {
		return 0
	}
	return m.size
}

// Predict returns the k most likely labels for text, most likely first, with confidences that sum
// to 1 over all the model's labels (so the k returned sum to at most 1). k ≤ 0 returns every label.
// It returns nil for an empty model and for a text with no token the model knows, which includes
// the empty text.
func (m *Model) Predict(text string, k int) []Suggestion {
	if m == nil || len(m.labels) == 0 {
		return nil
	}
	scores, n := m.scores(text)
	if n == 0 {
		return nil
	}
	probs := softmax(scores, 1/(m.temperature*math.Sqrt(float64(n))))
	order := make([]int, len(m.labels))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case probs[a] > probs[b]:
			return -1
		case probs[a] < probs[b]:
			return 1
		}
		return a - b // labels are sorted, so ties go by label
	})
	if k <= 0 || k > len(order) {
		k = len(order)
	}
	out := make([]Suggestion, k)
	for i, c := range order[:k] {
		out[i] = Suggestion{Label: m.labels[c], Confidence: probs[c]}
	}
	return out
}

// scores returns the untempered log score of every label for text and the number of the text's
// tokens the model knows.
func (m *Model) scores(text string) ([]float64, int) {
	scores := make([]float64, len(m.labels))
	n := 0
	eachToken(text, func(tok []byte) {
		f, ok := m.index[string(tok)]
		if !ok {
			return
		}
		n++
		for _, p := range m.postings[m.starts[f]:m.starts[f+1]] {
			scores[p.label] += float64(p.weight)
		}
	})
	for c := range scores {
		scores[c] += m.prior[c] + float64(n)*m.base[c]
	}
	return scores, n
}

// softmax returns exp(beta·s_c) / Σ exp(beta·s_j) for every c.
func softmax(scores []float64, beta float64) []float64 {
	top := slices.Max(scores)
	probs := make([]float64, len(scores))
	sum := 0.0
	for c, s := range scores {
		probs[c] = math.Exp(beta * (s - top))
		sum += probs[c]
	}
	for c := range probs {
		probs[c] /= sum
	}
	return probs
}

// fitTemperature returns the temperature in [minTemperature, maxTemperature] at which the mean
// confidence of m's top suggestion for the texts of heldBack equals the share of those suggestions
// that are right, or maxMeanConfidence if that is less. The cap stands for the closed events that were
// labelled wrongly: without it, a history the model happens to separate perfectly would drive every
// confidence to 1.
func fitTemperature(m *Model, heldBack []Example) float64 {
	var (
		rows    [][]float64 // log scores divided by √n, less their maximum
		correct int
	)
	for _, e := range heldBack {
		if e.Label == "" {
			continue
		}
		scores, n := m.scores(e.Text)
		if n == 0 {
			continue
		}
		best := 0
		for c := range scores {
			if scores[c] > scores[best] {
				best = c
			}
		}
		if m.labels[best] == e.Label {
			correct++
		}
		top := scores[best]
		for c := range scores {
			scores[c] = (scores[c] - top) / math.Sqrt(float64(n))
		}
		rows = append(rows, scores)
	}
	if len(rows) == 0 {
		return 1
	}
	target := min(float64(correct)/float64(len(rows)), maxMeanConfidence)
	// The top confidence of every row falls as the temperature rises, so bisection finds the
	// temperature; it runs along log T because plausible temperatures span orders of magnitude.
	meanTop := func(t float64) float64 {
		total := 0.0
		for _, scaled := range rows {
			sum := 0.0
			for _, s := range scaled {
				sum += math.Exp(s / t)
			}
			total += 1 / sum // the top score is 0
		}
		return total / float64(len(rows))
	}
	lo, hi := math.Log(minTemperature), math.Log(maxTemperature)
	for range temperatureSteps {
		mid := (lo + hi) / 2
		if meanTop(math.Exp(mid)) > target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return math.Exp((lo + hi) / 2)
}
