-- +goose Up
-- Case handling (办案): leads, cases, their parties and officers, every step as an appended record,
-- and the gap-free document counters. A case's region_code is its handling organisation's region
-- (the jurisdiction that sees it); its procedural facts are the JSON state, changed only with a
-- step in the same transaction; the other columns are projections for lists and the workbench.
CREATE TABLE case_leads (
    id          TEXT PRIMARY KEY,
    region_code TEXT NOT NULL,
    org_id      TEXT NOT NULL REFERENCES organizations(id),
    source      TEXT NOT NULL,
    source_note TEXT NOT NULL DEFAULT '',
    received    TEXT NOT NULL,
    summary     TEXT NOT NULL,
    place_code  TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    item_id     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    due         TEXT NOT NULL,
    extended    BOOLEAN NOT NULL DEFAULT FALSE,
    outcome     TEXT NOT NULL DEFAULT '',
    decided     TEXT NOT NULL DEFAULT '',
    case_id     TEXT NOT NULL DEFAULT '',
    revision    INTEGER NOT NULL DEFAULT 1,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX case_leads_region ON case_leads (region_code, status, due);

CREATE TABLE cases (
    id             TEXT PRIMARY KEY,
    region_code    TEXT NOT NULL,
    org_id         TEXT NOT NULL REFERENCES organizations(id),
    subject_org_id TEXT NOT NULL,
    lead_id        TEXT NOT NULL DEFAULT '',
    procedure      TEXT NOT NULL,
    stage          TEXT NOT NULL,
    number         TEXT NOT NULL DEFAULT '',
    decision_no    TEXT NOT NULL DEFAULT '',
    title          TEXT NOT NULL,
    item_id        TEXT NOT NULL,
    item_code      TEXT NOT NULL,
    item_name      TEXT NOT NULL,
    act_date       TEXT NOT NULL,
    place_code     TEXT NOT NULL,
    address        TEXT NOT NULL DEFAULT '',
    parties        TEXT NOT NULL DEFAULT '',
    opened         TEXT NOT NULL,
    filed          TEXT NOT NULL DEFAULT '',
    decided        TEXT NOT NULL DEFAULT '',
    closed         TEXT NOT NULL DEFAULT '',
    fine_fen       BIGINT NOT NULL DEFAULT 0,
    outcome        TEXT NOT NULL DEFAULT '',  -- the decision's outcome in force: penalty, no_penalty, …; revoked
    next_due       TEXT NOT NULL DEFAULT '',
    next_due_label TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL,
    revision       INTEGER NOT NULL DEFAULT 1,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX cases_region_stage ON cases (region_code, stage);
-- The workbench: open cases by their next deadline, with what the jurisdiction and assignment
-- checks read, so that counting and ordering them reads this index alone.
CREATE INDEX cases_open_due ON cases (next_due, id, region_code, org_id, subject_org_id) WHERE closed = '';
CREATE INDEX cases_org ON cases (org_id, opened);

-- Parties: a natural person's ID number is sealed (encrypted) with a blind index for matching and
-- a masked form for display; party_key (P:<index> or C:<credit code>) finds a party's earlier
-- penalties for the discretion look-back and art. 29.
CREATE TABLE case_parties (
    id                 TEXT PRIMARY KEY,
    case_id            TEXT NOT NULL REFERENCES cases(id),
    seq                INTEGER NOT NULL,
    party_type         TEXT NOT NULL,
    name               TEXT NOT NULL,
    id_sealed          TEXT NOT NULL DEFAULT '',
    id_masked          TEXT NOT NULL DEFAULT '',
    credit_code        TEXT NOT NULL DEFAULT '',
    party_key          TEXT NOT NULL DEFAULT '',
    representative     TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    electronic_consent BOOLEAN NOT NULL DEFAULT FALSE,
    service_address    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_parties_case ON case_parties (case_id, seq);
CREATE INDEX case_parties_key ON case_parties (party_key);

CREATE TABLE case_officers (
    case_id   TEXT NOT NULL REFERENCES cases(id),
    person_id TEXT NOT NULL,
    name      TEXT NOT NULL,
    lead      BOOLEAN NOT NULL DEFAULT FALSE,
    from_date TEXT NOT NULL,
    to_date   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, person_id, from_date)
);
CREATE INDEX case_officers_person ON case_officers (person_id, to_date, case_id);

CREATE TABLE case_steps (
    id         TEXT PRIMARY KEY,
    case_id    TEXT NOT NULL REFERENCES cases(id),
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    at         TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    place      TEXT NOT NULL DEFAULT '',
    summary    TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL,
    UNIQUE (case_id, seq)
);

-- Document numbers: per issuing body, kind and year, from 1 without gaps (taken in the same
-- transaction as the document's step).
CREATE TABLE case_counters (
    org_id TEXT NOT NULL,
    kind   TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (org_id, kind, year)
);

-- +goose Down
DROP TABLE case_counters;
DROP TABLE case_steps;
DROP TABLE case_officers;
DROP TABLE case_parties;
DROP TABLE cases;
DROP TABLE case_leads;
