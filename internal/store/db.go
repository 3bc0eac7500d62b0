package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/mattn/go-sqlite3"

	"github.com/argmap/argmap/internal/argument"
)

// DB is an argmap database opened read-only.
type DB struct {
	db   *sql.DB
	path string
}

// Open opens the argmap database at path read-only (and as immutable: the
// file must not change while it is open; Ingest replaces it with a new file
// instead). It never creates a file: a missing path is an error wrapping
// fs.ErrNotExist, and a file that is not an argmap database is an error
// wrapping ErrNotArgmap. A database written by an older or newer argmap,
// whose schema differs from this build's, is refused too.
func Open(ctx context.Context, path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := checkFile(abs, info); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// A small pool of connections, each opened on the file that was at
	// path when Open looked (pinnedConnector), opened now and never closed
	// or reopened while d is open (database/sql keeps idle connections
	// with no lifetime limit): every read of d, pages and searches alike,
	// sees that file, even after an ingest renames a new file over path.
	// A connection opened by name after that would read the new file while
	// the others still read the old one (immutable=1 promises SQLite the
	// file never changes, so neither would notice): the connector refuses
	// it instead. Several connections let a long download and the pages
	// rendered meanwhile read at once. Each keeps a small page cache
	// (cache_size), as the file is read through the kernel's cache anyway.
	db := sql.OpenDB(&pinnedConnector{dsn: dsn(abs, "mode=ro&immutable=1&_cache_size=-512"), path: abs, info: info})
	db.SetMaxOpenConns(readConns)
	db.SetMaxIdleConns(readConns)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := openAll(ctx, db, readConns); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := checkSchema(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return &DB{db: db, path: path}, nil
}

// readConns is how many connections a DB opened by Open reads with.
const readConns = 4

// pinnedConnector opens connections on the file at path only while it is
// the file Open looked at (info): a connection opened after an ingest
// replaced it would read another revision than the rest of the pool.
type pinnedConnector struct {
	dsn, path string
	info      os.FileInfo
}

// errReplaced is the error of a connection asked for after the file was
// replaced.
var errReplaced = errors.New("the database file was replaced since it was opened")

// Connect opens a connection and then checks that path is still the file
// Open looked at: the open happened before the check, so the connection
// reads that file.
func (c *pinnedConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.Driver().Open(c.dsn)
	if err != nil {
		return nil, err
	}
	now, err := os.Stat(c.path)
	if err != nil || !os.SameFile(now, c.info) {
		_ = conn.Close()
		return nil, errReplaced
	}
	return conn, nil
}

// Driver returns the go-sqlite3 driver.
func (c *pinnedConnector) Driver() driver.Driver { return &sqlite3.SQLiteDriver{} }

// openAll opens n connections of db at once, so that the pool holds them
// all from the start.
func openAll(ctx context.Context, db *sql.DB, n int) error {
	conns := make([]*sql.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			_ = c.Close()
		}
	}()
	for range n {
		c, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		conns = append(conns, c)
	}
	return nil
}

// checkSchema makes sure db has exactly the migrations this build knows.
func checkSchema(ctx context.Context, db *sql.DB) error {
	have, err := appliedVersion(ctx, db)
	if err != nil {
		return err
	}
	want, err := latestVersion()
	if err != nil {
		return err
	}
	switch {
	case have < want:
		return fmt.Errorf("schema version %d is older than this argmap's (%d): ingest again to upgrade it", have, want)
	case have > want:
		return fmt.Errorf("schema version %d is newer than this argmap knows (%d)", have, want)
	}
	return nil
}

// Close closes the database.
func (d *DB) Close() error {
	if err := d.db.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", d.path, err)
	}
	return nil
}

// Snapshot reads everything the server shows: the newest revision's
// analysis with permanent ids, every revision with its changes, the earlier
// texts of current paragraphs that were edited and the last texts of
// removed paragraphs. It returns an error wrapping ErrNotFound when the
// database holds no revision.
func (d *DB) Snapshot(ctx context.Context) (*Snapshot, error) {
	return d.snapshot(ctx, true)
}

// snapshot reads the newest revision in one read transaction, with every
// version of every paragraph or (for a server, which reads them per page
// with Versions) without them.
func (d *DB) snapshot(ctx context.Context, versions bool) (*Snapshot, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	return readSnapshot(ctx, tx, versions)
}

// readSnapshot is snapshot in the transaction tx.
func readSnapshot(ctx context.Context, tx *sql.Tx, versions bool) (*Snapshot, error) {
	revs, err := loadRevisions(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if len(revs) == 0 {
		return nil, fmt.Errorf("snapshot: no revision: %w", ErrNotFound)
	}
	cur := revs[len(revs)-1]
	a, err := loadAnalysis(ctx, tx, cur.Number)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	s := &Snapshot{Current: cur, Revisions: revs, Analysis: *a}
	if s.Meta, err = loadMeta(ctx, tx, cur.Number); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if s.History, err = loadHistory(ctx, tx, a, cur.Number); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if s.Removed, s.MergedInto, err = loadRemoved(ctx, tx, cur.Number); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if s.FormerClaims, err = loadFormerClaims(ctx, tx, "", cur.Number); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	switch {
	case versions:
		if s.Versions, s.Neighbours, err = loadVersions(ctx, tx, cur.Number); err != nil {
			return nil, fmt.Errorf("snapshot: %w", err)
		}
		shareCurrentTexts(a, s.Versions)
	case len(s.Removed) > 0:
		if s.Neighbours, err = loadNeighbours(ctx, tx, cur.Number); err != nil {
			return nil, fmt.Errorf("snapshot: %w", err)
		}
	}
	return s, nil
}

// shareCurrentTexts makes the last version of each current paragraph use
// the strings of the analysis, which hold the same text, so that a served
// snapshot keeps each text once.
func shareCurrentTexts(a *argument.Analysis, versions map[string][]Version) {
	for _, p := range a.Paragraphs {
		vs := versions[p.ID]
		if len(vs) == 0 {
			continue
		}
		last := &vs[len(vs)-1]
		if last.Text != p.Text {
			continue
		}
		last.Text = p.Text
		if len(last.Sentences) != len(p.Sentences) {
			continue
		}
		for i, sv := range last.Sentences {
			if sv.ID == p.Sentences[i].ID && sv.Text == p.Sentences[i].Text {
				last.Sentences[i] = SentenceVersion{ID: p.Sentences[i].ID, Text: p.Sentences[i].Text}
			}
		}
	}
}

// Analysis returns the argument map as it stood in the given revision
// (for versioned pages), or an error wrapping ErrNotFound when there is no
// such revision.
func (d *DB) Analysis(ctx context.Context, revision int) (*argument.Analysis, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("load revision %d: %w", revision, err)
	}
	defer func() { _ = tx.Rollback() }()
	a, err := loadAnalysis(ctx, tx, revision)
	if err != nil {
		return nil, fmt.Errorf("load revision %d: %w", revision, err)
	}
	return a, nil
}

// ParagraphVersion returns paragraph pid as it stood in the given revision,
// or, when revision is 0 or less, its last version (the current one, or the
// last before it was removed). It returns an error wrapping ErrNotFound when
// the paragraph did not exist in that revision.
func (d *DB) ParagraphVersion(ctx context.Context, pid string, revision int) (ParagraphVersion, error) {
	var (
		v   ParagraphVersion
		row *sql.Row
	)
	if revision <= 0 {
		row = d.db.QueryRowContext(ctx, `SELECT pid, revision, position, kind, text
			FROM paragraph_versions WHERE pid = ? ORDER BY revision DESC LIMIT 1`, pid)
	} else {
		row = d.db.QueryRowContext(ctx, `SELECT pid, revision, position, kind, text
			FROM paragraph_versions WHERE pid = ? AND revision = ?`, pid, revision)
	}
	err := row.Scan(&v.PID, &v.Revision, &v.Position, &v.Kind, &v.Text)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		if revision <= 0 {
			return ParagraphVersion{}, fmt.Errorf("load paragraph %s: %w", pid, err)
		}
		return ParagraphVersion{}, fmt.Errorf("load paragraph %s in revision %d: %w", pid, revision, err)
	}
	return v, nil
}

// sqliteMagic starts every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// checkFile reports, without opening it as a database, whether the file at
// path is an argmap database: a regular SQLite file whose header carries
// ApplicationID.
func checkFile(path string, info os.FileInfo) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%w: not a regular file", ErrNotArgmap)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("%w: too short for an SQLite file", ErrNotArgmap)
		}
		return fmt.Errorf("read header: %w", err)
	}
	if string(h[:len(sqliteMagic)]) != sqliteMagic {
		return fmt.Errorf("%w: not an SQLite file", ErrNotArgmap)
	}
	// The application id is a big-endian 32-bit integer at offset 68.
	id := uint32(h[68])<<24 | uint32(h[69])<<16 | uint32(h[70])<<8 | uint32(h[71])
	if id != ApplicationID {
		return fmt.Errorf("%w: SQLite file with application_id %#x", ErrNotArgmap, id)
	}
	return nil
}

// dsn returns the go-sqlite3 data source name opening the file at the
// absolute path with the given query parameters. The "file:" prefix makes
// SQLite read it as a URI, so that mode=ro and immutable=1 take effect;
// the characters a URI path cannot hold are percent-encoded.
func dsn(path, params string) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + esc.Replace(filepath.ToSlash(path)) + "?" + params
}

// queryer is what the read helpers need: a *sql.DB or a *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// loadRevisions returns every revision with its changes, oldest first.
func loadRevisions(ctx context.Context, q queryer) ([]Revision, error) {
	rows, err := q.QueryContext(ctx, `SELECT number, created, source, sha256 FROM revisions ORDER BY number`)
	if err != nil {
		return nil, fmt.Errorf("load revisions: %w", err)
	}
	defer rows.Close()
	var revs []Revision
	index := make(map[int]int)
	for rows.Next() {
		var r Revision
		var created string
		if err := rows.Scan(&r.Number, &created, &r.Source, &r.SHA256); err != nil {
			return nil, fmt.Errorf("load revisions: %w", err)
		}
		if r.Created, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("load revision %d: %w", r.Number, err)
		}
		index[r.Number] = len(revs)
		revs = append(revs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load revisions: %w", err)
	}
	rows, err = q.QueryContext(ctx, `SELECT revision, pid, what, note FROM changes ORDER BY revision, position`)
	if err != nil {
		return nil, fmt.Errorf("load changes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rev int
		var c Change
		if err := rows.Scan(&rev, &c.PID, &c.What, &c.Note); err != nil {
			return nil, fmt.Errorf("load changes: %w", err)
		}
		i, ok := index[rev]
		if !ok {
			return nil, fmt.Errorf("load changes: change to %s in unknown revision %d", c.PID, rev)
		}
		revs[i].Changes = append(revs[i].Changes, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load changes: %w", err)
	}
	if err := setMetaChanged(ctx, q, revs); err != nil {
		return nil, err
	}
	return revs, nil
}

// storedAnalysis is what walkAnalysis calls with the rows of a revision's
// analysis, in the order loadAnalysis keeps them: its title and author,
// its paragraphs in order, their sentences (by paragraph id, then in
// order), its relations and its figures. An error a call returns stops the
// walk and is returned.
type storedAnalysis struct {
	head     func(title, author string) error
	para     func(p argument.Paragraph) error
	sentence func(pid string, s argument.Sentence) error
	relation func(r argument.Relation) error
	figure   func(f argument.Figure) error
}

// walkAnalysis reads the analysis of revision rev row by row (see
// storedAnalysis), holding none of it.
func walkAnalysis(ctx context.Context, q queryer, rev int, v storedAnalysis) error {
	var title, author string
	err := q.QueryRowContext(ctx, `SELECT title, author FROM revisions WHERE number = ?`, rev).Scan(&title, &author)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("revision %d: %w", rev, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("load revision %d: %w", rev, err)
	}
	if err := v.head(title, author); err != nil {
		return err
	}
	doing := func(what string) string { return fmt.Sprintf("load %s of revision %d", what, rev) }
	var p argument.Paragraph
	if err := eachRow(ctx, q, doing("paragraphs"), `SELECT pid, kind, text FROM paragraph_versions
		WHERE revision = ? ORDER BY position`, []any{rev}, []any{&p.ID, &p.Kind, &p.Text}, func() error {
		return v.para(argument.Paragraph{ID: p.ID, Kind: p.Kind, Text: p.Text, Sentences: []argument.Sentence{}})
	}); err != nil {
		return err
	}
	var pid string
	var s argument.Sentence
	if err := eachRow(ctx, q, doing("sentences"), `SELECT pid, sid, text, role, why, confidence, restates FROM sentences
		WHERE revision = ? ORDER BY pid, position`, []any{rev},
		[]any{&pid, &s.ID, &s.Text, &s.Role, &s.Why, &s.Confidence, &s.Restates},
		func() error { return v.sentence(pid, s) }); err != nil {
		return err
	}
	var r argument.Relation
	if err := eachRow(ctx, q, doing("relations"), `SELECT from_sid, to_sid, kind, why, confidence FROM relations
		WHERE revision = ? ORDER BY position`, []any{rev}, []any{&r.From, &r.To, &r.Kind, &r.Why, &r.Confidence},
		func() error { return v.relation(r) }); err != nil {
		return err
	}
	var f argument.Figure
	var num sql.NullFloat64
	var iso sql.NullString
	return eachRow(ctx, q, doing("figures"), `SELECT sentence_sid, kind, text, value_number, value_iso,
		counts, source, speaker, speaker_role, "when", qualifier, why, currency
		FROM figures WHERE revision = ? ORDER BY position`, []any{rev},
		[]any{&f.Sentence, &f.Kind, &f.Text, &num, &iso, &f.Counts, &f.Source, &f.Speaker, &f.SpeakerRole, &f.When, &f.Qualifier, &f.Why, &f.Currency},
		func() error {
			f.Value = argument.Value{}
			if num.Valid || iso.Valid {
				f.Value = argument.Value{Number: num.Float64, ISO: iso.String, Valid: true}
			}
			return v.figure(f)
		})
}

// eachRow runs query with args and, for each of its rows, scans the row
// into dest and calls row, which reads what dest points at; doing says
// the work in errors ("load figures of 4.2"). An error row returns stops
// the walk and is returned as it is.
func eachRow(ctx context.Context, q queryer, doing, query string, args, dest []any, row func() error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", doing, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("%s: %w", doing, err)
		}
		if err := row(); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", doing, err)
	}
	return nil
}

// loadAnalysis returns the argument map of one revision, with empty
// rather than nil lists, or an error wrapping ErrNotFound when there is no
// such revision.
func loadAnalysis(ctx context.Context, q queryer, rev int) (*argument.Analysis, error) {
	a := &argument.Analysis{Paragraphs: []argument.Paragraph{}, Relations: []argument.Relation{}, Figures: []argument.Figure{}}
	index := make(map[string]int)
	// A served snapshot holds the analysis in memory: the why strings,
	// which repeat a few dozen explanations, are kept once each, and a
	// sentence's text shares its paragraph's bytes.
	intern := make(map[string]string)
	once := func(s string) string {
		if v, ok := intern[s]; ok {
			return v
		}
		intern[s] = s
		return s
	}
	err := walkAnalysis(ctx, q, rev, storedAnalysis{
		head: func(title, author string) error {
			a.Title, a.Author = title, author
			return nil
		},
		para: func(p argument.Paragraph) error {
			index[p.ID] = len(a.Paragraphs)
			a.Paragraphs = append(a.Paragraphs, p)
			return nil
		},
		sentence: func(pid string, s argument.Sentence) error {
			i, ok := index[pid]
			if !ok {
				return fmt.Errorf("load sentences of revision %d: sentence %s of unknown paragraph %s", rev, s.ID, pid)
			}
			s.ID, s.Why, s.Restates = once(s.ID), once(s.Why), once(s.Restates)
			if k := strings.Index(a.Paragraphs[i].Text, s.Text); k >= 0 {
				s.Text = a.Paragraphs[i].Text[k : k+len(s.Text)]
			}
			a.Paragraphs[i].Sentences = append(a.Paragraphs[i].Sentences, s)
			return nil
		},
		relation: func(r argument.Relation) error {
			r.From, r.To, r.Why = once(r.From), once(r.To), once(r.Why)
			a.Relations = append(a.Relations, r)
			return nil
		},
		figure: func(f argument.Figure) error {
			f.Sentence, f.Why = once(f.Sentence), once(f.Why)
			a.Figures = append(a.Figures, f)
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// errDiffers stops sameAsStored's walk at the first difference.
var errDiffers = errors.New("differs")

// sameAsStored reports whether a is the analysis of revision rev as
// loadAnalysis would read it (reflect.DeepEqual of the two, nil and empty
// lists alike), comparing row by row without reading the revision into
// memory: a long essay's stored analysis is as large as a.
func sameAsStored(ctx context.Context, q queryer, rev int, a *argument.Analysis) (bool, error) {
	index := make(map[string]int, len(a.Paragraphs))
	seen := make([]int, len(a.Paragraphs)) // sentences of each paragraph compared
	paras, rels, figs := 0, 0, 0
	err := walkAnalysis(ctx, q, rev, storedAnalysis{
		head: func(title, author string) error {
			if title != a.Title || author != a.Author {
				return errDiffers
			}
			return nil
		},
		para: func(p argument.Paragraph) error {
			if paras >= len(a.Paragraphs) {
				return errDiffers
			}
			if q := a.Paragraphs[paras]; p.ID != q.ID || p.Kind != q.Kind || p.Text != q.Text {
				return errDiffers
			}
			index[p.ID] = paras
			paras++
			return nil
		},
		sentence: func(pid string, s argument.Sentence) error {
			i, ok := index[pid]
			if !ok || seen[i] >= len(a.Paragraphs[i].Sentences) || a.Paragraphs[i].Sentences[seen[i]] != s {
				return errDiffers
			}
			seen[i]++
			return nil
		},
		relation: func(r argument.Relation) error {
			if rels >= len(a.Relations) || a.Relations[rels] != r {
				return errDiffers
			}
			rels++
			return nil
		},
		figure: func(f argument.Figure) error {
			if figs >= len(a.Figures) || !reflect.DeepEqual(a.Figures[figs], f) {
				return errDiffers
			}
			figs++
			return nil
		},
	})
	if errors.Is(err, errDiffers) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if paras != len(a.Paragraphs) || rels != len(a.Relations) || figs != len(a.Figures) {
		return false, nil
	}
	for i, p := range a.Paragraphs {
		if seen[i] != len(p.Sentences) {
			return false, nil
		}
	}
	return true, nil
}

// loadHistory returns, for every paragraph of a (the analysis of revision
// cur) whose text changed, its earlier texts, oldest first: one version for
// each run of revisions with the same text, named by the run's first
// revision, leaving out the run that ends in the current text.
func loadHistory(ctx context.Context, q queryer, a *argument.Analysis, cur int) (map[string][]ParagraphVersion, error) {
	rows, err := q.QueryContext(ctx, `SELECT v.pid, v.revision, v.position, v.kind, v.text
		FROM paragraph_versions AS v
		JOIN paragraph_versions AS c ON c.pid = v.pid AND c.revision = ?
		WHERE v.revision < ?
		ORDER BY v.pid, v.revision`, cur, cur)
	if err != nil {
		return nil, fmt.Errorf("load history: %w", err)
	}
	defer rows.Close()
	runs := make(map[string][]ParagraphVersion)
	for rows.Next() {
		var v ParagraphVersion
		if err := rows.Scan(&v.PID, &v.Revision, &v.Position, &v.Kind, &v.Text); err != nil {
			return nil, fmt.Errorf("load history: %w", err)
		}
		vs := runs[v.PID]
		if len(vs) > 0 && vs[len(vs)-1].Text == v.Text {
			continue
		}
		runs[v.PID] = append(vs, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load history: %w", err)
	}
	history := make(map[string][]ParagraphVersion)
	for _, p := range a.Paragraphs {
		vs := runs[p.ID]
		if len(vs) > 0 && vs[len(vs)-1].Text == p.Text {
			vs = vs[:len(vs)-1]
		}
		if len(vs) > 0 {
			history[p.ID] = vs
		}
	}
	if len(history) == 0 {
		return nil, nil
	}
	return history, nil
}

// loadRemoved returns the last version of every paragraph that is not in
// revision cur, in order of pid, and, for those merged into another
// paragraph, the id of that paragraph.
func loadRemoved(ctx context.Context, q queryer, cur int) ([]ParagraphVersion, map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT v.pid, v.revision, v.position, v.kind, v.text, p.merged_into
		FROM paragraphs AS p
		JOIN paragraph_versions AS v ON v.pid = p.pid AND v.revision = p.last_revision
		WHERE p.last_revision < ?`, cur)
	if err != nil {
		return nil, nil, fmt.Errorf("load removed paragraphs: %w", err)
	}
	defer rows.Close()
	var removed []ParagraphVersion
	merged := make(map[string]string)
	for rows.Next() {
		var v ParagraphVersion
		var into sql.NullString
		if err := rows.Scan(&v.PID, &v.Revision, &v.Position, &v.Kind, &v.Text, &into); err != nil {
			return nil, nil, fmt.Errorf("load removed paragraphs: %w", err)
		}
		removed = append(removed, v)
		if into.Valid {
			merged[v.PID] = into.String
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("load removed paragraphs: %w", err)
	}
	sort.Slice(removed, func(i, j int) bool { return lessPID(removed[i].PID, removed[j].PID) })
	if len(merged) == 0 {
		merged = nil
	}
	return removed, merged, nil
}

// lessPID orders paragraph ids: "title", "standfirst", other names, then
// numbers in numeric order.
func lessPID(a, b string) bool {
	ra, rb := pidRank(a), pidRank(b)
	if ra != rb {
		return ra < rb
	}
	if ra == 3 {
		na, _ := strconv.Atoi(a)
		nb, _ := strconv.Atoi(b)
		if na != nb {
			return na < nb
		}
	}
	return a < b
}

func pidRank(pid string) int {
	switch pid {
	case argument.TitleID:
		return 0
	case argument.StandfirstID:
		return 1
	}
	if _, ok := numericPID(pid); ok {
		return 3
	}
	return 2
}

// numericPID returns n when pid is the decimal form of a positive integer n.
func numericPID(pid string) (int, bool) {
	n, err := strconv.Atoi(pid)
	if err != nil || n < 1 || strconv.Itoa(n) != pid {
		return 0, false
	}
	return n, true
}
