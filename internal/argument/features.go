package argument

import (
	"hash/fnv"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jdkato/prose/v3/tag"
	proseTokenize "github.com/jdkato/prose/v3/tokenize"

	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/figure"
	"github.com/argmap/argmap/internal/lexical"
)

// This file is the first stage of the extractor: every fact about a
// sentence that a decision may use is computed here, once, into a typed
// record. The model (model.go) sees only the record's vector, the decoder
// (decode.go) only the model's scores.

// Zone is where a paragraph stands in the layout of an argument.
type Zone string

// Zones of an essay's paragraphs.
const (
	ZoneNone       Zone = "none"       // title, heading, bio, credit
	ZoneStandfirst Zone = "standfirst" // the standfirst under the title
	ZoneIntro      Zone = "intro"      // the first body paragraph
	ZoneBody       Zone = "body"       // a body paragraph between the first and the last
	ZoneConclusion Zone = "conclusion" // the last body paragraph
	ZoneSingle     Zone = "single"     // the one body paragraph of a text that has one
)

// Place is where a sentence stands in its paragraph.
type Place string

// Places of a sentence in its paragraph.
const (
	PlaceOnly   Place = "only"
	PlaceFirst  Place = "first"
	PlaceMiddle Place = "middle"
	PlaceLast   Place = "last"
)

// SentenceFeatures is everything the extractor knows about one sentence:
// where it stands, the argument markers it carries (each the words as they
// stand in the sentence, or ""), its figures, its grammar and how close it
// is to the title, its paragraph and the thesis candidates. It is computed
// from the text alone, never from a decision.
//
// Its place in the layout (SentencePosition) and its markers
// (SentenceMarkers) are held by pointer and shared by every sentence with
// the same values. Sentences have few distinct ones (the 3,313 sentences
// of the silver corpus have 847 positions and 1,062 sets of markers, and
// half of them none), and the two are more than half of a record's size. A record is therefore read-only once
// ComputeFeatures has returned it, and only ComputeFeatures makes one.
type SentenceFeatures struct {
	ID   string
	Text string

	// Position.
	*SentencePosition
	BodyIndex int     // 0-based index among argument paragraphs (-1 for none)
	EssayPos  float64 // 0 at the first argument sentence, 1 at the last
	Paragraph int     // index into the document's paragraphs

	// Markers: the discourse-marker families of the lexicon, and the
	// sentence's opener.
	*SentenceMarkers
	Question bool

	// Context: the markers of the sentences around it.
	PrevConcession bool // the sentence before concedes or reports a view
	NextContrast   bool // the sentence after turns against this one
	ParaReason     bool // its paragraph's first sentence, not this one, opens with a reason ("First of all, …")

	// Figures.
	Quote bool
	Stat  string // a quantity, percent or money figure
	Time  string // a date or duration

	// Person and grammar.
	FirstSingular, FirstPlural, SecondPerson bool
	Words                                    int
	Colon, Semicolon, Parens, Dash, Exclaim  bool
	ProperShare, AdjShare, VerbPastShare     float64
	NumberShare                              float64
	Modal, Comparative                       bool

	// Similarity (cosine of content words).
	SimTitle   float64 // to the title
	SimThesis  float64 // best, to a sentence of the intro or conclusion zone outside its own paragraph
	SimPara    float64 // mean, to the other sentences of its paragraph
	CentralIn  bool    // the sentence most like the rest of its paragraph
	SpecificIn bool    // has more names and numbers than any other sentence of its paragraph
	// Against the rest of its paragraph: which sentence states its point.
	ThesisLikeIn bool    // echoes the opening or closing more than any other sentence of its paragraph
	GeneralIn    bool    // has fewer names, numbers and quotes than every other sentence of its paragraph
	MarkedIn     bool    // the only sentence of its paragraph with a marker of a claim
	OthersGround float64 // the share of the other sentences of its paragraph that carry a marker of grounds

	words termSet  // content words, for similarity
	figs  []Figure // the figures the sentence cites, until Extract takes them
}

// SentencePosition is where a sentence stands in the layout of its essay,
// shared by the sentences that stand alike (see SentenceFeatures).
type SentencePosition struct {
	Kind       essay.Kind
	Zone       Zone
	Place      Place
	Index      int // 0-based position in its paragraph
	Count      int // sentences in its paragraph
	BodyCount  int // argument paragraphs in the essay
	BlockQuote bool
	// Credits is what a credit credits (essay.Paragraph.Credits); it
	// changes only the why.
	Credits essay.Credits
	// ShortParas is true for every sentence of an essay paragraphed as
	// news is: it has three or more paragraphs after its standfirst, and
	// half or more of them are a sentence or two long.
	ShortParas bool
}

// SentenceMarkers are the discourse markers of a sentence, each the words
// as they stand in it or "", shared by the sentences that carry the same
// (see SentenceFeatures).
type SentenceMarkers struct {
	Contrast, ContrastInner     string
	Conclusion, ConclusionInner string
	Stance, Deontic, WeakDeont  string
	Evaluative                  string
	Evaluations                 int
	Given, Attribution, Example string
	Premise, Reason, Concession string
	Opposing, Reported, Hedge   string
	Verdict, Follow             string

	// Opener is the sentence's first word, lower-cased, when it is one of
	// the closed-class words of openerWords ("this", "but", "in"), and
	// OpenerTag the part of speech of its first word.
	Opener, OpenerTag string
}

// shared keeps one copy of each distinct value of T, for the records of
// one ComputeFeatures; safe for concurrent use.
type shared[T comparable] struct {
	mu sync.Mutex
	m  map[T]*T
}

// of returns the shared copy of v.
func (s *shared[T]) of(v T) *T {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.m[v]; ok {
		return p
	}
	if s.m == nil {
		s.m = make(map[T]*T)
	}
	p := new(T)
	*p = v
	s.m[v] = p
	return p
}

// ThesisZone reports whether the sentence stands where an essay states its
// thesis: the standfirst, the first or last body paragraph, or the one
// paragraph of a short text.
func (f *SentenceFeatures) ThesisZone() bool {
	switch f.Zone {
	case ZoneStandfirst, ZoneIntro, ZoneConclusion, ZoneSingle:
		return true
	}
	return false
}

// Argument reports whether the sentence stands in a paragraph that can
// carry argument (not a title, heading, bio or credit).
func (f *SentenceFeatures) Argument() bool { return f.Zone != ZoneNone }

// posTagger is prose's averaged-perceptron part-of-speech tagger, loaded
// once.
var posTagger = sync.OnceValue(func() tag.Interface {
	t, err := tag.New()
	if err != nil {
		return nil
	}
	return t
})

// tagApostrophes writes a typographic apostrophe as the tagger learned it.
// prose's tagger was trained on text with straight apostrophes: it tags
// "the city’s" as two names (’s/NNP, where 's is POS), "we’ll" without a
// modal (’ll/VBP, where 'll is MD) and "she’s gone" in the past (’s/VBD), so
// the same sentence, typeset by a publisher, had other part-of-speech
// features than typed. Only the tagger reads the replaced text.
var tagApostrophes = strings.NewReplacer("’", "'", "ʼ", "'")

// wordTokenizer splits a sentence into Penn Treebank tokens for the tagger.
var wordTokenizer = sync.OnceValue(func() *proseTokenize.Tokenizer { return proseTokenize.New() })

// maxThesisCandidates is the most sentences of the opening and closing that
// every sentence is compared with (SimThesis), so that the cost stays
// linear in the text.
const maxThesisCandidates = 64

// ComputeFeatures returns the features of every sentence of doc, in reading
// order, with the sentence ids the analysis uses.
func ComputeFeatures(doc *essay.Document) []SentenceFeatures {
	if doc == nil {
		return nil
	}
	c := newFeatureContext(doc)
	out := make([]SentenceFeatures, 0, c.sentences) // a long essay's records are not grown by copying
	for pi := range doc.Paragraphs {
		out = c.paragraph(out, pi, 0)
	}
	return out
}

// featureContext is what the features of one paragraph's sentences need to
// know of the rest of the essay: the layout, the title's words and the
// thesis candidates. With it a paragraph's records are made on their own
// (paragraph), so that a long essay's records need not all be held at once.
type featureContext struct {
	doc       *essay.Document
	ids       []string // provisional paragraph ids
	zone      []Zone
	body      []int // index among argument paragraphs, or -1
	bodyCount int   // argument paragraphs
	// shortParas is SentencePosition.ShortParas of every sentence
	shortParas bool
	argSents   int // sentences in argument paragraphs
	// first has, for each paragraph, the reading-order index of its first
	// sentence, and seen the number of argument sentences before it.
	first, seen []int
	sentences   int
	titleWords  termSet
	// cands are the thesis candidates: the standfirst, intro and
	// conclusion sentences (at most maxThesisCandidates), with their
	// paragraphs.
	cands     []termSet
	candParas []int
	positions shared[SentencePosition]
	markers   shared[SentenceMarkers]
}

// newFeatureContext reads the layout of doc and the words of its title and
// thesis candidates.
func newFeatureContext(doc *essay.Document) *featureContext {
	n := len(doc.Paragraphs)
	c := &featureContext{
		doc: doc, ids: PositionalIDs(doc),
		zone: make([]Zone, n), body: make([]int, n), first: make([]int, n), seen: make([]int, n),
	}
	// argument paragraphs, in order
	var arg []int
	for i, p := range doc.Paragraphs {
		c.zone[i], c.body[i] = ZoneNone, -1
		if _, none := noneKinds[p.Kind]; !none && len(p.Sentences) > 0 {
			arg = append(arg, i)
		}
	}
	var bodies []int
	for _, i := range arg {
		if doc.Paragraphs[i].Kind == essay.Standfirst {
			c.zone[i] = ZoneStandfirst
		} else {
			bodies = append(bodies, i)
		}
	}
	for k, i := range bodies {
		switch {
		case len(bodies) == 1:
			c.zone[i] = ZoneSingle
		case k == 0:
			c.zone[i] = ZoneIntro
		case k == len(bodies)-1:
			c.zone[i] = ZoneConclusion
		default:
			c.zone[i] = ZoneBody
		}
	}
	for k, i := range arg {
		c.body[i] = k
	}
	short := 0
	for _, i := range bodies {
		if len(doc.Paragraphs[i].Sentences) <= 2 {
			short++
		}
	}
	c.shortParas = len(bodies) >= 3 && 2*short >= len(bodies)
	c.bodyCount = len(arg)
	for i, p := range doc.Paragraphs {
		c.first[i], c.seen[i] = c.sentences, c.argSents
		c.sentences += len(p.Sentences)
		if c.zone[i] != ZoneNone {
			c.argSents += len(p.Sentences)
		}
	}
	title := ""
	for _, p := range doc.Paragraphs {
		if p.Kind == essay.Title {
			title = p.Text
			break
		}
	}
	c.titleWords = newTermSet(lexical.Terms(title))
	// thesis candidates: the standfirst, intro and conclusion sentences
	type cand struct{ para, j int }
	var cands []cand
	for i, p := range doc.Paragraphs {
		switch c.zone[i] {
		case ZoneStandfirst, ZoneIntro, ZoneConclusion, ZoneSingle:
			for j := range p.Sentences {
				cands = append(cands, cand{i, j})
			}
		}
	}
	if len(cands) > maxThesisCandidates {
		// a text whose opening and closing are one long paragraph: its
		// first sentences and its last stand for it
		half := maxThesisCandidates / 2
		cands = append(cands[:half:half], cands[len(cands)-half:]...)
	}
	for _, k := range cands {
		c.cands = append(c.cands, newTermSet(lexical.Terms(doc.Paragraphs[k.para].Sentences[k.j].Text)))
		c.candParas = append(c.candParas, k.para)
	}
	return c
}

// paragraph appends to out the records of the sentences of paragraph pi,
// reading their texts on up to workers goroutines (one a CPU when workers
// is 0).
func (c *featureContext) paragraph(out []SentenceFeatures, pi, workers int) []SentenceFeatures {
	p := &c.doc.Paragraphs[pi]
	z, bi := c.zone[pi], c.body[pi]
	from := len(out)
	for j, s := range p.Sentences {
		pos := SentencePosition{
			Kind: p.Kind, Zone: z, Index: j, Count: len(p.Sentences),
			BodyCount: c.bodyCount, BlockQuote: p.Quote, Credits: p.Credits, ShortParas: c.shortParas,
		}
		switch {
		case len(p.Sentences) == 1:
			pos.Place = PlaceOnly
		case j == 0:
			pos.Place = PlaceFirst
		case j == len(p.Sentences)-1:
			pos.Place = PlaceLast
		default:
			pos.Place = PlaceMiddle
		}
		f := SentenceFeatures{
			ID: SentenceID(c.ids[pi], j+1), Text: s.Text,
			SentencePosition: c.positions.of(pos),
			BodyIndex:        bi, Paragraph: pi,
		}
		if z != ZoneNone && c.argSents > 1 {
			f.EssayPos = float64(c.seen[pi]+j) / float64(c.argSents-1)
		}
		out = append(out, f)
	}
	ss := out[from:]
	if workers == 1 {
		for i := range ss {
			readSentence(&ss[i], &c.markers)
		}
	} else {
		parallel(len(ss), func(i int) { readSentence(&ss[i], &c.markers) })
	}
	for i := range ss {
		f := &ss[i]
		f.SimTitle = f.words.cosine(c.titleWords)
		if i > 0 {
			prev := &ss[i-1]
			prev.NextContrast = f.Contrast != "" || f.ContrastInner != ""
			f.PrevConcession = prev.Concession != "" || prev.Opposing != "" || prev.Reported != ""
			f.ParaReason = ss[0].Premise != "" || ss[0].Reason != ""
		}
	}
	if z != ZoneNone {
		for i := range ss {
			f := &ss[i]
			for k, w := range c.cands {
				if c.candParas[k] != pi {
					f.SimThesis = max(f.SimThesis, f.words.cosine(w))
				}
			}
		}
	}
	paragraphRelative(ss)
	return out
}

// paragraphRelative sets the features that compare a sentence with the
// others of its paragraph.
func paragraphRelative(ss []SentenceFeatures) {
	if len(ss) < 2 {
		return
	}
	best, bestSim := -1, -1.0
	spec, specN, ties := -1, -1, 0
	for i := range ss {
		sum := 0.0
		for j := range ss {
			if i != j {
				sum += ss[i].words.cosine(ss[j].words)
			}
		}
		ss[i].SimPara = sum / float64(len(ss)-1)
		if ss[i].SimPara > bestSim {
			best, bestSim = i, ss[i].SimPara
		}
		n := ss[i].specifics()
		switch {
		case n > specN:
			spec, specN, ties = i, n, 0
		case n == specN:
			ties++
		}
	}
	if bestSim > 0 {
		ss[best].CentralIn = true
	}
	relativePoint(ss)
	if specN > 0 && ties == 0 {
		ss[spec].SpecificIn = true
	}
}

// readSentence computes the features that come from a sentence's own
// words: markers, figures, person and grammar. Sentences are independent,
// so a long document is read by one worker a CPU. The markers of a sentence
// are shared with those of the sentences that carry the same (markers).
func readSentence(f *SentenceFeatures, markers *shared[SentenceMarkers]) {
	var figs []Figure
	if f.Argument() {
		figs = figure.Find(f.Text)
	}
	f.figs = figs
	// A list item's number ("1. However, …") is not a word of the
	// sentence: without it the opener is the sentence's own.
	text := f.Text[lexical.ListMarker(f.Text):]
	c := findCues(text, figs)
	var m SentenceMarkers
	m.Contrast, m.ContrastInner = c.contrast, c.contrastIn
	m.Conclusion, m.ConclusionInner = c.conclusion, c.conclusionIn
	m.Stance, m.Deontic, m.WeakDeont = c.stance, c.deontic, c.weakDeontic
	m.Evaluative, m.Evaluations = c.evaluative, c.evaluations
	m.Given, m.Attribution, m.Example = c.given, c.attribution, c.example
	m.Premise, m.Reason, m.Concession = c.premise, c.reason, c.concession
	m.Opposing, m.Reported, m.Hedge = c.opposing, c.reported, c.hedge
	m.Verdict, m.Follow, f.Question = c.verdict, c.follow, c.question
	f.Quote, f.Stat, f.Time = c.quoteFig, c.statFig, c.timeFig
	ws := words(text)
	f.Words = len(ws)
	if len(ws) > 0 && openerWords[ws[0]] {
		m.Opener = ws[0]
	}
	for _, w := range ws {
		switch w {
		case "i", "me", "my", "mine", "myself":
			f.FirstSingular = true
		case "we", "us", "our", "ours", "ourselves":
			f.FirstPlural = true
		case "you", "your", "yours", "yourself":
			f.SecondPerson = true
		}
	}
	f.Colon = strings.Contains(text, ":")
	f.Semicolon = strings.Contains(text, ";")
	f.Parens = strings.Contains(text, "(")
	// A dash as typeset (– or —) or as typed: " - " or "--", the
	// typewriter's em dash ("the camp experience--sailing, biking").
	f.Dash = strings.Contains(text, " – ") || strings.Contains(text, " — ") || strings.Contains(text, "—") || strings.Contains(text, " - ") || strings.Contains(text, "--")
	f.Exclaim = strings.Contains(text, "!")
	f.words = newTermSet(lexical.Terms(text))
	m.OpenerTag = tagSentence(f, text)
	f.SentenceMarkers = markers.of(m)
}

// tagSentence reads the part-of-speech shares of a sentence, whose text is
// text, and returns the opener class of its first word (OpenerTag).
func tagSentence(f *SentenceFeatures, text string) (opener string) {
	tagger := posTagger()
	if tagger == nil {
		return ""
	}
	toks := wordTokenizer().Tokenize(tagApostrophes.Replace(text))
	if len(toks) == 0 {
		return ""
	}
	tagger.TagTokens(toks)
	var proper, adj, past, num, n int
	for k, t := range toks {
		if strings.IndexFunc(t.Text, isWordRune) >= 0 {
			opener = openerTag(t.Tag)
			if k+1 < len(toks) && complexPreposition(t.Text, toks[k+1].Text) {
				opener = "preposition"
			}
			break
		}
	}
	for i, t := range toks {
		if t.Tag == "" || strings.IndexFunc(t.Text, isWordRune) < 0 {
			continue
		}
		n++
		switch t.Tag {
		case "NNP", "NNPS":
			if i > 0 { // a capital after the first word is a name
				proper++
			}
		case "JJ":
			adj++
		case "JJR", "JJS", "RBR", "RBS":
			adj++
			f.Comparative = true
		case "VBD":
			past++
		case "CD":
			num++
		case "MD":
			f.Modal = true
		}
	}
	if n == 0 {
		return opener
	}
	f.ProperShare = float64(proper) / float64(n)
	f.AdjShare = float64(adj) / float64(n)
	f.VerbPastShare = float64(past) / float64(n)
	f.NumberShare = float64(num) / float64(n)
	return opener
}

// parallelBatch is how many calls a worker of parallel takes at a time.
const parallelBatch = 256

// parallel calls do(i) for every i below n, on one worker a CPU when n is
// large; the result must not depend on which worker runs which i.
func parallel(n int, do func(i int)) {
	const batch = parallelBatch
	workers := min(runtime.GOMAXPROCS(0), n/batch)
	if workers < 2 {
		for i := range n {
			do(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				end := int(next.Add(batch))
				start := end - batch
				if start >= n {
					return
				}
				for i := start; i < min(end, n); i++ {
					do(i)
				}
			}
		})
	}
	wg.Wait()
}

// openerWords are the closed-class words whose place at the start of a
// sentence says something about its role in any essay: determiners,
// pronouns, conjunctions, prepositions and adverbs of connection. No
// content word is here.
var openerWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range OpenerWords {
		m[w] = true
	}
	return m
}()

// OpenerWords lists the opener words in the order of their features.
var OpenerWords = []string{
	"the", "a", "an", "this", "these", "that", "those", "such", "it", "there",
	"they", "he", "she", "we", "i", "you", "in", "on", "at", "for", "as", "if",
	"when", "while", "but", "and", "so", "yet", "also", "many", "some", "most",
	"one", "another", "what", "why", "how", "not", "no", "all", "even", "only",
	"instead", "indeed", "because", "since", "after", "with", "by", "to", "of",
	"both", "each", "every", "our", "my", "their", "its", "his", "her",
}

// complexPrepositions are two-word prepositions whose first word the tagger
// reads as a verb, adjective or adverb ("According to" is VBG).
var complexPrepositions = map[[2]string]bool{
	{"according", "to"}: true, {"due", "to"}: true, {"owing", "to"}: true,
	{"thanks", "to"}: true, {"because", "of"}: true, {"instead", "of"}: true,
	{"regardless", "of"}: true, {"ahead", "of"}: true, {"prior", "to"}: true,
	{"contrary", "to"}: true, {"apart", "from"}: true, {"aside", "from"}: true,
}

// complexPreposition reports whether the words a and b make one preposition.
func complexPreposition(a, b string) bool {
	return complexPrepositions[[2]string{strings.ToLower(a), strings.ToLower(b)}]
}

// OpenerTags are the part-of-speech classes of a first word that have a
// feature.
var OpenerTags = []string{"name", "pronoun", "determiner", "preposition", "number", "verb", "adverb", "adjective", "noun", "wh"}

// openerTag maps a Penn Treebank tag to its opener class, or "".
func openerTag(t string) string {
	switch t {
	case "NNP", "NNPS":
		return "name"
	case "PRP", "PRP$":
		return "pronoun"
	case "DT", "PDT":
		return "determiner"
	case "IN", "TO":
		return "preposition"
	case "CD":
		return "number"
	case "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD":
		return "verb"
	case "RB", "RBR", "RBS":
		return "adverb"
	case "JJ", "JJR", "JJS":
		return "adjective"
	case "NN", "NNS":
		return "noun"
	case "WDT", "WP", "WP$", "WRB":
		return "wh"
	}
	return ""
}

// termSet is a sentence's content words as sorted, distinct 64-bit hashes:
// a tenth of the memory of a map, for the similarity of two sentences.
type termSet []uint64

// newTermSet hashes the words of set.
func newTermSet(set lexical.Set) termSet {
	ts := make(termSet, 0, len(set))
	for w := range set {
		h := fnv.New64a()
		h.Write([]byte(w))
		ts = append(ts, h.Sum64())
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}

// cosine is the cosine of two word sets, as lexical.Cosine: 1 for the
// same words, 0 for none in common.
func (a termSet) cosine(b termSet) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(n) / math.Sqrt(float64(len(a))*float64(len(b)))
}

// claimMarked reports whether f carries a marker of a claim: a contrast
// opener, a stance, a verdict, an ought, an evaluation, a reason or a
// conclusion drawn.
func (f *SentenceFeatures) claimMarked() bool {
	return f.Contrast != "" || f.Stance != "" || f.Verdict != "" || f.Deontic != "" ||
		f.Evaluative != "" || f.Reason != "" || f.Conclusion != "" || f.ConclusionInner != ""
}

// groundMarked reports whether f carries a marker of grounds: a figure, a
// quote, an attribution, an example or a premise opener.
func (f *SentenceFeatures) groundMarked() bool {
	return f.Stat != "" || f.Quote || f.Attribution != "" || f.Example != "" || f.Premise != ""
}

// specifics counts f's names, numbers and quotes.
func (f *SentenceFeatures) specifics() int {
	n := int(math.Round(f.ProperShare*float64(f.Words))) + int(math.Round(f.NumberShare*float64(f.Words)))
	if f.Quote {
		n++
	}
	return n
}

// relativePoint sets the features that say which sentence of a paragraph
// (of two or more) stands out as its point.
func relativePoint(ss []SentenceFeatures) {
	thesis, general, marked := -1, -1, -1
	thesisTie, generalTie, markedN := false, false, 0
	grounds, fewest := 0, 0
	for i := range ss {
		f := &ss[i]
		switch {
		case thesis < 0 || f.SimThesis > ss[thesis].SimThesis:
			thesis, thesisTie = i, false
		case f.SimThesis == ss[thesis].SimThesis:
			thesisTie = true
		}
		switch n := f.specifics(); {
		case general < 0 || n < fewest:
			general, generalTie, fewest = i, false, n
		case n == fewest:
			generalTie = true
		}
		if f.claimMarked() {
			marked, markedN = i, markedN+1
		}
		if f.groundMarked() {
			grounds++
		}
	}
	if !thesisTie && ss[thesis].SimThesis > 0 {
		ss[thesis].ThesisLikeIn = true
	}
	if !generalTie {
		ss[general].GeneralIn = true
	}
	if markedN == 1 {
		ss[marked].MarkedIn = true
	}
	for i := range ss {
		g := grounds
		if ss[i].groundMarked() {
			g--
		}
		ss[i].OthersGround = float64(g) / float64(len(ss)-1)
	}
}
