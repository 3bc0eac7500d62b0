package essay

import (
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/segment"

	"github.com/argmap/argmap/internal/lexical"
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
// minister.` is one sentence) unless its writer does not capitalise
// sentences (writesLower), and so does a piece after one that ends in an
// abbreviation that never ends a sentence (`Rev. Smith`, `Brown v. Board`)
// or after a list item's number (`1. Cities should …`). The sentences cover
// the text but for white space, and each is an exact substring of it.
func Split(text string) []Sentence {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var starts []int
	prev := ""
	pieces := segmenter().Segment(text)
	lower := writesLower(pieces)
	for _, s := range pieces {
		joined := len(starts) > 0 && ((continues(s.Text) && !lower) || endsOpen(prev) || isListMarker(prev))
		prev = s.Text
		if joined {
			continue
		}
		starts = append(starts, s.Start)
	}
	if len(starts) == 0 || starts[0] != 0 {
		starts = append([]int{0}, starts...)
	}
	starts = splitUnspaced(text, starts)
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

// openAbbreviations are abbreviations that stand before what they qualify
// (a name, the other side of a case, a number), so a sentence does not end
// on one, as they are written: titles capitalised, the rest in lower case
// ("V." is a numeral or an initial, "rev." a word). Punkt's English model
// knows some of them ("Mr.", "Dr.", "Gen.") and not others. Abbreviations a
// sentence can end on ("Jr.", "St.", "Inc.", "etc.") are not here.
var openAbbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Messrs": true, "Mmes": true,
	"Dr": true, "Drs": true, "Prof": true, "Profs": true, "Rev": true,
	"Revs": true, "Fr": true, "Msgr": true, "Hon": true, "Pres": true,
	"Gov": true, "Govs": true, "Sen": true, "Sens": true, "Rep": true,
	"Reps": true, "Supt": true, "Insp": true, "Det": true, "Gen": true,
	"Gens": true, "Adm": true, "Col": true, "Lt": true, "Maj": true,
	"Capt": true, "Cmdr": true, "Brig": true, "Sgt": true, "Cpl": true,
	"Pvt": true, "Fig": true, "Figs": true, "Vol": true, "Vols": true,
	"v": true, "vs": true, "approx": true, "cf": true, "viz": true, "pp": true,
}

// endsOpen reports whether a piece ends in one of openAbbreviations: its
// last word, after any opening bracket or quote, is one of them with its
// full stop. A sentence that does end on one ("…asked the Rev.") is joined
// to the next: rarer than a title before a name.
func endsOpen(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	word, ok := strings.CutSuffix(s, ".")
	if !ok {
		return false
	}
	if i := strings.LastIndexFunc(word, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		r, size := utf8.DecodeRuneInString(word[i:])
		if r == '.' {
			return false // "U.S.", "p.m.": Punkt's to judge
		}
		word = word[i+size:]
	}
	return openAbbreviations[word]
}

// isListMarker reports whether a piece is only a list item's number or
// letter ("1.", "12)", "(b)", as lexical.ListMarker reads them), which
// Punkt cuts off a numbered paragraph: it goes on with the sentence after
// it ("1. Cities should …" is one sentence, where "1." had been a sentence
// with a role of its own).
func isListMarker(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && lexical.ListMarker(s+" ") == len(s)+1
}

// writesLower reports whether the writer of a paragraph does not capitalise
// sentences, as some write comments ("i saw it. it was bad."): it opens in
// lower case, and so do half or more of the pieces Punkt cuts it into after
// a full stop. Then a piece in lower case is a sentence of its own: joined,
// the paragraph was one sentence. A piece after a quoted question or
// exclamation is not counted: "“why?” asked the minister" is one sentence
// however its writer capitalises.
func writesLower(pieces []segment.Sentence) bool {
	if len(pieces) < 2 || !opensLower(pieces[0].Text) {
		return false
	}
	n, lower := 0, 0
	for i, p := range pieces[1:] {
		if !strings.HasSuffix(strings.TrimRightFunc(pieces[i].Text, unicode.IsSpace), ".") {
			continue
		}
		n++
		if opensLower(p.Text) {
			lower++
		}
	}
	return n > 0 && 2*lower >= n
}

// opensLower reports whether the first letter of s, after any opening
// punctuation, is lower case.
func opensLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(trimOpening(s))
	return unicode.IsLower(r)
}

// trimOpening returns s without the punctuation and white space before its
// first word.
func trimOpening(s string) string {
	return strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// continues reports whether a segment is the tail of the sentence before it:
// its first letter is lower case (after any opening punctuation), as in
// `asked the minister` after a quoted question, and it is not a word like
// "iPhone" that is written that way, nor the pronoun "I" written in lower
// case ("i think", "i'm"), as hurried writers open a sentence.
func continues(s string) bool {
	s = trimOpening(s)
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[size:])
	if r == 'i' && (next == ' ' || next == '\'' || next == '’') {
		return false
	}
	return !unicode.IsUpper(next)
}

// unspaced matches a sentence's end with no space before the next one, as
// hurried writers leave it ("every year.In my opinion"): two lower-case
// letters or more, the closing punctuation, any closing quote or bracket,
// and a capital with a lower-case letter after it. The word's start is
// found apart, to rule out addresses and abbreviations.
var unspaced = regexp.MustCompile(`\p{Ll}{2}[.!?]+["”’)]*\p{Lu}\p{Ll}`)

// maybeUnspaced reports whether text may hold a match of unspaced: a
// closing punctuation mark followed at once by a capital, a quote or a
// bracket, or a byte of a multi-byte letter.
func maybeUnspaced(text string) bool {
	for i := 0; i+1 < len(text); i++ {
		switch text[i] {
		case '.', '!', '?':
			if c := text[i+1]; c >= 'A' && c <= 'Z' || c == '"' || c == ')' || c >= utf8.RuneSelf {
				return true
			}
		}
	}
	return false
}

// maxWordBack is how far back splitUnspaced looks for the start of the word
// before a sentence's end: longer than any word or address a sentence ends
// on that it must not split.
const maxWordBack = 256

// splitUnspaced adds to starts, the offsets where the sentences of text
// begin, a start after each end of a sentence that no space follows
// (unspaced), unless the word before it is part of an address ("www.",
// "example.com/Page", "name@mail") or an abbreviation that stands before
// a name ("vs.", "approx.").
func splitUnspaced(text string, starts []int) []int {
	if !maybeUnspaced(text) {
		return starts // the regexp costs more than this scan
	}
	locs := unspaced.FindAllStringIndex(text, -1)
	if locs == nil {
		return starts
	}
	out := make([]int, 0, len(starts)+len(locs))
	i := 0
	for _, loc := range locs {
		// The match ends with a capital and a lower-case letter; the next
		// sentence starts at the capital.
		_, last := utf8.DecodeLastRuneInString(text[:loc[1]])
		_, capital := utf8.DecodeLastRuneInString(text[:loc[1]-last])
		at := loc[1] - last - capital
		// The word's start, looked for no further back than maxWordBack
		// bytes, so that a text with no spaces costs no more than one that
		// has them.
		from := max(0, loc[0]-maxWordBack)
		word := text[from+strings.LastIndexAny(text[from:loc[0]], " \t\n")+1 : at]
		if strings.ContainsAny(word, "/@:") || strings.HasPrefix(strings.ToLower(word), "www.") {
			continue
		}
		if stem := strings.TrimRightFunc(word, func(r rune) bool { return !unicode.IsLetter(r) }); openAbbreviations[stem] || strings.Contains(stem, ".") {
			continue
		}
		for i < len(starts) && starts[i] < at {
			out = append(out, starts[i])
			i++
		}
		if len(out) == 0 || out[len(out)-1] != at {
			out = append(out, at)
		}
		for i < len(starts) && starts[i] == at {
			i++ // Punkt split there already
		}
	}
	return append(out, starts[i:]...)
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
