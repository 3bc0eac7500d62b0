package main

import (
	"slices"
	"testing"

	"github.com/argmap/argmap/internal/corpus"
)

// TestWithoutSilverCopies: `argmap train` learns a web-discourse text
// that the silver corpus re-annotates once, from the silver annotation,
// whichever of the two folders it was given first.
func TestWithoutSilverCopies(t *testing.T) {
	web := []*corpus.Doc{{ID: "1021", Corpus: corpus.WebDiscourse}, {ID: "3000", Corpus: corpus.WebDiscourse}}
	silver := []*corpus.Doc{{ID: "wd-1021", Corpus: corpus.Silver}, {ID: "w1-01", Corpus: corpus.Silver}}
	for _, docs := range [][]*corpus.Doc{slices.Concat(web, silver), slices.Concat(silver, web)} {
		var got []string
		for _, d := range withoutSilverCopies(docs) {
			got = append(got, d.Corpus+"/"+d.ID)
		}
		slices.Sort(got)
		want := []string{"opinion-silver/w1-01", "opinion-silver/wd-1021", "web-discourse/3000"}
		if !slices.Equal(got, want) {
			t.Errorf("withoutSilverCopies = %v, want %v", got, want)
		}
	}
}
