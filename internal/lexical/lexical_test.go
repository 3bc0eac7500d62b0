package lexical

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestFindPhrase(t *testing.T) {
	tests := []struct {
		text, phrase string
		from         int
		want         string
	}{
		{"According to the report, it rose.", "according to", 0, "According to"},
		{"It is, according  to\tthem, late.", "according to", 0, "according  to"},
		{"That’s why we act.", "that's why", 0, "That’s why"},
		{"Butter is not but.", "but", 0, "but"},        // whole words only
		{"However, however.", "however", 1, "however"}, // from an offset
		{"Nothing here.", "however", 0, ""},
		{"", "a", 0, ""},
		{"a", "", 0, ""},
		{"Naïve but", "ve", 0, ""}, // ï is a letter: no boundary before "ve"
	}
	for _, tt := range tests {
		if got := FindPhrase(tt.text, tt.phrase, tt.from).In(tt.text); got != tt.want {
			t.Errorf("FindPhrase(%q, %q, %d) = %q, want %q", tt.text, tt.phrase, tt.from, got, tt.want)
		}
	}
}

func TestOpener(t *testing.T) {
	phrases := []string{"therefore", "however"}
	tests := []struct{ text, want string }{
		{"“However, no.", "However"},
		{"  however it goes", "however"},
		{"Howevers are rare.", ""},
		{"It is however.", ""},
	}
	for _, tt := range tests {
		if got := Opener(tt.text, phrases).In(tt.text); got != tt.want {
			t.Errorf("Opener(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestContainsFoldASCII(t *testing.T) {
	tests := []struct {
		text, word string
		want       bool
	}{
		{"We NEED it", "need", true},
		{"needle", "need", true},
		{"ne ed", "need", false},
		{"", "need", false},
	}
	for _, tt := range tests {
		if got := ContainsFoldASCII(tt.text, tt.word); got != tt.want {
			t.Errorf("ContainsFoldASCII(%q, %q) = %v, want %v", tt.text, tt.word, got, tt.want)
		}
	}
}

func TestQuoteCue(t *testing.T) {
	long := strings.Repeat("é", 61)
	tests := []struct{ text, want string }{
		{"According to", "'According to'"},
		{" a \n b\t", "'a b'"},
		{strings.Repeat("é", 60), "'" + strings.Repeat("é", 60) + "'"},
		{long, "'" + strings.Repeat("é", 57) + "…'"},
	}
	for _, tt := range tests {
		if got := QuoteCue(tt.text); got != tt.want {
			t.Errorf("QuoteCue(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSingleSpaced(t *testing.T) {
	for _, s := range []string{"", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a b c", " "} {
		if got, want := SingleSpaced(s), s != "" && s == strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("SingleSpaced(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestWordsAndTokens(t *testing.T) {
	tests := []struct {
		text          string
		words, tokens []string
	}{
		{"Europe’s WAR, in 2022!", []string{"europe", "war", "in", "2022"}, []string{"europe", "s", "war", "in", "2022"}},
		{"don't O'Brien", []string{"don", "o"}, []string{"don", "t", "o", "brien"}},
		{"'quoted' café", []string{"quoted", "café"}, []string{"quoted", "café"}},
		{"", nil, []string{}},
	}
	for _, tt := range tests {
		if got := Words(tt.text); !slices.Equal(got, tt.words) {
			t.Errorf("Words(%q) = %q, want %q", tt.text, got, tt.words)
		}
		if got := Tokens(tt.text); !slices.Equal(got, tt.tokens) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.text, got, tt.tokens)
		}
	}
}

// keys returns the words of s, sorted.
func keys(s Set) []string {
	var out []string
	for w := range s {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

func TestTerms(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The claims we should make", []string{"claim", "make"}}, // stop words out, plural -s trimmed
		{"This class has gas", []string{"class", "gas"}},         // -ss kept, and short words
		{"Europe’s x", []string{"europe"}},                       // one-byte words out
		{"the of and", nil},
	}
	for _, tt := range tests {
		if got := keys(Terms(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestKeyWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The war in Ukraine, one year on", []string{"ukraine", "war", "year"}},
		{"We should act", []string{"act", "should"}}, // no modal verbs in this list
		{"of the and", []string{"and", "of", "the"}}, // only stop words: they count
		{"é x war", []string{"war"}},                 // one character, however many bytes
	}
	for _, tt := range tests {
		if got := keys(KeyWords(Tokens(tt.text))); !slices.Equal(got, tt.want) {
			t.Errorf("KeyWords(Tokens(%q)) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSimilarities(t *testing.T) {
	set := func(ws ...string) Set {
		s := make(Set)
		for _, w := range ws {
			s[w] = struct{}{}
		}
		return s
	}
	abc, bcd, empty := set("a", "b", "c"), set("b", "c", "d", "e"), set()
	tests := []struct {
		name      string
		got, want float64
	}{
		{"Cosine", Cosine(abc, bcd), 2 / math.Sqrt(12)},
		{"Cosine same", Cosine(abc, abc), 1},
		{"Cosine empty", Cosine(abc, empty), 0},
		{"Dice", Dice(abc, bcd), 4.0 / 7},
		{"Dice empty", Dice(empty, empty), 0},
		{"Containment", Containment(abc, bcd), 2.0 / 3},
		{"Containment empty", Containment(empty, abc), 0},
		{"Similarity", Similarity("Migrants fight wars.", "The war of the migrants"), 2 / math.Sqrt(6)},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	c := abc.Clone()
	c.Add(bcd)
	if !slices.Equal(keys(c), []string{"a", "b", "c", "d", "e"}) || len(abc) != 3 || abc.Intersect(bcd) != 2 {
		t.Errorf("Clone, Add or Intersect wrong: %v from %v and %v", keys(c), keys(abc), keys(bcd))
	}
}

func TestListMarker(t *testing.T) {
	for in, want := range map[string]int{
		"1. Cities grow.": 3, "12) Cities grow.": 4, "(b) Cities grow.": 4, "a.  Cities grow.": 4,
		"1.5 million left.": 0, "2020. It was late.": 0, "a.m. trains": 0, "I. Introduction": 0, "Cities grow.": 0,
	} {
		if got := ListMarker(in); got != want {
			t.Errorf("ListMarker(%q) = %d, want %d", in, got, want)
		}
	}
}
