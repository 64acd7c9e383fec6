-- What a stranger can guess opens nothing: bills are followed by a random id, not their
-- sequential number, and each receipt carries a random verification code. Rows made before
-- get theirs from SQLite's generator (seeded from the operating system).
ALTER TABLE payments ADD COLUMN id TEXT;
UPDATE payments SET id = lower(hex(randomblob(16))) WHERE id IS NULL;
CREATE UNIQUE INDEX payments_by_id ON payments (id);

ALTER TABLE receipts ADD COLUMN verification TEXT;
UPDATE receipts SET verification = lower(hex(randomblob(16))) WHERE verification IS NULL;
CREATE UNIQUE INDEX receipts_by_verification ON receipts (verification);
