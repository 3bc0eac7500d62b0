package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// The base essay of the revision tests: a title and six body paragraphs
// (provisional ids title, 1 … 6) of three sentences each.
const (
	tTitle = "Central Asians in Russia's War"
	p1     = "Russia recruits labour migrants from Central Asia to fight in Ukraine. Recruiters promise fast citizenship and large bonuses. Many accept because wages at home are low."
	p2     = "Over 10 million migrants work in Russia according to the Interior Ministry. Most of them come from Uzbekistan, Tajikistan and Kyrgyzstan. Their remittances keep whole villages alive."
	p3     = "Police raids after the concert hall attack frightened migrant communities. Officers checked documents on trains and in markets. Some detainees were offered contracts instead of deportation."
	p4     = "Governments in Tashkent and Dushanbe warn citizens against joining foreign wars. Courts have jailed returning fighters for mercenary activity. Yet the warnings rarely reach the remote mountain provinces where most recruits were born and raised."
	p5     = "Families of the dead often receive no compensation at all. Death certificates arrive months late, if ever. Lawyers say the promised payments vanish into paperwork."
	p6     = "The author concludes that Moscow exploits economic dependence to fill its ranks. Central Asian states should protect their workers abroad. Silence makes them complicit."
)

func baseEssay() []para { return essayOf(tTitle, p1, p2, p3, p4, p5, p6) }

func TestRoundTrip(t *testing.T) {
	path := dbPath(t)
	ps := baseEssay()
	a := build(ps...)
	// Figures with every sort of value, and every optional field set.
	a.Author = "A. Writer"
	a.Figures = append(a.Figures,
		argument.Figure{Sentence: "2.1", Kind: argument.Percent, Text: "Over 10", Value: argument.NumberValue(0)},
		argument.Figure{Sentence: "3.1", Kind: argument.Date, Text: "after the concert", Value: argument.ISOValue("2024-03"), When: "last March"},
		argument.Figure{Sentence: "5.3", Kind: argument.Quote, Text: "the promised payments vanish", Speaker: "lawyers",
			SpeakerRole: "counsel for families", Source: "interviews", Counts: "payments", Qualifier: "nearly", Why: "reported speech"},
		argument.Figure{Sentence: "2.1", Kind: argument.Money, Text: "10 million", Value: argument.NumberValue(-1.5e-7)},
	)
	want := cloneAnalysis(a)
	src := sourceOf(ps)
	before := time.Now().UTC()
	res, err := Ingest(context.Background(), path, a, src)
	if err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	if res.Revision != 1 || !res.Changed || len(res.Changes) != len(ps) {
		t.Errorf("Ingest = %+v, want revision 1, changed, %d changes", res, len(ps))
	}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("first ingest changed the ids: got %v, want %v", ids(a), ids(want))
	}
	s := snapshot(t, path)
	if !reflect.DeepEqual(&s.Analysis, want) {
		t.Errorf("Snapshot().Analysis = %+v\nwant %+v", s.Analysis, *want)
	}
	if s.Current.Number != 1 || s.Current.Source != src.Name || s.Current.SHA256 != src.SHA256 {
		t.Errorf("Snapshot().Current = %+v, want revision 1 of %+v", s.Current, src)
	}
	if s.Current.Created.Before(before.Add(-time.Second)) || s.Current.Created.After(time.Now().Add(time.Second)) ||
		s.Current.Created.Location() != time.UTC {
		t.Errorf("Snapshot().Current.Created = %v, want about now in UTC", s.Current.Created)
	}
	for _, c := range s.Current.Changes {
		if c.What != "added" {
			t.Errorf("first revision change %+v, want added", c)
		}
	}
	if s.History != nil || s.Removed != nil || s.MergedInto != nil {
		t.Errorf("Snapshot() of one revision has History %v, Removed %v, MergedInto %v", s.History, s.Removed, s.MergedInto)
	}
}

// TestStoresEveryField fills every field of the analysis types, by
// reflection, with distinct text, so that a field added to package argument
// and not to the store fails here.
func TestStoresEveryField(t *testing.T) {
	n := 0
	fill := func(v reflect.Value) {
		t.Helper()
		for i := 0; i < v.NumField(); i++ {
			f, name := v.Field(i), v.Type().Field(i).Name
			switch {
			case name == "ID" || name == "Sentence" || name == "From" || name == "To" || name == "Paragraphs" ||
				name == "Sentences" || name == "Relations" || name == "Figures" || name == "Kind" || name == "Role" || name == "Text":
				// ids and lists are set by build, and kinds, roles and
				// texts too, for the analysis to be valid
			case name == "Restates":
				// a sentence id: set below, to a thesis sentence
			case !v.Type().Field(i).IsExported():
				// what the extractor notes for itself while it reads
				// (a figure's dayOfMonth) is in no analysis's JSON, and
				// not stored
			case f.Kind() == reflect.Float64:
				n++
				f.SetFloat(float64(n) / 1000)
			case f.Type() == reflect.TypeFor[argument.Value]():
				f.Set(reflect.ValueOf(argument.Value{Number: 4.25, ISO: "P6M", Valid: true}))
			case f.Kind() == reflect.String:
				n++
				f.SetString(name + " " + strings.Repeat("x", n))
			default:
				t.Fatalf("%s.%s has type %s: teach the store (and this test) to keep it", v.Type(), name, f.Type())
			}
		}
	}
	ps := essayOf("A title", "First claim. Evidence for it.", "Second claim 42.")
	a := build(ps...)
	fill(reflect.ValueOf(a).Elem())
	for i := range a.Paragraphs {
		fill(reflect.ValueOf(&a.Paragraphs[i]).Elem())
		for j := range a.Paragraphs[i].Sentences {
			fill(reflect.ValueOf(&a.Paragraphs[i].Sentences[j]).Elem())
		}
	}
	for i := range a.Relations {
		fill(reflect.ValueOf(&a.Relations[i]).Elem())
	}
	for i := range a.Figures {
		fill(reflect.ValueOf(&a.Figures[i]).Elem())
	}
	// the last sentence restates the first, both thesis sentences
	first := &a.Paragraphs[0].Sentences[0]
	last := &a.Paragraphs[len(a.Paragraphs)-1].Sentences[0]
	first.Role, last.Role, last.Restates = argument.MajorClaim, argument.MajorClaim, first.ID
	var rels []argument.Relation
	for _, r := range a.Relations {
		if r.From != first.ID && r.From != last.ID {
			rels = append(rels, r)
		}
	}
	a.Relations = rels
	want := cloneAnalysis(a)
	path := dbPath(t)
	if _, err := Ingest(context.Background(), path, a, sourceOf(ps)); err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	if s := snapshot(t, path); !reflect.DeepEqual(&s.Analysis, want) {
		t.Errorf("Snapshot().Analysis = %+v\nwant %+v", s.Analysis, *want)
	}
}

func TestIngestUnchanged(t *testing.T) {
	path := dbPath(t)
	ps := baseEssay()
	_, first := ingestParas(t, path, ps)
	sum := fileSum(t, path)

	res, again := ingestParas(t, path, ps)
	if res.Changed || res.Revision != 1 || len(res.Changes) != 0 {
		t.Errorf("second Ingest = %+v, want unchanged revision 1", res)
	}
	if !reflect.DeepEqual(again, first) {
		t.Errorf("second Ingest ids = %v, want %v", ids(again), ids(first))
	}
	if got := fileSum(t, path); got != sum {
		t.Errorf("unchanged Ingest rewrote the database")
	}
	noTempFiles(t, dirOf(path), "argmap.db", "argmap.db.lock")

	// The same file with a different analysis (a better extractor) makes a
	// revision that changes no paragraph.
	a := build(ps...)
	a.Paragraphs[1].Sentences[0].Why = "a better reason"
	res, err := Ingest(context.Background(), path, a, sourceOf(ps))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Changed || res.Revision != 2 || len(res.Changes) != 0 {
		t.Errorf("Ingest with a new analysis = %+v, want revision 2 with no paragraph changes", res)
	}
	if s := snapshot(t, path); s.Analysis.Paragraphs[1].Sentences[0].Why != "a better reason" {
		t.Errorf("revision 2 did not store the new analysis")
	}
}

func dirOf(path string) string { return path[:strings.LastIndex(path, "/")] }

func TestRevisions(t *testing.T) {
	rewritten3 := "Police raids after the attack scared whole communities of workers. Officers now stop people on trains and demand papers. A few detainees signed army contracts to escape deportation."
	split5a := "Families of the dead often receive no compensation at all. Death certificates arrive months late, if ever."
	split5b := "Lawyers say the promised payments vanish into paperwork."
	tests := []struct {
		name        string
		after       []para
		wantIDs     []string
		wantChanges map[string]string // pid → what; "what: note" checks the note too
		wantRemoved []string
		wantHistory []string
		wantMerged  map[string]string
		rewrite     bool // the new text shares too few paragraphs: IngestOptions.Rewrite
	}{
		{
			name:        "insert a paragraph",
			after:       essayOf(tTitle, p1, p2, "A new paragraph about border crossings in winter. Queues stretch for days.", p3, p4, p5, p6),
			wantIDs:     []string{"title", "1", "2", "7", "3", "4", "5", "6"},
			wantChanges: map[string]string{"7": "added"},
		},
		{
			name:        "delete a paragraph",
			after:       essayOf(tTitle, p1, p2, p4, p5, p6),
			wantIDs:     []string{"title", "1", "2", "4", "5", "6"},
			wantChanges: map[string]string{"3": "removed"},
			wantRemoved: []string{"3"},
		},
		{
			name:        "edit one word",
			after:       essayOf(tTitle, p1, p2, p3, strings.Replace(p4, "warn", "caution", 1), p5, p6),
			wantIDs:     []string{"title", "1", "2", "3", "4", "5", "6"},
			wantChanges: map[string]string{"4": "edited"},
			wantHistory: []string{"4"},
		},
		{
			name:        "edit one word next to an inserted paragraph",
			after:       essayOf(tTitle, p1, p2, p3, "Winter queues at the border stretch for days.", strings.Replace(p4, "warn", "caution", 1), p5, p6),
			wantIDs:     []string{"title", "1", "2", "3", "7", "4", "5", "6"},
			wantChanges: map[string]string{"7": "added", "4": "edited"},
			wantHistory: []string{"4"},
		},
		{
			name:        "edit the title",
			after:       essayOf("Central Asians in Putin's War", p1, p2, p3, p4, p5, p6),
			wantIDs:     []string{"title", "1", "2", "3", "4", "5", "6"},
			wantChanges: map[string]string{"title": "edited"},
			wantHistory: []string{"title"},
		},
		{
			name:        "rewrite most of a paragraph between the same neighbours",
			after:       essayOf(tTitle, p1, p2, rewritten3, p4, p5, p6),
			wantIDs:     []string{"title", "1", "2", "3", "4", "5", "6"},
			wantChanges: map[string]string{"3": "edited"},
			wantHistory: []string{"3"},
		},
		{
			name:        "replace a paragraph with an unrelated one",
			after:       essayOf(tTitle, p1, p2, "Football clubs in the capital sold more tickets this season than ever before.", p4, p5, p6),
			wantIDs:     []string{"title", "1", "2", "7", "4", "5", "6"},
			wantChanges: map[string]string{"7": "added", "3": "removed"},
			wantRemoved: []string{"3"},
		},
		{
			name:        "replace the title with an unrelated one",
			after:       essayOf("Football and Finance", p1, p2, p3, p4, p5, p6),
			wantIDs:     []string{"7", "1", "2", "3", "4", "5", "6"},
			wantChanges: map[string]string{"7": "added", "title": "removed"},
			wantRemoved: []string{"title"},
		},
		{
			name:        "move a paragraph",
			after:       essayOf(tTitle, p1, p3, p4, p5, p6, p2),
			wantIDs:     []string{"title", "1", "3", "4", "5", "6", "2"},
			wantChanges: map[string]string{"2": "moved: moved to after ¶6"},
		},
		{
			name:        "move and edit a paragraph",
			after:       essayOf(tTitle, strings.Replace(p6, "makes them", "makes their governments", 1), p1, p2, p3, p4, p5),
			wantIDs:     []string{"title", "6", "1", "2", "3", "4", "5"},
			wantChanges: map[string]string{"6": "edited: moved to after ¶title"},
			wantHistory: []string{"6"},
		},
		{
			name:        "split a paragraph, larger part first",
			after:       essayOf(tTitle, p1, p2, p3, p4, split5a, split5b, p6),
			wantIDs:     []string{"title", "1", "2", "3", "4", "5", "7", "6"},
			wantChanges: map[string]string{"5": "split: split: the rest is now ¶7", "7": "added: split off from ¶5"},
			wantHistory: []string{"5"},
		},
		{
			name: "split a paragraph, larger part last",
			after: essayOf(tTitle, p1, p2, p3, p4, "Families of the dead often receive no compensation at all.",
				"Death certificates arrive months late, if ever. Lawyers say the promised payments vanish into paperwork.", p6),
			wantIDs:     []string{"title", "1", "2", "3", "4", "7", "5", "6"},
			wantChanges: map[string]string{"5": "split: split: the rest is now ¶7", "7": "added: split off from ¶5"},
			wantHistory: []string{"5"},
		},
		{
			name:        "merge two paragraphs",
			after:       essayOf(tTitle, p1, p2, p3+" "+p4, p5, p6),
			wantIDs:     []string{"title", "1", "2", "4", "5", "6"},
			wantChanges: map[string]string{"4": "edited: ¶3 merged into it", "3": "merged: merged into ¶4"},
			wantRemoved: []string{"3"},
			wantHistory: []string{"4"},
			wantMerged:  map[string]string{"3": "4"},
		},
		{
			name:        "add a standfirst",
			after:       append([]para{title(tTitle), standfirst("Why migrants end up at the front.")}, essayOf(tTitle, p1, p2, p3, p4, p5, p6)[1:]...),
			wantIDs:     []string{"title", "standfirst", "1", "2", "3", "4", "5", "6"},
			wantChanges: map[string]string{"standfirst": "added"},
		},
		{
			name:        "new essay, nothing kept",
			after:       essayOf("Football and Finance", "Clubs sell tickets. Fans pay more.", "Stadiums age. Repairs cost 5 million."),
			wantIDs:     []string{"7", "8", "9"},
			wantChanges: map[string]string{"7": "added", "8": "added", "9": "added", "title": "removed", "1": "removed", "2": "removed", "3": "removed", "4": "removed", "5": "removed", "6": "removed"},
			wantRemoved: []string{"title", "1", "2", "3", "4", "5", "6"},
			rewrite:     true,
		},
	}
	if s := similarity(newBlock(essay.Body, p3).words, newBlock(essay.Body, rewritten3).words); s >= fuzzyThreshold || s < anchoredThreshold {
		t.Fatalf("rewritten paragraph 3 has similarity %.2f, want one in [%.2f, %.2f) to test anchoring", s, anchoredThreshold, fuzzyThreshold)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := dbPath(t)
			ingestParas(t, path, baseEssay())
			a := build(tt.after...)
			res, err := IngestWith(context.Background(), path, a, sourceOf(tt.after), IngestOptions{Rewrite: tt.rewrite})
			if err != nil {
				t.Fatalf("Ingest: %v", err)
			}
			if !res.Changed || res.Revision != 2 {
				t.Fatalf("Ingest = %+v, want revision 2", res)
			}
			if got := ids(a); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("ids = %v, want %v", got, tt.wantIDs)
			}
			got := make(map[string]string)
			for _, c := range res.Changes {
				got[c.PID] = c.What
				if want := tt.wantChanges[c.PID]; strings.Contains(want, ":") {
					got[c.PID] = c.What + ": " + c.Note
				}
			}
			if !reflect.DeepEqual(got, tt.wantChanges) {
				t.Errorf("changes = %v, want %v", got, tt.wantChanges)
			}

			s := snapshot(t, path)
			if !reflect.DeepEqual(&s.Analysis, a) {
				t.Errorf("Snapshot().Analysis = %+v\nwant %+v", s.Analysis, *a)
			}
			if !reflect.DeepEqual(s.Current.Changes, res.Changes) {
				t.Errorf("Snapshot().Current.Changes = %v, want %v", s.Current.Changes, res.Changes)
			}
			var removed []string
			for _, v := range s.Removed {
				removed = append(removed, v.PID)
				if v.Revision != 1 {
					t.Errorf("removed %s last stood in revision %d, want 1", v.PID, v.Revision)
				}
				if want := build(baseEssay()...).Paragraphs[v.Position].Text; v.Text != want {
					t.Errorf("removed %s has text %q, want %q", v.PID, v.Text, want)
				}
			}
			if !slices.Equal(removed, tt.wantRemoved) {
				t.Errorf("Removed = %v, want %v", removed, tt.wantRemoved)
			}
			var history []string
			for pid, vs := range s.History {
				history = append(history, pid)
				if len(vs) != 1 || vs[0].Revision != 1 {
					t.Errorf("History[%s] = %+v, want its revision 1 text", pid, vs)
				}
			}
			slices.Sort(history)
			if !slices.Equal(history, tt.wantHistory) {
				t.Errorf("History has %v, want %v", history, tt.wantHistory)
			}
			if !reflect.DeepEqual(s.MergedInto, tt.wantMerged) {
				t.Errorf("MergedInto = %v, want %v", s.MergedInto, tt.wantMerged)
			}
		})
	}
}

// sentenceIDs returns the sentence ids of paragraph pid.
func sentenceIDs(a *argument.Analysis, pid string) []string {
	for _, p := range a.Paragraphs {
		if p.ID == pid {
			var out []string
			for _, s := range p.Sentences {
				out = append(out, s.ID)
			}
			return out
		}
	}
	return nil
}

func TestSentenceIDs(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, baseEssay())

	// Edit the middle sentence of ¶4: it gets a new number, the others keep theirs.
	edited := strings.Replace(p4, "Courts have jailed", "Courts jailed", 1)
	_, a := ingestParas(t, path, essayOf(tTitle, p1, p2, p3, edited, p5, p6))
	if got, want := sentenceIDs(a, "4"), []string{"4.1", "4.4", "4.3"}; !slices.Equal(got, want) {
		t.Errorf("after an edit, sentences of ¶4 = %v, want %v", got, want)
	}
	// Relations and figures follow the new ids.
	if !slices.Contains(a.Relations, argument.Relation{From: "4.4", To: "4.1", Kind: argument.Support, Confidence: 1, Why: "same paragraph"}) {
		t.Errorf("relations %v lack 4.4 → 4.1", a.Relations)
	}

	// Edit it again: numbers are never reused within the paragraph.
	edited2 := strings.Replace(p4, "Courts have jailed", "Judges have jailed", 1)
	_, a = ingestParas(t, path, essayOf(tTitle, p1, p2, p3, edited2, p5, p6))
	if got, want := sentenceIDs(a, "4"), []string{"4.1", "4.5", "4.3"}; !slices.Equal(got, want) {
		t.Errorf("after a second edit, sentences of ¶4 = %v, want %v", got, want)
	}

	// Revert to the first text: the sentence gets its first id back.
	res, a := ingestParas(t, path, baseEssay())
	if !res.Changed || res.Revision != 4 {
		t.Fatalf("revert Ingest = %+v, want revision 4", res)
	}
	if got, want := ids(a), []string{"title", "1", "2", "3", "4", "5", "6"}; !slices.Equal(got, want) {
		t.Errorf("after a revert, ids = %v, want %v", got, want)
	}
	if got, want := sentenceIDs(a, "4"), []string{"4.1", "4.2", "4.3"}; !slices.Equal(got, want) {
		t.Errorf("after a revert, sentences of ¶4 = %v, want %v", got, want)
	}
	s := snapshot(t, path)
	var texts []string
	var revs []int
	for _, v := range s.History["4"] {
		texts = append(texts, v.Text)
		revs = append(revs, v.Revision)
	}
	if want := []string{p4, edited, edited2}; !slices.Equal(texts, want) || !slices.Equal(revs, []int{1, 2, 3}) {
		t.Errorf("History[4] = %v in revisions %v, want %v in 1, 2, 3", texts, revs, want)
	}
	if len(s.Revisions) != 4 || s.Revisions[3].Changes[0] != (Change{PID: "4", What: "edited"}) {
		t.Errorf("Revisions = %+v, want 4 with ¶4 edited last", s.Revisions)
	}
}

func TestDuplicateParagraphs(t *testing.T) {
	path := dbPath(t)
	sep := "* * *"
	ingestParas(t, path, essayOf(tTitle, p1, sep, p2, sep, p3))
	_, a := ingestParas(t, path, essayOf(tTitle, p4, p1, sep, p2, sep, p3, sep))
	if got, want := ids(a), []string{"title", "6", "1", "2", "3", "4", "5", "7"}; !slices.Equal(got, want) {
		t.Errorf("ids = %v, want %v", got, want)
	}
}

func TestIDsNeverReused(t *testing.T) {
	path := dbPath(t)
	sf := standfirst("Why migrants end up at the front.")
	withSF := append([]para{title(tTitle), sf}, essayOf(tTitle, p1, p2)[1:]...)
	_, a := ingestParas(t, path, withSF)
	if got, want := ids(a), []string{"title", "standfirst", "1", "2"}; !slices.Equal(got, want) {
		t.Fatalf("ids = %v, want %v", got, want)
	}
	// Remove the standfirst and ¶2.
	ingestParas(t, path, essayOf(tTitle, p1))
	// A new standfirst and a new last paragraph get fresh ids.
	_, a = ingestParas(t, path, append([]para{title(tTitle), standfirst("A different sort of subtitle altogether.")}, body(p1), body(p3)))
	if got, want := ids(a), []string{"title", "3", "1", "4"}; !slices.Equal(got, want) {
		t.Errorf("ids = %v, want %v", got, want)
	}
	s := snapshot(t, path)
	var removed []string
	for _, v := range s.Removed {
		removed = append(removed, v.PID)
	}
	if want := []string{"standfirst", "2"}; !slices.Equal(removed, want) {
		t.Errorf("Removed = %v, want %v", removed, want)
	}
}

// pidCounter reads the database's paragraph id counter, the highest numeric
// id ever issued.
func pidCounter(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn(path, "_journal_mode=DELETE"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var last int
	if err := db.QueryRow(`SELECT last FROM pid_counter WHERE id = 1`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	return last
}

// TestPIDCounter checks the counter the ids are issued from: it holds the
// highest id issued after each ingest, and a counter that lags the ids
// ever issued (a database written by hand) still issues none twice.
func TestPIDCounter(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, essayOf(tTitle, p1, p2))
	if got := pidCounter(t, path); got != 2 {
		t.Errorf("counter after the first ingest = %d, want 2", got)
	}
	ingestParas(t, path, essayOf(tTitle, p1))
	if got := pidCounter(t, path); got != 2 {
		t.Errorf("counter after a removal = %d, want 2 (¶2's id stays issued)", got)
	}
	ingestParas(t, path, essayOf(tTitle, p1, p3))
	if got := pidCounter(t, path); got != 3 {
		t.Errorf("counter after an addition = %d, want 3", got)
	}
	db, err := sql.Open("sqlite3", dsn(path, "_journal_mode=DELETE"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE pid_counter SET last = 0 WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, a := ingestParas(t, path, essayOf(tTitle, p1, p3, p4))
	if got, want := ids(a), []string{"title", "1", "3", "4"}; !slices.Equal(got, want) {
		t.Errorf("ids with a lagging counter = %v, want %v (1, 2 and 3 were issued)", got, want)
	}
}

// TestManyRepeatedParagraphs re-ingests an essay made of one text repeated
// thousands of times with one line edited: the repeated texts are paired in
// reading order (not every old×new pair weighed), and the ids stay sound.
func TestManyRepeatedParagraphs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "argmap.db")
	texts := []string{"Title"}
	for range 3000 {
		texts = append(texts, "Yes.")
	}
	ingestParas(t, path, essayOf(texts...))
	texts[100] = "No."
	res, _ := ingestParas(t, path, essayOf(texts...))
	if !res.Changed {
		t.Fatal("the edited essay made no revision")
	}
	s := snapshot(t, path)
	checkSnapshot(t, s)
	if got := len(s.Analysis.Paragraphs); got != len(texts) {
		t.Errorf("current revision has %d paragraphs, want %d", got, len(texts))
	}
	if len(s.Removed) != 1 {
		t.Errorf("%d paragraphs removed, want 1 (one repeated line fewer)", len(s.Removed))
	}
}

// TestIngestUnchangedNilLists ingests the same file twice with an analysis
// that has no relations and no figures (nil lists, as an extractor may
// give them): the second ingest changes nothing, although the database
// reads them back as empty lists.
func TestIngestUnchangedNilLists(t *testing.T) {
	path := dbPath(t)
	ps := baseEssay()
	bare := func() *argument.Analysis {
		a := build(ps...)
		a.Relations, a.Figures = nil, nil
		return a
	}
	if _, err := Ingest(context.Background(), path, bare(), sourceOf(ps)); err != nil {
		t.Fatal(err)
	}
	res, err := Ingest(context.Background(), path, bare(), sourceOf(ps))
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed || res.Revision != 1 {
		t.Errorf("second Ingest = %+v, want unchanged revision 1", res)
	}
}

// TestSameAsStored compares an ingested analysis, row by row, with copies
// that differ in one thing each: only the unchanged one is the same.
func TestSameAsStored(t *testing.T) {
	path := dbPath(t)
	ps := baseEssay()
	a := build(ps...)
	if _, err := Ingest(context.Background(), path, a, sourceOf(ps)); err != nil {
		t.Fatal(err)
	}
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	stored := snapshot(t, path).Analysis
	if len(stored.Relations) == 0 || len(stored.Figures) == 0 || len(stored.Paragraphs) < 2 {
		t.Fatalf("the essay has %d relations, %d figures: the comparisons are not all tried", len(stored.Relations), len(stored.Figures))
	}
	for _, tt := range []struct {
		name   string
		change func(a *argument.Analysis)
		same   bool
	}{
		{"unchanged", func(*argument.Analysis) {}, true},
		{"nil lists read as empty", func(a *argument.Analysis) {
			for i := range a.Paragraphs {
				if len(a.Paragraphs[i].Sentences) == 0 {
					a.Paragraphs[i].Sentences = nil
				}
			}
		}, true},
		{"title", func(a *argument.Analysis) { a.Title += "!" }, false},
		{"a paragraph's text", func(a *argument.Analysis) { a.Paragraphs[1].Text += " More." }, false},
		{"a paragraph less", func(a *argument.Analysis) { a.Paragraphs = a.Paragraphs[:len(a.Paragraphs)-1] }, false},
		{"a sentence's why", func(a *argument.Analysis) { a.Paragraphs[1].Sentences[0].Why = "other" }, false},
		{"a sentence less", func(a *argument.Analysis) {
			p := &a.Paragraphs[1]
			p.Sentences = p.Sentences[:len(p.Sentences)-1]
		}, false},
		{"a relation's confidence", func(a *argument.Analysis) { a.Relations[0].Confidence += 0.01 }, false},
		{"a relation less", func(a *argument.Analysis) { a.Relations = a.Relations[1:] }, false},
		{"a figure's text", func(a *argument.Analysis) { a.Figures[0].Text += "0" }, false},
		{"a figure more", func(a *argument.Analysis) { a.Figures = append(a.Figures, a.Figures[0]) }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := cloneAnalysis(&stored)
			tt.change(c)
			got, err := sameAsStored(context.Background(), d.db, 1, c)
			if err != nil || got != tt.same {
				t.Errorf("sameAsStored() = %v, %v, want %v", got, err, tt.same)
			}
		})
	}
}
