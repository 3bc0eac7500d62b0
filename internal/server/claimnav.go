package server

import (
	"html/template"

	"github.com/argmap/argmap/internal/argument"
)

// claimNav fills in a claim page's way around the argument: the path up
// to the thesis, the previous and next claims in reading order, and the
// focused map.
func (m *model) claimNav(p *claimPage, sid string) {
	// Path: follow what the claim bears on until the thesis (or a sentence
	// that bears on nothing), never visiting a sentence twice.
	seen := map[string]bool{sid: true}
	chain := []string{sid}
	for cur := sid; m.sentence(cur).Role != argument.MajorClaim; {
		outs := m.relFrom[cur]
		if len(outs) == 0 {
			break
		}
		next := m.a.Relations[outs[0]].To
		if seen[next] {
			break
		}
		seen[next] = true
		chain = append(chain, next)
		cur = next
	}
	for i := len(chain) - 1; i >= 0; i-- {
		v := m.sentenceView(chain[i])
		p.Path = append(p.Path, navLink{Label: capitalise(sentenceWords(v.Role, v.PID, v.ID)), URL: v.Link(), Words: shortWords(v.Text, 60)})
	}

	thesis, claims := m.claimIDs()
	all := append(thesis, claims...)
	for i, id := range all {
		if id != sid {
			continue
		}
		if i > 0 {
			p.Prev = &navLink{Label: all[i-1], URL: claimPath(all[i-1]), Words: shortWords(m.sentence(all[i-1]).Text, 60)}
		}
		if i+1 < len(all) {
			p.Next = &navLink{Label: all[i+1], URL: claimPath(all[i+1]), Words: shortWords(m.sentence(all[i+1]).Text, 60)}
		}
	}
	p.Map = m.focusedMap(sid)
}

// focusedMap draws a claim with what it bears on above it and what backs
// or attacks it below: one level up and one down.
func (m *model) focusedMap(sid string) template.HTML {
	self := mapNode{Sentence: m.sentenceView(sid)}
	for _, ri := range m.relTo[sid][:min(len(m.relTo[sid]), mapClaimLimit)] {
		r := m.a.Relations[ri]
		self.Children = append(self.Children, mapNode{Sentence: m.sentenceView(r.From), Relation: r.Kind})
	}
	var roots, loose []mapNode
	for i, ri := range m.relFrom[sid] {
		r := m.a.Relations[ri]
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
