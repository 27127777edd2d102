package textclass

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// digitToken stands for a run of digits, so that "3号楼" and "12号楼" share their features.
const digitToken = "#"

// runeKind says what a rune of normalised text contributes to the features.
type runeKind int

const (
	separatorRune runeKind = iota // punctuation, symbols, white space: ends a run
	hanRune                       // a Chinese character: a unit of its own
	letterRune                    // part of a word in an alphabetic script
	digitRune                     // part of a number
)

// normalise folds full-width forms to their ordinary width (ＡＢＣ１２ to ABC12, the ideographic
// space to a space) and lower-cases letters.
func normalise(r rune) rune {
	if f := width.LookupRune(r).Folded(); f != 0 {
		r = f
	}
	return unicode.ToLower(r)
}

// kindOf classifies a normalised rune.
func kindOf(r rune) runeKind {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			return letterRune
		case '0' <= r && r <= '9':
			return digitRune
		}
		return separatorRune
	}
	switch {
	case unicode.Is(unicode.Han, r):
		return hanRune
	case unicode.IsDigit(r):
		return digitRune
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return letterRune
	}
	return separatorRune
}

// Tokens returns the features of a text in the order they occur, repeats included.
//
// The text is normalised (full-width forms folded, letters lower-cased) and cut into runs at
// punctuation, symbols and white space, which are dropped. Within a run each Chinese character, each
// word of letters and each run of digits (written "#") is a unit. Every unit is a token, and so is
// every pair of adjacent units in the same run, so "东关街3号" gives 东, 东关, 关, 关街, 街, 街#, #,
// #号, 号.
func Tokens(text string) []string {
	var out []string
	eachToken(text, func(tok []byte) {
		out = append(out, string(tok))
	})
	return out
}

// eachToken calls emit with each token of text, as Tokens describes. The slice passed to emit is
// reused for the next token, so emit must copy it to keep it.
func eachToken(text string, emit func(tok []byte)) {
	var (
		prev    []byte            // the previous unit of the current run; empty at a run's start
		pair    []byte            // prev followed by the current unit
		word    []byte            // the word being read when pending is letterRune
		pending = separatorRune   // the kind of multi-rune unit being read, if any
		buf     [utf8.UTFMax]byte // one encoded Chinese character
		digits  = []byte(digitToken)
	)
	// unit emits a finished unit, preceded by its pair with the previous unit of the run.
	unit := func(u []byte) {
		if len(prev) > 0 {
			pair = append(append(pair[:0], prev...), u...)
			emit(pair)
		}
		emit(u)
		prev = append(prev[:0], u...)
	}
	// flush finishes the word or number being read, if any.
	flush := func() {
		switch pending {
		case letterRune:
			unit(word)
		case digitRune:
			unit(digits)
		}
		pending = separatorRune
		word = word[:0]
	}
	for _, r := range text {
		r = normalise(r)
		k := kindOf(r)
		if k != pending {
			flush()
		}
		switch k {
		case separatorRune:
			prev = prev[:0]
		case hanRune:
			n := utf8.EncodeRune(buf[:], r)
			unit(buf[:n])
		case letterRune:
			word = utf8.AppendRune(word, r)
			pending = letterRune
		case digitRune:
			pending = digitRune
		}
	}
	flush()
}
