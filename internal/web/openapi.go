package web

import (
	"encoding/json"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"
)

// The OpenAPI 3.1 document is built from the registered endpoints, with the
// schemas of their request and response types read from the Go types'
// JSON tags, so it cannot drift from what the server does.

var pathParamRe = regexp.MustCompile(`\{([a-zA-Z_]+)\}`)

func (a *App) registerOpenAPI() {
	var cached []byte
	a.API(Endpoint{
		Method: "GET", Path: "/openapi.json", Tag: "meta", Public: true,
		Summary: "This document: every endpoint of the API",
		Handle: func(c *Ctx) error {
			if cached == nil {
				b, err := json.MarshalIndent(a.OpenAPI(), "", "  ")
				if err != nil {
					return err
				}
				cached = b
			}
			c.W.Header().Set("Content-Type", "application/json; charset=utf-8")
			_, err := c.W.Write(cached)
			return err
		},
	})
}

type schemaBuilder struct {
	components map[string]any
}

// OpenAPI builds the document.
func (a *App) OpenAPI() map[string]any {
	sb := &schemaBuilder{components: map[string]any{}}
	paths := map[string]map[string]any{}
	for _, e := range a.endpoints {
		p := "/api/v1" + e.Path
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		op := map[string]any{
			"summary":     e.Summary,
			"operationId": operationID(e.Method, e.Path),
			"tags":        []string{e.Tag},
		}
		var params []any
		for _, m := range pathParamRe.FindAllStringSubmatch(e.Path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		for _, q := range e.Query {
			typ := q.Type
			if typ == "" {
				typ = "string"
			}
			param := map[string]any{"name": q.Name, "in": "query", "required": q.Required, "schema": map[string]any{"type": typ}}
			if q.Description != "" {
				param["description"] = q.Description
			}
			params = append(params, param)
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if e.Multipart {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"multipart/form-data": map[string]any{"schema": map[string]any{
					"type": "object", "required": []string{e.File},
					"properties": map[string]any{e.File: map[string]any{"type": "string", "contentMediaType": "application/octet-stream"}},
				}},
			}}
		} else if e.Request != nil {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": sb.schema(reflect.TypeOf(e.Request))},
			}}
		}
		responses := map[string]any{}
		ok := map[string]any{"description": "Success"}
		switch {
		case e.Produces != "":
			ok["content"] = map[string]any{e.Produces: map[string]any{"schema": map[string]any{"type": "string", "contentMediaType": e.Produces}}}
		case e.Response != nil:
			ok["content"] = map[string]any{"application/json": map[string]any{"schema": sb.schema(reflect.TypeOf(e.Response))}}
		}
		responses[itoa(e.Status)] = ok
		errRef := map[string]any{"description": "Error", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
		for _, s := range []string{"400", "401", "403", "404", "409", "422"} {
			if s == "401" && e.Public {
				continue
			}
			responses[s] = errRef
		}
		op["responses"] = responses
		if e.Public {
			op["security"] = []any{}
		}
		paths[p][strings.ToLower(e.Method)] = op
	}
	sb.components["Error"] = map[string]any{
		"type": "object", "required": []string{"error"},
		"properties": map[string]any{"error": map[string]any{
			"type": "object", "required": []string{"code", "message"},
			"properties": map[string]any{
				"code":    map[string]any{"type": "string"},
				"message": map[string]any{"type": "string"},
				"field":   map[string]any{"type": "string"},
			},
		}},
	}
	tags := map[string]bool{}
	for _, e := range a.endpoints {
		tags[e.Tag] = true
	}
	var tagList []any
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
			"title":       "renda API",
			"version":     "1",
			"description": "The API of renda, the platform for grassroots people's congresses. Errors are {\"error\": {\"code\", \"message\", \"field\"}}; lists are {\"items\", \"next\"}.",
		},
		"servers":  []any{map[string]any{"url": "/"}},
		"tags":     tagList,
		"paths":    paths,
		"security": []any{map[string]any{"bearer": []string{}}},
		"components": map[string]any{
			"schemas": sb.components,
			"securitySchemes": map[string]any{
				"bearer": map[string]any{"type": "http", "scheme": "bearer", "description": "A token from POST /api/v1/auth/token"},
			},
		},
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func operationID(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	for _, part := range strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '-' || r == '.' || r == '_' }) {
		part = strings.Trim(part, "{}")
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

var timeType = reflect.TypeOf(time.Time{})
var rawType = reflect.TypeOf(json.RawMessage{})

// schema describes a Go type as a JSON Schema (2020-12, as OpenAPI 3.1
// uses). Named structs become components.
func (sb *schemaBuilder) schema(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawType:
		return map[string]any{}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": sb.schema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": sb.schema(t.Elem())}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		name := schemaName(t)
		if name == "" {
			return sb.object(t)
		}
		if _, ok := sb.components[name]; !ok {
			sb.components[name] = map[string]any{} // placeholder against recursion
			sb.components[name] = sb.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

func schemaName(t reflect.Type) string {
	name := t.Name()
	if name == "" {
		return ""
	}
	// Generic instances (List[renda/internal/auth.User]) get a readable name.
	if i := strings.Index(name, "["); i >= 0 {
		inner := name[i+1 : len(name)-1]
		if j := strings.LastIndex(inner, "."); j >= 0 {
			inner = inner[j+1:]
		}
		name = name[:i] + "Of" + inner
	}
	pkg := t.PkgPath()
	if j := strings.LastIndex(pkg, "/"); j >= 0 {
		pkg = pkg[j+1:]
	}
	if pkg == "web" {
		return strings.ToUpper(name[:1]) + name[1:]
	}
	return strings.ToUpper(pkg[:1]) + pkg[1:] + strings.ToUpper(name[:1]) + name[1:]
}

func (sb *schemaBuilder) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	sb.fields(t, props, &required)
	out := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		sort.Strings(required)
		out["required"] = required
	}
	return out
}

func (sb *schemaBuilder) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				sb.fields(ft, props, required)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		s := sb.schema(f.Type)
		if f.Type.Kind() == reflect.Pointer || f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() != reflect.Uint8 && strings.Contains(opts, "omitempty") {
			s = map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
		}
		if d := f.Tag.Get("doc"); d != "" {
			s = withDescription(s, d)
		}
		props[name] = s
		if !strings.Contains(opts, "omitempty") && f.Type.Kind() != reflect.Pointer {
			*required = append(*required, name)
		}
	}
}

func withDescription(s map[string]any, d string) map[string]any {
	out := map[string]any{}
	for k, v := range s {
		out[k] = v
	}
	out["description"] = d
	return out
}
