-- +goose Up
-- Publicity of enforcement decisions (行政执法公示): one row per decision to publish, opened in the
-- deciding step's transaction with its due day on the working-day calendar; published with the
-- masked content the portal shows; withdrawn with the reason when the decision is varied or revoked.
CREATE TABLE case_publications (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases(id),
    region_code  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    ref          TEXT NOT NULL,
    decision_no  TEXT NOT NULL,
    case_title   TEXT NOT NULL,
    decided      TEXT NOT NULL,
    due          TEXT NOT NULL,
    due_explain  TEXT NOT NULL,
    status       TEXT NOT NULL,
    content      TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    withdraw_due TEXT NOT NULL,
    withdrawn_at TEXT NOT NULL,
    reason       TEXT NOT NULL,
    UNIQUE (case_id, kind, ref)
);
CREATE INDEX case_publications_queue ON case_publications (region_code, status, due);
CREATE INDEX case_publications_public ON case_publications (status, published_at);

-- Decisions made before publicity was kept are opened now, due from their decision day; the
-- queue shows those past their limit as overdue.
INSERT INTO case_publications (id, case_id, region_code, kind, ref, decision_no, case_title, decided, due, due_explain, status,
    content, published_at, published_by, withdraw_due, withdrawn_at, reason)
SELECT 'pub-' || id, id, region_code, 'penalty', 'decision', decision_no, title, decided, decided,
    '本平台启用公示前作出的决定，请尽快公示或写明不予公开的依据', 'due', 'null', '', '', '', '', ''
FROM cases WHERE outcome = 'penalty' AND decision_no <> '' AND decided <> '';

-- +goose Down
DROP TABLE case_publications;
