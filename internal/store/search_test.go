package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in, want  string
		truncated bool
	}{
		{"remittances", "remittances", false},
		{"  Tajik   migrants ", "Tajik migrants", false},
		{`"labour migrants"`, `"labour migrants"`, false},
		{`"labour migr"*`, `"labour migr"*`, false},
		{"remit*", "remit*", false},
		{"remit**", "remit*", false},
		{`"`, "", false},
		{`""`, "", false},
		{`"unclosed phrase`, `"unclosed phrase"`, false},
		{"*", "", false},
		{"AND", "AND", false},
		{"a OR b NOT c", "a OR b NOT c", false},
		{"NEAR(", "NEAR", false},
		{"NEAR(a b, 2)", `"NEAR a" b 2`, false},
		{"col:x", `"col x"`, false},
		{"^start +plus -minus", "start plus minus", false},
		{"(((", "", false},
		{"U.S.", `"U S"`, false},
		{"Ümlaut café 東京", "Ümlaut café 東京", false},
		{"bad\xffutf8", "bad utf8", false},
		{strings.Repeat("word ", 2000), strings.TrimSpace(strings.Repeat("word ", MaxQueryTerms)), true},
		{strings.Repeat("x", 10_000), strings.Repeat("x", MaxQueryBytes), true},
		{strings.Repeat("é", 200), strings.Repeat("é", MaxQueryBytes/2), true},
	}
	for _, tt := range tests {
		t.Run(tt.in[:min(len(tt.in), 20)], func(t *testing.T) {
			q := ParseQuery(tt.in)
			if got := q.String(); got != tt.want || q.Truncated != tt.truncated {
				t.Errorf("ParseQuery(%q) = %q (truncated %v), want %q (truncated %v)", tt.in, got, q.Truncated, tt.want, tt.truncated)
			}
		})
	}
}

// searchEssay has words to find in every position, markup, and letters
// outside ASCII.
func searchEssay() []para {
	return essayOf("Search test essay",
		"Remittances matter. Migrants send remittances home every month. A remittance is money.",
		"Labour migrants from Tajikistan work abroad. The Tajik economy depends on them.",
		"Prices rose by 20 percent. Ünïcödé café in Dushanbe serves <b>tea</b> & more.",
	)
}

func openSearch(t *testing.T, path string) *DB {
	t.Helper()
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// marked returns the text of a hit with its matches in [brackets].
func marked(h Hit) string {
	var b strings.Builder
	pos := 0
	for _, s := range h.Matches {
		b.WriteString(h.Text[pos:s.Start] + "[" + h.Text[s.Start:s.End] + "]")
		pos = s.End
	}
	return b.String() + h.Text[pos:]
}

func TestSearch(t *testing.T) {
	path := dbPath(t)
	_, a := ingestParas(t, path, searchEssay())
	d := openSearch(t, path)
	text := map[string]string{}
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			text[s.ID] = s.Text
		}
	}
	tests := []struct {
		q    string
		want []string // marked texts, best first
	}{
		{"Tajik", []string{"The [Tajik] economy depends on them."}},
		{"tajik*", []string{"Labour migrants from [Tajikistan] work abroad.", "The [Tajik] economy depends on them."}},
		{"remittances", []string{"[Remittances] matter.", "A [remittance] is money.", "Migrants send [remittances] home every month."}},
		{"remit*", []string{"[Remittances] matter.", "A [remittance] is money.", "Migrants send [remittances] home every month."}},
		{`"send remittances home"`, []string{"Migrants [send remittances home] every month."}},
		{`"home send"`, nil},
		{`"labour migr"*`, []string{"[Labour migrants] from Tajikistan work abroad."}},
		{"migrants Tajikistan", []string{"Labour [migrants] from [Tajikistan] work abroad."}},
		{"unicode cafe", []string{"[Ünïcödé] [café] in Dushanbe serves <b>tea</b> & more."}},
		{"b", []string{"Ünïcödé café in Dushanbe serves <[b]>tea</[b]> & more."}},
		{"20", []string{"Prices rose by [20] percent."}},
		{"nothing-here", nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			hits, err := d.Search(context.Background(), tt.q, 10)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.q, err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, marked(h))
				if text[h.SID] != h.Text || !strings.HasPrefix(h.SID, h.PID+".") {
					t.Errorf("Search(%q): hit %s (¶%s) has text %q, want %q", tt.q, h.SID, h.PID, h.Text, text[h.SID])
				}
			}
			// Equal bm25 scores may come in either order.
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("Search(%q) = %q, want %q", tt.q, got, want)
			}
		})
	}
}

// TestSearchBadInput feeds what readers and robots type: no input fails
// with anything but ErrEmptyQuery.
func TestSearchBadInput(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, searchEssay())
	d := openSearch(t, path)
	inputs := []string{
		`"`, `""`, `"""`, "*", "**", "AND", "OR", "NOT", "AND OR NOT", "NEAR(", "NEAR(a b", "col:x", "text:Tajik",
		"sid:1", "{text sid}: x", "^", "^Tajik", "+", "-", "(", ")", "()", "a AND (b OR", "'", "'; DROP TABLE sentences; --",
		"\x00", "\x01Tajik\x02", "\xff\xfe", "Ⅻ", "🙂", "東京", "e\u0301", strings.Repeat("a", 10_000),
		strings.Repeat(`"a" `, 5000), strings.Repeat("NEAR(", 2000), strings.Repeat("é*", 5000), "%", "_", "\\", "\n\t",
	}
	for _, in := range inputs {
		hits, err := d.Search(context.Background(), in, 10)
		if err != nil && !errors.Is(err, ErrEmptyQuery) {
			t.Errorf("Search(%.40q) = %v, want results or ErrEmptyQuery", in, err)
		}
		for _, h := range hits {
			if h.Text == "" || h.SID == "" {
				t.Errorf("Search(%.40q): empty hit %+v", in, h)
			}
		}
	}
	if hits, err := d.Search(context.Background(), "\x01Tajik\x02", 10); err != nil || len(hits) != 1 {
		t.Errorf("Search(control characters around Tajik) = %d hits, %v; want 1", len(hits), err)
	}
}

// TestSearchCurrentRevision checks that the index follows the newest
// revision, and that a database from before the search index gets one
// when it is ingested again.
func TestSearchCurrentRevision(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	ingestParas(t, path, searchEssay())
	revised := essayOf("Search test essay", "Remittances matter. Nothing else is said here.")
	ingestParas(t, path, revised)
	d := openSearch(t, path)
	if hits, err := d.Search(ctx, "Tajik", 10); err != nil || len(hits) != 0 {
		t.Errorf("Search(Tajik) after a revision removed it = %v, %v; want nothing", hits, err)
	}
	if hits, err := d.Search(ctx, "nothing", 10); err != nil || len(hits) != 1 {
		t.Errorf("Search(nothing) after a revision added it = %v, %v; want 1 hit", hits, err)
	}
	d.Close()

	// Make the file a version 1 database: no search index.
	db, err := sql.Open("sqlite3", dsn(path, "_journal_mode=DELETE"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TABLE sentence_search`, `DROP TABLE essay_meta`,
		`ALTER TABLE sentences DROP COLUMN confidence`, `ALTER TABLE sentences DROP COLUMN restates`, `ALTER TABLE relations DROP COLUMN confidence`, `ALTER TABLE figures DROP COLUMN currency`,
		`DELETE FROM schema_migrations WHERE version >= 2`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "older") {
		t.Fatalf("Open(version 1 database) = %v, want an error saying it is older", err)
	}
	if res, _ := ingestParas(t, path, revised); res.Changed {
		t.Errorf("re-ingesting the same essay made a revision")
	}
	d = openSearch(t, path)
	if hits, err := d.Search(ctx, "nothing", 10); err != nil || len(hits) != 1 || hits[0].Text != "Nothing else is said here." {
		t.Errorf("Search(nothing) after the upgrade = %v, %v; want the sentence", hits, err)
	}
}

// TestSearchStemming: the Porter stemmer finds every form of a word, and
// prefix and phrase queries still work; ReadingOrder lists hits in the
// essay's order.
func TestSearchStemming(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "argmap.db")
	ps := searchEssay()
	if _, err := Ingest(ctx, path, build(ps...), sourceOf(ps)); err != nil {
		t.Fatal(err)
	}
	d := openSearch(t, path)
	defer d.Close()
	sids := func(q Query) []string {
		t.Helper()
		hits, err := d.SearchQuery(ctx, q, 50)
		if err != nil {
			t.Fatalf("SearchQuery(%s): %v", q, err)
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.SID)
		}
		slices.Sort(out)
		return out
	}
	one, many := sids(ParseQuery("migrant")), sids(ParseQuery("migrants"))
	if len(one) != 2 || !slices.Equal(one, many) {
		t.Errorf("migrant finds %v, migrants finds %v; want the same 2 sentences", one, many)
	}
	if got := sids(ParseQuery("remittance")); len(got) != 3 {
		t.Errorf("remittance finds %v, want the 3 sentences with remittance(s)", got)
	}
	if got := sids(ParseQuery("remit*")); len(got) != 3 {
		t.Errorf("remit* finds %v, want 3 sentences", got)
	}
	if got := sids(ParseQuery(`"send remittance home"`)); len(got) != 1 {
		t.Errorf(`"send remittance home" finds %v, want the one sentence (a phrase of stems)`, got)
	}
	if got := sids(ParseQuery(`"home send"`)); len(got) != 0 {
		t.Errorf(`"home send" finds %v, want nothing: a phrase keeps its order`, got)
	}
	q := ParseQuery("remittance")
	q.ReadingOrder = true
	ordered, err := d.SearchQuery(ctx, q, 50)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range ordered {
		got = append(got, h.SID)
	}
	if want := []string{"1.1", "1.2", "1.3"}; !slices.Equal(got, want) {
		t.Errorf("remittance in reading order = %v, want %v", got, want)
	}
}

// FuzzParseQuery checks that any input gives a query of plain words that
// reads back the same, and never more than the limits.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"Tajik", `"labour migr"*`, "remit*", `"`, "NEAR(a b, 2)", "col:x", "é*", "\xff", "a\x00b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		if len(q.Terms) > MaxQueryTerms {
			t.Fatalf("ParseQuery(%q) has %d terms", s, len(q.Terms))
		}
		for _, term := range q.Terms {
			if len(term.Words) == 0 {
				t.Fatalf("ParseQuery(%q) has an empty term", s)
			}
			for _, w := range term.Words {
				if w == "" || len(queryWords(w)) != 1 || queryWords(w)[0] != w {
					t.Fatalf("ParseQuery(%q) has word %q, not a plain word", s, w)
				}
			}
		}
		if m := q.match(); strings.Count(m, `"`)%2 != 0 {
			t.Fatalf("ParseQuery(%q).match() = %q: unbalanced quotes", s, m)
		}
		// Quotes make String longer than the input; past MaxQueryBytes it
		// would be cut again.
		if again := ParseQuery(q.String()); len(q.String()) <= MaxQueryBytes && again.String() != q.String() {
			t.Fatalf("ParseQuery(%q) = %q, which reads back as %q", s, q.String(), again.String())
		}
	})
}

// BenchmarkSearch measures one search of a small essay, parse to hits.
func BenchmarkSearch(b *testing.B) {
	path := filepath.Join(b.TempDir(), "argmap.db")
	ps := searchEssay()
	if _, err := Ingest(context.Background(), path, build(ps...), sourceOf(ps)); err != nil {
		b.Fatal(err)
	}
	d, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	for _, q := range []string{"Tajik", "remit*", `"send remittances home"`, strings.Repeat("x", 10_000)} {
		b.Run(q[:min(len(q), 24)], func(b *testing.B) {
			for b.Loop() {
				if _, err := d.Search(context.Background(), q, 50); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
