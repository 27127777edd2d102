package httpx

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"

	"github.com/invopop/jsonschema"
)

// OpenAPI builds an OpenAPI 3.1 document from the route table, so the document and the real
// routes cannot drift apart.
func OpenAPI(version string, routes []Route) map[string]any {
	ref := &jsonschema.Reflector{ExpandedStruct: true, AllowAdditionalProperties: true}
	components := map[string]any{}
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
		if defs, ok := m["$defs"].(map[string]any); ok {
			for name, d := range defs {
				components[name] = d
			}
			delete(m, "$defs")
		}
		return m
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
