package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/argmap/argmap/internal/argument"
)

// FormerClaim is a sentence that an earlier revision read as a claim or a
// thesis statement and the current revision does not: the sentence was
// edited (its id then names no current sentence), its paragraph was
// removed, or the extractor reads it otherwise now. Its claim page's URL
// was issued, so it answers 410 Gone with what it last said.
type FormerClaim struct {
	// SID and PID are the sentence's id and its paragraph's.
	SID string `json:"sid"`
	PID string `json:"pid"`
	// Revision is the last revision that read it as a claim.
	Revision int `json:"revision"`
	// Role is what that revision read it as: claim or major_claim.
	Role argument.Role `json:"role"`
	// Text is the sentence as it stood then.
	Text string `json:"text"`
}

// formerClaimsSQL selects, for each sentence that a revision up to the
// second parameter read as a claim or thesis statement and that revision
// does not, its last such reading. The first parameter narrows it to one
// paragraph (NULL for all).
const formerClaimsSQL = `SELECT s.sid, s.pid, s.revision, s.role, s.text
	FROM sentences AS s
	WHERE (?1 IS NULL OR s.pid = ?1) AND s.role IN ('claim', 'major_claim') AND s.revision < ?2
	AND s.revision = (SELECT max(t.revision) FROM sentences AS t
		WHERE t.pid = s.pid AND t.sid = s.sid AND t.role IN ('claim', 'major_claim') AND t.revision <= ?2)`

// loadFormerClaims returns the former claims of revision cur (of paragraph
// pid only, unless pid is empty) in order of paragraph id, then of
// sentence number.
func loadFormerClaims(ctx context.Context, q queryer, pid string, cur int) ([]FormerClaim, error) {
	var p any
	if pid != "" {
		p = pid
	}
	rows, err := q.QueryContext(ctx, formerClaimsSQL, p, cur)
	if err != nil {
		return nil, fmt.Errorf("load former claims: %w", err)
	}
	defer rows.Close()
	var out []FormerClaim
	for rows.Next() {
		var c FormerClaim
		if err := rows.Scan(&c.SID, &c.PID, &c.Revision, &c.Role, &c.Text); err != nil {
			return nil, fmt.Errorf("load former claims: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load former claims: %w", err)
	}
	sortFormerClaims(out)
	return out, nil
}

// sortFormerClaims orders cs by paragraph id (as lessPID), then by sentence
// number.
func sortFormerClaims(cs []FormerClaim) {
	num := func(c FormerClaim) int {
		_, n, _ := argument.SplitSentenceID(c.SID)
		return n
	}
	slices.SortFunc(cs, func(a, b FormerClaim) int {
		switch {
		case a.PID == b.PID:
			return cmp.Compare(num(a), num(b))
		case lessPID(a.PID, b.PID):
			return -1
		}
		return 1
	})
}

// FormerClaim returns former claim sid of the reader's revision, or an
// error wrapping ErrNotFound when sid was never a claim or is one now.
func (r *Reader) FormerClaim(sid string) (FormerClaim, error) {
	pid, _, ok := argument.SplitSentenceID(sid)
	if !ok {
		return FormerClaim{}, fmt.Errorf("former claim %s: %w", sid, ErrNotFound)
	}
	cs, err := loadFormerClaims(r.ctx, r.tx, pid, r.rev)
	if err != nil {
		return FormerClaim{}, err
	}
	for _, c := range cs {
		if c.SID == sid {
			return c, nil
		}
	}
	return FormerClaim{}, fmt.Errorf("former claim %s: %w", sid, ErrNotFound)
}

// FormerClaims returns every former claim of the reader's revision, as
// Snapshot.FormerClaims holds them.
func (r *Reader) FormerClaims() ([]FormerClaim, error) {
	return loadFormerClaims(r.ctx, r.tx, "", r.rev)
}
