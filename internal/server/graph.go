package server

import (
	"bytes"
	"fmt"
	"slices"
	"sync"

	"github.com/argmap/argmap/internal/argument"
)

// graph is the shape of the argument without its words: every sentence's
// id and role in reading order and every relation between them, packed
// (about 25 bytes a sentence and 17 a relation, against about 1.2 KB a
// paragraph for the analysis in memory). The map of an essay that is not
// too long for it walks it, and reads the words of only the sentences it
// shows. The exports of the argument walk a mapShape, which a site in
// memory takes from its graph and a serving site reads without one
// (dbSource.mapShape).
type graph struct {
	// ids holds the sentence ids in reading order, one after another
	// (sentence k's is ids[ends[k-1]:ends[k]]); a sentence is named by its
	// place k. byID lists the places in the order of their ids, for place.
	ids   []byte
	ends  []uint32
	byID  []int32
	role  []uint8 // index into roles
	roles []argument.Role
	// from, to, kind (index into kinds) and why (index into whys) are
	// the relations, in the analysis's order; a relation between
	// unknown sentences has from or to -1.
	from, to []int32
	kind     []uint8
	kinds    []argument.RelationKind
	why      []uint32
	whys     []string
	// inStart and inRel list the relations to each sentence (those to
	// sentence k are inRel[inStart[k]:inStart[k+1]], in order); outDeg
	// counts those from it. Only the map walks them: they are made the
	// first time it asks (indexed).
	indexOnce sync.Once
	inStart   []int32
	inRel     []int32
	outDeg    []int32
}

// byteCodes gives each distinct value a one-byte code, in the order they
// come, and appends the value to *vals, the table the codes index.
type byteCodes[T comparable] struct {
	code map[T]uint8
	vals *[]T
}

func newByteCodes[T comparable](vals *[]T) byteCodes[T] {
	return byteCodes[T]{code: make(map[T]uint8), vals: vals}
}

// of returns v's code; ok is false when 255 values have codes already.
func (c byteCodes[T]) of(v T) (code uint8, ok bool) {
	if k, seen := c.code[v]; seen {
		return k, true
	}
	if len(*c.vals) == 255 {
		return 0, false
	}
	k := uint8(len(*c.vals))
	c.code[v] = k
	*c.vals = append(*c.vals, v)
	return k, true
}

// graphBuilder collects a graph.
type graphBuilder struct {
	g      *graph
	roles  byteCodes[argument.Role]
	kinds  byteCodes[argument.RelationKind]
	whyIdx map[string]uint32
}

func newGraphBuilder() *graphBuilder {
	g := &graph{}
	return &graphBuilder{g: g, roles: newByteCodes(&g.roles), kinds: newByteCodes(&g.kinds), whyIdx: make(map[string]uint32)}
}

// sentence adds the next sentence in reading order.
func (b *graphBuilder) sentence(sid string, role argument.Role) error {
	g := b.g
	r, ok := b.roles.of(role)
	if !ok {
		return fmt.Errorf("graph: too many roles")
	}
	if len(g.ids)+len(sid) > 1<<32-1 {
		return fmt.Errorf("graph: too many sentences")
	}
	g.ids = append(g.ids, sid...)
	g.ends = append(g.ends, uint32(len(g.ids)))
	g.role = append(g.role, r)
	return nil
}

// sorted makes byID, once every sentence is in.
func (b *graphBuilder) sorted() {
	g := b.g
	if g.byID != nil || len(g.ends) == 0 {
		return
	}
	g.byID = make([]int32, len(g.ends))
	for k := range g.byID {
		g.byID[k] = int32(k)
	}
	slices.SortFunc(g.byID, func(a, b int32) int { return bytes.Compare(g.idBytes(a), g.idBytes(b)) })
}

// relation adds the next relation, after every sentence.
func (b *graphBuilder) relation(rel argument.Relation) error {
	b.sorted()
	g := b.g
	k, ok := b.kinds.of(rel.Kind)
	if !ok {
		return fmt.Errorf("graph: too many relation kinds")
	}
	w, ok := b.whyIdx[rel.Why]
	if !ok {
		w = uint32(len(g.whys)) // fewer than the relations, which are fewer than 2^32
		b.whyIdx[rel.Why] = w
		g.whys = append(g.whys, rel.Why)
	}
	from, ok := g.place(rel.From)
	if !ok {
		from = -1
	}
	to, ok := g.place(rel.To)
	if !ok {
		to = -1
	}
	g.from, g.to = append(g.from, from), append(g.to, to)
	g.kind, g.why = append(g.kind, k), append(g.why, w)
	return nil
}

// done returns the graph, once every sentence and relation is in.
func (b *graphBuilder) done() *graph {
	b.sorted()
	return b.g
}

// indexed indexes the relations by the sentence they bear on, once, and
// returns g.
func (g *graph) indexed() *graph {
	g.indexOnce.Do(g.index)
	return g
}

func (g *graph) index() {
	n := g.n()
	g.inStart = make([]int32, n+1)
	g.outDeg = make([]int32, n)
	for i, to := range g.to {
		if to >= 0 {
			g.inStart[to+1]++
		}
		if f := g.from[i]; f >= 0 {
			g.outDeg[f]++
		}
	}
	for k := range n {
		g.inStart[k+1] += g.inStart[k]
	}
	g.inRel = make([]int32, len(g.to))
	next := make([]int32, n)
	copy(next, g.inStart[:n])
	used := 0
	for i, to := range g.to {
		if to < 0 {
			continue
		}
		g.inRel[next[to]] = int32(i)
		next[to]++
		used++
	}
	g.inRel = g.inRel[:used]
}

// in returns the relations to sentence k, in order.
func (g *graph) in(k int32) []int32 { return g.inRel[g.inStart[k]:g.inStart[k+1]] }

func (g *graph) roleOf(k int32) argument.Role          { return g.roles[g.role[k]] }
func (g *graph) kindOf(ri int32) argument.RelationKind { return g.kinds[g.kind[ri]] }
func (g *graph) whyOf(ri int32) string                 { return g.whys[g.why[ri]] }

// n is the number of sentences.
func (g *graph) n() int { return len(g.ends) }

// idBytes is the id of sentence k.
func (g *graph) idBytes(k int32) []byte {
	start := uint32(0)
	if k > 0 {
		start = g.ends[k-1]
	}
	return g.ids[start:g.ends[k]]
}

// sid is the id of sentence k.
func (g *graph) sid(k int32) string { return string(g.idBytes(k)) }

// place returns the place of sentence sid.
func (g *graph) place(sid string) (int32, bool) {
	target := []byte(sid)
	i, ok := slices.BinarySearchFunc(g.byID, target, func(k int32, t []byte) int { return bytes.Compare(g.idBytes(k), t) })
	if !ok {
		return 0, false
	}
	return g.byID[i], true
}

// graphOf builds the graph of an analysis in memory, which must be valid
// (newMemSource checks it with Analysis.Validate). The builder's errors
// cannot happen then: a valid analysis has five roles and two relation
// kinds, far under the builder's 255, and its ids fit in memory, far
// under 4 GiB. graphOf panics if they do.
func graphOf(a *argument.Analysis) *graph {
	b := newGraphBuilder()
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			if err := b.sentence(s.ID, s.Role); err != nil {
				panic(fmt.Sprintf("graph of a valid analysis: sentence %s: %v", s.ID, err))
			}
		}
	}
	for _, r := range a.Relations {
		if err := b.relation(r); err != nil {
			panic(fmt.Sprintf("graph of a valid analysis: relation %s → %s: %v", r.From, r.To, err))
		}
	}
	return b.done()
}
