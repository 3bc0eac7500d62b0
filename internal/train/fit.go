package train

import (
	"math"

	"gonum.org/v1/gonum/optimize"
)

// A group is one training decision: candidate vectors with the index of the
// right one. For a multinomial regression the candidates are the classes
// (one vector, shared); for the attachment model they are the targets a
// sentence may point at.
type group struct {
	xs   [][]float64
	gold int
	// weight scales the group's share of the loss.
	weight float64
}

// fitMultinomial fits a multinomial logistic regression with L2 penalty
// l2 to examples xs with classes ys (0..k-1) by L-BFGS, from zero weights:
// deterministic for the same data. Without examples every weight is zero.
func fitMultinomial(xs [][]float64, ys []int, ws []float64, k, d int, l2 float64) [][]float64 {
	loss := func(theta, grad []float64) float64 {
		f := 0.0
		for i := range grad {
			grad[i] = 0
		}
		scores := make([]float64, k)
		for n, x := range xs {
			m := math.Inf(-1)
			for c := range k {
				s := 0.0
				row := theta[c*d : (c+1)*d]
				for i, v := range x {
					s += row[i] * v
				}
				scores[c] = s
				m = max(m, s)
			}
			z := 0.0
			for c := range k {
				z += math.Exp(scores[c] - m)
			}
			lz := m + math.Log(z)
			w := ws[n]
			f += w * (lz - scores[ys[n]])
			if grad != nil {
				for c := range k {
					p := math.Exp(scores[c] - lz)
					if c == ys[n] {
						p--
					}
					if p == 0 {
						continue
					}
					row := grad[c*d : (c+1)*d]
					for i, v := range x {
						row[i] += w * p * v
					}
				}
			}
		}
		for i, t := range theta {
			f += 0.5 * l2 * t * t
			if grad != nil {
				grad[i] += l2 * t
			}
		}
		return f
	}
	theta := minimize(loss, k*d)
	out := make([][]float64, k)
	for c := range k {
		out[c] = theta[c*d : (c+1)*d]
	}
	return out
}

// fitConditional fits a conditional logit: one weight vector scoring each
// candidate of a group, softmax over the group. Without groups every
// weight is zero.
func fitConditional(gs []group, d int, l2 float64) []float64 {
	loss := func(theta, grad []float64) float64 {
		f := 0.0
		for i := range grad {
			grad[i] = 0
		}
		for _, g := range gs {
			scores := make([]float64, len(g.xs))
			m := math.Inf(-1)
			for c, x := range g.xs {
				s := 0.0
				for i, v := range x {
					s += theta[i] * v
				}
				scores[c] = s
				m = max(m, s)
			}
			z := 0.0
			for _, s := range scores {
				z += math.Exp(s - m)
			}
			lz := m + math.Log(z)
			f += g.weight * (lz - scores[g.gold])
			if grad != nil {
				for c, x := range g.xs {
					p := math.Exp(scores[c] - lz)
					if c == g.gold {
						p--
					}
					for i, v := range x {
						grad[i] += g.weight * p * v
					}
				}
			}
		}
		for i, t := range theta {
			f += 0.5 * l2 * t * t
			if grad != nil {
				grad[i] += l2 * t
			}
		}
		return f
	}
	return minimize(loss, d)
}

// minimize runs L-BFGS on f (which fills grad when it is not nil) from
// zero.
func minimize(f func(theta, grad []float64) float64, n int) []float64 {
	p := optimize.Problem{
		Func: func(x []float64) float64 { return f(x, nil) },
		Grad: func(grad, x []float64) { f(x, grad) },
	}
	x0 := make([]float64, n)
	res, err := optimize.Minimize(p, x0, &optimize.Settings{
		GradientThreshold: 1e-6,
		MajorIterations:   500,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-9, Relative: 1e-9, Iterations: 20},
	}, &optimize.LBFGS{})
	if err != nil && res == nil {
		return x0
	}
	return res.X
}

// fitTemperature returns the temperature t in [0.25, 8] that minimises the
// negative log-likelihood of the held-out scores (each a score vector and
// its gold index): a golden-section search on log t.
func fitTemperature(scores [][]float64, gold []int) float64 {
	if len(scores) == 0 {
		return 1
	}
	nll := func(lt float64) float64 {
		t := math.Exp(lt)
		f := 0.0
		for n, s := range scores {
			m := math.Inf(-1)
			for _, v := range s {
				m = max(m, v/t)
			}
			z := 0.0
			for _, v := range s {
				z += math.Exp(v/t - m)
			}
			f += m + math.Log(z) - s[gold[n]]/t
		}
		return f
	}
	a, b := math.Log(0.25), math.Log(8)
	g := (math.Sqrt(5) - 1) / 2
	c, d := b-g*(b-a), a+g*(b-a)
	fc, fd := nll(c), nll(d)
	for range 60 {
		if fc < fd {
			b, d, fd = d, c, fc
			c = b - g*(b-a)
			fc = nll(c)
		} else {
			a, c, fc = c, d, fd
			d = a + g*(b-a)
			fd = nll(d)
		}
	}
	return math.Exp((a + b) / 2)
}
