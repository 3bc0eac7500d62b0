package argument

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/essay"
)

func TestEmbeddedModel(t *testing.T) {
	m, err := ParseModel(EmbeddedModel())
	if err != nil {
		t.Fatalf("ParseModel(embedded) = %v", err)
	}
	if len(m.TrainedOn) == 0 {
		t.Error("embedded model does not say what it learned from")
	}
	for _, th := range []float64{m.PointThreshold, m.ThesisThreshold} {
		if th <= 0 || th >= 1 {
			t.Errorf("threshold %v outside (0, 1)", th)
		}
	}
	if _, err := ParseModel([]byte(`{"version": 1}`)); err == nil {
		t.Error("ParseModel(an old version) = nil error")
	}
	uncal := *m
	uncal.ThesisCalibration.Scale = 0
	if err := uncal.Check(); err == nil {
		t.Error("Check(model without a thesis calibration) = nil error")
	}
	bad := *m
	bad.Roles.Features = slices.Clone(m.Roles.Features)
	bad.Roles.Features[1] = "renamed"
	if err := bad.Check(); err == nil {
		t.Error("Check(model with a renamed feature) = nil error")
	}
}

// invariantDocs are essays of different shapes the model must handle.
func invariantDocs(t *testing.T) map[string]*essay.Document {
	t.Helper()
	docs := map[string]*essay.Document{
		"one paragraph": doc(title("T"), body("We should ban cars from the centre. Traffic kills. However, shops fear the change. Yet the evidence says they gain.")),
		"no standfirst": doc(title("T"),
			body("Cities face a choice. They should plant trees."),
			body("According to a study, trees cool streets by 2 degrees. In 2020, Paris planted 10,000."),
			body("Critics argue that trees cost too much. But the costs are small."),
			body("Cities should therefore plant trees.")),
		"headings and a bio": doc(title("T"), standfirst("Homework should be optional."),
			heading("Why it matters"), body("Children need rest. Studies show that rest helps."),
			heading("About the Author"), bio("Jo Roe is a teacher. Follow her on X.")),
		"only none": doc(title("Only a title"), credit("Image: somebody")),
	}
	for _, name := range []string{"car-parks.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		d, err := essay.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = d
	}
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	d, err := essay.Parse("seed.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	docs["seed"] = d
	return docs
}

// TestExtractInvariants checks what the decoder promises on any essay:
// one thesis and restatements that name it; none for layout; a confidence
// and a why on every decision; at most one relation from a sentence, none
// from a thesis sentence or a none; and relations that form a tree rooted
// at the thesis.
func TestExtractInvariants(t *testing.T) {
	for name, d := range invariantDocs(t) {
		t.Run(name, func(t *testing.T) {
			a := Extract(d)
			checkAnalysis(t, a)
			role := make(map[string]Sentence)
			thesis := ""
			argument := 0
			for _, p := range a.Paragraphs {
				for _, s := range p.Sentences {
					role[s.ID] = s
					if s.Confidence < 0 || s.Confidence > 1 || math.IsNaN(s.Confidence) {
						t.Errorf("%s confidence = %v, want 0–1", s.ID, s.Confidence)
					}
					if want := roleLabel(s.Role); s.Role != None && !strings.HasPrefix(s.Why, want) && !strings.HasPrefix(s.Why, "restates the thesis") {
						t.Errorf("%s why = %q, want it to start with %q", s.ID, s.Why, want)
					}
					switch p.Kind {
					case essay.Title, essay.Heading, essay.Bio, essay.Credit:
						if s.Role != None {
							t.Errorf("%s in a %s has role %v, want none", s.ID, p.Kind, s.Role)
						}
					default:
						argument++
					}
					if s.Role == MajorClaim && s.Restates == "" {
						if thesis != "" {
							t.Errorf("two theses: %s and %s", thesis, s.ID)
						}
						thesis = s.ID
					}
				}
			}
			if argument > 0 && thesis == "" {
				t.Fatalf("Extract(%s) has no thesis", name)
			}
			for _, s := range role {
				if s.Restates != "" && s.Restates != thesis {
					t.Errorf("%s restates %s, want the thesis %s", s.ID, s.Restates, thesis)
				}
			}
			parent := make(map[string]string)
			for _, r := range a.Relations {
				if r.Confidence < 0 || r.Confidence > 1 {
					t.Errorf("relation %s→%s confidence = %v", r.From, r.To, r.Confidence)
				}
				if !strings.HasPrefix(r.Why, string(r.Kind)) {
					t.Errorf("relation %s→%s why = %q, want it to start with %q", r.From, r.To, r.Why, r.Kind)
				}
				if f := role[r.From].Role; f == MajorClaim || f == None {
					t.Errorf("relation from %s, a %v", r.From, f)
				}
				if to := role[r.To].Role; to != Claim && to != MajorClaim {
					t.Errorf("relation %s→%s points at a %v", r.From, r.To, to)
				}
				parent[r.From] = r.To
			}
			for from := range parent {
				at := from
				for steps := 0; role[at].Role != MajorClaim; steps++ {
					if steps > len(parent) {
						t.Fatalf("relations from %s do not reach the thesis: %v", from, parent)
					}
					at = parent[at]
				}
			}
			for _, s := range role {
				if (s.Role == Claim || s.Role == Evidence) && parent[s.ID] == "" && thesis != "" {
					t.Errorf("%s (%v) is not linked", s.ID, s.Role)
				}
			}
		})
	}
}

// testModel returns a model with every weight zero but the ones given,
// by class and feature name.
func testModel(t *testing.T, roles map[Role]map[string]float64, point map[string]float64) *Model {
	t.Helper()
	m := &Model{Version: ModelVersion, PointThreshold: 0.5, ThesisThreshold: 0.5, ThesisCalibration: Platt{Scale: 1}}
	mk := func(classes []string, names []string) Linear {
		l := Linear{Classes: classes, Features: names, Weights: make([][]float64, len(classes)), Temperature: 1}
		for i := range l.Weights {
			l.Weights[i] = make([]float64, len(names))
		}
		return l
	}
	var rc []string
	for _, r := range roleClasses {
		rc = append(rc, string(r))
	}
	m.Roles = mk(rc, SentenceFeatureNames())
	for r, ws := range roles {
		for name, w := range ws {
			m.Roles.Weights[roleIndex(r)][slices.Index(m.Roles.Features, name)] = w
		}
	}
	m.Point = mk([]string{"point"}, PointFeatureNames())
	for name, w := range point {
		m.Point.Weights[0][slices.Index(m.Point.Features, name)] = w
	}
	m.Attach = mk([]string{"target"}, AttachFeatureNames())
	m.Attack = mk([]string{"support", "attack"}, AttackFeatureNames())
	m.Linked = mk([]string{"unlinked", "linked"}, SentenceFeatureNames())
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDecodeRoles drives the decoder with a model of known weights: the
// thesis is the standfirst, the point model picks a paragraph's contrast
// sentence only when its probability reaches the threshold, and the why
// names the contributions in words, with the cue as the sentence has it.
func TestDecodeRoles(t *testing.T) {
	m := testModel(t,
		map[Role]map[string]float64{
			MajorClaim: {"at.standfirst.only": 6},
			Evidence:   {"bias": 3},
		},
		map[string]float64{"m.contrast": 4, "null.bias": 1})
	d := doc(title("T"), standfirst("Cities should plant trees."),
		body("Trees cost money. However, they pay for themselves. Shade saves energy."),
		body("Trees grow slowly. Some die young."))
	fs := ComputeFeatures(d)
	ds := m.DecodeRoles(fs)
	got := make(map[string]Decision)
	for i, f := range fs {
		got[f.ID] = ds[i]
	}
	if got["standfirst.1"].Role != MajorClaim {
		t.Errorf("standfirst.1 = %v, want the thesis", got["standfirst.1"].Role)
	}
	if c := got["1.2"]; c.Role != Claim || !strings.Contains(c.Why, "opens with a contrast marker 'However'") {
		t.Errorf("1.2 = %v (%q), want a claim whose why names 'However'", c.Role, c.Why)
	}
	for _, id := range []string{"1.1", "1.3", "2.1", "2.2"} {
		if got[id].Role != Evidence {
			t.Errorf("%s = %v, want evidence", id, got[id].Role)
		}
	}
	// paragraph 2 has no contrast: "no claim" (score 1) beats each
	// sentence (score 0); 1.2 has p = e⁴/(e⁴+2+e) ≈ 0.92, under a
	// threshold of 0.95
	for i, f := range fs {
		if f.ID == "2.1" || f.ID == "2.2" {
			if ds[i].Role == Claim {
				t.Errorf("%s is a claim, want none in a paragraph that has no contrast", f.ID)
			}
		}
	}
	m.PointThreshold = 0.95
	ds = m.DecodeRoles(fs)
	for i, f := range fs {
		if f.ID == "1.2" && ds[i].Role == Claim {
			t.Errorf("1.2 is a claim at p=%.2f below the threshold 0.95", ds[i].point)
		}
	}
}

// TestDecodeSecondClaim: a sentence besides the paragraph's point is a
// claim too when claim is its likeliest role, even under one half, and
// not when another role is likelier.
func TestDecodeSecondClaim(t *testing.T) {
	d := doc(title("T"), standfirst("Cities should plant trees."),
		body("Trees cost money. However, they pay for themselves. Cities should water them."))
	fs := ComputeFeatures(d)
	for _, tt := range []struct {
		deontic float64 // the claim weight of an ought-word
		want    Role
	}{
		// claim e¹ against evidence e^0.5 and three of e⁰: p ≈ 0.37, the likeliest
		{1, Claim},
		// claim e^0.3 under evidence e^0.5
		{0.3, Evidence},
	} {
		m := testModel(t,
			map[Role]map[string]float64{
				MajorClaim: {"at.standfirst.only": 6},
				Claim:      {"m.deontic": tt.deontic},
				Evidence:   {"bias": 0.5},
			},
			map[string]float64{"m.contrast": 4, "null.bias": 1})
		ds := m.DecodeRoles(fs)
		got := make(map[string]Decision)
		for i, f := range fs {
			got[f.ID] = ds[i]
		}
		if got["1.2"].Role != Claim {
			t.Errorf("deontic weight %v: 1.2 = %v, want the paragraph's point", tt.deontic, got["1.2"].Role)
		}
		if c := got["1.3"]; c.Role != tt.want {
			t.Errorf("deontic weight %v: 1.3 = %v at claim probability %.2f, want %v", tt.deontic, c.Role, c.probs[roleIndex(Claim)], tt.want)
		}
		if got["1.1"].Role != Evidence {
			t.Errorf("deontic weight %v: 1.1 = %v, want evidence", tt.deontic, got["1.1"].Role)
		}
	}
}

// featuresByID indexes feature records by sentence id.
func featuresByID(fs []SentenceFeatures) map[string]*SentenceFeatures {
	by := make(map[string]*SentenceFeatures)
	for i := range fs {
		by[fs[i].ID] = &fs[i]
	}
	return by
}

// A featureCheck is one feature of one sentence and the value it must have.
type featureCheck struct {
	id   string
	got  any
	want any
}

func checkFeatures(t *testing.T, tests []featureCheck) {
	t.Helper()
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("ComputeFeatures: %s = %v, want %v", tt.id, tt.got, tt.want)
		}
	}
}

func TestComputeFeatures(t *testing.T) {
	d := doc(title("Trees for cities"), standfirst("Cities should plant trees."),
		body("According to a 2020 study, trees cool streets. However, they cost money."),
		body("Admittedly, trees grow slowly."),
		body("Cities should plant trees now."),
		bio("Jo Roe is a gardener."))
	by := featuresByID(ComputeFeatures(d))
	tests := []featureCheck{
		{"title.1", by["title.1"].Zone, ZoneNone},
		{"standfirst.1", by["standfirst.1"].Zone, ZoneStandfirst},
		{"standfirst.1", by["standfirst.1"].Deontic, "should"},
		{"1.1", by["1.1"].Zone, ZoneIntro},
		{"1.1", by["1.1"].Place, PlaceFirst},
		{"1.1", by["1.1"].Attribution, "According to"},
		{"1.1", by["1.1"].OpenerTag, "preposition"},
		{"1.1", by["1.1"].NextContrast, true},
		{"1.2", by["1.2"].Contrast, "However"},
		{"1.2", by["1.2"].Place, PlaceLast},
		{"2.1", by["2.1"].Zone, ZoneBody},
		{"2.1", by["2.1"].Concession, "Admittedly"},
		{"3.1", by["3.1"].Zone, ZoneConclusion},
		{"3.1", by["3.1"].SimThesis > 0.5, true},
		{"4.1", by["4.1"].Zone, ZoneNone},
	}
	checkFeatures(t, tests)
	if v := by["1.2"].Vector(); len(v) != len(SentenceFeatureNames()) {
		t.Errorf("Vector has %d values for %d names", len(v), len(SentenceFeatureNames()))
	}
}

// TestTypography: a text typeset with curly apostrophes and dashes has the
// features of the same text typed with straight apostrophes and "--". The
// tagger had read "the city’s" as two names, "we’ll" without its modal and
// "she’s" in the past, and a typed dash was no dash.
func TestTypography(t *testing.T) {
	essayOf := func(apos string) *essay.Document {
		dash := " — "
		if apos == "'" {
			dash = "--"
		}
		r := strings.NewReplacer("'", apos, " = ", dash)
		return doc(title("The city's schools"), standfirst(r.Replace("The city's schools aren't short of pupils, and we'll see more of them.")),
			body(r.Replace("She's gone to the school. Europe's teachers don't ask twice, and they'll help.")),
			body(r.Replace("The council's budget can't stretch = but it should try.")),
			body(r.Replace("We'll see the city's schools grow.")))
	}
	straight, curly := ComputeFeatures(essayOf("'")), ComputeFeatures(essayOf("’"))
	for i := range straight {
		s, c := straight[i].Vector(), curly[i].Vector()
		for k, name := range SentenceFeatureNames() {
			if s[k] != c[k] {
				t.Errorf("%s, feature %s: %v typed, %v typeset", straight[i].ID, name, s[k], c[k])
			}
		}
	}
	by := featuresByID(straight)
	checkFeatures(t, []featureCheck{
		{"standfirst.1 modal", by["standfirst.1"].Modal, true},
		{"1.1 no name after the first word", by["1.1"].ProperShare, 0.0},
		{"1.2 modal", by["1.2"].Modal, true},
		{"2.1 dash", by["2.1"].Dash, true},
	})
}

// TestNumberedParagraphs: a paragraph that opens with a list item's number
// has the features of the same paragraph without it, and the number is no
// figure.
func TestNumberedParagraphs(t *testing.T) {
	essayOf := func(n1, n2 string) []SentenceFeatures {
		return ComputeFeatures(doc(title("Fewer car parks"), standfirst("Cities should build fewer car parks."),
			body(n1+"However, car parks take land. They cost 5% of the budget."),
			body(n2+"Most trips in town are short."),
			body("Cities should build homes instead.")))
	}
	plain, numbered := essayOf("", ""), essayOf("1. ", "(b) ")
	for i := range plain {
		p, n := plain[i].Vector(), numbered[i].Vector()
		for k, name := range SentenceFeatureNames() {
			if p[k] != n[k] {
				t.Errorf("%s, feature %s: %v plain, %v numbered", plain[i].ID, name, p[k], n[k])
			}
		}
	}
	if c := featuresByID(numbered)["1.1"].Contrast; c != "However" {
		t.Errorf("1.1 Contrast = %q, want However", c)
	}
}

// TestShortParas: an essay is paragraphed as news when half or more of its
// three or more paragraphs after the standfirst are a sentence or two.
func TestShortParas(t *testing.T) {
	long := "It is one. It is two. It is three."
	for _, tc := range []struct {
		name  string
		paras []string
		want  bool
	}{
		{"all short", []string{"One.", "One. Two.", "One."}, true},
		{"half short", []string{"One.", long, "One. Two.", long}, true},
		{"most long", []string{"One.", long, long}, false},
		{"two paragraphs", []string{"One.", "One."}, false},
	} {
		blocks := []block{title("T"), standfirst("A standfirst of one sentence.")}
		for _, p := range tc.paras {
			blocks = append(blocks, body(p))
		}
		fs := ComputeFeatures(doc(blocks...))
		for _, f := range fs {
			if f.Kind != essay.Title && f.ShortParas != tc.want {
				t.Errorf("%s: %s ShortParas = %v, want %v", tc.name, f.ID, f.ShortParas, tc.want)
			}
		}
	}
}

func TestRelativePoint(t *testing.T) {
	d := doc(title("Fewer teachers"), standfirst("Schools need more teachers."),
		body("Schools lost teachers."),
		body("However, cutting teachers from schools was a mistake. According to the ministry, 40 percent of schools closed a class. Officials said 3,000 teachers left in 2023."),
		body("Schools need more teachers, and soon."))
	by := featuresByID(ComputeFeatures(d))
	tests := []featureCheck{
		{"the marked sentence", by["2.1"].MarkedIn, true},
		{"a grounds sentence is not marked", by["2.2"].MarkedIn, false},
		{"the most general sentence", by["2.1"].GeneralIn, true},
		{"a specific sentence is not the most general", by["2.3"].GeneralIn, false},
		{"both others give grounds", by["2.1"].OthersGround, 1.0},
		{"one of the others gives grounds", by["2.2"].OthersGround, 0.5},
		{"the one that echoes the opening and closing most", by["2.1"].ThesisLikeIn, true},
		{"one that echoes them less", by["2.3"].ThesisLikeIn, false},
		{"a one-sentence paragraph compares with nothing", by["1.1"].GeneralIn || by["1.1"].MarkedIn, false},
	}
	checkFeatures(t, tests)
}

func TestSameCue(t *testing.T) {
	tests := []struct {
		chosen []string
		s      string
		want   bool
	}{
		{[]string{"opens with a contrast marker 'But'"}, "opens with 'but'", true},
		{[]string{"opens with a contrast marker 'However'"}, "opens with 'but'", false},
		{[]string{"first sentence of a body paragraph"}, "a short sentence", false},
		{nil, "opens with 'this'", false},
	}
	for _, tt := range tests {
		if got := sameCue(tt.chosen, tt.s); got != tt.want {
			t.Errorf("sameCue(%q, %q) = %v, want %v", tt.chosen, tt.s, got, tt.want)
		}
	}
}

// TestDecodeOneParagraphThesis: a text of one paragraph states its thesis
// once, however likely a second statement; a text with an opening and a
// closing apart restates it there.
func TestDecodeOneParagraphThesis(t *testing.T) {
	m := testModel(t,
		map[Role]map[string]float64{
			MajorClaim: {"m.deontic": 6},
			Evidence:   {"bias": 1},
		},
		map[string]float64{"null.bias": 1})
	count := func(d *essay.Document) (statements, restated int) {
		fs := ComputeFeatures(d)
		for _, dec := range m.DecodeRoles(fs) {
			if dec.Role == MajorClaim {
				statements++
				if dec.Restates != "" {
					restated++
				}
			}
		}
		return statements, restated
	}
	one := doc(title("T"), body("Cities should plant trees. Trees cost money. Towns should water them."))
	if n, r := count(one); n != 1 || r != 0 {
		t.Errorf("one paragraph: %d thesis statements, %d restating, want 1 and 0", n, r)
	}
	apart := doc(title("T"), body("Cities should plant trees. Trees cost money."),
		body("Trees grow slowly. Some die young."), body("Towns should water them. Shade helps."))
	if n, r := count(apart); n != 2 || r != 1 {
		t.Errorf("opening and closing: %d thesis statements, %d restating, want 2 and 1", n, r)
	}
}

// TestDecodeThesisConfidence: the thesis's confidence is its calibrated
// chance of being the text's thesis; a restatement keeps the role model's
// probability.
func TestDecodeThesisConfidence(t *testing.T) {
	m := testModel(t,
		map[Role]map[string]float64{
			MajorClaim: {"m.deontic": 2},
			Evidence:   {"bias": 1},
		},
		map[string]float64{"null.bias": 1})
	m.ThesisCalibration = Platt{Scale: 1, Shift: 1}
	fs := ComputeFeatures(doc(title("T"), body("Cities should plant trees. Trees cost money."),
		body("Trees grow slowly. Some die young."), body("Towns should water them. Shade helps.")))
	thesis, restated := 0, 0
	for i, d := range m.DecodeRoles(fs) {
		if d.Role != MajorClaim {
			continue
		}
		p, want := d.probs[roleIndex(MajorClaim)], d.probs[roleIndex(MajorClaim)]
		if d.Restates == "" {
			want = m.ThesisCalibration.Apply(p)
			thesis++
		} else {
			restated++
		}
		if math.Abs(d.Confidence-want) > 1e-9 {
			t.Errorf("%s (restates %q): confidence %.3f, want %.3f (the role model's %.3f)", fs[i].ID, d.Restates, d.Confidence, want, p)
		}
	}
	if thesis != 1 || restated != 1 {
		t.Errorf("%d theses and %d restatements, want one of each", thesis, restated)
	}
}
