package essay

import (
	"regexp"
	"strings"
	"unicode"
)

// Layout rules for opinion pieces. They name no essay: they describe how
// opinion sites lay out a piece (title, standfirst, body, an "About the
// author" section with a bio, an image credit, the list of sources).
var (
	// authorHeading matches a heading that introduces the author's bio.
	authorHeading = regexp.MustCompile(`(?i)^(about|meet)\s+the\s+(author|authors|writer|writers|contributor|contributors)\b|^(author|authors|contributor)s?(\s+bio(graphy)?)?\s*:?$|^(author|contributor)\s+bio(graphy)?\b`)
	// referencesHeading matches a heading that opens the list of the
	// sources or notes a text cites, after the text.
	referencesHeading = regexp.MustCompile(`(?i)^(references?|sources?|notes|end\s*notes|foot\s*notes|bibliography|works\s+(cited|consulted)|citations|further\s+reading|reading\s+list|literature(\s+cited)?|(sources|notes|references)\s+and\s+(sources|notes|references|further\s+reading))\s*:?$`)
	// creditLine matches an image or photo credit.
	creditLine = regexp.MustCompile(`(?i)^(top\s+|header\s+|featured\s+|cover\s+|lead\s+|main\s+)?(image|images|photo|photos|photograph|picture|illustration|graphic|video|credit|credits|photo\s+credit|image\s+credit|source\s+image)s?\s*(credit)?\s*[:：|-]`)
	// notice matches the opening of a publisher's notice: a disclaimer, an
	// editor's note or correction, a note of where the piece first
	// appeared, a copyright line, a call to subscribe, links to more.
	notice = regexp.MustCompile(`(?i)^(` +
		`(the\s+)?(views|opinions)(\s+and\s+(views|opinions))?\s+expressed\s+(in\s+this|here|by\s+the\s+author)|` +
		`(editor['’]?s|publisher['’]?s)\s+note\s*[:：.-]|(disclaimer|disclosure|correction|clarification|update)\s*[:：]|` +
		`(a\s+version\s+of\s+)?this\s+(article|essay|piece|op-ed|column|commentary|post|story|editorial)\s+(was\s+|is\s+|has\s+been\s+)?(first\s+|originally\s+)?(published|appeared|republished|adapted|reprinted|ran)\s+(in|on|by|with|at|from)\b|` +
		`copyright\s+(©\s*)?\d{4}|©\s*(\d{4}|\pL)|\(c\)\s*\d{4}|all\s+rights\s+reserved|` +
		`(subscribe|sign\s+up)\s+(to|for)\s+(our|the)\s+(\S+\s+){0,3}(newsletter|podcast|updates|mailing\s+list)|subscribe\s+now\b|` +
		`(read\s+more|related|see\s+also|more\s+from|recommended|most\s+read|you\s+(may|might)\s+also\s+like)\s*[:：]` +
		`)`)
	// sourceLine matches a line that names the sources of a text or of a
	// chart: "Sources: …", "Data source: …".
	sourceLine = regexp.MustCompile(`(?i)^(data\s+)?sources?\s*[:：|]\s*\S`)
	// stockAgency matches agencies a short credit line names.
	stockAgency = regexp.MustCompile(`(?i)\b(shutterstock|getty\s+images|reuters|associated\s+press|ap\s+photo|afp|wikimedia|unsplash|flickr|alamy|istock|epa)\b`)
	// dateLine matches a line that only dates the piece: a day, a month
	// and a year in either order or an ISO date, perhaps after "Published"
	// or "Updated" and a weekday, perhaps with the time.
	dateLine = regexp.MustCompile(`(?i)^((published|updated|last\s+updated|posted|first\s+published)\s*:?\s+(on\s+)?)?` +
		`((mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\.?,?\s+)?` +
		`(\d{1,2}(st|nd|rd|th)?\s+` + month + `\.?,?\s+\d{4}|` + month + `\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2})` +
		`([,\s]+(at\s+)?\d{1,2}[:.]\d{2}(\s*(am|pm|a\.m\.|p\.m\.))?(\s+[a-z]{2,5})?)?\.?\s*$`)
	// sectionLabel matches the label of the section an opinion site files a
	// piece under, alone or with its subject after a bar or a slash
	// ("Opinion | Housing"); "Opinion: Why …" is a headline.
	sectionLabel = regexp.MustCompile(`(?i)^(opinion|editorials?|our\s+view|analysis|comment(ary)?|columns?|columnists?|op-?eds?|guest\s+(essay|column|opinion|post)|perspectives?|viewpoints?|point\s+of\s+view|essays?|letters?(\s+to\s+the\s+editor)?|ideas|voices|debate)` +
		`(\s*[|/·•]\s*\p{L}[\p{L}'’&,. -]{0,40})?$`)
	// bioOpening matches "Firstname Lastname is a …" at the start of a bio.
	bioOpening = regexp.MustCompile(`^\p{Lu}[\p{L}'’.-]+(\s+\p{Lu}[\p{L}'’.-]+){0,3}\s+(is|was|serves\s+as|works\s+as)\s+(a|an|the|senior|associate|assistant|professor|director|editor)\b`)
	// byline matches an author line such as "By Jane Doe", "by J. Roe and
	// A. Poe" or "Written by Jane Doe, Reuters | March 3, 2025": the names
	// (the first group), then perhaps, after a comma, a bar, a dash or
	// "on", the outlet, the writer's role or the date, in capitalised words
	// and numbers (so that "By January, the plan had failed." is prose).
	byline = regexp.MustCompile(`^(?:(?i:written|posted|words|story|reporting|text)\s+)?(?i:by)\s+` +
		`(\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|and|&|,))*)` +
		`(?:\s*(?:[,|·•/—–]|\s-|\s(?i:on))\s*(?:(?:\p{Lu}[\p{L}'’.&-]*|\d[\d:.,/-]*(?:st|nd|rd|th)?|of|and|at|the|for|am|pm|a\.m\.|p\.m\.)[,|·•/—–-]?\s*){1,10})?\s*$`)
	// bioName captures the name that opens a bio ("Jane Doe is a …").
	bioName = regexp.MustCompile(`^(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3})\s+(?:is|was|serves\s+as|works\s+as)\s`)
	// bioCue matches the words a bio uses to describe a career.
	bioCue = regexp.MustCompile(`(?i)\b(fellow|professor|researcher|research|journalist|author of|editor|director|analyst|correspondent|lecturer|university|institute|follow (him|her|them) on|@\w+)\b`)
)

// month matches an English month's name or its abbreviation.
const month = `(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)`

// classify sets each paragraph's kind from its position and shape. The
// first block is the title, unless it is a paragraph (untitled) or the
// section label a site prints above the headline ("Opinion", a heading:
// the title is the block after it); a short block that opens the text after
// the title (and after a byline, a date line or an image credit there) and
// precedes a body of at least three blocks is the standfirst; short
// unpunctuated lines are headings; the block after an
// "About the author" heading, or a closing "X is a …" paragraph, is a bio;
// "Image: …" lines are credits, and so are a publisher's notices (a
// disclaimer, "This article first appeared in …", the copyright),
// "Sources: …" lines, the blocks after a "References" heading, which name
// the sources the text cites, and Markdown footnotes (Credits says which a
// credit is).
func classify(ps []Paragraph) {
	if len(ps) == 0 {
		return
	}
	start := 0
	switch {
	case isKicker(ps):
		ps[0].Kind, ps[1].Kind = Heading, Title
		start = 2
	case !untitled(ps):
		ps[0].Kind = Title
		start = 1
	}
	afterAuthor, inReferences := false, false
	for i := start; i < len(ps); i++ {
		p := &ps[i]
		switch {
		case isCredit(p.Text):
			p.Kind, p.Credits = Credit, CreditsImage
		case byline.MatchString(p.Text):
			p.Kind, p.Credits = Credit, CreditsAuthor
		case isNotice(p.Text):
			p.Kind, p.Credits = Credit, CreditsNotice
		case dateLine.MatchString(strings.TrimSpace(p.Text)):
			p.Kind, p.Credits = Credit, CreditsDate
		case p.Credits == CreditsSource || isSourceLine(p.Text) || (inReferences && !endsReferences(p)):
			p.Kind, p.Credits = Credit, CreditsSource
		case p.Kind == Heading || looksLikeHeading(p.Text):
			p.Kind = Heading
			h := strings.TrimSpace(p.Text)
			afterAuthor = authorHeading.MatchString(h)
			inReferences = referencesHeading.MatchString(h)
			continue
		case afterAuthor:
			p.Kind = Bio
		case i >= len(ps)-3 && bioOpening.MatchString(p.Text) && bioCue.MatchString(p.Text):
			p.Kind = Bio
		default:
			p.Kind = Body
		}
	}
	// A byline, a date line or an image credit may stand between the title
	// and the standfirst ("By Jane Doe" on its own line).
	first := start
	for first < len(ps) && ps[first].Kind == Credit {
		first++
	}
	if first < len(ps) && ps[first].Kind == Body && isStandfirst(ps[first]) {
		body := 0
		for _, p := range ps[first+1:] {
			if p.Kind == Body {
				body++
			}
		}
		if body >= 3 {
			ps[first].Kind = Standfirst
		}
	}
}

// untitled reports whether the first block of the text ps is a paragraph
// and not its title: it has three sentences or more, or it is the text's
// only block and has two. No headline has three (none of the 114 titles of
// the silver corpus has two), and read as a title, a text's only block
// would leave it nothing to analyse; a text pasted without its title line,
// such as a microtext, opens so. A Markdown heading is always a title.
func untitled(ps []Paragraph) bool {
	if len(ps) == 0 || ps[0].Kind == Heading {
		return false
	}
	n := len(ps[0].Sentences)
	return n >= 3 || (n == 2 && len(ps) == 1)
}

// isKicker reports whether the first block of ps is the label of the
// section a site files the piece under ("Opinion", "Guest essay",
// "Editorial | Housing"), printed above its headline: a plain-text line that
// is a section label, followed by a block short enough to be the headline
// (at most two sentences and 30 words) and by more text.
func isKicker(ps []Paragraph) bool {
	if len(ps) < 3 || ps[0].Kind == Heading {
		return false
	}
	h := ps[1]
	return sectionLabel.MatchString(strings.TrimSpace(ps[0].Text)) && len(h.Sentences) <= 2 && words(h.Text) <= 30
}

// isCredit reports whether a block is an image or photo credit line.
func isCredit(s string) bool {
	if words(s) > 25 {
		return false
	}
	return creditLine.MatchString(s) || (words(s) <= 8 && stockAgency.MatchString(s) && strings.ContainsAny(s, "/©|"))
}

// isNotice reports whether a block is a publisher's notice: it opens as
// one, and is short (a notice is a line or two, never a paragraph of the
// argument).
func isNotice(s string) bool {
	return words(s) <= 60 && notice.MatchString(strings.TrimSpace(s))
}

// isSourceLine reports whether a block names the sources of the text or of
// a chart in it ("Sources: Statistics Canada; the author's calculations").
func isSourceLine(s string) bool {
	return words(s) <= 40 && sourceLine.MatchString(s)
}

// endsReferences reports whether a block in a references section ends it: a
// Markdown heading, or a plain-text line that opens the author's bio. In
// plain text an entry of the list ("Pew Research Center 2023") often looks
// like a heading, so no other line ends the section.
func endsReferences(p *Paragraph) bool {
	return p.Kind == Heading || authorHeading.MatchString(strings.TrimSpace(p.Text))
}

// looksLikeHeading reports whether a plain-text line is a heading: a few
// words that do not end like a sentence, or end in a colon.
func looksLikeHeading(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || words(s) > 10 {
		return false
	}
	last := []rune(s)
	r := last[len(last)-1]
	if r == ':' {
		return true
	}
	return !strings.ContainsRune(".!?…\"”’)", r) && unicode.IsUpper([]rune(s)[0])
}

// isStandfirst reports whether a block is short enough to be a standfirst.
func isStandfirst(p Paragraph) bool {
	return len(p.Sentences) <= 3 && words(p.Text) <= 90
}

// words counts the white-space separated words of s.
func words(s string) int { return len(strings.Fields(s)) }

// Author returns the essay's author as the essay gives it: the name on a
// byline ("By Jane Doe"), else the name that opens the author's bio ("Jane
// Doe is a …"); "" when the essay names no author.
func (d *Document) Author() string {
	for _, p := range d.Paragraphs {
		if p.Kind == Credit {
			if m := byline.FindStringSubmatch(p.Text); m != nil {
				return strings.TrimSpace(m[1])
			}
		}
	}
	for _, p := range d.Paragraphs {
		if p.Kind == Bio {
			if m := bioName.FindStringSubmatch(p.Text); m != nil {
				return m[1]
			}
		}
	}
	return ""
}
