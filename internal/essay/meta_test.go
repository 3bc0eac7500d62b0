package essay

import (
	"errors"
	"strings"
	"testing"
)

func TestFrontMatter(t *testing.T) {
	src := "---\ntitle: The Real Title\nauthor: A. Writer\ndate: 2024-11-05\npublisher: Example Review\nurl: https://example.org/essay\n---\n\n# Heading title\n\nFirst paragraph here. It has two sentences.\n"
	doc, err := Parse("essay.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := Meta{Title: "The Real Title", Author: "A. Writer", Date: "2024-11-05", Publisher: "Example Review", URL: "https://example.org/essay"}
	if doc.Meta != want {
		t.Errorf("Meta = %+v, want %+v", doc.Meta, want)
	}
	if len(doc.Paragraphs) != 2 || doc.Paragraphs[0].Text != "Heading title" {
		t.Fatalf("paragraphs = %+v, want the heading and one paragraph", doc.Paragraphs)
	}
	if got := doc.Paragraphs[1].Line; got != 11 {
		t.Errorf("line of the first paragraph = %d, want 11 (front matter lines counted)", got)
	}
	if p := doc.Meta.DatePrecision(); p != "day" {
		t.Errorf("DatePrecision = %q, want day", p)
	}
}

func TestFrontMatterErrors(t *testing.T) {
	for _, tt := range []struct {
		name, src, want string
	}{
		{"unclosed", "---\ntitle: x\n\nText here.\n", "no closing ---"},
		{"bad yaml", "---\ntitle: [x\n---\nText here.\n", "front matter"},
		{"unknown key", "---\ntitel: x\n---\nText here.\n", "titel"},
		{"bad date", "---\ndate: last Tuesday\n---\nText here.\n", "want YYYY"},
		{"bad url", "---\nurl: example.org/x\n---\nText here.\n", "absolute http"},
		{"url with a space", "---\nurl: https://example.org/a b\n---\nText here.\n", "%20"},
		{"key in capitals", "---\nTitle: x\n---\nText here.\n", `e.md:2: front matter: unknown key "Title" (the keys are title, author, date, publisher, url)`},
		{"title as a list", "---\ntitle: [a, b]\n---\nText here.\n", "e.md:2: front matter: title: want one piece of text, not a list"},
		{"author as keys", "---\nauthor:\n  name: x\n---\nText here.\n", "author: want one piece of text, not keys and values"},
		{"an author in a list as keys", "---\nauthor:\n  - name: x\n---\nText here.\n", "author: want a name or a list of names"},
		{"key twice", "---\ndate: 2024\ndate: 2025\n---\nText here.\n", "e.md:3: front matter: date is set twice"},
		{"a list", "---\n- title\n---\nText here.\n", "want keys and values"},
		{"a long title", "---\ntitle: " + strings.Repeat("x", 3000) + "\n---\nText here.\n", "e.md:2: front matter: title too long: 3000 bytes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("e.md", []byte(tt.src))
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse = %v, want an InputError containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q is not one line", err)
			}
			if strings.Contains(err.Error(), "essay.Meta") || strings.Contains(err.Error(), "!!") || strings.Contains(err.Error(), "unmarshal") {
				t.Errorf("error %q speaks of Go or YAML's insides", err)
			}
		})
	}
}

// TestMetaCheck: metadata given as flags is checked as the file is: a
// field that is not UTF-8, or has a line break, is refused in one line.
func TestMetaCheck(t *testing.T) {
	for _, tt := range []struct {
		name string
		m    Meta
		want string
	}{
		{"author not UTF-8", Meta{Author: "Jo\xffe"}, "author: not valid UTF-8"},
		{"publisher cut mid-rune", Meta{Publisher: "\xc3"}, "publisher: not valid UTF-8"},
		{"title with a line break", Meta{Title: "a\nb"}, "title: contains a line break"},
		{"url", Meta{URL: "ftp://x"}, "absolute http"},
		{"url with a space", Meta{URL: "https://ex.org/a b"}, "has white space (write a space in a URL as %20)"},
		{"a long title", Meta{Title: strings.Repeat("x", MaxMetaField+1)}, "title too long: 2049 bytes (limit 2048)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.m.Check()
			var me *MetaError
			if !errors.As(err, &me) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Check() = %v, want a MetaError containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q is not one line", err)
			}
			if strings.Contains(err.Error(), "essay.Meta") || strings.Contains(err.Error(), "!!") || strings.Contains(err.Error(), "unmarshal") {
				t.Errorf("error %q speaks of Go or YAML's insides", err)
			}
		})
	}
	if err := (Meta{Title: "Ünïcode — fine", Author: "Zoë", URL: "https://example.org/a"}).Check(); err != nil {
		t.Errorf("Check() of good metadata = %v", err)
	}
}

func TestNoFrontMatterInText(t *testing.T) {
	doc, err := Parse("e.txt", []byte("---\ntitle: x\n---\nText here.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Meta.IsZero() {
		t.Errorf("a .txt file got front matter %+v; only Markdown has it", doc.Meta)
	}
}

func TestMetaMergeAndYear(t *testing.T) {
	m := Meta{Title: "T", Date: "2023"}.Merge(Meta{Author: "B", Date: "2024-02"})
	if m.Title != "T" || m.Author != "B" || m.Date != "2024-02" {
		t.Errorf("Merge = %+v", m)
	}
	if y := m.Published().Year(); y != 2024 || m.DatePrecision() != "month" {
		t.Errorf("Published = %v (%s), want 2024, month", m.Published(), m.DatePrecision())
	}
}

// TestFrontMatterErrorLine checks that a front matter error names the line
// of the file where the problem is, not the front matter's first line.
func TestFrontMatterErrorLine(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		line      int
	}{
		{"unknown key on line 4", "---\ntitle: ok\nauthor: x\nbogus: 1\n---\n# T\n\nBody.\n", 4},
		{"bad date on line 4", "---\ntitle: ok\nauthor: x\ndate: 2024-99\n---\n# T\n\nBody.\n", 4},
		{"bad url on line 5", "---\ntitle: ok\n\nauthor: x\nurl: example.org/x\n---\n# T\n", 5},
		{"syntax error on line 4", "---\ntitle: ok\nauthor: x\n  bad: : y\n---\n# T\n", 4},
		{"bad first key", "---\ntitel: x\n---\nText here.\n", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("e.md", []byte(tt.src))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Parse = %v, want an InputError", err)
			}
			if ie.Line != tt.line {
				t.Errorf("Parse error %q: line %d, want %d", err, ie.Line, tt.line)
			}
			if strings.Contains(ie.Reason, "line ") {
				t.Errorf("Parse error %q names a second line number", err)
			}
		})
	}
}

// TestFrontMatterAuthors: several authors may be a YAML list; they are
// joined with " and ", as BibTeX separates them, and blank ones dropped.
func TestFrontMatterAuthors(t *testing.T) {
	for src, want := range map[string]string{
		"author: [Jane Doe, Richard Roe]":              "Jane Doe and Richard Roe",
		"author:\n  - Jane Doe\n  - \"\"\n  - Roe, R.": "Jane Doe and Roe, R.",
		"author: Jane Doe":                             "Jane Doe",
		"author:":                                      "",
		"author: 1984":                                 "1984",
	} {
		doc, err := Parse("e.md", []byte("---\n"+src+"\n---\n\nText here.\n"))
		if err != nil || doc.Meta.Author != want {
			t.Errorf("front matter %q: author %q, %v; want %q", src, doc.Meta.Author, err, want)
		}
	}
}

// TestThematicBreakFirst: a Markdown file that opens with a rule ("---")
// and no YAML after it is text, not front matter left open.
func TestThematicBreakFirst(t *testing.T) {
	for _, src := range []string{"---\n\nThe essay starts here. It argues.\n", "---\nThe essay starts here: it argues.\n"} {
		doc, err := Parse("e.md", []byte(src))
		if err != nil || len(doc.Paragraphs) != 1 || !strings.HasPrefix(doc.Paragraphs[0].Text, "The essay starts here") {
			t.Errorf("Parse(%q) = %v, %v; want the text as one paragraph", src, doc, err)
		}
	}
}
