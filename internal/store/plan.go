package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// This file plans a revision: it reads the newest revision, matches the
// new paragraphs to it and gives every paragraph and sentence its id.

// state is what Ingest needs to know of a database before it writes.
type state struct {
	// cur is the newest revision, nil in a new database.
	cur *Revision
	// olds are the newest revision's paragraphs: id, kind and text, without
	// sentences (an ingest of a changed text needs no more of it).
	olds []argument.Paragraph
	// title is the newest revision's title.
	title string
	// maxSentence has every pid ever issued, with the highest sentence
	// number ever used in it.
	maxSentence map[string]int
	// counter is the highest numeric pid ever issued.
	counter int
}

func loadState(ctx context.Context, q queryer) (*state, error) {
	st := &state{maxSentence: make(map[string]int)}
	var err error
	switch st.cur, st.olds, st.title, err = loadCurrent(ctx, q); {
	case errors.Is(err, ErrNotFound): // a new database: st.cur stays nil
	case err != nil:
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT pid, max_sentence FROM paragraphs`)
	if err != nil {
		return nil, fmt.Errorf("load paragraph ids: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pid string
		var n int
		if err := rows.Scan(&pid, &n); err != nil {
			return nil, fmt.Errorf("load paragraph ids: %w", err)
		}
		st.maxSentence[pid] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load paragraph ids: %w", err)
	}
	if err := q.QueryRowContext(ctx, `SELECT last FROM pid_counter WHERE id = 1`).Scan(&st.counter); err != nil {
		return nil, fmt.Errorf("load paragraph id counter: %w", err)
	}
	return st, nil
}

// loadCurrent returns the newest revision, its paragraphs (see
// loadParagraphs) and its title; ErrNotFound in a new database, which has
// no revision yet.
func loadCurrent(ctx context.Context, q queryer) (*Revision, []argument.Paragraph, string, error) {
	var r Revision
	var created string
	err := q.QueryRowContext(ctx, `SELECT number, created, source, sha256
		FROM revisions ORDER BY number DESC LIMIT 1`).Scan(&r.Number, &created, &r.Source, &r.SHA256)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil, "", fmt.Errorf("load newest revision: %w", ErrNotFound)
	case err != nil:
		return nil, nil, "", fmt.Errorf("load newest revision: %w", err)
	}
	if r.Created, err = parseTime(created); err != nil {
		return nil, nil, "", fmt.Errorf("load revision %d: %w", r.Number, err)
	}
	olds, title, err := loadParagraphs(ctx, q, r.Number)
	if err != nil {
		return nil, nil, "", err
	}
	return &r, olds, title, nil
}

// blocksOf returns the paragraphs as the matcher sees them, their words
// left to be found when first asked for (lazyBlock).
func blocksOf(paras []argument.Paragraph) []block {
	bs := make([]block, len(paras))
	for i, p := range paras {
		bs[i] = lazyBlock(p.Kind, p.Text)
	}
	return bs
}

// loadParagraphs returns the paragraphs of revision rev, in order, with
// their id, kind and text only, and the revision's title.
func loadParagraphs(ctx context.Context, q queryer, rev int) ([]argument.Paragraph, string, error) {
	var title string
	if err := q.QueryRowContext(ctx, `SELECT title FROM revisions WHERE number = ?`, rev).Scan(&title); err != nil {
		return nil, "", fmt.Errorf("load revision %d: %w", rev, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT pid, kind, text FROM paragraph_versions
		WHERE revision = ? ORDER BY position`, rev)
	if err != nil {
		return nil, "", fmt.Errorf("load paragraphs of revision %d: %w", rev, err)
	}
	defer rows.Close()
	var out []argument.Paragraph
	for rows.Next() {
		var p argument.Paragraph
		if err := rows.Scan(&p.ID, &p.Kind, &p.Text); err != nil {
			return nil, "", fmt.Errorf("load paragraphs of revision %d: %w", rev, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("load paragraphs of revision %d: %w", rev, err)
	}
	return out, title, nil
}

// sentenceHistory returns the ids and texts of every sentence paragraph
// pid ever had, newest revision first, each id once.
func sentenceHistory(ctx context.Context, q queryer, pid string) ([][2]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT sid, text FROM sentences
		WHERE pid = ? ORDER BY revision DESC, position`, pid)
	if err != nil {
		return nil, fmt.Errorf("load sentences of paragraph %s: %w", pid, err)
	}
	defer rows.Close()
	seen := make(map[string]bool)
	var out [][2]string
	for rows.Next() {
		var sid, text string
		if err := rows.Scan(&sid, &text); err != nil {
			return nil, fmt.Errorf("load sentences of paragraph %s: %w", pid, err)
		}
		if !seen[sid] {
			seen[sid] = true
			out = append(out, [2]string{sid, text})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load sentences of paragraph %s: %w", pid, err)
	}
	return out, nil
}

// plan is how a new revision's ids are given and what it changes.
type plan struct {
	ids         []string          // permanent pid of each paragraph
	sids        map[string]string // provisional sentence id → permanent
	isNew       []bool            // whether the paragraph's pid is newly issued
	maxSentence []int             // the paragraph's highest sentence number after this revision
	merged      map[string]string // pid of an old paragraph → pid it was merged into
	changes     []Change
	counter     int
	shared      int // paragraphs matched to one of the newest revision
}

// makePlan gives the paragraphs and sentences of a their permanent ids.
// matched, when not nil, is the matching of a's paragraphs to the newest
// revision's, made already (Matched.reuse).
func makePlan(ctx context.Context, q queryer, st *state, a *argument.Analysis, matched *matching) (*plan, error) {
	n := len(a.Paragraphs)
	p := &plan{
		ids:         make([]string, n),
		sids:        make(map[string]string),
		isNew:       make([]bool, n),
		maxSentence: make([]int, n),
		merged:      make(map[string]string),
		counter:     st.counter,
	}
	if st.cur == nil {
		// First ingest: the provisional ids become permanent.
		for i, para := range a.Paragraphs {
			if !validPID.MatchString(para.ID) {
				return nil, fmt.Errorf("paragraph %d: id %q is not made of letters, digits, '_' and '-'", i+1, para.ID)
			}
			p.ids[i] = para.ID
			p.isNew[i] = true
			if k, ok := numericPID(para.ID); ok && k > p.counter {
				p.counter = k
			}
			// sids stays empty: every sentence keeps
			// SentenceID(para.ID, j+1), which Renumber gives by default
			p.maxSentence[i] = len(para.Sentences)
			p.changes = append(p.changes, Change{PID: para.ID, What: "added"})
		}
		return p, nil
	}

	olds := st.olds
	oldBlocks, newBlocks := blocksOf(olds), blocksOf(a.Paragraphs)
	var m matching
	if matched != nil {
		m = *matched
	} else {
		var err error
		if m, err = matchBlocks(ctx, oldBlocks, newBlocks); err != nil {
			return nil, err
		}
	}

	issued := make(map[string]bool, len(st.maxSentence))
	for pid := range st.maxSentence {
		issued[pid] = true
	}
	for i, j := range m.newToOld {
		if j >= 0 {
			p.ids[i] = olds[j].ID
			p.shared++
		}
	}
	for i, para := range a.Paragraphs {
		if p.ids[i] == "" {
			p.ids[i] = p.issue(para.Kind, issued)
			p.isNew[i] = true
		}
	}

	for i, para := range a.Paragraphs {
		pid := p.ids[i]
		next := 0
		byText := make(map[string][]string)
		if !p.isNew[i] {
			next = st.maxSentence[pid]
			hist, err := sentenceHistory(ctx, q, pid)
			if err != nil {
				return nil, err
			}
			for _, h := range hist {
				byText[h[1]] = append(byText[h[1]], h[0])
			}
		}
		for _, s := range para.Sentences {
			if old := byText[s.Text]; len(old) > 0 {
				p.sids[s.ID] = old[0]
				byText[s.Text] = old[1:]
				continue
			}
			next++
			p.sids[s.ID] = argument.SentenceID(pid, next)
		}
		p.maxSentence[i] = next
	}

	p.changes = describe(m, oldBlocks, newBlocks, olds, p.ids)
	for j, i := range m.mergedInto {
		p.merged[olds[j].ID] = p.ids[i]
	}
	return p, nil
}

// validPID is what a permanent paragraph id may be made of: it appears in
// URLs and, followed by a dot and a number, in sentence ids.
var validPID = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// issue returns a paragraph id never issued before: the kind's name for a
// title or standfirst when that name is free, else the next number.
func (p *plan) issue(kind essay.Kind, issued map[string]bool) string {
	var id string
	switch {
	case kind == essay.Title && !issued[argument.TitleID]:
		id = argument.TitleID
	case kind == essay.Standfirst && !issued[argument.StandfirstID]:
		id = argument.StandfirstID
	default:
		for {
			p.counter++
			id = strconv.Itoa(p.counter)
			if !issued[id] {
				break
			}
		}
	}
	issued[id] = true
	return id
}

// describe says what the matching m did to each paragraph: present ones in
// their new order, then those that are gone in their old order.
func describe(m matching, old, cur []block, olds []argument.Paragraph, ids []string) []Change {
	var changes []Change
	add := func(pid, what, note string) { changes = append(changes, Change{PID: pid, What: what, Note: note}) }
	moved := movedParagraphs(m.newToOld)
	where := func(i int) string {
		if i == 0 {
			return "moved to the start"
		}
		return "moved to after ¶" + ids[i-1]
	}
	var oldIDs []string // the ids of olds, once a merge is described
	for i := range cur {
		pid := ids[i]
		j := m.newToOld[i]
		if j < 0 {
			if from, ok := m.splitFrom[i]; ok {
				add(pid, "added", "split off from ¶"+olds[from].ID)
			} else {
				add(pid, "added", "")
			}
			continue
		}
		if parts, ok := m.splitOf(j); ok {
			add(pid, "split", "split: the rest is now "+pilcrows(parts, ids))
			continue
		}
		if parts := m.mergedFrom(i); len(parts) > 0 {
			if oldIDs == nil {
				oldIDs = make([]string, len(olds))
				for k, o := range olds {
					oldIDs[k] = o.ID
				}
			}
			add(pid, "edited", pilcrows(parts, oldIDs)+" merged into it")
			continue
		}
		var notes []string
		if cur[i].kind != old[j].kind {
			notes = append(notes, fmt.Sprintf("now a %s, was a %s", cur[i].kind, old[j].kind))
		}
		switch {
		case cur[i].text != old[j].text || cur[i].kind != old[j].kind:
			if moved[i] {
				notes = append(notes, where(i))
			}
			add(pid, "edited", strings.Join(notes, "; "))
		case moved[i]:
			add(pid, "moved", where(i))
		}
	}
	for j := range old {
		if m.oldToNew[j] >= 0 {
			continue
		}
		if into, ok := m.mergedInto[j]; ok {
			add(olds[j].ID, "merged", "merged into ¶"+ids[into])
		} else {
			add(olds[j].ID, "removed", "")
		}
	}
	return changes
}

// pilcrows names paragraphs: "¶4", "¶4 and ¶5", "¶4, ¶5 and ¶6".
func pilcrows(idx []int, ids []string) string {
	names := make([]string, len(idx))
	for k, i := range idx {
		names[k] = "¶" + ids[i]
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// movedParagraphs marks the kept paragraphs that changed places: those
// outside a longest run of kept paragraphs still in their old order.
func movedParagraphs(newToOld []int) []bool {
	// Most revisions move nothing: then the run is every kept paragraph,
	// found in one pass instead of the quadratic search below.
	last, inOrder := -1, true
	for _, j := range newToOld {
		if j >= 0 {
			if j <= last {
				inOrder = false
				break
			}
			last = j
		}
	}
	if inOrder {
		return make([]bool, len(newToOld))
	}
	var kept []int // new indices of kept paragraphs
	for i, j := range newToOld {
		if j >= 0 {
			kept = append(kept, i)
		}
	}
	// length[k] is the longest increasing run ending at kept[k]; prev links it.
	length := make([]int, len(kept))
	prev := make([]int, len(kept))
	best := -1
	for k := range kept {
		length[k], prev[k] = 1, -1
		for l := 0; l < k; l++ {
			if newToOld[kept[l]] < newToOld[kept[k]] && length[l]+1 > length[k] {
				length[k], prev[k] = length[l]+1, l
			}
		}
		if best < 0 || length[k] > length[best] {
			best = k
		}
	}
	moved := make([]bool, len(newToOld))
	for _, i := range kept {
		moved[i] = true
	}
	for k := best; k >= 0; k = prev[k] {
		moved[kept[k]] = false
	}
	return moved
}
