package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// para is one paragraph of a hand-built essay.
type para struct {
	kind essay.Kind
	text string
}

func title(text string) para      { return para{essay.Title, text} }
func standfirst(text string) para { return para{essay.Standfirst, text} }
func body(text string) para       { return para{essay.Body, text} }

// essayOf makes the paragraphs of an essay whose first text is the title
// and the rest body paragraphs.
func essayOf(texts ...string) []para {
	ps := []para{title(texts[0])}
	for _, t := range texts[1:] {
		ps = append(ps, body(t))
	}
	return ps
}

// build makes an analysis with provisional ids, as argument.Extract would:
// one sentence per ". ", the first sentence of a body paragraph a claim
// supported by the others, and a quantity figure for every number.
func build(ps ...para) *argument.Analysis {
	a := &argument.Analysis{Paragraphs: []argument.Paragraph{}, Relations: []argument.Relation{}, Figures: []argument.Figure{}}
	n := 0
	for _, p := range ps {
		var pid string
		switch p.kind {
		case essay.Title:
			pid = argument.TitleID
			if a.Title == "" {
				a.Title = p.text
			}
		case essay.Standfirst:
			pid = argument.StandfirstID
		default:
			n++
			pid = strconv.Itoa(n)
		}
		ap := argument.Paragraph{ID: pid, Kind: p.kind, Text: p.text, Sentences: []argument.Sentence{}}
		for j, text := range splitSentences(p.text) {
			s := argument.Sentence{ID: argument.SentenceID(pid, j+1), Text: text, Role: argument.None, Confidence: 1, Why: "not argued"}
			if p.kind == essay.Body {
				if j == 0 {
					s.Role, s.Why = argument.Claim, "topic sentence"
				} else {
					s.Role, s.Why = argument.Evidence, "follows the claim"
					a.Relations = append(a.Relations, argument.Relation{
						From: s.ID, To: argument.SentenceID(pid, 1), Kind: argument.Support, Confidence: 1, Why: "same paragraph"})
				}
			}
			for _, num := range numberRE.FindAllString(text, -1) {
				f, _ := strconv.ParseFloat(num, 64)
				a.Figures = append(a.Figures, argument.Figure{
					Sentence: s.ID, Kind: argument.Quantity, Text: num, Value: argument.NumberValue(f)})
			}
			ap.Sentences = append(ap.Sentences, s)
		}
		a.Paragraphs = append(a.Paragraphs, ap)
	}
	return a
}

var numberRE = regexp.MustCompile(`[0-9]+`)

// splitSentences cuts text after every ". ".
func splitSentences(text string) []string {
	var out []string
	for {
		i := strings.Index(text, ". ")
		if i < 0 {
			break
		}
		out = append(out, text[:i+1])
		text = text[i+2:]
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}

// sourceOf names a hand-built essay's file and digests its text.
func sourceOf(ps []para) Source {
	h := sha256.New()
	for _, p := range ps {
		h.Write([]byte(string(p.kind) + "\x00" + p.text + "\x00"))
	}
	return Source{Name: "essay.txt", SHA256: hex.EncodeToString(h.Sum(nil))}
}

// ingestParas builds, ingests and returns the analysis with its permanent ids.
func ingestParas(t *testing.T, path string, ps []para) (*Result, *argument.Analysis) {
	t.Helper()
	a := build(ps...)
	res, err := Ingest(context.Background(), path, a, sourceOf(ps))
	if err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	return res, a
}

// snapshot opens the database at path and reads its snapshot.
func snapshot(t *testing.T, path string) *Snapshot {
	t.Helper()
	ctx := context.Background()
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	defer d.Close()
	s, err := d.Snapshot(ctx)
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	checkSnapshot(t, s)
	return s
}

// checkSnapshot checks what must hold of every snapshot.
func checkSnapshot(t *testing.T, s *Snapshot) {
	t.Helper()
	if len(s.Revisions) == 0 || s.Current.Number != s.Revisions[len(s.Revisions)-1].Number {
		t.Errorf("Current = %d, Revisions end with %v", s.Current.Number, s.Revisions)
	}
	if err := s.Analysis.Validate(); err != nil {
		t.Errorf("Snapshot().Analysis.Validate() = %v, want nil", err)
	}
	// permanent ids: a paragraph's is a number or a named one, a
	// sentence's its paragraph's, a dot and a number
	pids := make(map[string]bool)
	for _, p := range s.Analysis.Paragraphs {
		if !validPID.MatchString(p.ID) {
			t.Errorf("paragraph id %q is malformed", p.ID)
		}
		pids[p.ID] = true
		for _, sen := range p.Sentences {
			if _, err := strconv.Atoi(strings.TrimPrefix(sen.ID, p.ID+".")); err != nil || !strings.HasPrefix(sen.ID, p.ID+".") {
				t.Errorf("sentence id %q of paragraph %s is not %s.N", sen.ID, p.ID, p.ID)
			}
		}
	}
	for _, v := range s.Removed {
		if pids[v.PID] {
			t.Errorf("paragraph %s is both current and removed", v.PID)
		}
	}
	for pid, vs := range s.History {
		if !pids[pid] {
			t.Errorf("History has paragraph %s, which is not current", pid)
		}
		for k := 1; k < len(vs); k++ {
			if vs[k].Revision <= vs[k-1].Revision || vs[k].Text == vs[k-1].Text {
				t.Errorf("History[%s] = %v: not oldest first, or repeats a text", pid, vs)
			}
		}
	}
}

// ids returns the paragraph ids of an analysis.
func ids(a *argument.Analysis) []string {
	var out []string
	for _, p := range a.Paragraphs {
		out = append(out, p.ID)
	}
	return out
}

// fileSum returns the hex SHA-256 of the file at path.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// noTempFiles fails when a directory holds anything but the named files.
func noTempFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	keep := make(map[string]bool)
	for _, w := range want {
		keep[w] = true
	}
	for _, e := range entries {
		if !keep[e.Name()] {
			t.Errorf("%s holds a stray file %s", dir, e.Name())
		}
	}
}

// dbPath returns a database path in a fresh temporary directory.
func dbPath(t *testing.T) string {
	return filepath.Join(t.TempDir(), "argmap.db")
}

// isNotArgmap reports whether err says the file is not an argmap database.
func isNotArgmap(err error) bool { return errors.Is(err, ErrNotArgmap) }
