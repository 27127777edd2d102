-- +goose Up
-- Discretion benchmarks (裁量基准): one row per version of a jurisdiction's benchmark for one
-- catalogue item. Versions of the same (region_code, item_id) form a series; at most one of them
-- is a draft. effective_from/effective_to are YYYY-MM-DD dates ('' when not set): publishing a
-- new version closes the previous one at the new effective date; repealing closes the version.
-- Tiers, provisions and the no-penalty list are one value validated and versioned together, so
-- they are kept as JSON text; statute is the statutory penalty (from the catalogue) the version
-- was last validated against. item_id names the catalogue item without a foreign key: the
-- catalogue is reached through its service, never its tables. Amounts inside the JSON are fen.
CREATE TABLE discretion_benchmarks (
    id             TEXT PRIMARY KEY,
    region_code    TEXT NOT NULL,
    item_id        TEXT NOT NULL,
    item_code      TEXT NOT NULL DEFAULT '',
    item_name      TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL,
    status         TEXT NOT NULL,
    title          TEXT NOT NULL,
    doc_number     TEXT NOT NULL DEFAULT '',
    effective_from TEXT NOT NULL DEFAULT '',
    effective_to   TEXT NOT NULL DEFAULT '',
    statute        TEXT NOT NULL DEFAULT '{}',
    provisions     TEXT NOT NULL DEFAULT '[]',
    tiers          TEXT NOT NULL DEFAULT '[]',
    no_penalty     TEXT NOT NULL DEFAULT '[]',
    note           TEXT NOT NULL DEFAULT '',
    repeal_reason  TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    published_at   TEXT NOT NULL DEFAULT ''
);
-- At most one draft per series: the service checks it in the transaction that adds a version, and
-- two concurrent additions would take the same version number, which this index refuses. (A partial
-- unique index "WHERE status = 'draft'" would say it directly, but SQLite's planner fails on it
-- together with the OR of the jurisdiction filter: "internal query planner error".)
CREATE UNIQUE INDEX discretion_benchmarks_version ON discretion_benchmarks (region_code, item_id, version);
-- Evaluation: the versions of an item in force on a date in a region and its ancestors.
CREATE INDEX discretion_benchmarks_item ON discretion_benchmarks (item_id, region_code, effective_from);
CREATE INDEX discretion_benchmarks_region ON discretion_benchmarks (region_code, item_code);

-- Splitting rules per jurisdiction; the nearest ancestor's row applies, else the national default.
CREATE TABLE discretion_rules (
    region_code     TEXT PRIMARY KEY,
    min_steps       INTEGER NOT NULL,
    range_low_pct   INTEGER NOT NULL,
    range_high_pct  INTEGER NOT NULL,
    lighter_max_pct INTEGER NOT NULL,
    general_min_pct INTEGER NOT NULL,
    general_max_pct INTEGER NOT NULL,
    basis           TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL
);

-- +goose Down
DROP TABLE discretion_rules;
DROP TABLE discretion_benchmarks;
