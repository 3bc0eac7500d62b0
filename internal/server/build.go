package server

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/store"
)

// URL paths of the pages. Every internal link is one of these, so that the
// same links work on the server and in an exported folder.
func paragraphPath(pid string) string     { return "/p/" + pid }
func sentencePath(pid, sid string) string { return "/p/" + pid + "#" + sid }
func claimPath(sid string) string         { return "/claims/" + sid }
func versionPath(pid string, rev int) string {
	return "/p/" + pid + "/v/" + strconv.Itoa(rev)
}

// jsonPath returns the path of a page's JSON twin.
func jsonPath(path string) string {
	if path == "/" {
		return "/index.json"
	}
	return path + ".json"
}

// model builds pages from a source: the snapshot in memory (NewSite), or
// the database, read for each page (NewServingSite).
type model struct {
	src      source
	head     head
	base     string
	accessed time.Time
}

func newModel(snap *store.Snapshot, base string, accessed time.Time) (*model, error) {
	src, err := newMemSource(snap)
	if err != nil {
		return nil, err
	}
	return &model{src: src, head: snapshotHead(snap), base: base, accessed: accessed}, nil
}

// snapshotHead is the head of snap.
func snapshotHead(snap *store.Snapshot) head {
	return head{current: snap.Current, revisions: snap.Revisions, meta: snap.Meta, title: snap.Analysis.Title, author: snap.Analysis.Author}
}

// storeHead is the head the store read.
func storeHead(h *store.Head) head {
	return head{current: h.Current, revisions: h.Revisions, meta: h.Meta, title: h.Title, author: h.Author}
}

// on returns m reading from src.
func (m *model) on(src source) *model {
	c := *m
	c.src = src
	return &c
}

// w is the whole essay in memory.
func (m *model) w() *memSource { return m.src.whole() }

// isCurrent and isRemoved report whether paragraph pid is in the current
// revision, or was removed by it or an earlier one.
func (m *model) isCurrent(pid string) bool {
	_, ok := m.src.paragraphIndex(pid)
	return ok
}

func (m *model) isRemoved(pid string) bool {
	_, _, ok := m.src.removed(pid)
	return ok
}

// prefetch reads the paragraphs at lo to hi-1 at once, when the source
// reads them one at a time otherwise.
func (m *model) prefetch(lo, hi int) {
	if d, ok := m.src.(*dbSource); ok {
		d.prefetch(lo, hi)
	}
}

// abs returns the absolute URL of a path.
func (m *model) abs(path string) string { return m.base + path }

func (m *model) sentence(sid string) argument.Sentence {
	s, _ := m.src.sentence(sid)
	return s.Sentence
}

func (m *model) pidOf(sid string) string {
	s, _ := m.src.sentence(sid)
	return s.pid
}

func isClaim(r argument.Role) bool { return r == argument.MajorClaim || r == argument.Claim }

// roleLabel is the visible marker of a role; empty for none.
func roleLabel(r argument.Role) string {
	switch r {
	case argument.MajorClaim:
		return "thesis"
	case argument.None, "":
		return ""
	default:
		return strings.ReplaceAll(string(r), "_", " ")
	}
}

var roleOrder = []struct {
	role argument.Role
	text string
}{
	{argument.MajorClaim, "the position the whole essay argues for"},
	{argument.Claim, "a contestable statement the author argues for"},
	{argument.Evidence, "grounds offered for a claim: figures, reports, quotes, events"},
	{argument.Background, "context the essay states but does not argue"},
	{argument.None, "not part of the argument (headings, bio, credits); no marker"},
}

func (m *model) legend() []legendEntry {
	counts := m.src.roleCounts()
	var out []legendEntry
	for _, r := range roleOrder {
		label := roleLabel(r.role)
		if label == "" {
			label = "unmarked"
		}
		out = append(out, legendEntry{Role: r.role, Label: label, Text: r.text, Count: counts[r.role]})
	}
	return out
}

func (m *model) sentenceView(sid string) sentenceView {
	s := m.sentence(sid)
	pid := m.pidOf(sid)
	v := sentenceView{
		ID:         s.ID,
		PID:        pid,
		Text:       s.Text,
		Role:       s.Role,
		Confidence: s.Confidence,
		Why:        s.Why,
		URL:        sentencePath(pid, s.ID),
		Label:      roleLabel(s.Role),
	}
	if s.Role != argument.None && s.Uncertain() {
		v.Uncertain = true
		v.Label += "?"
	}
	if isClaim(s.Role) {
		v.ClaimURL = claimPath(s.ID)
	}
	v.Bears = m.bears(s.ID)
	v.Segments = m.segments(s)
	return v
}

// segments splits a sentence's text around the figures cited in it, each
// figure linked to its row on /figures. Figures whose text is not found,
// or that overlap an earlier one, are left as plain text.
func (m *model) segments(s argument.Sentence) []segment {
	type span struct {
		start, end, fig int
		id              string // the figure's anchor on /figures
	}
	var spans []span
	for k, fi := range m.src.figuresOf(s.ID) {
		t := m.src.figure(fi).Text
		if t == "" {
			continue
		}
		if i := strings.Index(s.Text, t); i >= 0 {
			spans = append(spans, span{i, i + len(t), fi, figureID(s.ID, k)})
		}
	}
	slices.SortStableFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	var out []segment
	pos := 0
	for _, sp := range spans {
		if sp.start < pos {
			continue
		}
		if sp.start > pos {
			out = append(out, segment{Text: s.Text[pos:sp.start]})
		}
		f := m.src.figure(sp.fig)
		out = append(out, segment{Text: s.Text[sp.start:sp.end], Href: figureURL(sp.fig, sp.id), Title: "cited figure: " + string(f.Kind)})
		pos = sp.end
	}
	if pos < len(s.Text) || len(out) == 0 {
		out = append(out, segment{Text: s.Text[pos:]})
	}
	return out
}

// figureID is the anchor of the k-th (from 0) figure of sentence sid on
// /figures: "fig-4.1-1". It is named by its sentence, not by its place in
// the essay's list, so that a revision that adds or removes a figure
// elsewhere does not move it to another figure; an edited sentence gets
// a new id, and so do its figures.
func figureID(sid string, k int) string { return "fig-" + sid + "-" + strconv.Itoa(k+1) }

// figureOrdinals names the figures of a walk through the figures in order
// (the figures of a sentence stand together): only a walk's first
// sentence, which the walk may enter after its first figures, is looked
// up.
type figureOrdinals struct {
	m   *model
	sid string
	k   int
}

// id returns the anchor of figure f, at position i.
func (o *figureOrdinals) id(i int, f argument.Figure) string {
	switch {
	case f.Sentence == o.sid && o.sid != "":
		o.k++
	case o.sid == "" && i > 0:
		o.k = max(slices.Index(o.m.src.figuresOf(f.Sentence), i), 0)
	default:
		o.k = 0
	}
	o.sid = f.Sentence
	return figureID(f.Sentence, o.k)
}

// figureIDAt returns the anchor of figure i.
func (m *model) figureIDAt(i int) string {
	o := figureOrdinals{m: m}
	return o.id(i, m.src.figure(i))
}

func (m *model) paragraphView(i int) paragraphView {
	p := m.src.paragraph(i)
	v := paragraphView{
		ID:        p.ID,
		Kind:      p.Kind,
		Text:      p.Text,
		URL:       paragraphPath(p.ID),
		Sentences: make([]sentenceView, 0, len(p.Sentences)),
		Revised:   len(m.src.history(p.ID)) > 0,
	}
	for _, s := range p.Sentences {
		v.Sentences = append(v.Sentences, m.sentenceView(s.ID))
	}
	return v
}

func (m *model) relationsOf(sid string) sentenceRelations {
	sr := sentenceRelations{Sentence: m.sentenceView(sid), Out: []relationView{}, In: []relationView{}}
	for _, r := range m.src.relationsFrom(sid) {
		sr.Out = append(sr.Out, relationView{Kind: r.Kind, Why: r.Why, Sentence: m.sentenceView(r.To)})
	}
	for _, r := range m.src.relationsTo(sid, maxListed) {
		sr.In = append(sr.In, relationView{Kind: r.Kind, Why: r.Why, Sentence: m.sentenceView(r.From)})
	}
	if len(sr.In) == maxListed {
		n := 0
		for _, c := range m.src.countsTo(sid) {
			n += c
		}
		if n > maxListed {
			sr.InTotal = n
		}
	}
	return sr
}

// maxListed is the most sentences a page lists as bearing on one
// sentence: a long essay's thesis can have thousands, which no page holds
// (the 1,834-paragraph report's thesis page was 4 MB). The claims list and
// /sentences.csv have them all.
const maxListed = 200

// cutNotice is the notice of a page that lists only maxListed of the n
// sentences bearing on sid.
func cutNotice(sid string, n int) string {
	return fmt.Sprintf("%d sentences bear on %s; this page lists the first %d. The claims list and /sentences.csv have them all.", n, sid, maxListed)
}

func (m *model) figureView(i int) figureView {
	f := m.src.figure(i)
	return m.figureViewOf(m.figureIDAt(i), f, m.pidOf(f.Sentence))
}

// figureViewOf is figureView of figure f, with anchor id, whose sentence
// is in paragraph pid ("" for none).
func (m *model) figureViewOf(id string, f argument.Figure, pid string) figureView {
	v := figureView{ID: id, Figure: f, ValueText: valueText(f), Words: m.figureWords(f), Sourced: f.Source != ""}
	if pid != "" {
		v.PID = pid
		v.URL = sentencePath(v.PID, f.Sentence)
	}
	return v
}

// valueText is a figure's value as a reader checks it: a number with
// thousands separators ("3,000,000", "45 %"), money with its currency's
// symbol before it or its ISO 4217 code after it ("$2,000", "€5,000,000",
// "40 CNY"; see currencySymbols), a date in words ("24 March 2020",
// "March 2020", "2020"), a period in words ("6 months"). The ISO 8601 form
// stays in the JSON twin's "value"; a form this cannot say in words is
// left out here ("").
func valueText(f argument.Figure) string {
	v := f.Value
	switch {
	case !v.Valid:
		return ""
	case v.ISO == "":
		s := v.String()
		if v.Number == math.Trunc(v.Number) && math.Abs(v.Number) < 1e15 {
			s = groupThousands(int64(v.Number))
		}
		switch {
		case f.Kind == argument.Percent:
			s += " %"
		case f.Kind == argument.Money && f.Currency != "":
			if sym, ok := currencySymbols[f.Currency]; ok {
				s = sym + s
			} else {
				s += " " + f.Currency
			}
		}
		return s
	case f.Kind == argument.Duration:
		return periodWords(v.ISO)
	default:
		for _, layout := range []struct{ iso, words string }{{"2006-01-02", "2 January 2006"}, {"2006-01", "January 2006"}, {"2006", "2006"}} {
			if t, err := time.Parse(layout.iso, v.ISO); err == nil {
				return t.Format(layout.words)
			}
		}
		return ""
	}
}

// currencySymbols are the symbols valueText writes money in: those of the
// currencies the figure finder reads a symbol of. Money in any other
// currency gets its ISO 4217 code after the number.
var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "RUB": "₽"}

// groupThousands writes n with a comma between each group of three digits.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	digits := strings.TrimPrefix(s, "-")
	var b strings.Builder
	if len(digits) < len(s) {
		b.WriteByte('-')
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// dateUnits and timeUnits name the ISO 8601 designators of a period's
// date part and of its time part (after "T").
var (
	dateUnits = map[string]string{"Y": "year", "M": "month", "W": "week", "D": "day"}
	timeUnits = map[string]string{"H": "hour", "M": "minute", "S": "second"}
)

// periodWords says an ISO 8601 period of one unit, as the figure finder
// writes them ("P6M", "P1.5Y", "PT5H"), in words: "6 months", "1.5 years",
// "5 hours"; "" for any other form.
func periodWords(iso string) string {
	rest, isTime := strings.CutPrefix(iso, "PT")
	if !isTime {
		var ok bool
		if rest, ok = strings.CutPrefix(iso, "P"); !ok {
			return ""
		}
	}
	if len(rest) < 2 {
		return ""
	}
	num, designator := rest[:len(rest)-1], rest[len(rest)-1:]
	if _, err := strconv.ParseFloat(num, 64); err != nil {
		return ""
	}
	units := dateUnits
	if isTime {
		units = timeUnits
	}
	unit, ok := units[designator]
	if !ok {
		return ""
	}
	if num != "1" {
		unit += "s"
	}
	return num + " " + unit
}

func (m *model) essayTitle() string {
	if t := strings.TrimSpace(m.head.title); t != "" {
		return t
	}
	return "Untitled essay"
}

func (m *model) layout(title, path, section string) layout {
	l := layout{
		Title:      title,
		JSON:       jsonPath(path),
		Section:    section,
		EssayTitle: m.essayTitle(),
		Revision:   m.head.current.Number,
	}
	if path != "" {
		l.Canonical = m.abs(path)
	}
	return l
}

// essayPage is page n (from 1) of the essay, essayPageSize paragraphs a
// page; the title, the standfirst and the thesis head the first.
func (m *model) essayPage(n int) essayPage {
	path := pagedPath("/", n)
	md := m.meta()
	p := essayPage{
		L:          m.layout(m.essayTitle(), path, "essay"),
		Title:      m.essayTitle(),
		Author:     md.Author,
		Publisher:  md.Publisher,
		Date:       md.Date,
		DateText:   dateWords(md.Date),
		Original:   md.URL,
		Thesis:     []sentenceView{},
		Paragraphs: []paragraphView{},
		Legend:     m.legend(),
	}
	p.L.OGType = "article"
	// copy.js makes a copy of essay text plain (no role colours).
	p.L.Script = copyScript
	front := n == 1
	if front {
		sum := m.summary()
		p.Summary = &sum
	}
	count := m.src.paragraphCount()
	lo, hi := (n-1)*essayPageSize, min(n*essayPageSize, count)
	m.prefetch(lo, hi)
	// The thesis is every thesis sentence of the essay, in reading order;
	// Counts.Thesis counts those on this page, Counts.Claims the claims of
	// the essay and the thesis sentences on other pages.
	majorsHere := 0
	for _, sid := range m.src.claims(argument.MajorClaim, 0, -1) {
		s, _ := m.src.sentence(sid)
		if s.para >= lo && s.para < hi {
			majorsHere++
		}
		p.Thesis = append(p.Thesis, m.sentenceView(sid))
	}
	roles := m.src.roleCounts()
	p.Counts.Thesis = majorsHere
	p.Counts.Claims = roles[argument.Claim] + roles[argument.MajorClaim] - majorsHere
	for i := lo; i < hi; i++ {
		para := m.src.paragraph(i)
		v := m.paragraphView(i)
		p.Paragraphs = append(p.Paragraphs, v)
		switch {
		case front && para.Kind == essay.Heading && i == 0 && p.Kicker == nil:
			// The section label above the headline ("Opinion").
			p.Kicker = &v
		case front && para.Kind == essay.Title && p.TitlePara == nil:
			p.TitlePara = &v
		case front && (para.Kind == essay.Standfirst || para.Kind == essay.Credit):
			// A byline, a date line or an image credit under the title
			// stays in the header with the standfirst that follows it.
			p.Front = append(p.Front, v)
			if p.Standfirst == "" && para.Kind == essay.Standfirst {
				p.Standfirst = para.Text
			}
		default:
			front = false
			p.Body = append(p.Body, v)
		}
	}
	p.Counts.Figures = m.src.figureCount()
	p.Counts.Relations = m.src.relationCount()
	p.Pager = newPager("/", n, m.essayPages(), count, essayPageSize, "paragraphs")
	p.L.Pager = p.Pager
	if n > 1 {
		p.L.Title = fmt.Sprintf("Page %d · %s", n, m.essayTitle())
	}
	if len(p.Thesis) > 0 {
		p.L.Description = p.Thesis[0].Text
	} else if p.Standfirst != "" {
		p.L.Description = p.Standfirst
	}
	return p
}

// paragraphWords is what a paragraph's heading and title quote: its first
// claim or thesis sentence, else its first sentence, shortened.
func (m *model) paragraphWords(i int) string {
	para := m.src.paragraph(i)
	for _, s := range para.Sentences {
		if isClaim(s.Role) {
			return shortWords(s.Text, 80)
		}
	}
	if len(para.Sentences) > 0 {
		return shortWords(para.Sentences[0].Text, 80)
	}
	return shortWords(para.Text, 80)
}

func (m *model) paragraphPage(i int) paragraphPage {
	para := m.src.paragraph(i)
	path := paragraphPath(para.ID)
	url := m.abs(path)
	p := paragraphPage{
		L:          m.layout("“"+strings.Trim(m.paragraphWords(i), "“”\"")+"” (¶"+para.ID+") · "+m.essayTitle(), path, ""),
		Words:      m.paragraphWords(i),
		EssayTitle: m.essayTitle(),
		Position:   i + 1,
		Of:         m.src.paragraphCount(),
		Paragraph:  m.paragraphView(i),
		Claims:     []sentenceRelations{},
		Evidence:   []sentenceRelations{},
		Other:      []sentenceRelations{},
		Figures:    []figureView{},
		Legend:     m.legend(),
	}
	p.L.Description = excerpt(para.Text, 200)
	for _, s := range para.Sentences {
		sr := m.relationsOf(s.ID)
		if sr.InTotal > 0 {
			p.L.Notice = cutNotice(s.ID, sr.InTotal)
		}
		switch {
		case isClaim(s.Role):
			p.Claims = append(p.Claims, sr)
		case s.Role == argument.Evidence:
			p.Evidence = append(p.Evidence, sr)
		default:
			p.Other = append(p.Other, sr)
		}
		for k, fi := range m.src.figuresOf(s.ID) {
			p.Figures = append(p.Figures, m.figureViewOf(figureID(s.ID, k), m.src.figure(fi), para.ID))
		}
	}
	for _, v := range m.src.history(para.ID) {
		p.Versions = append(p.Versions, versionLink{Revision: v.Revision, URL: versionPath(para.ID, v.Revision)})
	}
	p.Texts = m.texts(para.ID)
	p.History = m.historyOf(para.ID)
	p.Notices = m.structureNotices(para.ID)
	if i > 0 {
		q := m.src.paragraph(i - 1).ID
		p.Prev = &navLink{Label: "¶" + q, URL: paragraphPath(q), Words: m.paragraphWords(i - 1)}
	}
	if i+1 < m.src.paragraphCount() {
		q := m.src.paragraph(i + 1).ID
		p.Next = &navLink{Label: "¶" + q, URL: paragraphPath(q), Words: m.paragraphWords(i + 1)}
	}

	texts := p.Texts
	rev := m.head.current.Number
	if n := len(texts); n > 0 {
		rev = texts[n-1].Revision
	}
	ci := m.citeInfo(para.ID, rev)
	p.Citation = citationView{
		URL:       url,
		Version:   ci.URL,
		Fragments: []fragmentLink{},
		Text:      plainCitation(ci),
		BibTeX:    bibtexCitation(ci),
		Accessed:  m.accessed.Format(time.DateOnly),
	}
	p.L.OGType = "article"
	p.L.Script = copyScript
	var says []string // the sentences' texts, for their text directives
	for _, s := range para.Sentences {
		says = append(says, s.Text)
	}
	for k, s := range para.Sentences {
		if d := textDirective(says, k); d != "" {
			p.Citation.Fragments = append(p.Citation.Fragments, fragmentLink{Sentence: s.ID, URL: url + "#:~:" + d})
		}
	}

	// Highwire Press tags (Google Scholar, Zotero) and Dublin Core.
	p.L.Meta = m.citationMeta(para.ID, url)
	p.L.DC = true
	return p
}

// excerpt shortens s to at most n bytes at a word boundary, adding "…".
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func (m *model) versionPage(pid string, idx int) versionPage {
	vs := m.versionsOf(pid)
	v := vs[idx]
	texts := m.texts(pid)
	path := versionPath(pid, v.Revision)
	p := versionPage{
		L:       m.layout(fmt.Sprintf("“%s” (¶%s as of revision %d) · %s", strings.Trim(shortWords(v.Text, 80), "“”\""), pid, v.Revision, m.essayTitle()), path, ""),
		Words:   shortWords(v.Text, 80),
		Version: v,
		Current: paragraphPath(pid),
		Others:  []versionLink{},
		Until:   texts[idx].Until,
		Texts:   texts,
	}
	switch {
	case texts[idx].Current:
		p.Status = "current"
	case m.isRemoved(pid):
		p.Status = "removed"
	default:
		p.Status = "earlier"
	}
	p.L.Description = excerpt(v.Text, 200)
	p.Citation = m.versionCitation(v)
	p.L.Meta, p.L.DC, p.L.Script = m.citationMeta(v.PID, p.Citation.URL), true, copyScript
	for j, o := range vs {
		if j != idx && !texts[j].Current {
			p.Others = append(p.Others, versionLink{Revision: o.Revision, URL: versionPath(pid, o.Revision)})
		}
	}
	return p
}

func (m *model) removedPage(v store.ParagraphVersion) removedPage {
	path := paragraphPath(v.PID)
	p := removedPage{
		L:       m.layout("¶"+v.PID+" was removed · "+m.essayTitle(), path, ""),
		Error:   "gone: paragraph " + v.PID + " was removed by a later revision",
		Last:    v,
		Texts:   m.texts(v.PID),
		History: m.historyOf(v.PID),
		Notices: m.structureNotices(v.PID),
	}
	p.L.Description = excerpt(v.Text, 200)
	if _, into, _ := m.src.removed(v.PID); into != "" && m.isCurrent(into) {
		p.MergedInto = paragraphPath(into)
	}
	p.Before, p.After = m.neighbourLinks(v)
	if vs := m.versionsOf(v.PID); len(vs) > 0 && vs[len(vs)-1].Text == v.Text {
		p.Sentences = vs[len(vs)-1].Sentences
	}
	return p
}

func (m *model) claimItem(sid string) claimItem {
	to := m.src.countsTo(sid)
	c := claimItem{
		Sentence:  m.sentenceView(sid),
		Supports:  to[argument.Support],
		Attacks:   to[argument.Attack],
		Outgoing:  len(m.src.relationsFrom(sid)),
		Paragraph: paragraphPath(m.pidOf(sid)),
	}
	c.Unsupported = c.Supports == 0
	return c
}

// claimIDs returns the ids of the thesis sentences and of the other claims,
// each in reading order.
func (m *model) claimIDs() (thesis, claims []string) {
	return m.src.claims(argument.MajorClaim, 0, -1), m.src.claims(argument.Claim, 0, -1)
}

// thesisIDs returns the ids of the thesis sentences in reading order.
func (m *model) thesisIDs() []string { return m.src.claims(argument.MajorClaim, 0, -1) }

// claimsPage is page n (from 1) of the claims, claimsPageSize a page,
// the thesis (and the paragraphs that restate it) first on the first.
func (m *model) claimsPage(n int) claimsPage {
	path := pagedPath("/claims", n)
	p := claimsPage{L: m.layout("Claims · "+m.essayTitle(), path, "claims"), Thesis: []claimItem{}, Claims: []claimItem{}, Restated: []restatement{}}
	roles := m.src.roleCounts()
	nThesis, nClaims := roles[argument.MajorClaim], roles[argument.Claim]
	if n == 1 {
		main, _ := m.thesisGroups()
		for _, sid := range main {
			p.Thesis = append(p.Thesis, m.claimItem(sid))
		}
		p.Restated = m.summary().Restated
	}
	for _, sid := range m.src.claims(argument.Claim, (n-1)*claimsPageSize, claimsPageSize) {
		p.Claims = append(p.Claims, m.claimItem(sid))
	}
	p.L.Description = fmt.Sprintf("The thesis (%s) and %s of %s.", plural(nThesis, "statement"), plural(nClaims, "claim"), m.essayTitle())
	p.Pager = newPager("/claims", n, m.claimsPages(), nClaims, claimsPageSize, "claims")
	p.L.Pager = p.Pager
	if n > 1 {
		p.L.Title = fmt.Sprintf("Claims, page %d · %s", n, m.essayTitle())
	}
	return p
}

func (m *model) claimPage(sid string) claimPage {
	ref, _ := m.src.sentence(sid)
	path := claimPath(sid)
	sv := m.sentenceView(sid)
	words := shortWords(sv.Text, 80)
	q := "“" + strings.Trim(words, "“”\"") + "”"
	p := claimPage{
		L:           m.layout(q+" (¶"+sv.PID+") · "+m.essayTitle(), path, "claims"),
		Claim:       sv,
		Paragraph:   m.paragraphView(ref.para),
		SupportedBy: []relationView{},
		AttackedBy:  []relationView{},
		Supports:    []relationView{},
		Attacks:     []relationView{},
		Legend:      m.legend(),
	}
	p.Paragraph.Focus = sid
	p.L.Description = excerpt(sv.Text, 200)
	rel := m.relationsOf(sid)
	if rel.InTotal > 0 {
		p.L.Notice = cutNotice(sid, rel.InTotal)
	}
	for _, r := range rel.In {
		if r.Kind == argument.Attack {
			p.AttackedBy = append(p.AttackedBy, r)
		} else {
			p.SupportedBy = append(p.SupportedBy, r)
		}
	}
	for _, r := range rel.Out {
		if r.Kind == argument.Attack {
			p.Attacks = append(p.Attacks, r)
		} else {
			p.Supports = append(p.Supports, r)
		}
	}
	m.claimNav(&p, sid)
	return p
}

// figuresPage is page n (from 1) of the figures, figuresPageSize a page:
// the figures with a number, a date or a duration, and the quotes apart.
func (m *model) figuresPage(n int) figuresPage {
	path := pagedPath("/figures", n)
	p := figuresPage{L: m.layout("Figures · "+m.essayTitle(), path, "figures"), Figures: []figureView{}, Numbers: []figureView{}, Quotes: []figureView{}}
	type placedFigure struct {
		f   argument.Figure
		pid string
	}
	var figs []placedFigure
	lo := (n - 1) * figuresPageSize
	check(m.src.eachFigure(lo, n*figuresPageSize, func(_ int, f argument.Figure, pid string) error {
		figs = append(figs, placedFigure{f, pid})
		return nil
	}))
	ids := figureOrdinals{m: m}
	for k, pf := range figs {
		f := pf.f
		v := m.figureViewOf(ids.id(lo+k, f), f, pf.pid)
		p.Figures = append(p.Figures, v)
		if f.Kind == argument.Quote {
			p.Quotes = append(p.Quotes, v)
		} else {
			p.Numbers = append(p.Numbers, v)
		}
	}
	p.L.Description = fmt.Sprintf("The %s and %s cited in %s.", plural(len(p.Numbers), "figure"), plural(len(p.Quotes), "quote"), m.essayTitle())
	p.Pager = newPager("/figures", n, m.figuresPages(), m.src.figureCount(), figuresPageSize, "figures")
	p.L.Pager = p.Pager
	if n > 1 {
		p.L.Title = fmt.Sprintf("Figures, page %d · %s", n, m.essayTitle())
	}
	p.L.Wide = true
	return p
}

// dgLongMap is the number of sentences other than the thesis and claims
// past which /map draws only the thesis and the claims, each with how
// many sentences back and attack it; every claim's page draws its own
// map with its evidence.
const dgLongMap = 60

// mapPage builds the outline: the thesis (all its sentences where it is
// first stated, in one node) with what bears on it and the paragraphs
// that restate it, then each claim with what bears on it, recursively. A
// sentence's children are listed once; later appearances are marked
// Repeat, which keeps the outline finite on any graph.
func (m *model) mapPage() mapPage {
	p := mapPage{
		L:                m.layout("Map · "+m.essayTitle(), "/map", "map"),
		Thesis:           []mapNode{},
		UnlinkedClaims:   []mapNode{},
		UnlinkedEvidence: []mapNode{},
		Legend:           m.legend(),
	}
	main, restated := m.thesisGroups()
	// A long essay's map is capped from its counts alone, reading only
	// what it shows (capMap); a shorter one walks its graph, which
	// counts the outline's nodes first; the outline is built (each node
	// with its sentence's words) only when it fits a page.
	capped := mapCapped(m.src.roleCounts())
	var w *mapWalk
	if !capped {
		g := m.src.graph().indexed()
		w = m.walkMap(g, main, restated, false)
		if capped = w.total > mapNodeLimit; !capped {
			w = m.walkMap(g, main, restated, true)
			if w.root != nil {
				p.Thesis = append(p.Thesis, *w.root)
			}
			for _, k := range w.claims {
				p.UnlinkedClaims = append(p.UnlinkedClaims, k.node)
			}
			for _, k := range w.evidence {
				p.UnlinkedEvidence = append(p.UnlinkedEvidence, k.node)
			}
		}
	}
	if capped {
		m.capMap(&p, main, restated)
	}
	p.L.Description = "The argument of " + m.essayTitle() + " as a diagram and an outline: thesis, claims, evidence."
	p.L.Full = true
	roots, loose := mapForest(p)
	// A capped map shows only claims: each says how many sentences back
	// and attack it.
	if capped || w.others > dgLongMap {
		p.ClaimsOnly = true
		for i := range roots {
			roots[i] = m.claimsOnly(roots[i])
		}
		loose = slices.DeleteFunc(loose, func(n mapNode) bool { return !isClaim(n.Sentence.Role) })
	}
	wide := layoutDiagram(roots, loose, wideMode, "")
	need := viewportNeed(wide.w)
	p.Wide = wide.svg("Argument map diagram", "map-wide "+need)
	p.Narrow = layoutDiagram(roots, loose, narrowMode, "").svg("Argument map diagram", "map-narrow "+need)
	return p
}

// mapKid is a node at the top of the outline, or a child of the thesis:
// its sentence, how it bears on its parent (rel -1: it restates the
// thesis; -2: a root) and, when the outline is built, the node.
type mapKid struct {
	k    int32
	rel  int32
	node mapNode
}

// mapWalk is one walk of the outline (see mapPage): the thesis with what
// bears on it and the paragraphs that restate it, then each claim with
// what bears on it, recursively, then the evidence not reached. A
// sentence's children are listed once; later appearances are marked
// Repeat, which keeps the outline finite on any graph.
type mapWalk struct {
	m        *model
	g        *graph
	build    bool
	expanded []bool
	// total counts the nodes; others the sentences other than the thesis
	// and claims that bear on something or are evidence.
	total, others int
	// root is the thesis node (built only when build is set); kids its
	// children; claims and evidence the roots that follow it.
	root             *mapNode
	kids             []mapKid
	claims, evidence []mapKid
	stack            []int32
}

// walkMap walks the outline of g, building its nodes when build is set.
func (m *model) walkMap(g *graph, main, restated []string, build bool) *mapWalk {
	w := &mapWalk{m: m, g: g, build: build, expanded: make([]bool, g.n())}
	if len(main) > 0 {
		k0, _ := g.place(main[0])
		w.total++
		w.expanded[k0] = true
		var root mapNode
		if build {
			root.Sentence = m.sentenceView(main[0])
		}
		w.kidsOf(k0)
		for _, sid := range main[1:] {
			k, _ := g.place(sid)
			w.expanded[k] = true
			if build {
				root.Also = append(root.Also, m.sentenceView(sid))
			}
			w.kidsOf(k)
		}
		for _, sid := range restated {
			k, _ := g.place(sid)
			if w.expanded[k] {
				continue
			}
			c := w.node(k)
			c.Relation, c.Why = restates, "states the thesis again"
			w.kids = append(w.kids, mapKid{k: k, rel: -1, node: c})
		}
		if build {
			for _, kid := range w.kids {
				root.Children = append(root.Children, kid.node)
			}
		}
		w.root = &root
	}
	for k := range int32(g.n()) {
		if g.roleOf(k) == argument.Claim && !w.expanded[k] {
			w.claims = append(w.claims, mapKid{k: k, rel: -2, node: w.node(k)})
		}
	}
	for k := range int32(g.n()) {
		role := g.roleOf(k)
		if !isClaim(role) && (g.outDeg[k] > 0 || role == argument.Evidence) {
			w.others++
		}
		if role == argument.Evidence && !w.expanded[k] {
			w.evidence = append(w.evidence, mapKid{k: k, rel: -2, node: w.node(k)})
		}
	}
	return w
}

// count is node without building, on a stack of its own instead of the
// goroutine's (a chain of 100,000 claims is 100,000 calls deep): which
// sentences a walk expands, and how many nodes it makes, do not depend on
// the order it takes them in.
func (w *mapWalk) count(k int32) {
	stack := append(w.stack[:0], k)
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		w.total++
		if w.expanded[k] {
			continue
		}
		w.expanded[k] = true
		for _, ri := range w.g.in(k) {
			if from := w.g.from[ri]; from >= 0 {
				stack = append(stack, from)
			}
		}
	}
	w.stack = stack
}

// kidsOf walks the relations to sentence k as children of the thesis.
func (w *mapWalk) kidsOf(k int32) {
	for _, ri := range w.g.in(k) {
		from := w.g.from[ri]
		if from < 0 {
			continue
		}
		c := w.node(from)
		if w.build {
			c.Relation, c.Why = w.g.kindOf(ri), w.g.whyOf(ri)
		}
		w.kids = append(w.kids, mapKid{k: from, rel: ri, node: c})
	}
}

// node walks sentence k and what bears on it.
func (w *mapWalk) node(k int32) mapNode {
	if !w.build {
		w.count(k)
		return mapNode{}
	}
	w.total++
	n := mapNode{Sentence: w.m.sentenceView(w.g.sid(k))}
	if w.expanded[k] {
		n.Repeat = len(w.g.in(k)) > 0
		return n
	}
	w.expanded[k] = true
	for _, ri := range w.g.in(k) {
		if from := w.g.from[ri]; from >= 0 {
			c := w.node(from)
			c.Relation, c.Why = w.g.kindOf(ri), w.g.whyOf(ri)
			n.Children = append(n.Children, c)
		}
	}
	return n
}

// claimsOnly returns n with only its claims (and restatements) as
// children, recursively, each claim saying how many sentences back and
// attack it.
func (m *model) claimsOnly(n mapNode) mapNode {
	if n.Sentence.Role == argument.Claim {
		to := m.src.countsTo(n.Sentence.ID)
		n.Counts = fmt.Sprintf("%d for, %d against", to[argument.Support], to[argument.Attack])
	}
	var kept []mapNode
	for _, c := range n.Children {
		if isClaim(c.Sentence.Role) {
			kept = append(kept, m.claimsOnly(c))
		}
	}
	n.Children = kept
	return n
}

func (m *model) revisionsPage() revisionsPage {
	p := revisionsPage{L: m.layout("Revisions · "+m.essayTitle(), "/revisions", "revisions"), Revisions: []revisionView{}}
	revs := m.head.revisions
	if len(revs) == 0 && m.head.current.Number != 0 {
		revs = []store.Revision{m.head.current}
	}
	// Newest first.
	for i := len(revs) - 1; i >= 0; i-- {
		r := revs[i]
		v := revisionView{
			Number:  r.Number,
			Source:  r.Source,
			SHA256:  r.SHA256,
			Current: r.Number == m.head.current.Number,
			Changes: []changeView{},
		}
		if r.Number > 1 {
			v.MetaChanged = r.MetaChanged
		}
		if !r.Created.IsZero() {
			v.Created = r.Created.UTC().Format(time.RFC3339)
			v.CreatedText = r.Created.UTC().Format("2 January 2006, 15:04 UTC")
		}
		changes, total := m.src.changes(r.Number, maxListed)
		if total > maxListed {
			v.ChangesTotal = total
			p.L.Notice = fmt.Sprintf("Revision %d changed %d paragraphs; this page lists the first %d changes of each revision.", r.Number, total, maxListed)
		}
		for _, c := range changes {
			cv := changeView{Change: c, Words: m.linkPilcrows(c.Note)}
			if m.isCurrent(c.PID) || m.isRemoved(c.PID) {
				cv.URL = paragraphPath(c.PID)
			}
			// The text this revision replaced is the newest earlier
			// version from before it.
			if c.What != "added" {
				cv.Earlier = m.textBefore(c.PID, r.Number)
			}
			v.Changes = append(v.Changes, cv)
		}
		p.Revisions = append(p.Revisions, v)
	}
	for _, r := range m.src.removedAll() {
		p.Removed = append(p.Removed, versionLink{Revision: r.Revision, URL: paragraphPath(r.PID)})
	}
	for _, c := range m.src.formerClaims() {
		p.Former = append(p.Former, navLink{Label: c.SID, URL: claimPath(c.SID), Words: excerpt(c.Text, 80),
			Noun: roleLabel(c.Role) + ", last in revision " + strconv.Itoa(c.Revision)})
	}
	p.L.Description = fmt.Sprintf("The %s of %s and what each changed.", plural(len(revs), "revision"), m.essayTitle())
	return p
}

func (m *model) errorPage(status int, msg string) errorPage {
	heading := map[int]string{
		404: "Page not found",
		405: "Method not allowed",
		500: "Something went wrong",
		503: "Busy",
	}[status]
	p := errorPage{L: m.layout(heading+" · argmap", "", ""), Status: status, Heading: heading, Error: msg}
	p.L.JSON = ""
	// Examples of addresses that work on this site.
	if pid := m.src.firstOfKind(essay.Body); pid != "" {
		p.ExamplePara = paragraphPath(pid)
	}
	if p.ExamplePara == "" && m.src.paragraphCount() > 0 {
		p.ExamplePara = paragraphPath(m.src.paragraph(0).ID)
	}
	if claims := m.src.claims(argument.Claim, 0, 1); len(claims) > 0 {
		p.ExampleClaim = claimPath(claims[0])
	} else if thesis := m.src.claims(argument.MajorClaim, 0, 1); len(thesis) > 0 {
		p.ExampleClaim = claimPath(thesis[0])
	}
	return p
}

// formerClaimPage is the 410 page of former claim c.
func (m *model) formerClaimPage(c store.FormerClaim) formerClaimPage {
	label := "claim"
	if c.Role == argument.MajorClaim {
		label = "thesis statement"
	}
	p := formerClaimPage{
		L:         m.layout(capitalise(label)+" "+c.SID+" is gone · "+m.essayTitle(), claimPath(c.SID), "claims"),
		Error:     "gone: sentence " + c.SID + " was a " + label + " in revision " + strconv.Itoa(c.Revision) + " and is not one now",
		Last:      c,
		Label:     label,
		Paragraph: paragraphPath(c.PID),
		Removed:   !m.isCurrent(c.PID),
		Claims:    []navLink{},
	}
	p.L.Description = excerpt(c.Text, 200)
	// The text that held it is the run of versions it was last in (the
	// last one named by a revision up to its own), at the sentence when
	// that version has it.
	for _, v := range m.versionsOf(c.PID) {
		if v.Revision > c.Revision {
			break
		}
		p.Version = versionPath(c.PID, v.Revision)
		if slices.ContainsFunc(v.Sentences, func(s store.SentenceVersion) bool { return s.ID == c.SID }) {
			p.Version += "#" + c.SID
		}
	}
	if s, ok := m.src.sentence(c.SID); ok {
		v := m.sentenceView(s.ID)
		p.Now = &v
	}
	if i, ok := m.src.paragraphIndex(c.PID); ok {
		for _, s := range m.src.paragraph(i).Sentences {
			if isClaim(s.Role) {
				p.Claims = append(p.Claims, navLink{Label: capitalise(roleLabel(s.Role)) + " " + s.ID, URL: claimPath(s.ID), Words: excerpt(s.Text, 80)})
			}
		}
	}
	return p
}
