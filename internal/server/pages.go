package server

import (
	"html/template"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/store"
)

// This file holds the page types: one struct per template, each with the
// layout data in L (not part of the JSON twin) and the page's own data,
// which is what the twin at path+".json" holds.

// layout is what the shared layout template needs on every page.
type layout struct {
	// Title is the <title>.
	Title string
	// Description is the meta description; empty leaves it out.
	Description string
	// Canonical is the absolute canonical URL; empty leaves it out.
	Canonical string
	// JSON is the path of the page's JSON twin.
	JSON string
	// Section names the nav entry to mark as current.
	Section string
	// EssayTitle is the essay's title, for the footer.
	EssayTitle string
	// Revision is the current revision number.
	Revision int
	// Wide gives the page a wider main column (tables).
	Wide bool
	// Full gives the page the whole window's width (the map).
	Full bool
	// DC is true when Meta holds Dublin Core tags.
	DC bool
	// Meta are extra <meta name content> tags (Highwire, Dublin Core).
	Meta []meta
	// Query fills the search box in the header (search pages).
	Query string
	// Script is the path of a script the page loads (deferred); empty
	// for none. Every page works without it.
	Script string
	// OGType is the page's Open Graph type: "article" for the essay and
	// its paragraphs; empty means "website".
	OGType string
	// Pager links the pages of a paged list; nil when it has one page.
	Pager *pager
	// Notice says what a long essay's page leaves out; empty for none.
	Notice string
}

type meta struct {
	Name    string
	Content string
}

// sentenceView is a sentence as pages show it.
type sentenceView struct {
	ID   string        `json:"id"`
	PID  string        `json:"pid"`
	Text string        `json:"text"`
	Role argument.Role `json:"role"`
	// Confidence is the model's calibrated probability of Role; Uncertain
	// is set when it is under one half, and the pages say so.
	Confidence float64 `json:"confidence"`
	Uncertain  bool    `json:"uncertain,omitempty"`
	Why        string  `json:"why"`
	// URL is the sentence on its paragraph page: /p/{pid}#{sid}.
	URL string `json:"url"`
	// ClaimURL is /claims/{sid} for claims and the thesis.
	ClaimURL string `json:"claim_url,omitempty"`
	// Label is the visible role marker ("thesis", "claim", …); empty for
	// sentences outside the argument.
	Label string `json:"-"`
	// Segments are the text split around cited figures.
	Segments []segment `json:"-"`
	// Bears are what the sentence supports or attacks, each shown as a
	// visible note ("→ ¶2’s claim") that links to it.
	Bears []bearView `json:"-"`
}

// Link returns the page a reference to the sentence should open: its
// claim page for claims, its place in its paragraph otherwise.
func (s sentenceView) Link() string {
	if s.ClaimURL != "" {
		return s.ClaimURL
	}
	return s.URL
}

// segment is a run of sentence text; Href is set when the run is a cited
// figure.
type segment struct {
	Text  string
	Href  string
	Title string
}

// paragraphView is a paragraph as pages show it.
type paragraphView struct {
	ID        string         `json:"id"`
	Kind      essay.Kind     `json:"kind"`
	Text      string         `json:"text"`
	URL       string         `json:"url"`
	Sentences []sentenceView `json:"sentences"`
	// Revised is true when the paragraph has earlier texts.
	Revised bool `json:"revised,omitempty"`
	// Focus is the id of a sentence to emphasise (claim pages).
	Focus string `json:"-"`
}

// relationView is one end of a relation as seen from the other.
type relationView struct {
	Kind argument.RelationKind `json:"kind"`
	Why  string                `json:"why"`
	// Sentence is the other end.
	Sentence sentenceView `json:"sentence"`
}

// sentenceRelations is a sentence with the relations it takes part in.
type sentenceRelations struct {
	Sentence sentenceView `json:"sentence"`
	// Out are the relations from this sentence: what it supports or attacks.
	Out []relationView `json:"relations_out"`
	// In are the relations to this sentence: what supports or attacks it
	// (the first maxListed of them).
	In []relationView `json:"relations_in"`
	// InTotal is the number of relations to this sentence when In holds
	// only the first maxListed; zero otherwise.
	InTotal int `json:"relations_in_total,omitempty"`
}

// figureView is a cited figure with its place in the essay.
type figureView struct {
	// ID is the figure's anchor on /figures ("fig-1", …).
	ID string `json:"id"`
	argument.Figure
	// PID is the paragraph of the figure's sentence.
	PID string `json:"pid,omitempty"`
	// URL is the figure's sentence on its paragraph page.
	URL string `json:"url,omitempty"`
	// ValueText is the value in words for the page ("3,000,000",
	// "March 2020", "6 months"); the JSON twin has it as "value".
	ValueText string `json:"-"`
	// Words is the figure as the essay says it ("over 3 million",
	// "since March 2020"); the machine value stays in "value".
	Words string `json:"words"`
	// Sourced is true when the sentence names the figure's source.
	Sourced bool `json:"sourced"`
}

type legendEntry struct {
	Role  argument.Role
	Label string
	Text  string
	Count int
}

type versionLink struct {
	Revision int    `json:"revision"`
	URL      string `json:"url"`
}

type navLink struct {
	Label string `json:"label"`
	URL   string `json:"url"`
	// Words quote the start of what the link leads to.
	Words string `json:"words,omitempty"`
	// Noun names what it leads to where the page's words need it ("claim",
	// "thesis statement").
	Noun string `json:"-"`
}

type fragmentLink struct {
	Sentence string `json:"sentence"`
	URL      string `json:"url"`
}

type citationView struct {
	URL       string         `json:"url"`
	Fragments []fragmentLink `json:"text_fragments"`
	// Version is the permanent URL of the paragraph's current text.
	Version  string `json:"version_url,omitempty"`
	Text     string `json:"text"`
	BibTeX   string `json:"bibtex"`
	Accessed string `json:"accessed"`
}

// essayPage is /: the whole essay marked by role.
type essayPage struct {
	L         layout `json:"-"`
	Title     string `json:"title"`
	Author    string `json:"author,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	// Date is the publication date from the essay's metadata; DateText
	// says it in words.
	Date     string `json:"date,omitempty"`
	DateText string `json:"-"`
	// Original is the essay's own URL.
	Original   string `json:"original_url,omitempty"`
	Standfirst string `json:"standfirst,omitempty"`
	// Summary is the argument in brief: thesis, restatements, claims; on
	// the first page only.
	Summary    *summaryView    `json:"summary,omitempty"`
	Thesis     []sentenceView  `json:"thesis"`
	Paragraphs []paragraphView `json:"paragraphs"`
	// Kicker is the section label above the title ("Opinion"), if the
	// essay opens with one.
	Kicker *paragraphView `json:"-"`
	// TitlePara is the title paragraph, shown as the heading.
	TitlePara *paragraphView `json:"-"`
	// Front are the paragraphs under the title before the body: the
	// standfirst, and a byline, a date line or an image credit above it.
	Front []paragraphView `json:"-"`
	// Body is everything else.
	Body   []paragraphView `json:"-"`
	Legend []legendEntry   `json:"-"`
	// Pager is set when the essay takes more than one page.
	Pager  *pager `json:"pager,omitempty"`
	Counts struct {
		// Claims counts the claims, not the thesis statements (Thesis).
		Thesis    int `json:"thesis"`
		Claims    int `json:"claims"`
		Figures   int `json:"figures"`
		Relations int `json:"relations"`
	} `json:"counts"`
}

// paragraphPage is /p/{pid}: the citable unit.
type paragraphPage struct {
	L          layout `json:"-"`
	EssayTitle string `json:"essay_title"`
	// Words quote the paragraph's claim, or its first sentence.
	Words     string              `json:"words"`
	Position  int                 `json:"position"`
	Of        int                 `json:"of"`
	Paragraph paragraphView       `json:"paragraph"`
	Claims    []sentenceRelations `json:"claims"`
	Evidence  []sentenceRelations `json:"evidence"`
	Other     []sentenceRelations `json:"other"`
	Figures   []figureView        `json:"figures"`
	Versions  []versionLink       `json:"earlier_versions,omitempty"`
	// Texts are every text the paragraph had, the current one last, each
	// at its permanent versioned URL.
	Texts []textVersion `json:"versions"`
	// History is what each revision did to the paragraph.
	History []historyEvent `json:"history"`
	// Notices say what splits and merges did to it.
	Notices  []notice      `json:"-"`
	Citation citationView  `json:"citation"`
	Prev     *navLink      `json:"-"`
	Next     *navLink      `json:"-"`
	Legend   []legendEntry `json:"-"`
}

// versionPage is /p/{pid}/v/{revision}: an earlier text of a paragraph.
type versionPage struct {
	L       layout        `json:"-"`
	Version store.Version `json:"version"`
	// Words quote the start of the text, for the heading.
	Words string `json:"words"`
	// Current is the paragraph's page.
	Current string `json:"current_url"`
	// Others are the paragraph's other earlier texts.
	Others []versionLink `json:"earlier_versions"`
	// Status is "current" when this is the paragraph's text now,
	// "earlier" when the paragraph has another text now, "removed" when a
	// revision removed the paragraph.
	Status string `json:"status"`
	// Until is the last revision with this text (so far, for the current
	// text).
	Until int `json:"until"`
	// Texts are every text the paragraph had, each at its versioned URL.
	Texts []textVersion `json:"versions"`
	// Citation cites this text at its versioned URL.
	Citation citationView `json:"citation"`
}

// removedPage is /p/{pid} for a paragraph a revision removed (410 Gone).
type removedPage struct {
	L     layout                 `json:"-"`
	Error string                 `json:"error"`
	Last  store.ParagraphVersion `json:"last"`
	// MergedInto is the page of the paragraph this one was merged into.
	MergedInto string `json:"merged_into,omitempty"`
	// Before and After are the current paragraphs nearest to where it
	// stood; nil where there is none.
	Before *navLink `json:"before,omitempty"`
	After  *navLink `json:"after,omitempty"`
	// Texts are every text it had, each at its versioned URL.
	Texts []textVersion `json:"versions"`
	// Sentences are the sentences of its last text, with their ids, so
	// that links to them still land; empty when unknown.
	Sentences []store.SentenceVersion `json:"sentences,omitempty"`
	// History is what each revision did to it.
	History []historyEvent `json:"history"`
	// Notices say what splits and merges did to it.
	Notices []notice `json:"-"`
}

// claimItem is a claim in the /claims list.
type claimItem struct {
	Sentence  sentenceView `json:"sentence"`
	Supports  int          `json:"supported_by"`
	Attacks   int          `json:"attacked_by"`
	Outgoing  int          `json:"relations_out"`
	Paragraph string       `json:"paragraph_url"`
	// Unsupported is true when no sentence supports the claim.
	Unsupported bool `json:"unsupported"`
}

// claimsPage is /claims.
type claimsPage struct {
	L      layout      `json:"-"`
	Thesis []claimItem `json:"thesis"`
	// Restated are the paragraphs that state the thesis again.
	Restated []restatement `json:"restated"`
	Claims   []claimItem   `json:"claims"`
	Pager    *pager        `json:"pager,omitempty"`
}

// claimPage is /claims/{cid}.
type claimPage struct {
	L           layout         `json:"-"`
	Claim       sentenceView   `json:"claim"`
	Paragraph   paragraphView  `json:"paragraph"`
	SupportedBy []relationView `json:"supported_by"`
	AttackedBy  []relationView `json:"attacked_by"`
	Supports    []relationView `json:"supports"`
	Attacks     []relationView `json:"attacks"`
	Legend      []legendEntry  `json:"-"`
	// Path leads from the thesis down to this claim (the claim last).
	Path []navLink `json:"-"`
	// Prev and Next are the neighbouring claims in reading order.
	Prev *navLink `json:"-"`
	Next *navLink `json:"-"`
	// Map is the focused map: what the claim bears on, the claim, and
	// what backs or attacks it, as SVG.
	Map template.HTML `json:"-"`
}

// figuresPage is /figures.
type figuresPage struct {
	L       layout       `json:"-"`
	Figures []figureView `json:"figures"`
	// Numbers are the figures with a number, a date or a duration;
	// Quotes the quotes and questions (the page lists them apart).
	Numbers []figureView `json:"-"`
	Quotes  []figureView `json:"-"`
	Pager   *pager       `json:"pager,omitempty"`
}

// mapNode is a node of the argument outline.
type mapNode struct {
	Sentence sentenceView `json:"sentence"`
	// Relation is how the node bears on its parent; empty for roots.
	Relation argument.RelationKind `json:"relation,omitempty"`
	Why      string                `json:"why,omitempty"`
	// Repeat is true when the node was shown (with its children) earlier.
	Repeat bool `json:"repeat,omitempty"`
	// Also are the other thesis sentences of the paragraph that states
	// the thesis, drawn in the same box.
	Also []sentenceView `json:"also,omitempty"`
	// Counts, on a map too long to draw every sentence, says how many
	// sentences back and attack a claim whose evidence is left out.
	Counts   string    `json:"-"`
	Children []mapNode `json:"children,omitempty"`
}

// mapPage is /map.
type mapPage struct {
	L                layout        `json:"-"`
	Thesis           []mapNode     `json:"thesis"`
	UnlinkedClaims   []mapNode     `json:"unlinked_claims"`
	UnlinkedEvidence []mapNode     `json:"unlinked_evidence"`
	Legend           []legendEntry `json:"-"`
	// Wide and Narrow are the diagram as SVG, laid out for wide screens
	// and for phones; CSS shows one of them.
	Wide   template.HTML `json:"-"`
	Narrow template.HTML `json:"-"`
	// ClaimsOnly is true when the essay is too long to draw every
	// sentence: the diagram shows the thesis and the claims with their
	// counts, and each claim's page has its own map.
	ClaimsOnly bool `json:"claims_only,omitempty"`
	// Capped is set when the essay is too long for the whole tree: the
	// map then shows what capMap keeps.
	Capped bool `json:"capped,omitempty"`
}

type changeView struct {
	store.Change
	URL string `json:"url,omitempty"`
	// Earlier is the paragraph's text before this revision, when kept.
	Earlier string `json:"earlier_url,omitempty"`
	// Words is Note with every "¶id" a link.
	Words []segment `json:"-"`
}

type revisionView struct {
	Number  int    `json:"number"`
	Created string `json:"created,omitempty"`
	// CreatedText is Created for reading.
	CreatedText string       `json:"-"`
	Source      string       `json:"source"`
	SHA256      string       `json:"sha256"`
	Current     bool         `json:"current"`
	Changes     []changeView `json:"changes"`
	// ChangesTotal is the number of changes when Changes holds only the
	// first maxListed; zero otherwise.
	ChangesTotal int `json:"changes_total,omitempty"`
	// MetaChanged names the metadata fields it changed.
	MetaChanged []string `json:"meta_changed,omitempty"`
}

// revisionsPage is /revisions.
type revisionsPage struct {
	L         layout         `json:"-"`
	Revisions []revisionView `json:"revisions"`
	Removed   []versionLink  `json:"-"`
	// Former are the claims and thesis statements of earlier revisions
	// that the current one does not have, each at its 410 page.
	Former []navLink `json:"-"`
}

// errorPage is the 404, 405 and 500 page.
type errorPage struct {
	L       layout `json:"-"`
	Status  int    `json:"status"`
	Heading string `json:"-"`
	Error   string `json:"error"`
	// ExamplePara and ExampleClaim are addresses that work here.
	ExamplePara  string `json:"-"`
	ExampleClaim string `json:"-"`
}

// formerClaimPage is /claims/{cid} for a sentence an earlier revision read
// as a claim or thesis statement and the current one does not (410 Gone).
type formerClaimPage struct {
	L     layout            `json:"-"`
	Error string            `json:"error"`
	Last  store.FormerClaim `json:"last"`
	// Label names what it was ("claim", "thesis statement").
	Label string `json:"-"`
	// Version is the paragraph's text that held it, at its versioned URL.
	Version string `json:"version_url"`
	// Paragraph is the paragraph's page now: current, or a 410 when a
	// revision removed it (Removed).
	Paragraph string `json:"paragraph_url"`
	Removed   bool   `json:"paragraph_removed,omitempty"`
	// Now is the same sentence in the current revision, read otherwise;
	// nil when it was edited or removed.
	Now *sentenceView `json:"now,omitempty"`
	// Claims are the claims and thesis statements of its paragraph now.
	Claims []navLink `json:"claims_now"`
}
