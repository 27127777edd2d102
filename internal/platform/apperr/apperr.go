// Package apperr defines business errors with a stable code, a Chinese message for the user and
// the rule that produced them. Only the HTTP edge turns them into status codes.
package apperr

import (
	"errors"
	"fmt"
)

// Kind groups errors by how the edge should answer them.
type Kind int

const (
	KindInvalid          Kind = iota + 1 // bad input: 400 / 422
	KindNotFound                         // not found or outside the caller's jurisdiction: 404
	KindConflict                         // duplicate or stale: 409
	KindUnauthorized                     // not logged in or session expired: 401
	KindForbidden                        // logged in but lacks the permission: 403
	KindLocked                           // account locked: 423
	KindUnsupportedMedia                 // a body in a format the route does not take: 415
	KindTooLarge                         // an upload over its limit: 413
	KindTooMany                          // too many requests from one address: 429
	KindInternal                         // our fault: 500
)

// Detail is one row- or field-level problem inside a larger error, e.g. one bad CSV row.
type Detail struct {
	Row     int    `json:"row,omitempty"`
	Field   string `json:"field,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is a business error. Code is stable and meant for programs; Message is Chinese and meant
// for people; Rule cites the law or policy that produced it when there is one.
type Error struct {
	Kind    Kind     `json:"-"`
	Code    string   `json:"code"`
	Message string   `json:"message"`
	Field   string   `json:"field,omitempty"`
	Rule    string   `json:"rule,omitempty"`
	Details []Detail `json:"details,omitempty"`
	cause   error
}

func (e *Error) Error() string {
	if e.cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.cause)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.cause }

// WithField names the input field the error is about.
func (e *Error) WithField(f string) *Error { c := *e; c.Field = f; return &c }

// WithCode gives the error a more specific stable code.
func (e *Error) WithCode(code string) *Error { c := *e; c.Code = code; return &c }

// WithMessage replaces the message, keeping code, field and rule.
func (e *Error) WithMessage(m string) *Error { c := *e; c.Message = m; return &c }

// WithRule cites the rule behind the error.
func (e *Error) WithRule(r string) *Error { c := *e; c.Rule = r; return &c }

// Invalid reports bad input.
func Invalid(code, msg string) *Error { return &Error{Kind: KindInvalid, Code: code, Message: msg} }

// InvalidField reports bad input in one named field.
func InvalidField(field, code, msg string) *Error {
	return &Error{Kind: KindInvalid, Code: code, Message: msg, Field: field}
}

// NotFound reports a missing record, or one the caller may not see; the two are not told apart
// so that jurisdiction boundaries do not leak.
func NotFound(what string) *Error {
	return &Error{Kind: KindNotFound, Code: "NOT_FOUND", Message: what + "不存在或无权查看"}
}

// TooMany is a request refused because its sender asked too often.
func TooMany(code, msg string) *Error { return &Error{Kind: KindTooMany, Code: code, Message: msg} }

// Conflict reports a duplicate or a clash with existing data.
func Conflict(code, msg string) *Error { return &Error{Kind: KindConflict, Code: code, Message: msg} }

// Unauthorized reports a missing or expired session.
func Unauthorized(code, msg string) *Error {
	return &Error{Kind: KindUnauthorized, Code: code, Message: msg}
}

// Forbidden reports a permission the caller lacks.
func Forbidden(msg string) *Error {
	return &Error{Kind: KindForbidden, Code: "FORBIDDEN", Message: msg}
}

// Locked reports a locked account.
func Locked(code, msg string) *Error { return &Error{Kind: KindLocked, Code: code, Message: msg} }

// Internal wraps an unexpected failure; the user sees a generic message.
func Internal(err error) *Error {
	return &Error{Kind: KindInternal, Code: "INTERNAL", Message: "系统内部错误，请稍后重试或联系管理员", cause: err}
}

// Rows reports many row-level problems at once, as an import does; nothing was changed.
func Rows(code, msg string, details []Detail) *Error {
	return &Error{Kind: KindInvalid, Code: code, Message: msg, Details: details}
}

// As returns err as an *Error, wrapping unknown errors as internal.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Internal(err)
}

// Is reports whether err is an *Error with the given code.
func Is(err error, code string) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}
