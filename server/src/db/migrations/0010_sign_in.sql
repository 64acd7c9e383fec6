-- Signing in with the national e-ID (src/auth): the citizens an identity provider named, their
-- sessions, the logins on their way, and on each dossier whether a verified e-ID filed it.
-- Session and login ids are kept only as SHA-256 hashes: the database alone lets no one in.
CREATE TABLE citizens (
    id INTEGER PRIMARY KEY,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    id_number TEXT NOT NULL,
    -- EidCitizen as JSON: name, birth date, sex, contact details, as the provider last said.
    profile TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (issuer, subject)
);
CREATE INDEX citizens_id_number ON citizens (id_number);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens (id),
    -- The provider's session (`sid`), for its back-channel logout.
    provider_sid TEXT,
    level INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_citizen ON sessions (citizen_id);
CREATE INDEX sessions_provider_sid ON sessions (provider_sid);

CREATE TABLE pending_logins (
    id_hash TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    acr TEXT NOT NULL,
    return_to TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

ALTER TABLE dossiers ADD COLUMN citizen_id INTEGER REFERENCES citizens (id);
-- 1 or 2: filed signed in with a verified e-ID of that level; NULL: filed without signing in.
ALTER TABLE dossiers ADD COLUMN eid_level INTEGER;
CREATE INDEX dossiers_applicant_id_number ON dossiers (applicant_id_number);
