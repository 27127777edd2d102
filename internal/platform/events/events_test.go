package events

import (
	"context"
	"errors"
	"testing"

	"zhifa/internal/platform/db"
)

type moved struct{ ID, To string }
type renamed struct{ ID string }

func TestHandlersGetTheirTypeInOrderAndStopAtAnError(t *testing.T) {
	b := NewBus()
	var got []string
	Subscribe(b, "people", func(_ context.Context, _ *db.Tx, e moved) error { got = append(got, "people "+e.To); return nil })
	Subscribe(b, "accounts", func(_ context.Context, _ *db.Tx, e moved) error { got = append(got, "accounts "+e.To); return nil })
	Subscribe(b, "catalog", func(_ context.Context, _ *db.Tx, e renamed) error { got = append(got, "catalog "+e.ID); return nil })
	if err := Publish(context.Background(), b, nil, moved{ID: "o1", To: "371521112000"}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "people 371521112000" || got[1] != "accounts 371521112000" {
		t.Fatalf("delivered %v", got)
	}
	boom := errors.New("boom")
	Subscribe(b, "broken", func(context.Context, *db.Tx, renamed) error { return boom })
	if err := Publish(context.Background(), b, nil, renamed{ID: "o1"}); !errors.Is(err, boom) {
		t.Fatalf("error: %v", err)
	}
	if err := Publish[renamed](context.Background(), nil, nil, renamed{}); err != nil {
		t.Fatal("a nil bus")
	}
	if subs := b.Subscriptions(); len(subs["events.moved"]) != 2 {
		t.Fatalf("subscriptions: %v", subs)
	}
}
