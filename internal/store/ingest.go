package store

import (
	"context"
	"fmt"

	"github.com/argmap/argmap/internal/argument"
)

// Source names the file an analysis was made from.
type Source struct {
	// Name is the file name, recorded as Revision.Source.
	Name string
	// SHA256 is the hex digest of the file's bytes.
	SHA256 string
}

// Result is what Ingest did.
type Result struct {
	// Revision is the number of the database's newest revision: the one
	// Ingest made, or the existing one when nothing changed.
	Revision int `json:"revision"`
	// Changed is false when the file and its analysis were those of the
	// newest revision already, so that no revision was made.
	Changed bool `json:"changed"`
	// Changes says what the new revision did, one entry a paragraph.
	Changes []Change `json:"changes,omitempty"`
}

// Ingest writes the analysis a of the file src into the argmap database at
// dbPath, creating the database when dbPath does not exist, and publishes
// it as a new revision.
//
// The analysis arrives with provisional ids (argument.PositionalIDs). On a
// database's first ingest they become the permanent ids as they are. Later,
// every paragraph is matched to a paragraph of the newest revision (same
// text, else similar text, else as a part of a split or merge) and keeps
// its id; the rest get ids never issued before. Sentences keep their ids
// when their text is unchanged. On success a is renumbered in place with
// the permanent ids (via argument.Analysis.Renumber).
//
// Ingest is all or nothing: it writes a copy of the database next to it and
// renames the copy over dbPath only when everything is written and synced,
// so after a failure, or a kill at any moment, dbPath is exactly as it was.
// When the file's digest and its analysis equal the newest revision's, it
// makes no revision and leaves dbPath untouched (Result.Changed is false).
// A dbPath that is not an argmap database is refused, untouched, with an
// error wrapping ErrNotArgmap.
func Ingest(ctx context.Context, dbPath string, a *argument.Analysis, src Source) (*Result, error) {
	res, err := ingest(ctx, dbPath, a, src)
	if err != nil {
		return nil, fmt.Errorf("ingest %s into %s: %w", src.Name, dbPath, err)
	}
	return res, nil
}
