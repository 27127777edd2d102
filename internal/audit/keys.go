package audit

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"math/big"
	"strconv"

	"github.com/emmansun/gmsm/ecdh"
	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm3"

	"zhifa/internal/platform/secret"
)

// Labels of the keys derived from the master key (secret.Box.Derive).
const (
	labelChain  = "zhifa/audit-chain"  // HMAC-SM3 key of the chains
	labelAnchor = "zhifa/audit-anchor" // seed of the SM2 key pair that signs anchors
)

// Keys are the log's keys. They are derived from the platform's master key (--secret-key or
// secret.key in the data directory), which is kept outside the database: whoever can write the
// database but does not hold the master key can neither forge an entry's MAC nor sign an anchor.
// No key file of their own is needed, and the same master key always gives the same keys.
type Keys struct {
	mac    []byte
	signer *sm2.PrivateKey
}

// KeysFrom derives the log's keys from the master key held by box.
func KeysFrom(box *secret.Box) Keys {
	return newKeys(box.Derive(labelChain), box.Derive(labelAnchor))
}

// TestKeys returns keys derived from a fixed, publicly known master key. Tests use them; a server
// never does (server.New derives the keys from the configured master key).
func TestKeys() Keys {
	box, err := secret.New(bytes.Repeat([]byte{0x5a}, 32))
	if err != nil {
		panic(err)
	}
	return KeysFrom(box)
}

// newKeys builds the keys from the chain key and the anchor seed. The SM2 private key d is taken
// deterministically from the seed: 64 bytes expanded with HMAC-SM3, reduced into [1, n-2] as
// GB/T 32918.1 requires of a private key, so the bias of the reduction is negligible (2^-256).
func newKeys(macKey, seed []byte) Keys {
	var wide []byte
	for i := byte(1); i <= 2; i++ {
		m := hmac.New(sm3.New, seed)
		m.Write([]byte{i})
		wide = m.Sum(wide)
	}
	n := sm2.P256().Params().N
	d := new(big.Int).SetBytes(wide)
	d.Mod(d, new(big.Int).Sub(n, big.NewInt(2)))
	d.Add(d, big.NewInt(1))
	priv, err := ecdh.P256().NewPrivateKey(d.FillBytes(make([]byte, 32)))
	if err != nil {
		panic(err) // d is in [1, n-2] by construction
	}
	pub := priv.PublicKey().Bytes() // 0x04 || X || Y
	signer := &sm2.PrivateKey{PrivateKey: ecdsa.PrivateKey{
		PublicKey: ecdsa.PublicKey{Curve: sm2.P256(), X: new(big.Int).SetBytes(pub[1:33]), Y: new(big.Int).SetBytes(pub[33:])},
		D:         d,
	}}
	return Keys{mac: bytes.Clone(macKey), signer: signer}
}

// PublicKey is the anchors' SM2 public key, uncompressed (04‖X‖Y), in hex: with it anyone can
// check an anchor's signature without the master key.
func (k Keys) PublicKey() string {
	pub := make([]byte, 65)
	pub[0] = 4
	k.signer.X.FillBytes(pub[1:33])
	k.signer.Y.FillBytes(pub[33:])
	return hex.EncodeToString(pub)
}

// Fingerprint names the public key: the first 16 bytes of its SM3 digest, in hex.
func (k Keys) Fingerprint() string {
	raw, _ := hex.DecodeString(k.PublicKey())
	sum := sm3.Sum(raw)
	return hex.EncodeToString(sum[:16])
}

// sign signs msg with SM2 (GB/T 32918.2, default user ID) and returns the ASN.1 signature in base64.
func (k Keys) sign(msg []byte) (string, error) {
	sig, err := k.signer.Sign(rand.Reader, msg, sm2.NewSM2SignerOption(true, nil))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}

// verifySig checks a signature made by sign.
func (k Keys) verifySig(msg []byte, sig string) bool {
	raw, err := base64.StdEncoding.DecodeString(sig)
	if err != nil {
		return false
	}
	return sm2.VerifyASN1WithSM2(&k.signer.PublicKey, nil, msg, raw)
}

// Domain tags keep the two MACs of an entry apart.
const (
	tagLink = "zhifa/audit/v1/link"
	tagBody = "zhifa/audit/v1/body"
)

// seal computes an entry's two MACs, both HMAC-SM3 (GB/T 32905) over a fixed canonical encoding
// of its fields (each field as a 4-byte big-endian length and its UTF-8 bytes, in a fixed order):
//
//   - mac covers the previous entry's MAC, the chain, the sequence number and every field. It is
//     the link of the chain: altering, removing, inserting or reordering any entry breaks it.
//   - bodyMAC covers the same but the previous MAC. It lets verification tell an entry that was
//     altered (no sequence number makes it match) from an authentic entry that was moved or
//     renumbered (it matches at its original number).
func (k Keys) seal(e Entry) (mac, bodyMAC string) {
	return k.macOf(tagLink, e, e.Seq, true), k.macOf(tagBody, e, e.Seq, false)
}

// bodyAt computes the body MAC the entry would have at sequence number seq.
func (k Keys) bodyAt(e Entry, seq int64) string { return k.macOf(tagBody, e, seq, false) }

func (k Keys) macOf(tag string, e Entry, seq int64, link bool) string {
	m := hmac.New(sm3.New, k.mac)
	var n [4]byte
	field := func(s string) {
		binary.BigEndian.PutUint32(n[:], uint32(len(s)))
		m.Write(n[:])
		m.Write([]byte(s))
	}
	field(tag)
	if link {
		field(e.PrevMAC)
	}
	for _, s := range []string{e.Chain, strconv.FormatInt(seq, 10), e.At, e.ActorID, e.ActorName, e.IP, e.Action,
		e.Entity, e.EntityID, e.EntityName, e.RegionCode, e.Summary, e.Detail} {
		field(s)
	}
	return hex.EncodeToString(m.Sum(nil))
}
