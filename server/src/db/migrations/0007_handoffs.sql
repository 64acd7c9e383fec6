-- A draft carried from a kiosk to the citizen's phone: opened once, within ten minutes.
CREATE TABLE handoffs (
    token      TEXT PRIMARY KEY,
    draft      TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
