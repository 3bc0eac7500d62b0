-- argmap schema, version 4: what a citation says about the essay.
--
-- One row per revision that was ingested with metadata (Markdown front
-- matter or ingest's -title -author -date -publisher -url flags). A field
-- that was not given is the empty string; citations leave it out. The
-- revision's ingest time (revisions.created) is never a publication date.
CREATE TABLE essay_meta (
    revision  INTEGER PRIMARY KEY REFERENCES revisions (number),
    title     TEXT    NOT NULL DEFAULT '',
    author    TEXT    NOT NULL DEFAULT '',
    date      TEXT    NOT NULL DEFAULT '',   -- YYYY, YYYY-MM or YYYY-MM-DD
    publisher TEXT    NOT NULL DEFAULT '',
    url       TEXT    NOT NULL DEFAULT ''
) STRICT;
