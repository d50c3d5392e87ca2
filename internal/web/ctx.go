package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/i18n"
)

// Ctx is one request as handlers see it.
type Ctx struct {
	W         http.ResponseWriter
	R         *http.Request
	App       *App
	User      *auth.Principal // nil for the public
	Lang      i18n.Lang
	CSRF      string // the token forms must carry
	Token     string // the session or API token the request came with
	RequestID string
}

type ctxKey struct{}

func fromContext(ctx context.Context) *Ctx {
	c, _ := ctx.Value(ctxKey{}).(*Ctx)
	return c
}

// Context is the request's context.
func (c *Ctx) Context() context.Context { return c.R.Context() }

// T translates a key into the request's language.
func (c *Ctx) T(key string, args ...any) string { return i18n.T(c.Lang, key, args...) }

// PathID parses a numeric path value; a bad one is "not found".
func (c *Ctx) PathID(name, entity string) (int64, error) {
	id, err := strconv.ParseInt(c.R.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.NotFoundErr(entity)
	}
	return id, nil
}

// Query returns a trimmed query parameter.
func (c *Ctx) Query(name string) string { return strings.TrimSpace(c.R.URL.Query().Get(name)) }

// QueryInt parses an optional integer query parameter, naming it when bad.
func (c *Ctx) QueryInt(name string, def int) (int, error) {
	s := c.Query(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errs.Field(name, "invalid_number", "err.number", name)
	}
	return n, nil
}

// Limit reads the page size (limit), 50 by default and at most 200.
func (c *Ctx) Limit() (int, error) {
	n, err := c.QueryInt("limit", 50)
	if err != nil {
		return 0, err
	}
	if n < 1 || n > 200 {
		return 0, errs.Field("limit", "out_of_range", "err.limit_range", 1, 200)
	}
	return n, nil
}

// JSON writes v with a status.
func (c *Ctx) JSON(status int, v any) error {
	c.W.Header().Set("Content-Type", "application/json; charset=utf-8")
	c.W.WriteHeader(status)
	enc := json.NewEncoder(c.W)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// List is the shape of every API list: items and the cursor of the next
// page, null at the end.
type List[T any] struct {
	Items []T     `json:"items"`
	Next  *string `json:"next"`
}

// NewList makes a List, turning an empty cursor into null and nil items
// into [].
func NewList[T any](items []T, next string) List[T] {
	if items == nil {
		items = []T{}
	}
	l := List[T]{Items: items}
	if next != "" {
		l.Next = &next
	}
	return l
}

// Decode reads a JSON body into v, strictly: unknown fields, wrong types and
// trailing data are refused with the field named.
func (c *Ctx) Decode(v any) error {
	if ct := c.R.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return errs.New(errs.BadRequest, "unsupported_media_type", "", "err.json_expected")
	}
	dec := json.NewDecoder(c.R.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return errs.New(errs.BadRequest, "malformed_json", "", "err.json_trailing")
	}
	return nil
}

func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var big *http.MaxBytesError
	switch {
	case errors.As(err, &big):
		return errs.New(errs.TooLarge, "body_too_large", "", "err.body_too_large", big.Limit/1024)
	case errors.Is(err, io.EOF):
		return errs.New(errs.BadRequest, "malformed_json", "", "err.json_empty")
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return errs.New(errs.BadRequest, "malformed_json", "", "err.json_syntax")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return errs.New(errs.BadRequest, "malformed_json", "", "err.json_syntax")
		}
		return errs.New(errs.Invalid, "invalid_type", field, "err.json_type", field, jsonKind(typ.Type.Kind().String()))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return errs.New(errs.BadRequest, "unknown_field", field, "err.json_unknown_field", field)
	}
	return errs.New(errs.BadRequest, "malformed_json", "", "err.json_syntax")
}

func jsonKind(k string) i18n.Msg {
	switch {
	case strings.HasPrefix(k, "int"), strings.HasPrefix(k, "uint"), strings.HasPrefix(k, "float"):
		return i18n.M("type.number")
	case k == "string":
		return i18n.M("type.string")
	case k == "bool":
		return i18n.M("type.bool")
	case k == "slice", k == "array":
		return i18n.M("type.array")
	}
	return i18n.M("type.object")
}

// apiError is the body of every API error.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// Status maps an error kind to its HTTP status.
func Status(k errs.Kind) int {
	switch k {
	case errs.BadRequest:
		return http.StatusBadRequest
	case errs.Unauthorized:
		return http.StatusUnauthorized
	case errs.Forbidden:
		return http.StatusForbidden
	case errs.NotFound:
		return http.StatusNotFound
	case errs.Conflict:
		return http.StatusConflict
	case errs.TooMany:
		return http.StatusTooManyRequests
	case errs.TooLarge:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusUnprocessableEntity
}

// APIError writes err as the API's error body. Errors that are not an
// *errs.Error are logged and answered with a plain 500.
func (c *Ctx) APIError(err error) {
	e, ok := errs.As(err)
	if !ok {
		var big *http.MaxBytesError
		if errors.As(err, &big) {
			e = errs.New(errs.TooLarge, "body_too_large", "", "err.body_too_large", big.Limit/1024)
		} else {
			c.App.Log.ErrorContext(c.Context(), "internal error", "err", err, "path", c.R.URL.Path)
			c.JSON(http.StatusInternalServerError, apiError{apiErrorBody{Code: "internal", Message: c.T("err.internal", c.RequestID)}}) //nolint:errcheck
			return
		}
	}
	if e.Kind == errs.Unauthorized && e.Code == "unauthorized" {
		c.W.Header().Set("WWW-Authenticate", `Bearer realm="renda"`)
	}
	c.JSON(Status(e.Kind), apiError{apiErrorBody{Code: e.Code, Message: e.Message(c.Lang), Field: e.Field}}) //nolint:errcheck
}

// ErrorMessage is what a page shows for an error: the user's message, or a
// generic one (with the request id) for an internal failure, which is logged.
func (c *Ctx) ErrorMessage(err error) string {
	if e, ok := errs.As(err); ok {
		return e.Message(c.Lang)
	}
	c.App.Log.ErrorContext(c.Context(), "internal error", "err", err, "path", c.R.URL.Path)
	return c.T("err.internal", c.RequestID)
}

// Redirect answers with 303 See Other, the right answer to a form post.
func (c *Ctx) Redirect(url string) error {
	http.Redirect(c.W, c.R, url, http.StatusSeeOther)
	return nil
}

// Pathf formats a path with escaped parts.
func Pathf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func contextWith(ctx context.Context, c *Ctx) context.Context {
	return context.WithValue(ctx, ctxKey{}, c)
}
