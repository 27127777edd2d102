-- +goose Up
-- Enforcement catalogue (权责清单): items and their versions over time, the government decisions
-- that transfer (划转) items to the comprehensive bureau or delegate (下放) them to township
-- offices, and the assignments those decisions make or revoke (收回). Nothing is ever deleted:
-- a change is a new version or a new assignment, and an ending is a date set on the old one.
-- Same conventions as 00001: text ids, YYYY-MM-DD dates ('' in an end date means open),
-- fixed-width UTC text timestamps, money in integer fen, region_code on every jurisdictional table.

-- Enforcement domains (执法领域): the platform's one list, against which catalogue items,
-- organisations and enforcement certificates are checked; the national list is seeded here and a
-- jurisdiction may add its own.
CREATE TABLE catalog_domains (
    name        TEXT PRIMARY KEY,
    sort_order  INTEGER NOT NULL,
    region_code TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
INSERT INTO catalog_domains (name, sort_order, region_code, created_at) VALUES
    ('城市管理', 1, '', '2026-01-01T00:00:00.000Z'),
    ('市场监管', 2, '', '2026-01-01T00:00:00.000Z'),
    ('生态环境', 3, '', '2026-01-01T00:00:00.000Z'),
    ('文化市场', 4, '', '2026-01-01T00:00:00.000Z'),
    ('交通运输', 5, '', '2026-01-01T00:00:00.000Z'),
    ('农业农村', 6, '', '2026-01-01T00:00:00.000Z'),
    ('自然资源', 7, '', '2026-01-01T00:00:00.000Z'),
    ('住房城乡建设', 8, '', '2026-01-01T00:00:00.000Z'),
    ('水利', 9, '', '2026-01-01T00:00:00.000Z'),
    ('卫生健康', 10, '', '2026-01-01T00:00:00.000Z'),
    ('人力社保', 11, '', '2026-01-01T00:00:00.000Z'),
    ('应急管理', 12, '', '2026-01-01T00:00:00.000Z'),
    ('教育', 13, '', '2026-01-01T00:00:00.000Z'),
    ('商务', 14, '', '2026-01-01T00:00:00.000Z'),
    ('文化旅游', 15, '', '2026-01-01T00:00:00.000Z'),
    ('综合', 16, '', '2026-01-01T00:00:00.000Z');

-- An item is the stable identity (code within its catalogue's jurisdiction); status, the latest
-- version and whether a draft is pending are kept in step with the versions in the same transaction.
CREATE TABLE catalog_items (
    id                TEXT PRIMARY KEY,
    region_code       TEXT NOT NULL,
    code              TEXT NOT NULL,
    status            TEXT NOT NULL,
    latest_version_id TEXT NOT NULL,
    pending_draft     BOOLEAN NOT NULL DEFAULT FALSE,
    first_effective   TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX catalog_items_code ON catalog_items (region_code, code);
CREATE INDEX catalog_items_status ON catalog_items (region_code, status);

-- A version is in force on D when it is published and effective_from <= D < effective_to.
CREATE TABLE catalog_versions (
    id               TEXT PRIMARY KEY,
    item_id          TEXT NOT NULL REFERENCES catalog_items(id),
    region_code      TEXT NOT NULL,
    seq              INTEGER NOT NULL,
    status           TEXT NOT NULL,
    effective_from   TEXT NOT NULL DEFAULT '',
    effective_to     TEXT NOT NULL DEFAULT '',
    doc_no           TEXT NOT NULL DEFAULT '',
    name             TEXT NOT NULL,
    item_type        TEXT NOT NULL,
    domain           TEXT NOT NULL,
    category         TEXT NOT NULL,
    level            TEXT NOT NULL,
    owner_org_id     TEXT NOT NULL REFERENCES organizations(id),
    violated_basis   TEXT NOT NULL DEFAULT '[]',
    penalty_basis    TEXT NOT NULL DEFAULT '[]',
    penalty_kinds    TEXT NOT NULL DEFAULT '[]',
    fine_min_fen     BIGINT,
    fine_max_fen     BIGINT,
    multiple_min     INTEGER,
    multiple_max     INTEGER,
    multiple_base    TEXT NOT NULL DEFAULT '',
    supervise_duties TEXT NOT NULL DEFAULT '[]',
    enforce_duties   TEXT NOT NULL DEFAULT '[]',
    note             TEXT NOT NULL DEFAULT '',
    search_text      TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    published_at     TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX catalog_versions_seq ON catalog_versions (item_id, seq);
-- Leading with item_id: "the version of this item in force on D" is always asked per item (joins
-- from catalog_items, decisions' item lists), and any other leading column makes the nested loop
-- of a join scan every version for every item.
CREATE INDEX catalog_versions_force ON catalog_versions (item_id, status, effective_from);
CREATE INDEX catalog_versions_owner ON catalog_versions (owner_org_id, status);

-- A decision (决定) of the government, by its document number (文号), unique in its jurisdiction.
CREATE TABLE catalog_decisions (
    id             TEXT PRIMARY KEY,
    region_code    TEXT NOT NULL,
    doc_no         TEXT NOT NULL,
    title          TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
);
CREATE UNIQUE INDEX catalog_decisions_doc ON catalog_decisions (region_code, doc_no);
CREATE INDEX catalog_decisions_date ON catalog_decisions (region_code, effective_date);

-- An assignment gives an item to a body from a date: kind 'transfer' (划转, to the bureau) or
-- 'delegate' (下放, to a township office, for the territory place_code). A revocation sets
-- effective_to and revoked_by (the revoking decision); the row stays.
CREATE TABLE catalog_assignments (
    id             TEXT PRIMARY KEY,
    region_code    TEXT NOT NULL,
    item_id        TEXT NOT NULL REFERENCES catalog_items(id),
    decision_id    TEXT NOT NULL REFERENCES catalog_decisions(id),
    kind           TEXT NOT NULL,
    from_org_id    TEXT NOT NULL,
    target_org_id  TEXT NOT NULL REFERENCES organizations(id),
    place_code     TEXT NOT NULL,
    partial        BOOLEAN NOT NULL DEFAULT FALSE,
    part_note      TEXT NOT NULL DEFAULT '',
    effective_from TEXT NOT NULL,
    effective_to   TEXT NOT NULL DEFAULT '',
    revoked_by     TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
CREATE INDEX catalog_assignments_item ON catalog_assignments (item_id, effective_from);
CREATE INDEX catalog_assignments_target ON catalog_assignments (target_org_id, effective_from);
CREATE INDEX catalog_assignments_decision ON catalog_assignments (decision_id);
CREATE INDEX catalog_assignments_revoked ON catalog_assignments (revoked_by);

-- The generation counter: every catalogue change bumps it in its own transaction, so that each
-- process's in-memory resolver can tell that another process changed the catalogue.
CREATE TABLE catalog_generation (
    id  INTEGER PRIMARY KEY,
    gen BIGINT NOT NULL
);
INSERT INTO catalog_generation (id, gen) VALUES (1, 0);

-- +goose Down
DROP TABLE catalog_generation;
DROP TABLE catalog_assignments;
DROP TABLE catalog_decisions;
DROP TABLE catalog_versions;
DROP TABLE catalog_items;
DROP TABLE catalog_domains;
