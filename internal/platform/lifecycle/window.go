package lifecycle

// Windows. A published or repealed version is in force on day D when effectiveFrom <= D and
// (effectiveTo == "" or D < effectiveTo): the start is included and the end is not, so that a
// version ending on a day and its successor starting that day never overlap. Dates are
// YYYY-MM-DD text, which compares as the dates do. A draft is never in force.

// InWindow reports whether [from, to) contains day; an empty to is open, an empty from never starts.
func InWindow(from, to, day string) bool {
	return from != "" && from <= day && (to == "" || day < to)
}

// InForce reports whether a version is in force on day.
func InForce(r Record, day string) bool {
	return r.Status != Draft && InWindow(r.EffectiveFrom, r.EffectiveTo, day)
}

// StateOf is what a version means on day: a draft is a draft; a version published or repealed is
// pending before its window, in force inside it, and after it expired (a later version took over)
// or repealed.
func StateOf(r Record, day string) State {
	switch {
	case r.Status == Draft:
		return StateDraft
	case r.EffectiveFrom == "" || day < r.EffectiveFrom:
		return StatePending
	case r.EffectiveTo != "" && r.EffectiveTo <= day:
		if r.Status == Repealed {
			return StateRepealed
		}
		return StateExpired
	}
	return StateInForce
}

// At returns the index of the version of a series in force on day, or -1. Windows of one series
// never overlap when they were made by Publish and Repeal; should they, the highest number wins.
func At[V Versioned](vs []V, day string) int {
	best := -1
	for i, v := range vs {
		r := v.Lifecycle()
		if InForce(r, day) && (best < 0 || r.Version > vs[best].Lifecycle().Version) {
			best = i
		}
	}
	return best
}

// Latest returns the index of the highest-numbered version of a series that is not a draft (the
// one a new publication follows), or -1.
func Latest[V Versioned](vs []V) int {
	best := -1
	for i, v := range vs {
		r := v.Lifecycle()
		if r.Status != Draft && (best < 0 || r.Version > vs[best].Lifecycle().Version) {
			best = i
		}
	}
	return best
}

// DraftOf returns the index of the draft of a series, or -1. A series has at most one draft.
func DraftOf[V Versioned](vs []V) int {
	for i, v := range vs {
		if v.Lifecycle().Status == Draft {
			return i
		}
	}
	return -1
}

// NextVersion is the number of a new version of a series: one more than the highest, from 1.
func NextVersion[V Versioned](vs []V) int {
	n := 0
	for _, v := range vs {
		n = max(n, v.Lifecycle().Version)
	}
	return n + 1
}
