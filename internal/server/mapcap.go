package server

import (
	"fmt"

	"github.com/argmap/argmap/internal/argument"
)

// A long essay's whole tree does not fit a page (the 1,834-paragraph
// report drew a 15 MB /map). Past mapNodeLimit nodes, /map keeps the
// thesis and at most mapClaimLimit of the claims that bear on it, without
// what backs them: each claim's own page has its focused map with its
// evidence, and /claims lists every claim.
const (
	mapNodeLimit  = 400
	mapClaimLimit = 150
)

// capMap fills in the outline of p for an essay whose map has over
// mapNodeLimit nodes, as a page can hold it, reading only what it shows:
// the thesis with the first mapClaimLimit claims that bear on it directly
// (and the paragraphs that restate it), then, if there is room, the first
// claims that bear on nothing; none with what backs them, and a notice
// that says so, with the essay's counts.
func (m *model) capMap(p *mapPage, main, restated []string) {
	kept := 0
	if len(main) > 0 {
		root := mapNode{Sentence: m.sentenceView(main[0])}
		for _, sid := range main[1:] {
			root.Also = append(root.Also, m.sentenceView(sid))
		}
		shown := make(map[string]bool)
		for _, sid := range main {
			for _, r := range m.src.relationsToFrom(sid, []argument.Role{argument.MajorClaim, argument.Claim}, mapClaimLimit-kept) {
				c := mapNode{Sentence: m.sentenceView(r.From), Relation: r.Kind, Why: r.Why}
				root.Children = append(root.Children, c)
				shown[r.From] = true
				kept++
			}
		}
		for _, sid := range restated {
			if kept >= mapClaimLimit {
				break
			}
			if shown[sid] {
				continue
			}
			c := mapNode{Sentence: m.sentenceView(sid), Relation: restates, Why: "states the thesis again"}
			root.Children = append(root.Children, c)
			kept++
		}
		p.Thesis = append(p.Thesis, root)
	}
	loose := []mapNode{}
	if kept < mapClaimLimit {
		for _, sid := range m.src.unrelated(argument.Claim, mapClaimLimit-kept) {
			loose = append(loose, mapNode{Sentence: m.sentenceView(sid)})
			kept++
		}
	}
	p.UnlinkedClaims = loose
	p.UnlinkedEvidence = []mapNode{}
	p.Capped = true
	roles := m.src.roleCounts()
	p.L.Notice = fmt.Sprintf("This essay's argument has %s and %s, too many for one map: it shows the thesis and %d of the claims, "+
		"first those that bear on the thesis directly, without what backs them. Each claim's page has its own map with its evidence, and "+
		"the claims list has them all.", plural(roles[argument.Claim], "claim"), plural(roles[argument.Evidence], "piece")+" of evidence", kept)
}

// mapCapped reports, from the essay's counts alone, that its map has over
// mapNodeLimit nodes: the outline has a node for every claim and every
// piece of evidence, and one for the thesis.
func mapCapped(roles map[argument.Role]int) bool {
	thesis := min(roles[argument.MajorClaim], 1)
	return roles[argument.Claim]+roles[argument.Evidence]+thesis > mapNodeLimit
}
