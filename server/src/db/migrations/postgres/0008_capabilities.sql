-- What a stranger can guess opens nothing: bills are followed by a random id, not their
-- sequential number, and each receipt carries a random verification code. Rows made before
-- get theirs from PostgreSQL's strong random generator.
ALTER TABLE payments ADD COLUMN id TEXT;
UPDATE payments SET id = replace(CAST(gen_random_uuid() AS TEXT), '-', '') WHERE id IS NULL;
CREATE UNIQUE INDEX payments_by_id ON payments (id);

ALTER TABLE receipts ADD COLUMN verification TEXT;
UPDATE receipts SET verification = replace(CAST(gen_random_uuid() AS TEXT), '-', '') WHERE verification IS NULL;
CREATE UNIQUE INDEX receipts_by_verification ON receipts (verification);
