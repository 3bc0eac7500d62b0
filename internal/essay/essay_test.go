package essay

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func kinds(doc *Document) []Kind {
	out := make([]Kind, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		out[i] = p.Kind
	}
	return out
}

func TestParseKinds(t *testing.T) {
	tests := []struct {
		name string
		file string
		in   string
		want []Kind
	}{
		{"title and one paragraph", "a.txt", "A title\nWe should act now. It matters.\n",
			[]Kind{Title, Body}},
		{"blank lines ignored", "a.txt", "A title\n\n\nFirst point here.\n\nSecond point.\n",
			[]Kind{Title, Body, Body}},
		{"standfirst needs a body after it", "a.txt",
			"Title\nShort standfirst says the thesis.\nBody one.\nBody two.\nBody three.\n",
			[]Kind{Title, Standfirst, Body, Body, Body}},
		{"a byline between the title and the standfirst", "a.txt",
			"Title\nBy Jane Doe\nShort standfirst says the thesis.\nBody one.\nBody two.\nBody three.\n",
			[]Kind{Title, Credit, Standfirst, Body, Body, Body}},
		{"a byline and a credit before the standfirst", "a.txt",
			"Title\nBy Jane Doe\nPhoto: Someone / Agency.\nShort standfirst says the thesis.\nBody one.\nBody two.\nBody three.\n",
			[]Kind{Title, Credit, Credit, Standfirst, Body, Body, Body}},
		{"a byline with its date, and a date line, before the standfirst", "a.txt",
			"Title\nBy Jane Doe | March 3, 2025\nUpdated: 4 March 2025, 10:32 am\nShort standfirst says the thesis.\nBody one.\nBody two.\nBody three.\n",
			[]Kind{Title, Credit, Credit, Standfirst, Body, Body, Body}},
		{"a section label above the title", "a.txt",
			"Opinion | Housing\nCities Should Build\nBy Jane Doe\nShort standfirst says the thesis.\nBody one.\nBody two.\nBody three.\n",
			[]Kind{Heading, Title, Credit, Standfirst, Body, Body, Body}},
		{"a headline that opens with a label is a title", "a.txt",
			"Opinion: Cities Should Build\nShort standfirst says the thesis.\nBody one.\nBody two.\nBody three.\n",
			[]Kind{Title, Standfirst, Body, Body, Body}},
		{"a label over a paragraph is the title", "a.txt",
			"Essay\nCities should build. They have land. They have money.\nBody two.\n",
			[]Kind{Title, Body, Body}},
		{"prose that opens with By or a date is prose", "a.txt",
			"Title\nBy January, the plan had failed.\nMarch 3, 2025 was a bad day.\nMarch 2025\n",
			[]Kind{Title, Body, Body, Heading}},
		{"a byline does not count toward the body", "a.txt",
			"Title\nBy Jane Doe\nShort opening.\nBody one.\nBody two.\n",
			[]Kind{Title, Credit, Body, Body, Body}},
		{"no standfirst when body is short", "a.txt", "Title\nFirst.\nSecond.\n",
			[]Kind{Title, Body, Body}},
		{"author section and credit", "a.txt",
			"Title\nStandfirst here.\nBody one.\nBody two.\nBody three.\nAbout the Author:\nJane Doe is a senior fellow at an institute.\nPhoto: Someone / Agency.\n",
			[]Kind{Title, Standfirst, Body, Body, Body, Heading, Bio, Credit}},
		{"bio without heading", "a.txt",
			"Title\nBody one is here.\nBody two is here.\nJohn Smith is a professor of history at a university. Follow him on X: @js.\n",
			[]Kind{Title, Body, Body, Bio}},
		{"bio up to third from the end", "a.txt",
			"Title\nBody one is here.\nBody two is here.\nJohn Smith is a professor of history at a university.\nPhoto: Someone / Agency.\nImage: Another / Agency.\n",
			[]Kind{Title, Body, Body, Bio, Credit, Credit}},
		{"no bio before the last three blocks", "a.txt",
			"Title\nStandfirst here.\nJohn Smith is a professor of history at a university.\nBody one is here.\nBody two is here.\nBody three is here.\n",
			[]Kind{Title, Standfirst, Body, Body, Body, Body}},
		{"heading of ten words at most", "a.txt",
			"Title\nBody one is here.\nOne Two Three Four Five Six Seven Eight Nine Ten\nBody two is here.\nOne Two Three Four Five Six Seven Eight Nine Ten Eleven\nBody three is here.\n",
			[]Kind{Title, Standfirst, Heading, Body, Body, Body}},
		{"a line ending in a colon is a heading", "a.txt",
			"Title\nBody one is here.\nwhat the numbers say:\nBody two is here.\n",
			[]Kind{Title, Body, Heading, Body}},
		{"credit with agency", "a.txt", "Title\nBody one.\nReuters / Jane Roe\n",
			[]Kind{Title, Body, Credit}},
		{"a first block of three sentences is not a title", "a.txt",
			"We should act. It matters. Delay costs more.\nBody one.\n",
			[]Kind{Body, Body}},
		{"an only block of two sentences is not a title", "a.txt",
			"We should act now. It matters.\n",
			[]Kind{Body}},
		{"an only block of one sentence is the title", "a.txt",
			"We should act now.\n",
			[]Kind{Title}},
		{"a headline of two sentences is a title", "a.txt",
			"Act Now. It Matters.\nWe should act now.\n",
			[]Kind{Title, Body}},
		{"without a title the first block can be the standfirst", "a.txt",
			"Short opening. It states the thesis. It is brief.\nBody one.\nBody two.\nBody three.\n",
			[]Kind{Standfirst, Body, Body, Body}},
		{"a markdown heading is a title whatever its length", "a.md",
			"# One. Two. Three.\n\nBody one.\n",
			[]Kind{Title, Body}},
		{"markdown blocks", "a.md",
			"# The title\n\nA *standfirst* with [a link](http://x).\n\n## Section\n\nBody one.\n\n> A quoted block.\n\nBody three.\n\n- a list item.\n",
			[]Kind{Title, Standfirst, Heading, Body, Body, Body, Body}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.file, []byte(tt.in))
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if got := kinds(doc); !equalKinds(got, tt.want) {
				t.Errorf("Parse(%q) kinds = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestReferences checks that the list of sources after a text is a credit,
// outside the argument, and that the section ends where it should.
func TestReferences(t *testing.T) {
	tests := []struct {
		name, file, in string
		want           []Kind
		refs           []bool // whether Paragraph.Credits is CreditsSource, per paragraph
	}{
		{"a references heading in plain text, entries that look like headings, then the bio", "a.txt",
			"Title\nBody one.\nBody two.\nReferences\nPew Research Center 2023\nSmith, J. (2020). Vacancy taxes. Journal of Housing, 12(3).\nAbout the Author:\nJane Doe is a senior fellow at an institute.\n",
			[]Kind{Title, Body, Body, Heading, Credit, Credit, Heading, Bio},
			[]bool{false, false, false, false, true, true, false, false}},
		{"a markdown list of sources ends at the next heading", "a.md",
			"# Title\n\nBody one.\n\n## Notes\n\n1. City of Vancouver (2021). Report.\n2. Smith (2020).\n\n## Appendix\n\nMore body.\n",
			[]Kind{Title, Body, Heading, Credit, Credit, Heading, Body},
			[]bool{false, false, false, true, true, false, false}},
		{"a sources line", "a.txt",
			"Title\nBody one.\nBody two.\nSources: Statistics Canada; the author's calculations.\n",
			[]Kind{Title, Body, Body, Credit},
			[]bool{false, false, false, true}},
		{"a sources heading alone is a heading", "a.txt",
			"Title\nBody one.\nSources:\nStatistics Canada, 2021.\n",
			[]Kind{Title, Body, Heading, Credit},
			[]bool{false, false, false, true}},
		{"sources in a sentence are body", "a.txt",
			"Title\nBody one.\nSources say the plan is dead. Officials deny it.\nWorks of fiction\nBody two.\n",
			[]Kind{Title, Body, Body, Heading, Body},
			[]bool{false, false, false, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.file, []byte(tt.in))
			if err != nil {
				t.Fatalf("Parse error: %v", err)
			}
			if got := kinds(doc); !equalKinds(got, tt.want) {
				t.Fatalf("kinds = %v, want %v", got, tt.want)
			}
			for i, p := range doc.Paragraphs {
				if (p.Credits == CreditsSource) != tt.refs[i] {
					t.Errorf("paragraph %d %q: Credits = %q, want a source: %v", i, p.Text, p.Credits, tt.refs[i])
				}
			}
		})
	}
}

// TestNotices checks which lines are a publisher's notice, and which
// sentences that begin alike are not.
func TestNotices(t *testing.T) {
	notices := []string{
		"The views expressed in this article are the author's own.",
		"Opinions expressed by the author do not reflect the editorial stance of this site.",
		"Editor's note: this piece was updated on 3 May.",
		"Correction: an earlier version misstated the year.",
		"This article was originally published by The Conversation.",
		"A version of this essay appeared in The Review.",
		"This post first appeared on Medium.",
		"Copyright 2024 Example Media.",
		"Copyright © 2023 The Times.",
		"© The Guardian",
		"(c) 2024 Example Media",
		"All rights reserved.",
		"Subscribe to our weekly newsletter.",
		"Read more: why cities fail.",
	}
	prose := []string{
		"Copyright law should change.",
		"The views of the minister are wrong.",
		"This article argues that cities must act.",
		"Subscribers pay more.",
		"Related costs rose: by 5%.",
		"Register now for the vote, the council says.",
		"The story was first published in 1990 and still resonates.",
		"Sign up for the draft.",
		"(c) The state should fund local reporting.",
	}
	for _, s := range notices {
		if !isNotice(s) {
			t.Errorf("isNotice(%q) = false, want true", s)
		}
	}
	for _, s := range prose {
		if isNotice(s) {
			t.Errorf("isNotice(%q) = true, want false", s)
		}
	}
	doc, err := Parse("a.txt", []byte("Title\nBody one.\nBody two.\nThe views expressed here are the author's own.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p := doc.Paragraphs[3]; p.Kind != Credit || p.Credits != CreditsNotice {
		t.Errorf("a disclaimer after the text: kind %s, credits %q; want credit, notice", p.Kind, p.Credits)
	}
}

func equalKinds(a, b []Kind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestMarkdownText(t *testing.T) {
	doc, err := Parse("x.md", []byte("# Title *here*\n\nSee [the report](http://e.com) and `code`.\nNext line.\n\n> Quoted words.\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Title here", "See the report and code. Next line.", "Quoted words."}
	for i, w := range want {
		if got := doc.Paragraphs[i].Text; got != w {
			t.Errorf("paragraph %d text = %q, want %q", i, got, w)
		}
	}
	// Inline HTML: a line break or a block tag parts the words, other
	// tags go.
	doc2, err := Parse("x.md", []byte("# T\n\nCity parks<br>for all. A <em>very</em> good<BR/>idea<p>here</p>, we<span>think</span>.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doc2.Paragraphs[1].Text, "City parks for all. A very good idea here , wethink."; got != want {
		t.Errorf("paragraph with inline HTML = %q, want %q", got, want)
	}
	// GitHub's tables are left out, as code is; a footnote's marker
	// leaves the text, and the footnote is a block of its own, after the
	// text, a credit of the sources (outside the argument).
	doc3, err := Parse("x.md", []byte("# T\n\nCities grew.[^1] Roads did not.\n\n| city | growth |\n| --- | --- |\n| A | 5% |\n\nThe end.\n\n[^1]: Census report, 2020.\n"))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range doc3.Paragraphs {
		texts = append(texts, fmt.Sprintf("%s:%s:%s", p.Kind, p.Text, p.Credits))
	}
	if got, want := strings.Join(texts, " / "), "title:T: / body:Cities grew. Roads did not.: / body:The end.: / credit:Census report, 2020.:source"; got != want {
		t.Errorf("Markdown with a table and a footnote = %q, want %q", got, want)
	}
	// Struck-out words are taken back: they leave the text, and a single
	// tilde is a tilde.
	doc4, err := Parse("x.md", []byte("# T\n\nThe tax is ~~a mistake~~ a necessity, ~5% of pay.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doc4.Paragraphs[1].Text, "The tax is a necessity, ~5% of pay."; got != want {
		t.Errorf("Markdown with strikethrough = %q, want %q", got, want)
	}
	if !doc.Paragraphs[2].Quote {
		t.Errorf("paragraph 2 Quote = false, want true")
	}
	if doc.Paragraphs[1].Line != 3 {
		t.Errorf("paragraph 1 Line = %d, want 3", doc.Paragraphs[1].Line)
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One sentence.", []string{"One sentence."}},
		{"First one. Second one! Third?", []string{"First one.", "Second one!", "Third?"}},
		{"“Where are they?” asked the minister, last year.", []string{"“Where are they?” asked the minister, last year."}},
		{`"Is it over?" said Ann. Then she left.`, []string{`"Is it over?" said Ann.`, "Then she left."}},
		{"Dr. Smith met Mr. Jones at 5 p.m. on Monday. They talked.", []string{"Dr. Smith met Mr. Jones at 5 p.m. on Monday.", "They talked."}},
		{"Prices rose 1.5 percent. The U.S. economy grew.", []string{"Prices rose 1.5 percent.", "The U.S. economy grew."}},
		{"No final stop", []string{"No final stop"}},
		{"Apple sold the iPhone. iPhone sales rose.", []string{"Apple sold the iPhone.", "iPhone sales rose."}},
		// Abbreviations that stand before what they qualify, which Punkt's
		// model splits after.
		{"The Rev. Ingram wrote it. Few read it.", []string{"The Rev. Ingram wrote it.", "Few read it."}},
		{"It was settled by Brown v. Board of Education. Few read it.", []string{"It was settled by Brown v. Board of Education.", "Few read it."}},
		{"In Roe vs. Wade the court ruled. Few read it.", []string{"In Roe vs. Wade the court ruled.", "Few read it."}},
		{"The order came (Capt. Lee signed it). Few read it.", []string{"The order came (Capt. Lee signed it).", "Few read it."}},
		{"Both Sens. Warren and Paul voted no. Few read it.", []string{"Both Sens. Warren and Paul voted no.", "Few read it."}},
		{"It costs approx. 5 dollars. Few paid.", []string{"It costs approx. 5 dollars.", "Few paid."}},
		{"See Fig. 3 and pp. 4-5 for details. Few read it.", []string{"See Fig. 3 and pp. 4-5 for details.", "Few read it."}},
		// Not one of them: a numeral, a title's letters as a word, a word
		// that merely ends like one.
		{"The play is Henry V. It is long.", []string{"The play is Henry V.", "It is long."}},
		{"They voted for the rev. The count was close.", []string{"They voted for the rev.", "The count was close."}},
		{"He rode in a Jeep Gladiator. Few do.", []string{"He rode in a Jeep Gladiator.", "Few do."}},
		// A sentence's end with no space after it, as hurried writers
		// leave it; not in an address, an abbreviation or initials.
		{"Many move to cities every year.In my view, towns are better.", []string{"Many move to cities every year.", "In my view, towns are better."}},
		{"He said “stop.”Then he left!Few saw it.", []string{"He said “stop.”", "Then he left!", "Few saw it."}},
		{"See www.Example.com or example.org/Page now. Few do.", []string{"See www.Example.com or example.org/Page now.", "Few do."}},
		{"Write to jane.doe@mail.Com soon. It was Roe vs.Wade. The U.S.Army came.", []string{"Write to jane.doe@mail.Com soon.", "It was Roe vs.Wade.", "The U.S.Army came."}},
		// The pronoun written in lower case opens a sentence.
		{"Towns are cheaper. i think so too. i'm sure.", []string{"Towns are cheaper.", "i think so too.", "i'm sure."}},
		// A writer who does not capitalise sentences: each is one, where
		// joined they were one sentence; a speech tag after a quoted
		// question still goes on with it.
		{"towns are cheaper. rents are lower. we moved there.", []string{"towns are cheaper.", "rents are lower.", "we moved there."}},
		{"i saw it. it was bad.", []string{"i saw it.", "it was bad."}},
		// A numbered paragraph: the number goes with its sentence.
		{"1. Cities should build. They have land.", []string{"1. Cities should build.", "They have land."}},
		{"(b) Roads cost money. 2020 was dear.", []string{"(b) Roads cost money.", "2020 was dear."}},
		{"“why?” asked the minister.", []string{"“why?” asked the minister."}},
		{"“Why?” asked the minister. “How?” asked the mayor. nobody knew.", []string{"“Why?” asked the minister.", "“How?” asked the mayor. nobody knew."}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Split(tt.in)
			var texts []string
			for _, s := range got {
				texts = append(texts, s.Text)
				if tt.in[s.Start:s.End()] != s.Text {
					t.Errorf("Split(%q): sentence %q not at offset %d", tt.in, s.Text, s.Start)
				}
			}
			if strings.Join(texts, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Split(%q) = %q, want %q", tt.in, texts, tt.want)
			}
		})
	}
}

func TestSeedSegmentation(t *testing.T) {
	data, err := os.ReadFile("../../seeds/central-asians-in-russias-war.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("seed.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	wantKinds := []Kind{Title, Standfirst, Body, Body, Body, Body, Body, Body, Body, Body, Body, Body, Body, Heading, Bio, Credit}
	if got := kinds(doc); !equalKinds(got, wantKinds) {
		t.Errorf("seed kinds = %v, want %v", got, wantKinds)
	}
	wantSentences := []int{1, 2, 2, 3, 1, 3, 3, 1, 2, 1, 3, 1, 2, 1, 3, 1}
	for i, p := range doc.Paragraphs {
		if i < len(wantSentences) && len(p.Sentences) != wantSentences[i] {
			t.Errorf("seed paragraph %d (%.30q) has %d sentences, want %d", i+1, p.Text, len(p.Sentences), wantSentences[i])
		}
	}
	quote := doc.Paragraphs[9]
	if len(quote.Sentences) != 1 || !strings.HasSuffix(quote.Sentences[0].Text, "last year.") {
		t.Errorf("quoted question paragraph split as %v, want one sentence", quote.Sentences)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name     string
		in       []byte
		wantLine int
		wantText string
	}{
		{"empty", nil, 0, "empty file"},
		{"white space only", []byte(" \n\t\n  \n"), 0, "empty file"},
		{"invisible characters only", []byte("\n \uFEFF \n\u200B\n"), 0, "no text"},
		{"NUL byte", []byte("Title\nbody\x00more\n"), 2, "binary file"},
		{"invalid UTF-8", []byte("Title\nok line\nbad \xff\xfe here\n"), 3, "not UTF-8"},
		{"control characters", []byte("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11ab"), 0, "binary file"},
		{"one control character in 50 bytes", []byte("Title\nA line of text with one \x01 control in it.\n"), 0, "binary file"},
		{"an HTML page", []byte("<!DOCTYPE html>\n<html><body><h1>Title</h1><p>Body.</p></body></html>\n"), 1, "an HTML page"},
		{"an XHTML page", []byte("\uFEFF  <?xml version=\"1.0\"?>\n<HTML lang=\"en\"><p>Body.</p></HTML>\n"), 1, "an HTML page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("in.txt", tt.in)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Parse(%q) error = %v, want *InputError", tt.in, err)
			}
			if ie.Line != tt.wantLine || !strings.Contains(ie.Reason, tt.wantText) {
				t.Errorf("Parse(%q) = line %d %q, want line %d containing %q", tt.in, ie.Line, ie.Reason, tt.wantLine, tt.wantText)
			}
			if strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "in.txt") {
				t.Errorf("error %q is not one line naming the file", err)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	lim := Limits{MaxBytes: 100, MaxParagraph: 40, MaxSentence: 20}
	tests := []struct {
		name, in, want string
	}{
		{"file too large", "T\n" + strings.Repeat("word ", 30), "file too large"},
		{"file one byte too large", "T\n" + strings.Repeat("a", 99), "file too large"},
		{"paragraph too long", "T\n" + strings.Repeat("ab. ", 12), "paragraph too long"},
		{"sentence too long", "T\n" + strings.Repeat("ab ", 9) + ".", "sentence too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseWithLimits("in.txt", []byte(tt.in), lim)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseWithLimits(%q) error = %v, want %q", tt.in, err, tt.want)
			}
		})
	}
}

// TestParseControlShare: control characters up to one in a hundred bytes
// are text (a stray one in a long file), and form feeds, which become
// spaces, are no control characters at all.
func TestParseControlShare(t *testing.T) {
	line := "A line of text that is long enough to carry one stray control.\n"
	for name, in := range map[string]string{
		"one control in 130 bytes": "Title\n" + line + line[:20] + "\x01" + line[20:],
		"form feeds":               "Title\fFirst point.\f\fSecond point.\f\n",
	} {
		if _, err := Parse("in.txt", []byte(in)); err != nil {
			t.Errorf("%s: Parse(%q) error = %v, want none", name, in, err)
		}
	}
}

func TestParseCleansInput(t *testing.T) {
	doc, err := Parse("a.txt", []byte("\uFEFFTitle\r\nFirst\tpoint here.\r\nمرحبا بالعالم. Second.\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Paragraphs[0].Text != "Title" {
		t.Errorf("title = %q, want BOM and CR removed", doc.Paragraphs[0].Text)
	}
	if doc.Paragraphs[1].Text != "First point here." {
		t.Errorf("paragraph = %q, want tab as space", doc.Paragraphs[1].Text)
	}
	if n := len(doc.Paragraphs[2].Sentences); n != 2 {
		t.Errorf("right-to-left paragraph has %d sentences, want 2", n)
	}
}

// checkInvariants asserts what CONTRACT.md promises of every parse.
func checkInvariants(t *testing.T, doc *Document) {
	t.Helper()
	if len(doc.Paragraphs) == 0 || doc.Paragraphs[0].Kind != Title {
		t.Fatalf("first paragraph is not the title")
	}
	for _, p := range doc.Paragraphs {
		var rest strings.Builder
		prev := 0
		for _, s := range p.Sentences {
			if s.Start < prev || s.End() > len(p.Text) || p.Text[s.Start:s.End()] != s.Text {
				t.Fatalf("sentence %q is not at %d in %q", s.Text, s.Start, p.Text)
			}
			rest.WriteString(p.Text[prev:s.Start])
			prev = s.End()
		}
		rest.WriteString(p.Text[prev:])
		if strings.TrimFunc(rest.String(), unicode.IsSpace) != "" {
			t.Fatalf("sentences of %q leave %q uncovered", p.Text, rest.String())
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("a.txt", []byte("Title\nOne. Two? “Three!” said he.\n"))
	f.Add("a.md", []byte("# T\n\n> quote *x*\n\n- item\n\n```\ncode\n```\n"))
	f.Add("a.txt", []byte("\uFEFFT\r\n\tx\r\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if strings.HasSuffix(name, ".md") {
			name = "f.md"
		} else {
			name = "f.txt"
		}
		doc, err := Parse(name, data)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Parse error %v is not an *InputError", err)
			}
			return
		}
		checkInvariants(t, doc)
	})
}

func TestAuthor(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"bio after heading", "T\nStandfirst.\nB one.\nB two.\nB three.\nAbout the author\nJane Q. Doe is a senior fellow at an institute.\n", "Jane Q. Doe"},
		{"byline", "T\nBy Ann Roe\nBody one.\nBody two.\n", "Ann Roe"},
		{"byline with outlet", "T\nBy Ann Roe, Reuters\nBody one.\nBody two.\n", "Ann Roe"},
		{"byline with date", "T\nWritten by Ann Roe and Bo Li | March 3, 2025\nBody one.\nBody two.\n", "Ann Roe and Bo Li"},
		{"byline with role", "T\nPosted by Ann Roe - Staff Writer\nBody one.\nBody two.\n", "Ann Roe"},
		{"prose that opens with By", "T\nBy January, the plan had failed.\nBody two.\n", ""},
		{"none", "T\nBody one.\nBody two.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("a.txt", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Author(); got != tt.want {
				t.Errorf("Author(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestMarkdownEscapes checks that a Markdown paragraph's text is what a
// reader sees: backslash escapes and entity references resolved, as
// CommonMark renders them, and code spans kept as written.
func TestMarkdownEscapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AT&amp;T said so.", "AT&T said so."},
		{`It is \*not\* a list\.`, "It is *not* a list."},
		{"Prices rose &#8364;5 &copy; here&#33;", "Prices rose €5 © here!"},
		{`A literal \&amp; stays.`, "A literal &amp; stays."},
		{"Code `a\\*b &amp; c` is kept.", `Code a\*b &amp; c is kept.`},
		{"Angle &lt;b&gt; text.", "Angle <b> text."},
	}
	for _, tt := range tests {
		doc, err := Parse("x.md", []byte("# Title\n\n"+tt.in+"\n"))
		if err != nil {
			t.Fatalf("Parse(%q) error: %v", tt.in, err)
		}
		if got := doc.Paragraphs[1].Text; got != tt.want {
			t.Errorf("Parse(%q) text = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBareCR: a carriage return that no line feed follows ends a line, as
// CommonMark says and old Mac files have it, in Markdown and plain text;
// CR LF still ends one line; and lines are counted the same way.
func TestBareCR(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      []string
	}{
		{"x.md", "# T\r\rGovernments must act now. Critics are wrong.\r\rSecond para.\r", []string{"T", "Governments must act now. Critics are wrong.", "Second para."}},
		{"x.txt", "Title\rBody one.\rSecond para.\r", []string{"Title", "Body one.", "Second para."}},
		{"x.txt", "Title\r\nBody one.\rSecond para.\r\n", []string{"Title", "Body one.", "Second para."}},
		{"x.md", "# T\r\n\r\nOne line\r\nand its next.\r\n", []string{"T", "One line and its next."}},
	} {
		doc, err := Parse(tt.name, []byte(tt.src))
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		var got []string
		for _, p := range doc.Paragraphs {
			got = append(got, p.Text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Parse(%s, %q) = %q, want %q", tt.name, tt.src, got, tt.want)
		}
	}
	_, err := Parse("x.txt", []byte("Title\rBody one.\rBody\x00two.\r"))
	if ie, ok := errors.AsType[*InputError](err); !ok || ie.Line != 3 {
		t.Errorf("a NUL on the third CR line: %v, want an InputError at line 3", err)
	}
}
