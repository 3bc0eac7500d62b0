package server

import (
	"context"
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

// route returns how to render the page or file at exactly p from m.
func route(m *model, p string) (pageSpec, bool) {
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
			return marshalJSON(m.essayJSON(m.w().a))
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
		return file("text/plain; charset=utf-8", bodyOf(m.writeArgdown))
	case "/figures.csv":
		return file(contentCSV, bodyOf(m.writeFiguresCSV))
	case "/sentences.csv":
		return file(contentCSV, bodyOf(m.writeSentencesCSV))
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
		if s, ok := m.src.sentence(rest); ok && isClaim(s.Role) {
			return page(http.StatusOK, "claim", func() any { return m.claimPage(rest) })
		}
		if c, ok := m.src.formerClaim(rest); ok {
			return page(http.StatusGone, "formerclaim", func() any { return m.formerClaimPage(c) })
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
			if i, ok := m.src.paragraphIndex(pid); ok {
				return page(http.StatusOK, "paragraph", func() any { return m.paragraphPage(i) })
			}
			if v, _, ok := m.src.removed(pid); ok {
				return page(http.StatusGone, "removed", func() any { return m.removedPage(v) })
			}
			return pageSpec{}, false
		}
		rev, err := strconv.Atoi(ver)
		if err != nil || strconv.Itoa(rev) != ver {
			return pageSpec{}, false
		}
		current := m.isCurrent(pid)
		if !current && !m.isRemoved(pid) {
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
func (s *Site) render(ctx context.Context, p string) (resp *response, err error) {
	if resp, ok := s.static[p]; ok {
		return resp, nil
	}
	m, done, err := s.open(ctx)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", p, err)
	}
	defer done()
	return s.renderOn(m, p)
}

// renderOn renders the answer at p from m.
func (s *Site) renderOn(m *model, p string) (resp *response, err error) {
	defer func() {
		if v := recover(); v != nil {
			re, ok := v.(readError)
			if !ok {
				panic(v)
			}
			resp, err = nil, fmt.Errorf("render %s: %w", p, re.err)
		}
	}()
	spec, ok := route(m, p)
	twin := false
	if !ok {
		base, isTwin := twinOf(p)
		if isTwin {
			spec, ok = route(m, base)
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
	m, done, err := s.open(context.Background())
	if err != nil {
		return false
	}
	defer done()
	return isPageOn(m, p)
}

// isPageOn is isPage on m; a failed read is not a page.
func isPageOn(m *model, p string) (page bool) {
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(readError); !ok {
				panic(v)
			}
			page = false
		}
	}()
	spec, ok := route(m, p)
	return ok && spec.name != ""
}

// eachPath calls f with every path the model answers with a page or file
// (not the static files or the error pages), reading the lists it walks a
// page at a time (paragraphs, claims), so that neither the paths nor the
// essay are held whole.
func (m *model) eachPath(f func(p string) error) error {
	page := func(p string) error {
		if err := f(p); err != nil {
			return err
		}
		return f(jsonPath(p))
	}
	for n := 1; n <= m.essayPages(); n++ {
		if err := page(pagedPath("/", n)); err != nil {
			return err
		}
	}
	if err := f("/essay.json"); err != nil {
		return err
	}
	// Every paragraph's page, then the pages of its versions; the current
	// paragraphs in reading order, then the removed ones.
	pids := func(each func(pid string) error) error {
		if err := m.src.eachParagraph(0, -1, func(_ int, p argument.Paragraph) error { return each(p.ID) }); err != nil {
			return err
		}
		for _, v := range m.src.removedAll() {
			if err := each(v.PID); err != nil {
				return err
			}
		}
		return nil
	}
	if err := pids(func(pid string) error { return page(paragraphPath(pid)) }); err != nil {
		return err
	}
	if err := pids(func(pid string) error {
		for _, v := range m.versionsOf(pid) {
			if err := page(versionPath(pid, v.Revision)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	for n := 1; n <= m.claimsPages(); n++ {
		if err := page(pagedPath("/claims", n)); err != nil {
			return err
		}
	}
	for _, role := range []argument.Role{argument.MajorClaim, argument.Claim} {
		for offset := 0; ; offset += claimsPageSize {
			ids := m.src.claims(role, offset, claimsPageSize)
			for _, sid := range ids {
				if err := page(claimPath(sid)); err != nil {
					return err
				}
			}
			if len(ids) < claimsPageSize {
				break
			}
		}
	}
	for _, c := range m.src.formerClaims() {
		if err := page(claimPath(c.SID)); err != nil {
			return err
		}
	}
	for n := 1; n <= m.figuresPages(); n++ {
		if err := page(pagedPath("/figures", n)); err != nil {
			return err
		}
	}
	for _, p := range []string{"/map", "/revisions", "/api", "/search"} {
		if err := page(p); err != nil {
			return err
		}
	}
	for _, p := range []string{"/export/aif.json", "/export/argdown", "/figures.csv", "/sentences.csv"} {
		if err := f(p); err != nil {
			return err
		}
	}
	return nil
}

// versionAlias is the model's versionAlias, read in a transaction of its
// own; a failed read is no alias.
func (s *Site) versionAlias(ctx context.Context, p string) (target string, ok bool) {
	m, done, err := s.open(ctx)
	if err != nil {
		return "", false
	}
	defer done()
	err = guard(func() error {
		target, ok = m.versionAlias(p)
		return nil
	})
	if err != nil {
		return "", false
	}
	return target, ok
}

// versionAlias returns, for the versioned URL p of a revision inside a
// run of the same text (and its twin), the URL of the run, which the
// server redirects to (Site.servePage): /p/4/v/3 → /p/4/v/1 when ¶4 has
// had the same text since revision 1.
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
	if !m.isCurrent(pid) && !m.isRemoved(pid) {
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
func (m *model) essayPages() int { return pageCount(m.src.paragraphCount(), essayPageSize) }

func (m *model) claimsPages() int {
	return pageCount(m.src.roleCounts()[argument.Claim], claimsPageSize)
}

func (m *model) figuresPages() int { return pageCount(m.src.figureCount(), figuresPageSize) }

// figureURL is the link to figure i, whose anchor is id, on its page of
// /figures.
func figureURL(i int, id string) string {
	return pagedPath("/figures", i/figuresPageSize+1) + "#" + id
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
