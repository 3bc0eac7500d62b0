package server

import (
	"html/template"

	"github.com/argmap/argmap/internal/argument"
)

// maxPathSteps is the most steps up from a claim its page's path shows.
const maxPathSteps = 8

// claimNav fills in a claim page's way around the argument: the path up
// to the thesis, the previous and next claims in reading order, and the
// focused map.
func (m *model) claimNav(p *claimPage, sid string) {
	// Path: follow what the claim bears on until the thesis (or a sentence
	// that bears on nothing), never visiting a sentence twice, and at most
	// maxPathSteps steps: a chain of claims can be as long as the essay,
	// and a page (and the reads that make it) must not grow with it.
	seen := map[string]bool{sid: true}
	chain := []string{sid}
	cut := false
	for cur := sid; m.sentence(cur).Role != argument.MajorClaim; {
		if len(chain) > maxPathSteps {
			cut = true
			break
		}
		outs := m.src.relationsFrom(cur)
		if len(outs) == 0 {
			break
		}
		next := outs[0].To
		if seen[next] {
			break
		}
		seen[next] = true
		chain = append(chain, next)
		cur = next
	}
	if cut {
		p.Path = append(p.Path, navLink{Label: "…", URL: "/map", Words: "further steps up to the thesis: see the map"})
	}
	for i := len(chain) - 1; i >= 0; i-- {
		v := m.sentenceView(chain[i])
		p.Path = append(p.Path, navLink{Label: capitalise(sentenceWords(v.Role, v.PID, v.ID)), URL: v.Link(), Words: shortWords(v.Text, 60)})
	}

	// The claims in order: the thesis sentences, then the other claims.
	prev, next := "", ""
	if s, ok := m.src.sentence(sid); ok {
		switch s.Role {
		case argument.MajorClaim:
			prev = m.src.claimNear(argument.MajorClaim, s, true)
			if next = m.src.claimNear(argument.MajorClaim, s, false); next == "" {
				if first := m.src.claims(argument.Claim, 0, 1); len(first) > 0 {
					next = first[0]
				}
			}
		case argument.Claim:
			if prev = m.src.claimNear(argument.Claim, s, true); prev == "" {
				if thesis := m.thesisIDs(); len(thesis) > 0 {
					prev = thesis[len(thesis)-1]
				}
			}
			next = m.src.claimNear(argument.Claim, s, false)
		}
	}
	link := func(sid string) *navLink {
		noun := "claim"
		if m.sentence(sid).Role == argument.MajorClaim {
			noun = "thesis statement"
		}
		return &navLink{Label: sid, URL: claimPath(sid), Words: shortWords(m.sentence(sid).Text, 60), Noun: noun}
	}
	if prev != "" {
		p.Prev = link(prev)
	}
	if next != "" {
		p.Next = link(next)
	}
	p.Map = m.focusedMap(sid)
}

// focusedMap draws a claim with what it bears on above it and what backs
// or attacks it below: one level up and one down.
func (m *model) focusedMap(sid string) template.HTML {
	self := mapNode{Sentence: m.sentenceView(sid)}
	for _, r := range m.src.relationsTo(sid, mapClaimLimit) {
		self.Children = append(self.Children, mapNode{Sentence: m.sentenceView(r.From), Relation: r.Kind})
	}
	var roots, loose []mapNode
	for i, r := range m.src.relationsFrom(sid) {
		child := self
		child.Relation = r.Kind
		if i > 0 {
			child.Children, child.Repeat = nil, true
		}
		roots = append(roots, mapNode{Sentence: m.sentenceView(r.To), Children: []mapNode{child}})
	}
	if len(roots) == 0 {
		if len(self.Children) > 0 {
			roots = []mapNode{self}
		} else {
			loose = []mapNode{self}
		}
	}
	return layoutDiagram(roots, loose, narrowMode, sid).svg("Focused map of "+roleName(self.Sentence.Role)+" "+sid, "map-focus")
}
