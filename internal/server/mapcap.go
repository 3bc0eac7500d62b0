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

// countNodes counts the nodes of the trees ns.
func countNodes(ns []mapNode) int {
	n := len(ns)
	for _, c := range ns {
		n += countNodes(c.Children)
	}
	return n
}

// capMap cuts the outline of p down to what a page can hold, when it is
// over mapNodeLimit nodes, and says so in a notice.
func (m *model) capMap(p *mapPage) {
	total := countNodes(p.Thesis) + countNodes(p.UnlinkedClaims) + countNodes(p.UnlinkedEvidence)
	if total <= mapNodeLimit {
		return
	}
	kept, claims := 0, 0
	for i := range p.Thesis {
		var children []mapNode
		for _, c := range p.Thesis[i].Children {
			if !isClaim(c.Sentence.Role) {
				continue
			}
			claims++
			if kept < mapClaimLimit {
				c.Children, c.Repeat = nil, false
				children = append(children, c)
				kept++
			}
		}
		p.Thesis[i].Children = children
	}
	var loose []mapNode
	for _, c := range p.UnlinkedClaims {
		claims++
		if kept < mapClaimLimit {
			c.Children, c.Repeat = nil, false
			loose = append(loose, c)
			kept++
		}
	}
	if loose == nil {
		loose = []mapNode{}
	}
	p.UnlinkedClaims = loose
	p.UnlinkedEvidence = []mapNode{}
	p.Capped = true
	p.L.Notice = fmt.Sprintf("This essay's map has %d nodes, too many for one page: it shows the thesis and %d of the %d claims "+
		"that bear on it directly or stand alone, without what backs them. Each claim's page has its own map with its evidence, and "+
		"the claims list has them all.", total, kept, claims)
}
