package argument

import "github.com/argmap/argmap/internal/essay"

// Extract analyses a parsed essay: it gives every sentence a role and a
// reason, links evidence to claims and claims to the thesis, and pulls out
// cited figures. Paragraph ids are provisional (see PositionalIDs).
//
// The rules are general English argument vocabulary (discourse and stance
// markers, attribution verbs, hedges, concessions), the layout of an opinion
// piece (standfirst and closing paragraph hold the thesis; a paragraph's
// topic sentence sits above its facts) and the figures a sentence cites.
// Extract never fails: a document with no paragraphs gives an empty
// analysis.
func Extract(doc *essay.Document) *Analysis {
	a := &Analysis{Paragraphs: []Paragraph{}, Relations: []Relation{}, Figures: []Figure{}}
	if doc == nil {
		return a
	}
	a.Author = doc.Author()
	ids := PositionalIDs(doc)
	paras := make([][]*sent, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		if p.Kind == essay.Title && a.Title == "" {
			a.Title = p.Text
		}
		for j, s := range p.Sentences {
			st := &sent{
				id:    SentenceID(ids[i], j+1),
				text:  s.Text,
				para:  i,
				index: j,
				count: len(p.Sentences),
				kind:  p.Kind,
				quote: p.Quote,
			}
			if _, skip := noneKinds[p.Kind]; !skip {
				st.figs = sentenceFigures(s.Text)
				st.cues = findCues(s.Text, st.figs)
			}
			paras[i] = append(paras[i], st)
		}
	}
	assignRoles(paras)
	a.Relations = append(a.Relations, linkSentences(paras)...)
	for i, p := range doc.Paragraphs {
		ap := Paragraph{ID: ids[i], Kind: p.Kind, Text: p.Text, Sentences: []Sentence{}}
		for _, s := range paras[i] {
			ap.Sentences = append(ap.Sentences, Sentence{ID: s.id, Text: s.text, Role: s.role, Why: s.why})
			for _, f := range s.figs {
				f.Sentence = s.id
				a.Figures = append(a.Figures, f)
			}
		}
		a.Paragraphs = append(a.Paragraphs, ap)
	}
	return a
}
