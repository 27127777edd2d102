-- +goose Up
-- Documents (文书): templates a jurisdiction adjusts, the agencies' SM2 signing keys, and every
-- document issued with its SM3 digest and signature. The PDF itself is kept in the evidence store
-- by its digest; the id is what the document's QR code carries to the public verification page.
CREATE TABLE document_templates (
    region_code TEXT NOT NULL,
    kind        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    cleared     BOOLEAN NOT NULL DEFAULT FALSE,
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (region_code, kind, version)
);

CREATE TABLE document_keys (
    org_id      TEXT PRIMARY KEY REFERENCES organizations(id),
    key_id      TEXT NOT NULL UNIQUE,
    public_key  TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Every public key an agency has signed with, by its SM3 fingerprint: a replaced key still
-- verifies the documents it signed.
CREATE TABLE document_public_keys (
    key_id     TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL,
    public_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE documents (
    id             TEXT PRIMARY KEY,
    case_id        TEXT NOT NULL REFERENCES cases(id),
    region_code    TEXT NOT NULL,
    issuer_org_id  TEXT NOT NULL,
    issuer         TEXT NOT NULL,
    kind           TEXT NOT NULL,
    title          TEXT NOT NULL,
    number         TEXT NOT NULL,
    ref            TEXT NOT NULL DEFAULT '',
    template       TEXT NOT NULL,
    sm3            TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    size           BIGINT NOT NULL,
    signature      TEXT NOT NULL,
    key_id         TEXT NOT NULL,
    facts          TEXT NOT NULL,
    pages          INTEGER NOT NULL,
    issued_at      TEXT NOT NULL,
    issued_by      TEXT NOT NULL,
    issued_by_name TEXT NOT NULL,
    served_at      TEXT NOT NULL DEFAULT '',
    served_to      TEXT NOT NULL DEFAULT '',
    served_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_case ON documents (case_id, issued_at);

-- +goose Down
DROP TABLE documents;
DROP TABLE document_public_keys;
DROP TABLE document_keys;
DROP TABLE document_templates;
