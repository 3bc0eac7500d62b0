package server

import (
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

// argdown writes the map as an Argdown document.
func (m *model) argdown() []byte {
	m = m.whole()
	var b strings.Builder
	b.WriteString("// " + argdownComment(m.essayTitle()) + "\n")
	b.WriteString("// Argument map by argmap from " + m.abs("/") + ", revision " + strconv.Itoa(m.head.current.Number) + ".\n")
	b.WriteString("// Titles name each sentence by its role and id; links lead to the sentence in its paragraph.\n\n")

	defined := make(map[string]bool)
	statement := func(sid string) string {
		s := m.sentence(sid)
		ref := "[" + argdownTitle(s) + "]"
		if defined[sid] {
			return ref
		}
		defined[sid] = true
		return ref + ": " + argdownEscape(s.Text) + " " + argdownTag(s.Role) +
			" [¶" + m.pidOf(sid) + "](" + m.abs(sentencePath(m.pidOf(sid), sid)) + ")"
	}
	incoming := make(map[string][]mapRelation)
	for _, r := range m.mapRelations() {
		incoming[r.To] = append(incoming[r.To], r)
	}
	block := func(sid string) {
		b.WriteString(statement(sid) + "\n")
		for _, r := range incoming[sid] {
			sign := "+"
			if r.Kind == argument.Attack {
				sign = "-"
			}
			b.WriteString("  " + sign + " " + statement(r.From) + "\n")
		}
		b.WriteString("\n")
	}
	statements := m.mapStatements()
	for _, sid := range statements {
		if isClaim(m.sentence(sid).Role) && (!defined[sid] || len(incoming[sid]) > 0) {
			block(sid)
		}
	}
	for _, sid := range statements {
		if !isClaim(m.sentence(sid).Role) && len(incoming[sid]) > 0 {
			block(sid)
		}
	}
	for _, sid := range statements {
		if !defined[sid] {
			b.WriteString(statement(sid) + "\n\n")
		}
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n")
}

// argdownComment folds text onto one line for a // comment.
func argdownComment(text string) string {
	return strings.Join(strings.Fields(text), " ")
}
