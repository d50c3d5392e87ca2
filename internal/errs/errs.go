// Package errs is how every domain says what went wrong so that the web
// layer can answer with the fitting status and a message, in the user's
// language, that names the field. Domain code returns an *Error; anything
// else is an internal failure, logged and never shown.
package errs

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"renda/internal/i18n"
)

// Kind says which HTTP status an error maps to.
type Kind int

const (
	Invalid      Kind = iota // 422: the request was understood but a value is wrong
	BadRequest               // 400: the request could not be read
	Unauthorized             // 401
	Forbidden                // 403
	NotFound                 // 404 (also for what lies outside the caller's scope)
	Conflict                 // 409
	TooMany                  // 429
	TooLarge                 // 413
)

// Error is a failure a user may see.
type Error struct {
	Kind  Kind
	Code  string   // machine-readable, e.g. "required", "invalid_phone"
	Field string   // the API field it concerns, if any
	Msg   i18n.Msg // what to tell the user
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Field, e.Code, i18n.T(i18n.EN, e.Msg.Key, e.Msg.Args...))
	}
	return fmt.Sprintf("%s (%s)", e.Code, i18n.T(i18n.EN, e.Msg.Key, e.Msg.Args...))
}

// Message renders the message in a language.
func (e *Error) Message(lang i18n.Lang) string { return i18n.Render(lang, e.Msg) }

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// New makes an error of a kind with a message key.
func New(kind Kind, code, field, key string, args ...any) *Error {
	return &Error{Kind: kind, Code: code, Field: field, Msg: i18n.M(key, args...)}
}

// Required says a field must be given; label is the field's i18n key.
func Required(field, label string) *Error {
	return New(Invalid, "required", field, "err.required", i18n.M(label))
}

// Field says a field's value is wrong, with a message key and its args.
func Field(field, code, key string, args ...any) *Error {
	return New(Invalid, code, field, key, args...)
}

// NotFoundErr says a thing does not exist (or is outside the caller's
// scope, which must look the same).
func NotFoundErr(what string) *Error {
	return New(NotFound, "not_found", "", "err.not_found", i18n.M(what))
}

// ForbiddenErr says the caller's role may not do this.
func ForbiddenErr() *Error { return New(Forbidden, "forbidden", "", "err.forbidden") }

// ConflictErr says the thing already exists or its state forbids the change.
func ConflictErr(field, key string, args ...any) *Error {
	return New(Conflict, "conflict", field, key, args...)
}

// TooLong says a text field is longer than max characters; label is the
// field's i18n key, shown translated.
func TooLong(field, label string, max int) *Error {
	return New(Invalid, "too_long", field, "err.too_long", i18n.M(label), max)
}

// MaxLen refuses a text of more than n characters (not bytes: Chinese
// counts as people count it).
func MaxLen(field, label, s string, n int) error {
	if utf8.RuneCountInString(s) > n {
		return TooLong(field, label, n)
	}
	return nil
}
