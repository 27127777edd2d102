-- +goose Up
-- An account may belong to a member of staff (实名制): the enforcement officer whose certificate
-- and cases the account acts with. One person has at most one account.
ALTER TABLE accounts ADD COLUMN person_id TEXT REFERENCES people(id);
CREATE UNIQUE INDEX accounts_person ON accounts (person_id) WHERE person_id IS NOT NULL;

-- +goose Down
DROP INDEX accounts_person;
ALTER TABLE accounts DROP COLUMN person_id;
