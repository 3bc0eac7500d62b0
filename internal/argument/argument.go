// Package argument holds argmap's domain types (the analysis of an essay:
// sentences with roles, relations between them, cited figures) and the
// extractor that produces them from a parsed essay.
package argument

import (
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/figure"
)

// Role is the part a sentence plays in the argument.
type Role string

// Sentence roles, as CONTRACT.md and ANNOTATION.md define them.
const (
	MajorClaim Role = "major_claim"
	Claim      Role = "claim"
	Evidence   Role = "evidence"
	Background Role = "background"
	None       Role = "none"
)

// RelationKind says whether a relation supports or attacks its target.
type RelationKind string

// Relation kinds.
const (
	Support RelationKind = "support"
	Attack  RelationKind = "attack"
)

// FigureKind is the sort of checkable fact a figure is (see package figure).
type FigureKind = figure.Kind

// Figure kinds.
const (
	Quantity = figure.Quantity
	Percent  = figure.Percent
	Money    = figure.Money
	Date     = figure.Date
	Duration = figure.Duration
	Quote    = figure.Quote
)

// Analysis is the argument map of one essay: the JSON of `argmap extract`
// and of /essay.json.
type Analysis struct {
	Title      string      `json:"title"`
	Author     string      `json:"author,omitempty"`
	Paragraphs []Paragraph `json:"paragraphs"`
	Relations  []Relation  `json:"relations"`
	Figures    []Figure    `json:"figures"`
}

// Paragraph is a block of the essay with its analysed sentences.
type Paragraph struct {
	ID        string     `json:"id"`
	Kind      essay.Kind `json:"kind"`
	Text      string     `json:"text"`
	Sentences []Sentence `json:"sentences"`
}

// Sentence is one sentence with its role and the reason for it.
type Sentence struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	Role Role   `json:"role"`
	// Confidence is the model's calibrated probability of Role (0–1).
	Confidence float64 `json:"confidence"`
	Why        string  `json:"why"`
	// Restates is, for a thesis sentence that restates the thesis, the id
	// of the thesis sentence it restates.
	Restates string `json:"restates,omitempty"`
}

// Uncertain reports whether the extractor was unsure of the sentence's
// role (confidence under one half).
func (s Sentence) Uncertain() bool { return s.Confidence < lowConfidence }

// Relation links a sentence to the claim it supports or attacks.
type Relation struct {
	From string       `json:"from"`
	To   string       `json:"to"`
	Kind RelationKind `json:"kind"`
	// Confidence is the model's calibrated probability of the relation:
	// that From points at To, and with this kind (0–1).
	Confidence float64 `json:"confidence"`
	Why        string  `json:"why"`
}

// Figure is a cited, checkable fact in a sentence (see package figure).
type Figure = figure.Figure

// Value is a figure's normalised value (see figure.Value).
type Value = figure.Value

// NumberValue returns a numeric Value.
func NumberValue(f float64) Value { return figure.NumberValue(f) }

// ISOValue returns a Value holding an ISO 8601 date or period.
func ISOValue(s string) Value { return figure.ISOValue(s) }
