package essay

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// repeatBlocks joins copies of block, each followed by a blank line, until
// they make about n bytes, after a title line.
func repeatBlocks(block string, n int) string {
	var b strings.Builder
	b.WriteString("# A title\n\n")
	for b.Len() < n {
		b.WriteString(block)
		b.WriteString("\n\n")
	}
	return b.String()
}

// atBudget are Markdown blocks that each come just under a bound of
// defaultBudget with the constructs goldmark is slowest on, the worst a
// file may repeat.
func atBudget() map[string]string {
	b := defaultBudget
	lines := func(n int, f func(i int) string) string {
		var s strings.Builder
		for i := range n {
			s.WriteString(f(i))
			s.WriteByte('\n')
		}
		return s.String()
	}
	backticks := func() string {
		var s strings.Builder
		for i := 1; s.Len()+i+1 < b.RunBytes; i++ {
			s.WriteString("e" + strings.Repeat("`", i))
		}
		return s.String()
	}
	return map[string]string{
		"unclosed links A":       strings.Repeat("[a](<b", b.LinkOpeners),
		"unclosed links B":       strings.Repeat("[a](b", b.LinkOpeners),
		"empty link openers":     strings.Repeat("[](", b.LinkOpeners),
		"nested brackets":        strings.Repeat("[", b.LinkOpeners/2) + "a" + strings.Repeat("]", b.LinkOpeners/2),
		"mismatched emphasis":    strings.Repeat("*a_ ", b.Delimiters/2),
		"closers multiple of 3":  "a**b" + strings.Repeat("c* ", b.Delimiters-1),
		"nested strong emphasis": strings.Repeat("*a **a ", b.Delimiters/4) + "b" + strings.Repeat(" a** a*", b.Delimiters/4),
		"many references":        lines(b.LinkOpeners, func(i int) string { return fmt.Sprintf("[%d]: u", i) }),
		"backticks":              backticks(),
		"deep lists":             lines(b.Indent/2-1, func(i int) string { return strings.Repeat("  ", i) + "* a" }),
		"nested block quotes":    lines(200, func(int) string { return strings.Repeat("> ", b.Nesting) + "a" }),
		"nested bullets":         lines(200, func(int) string { return strings.Repeat("- ", b.Nesting) + "x" }),
		"angle brackets":         strings.Repeat("<>", b.RunBytes/2-1),
		"html comments":          "a" + strings.Repeat("<!--", b.RunBytes/4-1),
		"many footnotes":         strings.Repeat("See[^1] and[^2]. ", b.LinkOpeners/2) + "\n\n" + lines(b.LinkOpeners, func(i int) string { return fmt.Sprintf("[^%d]: note %d.", i, i) }),
		// 50 columns, and rows of one cell that goldmark fills out to 50,
		// as many as one cell a byte allows
		"wide table":            strings.Repeat("x|", 49) + "\n" + strings.Repeat("-|", 49) + "\n" + lines(2, func(int) string { return "x|" }),
		"prose, for comparison": "Many cities have grown faster than their roads. According to a *survey*, 42 percent walk. [The report](https://example.org/r) disagrees.",
	}
}

// BenchmarkParsePathological parses a megabyte of each of atBudget's
// blocks, repeated: the time per MB is what any Markdown input costs at
// worst.
func BenchmarkParsePathological(b *testing.B) {
	for name, block := range atBudget() {
		src := []byte(repeatBlocks(block, 1<<20))
		b.Run(strings.NewReplacer(" ", "-", ",", "").Replace(name), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				_, _ = Parse("x.md", src)
			}
		})
	}
}

// pathological are the inputs of cmark's test/pathological_tests.py (at
// cmark's sizes), commonmark/cmark#218 at the size argmap's issue measured,
// yuin/goldmark#592 and mity/md4c#236, each with what Parse must say: the
// reason of its *InputError and the line, or, with no reason, the text of
// its first paragraph.
func pathological() []struct {
	name, in, reason string
	line             int
	text             string
} {
	lines := func(n int, f func(i int) string) string {
		var s strings.Builder
		for i := range n {
			s.WriteString(f(i))
			s.WriteByte('\n')
		}
		return s.String()
	}
	var backticks strings.Builder
	for i := 1; i < 2000; i++ {
		backticks.WriteString("e" + strings.Repeat("`", i))
	}
	return []struct {
		name, in, reason string
		line             int
		text             string
	}{
		{"nested strong emph", strings.Repeat("*a **a ", 65000) + "b" + strings.Repeat(" a** a*", 65000), "Markdown block too long", 1, ""},
		{"many emph closers with no openers", strings.Repeat("a_ ", 65000), "too much emphasis", 1, ""},
		{"many emph openers with no closers", strings.Repeat("_a ", 65000), "too much emphasis", 1, ""},
		{"many link closers with no openers", strings.Repeat("a]", 65000), "paragraph too long", 1, ""},
		{"many link openers with no closers", strings.Repeat("[a", 65000), "too many links", 1, ""},
		{"mismatched openers and closers", strings.Repeat("*a_ ", 50000), "too much emphasis", 1, ""},
		{"openers and closers multiple of 3", "a**b" + strings.Repeat("c* ", 50000), "too much emphasis", 1, ""},
		{"link openers and emph closers", strings.Repeat("[ a_", 50000), "too many links", 1, ""},
		{"hard link/emph case", "**x [a*b**c*](d)", "", 0, "**x ab**c"},
		{"nested brackets", strings.Repeat("[", 50000) + "a" + strings.Repeat("]", 50000), "too many links", 1, ""},
		{"nested block quotes", strings.Repeat("> ", 50000) + "a", "nested too deep", 1, ""},
		{"deeply nested lists", lines(1000, func(i int) string { return strings.Repeat("  ", i) + "* a" }), "nested too deep", 65, ""},
		{"U+0000 in input", "abc\u0000de\u0000", "binary file", 1, ""},
		{"backticks", backticks.String(), "Markdown block too long", 1, ""},
		{"unclosed links A", strings.Repeat("[a](<b", 50000), "Markdown block too long", 1, ""},
		{"unclosed links B", strings.Repeat("[a](b", 50000), "too many links", 1, ""},
		{"many references", lines(50000*16, func(i int) string { return fmt.Sprintf("[%d]: u", i+1) }) + strings.Repeat("[0] ", 50000), "too many links", defaultBudget.LinkOpeners + 1, ""},
		{"cmark#218 as measured, 1.2 MB", strings.Repeat("[a](<b", 200000), "Markdown block too long", 1, ""},
		{"9 MB of deep lists", strings.Repeat(lines(1000, func(i int) string { return strings.Repeat("  ", i) + "* a" })+"\n", 9), "nested too deep", 65, ""},
		{"goldmark#592 thematic break rescan", strings.Repeat("- ", 32000) + "x\n", "nested too deep", 1, ""},
		{"md4c#236", strings.Repeat("]([\n", 50000), "too many links", defaultBudget.LinkOpeners + 1, ""},
		{"markdown-it#1000 table, N=10000", strings.Repeat("x|", 10000) + "\n" + strings.Repeat("-|", 10000) + "\n" + strings.Repeat("x|\n", 10000), "table too sparse", 1, ""},
	}
}

// TestPathological parses each pathological input: each ends in a clean
// *InputError naming the line and the reason, or in the right text.
// BenchmarkParsePathological measures the time.
func TestPathological(t *testing.T) {
	for _, tt := range pathological() {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("essay.md", []byte(tt.in))
			if tt.reason == "" {
				if err != nil || len(doc.Paragraphs) == 0 || doc.Paragraphs[0].Text != tt.text {
					t.Fatalf("Parse = %v, %v; want the text %q", doc, err, tt.text)
				}
				return
			}
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(ie.Reason, tt.reason) || ie.Line != tt.line {
				t.Fatalf("Parse = %v; want an *InputError at line %d saying %q", err, tt.line, tt.reason)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q is not one line", err)
			}
		})
	}
}

// TestBudgetBounds checks each bound of the budget at its edge: a block at
// the bound passes, one step past it is refused.
func TestBudgetBounds(t *testing.T) {
	b := defaultBudget
	tests := []struct{ name, at, past, reason string }{
		{"run bytes", strings.Repeat("word ", b.RunBytes/5), strings.Repeat("word ", b.RunBytes/5+1), "block too long"},
		{"link openers", strings.Repeat("[a](b) ", b.LinkOpeners), strings.Repeat("[a](b) ", b.LinkOpeners+1), "too many links"},
		{"delimiters", strings.Repeat("*a* ", b.Delimiters/2), strings.Repeat("*a* ", b.Delimiters/2) + "_", "too much emphasis"},
		{"nesting", strings.Repeat(">", b.Nesting) + " a", strings.Repeat(">", b.Nesting+1) + " a", "nested too deep"},
		{"indent", strings.Repeat(" ", b.Indent-2) + "- a", strings.Repeat(" ", b.Indent-1) + "- a", "nested too deep"},
		// a tab goes to the next multiple of four columns: " \t" is four
		{"indent with tabs", strings.Repeat(" \t", b.Indent/4-1) + "- a", strings.Repeat(" \t", b.Indent/4) + "- a", "nested too deep"},
		// a header and a delimiter row of 49 "|" (99 bytes each) make rows
		// of 50 cells: with two rows of 3 bytes, 200 cells in 204 bytes;
		// with three, 250 in 207
		{"cells per byte", strings.Repeat("x|", 49) + "\n" + strings.Repeat("-|", 49) + strings.Repeat("\nx|", 2), strings.Repeat("x|", 49) + "\n" + strings.Repeat("-|", 49) + strings.Repeat("\nx|", 3), "table too sparse"},
		// without a delimiter row the run is no table, and not bounded so
		{"no delimiter row", strings.Repeat("x|", 49) + strings.Repeat("\nx|", 200), strings.Repeat("x|", 49) + "\n" + strings.Repeat("-|", 49) + strings.Repeat("\nx|", 200), "table too sparse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := checkBudget("a.md", []byte("T\n\n"+tt.at+"\n"), b); err != nil {
				t.Errorf("at the bound: %v", err)
			}
			err := checkBudget("a.md", []byte("T\n\n"+tt.past+"\n"), b)
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(ie.Reason, tt.reason) || ie.Line != 3 {
				t.Errorf("past the bound: %v, want an *InputError at line 3 saying %q", err, tt.reason)
			}
		})
	}
}

// TestBudgetPerParagraph checks that the counts start again at a blank
// line and at a bullet item at the left margin, and nowhere else: a long
// tight list of links passes, one paragraph of as many is refused, and a
// paragraph cannot be cut by a line that only looks like an item.
func TestBudgetPerParagraph(t *testing.T) {
	item := "- [a source](https://example.org/x) and [another](https://example.org/y)\n"
	if err := checkBudget("a.md", []byte(strings.Repeat(item, defaultBudget.LinkOpeners)), defaultBudget); err != nil {
		t.Errorf("a tight list of %d items with two links each: %v", defaultBudget.LinkOpeners, err)
	}
	para := "[a source](https://example.org/x) and [another](https://example.org/y)\n"
	for name, sep := range map[string]string{"none": "", "indented item": "    - x\n", "ordered item": "2. x\n", "empty item": "-\n"} {
		src := strings.Repeat(para+sep, defaultBudget.LinkOpeners/2+1)
		if err := checkBudget("a.md", []byte(src), defaultBudget); err == nil {
			t.Errorf("one paragraph of %d links, lines split by %s: not refused", defaultBudget.LinkOpeners+2, name)
		}
	}
}

// TestAtBudgetParses checks that the worst blocks BenchmarkParsePathological
// times are within the budget, so that it times goldmark and not a refusal.
func TestAtBudgetParses(t *testing.T) {
	for name, block := range atBudget() {
		if err := checkBudget("a.md", []byte(repeatBlocks(block, 1<<20)), defaultBudget); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestMarkdownLines checks the line of every kind of Markdown block, which
// is counted on from one block to the next.
func TestMarkdownLines(t *testing.T) {
	src := "# Title\n\nA paragraph\nover two lines.\n\n> A quote.\n>\n> Its second paragraph.\n\n- An item.\n- Another\n  item.\n\n```\ncode\n```\n\nThe end.\n"
	doc, err := Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []int{1, 3, 6, 8, 10, 11, 18}
	var got []int
	for _, p := range doc.Paragraphs {
		got = append(got, p.Line)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("lines = %v, want %v", got, want)
	}
}

// BenchmarkSplitUnspaced splits paragraphs of 15 KB whose sentences end
// with no space after them, with and without spaces between their words:
// splitUnspaced looks back a bounded way for each, so both cost about what
// prose of the same size costs.
func BenchmarkSplitUnspaced(b *testing.B) {
	for name, text := range map[string]string{
		"prose":          strings.Repeat("Cities grew faster than roads. ", 500),
		"unspaced":       strings.Repeat("Cities grew.Roads did not. ", 560),
		"without spaces": strings.Repeat("word.Word", 1700),
	} {
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Split(text)
			}
		})
	}
}
