package eval

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
)

// A tiny corpus in the arg-microtexts format, written for these tests.
var corpus = map[string]string{
	"micro_t001.txt": "We should plant more trees in the city. Trees cool the streets in summer. Of course, planting costs money. But the savings on cooling are larger.",
	"micro_t001.xml": `<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_t001" topic_id="trees" stance="pro">
  <edu id="e1"><![CDATA[We should plant more trees in the city.]]></edu>
  <edu id="e2"><![CDATA[Trees cool the streets in summer.]]></edu>
  <edu id="e3"><![CDATA[Of course, planting costs money.]]></edu>
  <edu id="e4"><![CDATA[But the savings on cooling are larger.]]></edu>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="pro"/>
  <adu id="a3" type="opp"/>
  <adu id="a4" type="pro"/>
  <edge id="c5" src="e1" trg="a1" type="seg"/>
  <edge id="c6" src="e2" trg="a2" type="seg"/>
  <edge id="c7" src="e3" trg="a3" type="seg"/>
  <edge id="c8" src="e4" trg="a4" type="seg"/>
  <edge id="c1" src="a2" trg="a1" type="sup"/>
  <edge id="c2" src="a3" trg="a1" type="reb"/>
  <edge id="c3" src="a4" trg="c2" type="und"/>
</arggraph>
`,
	"micro_t002.txt": "Cars pollute the air, and they make noise. Therefore the old town should be closed to cars.",
	"micro_t002.xml": `<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_t002" topic_id="cars" stance="pro">
  <edu id="e1"><![CDATA[Cars pollute the air,]]></edu>
  <edu id="e2"><![CDATA[and they make noise.]]></edu>
  <edu id="e3"><![CDATA[Therefore the old town should be closed to cars.]]></edu>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="pro"/>
  <adu id="a3" type="pro"/>
  <edge id="c4" src="e1" trg="a1" type="seg"/>
  <edge id="c5" src="e2" trg="a2" type="seg"/>
  <edge id="c6" src="e3" trg="a3" type="seg"/>
  <edge id="c1" src="a1" trg="a3" type="sup"/>
  <edge id="c2" src="a2" trg="c1" type="add"/>
</arggraph>
`,
}

func writeCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range corpus {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func sortLinks(ls []Link) []Link {
	out := append([]Link(nil), ls...)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	return out
}

func TestLoadMapsUnitsToSentences(t *testing.T) {
	dir := writeCorpus(t)
	tests := []struct {
		name    string
		central string
		want    map[string]string // ADU → sentence id
	}{
		{"micro_t001", "a1", map[string]string{"a1": "1.1", "a2": "1.2", "a3": "1.3", "a4": "1.4"}},
		{"micro_t002", "a3", map[string]string{"a1": "1.1", "a2": "1.1", "a3": "1.2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := Load(dir, tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if got := txt.Graph.CentralClaim(); got != tt.central {
				t.Errorf("CentralClaim(%q) = %v, want %v", tt.name, got, tt.central)
			}
			if !reflect.DeepEqual(txt.Sentence, tt.want) {
				t.Errorf("Load(%q).Sentence = %v, want %v", tt.name, txt.Sentence, tt.want)
			}
		})
	}
}

func TestGoldLinks(t *testing.T) {
	dir := writeCorpus(t)
	tests := []struct {
		name    string
		mapping UndercutMapping
		want    []Link
		dropped int
	}{
		{"micro_t001", UndercutTarget, []Link{
			{"1.2", "1.1", argument.Support}, {"1.3", "1.1", argument.Attack}, {"1.4", "1.1", argument.Attack}}, 0},
		{"micro_t001", UndercutSource, []Link{
			{"1.2", "1.1", argument.Support}, {"1.3", "1.1", argument.Attack}, {"1.4", "1.3", argument.Attack}}, 0},
		// a2 adds to a1 → a3: both in sentence 1.1, so one link survives
		{"micro_t002", UndercutTarget, []Link{{"1.1", "1.2", argument.Support}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := Load(dir, tt.name)
			if err != nil {
				t.Fatal(err)
			}
			got, dropped := txt.GoldLinks(tt.mapping)
			if !reflect.DeepEqual(sortLinks(got), sortLinks(tt.want)) || dropped != tt.dropped {
				t.Errorf("GoldLinks(%q, %v) = %v, %d, want %v, %d", tt.name, tt.mapping, got, dropped, tt.want, tt.dropped)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	gold := []Link{{"1", "2", argument.Support}, {"3", "2", argument.Attack}}
	pred := []Link{{"1", "2", argument.Support}, {"3", "2", argument.Support}, {"4", "2", argument.Support}}
	tests := []struct {
		kinds bool
		want  Score
	}{
		{true, Score{Correct: 1, Predicted: 3, Gold: 2}},
		{false, Score{Correct: 2, Predicted: 3, Gold: 2}},
	}
	for _, tt := range tests {
		if got := Compare(pred, gold, tt.kinds); got != tt.want {
			t.Errorf("Compare(kinds=%v) = %+v, want %+v", tt.kinds, got, tt.want)
		}
	}
	s := Score{Correct: 1, Predicted: 2, Gold: 4}
	if s.P() != 0.5 || s.R() != 0.25 || s.F1() != 2*0.5*0.25/0.75 {
		t.Errorf("Score%+v P/R/F1 = %v/%v/%v", s, s.P(), s.R(), s.F1())
	}
}

func TestRun(t *testing.T) {
	dir := writeCorpus(t)
	var b bytes.Buffer
	if err := Run(dir, &b); err != nil {
		t.Fatalf("Run(%q) error %v", dir, err)
	}
	out := b.String()
	for _, want := range []string{"texts: 2", "central claim: extractor 2/2", "baseline", "support", "attack", "F1"} {
		if !strings.Contains(out, want) {
			t.Errorf("Run output lacks %q:\n%s", want, out)
		}
	}
	r, err := Evaluate(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r.Texts != 2 || r.Central != 2 || r.Baseline != 2 {
		t.Errorf("Evaluate = %d texts, %d central, %d baseline, want 2, 2, 2", r.Texts, r.Central, r.Baseline)
	}
	if r.Typed.Gold != 4 || r.SourceTyped.Gold != 4 {
		t.Errorf("Evaluate gold links = %d (target), %d (source), want 4, 4", r.Typed.Gold, r.SourceTyped.Gold)
	}
}

func TestRunMissingCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nowhere")
	err := Run(dir, &bytes.Buffer{})
	want := "eval: corpus folder " + dir + " not found"
	if err == nil || err.Error() != want {
		t.Errorf("Run(%q) error = %v, want %q", dir, err, want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Run(%q) error %v is not fs.ErrNotExist", dir, err)
	}
}

func TestRunEmptyCorpus(t *testing.T) {
	if err := Run(t.TempDir(), &bytes.Buffer{}); err == nil {
		t.Errorf("Run(empty dir) error = nil, want an error")
	}
}
