package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/store"
)

// ingestText runs the real pipeline on one text of an essay and ingests
// it into the database at db.
func ingestText(t testing.TB, db, name string, data []byte) *store.Result {
	t.Helper()
	doc, err := essay.Parse(name, data)
	if err != nil {
		t.Fatalf("essay.Parse(%q): %v", name, err)
	}
	a := argument.Extract(doc)
	sum := sha256.Sum256(data)
	res, err := store.Ingest(context.Background(), db, a, store.Source{Name: name, SHA256: hex.EncodeToString(sum[:])})
	if err != nil {
		t.Fatalf("store.Ingest(%s): %v", name, err)
	}
	return res
}

// openSnapshot reads the database at db as the server does.
func openSnapshot(t testing.TB, db string) *store.Snapshot {
	t.Helper()
	ctx := context.Background()
	d, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	defer d.Close()
	snap, err := d.Snapshot(ctx)
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	return snap
}

// citable matches the URLs a citation may hold: a paragraph page, a
// versioned text, a claim page, and their JSON twins.
var citable = regexp.MustCompile(`^(/p/[A-Za-z0-9._-]+(/v/[0-9]+)?|/claims/[A-Za-z0-9._-]+)(\.json)?$`)

// versionTextRE finds the text section of a versioned page.
var versionTextRE = regexp.MustCompile(`(?s)<blockquote [^>]*id="text"[^>]*>.*?</blockquote>`)

// issued remembers every citable URL the sites of earlier revisions
// issued, and what each versioned URL showed.
type issued struct {
	// urls maps a URL path to the revision whose site first issued it.
	urls map[string]int
	// text maps a versioned HTML path to its text section, and a
	// versioned JSON path to its "version" object.
	text map[string]string
	// sids maps a paragraph id and a sentence text to the sentence id it
	// had.
	sids map[[2]string]string
}

func newIssued() *issued {
	return &issued{urls: map[string]int{}, text: map[string]string{}, sids: map[[2]string]string{}}
}

// checkSentences checks that every sentence whose text its paragraph had
// before keeps its id, and is an anchor on the paragraph's page (current,
// or 410 for a removed paragraph, with its last sentences).
func (is *issued) checkSentences(t *testing.T, snap *store.Snapshot, root string) {
	t.Helper()
	rev := snap.Current.Number
	check := func(pid string, sents []store.SentenceVersion) {
		t.Helper()
		body := fetch(t, http.DefaultClient, root, paragraphPath(pid)).body
		ids := attrs(idRE, body)
		twice := map[string]int{}
		for _, s := range sents {
			twice[s.Text]++
		}
		for _, s := range sents {
			if !slices.Contains(ids, s.ID) {
				t.Errorf("revision %d: /p/%s has no anchor %s", rev, pid, s.ID)
			}
			key := [2]string{pid, s.Text}
			if twice[s.Text] > 1 {
				delete(is.sids, key) // which copy keeps which id is open
				continue
			}
			if before, ok := is.sids[key]; ok && before != s.ID {
				t.Errorf("revision %d: sentence %q of ¶%s has id %s, had %s", rev, excerpt(s.Text, 30), pid, s.ID, before)
			}
			is.sids[key] = s.ID
		}
	}
	for _, p := range snap.Analysis.Paragraphs {
		var sents []store.SentenceVersion
		for _, s := range p.Sentences {
			sents = append(sents, store.SentenceVersion{ID: s.ID, Text: s.Text})
		}
		check(p.ID, sents)
	}
	for _, v := range snap.Removed {
		vs := snap.Versions[v.PID]
		if len(vs) == 0 || len(vs[len(vs)-1].Sentences) == 0 {
			t.Errorf("revision %d: removed ¶%s has no sentences in Versions", rev, v.PID)
			continue
		}
		check(v.PID, vs[len(vs)-1].Sentences)
	}
}

// visit serves snap, checks that every URL issued before answers 200 or
// 410 (never 404) and that every versioned URL shows what it showed
// before, then records the URLs this site issues: every page it has and
// every /p/ link on its pages.
func (is *issued) visit(t *testing.T, snap *store.Snapshot) *Site {
	t.Helper()
	site := newSite(t, snap)
	ts := serve(t, site)
	rev := snap.Current.Number
	check := func(p string, got page) {
		t.Helper()
		if got.status != http.StatusOK && got.status != http.StatusGone {
			t.Errorf("revision %d: GET %s (issued in revision %d) = %d, want 200 or 410", rev, p, is.urls[p], got.status)
		}
		if !strings.Contains(p, "/v/") {
			return
		}
		if got.status != http.StatusOK {
			t.Errorf("revision %d: versioned GET %s = %d, want 200", rev, p, got.status)
		}
		section := versionSection(t, p, got)
		if before, ok := is.text[p]; ok && before != section {
			t.Errorf("revision %d: GET %s shows\n%s\nbut in revision %d it showed\n%s", rev, p, section, is.urls[p], before)
		}
		if _, ok := is.text[p]; !ok {
			is.text[p] = section
		}
	}
	is.checkSentences(t, snap, ts.URL)
	for _, p := range slices.Sorted(mapKeys(is.urls)) {
		check(p, fetch(t, http.DefaultClient, ts.URL, p))
	}
	for _, p := range site.Paths() {
		got := fetch(t, http.DefaultClient, ts.URL, p)
		if citable.MatchString(p) {
			if _, ok := is.urls[p]; !ok {
				is.urls[p] = rev
			}
			check(p, got)
		}
		if !got.isHTML() {
			continue
		}
		for _, href := range attrs(hrefRE, got.body) {
			target, _, ok := internal(href, p, testBase)
			if ok && citable.MatchString(target) {
				if _, seen := is.urls[target]; !seen {
					is.urls[target] = rev
					check(target, fetch(t, http.DefaultClient, ts.URL, target))
				}
			}
		}
	}
	return site
}

// versionSection is what must never change on a versioned page: the
// text section of the HTML page, or the "version" object of its twin.
func versionSection(t *testing.T, p string, got page) string {
	t.Helper()
	if strings.HasSuffix(p, ".json") {
		var twin struct {
			Version json.RawMessage `json:"version"`
		}
		if err := json.Unmarshal([]byte(got.body), &twin); err != nil || len(twin.Version) == 0 {
			t.Errorf("GET %s: no version object in %s (%v)", p, got.body, err)
			return ""
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, twin.Version); err != nil {
			t.Errorf("GET %s: %v", p, err)
		}
		return buf.String()
	}
	section := versionTextRE.FindString(got.body)
	if section == "" {
		t.Errorf("GET %s: no text section (blockquote id=\"text\")", p)
	}
	return section
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// seedLines returns the seed essay's paragraphs (its non-blank lines).
func seedLines(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(string(readSeed(t)), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// lineIndex returns the index of the line that starts with prefix.
func lineIndex(t *testing.T, lines []string, prefix string) int {
	t.Helper()
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return i
		}
	}
	t.Fatalf("no paragraph starts with %q", prefix)
	return -1
}

// pidOf returns the id of the current paragraph that starts with prefix.
func pidOf(t *testing.T, snap *store.Snapshot, prefix string) string {
	t.Helper()
	for _, p := range snap.Analysis.Paragraphs {
		if strings.HasPrefix(p.Text, prefix) {
			return p.ID
		}
	}
	t.Fatalf("revision %d has no paragraph starting with %q", snap.Current.Number, prefix)
	return ""
}

// Beginnings of seed paragraphs the scenario changes.
const (
	sNews      = "The news about North Korean troops"
	sNotFirst  = "However, North Koreans are not the first"
	sUnlike    = "Unlike the Ukrainian army"
	sReports   = "However, there have been persistent media reports"
	sRecruiter = "At present, army recruiters"
	sEstimate  = "It is difficult to estimate"
	sTajik     = "“Where are the Tajik battalions?”"
	sReasons   = "One of the reasons for the lack"
	sGiven     = "However, given how dependent"
	sInserted  = "Recruitment offices have also appeared"
)

// TestRevisionScenario publishes the seed essay through a sequence of
// revisions (the same text twice, an insertion, a deletion, a one-word
// edit, a rewrite of most of a paragraph, a move, a split, a merge and a
// revert to the first text) into one real database. After each revision
// it serves the site over HTTP and checks that every URL any earlier site
// issued still answers 200 or 410, that versioned pages show exactly what
// they showed, and that the pages say what happened.
func TestRevisionScenario(t *testing.T) {
	db := filepath.Join(t.TempDir(), "argmap.db")
	seed := seedLines(t)
	is := newIssued()
	publish := func(lines []string, wantChanged bool) *store.Snapshot {
		t.Helper()
		res := ingestText(t, db, seedName, []byte(strings.Join(lines, "\n")+"\n"))
		if res.Changed != wantChanged {
			t.Fatalf("Ingest: Changed = %v, want %v (%+v)", res.Changed, wantChanged, res)
		}
		snap := openSnapshot(t, db)
		is.visit(t, snap)
		return snap
	}
	body := func(snap *store.Snapshot, pid string) string {
		t.Helper()
		site := newSite(t, snap)
		return fetch(t, http.DefaultClient, serve(t, site).URL, paragraphPath(pid)).body
	}
	status := func(snap *store.Snapshot, p string) int {
		t.Helper()
		return fetch(t, http.DefaultClient, serve(t, newSite(t, snap)).URL, p).status
	}

	// 1. The seed.
	s1 := publish(seed, true)
	ids1 := map[string]string{} // text → id, for texts that occur once
	count := map[string]int{}
	for _, p := range s1.Analysis.Paragraphs {
		ids1[p.Text] = p.ID
		count[p.Text]++
	}
	for text, n := range count {
		if n > 1 {
			delete(ids1, text)
		}
	}

	// 2. The same text again: no revision, the same ids.
	s2 := publish(seed, false)
	if s2.Current.Number != 1 {
		t.Errorf("after the same text twice, revision = %d, want 1", s2.Current.Number)
	}

	// 3. Insert a paragraph: it gets a new id, the others keep theirs.
	lines := slices.Clone(seed)
	at := lineIndex(t, lines, sRecruiter) + 1
	lines = slices.Insert(lines, at, sInserted+" near markets and train stations, according to local reports.")
	s3 := publish(lines, true)
	newPID := pidOf(t, s3, sInserted)
	if _, reused := s1.Versions[newPID]; reused {
		t.Errorf("the inserted paragraph got id %s, which revision 1 used", newPID)
	}
	for _, p := range s3.Analysis.Paragraphs {
		if want, ok := ids1[p.Text]; ok && p.ID != want {
			t.Errorf("after an insertion, paragraph %q has id %s, want %s", excerpt(p.Text, 40), p.ID, want)
		}
	}

	// 4. Delete a paragraph: 410 with its last text and its neighbours.
	gone := pidOf(t, s3, sRecruiter)
	lines = slices.Delete(lines, lineIndex(t, lines, sRecruiter), lineIndex(t, lines, sRecruiter)+1)
	s4 := publish(lines, true)
	if got := status(s4, paragraphPath(gone)); got != http.StatusGone {
		t.Errorf("GET /p/%s after its deletion = %d, want 410", gone, got)
	}
	page4 := body(s4, gone)
	before, after := pidOf(t, s4, lines[lineIndex(t, lines, sInserted)-1][:20]), newPID
	for _, want := range []string{`href="/p/` + before + `"`, `href="/p/` + after + `"`, "Where its neighbours are now", versionPath(gone, 1)} {
		if !strings.Contains(page4, want) {
			t.Errorf("the 410 page of ¶%s has no %q", gone, want)
		}
	}

	// 5. Edit one word: same id, the page says revised and links to the
	// text before.
	news := pidOf(t, s4, sNews)
	k := lineIndex(t, lines, sNews)
	lines[k] = strings.Replace(lines[k], "vivid debate", "lively debate", 1)
	s5 := publish(lines, true)
	if got := pidOf(t, s5, sNews); got != news {
		t.Errorf("after a one-word edit the paragraph's id is %s, want %s", got, news)
	}
	page5 := body(s5, news)
	for _, want := range []string{"was revised", `href="` + versionPath(news, 1) + `"`, `href="` + versionPath(news, s5.Current.Number) + `"`} {
		if !strings.Contains(page5, want) {
			t.Errorf("/p/%s after a one-word edit has no %q", news, want)
		}
	}

	// 6. Rewrite most of a paragraph in place: it keeps its id.
	reasons := pidOf(t, s5, sReasons)
	k = lineIndex(t, lines, sReasons)
	lines[k] = sReasons + " is fear of what awaits at home. Migrants travel back and forth between Russia and their country of origin. Central Asian governments threaten prosecution for fighting abroad."
	s6 := publish(lines, true)
	if got := pidOf(t, s6, sReasons); got != reasons {
		t.Errorf("after a rewrite in place the paragraph's id is %s, want %s", got, reasons)
	}

	// 7. Move a paragraph: it keeps its id and its text.
	given := pidOf(t, s6, sGiven)
	k = lineIndex(t, lines, sGiven)
	moved := lines[k]
	lines = slices.Delete(lines, k, k+1)
	lines = slices.Insert(lines, lineIndex(t, lines, sReports), moved)
	s7 := publish(lines, true)
	if got := pidOf(t, s7, sGiven); got != given {
		t.Errorf("after a move the paragraph's id is %s, want %s", got, given)
	}
	if !slices.ContainsFunc(s7.Current.Changes, func(c store.Change) bool { return c.PID == given && c.What == "moved" }) {
		t.Errorf("revision 7's changes %v do not say ¶%s moved", s7.Current.Changes, given)
	}

	// 8. Split a paragraph: the larger part keeps the id, the other gets a
	// new one, and both pages say so.
	notFirst := pidOf(t, s7, sNotFirst)
	k = lineIndex(t, lines, sNotFirst)
	i := strings.Index(lines[k], " "+sUnlike)
	lines = slices.Insert(lines, k+1, lines[k][i+1:])
	lines[k] = lines[k][:i]
	s8 := publish(lines, true)
	keeper, part := pidOf(t, s8, sUnlike), pidOf(t, s8, sNotFirst)
	if keeper != notFirst || part == notFirst {
		t.Errorf("after a split the larger part is ¶%s and the smaller ¶%s, want ¶%s and a new id", keeper, part, notFirst)
	}
	if page := body(s8, keeper); !strings.Contains(page, "split this paragraph") || !strings.Contains(page, `href="/p/`+part+`"`) {
		t.Errorf("/p/%s after the split does not say it was split into ¶%s", keeper, part)
	}
	if page := body(s8, part); !strings.Contains(page, "split off from") || !strings.Contains(page, `href="/p/`+keeper+`"`) {
		t.Errorf("/p/%s after the split does not say it was split off ¶%s", part, keeper)
	}

	// 9. Merge two paragraphs: the merged one answers 410 and points to
	// the paragraph it is now part of, which says so.
	tajik, estimate := pidOf(t, s8, sTajik), pidOf(t, s8, sEstimate)
	k = lineIndex(t, lines, sTajik)
	lines[k-1] += " " + lines[k]
	lines = slices.Delete(lines, k, k+1)
	s9 := publish(lines, true)
	if got := pidOf(t, s9, sEstimate); got != estimate {
		t.Errorf("after a merge the larger paragraph's id is %s, want %s", got, estimate)
	}
	if got := status(s9, paragraphPath(tajik)); got != http.StatusGone {
		t.Errorf("GET /p/%s after its merge = %d, want 410", tajik, got)
	}
	if page := body(s9, tajik); !strings.Contains(page, "merged this paragraph into") || !strings.Contains(page, `href="/p/`+estimate+`"`) {
		t.Errorf("the 410 page of ¶%s does not say it was merged into ¶%s", tajik, estimate)
	}
	if page := body(s9, estimate); !strings.Contains(page, "merged into this paragraph") || !strings.Contains(page, `href="/p/`+tajik+`"`) {
		t.Errorf("/p/%s does not say that ¶%s was merged into it", estimate, tajik)
	}

	// 10. Revert to the first text: a revision of its own; every URL
	// still answers (checked by visit), edited paragraphs have their
	// first text again and keep their ids.
	s10 := publish(seed, true)
	if got := pidOf(t, s10, sNews); got != news {
		t.Errorf("after the revert ¶%s has id %s", news, got)
	}
	if vs := s10.Versions[news]; len(vs) != 3 || vs[0].Text != vs[2].Text {
		t.Errorf("after the revert, the texts of ¶%s are %+v, want first, edited, first", news, vs)
	}

	// Every id issued is in Versions, and no id stands for two paragraphs
	// at once: the current and removed ids are disjoint.
	current := map[string]bool{}
	for _, p := range s10.Analysis.Paragraphs {
		current[p.ID] = true
	}
	for _, v := range s10.Removed {
		if current[v.PID] {
			t.Errorf("¶%s is both current and removed", v.PID)
		}
	}
	if got, want := len(s10.Versions), len(current)+len(s10.Removed); got != want {
		t.Errorf("Versions has %d ids, want %d (current and removed)", got, want)
	}
	nVersioned := 0
	for p := range is.urls {
		if strings.Contains(p, "/v/") {
			nVersioned++
		}
	}
	if len(is.urls) < 60 || nVersioned < 20 {
		t.Errorf("the scenario issued %d URLs, %d of them versioned; want a real test", len(is.urls), nVersioned)
	}
	t.Logf("%d revisions, %d URLs issued (%d versioned), all still answering", s10.Current.Number, len(is.urls), nVersioned)
	checkPointInTime(t, s10)
}

// checkPointInTime checks that /p/{pid}/v/{r} answers for every revision r
// a paragraph stood in: the URL that starts a run of its text with 200,
// any other with a permanent redirect to that one; and that a revision
// not yet published is not found.
func checkPointInTime(t *testing.T, snap *store.Snapshot) {
	t.Helper()
	ts := serve(t, newSite(t, snap))
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	redirects := 0
	for pid, vs := range snap.Versions {
		last := snap.Current.Number // the last revision pid stood in
		for _, r := range snap.Removed {
			if r.PID == pid {
				last = r.Revision
			}
		}
		for k, v := range vs {
			until := last
			if k+1 < len(vs) {
				until = vs[k+1].Revision - 1
			}
			for r := v.Revision; r <= until; r++ {
				for _, p := range []string{versionPath(pid, r), jsonPath(versionPath(pid, r))} {
					resp, err := noFollow.Get(ts.URL + p)
					if err != nil {
						t.Fatal(err)
					}
					resp.Body.Close()
					want, loc := versionPath(pid, v.Revision), resp.Header.Get("Location")
					if strings.HasSuffix(p, ".json") {
						want = jsonPath(want)
					}
					switch {
					case r == v.Revision && resp.StatusCode != http.StatusOK:
						t.Errorf("GET %s = %d, want 200", p, resp.StatusCode)
					case r > v.Revision && (resp.StatusCode != http.StatusMovedPermanently || loc != want):
						t.Errorf("GET %s = %d to %q, want 301 to %s", p, resp.StatusCode, loc, want)
					case r > v.Revision:
						redirects++
					}
				}
			}
		}
		next := versionPath(pid, snap.Current.Number+1)
		if got := fetch(t, http.DefaultClient, ts.URL, next); got.status != http.StatusNotFound {
			t.Errorf("GET %s, a revision not yet published, = %d, want 404", next, got.status)
		}
	}
	if redirects == 0 {
		t.Error("no versioned URL redirected: the scenario has no paragraph that stood unchanged through two revisions")
	}
}

// TestHiddenRevision ingests the seed and then testdata/seed-revised.txt,
// a revision written by hand (paragraphs inserted, edited and removed),
// and checks every URL of the first site against the second.
func TestHiddenRevision(t *testing.T) {
	db := filepath.Join(t.TempDir(), "argmap.db")
	is := newIssued()
	ingestText(t, db, seedName, readSeed(t))
	s1 := openSnapshot(t, db)
	is.visit(t, s1)
	revised, err := os.ReadFile(filepath.Join("testdata", "seed-revised.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if res := ingestText(t, db, seedName, revised); !res.Changed || res.Revision != 2 {
		t.Fatalf("Ingest of the revision = %+v, want revision 2", res)
	}
	s2 := openSnapshot(t, db)
	site := is.visit(t, s2)
	ts := serve(t, site)

	first := map[string]string{} // pid → text in revision 1
	maxID := 0
	for _, p := range s1.Analysis.Paragraphs {
		first[p.ID] = p.Text
		if n, err := strconv.Atoi(p.ID); err == nil && n > maxID {
			maxID = n
		}
	}
	var kept, edited, added, removed int
	for _, p := range s2.Analysis.Paragraphs {
		got := fetch(t, http.DefaultClient, ts.URL, paragraphPath(p.ID))
		old, existed := first[p.ID]
		switch {
		case !existed:
			added++
			if n, err := strconv.Atoi(p.ID); err != nil || n <= maxID {
				t.Errorf("new paragraph %q has id %s, want a number above %d", excerpt(p.Text, 40), p.ID, maxID)
			}
		case old == p.Text:
			kept++
			if strings.Contains(got.body, "was revised") {
				t.Errorf("/p/%s says it was revised, but its text is unchanged", p.ID)
			}
		default:
			edited++
			for _, want := range []string{"was revised", `href="` + versionPath(p.ID, 1) + `"`} {
				if !strings.Contains(got.body, want) {
					t.Errorf("/p/%s, edited, has no %q", p.ID, want)
				}
			}
			v1 := fetch(t, http.DefaultClient, ts.URL, versionPath(p.ID, 1))
			if v1.status != http.StatusOK || !strings.Contains(bodyText(v1.body), old) {
				t.Errorf("GET %s = %d, want 200 with the first text", versionPath(p.ID, 1), v1.status)
			}
		}
	}
	for pid, text := range first {
		if slices.ContainsFunc(s2.Analysis.Paragraphs, func(p argument.Paragraph) bool { return p.ID == pid }) {
			continue
		}
		removed++
		got := fetch(t, http.DefaultClient, ts.URL, paragraphPath(pid))
		if got.status != http.StatusGone || !strings.Contains(got.body, "was removed") || !strings.Contains(bodyText(got.body), text) {
			t.Errorf("GET /p/%s (removed) = %d, want 410 saying it was removed, with its last text", pid, got.status)
		}
		if !strings.Contains(got.body, "Where its neighbours are now") {
			t.Errorf("GET /p/%s (removed) does not say where its neighbours are", pid)
		}
	}
	// The hand-written revision inserts 2 paragraphs, edits 3 and removes
	// 2 (testdata/seed-revised.txt); the matcher must find exactly that.
	if added != 2 || edited != 3 || removed != 2 {
		t.Errorf("the revision added %d, edited %d and removed %d paragraphs, want 2, 3 and 2 (kept %d)", added, edited, removed, kept)
	}
	t.Logf("kept %d, edited %d, added %d, removed %d; %d URLs of revision 1 checked", kept, edited, added, removed, len(is.urls))
}

// TestMetadataRevision: a revision that changes only the metadata says
// which fields it changed on /revisions (and in its twin), on the site
// read from a snapshot and on the serving site alike.
func TestMetadataRevision(t *testing.T) {
	db := filepath.Join(t.TempDir(), "argmap.db")
	data := readSeed(t)
	doc, err := essay.Parse(seedName, data)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	for _, m := range []essay.Meta{{}, {Publisher: "Example Review"}, {Publisher: "Example Review", Date: "2024-05", Author: "Jane Roe"}} {
		if _, err := store.Ingest(context.Background(), db, argument.Extract(doc), store.Source{Name: seedName, SHA256: hex.EncodeToString(sum[:]), Meta: m}); err != nil {
			t.Fatal(err)
		}
	}
	for _, site := range []*Site{newSite(t, openSnapshot(t, db)), newServedSite(t, db)} {
		ts := serve(t, site)
		body := fetch(t, ts.Client(), ts.URL, "/revisions").body
		for _, want := range []string{"The essay’s metadata changed: publisher (", "The essay’s metadata changed: author, date ("} {
			if !strings.Contains(body, want) {
				t.Errorf("/revisions has no %q", want)
			}
		}
		var twin struct {
			Revisions []struct {
				Number      int      `json:"number"`
				MetaChanged []string `json:"meta_changed"`
			} `json:"revisions"`
		}
		if err := json.Unmarshal([]byte(fetch(t, ts.Client(), ts.URL, "/revisions.json").body), &twin); err != nil {
			t.Fatal(err)
		}
		got := map[int]string{}
		for _, r := range twin.Revisions {
			got[r.Number] = strings.Join(r.MetaChanged, " ")
		}
		if want := map[int]string{1: "", 2: "publisher", 3: "author date"}; !maps.Equal(got, want) {
			t.Errorf("/revisions.json meta_changed = %v, want %v", got, want)
		}
	}
}
