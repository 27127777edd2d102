// Package settings keeps what each jurisdiction may set for itself, with a national default
// (辖区配置): reform thresholds, discretion splitting rules, and the hearing thresholds, time
// limits, inspection ratios and document headers that follow. A feature declares a kind of setting
// (Define): a Go struct stored as JSON, its national default, its validation, the permissions to
// read and change it, and a description of its fields from which the console builds its card and
// form. Go code reads the value in force for a region with Get: the region's own value, else its
// county's, city's or province's, else the national default (the nearest ancestor's). Every change
// is kept in setting_changes — who, when, the value before and after, the document that sets it
// (依据) or the reason it was withdrawn — and written to the audit log in the same transaction.
//
// The platform knows no feature: region names come through Regions and audit entries through
// Recorder, both wired by the server.
package settings

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/civil"
	"zhifa/internal/platform/httpx"
)

// FieldType says how the console shows and edits a field of a value.
type FieldType string

// Field types.
const (
	Integer FieldType = "integer" // a whole number, with a unit (人, 天, 档)
	Percent FieldType = "percent" // a whole number of 100
	Text    FieldType = "text"    // a line or paragraph; Max is its length in characters
	Boolean FieldType = "boolean" // yes or no
	Yuan    FieldType = "yuan"    // money, kept in fen (civil.Fen) and shown in yuan; Min and Max in fen
	Choice  FieldType = "choice"  // one of Options, kept as its value and shown by its label
)

// FieldTypes lists every field type.
var FieldTypes = []FieldType{Integer, Percent, Text, Boolean, Yuan, Choice}

// Option is one value a choice field may take, with the label the console shows.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Field describes one field of a kind's value for the console.
type Field struct {
	Name  string    `json:"name"`  // the field's JSON name in the value
	Label string    `json:"label"` // Chinese label, e.g. 重点乡镇执法人员不少于
	Type  FieldType `json:"type"`
	Unit  string    `json:"unit,omitempty"` // 人, 天, 档 …; percent and yuan carry their own
	Min   int64     `json:"min"`            // numbers: the least value (yuan: in fen)
	Max   int64     `json:"max"`            // numbers: the greatest value (yuan: in fen); text: the longest, in characters
	Help  string    `json:"help,omitempty"` // one sentence on what the field decides
	// Options are the values a choice field may take, in the order the console lists them.
	Options []Option `json:"options,omitempty"`
}

// Kind is one kind of setting. Build it with Define, which ties it to its Go type.
type Kind struct {
	Key         string            // stable key, "<feature>.<name>": reform.thresholds
	Name        string            // Chinese name: 改革指标阈值
	Description string            // what the setting decides, for the console
	Read        access.Permission // needed to read the values
	Write       access.Permission // needed to set and clear a value
	Fields      []Field           // the value's fields, in display order
	// NationalBasis says where the national default comes from (the document or practice).
	NationalBasis string
	codec         *codec
}

// codec is what Define knows of a kind's Go type.
type codec struct {
	typ      reflect.Type
	national []byte                        // the national default as JSON
	decode   func(raw []byte) (any, error) // strict decoding and validation of an input
}

// Define ties a kind to its Go type T: national is the default where no jurisdiction has set a
// value, validate checks (and may normalise) a value a jurisdiction sets and returns a coded
// apperr error naming the field. T is a struct whose JSON fields the kind's Fields describe; put
// `required:"true"` on each so that a value left out is refused rather than read as zero.
func Define[T any](k Kind, national T, validate func(*T) error) Kind {
	raw, err := json.Marshal(national)
	if err != nil {
		panic(fmt.Sprintf("settings: national default of %s: %v", k.Key, err))
	}
	k.codec = &codec{typ: reflect.TypeFor[T](), national: raw, decode: func(raw []byte) (any, error) {
		var v T
		if err := httpx.DecodeJSON(raw, &v); err != nil {
			return nil, err
		}
		if validate != nil {
			if err := validate(&v); err != nil {
				return nil, err
			}
		}
		return v, nil
	}}
	return k
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(\.[a-z][a-z0-9_]*)+$`)

// check verifies a kind's definition: a well-formed key, names and permissions, fields that
// describe exactly the JSON fields of its type within sound bounds, and a national default that
// passes the kind's own validation and those bounds. A bad definition is a programming error that
// the server finds when it starts.
func (k Kind) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("settings: kind %q: %s", k.Key, fmt.Sprintf(format, args...))
	}
	switch {
	case !keyPattern.MatchString(k.Key):
		return bad("the key must read feature.name in lower case")
	case k.Name == "":
		return bad("no Chinese name")
	case k.Read == "" || k.Write == "":
		return bad("no read or write permission")
	case k.codec == nil:
		return bad("not made with Define")
	case k.codec.typ.Kind() != reflect.Struct:
		return bad("its value must be a struct, not %s", k.codec.typ)
	}
	names := jsonFields(k.codec.typ)
	described := map[string]bool{}
	for _, f := range k.Fields {
		if !slices.Contains(names, f.Name) {
			return bad("field %q is not a JSON field of %s", f.Name, k.codec.typ)
		}
		if described[f.Name] {
			return bad("field %q described twice", f.Name)
		}
		described[f.Name] = true
		switch {
		case f.Label == "":
			return bad("field %q has no label", f.Name)
		case !slices.Contains(FieldTypes, f.Type):
			return bad("field %q has an unknown type %q", f.Name, f.Type)
		case f.Type == Text && f.Max <= 0:
			return bad("text field %q needs its length as Max", f.Name)
		case f.Type != Text && f.Type != Boolean && f.Min > f.Max:
			return bad("field %q has Min above Max", f.Name)
		case (f.Type == Choice) != (len(f.Options) > 0):
			return bad("field %q: options belong to choice fields, and a choice field needs them", f.Name)
		}
		for i, o := range f.Options {
			if o.Value == "" || o.Label == "" || slices.ContainsFunc(f.Options[:i], func(p Option) bool { return p.Value == o.Value }) {
				return bad("field %q: option %d needs a value of its own and a label", f.Name, i)
			}
		}
	}
	for _, n := range names {
		if !described[n] {
			return bad("JSON field %q of %s is not described", n, k.codec.typ)
		}
	}
	if _, err := k.parse(k.codec.national); err != nil {
		return bad("the national default is refused: %v", err)
	}
	return nil
}

// jsonFields lists the JSON names of a struct's fields, embedded structs' fields included.
func jsonFields(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
			continue
		case name == "" && f.Anonymous && f.Type.Kind() == reflect.Struct:
			out = append(out, jsonFields(f.Type)...)
			continue
		case name == "":
			name = f.Name
		}
		out = append(out, name)
	}
	return out
}

// parse decodes and validates a value a jurisdiction sets, then holds it to the bounds its fields
// describe, so that the console's limits and the server's agree. It returns the value in canonical
// JSON. Errors name the field inside the value ("frontlineMinPct"); Set puts them under "value".
func (k Kind) parse(raw []byte) ([]byte, error) {
	v, err := k.codec.decode(raw)
	if err != nil {
		return nil, err
	}
	out, err := json.Marshal(v)
	if err != nil {
		return nil, apperr.Internal(err)
	}
	if err := k.inBounds(out); err != nil {
		return nil, err
	}
	return out, nil
}

// inBounds checks the numbers and text of a value against its fields' Min and Max.
func (k Kind) inBounds(raw []byte) error {
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return apperr.Internal(err)
	}
	for _, f := range k.Fields {
		switch v := m[f.Name].(type) {
		case json.Number:
			n, err := v.Int64()
			if err != nil || n < f.Min || n > f.Max {
				return apperr.InvalidField(f.Name, "SETTING_VALUE_OUT_OF_RANGE",
					fmt.Sprintf("%s应在%s到%s之间", f.Label, bound(f, f.Min), bound(f, f.Max)))
			}
		case string:
			if f.Type == Choice {
				if f.label(v) == "" {
					labels := make([]string, len(f.Options))
					for i, o := range f.Options {
						labels[i] = o.Value + "（" + o.Label + "）"
					}
					return apperr.InvalidField(f.Name, "SETTING_VALUE_NOT_AN_OPTION",
						fmt.Sprintf("%s应为以下之一：%s", f.Label, strings.Join(labels, "、")))
				}
				continue
			}
			if n := len([]rune(v)); int64(n) > f.Max {
				return apperr.InvalidField(f.Name, "SETTING_VALUE_TOO_LONG", fmt.Sprintf("%s不能超过%d个字", f.Label, f.Max))
			}
		}
	}
	return nil
}

// bound writes a limit of a field as the console shows it.
func bound(f Field, n int64) string {
	return format(f, json.Number(strconv.FormatInt(n, 10)))
}

// format writes one field's value as a person reads it: 85%, 8人, 20.5元, 是.
func format(f Field, v any) string {
	switch x := v.(type) {
	case json.Number:
		n, err := x.Int64()
		switch {
		case err != nil:
			return x.String()
		case f.Type == Percent:
			return fmt.Sprintf("%d%%", n)
		case f.Type == Yuan:
			return civil.Fen(n).Yuan()
		}
		return fmt.Sprintf("%d%s", n, f.Unit)
	case bool:
		if x {
			return "是"
		}
		return "否"
	case string:
		if l := f.label(x); l != "" {
			return l
		}
		return x
	}
	return fmt.Sprint(v)
}

// label is the label of a choice field's value, "" when the value is not one of its options.
func (f Field) label(v string) string {
	for _, o := range f.Options {
		if o.Value == v {
			return o.Label
		}
	}
	return ""
}

// complete lays a stored value over the national default, for the console: a field added to the
// kind after the value was stored shows the national default, as load reads it.
func (k Kind) complete(raw []byte) json.RawMessage {
	var base, own map[string]json.RawMessage
	if json.Unmarshal(k.codec.national, &base) != nil || json.Unmarshal(raw, &own) != nil {
		return json.RawMessage(raw)
	}
	for name, v := range own {
		base[name] = v
	}
	out, err := json.Marshal(base)
	if err != nil {
		return json.RawMessage(raw)
	}
	return out
}

// load reads a stored value onto the national default, so that a field added to a kind after a
// value was stored reads as the national default until the jurisdiction sets it.
func load[T any](k Kind, raw []byte) (T, error) {
	var v T
	if err := json.Unmarshal(k.codec.national, &v); err != nil {
		return v, err
	}
	if raw != nil {
		if err := json.Unmarshal(raw, &v); err != nil {
			return v, fmt.Errorf("settings: stored value of %s: %w", k.Key, err)
		}
	}
	return v, nil
}
