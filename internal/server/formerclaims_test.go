package server

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/store"
)

// TestFormerClaims: the claim page of a sentence that a revision no longer
// reads as a claim answers 410 Gone (never 404) with what it last said and
// where it is now, in each of the three ways a claim goes: its sentence is
// edited (a new id), the extractor reads it otherwise, its paragraph is
// removed. The site read from a snapshot, the serving site and the export
// agree, and an id that was never a claim still answers 404.
func TestFormerClaims(t *testing.T) {
	seed := seedLines(t)
	first := openSnapshot(t, storedDB(t, version{name: seedName, data: readSeed(t)}))
	var claims []argument.Sentence
	for _, p := range first.Analysis.Paragraphs {
		for _, s := range p.Sentences {
			if s.Role == argument.Claim {
				claims = append(claims, s)
			}
		}
	}
	if len(claims) < 3 {
		t.Fatalf("the seed has %d claims, want 3 to retire", len(claims))
	}
	edited, reread, removed := claims[0], claims[1], claims[2]
	pidOfSID := func(sid string) string { pid, _, _ := argument.SplitSentenceID(sid); return pid }
	if pidOfSID(edited.ID) == pidOfSID(removed.ID) || pidOfSID(reread.ID) == pidOfSID(removed.ID) {
		t.Fatalf("claims %s, %s and %s: the one to remove shares a paragraph", edited.ID, reread.ID, removed.ID)
	}
	join := func(lines []string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }
	// Revision 2 edits one claim's sentence; revision 3 also removes the
	// paragraph of another and reads a third as evidence.
	two := slices.Clone(seed)
	for i, l := range two {
		two[i] = strings.Replace(l, edited.Text, strings.Replace(edited.Text, " ", " indeed ", 1), 1)
	}
	three := slices.DeleteFunc(slices.Clone(two), func(l string) bool { return strings.Contains(l, removed.Text) })
	if len(three) != len(two)-1 || slices.Equal(two, seed) {
		t.Fatal("the revisions did not change the text as planned")
	}
	asEvidence := func(t *testing.T, a *argument.Analysis) {
		for i := range a.Paragraphs {
			for j := range a.Paragraphs[i].Sentences {
				if s := &a.Paragraphs[i].Sentences[j]; s.Text == reread.Text {
					s.Role = argument.Evidence
					return
				}
			}
		}
		t.Fatalf("no sentence %q to read as evidence", reread.Text)
	}
	db := storedDB(t,
		version{name: seedName, data: join(seed)},
		version{name: seedName, data: join(two)},
		version{name: seedName, data: join(three), edit: asEvidence},
	)
	snap := openSnapshot(t, db)
	got := map[string]store.FormerClaim{}
	for _, c := range snap.FormerClaims {
		got[c.SID] = c
	}
	for _, c := range []argument.Sentence{edited, reread, removed} {
		// The edited sentence was last a claim in revision 1, the others
		// in revision 2.
		want := store.FormerClaim{SID: c.ID, PID: pidOfSID(c.ID), Revision: 2, Role: argument.Claim, Text: c.Text}
		if c == edited {
			want.Revision = 1
		}
		if got[c.ID] != want {
			t.Errorf("former claim %s = %+v, want %+v", c.ID, got[c.ID], want)
		}
	}
	for sid := range got {
		if s, ok := findSentence(snap.Analysis, sid); ok && isClaim(s.Role) {
			t.Errorf("former claim %s is a claim of the current revision", sid)
		}
	}

	dir := t.TempDir()
	full, served := newSite(t, snap), newServedSite(t, db)
	if err := full.Export(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	var twins []string
	for _, site := range []*Site{full, served} {
		ts := serve(t, site)
		for _, c := range []argument.Sentence{edited, reread, removed} {
			p := claimPath(c.ID)
			html, twin := fetch(t, ts.Client(), ts.URL, p), fetch(t, ts.Client(), ts.URL, jsonPath(p))
			if html.status != http.StatusGone || !html.isHTML() || twin.status != http.StatusGone || !twin.isJSON() {
				t.Fatalf("GET %s = %d %s, its twin %d %s; want 410 HTML and JSON", p, html.status, html.ctype, twin.status, twin.ctype)
			}
			twins = append(twins, twin.body)
			var v formerClaimPage
			if err := json.Unmarshal([]byte(twin.body), &v); err != nil {
				t.Fatal(err)
			}
			pid := pidOfSID(c.ID)
			if v.Last.Text != c.Text || !strings.Contains(html.body, c.Text) {
				t.Errorf("GET %s does not show the claim as it stood (%q)", p, c.Text)
			}
			if want := versionPath(pid, 1) + "#" + c.ID; v.Version != want {
				t.Errorf("GET %s: version_url %q, want %q", p, v.Version, want)
			}
			base, frag, _ := strings.Cut(v.Version, "#")
			if at := fetch(t, ts.Client(), ts.URL, base); at.status != http.StatusOK || !slices.Contains(attrs(idRE, at.body), frag) {
				t.Errorf("GET %s = %d, or it has no anchor %s", base, at.status, frag)
			}
			if (v.Now != nil) != (c == reread) || v.Removed != (c == removed) {
				t.Errorf("GET %s: now %+v, paragraph removed %v", p, v.Now, v.Removed)
			}
			if c == reread && (v.Now.Role != argument.Evidence || !strings.Contains(html.body, `href="`+v.Now.URL+`"`)) {
				t.Errorf("GET %s: the sentence now is %+v, or the page does not link it", p, v.Now)
			}
			if c == edited && (len(v.Claims) == 0 || fetch(t, ts.Client(), ts.URL, v.Claims[0].URL).status != http.StatusOK) {
				t.Errorf("GET %s: the paragraph's claims now %+v, want one that answers 200", p, v.Claims)
			}
			if want := map[bool]int{false: http.StatusOK, true: http.StatusGone}[c == removed]; fetch(t, ts.Client(), ts.URL, v.Paragraph).status != want {
				t.Errorf("GET %s: its paragraph %s does not answer %d", p, v.Paragraph, want)
			}
			if site == full {
				file, err := os.ReadFile(filepath.Join(dir, "claims", c.ID, "index.html"))
				if err != nil || string(file) != html.body {
					t.Errorf("the export's %s is not the page served (%v)", p, err)
				}
			}
		}
		for _, p := range []string{claimPath(first.Analysis.Paragraphs[len(first.Analysis.Paragraphs)-1].Sentences[0].ID), "/claims/9999.1"} {
			if got := fetch(t, ts.Client(), ts.URL, p).status; got != http.StatusNotFound {
				t.Errorf("GET %s (never a claim) = %d, want 404", p, got)
			}
		}
	}
	for i := range len(twins) / 2 {
		if twins[i] != twins[i+len(twins)/2] {
			t.Errorf("the snapshot site and the serving site differ:\n%s\n%s", twins[i], twins[i+len(twins)/2])
		}
	}
}

// findSentence returns sentence sid of a.
func findSentence(a argument.Analysis, sid string) (argument.Sentence, bool) {
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			if s.ID == sid {
				return s, true
			}
		}
	}
	return argument.Sentence{}, false
}
