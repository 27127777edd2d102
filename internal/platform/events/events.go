// Package events lets one feature tell others that something happened, inside the transaction
// that made it happen, without knowing who listens: an organisation that moves publishes
// org.Moved and the people, accounts and catalogue it concerns follow in the same commit. Events
// are plain Go types; a handler subscribes to a type. Handlers run in the order they subscribed;
// the first error rolls the whole transaction back.
package events

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"zhifa/internal/platform/db"
)

// Bus delivers events to the handlers subscribed to their type.
type Bus struct {
	mu       sync.RWMutex
	handlers map[reflect.Type][]handler
}

type handler struct {
	name string
	fn   func(ctx context.Context, tx *db.Tx, e any) error
}

// NewBus returns a bus without subscribers.
func NewBus() *Bus { return &Bus{handlers: map[reflect.Type][]handler{}} }

// Subscribe registers fn for events of type E; name says who handles it, for errors and for the
// list of subscriptions.
func Subscribe[E any](b *Bus, name string, fn func(ctx context.Context, tx *db.Tx, e E) error) {
	t := reflect.TypeFor[E]()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.handlers[t] = append(b.handlers[t], handler{name: name, fn: func(ctx context.Context, tx *db.Tx, e any) error {
		return fn(ctx, tx, e.(E))
	}})
}

// Publish hands e to every handler of its type inside tx. A nil bus has no subscribers.
func Publish[E any](ctx context.Context, b *Bus, tx *db.Tx, e E) error {
	if b == nil {
		return nil
	}
	b.mu.RLock()
	hs := b.handlers[reflect.TypeFor[E]()]
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h.fn(ctx, tx, e); err != nil {
			return fmt.Errorf("%s handling %T: %w", h.name, e, err)
		}
	}
	return nil
}

// Subscriptions lists, per event type, who handles it: the wiring as it is, for tests and docs.
func (b *Bus) Subscriptions() map[string][]string {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make(map[string][]string, len(b.handlers))
	for t, hs := range b.handlers {
		for _, h := range hs {
			out[t.String()] = append(out[t.String()], h.name)
		}
	}
	return out
}
