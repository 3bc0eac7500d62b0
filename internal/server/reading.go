package server

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/argmap/argmap/internal/argument"
)

// This file holds what makes the pages read like an annotated essay: the
// words that name a sentence ("¶2’s claim", "the thesis"), what each
// sentence bears on, the argument in brief at the top of /, and figures in
// the essay's own words.

// bearView is one relation from a sentence, as the sentence shows it: a
// visible note ("→ ¶2’s claim") linked to the claim it backs or attacks.
type bearView struct {
	Kind argument.RelationKind `json:"kind"`
	// To is the id of the sentence borne on; URL its page.
	To  string `json:"to"`
	URL string `json:"url"`
	// Note is what the reader sees ("→ ¶2’s claim", "→ against the
	// thesis"); Label the link's accessible name, with the claim's words.
	Note  string `json:"-"`
	Label string `json:"-"`
}

// targetWords names sentence sid as a reader would: "the thesis", "¶2’s
// claim", "¶4’s evidence".
func (m *model) targetWords(sid string) string {
	s := m.sentence(sid)
	switch s.Role {
	case argument.MajorClaim:
		return "the thesis"
	case argument.Claim:
		return "¶" + m.pidOf(sid) + "’s claim"
	case argument.Evidence:
		return "¶" + m.pidOf(sid) + "’s evidence"
	}
	return "sentence " + sid
}

// bears returns what sentence sid supports or attacks, in the order of the
// analysis.
func (m *model) bears(sid string) []bearView {
	var out []bearView
	for _, r := range m.src.relationsFrom(sid) {
		to := m.sentence(r.To)
		words := m.targetWords(r.To)
		b := bearView{Kind: r.Kind, To: r.To, URL: sentencePath(m.pidOf(r.To), r.To)}
		if isClaim(to.Role) {
			b.URL = claimPath(r.To)
		}
		verb := "supports"
		b.Note = "→ " + words
		if r.Kind == argument.Attack {
			verb = "attacks"
			b.Note = "→ against " + words
		}
		b.Label = verb + " " + words + ": " + excerpt(to.Text, 90)
		out = append(out, b)
	}
	return out
}

// shortWords is the start of a sentence for a heading or a title: at most
// about n bytes, cut at a word, with "…" when cut.
func shortWords(s string, n int) string { return excerpt(s, n) }

// ownQuotes reports whether a text starts with a quotation mark of its
// own, so that quoting it again would double the marks.
func ownQuotes(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	switch r {
	case '“', '"', '‘', '\'', '«', '„', '‹', '「', '『':
		return true
	}
	return false
}

// thesisGroups splits the thesis sentences into the thesis (those of the
// first paragraph that states it) and its restatements (those elsewhere),
// each in reading order.
func (m *model) thesisGroups() (main, restated []string) {
	thesis := m.thesisIDs()
	pid := ""
	for _, sid := range thesis {
		switch p := m.pidOf(sid); {
		case pid == "" || p == pid:
			pid = p
			main = append(main, sid)
		default:
			restated = append(restated, sid)
		}
	}
	return main, restated
}

// restatement is a paragraph that restates the thesis.
type restatement struct {
	PID string `json:"pid"`
	URL string `json:"url"`
	// Sentences are the ids of its thesis sentences.
	Sentences []string `json:"sentences"`
}

// summaryView is the argument in brief at the top of /.
type summaryView struct {
	// Thesis are the sentences of the thesis where it is first stated.
	Thesis []sentenceView `json:"thesis"`
	// ThesisURL is the thesis's claim page (its first sentence).
	ThesisURL string `json:"thesis_url,omitempty"`
	// Restated are the paragraphs that state it again.
	Restated []restatement `json:"restated"`
	// Claims are the other claims, in reading order, with their counts:
	// the first summaryClaims of them; More counts the rest, which /claims
	// lists.
	Claims []claimItem `json:"claims"`
	More   int         `json:"more,omitempty"`
}

// summaryClaims is the most claims the argument in brief lists, so that a
// long essay's first page stays short.
const summaryClaims = 60

func (m *model) summary() summaryView {
	v := summaryView{Thesis: []sentenceView{}, Restated: []restatement{}, Claims: []claimItem{}}
	main, restated := m.thesisGroups()
	for _, sid := range main {
		v.Thesis = append(v.Thesis, m.sentenceView(sid))
	}
	if len(main) > 0 {
		v.ThesisURL = claimPath(main[0])
	}
	for _, sid := range restated {
		pid := m.pidOf(sid)
		if n := len(v.Restated); n > 0 && v.Restated[n-1].PID == pid {
			v.Restated[n-1].Sentences = append(v.Restated[n-1].Sentences, sid)
			continue
		}
		v.Restated = append(v.Restated, restatement{PID: pid, URL: sentencePath(pid, sid), Sentences: []string{sid}})
	}
	for _, sid := range m.src.claims(argument.Claim, 0, summaryClaims) {
		v.Claims = append(v.Claims, m.claimItem(sid))
	}
	v.More = m.src.roleCounts()[argument.Claim] - len(v.Claims)
	return v
}

// figureWords is a figure as the essay says it: its exact words, the
// sentence's capital dropped where the figure opens the sentence ("since
// March 2020", not "Since March 2020"), its qualifier kept.
func (m *model) figureWords(f argument.Figure) string {
	w := strings.TrimSpace(f.Text)
	if f.Qualifier != "" && !strings.Contains(strings.ToLower(w), strings.ToLower(f.Qualifier)) {
		w = f.Qualifier + " " + w
	}
	if f.Kind == argument.Quote {
		return w
	}
	if s, ok := m.src.sentence(f.Sentence); ok && strings.HasPrefix(s.Text, w) {
		w = lowerSentenceCapital(w)
	}
	return w
}

// properWords are capitalised words that stay capitalised at the start of
// a figure: months and days.
var properWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
}

// lowerSentenceCapital lower-cases the first letter of s when its first
// word is an ordinary capitalised word (not all capitals, not a month).
func lowerSentenceCapital(s string) string {
	word, _, _ := strings.Cut(s, " ")
	r, size := utf8.DecodeRuneInString(word)
	if !unicode.IsUpper(r) || properWords[strings.ToLower(word)] {
		return s
	}
	rest := word[size:]
	if rest == "" || strings.ToLower(rest) != rest || strings.ContainsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// bidiControls are the characters that change the direction of the text
// around them.
const bidiControls = "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069"

// isolateBidi wraps s in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE
// when it holds a bidirectional control or right-to-left letters, so that
// in SVG text (which has no dir attribute per span) it cannot reorder the
// text around it; other text is returned as it is.
func isolateBidi(s string) string {
	if !strings.ContainsAny(s, bidiControls) && !strings.ContainsFunc(s, func(r rune) bool {
		return unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko)
	}) {
		return s
	}
	return "\u2068" + s + "\u2069"
}
