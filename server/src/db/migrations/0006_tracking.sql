-- Following a dossier: its status history, documents asked for, the digitised result and
-- the citizen's rating.
CREATE TABLE dossier_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_code TEXT NOT NULL REFERENCES dossiers (code),
    status       INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
    at           INTEGER NOT NULL,
    unit         TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dossier_events_by_dossier ON dossier_events (dossier_code, id);

-- Dossiers filed before this migration start their history with their filing.
INSERT INTO dossier_events (dossier_code, status, at, unit, note)
SELECT d.code, 1, CAST(strftime('%s', d.created_at) AS INTEGER), a.name, 'Nộp trực tuyến'
FROM dossiers d JOIN agencies a ON a.id = d.agency_id;

CREATE TABLE supplement_requests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_code TEXT NOT NULL REFERENCES dossiers (code),
    documents    TEXT NOT NULL,
    deadline     TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    requested_at INTEGER NOT NULL,
    answered_at  INTEGER,
    uploads      TEXT
);

CREATE TABLE results (
    id           TEXT PRIMARY KEY,
    dossier_code TEXT NOT NULL UNIQUE REFERENCES dossiers (code),
    title        TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    issuer       TEXT NOT NULL,
    issued_at    INTEGER NOT NULL
);

CREATE TABLE ratings (
    dossier_code TEXT PRIMARY KEY REFERENCES dossiers (code),
    stars        INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment      TEXT NOT NULL DEFAULT '',
    at           INTEGER NOT NULL
);

-- When each dossier finished (status 9), for the on-time rate.
ALTER TABLE dossiers ADD COLUMN finished_on TEXT;
