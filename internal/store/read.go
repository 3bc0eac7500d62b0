package store

import (
	"context"
	"fmt"
)

// This file holds the reads of a server that keeps a snapshot for long:
// ServingSnapshot leaves out the texts of every version of every
// paragraph (as much again as the essay, and most of the time to read it),
// which Versions reads for one paragraph when a page needs them.

// ServingSnapshot reads what Snapshot reads but Versions, which stays nil:
// a server reads the versions of a paragraph with Versions when it renders
// a page that shows them. Neighbours is filled in as Snapshot does.
func (d *DB) ServingSnapshot(ctx context.Context) (*Snapshot, error) {
	return d.snapshot(ctx, false)
}

// Versions returns each text paragraph pid had, oldest first, as
// Snapshot.Versions holds them: one version for each run of consecutive
// revisions with the same text, named by the run's first revision, with
// its sentences. It returns an error wrapping ErrNotFound for an id never
// issued.
func (d *DB) Versions(ctx context.Context, pid string) ([]Version, error) {
	return versionsOf(ctx, d.db, pid)
}

// versionsOf is Versions on q.
func versionsOf(ctx context.Context, q queryer, pid string) ([]Version, error) {
	rows, err := q.QueryContext(ctx, `SELECT pid, revision, position, kind, text
		FROM paragraph_versions WHERE pid = ? ORDER BY revision`, pid)
	if err != nil {
		return nil, fmt.Errorf("load versions of %s: %w", pid, err)
	}
	defer rows.Close()
	var vs []Version
	for rows.Next() {
		var v ParagraphVersion
		if err := rows.Scan(&v.PID, &v.Revision, &v.Position, &v.Kind, &v.Text); err != nil {
			return nil, fmt.Errorf("load versions of %s: %w", pid, err)
		}
		if len(vs) > 0 && vs[len(vs)-1].Text == v.Text {
			continue
		}
		vs = append(vs, Version{ParagraphVersion: v})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load versions of %s: %w", pid, err)
	}
	rows.Close()
	if len(vs) == 0 {
		return nil, fmt.Errorf("versions of %s: %w", pid, ErrNotFound)
	}
	for i := range vs {
		srows, err := q.QueryContext(ctx, `SELECT sid, text FROM sentences
			WHERE pid = ? AND revision = ? ORDER BY position`, pid, vs[i].Revision)
		if err != nil {
			return nil, fmt.Errorf("load sentences of %s in revision %d: %w", pid, vs[i].Revision, err)
		}
		for srows.Next() {
			var s SentenceVersion
			if err := srows.Scan(&s.ID, &s.Text); err != nil {
				srows.Close()
				return nil, fmt.Errorf("load sentences of %s in revision %d: %w", pid, vs[i].Revision, err)
			}
			vs[i].Sentences = append(vs[i].Sentences, s)
		}
		err = srows.Err()
		srows.Close()
		if err != nil {
			return nil, fmt.Errorf("load sentences of %s in revision %d: %w", pid, vs[i].Revision, err)
		}
	}
	return vs, nil
}

// loadNeighbours returns the Neighbours of every paragraph not in revision
// cur, as loadVersions does, from the places of the paragraphs only (not
// their texts).
func loadNeighbours(ctx context.Context, q queryer, cur int) (map[string]Neighbours, error) {
	rows, err := q.QueryContext(ctx, `SELECT pid, revision, position FROM paragraph_versions ORDER BY pid, revision`)
	if err != nil {
		return nil, fmt.Errorf("load neighbours: %w", err)
	}
	defer rows.Close()
	last := make(map[string]place)
	order := make(map[int]map[int]string) // revision → position → pid
	for rows.Next() {
		var pid string
		var p place
		if err := rows.Scan(&pid, &p.rev, &p.pos); err != nil {
			return nil, fmt.Errorf("load neighbours: %w", err)
		}
		if order[p.rev] == nil {
			order[p.rev] = make(map[int]string)
		}
		order[p.rev][p.pos] = pid
		last[pid] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load neighbours: %w", err)
	}
	return neighboursOf(order, last, cur), nil
}
