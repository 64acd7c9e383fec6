-- The province's catalog of administrative procedures (docs/domain.md, "Procedures").

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE fields (
    slug     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE agencies (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    short    TEXT NOT NULL,
    level    TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    parent   TEXT REFERENCES agencies (id),
    position INTEGER NOT NULL
);

-- One row per procedure as placed in the catalog (a base procedure under one agency).
-- The full published record is kept as JSON in `record`; the columns are what we count
-- and filter on.
CREATE TABLE procedures (
    code               TEXT PRIMARY KEY,
    base_code          TEXT NOT NULL,
    name               TEXT NOT NULL,
    field              TEXT NOT NULL REFERENCES fields (slug),
    agency_id          TEXT NOT NULL REFERENCES agencies (id),
    level              TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    -- Public services this record counts for: one per level it is carried out at.
    service_count      INTEGER NOT NULL CHECK (service_count >= 1),
    online_mode        TEXT NOT NULL CHECK (online_mode IN ('full', 'partial', 'offline')),
    has_fee            INTEGER NOT NULL CHECK (has_fee IN (0, 1)),
    payable_online     INTEGER NOT NULL CHECK (payable_online IN (0, 1)),
    on_national_portal INTEGER NOT NULL CHECK (on_national_portal IN (0, 1)),
    position           INTEGER NOT NULL,
    record             TEXT NOT NULL
);

CREATE INDEX procedures_base ON procedures (base_code);
CREATE INDEX procedures_field ON procedures (field);
CREATE INDEX procedures_agency ON procedures (agency_id);
