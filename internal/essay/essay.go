// Package essay turns an essay file (plain text or Markdown) into blocks,
// paragraphs and sentences. It is pure: no database, no argument analysis.
package essay

// Kind is what a paragraph is in the layout of an opinion piece.
type Kind string

// Paragraph kinds, as CONTRACT.md names them.
const (
	Title      Kind = "title"
	Standfirst Kind = "standfirst"
	Body       Kind = "body"
	Heading    Kind = "heading"
	Bio        Kind = "bio"
	Credit     Kind = "credit"
)

// Credits is what a credit line credits.
type Credits string

// What a credit credits.
const (
	// CreditsImage: an image or photo credit ("Image: Jane Roe / Agency").
	CreditsImage Credits = "image"
	// CreditsAuthor: a byline ("By Jane Doe").
	CreditsAuthor Credits = "author"
	// CreditsSource: the sources or notes of the text, set apart from it:
	// an entry of its references ("References", "Sources", "Notes"), a
	// "Sources: …" line, a Markdown footnote.
	CreditsSource Credits = "source"
	// CreditsNotice: the publisher's notice around a piece: a disclaimer
	// ("The views expressed … are the author's own"), an editor's note,
	// a correction, where it first appeared, the copyright, a call to
	// subscribe, links to more.
	CreditsNotice Credits = "notice"
	// CreditsDate: the line that dates the piece ("March 3, 2025",
	// "Updated 3 March 2025, 10:32").
	CreditsDate Credits = "date"
)

// Document is a parsed essay.
type Document struct {
	// Name is the file name the essay was read from.
	Name string
	// Meta is what the file's front matter (Markdown only) says about the
	// essay; zero when it has none.
	Meta Meta
	// Paragraphs are the blocks of the essay in order; the first is the title.
	Paragraphs []Paragraph
}

// Paragraph is one block of the essay with its sentences.
type Paragraph struct {
	// Kind is the paragraph's place in the layout.
	Kind Kind
	// Text is the paragraph's text, trimmed of surrounding white space.
	Text string
	// Line is the 1-based line of the input where the block starts.
	Line int
	// Quote is true for a Markdown block quote.
	Quote bool
	// Credits says what a paragraph of kind Credit credits; "" for every
	// other kind.
	Credits Credits
	// Sentences cover Text but for white space, in order.
	Sentences []Sentence
}

// Sentence is a span of a paragraph's text.
type Sentence struct {
	// Text is an exact substring of the paragraph text.
	Text string
	// Start is the byte offset of Text in the paragraph text.
	Start int
}

// End returns the byte offset just past the sentence in its paragraph.
func (s Sentence) End() int { return s.Start + len(s.Text) }
