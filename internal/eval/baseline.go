package eval

import (
	"strings"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// PositionBaseline labels sentences by position alone, as the trivial
// baselines of the argument-mining literature do: the standfirst is the
// thesis (without one, the last sentence of the first body paragraph), and
// so is the first sentence of the closing paragraph; the first sentence of
// every other body paragraph is its claim; every other sentence is evidence
// and supports its paragraph's first sentence, which supports the thesis.
func PositionBaseline(doc *essay.Document) *argument.Analysis {
	a := &argument.Analysis{Paragraphs: []argument.Paragraph{}, Relations: []argument.Relation{}}
	if doc == nil {
		return a
	}
	ids := argument.PositionalIDs(doc)
	var body []int
	standfirst := -1
	for i, p := range doc.Paragraphs {
		switch p.Kind {
		case essay.Standfirst:
			standfirst = i
		case essay.Body:
			if len(p.Sentences) > 0 {
				body = append(body, i)
			}
		}
	}
	role := make(map[[2]int]argument.Role)
	thesis := [2]int{-1, -1}
	mark := func(p, s int, r argument.Role) {
		role[[2]int{p, s}] = r
		if r == argument.MajorClaim && thesis[0] < 0 {
			thesis = [2]int{p, s}
		}
	}
	rest := body
	switch {
	case standfirst >= 0:
		for s := range doc.Paragraphs[standfirst].Sentences {
			mark(standfirst, s, argument.MajorClaim)
		}
	case len(body) > 0:
		p := body[0]
		mark(p, len(doc.Paragraphs[p].Sentences)-1, argument.MajorClaim)
		if len(doc.Paragraphs[p].Sentences) > 1 {
			mark(p, 0, argument.Claim)
		}
		rest = body[1:]
	}
	if len(rest) > 1 {
		mark(rest[len(rest)-1], 0, argument.MajorClaim)
	}
	for _, p := range rest {
		if _, ok := role[[2]int{p, 0}]; !ok {
			mark(p, 0, argument.Claim)
		}
	}
	for i, p := range doc.Paragraphs {
		ap := argument.Paragraph{ID: ids[i], Kind: p.Kind, Text: p.Text}
		first := ""
		for j, s := range p.Sentences {
			sid := argument.SentenceID(ids[i], j+1)
			r, ok := role[[2]int{i, j}]
			if !ok {
				r = argument.None
				if p.Kind == essay.Body {
					r = argument.Evidence
				}
			}
			ap.Sentences = append(ap.Sentences, argument.Sentence{ID: sid, Text: s.Text, Role: r, Confidence: 1, Why: "position"})
			if j == 0 {
				first = sid
			}
			if r == argument.None || (i == thesis[0] && j == thesis[1]) || (r == argument.MajorClaim) {
				continue
			}
			to := first
			if r == argument.Claim || sid == first {
				to = argument.SentenceID(ids[thesis[0]], thesis[1]+1)
				if thesis[0] < 0 {
					continue
				}
			}
			a.Relations = append(a.Relations, argument.Relation{From: sid, To: to, Kind: argument.Support, Confidence: 1})
		}
		a.Paragraphs = append(a.Paragraphs, ap)
	}
	return a
}

// ShouldMust is the microtexts' central-claim baseline: the first sentence
// with "should", "must" or "ought" is the thesis (else the last), and every
// other sentence supports it.
func ShouldMust(doc *essay.Document) *argument.Analysis {
	a := &argument.Analysis{Paragraphs: []argument.Paragraph{}, Relations: []argument.Relation{}}
	if doc == nil {
		return a
	}
	ids := argument.PositionalIDs(doc)
	thesis, last := "", ""
	for i, p := range doc.Paragraphs {
		ap := argument.Paragraph{ID: ids[i], Kind: p.Kind, Text: p.Text}
		for j, s := range p.Sentences {
			sid := argument.SentenceID(ids[i], j+1)
			r := argument.None
			if p.Kind != essay.Title {
				r = argument.Evidence
				last = sid
				if thesis == "" && hasOught(s.Text) {
					thesis, r = sid, argument.MajorClaim
				}
			}
			ap.Sentences = append(ap.Sentences, argument.Sentence{ID: sid, Text: s.Text, Role: r, Confidence: 1})
		}
		a.Paragraphs = append(a.Paragraphs, ap)
	}
	if thesis == "" {
		thesis = last
		for i := range a.Paragraphs {
			for j := range a.Paragraphs[i].Sentences {
				if s := &a.Paragraphs[i].Sentences[j]; s.ID == thesis {
					s.Role = argument.MajorClaim
				}
			}
		}
	}
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			if s.Role == argument.Evidence {
				a.Relations = append(a.Relations, argument.Relation{From: s.ID, To: thesis, Kind: argument.Support, Confidence: 1})
			}
		}
	}
	return a
}

func hasOught(text string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if w == "should" || w == "must" || w == "ought" {
			return true
		}
	}
	return false
}
