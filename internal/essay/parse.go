package essay

import (
	"bytes"
	"strings"
)

// Parse reads an essay. Files ending in .md or .markdown are read as
// CommonMark; anything else as plain text with one paragraph per line.
func Parse(name string, data []byte) (*Document, error) {
	doc := &Document{Name: name}
	for i, line := range bytes.Split(data, []byte("\n")) {
		t := strings.TrimSpace(string(line))
		if t == "" {
			continue
		}
		doc.Paragraphs = append(doc.Paragraphs, Paragraph{Kind: Body, Text: t, Line: i + 1, Sentences: []Sentence{{Text: t}}})
	}
	if len(doc.Paragraphs) > 0 {
		doc.Paragraphs[0].Kind = Title
	}
	return doc, nil
}
