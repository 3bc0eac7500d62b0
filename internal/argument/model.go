package argument

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sync"
)

// ModelVersion is the version of the model file format and feature set.
// A model file whose version or feature names differ is refused.
const ModelVersion = 4

// modelJSON is the embedded model, rebuilt by `argmap train` (`make
// model`) from the annotated corpora.
//
//go:embed model.json
var modelJSON []byte

// Linear is a multinomial logistic regression: one weight row per class
// over named features. Temperature divides the scores before the softmax;
// training sets it so that probabilities are calibrated on held-out folds.
type Linear struct {
	Classes     []string    `json:"classes"`
	Features    []string    `json:"features"`
	Weights     [][]float64 `json:"weights"`
	Temperature float64     `json:"temperature"`
}

// Scores returns the class scores (logits) of x.
func (l *Linear) Scores(x []float64) []float64 {
	out := make([]float64, len(l.Weights))
	for k, w := range l.Weights {
		s := 0.0
		for i, v := range x {
			s += w[i] * v
		}
		out[k] = s
	}
	return out
}

// Probs returns the calibrated class probabilities of x.
func (l *Linear) Probs(x []float64) []float64 { return Softmax(l.Scores(x), l.temperature()) }

func (l *Linear) temperature() float64 {
	if l.Temperature <= 0 {
		return 1
	}
	return l.Temperature
}

// Softmax returns the softmax of scores divided by t.
func Softmax(scores []float64, t float64) []float64 {
	out := make([]float64, len(scores))
	if len(scores) == 0 {
		return out
	}
	m := slices.Max(scores)
	sum := 0.0
	for i, s := range scores {
		out[i] = math.Exp((s - m) / t)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// Model is the extractor's learned part: the role model, the point model
// (which sentence of a paragraph states its claim, if any), the attachment
// model (which target a sentence points at), the attack model (support or
// attack) and the model that says whether context is linked at all.
type Model struct {
	Version int `json:"version"`
	// TrainedOn names the corpora and the number of texts and sentences
	// the model learned from.
	TrainedOn []string `json:"trained_on"`
	Roles     Linear   `json:"roles"`
	// Attach has one class: a candidate's score; the softmax runs over
	// the candidates of a sentence.
	Attach Linear `json:"attach"`
	// Attack has classes support and attack.
	Attack Linear `json:"attack"`
	// Linked has classes unlinked and linked, for background sentences.
	Linked Linear `json:"linked"`
	// Point has one class: a sentence's score as its paragraph's point
	// (its claim); the softmax runs over the sentences of a paragraph and
	// a "no claim" candidate.
	Point Linear `json:"point"`
	// PointThreshold is the point model's probability above which a
	// paragraph's likeliest sentence is its claim, and ThesisThreshold the
	// role model's thesis probability above which a sentence states the
	// thesis; training sets both to what maximises F1 on held-out folds.
	PointThreshold  float64 `json:"point_threshold"`
	ThesisThreshold float64 `json:"thesis_threshold"`
	// ThesisCalibration turns the role model's thesis probability of the
	// sentence decoded as the thesis into the probability that it is the
	// text's thesis: training fits it on held-out folds (Platt scaling of
	// the decoded thesis against the gold).
	ThesisCalibration Platt `json:"thesis_calibration"`
}

// Platt is a logistic recalibration of a probability p: σ(Scale·logit(p)
// + Shift).
type Platt struct {
	Scale float64 `json:"scale"`
	Shift float64 `json:"shift"`
}

// Apply returns the recalibrated probability of p.
func (c Platt) Apply(p float64) float64 {
	return 1 / (1 + math.Exp(-(c.Scale*Logit(p) + c.Shift)))
}

// Logit returns log(p / (1 − p)), with p kept inside [1e-6, 1 − 1e-6].
func Logit(p float64) float64 {
	p = min(max(p, 1e-6), 1-1e-6)
	return math.Log(p / (1 - p))
}

// Role classes of the role model, in the order of its weight rows.
var roleClasses = []Role{MajorClaim, Claim, Evidence, Background, None}

// RoleClasses returns the role model's classes in order.
func RoleClasses() []Role { return slices.Clone(roleClasses) }

// Check reports whether m was made for this code: its version and the
// names of its features.
func (m *Model) Check() error {
	if m.Version != ModelVersion {
		return fmt.Errorf("model version %d, want %d", m.Version, ModelVersion)
	}
	if !(m.ThesisCalibration.Scale > 0) {
		return fmt.Errorf("model thesis calibration: scale %v, want more than 0", m.ThesisCalibration.Scale)
	}
	for _, c := range []struct {
		name string
		l    *Linear
		want []string
		rows int
	}{
		{"roles", &m.Roles, SentenceFeatureNames(), len(roleClasses)},
		{"attach", &m.Attach, AttachFeatureNames(), 1},
		{"attack", &m.Attack, AttackFeatureNames(), 2},
		{"linked", &m.Linked, SentenceFeatureNames(), 2},
		{"point", &m.Point, PointFeatureNames(), 1},
	} {
		if !slices.Equal(c.l.Features, c.want) {
			return fmt.Errorf("model %s: features do not match this build", c.name)
		}
		if len(c.l.Weights) != c.rows {
			return fmt.Errorf("model %s: %d weight rows, want %d", c.name, len(c.l.Weights), c.rows)
		}
		for _, w := range c.l.Weights {
			if len(w) != len(c.want) {
				return fmt.Errorf("model %s: %d weights, want %d", c.name, len(w), len(c.want))
			}
		}
	}
	return nil
}

// ParseModel reads a model file and checks it.
func ParseModel(data []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if err := m.Check(); err != nil {
		return nil, err
	}
	return &m, nil
}

// DefaultModel returns the embedded model. It panics if the embedded file
// does not fit this build, which a test catches.
var DefaultModel = sync.OnceValue(func() *Model {
	m, err := ParseModel(modelJSON)
	if err != nil {
		panic("argument: embedded " + err.Error())
	}
	return m
})

// EmbeddedModel returns the bytes of the embedded model file.
func EmbeddedModel() []byte { return slices.Clone(modelJSON) }
