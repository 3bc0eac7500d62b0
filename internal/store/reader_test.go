package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/argument"
)

// TestMigration006OnExistingDatabase: a database written before the page
// indexes (schema version 5) is refused by Open as older, and the next
// ingest of the same essay adds them, after which Open serves it and the
// page reads use them.
func TestMigration006OnExistingDatabase(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	ingestParas(t, path, searchEssay())
	db, err := sql.Open("sqlite3", dsn(path, "_journal_mode=DELETE"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP INDEX relations_from`, `DROP INDEX relations_to`, `DROP INDEX figures_sentence`,
		`DROP INDEX sentences_role`, `DROP INDEX changes_pid`, `ALTER TABLE figures DROP COLUMN currency`,
		`DELETE FROM schema_migrations WHERE version >= 6`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "older") {
		t.Fatalf("Open(version 5 database) = %v, want an error saying it is older", err)
	}
	ingestParas(t, path, searchEssay())
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open after the upgrade: %v", err)
	}
	defer d.Close()
	for _, q := range []struct{ query, index string }{
		{`SELECT from_sid FROM relations WHERE revision = 1 AND to_sid = '1.1' ORDER BY position`, "relations_to"},
		{`SELECT to_sid FROM relations WHERE revision = 1 AND from_sid = '1.1' ORDER BY position`, "relations_from"},
		{`SELECT position FROM figures WHERE revision = 1 AND sentence_sid = '1.1' ORDER BY position`, "figures_sentence"},
		{`SELECT sid FROM sentences WHERE revision = 1 AND role = 'claim'`, "sentences_role"},
		{`SELECT what FROM changes WHERE pid = '1' ORDER BY revision, position`, "changes_pid"},
	} {
		if p := queryPlan(t, d, q.query); !strings.Contains(p, q.index) {
			t.Errorf("plan of %s = %q, want it to use %s", q.query, p, q.index)
		}
	}
}

// moneyEssay is an analysis with a money figure in euros.
func moneyEssay() ([]para, *argument.Analysis) {
	ps := essayOf("Money test essay", "The grant was €5 million. Nobody asked for it.")
	a := build(ps...)
	for i, f := range a.Figures {
		if f.Text == "5" {
			a.Figures[i].Kind, a.Figures[i].Text, a.Figures[i].Value, a.Figures[i].Currency = argument.Money, "€5 million", argument.NumberValue(5e6), "EUR"
		}
	}
	return ps, a
}

// TestFigureCurrency: a money figure's currency is written and read back,
// by Snapshot and by the Reader.
func TestFigureCurrency(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	ps, a := moneyEssay()
	if _, err := Ingest(ctx, path, a, sourceOf(ps)); err != nil {
		t.Fatal(err)
	}
	s := snapshot(t, path)
	if len(s.Analysis.Figures) != 1 || s.Analysis.Figures[0].Currency != "EUR" {
		t.Fatalf("Snapshot figures = %v, want one in EUR", s.Analysis.Figures)
	}
	_, r := openReader(t, path)
	var got []string
	if err := r.EachFigure(0, -1, func(_ int, f argument.Figure, _ string) error {
		got = append(got, f.Currency)
		return nil
	}); err != nil || len(got) != 1 || got[0] != "EUR" {
		t.Errorf("EachFigure currencies = %q, %v; want [EUR]", got, err)
	}
}

// TestMigration007OnExistingDatabase: a database written before figures
// had a currency (schema version 6) is refused by Open as older; the next
// ingest of the same essay adds the column and, as the analysis now has a
// currency the stored figures lack, publishes it as a new revision, which
// Open serves.
func TestMigration007OnExistingDatabase(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	ps, a := moneyEssay()
	if _, err := Ingest(ctx, path, a, sourceOf(ps)); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", dsn(path, "_journal_mode=DELETE"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`ALTER TABLE figures DROP COLUMN currency`, `DELETE FROM schema_migrations WHERE version >= 7`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "older") {
		t.Fatalf("Open(version 6 database) = %v, want an error saying it is older", err)
	}
	ps, a = moneyEssay()
	res, err := Ingest(ctx, path, a, sourceOf(ps))
	if err != nil {
		t.Fatalf("Ingest into a version 6 database: %v", err)
	}
	if !res.Changed || res.Revision != 2 {
		t.Errorf("Ingest after the upgrade = revision %d, changed %v; want revision 2, changed", res.Revision, res.Changed)
	}
	s := snapshot(t, path)
	if len(s.Analysis.Figures) != 1 || s.Analysis.Figures[0].Currency != "EUR" {
		t.Errorf("Snapshot figures after the upgrade = %v, want one in EUR", s.Analysis.Figures)
	}
	if res, err := Ingest(ctx, path, a, sourceOf(ps)); err != nil || res.Changed {
		t.Errorf("Ingest of the same essay again = %v, %v; want unchanged", res, err)
	}
}

// TestPinnedConnections: every connection of an open database reads the
// file that was at its path when it was opened; once an ingest has put a
// new file there, a connection asked for anew is refused instead of
// reading the new file.
func TestPinnedConnections(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	ingestParas(t, path, searchEssay())
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	c := &pinnedConnector{dsn: dsn(path, "mode=ro&immutable=1"), path: path}
	if c.info, err = os.Stat(path); err != nil {
		t.Fatal(err)
	}
	conn, err := c.Connect(ctx)
	if err != nil {
		t.Fatalf("Connect before a new file = %v", err)
	}
	conn.Close()
	revised := append(searchEssay(), body("A new paragraph says something else entirely."))
	ingestParas(t, path, revised)
	if _, err := c.Connect(ctx); !errors.Is(err, errReplaced) {
		t.Errorf("Connect after a new file = %v, want errReplaced", err)
	}
	// The pool opened all its connections at Open: reads go on, on the
	// old file, at once from several.
	h, err := d.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h.Current.Number != 1 {
		t.Errorf("Head after a new file = revision %d, want 1 (the file opened)", h.Current.Number)
	}
	readOnEveryConn(t, d, "on a pinned connection")
}

// readOnEveryConn opens readConns readers of revision 1 of d at once, as
// many as its pool holds, and reads from each; when says when, for the
// errors.
func readOnEveryConn(t *testing.T, d *DB, when string) {
	t.Helper()
	var readers []*Reader
	for range readConns {
		r, err := d.Reader(context.Background(), 1)
		if err != nil {
			t.Fatalf("a reader %s: %v", when, err)
		}
		readers = append(readers, r)
	}
	for _, r := range readers {
		if _, err := r.Paragraphs(0, 1); err != nil {
			t.Errorf("read %s: %v", when, err)
		}
		r.Close()
	}
}

// TestReadersOutliveCancelledRequests: a request whose client went away
// (its context cancelled while its read transaction is open) gives its
// connection back, so that a server still on an old file, which cannot
// open another, keeps all of them.
func TestReadersOutliveCancelledRequests(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, searchEssay())
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ingestParas(t, path, append(searchEssay(), body("A new paragraph says something else entirely.")))
	for i := range 2 * readConns {
		ctx, cancel := context.WithCancel(context.Background())
		r, err := d.Reader(ctx, 1)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		cancel()
		time.Sleep(5 * time.Millisecond) // database/sql's watcher of the context runs first
		r.Close()
	}
	readOnEveryConn(t, d, fmt.Sprintf("after %d cancelled requests", 2*readConns))
}

// TestPlaces: EachSentencePlace gives every sentence of the revision in
// reading order with its paragraph's position and its own, and
// EachRelationPlace every relation, in order, by the places of its ends,
// as the snapshot has them; their queries walk the tables in order,
// with no temporary b-tree to sort them.
func TestPlaces(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, searchEssay())
	a := snapshot(t, path).Analysis
	type place struct{ para, pos int }
	var want []string
	at := map[string]place{}
	for i, p := range a.Paragraphs {
		for j, s := range p.Sentences {
			want = append(want, fmt.Sprintf("%d %d %s %s", i, j, s.ID, s.Role))
			at[s.ID] = place{i, j}
		}
	}
	if len(a.Relations) == 0 {
		t.Fatal("the essay has no relations: nothing to check")
	}
	var wantRels []string
	for _, r := range a.Relations {
		wantRels = append(wantRels, fmt.Sprintf("%v %v %s", at[r.From], at[r.To], r.Kind))
	}
	d, r := openReader(t, path)
	for _, ids := range []bool{true, false} {
		var got []string
		err := r.EachSentencePlace(ids, func(para, pos int, sid string, role argument.Role) error {
			got = append(got, fmt.Sprintf("%d %d %s %s", para, pos, sid, role))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		w := want
		if !ids {
			w = nil
			for _, line := range want {
				f := strings.Fields(line)
				w = append(w, f[0]+" "+f[1]+"  "+f[3])
			}
		}
		if g, w := strings.Join(got, "\n"), strings.Join(w, "\n"); g != w {
			t.Errorf("EachSentencePlace(%v):\n%s\nwant\n%s", ids, g, w)
		}
	}
	var gotRels []string
	if err := r.EachRelationPlace(func(fp, fs, tp, ts int, kind argument.RelationKind) error {
		gotRels = append(gotRels, fmt.Sprintf("%v %v %s", place{fp, fs}, place{tp, ts}, kind))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if g, w := strings.Join(gotRels, "\n"), strings.Join(wantRels, "\n"); g != w {
		t.Errorf("EachRelationPlace:\n%s\nwant\n%s", g, w)
	}
	// SentencesAt, backwards, with the text of every other sentence.
	var places []Place
	var wantAt []string
	for i := len(a.Paragraphs) - 1; i >= 0; i-- {
		p := a.Paragraphs[i]
		for j := len(p.Sentences) - 1; j >= 0; j-- {
			s := p.Sentences[j]
			text := len(places)%2 == 0
			places = append(places, Place{Para: i, Pos: j, Text: text})
			if !text {
				s.Text = ""
			}
			wantAt = append(wantAt, fmt.Sprintf("%d %d %s %q %s %s", i, j, s.ID, s.Text, s.Role, p.ID))
		}
	}
	gotSentences, err := r.SentencesAt(places)
	if err != nil {
		t.Fatal(err)
	}
	var gotAt []string
	for _, s := range gotSentences {
		gotAt = append(gotAt, fmt.Sprintf("%d %d %s %q %s %s", s.Para, s.Pos, s.ID, s.Text, s.Role, s.PID))
	}
	if g, w := strings.Join(gotAt, "\n"), strings.Join(wantAt, "\n"); g != w {
		t.Errorf("SentencesAt:\n%s\nwant\n%s", g, w)
	}
	if _, err := r.SentencesAt([]Place{{Para: 0, Pos: 0}, {Para: 0, Pos: 99}}); !errors.Is(err, ErrNotFound) {
		t.Errorf("SentencesAt(a place with no sentence) = %v, want ErrNotFound", err)
	}
	for _, q := range []string{sentencePlaces(true), sentencePlaces(false), relationPlaces, sentencesAt(3)} {
		args := []any{1}
		if n := strings.Count(q, "?"); n > 1 {
			args = make([]any, n)
			for i := range args {
				args[i] = 1
			}
		}
		if p := queryPlan(t, d, q, args...); strings.Contains(p, "TEMP B-TREE") || strings.Contains(p, "SCAN v") || strings.Contains(p, "SCAN s") || strings.Contains(p, "SCAN rel") {
			t.Errorf("plan of %s = %q, want searches by index in order, no scan or sort", q, p)
		}
	}
}

// TestEachFigureOfKind: the figures of one kind are those of EachFigure of
// that kind, in order, with their paragraphs; a kind the essay has none
// of gives none.
func TestEachFigureOfKind(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, searchEssay())
	_, r := openReader(t, path)
	byKind := map[argument.FigureKind][]string{}
	all := 0
	if err := r.EachFigure(0, -1, func(i int, f argument.Figure, pid string) error {
		byKind[f.Kind] = append(byKind[f.Kind], fmt.Sprintf("%d %s %q %s", i, f.Sentence, f.Text, pid))
		all++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if all == 0 {
		t.Fatal("the essay has no figures: nothing to check")
	}
	for _, kind := range []argument.FigureKind{argument.Quantity, argument.Percent, argument.Money, argument.Date, argument.Duration, argument.Quote} {
		var got []string
		if err := r.EachFigureOfKind(kind, func(i int, f argument.Figure, pid string) error {
			if f.Kind != kind {
				t.Errorf("EachFigureOfKind(%s) gave a %s", kind, f.Kind)
			}
			got = append(got, fmt.Sprintf("%d %s %q %s", i, f.Sentence, f.Text, pid))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if g, w := strings.Join(got, "\n"), strings.Join(byKind[kind], "\n"); g != w {
			t.Errorf("EachFigureOfKind(%s):\n%s\nwant\n%s", kind, g, w)
		}
	}
}

// queryPlan returns SQLite's plan for query q with args on d, its steps
// joined by "; ".
func queryPlan(t *testing.T, d *DB, q string, args ...any) string {
	t.Helper()
	rows, err := d.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "; ")
}

// openReader opens the database at path and a reader of its revision 1,
// both closed when the test ends.
func openReader(t *testing.T, path string) (*DB, *Reader) {
	t.Helper()
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	r, err := d.Reader(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return d, r
}
