package argument

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/argmap/argmap/internal/essay"
)

// allLexicons are the lists cueIndex holds.
var allLexicons = map[string]*lexicon{
	"contrastOpeners": lexContrastOpeners, "contrastInner": lexContrastInner,
	"conclusionOpeners": lexConclusionOpeners, "conclusionInner": lexConclusionInner,
	"verdictOpeners": lexVerdictOpeners, "stanceCues": lexStanceCues,
	"deonticCues": lexDeonticCues, "weakDeonticCues": lexWeakDeonticCues,
	"evaluativeCues": lexEvaluativeCues, "givenOpeners": lexGivenOpeners,
	"attributionCues": lexAttributionCues, "exampleCues": lexExampleCues,
	"premiseOpeners": lexPremiseOpeners, "reasonOpeners": lexReasonOpeners,
	"concessionOpeners": lexConcessionOpeners, "opposingViewCues": lexOpposingViewCues,
	"reportVerbs": lexReportVerbs, "hedgeCues": lexHedgeCues,
	"followCues": lexFollowCues, "however": lexHowever,
}

// trickySentences stress the word index: case, the typographic apostrophe,
// letters outside ASCII next to a cue, the long s and the Kelvin sign
// (which regexp's (?i) folds to s and k), cues at the very start and end,
// runs of white space and punctuation inside phrases.
var trickySentences = []string{
	"HOWEVER, WE SHOULD ACT NOW.",
	"That’s why it’s time; that's why, THAT’S WHY.",
	"Critics argue, however, that it is not enough.",
	"It is\u00a0clear  that\tthe plan, but not the cost, is wise.",
	"Naïve critics say so; crítics argue; sayś; ßays.",
	"Laſt year the data ſhow a riſe; laſt week, later this month.",
	"The \u212Aey point: we urgently need change, we need it.",
	"e.g. for, true, yes, sure, certainly, obviously, a case in point",
	"Given that the Ministry reported it, officials said 42 percent.",
	"As a result… therefore— hence: thus!",
	"Earlier this year, LATER THIS WEEK, last decade.",
	"the reason why the reason for the reason",
	"We   should\n\nmust ought",
	"butter, yeti, still-life, however-ish, shouldn’t, mustn't",
	"according to",
	"",
	"a",
	"’",
	"一 我们 should 应该",
	"The Bank estimated, the Survey shows, Researchers found, Police counted.",
}

// corpusSentences returns the sentences of the test essays, of the
// arg-microtexts corpus when it is there, and trickySentences.
// It also says whether the corpus was found.
func corpusSentences(t *testing.T) ([]string, bool) {
	t.Helper()
	out := append([]string{}, trickySentences...)
	files := []string{seedPath, filepath.Join("testdata", "car-parks.txt")}
	m, _ := filepath.Glob("../../../shared/corpora/arg-microtexts/micro_*.txt")
	files = append(files, m...)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		d, err := essay.Parse(f, data)
		if err != nil {
			t.Fatalf("parse %s: %v", f, err)
		}
		for _, p := range d.Paragraphs {
			for _, s := range p.Sentences {
				out = append(out, s.Text)
			}
		}
	}
	return out, len(m) > 0
}

// findEach is what sentenceCues.findAny must give, by searching text for
// every phrase in turn: the first phrase of the list found (earliest in the
// list wins, not earliest in the text).
func findEach(text string, phrases []string) match {
	for _, p := range phrases {
		if m := findPhrase(text, p, 0); m.found() {
			return m
		}
	}
	return match{}
}

// countPhrases is what sentenceCues.count must give, by searching text
// for every phrase in turn: the phrases that stand somewhere outside a
// longer one listed before them.
func countPhrases(text string, phrases []string) int {
	n := 0
	var seen []match
	for _, p := range phrases {
		counted := false
		for m := findPhrase(text, p, 0); m.found(); m = findPhrase(text, p, m.end) {
			inside := false
			for _, o := range seen {
				inside = inside || (o.start <= m.start && m.end <= o.end)
			}
			if !inside {
				seen = append(seen, m)
				counted = true
			}
		}
		if counted {
			n++
		}
	}
	return n
}

// TestCountsPhraseInsideAnotherOnce checks that a phrase inside a longer
// one of the same list is not counted again ("most important" is one
// evaluative phrase), while the same word standing elsewhere is.
func TestCountsPhraseInsideAnotherOnce(t *testing.T) {
	for text, want := range map[string]int{
		"This is the most important step.":                  1,
		"This is important.":                                1,
		"The most important step is also an important one.": 2,
		"This is important and it is also dangerous.":       2,
	} {
		if got := findCues(text, nil).evaluations; got != want {
			t.Errorf("evaluations(%q) = %d, want %d", text, got, want)
		}
	}
}

// TestCueIndexFindsWhatEveryPhraseSearchFinds checks the word index against
// searching the sentence for every phrase of each list.
func TestCueIndexFindsWhatEveryPhraseSearchFinds(t *testing.T) {
	sentences, withCorpus := corpusSentences(t)
	least := 60 // the seed, the test essay and trickySentences
	if withCorpus {
		least = 200
	}
	if len(sentences) < least {
		t.Fatalf("only %d sentences to check", len(sentences))
	}
	found := 0
	for _, text := range sentences {
		sc := scanCues(text, cueIndex)
		for name, l := range allLexicons {
			if got, want := sc.findAny(l), findEach(text, l.phrases); got != want {
				t.Errorf("%s findAny(%q) = %q, want %q", name, text, got.in(text), want.in(text))
			} else if want.found() {
				found++
			}
			if got, want := sc.opener(l), opener(text, l.phrases); got != want {
				t.Errorf("%s opener(%q) = %q, want %q", name, text, got.in(text), want.in(text))
			}
			if got, want := sc.count(l), countPhrases(text, l.phrases); got != want {
				t.Errorf("%s count(%q) = %d, want %d", name, text, got, want)
			}
		}
	}
	if found < 100 {
		t.Errorf("only %d cues found: the sentences do not exercise the index", found)
	}
}

// TestQuickTestsAgreeWithExpressions checks the word test run before
// needRe. (The figure package checks its own quick tests.)
func TestQuickTestsAgreeWithExpressions(t *testing.T) {
	sentences, _ := corpusSentences(t)
	for _, text := range sentences {
		if got, want := findNeed(text), needRe.FindStringIndex(text); !reflect.DeepEqual(got, want) {
			t.Errorf("findNeed(%q) = %v, want %v", text, got, want)
		}
	}
	// the folds the quick test must not miss
	for _, text := range []string{"We NEED it."} {
		if findNeed(text) == nil && needRe.MatchString(text) {
			t.Errorf("a quick test misses %q", text)
		}
	}
}

// TestIndexWord checks which word indexes a phrase.
func TestIndexWord(t *testing.T) {
	for phrase, want := range map[string]string{
		"there is evidence to suggest": "evidence",
		", however,":                   "however",
		"that's why":                   "that",
		"e.g.":                         "e",
		"for,":                         "for",
		"café":                         "",
		"Upper":                        "",
		",;":                           "",
	} {
		if got := indexWord(phrase); got != want {
			t.Errorf("indexWord(%q) = %q, want %q", phrase, got, want)
		}
	}
	x := newPhraseIndex(&lexicon{phrases: []string{"café au lait", "au"}})
	if !reflect.DeepEqual(x.always, []int{0}) {
		t.Errorf("a phrase without an ASCII word is not always searched: %v", x.always)
	}
	if sc := scanCues("Un café au lait.", x); sc.findAny(&lexicon{phrases: []string{"café au lait", "au"}, base: 0}).in("Un café au lait.") != "café au lait" {
		t.Errorf("the always-searched phrase is not found")
	}
}

// TestFindAnyListOrder: the first phrase of the list that the sentence
// has wins, not the first in the sentence.
func TestFindAnyListOrder(t *testing.T) {
	const text = "However, it is therefore late."
	l := &lexicon{phrases: []string{"therefore", "however"}}
	if got := scanCues(text, newPhraseIndex(l)).findAny(l).in(text); got != "therefore" {
		t.Errorf("findAny(%q) = %q, want the list's first phrase found, %q", text, got, "therefore")
	}
	if got := findEach(text, l.phrases).in(text); got != "therefore" {
		t.Errorf("findEach(%q) = %q, want %q", text, got, "therefore")
	}
}

// TestLexiconLongestFirst keeps the rule lexicon.go states: a phrase comes
// before the shorter phrases of its list that it contains, since the
// first phrase of a list that matches is the one a why names ("evaluative
// 'most important'", not "'important'"). For a list of openers only a
// shorter phrase that opens the longer one counts.
func TestLexiconLongestFirst(t *testing.T) {
	openers := map[string]bool{
		"contrastOpeners": true, "conclusionOpeners": true, "verdictOpeners": true, "givenOpeners": true,
		"premiseOpeners": true, "reasonOpeners": true, "concessionOpeners": true,
	}
	for name, l := range allLexicons {
		for i, short := range l.phrases {
			for _, long := range l.phrases[i+1:] {
				var in bool
				if openers[name] {
					in = opener(long, []string{short}).found()
				} else {
					in = findPhrase(long, short, 0).found()
				}
				if in {
					t.Errorf("%s: %q comes before %q, which contains it", name, short, long)
				}
			}
		}
	}
}
