package server

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/argmap/argmap/internal/argument"
)

// This file writes /export/argdown, the argument map in Argdown
// (https://argdown.org), which the Argdown tools (the VS Code extension,
// the browser sandbox, @argdown/cli) turn into maps and documents.
//
// Every statement of the map (mapStatements) becomes one Argdown
// statement titled by its role and sentence id ("Claim 4.2"); its text is
// given once, where it first appears, followed by a tag for its role
// (#thesis, #claim, #evidence, …) and a link to the sentence on its
// paragraph page. The thesis and the claims come first, each with what
// supports (+) and attacks (-) it as indented children; any other
// sentence that a relation points to follows; statements that no relation
// links end the file. Sentence text is escaped so that nothing in it is
// read as Argdown syntax.

// argdownTitle is the statement title of a sentence.
func argdownTitle(s argument.Sentence) string {
	role := "Sentence"
	switch s.Role {
	case argument.MajorClaim:
		role = "Thesis"
	case argument.Claim:
		role = "Claim"
	case argument.Evidence:
		role = "Evidence"
	case argument.Background:
		role = "Background"
	}
	return role + " " + s.ID
}

// argdownTag is the tag of a role.
func argdownTag(r argument.Role) string {
	switch r {
	case argument.MajorClaim:
		return "#thesis"
	case argument.None, "":
		return "#other"
	}
	return "#" + strings.ReplaceAll(string(r), "_", "-")
}

// argdownEscape makes text safe as the text of an Argdown statement: white
// space is folded to single spaces, and every character that could start
// Argdown syntax (tags, links, references, emphasis, comments, data,
// special characters such as .name. and :name:) gets a backslash.
func argdownEscape(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	var b strings.Builder
	for i, r := range text {
		switch r {
		case '\\', '@', '#', '*', '_', '[', ']', '<', '>', '/', '(', ')', '{', '}', '=', '`', '~', '|':
			b.WriteByte('\\')
		case '.', ':':
			// Only before a character that is not a space can they open a
			// special character.
			if next, _ := utf8.DecodeRuneInString(text[i+1:]); next != utf8.RuneError && next != ' ' {
				b.WriteByte('\\')
			}
		case '+', '-', ',', ';':
			if i == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// writeArgdown writes the map as an Argdown document, reading the words
// of each statement as it writes it.
func (m *model) writeArgdown(out io.Writer) error {
	b := &trimWriter{w: out}
	b.WriteString("// " + argdownComment(m.essayTitle()) + "\n")
	b.WriteString("// Argument map by argmap from " + m.abs("/") + ", revision " + strconv.Itoa(m.head.current.Number) + ".\n")
	b.WriteString("// Titles name each sentence by its role and id; links lead to the sentence in its paragraph.\n\n")

	g := m.src.mapShape(true)
	rels, isStatement := g.rels, g.statement
	defined := make([]bool, g.n())
	statement := func(k int32) string {
		sid := g.sid(k)
		// a reference needs only the id and role, which the graph has; the
		// words are read once, where the statement is defined
		ref := "[" + argdownTitle(argument.Sentence{ID: sid, Role: g.roleOf(k)}) + "]"
		if defined[k] {
			return ref
		}
		defined[k] = true
		s, _ := m.src.sentence(sid)
		return ref + ": " + argdownEscape(s.Text) + " " + argdownTag(s.Role) +
			" [¶" + s.pid + "](" + m.abs(sentencePath(s.pid, sid)) + ")"
	}
	// incoming lists the map's relations to each sentence, in order.
	start := make([]int32, g.n()+1)
	for _, r := range rels {
		start[r.to+1]++
	}
	for k := range g.n() {
		start[k+1] += start[k]
	}
	incoming := make([]int32, len(rels))
	next := slices.Clone(start[:g.n()])
	for i, r := range rels {
		incoming[next[r.to]] = int32(i)
		next[r.to]++
	}
	in := func(k int32) []int32 { return incoming[start[k]:start[k+1]] }
	block := func(k int32) {
		b.WriteString(statement(k) + "\n")
		for _, ri := range in(k) {
			r := rels[ri]
			sign := "+"
			if r.attack {
				sign = "-"
			}
			b.WriteString("  " + sign + " " + statement(r.from) + "\n")
		}
		b.WriteString("\n")
	}
	for k := range int32(g.n()) {
		if isStatement[k] && isClaim(g.roleOf(k)) && (!defined[k] || len(in(k)) > 0) {
			block(k)
		}
	}
	for k := range int32(g.n()) {
		if isStatement[k] && !isClaim(g.roleOf(k)) && len(in(k)) > 0 {
			block(k)
		}
	}
	for k := range int32(g.n()) {
		if isStatement[k] && !defined[k] {
			b.WriteString(statement(k) + "\n\n")
		}
	}
	return b.finish()
}

// trimWriter writes strings as they come but the line ends at the very
// end, which finish replaces by one.
type trimWriter struct {
	w       io.Writer
	pending int
	err     error
}

func (t *trimWriter) WriteString(s string) {
	if t.err != nil {
		return
	}
	text := strings.TrimRight(s, "\n")
	if text == "" {
		t.pending += len(s)
		return
	}
	if t.pending > 0 {
		_, t.err = io.WriteString(t.w, strings.Repeat("\n", t.pending))
	}
	if t.err == nil {
		_, t.err = io.WriteString(t.w, text)
	}
	t.pending = len(s) - len(text)
}

func (t *trimWriter) finish() error {
	if t.err != nil {
		return t.err
	}
	_, err := io.WriteString(t.w, "\n")
	return err
}

// argdownComment folds text onto one line for a // comment.
func argdownComment(text string) string {
	return strings.Join(strings.Fields(text), " ")
}
