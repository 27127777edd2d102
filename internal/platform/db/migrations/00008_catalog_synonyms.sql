-- +goose Up
-- Search synonyms (检索同义词) of the enforcement catalogue: a word people type (摆摊, 违建) and the
-- catalogue's own term it stands for (占道经营, 违法建设). A synonym belongs to a jurisdiction and
-- applies to the catalogues of that region and below ('' for every region). Both words are kept
-- normalised as search compares them (NFKC, lower case, no whitespace).
CREATE TABLE catalog_synonyms (
    id          TEXT PRIMARY KEY,
    region_code TEXT NOT NULL,
    term        TEXT NOT NULL,
    canonical   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE UNIQUE INDEX catalog_synonyms_pair ON catalog_synonyms (region_code, term, canonical);

-- +goose Down
DROP TABLE catalog_synonyms;
