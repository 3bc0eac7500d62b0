package argument

import (
	"math"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/essay"
)

// validAnalysis is a small analysis that keeps every invariant, with white
// space of several kinds around and between its sentences.
func validAnalysis() *Analysis {
	return &Analysis{
		Title: "Cities should build fewer car parks",
		Paragraphs: []Paragraph{
			{ID: "title", Kind: essay.Title, Text: "Cities should build fewer car parks", Sentences: []Sentence{
				{ID: "title.1", Text: "Cities should build fewer car parks", Role: None}}},
			{ID: "1", Kind: essay.Body, Text: " Car parks cost a lot.\u00a0 One space costs $30,000 to build.\n", Sentences: []Sentence{
				{ID: "1.1", Text: "Car parks cost a lot.", Role: Claim},
				{ID: "1.2", Text: "One space costs $30,000 to build.", Role: Evidence}}},
			{ID: "2", Kind: essay.Body, Text: "Still, drivers need somewhere to park.", Sentences: []Sentence{
				{ID: "2.1", Text: "Still, drivers need somewhere to park.", Role: Claim}}},
		},
		Relations: []Relation{{From: "1.2", To: "1.1", Kind: Support}, {From: "2.1", To: "1.1", Kind: Attack}},
		Figures: []Figure{
			{Sentence: "1.2", Kind: Money, Text: "$30,000", Value: NumberValue(30000)},
			{Sentence: "1.2", Kind: Quantity, Text: "One space", Value: NumberValue(1), Counts: "space"}},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(a *Analysis)
		want string // a part of the error; "" for valid
	}{
		{"valid", func(*Analysis) {}, ""},
		{"no paragraphs", func(a *Analysis) { *a = Analysis{} }, ""},
		{"no relations or figures", func(a *Analysis) { a.Relations, a.Figures = nil, nil }, ""},
		{"ISO value", func(a *Analysis) {
			a.Figures[0] = Figure{Sentence: "1.1", Kind: Date, Text: "a lot", Value: ISOValue("P1Y")}
		}, ""},
		{"blank paragraph without sentences", func(a *Analysis) {
			a.Paragraphs = append(a.Paragraphs, Paragraph{ID: "3", Kind: essay.Body, Text: " \n"})
		}, ""},

		{"empty paragraph id", func(a *Analysis) { a.Paragraphs[1].ID = "" }, `paragraph 2: id "" is not a URL-safe id`},
		{"unsafe paragraph id", func(a *Analysis) { a.Paragraphs[1].ID = "../1" }, "not a URL-safe id"},
		{"dot-dot paragraph id", func(a *Analysis) { a.Paragraphs[1].ID = ".." }, "not a URL-safe id"},
		{"paragraph id twice", func(a *Analysis) { a.Paragraphs[2].ID = "1" }, `paragraph id "1" is used twice`},
		{"paragraph kind", func(a *Analysis) { a.Paragraphs[1].Kind = "aside" }, `kind "aside" is not a paragraph kind`},

		{"unsafe sentence id", func(a *Analysis) { a.Paragraphs[1].Sentences[0].ID = "1 1" }, `sentence 1: id "1 1" is not a URL-safe id`},
		{"sentence id twice", func(a *Analysis) { a.Paragraphs[2].Sentences[0].ID = "1.1" }, `sentence id "1.1" is used twice`},
		{"role", func(a *Analysis) { a.Paragraphs[1].Sentences[0].Role = "thesis" }, `role "thesis" is not a role`},

		{"empty sentence", func(a *Analysis) { a.Paragraphs[1].Sentences[1].Text = "" }, "sentence 1.2 has no text"},
		{"sentence not in its paragraph", func(a *Analysis) { a.Paragraphs[2].Sentences[0].Text = "Car parks cost a lot." }, "is not in paragraph 2"},
		{"sentences out of order", func(a *Analysis) {
			s := a.Paragraphs[1].Sentences
			s[0], s[1] = s[1], s[0]
		}, "before sentence 1.2 is in no sentence"},
		{"text between sentences", func(a *Analysis) {
			a.Paragraphs[1].Text = "Car parks cost a lot. Indeed, one space costs $30,000 to build."
			a.Paragraphs[1].Sentences[1].Text = "one space costs $30,000 to build."
		}, `text " Indeed, " before sentence 1.2 is in no sentence`},
		{"text after the sentences", func(a *Analysis) { a.Paragraphs[2].Text += " Or not." }, `text " Or not." at its end is in no sentence`},
		{"text before the sentences", func(a *Analysis) { a.Paragraphs[2].Text = "Yes. " + a.Paragraphs[2].Text }, `text "Yes. " before sentence 2.1`},
		{"paragraph without sentences", func(a *Analysis) { a.Paragraphs[2].Sentences = nil }, "at its end is in no sentence"},

		{"relation from nowhere", func(a *Analysis) { a.Relations[0].From = "9.9" }, "relation 1 (9.9 → 1.1) refers to an unknown sentence"},
		{"relation to nowhere", func(a *Analysis) { a.Relations[1].To = "9.9" }, "relation 2 (2.1 → 9.9) refers to an unknown sentence"},
		{"self-loop", func(a *Analysis) { a.Relations[0].To = "1.2" }, "joins a sentence to itself"},
		{"relation to a none sentence", func(a *Analysis) { a.Relations[1].To = "title.1" }, "not part of the argument"},
		{"relation from a none sentence", func(a *Analysis) { a.Relations[0].From = "title.1" }, "not part of the argument"},
		{"relation kind", func(a *Analysis) { a.Relations[0].Kind = "rebut" }, `kind "rebut" is neither support nor attack`},
		{"two outgoing relations", func(a *Analysis) {
			a.Relations = append(a.Relations, Relation{From: "1.2", To: "2.1", Kind: Attack})
		}, "relation 3 (1.2 → 2.1): sentence 1.2 has another outgoing relation"},

		{"figure in no sentence", func(a *Analysis) { a.Figures[0].Sentence = "9.9" }, `figure 1 ("$30,000") refers to unknown sentence "9.9"`},
		{"figure kind", func(a *Analysis) { a.Figures[1].Kind = "number" }, `figure 2 ("One space"): kind "number" is not a figure kind`},
		{"figure without text", func(a *Analysis) { a.Figures[0].Text = "" }, `figure 1: text "" is not in sentence 1.2`},
		{"figure text not in its sentence", func(a *Analysis) { a.Figures[0].Sentence = "1.1" }, `figure 1: text "$30,000" is not in sentence 1.1`},
		{"NaN value", func(a *Analysis) { a.Figures[0].Value = NumberValue(math.NaN()) }, "not a finite number"},
		{"infinite value", func(a *Analysis) { a.Figures[1].Value = NumberValue(math.Inf(-1)) }, "not a finite number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validAnalysis()
			tt.edit(a)
			err := a.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.want != "" && err == nil:
				t.Errorf("Validate() = nil, want an error with %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("Validate() = %v, want an error with %q", err, tt.want)
			}
			if err != nil && (strings.Contains(err.Error(), "\n") || err.Error() != strings.ToLower(err.Error()[:1])+err.Error()[1:]) {
				t.Errorf("Validate() = %q, want one line starting in lower case", err)
			}
		})
	}
}

func TestValidID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"4", true}, {"4.1", true}, {"standfirst", true}, {"a_B-9.z", true}, {"...", true},
		{"", false}, {".", false}, {"..", false}, {"a b", false}, {"a/b", false}, {"a#b", false},
		{"é", false}, {"1\n", false}, {"%41", false},
	}
	for _, tt := range tests {
		if got := ValidID(tt.id); got != tt.want {
			t.Errorf("ValidID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

// TestValidateExtract checks that the extractor's analyses of the test
// essays are valid.
func TestValidateExtract(t *testing.T) {
	if err := seedAnalysis(t).Validate(); err != nil {
		t.Errorf("Extract(seed).Validate() = %v, want nil", err)
	}
	for _, d := range []*essay.Document{nil, {}, doc(title("Only a title")),
		doc(title("T"), body("We should act. However, it is late."), bio("Jane Roe writes."))} {
		if err := Extract(d).Validate(); err != nil {
			t.Errorf("Extract(%v).Validate() = %v, want nil", d, err)
		}
	}
}
