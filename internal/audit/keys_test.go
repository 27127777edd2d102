package audit

import (
	"bytes"
	"testing"

	"zhifa/internal/platform/secret"
)

func TestKeysComeFromTheMasterKeyAlone(t *testing.T) {
	box := func(b byte) *secret.Box {
		x, err := secret.New(bytes.Repeat([]byte{b}, 32))
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	k1, k1again, k2 := KeysFrom(box(1)), KeysFrom(box(1)), KeysFrom(box(2))
	if k1.PublicKey() != k1again.PublicKey() || !bytes.Equal(k1.mac, k1again.mac) {
		t.Fatal("the same master key must give the same keys")
	}
	if k1.PublicKey() == k2.PublicKey() || bytes.Equal(k1.mac, k2.mac) || k1.Fingerprint() == k2.Fingerprint() {
		t.Fatal("another master key must give other keys")
	}
	if len(k1.PublicKey()) != 130 || len(k1.Fingerprint()) != 32 {
		t.Fatalf("public key %s, fingerprint %s", k1.PublicKey(), k1.Fingerprint())
	}

	msg := []byte(`{"chain":"371521","seq":3,"mac":"ab","at":"2026-11-23T08:00:00.000Z"}`)
	sig, err := k1.sign(msg)
	if err != nil {
		t.Fatal(err)
	}
	if !k1again.verifySig(msg, sig) {
		t.Fatal("a signature does not verify with the key derived again")
	}
	if k2.verifySig(msg, sig) || k1.verifySig(append(msg, ' '), sig) {
		t.Fatal("a signature verifies with another key or another message")
	}

	e := Entry{Chain: "371521", Seq: 3, At: "2026-11-23T08:00:00.000Z", Summary: "查看", PrevMAC: "00"}
	mac1, body1 := k1.seal(e)
	mac2, _ := k2.seal(e)
	if mac1 == mac2 || mac1 == body1 || body1 != k1.bodyAt(e, 3) || body1 == k1.bodyAt(e, 4) {
		t.Fatal("MACs must depend on the key, the link and the position")
	}
	// Fields cannot run into each other: moving a character from one field to the next changes the MAC.
	a, b := e, e
	a.ActorID, a.ActorName = "ab", "c"
	b.ActorID, b.ActorName = "a", "bc"
	if ma, _ := k1.seal(a); ma == func() string { m, _ := k1.seal(b); return m }() {
		t.Fatal("the canonical encoding is ambiguous")
	}
}
