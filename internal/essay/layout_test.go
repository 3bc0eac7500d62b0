package essay

import (
	"strings"
	"testing"
)

// TestLayoutWarnings: a first block of several sentences (a text pasted
// without its title line, read as text) and a hard-wrapped plain-text file each get one warning;
// a title line, a headline of two sentences, a text a paragraph a line and
// the same wrapped text named .md get none. (cmd/argmap's TestTitleWarning
// and TestWrapWarning check that extract and ingest print them.)
func TestLayoutWarnings(t *testing.T) {
	para := "Cities should build fewer car parks. Parking takes land that homes could use. " +
		"Most trips in town are short. Therefore the space is better used for housing."
	paras := []string{
		"Cities should build fewer car parks, because parking takes land that homes could use and most trips in town are short.",
		"A single parking space in a city centre takes as much ground as a small flat, and a multi-storey car park stands empty for most of the night.",
		"Therefore the space is better used for housing, and the car parks that remain should be priced at what the land is worth.",
	}
	var wrapped []string
	for _, p := range paras {
		line := ""
		for _, w := range strings.Fields(p) {
			if line != "" && len(line)+1+len(w) > 40 {
				wrapped = append(wrapped, line)
				line = ""
			}
			line = strings.TrimSpace(line + " " + w)
		}
		wrapped = append(wrapped, line, "")
	}
	const titleWarn = "the first block has 4 sentences, so it is read as the first paragraph and the text has no title; put the title on a line of its own first to give it one"
	wrapWarn := "lines break off mid-sentence, as in hard-wrapped text, and every line of a plain-text file is a paragraph; join each paragraph's lines, or name the file .md"
	tests := []struct {
		name, text string
		want       string // a warning's text, or its end; "" for none
	}{
		{"untitled.txt", para + "\n", titleWarn},
		{"titled.txt", "Fewer car parks\n\n" + para + "\n", ""},
		{"labelled.txt", "Opinion\nFewer car parks\n\n" + para + "\n", ""},
		{"two-sentences.txt", "Cities should build fewer car parks. Parking takes land that homes could use.\n",
			"the first block has 2 sentences, so it is read as the first paragraph and the text has no title; put the title on a line of its own first to give it one"},
		{"headline.txt", "Car Parks Waste Land. Build Homes Instead.\n" + para + "\n", ""},
		{"wrapped.txt", "Fewer car parks\n\n" + strings.Join(wrapped, "\n"), wrapWarn},
		{"wrapped.md", "Fewer car parks\n\n" + strings.Join(wrapped, "\n"), ""},
		{"plain.txt", "Fewer car parks\n" + strings.Join(paras, "\n") + "\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.name, []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			got := LayoutWarnings(tt.name, doc)
			if tt.want == "" {
				if len(got) != 0 {
					t.Errorf("LayoutWarnings(%s) = %q, want none", tt.name, got)
				}
				return
			}
			if len(got) != 1 || !strings.HasSuffix(got[0], tt.want) || strings.Contains(got[0], "\n") {
				t.Errorf("LayoutWarnings(%s) = %q, want one line ending %q", tt.name, got, tt.want)
			}
		})
	}
}
