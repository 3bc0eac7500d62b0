package argument

// This file links sentences: evidence to the claim it backs, claims to the
// thesis or to the claim they answer, concessions and rebuttals as attacks.
// Each sentence gets at most one outgoing relation, so the map is a tree
// rooted at the thesis, as in the argumentation literature.

// isClaim reports whether a sentence can be the target of a relation.
func isClaim(s *sent) bool { return s.role == Claim || s.role == MajorClaim }

// linkSentences returns the relations between the analysed sentences.
func linkSentences(paras [][]*sent) []Relation {
	var flat []*sent
	for _, p := range paras {
		flat = append(flat, p...)
	}
	var thesis *sent
	for _, s := range flat {
		if s.role == MajorClaim {
			thesis = s
			break
		}
	}
	target := make(map[*sent]*sent) // the sentence each one points at
	var rels []Relation
	add := func(from, to *sent, kind RelationKind, why string) {
		if from == nil || to == nil || from == to || from.role == None || to.role == None {
			return
		}
		if target[to] == from && kind == Support {
			return // no two-sentence loops
		}
		target[from] = to
		rels = append(rels, Relation{From: from.id, To: to.id, Kind: kind, Confidence: 1, Why: why})
	}
	pos := make(map[*sent]int, len(flat))
	for i, s := range flat {
		pos[s] = i
	}
	// lastClaim[i] is the nearest claim before flat[i], found in one pass
	// (roles are settled by now), so linking stays linear in the essay.
	lastClaim := make([]*sent, len(flat))
	var seen *sent
	for i, s := range flat {
		lastClaim[i] = seen
		if isClaim(s) {
			seen = s
		}
	}
	// nearest claim before s in its paragraph, or anywhere before
	claimBefore := func(s *sent, samePara bool) *sent {
		t := lastClaim[pos[s]]
		if t == nil || (samePara && t.para != s.para) {
			return nil
		}
		return t
	}
	claimAfterInPara := func(s *sent) *sent {
		for i := pos[s] + 1; i < len(flat) && flat[i].para == s.para; i++ {
			if isClaim(flat[i]) {
				return flat[i]
			}
		}
		return nil
	}
	mcParas := make(map[int]bool)
	for _, s := range flat {
		if s.role == MajorClaim {
			mcParas[s.para] = true
		}
	}
	thesisIn := func(para int) bool { return mcParas[para] }
	for i, s := range flat {
		var prev, next *sent
		if i > 0 && flat[i-1].para == s.para {
			prev = flat[i-1]
		}
		if i+1 < len(flat) && flat[i+1].para == s.para {
			next = flat[i+1]
		}
		// the concession this sentence may answer, over sentences that
		// carry it on
		var conceded *sent
		for k := i - 1; k >= 0 && flat[k].para == s.para; k-- {
			if flat[k].attack {
				conceded = flat[k]
				break
			}
			if !flat[k].grants {
				break
			}
		}
		switch s.role {
		case Background:
			if s.grants && prev != nil {
				add(s, prev, Support, "carries on the concession it follows ("+prev.id+")")
				continue
			}
			if !s.attack {
				continue
			}
			switch {
			case prev != nil && anaphoric(s.text):
				add(s, prev, Attack, "objection to the sentence before it ("+prev.id+"), which it refers back to")
			case thesisIn(s.para) && thesis != nil:
				add(s, thesis, Attack, "objection to the thesis ("+thesis.id+") in its paragraph")
			case next != nil && next.cues.turnsFirst && isClaim(next):
				add(s, next, Attack, "concession that "+next.id+" overturns with "+quoteCue(next.cues.contrast))
			default:
				if t := claimBefore(s, true); t != nil {
					add(s, t, Attack, "objection to the claim before it ("+t.id+")")
				} else if thesis != nil {
					add(s, thesis, Attack, "objection to the thesis ("+thesis.id+")")
				}
			}
		case Evidence:
			if prev != nil && prev.attack && target[prev] != s && s.answers {
				add(s, prev, Attack, "answers the objection before it ("+prev.id+")")
			} else if thesisIn(s.para) && thesis != nil && thesis.para == s.para {
				add(s, thesis, Support, "evidence for the thesis ("+thesis.id+") in its paragraph")
			} else if t := claimBefore(s, true); t != nil {
				add(s, t, Support, "evidence for the claim above it in its paragraph ("+t.id+")")
			} else if t := claimAfterInPara(s); t != nil {
				add(s, t, Support, "evidence for the claim its paragraph draws ("+t.id+")")
			} else if t := claimBefore(s, false); t != nil {
				add(s, t, Support, "a paragraph of evidence backs the nearest claim before it ("+t.id+")")
			} else if thesis != nil {
				add(s, thesis, Support, "evidence for the thesis ("+thesis.id+")")
			}
		case Claim:
			switch {
			case s.cues.contrast != "" && conceded != nil && target[conceded] != s:
				add(s, conceded, Attack, "rebuts the concession "+conceded.id+" with "+quoteCue(s.cues.contrast))
			case prev != nil && prev.attack && target[prev] != s:
				add(s, prev, Attack, "answers the objection before it ("+prev.id+")")
			case s.cues.contrast != "" && (prev == nil || !prev.attack):
				if thesis != nil && thesis.para == s.para && pos[thesis] < pos[s] {
					add(s, thesis, Attack, "objection: "+quoteCue(s.cues.contrast)+" turns against the thesis ("+thesis.id+") above it")
				} else if t := answeredClaim(flat, pos[s]); t != nil {
					add(s, t, Attack, "rebuttal: "+quoteCue(s.cues.contrast)+" answers the claim "+t.id)
				} else if thesis != nil {
					add(s, thesis, Support, "claim backing the thesis ("+thesis.id+")")
				}
			case s.cues.reason != "":
				if t := claimBefore(s, false); t != nil {
					add(s, t, Support, quoteCue(s.cues.reason)+" explains the claim before it ("+t.id+")")
				}
			default:
				if thesis != nil {
					add(s, thesis, Support, "claim backing the thesis ("+thesis.id+")")
				}
			}
		}
	}
	return rels
}

// answeredClaim returns the claim a contrast-opened claim at flat[i]
// answers: the nearest plain claim (not the thesis) in its own paragraph or
// the paragraph just above, or nil.
func answeredClaim(flat []*sent, i int) *sent {
	s := flat[i]
	for k := i - 1; k >= 0; k-- {
		t := flat[k]
		if t.para < s.para-1 {
			return nil
		}
		if t.role == MajorClaim {
			return nil
		}
		if t.role == Claim {
			return t
		}
	}
	return nil
}

// anaphoric reports whether a sentence opens by pointing back at the one
// before it ("This …", "That much …", "Such …") within its first words.
func anaphoric(text string) bool {
	w := words(text)
	for i := 0; i < len(w) && i < 4; i++ {
		switch w[i] {
		case "this", "that", "these", "those", "such":
			return true
		}
	}
	return false
}
