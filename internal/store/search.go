package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/argmap/argmap/internal/argument"
)

// Search limits. Longer input is cut, not refused: a reader who pastes a
// paragraph still gets an answer.
const (
	// MaxQueryBytes is the length of a query that is read; the rest is
	// ignored.
	MaxQueryBytes = 256
	// MaxQueryTerms is the number of words and phrases a query keeps.
	MaxQueryTerms = 12
	// MaxSearchResults is the most hits Search returns.
	MaxSearchResults = 100
)

// ErrEmptyQuery is returned by Search when the query has no word to look
// for (it is empty, or only punctuation and operators).
var ErrEmptyQuery = errors.New("no word to search for")

// ErrBadQuery is returned by Search when SQLite could not read the query.
// ParseQuery quotes every word, so this should not happen; the server
// answers it like ErrEmptyQuery, with a hint, never with an error page.
var ErrBadQuery = errors.New("query not understood")

// Term is one part of a query: a word, or a phrase of words that must
// follow each other. Prefix makes the last word match any word that starts
// with it.
type Term struct {
	Words  []string `json:"words"`
	Prefix bool     `json:"prefix,omitempty"`
}

// Query is a search query as ParseQuery reads it. Every term must occur in
// a sentence for it to match.
type Query struct {
	Terms []Term `json:"terms"`
	// Truncated is true when the input was longer than MaxQueryBytes or had
	// more than MaxQueryTerms terms, and the rest was ignored.
	Truncated bool `json:"truncated,omitempty"`
	// ReadingOrder lists the hits in the order they stand in the essay
	// instead of best match first.
	ReadingOrder bool `json:"reading_order,omitempty"`
}

// ParseQuery reads what a reader typed. Words are separated by spaces;
// "double quotes" make a phrase; a word or a closing quote followed by *
// is a prefix (argu* finds argue, argued and argument). Everything that
// is not a letter or a digit only separates words, so FTS5 operators
// (AND, OR, NOT, NEAR, column filters, parentheses, ^, +) are read as
// plain words or ignored: no input can make a syntax error. Invalid UTF-8
// is replaced.
func ParseQuery(s string) Query {
	var q Query
	s = strings.ToValidUTF8(s, " ")
	if len(s) > MaxQueryBytes {
		cut := MaxQueryBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
		q.Truncated = true
	}
	add := func(text string, prefix bool) {
		words := queryWords(text)
		if len(words) == 0 {
			return
		}
		if len(q.Terms) == MaxQueryTerms {
			q.Truncated = true
			return
		}
		q.Terms = append(q.Terms, Term{Words: words, Prefix: prefix})
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '"':
			end := strings.IndexByte(s[i+1:], '"')
			var phrase string
			if end < 0 {
				phrase, i = s[i+1:], len(s)
			} else {
				phrase, i = s[i+1:i+1+end], i+1+end+1
			}
			prefix := i < len(s) && s[i] == '*'
			for i < len(s) && s[i] == '*' {
				i++
			}
			add(phrase, prefix)
		default:
			j := i
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) || r == '"' {
					break
				}
				j += size
			}
			word := s[i:j]
			i = j
			trimmed := strings.TrimRight(word, "*")
			add(trimmed, len(trimmed) < len(word))
		}
	}
	return q
}

// isTokenRune reports whether r is part of a word, as SQLite's unicode61
// tokenizer decides by default (Unicode categories L*, N* and Co).
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// queryWords splits text into words as the unicode61 tokenizer does.
func queryWords(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !isTokenRune(r) })
}

// Empty reports whether the query has nothing to look for.
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// String is the query as it is searched: phrases in quotes, prefixes with
// a star.
func (q Query) String() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		p := strings.Join(t.Words, " ")
		if len(t.Words) > 1 {
			p = `"` + p + `"`
		}
		if t.Prefix {
			p += "*"
		}
		parts[i] = p
	}
	return strings.Join(parts, " ")
}

// match is the FTS5 MATCH expression: every term as an FTS5 string (its
// words can hold no quote, but quotes are doubled all the same), joined by
// the implicit AND.
func (q Query) match() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		p := `"` + strings.ReplaceAll(strings.Join(t.Words, " "), `"`, `""`) + `"`
		if t.Prefix {
			p += "*"
		}
		parts[i] = p
	}
	return strings.Join(parts, " ")
}

// Span is a byte range [Start, End) of a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Hit is a sentence of the current revision that matches a query.
type Hit struct {
	SID  string        `json:"sid"`
	PID  string        `json:"pid"`
	Role argument.Role `json:"role"`
	Text string        `json:"text"`
	// Matches are the byte ranges of Text that matched, in order and not
	// overlapping.
	Matches []Span `json:"matches"`
	// Rank is SQLite's bm25 score: lower is a better match.
	Rank float64 `json:"rank"`
}

// Markers that highlight() puts around matches. They are control
// characters, which essays do not contain; a text that holds one anyway
// gets no highlight rather than a wrong one.
const (
	markOpen  = "\x01"
	markClose = "\x02"
)

// Search finds the sentences of the current revision that match q (read
// by ParseQuery), best first (bm25, then reading order) or, with
// q.ReadingOrder, in reading order, at most limit of
// them (1 to MaxSearchResults). It returns ErrEmptyQuery when q has no
// word to look for, and an error wrapping ErrBadQuery if SQLite cannot
// read the query.
func (d *DB) Search(ctx context.Context, q string, limit int) ([]Hit, error) {
	return d.SearchQuery(ctx, ParseQuery(q), limit)
}

// SearchQuery is Search with a query already parsed.
func (d *DB) SearchQuery(ctx context.Context, q Query, limit int) ([]Hit, error) {
	if q.Empty() {
		return nil, ErrEmptyQuery
	}
	limit = max(1, min(limit, MaxSearchResults))
	order := `bm25(sentence_search), para_position, position`
	if q.ReadingOrder {
		order = `para_position, position`
	}
	rows, err := d.db.QueryContext(ctx, `SELECT sid, pid, role, text,
			highlight(sentence_search, 0, ?, ?), bm25(sentence_search)
		FROM sentence_search
		WHERE sentence_search MATCH ?
		ORDER BY `+order+`
		LIMIT ?`, markOpen, markClose, q.match(), limit)
	if err != nil {
		return nil, searchError(q, err)
	}
	defer rows.Close()
	hits := []Hit{}
	for rows.Next() {
		var h Hit
		var marked string
		if err := rows.Scan(&h.SID, &h.PID, &h.Role, &h.Text, &marked, &h.Rank); err != nil {
			return nil, searchError(q, err)
		}
		h.Matches = spans(marked, h.Text)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, searchError(q, err)
	}
	return hits, nil
}

func searchError(q Query, err error) error {
	if strings.Contains(err.Error(), "fts5") {
		return fmt.Errorf("search %q: %w: %v", q.String(), ErrBadQuery, err)
	}
	return fmt.Errorf("search %q: %w", q.String(), err)
}

// spans reads the ranges highlight() marked in marked, as offsets into
// text. It returns no spans when the marks do not fit text.
func spans(marked, text string) []Span {
	out := []Span{}
	var plain strings.Builder
	open := -1
	for i := 0; i < len(marked); i++ {
		switch marked[i] {
		case markOpen[0]:
			if open >= 0 {
				return []Span{}
			}
			open = plain.Len()
		case markClose[0]:
			if open < 0 {
				return []Span{}
			}
			if plain.Len() > open {
				out = append(out, Span{open, plain.Len()})
			}
			open = -1
		default:
			plain.WriteByte(marked[i])
		}
	}
	if open >= 0 || plain.String() != text {
		return []Span{}
	}
	return out
}

// reindexSearch makes sentence_search hold exactly the sentences of
// revision rev. Ingest calls it in the transaction that writes rev.
func reindexSearch(ctx context.Context, tx *sql.Tx, rev int) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sentence_search`); err != nil {
		return fmt.Errorf("empty search index: %w", ftsHint(err))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sentence_search (text, sid, pid, role, para_position, position)
		SELECT s.text, s.sid, s.pid, s.role, v.position, s.position
		FROM sentences s
		JOIN paragraph_versions v ON v.pid = s.pid AND v.revision = s.revision
		WHERE s.revision = ?`, rev); err != nil {
		return fmt.Errorf("fill search index: %w", ftsHint(err))
	}
	return nil
}

// ftsHint explains the error of a binary built without FTS5.
func ftsHint(err error) error {
	if err != nil && strings.Contains(err.Error(), "no such module: fts5") {
		return fmt.Errorf("%w (this argmap was built without SQLite full-text search: build with -tags sqlite_fts5)", err)
	}
	return err
}
