package essay

import (
	"bytes"
	"fmt"
	"strings"
)

// This file bounds the work goldmark does on a Markdown file before it sees
// it. goldmark's inline parser takes time quadratic in the number of
// unclosed link openers and emphasis delimiters of a paragraph ("[a](<b"
// repeated, commonmark/cmark#218), its link reference definitions are
// quadratic in the lines of a paragraph, and its block parser is quadratic
// in the nesting of a line ("> > > …", "- - - … x", yuin/goldmark#592,
// deeply indented lists) and keeps a node for every level; its table
// extension fills every row out to the columns of the delimiter row, so a
// table's nodes grow as its columns times its rows, quadratic in its bytes
// (markdown-it/markdown-it#1000, the same in every GFM parser). All of these
// are local: a paragraph never spans a blank line, and nesting is spelled
// out at the start of each line. So one linear pass over the lines, which
// cuts the file into runs of non-blank lines, bounds each run and each
// line's nesting, and refuses a file that goes past a bound with an
// *InputError naming the line, keeps goldmark's cost linear in the size of
// the file (BenchmarkParsePathological measures it).

// budget bounds one run of non-blank lines of a Markdown file (a run also
// ends where a bullet list item starts at the left margin), and the nesting
// of each line, before goldmark parses the file.
type budget struct {
	// RunBytes is the most bytes a run of non-blank lines may hold.
	RunBytes int
	// LinkOpeners is the most "[" a run may hold.
	LinkOpeners int
	// Delimiters is the most runs of "*" or "_" a run may hold.
	Delimiters int
	// Nesting is the most block quote and list markers a line may start with.
	Nesting int
	// Indent is the most columns a line's block quote and list markers and
	// the white space around them may take (a tab counts 4).
	Indent int
	// CellsPerByte is the most table cells a run with a table's delimiter
	// row may have for each of its bytes, the cells counted as its lines
	// times one more than the most "|" of one of its lines (never fewer
	// than goldmark makes). A row of a table holds a "|" and at least a
	// byte of text for each cell, so only rows much shorter than the
	// header reach one cell a byte.
	CellsPerByte int
}

// defaultBudget is the budget Parse applies to Markdown. No paragraph of
// prose comes near it: a paragraph is at most 64 KiB of text anyway, and
// 250 links or 1,000 emphasis marks in one paragraph are not prose, and a
// table whose rows are filled out to more cells than it has bytes is
// padding, not data: a full row takes two bytes a cell at the least, and
// argmap leaves tables out anyway. A tight
// list may be any length: each bullet item is a run of its own.
var defaultBudget = budget{
	RunBytes:     256 << 10,
	LinkOpeners:  250,
	Delimiters:   1000,
	Nesting:      16,
	Indent:       128,
	CellsPerByte: 1,
}

// checkBudget refuses Markdown that goes past b, naming the line.
func checkBudget(name string, src []byte, b budget) error {
	fail := func(line int, format string, args ...any) error {
		return &InputError{File: name, Line: line, Reason: fmt.Sprintf(format, args...)}
	}
	var runStart, runBytes, openers, delims, runLines, pipes int
	table := false // the run has a table's delimiter row
	line := 0
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off + 1
		}
		l := src[off:end]
		off = end
		line++
		if isBlank(l) || startsItem(l) {
			runBytes, openers, delims, runLines, pipes, table = 0, 0, 0, 0, 0, false
		}
		if isBlank(l) {
			continue
		}
		if runBytes == 0 {
			runStart = line
		}
		runBytes += len(l)
		if runBytes > b.RunBytes {
			return fail(runStart, "Markdown block too long: over %d bytes without a blank line (limit %d); put blank lines between its paragraphs or list items",
				b.RunBytes, b.RunBytes)
		}
		markers, width := containerPrefix(l)
		if markers > b.Nesting {
			return fail(line, "Markdown nested too deep: the line starts with %d block quote and list markers (limit %d)", markers, b.Nesting)
		}
		if width > b.Indent {
			return fail(line, "Markdown nested too deep: the line's text starts at column %d (limit %d)", width+1, b.Indent)
		}
		openers += bytes.Count(l, []byte("["))
		if openers > b.LinkOpeners {
			return fail(line, "too many links: over %d \"[\" without a blank line (limit %d)", b.LinkOpeners, b.LinkOpeners)
		}
		delims += delimiterRuns(l)
		if delims > b.Delimiters {
			return fail(line, "too much emphasis: over %d runs of \"*\" or \"_\" without a blank line (limit %d)", b.Delimiters, b.Delimiters)
		}
		runLines++
		pipes = max(pipes, bytes.Count(l, []byte("|")))
		table = table || isDelimiterRow(l)
		if table && runLines*(pipes+1) > b.CellsPerByte*runBytes {
			return fail(runStart, "Markdown table too sparse: %d lines under a row of %d cells, %d cells in %d bytes (limit %d a byte); argmap leaves tables out, so take it out of the essay",
				runLines, pipes+1, runLines*(pipes+1), runBytes, b.CellsPerByte)
		}
	}
	return nil
}

// startsItem reports whether a line starts a bullet list item at the left
// margin ("- ", "* " or "+ " and text): such a line always ends the
// paragraph before it, so the counts of a run start again.
func startsItem(l []byte) bool {
	return len(l) > 2 && (l[0] == '-' || l[0] == '*' || l[0] == '+') && (l[1] == ' ' || l[1] == '\t') && !isBlank(l[2:])
}

// isDelimiterRow reports whether a line can be the delimiter row under a
// table's header ("| --- | :-: |"): only "|", "-", ":" and white space,
// with a "|" and a "-". Without one a run is no table.
func isDelimiterRow(l []byte) bool {
	for _, c := range l {
		if !strings.ContainsRune("|-: \t\r\n", rune(c)) {
			return false
		}
	}
	return bytes.IndexByte(l, '|') >= 0 && bytes.IndexByte(l, '-') >= 0
}

// isBlank reports whether a line holds only white space.
func isBlank(l []byte) bool {
	for _, c := range l {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// containerPrefix counts the block quote markers (">") and list markers
// ("-", "*", "+" or up to nine digits and "." or ")", each followed by
// white space) a line starts with, and the columns they take with the
// white space around them. It reads more than CommonMark would take as
// markers (it does not know which blocks are open), never less.
func containerPrefix(l []byte) (markers, width int) {
	i := 0
	for i < len(l) {
		switch c := l[i]; {
		case c == ' ':
			width++
			i++
		case c == '\t':
			width += 4 - width%4
			i++
		case c == '>':
			markers++
			width++
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(l) || isSpace(l[i+1])):
			markers++
			width++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && (j+1 == len(l) || isSpace(l[j+1])) {
				markers++
				width += j + 1 - i
				i = j + 1
				continue
			}
			return markers, width
		default:
			return markers, width
		}
	}
	return markers, width
}

// isSpace reports whether c is white space that may follow a list marker.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// delimiterRuns counts the runs of "*" and of "_" in a line: each may open
// or close emphasis.
func delimiterRuns(l []byte) int {
	n := 0
	var prev byte
	for _, c := range l {
		if (c == '*' || c == '_') && c != prev {
			n++
		}
		prev = c
	}
	return n
}
