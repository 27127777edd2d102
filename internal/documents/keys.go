package documents

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/smx509"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/db"
)

// An agency signs the SM3 digest of each document it issues with its SM2 key (GB/T 32918, with
// the default signer id of GB/T 35276). The operator sets the key (`zhifa documents key`); the
// private key is kept sealed with the platform's master key and never leaves the server.

// KeyInfo is an agency's signing key as the console and the public page show it.
type KeyInfo struct {
	OrgID     string `db:"org_id" json:"orgId"`
	KeyID     string `db:"key_id" json:"keyId"`
	PublicKey string `db:"public_key" json:"publicKey"` // PEM, SubjectPublicKeyInfo
	CreatedAt string `db:"created_at" json:"createdAt"`
}

type keyRow struct {
	KeyInfo
	Private   string `db:"private_key"`
	CreatedBy string `db:"created_by"`
}

// fingerprint is the SM3 digest of a public key's DER, in hex: the key's id.
func fingerprint(der []byte) string {
	h := sm3.Sum(der)
	return hex.EncodeToString(h[:])
}

// SetKey sets an agency's signing key from a PKCS#8 PEM private key, or generates one when pemKey
// is empty. It replaces an earlier key; documents already issued keep the key id they were
// signed with, and their public key stays readable through the document.
func (s *Service) SetKey(ctx context.Context, p *access.Principal, orgID string, pemKey []byte) (KeyInfo, error) {
	var priv *sm2.PrivateKey
	if len(pemKey) == 0 {
		k, err := sm2.GenerateKey(rand.Reader)
		if err != nil {
			return KeyInfo{}, err
		}
		priv = k
	} else {
		b, _ := pem.Decode(pemKey)
		if b == nil {
			return KeyInfo{}, apperr.Invalid("DOCUMENT_KEY_INVALID", "签名密钥应为PEM格式的SM2私钥（PKCS#8）")
		}
		k, err := smx509.ParsePKCS8PrivateKey(b.Bytes)
		if err != nil {
			return KeyInfo{}, apperr.Invalid("DOCUMENT_KEY_INVALID", "签名密钥应为PEM格式的SM2私钥（PKCS#8）")
		}
		sk, ok := k.(*sm2.PrivateKey)
		if !ok {
			return KeyInfo{}, apperr.Invalid("DOCUMENT_KEY_INVALID", "签名密钥不是SM2密钥")
		}
		priv = sk
	}
	privDER, err := smx509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return KeyInfo{}, err
	}
	pubDER, err := smx509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		return KeyInfo{}, err
	}
	info := KeyInfo{OrgID: orgID, KeyID: fingerprint(pubDER), PublicKey: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})),
		CreatedAt: s.Clock.Now().UTC().Format("2006-01-02T15:04:05Z")}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		var name string
		if err := db.Get(ctx, tx, &name, `SELECT name FROM organizations WHERE id = ?`, orgID); err != nil {
			if db.IsNoRows(err) {
				return apperr.NotFound("机构")
			}
			return err
		}
		if _, err := db.Exec(ctx, tx, `INSERT INTO document_keys (org_id, key_id, public_key, private_key, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET key_id = excluded.key_id, public_key = excluded.public_key,
			private_key = excluded.private_key, created_by = excluded.created_by, created_at = excluded.created_at`,
			orgID, info.KeyID, info.PublicKey, s.Box.Seal(base64.StdEncoding.EncodeToString(privDER)), p.AccountID, info.CreatedAt); err != nil {
			return err
		}
		// the key ids of replaced keys stay known, so that older documents still verify
		if _, err := db.Exec(ctx, tx, `INSERT INTO document_public_keys (key_id, org_id, public_key, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (key_id) DO NOTHING`, info.KeyID, orgID, info.PublicKey, info.CreatedAt); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: entityKey, EntityID: orgID, EntityName: name,
			Summary: "设置 " + name + " 的文书签名密钥（SM2，指纹 " + info.KeyID[:16] + "…）", Detail: map[string]any{"keyId": info.KeyID}})
	})
	if err != nil {
		return KeyInfo{}, err
	}
	return info, nil
}

// signer loads an agency's private key.
func (s *Service) signer(ctx context.Context, c db.Conn, orgID, orgName string) (*sm2.PrivateKey, string, error) {
	var r keyRow
	if err := db.Get(ctx, c, &r, `SELECT org_id, key_id, public_key, created_at, private_key, created_by FROM document_keys WHERE org_id = ?`, orgID); err != nil {
		if db.IsNoRows(err) {
			return nil, "", apperr.Conflict("DOCUMENT_NO_SIGNING_KEY", orgName+"尚未设置文书签名密钥，不能出具文书；请运维人员用 zhifa documents key 设置该机关的SM2密钥")
		}
		return nil, "", err
	}
	raw, err := s.Box.Open(r.Private)
	if err != nil {
		return nil, "", err
	}
	der, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		return nil, "", err
	}
	k, err := smx509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, "", err
	}
	sk, ok := k.(*sm2.PrivateKey)
	if !ok {
		return nil, "", errors.New("stored signing key is not SM2")
	}
	return sk, r.KeyID, nil
}

// sign signs a document's SM3 digest (hex) with the agency's key: SM2 with the default signer id.
func sign(k *sm2.PrivateKey, digestHex string) (string, error) {
	sig, err := sm2.SignASN1(rand.Reader, k, []byte(digestHex), sm2.NewSM2SignerOption(true, nil))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}

// verifySignature checks a document's signature with the public key its id names.
func verifySignature(publicPEM, digestHex, sigB64 string) error {
	b, _ := pem.Decode([]byte(publicPEM))
	if b == nil {
		return errors.New("public key not PEM")
	}
	k, err := smx509.ParsePKIXPublicKey(b.Bytes)
	if err != nil {
		return err
	}
	pub, ok := k.(*ecdsa.PublicKey)
	if !ok || !sm2.IsSM2PublicKey(pub) {
		return errors.New("public key not SM2")
	}
	sig, err := base64.StdEncoding.DecodeString(sigB64)
	if err != nil {
		return err
	}
	if !sm2.VerifyASN1WithSM2(pub, nil, []byte(digestHex), sig) {
		return fmt.Errorf("signature does not verify")
	}
	return nil
}
