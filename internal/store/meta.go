package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/argmap/argmap/internal/essay"
)

// writeMeta records the metadata of revision rev; nothing when m is zero.
func writeMeta(ctx context.Context, tx *sql.Tx, rev int, m essay.Meta) error {
	if m.IsZero() {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO essay_meta (revision, title, author, date, publisher, url)
		VALUES (?, ?, ?, ?, ?, ?)`, rev, m.Title, m.Author, m.Date, m.Publisher, m.URL); err != nil {
		return fmt.Errorf("insert metadata: %w", err)
	}
	return nil
}

// loadMeta reads the metadata of revision rev; zero when it has none.
func loadMeta(ctx context.Context, q queryer, rev int) (essay.Meta, error) {
	var m essay.Meta
	err := q.QueryRowContext(ctx, `SELECT title, author, date, publisher, url
		FROM essay_meta WHERE revision = ?`, rev).Scan(&m.Title, &m.Author, &m.Date, &m.Publisher, &m.URL)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return essay.Meta{}, nil
	case err != nil:
		return essay.Meta{}, fmt.Errorf("load metadata of revision %d: %w", rev, err)
	}
	return m, nil
}

// sameMeta reports whether revision rev was recorded with metadata m, so
// that an ingest of the same file with other metadata makes a revision.
func sameMeta(ctx context.Context, q queryer, rev int, m essay.Meta) (bool, error) {
	old, err := loadMeta(ctx, q, rev)
	if err != nil {
		return false, err
	}
	return old == m, nil
}

// carryMeta returns the metadata a new revision is recorded with: the
// newest revision's (cur; nil in a new database), with every field that m
// sets replaced. So metadata given once, by flags or front matter, stays
// with later revisions of the essay until it is given again.
func carryMeta(ctx context.Context, q queryer, cur *Revision, m essay.Meta) (essay.Meta, error) {
	if cur == nil {
		return m, nil
	}
	old, err := loadMeta(ctx, q, cur.Number)
	if err != nil {
		return essay.Meta{}, err
	}
	return old.Merge(m), nil
}

// setMetaChanged fills in the MetaChanged of revs (every revision, oldest
// first): the fields each was recorded with that differ from the revision
// before (for the first, from none).
func setMetaChanged(ctx context.Context, q queryer, revs []Revision) error {
	rows, err := q.QueryContext(ctx, `SELECT revision, title, author, date, publisher, url FROM essay_meta`)
	if err != nil {
		return fmt.Errorf("load metadata: %w", err)
	}
	defer rows.Close()
	metas := make(map[int]essay.Meta)
	for rows.Next() {
		var rev int
		var m essay.Meta
		if err := rows.Scan(&rev, &m.Title, &m.Author, &m.Date, &m.Publisher, &m.URL); err != nil {
			return fmt.Errorf("load metadata: %w", err)
		}
		metas[rev] = m
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load metadata: %w", err)
	}
	var before essay.Meta
	for i := range revs {
		m := metas[revs[i].Number]
		revs[i].MetaChanged = metaDiff(before, m)
		before = m
	}
	return nil
}

// metaDiff names the fields of b that differ from a's, in Meta's order.
func metaDiff(a, b essay.Meta) []string {
	var out []string
	for _, f := range []struct {
		name string
		a, b string
	}{
		{"title", a.Title, b.Title}, {"author", a.Author, b.Author}, {"date", a.Date, b.Date},
		{"publisher", a.Publisher, b.Publisher}, {"url", a.URL, b.URL},
	} {
		if f.a != f.b {
			out = append(out, f.name)
		}
	}
	return out
}
