// Package text checks the free text that users send: its length and its characters. Every JSON
// body, query parameter and imported cell passes through it, so that a 10 MB name, a NUL byte, a
// bidirectional override that makes a record read differently on screen, or bytes that were not
// valid in their encoding never reach the store (GB/T 22239-2019 8.1.4.4 数据完整性; 软件容错).
package text

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"zhifa/internal/platform/apperr"
)

// Limit says how much text a field takes.
type Limit struct {
	Max       int  // characters (runes); 0 means DefaultMax
	Multiline bool // line breaks and tabs allowed
}

// DefaultMax bounds any string field that names no limit of its own.
const DefaultMax = 2000

// Common limits.
var (
	Name      = Limit{Max: 100}                   // names of people, organisations, places
	Short     = Limit{Max: 200}                   // titles, positions, document numbers
	Paragraph = Limit{Max: 2000, Multiline: true} // reasons, notes
	Long      = Limit{Max: 20000, Multiline: true}
)

// problem finds the first character of s that user text may not hold: its position in runes, the
// rune and why.
func problem(s string, multiline bool) (pos int, r rune, why string) {
	i := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && size <= 1 {
			return i, r, "无效的字符编码"
		}
		if why := forbidden(r, multiline); why != "" {
			return i, r, why
		}
		s = s[size:]
		i++
	}
	return -1, 0, ""
}

// forbidden names why a rune may not appear in user text, or "" when it may.
func forbidden(r rune, multiline bool) string {
	switch {
	case r == '\n' || r == '\t' || r == '\r':
		if multiline {
			return ""
		}
		return "换行或制表符"
	case r < 0x20 || (r >= 0x7f && r <= 0x9f):
		return "控制字符"
	case r == utf8.RuneError:
		// U+FFFD is what decoders leave where bytes were invalid in their encoding.
		return "无法识别的字符（U+FFFD，原文编码可能有误）"
	case r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		return "文字方向控制字符"
	case r == 0x200b || r == 0xfeff || r == 0x2028 || r == 0x2029:
		return "不可见字符"
	case r&0xfffe == 0xfffe || (r >= 0xfdd0 && r <= 0xfdef):
		return "非字符码位"
	}
	return ""
}

// Fault says how a value breaks its limit: it is longer than Max characters, or its character at
// Pos (counted in runes from 0) may not appear, for the reason Why. Rune is utf8.RuneError where
// the bytes were not valid in their encoding or a decoder left U+FFFD in their place.
type Fault struct {
	TooLong bool
	Max     int
	Pos     int
	Rune    rune
	Why     string
}

// Find reports whether s breaks l and how; callers that word their own message (an imported cell
// names its line and column) use it, others use Check.
func Find(s string, l Limit) (Fault, bool) {
	max := l.Max
	if max <= 0 {
		max = DefaultMax
	}
	// Count no further than needed: a 10 MB value is refused after max+1 runes.
	n := 0
	for range s {
		n++
		if n > max {
			return Fault{TooLong: true, Max: max}, true
		}
	}
	if pos, r, why := problem(s, l.Multiline); pos >= 0 {
		return Fault{Max: max, Pos: pos, Rune: r, Why: why}, true
	}
	return Fault{}, false
}

// Check validates one value against a limit; field names the input in the error.
func Check(field, s string, l Limit) error {
	f, bad := Find(s, l)
	switch {
	case !bad:
		return nil
	case f.TooLong:
		return apperr.InvalidField(field, "TEXT_TOO_LONG", fmt.Sprintf("%s不能超过%d个字", label(field), f.Max))
	}
	return apperr.InvalidField(field, "TEXT_INVALID_CHAR",
		fmt.Sprintf("%s第%d个字符为%s（U+%04X），请删除后重试", label(field), f.Pos+1, f.Why, f.Rune))
}

func label(field string) string {
	if field == "" {
		return "内容"
	}
	return "字段 " + field + " "
}

// ParseTag reads a `text:"…"` struct tag: "50" (at most 50 characters, one line), "2000,multiline",
// or "multiline" (DefaultMax characters over several lines).
func ParseTag(tag string) (Limit, error) {
	l := Limit{}
	if tag == "" {
		return Limit{Max: DefaultMax, Multiline: true}, nil
	}
	for _, part := range strings.Split(tag, ",") {
		switch part = strings.TrimSpace(part); part {
		case "multiline":
			l.Multiline = true
		case "":
		default:
			n, err := strconv.Atoi(part)
			if err != nil || n <= 0 {
				return l, fmt.Errorf("text tag %q: want a positive length or multiline", tag)
			}
			l.Max = n
		}
	}
	return l, nil
}

// Struct checks every string reachable from v (a pointer to a decoded request body): struct
// fields, slice and array elements, map keys and values. A string field's limit comes from its
// `text` tag; strings without one take DefaultMax and may span lines. The error names the field
// by its JSON path, e.g. tiers[2].standard.measures[0].
func Struct(v any) error {
	var first error
	walk(reflect.ValueOf(v), "", Limit{Max: DefaultMax, Multiline: true}, func(err error) bool {
		first = err
		return false
	})
	return first
}

// All is Struct reporting every string that breaks its limit, in field order, not only the first:
// an import row names all its mistakes at once.
func All(v any) []error {
	var errs []error
	walk(reflect.ValueOf(v), "", Limit{Max: DefaultMax, Multiline: true}, func(err error) bool {
		errs = append(errs, err)
		return true
	})
	return errs
}

// walk checks every string under v, telling report of each one that breaks its limit; it stops
// early (and returns false) when report returns false.
func walk(v reflect.Value, path string, l Limit, report func(error) bool) bool {
	check := func(field, s string, l Limit) bool {
		if err := Check(field, s, l); err != nil {
			return report(err)
		}
		return true
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return true
		}
		return walk(v.Elem(), path, l, report)
	case reflect.String:
		return check(path, v.String(), l)
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, skip := jsonName(f)
			if skip {
				continue
			}
			fl := Limit{Max: DefaultMax, Multiline: true}
			if tag, ok := f.Tag.Lookup("text"); ok {
				var err error
				if fl, err = ParseTag(tag); err != nil {
					panic(err) // a programming error in a struct tag
				}
			}
			p := name
			if f.Anonymous && name == "" {
				p = path
			} else if path != "" {
				p = path + "." + name
			}
			if !walk(v.Field(i), p, fl, report) {
				return false
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return true // raw bytes
		}
		for i := 0; i < v.Len(); i++ {
			if !walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), l, report) {
				return false
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key()
			if k.Kind() == reflect.String && !check(path, k.String(), Short) {
				return false
			}
			if !walk(iter.Value(), fmt.Sprintf("%s[%v]", path, k), l, report) {
				return false
			}
		}
	}
	return true
}

// jsonName is a field's JSON name; skip is true for fields JSON ignores. An embedded struct
// without a name of its own has its fields promoted, so its name is "".
func jsonName(f reflect.StructField) (name string, skip bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", true
	}
	name, _, _ = strings.Cut(tag, ",")
	if name == "" && !f.Anonymous {
		name = f.Name
	}
	return name, false
}
