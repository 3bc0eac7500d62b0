package argument

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/essay"
)

// stagedExtract is ExtractWith as the four stages run one after the other
// over the whole essay: every feature record at once (ComputeFeatures),
// then DecodeRoles, then DecodeRelations.
func stagedExtract(doc *essay.Document, m *Model) *Analysis {
	a := &Analysis{Paragraphs: []Paragraph{}, Relations: []Relation{}, Figures: []Figure{}}
	a.Author = doc.Author()
	fs := ComputeFeatures(doc)
	for k := range fs {
		a.Figures = appendListed(a.Figures, fs[k].figs, fs[k].ID)
	}
	ds := m.DecodeRoles(fs)
	for _, l := range m.DecodeRelations(fs, ds) {
		a.Relations = append(a.Relations, Relation{
			From: fs[l.From].ID, To: fs[l.To].ID, Kind: l.Kind,
			Confidence: round3(l.Confidence), Why: l.Why,
		})
	}
	ids := PositionalIDs(doc)
	k := 0
	for i, p := range doc.Paragraphs {
		if p.Kind == essay.Title && a.Title == "" {
			a.Title = p.Text
		}
		ap := Paragraph{ID: ids[i], Kind: p.Kind, Text: p.Text, Sentences: make([]Sentence, 0, len(p.Sentences))}
		for _, s := range p.Sentences {
			d := &ds[k]
			ap.Sentences = append(ap.Sentences, Sentence{
				ID: fs[k].ID, Text: s.Text, Role: d.Role, Confidence: round3(d.Confidence),
				Why: d.Why, Restates: d.Restates,
			})
			k++
		}
		a.Paragraphs = append(a.Paragraphs, ap)
	}
	return a
}

// TestExtractAsStages checks that ExtractWith, which makes and lets go
// each paragraph's records in turn, gives exactly the analysis of the
// stages run over the whole essay: on the seed, on a text of the seed's
// paragraphs many times over (enough paragraphs to be read in parallel),
// and on the silver corpus's essays when it is there.
func TestExtractAsStages(t *testing.T) {
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(seed)), "\n")
	var long strings.Builder
	long.WriteString(lines[0] + "\n\n")
	for n := 0; long.Len() < 400_000; n++ {
		for _, l := range lines[1:] {
			if strings.TrimSpace(l) != "" {
				long.WriteString(l + "\n\n")
			}
		}
	}
	inputs := map[string][]byte{"seed.txt": seed, "long.txt": []byte(long.String())}
	silver, _ := filepath.Glob("../../../shared/corpora/opinion-silver/essays/*.txt")
	for _, f := range silver[:min(len(silver), 20)] {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(f)] = data
	}
	m := DefaultModel()
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			d, err := essay.Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			if name == "long.txt" && len(d.Paragraphs) < 2*parallelBatch {
				t.Fatalf("long.txt has %d paragraphs, want at least %d", len(d.Paragraphs), 2*parallelBatch)
			}
			got, want := ExtractWith(d, m), stagedExtract(d, m)
			if len(want.Relations) == 0 || (name == "seed.txt" || name == "long.txt") && len(want.Figures) == 0 {
				t.Fatalf("%s: the stages found %d relations and %d figures: a poor test", name, len(want.Relations), len(want.Figures))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ExtractWith(%s) differs from the stages run one after the other", name)
			}
		})
	}
}
