package store

import (
	"errors"
	"fmt"
	"math"

	"github.com/argmap/argmap/internal/argument"
)

// This file checks an analysis before anything is written.

// validate checks what Ingest relies on: at least one paragraph, unique
// non-empty paragraph and sentence ids, relations and figures that refer to
// sentences of the analysis, and finite figure values.
func validate(a *argument.Analysis) error {
	if len(a.Paragraphs) == 0 {
		return errors.New("no paragraphs")
	}
	pids := make(map[string]bool)
	sids := make(map[string]bool)
	for i, p := range a.Paragraphs {
		if p.ID == "" {
			return fmt.Errorf("paragraph %d has no id", i+1)
		}
		if pids[p.ID] {
			return fmt.Errorf("paragraph id %q appears twice", p.ID)
		}
		pids[p.ID] = true
		for j, s := range p.Sentences {
			if s.ID == "" {
				return fmt.Errorf("sentence %d of paragraph %s has no id", j+1, p.ID)
			}
			if sids[s.ID] {
				return fmt.Errorf("sentence id %q appears twice", s.ID)
			}
			sids[s.ID] = true
		}
	}
	for k, r := range a.Relations {
		if !sids[r.From] || !sids[r.To] {
			return fmt.Errorf("relation %d (%s → %s) refers to an unknown sentence", k+1, r.From, r.To)
		}
	}
	for k, f := range a.Figures {
		if !sids[f.Sentence] {
			return fmt.Errorf("figure %d (%q) refers to unknown sentence %q", k+1, f.Text, f.Sentence)
		}
		if f.Value.Valid && (math.IsNaN(f.Value.Number) || math.IsInf(f.Value.Number, 0)) {
			return fmt.Errorf("figure %d (%q) has a value that is not a finite number", k+1, f.Text)
		}
	}
	return nil
}
