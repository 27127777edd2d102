-- +goose Up
-- Evidence uploads in pieces (断点续传): a file announced with its size and description, received
-- piece by piece into a temporary file, and registered as evidence when complete. A dropped
-- connection resumes from what was received.
CREATE TABLE case_evidence_uploads (
    id         TEXT PRIMARY KEY,
    case_id    TEXT NOT NULL REFERENCES cases(id),
    account_id TEXT NOT NULL,
    meta       TEXT NOT NULL,
    size       BIGINT NOT NULL,
    received   BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX case_evidence_uploads_case ON case_evidence_uploads (case_id);

-- +goose Down
DROP TABLE case_evidence_uploads;
