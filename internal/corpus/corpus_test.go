package corpus

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/argmap/argmap/internal/argument"
)

// shared is where CI and developers keep the corpora, beside the checkout.
var shared = filepath.Join("..", "..", "..", "shared", "corpora")

func TestLoad(t *testing.T) {
	for _, tc := range []struct {
		name    string
		minDocs int
	}{{Silver, 100}, {WebDiscourse, 300}, {Microtexts, 80}} {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := Load(filepath.Join(shared, tc.name))
			if IsMissing(err) {
				t.Skipf("corpus not here: %v", err)
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) < tc.minDocs {
				t.Fatalf("Load(%s) = %d texts, want at least %d", tc.name, len(docs), tc.minDocs)
			}
			sents, links, central := 0, 0, 0
			for _, d := range docs {
				n := 0
				for _, p := range d.Essay.Paragraphs {
					for _, s := range p.Sentences {
						if p.Text[s.Start:s.End()] != s.Text {
							t.Fatalf("%s: sentence %q is not at its offset", d.ID, s.Text)
						}
						n++
					}
				}
				if n != len(d.Roles) {
					t.Fatalf("%s: %d sentences, %d roles", d.ID, n, len(d.Roles))
				}
				seen := map[int]bool{}
				for _, l := range d.Links {
					if l.From < 0 || l.From >= n || l.To < 0 || l.To >= n || seen[l.From] {
						t.Fatalf("%s: bad link %+v", d.ID, l)
					}
					seen[l.From] = true
				}
				if d.Central >= 0 {
					central++
					if d.Roles[d.Central] != argument.MajorClaim {
						t.Fatalf("%s: central %d has role %q", d.ID, d.Central, d.Roles[d.Central])
					}
				}
				sents += n
				links += len(d.Links)
			}
			t.Logf("%s: %d texts, %d sentences, %d links, %d with a central claim", tc.name, len(docs), sents, links, central)
			if links == 0 || central == 0 {
				t.Fatalf("no links (%d) or no central claims (%d)", links, central)
			}
		})
	}
}

func TestLoadUnknown(t *testing.T) {
	if _, err := Load(t.TempDir()); err == nil {
		t.Fatal("Load(unknown folder) = nil error")
	}
	if _, err := Load(filepath.Join(t.TempDir(), Silver)); !IsMissing(err) {
		t.Fatalf("Load(missing) = %v, want a missing-folder error", err)
	}
}

func TestReparagraphed(t *testing.T) {
	paras := []string{
		"A title",
		"The first body paragraph has one sentence.",
		"One. Two is here. Three follows. Four ends it. Five is extra.",
		"Last words. Really last.",
	}
	sents := [][]string{
		{"A title"},
		{"The first body paragraph has one sentence."},
		{"One.", "Two is here.", "Three follows.", "Four ends it.", "Five is extra."},
		{"Last words.", "Really last."},
	}
	e, err := segmented("t", paras, sents)
	if err != nil {
		t.Fatal(err)
	}
	roles := []argument.Role{argument.None, argument.MajorClaim, argument.Claim, argument.Evidence,
		argument.Evidence, argument.Evidence, argument.Background, argument.MajorClaim, argument.Evidence}
	d := &Doc{ID: "t", Corpus: Silver, Essay: e, Roles: roles, Links: []Link{{3, 2, argument.Support}}, Central: 1}
	r := d.Reparagraphed(2)
	if r == nil {
		t.Fatal("Reparagraphed(2) = nil, want a copy")
	}
	if r.ID != "t~2" || r.Corpus != Reparagraphed || r.Central != 1 || len(r.Links) != 1 {
		t.Errorf("copy = %s/%s central %d links %v, want t~2/%s central 1 and the one link", r.Corpus, r.ID, r.Central, r.Links, Reparagraphed)
	}
	var got [][]string
	for _, p := range r.Essay.Paragraphs {
		var ss []string
		for _, s := range p.Sentences {
			ss = append(ss, s.Text)
		}
		got = append(got, ss)
	}
	want := [][]string{{"A title"}, {"The first body paragraph has one sentence."},
		{"One.", "Two is here."}, {"Three follows.", "Four ends it."}, {"Five is extra."},
		{"Last words.", "Really last."}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("paragraphs = %q, want %q", got, want)
	}
	if d.Essay.Paragraphs[2].Sentences[3].Text != "Four ends it." || len(d.Essay.Paragraphs) != 4 {
		t.Error("Reparagraphed changed the text it copied")
	}
	if d.Reparagraphed(5) != nil {
		t.Error("Reparagraphed(5) of a text with no paragraph over 5 sentences made a copy")
	}
}

// TestWithoutSilverCopies: `argmap train` learns a web-discourse text
// that the silver corpus re-annotates once, from the silver annotation,
// whichever of the two folders it was given first.
func TestWithoutSilverCopies(t *testing.T) {
	web := []*Doc{{ID: "1021", Corpus: WebDiscourse}, {ID: "3000", Corpus: WebDiscourse}}
	silver := []*Doc{{ID: "wd-1021", Corpus: Silver}, {ID: "w1-01", Corpus: Silver}}
	for _, docs := range [][]*Doc{slices.Concat(web, silver), slices.Concat(silver, web)} {
		var got []string
		for _, d := range WithoutSilverCopies(docs) {
			got = append(got, d.Corpus+"/"+d.ID)
		}
		slices.Sort(got)
		want := []string{"opinion-silver/w1-01", "opinion-silver/wd-1021", "web-discourse/3000"}
		if !slices.Equal(got, want) {
			t.Errorf("WithoutSilverCopies = %v, want %v", got, want)
		}
	}
}
