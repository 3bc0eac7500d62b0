// Package lexical is argmap's text toolkit: finding phrases in a sentence
// (case-insensitive, at word boundaries, the typographic apostrophe taken
// as the plain one), splitting text into lower-case words, stop words, and
// the bag-of-words similarities that compare sentences (cosine) and
// paragraphs (Dice). Nothing is stemmed: words are only lower-cased, and a
// sentence's words lose a plural -s.
package lexical

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match is where a phrase was found in a text, in byte offsets of the
// text. The zero Match means not found.
type Match struct {
	Start, End int
}

// Found reports whether the phrase was found.
func (m Match) Found() bool { return m.End > m.Start }

// In returns the matched words as they stand in text.
func (m Match) In(text string) string {
	if !m.Found() || m.End > len(text) {
		return ""
	}
	return text[m.Start:m.End]
}

// IsWordRune reports whether r belongs inside a word: a letter or a digit.
func IsWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// MatchAt reports whether phrase (lower-case ASCII, single spaces) matches
// text at byte offset i, and where the match ends. A space in the phrase
// matches any run of white space; an apostrophe matches ' or ’; letters
// match either case.
func MatchAt(text string, i int, phrase string) (int, bool) {
	j := 0
	for j < len(phrase) {
		if i >= len(text) {
			return 0, false
		}
		pc := phrase[j]
		switch pc {
		case ' ':
			if r, _ := utf8.DecodeRuneInString(text[i:]); !unicode.IsSpace(r) {
				return 0, false
			}
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
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

// BoundaryBefore reports whether offset i of text starts a word.
func BoundaryBefore(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return !IsWordRune(r)
}

// BoundaryAfter reports whether offset i of text ends a word.
func BoundaryAfter(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return !IsWordRune(r)
}

// FindPhrase returns the first whole-word occurrence of phrase (as MatchAt
// reads it) in text at or after byte offset from.
func FindPhrase(text, phrase string, from int) Match {
	if phrase == "" || from >= len(text) {
		return Match{}
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
		if IsWordRune(rune(first)) && !BoundaryBefore(text, i) {
			continue
		}
		end, ok := MatchAt(text, i, phrase)
		if !ok {
			continue
		}
		if IsWordRune(rune(phrase[len(phrase)-1])) && !BoundaryAfter(text, end) {
			continue
		}
		return Match{i, end}
	}
	return Match{}
}

// LeadOffset returns the offset of the first letter or digit of text,
// skipping opening quotes, brackets, dashes and white space.
func LeadOffset(text string) int {
	for i, r := range text {
		if IsWordRune(r) {
			return i
		}
	}
	return len(text)
}

// Opener returns the phrase of the list that opens text (after LeadOffset),
// if any. The phrase must end at a word boundary.
func Opener(text string, phrases []string) Match {
	i := LeadOffset(text)
	for _, p := range phrases {
		end, ok := MatchAt(text, i, p)
		if !ok {
			continue
		}
		if IsWordRune(rune(p[len(p)-1])) && !BoundaryAfter(text, end) {
			continue
		}
		return Match{i, end}
	}
	return Match{}
}

// ContainsFoldASCII reports whether text contains word (lower-case ASCII)
// with its ASCII letters in either case.
func ContainsFoldASCII(text, word string) bool {
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

// IsCapitalized reports whether word starts with an upper-case letter.
func IsCapitalized(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsUpper(r)
}

// QuoteCue shortens text for a why string and puts it in single quotes:
// white space folded to single spaces, and a text of more than 60
// characters cut to its first 57 and "…".
func QuoteCue(text string) string {
	if !SingleSpaced(text) {
		text = strings.Join(strings.Fields(text), " ")
	}
	if utf8.RuneCountInString(text) > 60 {
		r := []rune(text)
		text = string(r[:57]) + "…"
	}
	return "'" + text + "'"
}

// SingleSpaced reports whether text is not empty, neither starts nor ends
// with white space, and has no white space but single plain spaces: what
// strings.Join(strings.Fields(text), " ") leaves as it is.
func SingleSpaced(text string) bool {
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
