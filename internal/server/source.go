package server

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/store"
)

// This file holds where the pages' data comes from (source): a snapshot
// held in memory (memSource: what NewSite is given, for tests and bench-bare),
// or the database, read per page in one read transaction (dbSource: what
// `argmap serve` uses, so that its memory and start-up do not grow with
// the essay). Both answer the same questions with the same values, so a
// page is the same bytes from either (a test renders every page both ways).
//
// A source's methods return no error: a failed read panics with a
// readError, which Site.render recovers into the error of the page.

// source is the essay as the pages ask for it.
type source interface {
	paragraphCount() int
	// paragraph returns the paragraph at position i (0-based) with its
	// sentences; paragraphIndex the position of pid, if it is current.
	paragraph(i int) argument.Paragraph
	paragraphIndex(pid string) (int, bool)
	// sentence returns sentence sid with its paragraph, if it is current.
	sentence(sid string) (placed, bool)
	relationsFrom(sid string) []argument.Relation
	// relationsTo returns the first limit (below 0: all) relations to
	// sid; countsTo counts them by kind.
	relationsTo(sid string, limit int) []argument.Relation
	countsTo(sid string) map[argument.RelationKind]int
	relationCount() int
	// relationsToFrom returns the first limit relations to sid from
	// sentences of the roles, in order.
	relationsToFrom(sid string, roles []argument.Role, limit int) []argument.Relation
	// unrelated returns the first limit sentences of role, in reading
	// order, from which no relation starts.
	unrelated(role argument.Role, limit int) []string
	// relationsFromParagraphs returns, by sentence id, the relations from
	// the sentences of the paragraphs at lo to hi-1 (for a download that
	// walks them all: one read a batch, not one a sentence).
	relationsFromParagraphs(lo, hi int) map[string][]argument.Relation
	// figuresOf returns the positions of the figures of sentence sid.
	figuresOf(sid string) []int
	figure(i int) argument.Figure
	figureCount() int
	roleCounts() map[argument.Role]int
	// claims returns the sentences of role (Claim or MajorClaim) in
	// reading order from offset, at most limit (below 0: all).
	claims(role argument.Role, offset, limit int) []string
	// claimNear returns the sentence of role nearest before (or after)
	// sentence s in reading order, "" for none.
	claimNear(role argument.Role, s placed, before bool) string
	// history returns the earlier texts of current paragraph pid.
	history(pid string) []store.ParagraphVersion
	// removed returns the last version of removed paragraph pid and the
	// paragraph it was merged into.
	removed(pid string) (store.ParagraphVersion, string, bool)
	removedAll() []store.ParagraphVersion
	// formerClaim returns sentence sid if an earlier revision read it as
	// a claim or thesis statement and the current one does not;
	// formerClaims returns every such sentence.
	formerClaim(sid string) (store.FormerClaim, bool)
	formerClaims() []store.FormerClaim
	neighbours(v store.ParagraphVersion) store.Neighbours
	changesOf(pid string) []store.RevisionChange
	// changes returns the first limit changes of revision rev and their
	// number.
	changes(rev, limit int) ([]store.Change, int)
	versions(pid string) []store.Version
	firstOfKind(kind essay.Kind) string
	// firstRevised returns the first current paragraph whose text changed
	// and its earlier texts.
	firstRevised() (string, []store.ParagraphVersion)
	eachParagraph(lo, hi int, f func(i int, p argument.Paragraph) error) error
	eachRelation(f func(argument.Relation) error) error
	// eachFigure gives each figure with the paragraph of its sentence (""
	// for none).
	eachFigure(lo, hi int, f func(i int, fig argument.Figure, pid string) error) error
	// eachFigureOfKind is eachFigure of every figure of one kind.
	eachFigureOfKind(kind argument.FigureKind, f func(i int, fig argument.Figure, pid string) error) error
	// whole returns the essay in memory (for export and the downloads of
	// a short essay); graph the shape of its argument (for the pages drawn
	// from all of it: /map and the AIF and Argdown exports).
	whole() *memSource
	graph() *graph
	// mapShape returns what the exports of the argument need of it;
	// sentencesAt the sentences at places (see store.Reader.SentencesAt).
	mapShape() *mapShape
	sentencesAt(places []store.Place) []placed
}

// placed is a sentence with its paragraph's id and position, and its own
// position in that paragraph.
type placed struct {
	argument.Sentence
	pid  string
	para int
	pos  int
}

// head is what a site keeps of its revision besides the pages' data.
type head struct {
	current   store.Revision
	revisions []store.Revision
	meta      essay.Meta
	title     string
	author    string
}

// memSource is a snapshot in memory, indexed.
type memSource struct {
	snap *store.Snapshot
	a    argument.Analysis

	paraIndex map[string]int
	sentIndex map[string]sentenceRef
	// relFrom and relTo map a sentence id to indexes into a.Relations.
	relFrom map[string][]int
	relTo   map[string][]int
	// figures maps a sentence id to indexes into a.Figures.
	figs    map[string][]int
	removes map[string]int // pid → index into snap.Removed
	formers map[string]int // sid → index into snap.FormerClaims
	roles   map[argument.Role]int
	// reader reads the versions of a paragraph when the snapshot holds
	// none (Options.Versions); nil otherwise.
	reader VersionReader
	// shape is the graph and exportShape its mapShape, made when first
	// asked for.
	shape       func() *graph
	exportShape func() *mapShape
}

// sentenceRef locates a sentence in the analysis.
type sentenceRef struct{ para, sent int }

func newMemSource(snap *store.Snapshot) (*memSource, error) {
	if err := snap.Analysis.Validate(); err != nil {
		return nil, fmt.Errorf("invalid analysis: %w", err)
	}
	m := &memSource{
		snap:      snap,
		a:         snap.Analysis,
		paraIndex: make(map[string]int),
		sentIndex: make(map[string]sentenceRef),
		relFrom:   make(map[string][]int),
		relTo:     make(map[string][]int),
		figs:      make(map[string][]int),
		removes:   make(map[string]int),
		formers:   make(map[string]int),
		roles:     make(map[argument.Role]int),
	}
	// Copy the slices we normalise so that the caller's snapshot is left
	// alone.
	m.a.Paragraphs = slices.Clone(m.a.Paragraphs)
	if m.a.Paragraphs == nil {
		m.a.Paragraphs = []argument.Paragraph{}
	}
	if m.a.Relations == nil {
		m.a.Relations = []argument.Relation{}
	}
	if m.a.Figures == nil {
		m.a.Figures = []argument.Figure{}
	}
	for i, p := range m.a.Paragraphs {
		m.paraIndex[p.ID] = i
		if p.Sentences == nil {
			m.a.Paragraphs[i].Sentences = []argument.Sentence{}
		}
		for j, s := range p.Sentences {
			m.sentIndex[s.ID] = sentenceRef{i, j}
			m.roles[s.Role]++
		}
	}
	for i, r := range m.a.Relations {
		m.relFrom[r.From] = append(m.relFrom[r.From], i)
		m.relTo[r.To] = append(m.relTo[r.To], i)
	}
	for i, f := range m.a.Figures {
		m.figs[f.Sentence] = append(m.figs[f.Sentence], i)
	}
	for i, v := range snap.Removed {
		if !argument.ValidID(v.PID) {
			return nil, fmt.Errorf("removed paragraph id %q is not a URL-safe id", v.PID)
		}
		if _, cur := m.paraIndex[v.PID]; cur {
			return nil, fmt.Errorf("paragraph id %q is both current and removed", v.PID)
		}
		if _, dup := m.removes[v.PID]; dup {
			return nil, fmt.Errorf("removed paragraph id %q is listed twice", v.PID)
		}
		m.removes[v.PID] = i
	}
	for i, c := range snap.FormerClaims {
		if s, ok := m.sentIndex[c.SID]; ok && isClaim(m.a.Paragraphs[s.para].Sentences[s.sent].Role) {
			return nil, fmt.Errorf("sentence %s is both a claim and a former claim", c.SID)
		}
		m.formers[c.SID] = i
	}
	m.shape = sync.OnceValue(func() *graph { return graphOf(&m.a) })
	m.exportShape = sync.OnceValue(func() *mapShape { return m.shape().mapShape(&m.a) })
	return m, nil
}

func (m *memSource) graph() *graph       { return m.shape() }
func (m *memSource) mapShape() *mapShape { return m.exportShape() }

func (m *memSource) sentencesAt(places []store.Place) []placed {
	out := make([]placed, len(places))
	for i, at := range places {
		p := m.a.Paragraphs[at.Para]
		out[i] = placed{Sentence: p.Sentences[at.Pos], pid: p.ID, para: at.Para, pos: at.Pos}
	}
	return out
}

func (m *memSource) paragraphCount() int                { return len(m.a.Paragraphs) }
func (m *memSource) paragraph(i int) argument.Paragraph { return m.a.Paragraphs[i] }
func (m *memSource) paragraphIndex(pid string) (int, bool) {
	i, ok := m.paraIndex[pid]
	return i, ok
}

func (m *memSource) sentence(sid string) (placed, bool) {
	r, ok := m.sentIndex[sid]
	if !ok {
		return placed{}, false
	}
	p := m.a.Paragraphs[r.para]
	return placed{Sentence: p.Sentences[r.sent], pid: p.ID, para: r.para, pos: r.sent}, true
}

func (m *memSource) pick(idx []int) []argument.Relation {
	out := make([]argument.Relation, len(idx))
	for k, i := range idx {
		out[k] = m.a.Relations[i]
	}
	return out
}

func (m *memSource) relationsFrom(sid string) []argument.Relation { return m.pick(m.relFrom[sid]) }
func (m *memSource) relationsTo(sid string, limit int) []argument.Relation {
	idx := m.relTo[sid]
	if limit >= 0 {
		idx = idx[:min(len(idx), limit)]
	}
	return m.pick(idx)
}

func (m *memSource) countsTo(sid string) map[argument.RelationKind]int {
	out := make(map[argument.RelationKind]int)
	for _, i := range m.relTo[sid] {
		out[m.a.Relations[i].Kind]++
	}
	return out
}

func (m *memSource) relationCount() int { return len(m.a.Relations) }

func (m *memSource) relationsToFrom(sid string, roles []argument.Role, limit int) []argument.Relation {
	var out []argument.Relation
	for _, i := range m.relTo[sid] {
		if len(out) >= limit {
			break
		}
		r := m.a.Relations[i]
		if from, ok := m.sentence(r.From); ok && slices.Contains(roles, from.Role) {
			out = append(out, r)
		}
	}
	return out
}

func (m *memSource) unrelated(role argument.Role, limit int) []string {
	var out []string
	for _, p := range m.a.Paragraphs {
		for _, s := range p.Sentences {
			if len(out) >= limit {
				return out
			}
			if s.Role == role && len(m.relFrom[s.ID]) == 0 {
				out = append(out, s.ID)
			}
		}
	}
	return out
}

func (m *memSource) relationsFromParagraphs(lo, hi int) map[string][]argument.Relation {
	out := make(map[string][]argument.Relation)
	for i := lo; i < min(hi, len(m.a.Paragraphs)); i++ {
		for _, s := range m.a.Paragraphs[i].Sentences {
			if idx := m.relFrom[s.ID]; len(idx) > 0 {
				out[s.ID] = m.pick(idx)
			}
		}
	}
	return out
}
func (m *memSource) figuresOf(sid string) []int        { return m.figs[sid] }
func (m *memSource) figure(i int) argument.Figure      { return m.a.Figures[i] }
func (m *memSource) figureCount() int                  { return len(m.a.Figures) }
func (m *memSource) roleCounts() map[argument.Role]int { return m.roles }

func (m *memSource) claims(role argument.Role, offset, limit int) []string {
	var out []string
	n := 0
	for _, p := range m.a.Paragraphs {
		for _, s := range p.Sentences {
			if s.Role != role {
				continue
			}
			if n >= offset && (limit < 0 || len(out) < limit) {
				out = append(out, s.ID)
			}
			n++
		}
	}
	return out
}

func (m *memSource) claimNear(role argument.Role, s placed, before bool) string {
	r := m.sentIndex[s.ID]
	if before {
		for i := r.para; i >= 0; i-- {
			ss := m.a.Paragraphs[i].Sentences
			j := len(ss) - 1
			if i == r.para {
				j = r.sent - 1
			}
			for ; j >= 0; j-- {
				if ss[j].Role == role {
					return ss[j].ID
				}
			}
		}
		return ""
	}
	for i := r.para; i < len(m.a.Paragraphs); i++ {
		ss := m.a.Paragraphs[i].Sentences
		j := 0
		if i == r.para {
			j = r.sent + 1
		}
		for ; j < len(ss); j++ {
			if ss[j].Role == role {
				return ss[j].ID
			}
		}
	}
	return ""
}

func (m *memSource) history(pid string) []store.ParagraphVersion { return m.snap.History[pid] }

func (m *memSource) removed(pid string) (store.ParagraphVersion, string, bool) {
	i, ok := m.removes[pid]
	if !ok {
		return store.ParagraphVersion{}, "", false
	}
	return m.snap.Removed[i], m.snap.MergedInto[pid], true
}

func (m *memSource) removedAll() []store.ParagraphVersion { return m.snap.Removed }

func (m *memSource) formerClaim(sid string) (store.FormerClaim, bool) {
	i, ok := m.formers[sid]
	if !ok {
		return store.FormerClaim{}, false
	}
	return m.snap.FormerClaims[i], true
}

func (m *memSource) formerClaims() []store.FormerClaim { return m.snap.FormerClaims }

func (m *memSource) neighbours(v store.ParagraphVersion) store.Neighbours {
	return m.snap.Neighbours[v.PID]
}

func (m *memSource) changesOf(pid string) []store.RevisionChange {
	var out []store.RevisionChange
	for _, r := range m.snap.Revisions {
		for _, c := range r.Changes {
			if c.PID == pid {
				out = append(out, store.RevisionChange{Revision: r.Number, Change: c})
			}
		}
	}
	return out
}

func (m *memSource) changes(rev, limit int) ([]store.Change, int) {
	for _, r := range m.snap.Revisions {
		if r.Number == rev {
			return r.Changes[:min(len(r.Changes), limit)], len(r.Changes)
		}
	}
	return nil, 0
}

// versions returns every text paragraph pid had, oldest first, the last
// being the current (or, for a removed paragraph, the last) text. For a
// snapshot read without Versions it falls back to the earlier texts of
// History and the text in Analysis or Removed.
func (m *memSource) versions(pid string) []store.Version {
	if m.reader != nil {
		return readVersions(m.reader, pid)
	}
	if m.snap.Versions != nil {
		return m.snap.Versions[pid]
	}
	var vs []store.Version
	for _, v := range m.snap.History[pid] {
		vs = append(vs, store.Version{ParagraphVersion: v})
	}
	if i, ok := m.paraIndex[pid]; ok {
		// The current text stands since the revision after the newest
		// earlier text, or since the first revision.
		p := m.a.Paragraphs[i]
		rev := 1
		if len(vs) > 0 {
			rev = vs[len(vs)-1].Revision + 1
		}
		v := store.Version{ParagraphVersion: store.ParagraphVersion{PID: pid, Revision: rev, Position: i, Kind: p.Kind, Text: p.Text}}
		for _, s := range p.Sentences {
			v.Sentences = append(v.Sentences, store.SentenceVersion{ID: s.ID, Text: s.Text})
		}
		return append(vs, v)
	}
	if v, _, ok := m.removed(pid); ok {
		return append(vs, store.Version{ParagraphVersion: v})
	}
	return vs
}

func (m *memSource) firstOfKind(kind essay.Kind) string {
	for _, p := range m.a.Paragraphs {
		if p.Kind == kind {
			return p.ID
		}
	}
	return ""
}

func (m *memSource) firstRevised() (string, []store.ParagraphVersion) {
	for _, p := range m.a.Paragraphs {
		if vs := m.snap.History[p.ID]; len(vs) > 0 {
			return p.ID, vs
		}
	}
	return "", nil
}

func (m *memSource) eachParagraph(lo, hi int, f func(int, argument.Paragraph) error) error {
	if hi < 0 || hi > len(m.a.Paragraphs) {
		hi = len(m.a.Paragraphs)
	}
	for i := lo; i < hi; i++ {
		if err := f(i, m.a.Paragraphs[i]); err != nil {
			return err
		}
	}
	return nil
}

func (m *memSource) eachRelation(f func(argument.Relation) error) error {
	for _, r := range m.a.Relations {
		if err := f(r); err != nil {
			return err
		}
	}
	return nil
}

func (m *memSource) eachFigure(lo, hi int, f func(int, argument.Figure, string) error) error {
	if hi < 0 || hi > len(m.a.Figures) {
		hi = len(m.a.Figures)
	}
	for i := lo; i < hi; i++ {
		fig := m.a.Figures[i]
		pid := ""
		if r, ok := m.sentIndex[fig.Sentence]; ok {
			pid = m.a.Paragraphs[r.para].ID
		}
		if err := f(i, fig, pid); err != nil {
			return err
		}
	}
	return nil
}

func (m *memSource) eachFigureOfKind(kind argument.FigureKind, f func(int, argument.Figure, string) error) error {
	return m.eachFigure(0, -1, func(i int, fig argument.Figure, pid string) error {
		if fig.Kind != kind {
			return nil
		}
		return f(i, fig, pid)
	})
}

func (m *memSource) whole() *memSource { return m }

// VersionReader reads the versions of one paragraph, as *store.DB does.
type VersionReader interface {
	Versions(ctx context.Context, pid string) ([]store.Version, error)
}

// readError carries a failed read of the store out of the page functions,
// which return no error, to render (a panic it recovers).
type readError struct{ err error }

// check panics with a readError when err is not nil.
func check(err error) {
	if err != nil {
		panic(readError{err})
	}
}

// readVersions returns the versions of pid from r; an id the store does
// not know has none.
func readVersions(r VersionReader, pid string) []store.Version {
	vs, err := r.Versions(context.Background(), pid)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	check(err)
	return vs
}

// readerVersions reads versions in a store.Reader's transaction.
type readerVersions struct{ r *store.Reader }

func (v readerVersions) Versions(_ context.Context, pid string) ([]store.Version, error) {
	return v.r.Versions(pid)
}

// dbSource reads the pages' data from the database in one read
// transaction (store.Reader), keeping what one page asked for so that it
// is read once a page: at most maxKept of each kind, so that a download
// that reads the whole essay through it does not keep it.
type dbSource struct {
	r    *store.Reader
	h    *store.Head
	sent map[string]*placed // nil value: no such sentence
	from map[string][]argument.Relation
	figs map[string][]int
	fig  map[int]argument.Figure
	para map[int]argument.Paragraph
	all  *memSource
	g    *graph
	shp  *mapShape
	// snapshot reads the whole snapshot, for whole.
	snapshot func() (*store.Snapshot, error)
	// reads keeps what the site's readers share: the marks of the lists.
	reads *dbReads
}

// markFrom is the offset into a list from which its pages are read from
// its marks (dbSource.claims): ten pages.
const markFrom = 10 * markEvery

// maxKept is the most sentences, relation lists, figure lists or figures a
// dbSource keeps; a page asks for a few hundred.
const maxKept = 4096

// full reports whether a map of kept reads is full.
func full[K comparable, V any](m map[K]V) bool { return len(m) >= maxKept }

func newDBSource(r *store.Reader, h *store.Head, snapshot func() (*store.Snapshot, error)) *dbSource {
	return &dbSource{r: r, h: h, snapshot: snapshot, sent: make(map[string]*placed), from: make(map[string][]argument.Relation),
		figs: make(map[string][]int), fig: make(map[int]argument.Figure), para: make(map[int]argument.Paragraph)}
}

func (d *dbSource) paragraphCount() int { return d.h.Paragraphs }

func (d *dbSource) paragraph(i int) argument.Paragraph {
	if p, ok := d.para[i]; ok {
		return p
	}
	ps, err := d.r.Paragraphs(i, i+1)
	check(err)
	if len(ps) != 1 {
		check(fmt.Errorf("paragraph at %d: %w", i, store.ErrNotFound))
	}
	d.keep(i, ps[0])
	return ps[0]
}

// keep remembers paragraph p at i and its sentences.
func (d *dbSource) keep(i int, p argument.Paragraph) {
	if full(d.para) || full(d.sent) {
		return
	}
	d.para[i] = p
	for j, s := range p.Sentences {
		d.sent[s.ID] = &placed{Sentence: s, pid: p.ID, para: i, pos: j}
	}
}

// prefetch reads the paragraphs at lo to hi-1 at once.
func (d *dbSource) prefetch(lo, hi int) {
	check(d.r.EachParagraph(lo, hi, func(i int, p argument.Paragraph) error {
		d.keep(i, p)
		return nil
	}))
}

func (d *dbSource) paragraphIndex(pid string) (int, bool) {
	i, err := d.r.ParagraphIndex(pid)
	if errors.Is(err, store.ErrNotFound) {
		return 0, false
	}
	check(err)
	return i, true
}

func (d *dbSource) sentence(sid string) (placed, bool) {
	if s, ok := d.sent[sid]; ok {
		if s == nil {
			return placed{}, false
		}
		return *s, true
	}
	s, err := d.r.Sentence(sid)
	if errors.Is(err, store.ErrNotFound) {
		if !full(d.sent) {
			d.sent[sid] = nil
		}
		return placed{}, false
	}
	check(err)
	p := &placed{Sentence: s.Sentence, pid: s.PID, para: s.Para, pos: s.Pos}
	if !full(d.sent) {
		d.sent[sid] = p
	}
	return *p, true
}

func (d *dbSource) relationsFrom(sid string) []argument.Relation {
	if rs, ok := d.from[sid]; ok {
		return rs
	}
	rs, err := d.r.RelationsFrom(sid)
	check(err)
	if !full(d.from) {
		d.from[sid] = rs
	}
	return rs
}

func (d *dbSource) relationsTo(sid string, limit int) []argument.Relation {
	rs, err := d.r.RelationsToFirst(sid, limit)
	check(err)
	return rs
}

func (d *dbSource) countsTo(sid string) map[argument.RelationKind]int {
	n, err := d.r.CountsTo(sid)
	check(err)
	return n
}

func (d *dbSource) relationCount() int { return d.h.Relations }

func (d *dbSource) relationsToFrom(sid string, roles []argument.Role, limit int) []argument.Relation {
	rs, err := d.r.RelationsToFrom(sid, roles, limit)
	check(err)
	return rs
}

func (d *dbSource) unrelated(role argument.Role, limit int) []string {
	ids, err := d.r.Unrelated(role, limit, d.few(role))
	check(err)
	return ids
}

func (d *dbSource) relationsFromParagraphs(lo, hi int) map[string][]argument.Relation {
	rs, err := d.r.RelationsFromParagraphs(lo, hi)
	check(err)
	return rs
}

func (d *dbSource) figuresOf(sid string) []int {
	if fs, ok := d.figs[sid]; ok {
		return fs
	}
	fs, err := d.r.FiguresOf(sid)
	check(err)
	if !full(d.figs) {
		d.figs[sid] = fs
	}
	return fs
}

func (d *dbSource) figure(i int) argument.Figure {
	if f, ok := d.fig[i]; ok {
		return f
	}
	var fig argument.Figure
	found := false
	check(d.r.EachFigure(i, i+1, func(_ int, f argument.Figure, _ string) error {
		fig, found = f, true
		return nil
	}))
	if !found {
		check(fmt.Errorf("figure %d: %w", i, store.ErrNotFound))
	}
	if !full(d.fig) {
		d.fig[i] = fig
	}
	return fig
}

func (d *dbSource) figureCount() int                  { return d.h.Figures }
func (d *dbSource) roleCounts() map[argument.Role]int { return d.h.Roles }

// claims reads a deep page of a common role's list from the mark before
// its offset (keyset paging: at the input limit /claims/page/1900 walked
// 380,000 claims to its offset, 0.6-0.8 s); the first pages (up to
// markFrom sentences in, a walk of milliseconds), a rare role's list and
// a source without marks read from the start, so that the marks are read
// (one walk of the list, 0.9 s at the input limit) only once someone goes
// deep.
func (d *dbSource) claims(role argument.Role, offset, limit int) []string {
	few := d.few(role)
	if offset < markFrom || few || d.reads == nil {
		ids, err := d.r.Claims(role, offset, limit, few)
		check(err)
		return ids
	}
	marks, err := d.reads.marksOf(role, func() ([]store.Mark, error) { return d.r.RoleMarks(role, markEvery, few) })
	check(err)
	k := offset / markEvery
	if k >= len(marks) {
		return nil
	}
	ids, err := d.r.ClaimsFrom(role, marks[k], offset-k*markEvery, limit, few)
	check(err)
	return ids
}

// few reports whether few sentences have the role (see store.Claims).
func (d *dbSource) few(role argument.Role) bool { return d.h.Roles[role] <= maxKept }

func (d *dbSource) claimNear(role argument.Role, s placed, before bool) string {
	id, err := d.r.ClaimNear(role, s.ID, s.para, before, d.few(role))
	check(err)
	return id
}

func (d *dbSource) history(pid string) []store.ParagraphVersion {
	vs, err := d.r.History(pid)
	check(err)
	return vs
}

func (d *dbSource) removed(pid string) (store.ParagraphVersion, string, bool) {
	v, into, err := d.r.Removed(pid)
	if errors.Is(err, store.ErrNotFound) {
		return store.ParagraphVersion{}, "", false
	}
	check(err)
	return v, into, true
}

func (d *dbSource) removedAll() []store.ParagraphVersion {
	vs, err := d.r.RemovedAll()
	check(err)
	return vs
}

func (d *dbSource) formerClaim(sid string) (store.FormerClaim, bool) {
	c, err := d.r.FormerClaim(sid)
	if errors.Is(err, store.ErrNotFound) {
		return store.FormerClaim{}, false
	}
	check(err)
	return c, true
}

func (d *dbSource) formerClaims() []store.FormerClaim {
	cs, err := d.r.FormerClaims()
	check(err)
	return cs
}

func (d *dbSource) neighbours(v store.ParagraphVersion) store.Neighbours {
	n, err := d.r.Neighbours(v)
	check(err)
	return n
}

func (d *dbSource) changesOf(pid string) []store.RevisionChange {
	cs, err := d.r.ChangesOf(pid)
	check(err)
	return cs
}

func (d *dbSource) changes(rev, limit int) ([]store.Change, int) {
	cs, n, err := d.r.Changes(rev, limit)
	check(err)
	return cs, n
}

func (d *dbSource) versions(pid string) []store.Version {
	vs, err := d.r.Versions(pid)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	check(err)
	return vs
}

func (d *dbSource) firstOfKind(kind essay.Kind) string {
	pid, err := d.r.FirstOfKind(kind)
	check(err)
	return pid
}

func (d *dbSource) firstRevised() (string, []store.ParagraphVersion) {
	if len(d.h.Revisions) < 2 {
		return "", nil
	}
	pid, vs, err := d.r.FirstRevised()
	check(err)
	return pid, vs
}

func (d *dbSource) eachParagraph(lo, hi int, f func(int, argument.Paragraph) error) error {
	return d.r.EachParagraph(lo, hi, f)
}

func (d *dbSource) eachRelation(f func(argument.Relation) error) error { return d.r.EachRelation(f) }

func (d *dbSource) eachFigure(lo, hi int, f func(int, argument.Figure, string) error) error {
	return d.r.EachFigure(lo, hi, f)
}

func (d *dbSource) eachFigureOfKind(kind argument.FigureKind, f func(int, argument.Figure, string) error) error {
	return d.r.EachFigureOfKind(kind, f)
}

func (d *dbSource) graph() *graph {
	if d.g == nil {
		b := newGraphBuilder()
		check(d.r.EachSentenceRole(b.sentence))
		check(d.r.EachRelation(b.relation))
		d.g = b.done()
	}
	return d.g
}

// mapShape reads the shape of the exports by places (store.Reader's
// EachSentencePlace and EachRelationPlace), without the sentence ids, and
// keeps it for the request (the AIF download makes its document once for
// each of its arrays).
func (d *dbSource) mapShape() *mapShape {
	if d.shp == nil {
		sentences := 0
		for _, n := range d.h.Roles {
			sentences += n
		}
		b := newShapeBuilder(d.h.Paragraphs, sentences, d.h.Relations)
		check(d.r.EachSentencePlace(false, b.sentence))
		check(d.r.EachRelationPlace(b.relation))
		d.shp = b.done(func(sid string) (int, int, bool) {
			s, ok := d.sentence(sid)
			return s.para, s.pos, ok
		})
	}
	return d.shp
}

func (d *dbSource) sentencesAt(places []store.Place) []placed {
	ss, err := d.r.SentencesAt(places)
	check(err)
	out := make([]placed, len(ss))
	for i, s := range ss {
		out[i] = placed{Sentence: s.Sentence, pid: s.PID, para: s.Para, pos: s.Pos}
	}
	return out
}

func (d *dbSource) whole() *memSource {
	if d.all == nil {
		snap, err := d.snapshot()
		check(err)
		all, err := newMemSource(snap)
		check(err)
		all.reader = readerVersions{d.r}
		d.all = all
	}
	return d.all
}
