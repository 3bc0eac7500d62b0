package server

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/store"
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

// argdownBatch is how many statements writeArgdown reads a query: at
// most 8 MB of words, the longest sentences being 16 KiB. (A variable for
// a test that makes the batches small.)
var argdownBatch = 512

// writeArgdown writes the map as an Argdown document. Its lines wait, a
// batch at a time, for their sentences, which are read by place in one
// query a batch (source.sentencesAt): the words of a statement where it
// is defined, the id of every other.
func (m *model) writeArgdown(out io.Writer) error {
	b := &trimWriter{w: out}
	b.WriteString("// " + argdownComment(m.essayTitle()) + "\n")
	b.WriteString("// Argument map by argmap from " + m.abs("/") + ", revision " + strconv.Itoa(m.head.current.Number) + ".\n")
	b.WriteString("// Titles name each sentence by its role and id; links lead to the sentence in its paragraph.\n\n")

	g := m.src.mapShape()
	rels, isStatement := g.rels, g.statement
	defined := make([]bool, g.n())
	// A line is prefix, then the statement at place k (none when k < 0),
	// its definition or a reference to it, then end.
	type line struct {
		prefix, end string
		k           int32
		define      bool
	}
	var lines []line
	var places []store.Place
	flush := func() {
		ss := m.src.sentencesAt(places)
		j := 0
		for _, l := range lines {
			text := l.prefix
			if l.k >= 0 {
				s := ss[j]
				j++
				text += "[" + argdownTitle(argument.Sentence{ID: s.ID, Role: g.roleOf(l.k)}) + "]"
				if l.define {
					text += ": " + argdownEscape(s.Text) + " " + argdownTag(s.Role) +
						" [¶" + s.pid + "](" + m.abs(sentencePath(s.pid, s.ID)) + ")"
				}
			}
			b.WriteString(text + l.end)
		}
		lines, places = lines[:0], places[:0]
	}
	emit := func(prefix string, k int32, end string) {
		l := line{prefix: prefix, end: end, k: k}
		if k >= 0 {
			l.define = !defined[k]
			defined[k] = true
			at := g.placeOf(k)
			at.Text = l.define
			places = append(places, at)
		}
		lines = append(lines, l)
		if len(places) >= argdownBatch {
			flush()
		}
	}
	// incoming lists the map's relations to each sentence, in order (those
	// to sentence k are incoming[start[k]:start[k+1]]): counted into
	// start[k+2], summed, so that start[k+1] is where k's begin, and moved
	// on to where they end (where k+1's begin) as they are put in.
	start := make([]int32, g.n()+2)
	for _, r := range rels {
		start[r.to+2]++
	}
	for k := 2; k < len(start); k++ {
		start[k] += start[k-1]
	}
	incoming := make([]int32, len(rels))
	for i, r := range rels {
		incoming[start[r.to+1]] = int32(i)
		start[r.to+1]++
	}
	in := func(k int32) []int32 { return incoming[start[k]:start[k+1]] }
	block := func(k int32) {
		emit("", k, "\n")
		for _, ri := range in(k) {
			r := rels[ri]
			sign := "  + "
			if r.attack {
				sign = "  - "
			}
			emit(sign, r.from, "\n")
		}
		emit("\n", -1, "")
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
			emit("", k, "\n\n")
		}
	}
	flush()
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
