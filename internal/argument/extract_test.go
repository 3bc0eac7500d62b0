package argument

import (
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/essay"
)

// block is one paragraph of a test essay.
type block struct {
	kind essay.Kind
	text string
}

// doc builds a document from blocks, splitting sentences with the essay
// package's splitter, so that these tests do not depend on how Parse
// classifies paragraphs.
func doc(blocks ...block) *essay.Document {
	d := &essay.Document{Name: "test.txt"}
	for i, b := range blocks {
		d.Paragraphs = append(d.Paragraphs, essay.Paragraph{Kind: b.kind, Text: b.text, Line: i + 1, Sentences: essay.Split(b.text)})
	}
	return d
}

func title(s string) block      { return block{essay.Title, s} }
func standfirst(s string) block { return block{essay.Standfirst, s} }
func body(s string) block       { return block{essay.Body, s} }
func heading(s string) block    { return block{essay.Heading, s} }
func bio(s string) block        { return block{essay.Bio, s} }
func credit(s string) block     { return block{essay.Credit, s} }

// roles returns "id=role" for every sentence of a.
func roles(a *Analysis) map[string]Role {
	out := make(map[string]Role)
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			out[s.ID] = s.Role
		}
	}
	return out
}

// hasRelation reports whether a has the relation from → to of kind k.
func hasRelation(a *Analysis, from, to string, k RelationKind) bool {
	for _, r := range a.Relations {
		if r.From == from && r.To == to && r.Kind == k {
			return true
		}
	}
	return false
}

// TestRulesRoles and TestRulesRelations pin the behaviour of the old
// rules (ExtractRules), which `argmap eval` scores beside the model.
func TestRulesRoles(t *testing.T) {
	tests := []struct {
		name  string
		doc   *essay.Document
		roles map[string]Role
	}{
		{
			name: "thesis first, no standfirst, no bio",
			doc: doc(
				title("Cities and trees"),
				body("Cities should plant more trees. Trees cool the streets in summer. According to the city council, shaded streets are 40% cooler."),
			),
			roles: map[string]Role{"title.1": None, "1.1": MajorClaim, "1.2": Evidence, "1.3": Evidence},
		},
		{
			name: "thesis last, drawn with a conclusion marker",
			doc: doc(
				title("Cars"),
				body("Cars pollute the air. They also make a lot of noise. Therefore, the old town should be closed to cars."),
			),
			roles: map[string]Role{"1.1": Evidence, "1.2": Evidence, "1.3": MajorClaim},
		},
		{
			name: "standfirst thesis restated at the end, with bio and credit",
			doc: doc(
				title("Offices"),
				standfirst("The spread of remote work suggests that city offices will keep emptying."),
				body("Last spring the government lifted the last pandemic rules. Companies began to call staff back."),
				body("However, most employees have refused to return full time. A survey by the chamber of commerce found that 60% of staff work from home twice a week."),
				body("One of the reasons is the cost of commuting. A monthly train pass costs $300 in the capital."),
				body("The spread of remote work suggests that city offices will keep emptying."),
				heading("About the Author:"),
				bio("Jane Doe is a fellow at an institute. Follow her on X: @janedoe."),
				credit("Image: Someone / Stock.com."),
			),
			roles: map[string]Role{
				"standfirst.1": MajorClaim,
				"1.1":          Background, "1.2": Background,
				"2.1": Claim, "2.2": Evidence,
				"3.1": Claim, "3.2": Evidence,
				"4.1": MajorClaim,
				"5.1": None, "6.1": None, "6.2": None, "7.1": None,
			},
		},
		{
			name: "concession overturned by the next sentence",
			doc: doc(
				title("Skydiving"),
				standfirst("Everyone should try skydiving once."),
				body("It is difficult to deny that the sport carries some risk. However, there is evidence to suggest that accidents are very rare."),
				body("Everyone should try skydiving once."),
			),
			roles: map[string]Role{"standfirst.1": MajorClaim, "1.1": Background, "1.2": Claim, "2.1": MajorClaim},
		},
		{
			name: "a quote in the middle of a paragraph is evidence",
			doc: doc(
				title("Hospitals"),
				body("Hospitals should hire more nurses. The wards are full every night. “We cannot hire enough people to cover the shifts,” said Jane Doe, the director of the hospital, on Monday. The budget has not grown for years."),
			),
			roles: map[string]Role{"1.1": MajorClaim, "1.3": Evidence},
		},
		{
			name: "a topic sentence above facts is a claim",
			doc: doc(
				title("Migration"),
				standfirst("Labour migration shapes the economy more than we admit."),
				body("The news about the new visa rules spread quickly. Ministers met on Tuesday."),
				body("Since March 2020, farm work has become one of the hardest jobs to fill. Farmers hired 3,000 seasonal workers last year. Most of them came from abroad."),
				body("At present, recruiters visit villages, such as those in the south."),
				body("Labour migration shapes the economy more than we admit."),
			),
			roles: map[string]Role{"2.1": Claim, "2.2": Evidence, "2.3": Evidence, "3.1": Evidence, "4.1": MajorClaim},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ExtractRules(tt.doc)
			got := roles(a)
			for id, want := range tt.roles {
				if got[id] != want {
					t.Errorf("ExtractRules(%q) role of %s = %v, want %v", tt.name, id, got[id], want)
				}
			}
			checkAnalysis(t, a)
		})
	}
}

func TestRulesRelations(t *testing.T) {
	tests := []struct {
		name      string
		doc       *essay.Document
		from, to  string
		kind      RelationKind
		wantFound bool
	}{
		{
			name: "evidence backs the thesis in its paragraph",
			doc:  doc(title("T"), body("Cities should plant more trees. Trees cool the streets in summer.")),
			from: "1.2", to: "1.1", kind: Support, wantFound: true,
		},
		{
			name: "a paragraph of evidence backs the claim before it",
			doc: doc(title("T"), standfirst("Remote work suggests that offices will empty."),
				body("However, most employees refuse to return. Few managers insist."),
				body("According to a survey, 60% of staff work from home.")),
			from: "2.1", to: "1.1", kind: Support, wantFound: true,
		},
		{
			name: "a rebuttal attacks the claim it answers",
			doc: doc(title("T"), standfirst("Remote work suggests that offices will empty."),
				body("One of the reasons is the cost of commuting. Train passes cost a lot."),
				body("However, given how cheap buses are, these costs should be seen as a minor factor.")),
			from: "2.1", to: "1.1", kind: Attack, wantFound: true,
		},
		{
			name: "a concession attacks the claim that overturns it",
			doc: doc(title("T"), standfirst("Everyone should try skydiving once."),
				body("Admittedly, the sport carries some risk. However, there is evidence to suggest that accidents are rare.")),
			from: "1.1", to: "1.2", kind: Attack, wantFound: true,
		},
		{
			name: "no relation from a bio",
			doc:  doc(title("T"), body("We should act. It is late."), bio("She writes about this. She said so.")),
			from: "2.1", to: "1.1", kind: Support, wantFound: false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ExtractRules(tt.doc)
			if got := hasRelation(a, tt.from, tt.to, tt.kind); got != tt.wantFound {
				t.Errorf("ExtractRules(%q) has %s -%s-> %s = %v, want %v; relations %v", tt.name, tt.from, tt.kind, tt.to, got, tt.wantFound, a.Relations)
			}
			checkAnalysis(t, a)
		})
	}
}

func TestExtractEmpty(t *testing.T) {
	for _, d := range []*essay.Document{nil, {}, doc(title("Only a title"))} {
		a := Extract(d)
		if a == nil || a.Relations == nil || a.Figures == nil || a.Paragraphs == nil {
			t.Fatalf("Extract(%v) = %v, want an empty analysis with non-nil lists", d, a)
		}
		checkAnalysis(t, a)
	}
}

// checkAnalysis checks the invariants every analysis keeps (Validate), and
// what the extractor adds: every sentence, relation and figure has a why.
func checkAnalysis(t *testing.T, a *Analysis) {
	t.Helper()
	if err := a.Validate(); err != nil {
		t.Errorf("Validate() = %v, want nil", err)
	}
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			if strings.TrimSpace(s.Why) == "" {
				t.Errorf("sentence %s has no why", s.ID)
			}
		}
	}
	for _, r := range a.Relations {
		if r.Why == "" {
			t.Errorf("relation %v has no why", r)
		}
	}
	for _, f := range a.Figures {
		if f.Why == "" {
			t.Errorf("figure %v has no why", f)
		}
	}
}

// TestTailsOutsideArgument checks that what follows a text, a list of
// sources or a publisher's notices, is no part of the argument, with a why
// that says so, and that the paragraph before it is the text's closing
// one, where an essay restates its thesis.
func TestTailsOutsideArgument(t *testing.T) {
	essayText := "Cities should tax empty homes\n" +
		"Empty homes push up rents. A tax would bring them back onto the market. Cities should adopt it.\n" +
		"First, the tax works where it has been tried. One city cut empty homes by a quarter in three years, according to its council.\n" +
		"However, critics say the tax is hard to enforce. But declarations with audits have proved cheap to run.\n" +
		"In conclusion, an empty-homes tax is a cheap and proven way to ease rents, and cities should adopt it.\n"
	tests := []struct {
		name, tail string
		from       int // the first paragraph of the tail, after the title (0) and the essay's paragraphs
		why        string
	}{
		{"references", "References\n" +
			"City Council (2021). Empty Homes Tax annual report.\n" +
			"Smith, J. (2020). Vacancy taxes in practice. Journal of Housing, 12(3), 45-67.\n",
			6, "source or note listed apart"},
		{"notices", "The views expressed in this article are the author's own and do not reflect the editorial stance of this publication.\n" +
			"This article was originally published by the Housing Review.\n" +
			"Copyright 2024 Example Media. All rights reserved.\n" +
			"Subscribe to our newsletter for more commentary.\n",
			5, "publisher's notice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := essay.Parse("tail.txt", []byte(essayText+tt.tail))
			if err != nil {
				t.Fatal(err)
			}
			a := Extract(d)
			checkAnalysis(t, a)
			tail := make(map[string]bool)
			for pi, p := range a.Paragraphs[tt.from:] {
				if pi == 0 && p.Kind == essay.Heading {
					continue
				}
				for _, s := range p.Sentences {
					tail[s.ID] = true
					if s.Role != None || !strings.Contains(s.Why, tt.why) {
						t.Errorf("%s %q: role %s, why %q; want none, as %s", s.ID, s.Text, s.Role, s.Why, tt.why)
					}
				}
			}
			if len(tail) == 0 {
				t.Fatal("no sentence in the tail")
			}
			for _, f := range ComputeFeatures(d) {
				if strings.HasPrefix(f.Text, "In conclusion") && f.Zone != ZoneConclusion {
					t.Errorf("the last paragraph before the tail is in zone %s, want %s", f.Zone, ZoneConclusion)
				}
			}
			for _, r := range a.Relations {
				if tail[r.From] || tail[r.To] {
					t.Errorf("relation %v touches the tail", r)
				}
			}
		})
	}
}

// TestCreditWhy checks that a credit's why says what it credits: a byline
// is not called an image credit.
func TestCreditWhy(t *testing.T) {
	text := "A title\nBy Ann Roe\nMarch 3, 2025\nCities should act now. They have waited too long.\nImage: Jane Roe / Agency.\n"
	d, err := essay.Parse("credits.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"By Ann Roe": "none: the byline is", "March 3, 2025": "none: the date line is", "Image: Jane Roe / Agency.": "none: an image credit is"}
	a := Extract(d)
	checkAnalysis(t, a)
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			if w, ok := want[s.Text]; ok {
				if !strings.HasPrefix(s.Why, w) {
					t.Errorf("%q: why %q, want it to start %q", s.Text, s.Why, w)
				}
				delete(want, s.Text)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("not found as sentences: %v", want)
	}
}
