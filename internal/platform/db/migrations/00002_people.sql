-- +goose Up
-- People: the certificate-status filter (valid / expiring / expired / none) and the count of
-- certified officers are a range on cert_valid_to inside a jurisdiction's range of region codes.
CREATE INDEX people_region_cert ON people (region_code, cert_valid_to);

-- +goose Down
DROP INDEX people_region_cert;
