package server

import (
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/essay"
)

// TestDateWords: a metadata date is written to the precision it was given.
func TestDateWords(t *testing.T) {
	for d, want := range map[string]string{
		"2024-11-05": "5 November 2024",
		"2024-11":    "November 2024",
		"2024":       "2024",
		"":           "",
		"Nov 2024":   "",
	} {
		if got := dateWords(d); got != want {
			t.Errorf("dateWords(%q) = %q, want %q", d, got, want)
		}
	}
}

func TestTextDirective(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"Short one.", "text=Short%20one."},
		{"Jong-un & Putin, again", "text=Jong%2Dun%20%26%20Putin%2C%20again"},
		{"  spaced\n\tout  ", "text=spaced%20out"},
		{"Russia’s “war”", "text=Russia%E2%80%99s%20%E2%80%9Cwar%E2%80%9D"},
		{"a#b?c/d=e+f%g", "text=a%23b%3Fc%2Fd%3De%2Bf%25g"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := textDirective([]string{"Before it.", tt.text}, 1); got != "text=Before%20it.-,"+strings.TrimPrefix(tt.want, "text=") && tt.want != "" {
			t.Errorf("textDirective(%q) = %q, want %q with prefix", tt.text, got, tt.want)
		}
		if got := textDirective([]string{tt.text}, 0); got != tt.want {
			t.Errorf("textDirective(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// a sentence of ten words (fragmentWords) is still quoted whole
	ten := "one two three four five six seven eight nine ten"
	if got, want := textDirective([]string{"Before it.", ten}, 1), "text=Before%20it.-,"+fragmentEncode(ten); got != want {
		t.Errorf("textDirective of ten words = %q, want %q", got, want)
	}
	// in a paragraph of several, a sentence names its neighbour: the end
	// of the one before as prefix, or the start of the one after as suffix
	// (the first sentence, which the heading may quote, whole); a long
	// sentence after the first is quoted as its first and last words
	long := "one two three four five six seven eight nine ten eleven"
	para := []string{"First of all, this.", "Then the second one says more.", long, long}
	for k, want := range []string{
		"text=First%20of%20all%2C%20this.,-Then%20the%20second",
		"text=of%20all%2C%20this.-,Then%20the%20second%20one%20says%20more.",
		"text=one%20says%20more.-,one%20two%20three%20four%20five,seven%20eight%20nine%20ten%20eleven",
		"text=nine%20ten%20eleven-,one%20two%20three%20four%20five,seven%20eight%20nine%20ten%20eleven",
	} {
		if got := textDirective(para, k); got != want {
			t.Errorf("textDirective(%q, %d) = %q, want %q", para, k, got, want)
		}
	}
}

// fragmentMatch returns where a browser selects the text directive d
// (without "#:~:") in the page text: the first place where its start
// matches, preceded by its prefix and followed, after its end, by its
// suffix (white space between), as the WICG specification's "find a range
// from a text directive" goes. text is the page's words, one space apart
// (or none where inline elements meet). It is an error when a part is not
// percent-encoded or nothing matches.
func fragmentMatch(text, d string) (from, to int, err error) {
	parts := strings.Split(strings.TrimPrefix(d, "text="), ",")
	for i, p := range parts {
		if parts[i], err = url.PathUnescape(p); err != nil {
			return 0, 0, fmt.Errorf("text directive part %q: %v", p, err)
		}
	}
	var prefix, suffix string
	if len(parts) > 1 && strings.HasSuffix(parts[0], "-") {
		prefix, parts = strings.TrimSuffix(parts[0], "-"), parts[1:]
	}
	if n := len(parts); n > 1 && strings.HasPrefix(parts[n-1], "-") {
		suffix, parts = strings.TrimPrefix(parts[n-1], "-"), parts[:n-1]
	}
	start, end := parts[0], ""
	if len(parts) > 1 {
		end = parts[1]
	}
	for at := 0; ; {
		i := strings.Index(text[at:], start)
		if i < 0 {
			return 0, 0, fmt.Errorf("text directive %q matches nowhere on the page", d)
		}
		from, at = at+i, at+i+1
		if prefix != "" && !strings.HasSuffix(text[:from], prefix+" ") {
			continue
		}
		ends := []int{from + len(start)}
		if end != "" {
			ends = nil
			for e := from + len(start); ; {
				j := strings.Index(text[e:], end)
				if j < 0 {
					break
				}
				ends = append(ends, e+j+len(end))
				e += j + 1
			}
		}
		for _, to := range ends {
			if suffix == "" || strings.HasPrefix(text[to:], " "+suffix) {
				return from, to, nil
			}
		}
	}
}

// TestFragmentFirstMatch: on every paragraph page of the seed, the text
// fragment link of each sentence of a paragraph of several selects that
// sentence in the paragraph, not its words where the page's heading (or
// anything else before the paragraph) repeats them. The only sentence of
// a paragraph has no neighbour to tell the two apart: its link finds the
// heading first (README, Citation formats).
func TestFragmentFirstMatch(t *testing.T) {
	snap := seedSnapshot(t)
	ts := serve(t, newSite(t, snap))
	// the page's text: inline elements join their words, block elements
	// part them
	tags := regexp.MustCompile(`(?s)<head>.*?</head>|</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>`)
	flat := func(body string) string {
		return tags.ReplaceAllStringFunc(body, func(tag string) string {
			m := tags.FindStringSubmatch(tag)
			if m[1] == "" || blockElements[strings.ToLower(m[1])] || m[1] == "li" || m[1] == "dt" || m[1] == "dd" || m[1] == "br" {
				return " "
			}
			return ""
		})
	}
	checked := 0
	for _, p := range snap.Analysis.Paragraphs {
		if len(p.Sentences) < 2 {
			continue
		}
		_, body, err := httpGet(ts.Client(), ts.URL, paragraphPath(p.ID))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(html.UnescapeString(flat(body))), " ")
		var says []string
		for _, s := range p.Sentences {
			says = append(says, strings.Join(strings.Fields(s.Text), " "))
		}
		shown := strings.Index(text, strings.Join(says, " ")) // the paragraph as the page shows it
		if shown < 0 {
			t.Fatalf("/p/%s does not show its paragraph's text %q", p.ID, strings.Join(says, " "))
		}
		at := shown
		for k, s := range says {
			d := textDirective(says, k)
			from, to, err := fragmentMatch(text, d)
			if err != nil {
				t.Errorf("/p/%s: %v", p.ID, err)
			} else if from != at || to != at+len(s) {
				t.Errorf("/p/%s#:~:%s selects %q, want sentence %s in the paragraph", p.ID, d, text[from:min(to, from+80)], p.Sentences[k].ID)
			}
			at += len(s) + 1
			checked++
		}
	}
	if checked < 10 {
		t.Errorf("only %d sentences checked", checked)
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
		"@misc{lovelace2024p4v1,", // the first of the authors "Ada {Lovelace}" and "Co_"
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
	// A key is ASCII letters and digits only, whatever the author's name.
	c.Author, c.Date = "Ólafur Þórsson-Ångström", "2024-05"
	if got := bibtexKey(c); strings.IndexFunc(got, func(r rune) bool { return r >= 128 }) >= 0 || !strings.HasSuffix(got, "2024p4v1") {
		t.Errorf("bibtexKey with a non-ASCII name = %q, want ASCII only", got)
	}
	c.Author, c.Date = "", ""
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
	if !strings.Contains(bib, `original at https://review.example/a\}b?q=\{x\}\};`) {
		t.Errorf("bibtexCitation = %s\nwant the original URL with its braces escaped", bib)
	}
}

// TestEssayJSONMetadata: /essay.json carries the metadata its citations
// use (the ingest's, the title defaulting to the first block), beside the
// analysis's own title and author, which stay the extractor's reading.
func TestEssayJSONMetadata(t *testing.T) {
	snap := seedSnapshot(t)
	snap.Meta = essay.Meta{Author: "Jane Roe", Publisher: "Example Review", Date: "2024-05"}
	site := newSite(t, snap)
	ts := serve(t, site)
	var got struct {
		Title, Author string
		Metadata      essay.Meta
	}
	if err := json.Unmarshal([]byte(fetch(t, ts.Client(), ts.URL, "/essay.json").body), &got); err != nil {
		t.Fatal(err)
	}
	want := essay.Meta{Title: snap.Analysis.Title, Author: "Jane Roe", Publisher: "Example Review", Date: "2024-05"}
	if got.Metadata != want {
		t.Errorf("/essay.json metadata = %+v, want %+v", got.Metadata, want)
	}
	if got.Title != snap.Analysis.Title || got.Author != snap.Analysis.Author || got.Author == "" || got.Author == want.Author {
		t.Errorf("/essay.json title, author = %q, %q; want the analysis's %q, %q", got.Title, got.Author, snap.Analysis.Title, snap.Analysis.Author)
	}
	if c := site.model.citeInfo(snap.Analysis.Paragraphs[3].ID, snap.Current.Number); c.Author != want.Author || c.Title != want.Title {
		t.Errorf("the citations name %q, %q; /essay.json says %q, %q", c.Author, c.Title, want.Author, want.Title)
	}
}

// TestBibtexKeyNames: a key takes the first author's family name, without
// accents, whatever form the byline has.
func TestBibtexKeyNames(t *testing.T) {
	for author, want := range map[string]string{
		"Anna Müller":              "muller",
		"José Núñez":               "nunez",
		"Martin Luther King Jr.":   "king",
		"Martin Luther King, Jr.":  "king",
		"John Smith III":           "smith",
		"Silvan, Kristiina":        "silvan",
		"Jane Doe and Richard Roe": "doe",
		"Jane Doe & Richard Roe":   "doe",
		"Doe, Jane; Roe, Richard":  "doe",
		"Ólafur Þórsson-Ångström":  "thorssonangstrom",
		"Hans Groß":                "gross",
		"Søren Kierkegaard":        "kierkegaard",
		"Bjørn Ødegård":            "odegard",
		"Stanisław Lem":            "lem",
		"Lech Wałęsa":              "walesa",
		"毛泽东":                      "argmap",
		"":                         "argmap",
		"Jr.":                      "jr",
	} {
		c := citeInfo{Author: author, PID: "4"}
		if got := bibtexKey(c); got != want+"p4" {
			t.Errorf("bibtexKey(author %q) = %q, want %q", author, got, want+"p4")
		}
	}
}

// TestBibtexURLArguments: a URL that holds "%" or "#" is not put in \url
// inside howpublished or note, where a style prints it as another
// command's argument; it is written as escaped text. The url field, which
// biblatex reads verbatim, keeps it as it is.
func TestBibtexURLArguments(t *testing.T) {
	c := citeInfo{Title: "T", PID: "4", URL: "https://example.org/p/4/v/1", Current: "https://example.org/p/4", Version: 1, Revision: 2,
		Original: "https://review.example/a?x=%7B2%7D&y={z}#frag", Accessed: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)}
	bib := bibtexCitation(c)
	for _, want := range []string{
		`original at https://review.example/a?x=\%7B2\%7D\&y=\{z\}\#frag;`,
		`current text at \url{https://example.org/p/4}`,
		`howpublished = {\url{https://example.org/p/4/v/1}},`,
		`url          = {https://example.org/p/4/v/1},`,
	} {
		if !strings.Contains(bib, want) {
			t.Errorf("bibtexCitation = %s\nwant %q", bib, want)
		}
	}
	for _, m := range regexp.MustCompile(`\\url\{[^}]*\}`).FindAllString(bib, -1) {
		if strings.ContainsAny(m, "%#") {
			t.Errorf("bibtexCitation puts %s in an argument", m)
		}
	}
	c.URL = "https://example.org/a%20b/p/4/v/1"
	if bib := bibtexCitation(c); !strings.Contains(bib, `howpublished = {https://example.org/a\%20b/p/4/v/1},`) {
		t.Errorf("bibtexCitation with a %% in its own URL = %s", bib)
	}
}
