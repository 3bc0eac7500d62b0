package essay

import (
	"bufio"
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// markdownBlocks reads CommonMark, with GitHub's tables, footnotes and
// strikethrough, and returns its paragraphs, headings and the paragraphs
// inside block quotes and list items, as plain text. Raw HTML, code blocks
// and tables are not prose and are left out, and so are struck-out words,
// which the writer shows as taken back. A footnote's marker is left out of
// the text, and the footnotes, which goldmark gathers after the text, are
// blocks marked note.
func markdownBlocks(src []byte) []block {
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Footnote, extension.Strikethrough))
	root := md.Parser().Parse(text.NewReader(src))
	lines := &lineCounter{src: src, line: 1}
	var out []block
	note := false // visiting the footnotes
	var visit func(n ast.Node, quote bool)
	visit = func(n ast.Node, quote bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.Kind() {
			case ast.KindHeading, ast.KindParagraph, ast.KindTextBlock:
				t := cleanSpace(inlineText(c, src))
				if t == "" {
					continue
				}
				out = append(out, block{
					text:    t,
					line:    lines.blockLine(c),
					heading: c.Kind() == ast.KindHeading,
					quote:   quote,
					note:    note,
				})
			case ast.KindBlockquote:
				visit(c, true)
			case extast.KindFootnoteList:
				note = true
				visit(c, quote)
				note = false
			case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock, ast.KindThematicBreak, extast.KindTable:
			default:
				visit(c, quote)
			}
		}
	}
	visit(root, false)
	return out
}

// inlineText returns the text a reader sees in a block: emphasis, links and
// code spans reduced to their words, struck-out words left out, line breaks
// to spaces, backslash escapes and entity references resolved as CommonMark
// renders them (the AST keeps them as written).
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	struck := false
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch v := c.(type) {
			case *ast.Text:
				if v.IsRaw() {
					b.Write(v.Value(src))
				} else {
					writeUnescaped(&b, v.Value(src))
				}
				if v.SoftLineBreak() || v.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.CodeSpan:
				// A code span's text is literal: no escapes, no entities.
				for t := v.FirstChild(); t != nil; t = t.NextSibling() {
					if t, ok := t.(*ast.Text); ok {
						b.Write(t.Value(src))
					}
				}
			case *ast.String:
				if v.IsCode() || v.IsRaw() {
					b.Write(v.Value)
				} else {
					writeUnescaped(&b, v.Value)
				}
			case *ast.AutoLink:
				b.Write(v.URL(src))
			case *extast.Strikethrough:
				// "~~a mistake~~ a necessity": the struck words are
				// shown as withdrawn, and are not what the text says.
				struck = true
			case *ast.RawHTML:
				// A tag is not text, but a line break or a block
				// element written as a tag ("<br>", "<p>") parts words.
				if htmlBreakTag.Match(v.Segments.Value(src)) {
					b.WriteByte(' ')
				}
			default:
				walk(c)
			}
		}
	}
	walk(n)
	if struck {
		// The spaces on either side of the struck words are one, as a
		// browser shows them.
		return manySpaces.ReplaceAllString(b.String(), " ")
	}
	return b.String()
}

// manySpaces matches a run of spaces.
var manySpaces = regexp.MustCompile(` {2,}`)

// htmlBreakTag matches an inline HTML tag after which a browser would not
// run the words on: a line break, a rule, or the start or end of a block.
var htmlBreakTag = regexp.MustCompile(`(?i)^</?(br|hr|p|div|li|ul|ol|tr|td|th|table|h[1-6]|blockquote)\b`)

// writeUnescaped writes text with its backslash escapes and entity
// references resolved. It uses goldmark's own HTML writer, which resolves
// them in one pass as CommonMark says (so `\&amp;` stays "&amp;"), and then
// undoes the HTML escaping that writer adds.
func writeUnescaped(b *strings.Builder, v []byte) {
	if !bytes.ContainsAny(v, `\&`) {
		b.Write(v)
		return
	}
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	gmhtml.NewWriter().Write(w, v)
	_ = w.Flush()
	b.WriteString(html.UnescapeString(out.String()))
}

// lineCounter turns byte offsets of src into 1-based lines. Blocks come in
// the order of the file, so it counts on from the offset it was last asked
// for: a line for every block costs one pass over the file, not one pass
// for each block.
type lineCounter struct {
	src  []byte
	off  int // offset last asked for
	line int // its line
}

// at returns the line of byte offset off.
func (c *lineCounter) at(off int) int {
	if off < c.off {
		c.off, c.line = 0, 1
	}
	c.line += bytes.Count(c.src[c.off:off], []byte("\n"))
	c.off = off
	return c.line
}

// blockLine returns the 1-based line where a block starts.
func (c *lineCounter) blockLine(n ast.Node) int {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return 0
	}
	return c.at(lines.At(0).Start)
}
