package eval

import (
	"math/rand/v2"
	"slices"
)

// The paired bootstrap says how far a difference between two extractors
// in one cell can be trusted: the texts are drawn again with replacement,
// the same draw for both extractors, and the difference is measured on
// each draw (Efron and Tibshirani, 1993; Berg-Kirkpatrick, Burkett and
// Klein, 2012, for its use in NLP). The interval holds the middle 95 % of
// the differences. A difference whose interval holds zero is within the
// noise of the cell's texts.

// resamples is the number of bootstrap draws: enough for the ends of a
// 95 % interval to be stable to about a thousandth.
const resamples = 1000

// Interval is a difference between two extractors' scores and its 95 %
// paired-bootstrap interval.
type Interval struct{ Diff, Lo, Hi float64 }

// Holds reports whether the interval holds zero: the difference is
// within the noise.
func (i Interval) Holds() bool { return i.Lo <= 0 && i.Hi >= 0 }

// Diff compares the model with another extractor on the same texts.
type Diff struct {
	Against string
	Texts   int
	// Macro F1 (thesis, claim, evidence), typed link F1, and the share of
	// texts whose central claim is found, in points.
	Macro, Links, Central Interval
}

// textScore is what the bootstrap adds up of one text's result: the
// thesis, claim and evidence counts, the typed links and the central
// claim.
type textScore struct {
	roles            [3]Score
	links            Score
	central, ofTexts int
}

func scoreOf(r *Result) textScore {
	s := textScore{links: r.Typed, central: r.Central, ofTexts: r.CentralTexts}
	for k, role := range macroRoles {
		s.roles[k] = r.RoleScore(role)
	}
	return s
}

// sum adds up the scores of the texts at idx.
func sum(ts []textScore, idx []int) (macroF1, links, central float64) {
	var roles [3]Score
	var l Score
	c, of := 0, 0
	for _, i := range idx {
		t := &ts[i]
		for k := range roles {
			roles[k].Add(t.roles[k])
		}
		l.Add(t.links)
		c, of = c+t.central, of+t.ofTexts
	}
	return macro(roles), l.F1(), 100 * ratio(c, of)
}

// pairedBootstrap compares the results a and b of two extractors, text by
// text in the same order, with a fixed seed, so the same results give the
// same intervals.
func pairedBootstrap(against string, a, b []*Result) Diff {
	n := len(a)
	ta, tb := make([]textScore, n), make([]textScore, n)
	for i := range a {
		ta[i], tb[i] = scoreOf(a[i]), scoreOf(b[i])
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	diff := func(idx []int) (m, l, c float64) {
		ma, la, ca := sum(ta, idx)
		mb, lb, cb := sum(tb, idx)
		return ma - mb, la - lb, ca - cb
	}
	d := Diff{Against: against, Texts: n}
	d.Macro.Diff, d.Links.Diff, d.Central.Diff = diff(all)
	if n == 0 {
		return d
	}
	rng := rand.New(rand.NewPCG(1, 2))
	ms, ls, cs := make([]float64, resamples), make([]float64, resamples), make([]float64, resamples)
	idx := make([]int, n)
	for r := range resamples {
		for i := range idx {
			idx[i] = rng.IntN(n)
		}
		ms[r], ls[r], cs[r] = diff(idx)
	}
	d.Macro.Lo, d.Macro.Hi = middle95(ms)
	d.Links.Lo, d.Links.Hi = middle95(ls)
	d.Central.Lo, d.Central.Hi = middle95(cs)
	return d
}

// middle95 returns the 2.5th and 97.5th percentiles of xs (sorting xs).
func middle95(xs []float64) (lo, hi float64) {
	slices.Sort(xs)
	at := func(q float64) float64 { return xs[min(int(q*float64(len(xs))), len(xs)-1)] }
	return at(0.025), at(0.975)
}
