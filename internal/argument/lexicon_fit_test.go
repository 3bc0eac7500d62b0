package argument_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/corpus"
	"github.com/argmap/argmap/internal/lexical"
)

// TestLexiconNotFittedToSeed: every lexicon phrase that occurs in the seed
// essay occurs in at least one training text too. A phrase that fires on
// the seed and on no text the model learned from is a lookup keyed on the
// seed: the model gave it no weight of its own, and the only text it is
// known to change is the one the map was checked on. (Phrases in neither
// are general vocabulary the corpora happen not to use; they are allowed.)
func TestLexiconNotFittedToSeed(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "corpora")
	var texts []string
	for _, name := range []string{corpus.Silver, corpus.WebDiscourse, corpus.Microtexts} {
		docs, err := corpus.Load(filepath.Join(shared, name))
		if corpus.IsMissing(err) {
			t.Skipf("corpus not here: %v", err)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			var b strings.Builder
			for _, p := range d.Essay.Paragraphs {
				b.WriteString(p.Text + "\n")
			}
			texts = append(texts, b.String())
		}
	}
	seed, err := os.ReadFile(filepath.Join("..", "..", "seeds", "central-asians-in-russias-war.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lists := argument.LexiconPhrases()
	checked := 0
	for _, name := range slices.Sorted(maps.Keys(lists)) {
		for _, phrase := range lists[name] {
			if !lexical.FindPhrase(string(seed), phrase, 0).Found() {
				continue
			}
			checked++
			if !slices.ContainsFunc(texts, func(tx string) bool { return lexical.FindPhrase(tx, phrase, 0).Found() }) {
				t.Errorf("%s: %q occurs in the seed and in none of the %d training texts", name, phrase, len(texts))
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d lexicon phrases occur in the seed; the check reads too little", checked)
	}
}
