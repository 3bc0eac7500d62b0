package eval

import (
	"testing"

	"github.com/argmap/argmap/internal/argument"
)

// oneText is the result on one text with one gold thesis, claim and
// evidence sentence each and two gold links: right says whether each role
// was found, links how many links.
func oneText(right bool, links int) *Result {
	r := &Result{Texts: 1, Confusion: make(map[argument.Role]map[argument.Role]int), CentralTexts: 1}
	for _, g := range macroRoles {
		p := g
		if !right {
			p = argument.Background
		}
		r.Confusion[g] = map[argument.Role]int{p: 1}
	}
	if right {
		r.Central = 1
	}
	r.Typed = Score{Correct: links, Predicted: 2, Gold: 2}
	return r
}

func TestPairedBootstrap(t *testing.T) {
	n := 40
	same, good, bad, mixed := make([]*Result, n), make([]*Result, n), make([]*Result, n), make([]*Result, n)
	for i := range n {
		same[i] = oneText(i%3 == 0, i%3)
		good[i] = oneText(true, 2)
		bad[i] = oneText(false, 0)
		mixed[i] = oneText(i%2 == 0, 2*(i%2))
	}
	// the same results: no difference, and no spread
	d := pairedBootstrap("itself", same, same)
	for _, iv := range []Interval{d.Macro, d.Links, d.Central} {
		if iv.Diff != 0 || iv.Lo != 0 || iv.Hi != 0 || !iv.Holds() {
			t.Errorf("against itself: %+v, want 0 [0, 0]", iv)
		}
	}
	// better on every text: the whole interval is above zero
	d = pairedBootstrap("bad", good, bad)
	if d.Macro.Diff != 1 || d.Links.Diff != 1 || d.Central.Diff != 100 {
		t.Errorf("good - bad = %+v, want macro 1, links 1, central 100 points", d)
	}
	for _, iv := range []Interval{d.Macro, d.Links, d.Central} {
		if iv.Holds() || iv.Lo <= 0 {
			t.Errorf("good - bad: %+v, want an interval above 0", iv)
		}
	}
	// better on half the texts, worse on the other half: the interval
	// holds zero, and it is wide
	d = pairedBootstrap("mixed", mixed, oneTexts(n, func(i int) *Result { return oneText(i%2 == 1, 2*(1-i%2)) }))
	if !d.Macro.Holds() || !d.Links.Holds() || d.Macro.Hi-d.Macro.Lo < 0.1 {
		t.Errorf("mixed: %+v, want a wide interval around 0", d)
	}
	if d.Texts != n || d.Against != "mixed" {
		t.Errorf("Diff = %d texts against %q, want %d against mixed", d.Texts, d.Against, n)
	}
	// the same inputs give the same interval
	if e := pairedBootstrap("mixed", mixed, oneTexts(n, func(i int) *Result { return oneText(i%2 == 1, 2*(1-i%2)) })); e != d {
		t.Errorf("not deterministic: %+v then %+v", d, e)
	}
}

func oneTexts(n int, f func(int) *Result) []*Result {
	out := make([]*Result, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func TestIntervalSay(t *testing.T) {
	for _, tt := range []struct {
		iv   Interval
		want string
	}{
		{Interval{0.012, 0.004, 0.02}, "+0.012 [+0.004, +0.020]"},
		{Interval{-0.001, -0.006, 0.005}, "~ -0.001 [-0.006, +0.005]"},
	} {
		if got := tt.iv.say("%+.3f"); got != tt.want {
			t.Errorf("say = %q, want %q", got, tt.want)
		}
	}
}
