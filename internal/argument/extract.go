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
	a.Figures = takeFigures(fs)
	ds := m.DecodeRoles(fs)
	dropProbs(ds)
	links := m.DecodeRelations(fs, ds)
	// Past the decisions only the sentence ids are needed of fs, which is
	// garbage from here; the relations are made first, so that links is
	// too before the sentences are made.
	sids := make([]string, len(fs))
	for k := range fs {
		sids[k] = fs[k].ID
	}
	a.Relations = make([]Relation, 0, len(links))
	for _, l := range links {
		a.Relations = append(a.Relations, Relation{
			From: sids[l.From], To: sids[l.To], Kind: l.Kind,
			Confidence: round3(l.Confidence), Why: l.Why,
		})
	}
	ids := PositionalIDs(doc)
	a.Paragraphs = make([]Paragraph, 0, len(doc.Paragraphs))
	k := 0
	for i, p := range doc.Paragraphs {
		if p.Kind == essay.Title && a.Title == "" {
			a.Title = p.Text
		}
		ap := Paragraph{ID: ids[i], Kind: p.Kind, Text: p.Text, Sentences: make([]Sentence, 0, len(p.Sentences))}
		for _, s := range p.Sentences {
			d := &ds[k]
			ap.Sentences = append(ap.Sentences, Sentence{
				ID: sids[k], Text: s.Text, Role: d.Role, Confidence: round3(d.Confidence),
				Why: d.Why, Restates: d.Restates,
			})
			k++
		}
		a.Paragraphs = append(a.Paragraphs, ap)
	}
	return a
}

// takeFigures returns the figures of the sentences of fs in reading order,
// each with its sentence's id, and leaves fs without them, so that a long
// essay's figures are not held twice.
func takeFigures(fs []SentenceFeatures) []Figure {
	n := 0
	for k := range fs {
		n += len(fs[k].figs)
	}
	out := make([]Figure, 0, n)
	for k := range fs {
		f := &fs[k]
		for _, fig := range f.figs {
			fig.Sentence = f.ID
			out = append(out, fig)
		}
		f.figs = nil
	}
	return out
}

// dropProbs lets the role probabilities of ds go once the roles are
// decided: the relations read only the roles, and a long essay's
// probabilities are tens of megabytes.
func dropProbs(ds []Decision) {
	for k := range ds {
		ds[k].probs = nil
	}
}

// round3 keeps three decimals of a confidence.
func round3(v float64) float64 { return float64(int(v*1000+0.5)) / 1000 }
