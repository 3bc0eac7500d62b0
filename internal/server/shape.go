package server

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/argmap/argmap/internal/argument"
)

// mapShape is what the exports of the argument (/export/aif.json and
// /export/argdown) need of it: each sentence's role by its place in
// reading order, the relations of the map between places (mapRelations),
// the statements (mapStatements) and, for Argdown's references, the
// sentence ids. A serving site reads it from the database by places
// (dbSource.mapShape), without the ids unless asked and without the rest
// of the graph (the relations to each sentence, the explanations, the
// index of the ids), which at the input limit is 13 MB for AIF instead of
// about 45 (see README, Memory); a site in memory takes it from its graph.
type mapShape struct {
	role      []uint8 // index into roles
	roles     []argument.Role
	rels      []mapRelation
	statement []bool
	// ids and ends hold the sentence ids as graph's do (sentence k's is
	// ids[ends[k-1]:ends[k]]), when they were asked for; nil otherwise.
	ids  []byte
	ends []uint32
	// place returns the place of sentence sid.
	place func(sid string) (int32, bool)
}

func (s *mapShape) n() int                       { return len(s.role) }
func (s *mapShape) roleOf(k int32) argument.Role { return s.roles[s.role[k]] }

// sid is the id of sentence k (of a shape with its ids).
func (s *mapShape) sid(k int32) string {
	start := uint32(0)
	if k > 0 {
		start = s.ends[k-1]
	}
	return string(s.ids[start:s.ends[k]])
}

// mapShape returns the shape of the exports from g.
func (g *graph) mapShape() *mapShape {
	s := &mapShape{role: g.role, roles: g.roles, rels: mapRelations(g), ids: g.ids, ends: g.ends, place: g.place}
	s.statement = mapStatements(s)
	return s
}

// shapeBuilder collects a mapShape from the places of the sentences, in
// reading order, and then of the relations' ends.
type shapeBuilder struct {
	s       *mapShape
	ids     bool
	roleIdx map[argument.Role]uint8
	// paraStart is the place of the first sentence of each paragraph (by
	// its position; a paragraph without sentences has the next one's).
	paraStart []int32
}

func newShapeBuilder(ids bool) *shapeBuilder {
	return &shapeBuilder{s: &mapShape{}, ids: ids, roleIdx: make(map[argument.Role]uint8)}
}

// sentence adds the next sentence in reading order: at position pos of
// the paragraph at para.
func (b *shapeBuilder) sentence(para, pos int, sid string, role argument.Role) error {
	s := b.s
	n := len(s.role)
	if n == 1<<31-1 {
		return fmt.Errorf("map shape: too many sentences")
	}
	if para < len(b.paraStart)-1 {
		return fmt.Errorf("map shape: paragraph at %d after the one at %d", para, len(b.paraStart)-1)
	}
	for len(b.paraStart) <= para {
		b.paraStart = append(b.paraStart, int32(n))
	}
	if want := n - int(b.paraStart[para]); pos != want {
		return fmt.Errorf("map shape: sentence at %d of the paragraph at %d, want %d", pos, para, want)
	}
	r, ok := b.roleIdx[role]
	if !ok {
		if len(s.roles) == 255 {
			return fmt.Errorf("map shape: too many roles")
		}
		r = uint8(len(s.roles))
		b.roleIdx[role] = r
		s.roles = append(s.roles, role)
	}
	s.role = append(s.role, r)
	if b.ids {
		if len(s.ids)+len(sid) > 1<<32-1 {
			return fmt.Errorf("map shape: too many sentences")
		}
		s.ids = append(s.ids, sid...)
		s.ends = append(s.ends, uint32(len(s.ids)))
	}
	return nil
}

// at returns the place of the sentence at position pos of the paragraph
// at para, if there is one.
func (b *shapeBuilder) at(para, pos int) (int32, bool) {
	if para < 0 || para >= len(b.paraStart) || pos < 0 {
		return 0, false
	}
	end := int32(len(b.s.role))
	if para+1 < len(b.paraStart) {
		end = b.paraStart[para+1]
	}
	k := b.paraStart[para] + int32(pos)
	return k, k < end
}

// relation adds the next relation, after every sentence: from the
// sentence at fromPos of the paragraph at fromPara to the one at toPos of
// toPara. One with an unknown end, or from a sentence to itself, is not
// in the map (as in mapRelations).
func (b *shapeBuilder) relation(fromPara, fromPos, toPara, toPos int, kind argument.RelationKind) error {
	from, ok := b.at(fromPara, fromPos)
	if !ok {
		return nil
	}
	to, ok := b.at(toPara, toPos)
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
		return b.at(para, pos)
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
