// Package store keeps argument maps in SQLite: it owns every SQL statement,
// applies the embedded migrations, writes an ingest atomically and reads a
// database back read-only.
package store

import (
	"errors"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// ErrNotFound is returned when a requested row does not exist.
var ErrNotFound = errors.New("not found")

// ErrNotArgmap is returned when a file is not a database written by argmap.
var ErrNotArgmap = errors.New("not an argmap database")

// Revision is one published state of the essay: every ingest that changes
// the text makes a new one.
type Revision struct {
	// Number counts revisions from 1.
	Number int `json:"number"`
	// Created is when the revision was ingested (UTC).
	Created time.Time `json:"created"`
	// Source is the file name the revision was ingested from.
	Source string `json:"source"`
	// SHA256 is the hex digest of the ingested file.
	SHA256 string `json:"sha256"`
	// Changes says what the revision changed, one entry a paragraph.
	Changes []Change `json:"changes,omitempty"`
	// MetaChanged names the metadata fields (title, author, date,
	// publisher, url) whose value differs from the revision before's.
	MetaChanged []string `json:"meta_changed,omitempty"`
}

// Change is what a revision did to one paragraph.
type Change struct {
	// PID is the permanent paragraph id.
	PID string `json:"pid"`
	// What is one of "added", "edited", "removed", "moved", "split", "merged".
	What string `json:"what"`
	// Note explains the change in words (e.g. "split: the rest is now ¶17").
	Note string `json:"note,omitempty"`
}

// ParagraphVersion is the text of a paragraph as it stood in one revision.
type ParagraphVersion struct {
	PID      string     `json:"pid"`
	Revision int        `json:"revision"`
	Position int        `json:"position"`
	Kind     essay.Kind `json:"kind"`
	Text     string     `json:"text"`
}

// Version is one text of a paragraph, as a versioned URL shows it: the
// paragraph version that first had the text, with its sentences.
type Version struct {
	ParagraphVersion
	// Sentences are the paragraph's sentences with their ids in that
	// revision.
	Sentences []SentenceVersion `json:"sentences,omitempty"`
}

// SentenceVersion is a sentence of a paragraph version.
type SentenceVersion struct {
	// ID is the sentence id, "{pid}.{n}".
	ID string `json:"id"`
	// Text is the sentence as it stood.
	Text string `json:"text"`
}

// Snapshot is everything the server shows, read once at start: the current
// analysis with permanent ids and the history needed for citation.
type Snapshot struct {
	// Current is the newest revision.
	Current Revision `json:"current"`
	// Revisions lists every revision, oldest first.
	Revisions []Revision `json:"revisions"`
	// Meta is what the current revision was ingested with for citations
	// (front matter, ingest flags); zero when nothing was given.
	Meta essay.Meta `json:"meta,omitzero"`
	// Analysis is the current argument map with permanent paragraph and
	// sentence ids.
	Analysis argument.Analysis `json:"analysis"`
	// History holds, for every current paragraph whose text changed, its
	// earlier versions, oldest first (the current text is not included).
	History map[string][]ParagraphVersion `json:"history,omitempty"`
	// Removed holds the last version of every paragraph that a revision
	// removed, in order of pid.
	Removed []ParagraphVersion `json:"removed,omitempty"`
	// FormerClaims holds every sentence that an earlier revision read as a
	// claim or thesis statement and the current one does not, in order of
	// paragraph id, then of sentence number.
	FormerClaims []FormerClaim `json:"former_claims,omitempty"`
	// MergedInto maps the pid of every removed paragraph that a revision
	// merged into another paragraph to that paragraph's pid.
	MergedInto map[string]string `json:"merged_into,omitempty"`
	// Versions holds, for every paragraph id ever issued, each text it
	// had, oldest first: one entry for each run of consecutive revisions
	// with the same text, named by the run's first revision. The last
	// entry is the current text (or a removed paragraph's last text).
	// Each entry is a permanent versioned URL, /p/{pid}/v/{revision}.
	Versions map[string][]Version `json:"versions,omitempty"`
	// Neighbours maps the pid of every removed paragraph to the current
	// paragraphs nearest before and after the place it last stood in.
	Neighbours map[string]Neighbours `json:"neighbours,omitempty"`
}
