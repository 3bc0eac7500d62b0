-- argmap schema, version 3: search finds every form of a word.
--
-- sentence_search is rebuilt with FTS5's Porter stemmer in front of the
-- unicode61 tokenizer, so that "worker" finds "workers" and "argued"
-- finds "argue". Phrase queries still match words in order, and prefix
-- queries (argu*) match every indexed stem that starts with the stemmed
-- prefix. The index holds the newest revision only, as before.
DROP TABLE sentence_search;

CREATE VIRTUAL TABLE sentence_search USING fts5 (
    text,
    sid           UNINDEXED,
    pid           UNINDEXED,
    role          UNINDEXED,
    para_position UNINDEXED,   -- paragraph_versions.position
    position      UNINDEXED,   -- sentences.position
    tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO sentence_search (text, sid, pid, role, para_position, position)
SELECT s.text, s.sid, s.pid, s.role, v.position, s.position
FROM sentences s
JOIN paragraph_versions v ON v.pid = s.pid AND v.revision = s.revision
WHERE s.revision = (SELECT MAX(number) FROM revisions);
