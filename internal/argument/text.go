package argument

import "github.com/argmap/argmap/internal/lexical"

// This file holds the extractor's short names for the text toolkit
// (package lexical): phrase matching that is case-insensitive, respects
// word boundaries and treats the typographic apostrophe as the plain one,
// words, and the similarity of two sentences.

// match is where a lexicon phrase was found in a sentence, in byte offsets of
// the original text.
type match struct {
	start, end int
}

// matchOf converts the toolkit's Match.
func matchOf(m lexical.Match) match { return match{m.Start, m.End} }

// found reports whether the phrase was found.
func (m match) found() bool { return m.end > m.start }

// in returns the matched words as they stand in text.
func (m match) in(text string) string { return lexical.Match{Start: m.start, End: m.end}.In(text) }

// isWordRune is lexical.IsWordRune.
func isWordRune(r rune) bool { return lexical.IsWordRune(r) }

// matchAt is lexical.MatchAt.
func matchAt(s string, i int, phrase string) (int, bool) { return lexical.MatchAt(s, i, phrase) }

// boundaryAfter is lexical.BoundaryAfter.
func boundaryAfter(s string, i int) bool { return lexical.BoundaryAfter(s, i) }

// findPhrase is lexical.FindPhrase.
func findPhrase(s, phrase string, from int) match {
	return matchOf(lexical.FindPhrase(s, phrase, from))
}

// leadOffset is lexical.LeadOffset.
func leadOffset(s string) int { return lexical.LeadOffset(s) }

// opener is lexical.Opener.
func opener(s string, phrases []string) match { return matchOf(lexical.Opener(s, phrases)) }

// words is lexical.Words.
func words(s string) []string { return lexical.Words(s) }

// similarity is lexical.Similarity: the cosine of the content words of two
// sentences.
func similarity(a, b string) float64 { return lexical.Similarity(a, b) }

// quoteCue is lexical.QuoteCue.
func quoteCue(s string) string { return lexical.QuoteCue(s) }

// containsFoldASCII is lexical.ContainsFoldASCII.
func containsFoldASCII(s, word string) bool { return lexical.ContainsFoldASCII(s, word) }
