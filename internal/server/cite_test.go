package server

import (
	"strings"
	"testing"
	"time"
)

func TestTextDirective(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"Short one.", "text=Short%20one."},
		{"Jong-un & Putin, again", "text=Jong%2Dun%20%26%20Putin%2C%20again"},
		{"  spaced\n\tout  ", "text=spaced%20out"},
		{"Russia’s “war”", "text=Russia%E2%80%99s%20%E2%80%9Cwar%E2%80%9D"},
		{"a#b?c/d=e+f%g", "text=a%23b%3Fc%2Fd%3De%2Bf%25g"},
		{"one two three four five six seven eight nine ten eleven", "text=one%20two%20three%20four%20five,seven%20eight%20nine%20ten%20eleven"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := textDirective(tt.text); got != tt.want {
			t.Errorf("textDirective(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestCitations(t *testing.T) {
	c := citeInfo{
		Author:    "Ada {Lovelace} & Co_",
		Title:     "100% of $5 #1 ~ x^2 \\ y",
		PID:       "4",
		URL:       "https://example.org/p/4/v/1",
		Current:   "https://example.org/p/4",
		Revision:  2,
		Version:   1,
		Publisher: "Example Review",
		Date:      "2024-05-01",
		Original:  "https://review.example/essay",
		Accessed:  time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC),
	}
	bib := bibtexCitation(c)
	for _, want := range []string{
		"@misc{co2024p4v1,",
		`author       = {Ada \{Lovelace\} \& Co\_},`,
		`title        = {{100\% of \$5 \#1 \textasciitilde{} x\textasciicircum{}2 \textbackslash{} y}, paragraph 4, text of revision 1},`,
		"publisher    = {Example Review},",
		"year         = {2024},",
		"date         = {2024-05-01},",
		`howpublished = {\url{https://example.org/p/4/v/1}},`,
		`current text at \url{https://example.org/p/4}`,
		"urldate      = {2025-03-14},",
	} {
		if !strings.Contains(bib, want) {
			t.Errorf("bibtexCitation(%+v) = %s\nwant a line %q", c, bib, want)
		}
	}
	if got, want := plainCitation(c), "Ada {Lovelace} & Co_. “100% of $5 #1 ~ x^2 \\ y”, paragraph 4, text of revision 1. Example Review, 1 May 2024. Original: https://review.example/essay. https://example.org/p/4/v/1 (current text: https://example.org/p/4; accessed 14 March 2025)."; got != want {
		t.Errorf("plainCitation = %q, want %q", got, want)
	}
	// Without metadata, nothing is invented: no year, no publisher; the
	// only date is the accessed date.
	c.Author, c.Date, c.Publisher, c.Original = "", "", "", ""
	if got := bibtexKey(c); got != "argmapp4v1" {
		t.Errorf("bibtexKey without author and date = %q, want %q", got, "argmapp4v1")
	}
	got := plainCitation(c)
	if !strings.HasPrefix(got, "“100%") || strings.Contains(got, "2024") || strings.Contains(bibtexCitation(c), "year") {
		t.Errorf("plainCitation without metadata = %q, want it to start with the title and name no year", got)
	}
}

func TestCleanBaseURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", DefaultBaseURL},
		{"http://localhost:8080", "http://localhost:8080"},
		{"https://example.org/", "https://example.org"},
	}
	for _, tt := range tests {
		if got, err := cleanBaseURL(tt.in); got != tt.want || err != nil {
			t.Errorf("cleanBaseURL(%q) = %q, %v, want %q, nil", tt.in, got, err, tt.want)
		}
	}
}

// TestBibtexURLBraces checks that a URL with a brace, which url.Parse
// accepts in an essay's original URL, cannot unbalance the braces of a
// BibTeX entry: BibTeX ends a field at its first unmatched "}".
func TestBibtexURLBraces(t *testing.T) {
	c := citeInfo{
		Title:    "T",
		PID:      "4",
		URL:      "https://example.org/p/4/v/1",
		Version:  1,
		Original: "https://review.example/a}b?q={x}}",
		Accessed: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC),
	}
	bib := bibtexCitation(c)
	lines := strings.Split(bib, "\n")
	for _, line := range lines[1 : len(lines)-1] { // the fields, one a line
		depth := 0
		for i := 0; i < len(line); i++ {
			switch {
			case line[i] == '\\':
				i++ // an escaped character
			case line[i] == '{':
				depth++
			case line[i] == '}':
				depth--
			}
			if depth < 0 {
				t.Fatalf("bibtexCitation: line %q closes a brace it did not open:\n%s", line, bib)
			}
		}
		if depth != 0 {
			t.Errorf("bibtexCitation: line %q leaves %d braces open:\n%s", line, depth, bib)
		}
	}
	if !strings.Contains(bib, `\url{https://review.example/a%7Db?q=%7Bx%7D%7D}`) {
		t.Errorf("bibtexCitation = %s\nwant the original URL with its braces percent-encoded", bib)
	}
}
