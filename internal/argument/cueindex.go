package argument

import (
	"math/bits"
	"slices"
	"unicode/utf8"
)

// This file makes cue finding one pass over a sentence's words instead of
// one search of the sentence per lexicon phrase. Every phrase is indexed by
// one of its words (its longest). A phrase can only match where that word
// stands whole in the sentence: its letters match ASCII letters of either
// case, and what comes before and after it in the phrase (a space, an
// apostrophe, a comma, or the phrase's end, which must be a word boundary)
// cannot match a letter or digit. So a sentence's words, looked up once,
// give the few phrases that may match, and only those are searched for,
// in list order: the answers are exactly those of searching every phrase.

// lexicon is a phrase list of the lexicon, numbered within a phraseIndex.
type lexicon struct {
	phrases []string
	base    int // the index number of phrases[0]
}

// phraseIndex numbers the phrases of several lexicons and maps a word to
// the phrases it may stand in.
type phraseIndex struct {
	byWord map[string][]int // lower-case ASCII word → phrase numbers
	always []int            // phrases without an indexable word: always searched
	n      int              // phrases in all
}

// newPhraseIndex indexes the given lexicons.
func newPhraseIndex(lexs ...*lexicon) *phraseIndex {
	x := &phraseIndex{byWord: make(map[string][]int)}
	for _, l := range lexs {
		l.base = x.n
		for k, p := range l.phrases {
			g := l.base + k
			if w := indexWord(p); w != "" {
				x.byWord[w] = append(x.byWord[w], g)
			} else {
				x.always = append(x.always, g)
			}
		}
		x.n += len(l.phrases)
	}
	return x
}

// indexWord returns the longest word of phrase (a maximal run of ASCII
// lower-case letters and digits), or "" when the phrase has a character
// other than those, ASCII punctuation and white space (such a phrase is
// searched for in every sentence).
func indexWord(phrase string) string {
	best := ""
	start := -1
	for i := 0; i <= len(phrase); i++ {
		var c byte = ' '
		if i < len(phrase) {
			c = phrase[i]
		}
		switch {
		case c >= utf8.RuneSelf || ('A' <= c && c <= 'Z'):
			return ""
		case ('a' <= c && c <= 'z') || ('0' <= c && c <= '9'):
			if start < 0 {
				start = i
			}
		default:
			if start >= 0 && i-start > len(best) {
				best = phrase[start:i]
			}
			start = -1
		}
	}
	return best
}

// The lexicon lists findCues searches through a sentenceCues, and
// cueIndex, their index.
var (
	lexContrastOpeners   = &lexicon{phrases: contrastOpeners}
	lexContrastInner     = &lexicon{phrases: contrastInner}
	lexConclusionOpeners = &lexicon{phrases: conclusionOpeners}
	lexConclusionInner   = &lexicon{phrases: conclusionInner}
	lexVerdictOpeners    = &lexicon{phrases: verdictOpeners}
	lexStanceCues        = &lexicon{phrases: stanceCues}
	lexDeonticCues       = &lexicon{phrases: deonticCues}
	lexWeakDeonticCues   = &lexicon{phrases: weakDeonticCues}
	lexEvaluativeCues    = &lexicon{phrases: evaluativeCues}
	lexGivenOpeners      = &lexicon{phrases: givenOpeners}
	lexAttributionCues   = &lexicon{phrases: attributionCues}
	lexExampleCues       = &lexicon{phrases: exampleCues}
	lexPremiseOpeners    = &lexicon{phrases: premiseOpeners}
	lexReasonOpeners     = &lexicon{phrases: reasonOpeners}
	lexConcessionOpeners = &lexicon{phrases: concessionOpeners}
	lexOpposingViewCues  = &lexicon{phrases: opposingViewCues}
	lexReportVerbs       = &lexicon{phrases: reportVerbs}
	lexHedgeCues         = &lexicon{phrases: hedgeCues}
	lexFollowCues        = &lexicon{phrases: followCues}
	lexHowever           = &lexicon{phrases: []string{"however"}}
	cueIndex             = newPhraseIndex(lexContrastOpeners, lexContrastInner, lexConclusionOpeners, lexConclusionInner, lexVerdictOpeners, lexStanceCues, lexDeonticCues, lexWeakDeonticCues, lexEvaluativeCues, lexGivenOpeners, lexAttributionCues, lexExampleCues, lexPremiseOpeners, lexReasonOpeners, lexConcessionOpeners, lexOpposingViewCues, lexReportVerbs, lexHedgeCues, lexFollowCues, lexHowever)
)

// sentenceCues is a sentence read once against a phraseIndex: the set of
// phrases that may occur in it.
type sentenceCues struct {
	text string
	may  []uint64 // bit g: phrase number g may occur
}

// scanCues reads the words of text and marks the phrases of x they may
// stand in.
func scanCues(text string, x *phraseIndex) *sentenceCues {
	s := &sentenceCues{text: text, may: make([]uint64, (x.n+63)/64)}
	for _, g := range x.always {
		s.mark(g)
	}
	var buf [32]byte // a word, lower-cased
	n, ascii := 0, true
	flush := func() {
		if n > 0 && ascii && n <= len(buf) {
			for _, g := range x.byWord[string(buf[:n])] {
				s.mark(g)
			}
		}
		n, ascii = 0, true
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				flush()
				continue
			}
			if n < len(buf) {
				buf[n] = c
			}
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if isWordRune(r) {
			// a word with a non-ASCII letter or digit matches no phrase
			// word, but it is one word with its ASCII neighbours
			ascii = false
			n++
			continue
		}
		flush()
	}
	flush()
	return s
}

func (s *sentenceCues) mark(g int) { s.may[g/64] |= 1 << (g % 64) }

// each calls f with the phrases of l that may occur in the sentence, in
// list order, until f returns false.
func (s *sentenceCues) each(l *lexicon, f func(phrase string) bool) {
	lo, hi := l.base, l.base+len(l.phrases)
	for w := lo / 64; w*64 < hi; w++ {
		word := s.may[w]
		for word != 0 {
			g := w*64 + bits.TrailingZeros64(word)
			word &= word - 1
			if g < lo || g >= hi {
				continue
			}
			if !f(l.phrases[g-lo]) {
				return
			}
		}
	}
}

// findAny returns the first phrase of l found in the sentence (earliest in
// l wins, not earliest in the text), as searching for each phrase of l in
// turn would find it (findEach in the tests).
func (s *sentenceCues) findAny(l *lexicon) match {
	var m match
	s.each(l, func(p string) bool {
		m = findPhrase(s.text, p, 0)
		return !m.found()
	})
	return m
}

// opener is opener(s.text, l.phrases).
func (s *sentenceCues) opener(l *lexicon) match {
	i := leadOffset(s.text)
	var m match
	s.each(l, func(p string) bool {
		if end, ok := matchAt(s.text, i, p); ok && (!isWordRune(rune(p[len(p)-1])) || boundaryAfter(s.text, end)) {
			m = match{i, end}
			return false
		}
		return true
	})
	return m
}

// count returns how many phrases of l occur in the sentence, each counted
// where it stands outside a longer one already found: "most important" is
// one phrase, not two with "important" (l lists the longer first).
func (s *sentenceCues) count(l *lexicon) int {
	n := 0
	var seen []match
	s.each(l, func(p string) bool {
		counted := false
		for from := 0; ; {
			m := findPhrase(s.text, p, from)
			if !m.found() {
				break
			}
			from = m.end
			if !slices.ContainsFunc(seen, func(o match) bool { return o.start <= m.start && m.end <= o.end }) {
				seen = append(seen, m)
				counted = true
			}
		}
		if counted {
			n++
		}
		return true
	})
	return n
}
