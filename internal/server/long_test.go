package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/store"
)

// longEssay is an essay of n paragraphs of general sentences (not the
// seed's), one to three a paragraph, the same for the same n.
func longEssay(n int) []byte {
	sentences := []string{
		"Many cities have grown faster than their roads.",
		"According to a survey last year, 42 percent of residents walk to work.",
		"However, critics argue that the data are incomplete.",
		"This suggests that planners should look again at old assumptions.",
		"In 2019 the council spent $3.5 million on repairs.",
		"Therefore the policy should change before the next election.",
		"The report, published in March, found over 10,000 complaints.",
		"Because land is scarce, every car park has a price.",
	}
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("The case for fewer car parks\n\n")
	for i := range n {
		for range 1 + r.IntN(3) {
			b.WriteString(sentences[r.IntN(len(sentences))] + " ")
		}
		fmt.Fprintf(&b, "This is item %d.\n\n", i+1)
	}
	return []byte(b.String())
}

// longSite ingests a long essay and serves it with search.
func longSite(t *testing.T, n int) (*Site, string) {
	t.Helper()
	return searchSite(t, "long.txt", longEssay(n))
}

// TestLongEssayPaged: an essay longer than a page of paragraphs gets paged
// lists with page links, every page of them answers, and no page reached
// from them is over 1 MB; the paragraphs of all the essay's pages are
// every paragraph, once, in order.
func TestLongEssayPaged(t *testing.T) {
	const n = 2*essayPageSize + 30
	site, root := longSite(t, n)
	c := &http.Client{}
	var pids []string
	for page := 1; ; page++ {
		p := pagedPath("/", page)
		got := fetch(t, c, root, p)
		if got.status != http.StatusOK {
			t.Fatalf("GET %s = %d", p, got.status)
		}
		if len(got.body) > 1<<20 {
			t.Errorf("GET %s: %d bytes, over 1 MB", p, len(got.body))
		}
		if !strings.Contains(got.body, `class="pager"`) {
			t.Errorf("GET %s has no page links", p)
		}
		var v struct {
			Paragraphs []struct{ ID string }
			Pager      *pager
		}
		if err := json.Unmarshal([]byte(fetch(t, c, root, jsonPath(p)).body), &v); err != nil {
			t.Fatal(err)
		}
		for _, para := range v.Paragraphs {
			pids = append(pids, para.ID)
		}
		if v.Pager == nil || v.Pager.Page != page {
			t.Fatalf("GET %s: pager %+v, want page %d", jsonPath(p), v.Pager, page)
		}
		if v.Pager.Next == "" {
			break
		}
		if v.Pager.Next != pagedPath("/", page+1) {
			t.Errorf("GET %s: next page %s, want %s", p, v.Pager.Next, pagedPath("/", page+1))
		}
	}
	want := make([]string, 0, len(site.model.w().a.Paragraphs))
	for _, p := range site.model.w().a.Paragraphs {
		want = append(want, p.ID)
	}
	if strings.Join(pids, " ") != strings.Join(want, " ") {
		t.Errorf("the essay's pages hold %d paragraphs, want the %d of the essay in order", len(pids), len(want))
	}
	for _, p := range []string{"/page/1", "/page/0", "/page/99", "/page/02", "/claims/page/1", "/figures/page/x"} {
		if got := fetch(t, c, root, p); got.status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, got.status)
		}
	}
	for _, p := range []string{"/claims", "/figures", "/map", "/revisions"} {
		if got := fetch(t, c, root, p); got.status != http.StatusOK || len(got.body) > 1<<20 {
			t.Errorf("GET %s = %d, %d bytes; want 200 within 1 MB", p, got.status, len(got.body))
		}
	}
}

// TestLongEssayDownloads: the downloads of a long essay are written to the
// client as they are made; they hold the whole essay, gzipped when asked,
// and the export writes the same bytes as the server sends.
func TestLongEssayDownloads(t *testing.T) {
	site, root := longSite(t, essayPageSize+20)
	dir := t.TempDir()
	if err := site.Export(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/essay.json", "/export/aif.json", "/export/argdown", "/sentences.csv", "/figures.csv"} {
		if !site.streams(p) {
			t.Errorf("%s is not streamed for a long essay", p)
		}
		got := fetch(t, &http.Client{}, root, p)
		if got.status != http.StatusOK {
			t.Fatalf("GET %s = %d", p, got.status)
		}
		file, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "/"))))
		if err != nil {
			t.Fatal(err)
		}
		if got.body != string(file) {
			t.Errorf("GET %s: %d bytes, the export has %d other bytes", p, len(got.body), len(file))
		}
	}
	var a struct{ Paragraphs []json.RawMessage }
	if err := json.Unmarshal([]byte(fetch(t, &http.Client{}, root, "/essay.json").body), &a); err != nil || len(a.Paragraphs) != len(site.model.w().a.Paragraphs) {
		t.Errorf("/essay.json: %d paragraphs, %v; want %d", len(a.Paragraphs), err, len(site.model.w().a.Paragraphs))
	}
	req, _ := http.NewRequest(http.MethodGet, root+"/essay.json", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := (&http.Transport{}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	zb, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(decode(t, "gzip", zb), []byte(fetch(t, &http.Client{}, root, "/essay.json").body)) {
		t.Errorf("gzipped /essay.json: encoding %q, or it does not decode to the identity body", resp.Header.Get("Content-Encoding"))
	}
	req.Header.Set("If-None-Match", resp.Header.Get("Etag"))
	resp, err = (&http.Transport{}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("/essay.json with its ETag = %d, want 304", resp.StatusCode)
	}
}

// TestStreamedJSONSameBytes: the element-by-element writer of the JSON
// downloads writes what marshalling them whole writes.
func TestStreamedJSONSameBytes(t *testing.T) {
	site := newSite(t, richSnapshot(t))
	for _, p := range []string{"/essay.json", "/export/aif.json", "/sentences.csv"} {
		resp, err := site.render(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		write, _ := site.model.download(p)
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), resp.body) {
			t.Errorf("%s streamed: %d bytes, whole: %d bytes, not the same", p, b.Len(), len(resp.body))
		}
	}
}

// TestExportSameBytesAsServed: every file of an export is what the
// server answers at its path, the pages it renders on demand included.
func TestExportSameBytesAsServed(t *testing.T) {
	site := newSite(t, seedSnapshot(t))
	ts := serve(t, site)
	dir := t.TempDir()
	if err := site.Export(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	for _, p := range site.Paths() {
		file, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(exportFile(p, site.isPage(p)))))
		if err != nil {
			t.Fatal(err)
		}
		if got := fetch(t, &http.Client{}, ts.URL, p); got.body != string(file) {
			t.Errorf("GET %s: %d bytes, the export has %d other bytes", p, len(got.body), len(file))
		}
	}
}

// TestPageCacheBound: the cache keeps within its budget, dropping the
// least recently used pages, and pages it dropped are rendered again the
// same.
func TestPageCacheBound(t *testing.T) {
	db := filepath.Join(t.TempDir(), "argmap.db")
	ingestText(t, db, "long.txt", longEssay(300))
	d, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	snap, err := d.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	const budget = 256 << 10
	site, err := NewSite(snap, Options{BaseURL: testBase, Now: func() time.Time { return testNow }, Compression: CompressFast, CacheBytes: budget})
	if err != nil {
		t.Fatal(err)
	}
	ts := serve(t, site)
	first := fetch(t, &http.Client{}, ts.URL, "/p/1").body
	for _, p := range site.Paths() {
		if strings.HasPrefix(p, "/p/") {
			fetch(t, &http.Client{}, ts.URL, p)
			if n, _ := site.cache.size(); n > budget {
				t.Fatalf("cache holds %d bytes, over its budget of %d", n, budget)
			}
		}
	}
	if _, ok := site.cache.get("/p/1"); ok {
		t.Error("/p/1 is still cached after every other paragraph page was asked for")
	}
	if again := fetch(t, &http.Client{}, ts.URL, "/p/1").body; again != first {
		t.Error("/p/1 rendered again differs from its first rendering")
	}
	n, entries := site.cache.size()
	t.Logf("cache: %d bytes in %d entries (budget %d)", n, entries, budget)
}

// TestLongEssaySummaryBounded: the argument in brief is on the first page
// only, and lists at most summaryClaims claims, so that a long essay's
// pages (and their JSON twins) do not grow with its claims.
func TestLongEssaySummaryBounded(t *testing.T) {
	_, root := longSite(t, 2*essayPageSize+30)
	c := &http.Client{}
	var first struct {
		Summary *struct {
			Claims []json.RawMessage `json:"claims"`
			More   int               `json:"more"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(fetch(t, c, root, "/index.json").body), &first); err != nil {
		t.Fatal(err)
	}
	if first.Summary == nil || len(first.Summary.Claims) > summaryClaims || (len(first.Summary.Claims) == summaryClaims) != (first.Summary.More > 0) {
		t.Fatalf("/index.json summary = %+v, want at most %d claims and the rest counted", first.Summary, summaryClaims)
	}
	var later map[string]json.RawMessage
	if err := json.Unmarshal([]byte(fetch(t, c, root, jsonPath(pagedPath("/", 2))).body), &later); err != nil {
		t.Fatal(err)
	}
	if _, ok := later["summary"]; ok {
		t.Errorf("page 2's JSON has a summary, want it on the first page only")
	}
}

// TestCappedMap: the map of an essay whose counts alone put it over
// mapNodeLimit nodes shows the thesis and, as its children, exactly the
// first mapClaimLimit relations to the thesis from claims (and thesis
// sentences), in the analysis's order, none with children of its own, with
// a notice giving the essay's counts, from the database as from memory.
func TestCappedMap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "argmap.db")
	ingestText(t, path, "long.txt", longEssay(1500))
	snap := openSnapshot(t, path)
	a := snap.Analysis
	role := map[string]string{}
	var thesis []string // where the thesis is first stated
	thesisPID := ""
	counts := map[string]int{}
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			role[s.ID] = string(s.Role)
			counts[string(s.Role)]++
			if s.Role == "major_claim" && (thesisPID == "" || thesisPID == p.ID) {
				thesisPID = p.ID
				thesis = append(thesis, s.ID)
			}
		}
	}
	if counts["claim"]+counts["evidence"] <= mapNodeLimit {
		t.Fatalf("the essay has %d claims and %d pieces of evidence: too few to cap its map", counts["claim"], counts["evidence"])
	}
	var want []string
	for _, sid := range thesis {
		for _, r := range a.Relations {
			if r.To == sid && (role[r.From] == "claim" || role[r.From] == "major_claim") && len(want) < mapClaimLimit {
				want = append(want, r.From+" "+string(r.Kind))
			}
		}
	}
	if len(want) == 0 {
		t.Fatal("no claim bears on the thesis: the test shows nothing")
	}
	served := newServedSite(t, path)
	for name, site := range map[string]*Site{"served": served, "in memory": newSite(t, snap)} {
		body, _, ok := site.Body("/map.json")
		if !ok {
			t.Fatalf("%s: no /map.json", name)
		}
		var v struct {
			Capped bool `json:"capped"`
			Thesis []struct {
				Sentence struct{ ID string }
				Children []struct {
					Sentence struct{ ID string }
					Relation string
					Children []any
				}
			}
		}
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatal(err)
		}
		if !v.Capped || len(v.Thesis) != 1 || v.Thesis[0].Sentence.ID != thesis[0] {
			t.Fatalf("%s: /map capped %v, thesis %+v; want capped, with thesis %s", name, v.Capped, v.Thesis, thesis[0])
		}
		var got []string
		for _, c := range v.Thesis[0].Children {
			if c.Relation != "restates" {
				got = append(got, c.Sentence.ID+" "+c.Relation)
			}
			if len(c.Children) > 0 {
				t.Errorf("%s: claim %s on the capped map has children", name, c.Sentence.ID)
			}
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: the capped map's claims are\n%v\nwant the first relations to the thesis from claims\n%v", name, got, want)
		}
		html, _, _ := site.Body("/map")
		notice := fmt.Sprintf("has %d claims and %d pieces of evidence", counts["claim"], counts["evidence"])
		if !bytes.Contains(html, []byte(notice)) {
			t.Errorf("%s: /map does not say it %s", name, notice)
		}
		if len(html) > 1<<20 {
			t.Errorf("%s: /map is %d bytes, over 1 MB", name, len(html))
		}
	}
}

// longSites ingests a long essay of n paragraphs into a new database and
// returns its site from the snapshot in memory and its serving site.
func longSites(t *testing.T, n int) (full, served *Site) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "argmap.db")
	ingestText(t, path, "long.txt", longEssay(n))
	return newSite(t, openSnapshot(t, path)), newServedSite(t, path)
}

// TestClaimsFromMarks: the claims of a serving site, read from the mark
// before their offset (keyset paging), are the claims of the whole list
// in memory at every offset: on a mark, between marks, at the end and
// past it, with and without a limit.
func TestClaimsFromMarks(t *testing.T) {
	ctx := context.Background()
	full, served := longSites(t, 5000)
	all := full.model.src.claims(argument.Claim, 0, -1)
	if len(all) < markFrom+3*markEvery {
		t.Fatalf("%d claims: too few to read from three marks", len(all))
	}
	m, done, err := served.open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	if m.src.(*dbSource).few(argument.Claim) {
		t.Fatalf("%d claims count as few: the marks are not used", len(all))
	}
	n := len(all)
	for _, c := range []struct{ offset, limit int }{
		{0, markEvery}, {markFrom - 1, 3}, {markFrom, markEvery}, {markFrom + 1, 5}, {markFrom + 2*markEvery, -1},
		{markFrom + 2*markEvery + 7, markEvery}, {n - 1, 10}, {n, 10}, {n + markEvery, 10},
	} {
		var got []string
		if err := guard(func() error { got = m.src.claims(argument.Claim, c.offset, c.limit); return nil }); err != nil {
			t.Fatal(err)
		}
		want := full.model.src.claims(argument.Claim, c.offset, c.limit)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("claims(%d, %d) = %d claims from %v, want %d from %v", c.offset, c.limit, len(got), first(got), len(want), first(want))
		}
	}
}

// first returns the first element of ids, "" for none.
func first(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// TestClaimNearFar: the claim (and thesis sentence) nearest before and
// after each sentence of a long essay, read from the database (first in
// the paragraphs next to it, then further), are those of the whole list
// in memory, near and far (the thesis is restated hundreds of paragraphs
// away).
func TestClaimNearFar(t *testing.T) {
	ctx := context.Background()
	full, served := longSites(t, 600)
	m, done, err := served.open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	mem := full.model.src.(*memSource)
	far := 0
	for _, p := range mem.a.Paragraphs {
		for _, s := range p.Sentences {
			at, _ := mem.sentence(s.ID)
			for _, role := range []argument.Role{argument.MajorClaim, argument.Claim} {
				for _, before := range []bool{true, false} {
					want := mem.claimNear(role, at, before)
					var got string
					if err := guard(func() error { got = m.src.claimNear(role, at, before); return nil }); err != nil {
						t.Fatal(err)
					}
					if got != want {
						t.Errorf("claimNear(%s, %s, before %v) = %q, want %q", role, s.ID, before, got, want)
					}
					if w, ok := mem.sentence(want); ok && (w.para-at.para > store.NearWindow || at.para-w.para > store.NearWindow) {
						far++
					}
				}
			}
		}
	}
	if far == 0 {
		t.Error("no nearest claim lies beyond the window: the test does not reach the far reads")
	}
}
