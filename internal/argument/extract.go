package argument

import "github.com/argmap/argmap/internal/essay"

// Extract analyses a parsed essay with the embedded model: it gives every
// sentence a role, a calibrated confidence and the reason for it, links
// evidence to claims and claims to the thesis, and pulls out cited
// figures. Paragraph ids are provisional (see PositionalIDs). Extract
// never fails: a document with no paragraphs gives an empty analysis.
func Extract(doc *essay.Document) *Analysis { return ExtractWith(doc, DefaultModel()) }

// ExtractWith is Extract with a given model. The pipeline has four stages:
// features (ComputeFeatures), the model's scores, the decoder
// (DecodeRoles, DecodeRelations) and the explanations built from the
// model's arithmetic.
func ExtractWith(doc *essay.Document, m *Model) *Analysis {
	a := &Analysis{Paragraphs: []Paragraph{}, Relations: []Relation{}, Figures: []Figure{}}
	if doc == nil {
		return a
	}
	a.Author = doc.Author()
	fs := ComputeFeatures(doc)
	ds := m.DecodeRoles(fs)
	links := m.DecodeRelations(fs, ds)
	ids := PositionalIDs(doc)
	k := 0
	for i, p := range doc.Paragraphs {
		if p.Kind == essay.Title && a.Title == "" {
			a.Title = p.Text
		}
		ap := Paragraph{ID: ids[i], Kind: p.Kind, Text: p.Text, Sentences: make([]Sentence, 0, len(p.Sentences))}
		for range p.Sentences {
			f, d := &fs[k], &ds[k]
			ap.Sentences = append(ap.Sentences, Sentence{
				ID: f.ID, Text: f.Text, Role: d.Role, Confidence: round3(d.Confidence),
				Why: d.Why, Restates: d.Restates,
			})
			for _, fig := range f.figs {
				fig.Sentence = f.ID
				a.Figures = append(a.Figures, fig)
			}
			k++
		}
		a.Paragraphs = append(a.Paragraphs, ap)
	}
	for _, l := range links {
		a.Relations = append(a.Relations, Relation{
			From: fs[l.From].ID, To: fs[l.To].ID, Kind: l.Kind,
			Confidence: round3(l.Confidence), Why: l.Why,
		})
	}
	return a
}

// round3 keeps three decimals of a confidence.
func round3(v float64) float64 { return float64(int(v*1000+0.5)) / 1000 }
