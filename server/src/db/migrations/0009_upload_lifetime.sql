-- Uploads no dossier took are deleted after a while: mark those a dossier or a supplement
-- names (everything uploaded before this was kept, so check what names them).
ALTER TABLE uploads ADD COLUMN attached INTEGER NOT NULL DEFAULT 0;
UPDATE uploads SET attached = 1
 WHERE EXISTS (SELECT 1 FROM dossiers d WHERE instr(d.answers, uploads.id) > 0)
    OR EXISTS (SELECT 1 FROM supplement_requests s WHERE s.uploads IS NOT NULL AND instr(s.uploads, uploads.id) > 0);
CREATE INDEX uploads_unattached ON uploads (attached, created_at);
