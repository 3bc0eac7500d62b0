package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/store"
)

// This file maps a URL path to the page that answers it, without a table
// of every page: a path is read (/p/{pid}, /claims/{cid}, /page/{n}, …)
// and looked up in the model, and the page is rendered then. paths lists
// every page for Export.

// pageSpec says how to render the answer at one path.
type pageSpec struct {
	status int
	// name is the template of an HTML page (which has a JSON twin); empty
	// for a file, whose body file returns.
	name string
	data func() any
	// file renders a file that is not a page; ctype is its Content-Type.
	file  func() ([]byte, error)
	ctype string
	// open marks a versioned page whose text is still current.
	open bool
}

// Page sizes of the paged lists: the essay by paragraphs, the claims and
// the figures. An essay that fits in one page has no page links, and
// its pages are what they were before paging.
const (
	essayPageSize   = 100
	claimsPageSize  = 200
	figuresPageSize = 200
)

// pageCount is the number of pages n items of size per page take (at
// least one).
func pageCount(n, size int) int {
	if n <= size {
		return 1
	}
	return (n + size - 1) / size
}

// pagedPath is the path of page n of the list at first ("/", "/claims"):
// page 1 is first itself, later pages are first+"/page/N" ("/page/N" for
// the essay).
func pagedPath(first string, n int) string {
	if n <= 1 {
		return first
	}
	if first == "/" {
		return "/page/" + strconv.Itoa(n)
	}
	return first + "/page/" + strconv.Itoa(n)
}

// pageNumber reads the N of a paged path rest "page/N", for a list of
// pages pages; it accepts only 2..pages, written without leading zeros.
func pageNumber(rest string, pages int) (int, bool) {
	num, ok := strings.CutPrefix(rest, "page/")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 2 || n > pages || strconv.Itoa(n) != num {
		return 0, false
	}
	return n, true
}

// route returns how to render the page or file at exactly p.
func (s *Site) route(p string) (pageSpec, bool) {
	m := s.model
	page := func(status int, name string, data func() any) (pageSpec, bool) {
		return pageSpec{status: status, name: name, data: data}, true
	}
	file := func(ctype string, f func() ([]byte, error)) (pageSpec, bool) {
		return pageSpec{status: http.StatusOK, ctype: ctype, file: f}, true
	}
	switch p {
	case "/":
		return page(http.StatusOK, "essay", func() any { return m.essayPage(1) })
	case "/essay.json":
		return file(contentJSON, func() ([]byte, error) {
			return marshalJSON(essayJSON{Analysis: m.a, Revision: m.snap.Current.Number, URL: m.abs("/")})
		})
	case "/claims":
		return page(http.StatusOK, "claims", func() any { return m.claimsPage(1) })
	case "/figures":
		return page(http.StatusOK, "figures", func() any { return m.figuresPage(1) })
	case "/map":
		return page(http.StatusOK, "map", func() any { return m.mapPage() })
	case "/revisions":
		return page(http.StatusOK, "revisions", func() any { return m.revisionsPage() })
	case "/api":
		return page(http.StatusOK, "api", func() any { return m.apiPage() })
	case "/search":
		return page(http.StatusOK, "search", func() any { return m.staticSearchPage() })
	case "/export/aif.json":
		return file(contentJSON, func() ([]byte, error) { return marshalJSON(m.aif()) })
	case "/export/argdown":
		return file("text/plain; charset=utf-8", func() ([]byte, error) { return m.argdown(), nil })
	case "/figures.csv":
		return file(contentCSV, m.figuresCSV)
	case "/sentences.csv":
		return file(contentCSV, m.sentencesCSV)
	}
	if rest, ok := strings.CutPrefix(p, "/"); ok {
		if n, ok := pageNumber(rest, m.essayPages()); ok {
			return page(http.StatusOK, "essay", func() any { return m.essayPage(n) })
		}
	}
	if rest, ok := strings.CutPrefix(p, "/claims/"); ok {
		if n, ok := pageNumber(rest, m.claimsPages()); ok {
			return page(http.StatusOK, "claims", func() any { return m.claimsPage(n) })
		}
		if ref, ok := m.sentIndex[rest]; ok && isClaim(m.a.Paragraphs[ref.para].Sentences[ref.sent].Role) {
			return page(http.StatusOK, "claim", func() any { return m.claimPage(rest) })
		}
		return pageSpec{}, false
	}
	if rest, ok := strings.CutPrefix(p, "/figures/"); ok {
		if n, ok := pageNumber(rest, m.figuresPages()); ok {
			return page(http.StatusOK, "figures", func() any { return m.figuresPage(n) })
		}
		return pageSpec{}, false
	}
	if rest, ok := strings.CutPrefix(p, "/p/"); ok {
		pid, ver, versioned := strings.Cut(rest, "/v/")
		if !versioned {
			if i, ok := m.paraIndex[pid]; ok {
				return page(http.StatusOK, "paragraph", func() any { return m.paragraphPage(i) })
			}
			if m.removed[pid] {
				for _, v := range m.snap.Removed {
					if v.PID == pid {
						return page(http.StatusGone, "removed", func() any { return m.removedPage(v) })
					}
				}
			}
			return pageSpec{}, false
		}
		rev, err := strconv.Atoi(ver)
		if err != nil || strconv.Itoa(rev) != ver {
			return pageSpec{}, false
		}
		_, current := m.paraIndex[pid]
		if !current && !m.removed[pid] {
			return pageSpec{}, false
		}
		vs := m.versionsOf(pid)
		for j, v := range vs {
			if v.Revision == rev {
				spec, _ := page(http.StatusOK, "version", func() any { return m.versionPage(pid, j) })
				// The current text's run is still open: the next
				// revision changes what this page says about it ("the
				// current text", "revisions K to N"), so it must not be
				// cached as immutable.
				spec.open = current && j == len(vs)-1
				return spec, true
			}
		}
	}
	return pageSpec{}, false
}

// twinOf returns the page whose JSON twin is at p: "/" for "/index.json",
// P for P+".json".
func twinOf(p string) (string, bool) {
	if p == "/index.json" {
		return "/", true
	}
	base, ok := strings.CutSuffix(p, ".json")
	if !ok || base == "" || base == "/" || strings.HasSuffix(base, "/") {
		return "", false
	}
	return base, true
}

// render renders the answer at p (a static file, a page, a page's JSON
// twin or a file), or returns an error wrapping store.ErrNotFound.
func (s *Site) render(p string) (resp *response, err error) {
	defer func() {
		if v := recover(); v != nil {
			re, ok := v.(readError)
			if !ok {
				panic(v)
			}
			resp, err = nil, fmt.Errorf("render %s: %w", p, re.err)
		}
	}()
	if resp, ok := s.static[p]; ok {
		return resp, nil
	}
	spec, ok := s.route(p)
	twin := false
	if !ok {
		base, isTwin := twinOf(p)
		if isTwin {
			spec, ok = s.route(base)
			ok = ok && spec.name != ""
			twin = true
		}
	}
	if !ok {
		return nil, fmt.Errorf("page %s: %w", p, store.ErrNotFound)
	}
	resp = &response{status: spec.status, open: spec.open}
	switch {
	case spec.name == "":
		resp.contentType = spec.ctype
		resp.body, err = spec.file()
	case twin:
		resp.contentType = contentJSON
		resp.body, err = marshalJSON(spec.data())
	default:
		resp.contentType, resp.page = contentHTML, true
		r := &renderer{tmpl: s.tmpl}
		resp.body, err = r.execute(spec.name, spec.data())
	}
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", p, err)
	}
	resp.etag = etag(resp.body)
	return resp, nil
}

// isPage reports whether the answer at p is an HTML page (not a twin, a
// file or a static file).
func (s *Site) isPage(p string) bool {
	if _, ok := s.static[p]; ok {
		return false
	}
	spec, ok := s.route(p)
	return ok && spec.name != ""
}

// paths returns every page and file path of the model, each page followed
// by its JSON twin; not the static files.
func (m *model) paths() []string {
	var out []string
	page := func(p string) { out = append(out, p, jsonPath(p)) }
	for n := 1; n <= m.essayPages(); n++ {
		page(pagedPath("/", n))
	}
	out = append(out, "/essay.json")
	for _, para := range m.a.Paragraphs {
		page(paragraphPath(para.ID))
	}
	for _, v := range m.snap.Removed {
		page(paragraphPath(v.PID))
	}
	for _, pid := range m.everPIDs() {
		for _, v := range m.versionsOf(pid) {
			page(versionPath(pid, v.Revision))
		}
	}
	for n := 1; n <= m.claimsPages(); n++ {
		page(pagedPath("/claims", n))
	}
	thesis, claims := m.claimIDs()
	for _, sid := range append(thesis, claims...) {
		page(claimPath(sid))
	}
	for n := 1; n <= m.figuresPages(); n++ {
		page(pagedPath("/figures", n))
	}
	for _, p := range []string{"/map", "/revisions", "/api", "/search"} {
		page(p)
	}
	out = append(out, "/export/aif.json", "/export/argdown", "/figures.csv", "/sentences.csv")
	return out
}

// versionAlias returns, for the versioned URL p of a revision inside a
// run of the same text (and its twin), the URL of the run, which the
// server redirects to (see versionAliases).
func (m *model) versionAlias(p string) (string, bool) {
	base, twin := p, false
	if b, ok := twinOf(p); ok {
		base, twin = b, true
	}
	rest, ok := strings.CutPrefix(base, "/p/")
	if !ok {
		return "", false
	}
	pid, ver, ok := strings.Cut(rest, "/v/")
	if !ok {
		return "", false
	}
	rev, err := strconv.Atoi(ver)
	if err != nil || strconv.Itoa(rev) != ver {
		return "", false
	}
	if _, cur := m.paraIndex[pid]; !cur && !m.removed[pid] {
		return "", false
	}
	for _, t := range m.texts(pid) {
		if t.Revision < rev && rev <= t.Until {
			if twin {
				return jsonPath(t.URL), true
			}
			return t.URL, true
		}
	}
	return "", false
}

// essayPages, claimsPages and figuresPages count the pages of the paged
// lists.
func (m *model) essayPages() int { return pageCount(len(m.a.Paragraphs), essayPageSize) }

func (m *model) claimsPages() int {
	_, claims := m.claimIDs()
	return pageCount(len(claims), claimsPageSize)
}

func (m *model) figuresPages() int { return pageCount(len(m.a.Figures), figuresPageSize) }

// figureURL is the link to figure i on its page of /figures.
func (m *model) figureURL(i int) string {
	return pagedPath("/figures", i/figuresPageSize+1) + "#" + figureID(i)
}

// newPager returns the page links of page n of pages of the list at first
// that holds total items, or nil when the list fits on one page.
func newPager(first string, n, pages, total, size int, what string) *pager {
	if pages <= 1 {
		return nil
	}
	from, to := (n-1)*size+1, min(n*size, total)
	pg := &pager{Page: n, Pages: pages, Items: fmt.Sprintf("%s %d–%d of %d", what, from, to, total),
		First: first, Last: pagedPath(first, pages)}
	if n > 1 {
		pg.Prev = pagedPath(first, n-1)
	}
	if n < pages {
		pg.Next = pagedPath(first, n+1)
	}
	return pg
}

// pager is the page links of a paged list.
type pager struct {
	// Page is this page's number, from 1; Pages is how many there are.
	Page  int `json:"page"`
	Pages int `json:"pages"`
	// Items says which items this page holds ("claims 201–400 of 4146").
	Items string `json:"items"`
	// First, Last, Prev and Next are paths; Prev and Next are empty on
	// the first and last page.
	First string `json:"first"`
	Last  string `json:"last"`
	Prev  string `json:"prev,omitempty"`
	Next  string `json:"next,omitempty"`
}

// countRoles counts the sentences of each role.
func (m *model) countRoles() map[argument.Role]int {
	counts := make(map[argument.Role]int)
	for _, p := range m.a.Paragraphs {
		for _, s := range p.Sentences {
			counts[s.Role]++
		}
	}
	return counts
}

// VersionReader reads the versions of one paragraph, as *store.DB does.
type VersionReader interface {
	Versions(ctx context.Context, pid string) ([]store.Version, error)
}

// readError carries a failed read of the store out of the page functions,
// which return no error, to render (a panic it recovers).
type readError struct{ err error }

// readVersions returns the versions of pid from the store; an id the
// store does not know has none.
func (m *model) readVersions(pid string) []store.Version {
	vs, err := m.versions.Versions(context.Background(), pid)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		panic(readError{err})
	}
	return vs
}
