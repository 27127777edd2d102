-- +goose Up
-- One lifecycle for versioned records (internal/platform/lifecycle): catalogue item versions and
-- discretion benchmarks share the vocabulary version, status, effective_from/effective_to
-- ([from, to), '' open), doc_no (文号) with an optional doc_title, revision (incremented by every
-- change; a change writes only where the revision is still the one read), published_at,
-- repeal_reason and repeal_doc_no.

ALTER TABLE catalog_versions RENAME COLUMN seq TO version;
DROP INDEX catalog_versions_seq;
CREATE UNIQUE INDEX catalog_versions_version ON catalog_versions (item_id, version);
ALTER TABLE catalog_versions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE catalog_versions ADD COLUMN doc_title TEXT NOT NULL DEFAULT '';
ALTER TABLE catalog_versions ADD COLUMN repeal_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE catalog_versions ADD COLUMN repeal_doc_no TEXT NOT NULL DEFAULT '';

-- A catalogue repeal was a version of its own: status 'repealed', in force from the repeal date
-- (effective_from, effective_to ''), doc_no the repealing document, note the reason, while the
-- version it ended got effective_to = the repeal date. Now the ended version itself is repealed:
-- it keeps its window, and carries the reason and the repealing document.
UPDATE catalog_versions SET status = 'repealed',
    repeal_doc_no = (SELECT r.doc_no FROM catalog_versions r WHERE r.item_id = catalog_versions.item_id
        AND r.status = 'repealed' AND r.effective_to = '' AND r.effective_from = catalog_versions.effective_to),
    repeal_reason = (SELECT r.note FROM catalog_versions r WHERE r.item_id = catalog_versions.item_id
        AND r.status = 'repealed' AND r.effective_to = '' AND r.effective_from = catalog_versions.effective_to)
WHERE status = 'published' AND effective_to <> '' AND EXISTS (SELECT 1 FROM catalog_versions r
    WHERE r.item_id = catalog_versions.item_id AND r.status = 'repealed' AND r.effective_to = ''
    AND r.effective_from = catalog_versions.effective_to);
UPDATE catalog_items SET latest_version_id = (SELECT v.id FROM catalog_versions v WHERE v.item_id = catalog_items.id
    AND v.status = 'repealed' AND v.effective_to <> '' ORDER BY v.version DESC LIMIT 1)
WHERE status = 'repealed' AND EXISTS (SELECT 1 FROM catalog_versions v WHERE v.item_id = catalog_items.id
    AND v.status = 'repealed' AND v.effective_to <> '');
DELETE FROM catalog_versions WHERE status = 'repealed' AND effective_to = '';

-- A decision takes effect from a date, in the same words.
ALTER TABLE catalog_decisions RENAME COLUMN effective_date TO effective_from;

ALTER TABLE discretion_benchmarks RENAME COLUMN doc_number TO doc_no;
ALTER TABLE discretion_benchmarks ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE discretion_benchmarks ADD COLUMN doc_title TEXT NOT NULL DEFAULT '';
ALTER TABLE discretion_benchmarks ADD COLUMN repeal_doc_no TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE discretion_benchmarks DROP COLUMN repeal_doc_no;
ALTER TABLE discretion_benchmarks DROP COLUMN doc_title;
ALTER TABLE discretion_benchmarks DROP COLUMN revision;
ALTER TABLE discretion_benchmarks RENAME COLUMN doc_no TO doc_number;

ALTER TABLE catalog_decisions RENAME COLUMN effective_from TO effective_date;

-- Repeals become versions of their own again, numbered after the repealed version.
INSERT INTO catalog_versions (id, item_id, region_code, version, status, effective_from, effective_to, doc_no, name,
    item_type, domain, category, level, owner_org_id, violated_basis, penalty_basis, penalty_kinds, fine_min_fen,
    fine_max_fen, multiple_min, multiple_max, multiple_base, supervise_duties, enforce_duties, note, search_text,
    created_at, created_by, published_at)
SELECT id || '-repeal', item_id, region_code, version + 1, 'repealed', effective_to, '', repeal_doc_no, name,
    item_type, domain, category, level, owner_org_id, violated_basis, penalty_basis, penalty_kinds, fine_min_fen,
    fine_max_fen, multiple_min, multiple_max, multiple_base, supervise_duties, enforce_duties, repeal_reason, search_text,
    created_at, created_by, published_at
FROM catalog_versions WHERE status = 'repealed';
UPDATE catalog_items SET latest_version_id = latest_version_id || '-repeal'
WHERE status = 'repealed' AND EXISTS (SELECT 1 FROM catalog_versions v WHERE v.id = catalog_items.latest_version_id || '-repeal');
UPDATE catalog_versions SET status = 'published' WHERE status = 'repealed' AND effective_to <> '';

ALTER TABLE catalog_versions DROP COLUMN repeal_doc_no;
ALTER TABLE catalog_versions DROP COLUMN repeal_reason;
ALTER TABLE catalog_versions DROP COLUMN doc_title;
ALTER TABLE catalog_versions DROP COLUMN revision;
DROP INDEX catalog_versions_version;
ALTER TABLE catalog_versions RENAME COLUMN version TO seq;
CREATE UNIQUE INDEX catalog_versions_seq ON catalog_versions (item_id, seq);
