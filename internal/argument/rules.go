package argument

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/figure"
)

// ExtractRules is argmap's first extractor, kept so that `argmap eval` can
// score it beside the model: hand-weighted cue scores and override
// branches, tuned on the development microtexts. Extract does not use it.
//
// The rules are general English argument vocabulary (discourse and stance
// markers, attribution verbs, hedges, concessions), the layout of an opinion
// piece (standfirst and closing paragraph hold the thesis; a paragraph's
// topic sentence sits above its facts) and the figures a sentence cites.
// Extract never fails: a document with no paragraphs gives an empty
// analysis.
func ExtractRules(doc *essay.Document) *Analysis {
	a := &Analysis{Paragraphs: []Paragraph{}, Relations: []Relation{}, Figures: []Figure{}}
	if doc == nil {
		return a
	}
	a.Author = doc.Author()
	ids := PositionalIDs(doc)
	paras := make([][]*sent, len(doc.Paragraphs))
	var read []*sent // the sentences whose figures and cues are read
	for i, p := range doc.Paragraphs {
		if p.Kind == essay.Title && a.Title == "" {
			a.Title = p.Text
		}
		for j, s := range p.Sentences {
			st := &sent{
				id:    SentenceID(ids[i], j+1),
				text:  s.Text,
				para:  i,
				index: j,
				count: len(p.Sentences),
				kind:  p.Kind,
				quote: p.Quote,
			}
			if _, skip := noneKinds[p.Kind]; !skip {
				read = append(read, st)
			}
			paras[i] = append(paras[i], st)
		}
	}
	readSentences(read)
	assignRoles(paras)
	a.Relations = append(a.Relations, linkSentences(paras)...)
	for i, p := range doc.Paragraphs {
		ap := Paragraph{ID: ids[i], Kind: p.Kind, Text: p.Text, Sentences: []Sentence{}}
		for _, s := range paras[i] {
			ap.Sentences = append(ap.Sentences, Sentence{ID: s.id, Text: s.text, Role: s.role, Confidence: 1, Why: s.why})
			for _, f := range s.figs {
				f.Sentence = s.id
				a.Figures = append(a.Figures, f)
			}
		}
		a.Paragraphs = append(a.Paragraphs, ap)
	}
	return a
}

// readBatch is how many sentences a worker of readSentences takes at a
// time; a document with fewer than two batches is read on one goroutine.
const readBatch = 256

// readSentences finds the figures and cues of each sentence. Each sentence
// is read on its own, so a long document is read by one worker a CPU, each
// taking the next batch of sentences; the result does not depend on which
// worker reads which sentence.
func readSentences(ss []*sent) {
	read := func(s *sent) {
		s.figs = figure.Find(s.text)
		s.cues = findCues(s.text, s.figs)
	}
	workers := min(runtime.GOMAXPROCS(0), len(ss)/readBatch)
	if workers < 2 {
		for _, s := range ss {
			read(s)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				end := int(next.Add(readBatch))
				start := end - readBatch
				if start >= len(ss) {
					return
				}
				for _, s := range ss[start:min(end, len(ss))] {
					read(s)
				}
			}
		})
	}
	wg.Wait()
}
