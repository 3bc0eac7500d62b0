package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/store"
)

// syntaxEssay is full of characters that mean something in Argdown,
// Markdown, CSV and HTML.
const syntaxEssay = `Title: a_b *c* and [x](y)
A thesis with #hashtag, <Argument>, [Statement] and {key: value}. It cites .pi. and :smile: and U.S. data.
Comments // like this and /* this */ and <!-- this --> must stay text. Then +1 and -2 and a \ backslash, "quotes", commas, semicolons; and a_b_c.
- A line that starts with a dash. = starts with equals. > quoted? ---- four hyphens.
`

// syntaxSnapshot gives every sentence of syntaxEssay a role and links
// them with supports and attacks. (A repeated relation or a loop is no
// longer possible: Analysis.Validate refuses them at ingest.)
func syntaxSnapshot(t *testing.T) *store.Snapshot {
	t.Helper()
	return storedSnapshot(t, version{name: "syntax.txt", data: []byte(syntaxEssay), edit: func(t *testing.T, a *argument.Analysis) {
		var sids []string
		roles := []argument.Role{argument.MajorClaim, argument.Claim, argument.Evidence, argument.Background, argument.Evidence}
		for pi := range a.Paragraphs {
			for si := range a.Paragraphs[pi].Sentences {
				s := &a.Paragraphs[pi].Sentences[si]
				s.Role = roles[len(sids)%len(roles)]
				sids = append(sids, s.ID)
			}
		}
		if len(sids) < 5 {
			t.Fatalf("the syntax essay has %d sentences, want at least 5", len(sids))
		}
		a.Relations = []argument.Relation{
			{From: sids[1], To: sids[0], Kind: argument.Support},
			{From: sids[2], To: sids[1], Kind: argument.Support},
			{From: sids[3], To: sids[1], Kind: argument.Attack},
			{From: sids[4], To: sids[0], Kind: argument.Attack},
		}
		a.Figures = nil
		for _, p := range a.Paragraphs {
			for _, s := range p.Sentences {
				if strings.Contains(s.Text, "like this") {
					a.Figures = append(a.Figures, argument.Figure{Sentence: s.ID, Kind: argument.Quote, Text: "like this", Speaker: "Ann"})
				}
			}
		}
		if len(a.Figures) != 1 {
			t.Fatalf("the syntax essay has %d sentences with the quoted words, want 1", len(a.Figures))
		}
	}})
}

// exportFixtures are the snapshots every export is checked on.
func exportFixtures(t *testing.T) map[string]*store.Snapshot {
	f := fixtures(t)
	f["syntax"] = syntaxSnapshot(t)
	return f
}

// wantCounts is what the exports of snap must hold, worked out from the
// analysis: statements are the thesis, claims and evidence and every
// sentence a relation links; relations are those between two different
// known sentences, each (from, to, kind) once.
func wantCounts(snap *store.Snapshot) (statements map[string]bool, relations int) {
	known := map[string]bool{}
	statements = map[string]bool{}
	for _, p := range snap.Analysis.Paragraphs {
		for _, s := range p.Sentences {
			known[s.ID] = true
			switch s.Role {
			case argument.MajorClaim, argument.Claim, argument.Evidence:
				statements[s.ID] = true
			}
		}
	}
	seen := map[string]bool{}
	for _, r := range snap.Analysis.Relations {
		key := r.From + " " + r.To + " " + string(r.Kind)
		if !known[r.From] || !known[r.To] || r.From == r.To || seen[key] {
			continue
		}
		seen[key] = true
		statements[r.From], statements[r.To] = true, true
		relations++
	}
	return statements, relations
}

type aifJSON struct {
	Nodes []struct {
		NodeID, Text, Type, Sentence string
	}
	Edges []struct {
		EdgeID, FromID, ToID string
	}
	Locutions []struct {
		NodeID, PersonID string
	}
	Participants []struct {
		ParticipantID, Firstname, Surname string
	}
}

// TestAIF checks the structure of /export/aif.json.
func TestAIF(t *testing.T) {
	for name, snap := range exportFixtures(t) {
		t.Run(name, func(t *testing.T) {
			ts := serve(t, newSite(t, snap))
			got := fetch(t, http.DefaultClient, ts.URL, "/export/aif.json")
			if got.status != http.StatusOK || !got.isJSON() {
				t.Fatalf("GET /export/aif.json = %d %s", got.status, got.ctype)
			}
			var doc aifJSON
			if err := json.Unmarshal([]byte(got.body), &doc); err != nil {
				t.Fatal(err)
			}
			types := map[string]string{}
			for _, n := range doc.Nodes {
				if n.NodeID == "" {
					t.Errorf("node %+v has no id", n)
				}
				if _, dup := types[n.NodeID]; dup {
					t.Errorf("node id %s is used twice", n.NodeID)
				}
				types[n.NodeID] = n.Type
				switch n.Type {
				case "I", "L":
					if n.Text == "" {
						t.Errorf("%s-node %s has no text", n.Type, n.NodeID)
					}
				case "RA", "CA", "YA":
				default:
					t.Errorf("node %s has type %q", n.NodeID, n.Type)
				}
			}
			in, out := map[string][]string{}, map[string][]string{}
			edgeIDs := map[string]bool{}
			for _, e := range doc.Edges {
				if edgeIDs[e.EdgeID] || e.EdgeID == "" {
					t.Errorf("edge id %q is empty or used twice", e.EdgeID)
				}
				edgeIDs[e.EdgeID] = true
				if types[e.FromID] == "" || types[e.ToID] == "" {
					t.Errorf("edge %s goes from %q to %q: no such node", e.EdgeID, e.FromID, e.ToID)
				}
				out[e.FromID] = append(out[e.FromID], types[e.ToID])
				in[e.ToID] = append(in[e.ToID], types[e.FromID])
			}
			count := map[string]int{}
			for id, typ := range types {
				count[typ]++
				switch typ {
				case "RA", "CA":
					if len(in[id]) < 1 || len(out[id]) != 1 {
						t.Errorf("%s-node %s has %d incoming and %d outgoing edges, want at least 1 and exactly 1", typ, id, len(in[id]), len(out[id]))
					}
					for _, end := range append(in[id], out[id]...) {
						if end != "I" {
							t.Errorf("%s-node %s links a %s-node, want I-nodes", typ, id, end)
						}
					}
				case "YA":
					if strings.Join(in[id], ",") != "L" || strings.Join(out[id], ",") != "I" {
						t.Errorf("YA-node %s links %v → %v, want L → I", id, in[id], out[id])
					}
				case "L":
					if strings.Join(out[id], ",") != "YA" {
						t.Errorf("L-node %s leads to %v, want one YA-node", id, out[id])
					}
				}
			}
			statements, relations := wantCounts(snap)
			has := map[string]bool{}
			for _, n := range doc.Nodes {
				if n.Type == "I" {
					has[n.Sentence] = true
				}
			}
			for sid := range statements {
				if !has[sid] {
					t.Errorf("no I-node for sentence %s", sid)
				}
			}
			if count["RA"]+count["CA"] != relations {
				t.Errorf("%d RA- and %d CA-nodes, want %d relations", count["RA"], count["CA"], relations)
			}
			quotes := 0
			for _, f := range snap.Analysis.Figures {
				if f.Kind == argument.Quote {
					quotes++
				}
			}
			if count["L"] != quotes || count["YA"] != quotes || len(doc.Locutions) != quotes {
				t.Errorf("%d L-nodes, %d YA-nodes, %d locutions; want %d of each (one per quote)", count["L"], count["YA"], len(doc.Locutions), quotes)
			}
			people := map[string]bool{}
			for _, p := range doc.Participants {
				people[p.ParticipantID] = true
			}
			for _, l := range doc.Locutions {
				if types[l.NodeID] != "L" || !people[l.PersonID] {
					t.Errorf("locution %+v: want an L-node and a participant", l)
				}
			}
		})
	}
}

// TestAIFQuoteSpeaker checks the seed's quote: its speaker is a
// participant and its L-node is anchored on the quoting sentence.
func TestAIFQuoteSpeaker(t *testing.T) {
	ts := serve(t, newSite(t, richSnapshot(t)))
	var doc aifJSON
	if err := json.Unmarshal([]byte(fetch(t, http.DefaultClient, ts.URL, "/export/aif.json").body), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Participants) != 1 || doc.Participants[0].Firstname != "Mikhail" || doc.Participants[0].Surname != "Matveyev" {
		t.Errorf("participants = %+v, want Mikhail Matveyev", doc.Participants)
	}
	var found bool
	for _, n := range doc.Nodes {
		if n.Type == "L" && n.Text == "Mikhail Matveyev: Where are the Tajik battalions?" {
			found = true
		}
	}
	if !found {
		t.Errorf("no L-node with the speaker and the quote in %+v", doc.Nodes)
	}
}

// argdownCLI returns the path of the argdown command from @argdown/cli:
// $ARGDOWN_CLI, else the copy `make argdown` (and .ci/run) install under
// .cache/argdown; it skips the test when node or the package is missing.
func argdownCLI(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("skipped: node is not installed; the Argdown export is checked with @argdown/cli (run `make argdown` or .ci/run)")
	}
	cli := os.Getenv("ARGDOWN_CLI")
	if cli == "" {
		abs, err := filepath.Abs("../../.cache/argdown/node_modules/.bin/argdown")
		if err != nil {
			t.Fatal(err)
		}
		cli = abs
	}
	if _, err := os.Stat(cli); err != nil {
		t.Skipf("skipped: @argdown/cli not found at %s; install it with `make argdown` (npm install --prefix .cache/argdown @argdown/cli@1.7.5) or set ARGDOWN_CLI", cli)
	}
	return cli
}

// TestArgdownParses runs the real Argdown parser on the export of every
// fixture and checks that it reports no error and finds as many
// statements and relations as the map has.
func TestArgdownParses(t *testing.T) {
	cli := argdownCLI(t)
	snaps := exportFixtures(t)
	dir := t.TempDir()
	for name, snap := range snaps {
		ts := serve(t, newSite(t, snap))
		got := fetch(t, http.DefaultClient, ts.URL, "/export/argdown")
		if got.status != http.StatusOK || got.ctype != "text/plain; charset=utf-8" {
			t.Fatalf("%s: GET /export/argdown = %d %s", name, got.status, got.ctype)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".argdown"), []byte(got.body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// One run for all files: node takes a second to start.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, cli, "json", filepath.Join(dir, "*.argdown"), filepath.Join(dir, "out"))
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "FORCE_COLOR=0")
	output, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("argdown json: %v\n%s", err, output)
	}
	if bytes.Contains(bytes.ToLower(output), []byte("error")) || bytes.Contains(output, []byte("canceled")) {
		t.Errorf("argdown json reports errors:\n%s", output)
	}
	for name, snap := range snaps {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, "out", name+".json"))
			if err != nil {
				t.Fatalf("argdown wrote no JSON for %s: %v\n%s", name, err, output)
			}
			var doc struct {
				Statements map[string]struct {
					Members []struct{ Text string }
				}
				Relations []struct {
					From, To, RelationType string
				}
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			statements, relations := wantCounts(snap)
			if len(doc.Statements) != len(statements) || len(doc.Relations) != relations {
				t.Errorf("Argdown finds %d statements and %d relations, want %d and %d", len(doc.Statements), len(doc.Relations), len(statements), relations)
			}
			// The text survives the escaping: each statement's text, its
			// tag and link removed, is its sentence.
			text := map[string]string{}
			for _, p := range snap.Analysis.Paragraphs {
				for _, s := range p.Sentences {
					text[s.ID] = strings.Join(strings.Fields(s.Text), " ")
				}
			}
			for title, st := range doc.Statements {
				sid := title[strings.LastIndexByte(title, ' ')+1:]
				if len(st.Members) == 0 {
					continue
				}
				got := tagAndLink.ReplaceAllString(st.Members[0].Text, "")
				if got != text[sid] {
					t.Errorf("statement [%s] has text %q, want %q", title, got, text[sid])
				}
			}
		})
	}
}

// tagAndLink is what the export appends to a statement, as Argdown gives
// it back: " #role ¶pid".
var tagAndLink = regexp.MustCompile(` #[a-z-]+ ¶[A-Za-z0-9_-]+$`)

// TestCSV reads both CSV files back.
func TestCSV(t *testing.T) {
	for name, snap := range exportFixtures(t) {
		t.Run(name, func(t *testing.T) {
			ts := serve(t, newSite(t, snap))
			read := func(p string) [][]string {
				got := fetch(t, http.DefaultClient, ts.URL, p)
				if got.status != http.StatusOK || got.ctype != "text/csv; charset=utf-8" {
					t.Fatalf("GET %s = %d %s", p, got.status, got.ctype)
				}
				rows, err := csv.NewReader(strings.NewReader(got.body)).ReadAll()
				if err != nil {
					t.Fatalf("GET %s: %v", p, err)
				}
				return rows
			}
			figures := read("/figures.csv")
			if strings.Join(figures[0], ",") != strings.Join(figuresCSVHeader, ",") || len(figures) != len(snap.Analysis.Figures)+1 {
				t.Errorf("/figures.csv has header %v and %d rows, want %v and %d", figures[0], len(figures)-1, figuresCSVHeader, len(snap.Analysis.Figures))
			}
			for i, f := range snap.Analysis.Figures {
				if row := figures[i+1]; row[1] != f.Sentence || row[4] != safeCell(f.Text) || row[5] != safeCell(f.Value.String()) {
					t.Errorf("/figures.csv row %d = %v, want sentence %s, text %q, value %q", i+1, row, f.Sentence, f.Text, f.Value.String())
				}
			}
			sentences := read("/sentences.csv")
			i := 1
			for _, p := range snap.Analysis.Paragraphs {
				for _, s := range p.Sentences {
					if i >= len(sentences) {
						t.Fatalf("/sentences.csv has %d rows, too few", len(sentences)-1)
					}
					row := sentences[i]
					want := []string{s.ID, p.ID, string(p.Kind), "", string(s.Role), s.Text}
					if row[0] != want[0] || row[1] != want[1] || row[2] != want[2] || row[4] != want[4] || row[5] != safeCell(want[5]) ||
						row[9] != testBase+"/p/"+p.ID+"#"+s.ID {
						t.Errorf("/sentences.csv row %d = %q, want %q", i, row, want)
					}
					i++
				}
			}
			if i != len(sentences) {
				t.Errorf("/sentences.csv has %d rows, want %d", len(sentences)-1, i-1)
			}
		})
	}
}

// TestAPI checks that /api lists every JSON answer and export of the site
// and that each example answers.
func TestAPI(t *testing.T) {
	snap := richSnapshot(t)
	site := newSite(t, snap)
	ts := serve(t, site)
	var api struct {
		JSON, Exports []struct {
			Path, Type, Example string
		}
	}
	if err := json.Unmarshal([]byte(fetch(t, http.DefaultClient, ts.URL, "/api.json").body), &api); err != nil {
		t.Fatal(err)
	}
	var patterns []*regexp.Regexp
	for _, e := range append(api.JSON, api.Exports...) {
		path, _, _ := strings.Cut(e.Path, "?")
		re := "^" + regexp.MustCompile(`\\\{[a-z]+\\\}`).ReplaceAllString(regexp.QuoteMeta(path), `[^/]+`) + "$"
		patterns = append(patterns, regexp.MustCompile(re))
		if e.Example == "" {
			continue
		}
		ex, ok := strings.CutPrefix(e.Example, testBase)
		if !ok {
			t.Errorf("%s: example %s is not on %s", e.Path, e.Example, testBase)
			continue
		}
		got := fetch(t, http.DefaultClient, ts.URL, ex)
		if got.status != http.StatusOK || !strings.HasPrefix(got.ctype, strings.SplitN(e.Type, ";", 2)[0]) {
			t.Errorf("GET %s = %d %s, want 200 %s", ex, got.status, got.ctype, e.Type)
		}
	}
	for _, p := range site.Paths() {
		if site.isPage(p) || strings.HasPrefix(p, "/static/") {
			continue
		}
		listed := false
		for _, re := range patterns {
			listed = listed || re.MatchString(p)
		}
		if !listed {
			t.Errorf("/api lists no endpoint for %s", p)
		}
	}
}

// TestExportedSearch checks that an exported site's /search says that
// search needs the server.
func TestExportedSearch(t *testing.T) {
	site := newSite(t, seedSnapshot(t))
	dir := t.TempDir()
	if err := site.Export(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"search/index.html", "search.json", "api/index.html", "api.json", "export/aif.json", "export/argdown", "figures.csv", "sentences.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Errorf("Export wrote no %s: %v", f, err)
			continue
		}
		if strings.HasPrefix(f, "search") && !strings.Contains(string(b), "Search needs the argmap server") {
			t.Errorf("exported %s does not say that search needs the server", f)
		}
	}
}

// TestMoneyCurrency: a money figure's currency is on /figures with its
// value ("€5,000,000"), in /figures.json as "currency" and in the last
// column of /figures.csv; money whose currency the words do not say
// ("40 francs") has none.
func TestMoneyCurrency(t *testing.T) {
	text := "Why cities should fund their libraries\n" +
		"Cities should fund public libraries, because they pay for themselves.\n" +
		"The city spent €5 million on its libraries, and the number of visits doubled.\n" +
		"A museum ticket costs 40 francs, while the library is free to all.\n"
	snap := storedSnapshot(t, version{name: "libraries.txt", data: []byte(text)})
	ts := serve(t, newSite(t, snap))

	if body := fetch(t, http.DefaultClient, ts.URL, "/figures").body; !strings.Contains(body, "€5,000,000") {
		t.Errorf("/figures does not show the value €5,000,000")
	}
	var twin struct {
		Figures []struct {
			Text     string  `json:"text"`
			Value    float64 `json:"value"`
			Currency *string `json:"currency"`
		} `json:"figures"`
	}
	if err := json.Unmarshal([]byte(fetch(t, http.DefaultClient, ts.URL, "/figures.json").body), &twin); err != nil {
		t.Fatal(err)
	}
	currency := map[string]string{}
	for _, f := range twin.Figures {
		if f.Currency != nil {
			currency[f.Text] = *f.Currency
		}
	}
	if want := map[string]string{"€5 million": "EUR"}; !reflect.DeepEqual(currency, want) {
		t.Errorf("/figures.json currencies = %v, want %v", currency, want)
	}

	rows, err := csv.NewReader(strings.NewReader(fetch(t, http.DefaultClient, ts.URL, "/figures.csv").body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0][len(rows[0])-1]; got != "currency" {
		t.Fatalf("/figures.csv last column = %q, want currency", got)
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[4]] = r[len(r)-1]
	}
	if want := map[string]string{"€5 million": "EUR", "40 francs": ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("/figures.csv text → currency = %v, want %v", got, want)
	}
}
