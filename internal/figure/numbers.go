package figure

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/argmap/argmap/internal/lexical"
)

// This file splits a sentence into tokens and reads numbers written in
// digits ("10,000", "1.5", "$3bn", "40%") or words ("six", "twenty-five",
// "a dozen", "two hundred", "1.5 million").

type tokKind int

const (
	tWord  tokKind = iota // letters (and digits after a letter), inner apostrophes
	tNum                  // starts with a digit: digits, inner , and . and a letter suffix
	tPunct                // any other single character
)

// token is a word, number or punctuation mark of a sentence with its byte
// offsets.
type token struct {
	text       string
	start, end int
	kind       tokKind
	space      bool   // white space (or the start of the text) comes before it
	low        string // text in lower case with ’ as ', made once by tokenize
}

// lower returns the token's text in lower case with ’ as '.
func (t token) lower() string { return t.low }

// newToken makes the token text[start:end].
func newToken(text string, start, end int, kind tokKind, space bool) token {
	t := text[start:end]
	return token{text: t, start: start, end: end, kind: kind, space: space, low: strings.ReplaceAll(strings.ToLower(t), "’", "'")}
}

// tokenize splits text into tokens.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5+1) // about one token in five bytes of prose
	space := true
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += size
			continue
		case unicode.IsLetter(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if lexical.IsWordRune(r2) {
					j += s2
					continue
				}
				if r2 == '\'' || r2 == '’' {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					if j+s2 < len(text) && unicode.IsLetter(r3) {
						j += s2
						continue
					}
				}
				break
			}
			toks = append(toks, newToken(text, i, j, tWord, space))
			i = j
		case unicode.IsDigit(r):
			j := i + size
			for j < len(text) {
				c := text[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if (c == ',' || c == '.') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' {
					j++
					continue
				}
				break
			}
			j += exponentLen(text[j:])
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += s2
			}
			toks = append(toks, newToken(text, i, j, tNum, space))
			i = j
		default:
			toks = append(toks, newToken(text, i, i+size, tPunct, space))
			i += size
		}
		space = false
	}
	return toks
}

// exponentLen returns the length of the exponent of scientific notation
// at the start of s ("e6", "E-3", "e+10"), or 0.
func exponentLen(s string) int {
	if len(s) < 2 || (s[0] != 'e' && s[0] != 'E') {
		return 0
	}
	k := 1
	if s[k] == '+' || s[k] == '-' {
		k++
	}
	d := k
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == d {
		return 0
	}
	return k
}

// isMinus reports whether s is a minus sign: the hyphen-minus or U+2212.
func isMinus(s string) bool { return s == "-" || s == "−" }

// signed reports whether the number token i is written with a leading
// minus sign: a hyphen-minus or U+2212 glued to its digits and not itself
// written onto a word or number ("-3%", "(−2.5", not "2020-21" nor
// "COVID-19").
func signed(toks []token, i int) bool {
	if i < 1 || toks[i].space || toks[i-1].kind != tPunct || !isMinus(toks[i-1].text) {
		return false
	}
	m := i - 1
	return toks[m].space || m == 0 || (toks[m-1].kind == tPunct && !isMinus(toks[m-1].text))
}

var unitWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tensWords = map[string]float64{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

var scaleWords = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
	"trillion": 1e12,
}

// digitSuffixes are abbreviations of scales written after digits: "3bn".
var digitSuffixes = map[string]float64{
	"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12, "trn": 1e12,
}

// number is a number read from tokens [first, last] (inclusive).
type number struct {
	first, last int
	value       float64
	word        bool   // written in words
	scaled      bool   // has a scale word or suffix (million, bn, …)
	percent     bool   // "%" glued to the digits
	digits      string // the digit text, for years
	decimal     bool   // has a decimal point or thousands separator, or an exponent
	negative    bool   // written with a leading minus sign, token first
	unit        string // a unit glued to the digits: "km" in "3.2km"
}

// unitSuffixes are units of measure written right after digits.
var unitSuffixes = map[string]bool{
	"km": true, "m": true, "cm": true, "mm": true, "kg": true, "g": true,
	"mg": true, "t": true, "mph": true, "kmh": true, "gb": true, "mb": true,
	"tb": true, "mw": true, "gw": true, "kw": true, "kwh": true, "ha": true,
	"l": true, "ml": true, "h": true, "min": true, "s": false,
}

// readNumber reads a number starting at token i, or reports false. A
// number too large for a float64 ("…999 trillion") is none: its value
// could not be written.
func readNumber(toks []token, i int) (n number, ok bool) {
	switch toks[i].kind {
	case tNum:
		n, ok = readDigits(toks, i)
		if ok && signed(toks, i) {
			n.first, n.value, n.negative = i-1, -n.value, true
		}
	case tWord:
		n, ok = readWords(toks, i)
	}
	if !ok || math.IsInf(n.value, 0) || math.IsNaN(n.value) {
		return number{}, false
	}
	return n, true
}

func readDigits(toks []token, i int) (number, bool) {
	t := toks[i]
	k := 0
	for k < len(t.text) && (t.text[k] >= '0' && t.text[k] <= '9' || t.text[k] == ',' || t.text[k] == '.') {
		k++
	}
	e := exponentLen(t.text[k:])
	digits, exp, suffix := t.text[:k], t.text[k:k+e], strings.ToLower(t.text[k+e:])
	n := number{first: i, last: i, digits: digits, decimal: e > 0 || strings.ContainsAny(digits, ",.")}
	if e > 0 {
		n.digits += exp // "1e6": no year
	}
	clean := strings.ReplaceAll(digits, ",", "")
	if strings.Contains(digits, ",") && strings.Contains(digits, ".") && strings.Index(digits, ".") < strings.Index(digits, ",") {
		return number{}, false // 1.234,5 or a list like 1.2,3
	}
	if strings.Count(clean, ".") > 1 {
		return number{}, false // a version or a date like 1.2.3
	}
	v, err := strconv.ParseFloat(clean+exp, 64)
	if err != nil {
		return number{}, false // too large for a float64: "1e400"
	}
	if v == 0 && strings.Trim(clean, "0.") != "" {
		return number{}, false // too small for a float64: "1e-400"
	}
	if suffix != "" {
		s, ok := digitSuffixes[suffix]
		switch {
		case ok && (suffix != "m" || (i > 0 && currencySymbols[toks[i-1].text])):
			v *= s
			n.scaled = true
		case unitSuffixes[suffix]:
			n.unit = t.text[k+e:] // "3.2km": a measure
		default:
			return number{}, false // 21st, 1990s, 5G: not a count
		}
	}
	if i+1 < len(toks) && toks[i+1].text == "%" {
		n.percent = true
		n.last = i + 1
	}
	if !n.scaled && !n.percent && i+1 < len(toks) && toks[i+1].kind == tWord {
		w := toks[i+1].lower()
		if s, ok := scaleWords[w]; ok {
			v *= s
			n.scaled = true
			n.last = i + 1
		} else if s, ok := digitSuffixes[w]; ok && w != "m" && w != "b" && w != "k" {
			v *= s
			n.scaled = true
			n.last = i + 1
		}
	}
	n.value = v
	return n, true
}

func readWords(toks []token, i int) (number, bool) {
	if n, ok := readFraction(toks, i); ok {
		return n, true
	}
	j := i
	n := number{first: i, word: true}
	total, current := 0.0, 0.0
	seen := false
	lastScale := 0.0 // the scale of the word just read, if it was one
	pointed := false // decimals read after "point"
	if w := toks[j].lower(); (w == "a" || w == "an") && j+1 < len(toks) {
		next := toks[j+1].lower()
		if _, ok := scaleWords[next]; ok || next == "dozen" {
			current = 1
			j++
		} else {
			return number{}, false
		}
	}
	if w := toks[j].lower(); current == 0 && (scaleWords[w] > 0 || w == "dozen") {
		return number{}, false // "billion" alone counts nothing
	}
	for j < len(toks) && toks[j].kind == tWord {
		w := toks[j].lower()
		scale := 0.0
		if pointed && (unitWords[w] > 0 || tensWords[w] > 0 || w == "zero") {
			break // "two point five twenty"
		}
		if v, ok := unitWords[w]; ok {
			if seen && current != 0 && current < 20 {
				break // "one two" is not a number
			}
			current += v
		} else if v, ok := tensWords[w]; ok {
			current += v
			if j+2 < len(toks) && toks[j+1].text == "-" && !toks[j+1].space && !toks[j+2].space {
				if u, ok := unitWords[toks[j+2].lower()]; ok && u > 0 && u < 10 {
					current += u
					j += 2
				}
			}
		} else if w == "dozen" {
			current = max(current, 1) * 12
			scale = 12
		} else if w == "hundred" {
			current = max(current, 1) * 100
			n.scaled = true
		} else if s, ok := scaleWords[w]; ok {
			total += max(current, 1) * s
			current = 0
			n.scaled = true
			scale = s
		} else if w == "and" && seen && j+1 < len(toks) && isNumberWord(toks[j+1].lower()) && current >= 100 {
			// "two hundred and fifty"
		} else if f, s, k, ok := andAFraction(toks, j); ok && seen && current > 0 && total == 0 {
			// "two and a half million"
			total, current = (current+f)*s, 0
			n.scaled = s > 12
			n.last = k
			break
		} else if f, k, ok := andAHalf(toks, j); ok && lastScale > 0 {
			// "a million and a half", "a dozen and a half": a fraction
			// of the scale just read
			if lastScale == 12 {
				current += f * 12
			} else {
				total += f * lastScale
			}
			n.last = k
			break
		} else if d, k, ok := pointDecimals(toks, j); ok && seen && !pointed && total == 0 && !(current == 1 && !n.scaled && i > 0 && toks[i-1].lower() == "at") {
			// "ninety-nine point nine", "two point five million"; not
			// "at one point"
			if v, err := strconv.ParseFloat(strconv.FormatFloat(current, 'f', -1, 64)+d, 64); err == nil {
				current = v // as the digits would be read: 99.9, not 99 + 0.9
			}
			pointed = true
			n.last = k
			j = k + 1
			continue
		} else {
			break
		}
		seen = true
		lastScale = scale
		n.last = j
		j++
	}
	if !seen {
		return number{}, false
	}
	n.value = total + current
	return n, true
}

// andAHalf reads "and a half" or "and a quarter" at token j with no scale
// word after it (that is andAFraction's), and returns the fraction and the
// index of its last token.
func andAHalf(toks []token, j int) (frac float64, last int, ok bool) {
	if j+2 >= len(toks) || toks[j].lower() != "and" || toks[j+1].lower() != "a" || toks[j+2].kind != tWord {
		return 0, 0, false
	}
	if frac, ok = halfOrQuarter(toks[j+2].lower()); !ok {
		return 0, 0, false
	}
	if j+3 < len(toks) && toks[j+3].kind == tWord && (isNumberWord(toks[j+3].lower()) || toks[j+3].lower() == "of") {
		return 0, 0, false // "… and a half million", "… and a quarter of …"
	}
	return frac, j + 2, true
}

// pointDecimals reads the decimals of a number in words at token j:
// "point" and one digit word or more ("point nine", "point two five"). It
// returns them as digits after a decimal point (".9", ".25") and the
// index of the last digit word.
func pointDecimals(toks []token, j int) (string, int, bool) {
	if toks[j].lower() != "point" {
		return "", 0, false
	}
	var digits strings.Builder
	digits.WriteString(".")
	k := j + 1
	for k < len(toks) && toks[k].kind == tWord {
		v, ok := unitWords[toks[k].lower()]
		if !ok || v > 9 {
			break
		}
		digits.WriteByte(byte('0' + int(v)))
		k++
	}
	if k == j+1 {
		return "", 0, false
	}
	return digits.String(), k - 1, true
}

// isNumberWord reports whether w is a number word.
func isNumberWord(w string) bool {
	_, a := unitWords[w]
	_, b := tensWords[w]
	_, c := scaleWords[w]
	return a || b || c || w == "dozen"
}

// fractionWords are the fractions of a scale that a number in words can
// be: "half a million", "a quarter of a million", "two thirds of a
// billion". A plural takes a numerator of two or more ("three quarters").
var fractionWords = map[string]float64{
	"half": 1.0 / 2, "third": 1.0 / 3, "quarter": 1.0 / 4,
	"thirds": 1.0 / 3, "quarters": 1.0 / 4,
}

// readFraction reads a fraction of a scale word or of "dozen" that starts
// at token i: "half a million", "a half million", "a quarter of a
// million", "one third of a billion", "three quarters (or
// three-quarters) of a million", "half a dozen". Its value is the
// fraction of the scale, to the nearest whole number. "and a half" after a
// number ("two and a half million") is read by readWords; a fraction just
// after a number and "and" is none.
func readFraction(toks []token, i int) (number, bool) {
	at := func(k int) string {
		if k < 0 || k >= len(toks) || toks[k].kind != tWord {
			return ""
		}
		return toks[k].lower()
	}
	and := i - 1
	if p := at(and); p == "a" || p == "an" {
		and--
	}
	if at(and) == "and" && and > 0 && (toks[and-1].kind == tNum || isNumberWord(toks[and-1].lower())) {
		return number{}, false // "two and a half million" is readWords', "5 and a half million" no number
	}
	j, num := i, 1.0
	switch w := at(j); {
	case w == "half":
	case w == "a" || w == "an" || w == "one":
		j++
	case unitWords[w] >= 2 && unitWords[w] <= 9:
		num = unitWords[w]
		j++
		if j+1 < len(toks) && toks[j].text == "-" && !toks[j].space && !toks[j+1].space {
			j++ // "three-quarters"
		}
	default:
		return number{}, false
	}
	frac, ok := fractionWords[at(j)]
	if !ok || (num > 1) != strings.HasSuffix(at(j), "s") {
		return number{}, false // "a thirds", "three quarter"
	}
	j++
	if at(j) == "of" {
		j++
	}
	if w := at(j); w == "a" || w == "an" {
		j++
	}
	w := at(j)
	scale, ok := scaleWords[w]
	if w == "dozen" {
		scale, ok = 12, true
	}
	if !ok {
		return number{}, false // "half of the voters", "a quarter of a century"
	}
	return number{first: i, last: j, value: math.Round(num * frac * scale), word: true, scaled: w != "dozen"}, true
}

// andAFraction reads "and a half" or "and a quarter" and the scale word
// after it ("… and a half million", "… and a half dozen") at token j, and
// returns the fraction, the scale and the index of the scale's token.
func andAFraction(toks []token, j int) (frac, scale float64, last int, ok bool) {
	if j+3 >= len(toks) || toks[j].lower() != "and" || toks[j+1].lower() != "a" {
		return 0, 0, 0, false
	}
	if frac, ok = halfOrQuarter(toks[j+2].lower()); !ok {
		return 0, 0, 0, false
	}
	w := toks[j+3].lower()
	scale, ok = scaleWords[w]
	if w == "dozen" {
		scale, ok = 12, true
	}
	if !ok || toks[j+3].kind != tWord {
		return 0, 0, 0, false
	}
	return frac, scale, j + 3, true
}

// halfOrQuarter returns the fraction "half" or "quarter" names.
func halfOrQuarter(word string) (float64, bool) {
	switch word {
	case "half":
		return 1.0 / 2, true
	case "quarter":
		return 1.0 / 4, true
	}
	return 0, false
}
