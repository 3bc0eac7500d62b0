package server

import "fmt"

// A long essay's whole tree does not fit a page (the 1,834-paragraph
// report drew a 15 MB /map). Past mapNodeLimit nodes, /map keeps the
// thesis and at most mapClaimLimit of the claims that bear on it, without
// what backs them: each claim's own page has its focused map with its
// evidence, and /claims lists every claim.
const (
	mapNodeLimit  = 400
	mapClaimLimit = 150
)

// capMap fills in the outline of p, which the walk w found over
// mapNodeLimit nodes, as a page can hold it: the thesis with the first
// mapClaimLimit claims among its children and the claims that stand alone,
// none with what backs them, and a notice that says so.
func (m *model) capMap(p *mapPage, g *graph, w *mapWalk) {
	kept, claims := 0, 0
	if w.root != nil {
		main, _ := m.thesisGroups()
		root := mapNode{Sentence: m.sentenceView(main[0])}
		for _, sid := range main[1:] {
			root.Also = append(root.Also, m.sentenceView(sid))
		}
		for _, kid := range w.kids {
			if !isClaim(g.roleOf(kid.k)) {
				continue
			}
			claims++
			if kept < mapClaimLimit {
				c := mapNode{Sentence: m.sentenceView(g.sid(kid.k))}
				if kid.rel == -1 {
					c.Relation, c.Why = restates, "states the thesis again"
				} else {
					c.Relation, c.Why = g.kindOf(kid.rel), g.whyOf(kid.rel)
				}
				root.Children = append(root.Children, c)
				kept++
			}
		}
		p.Thesis = append(p.Thesis, root)
	}
	loose := []mapNode{}
	for _, kid := range w.claims {
		claims++
		if kept < mapClaimLimit {
			loose = append(loose, mapNode{Sentence: m.sentenceView(g.sid(kid.k))})
			kept++
		}
	}
	p.UnlinkedClaims = loose
	p.UnlinkedEvidence = []mapNode{}
	p.Capped = true
	p.L.Notice = fmt.Sprintf("This essay's map has %d nodes, too many for one page: it shows the thesis and %d of the %d claims "+
		"that bear on it directly or stand alone, without what backs them. Each claim's page has its own map with its evidence, and "+
		"the claims list has them all.", w.total, kept, claims)
}
