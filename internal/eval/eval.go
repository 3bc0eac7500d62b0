// Package eval scores extractors on annotated corpora (internal/corpus),
// never on texts a model was trained on: k-fold by text within a corpus,
// a model trained on one corpus tested on another, and leave-one-topic-out.
// Every extractor runs on the corpus's own segmentation, so the model, the
// old rules and the position baseline are scored on the same sentences.
package eval

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/corpus"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/figure"
)

// Extractor is a named way to analyse a document.
type Extractor struct {
	Name string
	Run  func(doc *essay.Document) *argument.Analysis
}

// Rules is argmap's first, hand-written extractor.
var Rules = Extractor{Name: "old rules", Run: argument.ExtractRules}

// Position is the position baseline.
var Position = Extractor{Name: "position baseline", Run: PositionBaseline}

// Roles scored, in table order.
var scoredRoles = []argument.Role{argument.MajorClaim, argument.Claim, argument.Evidence, argument.Background}

// Result counts an extractor's agreement with the gold of some texts.
type Result struct {
	Texts int
	// Confusion[gold][predicted] counts sentences with a gold role.
	Confusion map[argument.Role]map[argument.Role]int
	// Central counts texts whose predicted thesis is a gold thesis
	// sentence, of CentralTexts with a gold central claim.
	Central, CentralTexts int
	// Typed and Untyped count links, with and without the kind.
	Typed, Untyped Score
	// Cited counts the argument sentences that cite a statistic or quote
	// someone, CitedEvidence those of them labelled evidence; Argument
	// counts every sentence with a gold role other than none, and
	// LabelledEvidence those labelled evidence.
	Cited, CitedEvidence, Argument, LabelledEvidence int
	// CitedGold and GoldEvidence are the same counts for the gold roles.
	CitedGold, GoldEvidence int
	// ByLength counts the same as Argument, LabelledEvidence and
	// GoldEvidence, and as Cited, CitedEvidence and CitedGold, by the
	// length of the sentence's paragraph (lengthBands).
	ByLength [len(lengthBands)]EvidenceCount
	// Bins count, by tenth of confidence, the argument sentences with a
	// gold role and how many of them got it right, with their summed
	// confidence: the reliability diagram of the role confidences.
	Bins [10]struct {
		N, Right int
		Conf     float64
	}
}

// EvidenceCount counts argument sentences (gold role other than none),
// those labelled evidence, and those whose gold is evidence; and the same
// for those of them that cite a statistic or quote someone.
type EvidenceCount struct {
	Argument, Labelled, Gold        int
	Cited, CitedLabelled, CitedGold int
}

// lengthBands are the paragraph lengths, in sentences, that ByLength
// tells apart: a band holds the lengths from its value to the next's.
var lengthBands = [...]int{1, 2, 3, 5}

// lengthBand returns the band of a paragraph of n sentences.
func lengthBand(n int) int {
	b := 0
	for i, from := range lengthBands {
		if n >= from {
			b = i
		}
	}
	return b
}

// ECE is the expected calibration error of the role confidences: the
// mean gap between confidence and accuracy, weighted by bin size.
func (r *Result) ECE() float64 {
	n, e := 0, 0.0
	for _, b := range r.Bins {
		n += b.N
	}
	if n == 0 {
		return 0
	}
	for _, b := range r.Bins {
		if b.N > 0 {
			e += float64(b.N) / float64(n) * math.Abs(b.Conf/float64(b.N)-float64(b.Right)/float64(b.N))
		}
	}
	return e
}

// Score counts matches between predicted and gold items.
type Score struct{ Correct, Predicted, Gold int }

// Add adds another score's counts.
func (s *Score) Add(o Score) {
	s.Correct += o.Correct
	s.Predicted += o.Predicted
	s.Gold += o.Gold
}

// P returns the precision.
func (s Score) P() float64 { return ratio(s.Correct, s.Predicted) }

// R returns the recall.
func (s Score) R() float64 { return ratio(s.Correct, s.Gold) }

// F1 returns the harmonic mean of P and R.
func (s Score) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// HasRoles reports whether the texts had gold roles beyond the thesis.
func (r *Result) HasRoles() bool {
	for g, row := range r.Confusion {
		if g != argument.MajorClaim && g != argument.None {
			for _, n := range row {
				if n > 0 {
					return true
				}
			}
		}
	}
	return false
}

// RoleScore returns the precision/recall counts of one role.
func (r *Result) RoleScore(role argument.Role) Score {
	var s Score
	for g, row := range r.Confusion {
		for p, n := range row {
			if g == role {
				s.Gold += n
			}
			if p == role {
				s.Predicted += n
			}
			if g == role && p == role {
				s.Correct += n
			}
		}
	}
	return s
}

// MacroF1 is the mean F1 over thesis, claim and evidence.
func (r *Result) MacroF1() float64 {
	var s [3]Score
	for k, role := range macroRoles {
		s[k] = r.RoleScore(role)
	}
	return macro(s)
}

// macroRoles are the roles macro F1 is the mean over.
var macroRoles = [3]argument.Role{argument.MajorClaim, argument.Claim, argument.Evidence}

// macro is the mean F1 of the scores of macroRoles.
func macro(s [3]Score) float64 { return (s[0].F1() + s[1].F1() + s[2].F1()) / 3 }

// Add adds the counts of o.
func (r *Result) Add(o *Result) {
	r.Texts += o.Texts
	r.Central += o.Central
	r.CentralTexts += o.CentralTexts
	r.Typed.Add(o.Typed)
	r.Untyped.Add(o.Untyped)
	r.Cited += o.Cited
	r.CitedEvidence += o.CitedEvidence
	r.Argument += o.Argument
	r.LabelledEvidence += o.LabelledEvidence
	for i := range r.Bins {
		r.Bins[i].N += o.Bins[i].N
		r.Bins[i].Right += o.Bins[i].Right
		r.Bins[i].Conf += o.Bins[i].Conf
	}
	r.CitedGold += o.CitedGold
	r.GoldEvidence += o.GoldEvidence
	for i, c := range o.ByLength {
		r.ByLength[i].Argument += c.Argument
		r.ByLength[i].Labelled += c.Labelled
		r.ByLength[i].Gold += c.Gold
		r.ByLength[i].Cited += c.Cited
		r.ByLength[i].CitedLabelled += c.CitedLabelled
		r.ByLength[i].CitedGold += c.CitedGold
	}
	if r.Confusion == nil {
		r.Confusion = make(map[argument.Role]map[argument.Role]int)
	}
	for g, row := range o.Confusion {
		if r.Confusion[g] == nil {
			r.Confusion[g] = make(map[argument.Role]int)
		}
		for p, n := range row {
			r.Confusion[g][p] += n
		}
	}
}

// Run scores the extractor x on docs.
func Run(x Extractor, docs []*corpus.Doc) (*Result, error) {
	res := &Result{Confusion: make(map[argument.Role]map[argument.Role]int)}
	for _, d := range docs {
		a := x.Run(d.Essay)
		if err := score(res, d, a); err != nil {
			return nil, fmt.Errorf("%s on %s: %w", x.Name, d.ID, err)
		}
	}
	return res, nil
}

// score adds the agreement of analysis a with the gold of d.
func score(res *Result, d *corpus.Doc, a *argument.Analysis) error {
	var roles []argument.Role
	var restates []string
	var conf []float64
	index := make(map[string]int)
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			index[s.ID] = len(roles)
			roles = append(roles, s.Role)
			restates = append(restates, s.Restates)
			conf = append(conf, s.Confidence)
		}
	}
	if len(roles) != len(d.Roles) {
		return fmt.Errorf("%d sentences, gold has %d", len(roles), len(d.Roles))
	}
	res.Texts++
	var cited []bool // the sentence cites a statistic or quotes someone
	var band []int   // the length band of the sentence's paragraph
	for _, p := range d.Essay.Paragraphs {
		for _, s := range p.Sentences {
			band = append(band, lengthBand(len(p.Sentences)))
			c := false
			for _, f := range figure.Find(s.Text) {
				switch f.Kind {
				case figure.Quantity, figure.Percent, figure.Money, figure.Quote:
					c = true
				}
			}
			cited = append(cited, c)
		}
	}
	for i, g := range d.Roles {
		if g == "" {
			continue
		}
		if g != argument.None && roles[i] != argument.None {
			b := &res.Bins[min(int(conf[i]*10), 9)]
			b.N++
			b.Conf += conf[i]
			if roles[i] == g {
				b.Right++
			}
		}
		if g != argument.None {
			res.Argument++
			bl := &res.ByLength[band[i]]
			bl.Argument++
			if roles[i] == argument.Evidence {
				res.LabelledEvidence++
				bl.Labelled++
			}
			if g == argument.Evidence {
				res.GoldEvidence++
				bl.Gold++
			}
			if cited[i] {
				res.Cited++
				bl.Cited++
				if roles[i] == argument.Evidence {
					res.CitedEvidence++
					bl.CitedLabelled++
				}
				if g == argument.Evidence {
					res.CitedGold++
					bl.CitedGold++
				}
			}
		}
		if res.Confusion[g] == nil {
			res.Confusion[g] = make(map[argument.Role]int)
		}
		res.Confusion[g][roles[i]]++
	}
	if d.Central >= 0 {
		res.CentralTexts++
		for i, r := range roles {
			if r == argument.MajorClaim && restates[i] == "" {
				if d.Roles[i] == argument.MajorClaim {
					res.Central++
				}
				break
			}
		}
	}
	type link struct {
		from, to int
		kind     argument.RelationKind
	}
	gold := make(map[link]bool)
	goldU := make(map[[2]int]bool)
	for _, l := range d.Links {
		gold[link{l.From, l.To, l.Kind}] = true
		goldU[[2]int{l.From, l.To}] = true
	}
	pred := make(map[link]bool)
	predU := make(map[[2]int]bool)
	for _, r := range a.Relations {
		f, ok1 := index[r.From]
		t, ok2 := index[r.To]
		if !ok1 || !ok2 {
			return fmt.Errorf("relation %s→%s names a missing sentence", r.From, r.To)
		}
		pred[link{f, t, r.Kind}] = true
		predU[[2]int{f, t}] = true
	}
	res.Typed.Add(Score{Correct: overlap(pred, gold), Predicted: len(pred), Gold: len(gold)})
	res.Untyped.Add(Score{Correct: overlap(predU, goldU), Predicted: len(predU), Gold: len(goldU)})
	return nil
}

func overlap[K comparable](a, b map[K]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

// Row is one extractor's result in a cell of the table.
type Row struct {
	Extractor string
	*Result
}

// Cell is one protocol on one corpus: what was trained on, what was
// tested, and each extractor's result.
type Cell struct {
	Name, Trained, Tested string
	Rows                  []Row
	// Genres breaks the first extractors' results down by genre.
	Genres []GenreRow
	// Diffs compare the model with each other extractor (see
	// pairedBootstrap).
	Diffs []Diff
	// Unargued and Argued split each extractor's result between the
	// tested texts whose gold has no relation at all, where every
	// predicted link is wrong, and the others; both are empty when every
	// tested text has one.
	Unargued, Argued []Row
}

// GenreRow is one extractor's result on the texts of one genre.
type GenreRow struct {
	Genre string
	Row
}

// Table is the whole evaluation.
type Table struct{ Cells []Cell }

// Write prints the table.
func (t *Table) Write(w io.Writer) error {
	var b strings.Builder
	for _, c := range t.Cells {
		fmt.Fprintf(&b, "## %s\ntrained on: %s\ntested on:  %s\n\n", c.Name, c.Trained, c.Tested)
		fmt.Fprintf(&b, "| extractor | thesis F1 | claim F1 | evidence F1 | background F1 | macro F1 (T/C/E) | central claim | links F1 typed | links F1 untyped | role ECE |\n")
		fmt.Fprintf(&b, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
		for _, r := range c.Rows {
			fmt.Fprintf(&b, "| %s |", r.Extractor)
			if r.HasRoles() {
				for _, role := range scoredRoles {
					fmt.Fprintf(&b, " %.3f |", r.RoleScore(role).F1())
				}
				fmt.Fprintf(&b, " **%.3f** |", r.MacroF1())
			} else {
				fmt.Fprintf(&b, " %.3f | – | – | – | – |", r.RoleScore(argument.MajorClaim).F1())
			}
			fmt.Fprintf(&b, " %.1f %% (%d/%d) | %.3f | %.3f |", 100*ratio(r.Central, r.CentralTexts), r.Central, r.CentralTexts, r.Typed.F1(), r.Untyped.F1())
			if r.Extractor == "model" {
				fmt.Fprintf(&b, " %.3f |\n", r.ECE())
			} else {
				b.WriteString(" – |\n")
			}
		}
		b.WriteString("\n")
		writeDiffs(&b, c.Diffs)
		writeArgued(&b, c.Unargued, c.Argued)
		if len(c.Genres) > 0 {
			fmt.Fprintf(&b, "by genre (cited: sentences with a statistic or a quote labelled evidence; all: sentences labelled evidence; gold in brackets):\n\n| genre | extractor | texts | thesis F1 | claim F1 | evidence F1 | macro F1 | central claim | links F1 typed | cited as evidence | all as evidence |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
			for _, g := range c.Genres {
				fmt.Fprintf(&b, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.0f %% | %.3f | %.0f %% (%.0f %%) | %.0f %% (%.0f %%) |\n", g.Genre, g.Extractor, g.Texts,
					g.RoleScore(argument.MajorClaim).F1(), g.RoleScore(argument.Claim).F1(), g.RoleScore(argument.Evidence).F1(),
					g.MacroF1(), 100*ratio(g.Central, g.CentralTexts), g.Typed.F1(),
					100*ratio(g.CitedEvidence, g.Cited), 100*ratio(g.CitedGold, g.Cited),
					100*ratio(g.LabelledEvidence, g.Argument), 100*ratio(g.GoldEvidence, g.Argument))
			}
			b.WriteString("\n")
			writeByLength(&b, c.Rows[:min(3, len(c.Rows))])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// topics returns the distinct topics of docs, sorted.
func topics(docs []*corpus.Doc) []string {
	seen := make(map[string]bool)
	var out []string
	for _, d := range docs {
		if !seen[d.Topic] {
			seen[d.Topic] = true
			out = append(out, d.Topic)
		}
	}
	sort.Strings(out)
	return out
}

// writeDiffs prints the model's differences from the other extractors of
// a cell, with their paired-bootstrap intervals.
func writeDiffs(b *strings.Builder, ds []Diff) {
	if len(ds) == 0 {
		return
	}
	fmt.Fprintf(b, "model minus each other extractor, with the middle 95 %% of %d paired bootstrap draws of the %d texts (\"~\": the interval holds 0, within the noise):\n\n", resamples, ds[0].Texts)
	b.WriteString("| against | macro F1 | links F1 typed | central claim (points) |\n| --- | --- | --- | --- |\n")
	for _, d := range ds {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", d.Against, d.Macro.say("%+.3f"), d.Links.say("%+.3f"), d.Central.say("%+.1f"))
	}
	b.WriteString("\n")
}

// writeByLength prints the share of sentences each extractor labels
// evidence, by the length of their paragraph, beside the gold share: of
// all argument sentences, then of those that cite a statistic or quote
// someone.
func writeByLength(b *strings.Builder, rows []Row) {
	writeBands(b, "sentences labelled evidence", rows, func(c EvidenceCount) (int, int, int) { return c.Labelled, c.Gold, c.Argument })
	writeBands(b, "sentences that cite a statistic or quote someone labelled evidence", rows, func(c EvidenceCount) (int, int, int) {
		return c.CitedLabelled, c.CitedGold, c.Cited
	})
}

// writeBands prints one table of writeByLength: for each extractor and
// length band, the share labelled, the gold share and how many
// sentences, as count gives them.
func writeBands(b *strings.Builder, what string, rows []Row, count func(EvidenceCount) (labelled, gold, of int)) {
	fmt.Fprintf(b, "%s by the length of their paragraph (gold in brackets; sentences in the band):\n\n| extractor |", what)
	for i, n := range lengthBands {
		switch {
		case i == len(lengthBands)-1:
			fmt.Fprintf(b, " %d or more |", n)
		case lengthBands[i+1] == n+1:
			fmt.Fprintf(b, " %d |", n)
		default:
			fmt.Fprintf(b, " %d–%d |", n, lengthBands[i+1]-1)
		}
	}
	b.WriteString("\n| --- |" + strings.Repeat(" --- |", len(lengthBands)) + "\n")
	for _, r := range rows {
		fmt.Fprintf(b, "| %s |", r.Extractor)
		for _, c := range r.ByLength {
			l, g, n := count(c)
			fmt.Fprintf(b, " %.0f %% (%.0f %%; %d) |", 100*ratio(l, n), 100*ratio(g, n), n)
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// writeArgued prints where a cell's links go wrong when some of its texts
// have no gold relation: the links each extractor predicts in those texts
// (all wrong), and the scores on the texts that have one.
func writeArgued(b *strings.Builder, unargued, argued []Row) {
	if len(unargued) == 0 {
		return
	}
	fmt.Fprintf(b, "%d of the %d texts have no gold relation, so every link predicted in them is wrong:", unargued[0].Texts, unargued[0].Texts+argued[0].Texts)
	for i, r := range unargued {
		sep := ","
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(b, "%s %s %d of its %d", sep, r.Extractor, r.Typed.Predicted, r.Typed.Predicted+argued[i].Typed.Predicted)
	}
	fmt.Fprintf(b, ". On the other %d texts:\n\n| extractor | macro F1 (T/C/E) | central claim | links F1 typed | links F1 untyped |\n| --- | --- | --- | --- | --- |\n", argued[0].Texts)
	for _, r := range argued {
		fmt.Fprintf(b, "| %s | %.3f | %.1f %% (%d/%d) | %.3f | %.3f |\n", r.Extractor, r.MacroF1(), 100*ratio(r.Central, r.CentralTexts), r.Central, r.CentralTexts, r.Typed.F1(), r.Untyped.F1())
	}
	b.WriteString("\n")
}

// say prints the interval in the format f: "+0.012 [+0.004, +0.020]",
// with "~" in front when it holds zero.
func (i Interval) say(f string) string {
	s := fmt.Sprintf(f+" ["+f+", "+f+"]", i.Diff, i.Lo, i.Hi)
	if i.Holds() {
		s = "~ " + s
	}
	return s
}
