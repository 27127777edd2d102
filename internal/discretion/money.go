package discretion

import (
	"math"
	"strconv"

	"zhifa/internal/platform/civil"
)

// yuanText writes an amount in fen as decisions do: 50元, 20.5元, 3.6万元 (civil.Fen.Yuan).
func yuanText(fen int64) string { return civil.Fen(fen).Yuan() }

// Times writes a multiple held ×100: 1000 → 10倍, 150 → 1.5倍; percent standards as 50%.
func Times(pct int, percent bool) string {
	if percent {
		return strconv.Itoa(pct) + "%"
	}
	s := strconv.Itoa(pct / 100)
	if c := pct % 100; c != 0 {
		s += "." + trimZero(c)
	}
	return s + "倍"
}

func trimZero(c int) string {
	if c%10 == 0 {
		return strconv.Itoa(c / 10)
	}
	return strconv.Itoa(c/10) + strconv.Itoa(c%10)
}

// mulPct returns base×pct/100 in fen, rounded up (ceil) or down, without overflow for amounts
// the law deals in.
func mulPct(base int64, pct int, up bool) int64 {
	n := base * int64(pct)
	if up {
		return (n + 99) / 100
	}
	return n / 100
}

// centi converts a quantity (square metres, days, vehicles) to hundredths, the precision kept.
func centi(units float64) int64 { return int64(math.Round(units * 100)) }

// perUnit returns rate×units (units in hundredths), rounded up or down to the fen.
func perUnit(rateFen, unitsCenti int64, up bool) int64 {
	n := rateFen * unitsCenti
	if up {
		return (n + 99) / 100
	}
	return n / 100
}

// niceStep is the rounding step for amounts proposed inside a span: about a hundredth of the
// span, as a power of ten yuan, at least one yuan (in fen).
func niceStep(spanFen int64) int64 {
	step := int64(100)
	for step*1000 <= spanFen {
		step *= 10
	}
	return step
}

// roundTo rounds v to the nearest multiple of step.
func roundTo(v, step int64) int64 { return (v + step/2) / step * step }
