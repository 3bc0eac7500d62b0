package server

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/store"
)

// mapShape is what the exports of the argument (/export/aif.json and
// /export/argdown) need of it: each sentence's role by its place in
// reading order, where each paragraph's sentences start, the relations of
// the map between places (mapRelations) and the statements
// (mapStatements). A serving site reads it from the database by places
// (dbSource.mapShape), without the sentence ids and the rest of the graph
// (the relations to each sentence, the explanations, the index of the
// ids): at the input limit (880,000 sentences, 737,000 relations) about
// 12 MB, 9 of them the relations, where the graph and its relations took
// about 35 (README, Memory). A site in memory takes it from its graph.
type mapShape struct {
	role  []uint8 // index into roles
	roles []argument.Role
	// paraStart is the place of the first sentence of each paragraph (by
	// its position; a paragraph without sentences has the next one's).
	paraStart []int32
	rels      []mapRelation
	statement []bool
	// place returns the place of sentence sid.
	place func(sid string) (int32, bool)
}

func (s *mapShape) n() int                       { return len(s.role) }
func (s *mapShape) roleOf(k int32) argument.Role { return s.roles[s.role[k]] }

// at returns the place of the sentence at position pos of the paragraph
// at para, if there is one.
func (s *mapShape) at(para, pos int) (int32, bool) {
	if para < 0 || para >= len(s.paraStart) || pos < 0 {
		return 0, false
	}
	end := int32(s.n())
	if para+1 < len(s.paraStart) {
		end = s.paraStart[para+1]
	}
	k := s.paraStart[para] + int32(pos)
	return k, k < end
}

// placeOf returns where sentence k is: its paragraph's position and its
// own there.
func (s *mapShape) placeOf(k int32) store.Place {
	i, _ := slices.BinarySearch(s.paraStart, k+1) // the first paragraph after k's
	return store.Place{Para: i - 1, Pos: int(k - s.paraStart[i-1])}
}

// mapShape returns the shape of the exports from g and a's paragraphs.
func (g *graph) mapShape(a *argument.Analysis) *mapShape {
	s := &mapShape{role: g.role, roles: g.roles, paraStart: make([]int32, len(a.Paragraphs)), place: g.place}
	n := 0
	for i, p := range a.Paragraphs {
		s.paraStart[i] = int32(n)
		n += len(p.Sentences)
	}
	s.rels = mapRelations(g)
	s.statement = mapStatements(s)
	return s
}

// shapeBuilder collects a mapShape from the places of the sentences, in
// reading order, and then of the relations' ends.
type shapeBuilder struct {
	s     *mapShape
	roles byteCodes[argument.Role]
}

// newShapeBuilder returns a builder of a shape of about the given numbers
// of paragraphs, sentences and relations (the head's counts: enough room
// from the start, not half again as much while a slice grows).
func newShapeBuilder(paragraphs, sentences, relations int) *shapeBuilder {
	s := &mapShape{paraStart: make([]int32, 0, paragraphs), role: make([]uint8, 0, sentences), rels: make([]mapRelation, 0, relations)}
	return &shapeBuilder{s: s, roles: newByteCodes(&s.roles)}
}

// sentence adds the next sentence in reading order: at position pos of
// the paragraph at para.
func (b *shapeBuilder) sentence(para, pos int, _ string, role argument.Role) error {
	s := b.s
	n := s.n()
	if n == 1<<31-1 {
		return fmt.Errorf("map shape: too many sentences")
	}
	if para < len(s.paraStart)-1 {
		return fmt.Errorf("map shape: paragraph at %d after the one at %d", para, len(s.paraStart)-1)
	}
	for len(s.paraStart) <= para {
		s.paraStart = append(s.paraStart, int32(n))
	}
	if want := n - int(s.paraStart[para]); pos != want {
		return fmt.Errorf("map shape: sentence at %d of the paragraph at %d, want %d", pos, para, want)
	}
	r, ok := b.roles.of(role)
	if !ok {
		return fmt.Errorf("map shape: too many roles")
	}
	s.role = append(s.role, r)
	return nil
}

// relation adds the next relation, after every sentence: from the
// sentence at fromPos of the paragraph at fromPara to the one at toPos of
// toPara. One with an unknown end, or from a sentence to itself, is not
// in the map (as in mapRelations).
func (b *shapeBuilder) relation(fromPara, fromPos, toPara, toPos int, kind argument.RelationKind) error {
	from, ok := b.s.at(fromPara, fromPos)
	if !ok {
		return nil
	}
	to, ok := b.s.at(toPara, toPos)
	if !ok || from == to {
		return nil
	}
	b.s.rels = append(b.s.rels, mapRelation{from, to, kind == argument.Attack})
	return nil
}

// done returns the shape, once every sentence and relation is in;
// place finds a sentence's paragraph and its position there.
func (b *shapeBuilder) done(place func(sid string) (para, pos int, ok bool)) *mapShape {
	s := b.s
	s.rels = distinct(s.rels, s.n())
	s.statement = mapStatements(s)
	s.place = func(sid string) (int32, bool) {
		para, pos, ok := place(sid)
		if !ok {
			return 0, false
		}
		return s.at(para, pos)
	}
	return s
}

// distinct returns rels without repeats (the same from, to and kind),
// the first of each kept, in order, reusing rels' array. The relations of
// a valid analysis have no repeats, since no two start at the same
// sentence (argument.Analysis.Validate): a bit a sentence (n of them)
// shows that in one pass; only if two do are they sorted.
func distinct(rels []mapRelation, n int) []mapRelation {
	seen := make([]uint64, (n+63)/64)
	unique := true
	for _, r := range rels {
		w, bit := r.from/64, uint64(1)<<(r.from%64)
		if seen[w]&bit != 0 {
			unique = false
			break
		}
		seen[w] |= bit
	}
	if unique {
		return rels
	}
	// Sorted by relation (then by place), a repeat follows its first. (A
	// set of the relations seen took twice the memory.)
	order := make([]int32, len(rels))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		x, y := rels[a], rels[b]
		return cmp.Or(cmp.Compare(x.from, y.from), cmp.Compare(x.to, y.to), boolCompare(x.attack, y.attack), cmp.Compare(a, b))
	})
	repeat := make([]bool, len(rels))
	for i := 1; i < len(order); i++ {
		if rels[order[i]] == rels[order[i-1]] {
			repeat[order[i]] = true
		}
	}
	kept := rels[:0]
	for i, r := range rels {
		if !repeat[i] {
			kept = append(kept, r)
		}
	}
	return kept
}
