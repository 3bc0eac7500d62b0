package server

import (
	"errors"
	"net/url"
	"strings"
	"unicode"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// This file builds /api: every JSON endpoint and export of the site, with
// an example URL that works on this essay.

// endpoint is one entry of /api.
type endpoint struct {
	// Path is the URL pattern, with {placeholders}.
	Path string `json:"path"`
	// Type is the media type of the answer.
	Type string `json:"type"`
	// What says what the answer holds.
	What string `json:"description"`
	// Example is a URL of this site that answers (absolute), or empty when
	// the essay has nothing to show there.
	Example string `json:"example,omitempty"`
	// Link is Example as a root-relative link for the HTML page.
	Link string `json:"-"`
}

// apiPage is /api.
type apiPage struct {
	L layout `json:"-"`
	// Twins are the JSON twins of the HTML pages.
	Twins []endpoint `json:"json"`
	// Exports are the whole map in other formats.
	Exports []endpoint `json:"exports"`
	// Notes say what holds for every endpoint.
	Notes []string `json:"notes"`
}

func (m *model) endpoint(path, typ, what, example string) endpoint {
	e := endpoint{Path: path, Type: typ, What: what}
	if example != "" {
		e.Example, e.Link = m.abs(example), example
	}
	return e
}

func (m *model) apiPage() apiPage {
	p := apiPage{L: m.layout("API · "+m.essayTitle(), "/api", "api")}
	p.L.Description = "Every JSON endpoint and export of " + m.essayTitle() + ", with examples."
	cid := ""
	if thesis := m.src.claims(argument.MajorClaim, 0, 1); len(thesis) > 0 {
		cid = thesis[0]
	} else if claims := m.src.claims(argument.Claim, 0, 1); len(claims) > 0 {
		cid = claims[0]
	}
	pid, revised := m.src.firstOfKind(essay.Body), ""
	if rp, vs := m.src.firstRevised(); rp != "" {
		revised = versionPath(rp, vs[0].Revision)
	}
	if pid == "" && m.src.paragraphCount() > 0 {
		pid = m.src.paragraph(0).ID
	}
	example := func(p string) string {
		if p == "" {
			return ""
		}
		return jsonPath(p)
	}
	json := contentJSON
	p.Twins = []endpoint{
		m.endpoint("/index.json", json, "The essay page: title, author, standfirst, thesis, every paragraph with its sentences and their roles, counts.", "/index.json"),
		m.endpoint("/essay.json", json, "The whole analysis in the shape argmap extract prints, with permanent ids, the revision number and the essay's URL.", "/essay.json"),
		m.endpoint("/p/{pid}.json", json, "One paragraph: its sentences, claims, evidence and figures with their relations, and ready citations.", example(paragraphPathIf(pid))),
		m.endpoint("/p/{pid}/v/{revision}.json", json, "An earlier text of a paragraph that a later revision edited.", example(revised)),
		m.endpoint("/claims.json", json, "Every claim, the thesis first, with how many sentences support and attack it.", "/claims.json"),
		m.endpoint("/claims/{cid}.json", json, "One claim: its sentence, its paragraph, what supports and attacks it and what it supports and attacks.", example(claimPathIf(cid))),
		m.endpoint("/figures.json", json, "Every cited figure: its words, value, what it counts, its source or speaker, and its sentence.", "/figures.json"),
		m.endpoint("/map.json", json, "The argument as a tree: each thesis with what bears on it, recursively.", "/map.json"),
		m.endpoint("/revisions.json", json, "Every revision and what it changed.", "/revisions.json"),
		m.endpoint("/search.json?q={query}", json, "The sentences that match a query, best first, each with its link and its text cut into matching and other runs. Needs the server: a static copy answers with a note.", "/search.json?q="+m.searchExample()),
		m.endpoint("/api.json", json, "This list.", "/api.json"),
	}
	p.Exports = []endpoint{
		m.endpoint("/export/aif.json", json, "The map in the Argument Interchange Format (AIFdb/OVA JSON): I-nodes for statements, RA-nodes for support, CA-nodes for attack, L- and YA-nodes for quotes with their speakers.", "/export/aif.json"),
		m.endpoint("/export/argdown", "text/plain; charset=utf-8", "The map in Argdown: the thesis and claims as statements, what supports (+) and attacks (-) them as children, each tagged with its role and linked to its paragraph.", "/export/argdown"),
		m.endpoint("/figures.csv", contentCSV, "Every cited figure, one a row: "+strings.Join(figuresCSVHeader, ", ")+".", "/figures.csv"),
		m.endpoint("/sentences.csv", contentCSV, "Every sentence in reading order with its role, one a row: "+strings.Join(sentencesCSVHeader, ", ")+".", "/sentences.csv"),
	}
	p.Notes = []string{
		"Every HTML page has a JSON twin at its path plus .json (/ has /index.json).",
		"Paragraph ids (pid) are permanent; a sentence id is its paragraph id, a dot and a number.",
		"docs/formats.md in argmap's source describes each export.",
	}
	return p
}

func paragraphPathIf(pid string) string {
	if pid == "" {
		return ""
	}
	return paragraphPath(pid)
}

func claimPathIf(cid string) string {
	if cid == "" {
		return ""
	}
	return claimPath(cid)
}

// searchExample picks a word to show a search with: the longest word of
// the thesis (its last sentence in the first paragraph that states it; or
// of the first sentence), else "argument".
func (m *model) searchExample() string {
	text := ""
	if thesis := m.thesisIDs(); len(thesis) > 0 {
		first, _ := m.src.sentence(thesis[0])
		for _, sid := range thesis {
			if s, _ := m.src.sentence(sid); s.pid == first.pid {
				text = s.Text
			}
		}
	} else {
		errFound := errors.New("found")
		err := m.src.eachParagraph(0, -1, func(_ int, p argument.Paragraph) error {
			if len(p.Sentences) > 0 {
				text = p.Sentences[0].Text
				return errFound
			}
			return nil
		})
		if !errors.Is(err, errFound) {
			check(err)
		}
	}
	best := ""
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) > len(best) && len(w) < 40 {
			best = w
		}
	}
	if best == "" {
		return "argument"
	}
	return url.QueryEscape(strings.ToLower(best))
}
