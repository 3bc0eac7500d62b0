package store

import (
	"errors"

	"github.com/argmap/argmap/internal/argument"
)

// This file checks an analysis before anything is written.

// validate checks what Ingest relies on: at least one paragraph, and the
// invariants of every analysis (argument.Analysis.Validate).
func validate(a *argument.Analysis) error {
	if len(a.Paragraphs) == 0 {
		return errors.New("no paragraphs")
	}
	return a.Validate()
}
