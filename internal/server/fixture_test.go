package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/store"
)

// testBase is the BaseURL of test sites; the crawler treats links under it
// as internal.
const testBase = "https://argmap.example"

// testNow is the fixed render time, so citations are predictable.
var testNow = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)

const (
	seedPath = "../../seeds/central-asians-in-russias-war.txt"
	seedName = "central-asians-in-russias-war.txt"
)

func readSeed(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	return data
}

// version is one text of an essay to ingest; edit, when set, changes the
// analysis before it is stored.
type version struct {
	name string
	data []byte
	edit func(t *testing.T, a *argument.Analysis)
}

// storedSnapshot runs the real pipeline on each version in turn
// (essay.Parse, argument.Extract, store.Ingest into one SQLite file in
// t.TempDir()), then reads the database back as the server does
// (store.Open, Snapshot).
func storedSnapshot(t *testing.T, versions ...version) *store.Snapshot {
	t.Helper()
	return openSnapshot(t, storedDB(t, versions...))
}

// storedDB is storedSnapshot's database file.
func storedDB(t *testing.T, versions ...version) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "argmap.db")
	for _, v := range versions {
		doc, err := essay.Parse(v.name, v.data)
		if err != nil {
			t.Fatalf("essay.Parse(%q): %v", v.name, err)
		}
		a := argument.Extract(doc)
		if v.edit != nil {
			v.edit(t, a)
		}
		sum := sha256.Sum256(v.data)
		if _, err := store.Ingest(ctx, db, a, store.Source{Name: v.name, SHA256: hex.EncodeToString(sum[:])}); err != nil {
			t.Fatalf("store.Ingest(%s): %v", v.name, err)
		}
	}
	return db
}

// untitledSnapshot is a text of one paragraph with no title line, as a
// microtext is given: essay.Parse reads it as a text with no title.
func untitledSnapshot(t *testing.T) *store.Snapshot {
	t.Helper()
	snap := storedSnapshot(t, version{name: "untitled.txt", data: []byte(
		"Cities should build fewer car parks. A parking space takes as much ground as a small flat, " +
			"and 40% of them stand empty at night. Some say shops need them. " +
			"But most trips in town are short, so the land is better used for homes.\n")})
	if ps := snap.Analysis.Paragraphs; len(ps) != 1 || ps[0].Kind != essay.Body {
		t.Fatalf("untitled.txt: paragraphs %+v, want one body paragraph", ps)
	}
	return snap
}

// labelledSnapshot is an essay laid out as an opinion site prints it: a
// section label above the title, a byline with the date, a date line,
// the standfirst, the body.
func labelledSnapshot(t *testing.T) *store.Snapshot {
	t.Helper()
	snap := storedSnapshot(t, version{name: "labelled.txt", data: []byte("Opinion | Cities\n" +
		"Cities Should Price Their Parking\n" +
		"By Jane Doe | March 3, 2025\n" +
		"Updated: 4 March 2025, 10:32 am\n" +
		"Free parking is a subsidy for driving that everyone pays for. Cities should charge for it.\n" +
		"A parking space takes as much ground as a small flat. In most towns it is given away, and 40% of spaces stand empty at night.\n" +
		"Studies of priced parking find that drivers circle less and shops lose no trade.\n" +
		"Some say shops need free spaces. But most customers in town arrive on foot or by bus.\n" +
		"Cities should price their parking and spend what it raises on the street.\n")})
	if ps := snap.Analysis.Paragraphs; len(ps) < 5 || ps[0].Kind != essay.Heading || ps[1].Kind != essay.Title || ps[4].Kind != essay.Standfirst {
		t.Fatalf("labelled.txt: paragraphs %+v, want a label, the title, two credits and the standfirst", ps)
	}
	return snap
}

// seedSnapshot is the seed essay as the server gets it: one revision.
func seedSnapshot(t *testing.T) *store.Snapshot {
	t.Helper()
	return storedSnapshot(t, version{name: seedName, data: readSeed(t)})
}

// injectionSnapshot is an essay whose every part tries to inject markup,
// with every role, a relation and a figure so that every template prints
// some of it.
func injectionSnapshot(t *testing.T) *store.Snapshot {
	t.Helper()
	return storedSnapshot(t, version{name: "injection.txt", data: []byte(injectionEssay), edit: func(t *testing.T, a *argument.Analysis) {
		a.Author = `<script>alert("author")</script>`
		var sids []string
		roles := []argument.Role{argument.MajorClaim, argument.Claim, argument.Evidence, argument.Background}
		for pi := range a.Paragraphs {
			p := &a.Paragraphs[pi]
			for si := range p.Sentences {
				s := &p.Sentences[si]
				s.Role = roles[len(sids)%len(roles)]
				s.Restates = ""
				s.Why = `<b>why</b> "cue" <script>alert(6)</script>`
				sids = append(sids, s.ID)
			}
		}
		if len(sids) < 3 {
			t.Fatalf("the injection essay has %d sentences, want at least 3", len(sids))
		}
		a.Relations = []argument.Relation{{From: sids[2], To: sids[1], Kind: argument.Support, Why: "<script>alert(7)</script>"}}
		a.Figures = nil
		for _, p := range a.Paragraphs {
			for _, s := range p.Sentences {
				if strings.Contains(s.Text, "<b>markup</b>") {
					a.Figures = append(a.Figures, argument.Figure{Sentence: s.ID, Kind: argument.Quote, Text: "<b>markup</b>",
						Speaker: "<script>alert(8)</script>", Why: "<i>why</i>"})
				}
			}
		}
	}})
}

// injectionEssay is an essay whose every part tries to inject markup.
const injectionEssay = `<script>alert(1)</script> Title with <b>markup</b>
A standfirst says <script>alert(2)</script> and "quotes" & 'apostrophes' </p><p onmouseover="alert(3)">.
A body paragraph with <b>markup</b> and <img src=x onerror=alert(4)> in it. And a ]]> and {{.L.Title}} too.
Another paragraph ending in </span></p></main><script>alert(5)</script>.
`

// richSnapshot is the seed essay in two revisions through the real store,
// with the analysis given by hand everything a page can show, whatever
// the extractor finds today: a thesis, claims with evidence, an attack,
// figures and an author. Revision 2 edits the first body paragraph,
// removes the one about army recruiters and adds a new one.
func richSnapshot(t *testing.T) *store.Snapshot {
	t.Helper()
	seed := readSeed(t)
	var lines []string
	edited, removed := false, false
	for _, line := range strings.Split(string(seed), "\n") {
		switch {
		case strings.HasPrefix(line, "The news about North Korean troops"):
			line += " The debate is far from over."
			edited = true
		case strings.HasPrefix(line, "At present, army recruiters"):
			removed = true
			continue
		case strings.HasPrefix(line, "About the Author"):
			lines = append(lines, "Whatever the numbers, the recruitment of foreigners tells us how Moscow sees its labor migrants: as a reserve.")
		}
		lines = append(lines, line)
	}
	if !edited || !removed {
		t.Fatal("the seed essay no longer has the paragraphs richSnapshot revises")
	}
	snap := storedSnapshot(t,
		version{name: seedName, data: seed, edit: enrich},
		version{name: seedName, data: []byte(strings.Join(lines, "\n")), edit: enrich},
	)
	if len(snap.History) == 0 || len(snap.Removed) == 0 || len(snap.Revisions) != 2 {
		t.Fatalf("the revised seed gave %d revisions, history %v, removed %v; want 2 revisions, an edited and a removed paragraph",
			len(snap.Revisions), snap.History, snap.Removed)
	}
	return snap
}

// enrich gives an analysis a thesis (the standfirst's first sentence),
// a claim per body paragraph (its first sentence) supporting or attacking
// the thesis, evidence (the other sentences) supporting it, three figures
// and an author.
func enrich(t *testing.T, a *argument.Analysis) {
	t.Helper()
	for pi := range a.Paragraphs {
		for si := range a.Paragraphs[pi].Sentences {
			a.Paragraphs[pi].Sentences[si].Restates = "" // the roles are set below
		}
	}
	a.Author = "Kristiina Silvan"
	a.Relations = []argument.Relation{}
	a.Figures = []argument.Figure{}
	var thesis string
	for pi := range a.Paragraphs {
		p := &a.Paragraphs[pi]
		if len(p.Sentences) == 0 {
			continue
		}
		switch p.Kind {
		case essay.Title, essay.Heading, essay.Bio, essay.Credit:
			for si := range p.Sentences {
				p.Sentences[si].Role = argument.None
				p.Sentences[si].Why = "not part of the argument: " + string(p.Kind)
			}
			continue
		case essay.Standfirst:
			p.Sentences[0].Role = argument.MajorClaim
			p.Sentences[0].Why = "the standfirst states the verdict: 'suggests that'"
			thesis = p.Sentences[0].ID
			for si := 1; si < len(p.Sentences); si++ {
				p.Sentences[si].Role = argument.Background
				p.Sentences[si].Why = "restates the standfirst"
			}
			continue
		}
		claim := p.Sentences[0].ID
		p.Sentences[0].Role = argument.Claim
		p.Sentences[0].Why = "topic sentence of a paragraph whose other sentences give facts"
		if thesis != "" {
			kind := argument.Support
			if strings.HasPrefix(p.Sentences[0].Text, "However, there have been") {
				kind = argument.Attack
			}
			a.Relations = append(a.Relations, argument.Relation{From: claim, To: thesis, Kind: kind, Why: "a claim carries the thesis forward"})
		}
		for si := 1; si < len(p.Sentences); si++ {
			s := &p.Sentences[si]
			s.Role = argument.Evidence
			s.Why = "gives facts: 'According to'"
			a.Relations = append(a.Relations, argument.Relation{From: s.ID, To: claim, Kind: argument.Support, Why: "evidence in the claim's paragraph"})
		}
	}
	if thesis == "" {
		t.Fatal("the pipeline found no standfirst in the seed essay")
	}
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			if strings.Contains(s.Text, "10 million") {
				a.Figures = append(a.Figures, argument.Figure{Sentence: s.ID, Kind: argument.Quantity, Text: "over 10 million", Qualifier: "over",
					Value: argument.NumberValue(10_000_000), Counts: "labor migrants from Central Asia", Source: "the Russian Interior Ministry",
					Why: "a number with a unit, attributed: 'According to'"})
			}
			if strings.Contains(s.Text, "February 2022") {
				a.Figures = append(a.Figures, argument.Figure{Sentence: s.ID, Kind: argument.Date, Text: "February 2022", Value: argument.ISOValue("2022-02")})
			}
			if strings.Contains(s.Text, "Where are the Tajik battalions?") {
				a.Figures = append(a.Figures, argument.Figure{Sentence: s.ID, Kind: argument.Quote, Text: "Where are the Tajik battalions?",
					Speaker: "Mikhail Matveyev", SpeakerRole: "Russia’s State Duma member from the Communist Party", When: "last year"})
			}
		}
	}
	if len(a.Figures) != 3 {
		t.Fatalf("the seed essay gave %d of the 3 figures enrich looks for", len(a.Figures))
	}
}

func newSite(t *testing.T, snap *store.Snapshot) *Site {
	t.Helper()
	s, err := NewSite(snap, Options{BaseURL: testBase, Now: func() time.Time { return testNow }, Compression: CompressFast})
	if err != nil {
		t.Fatalf("NewSite: %v", err)
	}
	return s
}
