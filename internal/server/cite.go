package server

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/argmap/argmap/internal/essay"
)

// fragmentWords is the longest sentence, in words, that a text fragment
// quotes whole after the first of its paragraph; longer ones are quoted as
// textStart,textEnd with fragmentEdge words at each end. fragmentContext is how many words of the
// sentence before (or after) a context term quotes.
const (
	fragmentWords   = 10
	fragmentEdge    = 5
	fragmentContext = 3
)

// textDirective returns the text directive (without the leading "#:~:")
// that selects sentence k of a paragraph's sentences on its page, as the
// WICG URL Fragment Text Directives specification defines it:
// "text=prefix-,start,end,-suffix", each part percent-encoded. A browser
// selects the first place in the page where the terms match, and the
// paragraph page's heading repeats the words of a sentence, so the
// directive names its neighbour too: the end of the sentence before as
// prefix. The first sentence, the one the heading quotes when no claim
// comes before it, is quoted whole, whatever its length, which the
// heading (cut at 80 characters) does not hold once it is long, and the
// start of the sentence after is its suffix. Only a short sentence alone
// in its paragraph is found in the heading first.
func textDirective(sentences []string, k int) string {
	words := strings.Fields(sentences[k])
	if len(words) == 0 {
		return ""
	}
	terms := fragmentEncode(strings.Join(words, " "))
	if len(words) > fragmentWords && k > 0 {
		terms = fragmentEncode(strings.Join(words[:fragmentEdge], " ")) + "," + fragmentEncode(strings.Join(words[len(words)-fragmentEdge:], " "))
	}
	if k > 0 {
		if before := strings.Fields(sentences[k-1]); len(before) > 0 {
			return "text=" + fragmentEncode(strings.Join(before[max(0, len(before)-fragmentContext):], " ")) + "-," + terms
		}
	}
	if k+1 < len(sentences) {
		if after := strings.Fields(sentences[k+1]); len(after) > 0 {
			return "text=" + terms + ",-" + fragmentEncode(strings.Join(after[:min(len(after), fragmentContext)], " "))
		}
	}
	return "text=" + terms
}

// fragmentEncode percent-encodes s for a text directive. It keeps only
// ASCII letters, digits and ".", "_", "~" as they are; everything else,
// including the directive's own syntax characters "-", "&" and ",", white
// space and every non-ASCII byte, becomes %XX (UTF-8, upper-case hex).
func fragmentEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
			c == '.', c == '_', c == '~':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// citeInfo is what a citation of one paragraph says. Only what is known
// is given: the essay's metadata comes from its front matter or the
// ingest flags, and an empty field is left out, never guessed.
type citeInfo struct {
	Author string
	Title  string
	PID    string
	// URL is the permanent URL of the words cited: /p/{pid}/v/{rev}.
	URL string
	// Current is the URL of the paragraph as it is now (/p/{pid}); empty
	// when it is URL, or the paragraph was removed.
	Current  string
	Revision int
	// Version, when not zero, is the revision whose text is cited.
	Version int
	// Publisher, Date (YYYY, YYYY-MM or YYYY-MM-DD) and Original (the
	// essay's own URL) are the essay's metadata.
	Publisher string
	Date      string
	Original  string
	// Accessed is when the page was rendered: the only date argmap knows
	// of its own, never a publication date.
	Accessed time.Time
}

// dateWords writes a metadata date for reading: "5 November 2024",
// "November 2024", "2024"; "" when it is not one of the accepted forms.
func dateWords(d string) string {
	m := essay.Meta{Date: d}
	t := m.Published()
	switch m.DatePrecision() {
	case "day":
		return t.Format("2 January 2006")
	case "month":
		return t.Format("January 2006")
	case "year":
		return t.Format("2006")
	}
	return ""
}

// plainCitation returns a one-line citation in a common author–title–URL
// form: the exact words' URL first, the current text's beside it.
func plainCitation(c citeInfo) string {
	var b strings.Builder
	if c.Author != "" {
		b.WriteString(strings.TrimRight(c.Author, "."))
		b.WriteString(". ")
	}
	fmt.Fprintf(&b, "“%s”, paragraph %s", strings.TrimSpace(c.Title), c.PID)
	if c.Version > 0 {
		fmt.Fprintf(&b, ", text of revision %d", c.Version)
	}
	b.WriteString(".")
	var pub []string
	if c.Publisher != "" {
		pub = append(pub, c.Publisher)
	}
	if d := dateWords(c.Date); d != "" {
		pub = append(pub, d)
	}
	if len(pub) > 0 {
		b.WriteString(" " + strings.Join(pub, ", ") + ".")
	}
	if c.Original != "" {
		b.WriteString(" Original: " + c.Original + ".")
	}
	fmt.Fprintf(&b, " %s (", c.URL)
	if c.Current != "" {
		fmt.Fprintf(&b, "current text: %s; ", c.Current)
	}
	fmt.Fprintf(&b, "accessed %s).", c.Accessed.Format("2 January 2006"))
	return b.String()
}

// bibtexCitation returns a BibTeX @misc entry that both classic BibTeX
// (howpublished, note, year) and biblatex (url, urldate, date) read.
func bibtexCitation(c citeInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "@misc{%s,\n", bibtexKey(c))
	field := func(name, value string) {
		fmt.Fprintf(&b, "  %-12s = {%s},\n", name, value)
	}
	if c.Author != "" {
		field("author", bibtexEscape(c.Author))
	}
	title := "{" + bibtexEscape(strings.TrimSpace(c.Title)) + "}, paragraph " + bibtexEscape(c.PID)
	if c.Version > 0 {
		title += fmt.Sprintf(", text of revision %d", c.Version)
	}
	field("title", title)
	if c.Publisher != "" {
		field("publisher", bibtexEscape(c.Publisher))
	}
	if t := (essay.Meta{Date: c.Date}).Published(); !t.IsZero() {
		field("year", fmt.Sprint(t.Year()))
		field("date", c.Date)
	}
	field("howpublished", bibtexArgURL(c.URL))
	field("url", bibtexURL(c.URL))
	field("urldate", c.Accessed.Format(time.DateOnly))
	var note []string
	if c.Version > 0 {
		note = append(note, fmt.Sprintf("Paragraph %s as of revision %d", bibtexEscape(c.PID), c.Version))
	} else {
		note = append(note, fmt.Sprintf("Paragraph %s, revision %d", bibtexEscape(c.PID), c.Revision))
	}
	if c.Current != "" {
		note = append(note, "current text at "+bibtexArgURL(c.Current))
	}
	if c.Original != "" {
		note = append(note, "original at "+bibtexArgURL(c.Original))
	}
	note = append(note, "accessed "+c.Accessed.Format(time.DateOnly))
	field("note", strings.Join(note, "; "))
	b.WriteString("}")
	return b.String()
}

// bibtexKey makes a citation key from the first author's family name (or
// "argmap"), the year and the paragraph id, in ASCII letters and digits.
func bibtexKey(c citeInfo) string {
	name := "argmap"
	if n := keepAlnum(strings.ToLower(asciiFold(familyName(c.Author)))); n != "" {
		name = n
	}
	year := ""
	if t := (essay.Meta{Date: c.Date}).Published(); !t.IsZero() {
		year = fmt.Sprint(t.Year())
	}
	key := name + year + "p" + keepAlnum(c.PID)
	if c.Version > 0 {
		key += fmt.Sprintf("v%d", c.Version)
	}
	return key
}

// familyName returns the family name of the first of authors as a
// citation key takes it: the part before the comma of "Family, Given",
// else the last word but a suffix ("Jr.", "III"); authors are separated by
// " and ", "&" or ";" as BibTeX and bylines separate them.
func familyName(authors string) string {
	first := authorSep.Split(authors, 2)[0]
	if family, _, ok := strings.Cut(first, ","); ok && strings.TrimSpace(family) != "" {
		if f := strings.Fields(family); len(f) > 0 {
			return f[len(f)-1]
		}
	}
	f := strings.Fields(strings.ReplaceAll(first, ",", " "))
	for len(f) > 1 && nameSuffixes[strings.ToLower(strings.TrimRight(f[len(f)-1], "."))] {
		f = f[:len(f)-1]
	}
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

var (
	authorSep    = regexp.MustCompile(`\s+and\s+|\s*[&;]\s*`)
	nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true, "phd": true}
)

// asciiFold writes s's letters without their accents ("Müller" →
// "Muller"), and the letters that are not a base letter with marks as
// their usual ASCII spelling ("ß" → "ss", "Ø" → "O").
func asciiFold(s string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		return s
	}
	return letterSpelling.Replace(folded)
}

var letterSpelling = strings.NewReplacer(
	"ß", "ss", "Æ", "AE", "æ", "ae", "Ø", "O", "ø", "o", "Œ", "OE", "œ", "oe",
	"Ł", "L", "ł", "l", "Þ", "Th", "þ", "th", "Đ", "D", "đ", "d", "Ð", "D", "ð", "d", "ı", "i",
)

func keepAlnum(s string) string {
	return strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, s)
}

// bibtexURL percent-encodes the braces and backslashes of a URL, which
// url.Parse lets through: in a BibTeX field an unmatched brace ends the
// field, and \url cannot escape one. The URL means the same.
var bibtexURL = strings.NewReplacer(`{`, `%7B`, `}`, `%7D`, `\`, `%5C`).Replace

// bibtexArgURL writes a URL for a field that a bibliography style prints
// as the argument of a command (howpublished, note): in \url{…}, unless
// it holds a character that \url cannot take inside another command's
// argument: "%" (it would comment out the rest of the line), "#" (a macro
// parameter), a brace or a backslash. Such a URL is written as escaped
// text instead, which prints the same characters without the link.
func bibtexArgURL(u string) string {
	if strings.ContainsAny(u, `%#{}\`) {
		return bibtexEscape(u)
	}
	return `\url{` + u + `}`
}

// bibtexEscape escapes the characters that are special to (La)TeX.
var bibtexEscape = strings.NewReplacer(
	`\`, `\textbackslash{}`,
	`{`, `\{`,
	`}`, `\}`,
	`&`, `\&`,
	`%`, `\%`,
	`$`, `\$`,
	`#`, `\#`,
	`_`, `\_`,
	`~`, `\textasciitilde{}`,
	`^`, `\textasciicircum{}`,
).Replace

// meta returns the essay's metadata for citations: what the snapshot was
// ingested with, the title defaulting to the essay's first block and the
// author to the one the extractor found.
func (m *model) meta() essay.Meta {
	md := m.head.meta
	if md.Title == "" {
		md.Title = m.essayTitle()
	}
	if md.Author == "" {
		md.Author = strings.TrimSpace(m.head.author)
	}
	return md
}

// citeInfo returns the citation of paragraph pid's text of revision rev,
// at its versioned URL, with the current text's URL beside it when the
// paragraph is current.
func (m *model) citeInfo(pid string, rev int) citeInfo {
	md := m.meta()
	c := citeInfo{
		Author:    md.Author,
		Title:     md.Title,
		PID:       pid,
		URL:       m.abs(versionPath(pid, rev)),
		Revision:  m.head.current.Number,
		Version:   rev,
		Publisher: md.Publisher,
		Date:      md.Date,
		Original:  md.URL,
		Accessed:  m.accessed,
	}
	if m.isCurrent(pid) {
		c.Current = m.abs(paragraphPath(pid))
	}
	return c
}
