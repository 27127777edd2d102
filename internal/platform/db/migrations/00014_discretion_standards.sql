-- +goose Up
-- Discretion benchmarks that hold real local standards. A benchmark may state a precondition of
-- the violation (an order to correct that was not obeyed), asked once before any tier, kept as JSON
-- ('null' when none); the warnings its jurisdiction's splitting checks gave when it was last
-- validated are kept with it as JSON. Rules (tiers) gain a label, party types and structured
-- measures, and look-back windows become calendar periods: content stored before reads as it meant
-- (plain-text measures keep their text, 365 days read as one year), so the JSON is not rewritten.
ALTER TABLE discretion_benchmarks ADD COLUMN precondition TEXT NOT NULL DEFAULT 'null';
ALTER TABLE discretion_benchmarks ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';

-- The splitting checks (midpoint, number of steps, percentages of a maximum-only fine, order) are
-- now each off, a warning or an error per jurisdiction; the national default no longer requires
-- the midpoint (国办发〔2022〕27号 sets none). A jurisdiction that had set its own splitting rules
-- had every check enforced as an error, and keeps them so until it changes them.
UPDATE settings
SET value = '{"midpoint":"error","minStepsCheck":"error","maxOnlyCheck":"error","orderCheck":"error",' || substr(value, 2)
WHERE kind = 'discretion.tiers' AND value LIKE '{"%' AND value NOT LIKE '%"midpoint"%';

-- +goose Down
ALTER TABLE discretion_benchmarks DROP COLUMN warnings;
ALTER TABLE discretion_benchmarks DROP COLUMN precondition;
