-- +goose Up
-- The full-process record of a case (全过程记录): every step is sealed into one chain per case
-- (mac: HMAC-SM3 over the previous step's mac and the step's content, keyed outside the database),
-- the chain's head and length kept in case_chains so that a cut tail shows; evidence files
-- (photos, audio, video, documents, body-camera footage) are stored by their SM3 digest on disk
-- and registered here, each registration and withdrawal being a step of the chain. Evidence is
-- never deleted, only withdrawn with a reason.
ALTER TABLE case_steps ADD COLUMN mac TEXT NOT NULL DEFAULT '';

CREATE TABLE case_chains (
    case_id TEXT PRIMARY KEY REFERENCES cases(id),
    seq     INTEGER NOT NULL,
    head    TEXT NOT NULL
);

CREATE TABLE case_evidence (
    id               TEXT PRIMARY KEY,
    case_id          TEXT NOT NULL REFERENCES cases(id),
    step_id          TEXT NOT NULL,
    kind             TEXT NOT NULL,
    name             TEXT NOT NULL,
    mime             TEXT NOT NULL,
    size             BIGINT NOT NULL,
    sm3              TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    taken_at         TEXT NOT NULL,
    recorded_by      TEXT NOT NULL,
    recorded_by_name TEXT NOT NULL,
    lat              DOUBLE PRECISION,
    lng              DOUBLE PRECISION,
    crs              TEXT NOT NULL DEFAULT '',
    accuracy_m       DOUBLE PRECISION,
    device           TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    uploaded_by      TEXT NOT NULL,
    uploaded_by_name TEXT NOT NULL,
    uploaded_at      TEXT NOT NULL,
    withdrawn_at     TEXT NOT NULL DEFAULT '',
    withdrawn_by     TEXT NOT NULL DEFAULT '',
    withdraw_reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_evidence_case ON case_evidence (case_id, uploaded_at);

-- +goose Down
DROP TABLE case_evidence;
DROP TABLE case_chains;
ALTER TABLE case_steps DROP COLUMN mac;
