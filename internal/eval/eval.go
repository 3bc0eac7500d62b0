// Package eval measures the argument extractor against gold argumentation
// structures in the arg-microtexts format (Peldszus & Stede 2015; schema
// arggraph.dtd): how often it finds the central claim, and how well its
// support and attack links match the gold ones at the sentence level.
package eval

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// Graph is one gold argumentation graph (a micro_*.xml file).
type Graph struct {
	ID    string `xml:"id,attr"`
	EDUs  []EDU  `xml:"edu"`
	ADUs  []ADU  `xml:"adu"`
	Edges []Edge `xml:"edge"`
}

// EDU is an elementary discourse unit: a span of the text.
type EDU struct {
	ID   string `xml:"id,attr"`
	Text string `xml:",chardata"`
}

// ADU is an argumentative discourse unit, proponent ("pro") or opponent
// ("opp").
type ADU struct {
	ID   string `xml:"id,attr"`
	Type string `xml:"type,attr"`
}

// Edge is a segmentation edge (seg: EDU or joint → ADU) or an argumentative
// one (sup, exa, add, reb between ADUs; und from an ADU to an edge; add may
// also target an edge).
type Edge struct {
	ID   string `xml:"id,attr"`
	Src  string `xml:"src,attr"`
	Trg  string `xml:"trg,attr"`
	Type string `xml:"type,attr"`
}

// Link is a gold or predicted relation between two units.
type Link struct {
	From, To string
	Kind     argument.RelationKind
}

// UndercutMapping says which ADU an undercut (an attack on an edge) is
// scored against.
type UndercutMapping int

const (
	// UndercutTarget scores an undercut as an attack on the target ADU of
	// the edge it attacks.
	UndercutTarget UndercutMapping = iota
	// UndercutSource scores an undercut as an attack on the source ADU of
	// the edge it attacks: the unit whose inference it denies (the
	// reduction of Peldszus & Stede's dependency conversion).
	UndercutSource
)

// Links returns the graph's argumentative relations between ADUs. sup, exa
// and add are support; reb and und are attack. An edge that targets an
// edge is resolved to an ADU: add joins the argument of the edge it targets
// (its target ADU), und attacks the target or source ADU of the edge it
// targets, as m says.
func (g *Graph) Links(m UndercutMapping) []Link {
	edges := make(map[string]Edge)
	for _, e := range g.Edges {
		edges[e.ID] = e
	}
	isADU := make(map[string]bool)
	for _, a := range g.ADUs {
		isADU[a.ID] = true
	}
	// resolve follows edge targets down to an ADU.
	var resolve func(id string, depth int) string
	resolve = func(id string, depth int) string {
		if isADU[id] || depth > len(edges) {
			if isADU[id] {
				return id
			}
			return ""
		}
		e, ok := edges[id]
		if !ok {
			return ""
		}
		return resolve(e.Trg, depth+1)
	}
	var out []Link
	for _, e := range g.Edges {
		var kind argument.RelationKind
		switch e.Type {
		case "sup", "exa", "add":
			kind = argument.Support
		case "reb", "und":
			kind = argument.Attack
		default:
			continue
		}
		to := resolve(e.Trg, 0)
		if e.Type == "und" && m == UndercutSource {
			// the unit whose inference the undercut denies
			if t, ok := edges[e.Trg]; ok && isADU[t.Src] {
				to = t.Src
			}
		}
		if !isADU[e.Src] || to == "" {
			continue
		}
		out = append(out, Link{From: e.Src, To: to, Kind: kind})
	}
	return out
}

// CentralClaim returns the ADU with no outgoing argumentative edge.
func (g *Graph) CentralClaim() string {
	out := make(map[string]bool)
	for _, e := range g.Edges {
		if e.Type != "seg" {
			out[e.Src] = true
		}
	}
	for _, a := range g.ADUs {
		if !out[a.ID] {
			return a.ID
		}
	}
	return ""
}

// aduEDUs returns, for each ADU, the EDUs segmented into it (through joints
// when there are any).
func (g *Graph) aduEDUs() map[string][]string {
	into := make(map[string][]string) // target → sources of seg edges
	for _, e := range g.Edges {
		if e.Type == "seg" {
			into[e.Trg] = append(into[e.Trg], e.Src)
		}
	}
	isEDU := make(map[string]bool)
	for _, e := range g.EDUs {
		isEDU[e.ID] = true
	}
	out := make(map[string][]string)
	for _, a := range g.ADUs {
		seen := make(map[string]bool)
		var walk func(id string)
		walk = func(id string) {
			if seen[id] {
				return
			}
			seen[id] = true
			if isEDU[id] {
				out[a.ID] = append(out[a.ID], id)
				return
			}
			for _, s := range into[id] {
				walk(s)
			}
		}
		for _, s := range into[a.ID] {
			walk(s)
		}
	}
	return out
}

// Text is one evaluated text: its gold graph, the extractor's analysis and
// the map from gold ADUs to the extractor's sentences.
type Text struct {
	Name     string
	Graph    *Graph
	Analysis *argument.Analysis
	// Sentence maps an ADU id to the id of the sentence that holds most of
	// its text.
	Sentence map[string]string
	// Order lists the analysis's body sentences in reading order, with
	// their text.
	Order []argument.Sentence
}

// Load reads a text and its gold graph (dir/name.txt and dir/name.xml),
// runs the extractor on the text as an essay (a title line, then the text as
// one paragraph) and maps the gold units to the extractor's sentences.
func Load(dir, name string) (*Text, error) {
	raw, err := os.ReadFile(filepath.Join(dir, name+".xml"))
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	var g Graph
	if err := xml.Unmarshal(raw, &g); err != nil {
		return nil, fmt.Errorf("eval: %s.xml: %w", name, err)
	}
	txt, err := os.ReadFile(filepath.Join(dir, name+".txt"))
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	body := strings.TrimSpace(string(txt))
	data := []byte("Microtext " + name + "\n\n" + body + "\n")
	doc, err := essay.Parse(name+".txt", data)
	if err != nil {
		return nil, fmt.Errorf("eval: %s.txt: %w", name, err)
	}
	t := &Text{Name: name, Graph: &g, Analysis: argument.Extract(doc), Sentence: make(map[string]string)}
	// where each sentence lies in the body text
	type placed struct {
		id         string
		start, end int
	}
	var sents []placed
	cursor := 0
	for i, p := range t.Analysis.Paragraphs {
		if i == 0 && p.Kind == essay.Title {
			continue
		}
		at := strings.Index(body[cursor:], p.Text)
		if at < 0 {
			continue
		}
		base := cursor + at
		from := 0
		for _, s := range p.Sentences {
			k := strings.Index(p.Text[from:], s.Text)
			if k < 0 {
				continue
			}
			start := base + from + k
			sents = append(sents, placed{s.ID, start, start + len(s.Text)})
			t.Order = append(t.Order, s)
			from += k + len(s.Text)
		}
		cursor = base + len(p.Text)
	}
	// where each EDU lies
	eduSpan := make(map[string][2]int)
	cursor = 0
	for _, e := range g.EDUs {
		s, en, ok := locate(body, strings.TrimSpace(e.Text), cursor)
		if !ok {
			continue
		}
		eduSpan[e.ID] = [2]int{s, en}
		cursor = en
	}
	for adu, edus := range g.aduEDUs() {
		overlap := make(map[string]int)
		for _, e := range edus {
			sp, ok := eduSpan[e]
			if !ok {
				continue
			}
			for _, s := range sents {
				if o := min(sp[1], s.end) - max(sp[0], s.start); o > 0 {
					overlap[s.id] += o
				}
			}
		}
		best, bestN := "", 0
		for _, s := range sents {
			if overlap[s.id] > bestN {
				best, bestN = s.id, overlap[s.id]
			}
		}
		if best != "" {
			t.Sentence[adu] = best
		}
	}
	return t, nil
}

// locate finds needle in hay at or after from, allowing the white space to
// differ; it returns the byte span in hay.
func locate(hay, needle string, from int) (int, int, bool) {
	if needle == "" {
		return 0, 0, false
	}
	if k := strings.Index(hay[from:], needle); k >= 0 {
		return from + k, from + k + len(needle), true
	}
	if k := strings.Index(hay, needle); k >= 0 {
		return k, k + len(needle), true
	}
	// white-space-insensitive match
	fields := strings.Fields(needle)
	for start := from; start < len(hay); start++ {
		i, ok := start, true
		for fi, f := range fields {
			if fi > 0 {
				j := i
				for j < len(hay) && (hay[j] == ' ' || hay[j] == '\n' || hay[j] == '\t' || hay[j] == '\r') {
					j++
				}
				if j == i {
					ok = false
					break
				}
				i = j
			}
			if !strings.HasPrefix(hay[i:], f) {
				ok = false
				break
			}
			i += len(f)
		}
		if ok {
			return start, i, true
		}
	}
	return 0, 0, false
}

// MajorClaim returns the id of the extractor's first major_claim sentence,
// or "".
func (t *Text) MajorClaim() string {
	for _, p := range t.Analysis.Paragraphs {
		for _, s := range p.Sentences {
			if s.Role == argument.MajorClaim {
				return s.ID
			}
		}
	}
	return ""
}

// Baseline returns the sentence a simple rule picks as the central claim:
// the first sentence containing "should", "must" or "ought", else the last
// sentence.
func (t *Text) Baseline() string {
	for _, s := range t.Order {
		for _, w := range strings.FieldsFunc(strings.ToLower(s.Text), func(r rune) bool {
			return !(r >= 'a' && r <= 'z')
		}) {
			if w == "should" || w == "must" || w == "ought" {
				return s.ID
			}
		}
	}
	if len(t.Order) == 0 {
		return ""
	}
	return t.Order[len(t.Order)-1].ID
}

// GoldLinks returns the gold links as sentence links, without duplicates
// and without those whose two ends fall in one sentence (which a
// sentence-level map cannot show). It also returns how many were dropped.
func (t *Text) GoldLinks(m UndercutMapping) (links []Link, dropped int) {
	seen := make(map[Link]bool)
	for _, l := range t.Graph.Links(m) {
		from, to := t.Sentence[l.From], t.Sentence[l.To]
		if from == "" || to == "" || from == to {
			dropped++
			continue
		}
		sl := Link{From: from, To: to, Kind: l.Kind}
		if !seen[sl] {
			seen[sl] = true
			links = append(links, sl)
		}
	}
	return links, dropped
}

// PredictedLinks returns the extractor's relations as sentence links,
// without duplicates.
func (t *Text) PredictedLinks() []Link {
	seen := make(map[Link]bool)
	var out []Link
	for _, r := range t.Analysis.Relations {
		l := Link{From: r.From, To: r.To, Kind: r.Kind}
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// Score counts matches between predicted and gold links.
type Score struct {
	Correct, Predicted, Gold int
}

// Add adds another score's counts.
func (s *Score) Add(o Score) {
	s.Correct += o.Correct
	s.Predicted += o.Predicted
	s.Gold += o.Gold
}

// P returns the precision.
func (s Score) P() float64 { return ratio(s.Correct, s.Predicted) }

// R returns the recall.
func (s Score) R() float64 { return ratio(s.Correct, s.Gold) }

// F1 returns the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Compare scores predicted links against gold links; with kinds false the
// kind of a link is ignored.
func Compare(pred, gold []Link, kinds bool) Score {
	key := func(l Link) Link {
		if !kinds {
			l.Kind = ""
		}
		return l
	}
	g := make(map[Link]bool)
	for _, l := range gold {
		g[key(l)] = true
	}
	p := make(map[Link]bool)
	for _, l := range pred {
		p[key(l)] = true
	}
	s := Score{Predicted: len(p), Gold: len(g)}
	for l := range p {
		if g[l] {
			s.Correct++
		}
	}
	return s
}

// Report is the result of an evaluation over a corpus.
type Report struct {
	Texts           int
	Central         int // texts whose central claim the extractor found
	Baseline        int // texts whose central claim the baseline found
	Support, Attack Score
	Typed, Untyped  Score
	// SourceTyped and SourceUntyped score with undercuts mapped to the
	// source of the edge they attack.
	SourceTyped, SourceUntyped Score
	Dropped                    int // gold links inside one sentence
	// BaselineLinks scores the trivial map in which every other sentence
	// supports the baseline's central claim.
	BaselineLinks Score
}

// NotFoundError reports a corpus folder that does not exist. It matches
// fs.ErrNotExist with errors.Is, so a caller can turn it into a skip.
type NotFoundError struct {
	Dir string
}

// Error returns "eval: corpus folder DIR not found".
func (e *NotFoundError) Error() string { return "eval: corpus folder " + e.Dir + " not found" }

// Unwrap returns fs.ErrNotExist.
func (e *NotFoundError) Unwrap() error { return fs.ErrNotExist }

// Evaluate scores the extractor on every micro_*.xml (with its .txt) in
// dir.
func Evaluate(dir string) (*Report, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			return nil, &NotFoundError{Dir: dir}
		}
		return nil, fmt.Errorf("eval: corpus folder %s: %w", dir, err)
	}
	names, err := filepath.Glob(filepath.Join(dir, "micro_*.xml"))
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	sort.Strings(names)
	r := &Report{}
	for _, n := range names {
		name := strings.TrimSuffix(filepath.Base(n), ".xml")
		t, err := Load(dir, name)
		if err != nil {
			return nil, err
		}
		r.Texts++
		cc := t.Sentence[t.Graph.CentralClaim()]
		if cc != "" && t.MajorClaim() == cc {
			r.Central++
		}
		if cc != "" && t.Baseline() == cc {
			r.Baseline++
		}
		gold, dropped := t.GoldLinks(UndercutTarget)
		r.Dropped += dropped
		pred := t.PredictedLinks()
		r.Typed.Add(Compare(pred, gold, true))
		r.Untyped.Add(Compare(pred, gold, false))
		r.Support.Add(Compare(filter(pred, argument.Support), filter(gold, argument.Support), true))
		r.Attack.Add(Compare(filter(pred, argument.Attack), filter(gold, argument.Attack), true))
		var trivial []Link
		for _, s := range t.Order {
			if b := t.Baseline(); s.ID != b {
				trivial = append(trivial, Link{From: s.ID, To: b, Kind: argument.Support})
			}
		}
		r.BaselineLinks.Add(Compare(trivial, gold, true))
		sgold, _ := t.GoldLinks(UndercutSource)
		r.SourceTyped.Add(Compare(pred, sgold, true))
		r.SourceUntyped.Add(Compare(pred, sgold, false))
	}
	if r.Texts == 0 {
		return nil, fmt.Errorf("eval: no micro_*.xml files in %s", dir)
	}
	return r, nil
}

func filter(links []Link, kind argument.RelationKind) []Link {
	var out []Link
	for _, l := range links {
		if l.Kind == kind {
			out = append(out, l)
		}
	}
	return out
}

// Run evaluates the extractor on the corpus in dir and prints the numbers
// to w. A missing dir gives the error "eval: corpus folder DIR not found".
func Run(dir string, w io.Writer) error {
	r, err := Evaluate(dir)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, r.String())
	return err
}

// String formats the report.
func (r *Report) String() string {
	var b strings.Builder
	pct := func(n int) float64 { return 100 * float64(n) / float64(max(r.Texts, 1)) }
	row := func(name string, s Score) {
		fmt.Fprintf(&b, "  %-34s P %5.1f%%  R %5.1f%%  F1 %5.1f%%  (%d correct, %d predicted, %d gold)\n",
			name, 100*s.P(), 100*s.R(), 100*s.F1(), s.Correct, s.Predicted, s.Gold)
	}
	fmt.Fprintf(&b, "texts: %d\n", r.Texts)
	fmt.Fprintf(&b, "central claim: extractor %d/%d (%.1f%%), baseline should/must/ought-else-last %d/%d (%.1f%%)\n",
		r.Central, r.Texts, pct(r.Central), r.Baseline, r.Texts, pct(r.Baseline))
	fmt.Fprintf(&b, "links (sentence level; %d gold links inside one sentence left out):\n", r.Dropped)
	row("support", r.Support)
	row("attack", r.Attack)
	row("support+attack, kind must match", r.Typed)
	row("any kind", r.Untyped)
	row("baseline: all support its claim", r.BaselineLinks)
	fmt.Fprintf(&b, "links with undercuts scored against the source of the attacked edge:\n")
	row("support+attack, kind must match", r.SourceTyped)
	row("any kind", r.SourceUntyped)
	return b.String()
}
