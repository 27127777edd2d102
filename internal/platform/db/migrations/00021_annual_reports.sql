-- +goose Up
-- Annual enforcement statistics as published (行政执法数据年度报告): one snapshot per jurisdiction
-- and year, so that the published figures do not move when cases are corrected later.
CREATE TABLE annual_reports (
    region_code  TEXT NOT NULL,
    year         INTEGER NOT NULL,
    content      TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    PRIMARY KEY (region_code, year)
);

-- +goose Down
DROP TABLE annual_reports;
