package figure

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	tests := []struct {
		sentence string
		want     []Figure // Sentence is not compared; zero fields must be empty
	}{
		{"The city has 1.5 million residents.", []Figure{
			{Kind: Quantity, Text: "1.5 million", Value: NumberValue(1.5e6), Counts: "residents"}}},
		{"According to the statistics office, over 10 million labor migrants from abroad live here, mostly in cities.", []Figure{
			{Kind: Quantity, Text: "over 10 million", Value: NumberValue(1e7), Counts: "labor migrants from abroad", Source: "the statistics office", Qualifier: "over"}}},
		{"Support fell to 40% in the polls.", []Figure{
			{Kind: Percent, Text: "40%", Value: NumberValue(40)}}},
		// a list item's number counts the list, not the world
		{"2. Support fell to 40% in the polls.", []Figure{
			{Kind: Percent, Text: "40%", Value: NumberValue(40)}}},
		{"Nearly 40 percent of voters stayed home.", []Figure{
			{Kind: Percent, Text: "Nearly 40 percent", Value: NumberValue(40), Counts: "voters", Qualifier: "Nearly"}}},
		{"The deal is worth $3bn to the company.", []Figure{
			{Kind: Money, Text: "$3bn", Value: NumberValue(3e9), Currency: "USD"}}},
		{"The EU spent €1.5 million on the study.", []Figure{
			{Kind: Money, Text: "€1.5 million", Value: NumberValue(1.5e6), Currency: "EUR"}}},
		// fractions of a scale: the fraction's words are in the text
		{"Half a million people left.", []Figure{
			{Kind: Quantity, Text: "Half a million", Value: NumberValue(5e5), Counts: "people"}}},
		{"A quarter of a million troops crossed the river.", []Figure{
			{Kind: Quantity, Text: "A quarter of a million", Value: NumberValue(2.5e5), Counts: "troops"}}},
		{"Nearly half a billion dollars went missing.", []Figure{
			{Kind: Money, Text: "Nearly half a billion dollars", Value: NumberValue(5e8), Currency: "USD", Qualifier: "Nearly"}}},
		{"About a third of a million voters stayed home.", []Figure{
			{Kind: Quantity, Text: "About a third of a million", Value: NumberValue(333333), Counts: "voters", Qualifier: "About"}}},
		{"Three quarters of a million homes lost power.", []Figure{
			{Kind: Quantity, Text: "Three quarters of a million", Value: NumberValue(7.5e5), Counts: "homes"}}},
		{"Three-quarters of a million homes lost power.", []Figure{
			{Kind: Quantity, Text: "Three-quarters of a million", Value: NumberValue(7.5e5), Counts: "homes"}}},
		{"They sent half a dozen inspectors.", []Figure{
			{Kind: Quantity, Text: "half a dozen", Value: NumberValue(6), Counts: "inspectors"}}},
		{"Two and a half million refugees fled.", []Figure{
			{Kind: Quantity, Text: "Two and a half million", Value: NumberValue(2.5e6), Counts: "refugees"}}},
		// ratios: a share, as a percent
		{"One in five recruits died.", []Figure{
			{Kind: Percent, Text: "One in five", Value: NumberValue(20), Counts: "recruits died"}}}, // as a count reads it
		{"Nine in ten doctors agree.", []Figure{
			{Kind: Percent, Text: "Nine in ten", Value: NumberValue(90), Counts: "doctors agree"}}},
		{"Two out of three voters stayed home.", []Figure{
			{Kind: Percent, Text: "Two out of three", Value: NumberValue(66.67), Counts: "voters"}}},
		{"Nearly 1 in 4 adults smoke.", []Figure{
			{Kind: Percent, Text: "Nearly 1 in 4", Value: NumberValue(25), Counts: "adults smoke", Qualifier: "Nearly"}}},
		{"The risk is one in three.", []Figure{
			{Kind: Percent, Text: "one in three", Value: NumberValue(33.33)}}},
		{"The risk is one in a million.", []Figure{
			{Kind: Percent, Text: "one in a million", Value: NumberValue(0.0001)}}},
		{"He was the one in 2022.", []Figure{
			{Kind: Date, Text: "2022", Value: ISOValue("2022")}}},
		{"It floods one in ten years.", []Figure{
			{Kind: Duration, Text: "ten years", Value: ISOValue("P10Y")}}},
		{"It will change in five years.", []Figure{
			{Kind: Duration, Text: "five years", Value: ISOValue("P5Y")}}},
		{"The one in front won.", nil},
		// currencies
		{"The fund lost £3bn in bad loans.", []Figure{
			{Kind: Money, Text: "£3bn", Value: NumberValue(3e9), Currency: "GBP"}}},
		{"The bridge cost 2 billion rubles.", []Figure{
			{Kind: Money, Text: "2 billion rubles", Value: NumberValue(2e9), Currency: "RUB"}}},
		{"The port cost ¥40 billion.", []Figure{
			{Kind: Money, Text: "¥40 billion", Value: NumberValue(4e10), Currency: "JPY"}}},
		{"The firm raised US$5m.", []Figure{
			{Kind: Money, Text: "US$5m", Value: NumberValue(5e6), Currency: "USD"}}},
		{"The grant was 5 million euros.", []Figure{
			{Kind: Money, Text: "5 million euros", Value: NumberValue(5e6), Currency: "EUR"}}},
		{"The ticket cost 10 pounds.", []Figure{
			{Kind: Money, Text: "10 pounds", Value: NumberValue(10), Currency: "GBP"}}},
		{"They earn $2,000 a month.", []Figure{
			{Kind: Money, Text: "$2,000", Value: NumberValue(2000), Currency: "USD"}}},
		{"The fine was 40 francs.", []Figure{
			{Kind: Money, Text: "40 francs", Value: NumberValue(40)}}}, // whose francs: unknown
		{"Prices have risen since March 2020.", []Figure{
			{Kind: Date, Text: "since March 2020", Value: ISOValue("2020-03")}}},
		{"2000 people marched through the city.", []Figure{
			{Kind: Quantity, Text: "2000", Value: NumberValue(2000), Counts: "people"}}},
		{"In 1500 households, the heating failed.", []Figure{
			{Kind: Quantity, Text: "1500", Value: NumberValue(1500), Counts: "households"}}},
		{"The memo is dated 31 February 2022, a day that never was.", []Figure{
			{Kind: Date, Text: "31 February 2022", Value: ISOValue("2022-02")}}},
		{"The law passed on 12 May 2021 after a long debate.", []Figure{
			{Kind: Date, Text: "12 May 2021", Value: ISOValue("2021-05-12")}}},
		{"In 2019, fewer than 500 people applied.", []Figure{
			{Kind: Date, Text: "2019", Value: ISOValue("2019")},
			{Kind: Quantity, Text: "fewer than 500", Value: NumberValue(500), Counts: "people", Qualifier: "fewer than"}}},
		{"The war has lasted three years.", []Figure{
			{Kind: Duration, Text: "three years", Value: ISOValue("P3Y")}}},
		{"In return for six months of combat, they were promised a salary.", []Figure{
			{Kind: Duration, Text: "six months", Value: ISOValue("P6M")}}},
		{"It took two weeks to repair the bridge.", []Figure{
			{Kind: Duration, Text: "two weeks", Value: ISOValue("P2W")}}},
		{"The army hired twenty-five cooks and a dozen drivers.", []Figure{
			{Kind: Quantity, Text: "twenty-five", Value: NumberValue(25), Counts: "cooks"},
			{Kind: Quantity, Text: "a dozen", Value: NumberValue(12), Counts: "drivers"}}},
		{"A commercially available bulb may contain up to five milligrams of mercury.", []Figure{
			{Kind: Quantity, Text: "up to five", Value: NumberValue(5), Counts: "milligrams of mercury", Qualifier: "up to"}}},
		{"“We will not send our sons to die in a foreign war,” said Jane Roe, the mayor of the town, last year.", []Figure{
			{Kind: Quote, Text: "We will not send our sons to die in a foreign war,", Speaker: "Jane Roe", SpeakerRole: "the mayor of the town", When: "last year"}}},
		{"“Where are the volunteers?” asked John Smith, a member of parliament, last year.", []Figure{
			{Kind: Quote, Text: "Where are the volunteers?", Speaker: "John Smith", SpeakerRole: "a member of parliament", When: "last year"}}},
		{"John Smith said: \"The numbers do not add up at all.\"", []Figure{
			{Kind: Quote, Text: "The numbers do not add up at all.", Speaker: "John Smith"}}},
		{"According to Jane Roe, “the data are clear and final.”", []Figure{
			{Kind: Quote, Text: "the data are clear and final.", Speaker: "Jane Roe"}}},
		// not figures
		{"One of the reasons for the failure is the cost.", nil},
		{"One can hardly walk there without looking down.", nil},
		{"There are two reasons for this.", nil},
		{"Windows 95 was a popular system.", nil},
		{"She finished 21st in the race.", nil},
		{"The taxpayer stood in with a three-figure billion amount.", nil},
		{"They lost 60:87 at home.", nil},
		{"The Tu-154 and the XYZ-123 are models.", nil},
		{"They called it 'land mines' in jest.", nil},
		{"He is 40 years old.", nil},
		{"Firstly, 16-year-olds pay tax and a 12-month-old baby does not.", nil},
		{"A 9-year old and two 6-month olds slept.", nil},
		// a leading minus sign is the value's, and the text's
		{"Prices fell −3% last year.", []Figure{
			{Kind: Percent, Text: "−3%", Value: NumberValue(-3)},
			{Kind: Date, Text: "last year"}}}, // no value: Find keeps it, an analysis does not list it
		{"-3% was the change.", []Figure{
			{Kind: Percent, Text: "-3%", Value: NumberValue(-3)}}},
		{"Sales saw a fall of -2.5 percent.", []Figure{
			{Kind: Percent, Text: "-2.5 percent", Value: NumberValue(-2.5)}}},
		{"The fund lost -$3bn (or −€2.5m).", []Figure{
			{Kind: Money, Text: "-$3bn", Value: NumberValue(-3e9), Currency: "USD"},
			{Kind: Money, Text: "−€2.5m", Value: NumberValue(-2.5e6), Currency: "EUR"}}},
		{"The 2020-21 season had 30 games.", []Figure{
			{Kind: Quantity, Text: "30", Value: NumberValue(30), Counts: "games"}}},
		{"COVID-19 killed 40 people.", []Figure{
			{Kind: Quantity, Text: "40", Value: NumberValue(40), Counts: "people"}}},
		{"In -2019, it was -6-month.", []Figure{
			{Kind: Quantity, Text: "-2019", Value: NumberValue(-2019)}}}, // no negative year, no negative period
		// scientific notation is one number
		{"It was 1e6 units.", []Figure{
			{Kind: Quantity, Text: "1e6", Value: NumberValue(1e6), Counts: "units"}}},
		{"It rose 2.5e3 times to 1E-3 units.", []Figure{
			{Kind: Quantity, Text: "2.5e3", Value: NumberValue(2500), Counts: "times"},
			{Kind: Quantity, Text: "1E-3", Value: NumberValue(0.001), Counts: "units"}}},
		{"It ran 5e+2km.", []Figure{
			{Kind: Quantity, Text: "5e+2km", Value: NumberValue(500), Counts: "km"}}},
		{"It cost $1e400 in all.", nil},  // too large for a float64
		{"It weighs 1e-400 grams.", nil}, // too small for one
		{"It cost $2.5e6 in all.", []Figure{
			{Kind: Money, Text: "$2.5e6", Value: NumberValue(2.5e6), Currency: "USD"}}},
		// a fraction of the scale after it, and decimals in words
		{"A million and a half people left.", []Figure{
			{Kind: Quantity, Text: "A million and a half", Value: NumberValue(1.5e6), Counts: "people"}}},
		{"Two million and a quarter people voted.", []Figure{
			{Kind: Quantity, Text: "Two million and a quarter", Value: NumberValue(2.25e6), Counts: "people"}}},
		{"They sent a dozen and a half inspectors.", []Figure{
			{Kind: Quantity, Text: "a dozen and a half", Value: NumberValue(18), Counts: "inspectors"}}},
		{"Ninety-nine point nine percent agreed.", []Figure{
			{Kind: Percent, Text: "Ninety-nine point nine percent", Value: NumberValue(99.9)}}},
		{"About two point five million people left.", []Figure{
			{Kind: Quantity, Text: "About two point five million", Value: NumberValue(2.5e6), Counts: "people", Qualifier: "About"}}},
		{"At one point two people left.", nil}, // "at one point" is no decimal (and "point two" a label, as before)
		// no figures inside a web or e-mail address
		{"See https://example.org/x?a=1&y=2 for 40 pages.", []Figure{
			{Kind: Quantity, Text: "40", Value: NumberValue(40), Counts: "pages"}}},
		{"Read www.example.com/2024/05/story?id=7 today.", nil},
		{"Write to bob2024@example.org or HTTP://X.ORG/?n=3.", nil},
		// months abbreviated with a dot
		{"On Sept. 12, 2024 they met.", []Figure{
			{Kind: Date, Text: "Sept. 12, 2024", Value: ISOValue("2024-09-12")}}},
		{"In Dec. 2019 they met.", []Figure{
			{Kind: Date, Text: "Dec. 2019", Value: ISOValue("2019-12")}}},
		{"They met on 3 Jan. 2021 and since Feb. 2022.", []Figure{
			{Kind: Date, Text: "3 Jan. 2021", Value: ISOValue("2021-01-03")},
			{Kind: Date, Text: "since Feb. 2022", Value: ISOValue("2022-02")}}},
		{"On Jan. 3 they met.", nil}, // no year: no ISO value, as "January 3"
		{"On January 3 they met.", nil},
		// a year before Christ
		{"In 2024 BC it fell.", nil},
		{"In 500 BCE it fell.", nil},
		{"By 1200 B.C. it fell, and in March 1066 BC.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			got := Find(tt.sentence)
			if len(got) != len(tt.want) {
				t.Fatalf("Find(%q) figures = %v, want %v", tt.sentence, got, tt.want)
			}
			for i := range got {
				g := got[i]
				if !strings.Contains(tt.sentence, g.Text) {
					t.Errorf("Find(%q) figure text %q is not in the sentence", tt.sentence, g.Text)
				}
				if g.Why == "" {
					t.Errorf("Find(%q) figure %s has no why", tt.sentence, g)
				}
				g.Why = ""
				if g != tt.want[i] {
					t.Errorf("Find(%q) figure %d = %s, want %s", tt.sentence, i, g, tt.want[i])
				}
			}
		})
	}
}

// TestFindFiniteValues: a number too large for a float64 once scaled
// ("…999 trillion", "dozen dozen … dozen") is no figure, rather than one
// whose value is infinite, which JSON cannot hold: `argmap extract` failed
// on it and `argmap ingest` refused the text.
func TestFindFiniteValues(t *testing.T) {
	huge := strings.Repeat("9", 300)
	for _, s := range []string{
		"The debt is " + huge + " trillion dollars.",
		"The debt is $" + huge + "bn.",
		"Prices rose by a dozen " + strings.Repeat("dozen ", 300) + "times.",
		"The dispute has lasted " + huge + strings.Repeat("0", 8) + " centuries.",
	} {
		for _, f := range Find(s) {
			if _, err := json.Marshal(f); err != nil {
				t.Errorf("Find(%.40q…): figure %s: %v", s, f, err)
			}
			if f.Value.Valid && (math.IsInf(f.Value.Number, 0) || math.IsNaN(f.Value.Number) || strings.Contains(f.Value.ISO, "Inf")) {
				t.Errorf("Find(%.40q…): figure %s has a value that is not finite", s, f)
			}
		}
	}
}

// TestDayOfMonthNotListed: a day of a month without a year ("On 3
// January") has no calendar value and counts nothing: Find still returns
// it (what reads a sentence's figures sees what it saw), but it is not
// listed; a day with its year is a date, and a count before a month's name
// that is no day (40, 2.5) is still a quantity.
func TestDayOfMonthNotListed(t *testing.T) {
	for sentence, want := range map[string][]string{
		"On 3 January they met 12 officials.":      {"12"},
		"By 5 May the plan began.":                 nil,
		"On 3 Jan they met, and on 14 Sept. left.": nil,
		"By 14 June 2021, 40 had left.":            {"By 14 June 2021", "40"},
		"Some 40 January arrivals were counted.":   {"Some 40"},
		"On the 3rd they met.":                     nil,
	} {
		var got []string
		all := Find(sentence)
		for _, f := range all {
			if f.Listed() {
				got = append(got, f.Text)
			}
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("listed figures of %q = %q, want %q (all: %v)", sentence, got, want, all)
		}
	}
	if figs := Find("On 3 January they met."); len(figs) != 1 || figs[0].Kind != Quantity {
		t.Errorf("Find(\"On 3 January they met.\") = %v, want the day still returned as a quantity", figs)
	}
}
