package store

import (
	"slices"
	"testing"

	"github.com/argmap/argmap/internal/essay"
)

func TestMatchBlocks(t *testing.T) {
	b := func(kind essay.Kind, text string) block { return newBlock(kind, text) }
	tests := []struct {
		name     string
		old, cur []block
		want     []int // newToOld
	}{
		{
			name: "same text, kind decides",
			old:  []block{b(essay.Title, "Same words here"), b(essay.Body, "Same words here")},
			cur:  []block{b(essay.Body, "Same words here"), b(essay.Title, "Same words here")},
			want: []int{1, 0},
		},
		{
			name: "same text twice, nearest place wins",
			old:  []block{b(essay.Body, "alpha beta"), b(essay.Body, "gamma"), b(essay.Body, "alpha beta")},
			cur:  []block{b(essay.Body, "delta"), b(essay.Body, "alpha beta"), b(essay.Body, "gamma"), b(essay.Body, "alpha beta")},
			want: []int{-1, 0, 1, 2},
		},
		{
			name: "most similar first",
			old:  []block{b(essay.Body, "red green blue yellow"), b(essay.Body, "red green blue yellow purple orange")},
			cur:  []block{b(essay.Body, "red green blue yellow purple pink")},
			want: []int{1},
		},
		{
			name: "nothing alike",
			old:  []block{b(essay.Body, "red green blue yellow")},
			cur:  []block{b(essay.Body, "cats dogs mice"), b(essay.Body, "* * *")},
			want: []int{-1, -1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := matchBlocks(tt.old, tt.cur).newToOld; !slices.Equal(got, tt.want) {
				t.Errorf("matchBlocks() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSimilarity(t *testing.T) {
	words := func(s string) wordSet { return newBlock(essay.Body, s).words }
	tests := []struct {
		a, b string
		want float64
	}{
		{"The war in Ukraine.", "the WAR in ukraine", 1},
		{"Migrants work in Russia.", "Migrants fight in Ukraine.", 1.0 / 3},
		{"of the and", "of the and", 1}, // only function words: they count
		{"", "anything", 0},
		{"Russia's war", "Russia war", 1}, // a lone "s" is not a word
	}
	for _, tt := range tests {
		if got := similarity(words(tt.a), words(tt.b)); got < tt.want-1e-9 || got > tt.want+1e-9 {
			t.Errorf("similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestLessPID(t *testing.T) {
	pids := []string{"10", "standfirst", "2", "x", "title", "1"}
	slices.SortFunc(pids, func(a, b string) int {
		if lessPID(a, b) {
			return -1
		}
		if lessPID(b, a) {
			return 1
		}
		return 0
	})
	if want := []string{"title", "standfirst", "x", "1", "2", "10"}; !slices.Equal(pids, want) {
		t.Errorf("sorted pids = %v, want %v", pids, want)
	}
}
