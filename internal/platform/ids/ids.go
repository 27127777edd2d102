// Package ids makes record identifiers: time-ordered UUIDv7 strings, generated in Go so both
// databases see the same ids and inserts stay index-friendly.
package ids

import "github.com/google/uuid"

// New returns a new time-ordered identifier.
func New() string { return uuid.Must(uuid.NewV7()).String() }
