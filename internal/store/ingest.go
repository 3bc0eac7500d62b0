package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// Source names the file an analysis was made from.
type Source struct {
	// Name is the file name, recorded as Revision.Source.
	Name string
	// SHA256 is the hex digest of the file's bytes.
	SHA256 string
	// Meta is what citations say about the essay (front matter, ingest
	// flags); recorded with the revision (meta.go).
	Meta essay.Meta
}

// Result is what Ingest did.
type Result struct {
	// Revision is the number of the database's newest revision: the one
	// Ingest made, or the existing one when nothing changed.
	Revision int `json:"revision"`
	// Changed is false when the file and its analysis were those of the
	// newest revision already, so that no revision was made.
	Changed bool `json:"changed"`
	// Changes says what the new revision did, one entry a paragraph.
	Changes []Change `json:"changes,omitempty"`
}

// Ingest writes the analysis a of the file src into the argmap database at
// dbPath, creating the database when dbPath does not exist, and publishes
// it as a new revision.
//
// The analysis arrives with provisional ids (argument.PositionalIDs). On a
// database's first ingest they become the permanent ids as they are. Later,
// every paragraph is matched to a paragraph of the newest revision (same
// text, else similar text, else as a part of a split or merge) and keeps
// its id; the rest get ids never issued before. Sentences keep their ids
// when their text is unchanged. On success a is renumbered in place with
// the permanent ids (via argument.Analysis.Renumber).
//
// Ingest is all or nothing: it writes a copy of the database next to it and
// renames the copy over dbPath only when everything is written and synced,
// so after a failure, or a kill at any moment, dbPath is exactly as it was.
// When the file's digest and its analysis equal the newest revision's, it
// makes no revision and leaves dbPath untouched (Result.Changed is false).
// A dbPath that is not an argmap database is refused, untouched, with an
// error wrapping ErrNotArgmap.
func Ingest(ctx context.Context, dbPath string, a *argument.Analysis, src Source) (*Result, error) {
	res, err := ingest(ctx, dbPath, a, src)
	if err != nil {
		return nil, fmt.Errorf("ingest %s into %s: %w", src.Name, dbPath, err)
	}
	return res, nil
}

func ingest(ctx context.Context, dbPath string, a *argument.Analysis, src Source) (*Result, error) {
	if a == nil {
		return nil, errors.New("no analysis")
	}
	if err := validate(a); err != nil {
		return nil, fmt.Errorf("invalid analysis: %w", err)
	}
	path, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real // replace a symlink's target, not the link
	}
	info, err := os.Stat(path)
	exists := err == nil
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		if err := checkFile(path, info); err != nil {
			return nil, err
		}
	}

	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("create temporary file: %w", err)
	}
	tmpPath := tmp.Name()
	published := false
	defer func() {
		if !published {
			_ = tmp.Close()
			_ = os.Remove(tmpPath)
			_ = os.Remove(tmpPath + "-journal")
		}
	}()
	mode := fs.FileMode(0o644)
	if exists {
		mode = info.Mode().Perm()
		if err := copyFile(tmp, path); err != nil {
			return nil, err
		}
	}
	if err := tmp.Chmod(mode); err != nil {
		return nil, fmt.Errorf("set mode of temporary file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("write temporary file: %w", err)
	}

	res, out, publish, err := ingestFile(ctx, tmpPath, a, src)
	if err != nil {
		return nil, err
	}
	if publish {
		if err := syncFile(tmpPath); err != nil {
			return nil, err
		}
		if err := unchangedSince(path, info, exists); err != nil {
			return nil, err
		}
		if err := os.Rename(tmpPath, path); err != nil {
			return nil, fmt.Errorf("replace database: %w", err)
		}
		published = true
		if err := syncDir(dir); err != nil {
			return nil, err
		}
	}
	*a = *out
	return res, nil
}

// copyFile copies the file at path into dst.
func copyFile(dst *os.File, path string) error {
	src, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	defer src.Close()
	if _, err := io.Copy(dst, src); err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	return nil
}

// unchangedSince makes sure no other ingest replaced the database at path
// while this one was writing its copy.
func unchangedSince(path string, before os.FileInfo, existed bool) error {
	now, err := os.Stat(path)
	switch {
	case !existed && errors.Is(err, fs.ErrNotExist):
		return nil
	case !existed && err == nil:
		return errors.New("database was created by someone else during the ingest")
	case err != nil:
		return err
	case !os.SameFile(before, now) || !before.ModTime().Equal(now.ModTime()) || before.Size() != now.Size():
		return errors.New("database changed during the ingest")
	}
	return nil
}

// syncFile flushes the file at path to stable storage.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("sync temporary file: %w", err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return fmt.Errorf("sync temporary file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sync temporary file: %w", err)
	}
	return nil
}

// syncDir flushes a directory, making a rename in it durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

// ingestFile migrates the database file at path (a private copy) and
// writes the revision into it. It returns the renumbered analysis and
// whether the file now differs from the database it copies.
func ingestFile(ctx context.Context, path string, a *argument.Analysis, src Source) (*Result, *argument.Analysis, bool, error) {
	// The copy is private and is thrown away on any failure, so it needs
	// no journal on disk and no syncs before the one fsync at the end.
	db, err := sql.Open("sqlite3", dsn(path, "_foreign_keys=1&_journal_mode=MEMORY&_synchronous=OFF&_txlock=immediate"))
	if err != nil {
		return nil, nil, false, fmt.Errorf("open temporary database: %w", err)
	}
	db.SetMaxOpenConns(1)
	migrated, err := migrate(ctx, db)
	if err != nil {
		_ = db.Close()
		return nil, nil, false, fmt.Errorf("migrate: %w", err)
	}
	res, out, err := writeRevision(ctx, db, a, src, time.Now().UTC())
	if err != nil {
		_ = db.Close()
		return nil, nil, false, err
	}
	if err := db.Close(); err != nil {
		return nil, nil, false, fmt.Errorf("close temporary database: %w", err)
	}
	return res, out, res.Changed || migrated > 0, nil
}

// state is what Ingest needs to know of a database before it writes.
type state struct {
	// cur is the newest revision, nil in a new database.
	cur *Revision
	// analysis is the newest revision's analysis.
	analysis *argument.Analysis
	// maxSentence has every pid ever issued, with the highest sentence
	// number ever used in it.
	maxSentence map[string]int
	// counter is the highest numeric pid ever issued.
	counter int
}

func loadState(ctx context.Context, q queryer) (*state, error) {
	st := &state{maxSentence: make(map[string]int)}
	var r Revision
	var created string
	err := q.QueryRowContext(ctx, `SELECT number, created, source, sha256
		FROM revisions ORDER BY number DESC LIMIT 1`).Scan(&r.Number, &created, &r.Source, &r.SHA256)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, fmt.Errorf("load newest revision: %w", err)
	default:
		if r.Created, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("load revision %d: %w", r.Number, err)
		}
		st.cur = &r
		if st.analysis, err = loadAnalysis(ctx, q, r.Number); err != nil {
			return nil, err
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT pid, max_sentence FROM paragraphs`)
	if err != nil {
		return nil, fmt.Errorf("load paragraph ids: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pid string
		var n int
		if err := rows.Scan(&pid, &n); err != nil {
			return nil, fmt.Errorf("load paragraph ids: %w", err)
		}
		st.maxSentence[pid] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load paragraph ids: %w", err)
	}
	if err := q.QueryRowContext(ctx, `SELECT last FROM pid_counter WHERE id = 1`).Scan(&st.counter); err != nil {
		return nil, fmt.Errorf("load paragraph id counter: %w", err)
	}
	return st, nil
}

// sentenceHistory returns the ids and texts of every sentence paragraph
// pid ever had, newest revision first, each id once.
func sentenceHistory(ctx context.Context, q queryer, pid string) ([][2]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT sid, text FROM sentences
		WHERE pid = ? ORDER BY revision DESC, position`, pid)
	if err != nil {
		return nil, fmt.Errorf("load sentences of paragraph %s: %w", pid, err)
	}
	defer rows.Close()
	seen := make(map[string]bool)
	var out [][2]string
	for rows.Next() {
		var sid, text string
		if err := rows.Scan(&sid, &text); err != nil {
			return nil, fmt.Errorf("load sentences of paragraph %s: %w", pid, err)
		}
		if !seen[sid] {
			seen[sid] = true
			out = append(out, [2]string{sid, text})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load sentences of paragraph %s: %w", pid, err)
	}
	return out, nil
}

// plan is how a new revision's ids are given and what it changes.
type plan struct {
	ids         []string          // permanent pid of each paragraph
	sids        map[string]string // provisional sentence id → permanent
	isNew       []bool            // whether the paragraph's pid is newly issued
	maxSentence []int             // the paragraph's highest sentence number after this revision
	merged      map[string]string // pid of an old paragraph → pid it was merged into
	changes     []Change
	counter     int
}

// makePlan gives the paragraphs and sentences of a their permanent ids.
func makePlan(ctx context.Context, q queryer, st *state, a *argument.Analysis) (*plan, error) {
	n := len(a.Paragraphs)
	p := &plan{
		ids:         make([]string, n),
		sids:        make(map[string]string),
		isNew:       make([]bool, n),
		maxSentence: make([]int, n),
		merged:      make(map[string]string),
		counter:     st.counter,
	}
	if st.cur == nil {
		// First ingest: the provisional ids become permanent.
		for i, para := range a.Paragraphs {
			if !validPID.MatchString(para.ID) {
				return nil, fmt.Errorf("paragraph %d: id %q is not made of letters, digits, '_' and '-'", i+1, para.ID)
			}
			p.ids[i] = para.ID
			p.isNew[i] = true
			if k, ok := numericPID(para.ID); ok && k > p.counter {
				p.counter = k
			}
			for j, s := range para.Sentences {
				p.sids[s.ID] = argument.SentenceID(para.ID, j+1)
			}
			p.maxSentence[i] = len(para.Sentences)
			p.changes = append(p.changes, Change{PID: para.ID, What: "added"})
		}
		return p, nil
	}

	olds := st.analysis.Paragraphs
	oldBlocks := make([]block, len(olds))
	for j, o := range olds {
		oldBlocks[j] = newBlock(o.Kind, o.Text)
	}
	newBlocks := make([]block, n)
	for i, para := range a.Paragraphs {
		newBlocks[i] = newBlock(para.Kind, para.Text)
	}
	m := matchBlocks(oldBlocks, newBlocks)

	issued := make(map[string]bool, len(st.maxSentence))
	for pid := range st.maxSentence {
		issued[pid] = true
	}
	for i, j := range m.newToOld {
		if j >= 0 {
			p.ids[i] = olds[j].ID
		}
	}
	for i, para := range a.Paragraphs {
		if p.ids[i] == "" {
			p.ids[i] = p.issue(para.Kind, issued)
			p.isNew[i] = true
		}
	}

	for i, para := range a.Paragraphs {
		pid := p.ids[i]
		next := 0
		byText := make(map[string][]string)
		if !p.isNew[i] {
			next = st.maxSentence[pid]
			hist, err := sentenceHistory(ctx, q, pid)
			if err != nil {
				return nil, err
			}
			for _, h := range hist {
				byText[h[1]] = append(byText[h[1]], h[0])
			}
		}
		for _, s := range para.Sentences {
			if old := byText[s.Text]; len(old) > 0 {
				p.sids[s.ID] = old[0]
				byText[s.Text] = old[1:]
				continue
			}
			next++
			p.sids[s.ID] = argument.SentenceID(pid, next)
		}
		p.maxSentence[i] = next
	}

	p.changes = describe(m, oldBlocks, newBlocks, olds, p.ids)
	for j, i := range m.mergedInto {
		p.merged[olds[j].ID] = p.ids[i]
	}
	return p, nil
}

// validPID is what a permanent paragraph id may be made of: it appears in
// URLs and, followed by a dot and a number, in sentence ids.
var validPID = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// issue returns a paragraph id never issued before: the kind's name for a
// title or standfirst when that name is free, else the next number.
func (p *plan) issue(kind essay.Kind, issued map[string]bool) string {
	var id string
	switch {
	case kind == essay.Title && !issued[argument.TitleID]:
		id = argument.TitleID
	case kind == essay.Standfirst && !issued[argument.StandfirstID]:
		id = argument.StandfirstID
	default:
		for {
			p.counter++
			id = strconv.Itoa(p.counter)
			if !issued[id] {
				break
			}
		}
	}
	issued[id] = true
	return id
}

// describe says what the matching m did to each paragraph: present ones in
// their new order, then those that are gone in their old order.
func describe(m matching, old, cur []block, olds []argument.Paragraph, ids []string) []Change {
	var changes []Change
	add := func(pid, what, note string) { changes = append(changes, Change{PID: pid, What: what, Note: note}) }
	moved := movedParagraphs(m.newToOld)
	where := func(i int) string {
		if i == 0 {
			return "moved to the start"
		}
		return "moved to after ¶" + ids[i-1]
	}
	for i := range cur {
		pid := ids[i]
		j := m.newToOld[i]
		if j < 0 {
			if from, ok := m.splitFrom[i]; ok {
				add(pid, "added", "split off from ¶"+olds[from].ID)
			} else {
				add(pid, "added", "")
			}
			continue
		}
		if parts, ok := m.splitOf(j); ok {
			add(pid, "split", "split: the rest is now "+pilcrows(parts, ids))
			continue
		}
		if parts := m.mergedFrom(i); len(parts) > 0 {
			oldIDs := make([]string, len(olds))
			for k, o := range olds {
				oldIDs[k] = o.ID
			}
			add(pid, "edited", pilcrows(parts, oldIDs)+" merged into it")
			continue
		}
		var notes []string
		if cur[i].kind != old[j].kind {
			notes = append(notes, fmt.Sprintf("now a %s, was a %s", cur[i].kind, old[j].kind))
		}
		switch {
		case cur[i].text != old[j].text || cur[i].kind != old[j].kind:
			if moved[i] {
				notes = append(notes, where(i))
			}
			add(pid, "edited", strings.Join(notes, "; "))
		case moved[i]:
			add(pid, "moved", where(i))
		}
	}
	for j := range old {
		if m.oldToNew[j] >= 0 {
			continue
		}
		if into, ok := m.mergedInto[j]; ok {
			add(olds[j].ID, "merged", "merged into ¶"+ids[into])
		} else {
			add(olds[j].ID, "removed", "")
		}
	}
	return changes
}

// pilcrows names paragraphs: "¶4", "¶4 and ¶5", "¶4, ¶5 and ¶6".
func pilcrows(idx []int, ids []string) string {
	names := make([]string, len(idx))
	for k, i := range idx {
		names[k] = "¶" + ids[i]
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// movedParagraphs marks the kept paragraphs that changed places: those
// outside a longest run of kept paragraphs still in their old order.
func movedParagraphs(newToOld []int) []bool {
	var kept []int // new indices of kept paragraphs
	for i, j := range newToOld {
		if j >= 0 {
			kept = append(kept, i)
		}
	}
	// length[k] is the longest increasing run ending at kept[k]; prev links it.
	length := make([]int, len(kept))
	prev := make([]int, len(kept))
	best := -1
	for k := range kept {
		length[k], prev[k] = 1, -1
		for l := 0; l < k; l++ {
			if newToOld[kept[l]] < newToOld[kept[k]] && length[l]+1 > length[k] {
				length[k], prev[k] = length[l]+1, l
			}
		}
		if best < 0 || length[k] > length[best] {
			best = k
		}
	}
	moved := make([]bool, len(newToOld))
	for _, i := range kept {
		moved[i] = true
	}
	for k := best; k >= 0; k = prev[k] {
		moved[kept[k]] = false
	}
	return moved
}

// writeRevision matches a to the database's newest revision and, unless
// nothing changed, writes it as a new revision, all in one transaction.
// It returns the renumbered copy of a.
func writeRevision(ctx context.Context, db *sql.DB, a *argument.Analysis, src Source, now time.Time) (*Result, *argument.Analysis, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	st, err := loadState(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	p, err := makePlan(ctx, tx, st, a)
	if err != nil {
		return nil, nil, err
	}
	out := cloneAnalysis(a)
	out.Renumber(p.ids, p.sids)
	if src.Meta, err = carryMeta(ctx, tx, st.cur, src.Meta); err != nil {
		return nil, nil, err
	}
	if st.cur != nil && st.cur.SHA256 == src.SHA256 && reflect.DeepEqual(out, st.analysis) {
		same, err := sameMeta(ctx, tx, st.cur.Number, src.Meta)
		if err != nil {
			return nil, nil, err
		}
		if same {
			return &Result{Revision: st.cur.Number, Changed: false}, out, nil
		}
	}
	rev := 1
	if st.cur != nil {
		rev = st.cur.Number + 1
	}
	if err := insertRevision(ctx, tx, rev, now, src, out, p); err != nil {
		return nil, nil, fmt.Errorf("write revision %d: %w", rev, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, fmt.Errorf("commit revision %d: %w", rev, err)
	}
	return &Result{Revision: rev, Changed: true, Changes: p.changes}, out, nil
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
		sentence  = prepare(`INSERT INTO sentences (revision, sid, pid, position, text, role, why) VALUES (?, ?, ?, ?, ?, ?, ?)`)
		mergePara = prepare(`UPDATE paragraphs SET merged_into = ? WHERE pid = ?`)
		relation  = prepare(`INSERT INTO relations (revision, position, from_sid, to_sid, kind, why) VALUES (?, ?, ?, ?, ?, ?)`)
		figure    = prepare(`INSERT INTO figures (revision, position, sentence_sid, kind, text, value_number, value_iso,
			counts, source, speaker, speaker_role, "when", qualifier, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
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
			if _, err = sentence.ExecContext(ctx, rev, s.ID, para.ID, j, s.Text, s.Role, s.Why); err != nil {
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
		if _, err = relation.ExecContext(ctx, rev, k, r.From, r.To, r.Kind, r.Why); err != nil {
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
			f.Counts, f.Source, f.Speaker, f.SpeakerRole, f.When, f.Qualifier, f.Why); err != nil {
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

// validate checks what Ingest relies on: at least one paragraph, and the
// invariants of every analysis (argument.Analysis.Validate).
func validate(a *argument.Analysis) error {
	if len(a.Paragraphs) == 0 {
		return errors.New("no paragraphs")
	}
	return a.Validate()
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
