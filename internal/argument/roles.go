package argument

import (
	"fmt"
	"strings"

	"github.com/argmap/argmap/internal/essay"
)

// This file gives every sentence its role. The order of decisions:
// layout first (title, headings, bio and credits are not argument), then
// the thesis (standfirst and its restatement, or the best-marked sentence at
// the start or end of the body), then each sentence's own cues, then what
// the paragraph around it says (a topic sentence above facts, a news peg).

// restateThreshold is the similarity above which a sentence restates the
// thesis.
const restateThreshold = 0.5

// noneKinds are the paragraph kinds that carry no argument, with the reason.
var noneKinds = map[essay.Kind]string{
	essay.Title:   "the title is not part of the argument",
	essay.Heading: "a heading is not part of the argument",
	essay.Bio:     "the author's bio is not part of the argument",
	essay.Credit:  "an image credit is not part of the argument",
}

// creditWhy is the reason for a credit by what it credits, where the
// kind's reason would not say it (noneKinds has "an image credit").
var creditWhy = map[essay.Credits]string{
	essay.CreditsAuthor: "the byline is not part of the argument",
	essay.CreditsSource: "a source or note listed apart from the text is not part of the argument",
	essay.CreditsNotice: "the publisher's notice is not part of the argument",
	essay.CreditsDate:   "the date line is not part of the argument",
}

// assignRoles gives every sentence of paras a role and a reason.
func assignRoles(paras [][]*sent) {
	for _, p := range paras {
		for _, s := range p {
			if why, ok := noneKinds[s.kind]; ok {
				s.role, s.why = None, why
			} else if s.cues.follow != "" {
				s.role, s.why = None, "asks the reader to follow the author: "+quoteCue(s.cues.follow)
			}
		}
	}
	chooseThesis(paras)
	for _, p := range paras {
		for i, s := range p {
			if s.role != "" {
				continue
			}
			var prev, next *sent
			if i > 0 {
				prev = p[i-1]
			}
			if i+1 < len(p) {
				next = p[i+1]
			}
			localRole(s, prev, next)
		}
	}
	body := bodyParagraphs(paras)
	claimSeen := false // a claim stands in a paragraph before the current one
	next := 0
	for bi, pi := range body {
		for ; next < pi; next++ {
			for _, s := range paras[next] {
				if s.role == Claim || s.role == MajorClaim {
					claimSeen = true
				}
			}
		}
		paragraphRoles(paras, pi, bi == 0 && len(body) >= 3, claimSeen)
	}
	// anything left (a standfirst that is not the thesis, say)
	for _, p := range paras {
		for _, s := range p {
			if s.role == "" {
				s.role, s.why = Background, "context: no argument cue"
			}
		}
	}
}

// bodyParagraphs returns the indexes of the paragraphs that carry the
// argument: body paragraphs (and standfirsts that are not the thesis are
// handled apart).
func bodyParagraphs(paras [][]*sent) []int {
	var out []int
	for i, p := range paras {
		if len(p) > 0 && p[0].kind == essay.Body {
			out = append(out, i)
		}
	}
	return out
}

// chooseThesis marks the major claims.
func chooseThesis(paras [][]*sent) {
	var stand []*sent
	for _, p := range paras {
		for _, s := range p {
			if s.kind != essay.Standfirst || s.role != "" {
				continue
			}
			cs, _ := s.cues.claimScore()
			es, _ := s.cues.evidenceScore()
			if (es >= 3 && cs < 2) || s.cues.question {
				continue
			}
			s.role, s.why = MajorClaim, "the standfirst states the thesis"
			if _, cw := s.cues.thesisScore(); len(cw) > 0 {
				s.why += "; " + strings.Join(cw, "; ")
			}
			stand = append(stand, s)
		}
	}
	body := bodyParagraphs(paras)
	if len(body) == 0 {
		return
	}
	if len(stand) > 0 {
		closing := paras[body[len(body)-1]]
		restated := false
		for _, s := range closing {
			if s.role != "" {
				continue
			}
			best := 0.0
			for _, t := range stand {
				best = max(best, similarity(s.text, t.text))
			}
			if best >= restateThreshold {
				s.role, s.why = MajorClaim, fmt.Sprintf("restates the standfirst (similarity %.2f) in the closing paragraph", best)
				restated = true
			}
		}
		if !restated {
			for _, s := range closing {
				cs, _ := s.cues.claimScore()
				if s.role == "" && s.cues.verdict != "" && cs >= 2 {
					s.role, s.why = MajorClaim, "verdict "+quoteCue(s.cues.verdict)+" in the closing paragraph"
				}
			}
		}
		return
	}
	// no standfirst thesis: the best-marked sentence at the start or the end
	first, last := body[0], body[len(body)-1]
	var cands []*sent
	for _, pi := range []int{first, last} {
		for _, s := range paras[pi] {
			if s.role == "" && !s.quote {
				cands = append(cands, s)
			}
		}
		if first == last {
			break
		}
	}
	var best *sent
	bestScore := 0
	var bestWhy []string
	for _, s := range cands {
		score, why := s.cues.thesisScore()
		if s.para == first && s.index == 0 {
			score++
			why = append(why, "opens the text")
		}
		if s.para == last && s.index == s.count-1 {
			score++
			why = append(why, "closes the text")
		}
		if best == nil || score > bestScore {
			best, bestScore, bestWhy = s, score, why
		}
	}
	if best == nil {
		return
	}
	best.role = MajorClaim
	best.why = "thesis: " + strings.Join(bestWhy, "; ")
	if len(bestWhy) == 0 {
		best.why = "thesis: the most claim-like sentence at the start or end of the text"
	}
	for _, s := range cands {
		if s == best || s.role != "" {
			continue
		}
		if sim := similarity(s.text, best.text); sim >= restateThreshold {
			s.role, s.why = MajorClaim, fmt.Sprintf("restates the thesis %s (similarity %.2f)", best.id, sim)
		}
	}
}

// localRole decides a sentence's role from its own cues, when they are
// clear enough; otherwise it leaves the role empty for paragraphRoles.
func localRole(s, prev, next *sent) {
	c := s.cues
	contrastNext := next != nil && next.cues.turnsFirst
	if prev != nil && (prev.attack || prev.grants) {
		if contrastNext && c.contrast == "" && c.deontic == "" && c.conclusion == "" {
			// "Admittedly, X. Y. But Z.": Y carries on the concession
			s.role, s.grants = Background, true
			s.why = "carries on the concession before it, which the next sentence answers with " + quoteCue(next.cues.contrast)
			return
		}
		// the answer to an objection is not itself a concession
		s.answers = true
		contrastNext = false
	}
	if c.concession != "" && c.contrastIn == "" && !s.answers {
		weak := weakConcessionOpeners[strings.ToLower(c.concession)]
		switch {
		case !weak && contrastNext:
			s.role, s.why, s.attack = Background, "concession "+quoteCue(c.concession)+" that the next sentence overturns with "+quoteCue(next.cues.contrast), true
			return
		case !weak:
			s.role, s.why, s.attack = Background, "concession "+quoteCue(c.concession)+" granted to the other side", true
			return
		case contrastNext:
			s.role, s.why, s.attack = Background, "concession "+quoteCue(c.concession)+" answered by "+quoteCue(next.cues.contrast), true
			return
		}
	}
	if c.opposing != "" && !s.answers && c.deontic == "" && c.contrastIn == "" {
		s.role, s.why, s.attack = Background, "reports a view the author answers: "+quoteCue(c.opposing), true
		return
	}
	if contrastNext && c.contrast == "" && c.deontic == "" && c.conclusion == "" && c.conclusionIn == "" && c.contrastIn == "" {
		switch {
		case c.reported != "":
			s.role, s.why = Background, "reports a view ("+quoteCue(c.reported)+") that the next sentence answers with "+quoteCue(next.cues.contrast)
		case c.hedge != "":
			s.role, s.why = Background, "hedged point ("+quoteCue(c.hedge)+") that the next sentence answers with "+quoteCue(next.cues.contrast)
		default:
			s.role, s.why = Background, "point granted before the next sentence turns with "+quoteCue(next.cues.contrast)
		}
		s.attack = true
		return
	}
	cs, cw := c.claimScore()
	es, ew := c.evidenceScore()
	if c.concession != "" && c.contrastIn != "" && !weakConcessionOpeners[strings.ToLower(c.concession)] {
		cs += 2
		cw = "concedes " + quoteCue(c.concession) + " then counters with " + quoteCue(strings.TrimLeft(c.contrastIn, ",; "))
	}
	if s.quote {
		s.role, s.why = Evidence, "block quote"
		return
	}
	switch {
	case es > cs && es >= 1:
		s.role, s.why = Evidence, ew
	case cs >= 2:
		s.role, s.why = Claim, cw
		if c.turnsFirst && s.index == 0 {
			cue := "contrast marker " + quoteCue(c.contrast)
			s.why = strings.Replace(s.why, cue, cue+" opening the paragraph", 1)
		}
	}
}

// paragraphRoles decides the sentences of body paragraph pi that their own
// cues left open, from the paragraph around them. newsPeg is true for the
// first body paragraph of an essay long enough to open with a news peg;
// claimSeen is true when a claim stands in an earlier paragraph.
func paragraphRoles(paras [][]*sent, pi int, newsPeg, claimSeen bool) {
	p := paras[pi]
	hasClaim := false
	for _, s := range p {
		if s.role == Claim || s.role == MajorClaim {
			hasClaim = true
		}
	}
	if newsPeg && !hasClaim {
		for _, s := range p {
			if s.role == "" || s.role == Evidence {
				s.role, s.why = Background, "opening paragraph sets the scene: no stance cue before the argument starts"
			}
		}
		return
	}
	// a topic sentence above facts
	if len(p) >= 2 && !hasClaim {
		top := p[0]
		es, _ := top.cues.evidenceScore()
		if (top.role == "" || (top.role == Evidence && es <= 1 && top.cues.attribution == "")) && es <= 1 {
			facts := 0
			for _, s := range p[1:] {
				if s.role == Evidence || s.role == "" {
					facts++
				}
			}
			if facts > 0 {
				top.role, top.why = Claim, "topic sentence above facts"
				if _, cw := top.cues.claimScore(); cw != "" {
					top.why += " (" + cw + ")"
				}
				hasClaim = true
			}
		}
	}
	claimBefore := hasClaim || claimSeen
	for _, s := range p {
		if s.role != "" {
			continue
		}
		switch {
		case hasClaim:
			s.role, s.why = Evidence, "statement of fact under the paragraph's claim (no stance cue)"
		case claimBefore:
			s.role, s.why = Evidence, "statement of fact after the claim it backs (no stance cue)"
		default:
			s.role, s.why = Background, "context before any claim (no stance cue)"
		}
	}
}
