package argument

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the small text tools the extractor is built on: phrase
// matching that is case-insensitive, respects word boundaries and treats the
// typographic apostrophe as the plain one, and a bag-of-words similarity.

// match is where a lexicon phrase was found in a sentence, in byte offsets of
// the original text.
type match struct {
	start, end int
}

// found reports whether the phrase was found.
func (m match) found() bool { return m.end > m.start }

// in returns the matched words as they stand in text.
func (m match) in(text string) string {
	if !m.found() || m.end > len(text) {
		return ""
	}
	return text[m.start:m.end]
}

// isWordRune reports whether r belongs inside a word for boundary checks.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// matchAt reports whether phrase (lower-case ASCII, single spaces) matches
// text at byte offset i, and where the match ends. A space in the phrase
// matches any run of white space; an apostrophe matches ' or ’; letters
// match either case.
func matchAt(text string, i int, phrase string) (int, bool) {
	j := 0
	for j < len(phrase) {
		if i >= len(text) {
			return 0, false
		}
		pc := phrase[j]
		switch pc {
		case ' ':
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				return 0, false
			}
			for i < len(text) {
				r, size = utf8.DecodeRuneInString(text[i:])
				if !unicode.IsSpace(r) {
					break
				}
				i += size
			}
			j++
			continue
		case '\'':
			if text[i] == '\'' {
				i++
				j++
				continue
			}
			if strings.HasPrefix(text[i:], "’") {
				i += len("’")
				j++
				continue
			}
			return 0, false
		}
		tc := text[i]
		if 'A' <= tc && tc <= 'Z' {
			tc += 'a' - 'A'
		}
		if tc != pc {
			return 0, false
		}
		i++
		j++
	}
	return i, true
}

// boundaryBefore reports whether offset i of text starts a word.
func boundaryBefore(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return !isWordRune(r)
}

// boundaryAfter reports whether offset i of text ends a word.
func boundaryAfter(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return !isWordRune(r)
}

// findPhrase returns the first whole-word occurrence of phrase in text at
// or after byte offset from.
func findPhrase(text, phrase string, from int) match {
	if phrase == "" || from >= len(text) {
		return match{}
	}
	first := phrase[0]
	upper := first // the other case of the first letter
	if 'a' <= first && first <= 'z' {
		upper = first - 'a' + 'A'
	}
	for i := from; i < len(text); i++ {
		// skip to the next place the phrase's first character can match
		if c := text[i]; c != first && c != upper && (first != '\'' || !strings.HasPrefix(text[i:], "’")) {
			continue
		}
		if isWordRune(rune(first)) && !boundaryBefore(text, i) {
			continue
		}
		end, ok := matchAt(text, i, phrase)
		if !ok {
			continue
		}
		if isWordRune(rune(phrase[len(phrase)-1])) && !boundaryAfter(text, end) {
			continue
		}
		return match{i, end}
	}
	return match{}
}

// findAny returns the first phrase of the list found in text (earliest in the
// list wins, not earliest in the text).
func findAny(text string, phrases []string) match {
	for _, p := range phrases {
		if m := findPhrase(text, p, 0); m.found() {
			return m
		}
	}
	return match{}
}

// leadOffset returns the offset of the first letter or digit of text,
// skipping opening quotes, brackets, dashes and white space.
func leadOffset(text string) int {
	for i, r := range text {
		if isWordRune(r) {
			return i
		}
	}
	return len(text)
}

// opener returns the phrase of the list that opens text, if any. The phrase
// must end at a word boundary.
func opener(text string, phrases []string) match {
	i := leadOffset(text)
	for _, p := range phrases {
		end, ok := matchAt(text, i, p)
		if !ok {
			continue
		}
		if isWordRune(rune(p[len(p)-1])) && !boundaryAfter(text, end) {
			continue
		}
		return match{i, end}
	}
	return match{}
}

// words returns the lower-cased words of text (letters and digits; an
// apostrophe inside a word is dropped with what follows it, so "Europe’s"
// gives "europe").
func words(text string) []string {
	var out []string
	var b strings.Builder
	skip := false
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
		}
		b.Reset()
		skip = false
	}
	for _, r := range text {
		switch {
		case isWordRune(r):
			if !skip {
				b.WriteRune(unicode.ToLower(r))
			}
		case (r == '\'' || r == '’') && b.Len() > 0:
			skip = true
		default:
			flush()
		}
	}
	flush()
	return out
}

// contentWords returns the words of text that carry meaning: stop words are
// dropped and a plural -s is trimmed, so that restatements match.
func contentWords(text string) map[string]bool {
	set := make(map[string]bool)
	for _, w := range words(text) {
		if stopWords[w] || len(w) < 2 {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		set[w] = true
	}
	return set
}

// similarity is the cosine of the content-word sets of a and b: 1 for the
// same words, 0 for none in common.
func similarity(a, b string) float64 {
	wa, wb := contentWords(a), contentWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	n := 0
	for w := range wa {
		if wb[w] {
			n++
		}
	}
	return float64(n) / math.Sqrt(float64(len(wa))*float64(len(wb)))
}

// isCapitalized reports whether word starts with an upper-case letter.
func isCapitalized(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsUpper(r)
}

// quoteCue shortens text for a why string and puts it in single quotes.
func quoteCue(text string) string {
	if !singleSpaced(text) {
		text = strings.Join(strings.Fields(text), " ")
	}
	if utf8.RuneCountInString(text) > 60 {
		r := []rune(text)
		text = string(r[:57]) + "…"
	}
	return "'" + text + "'"
}

// containsFoldASCII reports whether text contains word (lower-case ASCII)
// with its ASCII letters in either case.
func containsFoldASCII(text, word string) bool {
	for i := 0; i+len(word) <= len(text); i++ {
		j := 0
		for ; j < len(word); j++ {
			c := text[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[j] {
				break
			}
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// singleSpaced reports whether text is not empty, neither starts nor ends
// with white space, and has no white space but single plain spaces: what
// strings.Join(strings.Fields(text), " ") leaves as it is.
func singleSpaced(text string) bool {
	space := true // at the start, or just after a space
	for _, r := range text {
		if !unicode.IsSpace(r) {
			space = false
			continue
		}
		if r != ' ' || space {
			return false
		}
		space = true
	}
	return !space
}
