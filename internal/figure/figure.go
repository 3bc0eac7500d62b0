// Package figure finds the checkable facts a sentence cites: quotes with
// their speakers, dates, durations, percents, money and counted quantities,
// each with its exact words, a normalised value and what made it a figure.
// It reads one sentence at a time and knows nothing of argument roles.
package figure

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Kind is the sort of checkable fact a figure is.
type Kind string

// Figure kinds.
const (
	Quantity Kind = "quantity"
	Percent  Kind = "percent"
	Money    Kind = "money"
	Date     Kind = "date"
	Duration Kind = "duration"
	Quote    Kind = "quote"
)

// Figure is a cited, checkable fact in a sentence.
type Figure struct {
	// Sentence is the id of the sentence the figure is in; Find leaves it
	// empty for the caller to fill.
	Sentence    string `json:"sentence"`
	Kind        Kind   `json:"kind"`
	Text        string `json:"text"`
	Value       Value  `json:"value,omitzero"`
	Counts      string `json:"counts,omitempty"`
	Source      string `json:"source,omitempty"`
	Speaker     string `json:"speaker,omitempty"`
	SpeakerRole string `json:"speaker_role,omitempty"`
	When        string `json:"when,omitempty"`
	// Qualifier is the hedge on a number as the sentence gives it ("over",
	// "nearly", "more than"); it is also part of Text.
	Qualifier string `json:"qualifier,omitempty"`
	// Currency is the ISO 4217 code of a money figure's currency ("USD",
	// "EUR") where its symbol or word says it unambiguously, else empty.
	Currency string `json:"currency,omitempty"`
	// Why says what made the extractor see a figure here.
	Why string `json:"why,omitempty"`
	// dayOfMonth marks a quantity that is a day of a month without a
	// year (see Listed).
	dayOfMonth bool
}

// String returns the figure on one line, readably, for messages.
func (f Figure) String() string {
	return fmt.Sprintf("{%s %s %q value=%s currency=%q counts=%q source=%q speaker=%q role=%q when=%q qualifier=%q}",
		f.Sentence, f.Kind, f.Text, f.Value, f.Currency, f.Counts, f.Source, f.Speaker, f.SpeakerRole, f.When, f.Qualifier)
}

// Find returns the figures cited in one sentence, in reading order. Each
// figure's Text is an exact substring of text; Sentence is left empty.
func Find(text string) []Figure { return sentenceFigures(text) }

// Listed reports whether f belongs in an analysis's list of figures, as
// the contract has them: every figure but a date or duration without a
// value. A relative date ("last year", "three years ago") has no calendar
// value; Find still returns it, for what reads a sentence's figures as
// signs of a dated fact, but it is not listed; nor is a day of a month
// without a year ("On 3 January"), which Find reads as a quantity.
func (f Figure) Listed() bool {
	return !((f.Kind == Date || f.Kind == Duration) && !f.Value.Valid) && !f.dayOfMonth
}

// IsMonth reports whether word is the name of a month in lower case
// ("may", "june"), as Find reads dates.
func IsMonth(word string) bool {
	_, ok := months[word]
	return ok
}

// IsYear reports whether s is a year as Find reads one: a whole number
// from 1000 to 2200 in plain digits.
func IsYear(s string) bool { return isInt(s, 1000, 2200) }

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
