package lexical

import "math"

// Set is a set of lower-case words.
type Set map[string]struct{}

// Clone returns a copy of s.
func (s Set) Clone() Set {
	c := make(Set, len(s))
	c.Add(s)
	return c
}

// Add puts the words of t into s.
func (s Set) Add(t Set) {
	for w := range t {
		s[w] = struct{}{}
	}
}

// Intersect returns the number of words s and t share.
func (s Set) Intersect(t Set) int {
	if len(s) > len(t) {
		s, t = t, s
	}
	n := 0
	for w := range s {
		if _, ok := t[w]; ok {
			n++
		}
	}
	return n
}

// Cosine is the cosine of two word sets, |a∩b| / √(|a|·|b|): 1 for the
// same words, 0 for none in common or when either is empty.
func Cosine(a, b Set) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return float64(a.Intersect(b)) / math.Sqrt(float64(len(a))*float64(len(b)))
}

// Dice is the Dice coefficient of two word sets, 2|a∩b| / (|a|+|b|): 1
// for the same words, 0 for none in common or when either is empty.
func Dice(a, b Set) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return 2 * float64(a.Intersect(b)) / float64(len(a)+len(b))
}

// Containment is the share of a's words that are also in b, 0 when a is
// empty.
func Containment(a, b Set) float64 {
	if len(a) == 0 {
		return 0
	}
	return float64(a.Intersect(b)) / float64(len(a))
}

// Similarity is how alike two sentences are: the Cosine of their Terms.
func Similarity(a, b string) float64 {
	return Cosine(Terms(a), Terms(b))
}
