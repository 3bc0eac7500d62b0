package essay

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// LayoutWarnings says, one warning a string, where the layout of doc,
// parsed from the file at path, was likely read otherwise than its writer
// meant (titleWarning, wrapWarning); none when nothing looks so. A warning
// does not name the file: the caller does.
func LayoutWarnings(path string, doc *Document) []string {
	var out []string
	for _, w := range []string{titleWarning(doc), wrapWarning(path, doc)} {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// titleWarning says, when the first block of doc was read as a paragraph
// and not as its title (untitled), that the text has no title: a text
// pasted without its title line. "" otherwise: a headline of two sentences ("X Works. Stop
// Apologising for It") or an essay prompt with its question is a title.
func titleWarning(doc *Document) string {
	if len(doc.Paragraphs) == 0 {
		return ""
	}
	for _, p := range doc.Paragraphs[:min(2, len(doc.Paragraphs))] {
		if p.Kind == Title { // the first block, or the one under a section label
			return ""
		}
	}
	return fmt.Sprintf("the first block has %d sentences, so it is read as the first paragraph and the text has no title; put the title on a line of its own first to give it one", len(doc.Paragraphs[0].Sentences))
}

// wrapWarning says, when a plain-text essay looks hard-wrapped (at least
// three of its lines, and a fifth of them, end without closing a sentence
// and are followed by a line that goes on in lower case), that each line
// is read as a paragraph (CONTRACT.md), so its sentences are cut at the
// line breaks. "" otherwise, and always for Markdown, whose paragraphs
// join their lines.
func wrapWarning(path string, doc *Document) string {
	if IsMarkdown(path) || len(doc.Paragraphs) < 2 {
		return ""
	}
	cut := 0
	for i, p := range doc.Paragraphs[:len(doc.Paragraphs)-1] {
		last, _ := utf8.DecodeLastRuneInString(p.Text)
		next, _ := utf8.DecodeRuneInString(doc.Paragraphs[i+1].Text)
		if !strings.ContainsRune(".!?…:;\"”'’)]", last) && unicode.IsLower(next) {
			cut++
		}
	}
	if cut < 3 || 5*cut < len(doc.Paragraphs) {
		return ""
	}
	return fmt.Sprintf("%d of its %d lines break off mid-sentence, as in hard-wrapped text, and every line of a plain-text file is a paragraph; join each paragraph's lines, or name the file .md", cut, len(doc.Paragraphs))
}
