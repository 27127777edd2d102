-- +goose Up
-- Catalogue items that hold real local standards.
--
-- 1. Fines per unit (按每处设施、每平方米、每日、每辆 … 计罚): the unit and the per-unit range; the
--    existing fine_min_fen / fine_max_fen are then the floor and cap of the total.
ALTER TABLE catalog_versions ADD COLUMN fine_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE catalog_versions ADD COLUMN unit_min_fen BIGINT;
ALTER TABLE catalog_versions ADD COLUMN unit_max_fen BIGINT;

-- 2. Delegation (行政处罚法 第二十四条) goes to the township people's government or the street
--    office (乡镇人民政府、街道办事处), which exercises the power in its own name; its comprehensive
--    enforcement office (综合行政执法办公室) is the working body. working_org_id names that office.
ALTER TABLE catalog_assignments ADD COLUMN working_org_id TEXT NOT NULL DEFAULT '';

-- Delegations recorded to an enforcement office move to the government of the office's township,
-- with the office as the working body. A township that has no government organisation yet gets
-- one, named after the region (张秋镇人民政府; 博济桥街道办事处 for a street, whose statistics code
-- runs 001–099), under the county's government when there is one. Its id has the UUID layout of
-- every id, the region code in its last group.
INSERT INTO organizations (id, region_code, parent_id, name, short_name, kind, domains, township_class,
    quota_admin, quota_civil, quota_institution, sort_order, created_at, updated_at)
SELECT '00000000-0000-7000-8000-' || r.code, r.code,
    (SELECT g.id FROM organizations g WHERE g.kind = 'government' AND g.region_code = substr(r.code, 1, 6) || '000000'
        ORDER BY g.id LIMIT 1),
    r.name || CASE WHEN substr(r.code, 7, 3) < '100' THEN '办事处' ELSE '人民政府' END, '', 'government', '[]', '',
    0, 0, 0, 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
FROM regions r
WHERE r.code IN (SELECT o.region_code FROM organizations o WHERE o.kind = 'township_office'
        AND o.id IN (SELECT a.target_org_id FROM catalog_assignments a WHERE a.kind = 'delegate'))
    AND NOT EXISTS (SELECT 1 FROM organizations g WHERE g.kind = 'government' AND g.region_code = r.code)
    AND NOT EXISTS (SELECT 1 FROM organizations n WHERE n.region_code = r.code
        AND n.name = r.name || CASE WHEN substr(r.code, 7, 3) < '100' THEN '办事处' ELSE '人民政府' END);

UPDATE catalog_assignments SET working_org_id = target_org_id,
    target_org_id = (SELECT g.id FROM organizations g WHERE g.kind = 'government' AND g.region_code =
        (SELECT o.region_code FROM organizations o WHERE o.id = catalog_assignments.target_org_id) ORDER BY g.id LIMIT 1)
WHERE kind = 'delegate'
    AND target_org_id IN (SELECT o.id FROM organizations o WHERE o.kind = 'township_office')
    AND EXISTS (SELECT 1 FROM organizations g WHERE g.kind = 'government' AND g.region_code =
        (SELECT o.region_code FROM organizations o WHERE o.id = catalog_assignments.target_org_id));

CREATE INDEX catalog_assignments_working ON catalog_assignments (working_org_id, effective_from);

-- Every process rebuilds its picture of the catalogue.
UPDATE catalog_generation SET gen = gen + 1 WHERE id = 1;

-- +goose Down
DROP INDEX catalog_assignments_working;
UPDATE catalog_assignments SET target_org_id = working_org_id WHERE kind = 'delegate' AND working_org_id <> '';
ALTER TABLE catalog_assignments DROP COLUMN working_org_id;
ALTER TABLE catalog_versions DROP COLUMN unit_max_fen;
ALTER TABLE catalog_versions DROP COLUMN unit_min_fen;
ALTER TABLE catalog_versions DROP COLUMN fine_unit;
UPDATE catalog_generation SET gen = gen + 1 WHERE id = 1;
