package store

import (
	"context"
	"fmt"
)

// Neighbours are the current paragraphs nearest to a removed paragraph as
// it last stood: the closest paragraph before it and the closest after it
// that are still in the essay. Either is empty when there is none.
type Neighbours struct {
	// Before is the pid of the nearest earlier paragraph still present.
	Before string `json:"before,omitempty"`
	// After is the pid of the nearest later paragraph still present.
	After string `json:"after,omitempty"`
}

// loadVersions returns, for every paragraph id ever issued, each text it
// had, oldest first: one version for each run of consecutive revisions
// with the same text, named by the run's first revision. The last version
// is the current text, or a removed paragraph's last text. Those versions
// are what the versioned URLs /p/{pid}/v/{revision} show; since revisions
// are only ever added, a run's first revision and text never change.
//
// It also returns, for every paragraph not in revision cur, its
// Neighbours: walking outward from its place in the last revision it
// stood in, the first paragraphs on each side that are in revision cur.
func loadVersions(ctx context.Context, q queryer, cur int) (map[string][]Version, map[string]Neighbours, error) {
	rows, err := q.QueryContext(ctx, `SELECT pid, revision, position, kind, text
		FROM paragraph_versions ORDER BY pid, revision`)
	if err != nil {
		return nil, nil, fmt.Errorf("load versions: %w", err)
	}
	defer rows.Close()
	versions := make(map[string][]Version)
	last := make(map[string]ParagraphVersion) // each pid's newest version
	order := make(map[int]map[int]string)     // revision → position → pid
	for rows.Next() {
		var v ParagraphVersion
		if err := rows.Scan(&v.PID, &v.Revision, &v.Position, &v.Kind, &v.Text); err != nil {
			return nil, nil, fmt.Errorf("load versions: %w", err)
		}
		if order[v.Revision] == nil {
			order[v.Revision] = make(map[int]string)
		}
		order[v.Revision][v.Position] = v.PID
		last[v.PID] = v
		vs := versions[v.PID]
		if len(vs) > 0 && vs[len(vs)-1].Text == v.Text {
			continue
		}
		versions[v.PID] = append(vs, Version{ParagraphVersion: v})
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("load versions: %w", err)
	}
	if err := loadVersionSentences(ctx, q, versions); err != nil {
		return nil, nil, err
	}
	places := make(map[string]place, len(last))
	for pid, v := range last {
		places[pid] = place{v.Revision, v.Position}
	}
	neighbours := neighboursOf(order, places, cur)
	if len(versions) == 0 {
		versions = nil
	}
	return versions, neighbours, nil
}

// loadVersionSentences fills in the sentences of each version in versions
// from the revision that names it.
func loadVersionSentences(ctx context.Context, q queryer, versions map[string][]Version) error {
	type key struct {
		pid string
		rev int
	}
	want := make(map[key]*Version)
	for pid, vs := range versions {
		for k := range vs {
			want[key{pid, vs[k].Revision}] = &vs[k]
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT pid, revision, sid, text FROM sentences ORDER BY pid, revision, position`)
	if err != nil {
		return fmt.Errorf("load sentences of versions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k key
		var s SentenceVersion
		if err := rows.Scan(&k.pid, &k.rev, &s.ID, &s.Text); err != nil {
			return fmt.Errorf("load sentences of versions: %w", err)
		}
		if v, ok := want[k]; ok {
			v.Sentences = append(v.Sentences, s)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load sentences of versions: %w", err)
	}
	return nil
}

// place is where a paragraph stood: a revision and a position in it.
type place struct{ rev, pos int }

// neighboursOf returns, for every paragraph whose last place (in last) is
// before revision cur, its Neighbours: walking outward from that place in
// order (revision → position → pid), the first paragraphs on each side that
// are in revision cur. It returns nil when there are none.
func neighboursOf(order map[int]map[int]string, last map[string]place, cur int) map[string]Neighbours {
	isCurrent := make(map[string]bool, len(order[cur]))
	for _, pid := range order[cur] {
		isCurrent[pid] = true
	}
	neighbours := make(map[string]Neighbours)
	for pid, p := range last {
		if p.rev >= cur {
			continue
		}
		at := order[p.rev]
		var n Neighbours
		for k := p.pos - 1; k >= 0; k-- {
			if other, ok := at[k]; ok && isCurrent[other] {
				n.Before = other
				break
			}
		}
		for k := p.pos + 1; k < len(at); k++ {
			if other, ok := at[k]; ok && isCurrent[other] {
				n.After = other
				break
			}
		}
		neighbours[pid] = n
	}
	if len(neighbours) == 0 {
		return nil
	}
	return neighbours
}
