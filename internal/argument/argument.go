// Package argument holds argmap's domain types (the analysis of an essay:
// sentences with roles, relations between them, cited figures) and the
// extractor that produces them from a parsed essay.
package argument

import (
	"encoding/json"
	"strconv"

	"github.com/argmap/argmap/internal/essay"
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

// FigureKind is the sort of checkable fact a figure is.
type FigureKind string

// Figure kinds.
const (
	Quantity FigureKind = "quantity"
	Percent  FigureKind = "percent"
	Money    FigureKind = "money"
	Date     FigureKind = "date"
	Duration FigureKind = "duration"
	Quote    FigureKind = "quote"
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

// Uncertain reports whether the extractor was unsure of the relation.
func (r Relation) Uncertain() bool { return r.Confidence < lowConfidence }

// Figure is a cited, checkable fact in a sentence.
type Figure struct {
	Sentence    string     `json:"sentence"`
	Kind        FigureKind `json:"kind"`
	Text        string     `json:"text"`
	Value       Value      `json:"value,omitzero"`
	Counts      string     `json:"counts,omitempty"`
	Source      string     `json:"source,omitempty"`
	Speaker     string     `json:"speaker,omitempty"`
	SpeakerRole string     `json:"speaker_role,omitempty"`
	When        string     `json:"when,omitempty"`
	// Qualifier is the hedge on a number as the sentence gives it ("over",
	// "nearly", "more than"); it is also part of Text.
	Qualifier string `json:"qualifier,omitempty"`
	// Why says what made the extractor see a figure here.
	Why string `json:"why,omitempty"`
}

// Value is a figure's normalised value: a number for quantities, percents
// and money, an ISO 8601 date or period for dates and durations. The zero
// Value means "no value" and is left out of JSON.
type Value struct {
	Number float64
	ISO    string
	Valid  bool
}

// NumberValue returns a numeric Value.
func NumberValue(f float64) Value { return Value{Number: f, Valid: true} }

// ISOValue returns a Value holding an ISO 8601 date or period.
func ISOValue(s string) Value { return Value{ISO: s, Valid: true} }

// IsZero reports whether v holds no value.
func (v Value) IsZero() bool { return !v.Valid }

// String returns the value as text: the ISO string, or the number.
func (v Value) String() string {
	switch {
	case !v.Valid:
		return ""
	case v.ISO != "":
		return v.ISO
	default:
		return strconv.FormatFloat(v.Number, 'f', -1, 64)
	}
}

// MarshalJSON writes the value as a JSON number or string.
func (v Value) MarshalJSON() ([]byte, error) {
	switch {
	case !v.Valid:
		return []byte("null"), nil
	case v.ISO != "":
		return json.Marshal(v.ISO)
	default:
		return json.Marshal(v.Number)
	}
}

// UnmarshalJSON reads a JSON number or string.
func (v *Value) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*v = Value{}
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*v = ISOValue(s)
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*v = NumberValue(f)
	return nil
}
