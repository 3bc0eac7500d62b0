-- argmap schema, version 2: full-text search over the current revision.
--
-- sentence_search is an FTS5 index (go-sqlite3 needs the sqlite_fts5 build
-- tag) of the sentences of the newest revision only: Ingest empties and
-- refills it in the same transaction that writes a revision, so the
-- read-only server can search without writing. The unicode61 tokenizer
-- (case-folded, diacritics removed, no stemming, so that prefix queries
-- such as argu* behave as typed) indexes the text; the other columns are
-- stored, not indexed, to link and order the results.
CREATE VIRTUAL TABLE sentence_search USING fts5 (
    text,
    sid           UNINDEXED,
    pid           UNINDEXED,
    role          UNINDEXED,
    para_position UNINDEXED,   -- paragraph_versions.position
    position      UNINDEXED,   -- sentences.position
    tokenize = 'unicode61 remove_diacritics 2'
);

-- A database upgraded from version 1 gets its newest revision indexed here.
INSERT INTO sentence_search (text, sid, pid, role, para_position, position)
SELECT s.text, s.sid, s.pid, s.role, v.position, s.position
FROM sentences s
JOIN paragraph_versions v ON v.pid = s.pid AND v.revision = s.revision
WHERE s.revision = (SELECT MAX(number) FROM revisions);
