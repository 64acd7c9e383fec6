-- Files citizens upload for their dossiers; the bytes are on disk under the upload folder,
-- named by id.
CREATE TABLE uploads (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png', 'heic')),
    size       INTEGER NOT NULL CHECK (size > 0),
    sha256     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
