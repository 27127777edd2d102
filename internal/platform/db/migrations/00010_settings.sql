-- +goose Up
-- Settings per jurisdiction (辖区配置), one table for every kind (internal/platform/settings): a
-- region's own value of a kind, as JSON; the nearest ancestor's value applies, else the kind's
-- national default, which lives in code. basis is the document that sets the value (依据).
CREATE TABLE settings (
    kind            TEXT NOT NULL,
    region_code     TEXT NOT NULL,
    value           TEXT NOT NULL,
    basis           TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    updated_by_name TEXT NOT NULL,
    PRIMARY KEY (kind, region_code)
);

-- Every change of a region's own value, append-only: set (value_before NULL when the region had
-- none of its own), clear (value_after NULL; reason says why) and migrate (carried over below).
CREATE TABLE setting_changes (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    region_code     TEXT NOT NULL,
    action          TEXT NOT NULL,
    value_before    TEXT,
    value_after     TEXT,
    basis_before    TEXT NOT NULL,
    basis           TEXT NOT NULL,
    reason          TEXT NOT NULL,
    changed_at      TEXT NOT NULL,
    changed_by      TEXT NOT NULL,
    changed_by_name TEXT NOT NULL
);
CREATE INDEX setting_changes_region ON setting_changes (kind, region_code, changed_at);

-- The reform thresholds and the discretion splitting rules move into settings, each row with a
-- history line saying where it came from. The JSON is written field by field, as the Go types
-- reform.Thresholds and discretion.Splitting encode it.
INSERT INTO settings (kind, region_code, value, basis, updated_at, updated_by, updated_by_name)
SELECT 'reform.thresholds', region_code,
    '{"frontlineMinPct":' || frontline_min_pct || ',"keyTownshipMin":' || key_township_min ||
    ',"ordinaryTownshipMin":' || ordinary_township_min || ',"sunkMinPct":' || sunk_min_pct || '}',
    basis, updated_at, 'system', '系统'
FROM reform_rules;

INSERT INTO settings (kind, region_code, value, basis, updated_at, updated_by, updated_by_name)
SELECT 'discretion.tiers', region_code,
    '{"minSteps":' || min_steps || ',"rangeLowPct":' || range_low_pct || ',"rangeHighPct":' || range_high_pct ||
    ',"lighterMaxPct":' || lighter_max_pct || ',"generalMinPct":' || general_min_pct ||
    ',"generalMaxPct":' || general_max_pct || '}',
    basis, updated_at, 'system', '系统'
FROM discretion_rules;

INSERT INTO setting_changes (id, kind, region_code, action, value_before, value_after, basis_before, basis, reason,
    changed_at, changed_by, changed_by_name)
SELECT 'migrated:' || kind || ':' || region_code, kind, region_code, 'migrate', NULL, value, '', basis,
    '由原辖区配置表迁入（原设置时间 ' || updated_at || '）', updated_at, 'system', '系统'
FROM settings;

DROP TABLE reform_rules;
DROP TABLE discretion_rules;

-- +goose Down
-- The old tables come back empty: SQL that both engines accept cannot read the JSON values back
-- into columns, so after a downgrade every jurisdiction uses the national defaults until it sets
-- its thresholds and splitting rules again.
CREATE TABLE reform_rules (
    region_code           TEXT PRIMARY KEY,
    frontline_min_pct     INTEGER NOT NULL,
    key_township_min      INTEGER NOT NULL,
    ordinary_township_min INTEGER NOT NULL,
    sunk_min_pct          INTEGER NOT NULL,
    basis                 TEXT NOT NULL DEFAULT '',
    updated_at            TEXT NOT NULL
);
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
DROP TABLE setting_changes;
DROP TABLE settings;
