package server

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// goldenEssay is a long essay (three pages of paragraphs, so that a
// serving site streams its downloads) whose argument is set by
// goldenArgument rather than by the extractor, so that its exports change
// only when the exports do.
func goldenEssay() []byte {
	var b strings.Builder
	b.WriteString("A golden essay about bridges\n\n")
	for i := range 3*essayPageSize - 20 {
		fmt.Fprintf(&b, "Bridge %d carries the road over water. Engineers said it was built in year %d. ", i+1, 1900+i)
		if i%3 == 0 {
			fmt.Fprintf(&b, "Critics called it *slow* [%d] and a_b #%d.", i, i)
		}
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}

// goldenArgument gives every sentence a role, each one not none at most
// one relation (supports and attacks, near and far), and some sentences
// quotes, with a speaker, a speaker's role only, or neither; some quotes
// are in sentences that are not statements.
func goldenArgument(t *testing.T, a *argument.Analysis) {
	r := rand.New(rand.NewPCG(7, 11))
	var sids []string
	role := map[string]argument.Role{}
	text := map[string]string{}
	for pi := range a.Paragraphs {
		for si := range a.Paragraphs[pi].Sentences {
			s := &a.Paragraphs[pi].Sentences[si]
			s.Restates = ""
			switch n := r.IntN(20); {
			case len(sids) == 1:
				s.Role = argument.MajorClaim
			case n < 7:
				s.Role = argument.Claim
			case n < 13:
				s.Role = argument.Evidence
			case n < 17:
				s.Role = argument.Background
			default:
				s.Role = argument.None
			}
			sids = append(sids, s.ID)
			role[s.ID], text[s.ID] = s.Role, s.Text
		}
	}
	a.Relations = nil
	for i, from := range sids {
		if role[from] == argument.None || r.IntN(4) == 0 {
			continue
		}
		// a sentence near it or anywhere, never itself or one of role none
		j := i + r.IntN(9) - 4
		if r.IntN(3) == 0 {
			j = r.IntN(len(sids))
		}
		if j < 0 || j >= len(sids) || j == i || role[sids[j]] == argument.None {
			continue
		}
		kind := argument.Support
		if r.IntN(4) == 0 {
			kind = argument.Attack
		}
		a.Relations = append(a.Relations, argument.Relation{From: from, To: sids[j], Kind: kind, Confidence: 0.5, Why: "set by the test"})
	}
	a.Figures = nil
	for i, sid := range sids {
		if i%5 != 2 || !strings.Contains(text[sid], "built in") {
			continue
		}
		f := argument.Figure{Sentence: sid, Kind: argument.Quote, Text: "built in"}
		switch i % 3 {
		case 0:
			f.Speaker = fmt.Sprintf("Ann Lee %d", i%5)
		case 1:
			f.SpeakerRole = "an engineer"
		}
		a.Figures = append(a.Figures, f)
	}
	if len(a.Relations) < 100 || len(a.Figures) < 20 {
		t.Fatalf("the golden essay has %d relations and %d quotes, too few to show anything", len(a.Relations), len(a.Figures))
	}
}

// TestExportsGolden: the AIF and Argdown exports of a long essay are the
// bytes in testdata/, from a serving site (streamed over HTTP, read from
// the database by places) and from a site over the snapshot in memory,
// with Argdown's statements read in batches as usual and three at a time.
// Refresh with -update, and review the diff: a change is a change of the
// files people downloaded.
func TestExportsGolden(t *testing.T) {
	db := storedDB(t, version{name: "golden.txt", data: goldenEssay(), edit: goldenArgument})
	served := newServedSite(t, db)
	if served.paragraphs <= essayPageSize {
		t.Fatalf("the golden essay has %d paragraphs, want more than a page (%d)", served.paragraphs, essayPageSize)
	}
	full := newSite(t, openSnapshot(t, db))
	ts := httptest.NewServer(served.Handler())
	defer ts.Close()
	for _, c := range []struct {
		path  string
		batch int
	}{{"/export/aif.json", argdownBatch}, {"/export/argdown", argdownBatch}, {"/export/argdown", 3}} {
		p := c.path
		t.Run(fmt.Sprintf("%s batch %d", p, c.batch), func(t *testing.T) {
			defer func(n int) { argdownBatch = n }(argdownBatch)
			argdownBatch = c.batch
			resp, err := http.Get(ts.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusOK || resp.ContentLength >= 0 {
				t.Fatalf("GET %s: %d, Content-Length %d, want 200 streamed (no length)", p, resp.StatusCode, resp.ContentLength)
			}
			got = unstamped(got)
			golden := filepath.Join("testdata", "golden"+strings.ReplaceAll(p, "/", "-")+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("GET %s: %d bytes, not the %d of %s (first difference at byte %d)", p, len(got), len(want), golden, firstDiff(got, want))
			}
			mem, err := full.render(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			if body := unstamped(mem.body); !bytes.Equal(body, want) {
				t.Errorf("%s in memory: %d bytes, not the %d of %s (first difference at byte %d)", p, len(body), len(want), golden, firstDiff(body, want))
			}
		})
	}
}

// stamp is an AIF timestamp: the time of the ingest, which a golden file
// cannot hold.
var stamp = regexp.MustCompile(`"timestamp": "\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"`)

// unstamped is body with every AIF timestamp the same.
func unstamped(body []byte) []byte {
	return stamp.ReplaceAll(body, []byte(`"timestamp": "2000-01-01 00:00:00"`))
}

// firstDiff is the offset of the first byte where a and b differ.
func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
