package eval

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/corpus"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/train"
)

// gold builds a corpus text from lines (title first) with gold roles and
// links by sentence index.
func gold(t *testing.T, id string, lines []string, roles []argument.Role, links []corpus.Link) *corpus.Doc {
	t.Helper()
	d, err := essay.Parse(id+".txt", []byte(strings.Join(lines, "\n")+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range d.Paragraphs {
		n += len(p.Sentences)
	}
	if n != len(roles) {
		t.Fatalf("%s: %d sentences, %d roles", id, n, len(roles))
	}
	doc := &corpus.Doc{ID: id, Corpus: corpus.Silver, Essay: d, Roles: roles, Links: links, Central: -1}
	for i, r := range roles {
		if r == argument.MajorClaim {
			doc.Central = i
			break
		}
	}
	return doc
}

func TestScore(t *testing.T) {
	d := gold(t, "a", []string{"Title", "Cities should plant trees.", "However, trees cost money. A tree costs 500 dollars.", "Trees grow slowly."},
		[]argument.Role{argument.None, argument.MajorClaim, argument.Claim, argument.Evidence, argument.Evidence},
		[]corpus.Link{{From: 2, To: 1, Kind: argument.Attack}, {From: 3, To: 2, Kind: argument.Support}, {From: 4, To: 2, Kind: argument.Support}})
	// the position baseline: standfirst? no (too few blocks), so the
	// thesis is the last sentence of the first body paragraph
	r, err := Run(Position, []*corpus.Doc{d})
	if err != nil {
		t.Fatal(err)
	}
	if r.Texts != 1 || r.CentralTexts != 1 {
		t.Fatalf("Run = %+v, want one text with a central claim", r)
	}
	a := PositionBaseline(d.Essay)
	if err := a.Validate(); err != nil {
		t.Errorf("PositionBaseline: Validate() = %v", err)
	}
	// count by hand from the baseline's own output
	var pred []argument.Role
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			pred = append(pred, s.Role)
		}
	}
	want := 0
	for i, g := range d.Roles {
		if g == argument.Evidence && pred[i] == argument.Evidence {
			want++
		}
	}
	if got := r.RoleScore(argument.Evidence).Correct; got != want {
		t.Errorf("evidence correct = %d, want %d (predicted %v)", got, want, pred)
	}
	right, n := 0, 0
	for _, b := range r.Bins {
		right, n = right+b.Right, n+b.N
	}
	if want := 1 - float64(right)/float64(n); n == 0 || r.ECE() != want {
		t.Errorf("baseline with confidence 1: ECE = %v, want 1 - accuracy = %v", r.ECE(), want)
	}
	// by paragraph length: the thesis and the last sentence stand alone
	// in theirs, the claim and its evidence share one of two
	var sum EvidenceCount
	for _, c := range r.ByLength {
		sum.Argument, sum.Labelled, sum.Gold = sum.Argument+c.Argument, sum.Labelled+c.Labelled, sum.Gold+c.Gold
		sum.Cited, sum.CitedLabelled, sum.CitedGold = sum.Cited+c.Cited, sum.CitedLabelled+c.CitedLabelled, sum.CitedGold+c.CitedGold
	}
	if want := (EvidenceCount{r.Argument, r.LabelledEvidence, r.GoldEvidence, r.Cited, r.CitedEvidence, r.CitedGold}); sum != want {
		t.Errorf("ByLength adds up to %+v, want %+v", sum, want)
	}
	if one, two := r.ByLength[0], r.ByLength[1]; one.Argument != 2 || one.Gold != 1 || two.Argument != 2 || two.Gold != 1 {
		t.Errorf("ByLength = %+v, want 2 sentences (1 gold evidence) in one-sentence paragraphs and 2 (1) in two-sentence ones", r.ByLength)
	}
	// the one cited sentence, "A tree costs 500 dollars.", is gold
	// evidence in a paragraph of two
	if two := r.ByLength[1]; two.Cited != 1 || two.CitedGold != 1 || r.ByLength[0].Cited != 0 {
		t.Errorf("ByLength = %+v, want the one cited sentence (gold evidence) in a two-sentence paragraph", r.ByLength)
	}
	if r.Typed.Gold != 3 || r.Untyped.Gold != 3 {
		t.Errorf("gold links = %d/%d, want 3", r.Typed.Gold, r.Untyped.Gold)
	}
	if r.Typed.Correct > r.Untyped.Correct {
		t.Errorf("typed correct %d > untyped %d", r.Typed.Correct, r.Untyped.Correct)
	}
	// a perfect extractor scores 1
	perfect := Extractor{Name: "gold", Run: func(*essay.Document) *argument.Analysis {
		out := PositionBaseline(d.Essay)
		out.Relations = nil
		var ids []string
		k := 0
		for pi := range out.Paragraphs {
			for si := range out.Paragraphs[pi].Sentences {
				s := &out.Paragraphs[pi].Sentences[si]
				s.Role = d.Roles[k]
				ids = append(ids, s.ID)
				k++
			}
		}
		for _, l := range d.Links {
			out.Relations = append(out.Relations, argument.Relation{From: ids[l.From], To: ids[l.To], Kind: l.Kind})
		}
		return out
	}}
	r, err = Run(perfect, []*corpus.Doc{d})
	if err != nil {
		t.Fatal(err)
	}
	if r.ECE() != 0 {
		t.Errorf("gold with confidence 1: ECE = %v, want 0", r.ECE())
	}
	if r.MacroF1() != 1 || r.Typed.F1() != 1 || r.Central != 1 {
		t.Errorf("gold against itself: macro %v, links %v, central %d; want 1, 1, 1", r.MacroF1(), r.Typed.F1(), r.Central)
	}
}

// TestRecipeHoldsOut checks the rule that makes every score honest: a
// model is never trained on a tested text, nor on another annotation of
// the same document.
func TestRecipeHoldsOut(t *testing.T) {
	mk := func(c, id, topic string) *corpus.Doc { return &corpus.Doc{ID: id, Corpus: c, Topic: topic} }
	c := &Corpora{
		Silver: []*corpus.Doc{mk(corpus.Silver, "w1-01", "x"), mk(corpus.Silver, "wd-1021", "school"), mk(corpus.Silver, "wd-2000", "school")},
		Web:    []*corpus.Doc{mk(corpus.WebDiscourse, "1021", "school"), mk(corpus.WebDiscourse, "2000", "school"), mk(corpus.WebDiscourse, "3000", "prayer")},
		Micro:  []*corpus.Doc{mk(corpus.Microtexts, "micro_b001", "")},
	}
	names := func(ds []*corpus.Doc) string {
		var s []string
		for _, d := range ds {
			s = append(s, d.Corpus+"/"+d.ID)
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		test []*corpus.Doc
		web  bool
		want string
	}{
		{c.Silver[:1], false, "opinion-silver/wd-1021 opinion-silver/wd-2000 arg-microtexts/micro_b001"},
		{c.Silver[1:2], true, "opinion-silver/w1-01 opinion-silver/wd-2000 web-discourse/3000 arg-microtexts/micro_b001"},
		{c.Web[:1], true, "opinion-silver/w1-01 opinion-silver/wd-2000 web-discourse/3000 arg-microtexts/micro_b001"},
		{c.Micro, false, "opinion-silver/w1-01 opinion-silver/wd-1021 opinion-silver/wd-2000"},
	}
	for _, tt := range tests {
		if got := names(recipe(c, tt.test, tt.web)); got != tt.want {
			t.Errorf("recipe(test %s) = %s, want %s", names(tt.test), got, tt.want)
		}
	}
	// The silver cell's header says what its models learn from.
	if got := silverFoldsTrainedOn(c); !strings.Contains(got, "arg-microtexts)") {
		t.Errorf("with microtexts, the silver cell says its models learn from %q", got)
	}
	if got := silverFoldsTrainedOn(&Corpora{Silver: c.Silver}); !strings.HasPrefix(got, "opinion-silver alone") {
		t.Errorf("without microtexts, the silver cell says its models learn from %q", got)
	}
	folds := kFold(c.Silver, 3)
	for i, f := range folds {
		for _, d := range f.test {
			for _, e := range f.train {
				if d == e {
					t.Errorf("fold %d trains on its test text %s", i, d.ID)
				}
			}
		}
		if len(f.test)+len(f.train) != len(c.Silver) {
			t.Errorf("fold %d has %d+%d texts of %d", i, len(f.test), len(f.train), len(c.Silver))
		}
	}
}

func TestShouldMust(t *testing.T) {
	d, err := essay.Parse("m.txt", []byte("T\n\nTrains are slow. We should fund them. They save carbon.\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := ShouldMust(d)
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			if (s.Role == argument.MajorClaim) != strings.Contains(s.Text, "should") {
				t.Errorf("ShouldMust: %q = %v", s.Text, s.Role)
			}
		}
	}
	if err := a.Validate(); err != nil {
		t.Errorf("ShouldMust: Validate() = %v", err)
	}
}

// TestArguedSplit checks that a cell with a text whose gold has no
// relation splits every extractor's links between such texts and the
// others, and says so.
func TestArguedSplit(t *testing.T) {
	lines := []string{"Title", "Cities should plant trees.", "However, trees cost money. A tree costs 500 dollars.", "Trees grow slowly."}
	roles := []argument.Role{argument.None, argument.MajorClaim, argument.Claim, argument.Evidence, argument.Evidence}
	links := []corpus.Link{{From: 2, To: 1, Kind: argument.Attack}, {From: 3, To: 2, Kind: argument.Support}, {From: 4, To: 2, Kind: argument.Support}}
	argued := gold(t, "argued", lines, roles, links)
	flat := gold(t, "flat", lines, []argument.Role{argument.None, argument.Background, argument.Background, argument.Background, argument.Background}, nil)
	tr := []*corpus.Doc{gold(t, "t1", lines, roles, links), gold(t, "t2", lines, roles, links)}
	c, err := cell("test", "t", "argued and flat", []fold{{train: tr, test: []*corpus.Doc{argued, flat}}}, train.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Unargued) != len(c.Rows) || len(c.Argued) != len(c.Rows) {
		t.Fatalf("split rows %d/%d, want %d each", len(c.Unargued), len(c.Argued), len(c.Rows))
	}
	for i, r := range c.Rows {
		u, a := c.Unargued[i], c.Argued[i]
		if u.Texts != 1 || a.Texts != 1 {
			t.Errorf("%s: %d unargued and %d argued texts, want 1 and 1", r.Extractor, u.Texts, a.Texts)
		}
		if u.Typed.Gold != 0 || u.Typed.Correct != 0 || a.Typed.Gold != 3 {
			t.Errorf("%s: unargued links %+v, argued %+v", r.Extractor, u.Typed, a.Typed)
		}
		if u.Typed.Predicted+a.Typed.Predicted != r.Typed.Predicted || a.Typed.Correct != r.Typed.Correct {
			t.Errorf("%s: split links %+v + %+v do not add up to %+v", r.Extractor, u.Typed, a.Typed, r.Typed)
		}
	}
	var b strings.Builder
	writeArgued(&b, c.Unargued, c.Argued)
	if want := "1 of the 2 texts have no gold relation"; !strings.Contains(b.String(), want) {
		t.Errorf("writeArgued:\n%s\nwant it to say %q", b.String(), want)
	}
	// a cell whose texts all have relations prints nothing more
	c, err = cell("test", "t", "argued", []fold{{train: tr, test: []*corpus.Doc{argued}}}, train.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Unargued) != 0 || len(c.Argued) != 0 {
		t.Errorf("all argued: split rows %d/%d, want none", len(c.Unargued), len(c.Argued))
	}
}

func TestLengthBand(t *testing.T) {
	for n, want := range map[int]int{1: 0, 2: 1, 3: 2, 4: 2, 5: 3, 40: 3} {
		if got := lengthBand(n); got != want {
			t.Errorf("lengthBand(%d) = %d, want %d", n, got, want)
		}
	}
	var b strings.Builder
	writeByLength(&b, []Row{{Extractor: "x", Result: &Result{ByLength: [4]EvidenceCount{{4, 1, 2, 2, 1, 2}, {}, {}, {10, 9, 5, 4, 3, 1}}}}})
	for _, want := range []string{
		"| extractor | 1 | 2 | 3–4 | 5 or more |",
		"| x | 25 % (50 %; 4) | 0 % (0 %; 0) | 0 % (0 %; 0) | 90 % (50 %; 10) |",
		"cite a statistic or quote someone",
		"| x | 50 % (100 %; 2) | 0 % (0 %; 0) | 0 % (0 %; 0) | 75 % (25 %; 4) |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("writeByLength:\n%s\nwant a line %q", b.String(), want)
		}
	}
}

// TestMergeKeepsAskedCorpora: `argmap eval DIR/opinion-silver
// DIR/web-discourse` scores the silver corpus too, whatever the order of
// the folders; only a corpus loaded just to train on is left untested.
func TestMergeKeepsAskedCorpora(t *testing.T) {
	lines := []string{"Title", "Cities should plant trees.", "However, trees cost money. A tree costs 500 dollars.", "Trees grow slowly."}
	roles := []argument.Role{argument.None, argument.MajorClaim, argument.Claim, argument.Evidence, argument.Evidence}
	links := []corpus.Link{{From: 2, To: 1, Kind: argument.Attack}, {From: 3, To: 2, Kind: argument.Support}, {From: 4, To: 2, Kind: argument.Support}}
	full := &Corpora{}
	for i := range 5 {
		full.Silver = append(full.Silver, gold(t, fmt.Sprintf("w1-%02d", i), lines, roles, links))
	}
	for i, topic := range []string{"a", "b"} {
		d := gold(t, fmt.Sprint(100+i), lines, roles, links)
		d.Corpus, d.Topic = corpus.WebDiscourse, topic
		full.Web = append(full.Web, d)
	}
	const silverCell = "opinion-silver, 5-fold by text"
	for _, order := range [][]string{{corpus.Silver, corpus.WebDiscourse}, {corpus.WebDiscourse, corpus.Silver}, {corpus.WebDiscourse}} {
		c := &Corpora{}
		for _, name := range order {
			c.Merge(full.Only(name))
		}
		tab, err := Evaluate(c, train.DefaultOptions, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, cl := range tab.Cells {
			got = got || cl.Name == silverCell
		}
		if want := slices.Contains(order, corpus.Silver); got != want {
			t.Errorf("eval %v: has the cell %q = %v, want %v", order, silverCell, got, want)
		}
	}
}

// TestReparagraphedCell: the re-paragraphed cell tests each text broken
// into paragraphs of at most two sentences, with its own gold, and a text
// with no longer paragraph as it is.
func TestReparagraphedCell(t *testing.T) {
	long := gold(t, "long", []string{"A title", "One. Two. Three. Four.", "Five here. Six here. Seven here."},
		[]argument.Role{argument.None, argument.MajorClaim, argument.Evidence, argument.Evidence, argument.Claim,
			argument.Claim, argument.Evidence, argument.Evidence}, []corpus.Link{{From: 2, To: 1, Kind: argument.Support}})
	short := gold(t, "short", []string{"A title", "One. Two.", "Three."},
		[]argument.Role{argument.None, argument.MajorClaim, argument.Evidence, argument.Claim}, nil)
	got := reparagraphed([]*corpus.Doc{long, short})
	if len(got) != 2 || got[1] != short {
		t.Fatalf("reparagraphed = %v, want a copy of long and short itself", got)
	}
	r := got[0]
	if r.ID != "long~2" || r.Corpus != corpus.Reparagraphed || !slices.Equal(r.Roles, long.Roles) || !slices.Equal(r.Links, long.Links) {
		t.Errorf("copy %s/%s roles %v links %v, want long~2 with long's gold", r.Corpus, r.ID, r.Roles, r.Links)
	}
	var sizes []int
	for _, p := range r.Essay.Paragraphs {
		sizes = append(sizes, len(p.Sentences))
	}
	if want := []int{1, 2, 2, 2, 1}; !slices.Equal(sizes, want) {
		t.Errorf("paragraph sizes %v, want %v", sizes, want)
	}
}
