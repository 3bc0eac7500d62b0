package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/store"
)

// TestHelp: `argmap help CMD` and `argmap CMD -h` print the usage, with
// the arguments, on stdout and exit 0.
func TestHelp(t *testing.T) {
	args := map[string]string{"ingest": "FILE", "extract": "FILE", "serve": "-addr", "export": "-out DIR", "eval": "[DIR...]", "train": "CORPUS_DIR"}
	for name, want := range args {
		for _, call := range [][]string{{"help", name}, {name, "-h"}, {name, "--help"}, {name, "-db", "x.db", "-h"}} {
			if name != "ingest" && name != "serve" && name != "export" && len(call) > 3 {
				continue
			}
			t.Run(strings.Join(call, " "), func(t *testing.T) {
				code, out, errs := argmap(t, call...)
				if code != 0 || errs != "" {
					t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, errs)
				}
				if !strings.HasPrefix(out, "usage: argmap "+name+" ") || !strings.Contains(out, want) {
					t.Errorf("stdout = %q, want the usage of %s naming %s", out, name, want)
				}
			})
		}
	}
	if code, out, errs := argmap(t, "help", "nonsense"); code != 2 || out != "" || !strings.Contains(errs, "unknown command") {
		t.Errorf("help nonsense = %d, %q, %q; want 2 and a one-line error", code, out, errs)
	}
}

// TestUsageErrors: a wrong flag or a wrong number of arguments ends the
// command with status 2 and one line on stderr that says what is wrong and
// where the usage is, not the whole usage.
func TestUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"ingest", "-bogus", "x.txt"}, "-bogus"},
		{[]string{"ingest"}, "expected 1 argument(s), got 0"},
		{[]string{"ingest", "a.txt", "b.txt"}, "expected 1 argument(s), got 2"},
		{[]string{"extract"}, "expected 1 argument(s), got 0"},
		{[]string{"serve", "extra"}, "expected 0 argument(s), got 1"},
		{[]string{"train", "-zz"}, "-zz"},
		{[]string{"eval", "-l2", "x"}, "-l2"},
		{[]string{"ingest", "-max-bytes", "-1", "x.txt"}, "-max-bytes -1"},
		{[]string{"ingest", "-db", "", "x.txt"}, "-db: empty path"},
		{[]string{"serve", "-db", " "}, "-db: empty path"},
		{[]string{"export", "-db", "", "-out", "x"}, "-db: empty path"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := argmap(t, tt.args...)
			name := tt.args[0]
			if code != 2 || out != "" || strings.Count(errs, "\n") != 1 ||
				!strings.HasPrefix(errs, "argmap "+name+": ") || !strings.Contains(errs, tt.want) || !strings.Contains(errs, "argmap help "+name) {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and one line naming %q and argmap help %s", code, out, errs, tt.want, name)
			}
		})
	}
}

// TestIngestMetaFlags: the metadata flags reach the database, and a bad
// date is refused with one line, the database untouched.
func TestIngestMetaFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "argmap.db")
	if code, _, errs := argmap(t, "ingest", "-db", db, "-date", "someday", seed); code != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "YYYY") {
		t.Fatalf("ingest -date someday = %d, %q; want status 1 and one line", code, errs)
	}
	code, _, errs := argmap(t, "ingest", "-db", db, "-author", "A. Writer", "-date", "2024-11", "-publisher", "Example Review", "-url", "https://example.org/e", seed)
	if code != 0 {
		t.Fatalf("ingest with metadata: %d %s", code, errs)
	}
	d, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	snap, err := d.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if m := snap.Meta; m.Author != "A. Writer" || m.Date != "2024-11" || m.Publisher != "Example Review" || m.URL != "https://example.org/e" || m.Title != "" {
		t.Errorf("stored metadata = %+v", m)
	}
}
