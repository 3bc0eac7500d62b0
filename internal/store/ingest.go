package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// Source names the file an analysis was made from.
type Source struct {
	// Name is the file name, recorded as Revision.Source.
	Name string
	// SHA256 is the hex digest of the file's bytes.
	SHA256 string
	// Meta is what citations say about the essay (front matter, ingest
	// flags); recorded with the revision (meta.go).
	Meta essay.Meta
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
	// Swept names the temporary files of killed ingests that this one
	// removed.
	Swept []string `json:"swept,omitempty"`
}

// IngestOptions change what Ingest accepts.
type IngestOptions struct {
	// Rewrite publishes a text that shares too few paragraphs with the
	// newest revision (see MinShared) as its next revision all the same.
	// Without it such a text is refused with an *UnrelatedError.
	Rewrite bool
	// Waiting, when set, is called once if another ingest holds the
	// database's lock, before this one waits for it.
	Waiting func()
	// Matched is what CheckRevision returned for the same text and
	// source: when the newest revision is still the one it matched the
	// text against, the ingest reuses its matching instead of making it
	// again.
	Matched *Matched
}

// Matched is the paragraph matching CheckRevision made of a text against
// the newest revision, kept for IngestWith (IngestOptions.Matched).
type Matched struct {
	rev        int
	revSHA     string // the newest revision's file digest
	srcSHA     string // the text's
	oldN, newN int
	m          matching
}

// reuse returns the matching of the text of src, whose paragraphs are
// paras, against the newest revision cur (of olds paragraphs), when mt
// was made for them; or nil.
func (mt *Matched) reuse(cur *Revision, olds int, src Source, paras []argument.Paragraph) *matching {
	if mt == nil || cur == nil || mt.rev != cur.Number || mt.revSHA != cur.SHA256 ||
		mt.srcSHA != src.SHA256 || mt.oldN != olds || mt.newN != len(paras) {
		return nil
	}
	return &mt.m
}

// MinShared is the share of paragraphs a text must have in common with the
// newest revision to be published as its next revision without
// IngestOptions.Rewrite: at least a fifth of the paragraphs of the shorter
// of the two texts must match a paragraph of the other (the matching that
// gives paragraphs their ids: same text, similar text, split or merge).
const MinShared = 0.2

// tooFewShared reports whether shared of the of paragraphs of the shorter
// text is under MinShared.
func tooFewShared(shared, of int) bool { return float64(shared) < MinShared*float64(of) }

// quickRefusal refuses, with the *UnrelatedError makePlan's matching would
// give, a text whose paragraphs paras share too few with the newest
// revision of st, when the cheap first pass of the matching (quickShared)
// already proves it: too few paragraphs have the same text, and no other
// could be linked by similarity, split or merge, so that the count is
// exactly the one the whole matching would find. Otherwise it returns nil
// and leaves the decision to the whole matching.
func quickRefusal(st *state, paras []argument.Paragraph, src Source) error {
	of := min(len(paras), len(st.olds))
	old, cur := blocksOf(st.olds), blocksOf(paras)
	m, exact := firstPass(old, cur)
	if !tooFewShared(exact, of) || m.couldLink(old, cur, exact) > 0 {
		return nil
	}
	return &UnrelatedError{Source: src.Name, Shared: exact, Of: of, Current: *st.cur, Title: st.title}
}

// CheckRevision refuses early, before the text of doc is analysed, a text
// that IngestWith would refuse as not a revision of the essay in the
// database at dbPath: it returns the same *UnrelatedError (for the same
// src and opts). The cheap first pass of the matching decides most texts
// (see quickRefusal); when it cannot tell, the whole matching of the
// paragraphs runs, which costs a few seconds for the largest texts, well
// under their analysis. It reads the database as it is, without its lock.
// It returns a nil error in every other case (no database or no revision
// yet, a file that Open refuses and IngestWith upgrades or refuses for
// another reason, a text that shares enough): IngestWith decides, and says
// why. An error reading a database that Open accepted is returned. When it ran the whole matching and the
// text shares enough, it returns that matching, for IngestWith to reuse
// (IngestOptions.Matched) if no other ingest publishes before it; else a
// nil *Matched. It stops with ctx's error when ctx is done.
func CheckRevision(ctx context.Context, dbPath string, doc *essay.Document, src Source, opts IngestOptions) (*Matched, error) {
	if opts.Rewrite || doc == nil {
		return nil, nil
	}
	db, err := Open(ctx, dbPath)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, fmt.Errorf("ingest %s into %s: %w", src.Name, dbPath, cerr)
		}
		// no database yet, or one IngestWith upgrades or refuses: it
		// creates it, upgrades it or says what is wrong
		return nil, nil
	}
	defer db.Close()
	cur, olds, title, err := loadCurrent(ctx, db.db)
	switch {
	case errors.Is(err, ErrNotFound):
		return nil, nil // no revision yet: anything is the first
	case err != nil:
		return nil, fmt.Errorf("ingest %s into %s: %w", src.Name, dbPath, err)
	case cur.SHA256 == src.SHA256:
		return nil, nil // unchanged: IngestWith says so
	}
	paras := make([]argument.Paragraph, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		paras[i] = argument.Paragraph{Kind: p.Kind, Text: p.Text}
	}
	st := &state{cur: cur, olds: olds, title: title}
	if err := quickRefusal(st, paras, src); err != nil {
		return nil, fmt.Errorf("ingest %s into %s: %w", src.Name, dbPath, err)
	}
	of := min(len(paras), len(olds))
	old, now := blocksOf(olds), blocksOf(paras)
	if _, exact := firstPass(old, now); !tooFewShared(exact, of) {
		return nil, nil // enough paragraphs kept their text
	}
	m, err := matchBlocks(ctx, old, now)
	if err != nil {
		return nil, err
	}
	if shared := linkedCount(m); tooFewShared(shared, of) {
		err := &UnrelatedError{Source: src.Name, Shared: shared, Of: of, Current: *cur, Title: title}
		return nil, fmt.Errorf("ingest %s into %s: %w", src.Name, dbPath, err)
	}
	return &Matched{rev: cur.Number, revSHA: cur.SHA256, srcSHA: src.SHA256, oldN: len(olds), newN: len(paras), m: m}, nil
}

// linkedCount is the number of new paragraphs m links to old ones.
func linkedCount(m matching) int { return len(m.newToOld) - unlinked(m.newToOld) }

// ErrUnrelated is wrapped by the error of an ingest refused because its
// text shares too few paragraphs with the newest revision.
var ErrUnrelated = errors.New("not a revision of the same essay")

// UnrelatedError is the refusal of a text that shares fewer than MinShared
// of its paragraphs with the newest revision. It wraps ErrUnrelated.
type UnrelatedError struct {
	// Source is the file that was refused.
	Source string
	// Shared is how many of its paragraphs matched one of the newest
	// revision; Of is the paragraph count of the shorter text.
	Shared, Of int
	// Current is the newest revision, and Title its essay's title.
	Current Revision
	Title   string
}

// Error says what was refused and what it was compared with, on one line.
func (e *UnrelatedError) Error() string {
	return fmt.Sprintf("%s shares %d of %d paragraphs with revision %d, %q (from %s): %v",
		e.Source, e.Shared, e.Of, e.Current.Number, e.Title, e.Current.Source, ErrUnrelated)
}

// Unwrap returns ErrUnrelated.
func (e *UnrelatedError) Unwrap() error { return ErrUnrelated }

// Ingest is IngestWith with the zero IngestOptions.
func Ingest(ctx context.Context, dbPath string, a *argument.Analysis, src Source) (*Result, error) {
	return IngestWith(ctx, dbPath, a, src, IngestOptions{})
}

// IngestWith writes the analysis a of the file src into the argmap
// database at dbPath, creating the database when dbPath does not exist,
// and publishes it as a new revision.
//
// The analysis arrives with provisional ids (argument.PositionalIDs). On a
// database's first ingest they become the permanent ids as they are. Later,
// every paragraph is matched to a paragraph of the newest revision (same
// text, else similar text, else as a part of a split or merge) and keeps
// its id; the rest get ids never issued before. Sentences keep their ids
// when their text is unchanged. On success a is renumbered in place with
// the permanent ids (via argument.Analysis.Renumber). A text that shares
// fewer than MinShared of its paragraphs with the newest revision is
// refused with an *UnrelatedError, unless opts.Rewrite is set.
//
// Ingest is all or nothing: it writes a copy of the database next to it and
// renames the copy over dbPath only when everything is written and synced,
// so after a failure, or a kill at any moment, dbPath is exactly as it was.
// When the file's digest and its analysis equal the newest revision's, it
// makes no revision and leaves dbPath untouched (Result.Changed is false).
// A dbPath that is not an argmap database is refused, untouched, with an
// error wrapping ErrNotArgmap.
//
// Concurrent ingests into one database take turns: each holds an exclusive
// lock (flock) on the file dbPath.lock from start to end, waiting for it as
// long as ctx allows, so every ingest that succeeds is in the history.
// Holding the lock, an ingest removes the temporary files that killed
// ingests left beside the database (Result.Swept).
func IngestWith(ctx context.Context, dbPath string, a *argument.Analysis, src Source, opts IngestOptions) (*Result, error) {
	res, err := ingest(ctx, dbPath, a, src, opts)
	if err != nil {
		return nil, fmt.Errorf("ingest %s into %s: %w", src.Name, dbPath, err)
	}
	return res, nil
}
