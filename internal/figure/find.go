package figure

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/argmap/argmap/internal/lexical"
)

// This file finds cited figures in a sentence: quotes with their speakers,
// dates, durations, percents, money and counted quantities.

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
	"december": 12,
}

// monthAbbrevs are the months as they are abbreviated with a dot: "Jan.
// 3", "Sept. 12, 2024", "Dec. 2019". May has none.
var monthAbbrevs = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// timeUnit is a unit of time as an ISO 8601 period writes it.
type timeUnit struct {
	designator string
	time       bool // after the T of a period
	mult       float64
}

// timeUnits map a unit word to its ISO 8601 designator and multiplier.
var timeUnits = map[string]timeUnit{
	"second": {"S", true, 1}, "seconds": {"S", true, 1},
	"minute": {"M", true, 1}, "minutes": {"M", true, 1},
	"hour": {"H", true, 1}, "hours": {"H", true, 1},
	"day": {"D", false, 1}, "days": {"D", false, 1},
	"week": {"W", false, 1}, "weeks": {"W", false, 1},
	"month": {"M", false, 1}, "months": {"M", false, 1},
	"year": {"Y", false, 1}, "years": {"Y", false, 1},
	"decade": {"Y", false, 10}, "decades": {"Y", false, 10},
	"century": {"Y", false, 100}, "centuries": {"Y", false, 100},
}

var currencyWords = map[string]bool{
	"dollars": true, "dollar": true, "euros": true, "euro": true,
	"pounds": true, "rubles": true, "roubles": true, "yen": true,
	"yuan": true, "renminbi": true, "francs": true, "rupees": true, "pesos": true,
}

var currencySymbols = map[string]bool{"$": true, "€": true, "£": true, "¥": true, "₽": true, "₹": true}

// The ISO 4217 codes of the currencies that money's symbols and words name
// unambiguously. A bare "$" and "dollars" are US dollars and "¥" is the
// yen, as is the common convention; "pounds" are sterling (as money: a
// weight in pounds is a count); francs, rupees and pesos are of too many
// countries to say, unless a name goes before them ("Swiss francs").
var (
	symbolCurrency = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₹": "INR"}
	// dollarPrefixes are written onto "$": "US$5m", "C$40", "A$3bn".
	dollarPrefixes = map[string]string{"US": "USD", "C": "CAD", "CA": "CAD", "A": "AUD", "AU": "AUD", "NZ": "NZD", "HK": "HKD", "S": "SGD"}
	wordCurrency   = map[string]string{
		"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
		"pounds": "GBP", "rubles": "RUB", "roubles": "RUB", "yen": "JPY",
		"yuan": "CNY", "renminbi": "CNY",
	}
	// namedCurrency are a country's adjective and a currency word after
	// a number: "5 million Swiss francs".
	namedCurrency = map[string]string{
		"us dollars": "USD", "american dollars": "USD", "canadian dollars": "CAD",
		"australian dollars": "AUD", "swiss francs": "CHF", "indian rupees": "INR",
		"mexican pesos": "MXN", "russian rubles": "RUB", "russian roubles": "RUB",
		"chinese yuan": "CNY", "japanese yen": "JPY",
	}
)

// qualifiers are words before a number that say how exact it is.
var qualifiers = []string{
	"more than", "less than", "fewer than", "up to", "at least", "at most",
	"as many as", "as much as", "as few as", "close to", "just over",
	"just under", "well over", "an estimated", "in excess of", "upwards of",
	"over", "nearly", "almost", "about", "around", "approximately",
	"roughly", "some", "under", "below", "above", "barely", "only",
	"exactly", "estimated",
}

// labelWords come before a number that names rather than counts:
// "Article 5", "page 12", "step 3".
var labelWords = map[string]bool{
	"no": true, "number": true, "chapter": true, "page": true, "pages": true,
	"article": true, "section": true, "paragraph": true, "figure": true,
	"table": true, "step": true, "phase": true, "level": true, "grade": true,
	"class": true, "room": true, "version": true, "item": true, "point": true,
	"line": true, "verse": true, "season": true, "episode": true, "part": true,
	"vol": true, "volume": true, "round": true, "stage": true, "route": true,
	"flight": true, "seat": true, "model": true, "type": true, "category": true,
	"size": true, "age": true, "aged": true, "at": true,
}

// listNouns after a number make a list count, not a fact: "two reasons".
var listNouns = map[string]bool{
	"reason": true, "reasons": true, "way": true, "ways": true, "thing": true,
	"things": true, "point": true, "points": true, "argument": true,
	"arguments": true, "aspect": true, "aspects": true, "factor": true,
	"factors": true, "example": true, "examples": true, "question": true,
	"questions": true, "step": true, "steps": true, "option": true,
	"options": true, "side": true, "sides": true, "lesson": true,
	"lessons": true, "of": true, "another": true, "other": true,
	"others": true, "more": true, "too": true, "or": true, "and": true,
	"by": true, "at": true, "a": true, "hand": true,
}

// countStops end the noun phrase that says what a quantity counts.
var countStops = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true,
	"being": true, "have": true, "has": true, "had": true, "will": true,
	"would": true, "can": true, "could": true, "should": true, "must": true,
	"may": true, "might": true, "do": true, "does": true, "did": true,
	"who": true, "which": true, "that": true, "whose": true, "where": true,
	"when": true, "while": true, "and": true, "but": true, "or": true,
	"because": true, "since": true, "as": true, "than": true, "if": true,
	"to": true, "mainly": true,
	"mostly": true, "each": true, "per": true, "a": true, "this": true,
	"last": true, "ago": true, "now": true, "today": true, "yet": true,
	"so": true, "not": true, "also": true, "still": true, "already": true,
	"again": true, "far": true, "more": true, "less": true, "fewer": true,
}

// trailingDrops are trimmed from the end of a counted noun phrase.
var trailingDrops = map[string]bool{
	"from": true, "of": true, "in": true, "at": true, "on": true, "for": true,
	"with": true, "across": true, "the": true, "an": true, "by": true,
	"into": true, "within": true, "among": true, "under": true, "over": true,
}

// temporalPreps before a year make it a date; the first group is kept in the
// figure's text because it changes the meaning ("since 2014").
var temporalPreps = map[string]bool{
	"since": true, "until": true, "till": true, "before": true, "after": true,
	"by": true, "from": true,
}

var plainTemporalPreps = map[string]bool{
	"in": true, "of": true, "during": true, "through": true, "to": true,
	"between": true, "and": true, "early": true, "late": true, "mid": true,
	"spring": true, "summer": true, "autumn": true, "fall": true,
	"winter": true, "year": true, "the": true,
}

// speechVerbs introduce or follow a quote.
var speechVerbs = `(?:asked|asks|said|says|added|adds|told|tells|wrote|writes|replied|replies|noted|notes|explained|explains|warned|warns|declared|declares|argued|argues|insisted|insists|stated|states|tweeted|tweets|remarked|remarks|admitted|admits|claimed|claims|observed|observes|commented|comments|recalled|recalls|announced|announces|joked|jokes|wondered|wonders|complained|complains|suggested|suggests|put it|concluded|concludes)`

// name matches a person's or body's name: capitalised words, with a few
// lower-case particles inside.
const namePat = `(?:[\p{Lu}][\p{L}\p{M}'’.-]*)(?:\s+(?:(?:de|da|del|der|van|von|bin|al|la|le|el|di|du|ibn)\s+)?[\p{Lu}][\p{L}\p{M}'’.-]*){0,4}`

var (
	whenRe = regexp.MustCompile(`(?i)^(?:(?:last|this|next|past) (?:year|month|week|decade|century|spring|summer|autumn|fall|winter|weekend|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today|tomorrow|recently|earlier|later|(?:earlier|later) (?:this|last) (?:year|month|week)|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (?:(?:january|february|march|april|may|june|july|august|september|october|november|december) )?\d{4}|(?:on |in )?\d{1,2} (?:january|february|march|april|may|june|july|august|september|october|november|december)(?: \d{4})?|(?:\w+|\d+) (?:years|months|weeks|days) ago)$`)
	// speaker after the quote: “…” asked NAME[, ROLE][, WHEN]
	afterVerbName = regexp.MustCompile(`^[\s,—–-]*` + speechVerbs + `\s+(` + namePat + `)`)
	// speaker after the quote: “…” NAME said
	afterNameVerb = regexp.MustCompile(`^[\s,—–-]*(` + namePat + `)(?:,\s*([^,.;:!?]+?),)?\s+` + speechVerbs + `\b`)
	// speaker before the quote: NAME[, ROLE,] said: “…” / According to NAME, “…”
	beforeNameVerb  = regexp.MustCompile(`(` + namePat + `)(?:,\s*([^,.;:!?“"]+?),)?\s+` + speechVerbs + `(?:\s+([^,:“"]+?))?[\s,:]*$`)
	beforeAccording = regexp.MustCompile(`(?i:according to)\s+(` + namePat + `)(?:,\s*([^,.;:!?“"]+?))?[\s,:]*$`)
	relativeRe      = regexp.MustCompile(`(?i)\b(?:(?:earlier|later) this (?:year|month|week)|last (?:year|month|week|decade|summer|winter|spring|autumn))\b`)
	sourceSubjectRe = regexp.MustCompile(`^(?:(?:The|A|An)\s+)?((?:[\p{Lu}][\p{L}'’.&-]*\s*)+|(?:[\p{Ll}]+\s+){0,3}(?:ministry|agency|office|survey|study|report|census|bureau|institute|government|police|bank|poll|data|statistics|figures|researchers|analysts|officials))\s+(?:said|says|reported|reports|estimated|estimates|found|finds|shows|showed|counted|counts|recorded|records)\b`)
)

// findRelative returns relativeRe's matches in text. Most sentences have
// none of the words every match needs, and are not run through the
// expression: relativeRe ignores case, so "last" also matches with the
// long s (ſ), which strings.ToLower keeps as it is, and "earlier" and
// "later" fold only to ASCII.
func findRelative(text string) [][]int {
	lower := strings.ToLower(text)
	if !strings.Contains(lower, "earlier") && !strings.Contains(lower, "later") &&
		!strings.Contains(lower, "last") && !strings.Contains(lower, "laſt") {
		return nil
	}
	return relativeRe.FindAllStringIndex(text, -1)
}

// sourceVerbStems hold every verb sourceSubjectRe ends with (it is case
// sensitive), for a quick test before running the expression.
var sourceVerbStems = []string{"said", "says", "report", "estimat", "found", "finds", "show", "count", "record"}

// mayHaveSourceVerb reports whether text has one of the verbs a match of
// sourceSubjectRe needs.
func mayHaveSourceVerb(text string) bool {
	for _, v := range sourceVerbStems {
		if strings.Contains(text, v) {
			return true
		}
	}
	return false
}

// span is a byte range of a sentence already claimed by a figure.
type span struct{ start, end int }

type spans []span

func (s spans) overlaps(start, end int) bool {
	for _, x := range s {
		if start < x.end && x.start < end {
			return true
		}
	}
	return false
}

// sentenceFigures returns the figures cited in one sentence, in reading
// order. The Sentence field is left empty for the caller to fill.
func sentenceFigures(text string) []Figure {
	var figs []positioned
	var used spans
	for _, q := range findQuotes(text) {
		figs = append(figs, q)
		used = append(used, q.used...)
	}
	used = append(used, findAddresses(text)...)
	if n := lexical.ListMarker(text); n > 0 {
		used = append(used, span{0, n}) // "1. …": a list's count, not a figure
	}
	toks := tokenize(text)
	source := findSource(text)
	figs = append(figs, findDates(text, toks, &used)...)
	figs = append(figs, findNumbers(text, toks, source, &used)...)
	for _, m := range findRelative(text) {
		if used.overlaps(m[0], m[1]) {
			continue
		}
		used = append(used, span{m[0], m[1]})
		figs = append(figs, positioned{pos: m[0], fig: Figure{Kind: Date, Text: text[m[0]:m[1]],
			Why: "relative date " + lexical.QuoteCue(text[m[0]:m[1]]) + " (no calendar value)"}})
	}
	sort.SliceStable(figs, func(i, j int) bool { return figs[i].pos < figs[j].pos })
	out := make([]Figure, len(figs))
	for i, f := range figs {
		out[i] = f.fig
		out[i].dayOfMonth = isDayOfMonth(text, f)
	}
	return out
}

// isDayOfMonth reports whether f is a number from 1 to 31 that a month's
// name follows ("On 3 January", "by 5 May"): a day without a year, which
// Find reads as a quantity, for what reads a sentence's figures, but which
// counts nothing and has no calendar value, so it is not listed.
func isDayOfMonth(text string, f positioned) bool {
	v := f.fig.Value
	if f.fig.Kind != Quantity || !v.Valid || v.ISO != "" || v.Number != float64(int(v.Number)) || v.Number < 1 || v.Number > 31 {
		return false
	}
	rest := strings.TrimLeft(text[min(f.pos+len(f.fig.Text), len(text)):], " \u00a0")
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(rest)
	}
	word := strings.ToLower(rest[:end])
	_, short := monthAbbrevs[word]
	return IsMonth(word) || short
}

// addressRe matches a web address ("https://example.org/x?a=1",
// "www.example.com/2024/05/story") or an e-mail address
// ("bob2024@example.org"), whose digits are no figures.
var addressRe = regexp.MustCompile(`(?i)(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"“”‘’]+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`)

// findAddresses returns the spans of the web and e-mail addresses in text,
// without the marks that end a sentence or close a bracket after them.
func findAddresses(text string) spans {
	if !strings.Contains(text, "://") && !strings.Contains(text, "@") && !strings.Contains(strings.ToLower(text), "www.") {
		return nil
	}
	var out spans
	for _, m := range addressRe.FindAllStringIndex(text, -1) {
		end := m[0] + len(strings.TrimRight(text[m[0]:m[1]], ".,;:!?)]}'"))
		out = append(out, span{m[0], end})
	}
	return out
}

// positioned is a figure with its offset in the sentence, for ordering.
type positioned struct {
	pos  int
	fig  Figure
	used spans
}

// findQuotes finds quoted words (“…” or "…", three words or more) and who
// said them, in what role and when, as the sentence gives them.
func findQuotes(text string) []positioned {
	var out []positioned
	type pair struct{ open, inner, innerEnd, close int }
	var pairs []pair
	for i := 0; i < len(text); {
		o := strings.Index(text[i:], "“")
		if o < 0 {
			break
		}
		o += i
		c := strings.Index(text[o:], "”")
		if c < 0 {
			break
		}
		c += o
		pairs = append(pairs, pair{o, o + len("“"), c, c + len("”")})
		i = c + len("”")
	}
	var straight []int
	for i := 0; i < len(text); i++ {
		if text[i] == '"' {
			straight = append(straight, i)
		}
	}
	for k := 0; k+1 < len(straight); k += 2 {
		pairs = append(pairs, pair{straight[k], straight[k] + 1, straight[k+1], straight[k+1] + 1})
	}
	if len(pairs) > maxQuotes {
		pairs = pairs[:maxQuotes]
	}
	for _, p := range pairs {
		inner := strings.TrimSpace(text[p.inner:p.innerEnd])
		if len(lexical.Words(inner)) < 3 {
			continue
		}
		start := p.inner + strings.Index(text[p.inner:p.innerEnd], inner)
		f := Figure{Kind: Quote, Text: inner}
		used := spans{{p.open, p.close}}
		why := "quoted words"
		// the speaker stands near the quote: look no further than a window
		// on either side, which also keeps long sentences linear
		after := text[p.close:runeStart(text, min(len(text), p.close+speakerWindow))]
		from := runeStart(text, max(0, p.open-speakerWindow))
		before := text[from:p.open]
		if m := afterVerbName.FindStringSubmatchIndex(after); m != nil {
			f.Speaker = strings.TrimSpace(after[m[2]:m[3]])
			rest := after[m[1]:]
			used = append(used, span{p.close, p.close + m[1]})
			role, when, n := roleAndWhen(rest)
			f.SpeakerRole, f.When = role, when
			used = append(used, span{p.close + m[1], p.close + m[1] + n})
			why = "quote followed by a speech verb and its speaker " + lexical.QuoteCue(f.Speaker)
		} else if m := afterNameVerb.FindStringSubmatchIndex(after); m != nil && !isPronounish(after[m[2]:m[3]]) {
			f.Speaker = strings.TrimSpace(after[m[2]:m[3]])
			if m[4] >= 0 {
				f.SpeakerRole = strings.TrimSpace(after[m[4]:m[5]])
			}
			rest := after[m[1]:]
			_, when, n := roleAndWhen(rest)
			f.When = when
			used = append(used, span{p.close, p.close + m[1] + n})
			why = "quote followed by its speaker " + lexical.QuoteCue(f.Speaker) + " and a speech verb"
		} else if m := beforeAccording.FindStringSubmatchIndex(before); m != nil {
			f.Speaker = strings.TrimSpace(before[m[2]:m[3]])
			if m[4] >= 0 {
				f.SpeakerRole = strings.TrimSpace(before[m[4]:m[5]])
			}
			used = append(used, span{from + m[0], p.open})
			why = "quote attributed with 'according to' " + lexical.QuoteCue(f.Speaker)
		} else if m := beforeNameVerb.FindStringSubmatchIndex(before); m != nil && !isPronounish(before[m[2]:m[3]]) {
			f.Speaker = strings.TrimSpace(before[m[2]:m[3]])
			if m[4] >= 0 {
				f.SpeakerRole = strings.TrimSpace(before[m[4]:m[5]])
			}
			if m[6] >= 0 && whenRe.MatchString(strings.TrimSpace(before[m[6]:m[7]])) {
				f.When = strings.TrimSpace(before[m[6]:m[7]])
			}
			used = append(used, span{from + m[0], p.open})
			why = "quote introduced by its speaker " + lexical.QuoteCue(f.Speaker) + " and a speech verb"
		}
		if f.When == "" {
			// a time given elsewhere in the sentence, after the quote
			if m := relativeRe.FindStringIndex(after); m != nil {
				f.When = after[m[0]:m[1]]
				used = append(used, span{p.close + m[0], p.close + m[1]})
			}
		}
		if f.When != "" {
			why += ", when " + lexical.QuoteCue(f.When)
		}
		f.Why = why
		out = append(out, positioned{pos: start, fig: f, used: used})
	}
	return out
}

// speakerWindow is how far (in bytes) from a quote its speaker is looked
// for; maxQuotes is how many quotes of one sentence are read.
const (
	speakerWindow = 300
	maxQuotes     = 50
)

// runeStart moves offset i back to the start of the UTF-8 character it
// falls in.
func runeStart(text string, i int) int {
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// isPronounish reports whether a would-be name is a sentence-initial word
// rather than a name ("The", "It", "This").
func isPronounish(name string) bool {
	first := strings.ToLower(strings.Fields(name + " x")[0])
	switch first {
	case "the", "it", "this", "that", "he", "she", "they", "we", "i", "you",
		"but", "and", "as", "so", "then", "a", "an", "when", "while", "if":
		return true
	}
	return false
}

// roleAndWhen reads ", ROLE, WHEN" after a speaker's name. It returns the
// role, the time and how many bytes of rest they take.
func roleAndWhen(rest string) (role, when string, n int) {
	pos := 0
	for k := 0; k < 2; k++ {
		r := rest[pos:]
		if !strings.HasPrefix(r, ",") {
			// "asked NAME last year": a time without a comma
			t := strings.TrimLeft(r, " ")
			seg := t
			if e := strings.IndexAny(seg, ",.;:!?"); e >= 0 {
				seg = seg[:e]
			}
			seg = strings.TrimSpace(seg)
			if seg != "" && when == "" && whenRe.MatchString(seg) {
				when = seg
				pos += len(r) - len(t) + len(seg)
			}
			break
		}
		body := r[1:]
		end := strings.IndexAny(body, ",.;:!?")
		if end < 0 {
			end = len(body)
		}
		seg := strings.TrimSpace(body[:end])
		if seg == "" {
			break
		}
		if when == "" && whenRe.MatchString(seg) {
			when = seg
		} else if role == "" && k == 0 {
			role = seg
		} else {
			break
		}
		pos += 1 + end
	}
	return role, when, pos
}

// findSource returns who a sentence attributes its facts to: "According to
// X, …", "…, according to X", "X said/reported …", "data from X".
func findSource(text string) string {
	if m := lexical.FindPhrase(text, "according to", 0); m.Found() {
		rest := text[m.End:]
		end := strings.IndexAny(rest, ",;:.!?")
		if end < 0 {
			end = len(rest)
		}
		if s := strings.TrimSpace(rest[:end]); s != "" && len(strings.Fields(s)) <= 10 {
			return s
		}
	}
	for _, p := range []string{"data from", "figures from", "statistics from", "estimates from", "a report by", "a study by", "a survey by"} {
		if m := lexical.FindPhrase(text, p, 0); m.Found() {
			rest := text[m.End:]
			end := strings.IndexAny(rest, ",;:.!?")
			if end < 0 {
				end = len(rest)
			}
			if s := strings.TrimSpace(rest[:end]); s != "" && len(strings.Fields(s)) <= 10 {
				return s
			}
		}
	}
	lead := text[lexical.LeadOffset(text):]
	if !mayHaveSourceVerb(lead) {
		return ""
	}
	if m := sourceSubjectRe.FindStringSubmatchIndex(lead); m != nil {
		s := strings.TrimSpace(lead[:m[3]])
		if len(strings.Fields(s)) <= 8 && !isPronounish(s) {
			return s
		}
	}
	return ""
}

// findDates finds calendar dates: "12 May 2021", "May 12, 2021",
// "March 2020", "since 2014".
func findDates(text string, toks []token, used *spans) []positioned {
	var out []positioned
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		mon, isMonth := months[t.lower()]
		if !isMonth || t.kind != tWord || !lexical.IsCapitalized(t.text) {
			if !abbreviatedMonth(toks, i) {
				continue
			}
			mon, isMonth = monthAbbrevs[t.lower()], true
		}
		first, last := i, i
		day, year := 0, 0
		if i > 0 && toks[i-1].kind == tNum && isInt(toks[i-1].text, 1, 31) {
			day, _ = strconv.Atoi(toks[i-1].text)
			first = i - 1
		}
		j := i + 1
		if _, abbr := monthAbbrevs[t.lower()]; abbr && t.lower() != "may" && j < len(toks) && toks[j].text == "." && !toks[j].space {
			last = j // "Jan.": the dot is the date's
			j++
		}
		if day == 0 && j < len(toks) && toks[j].kind == tNum && isInt(toks[j].text, 1, 31) && !isInt(toks[j].text, 1000, 2200) {
			day, _ = strconv.Atoi(toks[j].text)
			last = j
			j++
			if j < len(toks) && toks[j].text == "," {
				j++
			}
		}
		if j < len(toks) && toks[j].kind == tNum && isInt(toks[j].text, 1000, 2200) {
			year, _ = strconv.Atoi(toks[j].text)
			last = j
		}
		if year == 0 {
			if day > 0 && abbreviatedMonth(toks, i) {
				// "Jan. 3", "3 Jan.": a day with no year has no ISO
				// value, so it is no figure, as "January 3" is none; nor
				// is the day a count. ("3 January" is left as it was: its
				// day a count, so that the training corpora's features,
				// and the model, stay the same.)
				*used = append(*used, span{toks[first].start, toks[last].end})
				i = last
			}
			continue // "in March", or "May" the verb: no checkable date
		}
		if isEra(toks, last+1) {
			*used = append(*used, span{toks[first].start, toks[last].end})
			i = last
			continue // "March 44 BC": no ISO year here
		}
		iso := fmt.Sprintf("%04d-%02d", year, mon)
		if day > 0 && time.Date(year, time.Month(mon), day, 0, 0, 0, 0, time.UTC).Day() != day {
			day = 0 // "31 February": no such day; keep the month
		}
		if day > 0 {
			iso = fmt.Sprintf("%s-%02d", iso, day)
		}
		if first > 0 && toks[first-1].kind == tWord && temporalPreps[toks[first-1].lower()] {
			first--
		}
		start, end := toks[first].start, toks[last].end
		if used.overlaps(start, end) {
			continue
		}
		*used = append(*used, span{start, end})
		out = append(out, positioned{pos: start, fig: Figure{Kind: Date, Text: text[start:end], Value: ISOValue(iso),
			Why: "calendar date " + lexical.QuoteCue(text[start:end])}})
		i = last
	}
	return out
}

// abbreviatedMonth reports whether token i is a month abbreviated with a
// dot glued to it, capitalised: "Jan.", "Sept.".
func abbreviatedMonth(toks []token, i int) bool {
	t := toks[i]
	_, ok := monthAbbrevs[t.lower()]
	return ok && t.kind == tWord && lexical.IsCapitalized(t.text) &&
		i+1 < len(toks) && toks[i+1].text == "." && !toks[i+1].space
}

// isEra reports whether token k starts "BC", "BCE", "B.C." or "B.C.E.".
func isEra(toks []token, k int) bool {
	if k >= len(toks) || toks[k].kind != tWord {
		return false
	}
	switch t := toks[k].text; {
	case t == "BC" || t == "BCE":
		return true
	case t == "B":
		return k+2 < len(toks) && toks[k+1].text == "." && !toks[k+1].space && toks[k+2].text == "C" && !toks[k+2].space
	}
	return false
}

// isInt reports whether s is a plain integer between lo and hi.
func isInt(s string, lo, hi int) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= lo && n <= hi
}

// findNumbers finds percents, money, durations, years and counted
// quantities.
func findNumbers(text string, toks []token, source string, used *spans) []positioned {
	var out []positioned
	for i := 0; i < len(toks); i++ {
		if used.overlaps(toks[i].start, toks[i].end) {
			continue
		}
		n, ok := readNumber(toks, i)
		if !ok {
			continue
		}
		f, first, last, ok := classifyNumber(text, toks, n, source)
		if ok && (first < 0 || last >= len(toks) || first > last) {
			// A span that reaches past the sentence (a unit or suffix
			// read beyond its last token): not a figure.
			ok = false
		}
		if !ok {
			i = n.last
			continue
		}
		start, end := toks[first].start, toks[last].end
		if used.overlaps(start, end) {
			i = n.last
			continue
		}
		f.Text = text[start:end]
		*used = append(*used, span{start, end})
		out = append(out, positioned{pos: start, fig: f})
		i = max(last, n.last)
	}
	return out
}

// isQualifier reports whether w is a one-word qualifier.
func isQualifier(w string) bool {
	for _, q := range qualifiers {
		if q == w {
			return true
		}
	}
	return false
}

// qualifierBefore returns the index of the first token of a qualifier that
// ends just before token first ("over", "more than"), or first itself.
func qualifierBefore(toks []token, first int) int {
	best := first
	for _, q := range qualifiers {
		parts := strings.Fields(q)
		k := first - len(parts)
		if k < 0 || k >= best {
			continue
		}
		ok := true
		for x, p := range parts {
			if toks[k+x].kind != tWord || toks[k+x].lower() != p {
				ok = false
				break
			}
		}
		if ok {
			best = k
		}
	}
	return best
}

// joinTokens returns the text the tokens [a, b] span in their sentence,
// rebuilt from tokens (for a qualifier: words with single spaces).
func joinTokens(toks []token, a, b int) string {
	var parts []string
	for k := a; k <= b; k++ {
		parts = append(parts, toks[k].text)
	}
	return strings.Join(parts, " ")
}

// determiners may stand before a number at the start of a sentence.
var determiners = map[string]bool{
	"the": true, "these": true, "those": true, "all": true, "another": true,
	"her": true, "his": true, "their": true, "our": true, "its": true,
	"my": true, "your": true, "whole": true, "first": true, "last": true,
	"just": true, "with": true, "for": true, "of": true, "and": true,
	"but": true, "at": true, "to": true, "on": true,
}

// commonVerbs end a counted noun phrase: "500 people applied", "2 million
// workers live here".
var commonVerbs = map[string]bool{
	"live": true, "lives": true, "work": true, "works": true, "stay": true,
	"stays": true, "remain": true, "remains": true, "come": true,
	"comes": true, "go": true, "goes": true, "say": true, "think": true,
	"get": true, "gets": true, "make": true, "makes": true, "take": true,
	"takes": true, "need": true, "needs": true, "want": true, "wants": true,
	"use": true, "uses": true, "own": true, "owns": true, "pay": true,
	"pays": true, "earn": true, "earns": true, "leave": true,
	"leaves": true, "return": true, "returns": true, "face": true,
	"faces": true, "hold": true, "holds": true, "die": true, "dies": true,
	"fled": true, "fell": true, "rose": true, "went": true, "came": true,
	"left": true, "took": true, "made": true, "got": true, "paid": true,
	"lost": true, "won": true, "here": true, "there": true, "now": true,
	"stood": true, "ran": true, "saw": true, "became": true, "become": true,
	"becomes": true, "seem": true, "seems": true,
}

// countedPhrase returns the noun phrase that starts at token i and says what
// a quantity counts ("seasonal workers from the south"), and the index of
// its last token. When text is empty the phrase is rebuilt from tokens.
func countedPhrase(text string, toks []token, i int) (string, int) {
	var kept []int
	inPP := false // inside a prepositional phrase: "from the south"
	ppWords := 0  // words of the phrase's object
	for k := i; k < len(toks) && len(kept) < 8; k++ {
		t := toks[k]
		if t.kind == tPunct {
			if t.text == "-" && !t.space && k+1 < len(toks) && !toks[k+1].space && len(kept) > 0 {
				continue // "part-time"
			}
			break
		}
		w := t.lower()
		if countStops[w] || commonVerbs[w] || (strings.HasSuffix(w, "ly") && len(w) > 4 && len(kept) > 0) {
			break
		}
		if t.kind == tNum {
			break
		}
		if len(kept) == 0 && (w == "of" || w == "the" || w == "in") {
			if w == "of" {
				continue // "2 million of them"
			}
			break
		}
		if len(kept) > 0 && strings.HasSuffix(w, "ed") && len(w) > 4 && !lexical.IsCapitalized(t.text) {
			break // "500 people applied"
		}
		if len(kept) > 0 && !inPP && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && strings.HasSuffix(toks[kept[len(kept)-1]].lower(), "s") && !lexical.IsCapitalized(t.text) {
			break // "900 spaces serves": a plural noun, then its verb
		}
		if trailingDrops[w] && w != "the" && w != "an" {
			if inPP {
				break // one prepositional phrase is enough
			}
			inPP = true
		} else if inPP && w != "the" && w != "a" && w != "an" {
			ppWords++
			if ppWords > 1 && !lexical.IsCapitalized(t.text) && (ppWords > 2 || lexical.IsCapitalized(toks[k-1].text)) {
				break // "of crude oil" is whole; "from New York live" is not
			}
		}
		kept = append(kept, k)
	}
	for len(kept) > 0 && trailingDrops[toks[kept[len(kept)-1]].lower()] {
		kept = kept[:len(kept)-1]
	}
	if len(kept) == 0 {
		return "", i - 1
	}
	a, b := kept[0], kept[len(kept)-1]
	if text == "" {
		return joinTokens(toks, a, b), b
	}
	return text[toks[a].start:toks[b].end], b
}

// irregularPlurals are plural nouns that do not end in "s".
var irregularPlurals = map[string]bool{
	"people": true, "men": true, "women": true, "children": true,
	"police": true, "staff": true, "personnel": true, "cattle": true,
}

// isPluralNoun reports whether a lower-case word looks like a plural noun:
// an irregular plural, or a word of four letters or more ending in "s"
// (not a possessive, and not a word like "was" or "has").
func isPluralNoun(w string) bool {
	if irregularPlurals[w] {
		return true
	}
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "'s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}
