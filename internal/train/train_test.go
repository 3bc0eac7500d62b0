package train

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/corpus"
	"github.com/argmap/argmap/internal/essay"
)

// synthetic returns n small essays in which every body paragraph opens
// with its claim ("However, …") and continues with evidence ("According
// to …"), under a standfirst thesis.
func synthetic(n int) []*corpus.Doc {
	var docs []*corpus.Doc
	for i := range n {
		lines := []string{
			fmt.Sprintf("Essay %d", i),
			"We should build more homes.",
			"However, rents keep rising. According to the agency, rents rose 5% last year. Prices in 2023 were higher.",
			"Yet builders wait for permits. Officials said permits take a year.",
			"But the city can act. A survey found that most residents agree. In 2021 the council said so.",
			"We should therefore build more homes.",
		}
		var b []byte
		for _, l := range lines {
			b = append(b, l+"\n"...)
		}
		d, err := essay.Parse("s.txt", b)
		if err != nil {
			panic(err)
		}
		doc := &corpus.Doc{ID: fmt.Sprintf("s%02d", i), Corpus: corpus.Silver, Essay: d, Central: -1}
		claim := -1
		for _, p := range d.Paragraphs {
			for j := range p.Sentences {
				k := len(doc.Roles)
				switch {
				case p.Kind == essay.Title:
					doc.Roles = append(doc.Roles, argument.None)
				case p.Kind == essay.Standfirst || (p.Kind == essay.Body && len(p.Sentences) == 1):
					doc.Roles = append(doc.Roles, argument.MajorClaim)
					if doc.Central < 0 {
						doc.Central = k
					}
				case j == 0:
					doc.Roles = append(doc.Roles, argument.Claim)
					claim = k
					doc.Links = append(doc.Links, corpus.Link{From: k, To: doc.Central, Kind: argument.Support})
				default:
					doc.Roles = append(doc.Roles, argument.Evidence)
					doc.Links = append(doc.Links, corpus.Link{From: k, To: claim, Kind: argument.Support})
				}
			}
		}
		docs = append(docs, doc)
	}
	return docs
}

func TestTrainLearns(t *testing.T) {
	m, err := Train(synthetic(12), DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	probe := synthetic(1)[0]
	a := argument.ExtractWith(probe.Essay, m)
	i := 0
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			if s.Role != probe.Roles[i] {
				t.Errorf("trained model: %s = %v, want %v (%s)", s.ID, s.Role, probe.Roles[i], s.Why)
			}
			i++
		}
	}
	for _, l := range []argument.Linear{m.Roles, m.Point, m.Attach, m.Attack, m.Linked} {
		if l.Temperature <= 0 || math.IsNaN(l.Temperature) {
			t.Errorf("temperature %v", l.Temperature)
		}
	}
}

// trainTwice trains on docs twice and returns the first model, failing
// the test when the two are not the same bytes.
func trainTwice(t *testing.T, docs []*corpus.Doc) *argument.Model {
	t.Helper()
	var models []*argument.Model
	var outs [][]byte
	for range 2 {
		m, err := Train(docs, DefaultOptions)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		models, outs = append(models, m), append(outs, b)
	}
	if !slices.Equal(outs[0], outs[1]) {
		t.Error("two trainings on the same texts gave different models")
	}
	return models[0]
}

func TestTrainDeterministic(t *testing.T) {
	trainTwice(t, synthetic(6))
	if _, err := Train(nil, DefaultOptions); err == nil {
		t.Error("Train(no texts) = nil error")
	}
}

// TestTrainSilverSample trains twice on a few texts of the real corpus,
// as CI has it beside the checkout: the model says what it learned from,
// and the two are the same bytes (what make model-check relies on).
func TestTrainSilverSample(t *testing.T) {
	docs, err := corpus.Load(filepath.Join("..", "..", "..", "shared", "corpora", corpus.Silver))
	if corpus.IsMissing(err) {
		t.Skipf("corpus not here: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	m := trainTwice(t, docs[:10])
	if len(m.TrainedOn) != 2 || !strings.HasPrefix(m.TrainedOn[0], corpus.Silver+": 10 texts, ") ||
		!strings.HasPrefix(m.TrainedOn[1], corpus.Reparagraphed+": ") {
		t.Errorf("TrainedOn = %q, want the 10 silver texts and their re-paragraphed copies", m.TrainedOn)
	}
	opt := DefaultOptions
	opt.Reparagraph = 0
	if m, err := Train(docs[:10], opt); err != nil || len(m.TrainedOn) != 1 {
		t.Errorf("Reparagraph 0: TrainedOn = %q (%v), want the silver texts alone", m.TrainedOn, err)
	}
}

func TestFitTemperature(t *testing.T) {
	// scores twice as sharp as the truth want a temperature near 2
	var scores [][]float64
	var gold []int
	for i := range 2000 {
		p := 0.75 // the truth: the first class 3 times in 4
		s := []float64{2 * math.Log(p/(1-p)), 0}
		scores = append(scores, s)
		gold = append(gold, map[bool]int{true: 0, false: 1}[i%4 != 0])
	}
	if got := fitTemperature(scores, gold); math.Abs(got-2) > 0.05 {
		t.Errorf("fitTemperature = %.3f, want 2", got)
	}
}

// TestThesisCalibration: the thesis's confidence is fitted to how often
// the decoded thesis is right: texts whose thesis reads at 0.6 and is right
// 9 times in 10, and at 0.3 and right half the time, calibrate to about
// 0.9 and 0.5; a probability that is right as often as it says is left
// about as it is.
func TestThesisCalibration(t *testing.T) {
	m := &argument.Model{ThesisThreshold: 0.99}
	m.Roles.Temperature = 1
	major := slices.Index(argument.RoleClasses(), argument.MajorClaim)
	text := func(p float64, right bool) thesisCal {
		// the thesis score s against four scores of 0: p = e^s / (e^s + 4)
		s := make([]float64, len(argument.RoleClasses()))
		s[major] = math.Log(4 * p / (1 - p))
		return thesisCal{scores: [][]float64{s}, para: []int{0}, gold: []bool{right}}
	}
	var texts []thesisCal
	for i := range 100 {
		texts = append(texts, text(0.6, i%10 != 0), text(0.3, i%2 == 0))
	}
	c := thesisCalibration(texts, m)
	for _, tt := range []struct{ p, want float64 }{{0.6, 0.9}, {0.3, 0.5}} {
		if got := c.Apply(tt.p); math.Abs(got-tt.want) > 0.03 {
			t.Errorf("calibrated %.1f = %.3f, want about %.1f (fit %+v)", tt.p, got, tt.want, c)
		}
	}
	texts = texts[:0]
	for i := range 100 {
		texts = append(texts, text(0.8, i%5 != 0), text(0.4, i%5 < 2))
	}
	c = thesisCalibration(texts, m)
	for _, p := range []float64{0.8, 0.4} {
		if got := c.Apply(p); math.Abs(got-p) > 0.03 {
			t.Errorf("calibrated %.1f = %.3f, want it about as it was (fit %+v)", p, got, c)
		}
	}
	if c := thesisCalibration(nil, m); c != (argument.Platt{Scale: 1}) {
		t.Errorf("no texts: %+v, want the identity", c)
	}
}
