package server

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/store"
)

// svgDoc is what the tests read back from a drawn map.
type svgDoc struct {
	ViewBox string    `xml:"viewBox,attr"`
	Nodes   []svgNode `xml:"a"`
	Edges   []svgEdge `xml:"g"`
}

type svgNode struct {
	Class string `xml:"class,attr"`
	Href  string `xml:"href,attr"`
	Title string `xml:"title"`
	Text  []struct {
		Class string   `xml:"class,attr"`
		Spans []string `xml:"tspan"`
		Chars string   `xml:",chardata"`
	} `xml:"text"`
}

type svgEdge struct {
	Class string `xml:"class,attr"`
	Path  struct {
		Dash string `xml:"stroke-dasharray,attr"`
	} `xml:"path"`
	Label string `xml:"text"`
}

// drawnMaps returns the SVG drawings of a page, by class.
func drawnMaps(t *testing.T, body string) map[string]svgDoc {
	t.Helper()
	out := map[string]svgDoc{}
	re := regexp.MustCompile(`(?s)<svg xmlns="http://www.w3.org/2000/svg" class="argmap-svg ([a-z-]+)[^"]*".*?</svg>`)
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		var d svgDoc
		if err := xml.Unmarshal([]byte(m[0]), &d); err != nil {
			t.Fatalf("the %s drawing is not well-formed XML: %v", m[1], err)
		}
		out[m[1]] = d
	}
	return out
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	return string(b)
}

// TestMapDiagram checks both drawings of /map against the analysis: every
// thesis, claim and evidence sentence is a node linking to its claim page
// or sentence and named by its whole text; every relation is a line with
// its kind's label, dashed exactly when it is an attack.
func TestMapDiagram(t *testing.T) {
	for _, name := range []string{"seed", "rich", "injection"} {
		t.Run(name, func(t *testing.T) {
			snap := fixtures(t)[name]
			ts := serve(t, newSite(t, snap))
			maps := drawnMaps(t, get(t, ts.URL+"/map"))
			if len(maps) != 2 {
				t.Fatalf("/map has drawings %v, want map-wide and map-narrow", len(maps))
			}
			a := snap.Analysis
			pid := map[string]string{}
			for _, p := range a.Paragraphs {
				for _, s := range p.Sentences {
					pid[s.ID] = p.ID
				}
			}
			for class, d := range maps {
				nodes := map[string]svgNode{}
				for _, n := range d.Nodes {
					if _, seen := nodes[n.Href]; !seen {
						nodes[n.Href] = n
					}
				}
				for _, p := range a.Paragraphs {
					for _, s := range p.Sentences {
						var href string
						switch s.Role {
						case argument.MajorClaim, argument.Claim:
							href = claimPath(s.ID)
						case argument.Evidence:
							href = sentencePath(p.ID, s.ID)
						default:
							continue
						}
						n, ok := nodes[href]
						if !ok && s.Role == argument.MajorClaim {
							// The rest of the thesis is drawn in its first
							// sentence's box.
							for _, m := range d.Nodes {
								if strings.Contains(m.Class, "role-major_claim") && strings.Contains(m.Title, s.Text) {
									n, ok = m, true
								}
							}
						}
						if !ok {
							t.Errorf("%s: no node links to %s (%s %s)", class, href, s.Role, s.ID)
							continue
						}
						if !strings.Contains(n.Title, s.Text) || !strings.Contains(n.Class, "role-"+string(s.Role)) {
							t.Errorf("%s: node %s has title %q and class %q, want the sentence and role-%s", class, href, n.Title, n.Class, s.Role)
						}
					}
				}
				labels := map[string]int{}
				for _, e := range d.Edges {
					if strings.Contains(e.Class, "rel-restates") {
						if e.Path.Dash == "" || e.Label != "restates the thesis" {
							t.Errorf("%s: restatement edge %q has dash %q, want dotted and labelled", class, e.Label, e.Path.Dash)
						}
						continue
					}
					labels[e.Label]++
					attack := strings.Contains(e.Class, "rel-attack")
					if attack != (e.Path.Dash != "") {
						t.Errorf("%s: edge %q of class %q has dash %q: want dashed exactly for attacks", class, e.Label, e.Class, e.Path.Dash)
					}
					if attack != strings.HasPrefix(e.Label, "attacks ") {
						t.Errorf("%s: edge of class %q is labelled %q", class, e.Class, e.Label)
					}
				}
				want := map[string]int{}
				role := map[string]argument.Role{}
				for _, p := range a.Paragraphs {
					for _, s := range p.Sentences {
						role[s.ID] = s.Role
					}
				}
				for _, r := range a.Relations {
					if pid[r.From] == "" || pid[r.To] == "" {
						continue
					}
					want[edgeLabel(r.Kind, sentenceView{ID: r.To, PID: pid[r.To], Role: role[r.To]})]++
				}
				if fmt.Sprint(labels) != fmt.Sprint(want) {
					t.Errorf("%s: edge labels %v, want one per relation %v", class, labels, want)
				}
			}
		})
	}
}

func TestWrapText(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		max   int
		want  []string
	}{
		{"one two three", 20, 3, []string{"one two three"}},
		{"one two three", 7, 3, []string{"one two", "three"}},
		{"one two three four five six", 7, 2, []string{"one two", "three…"}},
		{"abcdefghijkl", 8, 3, []string{"abcdefgh", "ijkl"}},
		{"  spaced   out  ", 20, 3, []string{"spaced out"}},
		{"", 10, 3, nil},
	} {
		got := wrapText(tc.in, tc.width, tc.max)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("wrapText(%q, %d, %d) = %q, want %q", tc.in, tc.width, tc.max, got, tc.want)
		}
		for _, l := range got {
			if n := len([]rune(l)); n > tc.width {
				t.Errorf("wrapText(%q, %d, %d): line %q has %d characters", tc.in, tc.width, tc.max, l, n)
			}
		}
	}
}

// BenchmarkMapDiagrams measures drawing both maps of the seed essay, the
// work NewSite adds for /map (go test -bench MapDiagrams).
func BenchmarkMapDiagrams(b *testing.B) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := essay.Parse(seedName, data)
	if err != nil {
		b.Fatal(err)
	}
	snap := &store.Snapshot{Analysis: *argument.Extract(doc), Current: store.Revision{Number: 1}}
	m, err := newModel(snap, testBase, testNow)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		m.mapPage()
	}
}

func TestSplitBalanced(t *testing.T) {
	for _, tc := range []struct {
		heights []float64
		n       int
		want    []int
	}{
		{[]float64{1, 1, 1, 1}, 4, []int{1, 1, 1, 1}},
		{[]float64{1, 1, 1, 1}, 2, []int{2, 2}},
		{[]float64{4, 1, 1, 1, 1}, 2, []int{1, 4}},
		{[]float64{1, 1, 1}, 1, []int{3}},
		{[]float64{5}, 3, []int{1}},
		{nil, 2, nil},
	} {
		got := splitBalanced(tc.heights, tc.n)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("splitBalanced(%v, %d) = %v, want %v", tc.heights, tc.n, got, tc.want)
		}
	}
}

// TestWideMapBounded checks that the wide drawing of an essay with many
// claims wraps them into columns no wider than dgMaxWide, so that a
// desktop window shows it.
func TestWideMapBounded(t *testing.T) {
	ts := serve(t, newSite(t, richSnapshot(t)))
	body := get(t, ts.URL+"/map")
	d := drawnMaps(t, body)["map-wide"]
	var x, y, w, h float64
	if _, err := fmt.Sscan(d.ViewBox, &x, &y, &w, &h); err != nil {
		t.Fatalf("viewBox %q: %v", d.ViewBox, err)
	}
	if w > dgMaxWide+dgMargin {
		t.Errorf("wide map is %.0f wide, want at most %.0f", w, dgMaxWide+dgMargin)
	}
	if !strings.Contains(body, `class="argmap-svg map-wide need-1280"`) && !strings.Contains(body, `class="argmap-svg map-wide need-1024"`) {
		t.Errorf("the wide map of the rich essay is not shown on a 1280 px window")
	}
}
