package figure

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/lexical"
)

// testTexts returns trickyTexts and the lines of the seed, the second test
// essay and (when it is there) the arg-microtexts corpus. It fails when the
// seed or the test essay is missing.
func testTexts(t testing.TB) []string {
	t.Helper()
	out := append([]string{}, trickyTexts...)
	files := []string{"../../seeds/central-asians-in-russias-war.txt", "../argument/testdata/car-parks.txt"}
	corpus, _ := filepath.Glob("../../../shared/corpora/arg-microtexts/micro_*.txt")
	for _, f := range append(files, corpus...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		out = append(out, strings.Split(string(data), "\n")...)
	}
	return out
}

// trickyTexts stress the quick word tests: case, the long s (ſ), which
// regexp's (?i) folds to s, the Kelvin sign, and sources at the start.
var trickyTexts = []string{
	"Laſt year the data ſhow a riſe; laſt week, later this month.",
	"Earlier this year, LATER THIS WEEK, last decade.",
	"LATER THIS MONTH it fell.",
	"The Bank estimated, the Survey shows, Researchers found, Police counted.",
	"Officials said so.",
	"The \u212Aey point: 42 percent.",
	"“We will not go,” said Jane Roe, the mayor, last year.",
	"",
	"’",
}

// TestQuickTestsAgreeWithExpressions checks the word tests run before
// relativeRe and sourceSubjectRe against the expressions themselves.
func TestQuickTestsAgreeWithExpressions(t *testing.T) {
	texts := testTexts(t)
	if len(texts) < 50 {
		t.Fatalf("only %d texts to check", len(texts))
	}
	for _, text := range texts {
		if got, want := findRelative(text), relativeRe.FindAllStringIndex(text, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("findRelative(%q) = %v, want %v", text, got, want)
		}
		lead := text[lexical.LeadOffset(text):]
		if !mayHaveSourceVerb(lead) && sourceSubjectRe.MatchString(lead) {
			t.Errorf("mayHaveSourceVerb(%q) = false, but sourceSubjectRe matches", lead)
		}
	}
	// the folds the quick tests must not miss
	for _, text := range []string{"Laſt year it rose.", "LATER THIS MONTH it fell.", "Officials said so."} {
		if findRelative(text) == nil && relativeRe.MatchString(text) {
			t.Errorf("a quick test misses %q", text)
		}
	}
}

// FuzzFind checks Find on any text: every figure's words are in the text,
// and every figure says why it is one.
func FuzzFind(f *testing.F) {
	for _, s := range append(trickyTexts,
		"Admittedly, it costs $3bn. But “this is the only way forward,” said Jane Roe, an MP, last year.",
		"\"unclosed quote said nobody\n“ ” “a b c” asked",
		"Since 2019, over 1.5 million people – 40 percent – left in six months. One of the reasons.",
		"> quoted block with 12 May 2021\n\nText, 60:87, Tu-154, 3.2km, a dozen, twenty-five.",
		"$ € 5 % , . - ’ ‘ “”",
		"0A.2-", // a unit read past the end of the text once made a span outside it
		"−3%, -$3bn, 1E-3, $1e400, 5e+2km, a million and a half, ninety-nine point nine percent, https://x.org/?a=1, b@x.org, Sept. 12, 2024, Jan. 3, 500 BCE, 1200 B.C.",
	) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, g := range Find(text) {
			if g.Text == "" || !strings.Contains(text, g.Text) {
				t.Errorf("Find(%q) figure %s: its text is not in the input", text, g)
			}
			if g.Why == "" {
				t.Errorf("Find(%q) figure %s has no why", text, g)
			}
		}
	})
}
