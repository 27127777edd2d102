// Package secret protects personal data at rest: AES-256-GCM for values that must be read back
// (resident ID numbers) and an HMAC-SHA256 blind index so such values can be matched for
// uniqueness without decrypting. It also derives, from the same master key, the keys other parts
// of the platform keep outside the database (Derive), so that no further key file is needed.
package secret

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/emmansun/gmsm/sm3"
)

// Box encrypts and indexes personal data with keys derived from one master key.
type Box struct {
	aead    cipher.AEAD
	hmacKey []byte
	master  []byte
}

// New derives the encryption and index keys from a 32-byte master key.
func New(master []byte) (*Box, error) {
	if len(master) != 32 {
		return nil, fmt.Errorf("secret: master key must be 32 bytes, got %d", len(master))
	}
	enc := derive(master, "zhifa/encrypt")
	block, err := aes.NewCipher(enc)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead, hmacKey: derive(master, "zhifa/index"), master: bytes.Clone(master)}, nil
}

// Derive returns a 32-byte key for one purpose, named by label (for example "zhifa/audit-chain"):
// HMAC-SM3 (GB/T 32905) of the label under the master key. The same master key and label always
// give the same key, and keys for different labels are independent. Derived keys never collide
// with the encryption and index keys above, which come from HMAC-SHA256.
func (b *Box) Derive(label string) []byte {
	m := hmac.New(sm3.New, b.master)
	m.Write([]byte(label))
	return m.Sum(nil)
}

func derive(master []byte, label string) []byte {
	m := hmac.New(sha256.New, master)
	m.Write([]byte(label))
	return m.Sum(nil)
}

// Seal encrypts plain text; the result is base64 text safe for any column.
func (b *Box) Seal(plain string) string {
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // the system's random source failing is not recoverable
	}
	return base64.StdEncoding.EncodeToString(b.aead.Seal(nonce, nonce, []byte(plain), nil))
}

// Open decrypts a value made by Seal.
func (b *Box) Open(sealed string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil {
		return "", err
	}
	n := b.aead.NonceSize()
	if len(raw) < n {
		return "", errors.New("secret: sealed value too short")
	}
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], nil)
	if err != nil {
		return "", err
	}
	return string(plain), nil
}

// Index returns a deterministic keyed hash of v for equality lookups.
func (b *Box) Index(v string) string {
	m := hmac.New(sha256.New, b.hmacKey)
	m.Write([]byte(v))
	return hex.EncodeToString(m.Sum(nil))
}

// LoadOrCreateKey reads the master key from a file, creating it with fresh random bytes on first
// start. The file is readable by its owner only.
func LoadOrCreateKey(path string) ([]byte, error) {
	if raw, err := os.ReadFile(path); err == nil {
		key, err := hex.DecodeString(string(trimSpace(raw)))
		if err != nil || len(key) != 32 {
			return nil, fmt.Errorf("密钥文件 %s 格式错误：应为64位十六进制", path)
		}
		return key, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
		return nil, err
	}
	return key, nil
}

// ParseKey reads a hex master key given in configuration.
func ParseKey(s string) ([]byte, error) {
	key, err := hex.DecodeString(s)
	if err != nil || len(key) != 32 {
		return nil, errors.New("密钥应为64位十六进制字符串")
	}
	return key, nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r' || b[len(b)-1] == ' ') {
		b = b[:len(b)-1]
	}
	return b
}
