package argument

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/argmap/argmap/internal/essay"
)

// Provisional paragraph ids given by Extract. The front matter has named ids;
// every other block is numbered from 1 in reading order. The store replaces
// them with permanent ids (see Renumber).
const (
	TitleID      = "title"
	StandfirstID = "standfirst"
)

// PositionalIDs returns the provisional paragraph ids of a document's
// paragraphs: "title", "standfirst", then "1", "2", … for the rest.
func PositionalIDs(doc *essay.Document) []string {
	ids := make([]string, len(doc.Paragraphs))
	n := 0
	for i, p := range doc.Paragraphs {
		switch p.Kind {
		case essay.Title:
			ids[i] = TitleID
		case essay.Standfirst:
			ids[i] = StandfirstID
		default:
			n++
			ids[i] = strconv.Itoa(n)
		}
	}
	return ids
}

// SentenceID returns the id of the n-th (1-based) sentence of paragraph pid.
func SentenceID(pid string, n int) string { return fmt.Sprintf("%s.%d", pid, n) }

// SplitSentenceID returns the paragraph id and the number of sentence id
// sid, as SentenceID made it; ok is false for any other string.
func SplitSentenceID(sid string) (pid string, n int, ok bool) {
	i := strings.LastIndexByte(sid, '.')
	if i <= 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(sid[i+1:])
	if err != nil || n < 1 || strconv.Itoa(n) != sid[i+1:] {
		return "", 0, false
	}
	return sid[:i], n, true
}

// IsSentenceID reports whether id is SentenceID(pid, n), without making it.
func IsSentenceID(id, pid string, n int) bool {
	rest, ok := strings.CutPrefix(id, pid)
	return ok && len(rest) > 1 && rest[0] == '.' && rest[1:] == strconv.Itoa(n)
}

// Renumber gives the paragraphs new ids (ids[i] for paragraph i) and rewrites
// every sentence id, relation end, restated thesis and figure reference to
// match. Sentence ids
// are taken from sids when it has an entry for the old id, and otherwise made
// with SentenceID; a reference to an id that is no sentence of a is left
// as it is. It panics if len(ids) != len(a.Paragraphs).
func (a *Analysis) Renumber(ids []string, sids map[string]string) {
	if len(ids) != len(a.Paragraphs) {
		panic(fmt.Sprintf("argument: Renumber got %d ids for %d paragraphs", len(ids), len(a.Paragraphs)))
	}
	// moved has the sentence ids that change; a first ingest changes none
	moved := make(map[string]string)
	for i := range a.Paragraphs {
		p := &a.Paragraphs[i]
		p.ID = ids[i]
		for j := range p.Sentences {
			s := &p.Sentences[j]
			next, ok := sids[s.ID]
			if !ok {
				if IsSentenceID(s.ID, p.ID, j+1) {
					continue
				}
				next = SentenceID(p.ID, j+1)
			}
			if next != s.ID {
				moved[s.ID] = next
				s.ID = next
			}
		}
	}
	rename := func(id string) string {
		if next, ok := moved[id]; ok {
			return next
		}
		return id
	}
	for i := range a.Paragraphs {
		for j := range a.Paragraphs[i].Sentences {
			if s := &a.Paragraphs[i].Sentences[j]; s.Restates != "" {
				s.Restates = rename(s.Restates)
			}
		}
	}
	for i := range a.Relations {
		a.Relations[i].From = rename(a.Relations[i].From)
		a.Relations[i].To = rename(a.Relations[i].To)
	}
	for i := range a.Figures {
		a.Figures[i].Sentence = rename(a.Figures[i].Sentence)
	}
}
