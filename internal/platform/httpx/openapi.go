package httpx

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/invopop/jsonschema"
)

// Codes lists the values of code types (named string types such as catalog.ItemType) for the
// OpenAPI document: each becomes a component whose schema is the enum of its values, so that
// clients know every code the server writes and accepts.
type Codes map[reflect.Type][]string

// OpenAPI builds an OpenAPI 3.1 document from the route table, so the document and the real
// routes cannot drift apart. The console's TypeScript types and the Go client's types are
// generated from it (make generate), so it is built to be stable: every named Go type is a
// component called package.Type, and encoding the maps sorts every key.
func OpenAPI(version string, routes []Route) map[string]any {
	return OpenAPIWithCodes(version, routes, nil)
}

// OpenAPIWithCodes is OpenAPI with the values of the API's code types.
func OpenAPIWithCodes(version string, routes []Route, codes Codes) map[string]any {
	components := map[string]any{}
	named := map[string]reflect.Type{}
	ref := &jsonschema.Reflector{
		AllowAdditionalProperties: true,
		Anonymous:                 true,
		Namer: func(t reflect.Type) string {
			name := componentName(t)
			if name == "" {
				return ""
			}
			if !validComponentName.MatchString(name) {
				panic(fmt.Sprintf("openapi: %s cannot be named as a component (%q)", t, name))
			}
			if prev, ok := named[name]; ok && prev != t {
				panic(fmt.Sprintf("openapi: %s and %s would both be the component %s", prev, t, name))
			}
			named[name] = t
			return name
		},
		// A code type refers to its component, which lists its values.
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if _, ok := codes[t]; ok {
				return &jsonschema.Schema{Ref: "#/$defs/" + componentName(t)}
			}
			// A struct written as text (a calendar date) is a string on the wire.
			if t.Kind() == reflect.Struct && t != reflect.TypeFor[time.Time]() && t.Implements(reflect.TypeFor[encoding.TextMarshaler]()) {
				s := &jsonschema.Schema{Type: "string"}
				if f, ok := reflect.Zero(t).Interface().(interface{ SchemaPattern() string }); ok {
					s.Pattern = f.SchemaPattern()
				}
				return s
			}
			return nil
		},
	}
	// schemaOf reflects a Go type into JSON Schema 2020-12 (the dialect of OpenAPI 3.1). Named
	// types become components, so recursive types such as the organisation tree are expressible.
	schemaOf := func(v any) any {
		if v == nil {
			return nil
		}
		s := ref.ReflectFromType(reflect.TypeOf(v))
		s.Version = ""
		raw, err := json.Marshal(s)
		if err != nil {
			panic(err)
		}
		raw = []byte(strings.ReplaceAll(string(raw), `"#/$defs/`, `"#/components/schemas/`))
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			panic(err)
		}
		openTrueSchemas(m)
		if defs, ok := m["$defs"].(map[string]any); ok {
			for name, d := range defs {
				components[name] = d
			}
			delete(m, "$defs")
		}
		return m
	}
	for t, values := range codes {
		if t.Kind() != reflect.String {
			panic(fmt.Sprintf("openapi: code type %s is not a string type", t))
		}
		components[componentName(t)] = map[string]any{"type": "string", "enum": values}
	}
	errSchema := schemaOf(ErrorBody{})
	paths := map[string]map[string]any{}
	tags := map[string]bool{}
	for _, rt := range routes {
		op := map[string]any{
			"summary":     rt.Summary,
			"operationId": operationID(rt),
		}
		if rt.Tag != "" {
			op["tags"] = []string{rt.Tag}
			tags[rt.Tag] = true
		}
		if rt.Public {
			op["security"] = []any{}
		} else {
			op["x-permission"] = string(rt.Perm)
			if rt.PermOf != "" {
				op["x-permission-of"] = rt.PermOf
			}
		}
		var params []map[string]any
		for _, name := range rt.PathParams() {
			params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		for _, q := range rt.Query {
			t := q.Type
			if t == "" {
				t = "string"
			}
			params = append(params, map[string]any{"name": q.Name, "in": "query", "description": q.Description, "schema": map[string]any{"type": t}})
		}
		if params != nil {
			op["parameters"] = params
		}
		if rt.Upload {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"multipart/form-data": map[string]any{"schema": map[string]any{"type": "object",
					"properties": map[string]any{"file": map[string]any{"type": "string", "contentMediaType": "application/octet-stream"}}}},
			}}
		} else if rt.Stream {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/octet-stream": map[string]any{"schema": map[string]any{"type": "string", "contentMediaType": "application/octet-stream"}}}}
		} else if rt.Body != nil {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schemaOf(rt.Body)}}}
		}
		ok := map[string]any{"description": "成功"}
		if rt.Response != nil {
			ok["content"] = map[string]any{"application/json": map[string]any{"schema": schemaOf(rt.Response)}}
		}
		op["responses"] = map[string]any{
			"200":     ok,
			"default": map[string]any{"description": "错误：稳定的错误码与中文信息", "content": map[string]any{"application/json": map[string]any{"schema": errSchema}}},
		}
		if paths[rt.Path] == nil {
			paths[rt.Path] = map[string]any{}
		}
		paths[rt.Path][strings.ToLower(rt.Method)] = op
	}
	var tagList []map[string]any
	names := make([]string, 0, len(tags))
	for t := range tags {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		tagList = append(tagList, map[string]any{"name": t})
	}
	markPointers(components, named)
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "Zhifa 综合行政执法一体化平台 API",
			"version":     version,
			"description": "JSON REST 接口。错误统一为 {\"error\":{\"code\",\"message\",\"field\",\"details\"}}；列表统一为 {items,total,page,pageSize}。",
		},
		"servers": []any{map[string]any{"url": "/"}},
		"components": map[string]any{"schemas": components, "securitySchemes": map[string]any{
			"session": map[string]any{"type": "apiKey", "in": "cookie", "name": "zhifa_session"},
			"bearer":  map[string]any{"type": "http", "scheme": "bearer"},
		}},
		"security": []any{map[string]any{"session": []any{}}, map[string]any{"bearer": []any{}}},
		"tags":     tagList,
		"paths":    paths,
	}
}

// componentName names the component of a Go type after its package, people.Person, so that the
// Detail of one feature never overwrites another's. An instance of a generic type is named after
// its type arguments: httpx.List[people.Person] is people.PersonList. Unnamed types are inline.
func componentName(t reflect.Type) string {
	name := t.Name()
	if name == "" || t.PkgPath() == "" {
		return ""
	}
	base, args, generic := strings.Cut(name, "[")
	if !generic {
		return pkgName(t.PkgPath()) + "." + name
	}
	// Type arguments are written with their full package path: List[zhifa/internal/people.Person].
	var pkg, arg string
	for _, a := range strings.Split(strings.TrimSuffix(args, "]"), ",") {
		a = strings.TrimLeft(a, "*[]")
		path, typ := "", a
		if i := strings.LastIndexByte(a, '.'); i >= 0 {
			path, typ = a[:i], a[i+1:]
		}
		if pkg == "" {
			pkg = pkgName(path)
		}
		arg += typ
	}
	if pkg == "" {
		pkg = pkgName(t.PkgPath())
	}
	return pkg + "." + arg + base
}

func pkgName(path string) string { return path[strings.LastIndexByte(path, '/')+1:] }

// validComponentName is what OpenAPI allows as the key of a component.
var validComponentName = regexp.MustCompile(`^[a-zA-Z0-9.\-_]+$`)

// openTrueSchemas writes the schema true (any value, reflected from an interface field) as the
// equivalent {}, which generators reading OpenAPI 3.0-style documents also accept. It looks only
// where a keyword holds a schema, so other true values (uniqueItems …) stay.
func openTrueSchemas(s map[string]any) {
	open := func(v any) any {
		if v == true {
			return map[string]any{}
		}
		if m, ok := v.(map[string]any); ok {
			openTrueSchemas(m)
		}
		return v
	}
	for _, k := range []string{"items", "additionalProperties", "not"} {
		if v, ok := s[k]; ok {
			s[k] = open(v)
		}
	}
	for _, k := range []string{"properties", "patternProperties", "$defs"} {
		if m, ok := s[k].(map[string]any); ok {
			for name, v := range m {
				m[name] = open(v)
			}
		}
	}
	for _, k := range []string{"oneOf", "anyOf", "allOf", "prefixItems"} {
		if l, ok := s[k].([]any); ok {
			for i, v := range l {
				l[i] = open(v)
			}
		}
	}
}

// markPointers describes the pointer fields of every component. encoding/json writes a nil
// pointer as null unless the field is omitempty, so such a field is "its type or null"; and
// every pointer field is marked to stay a pointer in generated Go (which otherwise writes
// optional fields as plain values, as the server's own types do, and could not hold a type that
// contains itself, such as discretion.Result).
func markPointers(components map[string]any, named map[string]reflect.Type) {
	for name, t := range named {
		c, ok := components[name].(map[string]any)
		if !ok || t.Kind() != reflect.Struct {
			continue
		}
		props, _ := c["properties"].(map[string]any)
		for _, f := range jsonFields(t) {
			prop, ok := props[f.name]
			if !ok || f.typ.Kind() != reflect.Pointer {
				continue
			}
			if f.omitempty {
				prop.(map[string]any)[goPointer] = false
				continue
			}
			props[f.name] = map[string]any{"oneOf": []any{prop, map[string]any{"type": "null"}}, goPointer: false}
		}
	}
}

// goPointer is oapi-codegen's extension keeping an optional field a pointer.
const goPointer = "x-go-type-skip-optional-pointer"

type jsonField struct {
	name      string
	typ       reflect.Type
	omitempty bool
}

// jsonFields lists the fields encoding/json writes for a struct, with those of embedded structs.
func jsonFields(t reflect.Type) []jsonField {
	var out []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if tag == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				out = append(out, jsonFields(et)...)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		omit := strings.Contains(","+opts+",", ",omitempty,") || strings.Contains(","+opts+",", ",omitzero,")
		out = append(out, jsonField{name: name, typ: f.Type, omitempty: omit})
	}
	return out
}

func operationID(rt Route) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(rt.Method))
	for _, seg := range strings.Split(strings.TrimPrefix(rt.Path, "/api/v1"), "/") {
		seg = strings.Trim(seg, "{}")
		for _, part := range strings.FieldsFunc(seg, func(r rune) bool { return r == '-' || r == '_' }) {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}
