package essay

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/segment"
)

var segmenter = sync.OnceValue(func() *segment.Segmenter {
	s, err := segment.New()
	if err != nil {
		// The model is compiled into the binary; failing to load it is a
		// broken build, not bad input.
		panic("essay: load sentence model: " + err.Error())
	}
	return s
})

// Split divides a paragraph into sentences with the Punkt segmenter of
// github.com/jdkato/prose, then repairs what it misses: a piece that starts
// in lower case continues the sentence before it (`“Why?” asked the
// minister.` is one sentence). The sentences cover the text but for white
// space, and each is an exact substring of it.
func Split(text string) []Sentence {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var starts []int
	for _, s := range segmenter().Segment(text) {
		if len(starts) > 0 && continues(s.Text) {
			continue
		}
		starts = append(starts, s.Start)
	}
	if len(starts) == 0 || starts[0] != 0 {
		starts = append([]int{0}, starts...)
	}
	out := make([]Sentence, 0, len(starts))
	for i, start := range starts {
		end := len(text)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		seg := text[start:end]
		trimmed := strings.TrimLeftFunc(seg, unicode.IsSpace)
		start += len(seg) - len(trimmed)
		trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
		if trimmed == "" {
			continue
		}
		out = append(out, Sentence{Text: trimmed, Start: start})
	}
	return out
}

// continues reports whether a segment is the tail of the sentence before it:
// its first letter is lower case (after any opening punctuation), as in
// `asked the minister` after a quoted question, and it is not a word like
// "iPhone" that is written that way.
func continues(s string) bool {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[size:])
	return !unicode.IsUpper(next)
}

// splitBatch is how many paragraphs a worker of splitBlocks takes at a
// time; a document with fewer than two batches is split on one goroutine.
const splitBatch = 64

// splitBlocks splits the text of every block no longer than maxParagraph
// into sentences (longer ones are left nil: Parse refuses them). The
// blocks of a long document are split by one worker a CPU, each taking the
// next batch; the segmenter is safe for concurrent use and each block is
// split on its own, so the result does not depend on the workers.
func splitBlocks(blocks []block, maxParagraph int) [][]Sentence {
	out := make([][]Sentence, len(blocks))
	split := func(i int) {
		if len(blocks[i].text) <= maxParagraph {
			out[i] = Split(blocks[i].text)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(blocks)/splitBatch)
	if workers < 2 {
		for i := range blocks {
			split(i)
		}
		return out
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				end := int(next.Add(splitBatch))
				start := end - splitBatch
				if start >= len(blocks) {
					return
				}
				for i := start; i < min(end, len(blocks)); i++ {
					split(i)
				}
			}
		})
	}
	wg.Wait()
	return out
}
