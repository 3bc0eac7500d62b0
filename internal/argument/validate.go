package argument

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/argmap/argmap/internal/essay"
)

// Validate checks the invariants every analysis keeps (CONTRACT.md), and
// returns the first that fails, naming the paragraph, sentence, relation
// or figure:
//
//   - paragraph and sentence ids are URL-safe ([A-Za-z0-9._-], not "." or
//     ".."), and no id is used twice;
//   - every paragraph has one of the six kinds, and every sentence one of
//     the five roles;
//   - every sentence's text is an exact substring of its paragraph's text,
//     and the sentences, in order, cover all of it but white space;
//   - a relation joins two distinct sentences of the analysis, neither of
//     them with role none, supports or attacks, and no sentence has more
//     than one outgoing relation;
//   - a figure is of one of the six kinds and in a sentence of the
//     analysis, its text is a substring of that sentence, and its value, if
//     a number, is finite;
//   - every confidence is a number from 0 to 1, and a sentence that
//     restates the thesis is a thesis sentence naming another thesis
//     sentence.
//
// An analysis without paragraphs is valid. Why strings are not checked.
func (a *Analysis) Validate() error {
	sentences, err := a.validateParagraphs()
	if err != nil {
		return err
	}
	if err := a.validateRelations(sentences); err != nil {
		return err
	}
	if err := a.validateDecisions(sentences); err != nil {
		return err
	}
	return a.validateFigures(sentences)
}

// ValidID reports whether id may stand in a URL as CONTRACT.md allows: one
// or more of A-Z, a-z, 0-9, '.', '_' and '-', and not "." or "..".
func ValidID(id string) bool {
	if id == "" || id == "." || id == ".." {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

var validParagraphKinds = map[essay.Kind]bool{
	essay.Title: true, essay.Standfirst: true, essay.Body: true,
	essay.Heading: true, essay.Bio: true, essay.Credit: true,
}

var validRoles = map[Role]bool{MajorClaim: true, Claim: true, Evidence: true, Background: true, None: true}

var validFigureKinds = map[FigureKind]bool{Quantity: true, Percent: true, Money: true, Date: true, Duration: true, Quote: true}

// validateParagraphs checks ids, kinds, roles and sentence texts, and
// returns the sentences by id.
func (a *Analysis) validateParagraphs() (map[string]*Sentence, error) {
	pids := make(map[string]bool, len(a.Paragraphs))
	sentences := make(map[string]*Sentence)
	for i := range a.Paragraphs {
		p := &a.Paragraphs[i]
		switch {
		case !ValidID(p.ID):
			return nil, fmt.Errorf("paragraph %d: id %q is not a URL-safe id", i+1, p.ID)
		case pids[p.ID]:
			return nil, fmt.Errorf("paragraph id %q is used twice", p.ID)
		case !validParagraphKinds[p.Kind]:
			return nil, fmt.Errorf("paragraph %s: kind %q is not a paragraph kind", p.ID, p.Kind)
		}
		pids[p.ID] = true
		for j := range p.Sentences {
			s := &p.Sentences[j]
			switch {
			case !ValidID(s.ID):
				return nil, fmt.Errorf("paragraph %s: sentence %d: id %q is not a URL-safe id", p.ID, j+1, s.ID)
			case sentences[s.ID] != nil:
				return nil, fmt.Errorf("sentence id %q is used twice", s.ID)
			case !validRoles[s.Role]:
				return nil, fmt.Errorf("sentence %s: role %q is not a role", s.ID, s.Role)
			}
			sentences[s.ID] = s
		}
		if err := checkCover(p); err != nil {
			return nil, err
		}
	}
	return sentences, nil
}

// checkCover checks that the sentences of p are exact substrings of its
// text, in order, that cover it all but white space.
func checkCover(p *Paragraph) error {
	pos := 0
	for _, s := range p.Sentences {
		if s.Text == "" {
			return fmt.Errorf("sentence %s has no text", s.ID)
		}
		k := strings.Index(p.Text[pos:], s.Text)
		if k < 0 {
			return fmt.Errorf("sentence %s: text %q is not in paragraph %s after the sentence before it", s.ID, s.Text, p.ID)
		}
		if gap := p.Text[pos : pos+k]; !blank(gap) {
			return fmt.Errorf("paragraph %s: text %q before sentence %s is in no sentence", p.ID, gap, s.ID)
		}
		pos += k + len(s.Text)
	}
	if rest := p.Text[pos:]; !blank(rest) {
		return fmt.Errorf("paragraph %s: text %q at its end is in no sentence", p.ID, rest)
	}
	return nil
}

// blank reports whether s is all white space.
func blank(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }

// validateRelations checks the relations against the sentences by id.
func (a *Analysis) validateRelations(sentences map[string]*Sentence) error {
	outgoing := make(map[string]bool, len(a.Relations))
	for k, r := range a.Relations {
		from, to := sentences[r.From], sentences[r.To]
		switch {
		case from == nil || to == nil:
			return fmt.Errorf("relation %d (%s → %s) refers to an unknown sentence", k+1, r.From, r.To)
		case r.From == r.To:
			return fmt.Errorf("relation %d (%s → %s) joins a sentence to itself", k+1, r.From, r.To)
		case from.Role == None || to.Role == None:
			return fmt.Errorf("relation %d (%s → %s) joins a sentence that is not part of the argument", k+1, r.From, r.To)
		case r.Kind != Support && r.Kind != Attack:
			return fmt.Errorf("relation %d (%s → %s): kind %q is neither support nor attack", k+1, r.From, r.To, r.Kind)
		case outgoing[r.From]:
			return fmt.Errorf("relation %d (%s → %s): sentence %s has another outgoing relation", k+1, r.From, r.To, r.From)
		}
		outgoing[r.From] = true
	}
	return nil
}

// validateFigures checks the figures against the sentences by id.
func (a *Analysis) validateFigures(sentences map[string]*Sentence) error {
	for k, f := range a.Figures {
		s := sentences[f.Sentence]
		switch {
		case s == nil:
			return fmt.Errorf("figure %d (%q) refers to unknown sentence %q", k+1, f.Text, f.Sentence)
		case !validFigureKinds[f.Kind]:
			return fmt.Errorf("figure %d (%q): kind %q is not a figure kind", k+1, f.Text, f.Kind)
		case f.Text == "" || !strings.Contains(s.Text, f.Text):
			return fmt.Errorf("figure %d: text %q is not in sentence %s", k+1, f.Text, s.ID)
		case f.Value.Valid && (math.IsNaN(f.Value.Number) || math.IsInf(f.Value.Number, 0)):
			return fmt.Errorf("figure %d (%q) has a value that is not a finite number", k+1, f.Text)
		}
	}
	return nil
}

// validateDecisions checks confidences and restatements.
func (a *Analysis) validateDecisions(sentences map[string]*Sentence) error {
	ok := func(c float64) bool { return c >= 0 && c <= 1 }
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			if !ok(s.Confidence) {
				return fmt.Errorf("sentence %s: confidence %v is not from 0 to 1", s.ID, s.Confidence)
			}
			if s.Restates == "" {
				continue
			}
			t, found := sentences[s.Restates]
			switch {
			case s.Role != MajorClaim:
				return fmt.Errorf("sentence %s restates %s but is a %s, not a thesis sentence", s.ID, s.Restates, s.Role)
			case !found || t.Role != MajorClaim || t.ID == s.ID:
				return fmt.Errorf("sentence %s restates %q, which is not another thesis sentence", s.ID, s.Restates)
			}
		}
	}
	for _, r := range a.Relations {
		if !ok(r.Confidence) {
			return fmt.Errorf("relation %s → %s: confidence %v is not from 0 to 1", r.From, r.To, r.Confidence)
		}
	}
	return nil
}
