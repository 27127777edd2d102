package secret

import (
	"bytes"
	"path/filepath"
	"testing"
)

func TestSealOpenAndIndex(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	b, err := New(key)
	if err != nil {
		t.Fatal(err)
	}
	id := "37152119900101123X"
	s1, s2 := b.Seal(id), b.Seal(id)
	if s1 == s2 {
		t.Fatal("sealing twice gave the same text: nonce reused")
	}
	if got, err := b.Open(s1); err != nil || got != id {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if b.Index(id) != b.Index(id) || b.Index(id) == b.Index("371521199001011246") {
		t.Fatal("index must be deterministic and distinguish values")
	}
	other, _ := New(bytes.Repeat([]byte{8}, 32))
	if _, err := other.Open(s1); err == nil {
		t.Fatal("another key opened the value")
	}
	if other.Index(id) == b.Index(id) {
		t.Fatal("index does not depend on the key")
	}
	tampered := []byte(s1)
	tampered[len(tampered)-3] ^= 1
	if _, err := b.Open(string(tampered)); err == nil {
		t.Fatal("tampered value opened")
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret.key")
	k1, err := LoadOrCreateKey(path)
	if err != nil || len(k1) != 32 {
		t.Fatal(k1, err)
	}
	k2, err := LoadOrCreateKey(path)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatal("key not kept across starts")
	}
}

func TestDeriveIsStablePerLabelAndKey(t *testing.T) {
	b, _ := New(bytes.Repeat([]byte{7}, 32))
	again, _ := New(bytes.Repeat([]byte{7}, 32))
	other, _ := New(bytes.Repeat([]byte{8}, 32))
	k := b.Derive("zhifa/audit-chain")
	if len(k) != 32 || !bytes.Equal(k, again.Derive("zhifa/audit-chain")) {
		t.Fatal("the same master key and label must give the same 32-byte key")
	}
	if bytes.Equal(k, b.Derive("zhifa/audit-anchor")) || bytes.Equal(k, other.Derive("zhifa/audit-chain")) {
		t.Fatal("derived keys must depend on the label and on the master key")
	}
	if bytes.Equal(b.Derive("zhifa/index"), b.hmacKey) {
		t.Fatal("a derived key repeats the blind-index key")
	}
}
