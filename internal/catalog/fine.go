package catalog

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"unicode"

	"zhifa/internal/law"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
)

// Units are the units a fine is counted by (计罚单位) as laws write them: 按照每处设施处五千元以上二万元以下
// 罚款 (处), 每平方米一千元 (平方米), 按日连续处罚 (日), 每辆 … The console offers them; any other short
// unit may be written in.
var Units = []string{"处", "平方米", "日", "辆", "件", "台", "个", "次", "立方米", "米", "吨", "千克", "亩", "棵", "株", "头",
	"只", "人", "户", "块", "艘", "套", "份"}

// unitAliases are spellings of the units that are normalised to the law's word.
var unitAliases = map[string]string{
	"m2": "平方米", "m²": "平方米", "㎡": "平方米", "平米": "平方米", "平方": "平方米",
	"m3": "立方米", "m³": "立方米", "立方": "立方米", "方": "立方米",
	"天": "日", "kg": "千克", "公斤": "千克", "m": "米",
}

// maxUnitLen bounds a unit written in.
const maxUnitLen = 6

// unitNotWords are characters no unit contains: amounts, multiples and separators.
const unitNotWords = "元万千百倍%％每以上下至或和及、，,；;：:（）()/／-—~～《》“”\"'|"

// CheckUnit validates and normalises a unit (计罚单位): a known unit, an alias of one (㎡, 平米, 天 …),
// or a short word written in, without digits, amounts or separators. A leading 每 is dropped
// (每平方米 → 平方米). field names the field in the error.
func CheckUnit(field, s string) (string, error) {
	raw := strings.TrimSpace(s)
	u := strings.ToLower(strings.ReplaceAll(raw, " ", ""))
	u = strings.TrimPrefix(u, "每")
	if a, ok := unitAliases[u]; ok {
		u = a
	}
	if slices.Contains(Units, u) {
		return u, nil
	}
	bad := func() error {
		return apperr.InvalidField(field, "CATALOG_FINE_UNIT_INVALID",
			fmt.Sprintf("计罚单位“%s”无效：应为计量单位，如%s（可自行填写不超过%d个字的单位，不含数字、金额和标点）",
				raw, strings.Join(Units[:6], "、"), maxUnitLen))
	}
	n := 0
	for _, r := range u {
		n++
		if unicode.IsDigit(r) || strings.ContainsRune(unitNotWords, r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return "", bad()
		}
	}
	if n == 0 || n > maxUnitLen {
		return "", bad()
	}
	return u, nil
}

// knownUnitPrefix reduces a unit followed by a noun (处设施, 辆车) to the known unit it starts with,
// the longest one; anything else is left as written.
func knownUnitPrefix(u string) string {
	if slices.Contains(Units, u) {
		return u
	}
	best := ""
	for _, k := range Units {
		if strings.HasPrefix(u, k) && len(k) > len(best) {
			best = k
		}
	}
	if best == "" {
		return u
	}
	return best
}

// PerUnit reports a fine counted per unit.
func (f Fine) PerUnit() bool { return f.Unit != "" }

// Describe says the statutory fine in words: 5000元至2万元；货值金额10倍至20倍；每处5000元至2万元（总额
// 不超过10万元）；每平方米1000元.
func (f Fine) Describe() string { return describeFine(f) }

// Total is what the statutory fine comes to for a quantity of units: the per-unit bounds times the
// quantity, exactly in fen (the quantity is never rounded first; only the product is rounded to the
// fen, half up), then held to the total floor and cap, each step said in Reason. Quantity is a
// decimal as written (2.555).
type Total struct {
	Quantity string `json:"quantity"`
	Unit     string `json:"unit"`
	MinFen   *int64 `json:"minFen"`
	MaxFen   *int64 `json:"maxFen"`
	Reason   string `json:"reason"`
}

// TotalFor computes the statutory range of a per-unit fine for a quantity of its unit.
func (f Fine) TotalFor(field, quantity string) (Total, error) {
	if !f.PerUnit() {
		return Total{}, apperr.InvalidField(field, "CATALOG_FINE_NOT_PER_UNIT", "该事项的罚款不按单位计算")
	}
	q, ok := new(big.Rat).SetString(strings.TrimSpace(quantity))
	if !ok || q.Sign() <= 0 || strings.ContainsAny(quantity, "/eE") {
		return Total{}, apperr.InvalidField(field, "CATALOG_QUANTITY_INVALID", fmt.Sprintf("数量“%s”无效，应为正数（如3或2.555）", quantity))
	}
	t := Total{Quantity: strings.TrimSpace(quantity), Unit: f.Unit}
	times := func(fen int64) int64 {
		p := new(big.Rat).Mul(q, big.NewRat(fen, 1))
		// Half up to the fen: floor(p + 1/2).
		p.Add(p, big.NewRat(1, 2))
		n := new(big.Int).Quo(p.Num(), p.Denom())
		return n.Int64()
	}
	var parts []string
	yuan := func(fen int64) string { return civil.Fen(fen).Yuan() }
	if f.PerUnitMinFen != nil {
		v := times(*f.PerUnitMinFen)
		t.MinFen = &v
		parts = append(parts, fmt.Sprintf("%s%s×每%s%s=%s", t.Quantity, f.Unit, f.Unit, yuan(*f.PerUnitMinFen), yuan(v)))
	}
	if f.PerUnitMaxFen != nil && (f.PerUnitMinFen == nil || *f.PerUnitMaxFen != *f.PerUnitMinFen) {
		v := times(*f.PerUnitMaxFen)
		t.MaxFen = &v
		parts = append(parts, fmt.Sprintf("%s%s×每%s%s=%s", t.Quantity, f.Unit, f.Unit, yuan(*f.PerUnitMaxFen), yuan(v)))
	} else if f.PerUnitMaxFen != nil {
		v := *t.MinFen
		t.MaxFen = &v
	}
	if f.MinFen != nil && t.MinFen != nil && *t.MinFen < *f.MinFen {
		parts = append(parts, fmt.Sprintf("低于法定总额下限%s，按%s", yuan(*f.MinFen), yuan(*f.MinFen)))
		v := *f.MinFen
		t.MinFen = &v
		if t.MaxFen != nil && *t.MaxFen < v {
			t.MaxFen = &v
		}
	}
	if f.MaxFen != nil && t.MaxFen != nil && *t.MaxFen > *f.MaxFen {
		parts = append(parts, fmt.Sprintf("超过法定总额上限%s，以%s为限", yuan(*f.MaxFen), yuan(*f.MaxFen)))
		v := *f.MaxFen
		t.MaxFen = &v
		if t.MinFen != nil && *t.MinFen > v {
			t.MinFen = &v
		}
	}
	t.Reason = strings.Join(parts, "；")
	return t, nil
}

// ParseFineText reads a statutory fine as catalogues and laws write it:
//
//	5000元以上2万元以下 · 2万元以下 · 5000元至2万元 · 5000-20000元 · 1000元
//	每处5000元以上20000元以下 · 按照每处设施处五千元以上二万元以下罚款 · 每平方米一千元 · 每日1万元以下
//	1000元/平方米 · 5000元至2万元/处 · 1000元每平方米
//	…，总额不超过10万元 · …，最高不超过10万元 · …，总额不少于1万元
//
// A per-unit amount sets Unit and the per-unit bounds (equal for 每平方米一千元); the total floor
// and cap go to MinFen and MaxFen. Amounts are in yuan, in Arabic digits or Chinese numerals. It
// never sets multiples. field names the field in errors.
func ParseFineText(field, s string) (Fine, error) {
	raw := strings.TrimSpace(s)
	var f Fine
	if raw == "" {
		return f, nil
	}
	bad := func(why string) error {
		return apperr.InvalidField(field, "CATALOG_FINE_TEXT_INVALID", fmt.Sprintf("罚款幅度“%s”无法识别：%s", shortText(raw), why))
	}
	t := strings.NewReplacer(" ", "", "\u3000", "", "罚款", "", "按照", "", "处以", "", "的", "", "，", ",", "；", ",", ";", ",", "（", ",", "）", "", "(", ",", ")", "").Replace(raw)
	segs := strings.Split(t, ",")
	main := ""
	for _, seg := range segs {
		if seg == "" {
			continue
		}
		if lim, floor, ok := totalLimit(seg); ok {
			fen, err := parseAmount(field, lim)
			if err != nil {
				return Fine{}, err
			}
			if floor {
				f.MinFen = &fen
			} else {
				f.MaxFen = &fen
			}
			continue
		}
		if main != "" {
			return Fine{}, bad("一项罚款幅度只能写一段金额，总额上下限写作“总额不超过…元”")
		}
		main = seg
	}
	if main == "" {
		return Fine{}, bad("没有金额")
	}
	main = strings.TrimPrefix(main, "按")
	unit := ""
	switch {
	case strings.HasPrefix(main, "每"):
		// 每<unit>[处|罚]<amounts>: the unit runs up to the first digit or numeral.
		rest := strings.TrimPrefix(main, "每")
		i := strings.IndexFunc(rest, func(r rune) bool {
			return unicode.IsDigit(r) || strings.ContainsRune("零〇一二两三四五六七八九十", r)
		})
		if i <= 0 {
			return Fine{}, bad("“每”之后应写计罚单位和金额，如每平方米1000元")
		}
		unit, main = rest[:i], rest[i:]
		unit = strings.TrimSuffix(strings.TrimSuffix(unit, "处"), "罚")
		if unit == "" {
			unit = "处" // 每处五千元: the 处 was the unit itself
		}
		// 每处设施, 每辆车, 每件商品: the noun after a known unit names what is counted.
		unit = knownUnitPrefix(unit)
	case strings.Contains(main, "/") || strings.Contains(main, "／"):
		a, u, _ := strings.Cut(strings.ReplaceAll(main, "／", "/"), "/")
		main, unit = a, u
		if unit == "" {
			return Fine{}, bad("“/”之后应写计罚单位，如1000元/平方米")
		}
	case strings.Contains(main, "元每"):
		a, u, _ := strings.Cut(main, "元每")
		main, unit = a+"元", u
	}
	lo, hi, err := parseRange(field, main, bad)
	if err != nil {
		return Fine{}, err
	}
	if unit == "" {
		if f.MinFen != nil || f.MaxFen != nil {
			return Fine{}, bad("总额上下限只用于按单位计算的罚款")
		}
		f.MinFen, f.MaxFen = lo, hi
		return f, nil
	}
	u, err := CheckUnit(field, unit)
	if err != nil {
		return Fine{}, err
	}
	f.Unit, f.PerUnitMinFen, f.PerUnitMaxFen = u, lo, hi
	return f, nil
}

// totalLimit recognises a clause on the total: 总额不超过X, 最高不超过X, 最多X (cap) or 总额不少于X,
// 最低X (floor), and returns the amount text.
func totalLimit(seg string) (amount string, floor, ok bool) {
	s := seg
	for _, p := range []string{"但", "合计", "总计", "总额", "罚款总额"} {
		s = strings.TrimPrefix(s, p)
	}
	for _, p := range []string{"最高不得超过", "最高不超过", "不得超过", "不超过", "不高于", "最高", "最多"} {
		if a, found := strings.CutPrefix(s, p); found {
			return a, false, true
		}
	}
	for _, p := range []string{"最低不得少于", "最低不少于", "不得少于", "不少于", "不低于", "最低", "最少"} {
		if a, found := strings.CutPrefix(s, p); found {
			return a, true, true
		}
	}
	return "", false, false
}

// parseRange reads 5000元以上2万元以下, 5000元至2万元, 5000-20000元, 2万元以下, 5000元以上 or 1000元
// (both bounds).
func parseRange(field, s string, bad func(string) error) (*int64, *int64, error) {
	s = strings.TrimPrefix(s, "处")
	one := func(a string) (*int64, error) {
		n, err := parseAmount(field, a)
		if err != nil {
			return nil, err
		}
		return &n, nil
	}
	for _, sep := range []string{"以上", "至", "到", "-", "—", "~", "～"} {
		a, b, found := strings.Cut(s, sep)
		if !found {
			continue
		}
		b = strings.TrimSuffix(b, "以下")
		if sep == "以上" && b == "" {
			lo, err := one(a)
			return lo, nil, err
		}
		if !strings.HasSuffix(a, "元") && strings.HasSuffix(b, "万元") && !strings.HasSuffix(a, "万") {
			// 5-10万元: the first amount shares the second's 万.
			a += "万"
		}
		lo, err := one(a)
		if err != nil {
			return nil, nil, err
		}
		hi, err := one(b)
		if err != nil {
			return nil, nil, err
		}
		if *lo > *hi {
			return nil, nil, bad("下限高于上限")
		}
		return lo, hi, nil
	}
	if a, found := strings.CutSuffix(s, "以下"); found {
		hi, err := one(a)
		return nil, hi, err
	}
	v, err := one(s)
	if err != nil {
		return nil, nil, err
	}
	w := *v
	return v, &w, nil
}

// parseAmount reads an amount in yuan, in Arabic digits (5000, 5,000.5, 2万, 0.5万元) or Chinese
// numerals (一千元, 五千元, 二万元, 一万五千元).
func parseAmount(field, s string) (int64, error) {
	a := strings.TrimSuffix(strings.TrimSpace(s), "元")
	if fen, ok := chineseYuan(a); ok {
		return fen, nil
	}
	fen, err := civil.ParseYuan(field, "罚款金额", a)
	return int64(fen), err
}

// chineseYuan reads an amount written in Chinese numerals, in whole yuan, into fen.
func chineseYuan(s string) (int64, bool) {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return r < unicode.MaxASCII }) {
		return 0, false
	}
	var total int64
	if hi, lo, ok := strings.Cut(s, "万"); ok {
		n, ok := law.ParseNumeral(hi)
		if !ok {
			return 0, false
		}
		total = int64(n) * 10000
		s = strings.TrimPrefix(lo, "零")
		if s == "" {
			return total * 100, true
		}
	}
	n, ok := law.ParseNumeral(s)
	if !ok {
		return 0, false
	}
	return (total + int64(n)) * 100, true
}

func shortText(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// mergeFine lays the parts of a fine read from several cells of one import row over each other:
// a bound or unit given twice must say the same (CATALOG_FINE_UNIT_MISMATCH, CATALOG_FINE_MISMATCH).
// field is the column named in the error.
func mergeFine(field string, into *Fine, from Fine) error {
	if from.Unit != "" {
		if into.Unit != "" && into.Unit != from.Unit {
			return apperr.InvalidField(field, "CATALOG_FINE_UNIT_MISMATCH",
				fmt.Sprintf("计罚单位不一致：一处写作“%s”，另一处写作“%s”", into.Unit, from.Unit))
		}
		into.Unit = from.Unit
	}
	set := func(dst **int64, src *int64, what string) error {
		if src == nil {
			return nil
		}
		if *dst != nil && **dst != *src {
			return apperr.InvalidField(field, "CATALOG_FINE_MISMATCH",
				fmt.Sprintf("%s不一致：一处为%s，另一处为%s", what, civil.Fen(**dst).Yuan(), civil.Fen(*src).Yuan()))
		}
		v := *src
		*dst = &v
		return nil
	}
	for _, e := range []error{set(&into.PerUnitMinFen, from.PerUnitMinFen, "单位罚款下限"), set(&into.PerUnitMaxFen, from.PerUnitMaxFen, "单位罚款上限"),
		set(&into.MinFen, from.MinFen, "罚款下限"), set(&into.MaxFen, from.MaxFen, "罚款上限")} {
		if e != nil {
			return e
		}
	}
	return nil
}
