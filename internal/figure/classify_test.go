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
		{"The firm raised US$5m.", "5m", "money: US$5m"},
		{"It costs C$40 here.", "40", "money: C$40"},
		{"They paid 5 million pounds sterling.", "5", "money: 5 million pounds sterling"},
		{"It cost 5 million Swiss francs.", "5", "money: 5 million Swiss francs"},
		{"It cost 5 million Belgian waffles.", "5", ""},
		{"They earn $2,000 a month.", "2,000", "money: $2,000"}, // the rate is left alone
	})
}

// TestMoneyCurrency: the ISO 4217 code of a money figure's currency, where
// its symbol or word says it, and its qualifier.
func TestMoneyCurrency(t *testing.T) {
	for _, tt := range []struct{ sentence, at, currency, qualifier string }{
		{"The EU gave €5 million.", "5", "EUR", ""},
		{"The firm lost £3bn.", "3bn", "GBP", ""},
		{"It cost 2 billion rubles.", "2", "RUB", ""},
		{"It cost 2 billion roubles.", "2", "RUB", ""},
		{"It cost ₽300.", "300", "RUB", ""},
		{"It cost ¥40 billion.", "40", "JPY", ""},
		{"It cost 40 billion yen.", "40", "JPY", ""},
		{"It cost 40 yuan.", "40", "CNY", ""},
		{"It cost 40 renminbi.", "40", "CNY", ""},
		{"It cost $2,000.", "2,000", "USD", ""},
		{"It cost five dollars.", "five", "USD", ""},
		{"It raised US$5m.", "5m", "USD", ""},
		{"It raised C$5m.", "5m", "CAD", ""},
		{"It raised A$5m.", "5m", "AUD", ""},
		{"It cost 5 million euros.", "5", "EUR", ""},
		{"It cost 10 pounds.", "10", "GBP", ""},
		{"It cost 5 million Canadian dollars.", "5", "CAD", ""},
		{"It cost 40 francs.", "40", "", ""},
		{"It cost 40 rupees.", "40", "", ""},
		{"They paid nearly €40 each.", "40", "EUR", "nearly"},
		{"It cost more than $3bn.", "3bn", "USD", "more than"},
	} {
		t.Run(tt.sentence, func(t *testing.T) {
			r := readingAt(t, tt.sentence, tt.at)
			v := money(r)
			if !v.ok || v.fig.Currency != tt.currency || v.fig.Qualifier != tt.qualifier {
				t.Errorf("money(%q at %q) = %s, %v; want currency %q, qualifier %q", tt.sentence, tt.at, v.fig, v.ok, tt.currency, tt.qualifier)
			}
		})
	}
}

func TestRatio(t *testing.T) {
	testRule(t, "ratio", ratio, []ruleCase{
		{"One in five recruits died.", "One", "percent: One in five"},
		{"1 in 4 adults smoke.", "1", "percent: 1 in 4"},
		{"Two out of three voters agreed.", "Two", "percent: Two out of three"},
		{"Nine in ten doctors agree.", "Nine", "percent: Nine in ten"},
		{"Nearly one in five recruits left.", "one", "percent: Nearly one in five"},
		{"The risk is one in a million.", "one", "percent: one in a million"},
		{"Ten out of ten critics liked it.", "Ten", "percent: Ten out of ten"},
		{"It hit 1 in 1500 households.", "1", "percent: 1 in 1500"},           // a plural noun: no year
		{"She ranked one in five categories.", "one", "percent: one in five"}, // read as a ratio, as the words allow
		{"He was the one in 2022.", "one", ""},                                // a year
		{"It floods one in ten years.", "one", ""},                            // a duration
		{"It floods once in 5 days, one in 5 days.", "one", ""},
		{"One in five-year terms.", "One", ""},
		{"One in 5% of cases.", "One", ""},
		{"One in 10:30 flights.", "One", ""},
		{"Five in two cars.", "Five", ""}, // more than the whole
		{"1.5 in 4 cases.", "1.5", ""},
		{"One in one.", "One", ""},
		{"The one in front won.", "one", ""},
		{"Nine in ten had never been counted.", "Nine", ""}, // a verb, no noun, after it
		{"Four in ten of them came.", "Four", ""},
		{"The odds were one in ten, at best.", "one", "percent: one in ten"}, // a mark after it
		{"One in.", "One", ""},
		{"2 in, 3 out.", "2", ""},
	})
}

func TestSharePercent(t *testing.T) {
	for _, tt := range []struct{ n, m, want float64 }{
		{1, 5, 20}, {1, 3, 33.33}, {2, 3, 66.67}, {9, 10, 90}, {1, 7, 14.29},
		{1, 1e6, 0.0001}, {1, 1500, 0.067}, {1, 100, 1}, {10, 10, 100},
	} {
		if got := sharePercent(tt.n, tt.m); got != tt.want {
			t.Errorf("sharePercent(%v, %v) = %v, want %v", tt.n, tt.m, got, tt.want)
		}
	}
}

// TestReadFraction: a fraction of a scale word is one number, its
// fraction's words in its span.
func TestReadFraction(t *testing.T) {
	for _, tt := range []struct {
		sentence, at, want string
		value              float64
	}{
		{"Half a million people left.", "Half", "Half a million", 5e5},
		{"A quarter of a million troops.", "A", "A quarter of a million", 2.5e5},
		{"Nearly half a billion dollars.", "half", "half a billion", 5e8},
		{"About a third of a million voters.", "a", "a third of a million", 333333},
		{"One third of a billion.", "One", "One third of a billion", 333333333},
		{"Three quarters of a million homes.", "Three", "Three quarters of a million", 7.5e5},
		{"Three-quarters of a million homes.", "Three", "Three-quarters of a million", 7.5e5},
		{"Two thirds of a million homes.", "Two", "Two thirds of a million", 666667},
		{"A half million homes.", "A", "A half million", 5e5},
		{"A quarter million homes.", "A", "A quarter million", 2.5e5},
		{"Half a dozen eggs.", "Half", "Half a dozen", 6},
		{"Two and a half million refugees.", "Two", "Two and a half million", 2.5e6},
		{"One and a quarter billion people.", "One", "One and a quarter billion", 1.25e9},
		{"A million people.", "A", "A million", 1e6},
		{"Three quarters of the vote.", "Three", "Three", 3}, // not of a scale
		{"A quarter of a century ago.", "quarter", "", 0},    // no number
		{"Half of the voters.", "Half", "", 0},               // no number
		{"A third million homes.", "third", "", 0},           // no "a" before it: no number at "third"
		{"Three quarter of a million.", "Three", "Three", 3}, // a plural after three
		{"A thirds of a million.", "A", "", 0},               // a singular after a
		{"5 and a half million left.", "half", "", 0},        // not "half million"
		{"5 and a half million left.", "a", "", 0},
		{"Rents rose, and half a million people left.", "half", "half a million", 5e5}, // "and" after no number
		{"Rents rose and a quarter of a million left.", "a quarter", "a quarter of a million", 2.5e5},
	} {
		t.Run(tt.sentence+" at "+tt.at, func(t *testing.T) {
			toks := tokenize(tt.sentence)
			start := strings.Index(tt.sentence, tt.at)
			for i, tok := range toks {
				if tok.start != start {
					continue
				}
				n, ok := readNumber(toks, i)
				got := ""
				if ok {
					got = tt.sentence[toks[n.first].start:toks[n.last].end]
				}
				if got != tt.want || (ok && n.value != tt.value) {
					t.Errorf("readNumber(%q at %q) = %q %v, want %q %v", tt.sentence, tt.at, got, n.value, tt.want, tt.value)
				}
				return
			}
			t.Fatalf("no token starts at %q", tt.at)
		})
	}
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
