-- +goose Up
-- Foundation: regions, organisations, people, certificates, accounts, sessions, audit, reform rules.
-- Portable SQL for SQLite and PostgreSQL: ids are text (UUIDv7), timestamps are fixed-width UTC
-- text (2006-01-02T15:04:05.000Z), dates are YYYY-MM-DD text, money will be integer fen.
-- Every table holding jurisdictional data carries region_code, the 12-digit code of the owning
-- region, so that a deployment can shard or partition by jurisdiction.

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       INTEGER NOT NULL,
    parent_code TEXT REFERENCES regions(code),
    created_at  TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions (parent_code, code);
CREATE INDEX regions_name ON regions (name);

CREATE TABLE organizations (
    id                TEXT PRIMARY KEY,
    region_code       TEXT NOT NULL REFERENCES regions(code),
    parent_id         TEXT REFERENCES organizations(id),
    name              TEXT NOT NULL,
    short_name        TEXT NOT NULL DEFAULT '',
    kind              TEXT NOT NULL,
    domains           TEXT NOT NULL DEFAULT '[]',
    township_class    TEXT NOT NULL DEFAULT '',
    quota_admin       INTEGER NOT NULL DEFAULT 0,
    quota_civil       INTEGER NOT NULL DEFAULT 0,
    quota_institution INTEGER NOT NULL DEFAULT 0,
    sort_order        INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX organizations_region_name ON organizations (region_code, name);
CREATE INDEX organizations_parent ON organizations (parent_id);
CREATE INDEX organizations_kind ON organizations (kind, region_code);

CREATE TABLE people (
    id               TEXT PRIMARY KEY,
    region_code      TEXT NOT NULL,
    name             TEXT NOT NULL,
    gender           TEXT NOT NULL,
    birth_date       TEXT NOT NULL,
    id_number_sealed TEXT NOT NULL,
    id_number_index  TEXT NOT NULL UNIQUE,
    id_number_masked TEXT NOT NULL,
    phone            TEXT NOT NULL DEFAULT '',
    post_org_id      TEXT NOT NULL REFERENCES organizations(id),
    work_org_id      TEXT NOT NULL REFERENCES organizations(id),
    post_type        TEXT NOT NULL,
    position         TEXT NOT NULL DEFAULT '',
    frontline        BOOLEAN NOT NULL DEFAULT FALSE,
    cert_valid_to    TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX people_region ON people (region_code, name);
CREATE INDEX people_work_org ON people (work_org_id);
CREATE INDEX people_post_org ON people (post_org_id);

CREATE TABLE certificates (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES people(id),
    region_code TEXT NOT NULL,
    number      TEXT NOT NULL UNIQUE,
    domains     TEXT NOT NULL DEFAULT '[]',
    issuer      TEXT NOT NULL DEFAULT '',
    valid_from  TEXT NOT NULL,
    valid_to    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX certificates_person ON certificates (person_id, valid_to);

CREATE TABLE accounts (
    id                   TEXT PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    org_id               TEXT NOT NULL REFERENCES organizations(id),
    region_code          TEXT NOT NULL,
    roles                TEXT NOT NULL DEFAULT '[]',
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         TEXT NOT NULL DEFAULT '',
    password_changed_at  TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    disabled             BOOLEAN NOT NULL DEFAULT FALSE,
    last_login_at        TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX accounts_region ON accounts (region_code);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts(id),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account ON sessions (account_id);

-- The audit log is append-only and chained: hash = SHA-256 over the previous hash and the entry.
-- audit_head holds the last sequence number and hash; updating it serialises appends on both engines.
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    ip          TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    region_code TEXT NOT NULL,
    summary     TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- Reform-ratio thresholds per jurisdiction; the nearest ancestor's row applies, else the national default.
CREATE TABLE reform_rules (
    region_code           TEXT PRIMARY KEY,
    frontline_min_pct     INTEGER NOT NULL,
    key_township_min      INTEGER NOT NULL,
    ordinary_township_min INTEGER NOT NULL,
    sunk_min_pct          INTEGER NOT NULL,
    basis                 TEXT NOT NULL DEFAULT '',
    updated_at            TEXT NOT NULL
);

-- +goose Down
DROP TABLE reform_rules;
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE sessions;
DROP TABLE accounts;
DROP TABLE certificates;
DROP TABLE people;
DROP TABLE organizations;
DROP TABLE regions;
