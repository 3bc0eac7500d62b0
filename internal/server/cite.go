package server

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// fragmentWords is the longest sentence, in words, that a text fragment
// quotes whole; longer sentences are quoted as textStart,textEnd with
// fragmentEdge words at each end.
const (
	fragmentWords = 10
	fragmentEdge  = 5
)

// textDirective returns the text directive (without the leading "#:~:")
// that selects sentence text on a page, as the WICG URL Fragment Text
// Directives specification defines it: "text=start" or "text=start,end",
// each part percent-encoded.
func textDirective(text string) string {
	words := strings.Fields(text)
	if len(words) == 0 {
		return ""
	}
	if len(words) <= fragmentWords {
		return "text=" + fragmentEncode(strings.Join(words, " "))
	}
	start := strings.Join(words[:fragmentEdge], " ")
	end := strings.Join(words[len(words)-fragmentEdge:], " ")
	return "text=" + fragmentEncode(start) + "," + fragmentEncode(end)
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

// citeInfo is what a citation of one paragraph says.
type citeInfo struct {
	Author   string
	Title    string
	PID      string
	URL      string
	Revision int
	// Version, when not zero, is the revision whose text is cited: the
	// citation is of a versioned URL, /p/{pid}/v/{Version}.
	Version int
	// Published is when the essay was first ingested; zero when unknown.
	Published time.Time
	Accessed  time.Time
}

// plainCitation returns a one-line citation in a common author–title–URL
// form.
func plainCitation(c citeInfo) string {
	var b strings.Builder
	if c.Author != "" {
		b.WriteString(c.Author)
		b.WriteString(". ")
	}
	fmt.Fprintf(&b, "“%s”, paragraph %s", strings.TrimSpace(c.Title), c.PID)
	if c.Version > 0 {
		fmt.Fprintf(&b, ", text of revision %d", c.Version)
	}
	if !c.Published.IsZero() {
		fmt.Fprintf(&b, " (%d)", c.Published.Year())
	}
	fmt.Fprintf(&b, ". %s (accessed %s).", c.URL, c.Accessed.Format("2 January 2006"))
	return b.String()
}

// bibtexCitation returns a BibTeX @misc entry that both classic BibTeX
// (howpublished, note) and biblatex (url, urldate) read.
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
	if !c.Published.IsZero() {
		field("year", fmt.Sprint(c.Published.Year()))
	}
	field("howpublished", `\url{`+c.URL+`}`)
	field("url", c.URL)
	field("urldate", c.Accessed.Format(time.DateOnly))
	if c.Version > 0 {
		field("note", fmt.Sprintf("Paragraph %s as of revision %d. Accessed %s", bibtexEscape(c.PID), c.Version, c.Accessed.Format(time.DateOnly)))
	} else {
		field("note", fmt.Sprintf("Paragraph %s, revision %d. Accessed %s", bibtexEscape(c.PID), c.Revision, c.Accessed.Format(time.DateOnly)))
	}
	b.WriteString("}")
	return b.String()
}

// bibtexKey makes a citation key from the author's last name (or "argmap"),
// the year and the paragraph id, keeping only ASCII letters and digits.
func bibtexKey(c citeInfo) string {
	name := "argmap"
	if f := strings.Fields(c.Author); len(f) > 0 {
		if n := keepAlnum(strings.ToLower(f[len(f)-1])); n != "" {
			name = n
		}
	}
	year := ""
	if !c.Published.IsZero() {
		year = fmt.Sprint(c.Published.Year())
	}
	key := name + year + "p" + keepAlnum(c.PID)
	if c.Version > 0 {
		key += fmt.Sprintf("v%d", c.Version)
	}
	return key
}

func keepAlnum(s string) string {
	return strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, s)
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
