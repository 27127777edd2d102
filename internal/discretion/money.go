package discretion

import (
	"math"
	"math/big"
	"strconv"
	"strings"

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

// MaxQuantityDecimals bounds the decimal places of a quantity: 0.000001 of a square metre, a day …
const MaxQuantityDecimals = 6

// quantity reads a quantity as the decimal it was written as, num/den exactly: 2.555 is 2555/1000.
// A JSON number arrives as a float64, whose shortest decimal form is the number as typed, so that
// no rounding happens before the multiplication (2.555 m² × 1,000 yuan is 2,555 yuan, not 2,560).
// ok is false when the quantity has more than MaxQuantityDecimals decimal places.
func quantity(v float64) (num, den int64, ok bool) {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > MaxQuantityDecimals {
		return 0, 0, false
	}
	den = 1
	for range frac {
		den *= 10
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, 0, false
	}
	return n, den, true
}

// quantityText writes a quantity as typed: 2.555, 120.
func quantityText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// perUnit returns rate × quantity in fen, exactly, then rounded up (the minimum of a range) or
// down (its maximum) to the fen; the product is computed in big integers, so that no quantity or
// rate the limits allow can overflow.
func perUnit(rateFen int64, v float64, up bool) int64 {
	num, den, ok := quantity(v)
	if !ok {
		return 0
	}
	p := new(big.Int).Mul(big.NewInt(rateFen), big.NewInt(num))
	q, r := new(big.Int).QuoRem(p, big.NewInt(den), new(big.Int))
	if up && r.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() {
		return math.MaxInt64
	}
	return q.Int64()
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
