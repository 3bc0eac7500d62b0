package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

const seed = "../../seeds/central-asians-in-russias-war.txt"

// argmap runs the command in-process and returns its status and output.
func argmap(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestExtractSeed(t *testing.T) {
	code, out, errs := argmap(t, "extract", seed)
	if code != 0 {
		t.Fatalf("extract exit %d: %s", code, errs)
	}
	var a argument.Analysis
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("extract output is not JSON: %v", err)
	}
	if a.Title == "" || len(a.Paragraphs) < 10 {
		t.Errorf("extract: title %q, %d paragraphs; want a title and the seed's paragraphs", a.Title, len(a.Paragraphs))
	}
	if err := a.Validate(); err != nil {
		t.Errorf("extract: the analysis is not valid: %v", err)
	}
}

// TestTitleWarning: a text whose first block is a paragraph of three
// sentences or more, a text pasted without its title line, is analysed
// whole, as a text with no title, and extract and ingest say so on stderr;
// a text with a title line, or a headline of two sentences, gets no
// warning, and its first line is its title.
func TestTitleWarning(t *testing.T) {
	dir := t.TempDir()
	para := "Cities should build fewer car parks. Parking takes land that homes could use. " +
		"Most trips in town are short. Therefore the space is better used for housing."
	untitled := filepath.Join(dir, "untitled.txt")
	titled := filepath.Join(dir, "titled.txt")
	if err := os.WriteFile(untitled, []byte(para+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(titled, []byte("Fewer car parks\n\n"+para+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	headline := filepath.Join(dir, "headline.txt")
	if err := os.WriteFile(headline, []byte("Car Parks Waste Land. Build Homes Instead.\n"+para+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const warning = "the first block has 4 sentences, so it is read as the first paragraph and the text has no title"
	checkWarning(t, warning, []warnCase{
		{[]string{"extract", untitled}, true},
		{[]string{"ingest", "-db", filepath.Join(dir, "a.db"), untitled}, true},
		{[]string{"extract", titled}, false},
		{[]string{"ingest", "-db", filepath.Join(dir, "b.db"), titled}, false},
		{[]string{"extract", headline}, false},
	})
	for _, tt := range []struct {
		path, title string
		analysed    int // sentences with a role other than none
	}{
		{untitled, "", 4},
		{titled, "Fewer car parks", 4},
		{headline, "Car Parks Waste Land. Build Homes Instead.", 4},
	} {
		code, out, errs := argmap(t, "extract", tt.path)
		if code != 0 {
			t.Fatalf("extract %s: exit %d: %s", tt.path, code, errs)
		}
		var a argument.Analysis
		if err := json.Unmarshal([]byte(out), &a); err != nil {
			t.Fatalf("extract %s: %v", tt.path, err)
		}
		roles, thesis := 0, 0
		for _, p := range a.Paragraphs {
			for _, s := range p.Sentences {
				if s.Role != argument.None {
					roles++
				}
				if s.Role == argument.MajorClaim {
					thesis++
				}
			}
		}
		if a.Title != tt.title || roles != tt.analysed || thesis != 1 {
			t.Errorf("extract %s: title %q, %d sentences analysed, %d thesis; want %q, %d, 1", filepath.Base(tt.path), a.Title, roles, thesis, tt.title, tt.analysed)
		}
	}
}

// TestExtractStdin: `argmap extract -`, a process of its own, reads the
// essay on its standard input and prints what `argmap extract FILE` prints
// for the same text; bad input on stdin, and more of it than the limit,
// ends it with status 1 and one line naming stdin.
func TestExtractStdin(t *testing.T) {
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	code, want, errs := argmap(t, "extract", seed)
	if code != 0 {
		t.Fatalf("extract %s: exit %d: %s", seed, code, errs)
	}
	pipe := func(in []byte) (int, string, string) {
		cmd := commandProcess(t, "extract", "-")
		var out, errb bytes.Buffer
		cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(in), &out, &errb
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("extract -: %v", err)
		}
		return cmd.ProcessState.ExitCode(), out.String(), errb.String()
	}
	if code, got, errs := pipe(data); code != 0 || got != want {
		t.Errorf("extract - < seed: exit %d, stderr %q, same output as extract FILE: %v", code, errs, got == want)
	}
	for _, tt := range []struct {
		name string
		in   []byte
		want string
	}{
		{"not UTF-8", []byte("A title\n\xff\xfe text\n"), "argmap extract: stdin:2: not UTF-8 text"},
		{"empty", nil, "argmap extract: stdin: empty file"},
		{"too large", bytes.Repeat([]byte("Words go here. "), essay.DefaultLimits.MaxBytes/15+1), "argmap extract: stdin: input too large"},
	} {
		code, out, errs := pipe(tt.in)
		if code != 1 || out != "" || !strings.HasPrefix(errs, tt.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("extract - < %s: exit %d, stdout %d bytes, stderr %q; want 1, none, one line starting %q", tt.name, code, len(out), errs, tt.want)
		}
	}
}

// warnCase is a command line and whether it must warn.
type warnCase struct {
	args []string
	warn bool
}

// checkWarning runs each case, which must succeed, and checks that its
// stderr holds warning, on one line, exactly when the case says so.
func checkWarning(t *testing.T, warning string, cases []warnCase) {
	t.Helper()
	for _, tt := range cases {
		code, _, errs := argmap(t, tt.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errs)
		}
		if got := strings.Contains(errs, warning); got != tt.warn {
			t.Errorf("%v: stderr %q; want the warning: %v", tt.args, errs, tt.warn)
		}
		if tt.warn && strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%v: stderr %q, want one line", tt.args, errs)
		}
	}
}

// TestWrapWarning: a plain-text essay hard-wrapped at a fixed width is
// read as the contract says, a paragraph a line, and extract and ingest
// say so in one line on stderr; the same text one paragraph a line, or
// wrapped but named .md, gets no warning.
func TestWrapWarning(t *testing.T) {
	dir := t.TempDir()
	paras := []string{
		"Cities should build fewer car parks, because parking takes land that homes could use and most trips in town are short.",
		"A single parking space in a city centre takes as much ground as a small flat, and a multi-storey car park stands empty for most of the night.",
		"Therefore the space is better used for housing, and the car parks that remain should be priced at what the land is worth.",
	}
	var wrapped []string
	for _, p := range paras {
		line := ""
		for _, w := range strings.Fields(p) {
			if line != "" && len(line)+1+len(w) > 40 {
				wrapped = append(wrapped, line)
				line = ""
			}
			line = strings.TrimSpace(line + " " + w)
		}
		wrapped = append(wrapped, line, "")
	}
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	hard := write("wrapped.txt", "Fewer car parks\n\n"+strings.Join(wrapped, "\n"))
	md := write("wrapped.md", "Fewer car parks\n\n"+strings.Join(wrapped, "\n"))
	plain := write("plain.txt", "Fewer car parks\n"+strings.Join(paras, "\n")+"\n")
	checkWarning(t, "lines break off mid-sentence, as in hard-wrapped text", []warnCase{
		{[]string{"extract", hard}, true},
		{[]string{"ingest", "-db", filepath.Join(dir, "a.db"), hard}, true},
		{[]string{"extract", md}, false},
		{[]string{"extract", plain}, false},
		{[]string{"extract", seed}, false},
	})
	// A command that fails says one line, the error, and no warning:
	// into a file that is no database, and as a text the essay in the
	// database does not share.
	garbage := write("garbage.db", strings.Repeat("not sqlite ", 800))
	seeded := filepath.Join(dir, "seeded.db")
	if code, _, errs := argmap(t, "ingest", "-db", seeded, seed); code != 0 {
		t.Fatalf("ingest seed: %d %s", code, errs)
	}
	for _, db := range []string{garbage, seeded} {
		code, _, errs := argmap(t, "ingest", "-db", db, hard)
		if code != 1 || strings.Count(errs, "\n") != 1 || strings.Contains(errs, "warning") {
			t.Errorf("a failed ingest into %s: exit %d, stderr %q; want 1 and one line, no warning", filepath.Base(db), code, errs)
		}
	}
}

func TestIngestBadInputLeavesDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "argmap.db")
	if code, _, errs := argmap(t, "ingest", "-db", db, seed); code != 0 {
		t.Fatalf("ingest seed: exit %d: %s", code, errs)
	}
	before := fileSum(t, db)

	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	unreadable := write("unreadable.txt", []byte("Title\nBody.\n"))
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope.txt"), "no such file"},
		{"directory", dir, "is a directory"},
		{"empty", write("empty.txt", nil), "empty file"},
		{"white space", write("blank.txt", []byte("  \n\n\t\n")), "empty file"},
		{"binary", write("bin.txt", []byte{0x7f, 'E', 'L', 'F', 0, 1, 2, 3}), "binary file"},
		{"not UTF-8", write("latin1.txt", []byte("Title\ncaf\xe9 au lait\n")), "not UTF-8"},
		{"HTML", write("page.html", []byte("<!doctype html>\n<title>T</title><p>Body.</p>\n")), "an HTML page"},
	}
	if os.Geteuid() != 0 { // root reads any file
		tests = append(tests, struct{ name, path, want string }{"unreadable", unreadable, "permission denied"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := argmap(t, "ingest", "-db", db, tt.path)
			if code == 0 {
				t.Fatalf("ingest %s: exit 0, want failure", tt.path)
			}
			if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tt.path) || !strings.Contains(errs, tt.want) {
				t.Errorf("ingest %s: stderr %q, want one line naming the file and %q", tt.path, errs, tt.want)
			}
			if fileSum(t, db) != before {
				t.Errorf("ingest %s changed the database", tt.path)
			}
		})
	}
}

// TestReadEssayMissing: the error of a missing file is one short line and
// still a fs.ErrNotExist.
func TestReadEssayMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.txt")
	_, _, err := readEssay(path, 1<<20)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("readEssay(missing) = %v, want an error wrapping fs.ErrNotExist", err)
	}
	if want := path + ": no such file"; err == nil || err.Error() != want {
		t.Errorf("readEssay(missing) = %v, want %q", err, want)
	}
}

func TestIngestRefusesForeignDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "other.db")
	if err := os.WriteFile(db, []byte("this is not a database at all, just some text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, db)
	code, _, errs := argmap(t, "ingest", "-db", db, seed)
	if code == 0 || !strings.Contains(errs, "not an argmap database") {
		t.Errorf("ingest into a foreign file: exit %d, stderr %q; want a refusal", code, errs)
	}
	if fileSum(t, db) != before {
		t.Errorf("ingest changed a file that is not an argmap database")
	}
}

func TestServeRefusesMissingDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "missing.db")
	code, _, errs := argmap(t, "serve", "-db", db, "-addr", "127.0.0.1:0")
	if code == 0 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, db) {
		t.Errorf("serve missing db: exit %d, stderr %q; want one line naming it", code, errs)
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("serve created %s", db)
	}
}

func TestUsage(t *testing.T) {
	if code, _, _ := argmap(t); code != 2 {
		t.Errorf("argmap with no command: exit %d, want 2", code)
	}
	if code, _, _ := argmap(t, "frobnicate"); code != 2 {
		t.Errorf("argmap frobnicate: exit %d, want 2", code)
	}
	if code, _, _ := argmap(t, "ingest"); code != 2 {
		t.Errorf("argmap ingest without a file: exit %d, want 2", code)
	}
}

func TestEvalSkipsWithoutCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "no-corpus")
	code, _, errs := argmap(t, "eval", dir)
	if code != 0 || !strings.Contains(errs, "skipped") || !strings.Contains(errs, dir) {
		t.Errorf("eval without corpus: exit %d, stderr %q; want exit 0 and a skip message naming %s", code, errs, dir)
	}
	if code, _, errs := argmap(t, "eval", "-l2", "3", dir); code != 0 || !strings.Contains(errs, "skipped") {
		t.Errorf("eval -l2 3 without corpus: exit %d, stderr %q; want exit 0 and a skip message", code, errs)
	}
	for _, bad := range []string{"-1", "NaN", "+Inf"} {
		code, _, errs := argmap(t, "eval", "-l2", bad, dir)
		if code == 0 || !strings.Contains(errs, "-l2") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("eval -l2 %s: exit %d, stderr %q; want a one-line error naming -l2", bad, code, errs)
		}
	}
}
