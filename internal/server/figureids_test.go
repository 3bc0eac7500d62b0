package server

import (
	"encoding/csv"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
)

// TestFigureIDsStable: a figure's anchor on /figures is named by its
// sentence, so a revision that adds figures before it leaves it as it
// was; the anchors are unique, /figures.csv gives the same ones, and on a
// paged list the serving site names them as the site from a snapshot does.
func TestFigureIDsStable(t *testing.T) {
	seed := seedLines(t)
	two := slices.Clone(seed)
	k := lineIndex(t, two, sNews) // the seed's second body paragraph
	two = slices.Insert(two, k, "In 2019 the council spent $3.5 million on repairs, and 42 percent of residents walk to work.")
	db := storedDB(t, version{name: seedName, data: []byte(strings.Join(seed, "\n") + "\n")})
	first := figureIDs(t, newSite(t, openSnapshot(t, db)))
	ingestText(t, db, seedName, []byte(strings.Join(two, "\n")+"\n"))
	for _, site := range []*Site{newSite(t, openSnapshot(t, db)), newServedSite(t, db)} {
		second := figureIDs(t, site)
		if len(second) < len(first)+2 {
			t.Fatalf("the revision has %d figures, want at least %d", len(second), len(first)+2)
		}
		for text, id := range first {
			if second[text] != id {
				t.Errorf("figure %q was %s, is %s after a revision added figures before it", text, id, second[text])
			}
		}
	}
	// A paged list: the second page's anchors are the sentence's, from 1.
	long, served := longSites(t, 2*figuresPageSize)
	a, b := figureIDs(t, long), figureIDs(t, served)
	if len(a) <= figuresPageSize || !maps.Equal(a, b) {
		t.Errorf("long essay: %d figures; the snapshot site and the serving site agree: %v", len(a), maps.Equal(a, b))
	}
}

// figureIDs fetches every page of /figures.json and /figures.csv and
// returns each figure's anchor by its sentence and text, checking that
// anchors are unique and that the CSV names them the same.
func figureIDs(t *testing.T, site *Site) map[string]string {
	t.Helper()
	ts := serve(t, site)
	out := map[string]string{}
	seen := map[string]bool{}
	for n := 1; ; n++ {
		got := fetch(t, ts.Client(), ts.URL, jsonPath(pagedPath("/figures", n)))
		if got.status != 200 {
			if n == 1 {
				t.Fatalf("GET /figures.json = %d", got.status)
			}
			break
		}
		var page struct {
			Figures []struct {
				ID       string `json:"id"`
				Sentence string `json:"sentence"`
				Text     string `json:"text"`
			} `json:"figures"`
			Pager *pager `json:"pager"`
		}
		if err := json.Unmarshal([]byte(got.body), &page); err != nil {
			t.Fatal(err)
		}
		for _, f := range page.Figures {
			if seen[f.ID] || !strings.HasPrefix(f.ID, "fig-"+f.Sentence+"-") || !argument.ValidID(strings.TrimPrefix(f.ID, "fig-")) {
				t.Errorf("figure %q of sentence %s has anchor %q (twice: %v)", f.Text, f.Sentence, f.ID, seen[f.ID])
			}
			seen[f.ID] = true
			out[f.Sentence+" "+f.Text] = f.ID
		}
		if page.Pager == nil {
			break
		}
	}
	rows, err := csv.NewReader(strings.NewReader(fetch(t, ts.Client(), ts.URL, "/figures.csv").body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		if out[r[1]+" "+r[4]] != r[0] {
			t.Errorf("/figures.csv names figure %q of %s %q, /figures.json %q", r[4], r[1], r[0], out[r[1]+" "+r[4]])
		}
	}
	if len(rows)-1 != len(out) {
		t.Errorf("/figures.csv has %d figures, /figures.json %d", len(rows)-1, len(out))
	}
	return out
}
