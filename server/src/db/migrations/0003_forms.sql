-- The procedure-specific questions of online forms, by national base code; procedures not
-- listed get the generic form.
CREATE TABLE forms (
    base_code TEXT PRIMARY KEY,
    fields    TEXT NOT NULL
);
