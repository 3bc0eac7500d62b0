package lexical

import (
	"regexp"
	"strings"
	"unicode"
)

// Words returns the lower-cased words of text: runs of letters and digits.
// An apostrophe inside a word ends it and drops what follows, so
// "Europe’s" gives "europe" and "don't" gives "don".
func Words(text string) []string {
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
		case IsWordRune(r):
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

// Tokens returns the runs of letters and digits of text in lower case. Any
// other character separates them, an apostrophe too: "Europe’s" gives
// "europe" and "s".
func Tokens(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !IsWordRune(r)
	})
}

// Terms returns the words of a sentence that carry meaning, for comparing
// sentences: its Words less the sentence stop words and one-byte words,
// with a plural -s trimmed ("claims" → "claim", not "class"), so that
// restatements match.
func Terms(text string) Set {
	set := make(Set)
	for _, w := range Words(text) {
		if sentenceStops[w] || len(w) < 2 {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		set[w] = struct{}{}
	}
	return set
}

// KeyWords returns the words of a paragraph, as Tokens gives them, that say
// something, for matching paragraphs: those of two or more characters that
// are not paragraph stop words. A paragraph made only of such words keeps
// them all.
func KeyWords(tokens []string) Set {
	s := make(Set)
	for _, w := range tokens {
		if len([]rune(w)) >= 2 && !paragraphStops[w] {
			s[w] = struct{}{}
		}
	}
	if len(s) == 0 {
		for _, w := range tokens {
			s[w] = struct{}{}
		}
	}
	return s
}

// The two stop lists differ because their users were tuned with them:
// sentenceStops (Terms, Similarity) also drops pronouns, modal verbs and the
// "s" and "t" an apostrophe leaves; paragraphStops (KeyWords, paragraph
// matching across revisions) keeps those but drops a few more prepositions
// and "one". One list for both would change which sentences restate the
// thesis and which paragraphs keep their ids.
var (
	sentenceStops  = stopSet(sentenceStopList)
	paragraphStops = stopSet(paragraphStopList)
)

const sentenceStopList = `a an the and or but of to in on at for from by with as is are was were be
	been being it its this that these those there their they them he she his her we our you your i my
	me not no only than then so if has have had do does did will would can could should must may might
	more most also which who whom what when where how all any some such into about over very just even
	s t`

const paragraphStopList = `a about after all also an and any are as at be been but by can could did do
	does for from had has have he her his how if in into is it its more most no not of on one or our out
	over she so some such than that the their them then there these they this those to under up was we
	were what when which who will with would you your`

func stopSet(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// ListMarker returns the length of the list item's number that opens text
// ("1. ", "12) ", "(b) "), with the space after it; 0 when text does not
// open with one. The number orders a list: it is neither a word of the
// sentence nor a figure it cites ("1.5 million" and "2020. " are not
// markers).
func ListMarker(text string) int {
	if m := listMarker.FindStringIndex(text); m != nil {
		return m[1]
	}
	return 0
}

// listMarker matches a list item's number or letter and the space after it.
var listMarker = regexp.MustCompile(`^\(?(\d{1,3}|[a-z])[.)]\s+`)
