package db

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// JSON is a column holding a value as JSON text, typed on the Go side: a struct field
// `Roles db.JSON[[]access.Role] `db:"roles"“ reads and writes the column without hand-written
// Marshal and Unmarshal calls, and a value that cannot be encoded is an error, never ignored.
type JSON[T any] struct{ V T }

// JSONOf wraps a value for a JSON column.
func JSONOf[T any](v T) JSON[T] { return JSON[T]{V: v} }

// Value encodes the value for the database.
func (j JSON[T]) Value() (driver.Value, error) {
	b, err := json.Marshal(j.V)
	if err != nil {
		return nil, fmt.Errorf("encode JSON column: %w", err)
	}
	return string(b), nil
}

// Scan decodes the column; NULL and the empty text leave the zero value.
func (j *JSON[T]) Scan(src any) error {
	var raw []byte
	switch v := src.(type) {
	case nil:
		return nil
	case string:
		raw = []byte(v)
	case []byte:
		raw = v
	default:
		return fmt.Errorf("JSON column: unexpected %T", src)
	}
	if len(raw) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, &j.V); err != nil {
		return fmt.Errorf("decode JSON column: %w", err)
	}
	return nil
}

// MarshalJSON writes the value itself, so that a JSON field reads as its value in an API answer.
func (j JSON[T]) MarshalJSON() ([]byte, error) { return json.Marshal(j.V) }

// UnmarshalJSON reads the value itself.
func (j *JSON[T]) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &j.V) }
