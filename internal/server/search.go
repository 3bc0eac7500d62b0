package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/store"
)

// Searcher finds the sentences of the current revision that match a
// query, as *store.DB does. A Site with a Searcher answers /search and
// /search.json as they are asked; without one (a static export) those
// paths hold a page that says search needs the server.
type Searcher interface {
	SearchQuery(ctx context.Context, q store.Query, limit int) ([]store.Hit, error)
}

// searchLimit is the number of results a search shows.
const searchLimit = 50

// searchTimeout bounds one search.
const searchTimeout = 3 * time.Second

// searchHelp says how queries are read.
const searchHelp = `Words are found anywhere in a sentence, whatever their case, accents or ending (worker finds workers; argue finds argued); every word must occur. ` +
	`Put words in "double quotes" to find them as a phrase, and end a word with * to find every word that starts with it (argu* finds argue, argued and argument).`

// fragment is a run of a result's text; Match marks the words that matched.
type fragment struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

// searchResult is one sentence found.
type searchResult struct {
	SID  string        `json:"sid"`
	PID  string        `json:"pid"`
	Role argument.Role `json:"role"`
	Text string        `json:"text"`
	// URL is the sentence on its paragraph page: /p/{pid}#{sid}.
	URL string `json:"url"`
	// ClaimURL is the claim page for claims and the thesis.
	ClaimURL string `json:"claim_url,omitempty"`
	// Fragments are Text cut into matching and other runs.
	Fragments []fragment `json:"fragments"`
	Label     string     `json:"-"`
}

// searchPage is /search.
type searchPage struct {
	L layout `json:"-"`
	// Query is what the reader typed; Searched is the query as it was
	// understood (words, "phrases", prefix*).
	Query    string `json:"query"`
	Searched string `json:"searched,omitempty"`
	// Hint explains an empty or shortened query, or an empty result.
	Hint    string         `json:"hint,omitempty"`
	Help    string         `json:"help"`
	Results []searchResult `json:"results"`
	// Static is true on the page an exported (static) site holds.
	Static bool `json:"static,omitempty"`
	// Asked is true when there was a query to run.
	Asked bool `json:"-"`
	// ReadingOrder is true when the results are in the essay's order
	// (order=reading) rather than best match first.
	ReadingOrder bool `json:"reading_order,omitempty"`
	// BestURL and ReadingURL are this search in each order.
	BestURL    string `json:"-"`
	ReadingURL string `json:"-"`
}

// staticSearchPage is the /search a static export holds.
func (m *model) staticSearchPage() searchPage {
	p := searchPage{
		L:       m.layout("Search · "+m.essayTitle(), "/search", "search"),
		Help:    searchHelp,
		Results: []searchResult{},
		Static:  true,
		Hint:    "Search needs the argmap server (argmap serve), which looks words up in the database; this copy of the site is static files, so it cannot search. Every sentence is on the essay page, and in /sentences.csv.",
	}
	p.L.Description = "Search the sentences of " + m.essayTitle() + "."
	return p
}

// searchPage runs a search and builds its page.
func (m *model) searchPage(ctx context.Context, s Searcher, raw, order string) (searchPage, error) {
	p := searchPage{
		L:       m.layout("Search · "+m.essayTitle(), "/search", "search"),
		Query:   raw,
		Help:    searchHelp,
		Results: []searchResult{},
	}
	p.L.Query = raw
	p.L.Description = "Search the sentences of " + m.essayTitle() + "."
	q := store.ParseQuery(raw)
	q.ReadingOrder = order == "reading"
	p.ReadingOrder = q.ReadingOrder
	p.BestURL = "/search?" + url.Values{"q": {raw}}.Encode()
	p.ReadingURL = "/search?" + url.Values{"q": {raw}, "order": {"reading"}}.Encode()
	if strings.TrimSpace(raw) == "" {
		return p, nil
	}
	p.L.Title = excerpt(raw, 60) + " · Search · " + m.essayTitle()
	p.L.JSON = "/search.json?" + url.Values{"q": {raw}}.Encode()
	if p.ReadingOrder {
		p.L.JSON = "/search.json?" + url.Values{"q": {raw}, "order": {"reading"}}.Encode()
	}
	p.L.Canonical = ""
	// Result pages are not for search engines to keep.
	p.L.Meta = []meta{{Name: "robots", Content: "noindex"}}
	if q.Empty() {
		p.Hint = "There is no word to look for in that query: type letters or digits."
		return p, nil
	}
	p.Asked = true
	p.Searched = q.String()
	ctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	hits, err := s.SearchQuery(ctx, q, searchLimit)
	switch {
	case errors.Is(err, store.ErrEmptyQuery), errors.Is(err, store.ErrBadQuery):
		p.Hint = "That query could not be read; try plain words."
		p.Asked = false
		return p, nil
	case err != nil:
		return p, err
	}
	for _, h := range hits {
		p.Results = append(p.Results, m.searchResult(h))
	}
	switch {
	case q.Truncated:
		p.Hint = fmt.Sprintf("The query was shortened to its first %d words or %d bytes.", store.MaxQueryTerms, store.MaxQueryBytes)
	case len(hits) == 0:
		p.Hint = "No sentence has all of these words. Try fewer words, or end one with * to find longer forms."
	}
	return p, nil
}

func (m *model) searchResult(h store.Hit) searchResult {
	r := searchResult{SID: h.SID, PID: h.PID, Role: h.Role, Text: h.Text, URL: sentencePath(h.PID, h.SID), Label: roleLabel(h.Role)}
	if isClaim(h.Role) {
		r.ClaimURL = claimPath(h.SID)
	}
	pos := 0
	for _, s := range h.Matches {
		if s.Start < pos || s.End > len(h.Text) || s.Start >= s.End {
			continue
		}
		if s.Start > pos {
			r.Fragments = append(r.Fragments, fragment{Text: h.Text[pos:s.Start]})
		}
		r.Fragments = append(r.Fragments, fragment{Text: h.Text[s.Start:s.End], Match: true})
		pos = s.End
	}
	if pos < len(h.Text) || len(r.Fragments) == 0 {
		r.Fragments = append(r.Fragments, fragment{Text: h.Text[pos:]})
	}
	return r
}

// DefaultMaxSearches is the default Options.MaxSearches: searches run in
// SQLite on the snapshot's few connections (store.Open: four, shared with
// the pages being rendered), so more at once only wait longer.
const DefaultMaxSearches = 8

// serveSearch answers /search and /search.json from the Searcher. At most
// Options.MaxSearches run at once: one more is answered 503 with
// Retry-After at once, as is a search that runs out of time (searchTimeout)
// waiting for the database, so that a crowd of searches is told to come
// back instead of piling up.
func (s *Site) serveSearch(w http.ResponseWriter, r *http.Request) error {
	asJSON := strings.HasSuffix(r.URL.Path, ".json")
	select {
	case s.searches <- struct{}{}:
		defer func() { <-s.searches }()
	default:
		return fmt.Errorf("search: %d searches running: %w", cap(s.searches), errBusy)
	}
	page, err := s.model.searchPage(r.Context(), s.search, r.URL.Query().Get("q"), r.URL.Query().Get("order"))
	if errors.Is(err, context.DeadlineExceeded) && r.Context().Err() == nil {
		return fmt.Errorf("search: %w: %w", err, errBusy)
	}
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	var body []byte
	ctype := contentHTML
	if asJSON {
		body, err = marshalJSON(page)
		ctype = contentJSON
	} else {
		rr := &renderer{tmpl: s.tmpl}
		body, err = rr.execute("search", page)
	}
	if err != nil {
		return fmt.Errorf("render search: %w", err)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body) //nolint:errcheck // the client went away; nothing to do
	}
	return nil
}
