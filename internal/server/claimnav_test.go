package server

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/store"
)

// TestClaimNav checks the way around a claim page on the hand-built
// analysis: the path starts at the thesis and ends at the claim, previous
// and next walk every claim in reading order, and the focused map has the
// claim (emphasised), what it bears on and what bears on it.
func TestClaimNav(t *testing.T) {
	snap := richSnapshot(t)
	m, err := newModel(snap, testBase, testNow)
	if err != nil {
		t.Fatal(err)
	}
	thesis, claims := m.claimIDs()
	all := append(slices.Clone(thesis), claims...)
	for i, sid := range all {
		p := m.claimPage(sid)
		if n := len(p.Path); n == 0 || p.Path[n-1].URL != claimPath(sid) {
			t.Errorf("claim %s: path %v does not end at the claim", sid, p.Path)
		} else if p.Path[0].Label != "The thesis" && len(m.w().relFrom[sid]) > 0 {
			t.Errorf("claim %s: path %v does not start at the thesis", sid, p.Path)
		}
		var prev, next string
		if p.Prev != nil {
			prev = p.Prev.URL
		}
		if p.Next != nil {
			next = p.Next.URL
		}
		wantPrev, wantNext := "", ""
		if i > 0 {
			wantPrev = claimPath(all[i-1])
		}
		if i+1 < len(all) {
			wantNext = claimPath(all[i+1])
		}
		if prev != wantPrev || next != wantNext {
			t.Errorf("claim %s: previous %q, next %q; want %q, %q", sid, prev, next, wantPrev, wantNext)
		}
		// The pager names what it leads to: a thesis statement is not a claim.
		for _, l := range []*navLink{p.Prev, p.Next} {
			if l == nil {
				continue
			}
			want := "claim"
			if m.sentence(l.Label).Role == argument.MajorClaim {
				want = "thesis statement"
			}
			if l.Noun != want {
				t.Errorf("claim %s: the pager calls %s a %q, want %q", sid, l.Label, l.Noun, want)
			}
		}

		maps := drawnMaps(t, string(p.Map))
		d, ok := maps["map-focus"]
		if !ok {
			t.Fatalf("claim %s: no focused map", sid)
		}
		focus := 0
		hrefs := map[string]bool{}
		for _, n := range d.Nodes {
			hrefs[n.Href] = true
			if strings.Contains(n.Class, "focus") {
				focus++
				if n.Href != claimPath(sid) {
					t.Errorf("claim %s: emphasised node links to %s", sid, n.Href)
				}
			}
		}
		if focus == 0 {
			t.Errorf("claim %s: the focused map does not emphasise the claim", sid)
		}
		for _, ri := range append(slices.Clone(m.w().relFrom[sid]), m.w().relTo[sid]...) {
			r := m.w().a.Relations[ri]
			other := r.To
			if other == sid {
				other = r.From
			}
			if link := m.sentenceView(other).Link(); !hrefs[link] {
				t.Errorf("claim %s: focused map has no node for %s (%s)", sid, other, link)
			}
		}
	}
}

// TestEmptyMap checks the map of an analysis with nothing to draw.
func TestEmptyMap(t *testing.T) {
	snap := &store.Snapshot{Current: store.Revision{Number: 1}, Analysis: argument.Analysis{Title: "Empty",
		Paragraphs: []argument.Paragraph{{ID: "1", Kind: "body", Text: "Just a sentence.",
			Sentences: []argument.Sentence{{ID: "1.1", Text: "Just a sentence.", Role: argument.Background}}}}}}
	site := newSite(t, snap)
	ts := serve(t, site)
	body := get(t, ts.URL+"/map")
	if strings.Contains(body, `class="argmap-svg`) || !strings.Contains(body, "Nothing to draw") {
		t.Errorf("/map of an analysis without claims draws something or does not say so")
	}
}

// TestClaimPagerWords checks the served pager of the seed's claim pages:
// the first claim's "previous" is the last thesis statement and says so,
// and a claim's "next" is a claim.
func TestClaimPagerWords(t *testing.T) {
	snap := fixtures(t)["seed"]
	ts := serve(t, newSite(t, snap))
	m, err := newModel(snap, testBase, testNow)
	if err != nil {
		t.Fatal(err)
	}
	thesis, claims := m.claimIDs()
	if len(thesis) == 0 || len(claims) < 2 {
		t.Fatalf("the seed has %d thesis statements and %d claims", len(thesis), len(claims))
	}
	first := get(t, ts.URL+claimPath(claims[0]))
	if !strings.Contains(first, `rel="prev" href="`+claimPath(thesis[len(thesis)-1])+`">← previous thesis statement: `) {
		t.Errorf("%s: the pager's previous link is not the last thesis statement, named so", claimPath(claims[0]))
	}
	if !strings.Contains(first, `rel="next" href="`+claimPath(claims[1])+`">next claim: `) {
		t.Errorf("%s: the pager's next link is not the next claim, named so", claimPath(claims[0]))
	}
	if last := get(t, ts.URL+claimPath(thesis[len(thesis)-1])); !strings.Contains(last, `rel="next" href="`+claimPath(claims[0])+`">next claim: `) {
		t.Errorf("%s: the last thesis statement's next link is not the first claim, named so", claimPath(thesis[len(thesis)-1]))
	}
}

// TestClaimPathBounded: on an essay whose claims form one long chain (each
// paragraph's claim backs the one before), a claim page's path to the
// thesis shows at most maxPathSteps steps up, then "…" linked to the map,
// so the page does not grow with the chain; a claim near the thesis still
// shows the whole way, the thesis first.
func TestClaimPathBounded(t *testing.T) {
	lines := make([]string, 200)
	for i := range lines {
		lines[i] = "word"
	}
	db := storedDB(t, version{name: "words.txt", data: []byte(strings.Join(lines, "\n") + "\n")})
	for _, site := range []*Site{newSite(t, openSnapshot(t, db)), newServedSite(t, db)} {
		m, done, err := site.open(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer done()
		deep, shallow := "", ""
		for _, sid := range m.src.claims(argument.Claim, 0, -1) {
			var p claimPage
			m.claimNav(&p, sid)
			if len(p.Path) > maxPathSteps+2 {
				t.Fatalf("claim %s: a path of %d steps, want at most %d and an ellipsis", sid, len(p.Path), maxPathSteps+1)
			}
			switch {
			case p.Path[0].Label == "…":
				deep = sid
				if p.Path[0].URL != "/map" || len(p.Path) != maxPathSteps+2 {
					t.Errorf("claim %s: a cut path %+v, want an ellipsis to /map and %d steps", sid, p.Path, maxPathSteps+1)
				}
			case len(p.Path) >= 2 && shallow == "":
				shallow = sid
				if p.Path[0].Label != "The thesis" {
					t.Errorf("claim %s: a whole path %+v, want the thesis first", sid, p.Path)
				}
			}
		}
		if deep == "" || shallow == "" {
			t.Fatalf("the chain gave no deep claim (%q) or no shallow one (%q)", deep, shallow)
		}
	}
}
