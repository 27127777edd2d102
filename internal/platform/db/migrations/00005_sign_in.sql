-- +goose Up
-- Sign-in hardening: lock-out counted per user name (existing or not) with one atomic update;
-- recent password hashes to refuse reuse; privileged account changes held for a second
-- administrator's approval (三员分立, dual control).

-- One row per user name that has failed to sign in, whether or not an account has that name, so
-- that an unknown name answers exactly as a known one does. failures counts attempts reserved
-- before the password is checked; a successful sign-in removes the row.
CREATE TABLE login_throttle (
    username     TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL
);
CREATE INDEX login_throttle_updated ON login_throttle (updated_at);

INSERT INTO login_throttle (username, failures, locked_until, updated_at)
SELECT username, failed_logins, locked_until, updated_at FROM accounts
WHERE failed_logins > 0 OR locked_until <> '';

ALTER TABLE accounts DROP COLUMN failed_logins;
ALTER TABLE accounts DROP COLUMN locked_until;

-- The hashes of an account's recent passwords (the current one included).
CREATE TABLE password_history (
    account_id TEXT NOT NULL REFERENCES accounts(id),
    hash       TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX password_history_account ON password_history (account_id, changed_at);

INSERT INTO password_history (account_id, hash, changed_at)
SELECT id, password_hash, password_changed_at FROM accounts;

-- A change to an administrator account (系统管理员、安全管理员、安全审计员) asked by one
-- administrator and carried out only when another approves it.
CREATE TABLE account_requests (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,             -- create, update, reset_password
    account_id      TEXT NOT NULL DEFAULT '',  -- the account changed; for create, set on approval
    username        TEXT NOT NULL,
    region_code     TEXT NOT NULL,
    payload         TEXT NOT NULL,             -- the requested change as JSON, never a password
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL,             -- pending, approved, rejected
    requested_by    TEXT NOT NULL REFERENCES accounts(id),
    requested_at    TEXT NOT NULL,
    decided_by      TEXT NOT NULL DEFAULT '',
    decided_at      TEXT NOT NULL DEFAULT '',
    decision_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX account_requests_status ON account_requests (status, region_code);

-- +goose Down
DROP TABLE account_requests;
DROP TABLE password_history;
ALTER TABLE accounts ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN locked_until TEXT NOT NULL DEFAULT '';
DROP TABLE login_throttle;
