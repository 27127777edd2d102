-- +goose Up
-- The last serial of each county's day of event numbers (SJ + county + date), taken in a statement
-- of its own so that concurrent reports never draw the same number and never wait on each other's
-- transactions.
CREATE TABLE event_counters (
    prefix TEXT PRIMARY KEY,
    last   INTEGER NOT NULL
);
INSERT INTO event_counters (prefix, last)
SELECT substr(no, 1, 16), MAX(CAST(substr(no, 17) AS INTEGER)) FROM events WHERE no LIKE 'SJ%' AND length(no) = 20 GROUP BY substr(no, 1, 16);

-- +goose Down
DROP TABLE event_counters;
