package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// This file holds the reads of a server that keeps nothing of the essay in
// memory but its head (Head): each page reads what it shows, in one read
// transaction (Reader), by the indexes of migration 006.

// Head is what a server keeps of the newest revision while it serves it:
// its metadata and counts, never a list that grows with the essay.
type Head struct {
	// Current is the newest revision, without its changes.
	Current Revision
	// Revisions lists every revision, oldest first, without their changes
	// (one a published ingest: not a list that grows with the essay).
	Revisions []Revision
	// Meta is the metadata of the current revision.
	Meta essay.Meta
	// Title and Author are the analysis's.
	Title, Author string
	// Paragraphs, Relations and Figures count the current revision's.
	Paragraphs, Relations, Figures int
	// Roles counts the current revision's sentences by role.
	Roles map[argument.Role]int
	// Removed counts the paragraphs not in the current revision.
	Removed int
}

// beginRead begins a read transaction. It is not tied to ctx: when a
// transaction's context ends before it does, database/sql throws its
// connection away (go-sqlite3 cannot say a connection is still good), and
// the pool, pinned to the file it opened (pinnedConnector), cannot open
// another once a new file has taken the path, so every client that went
// away would cost a server on an old revision one of its connections for
// good. The queries still take ctx, which interrupts them; Rollback hands
// the connection back.
func (d *DB) beginRead(ctx context.Context) (*sql.Tx, error) {
	return d.db.BeginTx(context.WithoutCancel(ctx), &sql.TxOptions{ReadOnly: true})
}

// Head reads the head of the newest revision. It returns an error
// wrapping ErrNotFound when the database holds no revision.
func (d *DB) Head(ctx context.Context) (*Head, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("head: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	rows, err := tx.QueryContext(ctx, `SELECT number, created, source, sha256 FROM revisions ORDER BY number`)
	if err != nil {
		return nil, fmt.Errorf("head: load revisions: %w", err)
	}
	defer rows.Close()
	h := &Head{Roles: make(map[argument.Role]int)}
	for rows.Next() {
		var r Revision
		var created string
		if err := rows.Scan(&r.Number, &created, &r.Source, &r.SHA256); err != nil {
			return nil, fmt.Errorf("head: load revisions: %w", err)
		}
		if r.Created, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("head: load revision %d: %w", r.Number, err)
		}
		h.Revisions = append(h.Revisions, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("head: load revisions: %w", err)
	}
	if len(h.Revisions) == 0 {
		return nil, fmt.Errorf("head: no revision: %w", ErrNotFound)
	}
	if err := setMetaChanged(ctx, tx, h.Revisions); err != nil {
		return nil, fmt.Errorf("head: %w", err)
	}
	h.Current = h.Revisions[len(h.Revisions)-1]
	cur := h.Current.Number
	if err := tx.QueryRowContext(ctx, `SELECT title, author FROM revisions WHERE number = ?`, cur).Scan(&h.Title, &h.Author); err != nil {
		return nil, fmt.Errorf("head: %w", err)
	}
	if h.Meta, err = loadMeta(ctx, tx, cur); err != nil {
		return nil, fmt.Errorf("head: %w", err)
	}
	// Positions are 0, 1, 2, … in each revision, so the highest one
	// counts the rows by one look into the index, not a walk through it.
	for _, c := range []struct {
		n *int
		q string
	}{
		{&h.Paragraphs, `SELECT coalesce(max(position) + 1, 0) FROM paragraph_versions WHERE revision = ?`},
		{&h.Relations, `SELECT coalesce(max(position) + 1, 0) FROM relations WHERE revision = ?`},
		{&h.Figures, `SELECT coalesce(max(position) + 1, 0) FROM figures WHERE revision = ?`},
		{&h.Removed, `SELECT count(*) FROM paragraphs WHERE last_revision < ?`},
	} {
		if err := tx.QueryRowContext(ctx, c.q, cur).Scan(c.n); err != nil {
			return nil, fmt.Errorf("head: count: %w", err)
		}
	}
	rows, err = tx.QueryContext(ctx, `SELECT role, count(*) FROM sentences WHERE revision = ? GROUP BY role`, cur)
	if err != nil {
		return nil, fmt.Errorf("head: count roles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var role argument.Role
		var n int
		if err := rows.Scan(&role, &n); err != nil {
			return nil, fmt.Errorf("head: count roles: %w", err)
		}
		h.Roles[role] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("head: count roles: %w", err)
	}
	return h, nil
}

// Reader reads parts of one revision in one read transaction: what one
// page shows. It is not safe for concurrent use; Close it when done.
type Reader struct {
	ctx context.Context
	tx  *sql.Tx
	rev int
}

// Reader begins a read transaction on revision rev (Head's Current).
func (d *DB) Reader(ctx context.Context, rev int) (*Reader, error) {
	tx, err := d.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", err)
	}
	return &Reader{ctx: ctx, tx: tx, rev: rev}, nil
}

// Close ends the read transaction.
func (r *Reader) Close() error {
	if err := r.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("end read: %w", err)
	}
	return nil
}

// Snapshot reads what ServingSnapshot reads, in the reader's transaction.
func (r *Reader) Snapshot() (*Snapshot, error) {
	return readSnapshot(r.ctx, r.tx, false)
}

// Paragraphs returns the paragraphs at positions lo to hi-1 (0-based, in
// reading order), each with its sentences.
func (r *Reader) Paragraphs(lo, hi int) ([]argument.Paragraph, error) {
	var out []argument.Paragraph
	err := r.EachParagraph(lo, hi, func(_ int, p argument.Paragraph) error {
		out = append(out, p)
		return nil
	})
	return out, err
}

// EachParagraph calls f with each paragraph at positions lo to hi-1 (hi
// below 0: to the end) and its sentences, in reading order. It reads them
// in one query, the paragraphs by their position and the sentences of
// each by theirs, one paragraph kept at a time (a query for the sentences
// of each paragraph made /sentences.csv at the input limit 440,000
// queries).
func (r *Reader) EachParagraph(lo, hi int, f func(i int, p argument.Paragraph) error) error {
	if hi < 0 {
		hi = int(^uint(0) >> 1)
	}
	rows, err := r.tx.QueryContext(r.ctx, `SELECT v.position, v.pid, v.kind, v.text,
		s.sid, s.text, s.role, s.why, s.confidence, s.restates
		FROM paragraph_versions AS v
		LEFT JOIN sentences AS s ON s.revision = v.revision AND s.pid = v.pid
		WHERE v.revision = ? AND v.position >= ? AND v.position < ? ORDER BY v.position, s.position`, r.rev, lo, hi)
	if err != nil {
		return fmt.Errorf("load paragraphs %d to %d: %w", lo, hi, err)
	}
	defer rows.Close()
	at := -1
	var p argument.Paragraph
	for rows.Next() {
		var i int
		var q argument.Paragraph
		var sid, text, role, why sql.NullString
		var conf sql.NullFloat64
		var restates sql.NullString
		if err := rows.Scan(&i, &q.ID, &q.Kind, &q.Text, &sid, &text, &role, &why, &conf, &restates); err != nil {
			return fmt.Errorf("load paragraphs: %w", err)
		}
		if i != at {
			if at >= 0 {
				if err := f(at, p); err != nil {
					return err
				}
			}
			at, p = i, q
			p.Sentences = []argument.Sentence{}
		}
		if sid.Valid {
			p.Sentences = append(p.Sentences, argument.Sentence{ID: sid.String, Text: text.String, Role: argument.Role(role.String),
				Why: why.String, Confidence: conf.Float64, Restates: restates.String})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load paragraphs: %w", err)
	}
	if at >= 0 {
		return f(at, p)
	}
	return nil
}

// ParagraphIndex returns the position (0-based) of paragraph pid in the
// revision, or an error wrapping ErrNotFound.
func (r *Reader) ParagraphIndex(pid string) (int, error) {
	var i int
	err := r.tx.QueryRowContext(r.ctx, `SELECT position FROM paragraph_versions WHERE pid = ? AND revision = ?`, pid, r.rev).Scan(&i)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("paragraph %s: %w", pid, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("load paragraph %s: %w", pid, err)
	}
	return i, nil
}

// SentenceAt is a sentence with its place.
type SentenceAt struct {
	argument.Sentence
	// PID is its paragraph; Para that paragraph's position, and Pos the
	// sentence's own position in it (0-based).
	PID  string
	Para int
	Pos  int
}

// Sentence returns sentence sid with its place, or an error wrapping
// ErrNotFound.
func (r *Reader) Sentence(sid string) (SentenceAt, error) {
	var s SentenceAt
	err := r.tx.QueryRowContext(r.ctx, `SELECT s.sid, s.text, s.role, s.why, s.confidence, s.restates, s.pid, v.position, s.position
		FROM sentences AS s JOIN paragraph_versions AS v ON v.pid = s.pid AND v.revision = s.revision
		WHERE s.revision = ? AND s.sid = ?`, r.rev, sid).Scan(&s.ID, &s.Text, &s.Role, &s.Why, &s.Confidence, &s.Restates, &s.PID, &s.Para, &s.Pos)
	if errors.Is(err, sql.ErrNoRows) {
		return SentenceAt{}, fmt.Errorf("sentence %s: %w", sid, ErrNotFound)
	}
	if err != nil {
		return SentenceAt{}, fmt.Errorf("load sentence %s: %w", sid, err)
	}
	return s, nil
}

// RelationsFrom returns the relations from sentence sid, in the
// analysis's order.
func (r *Reader) RelationsFrom(sid string) ([]argument.Relation, error) {
	return r.relations(`from_sid`, sid)
}

// RelationsTo returns the relations to sentence sid, in the analysis's
// order.
func (r *Reader) RelationsTo(sid string) ([]argument.Relation, error) {
	return r.relations(`to_sid`, sid)
}

// RelationsToFirst returns the first limit relations to sentence sid, in
// the analysis's order.
func (r *Reader) RelationsToFirst(sid string, limit int) ([]argument.Relation, error) {
	return r.relationsLimit(`to_sid`, sid, limit)
}

// CountsTo counts the relations to sentence sid by kind, by the index of
// the relations to a sentence, without reading them (a long essay's
// thesis has tens of thousands).
func (r *Reader) CountsTo(sid string) (map[argument.RelationKind]int, error) {
	out := make(map[argument.RelationKind]int)
	var k argument.RelationKind
	var n int
	err := eachRow(r.ctx, r.tx, "count relations to "+sid, `SELECT kind, count(*) FROM relations WHERE revision = ? AND to_sid = ? GROUP BY kind`,
		[]any{r.rev, sid}, []any{&k, &n}, func() error { out[k] = n; return nil })
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (r *Reader) relations(col, sid string) ([]argument.Relation, error) {
	return r.relationsLimit(col, sid, -1)
}

func (r *Reader) relationsLimit(col, sid string, limit int) ([]argument.Relation, error) {
	var out []argument.Relation
	err := r.eachRelationRow("relations of "+sid, `SELECT from_sid, to_sid, kind, why, confidence FROM relations
		WHERE revision = ? AND `+col+` = ? ORDER BY position LIMIT ?`, []any{r.rev, sid, limit},
		func(rel argument.Relation) error { out = append(out, rel); return nil })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachRelationRow runs query, whose columns are a relation's from_sid,
// to_sid, kind, why and confidence, with args, and calls f with each
// relation; what names the rows in errors.
func (r *Reader) eachRelationRow(what, query string, args []any, f func(argument.Relation) error) error {
	var rel argument.Relation
	return eachRow(r.ctx, r.tx, "load "+what, query, args, []any{&rel.From, &rel.To, &rel.Kind, &rel.Why, &rel.Confidence},
		func() error { return f(rel) })
}

// sids returns the sentence ids that query, whose one column they are,
// gives with args; doing says the work in errors.
func (r *Reader) sids(doing, query string, args ...any) ([]string, error) {
	var out []string
	var sid string
	if err := eachRow(r.ctx, r.tx, doing, query, args, []any{&sid}, func() error { out = append(out, sid); return nil }); err != nil {
		return nil, err
	}
	return out, nil
}

// RelationsFromParagraphs returns the relations from the sentences of the
// paragraphs at positions lo to hi-1, by sentence id, each sentence's in
// the analysis's order (what RelationsFrom returns for each of them), in
// one query (CROSS JOIN keeps SQLite to the paragraphs' order: left to
// choose, it walked every relation of the revision for each batch).
func (r *Reader) RelationsFromParagraphs(lo, hi int) (map[string][]argument.Relation, error) {
	out := make(map[string][]argument.Relation)
	err := r.eachRelationRow(fmt.Sprintf("relations of paragraphs %d to %d", lo, hi), `SELECT rel.from_sid, rel.to_sid, rel.kind, rel.why, rel.confidence
		FROM paragraph_versions AS v
		CROSS JOIN sentences AS s ON s.revision = v.revision AND s.pid = v.pid
		CROSS JOIN relations AS rel ON rel.revision = s.revision AND rel.from_sid = s.sid
		WHERE v.revision = ? AND v.position >= ? AND v.position < ? ORDER BY v.position, s.position, rel.position`, []any{r.rev, lo, hi},
		func(rel argument.Relation) error { out[rel.From] = append(out[rel.From], rel); return nil })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RelationsToFrom returns the first limit relations to sentence sid, in
// the analysis's order, from sentences of the given roles: by the index of
// the relations to a sentence, stopping at the limit (a long essay's
// thesis has tens of thousands).
func (r *Reader) RelationsToFrom(sid string, roles []argument.Role, limit int) ([]argument.Relation, error) {
	if len(roles) == 0 {
		return nil, nil
	}
	args := []any{r.rev, sid}
	for _, role := range roles {
		args = append(args, role)
	}
	args = append(args, limit)
	var out []argument.Relation
	err := r.eachRelationRow("relations to "+sid, `SELECT rel.from_sid, rel.to_sid, rel.kind, rel.why, rel.confidence
		FROM relations AS rel CROSS JOIN sentences AS s ON s.revision = rel.revision AND s.sid = rel.from_sid
		WHERE rel.revision = ? AND rel.to_sid = ? AND s.role IN (?`+strings.Repeat(", ?", len(roles)-1)+`)
		ORDER BY rel.position LIMIT ?`, args,
		func(rel argument.Relation) error { out = append(out, rel); return nil })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Unrelated returns the ids of the first limit sentences of a role, in
// reading order, from which no relation starts (claims that bear on
// nothing). few is as for Claims.
func (r *Reader) Unrelated(role argument.Role, limit int, few bool) ([]string, error) {
	return r.sids(fmt.Sprintf("load unrelated %s sentences", role), `SELECT s.sid FROM `+roleSentences(few)+`
		WHERE s.revision = ? AND s.role = ?
		AND NOT EXISTS (SELECT 1 FROM relations AS rel WHERE rel.revision = s.revision AND rel.from_sid = s.sid)
		ORDER BY v.position, s.position LIMIT ?`, r.rev, role, limit)
}

// EachRelation calls f with every relation of the revision, in order.
func (r *Reader) EachRelation(f func(argument.Relation) error) error {
	return r.eachRelationRow("relations", `SELECT from_sid, to_sid, kind, why, confidence FROM relations
		WHERE revision = ? ORDER BY position`, []any{r.rev}, f)
}

// EachSentenceRole calls f with the id and role of every sentence of the
// revision, in reading order, without their texts.
func (r *Reader) EachSentenceRole(f func(sid string, role argument.Role) error) error {
	return r.EachSentencePlace(true, func(_, _ int, sid string, role argument.Role) error { return f(sid, role) })
}

// EachSentencePlace calls f with every sentence of the revision in
// reading order: its place (its paragraph's position and its own position
// in that paragraph, as in SentenceAt), its id when ids is true ("" when
// not: the exports of the argument need only the places) and its role.
// The paragraphs are walked in order, each one's sentences by the
// (revision, pid, position) index, with no sort: a plain JOIN let SQLite
// read the sentences by role and sort all of them (880,000 at the input
// limit) in a temporary b-tree.
func (r *Reader) EachSentencePlace(ids bool, f func(para, pos int, sid string, role argument.Role) error) error {
	var para, pos int
	var sid string
	var role argument.Role
	return eachRow(r.ctx, r.tx, "load sentence places", sentencePlaces(ids), []any{r.rev}, []any{&para, &pos, &sid, &role},
		func() error { return f(para, pos, sid, role) })
}

// sentencePlaces is EachSentencePlace's query.
func sentencePlaces(ids bool) string {
	sidColumn := "''"
	if ids {
		sidColumn = "s.sid"
	}
	return `SELECT v.position, s.position, ` + sidColumn + `, s.role
		FROM paragraph_versions AS v CROSS JOIN sentences AS s ON s.revision = v.revision AND s.pid = v.pid
		WHERE v.revision = ? ORDER BY v.position, s.position`
}

// Place is where a sentence is in the revision: its paragraph's position
// and its own position in that paragraph (0-based). Text asks SentencesAt
// for its text.
type Place struct {
	Para, Pos int
	Text      bool
}

// SentencesAt returns the sentences at places, in their order, each with
// its id, role, paragraph and place, and its text only where Text is true
// ("" elsewhere), in one query: each found by the paragraph versions' and
// then the sentences' unique index of places. A place with no sentence
// is an error wrapping ErrNotFound. (The Argdown export reads its
// statements so, a few hundred a query, instead of by one query a
// sentence, which took most of its time.)
func (r *Reader) SentencesAt(places []Place) ([]SentenceAt, error) {
	out := make([]SentenceAt, len(places))
	if len(places) == 0 {
		return out, nil
	}
	args := make([]any, 0, 4*len(places)+1)
	for i, p := range places {
		args = append(args, i, p.Para, p.Pos, p.Text)
	}
	args = append(args, r.rev)
	found := 0
	var i int
	var s SentenceAt
	err := eachRow(r.ctx, r.tx, "load sentences by place", sentencesAt(len(places)), args,
		[]any{&i, &s.ID, &s.Text, &s.Role, &s.PID, &s.Para, &s.Pos}, func() error {
			if i < 0 || i >= len(out) {
				return fmt.Errorf("load sentences by place: row %d of %d", i, len(out))
			}
			out[i] = s
			found++
			return nil
		})
	if err != nil {
		return nil, err
	}
	if found != len(places) {
		for i, s := range out {
			if s.ID == "" {
				return nil, fmt.Errorf("sentence %d of the paragraph at %d: %w", places[i].Pos, places[i].Para, ErrNotFound)
			}
		}
	}
	return out, nil
}

// sentencesAt is SentencesAt's query for n places.
func sentencesAt(n int) string {
	return `WITH want (i, para, pos, words) AS (VALUES (?, ?, ?, ?)` + strings.Repeat(`, (?, ?, ?, ?)`, n-1) + `)
		SELECT w.i, s.sid, CASE WHEN w.words THEN s.text ELSE '' END, s.role, s.pid, v.position, s.position
		FROM want AS w
		CROSS JOIN paragraph_versions AS v ON v.revision = ? AND v.position = w.para
		CROSS JOIN sentences AS s ON s.revision = v.revision AND s.pid = v.pid AND s.position = w.pos`
}

// EachRelationPlace calls f with every relation of the revision between
// two of its sentences, in order, with the place of each end (as in
// EachSentencePlace) instead of its id, and its kind: what the exports of
// the argument need, so that they hold no sentence ids to find the places
// by. The relations are walked by their primary key, each end found by
// the sentences' and then the paragraph versions' primary key.
func (r *Reader) EachRelationPlace(f func(fromPara, fromPos, toPara, toPos int, kind argument.RelationKind) error) error {
	var fromPara, fromPos, toPara, toPos int
	var kind argument.RelationKind
	return eachRow(r.ctx, r.tx, "load relation places", relationPlaces, []any{r.rev}, []any{&fromPara, &fromPos, &toPara, &toPos, &kind},
		func() error { return f(fromPara, fromPos, toPara, toPos, kind) })
}

// relationPlaces is EachRelationPlace's query.
const relationPlaces = `SELECT vf.position, sf.position, vt.position, st.position, rel.kind
	FROM relations AS rel
	JOIN sentences AS sf ON sf.revision = rel.revision AND sf.sid = rel.from_sid
	JOIN paragraph_versions AS vf ON vf.pid = sf.pid AND vf.revision = sf.revision
	JOIN sentences AS st ON st.revision = rel.revision AND st.sid = rel.to_sid
	JOIN paragraph_versions AS vt ON vt.pid = st.pid AND vt.revision = st.revision
	WHERE rel.revision = ? ORDER BY rel.position`

// FiguresOf returns the positions (0-based, in the analysis's list) of
// the figures cited in sentence sid, in order.
func (r *Reader) FiguresOf(sid string) ([]int, error) {
	var out []int
	var i int
	err := eachRow(r.ctx, r.tx, "load figures of "+sid, `SELECT position FROM figures WHERE revision = ? AND sentence_sid = ? ORDER BY position`,
		[]any{r.rev, sid}, []any{&i}, func() error { out = append(out, i); return nil })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// EachFigure calls f with the figures at positions lo to hi-1 (hi below
// 0: to the end), in order, each with the paragraph of its sentence (""
// when the revision has no such sentence), read in the same query.
func (r *Reader) EachFigure(lo, hi int, f func(i int, fig argument.Figure, pid string) error) error {
	return r.eachFigure("", lo, hi, f)
}

// EachFigureOfKind calls f as EachFigure does with every figure of one
// kind, in order: the others are passed over inside SQLite (the AIF
// export, which reads only the quotes, walked 221,000 figures through Go
// four times at the input limit).
func (r *Reader) EachFigureOfKind(kind argument.FigureKind, f func(i int, fig argument.Figure, pid string) error) error {
	return r.eachFigure(kind, 0, -1, f)
}

// eachFigure is EachFigure of the figures of kind, or of every kind for
// "".
func (r *Reader) eachFigure(kind argument.FigureKind, lo, hi int, f func(i int, fig argument.Figure, pid string) error) error {
	if hi < 0 {
		hi = int(^uint(0) >> 1)
	}
	ofKind := ""
	args := []any{r.rev, lo, hi}
	if kind != "" {
		ofKind = ` AND f.kind = ?`
		args = append(args, kind)
	}
	rows, err := r.tx.QueryContext(r.ctx, `SELECT f.position, f.sentence_sid, f.kind, f.text, f.value_number, f.value_iso,
		f.counts, f.source, f.speaker, f.speaker_role, f."when", f.qualifier, f.why, f.currency, coalesce(s.pid, '')
		FROM figures AS f LEFT JOIN sentences AS s ON s.revision = f.revision AND s.sid = f.sentence_sid
		WHERE f.revision = ? AND f.position >= ? AND f.position < ?`+ofKind+` ORDER BY f.position`, args...)
	if err != nil {
		return fmt.Errorf("load figures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var fig argument.Figure
		var num sql.NullFloat64
		var iso sql.NullString
		var pid string
		if err := rows.Scan(&i, &fig.Sentence, &fig.Kind, &fig.Text, &num, &iso,
			&fig.Counts, &fig.Source, &fig.Speaker, &fig.SpeakerRole, &fig.When, &fig.Qualifier, &fig.Why, &fig.Currency, &pid); err != nil {
			return fmt.Errorf("load figures: %w", err)
		}
		if num.Valid || iso.Valid {
			fig.Value = argument.Value{Number: num.Float64, ISO: iso.String, Valid: true}
		}
		if err := f(i, fig, pid); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load figures: %w", err)
	}
	return nil
}

// roleSentences is the FROM clause of the reads of the sentences of one
// role in reading order. Of a role that few sentences have (few), they are
// found by the role's index and sorted; of a common one, the paragraphs
// are walked in order and the walk stops at the LIMIT, with no sort (on
// 880,000 sentences, 387,000 of them claims, the first claim took 800 ms
// the one way and 7 ms the other; the 4 thesis sentences 5 ms and 700).
func roleSentences(few bool) string {
	if few {
		return `sentences AS s INDEXED BY sentences_role
		JOIN paragraph_versions AS v ON v.pid = s.pid AND v.revision = s.revision`
	}
	return `paragraph_versions AS v
		CROSS JOIN sentences AS s ON s.revision = v.revision AND s.pid = v.pid`
}

// Claims returns the ids of the sentences of a role (argument.Claim or
// argument.MajorClaim) in reading order, from the offset-th, at most
// limit of them (limit below 0: all). few says that the role is rare (see
// roleSentences): it chooses how, not what.
func (r *Reader) Claims(role argument.Role, offset, limit int, few bool) ([]string, error) {
	return r.sids(fmt.Sprintf("load %s sentences", role), `SELECT s.sid FROM `+roleSentences(few)+`
		WHERE s.revision = ? AND s.role = ? ORDER BY v.position, s.position LIMIT ? OFFSET ?`, r.rev, role, limit, offset)
}

// Mark is the place of a sentence in reading order: its paragraph's
// position and its own in the paragraph. Marks let a deep page of a list
// start where it starts instead of walking to its offset (keyset paging).
type Mark struct{ Para, Pos int }

// RoleMarks returns the place of every every-th sentence of a role in
// reading order (the 0th, the every-th, …), walking them once: for 385,000
// claims, 1,928 marks of a page of 200 each.
func (r *Reader) RoleMarks(role argument.Role, every int, few bool) ([]Mark, error) {
	if every < 1 {
		return nil, fmt.Errorf("marks of %s sentences: every %d is not positive", role, every)
	}
	var out []Mark
	var m Mark
	n := 0
	err := eachRow(r.ctx, r.tx, fmt.Sprintf("load marks of %s sentences", role), `SELECT v.position, s.position FROM `+roleSentences(few)+`
		WHERE s.revision = ? AND s.role = ? ORDER BY v.position, s.position`, []any{r.rev, role}, []any{&m.Para, &m.Pos},
		func() error {
			if n%every == 0 {
				out = append(out, m)
			}
			n++
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ClaimsFrom returns what Claims returns, counting the offset from the
// sentence of the role at mark instead of from the first: the list's
// sentences from that place on, by the paragraphs' index, stopping at the
// limit. few is as for Claims.
func (r *Reader) ClaimsFrom(role argument.Role, mark Mark, offset, limit int, few bool) ([]string, error) {
	return r.sids(fmt.Sprintf("load %s sentences", role), `SELECT s.sid FROM `+roleSentences(few)+`
		WHERE s.revision = ? AND s.role = ? AND v.position >= ? AND (v.position > ? OR s.position >= ?)
		ORDER BY v.position, s.position LIMIT ? OFFSET ?`, r.rev, role, mark.Para, mark.Para, mark.Pos, limit, offset)
}

// ClaimNear returns the sentence of the role nearest before (before set)
// or after sentence sid, whose paragraph is at position para, in reading
// order; "" when there is none. few is as for Claims. It looks first in
// the NearWindow paragraphs next to para, by the paragraphs' index, where
// the nearest claim of an essay that has many is (a few sentences away),
// and only then further: for a rare role by its index, which reads every
// sentence of the role (a claim page of the 1,834-paragraph report read
// its 2,778 claims, so that an export of its claim pages was quadratic).
func (r *Reader) ClaimNear(role argument.Role, sid string, para int, before, few bool) (string, error) {
	var pos int
	if err := r.tx.QueryRowContext(r.ctx, `SELECT position FROM sentences WHERE revision = ? AND sid = ?`, r.rev, sid).Scan(&pos); err != nil {
		return "", fmt.Errorf("load sentence %s: %w", sid, err)
	}
	cmp, order, lo, hi := ">", "ASC", para, para+NearWindow
	if before {
		cmp, order, lo, hi = "<", "DESC", para-NearWindow, para
	}
	near := func(from string, window bool) (string, error) {
		where := ``
		args := []any{r.rev, role, para, pos}
		if window {
			where = ` AND v.position BETWEEN ? AND ?`
			args = append(args, lo, hi)
		}
		var out string
		err := r.tx.QueryRowContext(r.ctx, `SELECT s.sid FROM `+from+`
			WHERE s.revision = ? AND s.role = ? AND (v.position, s.position) `+cmp+` (?, ?)`+where+`
			ORDER BY v.position `+order+`, s.position `+order+` LIMIT 1`, args...).Scan(&out)
		if errors.Is(err, sql.ErrNoRows) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("load the %s near %s: %w", role, sid, err)
		}
		return out, nil
	}
	if out, err := near(roleSentences(false), true); out != "" || err != nil {
		return out, err
	}
	return near(roleSentences(few), false)
}

// NearWindow is how many paragraphs ClaimNear looks through next to a
// sentence's before it looks further.
const NearWindow = 64

// History returns the earlier texts of current paragraph pid, oldest
// first, as Snapshot.History holds them; nil when its text never changed.
func (r *Reader) History(pid string) ([]ParagraphVersion, error) {
	rows, err := r.tx.QueryContext(r.ctx, `SELECT pid, revision, position, kind, text
		FROM paragraph_versions WHERE pid = ? AND revision <= ? ORDER BY revision`, pid, r.rev)
	if err != nil {
		return nil, fmt.Errorf("load history of %s: %w", pid, err)
	}
	defer rows.Close()
	var vs []ParagraphVersion
	current := ""
	for rows.Next() {
		var v ParagraphVersion
		if err := rows.Scan(&v.PID, &v.Revision, &v.Position, &v.Kind, &v.Text); err != nil {
			return nil, fmt.Errorf("load history of %s: %w", pid, err)
		}
		if v.Revision == r.rev {
			current = v.Text
			continue
		}
		if len(vs) > 0 && vs[len(vs)-1].Text == v.Text {
			continue
		}
		vs = append(vs, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load history of %s: %w", pid, err)
	}
	if len(vs) > 0 && vs[len(vs)-1].Text == current {
		vs = vs[:len(vs)-1]
	}
	if len(vs) == 0 {
		return nil, nil
	}
	return vs, nil
}

// Removed returns the last version of paragraph pid when it is not in the
// revision, and the paragraph it was merged into ("" for none); an error
// wrapping ErrNotFound when it is current or was never issued.
func (r *Reader) Removed(pid string) (ParagraphVersion, string, error) {
	var v ParagraphVersion
	var into sql.NullString
	err := r.tx.QueryRowContext(r.ctx, `SELECT v.pid, v.revision, v.position, v.kind, v.text, p.merged_into
		FROM paragraphs AS p
		JOIN paragraph_versions AS v ON v.pid = p.pid AND v.revision = p.last_revision
		WHERE p.pid = ? AND p.last_revision < ?`, pid, r.rev).Scan(&v.PID, &v.Revision, &v.Position, &v.Kind, &v.Text, &into)
	if errors.Is(err, sql.ErrNoRows) {
		return ParagraphVersion{}, "", fmt.Errorf("removed paragraph %s: %w", pid, ErrNotFound)
	}
	if err != nil {
		return ParagraphVersion{}, "", fmt.Errorf("load removed paragraph %s: %w", pid, err)
	}
	return v, into.String, nil
}

// RemovedAll returns the last version of every paragraph not in the
// revision, in order of pid, as Snapshot.Removed holds them.
func (r *Reader) RemovedAll() ([]ParagraphVersion, error) {
	removed, _, err := loadRemoved(r.ctx, r.tx, r.rev)
	return removed, err
}

// Neighbours returns the current paragraphs nearest before and after the
// place removed paragraph v last stood in, as Snapshot.Neighbours does.
func (r *Reader) Neighbours(v ParagraphVersion) (Neighbours, error) {
	var n Neighbours
	for _, side := range []struct {
		to    *string
		where string
	}{
		{&n.Before, `v.position < ? ORDER BY v.position DESC`},
		{&n.After, `v.position > ? ORDER BY v.position`},
	} {
		err := r.tx.QueryRowContext(r.ctx, `SELECT v.pid FROM paragraph_versions AS v
			JOIN paragraph_versions AS c ON c.pid = v.pid AND c.revision = ?
			WHERE v.revision = ? AND `+side.where+` LIMIT 1`, r.rev, v.Revision, v.Position).Scan(side.to)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return Neighbours{}, fmt.Errorf("load neighbours of %s: %w", v.PID, err)
		}
	}
	return n, nil
}

// RevisionChange is a change with the number of its revision.
type RevisionChange struct {
	Revision int
	Change
}

// ChangesOf returns every change recorded against paragraph pid, oldest
// first.
func (r *Reader) ChangesOf(pid string) ([]RevisionChange, error) {
	rows, err := r.tx.QueryContext(r.ctx, `SELECT revision, pid, what, note FROM changes
		WHERE pid = ? AND revision <= ? ORDER BY revision, position`, pid, r.rev)
	if err != nil {
		return nil, fmt.Errorf("load changes of %s: %w", pid, err)
	}
	defer rows.Close()
	var out []RevisionChange
	for rows.Next() {
		var c RevisionChange
		if err := rows.Scan(&c.Revision, &c.PID, &c.What, &c.Note); err != nil {
			return nil, fmt.Errorf("load changes of %s: %w", pid, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load changes of %s: %w", pid, err)
	}
	return out, nil
}

// Changes returns the first limit changes of revision rev, in order, and
// how many it has.
func (r *Reader) Changes(rev, limit int) ([]Change, int, error) {
	var total int
	if err := r.tx.QueryRowContext(r.ctx, `SELECT count(*) FROM changes WHERE revision = ?`, rev).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count changes of revision %d: %w", rev, err)
	}
	rows, err := r.tx.QueryContext(r.ctx, `SELECT pid, what, note FROM changes WHERE revision = ? ORDER BY position LIMIT ?`, rev, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("load changes of revision %d: %w", rev, err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.PID, &c.What, &c.Note); err != nil {
			return nil, 0, fmt.Errorf("load changes of revision %d: %w", rev, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("load changes of revision %d: %w", rev, err)
	}
	return out, total, nil
}

// Versions returns each text paragraph pid had, as DB.Versions does, in
// the reader's transaction.
func (r *Reader) Versions(pid string) ([]Version, error) {
	return versionsOf(r.ctx, r.tx, pid)
}

// FirstOfKind returns the id of the first paragraph of a kind in reading
// order, "" when there is none.
func (r *Reader) FirstOfKind(kind essay.Kind) (string, error) {
	var pid string
	err := r.tx.QueryRowContext(r.ctx, `SELECT pid FROM paragraph_versions WHERE revision = ? AND kind = ?
		ORDER BY position LIMIT 1`, r.rev, kind).Scan(&pid)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("load the first %s paragraph: %w", kind, err)
	}
	return pid, nil
}

// FirstRevised returns the first current paragraph, in reading order,
// whose text changed, with its earlier texts; "" when there is none.
func (r *Reader) FirstRevised() (string, []ParagraphVersion, error) {
	var pid string
	var pos int
	err := r.tx.QueryRowContext(r.ctx, `SELECT c.pid, c.position FROM paragraph_versions AS c
		JOIN paragraph_versions AS v ON v.pid = c.pid AND v.revision < c.revision AND v.text <> c.text
		WHERE c.revision = ? ORDER BY c.position LIMIT 1`, r.rev).Scan(&pid, &pos)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, fmt.Errorf("load revised paragraphs: %w", err)
	}
	vs, err := r.History(pid)
	return pid, vs, err
}
