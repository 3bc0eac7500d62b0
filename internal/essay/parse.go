package essay

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits bound what Parse accepts, so a hostile or mistaken input fails with
// a clear error instead of exhausting memory.
type Limits struct {
	// MaxBytes is the largest input accepted.
	MaxBytes int
	// MaxParagraph is the longest paragraph accepted, in bytes.
	MaxParagraph int
	// MaxSentence is the longest sentence accepted, in bytes.
	MaxSentence int
}

// DefaultLimits are the limits Parse uses.
var DefaultLimits = Limits{
	MaxBytes:     32 << 20,
	MaxParagraph: 64 << 10,
	MaxSentence:  16 << 10,
}

// InputError is a problem with the input file, with the 1-based line where
// there is one.
type InputError struct {
	File   string
	Line   int
	Reason string
}

// Error returns "FILE:LINE: reason" (or "FILE: reason" without a line).
func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Reason)
}

// IsMarkdown reports whether a file name is read as Markdown.
func IsMarkdown(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return true
	}
	return false
}

// Parse reads an essay with DefaultLimits. Files ending in .md or .markdown
// are read as CommonMark; anything else as plain text, where every non-blank
// line is a paragraph.
func Parse(name string, data []byte) (*Document, error) {
	return ParseWithLimits(name, data, DefaultLimits)
}

// ParseWithLimits is Parse with explicit limits.
func ParseWithLimits(name string, data []byte, lim Limits) (*Document, error) {
	data = bareCRToLF(data)
	if err := check(name, data, lim); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var blocks []block
	var meta Meta
	if IsMarkdown(name) {
		var err error
		if meta, data, err = frontMatter(name, data); err != nil {
			return nil, err
		}
		if err := checkBudget(name, data, defaultBudget); err != nil {
			return nil, err
		}
		blocks = markdownBlocks(data)
	} else {
		blocks = textBlocks(data)
	}
	if len(blocks) == 0 {
		return nil, &InputError{File: name, Reason: "no text: the essay has no paragraphs"}
	}
	doc := &Document{Name: name, Meta: meta}
	sentences := splitBlocks(blocks, lim.MaxParagraph)
	for i, b := range blocks {
		if len(b.text) > lim.MaxParagraph {
			return nil, &InputError{File: name, Line: b.line, Reason: fmt.Sprintf("paragraph too long: %d bytes (limit %d)", len(b.text), lim.MaxParagraph)}
		}
		p := Paragraph{Text: b.text, Line: b.line, Quote: b.quote, Sentences: sentences[i]}
		for _, s := range p.Sentences {
			if len(s.Text) > lim.MaxSentence {
				return nil, &InputError{File: name, Line: b.line, Reason: fmt.Sprintf("sentence too long: %d bytes (limit %d)", len(s.Text), lim.MaxSentence)}
			}
		}
		if b.note {
			p.Credits = CreditsSource
		}
		doc.Paragraphs = append(doc.Paragraphs, p)
		if b.heading {
			doc.Paragraphs[len(doc.Paragraphs)-1].Kind = Heading
		}
	}
	classify(doc.Paragraphs)
	return doc, nil
}

// bareCRToLF returns data with every carriage return that no line feed
// follows made a line feed: CommonMark (§2.1) ends a line there, and so do
// old Mac files, which would otherwise read as one line. A CR LF is left
// as it is, and the length does not change, so offsets stay the file's.
func bareCRToLF(data []byte) []byte {
	i := bytes.IndexByte(data, '\r')
	for i >= 0 && i+1 < len(data) && data[i+1] == '\n' {
		j := bytes.IndexByte(data[i+1:], '\r')
		if j < 0 {
			return data
		}
		i += 1 + j
	}
	if i < 0 {
		return data
	}
	out := bytes.Clone(data)
	for ; i < len(out); i++ {
		if out[i] == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}

// check rejects inputs that are not a UTF-8 text essay.
func check(name string, data []byte, lim Limits) error {
	if len(data) > lim.MaxBytes {
		return &InputError{File: name, Reason: fmt.Sprintf("file too large: %d bytes (limit %d)", len(data), lim.MaxBytes)}
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\uFEFF")))) == 0 {
		return &InputError{File: name, Reason: "empty file: no text to analyse"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return &InputError{File: name, Line: lineAt(data, i), Reason: "binary file: contains a NUL byte"}
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return &InputError{File: name, Line: lineAt(data, off), Reason: fmt.Sprintf("not UTF-8 text: invalid byte 0x%02x", data[off])}
	}
	if isHTMLPage(data) {
		return &InputError{File: name, Line: 1, Reason: "an HTML page, not text: save the article as plain text (.txt) or Markdown (.md), or copy its text into one"}
	}
	ctrl := 0
	for _, r := range string(data) {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			ctrl++
		}
	}
	if ctrl > 0 && ctrl*100 > len(data) {
		return &InputError{File: name, Reason: "binary file: too many control characters"}
	}
	return nil
}

// isHTMLPage reports whether data is a web page rather than an essay's
// text: it opens, after any byte order mark and white space, with an HTML
// document type, an <html> tag or an XML declaration followed by one. Read
// as text, its markup became the title and a paragraph of tags. HTML inside
// a Markdown essay is another matter (markdownBlocks leaves it out).
func isHTMLPage(data []byte) bool {
	head := bytes.TrimLeftFunc(bytes.TrimPrefix(data, []byte("\uFEFF")), unicode.IsSpace)
	head = head[:min(len(head), 512)]
	if bytes.HasPrefix(head, []byte("<?xml")) {
		if i := bytes.Index(head, []byte("?>")); i >= 0 {
			head = bytes.TrimLeftFunc(head[i+2:], unicode.IsSpace)
		}
	}
	lower := bytes.ToLower(head)
	return bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html"))
}

// lineAt returns the 1-based line of byte offset off.
func lineAt(data []byte, off int) int {
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// block is one paragraph-level unit of the input before classification.
type block struct {
	text    string
	line    int
	heading bool
	quote   bool
	note    bool // a Markdown footnote
}

// textBlocks returns every non-blank line of a plain-text file.
func textBlocks(data []byte) []block {
	var out []block
	for i, line := range strings.Split(string(data), "\n") {
		t := cleanSpace(line)
		if t == "" {
			continue
		}
		out = append(out, block{text: t, line: i + 1})
	}
	return out
}

// cleanSpace trims a line and turns tabs, carriage returns and other control
// characters into single spaces, so sentence offsets stay exact.
func cleanSpace(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\r' || r == '\f' || r == '\v' {
			return ' '
		}
		if r == '\uFEFF' || r == '\u200B' {
			// A stray byte-order mark or zero-width space is invisible: it
			// must not make a blank line count as a paragraph.
			return -1
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
