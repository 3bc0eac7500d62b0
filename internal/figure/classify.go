package figure

import (
	"math"
	"strconv"
	"strings"

	"github.com/argmap/argmap/internal/lexical"
)

// This file decides what a number read from a sentence is: a duration, a
// quantity of a unit, money, a percent, a date or year, a counted quantity,
// or no figure at all. Each rule looks at the number and the tokens around
// it; the first rule that decides wins.

// reading is a number with the sentence it stands in, as the rules see it.
type reading struct {
	text   string
	toks   []token
	n      number
	source string // who the sentence attributes its facts to, if anyone
}

// at returns token k, or the zero token when k is outside the sentence.
func (r reading) at(k int) token {
	if k < 0 || k >= len(r.toks) {
		return token{}
	}
	return r.toks[k]
}

// before returns the token just before the number.
func (r reading) before() token { return r.at(r.n.first - 1) }

// after returns the k-th token after the number (k ≥ 1).
func (r reading) after(k int) token { return r.at(r.n.last + k) }

// glued reports whether the number's first token has no white space
// before it.
func (r reading) glued() bool { return !r.toks[r.n.first].space }

// verdict is what a rule decides about a number: nothing (the next rule
// decides), no figure, or a figure with the token range its text covers.
type verdict struct {
	decided     bool
	ok          bool
	fig         Figure
	first, last int
}

// undecided says a rule does not apply; notFigure says the number is no
// figure.
var (
	undecided = verdict{}
	notFigure = verdict{decided: true}
)

// figureAt says the number is figure f, covering tokens [first, last].
func figureAt(f Figure, first, last int) verdict {
	return verdict{decided: true, ok: true, fig: f, first: first, last: last}
}

// numberRules decide, in this order, what a number is. count, the last,
// always decides.
var numberRules = []func(reading) verdict{
	gluedToName,
	beforeChrist,
	hyphenated,
	timeOfDayOrScore,
	ratio,
	measured,
	money,
	percent,
	timeSpan,
	year,
	count,
}

// classifyNumber decides what a number is, and returns the figure with the
// token range its text covers, or false when it is no figure.
func classifyNumber(text string, toks []token, n number, source string) (Figure, int, int, bool) {
	r := reading{text: text, toks: toks, n: n, source: source}
	for _, rule := range numberRules {
		if v := rule(r); v.decided {
			return v.fig, v.first, v.last, v.ok
		}
	}
	return Figure{}, 0, 0, false
}

// gluedToName: a number written onto the word or mark before it is part of
// a name: "Tu-154", "COVID-19", "XYZ-123", "A4", "#5".
func gluedToName(r reading) verdict {
	p := r.before()
	if r.glued() && (p.text == "-" || p.kind == tWord || p.text == "/" || p.text == "#") {
		return notFigure
	}
	return undecided
}

// beforeChrist: a number before "BC", "BCE", "B.C." or "B.C.E." is a year
// of an era this finder does not write as an ISO year: no figure ("in 2024
// BC", "500 BCE").
func beforeChrist(r reading) verdict {
	switch nx := r.after(1); {
	case nx.kind != tWord:
	case nx.text == "BC" || nx.text == "BCE":
		return notFigure
	case nx.text == "B" && r.after(2).text == "." && !r.after(2).space && r.after(3).text == "C" && !r.after(3).space:
		return notFigure
	}
	return undecided
}

// hyphenated: a number joined by a hyphen or slash to the word after it.
// With a unit of time it is a duration ("six-month", "20-year"), or an age
// when "old" follows ("16-year-olds", "a 9-year old": no figure, as "40
// years old"); digits
// before a lower-case word make a count an adjective ("a 900-space car
// park"); other digits so joined ("24/7", "3-2") are no figure. A number in
// words goes on to the next rule.
func hyphenated(r reading) verdict {
	nx := r.after(1)
	if nx.space || (nx.text != "-" && nx.text != "/") || nx.kind != tPunct {
		return undecided
	}
	n, w := r.n, r.after(2)
	if u, ok := timeUnits[w.lower()]; ok && !n.percent {
		if isOld(r.after(3), r.after(4)) || n.negative {
			return notFigure // an age: "16-year-olds", "a five-year-old girl", "a 9-year old"; or "-6-month"
		}
		return figureAt(durationFigure(n, u, w.text), n.first, n.last+2)
	}
	if !n.word && w.kind == tWord && !w.space && !lexical.IsCapitalized(w.text) && !n.percent && !n.scaled && n.value > 1 {
		return figureAt(Figure{Kind: Quantity, Value: NumberValue(n.value), Counts: w.text, Source: r.source,
			Why: "quantity counting " + lexical.QuoteCue(w.text)}, n.first, n.last+2)
	}
	if !n.word {
		return notFigure
	}
	return undecided
}

// isOld reports whether the two tokens after a hyphenated unit of time
// make it an age: "-old" or "-olds" glued to it, or "old" after a space
// ("a 9-year old", its second hyphen left out).
func isOld(h, w token) bool {
	if o := w.lower(); h.text == "-" && !h.space && !w.space && (o == "old" || o == "olds") {
		return true
	}
	o := h.lower()
	return h.space && h.kind == tWord && (o == "old" || o == "olds")
}

// timeOfDayOrScore: numbers joined by a colon are a time of day or a
// score ("10:30", "60:87"), no figure.
func timeOfDayOrScore(r reading) verdict {
	if nx := r.after(1); nx.text == ":" && !nx.space && r.after(2).kind == tNum {
		return notFigure
	}
	if p := r.before(); p.text == ":" && r.glued() && r.at(r.n.first-2).kind == tNum {
		return notFigure
	}
	return undecided
}

// measured: digits with a unit glued to them ("3.2km") are a quantity of
// that unit.
func measured(r reading) verdict {
	n := r.n
	if n.unit == "" {
		return undecided
	}
	return figureAt(Figure{Kind: Quantity, Value: NumberValue(n.value), Counts: n.unit, Source: r.source,
		Why: "quantity measured in " + lexical.QuoteCue(n.unit)}, qualifierBefore(r.toks, n.first), n.last)
}

// ratio: "one in five", "1 in 4", "two out of three", "one in a
// million": a whole number, "in" or "out of", and a larger (or equal)
// whole number, is a share, a percent (100·N/M). The second number must
// not be a year ("one in 2022", unless a plural noun follows, as in "1 in
// 1500 households"), nor a duration, percent, unit or hyphenated
// adjective ("one in ten years", "one in five-year terms"): a noun, a
// mark or the end comes after it, so that "nine in ten had …" and "four
// in ten of them" are left as they were (no figure, as a number in words
// with nothing counted). What it counts is the noun phrase after it, as
// of a count.
func ratio(r reading) verdict {
	n := r.n
	k := n.last + 1
	switch {
	case r.at(k).kind == tWord && r.at(k).lower() == "in":
		k++
	case r.at(k).kind == tWord && r.at(k).lower() == "out" && r.at(k+1).lower() == "of":
		k += 2
	default:
		return undecided
	}
	if !wholeCount(n) || k >= len(r.toks) || r.at(k).kind == tPunct {
		return undecided
	}
	m, ok := readNumber(r.toks, k)
	if !ok || !wholeCount(m) || m.value < 2 || m.value < n.value {
		return undecided
	}
	nx := r.at(m.last + 1)
	nxl := nx.lower()
	if _, unit := timeUnits[nxl]; unit && nx.kind == tWord {
		return undecided // "one in ten years"
	}
	if !m.word && !m.scaled && !m.decimal && isInt(m.digits, 1000, 2200) && !(nx.kind == tWord && isPluralNoun(nxl)) {
		return undecided // "one in 2022"
	}
	if (nx.kind == tPunct && (nx.text == "%" || (!nx.space && (nx.text == "-" || nx.text == "/" || nx.text == ":")))) ||
		(nx.kind == tWord && (nxl == "percent" || nxl == "per")) || nx.kind == tNum {
		return undecided // "one in 5%", "one in five-year terms", "1 in 10:30"
	}
	last := m.last
	counts := ""
	if last+1 < len(r.toks) && nx.kind == tWord {
		if counts, _ = countedPhrase(r.text, r.toks, last+1); counts == "" || nxl == "of" {
			return undecided // no noun after it: "nine in ten had", "four in ten of them"
		}
	}
	q := qualifierBefore(r.toks, n.first)
	words := r.text[r.toks[n.first].start:r.toks[last].end]
	f := Figure{Kind: Percent, Value: NumberValue(sharePercent(n.value, m.value)), Source: r.source,
		Why: "ratio " + lexical.QuoteCue(words) + " as a percent"}
	if counts != "" {
		f.Counts = counts
		f.Why += " of " + lexical.QuoteCue(counts)
	}
	r.qualifyAndSource(&f, q, n.first)
	return figureAt(f, q, last)
}

// wholeCount reports whether n is a whole number of one or more written
// as a plain count: no percent, no unit, no fraction.
func wholeCount(n number) bool {
	return n.value >= 1 && n.value == math.Trunc(n.value) && !n.percent && n.unit == "" &&
		!(n.decimal && strings.Contains(n.digits, "."))
}

// sharePercent is n in m as a percent, to two decimals (33.33 for one in
// three), or to two significant digits when it is less than one (0.0001
// for one in a million).
func sharePercent(n, m float64) float64 {
	p := 100 * n / m
	if p >= 1 {
		return math.Round(p*100) / 100
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(p, 'g', 2, 64), 64)
	return v
}

// money: digits after a currency symbol ("$3bn", "US$5m") or a number
// before a currency word ("500 euros", "2 billion rubles", "5 million
// pounds sterling") are an amount of money; the symbol or word is part of
// the figure's text, and says its currency where it is unambiguous (see
// currencyOf).
func money(r reading) verdict {
	first, last := r.n.first, r.n.last
	currency, code := "", ""
	value := r.n.value
	if p := r.before(); p.kind == tPunct && currencySymbols[p.text] && !r.n.word {
		currency, code = p.text, symbolCurrency[p.text]
		first--
		if pre := r.at(first - 1); p.text == "$" && !p.space && pre.kind == tWord && dollarPrefixes[pre.text] != "" {
			currency, code = pre.text+p.text, dollarPrefixes[pre.text] // "US$", "C$", "A$"
			first--
		}
		if !r.n.negative && r.glued() && !r.toks[first].space && first > 0 && signed(r.toks, first) {
			value = -value // "-$3bn", "−€5"
			first--
		}
	} else if nx := r.after(1); nx.kind == tWord && currencyWords[nx.lower()] {
		currency, code = nx.text, wordCurrency[nx.lower()]
		last++
		if s := r.after(2); s.kind == tWord && s.lower() == "sterling" && code == "GBP" {
			last++ // "pounds sterling"
		}
	} else if nx, cw := r.after(1), r.after(2); nx.kind == tWord && cw.kind == tWord && currencyWords[cw.lower()] {
		c, ok := namedCurrency[nx.lower()+" "+cw.lower()]
		if !ok {
			return undecided
		}
		currency, code = nx.text+" "+cw.text, c // "Canadian dollars"
		last += 2
	}
	if currency == "" {
		return undecided
	}
	f := Figure{Kind: Money, Value: NumberValue(value), Currency: code, Source: r.source,
		Why: "money: amount in " + lexical.QuoteCue(currency)}
	q := qualifierBefore(r.toks, first)
	r.qualify(&f, q, first)
	if code != "" {
		f.Why += " (" + code + ")"
	}
	return figureAt(f, q, last)
}

// percent: "40%", "40 %", "40 percent" and "40 per cent" are percents.
func percent(r reading) verdict {
	last := r.n.last
	switch nx := r.after(1); {
	case r.n.percent:
	case nx.kind == tPunct && nx.text == "%":
		last++
	case nx.kind == tWord && nx.lower() == "percent":
		last++
	case nx.kind == tWord && nx.lower() == "per" && r.after(2).lower() == "cent":
		last += 2
	default:
		return undecided
	}
	f, q := percentFigure(r.toks, r.n, last, r.source)
	return figureAt(f, q, last)
}

// timeSpan: a number before a unit of time. "N years ago" is a relative
// date, "N years old" an age (no figure), "three years" a duration (of
// more than nothing); "over five years" is a span of time, so "over" is
// not its qualifier.
func timeSpan(r reading) verdict {
	n, nx := r.n, r.after(1)
	if nx.kind != tWord {
		return undecided
	}
	u, ok := timeUnits[nx.lower()]
	if !ok {
		return undecided
	}
	switch r.after(2).lower() {
	case "ago":
		words := r.text[r.toks[n.first].start:r.after(2).end]
		return figureAt(Figure{Kind: Date, Why: "relative date " + lexical.QuoteCue(words) + " (no calendar value)"}, n.first, n.last+2)
	case "old", "older", "younger":
		return notFigure
	}
	if n.value <= 0 {
		return notFigure
	}
	q := qualifierBefore(r.toks, n.first)
	if q < n.first && r.toks[q].lower() == "over" {
		q = n.first
	}
	return figureAt(durationFigure(n, u, nx.text), q, n.last+1)
}

// year: a plain four-digit number from 1000 to 2200 is a year after a
// temporal preposition ("since 2014", which the text keeps), and where
// what stands around it says so ("in 2019", "a 2019 study", "the 2024
// election", at the start). A plural noun after it makes it a count
// instead: "2000 people marched", "a survey of 1500 workers", "in 1500
// households".
func year(r reading) verdict {
	n := r.n
	if n.word || n.scaled || n.decimal || n.negative || !isInt(n.digits, 1000, 2200) {
		return undecided
	}
	p, nx := r.before(), r.after(1)
	pl := p.lower()
	if temporalPreps[pl] {
		return figureAt(Figure{Kind: Date, Value: ISOValue(n.digits), Why: "year after " + lexical.QuoteCue(p.text)}, n.first-1, n.last)
	}
	singular := nx.kind == tWord && !strings.HasSuffix(nx.lower(), "s") && !irregularPlurals[nx.lower()]
	plural := nx.kind == tWord && isPluralNoun(nx.lower())
	if !plural && (plainTemporalPreps[pl] || n.first == 0 || nx.kind != tWord || p.kind == tPunct || pl == "a" || strings.HasSuffix(pl, "'s") || singular) {
		return figureAt(Figure{Kind: Date, Value: ISOValue(n.digits), Why: "a year"}, n.first, n.last)
	}
	return undecided
}

// count: what no rule above took is a counted quantity, with what it
// counts, its qualifier and its source, unless it counts nothing (see
// countsNothing), or is a number in words with no noun to count.
func count(r reading) verdict {
	if countsNothing(r) {
		return notFigure
	}
	n := r.n
	counts, _ := countedPhrase(r.text, r.toks, n.last+1)
	if counts == "" && n.word && !n.scaled {
		return notFigure
	}
	q := qualifierBefore(r.toks, n.first)
	f := Figure{Kind: Quantity, Value: NumberValue(n.value), Counts: counts, Source: r.source}
	f.Why = "quantity"
	if counts != "" {
		f.Why += " counting " + lexical.QuoteCue(counts)
	}
	r.qualifyAndSource(&f, q, n.first)
	return figureAt(f, q, n.last)
}

// countsNothing reports whether a number that is no unit, money, percent,
// time or year counts nothing: "one" or "a" alone (a pronoun or an
// article), a label ("page 12"), part of a name ("Windows 95", "Agenda
// 2030"), a list ("two reasons"), unless a scale ("two million") makes it
// a count; and "the two of us", or an ordinal ("21 st"), whatever its
// scale.
func countsNothing(r reading) bool {
	n, p, nx := r.n, r.before(), r.after(1)
	if n.word && !n.scaled && n.value <= 1 {
		return true
	}
	if p.kind == tWord {
		pl := p.lower()
		if labelWords[pl] && !n.scaled {
			return true
		}
		if lexical.IsCapitalized(p.text) && !strings.HasSuffix(pl, "'s") && !n.scaled && !isQualifier(pl) && !determiners[pl] && !temporalPreps[pl] && !plainTemporalPreps[pl] {
			return true
		}
		if pl == "the" && n.word && nx.lower() == "of" {
			return true
		}
	}
	if nx.kind == tWord && listNouns[nx.lower()] && !n.scaled {
		return true
	}
	return nx.kind == tWord && (nx.lower() == "st" || nx.lower() == "th")
}

// percentFigure makes the percent figure of number n, whose words end at
// token last, and returns it with the first token of its qualifier (n.first
// when it has none).
func percentFigure(toks []token, n number, last int, source string) (Figure, int) {
	q := qualifierBefore(toks, n.first)
	f := Figure{Kind: Percent, Value: NumberValue(n.value), Source: source, Why: "percent"}
	if last+2 < len(toks) && toks[last+1].lower() == "of" {
		if counts, _ := countedPhrase("", toks, last+2); counts != "" {
			f.Counts = counts
			f.Why += " of " + lexical.QuoteCue(counts)
		}
	}
	if q < n.first {
		f.Qualifier = joinTokens(toks, q, n.first-1)
	}
	if source != "" {
		f.Why += ", source " + lexical.QuoteCue(source)
	}
	return f, q
}

// durationFigure makes the duration figure of n units u, unit being the
// unit's word as the sentence has it. A period too long for a float64 in
// the designator's units has no value.
func durationFigure(n number, u timeUnit, unit string) Figure {
	f := Figure{Kind: Duration, Why: "duration: a number of " + lexical.QuoteCue(unit)}
	v := n.value * u.mult
	if math.IsInf(v, 0) {
		return f
	}
	num := strconv.FormatFloat(v, 'f', -1, 64)
	iso := "P" + num + u.designator
	if u.time {
		iso = "PT" + num + u.designator
	}
	f.Value = ISOValue(iso)
	return f
}

// qualify gives f the qualifier of tokens q to first-1 ("over", "nearly"),
// when there is one (q < first), and says so in its why.
func (r *reading) qualify(f *Figure, q, first int) {
	if q < first {
		f.Qualifier = r.text[r.toks[q].start:r.toks[first-1].end]
		f.Why += ", qualified by " + lexical.QuoteCue(f.Qualifier)
	}
}

// qualifyAndSource is qualify, then the sentence's source, in f's why.
func (r *reading) qualifyAndSource(f *Figure, q, first int) {
	r.qualify(f, q, first)
	if r.source != "" {
		f.Why += ", source " + lexical.QuoteCue(r.source)
	}
}
