-- +goose Up
-- The working-day calendar: the years an administrator imported from the State Council's yearly
-- notice (国务院办公厅关于…部分节假日安排的通知). The years the product carries need no row; an
-- imported year replaces the product's arrangement of the same year. days is the JSON list of the
-- days the notice names: [{"date":"2027-01-01","off":true,"name":"元旦"}, …].
CREATE TABLE calendar_years (
    year        INTEGER PRIMARY KEY,
    doc_no      TEXT NOT NULL,
    days        TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);

-- +goose Down
DROP TABLE calendar_years;
