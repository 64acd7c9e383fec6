-- Dossiers filed online (docs/domain.md, "Dossiers"), the daily sequence of their codes, and the
-- idempotency keys that make a submission land exactly once.
CREATE TABLE dossiers (
    code                TEXT PRIMARY KEY,
    receipt_number      TEXT NOT NULL UNIQUE,
    procedure_code      TEXT NOT NULL REFERENCES procedures (code),
    procedure_name      TEXT NOT NULL,
    agency_id           TEXT NOT NULL REFERENCES agencies (id),
    applicant_name      TEXT NOT NULL,
    applicant_kind      TEXT NOT NULL,
    applicant_id_number TEXT NOT NULL,
    applicant_phone     TEXT NOT NULL,
    status              INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
    channel             INTEGER NOT NULL CHECK (channel IN (1, 2, 3)),
    received_on         TEXT NOT NULL,
    appointment_on      TEXT NOT NULL,
    answers             TEXT NOT NULL,
    created_at          TEXT NOT NULL
);

CREATE TABLE dossier_sequences (
    agency_id TEXT NOT NULL,
    day       TEXT NOT NULL,
    last      INTEGER NOT NULL,
    PRIMARY KEY (agency_id, day)
);

CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    dossier_code TEXT NOT NULL REFERENCES dossiers (code)
);
