package argument

import (
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/figure"
)

// ExtractRules is argmap's first extractor, kept so that `argmap eval` can
// score it beside the model: hand-weighted cue scores and override
// branches, tuned on the development microtexts. Extract does not use it.
//
// The rules are general English argument vocabulary (discourse and stance
// markers, attribution verbs, hedges, concessions), the layout of an opinion
// piece (standfirst and closing paragraph hold the thesis; a paragraph's
// topic sentence sits above its facts) and the figures a sentence cites.
// Extract never fails: a document with no paragraphs gives an empty
// analysis.
func ExtractRules(doc *essay.Document) *Analysis {
	a := &Analysis{Paragraphs: []Paragraph{}, Relations: []Relation{}, Figures: []Figure{}}
	if doc == nil {
		return a
	}
	a.Author = doc.Author()
	ids := PositionalIDs(doc)
	paras := make([][]*sent, len(doc.Paragraphs))
	var read []*sent // the sentences whose figures and cues are read
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
				read = append(read, st)
			}
			paras[i] = append(paras[i], st)
		}
	}
	readSentences(read)
	assignRoles(paras)
	a.Relations = append(a.Relations, linkSentences(paras)...)
	for i, p := range doc.Paragraphs {
		ap := Paragraph{ID: ids[i], Kind: p.Kind, Text: p.Text, Sentences: []Sentence{}}
		for _, s := range paras[i] {
			ap.Sentences = append(ap.Sentences, Sentence{ID: s.id, Text: s.text, Role: s.role, Confidence: 1, Why: s.why})
			a.Figures = appendListed(a.Figures, s.figs, s.id)
		}
		a.Paragraphs = append(a.Paragraphs, ap)
	}
	return a
}

// readSentences finds the figures and cues of each sentence, one worker a
// CPU for a long document (see parallel).
func readSentences(ss []*sent) {
	parallel(len(ss), func(i int) {
		ss[i].figs = figure.Find(ss[i].text)
		ss[i].cues = findCues(ss[i].text, ss[i].figs)
	})
}
