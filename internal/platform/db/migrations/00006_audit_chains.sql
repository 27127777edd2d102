-- +goose Up
-- Audit log: one keyed chain per county-level jurisdiction instead of one unkeyed chain.
-- Entries are keyed by (chain, seq): chain is the county's 6 digits (or a shorter significant
-- prefix for city and province entries, '' for system-wide ones) and seq the position in that
-- chain. mac = HMAC-SM3 over the previous entry's mac and the entry; body_mac the same without the
-- previous mac (it tells an altered entry from a moved one). Each chain has its own head row in
-- audit_heads, so appends in different counties do not wait for each other.
--
-- The rows of the old single chain are kept as they were, under chain 'legacy' with their old
-- SHA-256 hashes in prev_mac/mac and the old head in audit_heads. The MAC key lives outside the
-- database, so SQL cannot re-chain them: at start-up the platform checks the old chain with the old
-- algorithm and then re-chains every entry into its jurisdiction's keyed chain in one transaction
-- (internal/audit, Upgrade).
CREATE TABLE audit_entries (
    chain       TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    at          TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    ip          TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    entity_name TEXT NOT NULL,
    region_code TEXT NOT NULL,
    summary     TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_mac    TEXT NOT NULL,
    mac         TEXT NOT NULL,
    body_mac    TEXT NOT NULL,
    PRIMARY KEY (chain, seq)
);
INSERT INTO audit_entries (chain, seq, at, actor_id, actor_name, ip, action, entity, entity_id, entity_name,
    region_code, summary, detail, prev_mac, mac, body_mac)
SELECT 'legacy', seq, at, actor_id, actor_name, ip, action, entity, entity_id, '',
    region_code, summary, detail, prev_hash, hash, ''
FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_entries RENAME TO audit_log;
-- The listing is newest first by (at, chain, seq).
CREATE INDEX audit_log_at ON audit_log (at, chain, seq);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);

CREATE TABLE audit_heads (
    chain TEXT PRIMARY KEY,
    seq   BIGINT NOT NULL,
    mac   TEXT NOT NULL
);
INSERT INTO audit_heads (chain, seq, mac) SELECT 'legacy', seq, hash FROM audit_head WHERE seq > 0;
DROP TABLE audit_head;

-- +goose Down
-- Back to one chain numbered by time. The old SHA-256 hashes cannot be recomputed here, so the
-- log keeps the MACs in hash/prev_hash and the old `zhifa audit verify` will report it broken.
CREATE TABLE audit_single (
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
INSERT INTO audit_single (seq, at, actor_id, actor_name, ip, action, entity, entity_id, region_code, summary, detail, prev_hash, hash)
SELECT ROW_NUMBER() OVER (ORDER BY at, chain, seq), at, actor_id, actor_name, ip, action, entity, entity_id, region_code,
    summary, detail, prev_mac, mac
FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_single RENAME TO audit_log;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
SELECT 1, COUNT(*), COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '') FROM audit_log;
DROP TABLE audit_heads;
