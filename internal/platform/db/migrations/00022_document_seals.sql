-- +goose Up
-- The seal image of each agency that issues documents, printed over the 落款 of its documents;
-- the image itself is kept in the store by its SM3 digest.
CREATE TABLE document_seals (
    org_id      TEXT PRIMARY KEY REFERENCES organizations(id),
    sm3         TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE document_seals;
