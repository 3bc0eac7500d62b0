package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/store"
)

func serve(t *testing.T, s *Site) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// gonePaths returns the pages (and twins) that answer 410: those of
// removed paragraphs and of former claims.
func gonePaths(snap *store.Snapshot) map[string]bool {
	out := map[string]bool{}
	for _, v := range snap.Removed {
		out[paragraphPath(v.PID)] = true
		out[jsonPath(paragraphPath(v.PID))] = true
	}
	for _, c := range snap.FormerClaims {
		out[claimPath(c.SID)] = true
		out[jsonPath(claimPath(c.SID))] = true
	}
	return out
}

func fixtures(t *testing.T) map[string]*store.Snapshot {
	return map[string]*store.Snapshot{
		"seed":      seedSnapshot(t),
		"rich":      richSnapshot(t),
		"injection": injectionSnapshot(t),
		"untitled":  untitledSnapshot(t),
		"labelled":  labelledSnapshot(t),
	}
}

// TestEveryPage asks the server for every path the site has, and checks
// status and content type.
func TestEveryPage(t *testing.T) {
	for name, snap := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			site := newSite(t, snap)
			ts := serve(t, site)
			gone := gonePaths(snap)
			paths := site.Paths()
			for _, must := range []string{"/", "/index.json", "/essay.json", "/claims", "/claims.json", "/figures", "/figures.json",
				"/map", "/map.json", "/revisions", "/revisions.json", "/static/argmap.css"} {
				if !slices.Contains(paths, must) {
					t.Errorf("Paths() has no %s", must)
				}
			}
			for _, p := range snap.Analysis.Paragraphs {
				if !slices.Contains(paths, "/p/"+p.ID) || !slices.Contains(paths, "/p/"+p.ID+".json") {
					t.Errorf("Paths() lacks /p/%s or its twin", p.ID)
				}
			}
			for _, p := range paths {
				got := fetch(t, http.DefaultClient, ts.URL, p)
				want := http.StatusOK
				if gone[p] {
					want = http.StatusGone
				}
				if got.status != want {
					t.Errorf("GET %s = %d, want %d", p, got.status, want)
				}
				wantType := "text/html; charset=utf-8"
				switch {
				case strings.HasSuffix(p, ".json"):
					wantType = "application/json; charset=utf-8"
				case strings.HasSuffix(p, ".css"):
					wantType = "text/css; charset=utf-8"
				case strings.HasSuffix(p, ".svg"):
					wantType = "image/svg+xml"
				case strings.HasSuffix(p, ".csv"):
					wantType = "text/csv; charset=utf-8"
				case p == "/export/argdown":
					wantType = "text/plain; charset=utf-8"
				case strings.HasSuffix(p, ".js"):
					wantType = "text/javascript; charset=utf-8"
				}
				if got.ctype != wantType {
					t.Errorf("GET %s: Content-Type = %q, want %q", p, got.ctype, wantType)
				}
			}
		})
	}
}

// TestCrawl follows every link from / and checks every target and
// fragment; every page of the site must be reachable.
func TestCrawl(t *testing.T) {
	for name, snap := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			site := newSite(t, snap)
			ts := serve(t, site)
			gone := gonePaths(snap)
			seen := crawl(t, ts.URL, testBase, func(p string) int {
				if gone[p] {
					return http.StatusGone
				}
				return http.StatusOK
			})
			for _, p := range site.Paths() {
				if _, ok := seen[p]; !ok {
					t.Errorf("no link leads to %s", p)
				}
			}
		})
	}
}

// TestJSONTwins checks that every HTML page has a JSON twin that parses,
// and that /essay.json has the shape of CONTRACT.md.
func TestJSONTwins(t *testing.T) {
	snap := richSnapshot(t)
	site := newSite(t, snap)
	ts := serve(t, site)
	for _, p := range site.Paths() {
		if !site.isPage(p) {
			continue
		}
		t.Run(p, func(t *testing.T) {
			got := fetch(t, http.DefaultClient, ts.URL, jsonPath(p))
			if got.status != http.StatusOK && got.status != http.StatusGone {
				t.Errorf("GET %s = %d", jsonPath(p), got.status)
			}
			var v map[string]any
			if err := json.Unmarshal([]byte(got.body), &v); err != nil {
				t.Fatalf("GET %s: %v", jsonPath(p), err)
			}
			if len(v) == 0 {
				t.Errorf("GET %s: empty object", jsonPath(p))
			}
		})
	}

	t.Run("essay.json", func(t *testing.T) {
		got := fetch(t, http.DefaultClient, ts.URL, "/essay.json")
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(got.body), &raw); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"title", "paragraphs", "relations", "figures", "revision", "url"} {
			if v, ok := raw[key]; !ok || string(v) == "null" {
				t.Errorf("/essay.json: %s = %s, want a value", key, v)
			}
		}
		var a argument.Analysis
		if err := json.Unmarshal([]byte(got.body), &a); err != nil {
			t.Fatal(err)
		}
		if len(a.Paragraphs) != len(snap.Analysis.Paragraphs) || len(a.Relations) != len(snap.Analysis.Relations) || len(a.Figures) != len(snap.Analysis.Figures) {
			t.Errorf("/essay.json has %d paragraphs, %d relations, %d figures; want %d, %d, %d",
				len(a.Paragraphs), len(a.Relations), len(a.Figures),
				len(snap.Analysis.Paragraphs), len(snap.Analysis.Relations), len(snap.Analysis.Figures))
		}
		if a.Figures[0].Value != snap.Analysis.Figures[0].Value {
			t.Errorf("/essay.json figure 1 value = %v, want %v", a.Figures[0].Value, snap.Analysis.Figures[0].Value)
		}
	})
}

// TestErrors covers unknown paths, methods other than GET and HEAD, and
// the trailing-slash redirect.
func TestErrors(t *testing.T) {
	snap := richSnapshot(t)
	ts := serve(t, newSite(t, snap))
	pid := snap.Analysis.Paragraphs[len(snap.Analysis.Paragraphs)-1].ID
	gone := snap.Removed[0].PID
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		method, path string
		status       int
		ctype        string
		location     string
	}{
		{"GET", "/nope", 404, "text/html", ""},
		{"GET", "/p/does-not-exist", 404, "text/html", ""},
		{"GET", "/p/does-not-exist.json", 404, "application/json", ""},
		{"GET", "/p/" + pid + "/v/999", 404, "text/html", ""},
		{"GET", "/claims/0.0", 404, "text/html", ""},
		{"GET", "/claims/0.0.json", 404, "application/json", ""},
		{"GET", "/nope.json", 404, "application/json", ""},
		{"GET", "/static/nope.css", 404, "text/html", ""},
		{"GET", "/p/../claims", 404, "text/html", ""},
		{"GET", "/index.html", 404, "text/html", ""},
		{"GET", "/p/" + pid + "/", 301, "", "/p/" + pid},
		{"GET", "/claims/", 301, "", "/claims"},
		{"POST", "/", 405, "text/html", ""},
		{"PUT", "/p/" + pid + ".json", 405, "application/json", ""},
		{"DELETE", "/nope", 405, "text/html", ""},
		{"OPTIONS", "/", 405, "text/html", ""},
		{"HEAD", "/", 200, "text/html", ""},
		{"HEAD", "/nope", 404, "text/html", ""},
		{"GET", "/p/" + gone, 410, "text/html", ""},
		{"GET", "/p/" + gone + ".json", 410, "application/json", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, ts.URL+tt.path, strings.NewReader("x=1"))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Errorf("%s %s = %d, want %d", tt.method, tt.path, resp.StatusCode, tt.status)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.ctype) {
				t.Errorf("%s %s: Content-Type = %q, want %q", tt.method, tt.path, ct, tt.ctype)
			}
			if loc := resp.Header.Get("Location"); loc != tt.location {
				t.Errorf("%s %s: Location = %q, want %q", tt.method, tt.path, loc, tt.location)
			}
			if tt.status == 405 && resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: Allow = %q, want %q", tt.method, tt.path, resp.Header.Get("Allow"), "GET, HEAD")
			}
			if tt.method == "HEAD" && len(body) != 0 {
				t.Errorf("HEAD %s: %d bytes of body, want none", tt.path, len(body))
			}
			if strings.HasPrefix(tt.ctype, "application/json") {
				var v struct{ Error string }
				if err := json.Unmarshal(body, &v); err != nil || v.Error == "" {
					t.Errorf("%s %s: body %q is not JSON with an error: %v", tt.method, tt.path, body, err)
				}
			}
			if strings.Contains(string(body), "goroutine") {
				t.Errorf("%s %s: body shows a stack trace", tt.method, tt.path)
			}
		})
	}
}

// TestConditional checks that a page's ETag answers 304.
func TestConditional(t *testing.T) {
	ts := serve(t, newSite(t, seedSnapshot(t)))
	resp, err := http.Get(ts.URL + "/claims")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	tag := resp.Header.Get("ETag")
	if tag == "" {
		t.Fatal("GET /claims: no ETag")
	}
	req, _ := http.NewRequest("GET", ts.URL+"/claims", nil)
	req.Header.Set("If-None-Match", tag)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("GET /claims with If-None-Match = %d, want 304", resp.StatusCode)
	}
	// RFC 9110: "*" matches any current representation, a list matches when
	// any of its tags does (weakly), and another tag does not match.
	for inm, want := range map[string]int{
		"*":                                 http.StatusNotModified,
		`"other", W/` + tag:                 http.StatusNotModified,
		`"other"`:                           http.StatusOK,
		strings.TrimSuffix(tag, `"`) + `x"`: http.StatusOK,
	} {
		req, _ := http.NewRequest("GET", ts.URL+"/claims", nil)
		req.Header.Set("If-None-Match", inm)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET /claims with If-None-Match %s = %d, want %d", inm, resp.StatusCode, want)
		}
	}
}

// TestHTMLInjection renders an essay full of markup and checks that every
// page shows it as text.
func TestHTMLInjection(t *testing.T) {
	snap := injectionSnapshot(t)
	site := newSite(t, snap)
	ts := serve(t, site)
	bad := []string{"<script", "<b>", "<img", "<p onmouseover", "</main></main>"}
	escaped := false
	for _, p := range site.Paths() {
		got := fetch(t, http.DefaultClient, ts.URL, p)
		if !got.isHTML() && !got.isJSON() {
			// Static files, CSV and Argdown hold the essay's words as they
			// are; they are sent with their own types and nosniff, never as
			// HTML.
			continue
		}
		// The one script element the site writes: its own static file.
		src, err := assetURL(copyScript) // fingerprinted: /static/copy.js?v=…
		if err != nil {
			t.Fatal(err)
		}
		body := strings.ReplaceAll(got.body, `<script src="`+src+`" defer></script>`, "")
		for _, b := range bad {
			if strings.Contains(body, b) {
				t.Errorf("GET %s: body contains %q", p, b)
			}
		}
		if got.isHTML() {
			if err := checkHTML(got.body); err != nil {
				t.Errorf("GET %s: %v", p, err)
			}
			escaped = escaped || strings.Contains(got.body, "&lt;b&gt;markup&lt;/b&gt;")
		}
	}
	if !escaped {
		t.Error("no page shows <b>markup</b> as text")
	}
}

// TestRemovedAndRevised checks 410 Gone for a removed paragraph and the
// links to an edited paragraph's earlier text.
func TestRemovedAndRevised(t *testing.T) {
	snap := richSnapshot(t)
	ts := serve(t, newSite(t, snap))
	gone := snap.Removed[0]
	got := fetch(t, http.DefaultClient, ts.URL, "/p/"+gone.PID)
	if got.status != http.StatusGone {
		t.Errorf("GET /p/%s = %d, want 410", gone.PID, got.status)
	}
	if !strings.Contains(bodyText(got.body), gone.Text) {
		t.Errorf("GET /p/%s: the page does not show the last text %q", gone.PID, gone.Text)
	}
	for pid, versions := range snap.History {
		got := fetch(t, http.DefaultClient, ts.URL, "/p/"+pid)
		if !strings.Contains(got.body, "was revised") {
			t.Errorf("GET /p/%s: the page does not say it was revised", pid)
		}
		for _, v := range versions {
			link := versionPath(pid, v.Revision)
			if !strings.Contains(got.body, `href="`+link+`"`) {
				t.Errorf("GET /p/%s: no link to %s", pid, link)
			}
			old := fetch(t, http.DefaultClient, ts.URL, link)
			if old.status != http.StatusOK || !strings.Contains(bodyText(old.body), v.Text) {
				t.Errorf("GET %s = %d, want 200 with %q", link, old.status, v.Text)
			}
		}
	}
}

// TestParagraphPage checks the citation parts of a paragraph page.
func TestParagraphPage(t *testing.T) {
	snap := richSnapshot(t)
	ts := serve(t, newSite(t, snap))
	var para argument.Paragraph
	for _, p := range snap.Analysis.Paragraphs {
		if len(p.Sentences) > 1 && p.Kind == "body" {
			para = p
			break
		}
	}
	got := fetch(t, http.DefaultClient, ts.URL, "/p/"+para.ID)
	url := testBase + "/p/" + para.ID
	wants := []string{
		`<link rel="canonical" href="` + url + `">`,
		`<meta name="citation_title" content="North Koreans`,
		`<meta name="citation_author" content="Kristiina Silvan">`,
		`<meta name="DC.identifier" content="` + url + `">`,
		`<meta name="DC.creator" content="Kristiina Silvan">`,
		// No publication year: the seed has no metadata, and the ingest
		// date is never one.
		fmt.Sprintf("@misc{silvanp%sv%d,", para.ID, snap.Versions[para.ID][len(snap.Versions[para.ID])-1].Revision),
		`urldate      = {2025-03-14}`,
		`accessed 14 March 2025).`,
		`/p/` + para.ID + `/v/`,
		url + `#:~:text=`,
	}
	for _, s := range para.Sentences {
		wants = append(wants, `id="`+s.ID+`"`)
	}
	for _, w := range wants {
		if !strings.Contains(got.body, w) {
			t.Errorf("GET /p/%s: no %q", para.ID, w)
		}
	}
}

// TestBylineUnderTitle: an essay laid out as "title, byline, standfirst,
// body", perhaps under a section label ("Opinion"), has its title and
// standfirst read as such, and / shows the label, the title, the byline and
// the standfirst in the header, in that order and before the body, each
// paragraph once.
func TestBylineUnderTitle(t *testing.T) {
	const essayText = "Cities Should Price Their Parking\n" +
		"By Jane Doe\n" +
		"Free parking is a subsidy for driving that everyone pays for. Cities should charge for it.\n" +
		"A parking space takes as much ground as a small flat. In most towns it is given away.\n" +
		"Studies of priced parking find that drivers circle less and shops lose no trade.\n" +
		"Some say shops need free spaces. But most customers in town arrive on foot or by bus.\n" +
		"Cities should price their parking and spend what it raises on the street.\n"
	body := []essay.Kind{essay.Title, essay.Credit, essay.Standfirst, essay.Body, essay.Body, essay.Body, essay.Body}
	for _, tc := range []struct {
		name, text string
		kinds      []essay.Kind
	}{
		{"byline", essayText, body},
		{"section label", "Opinion | Cities\n" + essayText, append([]essay.Kind{essay.Heading}, body...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			snap := storedSnapshot(t, version{name: "byline.txt", data: []byte(tc.text)})
			var kinds []essay.Kind
			for _, p := range snap.Analysis.Paragraphs {
				kinds = append(kinds, p.Kind)
			}
			if !slices.Equal(kinds, tc.kinds) {
				t.Fatalf("kinds %v, want %v", kinds, tc.kinds)
			}
			ts := serve(t, newSite(t, snap))
			page := fetch(t, http.DefaultClient, ts.URL, "/").body
			_, head, ok := strings.Cut(page, `<header class="essay-head">`)
			head, rest, ok2 := strings.Cut(head, "</header>")
			if !ok || !ok2 {
				t.Fatal("GET /: no essay header")
			}
			at := -1
			for _, p := range snap.Analysis.Paragraphs {
				id := `id="p-` + p.ID + `"`
				inHead, inRest := strings.Count(head, id), strings.Count(rest, id)
				wantHead := p.Kind != essay.Body
				if inHead+inRest != 1 || (inHead == 1) != wantHead {
					t.Errorf("GET /: ¶%s (%s) %d times in the header and %d after it, want once, in the header %v", p.ID, p.Kind, inHead, inRest, wantHead)
				}
				if i := strings.Index(head, id); wantHead && i >= 0 {
					if i < at {
						t.Errorf("GET /: ¶%s (%s) out of order in the header", p.ID, p.Kind)
					}
					at = i
				}
			}
			if !strings.Contains(head, `<h1 class="para kind-title" id="p-title">`) {
				t.Error("GET /: the title is not the page's heading")
			}
		})
	}
}

// TestExport writes the site to a folder, serves it with http.FileServer
// and crawls it like the live server.
func TestExport(t *testing.T) {
	for name, snap := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			site := newSite(t, snap)
			dir := filepath.Join(t.TempDir(), "site")
			if err := site.Export(context.Background(), dir); err != nil {
				t.Fatalf("Export: %v", err)
			}
			pid := snap.Analysis.Paragraphs[len(snap.Analysis.Paragraphs)-1].ID
			for _, f := range []string{"index.html", "index.json", "essay.json", "404.html", "claims/index.html", "claims.json",
				"static/argmap.css", "p/" + pid + "/index.html", "p/" + pid + ".json"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("Export wrote no %s: %v", f, err)
				}
			}
			ts := httptest.NewServer(http.FileServer(http.Dir(dir)))
			t.Cleanup(ts.Close)
			seen := crawl(t, ts.URL, testBase, func(string) int { return http.StatusOK })
			for _, p := range site.Paths() {
				if _, ok := seen[p]; !ok {
					t.Errorf("no link leads to %s", p)
				}
			}
		})
	}
}

// TestRecover checks that a panic becomes a plain 500.
func TestRecover(t *testing.T) {
	site := newSite(t, seedSnapshot(t))
	site.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	h := site.recoverer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("secret detail") }))
	for _, path := range []string{"/x", "/x.json"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusInternalServerError {
			t.Errorf("GET %s after panic = %d, want 500", path, rec.Code)
		}
		if strings.Contains(rec.Body.String(), "secret detail") || strings.Contains(rec.Body.String(), "goroutine") {
			t.Errorf("GET %s after panic shows the panic: %s", path, rec.Body)
		}
	}
}

// TestNewSiteRejects checks the snapshots and options NewSite refuses.
func TestNewSiteRejects(t *testing.T) {
	tests := []struct {
		name string
		edit func(*store.Snapshot, *Options)
	}{
		{"unsafe pid", func(s *store.Snapshot, _ *Options) { s.Analysis.Paragraphs[0].ID = "../etc" }},
		{"dot-dot pid", func(s *store.Snapshot, _ *Options) { s.Analysis.Paragraphs[0].ID = ".." }},
		{"duplicate pid", func(s *store.Snapshot, _ *Options) { s.Analysis.Paragraphs[1].ID = s.Analysis.Paragraphs[0].ID }},
		{"unsafe sentence id", func(s *store.Snapshot, _ *Options) { s.Analysis.Paragraphs[0].Sentences[0].ID = "a b" }},
		{"removed pid is current", func(s *store.Snapshot, _ *Options) {
			s.Removed = []store.ParagraphVersion{{PID: s.Analysis.Paragraphs[0].ID, Revision: 1}}
		}},
		{"relative base URL", func(_ *store.Snapshot, o *Options) { o.BaseURL = "localhost:8080" }},
		{"base URL with query", func(_ *store.Snapshot, o *Options) { o.BaseURL = "http://example.org/?q=1" }},
		{"base URL with a path", func(_ *store.Snapshot, o *Options) { o.BaseURL = "http://example.org/argmap" }},
		{"base URL not http", func(_ *store.Snapshot, o *Options) { o.BaseURL = "ftp://example.org" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap := seedSnapshot(t)
			opts := Options{BaseURL: testBase}
			tt.edit(snap, &opts)
			if _, err := NewSite(snap, opts); err == nil {
				t.Errorf("NewSite with %s: err = nil, want an error", tt.name)
			}
		})
	}
	if _, err := NewSite(nil, Options{}); err == nil {
		t.Error("NewSite(nil) = nil error, want an error")
	}
}

// TestExportStops: when a page cannot be written (a file stands where its
// folder goes), Export stops with an error naming the page, and its other
// workers end.
func TestExportStops(t *testing.T) {
	for name, snap := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			site := newSite(t, snap)
			dir := filepath.Join(t.TempDir(), "site")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "p"), []byte("in the way"), 0o644); err != nil {
				t.Fatal(err)
			}
			err := site.Export(context.Background(), dir)
			if err == nil || !strings.HasPrefix(err.Error(), "export /p/") {
				t.Fatalf("Export with a file where p/ goes = %v, want an error naming a paragraph page", err)
			}
		})
	}
}

// TestExportPython serves an exported folder with `python3 -m http.server`,
// the way CONTRACT.md and the README suggest, and crawls it. It is skipped
// when python3 is missing and under -short.
func TestExportPython(t *testing.T) {
	if testing.Short() {
		t.Skip("starts python3")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	site := newSite(t, richSnapshot(t))
	dir := t.TempDir()
	if err := site.Export(context.Background(), dir); err != nil {
		t.Fatalf("Export: %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	cmd := exec.Command(python, "-m", "http.server", port, "--bind", "127.0.0.1", "--directory", dir)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start python3: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill() //nolint:errcheck // it may have exited already
		cmd.Wait()         //nolint:errcheck // killed
	})
	root := "http://127.0.0.1:" + port
	for i := 0; ; i++ {
		resp, err := http.Get(root + "/")
		if err == nil {
			resp.Body.Close()
			break
		}
		if i == 100 {
			t.Fatalf("python3 http.server did not answer: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	seen := crawl(t, root, testBase, func(string) int { return http.StatusOK })
	for _, p := range site.Paths() {
		if _, ok := seen[p]; !ok {
			t.Errorf("no link leads to %s", p)
		}
	}
}

// TestAbortStartedDownload: a download whose store read fails after its
// 200 went out is cut off (the client sees a broken body, not a whole one
// with an error page in it), over a real HTTP server; a client that went
// away only returns its error.
func TestAbortStartedDownload(t *testing.T) {
	site := newSite(t, seedSnapshot(t))
	var logged strings.Builder
	site.log = slog.New(slog.NewTextHandler(&logged, nil))
	h := site.recoverer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		w.WriteHeader(http.StatusOK)
		// more than net/http buffers, so that the status line and a first
		// chunk are on the wire
		w.Write([]byte("id,text\n" + strings.Repeat("1,a row\n", 2000)))                                             //nolint:errcheck // the test reads what arrives
		abortStarted(r, errors.New("download /x.csv: read sentences: disk I/O error"), errors.New("disk I/O error")) //nolint:errcheck // it panics
		w.Write([]byte("2,never sent\n"))                                                                            //nolint:errcheck // not reached
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/x.csv")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || err == nil {
		t.Errorf("a download cut half way: status %d, body %q, read error %v; want 200 and a read error", resp.StatusCode, body, err)
	}
	if strings.Contains(string(body), "never sent") || strings.Contains(string(body), "<html") {
		t.Errorf("a download cut half way sent %q", body)
	}
	if !strings.Contains(logged.String(), "disk I/O error") {
		t.Errorf("the failure is not logged: %q", logged.String())
	}
	gone := httptest.NewRequest(http.MethodGet, "/x.csv", nil)
	if err := abortStarted(gone, errors.New("download: broken pipe"), syscall.EPIPE); err == nil {
		t.Error("abortStarted for a client that went away = nil, want its error back")
	}
	if err := abortStarted(gone, nil, nil); err != nil {
		t.Errorf("abortStarted without an error = %v", err)
	}
}

// TestExportAgain exports one essay and then another into the same
// folder, as a deploy that re-exports after an ingest does: the folder
// then holds exactly what a fresh export of the second writes (no page of
// the first is left behind for a static server to answer 200), and a file
// the export did not write is kept.
func TestExportAgain(t *testing.T) {
	files := func(dir string) map[string]bool {
		out := map[string]bool{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = true
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	second := newSite(t, seedSnapshot(t))
	fresh := filepath.Join(t.TempDir(), "fresh")
	if err := second.Export(context.Background(), fresh); err != nil {
		t.Fatalf("Export: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := newSite(t, injectionSnapshot(t)).Export(context.Background(), dir); err != nil {
		t.Fatalf("Export: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "CNAME"), []byte("example.org\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := second.Export(context.Background(), dir); err != nil {
		t.Fatalf("Export again: %v", err)
	}
	want := files(fresh)
	want["CNAME"] = true
	got := files(dir)
	for f := range got {
		if !want[f] {
			t.Errorf("after a second export, %s (of the first) is still there", f)
		}
	}
	for f := range want {
		if !got[f] {
			t.Errorf("after a second export, %s is missing", f)
		}
	}
}
