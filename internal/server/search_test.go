package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/store"
)

// searchSite ingests an essay with the real pipeline and serves it as
// `argmap serve` does: the database stays open for search.
func searchSite(t *testing.T, name string, data []byte) (*Site, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "argmap.db")
	doc, err := essay.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if _, err := store.Ingest(ctx, path, argument.Extract(doc), store.Source{Name: name, SHA256: hex.EncodeToString(sum[:])}); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	snap, err := db.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	site, err := NewSite(snap, Options{BaseURL: testBase, Now: func() time.Time { return testNow }, Search: db, Compression: CompressFast})
	if err != nil {
		t.Fatal(err)
	}
	return site, serve(t, site).URL
}

type searchJSON struct {
	Query, Searched, Hint string
	Results               []struct {
		SID, PID, Role, Text, URL string
		Fragments                 []struct {
			Text  string
			Match bool
		}
	}
}

func searchFor(t *testing.T, root, q string) (page, searchJSON) {
	t.Helper()
	c := &http.Client{}
	got := fetch(t, c, root, "/search?q="+url.QueryEscape(q))
	js := fetch(t, c, root, "/search.json?q="+url.QueryEscape(q))
	var v searchJSON
	if err := json.Unmarshal([]byte(js.body), &v); err != nil {
		t.Fatalf("GET /search.json?q=%q: %v", q, err)
	}
	for _, p := range []page{got, js} {
		if p.status != http.StatusOK {
			t.Errorf("GET %s?q=%.40q = %d, want 200", p.path, q, p.status)
		}
	}
	if err := checkHTML(got.body); err != nil {
		t.Errorf("GET /search?q=%.40q: %v", q, err)
	}
	return got, v
}

var resultLinkRE = regexp.MustCompile(`<li class="result">.*?<a href="([^"]*)">(.*?)</a>`)

// TestSearchSeed finds words of the seed essay and follows each result's
// link to its sentence.
func TestSearchSeed(t *testing.T) {
	_, root := searchSite(t, seedName, readSeed(t))
	c := &http.Client{}
	tests := []struct {
		q     string
		match string // the words marked in every result
		min   int
	}{
		{"Tajik", "Tajik", 1},
		{"remittances", "remittances", 1},
		{"REMITTANCES", "remittances", 1},
		{`"Tajik battalions"`, "Tajik battalions", 1},
		{"remit*", "remittances", 1},
		{"tajik*", "", 2},          // Tajik and Tajikistan
		{`"Central Asian"`, "", 3}, // Central Asian and Central Asians: stemmed
		{"migrant", "", 5},         // migrant, migrants: stemmed
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got, v := searchFor(t, root, tt.q)
			if len(v.Results) < tt.min {
				t.Fatalf("search %q: %d results, want at least %d", tt.q, len(v.Results), tt.min)
			}
			twin := `href="/search.json?` + url.Values{"q": {tt.q}}.Encode() + `"`
			if !strings.Contains(html.UnescapeString(got.body), twin) {
				t.Errorf("search %q: the page does not link its JSON twin %s", tt.q, twin)
			}
			links := resultLinkRE.FindAllStringSubmatch(got.body, -1)
			if len(links) != len(v.Results) {
				t.Errorf("search %q: the page shows %d results, the JSON %d", tt.q, len(links), len(v.Results))
			}
			for i, r := range v.Results {
				if r.URL != "/p/"+r.PID+"#"+r.SID {
					t.Errorf("result %s links to %s, want /p/%s#%s", r.SID, r.URL, r.PID, r.SID)
				}
				var text strings.Builder
				var marked []string
				for _, f := range r.Fragments {
					text.WriteString(f.Text)
					if f.Match {
						marked = append(marked, f.Text)
					}
				}
				if text.String() != r.Text || len(marked) == 0 {
					t.Errorf("result %s: fragments %+v do not spell %q with a match", r.SID, r.Fragments, r.Text)
				}
				if tt.match != "" && !strings.EqualFold(strings.Join(marked, " "), tt.match) {
					t.Errorf("result %s marks %q, want %q", r.SID, marked, tt.match)
				}
				if i < len(links) {
					href := html.UnescapeString(links[i][1])
					if href != r.URL {
						t.Errorf("result %d links to %s on the page, %s in the JSON", i, href, r.URL)
					}
					if !strings.Contains(links[i][2], "<mark>") {
						t.Errorf("result %d shows no <mark>: %s", i, links[i][2])
					}
				}
				// The link lands on the sentence.
				target, frag, _ := strings.Cut(r.URL, "#")
				p := fetch(t, c, root, target)
				if p.status != http.StatusOK {
					t.Errorf("GET %s = %d", target, p.status)
				}
				if err := checkFragment(p, frag); err != nil {
					t.Errorf("result link %s: %v", r.URL, err)
				}
				if !strings.Contains(bodyText(p.body), strings.Join(strings.Fields(r.Text), " ")) {
					t.Errorf("GET %s does not show %q", target, r.Text)
				}
			}
		})
	}
	// The header form searches from every page.
	if home := fetch(t, c, root, "/"); !strings.Contains(home.body, `<form class="site-search" role="search" action="/search" method="get">`) {
		t.Error("the essay page has no search form")
	}
}

// TestSearchBadQueries sends what breaks naive FTS5 use: every answer is
// a 200 page (with a hint where nothing could be searched), never an error.
func TestSearchBadQueries(t *testing.T) {
	_, root := searchSite(t, seedName, readSeed(t))
	inputs := []string{
		"", " ", `"`, `""`, "*", "AND", "OR", "NOT", "NEAR(", "NEAR(Tajik", "col:x", "text:Tajik", "sid:8.1", "^", "(", ")",
		"a AND (b OR", "'; DROP TABLE sentences; --", "\x00", "\xff\xfe", "🙂", "東京", "é*", strings.Repeat("a", 10_000),
		strings.Repeat(`"Tajik" `, 2000), strings.Repeat("NEAR(", 2000), "%", "_", `\`, "</textarea><script>alert(1)</script>",
	}
	for _, in := range inputs {
		got, v := searchFor(t, root, in)
		if strings.TrimSpace(in) != "" && len(v.Results) == 0 && v.Hint == "" {
			t.Errorf("search %.40q: no result and no hint", in)
		}
		if strings.Contains(got.body, "<script>") {
			t.Errorf("search %.40q: the page contains <script>", in)
		}
	}
	_, v := searchFor(t, root, strings.Repeat("Tajik ", 100))
	if len(v.Results) == 0 || !strings.Contains(v.Hint, "shortened") {
		t.Errorf("a long query: %d results, hint %q; want results and a hint that it was shortened", len(v.Results), v.Hint)
	}
}

// TestSearchInjection searches an essay full of markup: results show it
// as text.
func TestSearchInjection(t *testing.T) {
	_, root := searchSite(t, "injection.txt", []byte(injectionEssay))
	for _, q := range []string{"script", "markup", "img onerror", `"b markup b"`} {
		got, v := searchFor(t, root, q)
		if len(v.Results) == 0 {
			t.Errorf("search %q: no result", q)
		}
		for _, bad := range []string{"<script", "<b>", "<img", "<p onmouseover"} {
			if strings.Contains(got.body, bad) {
				t.Errorf("search %q: the page contains %q", q, bad)
			}
		}
	}
	got, _ := searchFor(t, root, "markup")
	if !strings.Contains(got.body, "&lt;b&gt;<mark>markup</mark>&lt;/b&gt;") {
		t.Errorf("search markup: the match is not shown as escaped text with a <mark>")
	}
}

// TestSearchRoutesWithoutSearcher checks that a site without a Searcher
// answers /search with the note an export holds, whatever the query.
func TestSearchRoutesWithoutSearcher(t *testing.T) {
	ts := serve(t, newSite(t, seedSnapshot(t)))
	for _, p := range []string{"/search", "/search?q=Tajik", "/search.json?q=Tajik"} {
		got := fetch(t, http.DefaultClient, ts.URL, p)
		if got.status != http.StatusOK || !strings.Contains(got.body, "Search needs the argmap server") {
			t.Errorf("GET %s = %d without the note that search needs the server", p, got.status)
		}
	}
}
