-- Fees paid by VietQR transfer: one bill per dossier, every bank notification kept (matched
-- or not), and the receipt of each paid bill.
ALTER TABLE dossiers ADD COLUMN fee_paid INTEGER NOT NULL DEFAULT 0;

CREATE TABLE bill_sequences (
    day  TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE payments (
    bill_number  TEXT PRIMARY KEY,
    dossier_code TEXT NOT NULL UNIQUE REFERENCES dossiers (code),
    amount       INTEGER NOT NULL CHECK (amount > 0),
    received     INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'underpaid', 'paid')),
    purpose      TEXT NOT NULL,
    qr_payload   TEXT NOT NULL,
    expires_at   INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    paid_at      INTEGER
);

CREATE TABLE bank_transactions (
    transaction_id TEXT PRIMARY KEY,
    amount         INTEGER NOT NULL,
    note           TEXT NOT NULL,
    bank_time      TEXT NOT NULL,
    received_at    INTEGER NOT NULL,
    bill_number    TEXT REFERENCES payments (bill_number),
    outcome        TEXT NOT NULL,
    -- The outcome as the API reported it (JSON), replayed for a repeated notification.
    result         TEXT NOT NULL,
    refund         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX bank_transactions_by_outcome ON bank_transactions (outcome);

CREATE TABLE receipts (
    number            TEXT PRIMARY KEY,
    bill_number       TEXT NOT NULL UNIQUE REFERENCES payments (bill_number),
    payer             TEXT NOT NULL,
    reason            TEXT NOT NULL,
    amount            INTEGER NOT NULL,
    amount_in_words   TEXT NOT NULL,
    paid_at           TEXT NOT NULL,
    collecting_agency TEXT NOT NULL
);
