package figure

import (
	"strings"
	"testing"
)

// ruleCase is a number in a sentence and what one rule of classifyNumber
// should decide about it: want is "" when the rule does not decide, "-"
// for no figure, and otherwise the figure's kind and text as "kind: text".
type ruleCase struct {
	sentence, at, want string
}

// readingAt reads the number that starts where at first stands in
// sentence, as classifyNumber's rules see it.
func readingAt(t *testing.T, sentence, at string) reading {
	t.Helper()
	toks := tokenize(sentence)
	start := strings.Index(sentence, at)
	for i, tok := range toks {
		if tok.start != start {
			continue
		}
		n, ok := readNumber(toks, i)
		if !ok {
			t.Fatalf("no number at %q in %q", at, sentence)
		}
		return reading{text: sentence, toks: toks, n: n, source: findSource(sentence)}
	}
	t.Fatalf("no token starts at %q in %q", at, sentence)
	return reading{}
}

// decide returns what rule decides about the number of c, written as
// ruleCase.want is.
func decide(t *testing.T, rule func(reading) verdict, c ruleCase) string {
	t.Helper()
	r := readingAt(t, c.sentence, c.at)
	v := rule(r)
	switch {
	case !v.decided:
		return ""
	case !v.ok:
		return "-"
	case v.first < 0 || v.last >= len(r.toks):
		return string(v.fig.Kind) + ": out of the sentence"
	default:
		return string(v.fig.Kind) + ": " + c.sentence[r.toks[v.first].start:r.toks[v.last].end]
	}
}

func testRule(t *testing.T, name string, rule func(reading) verdict, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.sentence, func(t *testing.T) {
			if got := decide(t, rule, c); got != c.want {
				t.Errorf("%s(%q at %q) = %q, want %q", name, c.sentence, c.at, got, c.want)
			}
		})
	}
}

func TestGluedToName(t *testing.T) {
	testRule(t, "gluedToName", gluedToName, []ruleCase{
		{"The Tu-154 crashed.", "154", "-"},
		{"The XYZ-123 flies.", "123", "-"},
		{"Ticket #5 won.", "5", "-"},
		{"It runs 24/7 here.", "7", "-"},
		{"They sold - 5 cars.", "5", ""}, // a dash with space around is no glue
		{"5 cars left.", "5", ""},
	})
}

func TestHyphenated(t *testing.T) {
	testRule(t, "hyphenated", hyphenated, []ruleCase{
		{"A six-month contract.", "six", "duration: six-month"},
		{"A 20-year plan.", "20", "duration: 20-year"},
		{"Votes for 16-year-olds.", "16", "-"}, // an age, as "40 years old"
		{"A five-year-old girl sang.", "five", "-"},
		{"A 10-year-old law.", "10", "-"},
		{"A 9-year old boy.", "9", "-"}, // the second hyphen left out
		{"Two 12-month olds.", "12", "-"},
		{"A 20-year oldest-first plan.", "20", "duration: 20-year"},
		{"A 900-space car park.", "900", "quantity: 900-space"},
		{"It ended 3-2 at home.", "3", "-"},
		{"A 1-way street.", "1", "-"},        // a count of one is no adjective count
		{"A 5-Star hotel.", "5", "-"},        // a capitalised word is a name
		{"Twenty-five cooks.", "Twenty", ""}, // read as one number in words
		{"Two - three cooks.", "Two", ""},
		{"5 cars.", "5", ""},
	})
}

func TestTimeOfDayOrScore(t *testing.T) {
	testRule(t, "timeOfDayOrScore", timeOfDayOrScore, []ruleCase{
		{"They lost 60:87 at home.", "60", "-"},
		{"They lost 60:87 at home.", "87", "-"},
		{"Note: 5 cars left.", "5", ""},
		{"At 10: the rest.", "10", ""},
	})
}

func TestMeasured(t *testing.T) {
	testRule(t, "measured", measured, []ruleCase{
		{"The road is 3.2km long.", "3.2km", "quantity: 3.2km"},
		{"It weighs over 5kg now.", "5kg", "quantity: over 5kg"},
		{"It weighs 5 kg.", "5", ""},
	})
}

func TestMoney(t *testing.T) {
	testRule(t, "money", money, []ruleCase{
		{"The deal is worth $3bn to them.", "3bn", "money: $3bn"},
		{"They paid nearly €40 each.", "40", "money: nearly €40"},
		{"They paid 500 euros each.", "500", "money: 500 euros"},
		{"It costs five dollars.", "five", "money: five dollars"},
		{"It costs $ five.", "five", ""}, // a symbol goes before digits only
		{"It costs 500 pence.", "500", ""},
	})
}

func TestPercent(t *testing.T) {
	testRule(t, "percent", percent, []ruleCase{
		{"Support fell to 40% in May.", "40", "percent: 40%"},
		{"Support fell to 40 % in May.", "40", "percent: 40 %"},
		{"Nearly 40 percent of voters stayed home.", "40", "percent: Nearly 40 percent"},
		{"About 12 per cent left.", "12", "percent: About 12 per cent"},
		{"They paid 12 per unit.", "12", ""},
		{"They paid 12 dollars.", "12", ""},
	})
}

func TestTimeSpan(t *testing.T) {
	testRule(t, "timeSpan", timeSpan, []ruleCase{
		{"The war has lasted three years.", "three", "duration: three years"},
		{"It took nearly two weeks.", "two", "duration: nearly two weeks"},
		{"It grew over five years.", "five", "duration: five years"}, // "over" is across, not more than
		{"It happened 20 years ago.", "20", "date: 20 years ago"},
		{"He is 40 years old.", "40", "-"},
		{"It took 0 days.", "0", "-"},
		{"It took 40 men.", "40", ""},
	})
}

func TestYear(t *testing.T) {
	testRule(t, "year", year, []ruleCase{
		{"Prices have risen since 2014 in the city.", "2014", "date: since 2014"},
		{"In 2019, fewer people applied.", "2019", "date: 2019"},
		{"A 2019 study found it.", "2019", "date: 2019"},
		{"2019 was hard.", "2019", "date: 2019"}, // at the start
		{"2000 people marched.", "2000", ""},     // a plural noun: a count
		{"A survey of 1500 workers.", "1500", ""},
		{"They counted 3000 votes.", "3000", ""},
		{"It costs 2,019 in all.", "2,019", ""}, // a separator: no year
		{"It is 999 years old.", "999", ""},
		{"In 2200, the sea will be higher.", "2200", "date: 2200"}, // the last year
		{"In 2201, the sea will be higher.", "2201", ""},
	})
}

func TestCountsNothing(t *testing.T) {
	tests := []struct {
		sentence, at string
		want         bool
	}{
		{"One of the reasons is cost.", "One", true},
		{"Read page 12 first.", "12", true},
		{"Windows 95 was popular.", "95", true},
		{"The two of us went.", "two", true},
		{"There are two reasons.", "two", true},
		{"She finished 21 st.", "21", true},
		{"The two million of them came.", "two", true}, // "the … of" whatever the scale
		{"There are two million reasons.", "two", false},
		{"Read page 12 million times.", "12", false},
		{"Some 500 people came.", "500", false}, // a qualifier, not a name
		{"The 500 people came.", "500", false},
		{"They hired 40 cooks.", "40", false},
		{"He saw one car.", "one", true}, // one in words counts nothing
		{"He saw two cars.", "two", false},
	}
	for _, tt := range tests {
		if got := countsNothing(readingAt(t, tt.sentence, tt.at)); got != tt.want {
			t.Errorf("countsNothing(%q at %q) = %v, want %v", tt.sentence, tt.at, got, tt.want)
		}
	}
}

func TestCount(t *testing.T) {
	testRule(t, "count", count, []ruleCase{
		{"They hired 40 cooks.", "40", "quantity: 40"},
		{"Over 10 million migrants live here.", "10", "quantity: Over 10 million"},
		{"They hired a dozen drivers.", "a", "quantity: a dozen"},
		{"They hired twelve.", "twelve", "-"}, // in words, with nothing counted
		{"They hired 12.", "12", "quantity: 12"},
		{"There are two reasons.", "two", "-"},
	})
}

// TestClassifyNumberCounts checks what the count rule gives beyond the
// text: what is counted, the qualifier and the source.
func TestClassifyNumberCounts(t *testing.T) {
	r := readingAt(t, "According to the census, more than 2 million seasonal workers from the south live there.", "2")
	f, _, _, ok := classifyNumber(r.text, r.toks, r.n, r.source)
	want := Figure{Kind: Quantity, Value: NumberValue(2e6), Counts: "seasonal workers from the south", Source: "the census", Qualifier: "more than"}
	if !strings.Contains(f.Why, "source 'the census'") {
		t.Errorf("classifyNumber(%q) why = %q, want it to name the source", r.text, f.Why)
	}
	f.Why = ""
	if !ok || f != want {
		t.Errorf("classifyNumber(%q) = %s, %v; want %s", r.text, f, ok, want)
	}
}
