package server

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/argmap/argmap/internal/store"
)

// This file builds what pages say about a paragraph's past: each text it
// had at its permanent versioned URL, what each revision did to it, and,
// for a removed paragraph, where its neighbours are now.

// versionsOf returns every text paragraph pid had, oldest first, the last
// being the current (or, for a removed paragraph, the last) text.
func (m *model) versionsOf(pid string) []store.Version { return m.src.versions(pid) }

// lastRevisionOf returns the last revision paragraph pid stood in.
func (m *model) lastRevisionOf(pid string) int {
	if m.isCurrent(pid) {
		return m.head.current.Number
	}
	if v, _, ok := m.src.removed(pid); ok {
		return v.Revision
	}
	return 0
}

// textVersion is one text of a paragraph, at its permanent versioned URL.
type textVersion struct {
	// Revision is the first revision with this text; it names the URL.
	Revision int `json:"revision"`
	// Until is the last revision with this text.
	Until int    `json:"until"`
	URL   string `json:"url"`
	// Current is true for the text the paragraph has now.
	Current bool `json:"current,omitempty"`
}

// texts returns the texts of paragraph pid as links, oldest first.
func (m *model) texts(pid string) []textVersion {
	vs := m.versionsOf(pid)
	out := make([]textVersion, 0, len(vs))
	last := m.lastRevisionOf(pid)
	current := m.isCurrent(pid)
	for k, v := range vs {
		until := last
		if k+1 < len(vs) {
			until = vs[k+1].Revision - 1
		}
		out = append(out, textVersion{
			Revision: v.Revision,
			Until:    until,
			URL:      versionPath(pid, v.Revision),
			Current:  current && k == len(vs)-1,
		})
	}
	return out
}

// textBefore returns the versioned URL of the text paragraph pid had just
// before revision rev, or "" when it had none.
func (m *model) textBefore(pid string, rev int) string {
	url := ""
	for _, v := range m.versionsOf(pid) {
		if v.Revision < rev {
			url = versionPath(pid, v.Revision)
		}
	}
	return url
}

// historyEvent is what one revision did to a paragraph.
type historyEvent struct {
	Revision int    `json:"revision"`
	Date     string `json:"date,omitempty"`
	What     string `json:"what"`
	Note     string `json:"note,omitempty"`
	// Earlier is the text the revision replaced, when there was one.
	Earlier string `json:"earlier_url,omitempty"`
	// Words is Note with every "¶id" a link to that paragraph's page.
	Words []segment `json:"-"`
}

// historyOf returns what each revision did to paragraph pid, oldest first:
// the changes recorded against it, whose notes name the other paragraphs
// of a split or merge.
func (m *model) historyOf(pid string) []historyEvent {
	var out []historyEvent
	for _, rc := range m.src.changesOf(pid) {
		r, c := m.revision(rc.Revision), rc.Change
		words := c.Note
		if c.What == "split" {
			words = strings.TrimPrefix(words, "split: ")
		}
		e := historyEvent{Revision: r.Number, What: c.What, Note: c.Note, Words: m.linkPilcrows(words)}
		if !r.Created.IsZero() {
			e.Date = r.Created.UTC().Format(time.DateOnly)
		}
		if c.What != "added" {
			e.Earlier = m.textBefore(pid, r.Number)
		}
		out = append(out, e)
	}
	return out
}

// notice is a sentence at the top of a paragraph page about a split or a
// merge, with its "¶id" links.
type notice struct {
	Words []segment
}

// structureNotices says, for each split or merge paragraph pid took part
// in, what happened: "Revision 3 split this paragraph: the rest is now
// ¶17.", "This paragraph was split off from ¶5 in revision 3.", "¶4 was
// merged into this paragraph in revision 3.".
func (m *model) structureNotices(pid string) []notice {
	var out []notice
	for _, rc := range m.src.changesOf(pid) {
		r, c := m.revision(rc.Revision), rc.Change
		var text string
		switch {
		case c.What == "split":
			if rest, ok := strings.CutPrefix(c.Note, "split: "); ok {
				text = fmt.Sprintf("Revision %d split this paragraph: %s.", r.Number, rest)
			} else {
				text = fmt.Sprintf("Revision %d split this paragraph.", r.Number)
			}
		case c.What == "added" && splitOffRE.MatchString(c.Note):
			text = fmt.Sprintf("This paragraph was %s in revision %d.", c.Note, r.Number)
		case mergedIntoItRE.MatchString(c.Note):
			parts := mergedIntoItRE.FindStringSubmatch(c.Note)[1]
			verb := "was"
			if len(pilcrowRE.FindAllString(parts, -1)) > 1 {
				verb = "were"
			}
			text = fmt.Sprintf("%s %s merged into this paragraph in revision %d.", parts, verb, r.Number)
		case c.What == "merged":
			text = fmt.Sprintf("Revision %d %s.", r.Number, mergedWords(c.Note))
		default:
			continue
		}
		out = append(out, notice{Words: m.linkPilcrows(text)})
	}
	return out
}

// mergedWords turns the store's "merged into ¶4" into "merged this
// paragraph into ¶4".
func mergedWords(note string) string {
	if rest, ok := strings.CutPrefix(note, "merged into "); ok {
		return "merged this paragraph into " + rest
	}
	return "merged this paragraph into another"
}

var (
	// pilcrowRE finds paragraph references in change notes: "¶4", "¶title".
	pilcrowRE = regexp.MustCompile(`¶([A-Za-z0-9_-]+)`)
	// splitOffRE matches the store's note on a part split off a paragraph.
	splitOffRE = regexp.MustCompile(`^split off from ¶[A-Za-z0-9_-]+$`)
	// mergedIntoItRE matches the store's note on a paragraph others were
	// merged into, capturing the names of those others.
	mergedIntoItRE = regexp.MustCompile(`^(.*¶[A-Za-z0-9_-]+) merged into it$`)
)

// linkPilcrows splits text into segments, each "¶id" of a paragraph the
// site has a page for (current or removed) a link to that page.
func (m *model) linkPilcrows(text string) []segment {
	var out []segment
	pos := 0
	for _, loc := range pilcrowRE.FindAllStringSubmatchIndex(text, -1) {
		pid := text[loc[2]:loc[3]]
		if !m.isCurrent(pid) && !m.isRemoved(pid) {
			continue
		}
		if loc[0] > pos {
			out = append(out, segment{Text: text[pos:loc[0]]})
		}
		out = append(out, segment{Text: text[loc[0]:loc[1]], Href: paragraphPath(pid), Title: "paragraph " + pid})
		pos = loc[1]
	}
	if pos < len(text) {
		out = append(out, segment{Text: text[pos:]})
	}
	return out
}

// neighbourLinks returns links to the current paragraphs nearest before
// and after removed paragraph pid, nil where there is none.
func (m *model) neighbourLinks(v store.ParagraphVersion) (before, after *navLink) {
	n := m.src.neighbours(v)
	link := func(q string) *navLink {
		if q == "" || !m.isCurrent(q) {
			return nil
		}
		return &navLink{Label: "¶" + q, URL: paragraphPath(q)}
	}
	return link(n.Before), link(n.After)
}

// revision returns revision number n (without its changes).
func (m *model) revision(n int) store.Revision {
	for _, r := range m.head.revisions {
		if r.Number == n {
			return r
		}
	}
	return store.Revision{Number: n}
}

// copyScript adds the citation block's copy buttons; without it the
// citations are plain selectable text.
const copyScript = "/static/copy.js"

// versionCitation cites one text of a paragraph at its versioned URL.
func (m *model) versionCitation(v store.Version) citationView {
	url := m.abs(versionPath(v.PID, v.Revision))
	ci := m.citeInfo(v.PID, v.Revision)
	c := citationView{
		URL:       url,
		Fragments: []fragmentLink{},
		Text:      plainCitation(ci),
		BibTeX:    bibtexCitation(ci),
		Accessed:  m.accessed.Format(time.DateOnly),
	}
	var says []string // the sentences' texts, for their text directives
	for _, s := range v.Sentences {
		says = append(says, s.Text)
	}
	for k, s := range v.Sentences {
		if d := textDirective(says, k); d != "" {
			c.Fragments = append(c.Fragments, fragmentLink{Sentence: s.ID, URL: url + "#:~:" + d})
		}
	}
	return c
}

// citationMeta returns the Highwire Press and Dublin Core tags of a page
// that cites paragraph pid at url.
func (m *model) citationMeta(pid, url string) []meta {
	var tags []meta
	add := func(name, content string) {
		if content != "" {
			tags = append(tags, meta{Name: name, Content: content})
		}
	}
	// The publication date is the essay's own (metadata), never the
	// ingest date.
	md := m.meta()
	pub := md.Date
	add("citation_title", md.Title)
	add("citation_author", md.Author)
	add("citation_publication_date", strings.ReplaceAll(pub, "-", "/"))
	add("citation_publisher", md.Publisher)
	add("citation_public_url", url)
	add("citation_fulltext_html_url", url)
	add("DC.title", md.Title+", paragraph "+pid)
	add("DC.creator", md.Author)
	add("DC.publisher", md.Publisher)
	add("DC.source", md.URL)
	add("DC.date", pub)
	add("DC.identifier", url)
	add("DC.type", "Text")
	add("DC.format", "text/html")
	add("DC.relation.isPartOf", m.abs("/"))
	return tags
}
