-- argmap schema, version 1.
--
-- Everything is stored per revision, so every revision stays readable:
-- paragraph_versions, sentences, relations, figures and changes are keyed by
-- the revision they belong to. paragraphs has one row for every paragraph id
-- ever issued; ids are never deleted and never reused.

-- revisions: one row per published state of the essay.
CREATE TABLE revisions (
    number  INTEGER PRIMARY KEY CHECK (number >= 1),
    created TEXT    NOT NULL,              -- RFC 3339, UTC
    source  TEXT    NOT NULL,              -- file name ingested
    sha256  TEXT    NOT NULL,              -- hex digest of that file
    title   TEXT    NOT NULL DEFAULT '',   -- Analysis.Title
    author  TEXT    NOT NULL DEFAULT ''    -- Analysis.Author
) STRICT;

-- paragraphs: every permanent paragraph id ever issued.
CREATE TABLE paragraphs (
    pid            TEXT    PRIMARY KEY,
    first_revision INTEGER NOT NULL REFERENCES revisions (number),
    last_revision  INTEGER NOT NULL REFERENCES revisions (number),
    max_sentence   INTEGER NOT NULL DEFAULT 0,  -- highest N ever used in a sentence id pid.N
    merged_into    TEXT    REFERENCES paragraphs (pid),  -- set when a revision merged it into another
    CHECK (last_revision >= first_revision)
) STRICT;

-- pid_counter: the highest numeric paragraph id ever issued (one row).
CREATE TABLE pid_counter (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    last INTEGER NOT NULL
) STRICT;
INSERT INTO pid_counter (id, last) VALUES (1, 0);

-- paragraph_versions: each paragraph as it stood in each revision it exists in.
CREATE TABLE paragraph_versions (
    pid      TEXT    NOT NULL REFERENCES paragraphs (pid),
    revision INTEGER NOT NULL REFERENCES revisions (number),
    position INTEGER NOT NULL,   -- 0-based place in the essay
    kind     TEXT    NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (pid, revision),
    UNIQUE (revision, position)
) STRICT;

-- sentences: the analysed sentences of each paragraph version.
CREATE TABLE sentences (
    revision INTEGER NOT NULL,
    sid      TEXT    NOT NULL,
    pid      TEXT    NOT NULL,
    position INTEGER NOT NULL,   -- 0-based place in the paragraph
    text     TEXT    NOT NULL,
    role     TEXT    NOT NULL,
    why      TEXT    NOT NULL,
    PRIMARY KEY (revision, sid),
    UNIQUE (revision, pid, position),
    FOREIGN KEY (pid, revision) REFERENCES paragraph_versions (pid, revision)
) STRICT;
CREATE INDEX sentences_pid ON sentences (pid, revision);

-- relations: support and attack links between sentences of a revision.
CREATE TABLE relations (
    revision INTEGER NOT NULL REFERENCES revisions (number),
    position INTEGER NOT NULL,   -- 0-based place in Analysis.Relations
    from_sid TEXT    NOT NULL,
    to_sid   TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    why      TEXT    NOT NULL,
    PRIMARY KEY (revision, position),
    FOREIGN KEY (revision, from_sid) REFERENCES sentences (revision, sid),
    FOREIGN KEY (revision, to_sid) REFERENCES sentences (revision, sid)
) STRICT;

-- figures: cited, checkable facts in sentences of a revision. A value is
-- absent when value_number and value_iso are both NULL.
CREATE TABLE figures (
    revision     INTEGER NOT NULL REFERENCES revisions (number),
    position     INTEGER NOT NULL,   -- 0-based place in Analysis.Figures
    sentence_sid TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    value_number REAL,
    value_iso    TEXT,
    counts       TEXT    NOT NULL DEFAULT '',
    source       TEXT    NOT NULL DEFAULT '',
    speaker      TEXT    NOT NULL DEFAULT '',
    speaker_role TEXT    NOT NULL DEFAULT '',
    "when"       TEXT    NOT NULL DEFAULT '',
    qualifier    TEXT    NOT NULL DEFAULT '',   -- hedge on a number ("over", "nearly")
    why          TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (revision, position),
    FOREIGN KEY (revision, sentence_sid) REFERENCES sentences (revision, sid)
) STRICT;

-- changes: what each revision did to each paragraph.
CREATE TABLE changes (
    revision INTEGER NOT NULL REFERENCES revisions (number),
    position INTEGER NOT NULL,   -- 0-based place in Revision.Changes
    pid      TEXT    NOT NULL REFERENCES paragraphs (pid),
    what     TEXT    NOT NULL CHECK (what IN ('added', 'edited', 'removed', 'moved', 'split', 'merged')),
    note     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (revision, position)
) STRICT;
