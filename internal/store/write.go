package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/argmap/argmap/internal/argument"
)

// This file writes a planned revision into the database, in one
// transaction.

// writeRevision matches a to the database's newest revision and, unless
// nothing changed, writes it as a new revision, all in one transaction.
// It renumbers a in place with the permanent ids, and returns a function
// that gives a its provisional ids back, for a caller whose publishing
// fails; on an error of its own it has done so already.
func writeRevision(ctx context.Context, db *sql.DB, a *argument.Analysis, src Source, opts IngestOptions, now time.Time) (*Result, func(), error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	st, err := loadState(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	checkShared := st.cur != nil && !opts.Rewrite && st.cur.SHA256 != src.SHA256
	if checkShared {
		if err := quickRefusal(st, a.Paragraphs, src); err != nil {
			return nil, nil, err
		}
	}
	p, err := makePlan(ctx, tx, st, a, opts.Matched.reuse(st.cur, len(st.olds), src, a.Paragraphs))
	if err != nil {
		return nil, nil, err
	}
	if checkShared {
		of := min(len(a.Paragraphs), len(st.olds))
		if tooFewShared(p.shared, of) {
			return nil, nil, &UnrelatedError{Source: src.Name, Shared: p.shared, Of: of, Current: *st.cur, Title: st.title}
		}
	}
	if src.Meta, err = carryMeta(ctx, tx, st.cur, src.Meta); err != nil {
		return nil, nil, err
	}
	undo := renumber(a, p)
	if st.cur != nil && st.cur.SHA256 == src.SHA256 {
		// The same file again: unchanged when its metadata and its
		// analysis are too. Only then is the newest revision compared,
		// row by row, with a as renumbered in place (reading it back
		// whole, or copying a, would hold a long essay's analysis twice).
		same, err := sameMeta(ctx, tx, st.cur.Number, src.Meta)
		if err == nil && same {
			same, err = sameAsStored(ctx, tx, st.cur.Number, a)
		}
		if err != nil {
			undo()
			return nil, nil, err
		}
		if same {
			return &Result{Revision: st.cur.Number, Changed: false}, undo, nil
		}
	}
	rev := 1
	if st.cur != nil {
		rev = st.cur.Number + 1
	}
	if err := insertRevision(ctx, tx, rev, now, src, a, p); err != nil {
		undo()
		return nil, nil, fmt.Errorf("write revision %d: %w", rev, err)
	}
	if err := tx.Commit(); err != nil {
		undo()
		return nil, nil, fmt.Errorf("commit revision %d: %w", rev, err)
	}
	return &Result{Revision: rev, Changed: true, Changes: p.changes}, undo, nil
}

// renumber gives a the permanent ids of plan p in place (a copy of a whole
// long essay's analysis would cost more memory than the rest of the
// ingest), and returns a function that puts the provisional ids back. It
// keeps only the ids that change: none on a database's first ingest.
func renumber(a *argument.Analysis, p *plan) func() {
	type saved struct {
		field *string
		was   string
	}
	var undo []saved
	save := func(field *string) { undo = append(undo, saved{field, *field}) }
	moved := make(map[string]bool)
	for i := range a.Paragraphs {
		para := &a.Paragraphs[i]
		if para.ID != p.ids[i] {
			save(&para.ID)
		}
		for j := range para.Sentences {
			s := &para.Sentences[j]
			// as argument.Analysis.Renumber gives it
			next, ok := p.sids[s.ID]
			if !ok && argument.IsSentenceID(s.ID, p.ids[i], j+1) {
				continue
			}
			if ok && next == s.ID {
				continue
			}
			moved[s.ID] = true
			save(&s.ID)
		}
	}
	for i := range a.Paragraphs {
		for j := range a.Paragraphs[i].Sentences {
			if s := &a.Paragraphs[i].Sentences[j]; moved[s.Restates] {
				save(&s.Restates)
			}
		}
	}
	for k := range a.Relations {
		r := &a.Relations[k]
		if moved[r.From] {
			save(&r.From)
		}
		if moved[r.To] {
			save(&r.To)
		}
	}
	for k := range a.Figures {
		if f := &a.Figures[k]; moved[f.Sentence] {
			save(&f.Sentence)
		}
	}
	a.Renumber(p.ids, p.sids)
	return func() {
		for _, s := range undo {
			*s.field = s.was
		}
	}
}

// insertRevision writes revision rev: the analysis a (with permanent ids),
// its paragraphs' ids and its changes.
func insertRevision(ctx context.Context, tx *sql.Tx, rev int, now time.Time, src Source, a *argument.Analysis, p *plan) (err error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO revisions (number, created, source, sha256, title, author)
		VALUES (?, ?, ?, ?, ?, ?)`, rev, now.UTC().Format(time.RFC3339Nano), src.Name, src.SHA256, a.Title, a.Author); err != nil {
		return fmt.Errorf("insert revision: %w", err)
	}
	if err := writeMeta(ctx, tx, rev, src.Meta); err != nil {
		return err
	}
	var stmts []*sql.Stmt
	defer func() {
		for _, st := range stmts {
			if cerr := st.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("close statement: %w", cerr)
			}
		}
	}()
	prepare := func(query string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		if st, err = tx.PrepareContext(ctx, query); err != nil {
			err = fmt.Errorf("prepare %s: %w", strings.Join(strings.Fields(query)[:3], " "), err)
			return nil
		}
		stmts = append(stmts, st)
		return st
	}
	var (
		newPara   = prepare(`INSERT INTO paragraphs (pid, first_revision, last_revision, max_sentence) VALUES (?, ?, ?, ?)`)
		keepPara  = prepare(`UPDATE paragraphs SET last_revision = ?, max_sentence = ? WHERE pid = ?`)
		version   = prepare(`INSERT INTO paragraph_versions (pid, revision, position, kind, text) VALUES (?, ?, ?, ?, ?)`)
		sentence  = prepare(`INSERT INTO sentences (revision, sid, pid, position, text, role, why, confidence, restates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		mergePara = prepare(`UPDATE paragraphs SET merged_into = ? WHERE pid = ?`)
		relation  = prepare(`INSERT INTO relations (revision, position, from_sid, to_sid, kind, why, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)`)
		figure    = prepare(`INSERT INTO figures (revision, position, sentence_sid, kind, text, value_number, value_iso,
			counts, source, speaker, speaker_role, "when", qualifier, why, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		change = prepare(`INSERT INTO changes (revision, position, pid, what, note) VALUES (?, ?, ?, ?, ?)`)
	)
	if err != nil {
		return err
	}

	// The driver runs a statement whose context can be cancelled in a
	// goroutine of its own, which costs more than inserting the row; the
	// rows are written with a context that cannot be, and ctx is checked
	// before each (a cancelled ctx also rolls the transaction back).
	live := ctx
	ctx = context.WithoutCancel(ctx)
	for i, para := range a.Paragraphs {
		if err = live.Err(); err != nil {
			return err
		}
		if p.isNew[i] {
			_, err = newPara.ExecContext(ctx, para.ID, rev, rev, p.maxSentence[i])
		} else {
			_, err = keepPara.ExecContext(ctx, rev, p.maxSentence[i], para.ID)
		}
		if err != nil {
			return fmt.Errorf("record paragraph %s: %w", para.ID, err)
		}
		if _, err = version.ExecContext(ctx, para.ID, rev, i, para.Kind, para.Text); err != nil {
			return fmt.Errorf("insert paragraph %s: %w", para.ID, err)
		}
		for j, s := range para.Sentences {
			if _, err = sentence.ExecContext(ctx, rev, s.ID, para.ID, j, s.Text, s.Role, s.Why, s.Confidence, s.Restates); err != nil {
				return fmt.Errorf("insert sentence %s: %w", s.ID, err)
			}
		}
	}
	for from, into := range p.merged {
		if err = live.Err(); err != nil {
			return err
		}
		if _, err = mergePara.ExecContext(ctx, into, from); err != nil {
			return fmt.Errorf("record merge of paragraph %s: %w", from, err)
		}
	}
	for k, r := range a.Relations {
		if err = live.Err(); err != nil {
			return err
		}
		if _, err = relation.ExecContext(ctx, rev, k, r.From, r.To, r.Kind, r.Why, r.Confidence); err != nil {
			return fmt.Errorf("insert relation %s → %s: %w", r.From, r.To, err)
		}
	}
	for k, f := range a.Figures {
		if err = live.Err(); err != nil {
			return err
		}
		var num, iso any
		if f.Value.Valid {
			if f.Value.ISO != "" {
				iso = f.Value.ISO
			}
			if f.Value.ISO == "" || f.Value.Number != 0 {
				num = f.Value.Number
			}
		}
		if _, err = figure.ExecContext(ctx, rev, k, f.Sentence, f.Kind, f.Text, num, iso,
			f.Counts, f.Source, f.Speaker, f.SpeakerRole, f.When, f.Qualifier, f.Why, f.Currency); err != nil {
			return fmt.Errorf("insert figure %q of sentence %s: %w", f.Text, f.Sentence, err)
		}
	}
	for k, c := range p.changes {
		if err = live.Err(); err != nil {
			return err
		}
		if _, err = change.ExecContext(ctx, rev, k, c.PID, c.What, c.Note); err != nil {
			return fmt.Errorf("record change to paragraph %s: %w", c.PID, err)
		}
	}
	if _, err = tx.ExecContext(ctx, `UPDATE pid_counter SET last = ? WHERE id = 1`, p.counter); err != nil {
		return fmt.Errorf("update paragraph id counter: %w", err)
	}
	return reindexSearch(ctx, tx, rev)
}

// cloneAnalysis returns a deep copy of a, with empty rather than nil lists.
func cloneAnalysis(a *argument.Analysis) *argument.Analysis {
	c := &argument.Analysis{
		Title:      a.Title,
		Author:     a.Author,
		Paragraphs: make([]argument.Paragraph, len(a.Paragraphs)),
		Relations:  append([]argument.Relation{}, a.Relations...),
		Figures:    append([]argument.Figure{}, a.Figures...),
	}
	for i, p := range a.Paragraphs {
		p.Sentences = append([]argument.Sentence{}, p.Sentences...)
		c.Paragraphs[i] = p
	}
	return c
}

// parseTime reads a time stored as RFC 3339 text.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse time %q: %w", s, err)
	}
	return t.UTC(), nil
}
