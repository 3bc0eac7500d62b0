-- argmap schema, version 6: indexes for a server that reads each page from
-- the database instead of holding the analysis in memory (store.Reader):
-- the relations from and to a sentence, the figures of a sentence, the
-- sentences of a role in a revision (the claims lists), and the changes of
-- a paragraph.
CREATE INDEX IF NOT EXISTS relations_from ON relations (revision, from_sid, position);
CREATE INDEX IF NOT EXISTS relations_to ON relations (revision, to_sid, position);
CREATE INDEX IF NOT EXISTS figures_sentence ON figures (revision, sentence_sid, position);
CREATE INDEX IF NOT EXISTS sentences_role ON sentences (revision, role);
CREATE INDEX IF NOT EXISTS changes_pid ON changes (pid, revision, position);
