package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/store"
)

// generalSentences are plain sentences about nothing in particular, the
// material of generated essays.
var generalSentences = []string{
	"Many cities have grown faster than their roads.",
	"According to a survey last year, 42 percent of residents walk to work.",
	"However, critics argue that the data are incomplete.",
	"This suggests that planners should look again at old assumptions.",
	"In 2019 the council spent $3.5 million on repairs.",
	"Most people prefer short trips to long ones.",
	"Therefore the policy should change before the next election.",
	"Some experts disagree, pointing to rising costs.",
	"The report, published in March, found over 10,000 complaints.",
	"Yet the question remains open.",
}

// generatedEssay writes about n bytes of essay made of general sentences.
func generatedEssay(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	var b bytes.Buffer
	b.WriteString("A generated essay about cities\n\n")
	for b.Len() < n {
		for k := 3 + r.IntN(4); k > 0; k-- {
			b.WriteString(generalSentences[r.IntN(len(generalSentences))])
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "Paragraph %d ends here.\n\n", b.Len())
	}
	return b.Bytes()
}

// TestMain lets the test binary stand in for the argmap binary: with
// ARGMAP_RUN_AS_COMMAND set it runs the command with the arguments after
// "--" and exits, as `argmap` would.
func TestMain(m *testing.M) {
	if os.Getenv("ARGMAP_RUN_AS_COMMAND") == "1" {
		args := os.Args
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		ctx, stop := signalContext()
		code := run(ctx, args, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// commandProcess returns the test binary set to run as `argmap args...`
// (TestMain), for the tests that kill, signal or race the command as a
// process of its own.
func commandProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "ARGMAP_RUN_AS_COMMAND=1")
	return cmd
}

// TestKillIngest runs `argmap ingest` of a large essay into a database
// that holds the seed and kills it with SIGKILL at a random moment, 20
// times: after each kill the database must open and hold either the seed
// (revision 1, byte for byte as before) or the whole new essay (revision
// 2), never a mix.
func TestKillIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	data := generatedEssay(256<<10, 1)
	if err := os.WriteFile(big, data, 0o644); err != nil {
		t.Fatal(err)
	}
	bigSum := sha256.Sum256(data)
	db := filepath.Join(dir, "argmap.db")
	if code, _, errs := argmap(t, "ingest", "-db", db, seed); code != 0 {
		t.Fatalf("ingest seed: %s", errs)
	}
	orig, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	origSum := sha256.Sum256(orig)
	ingest := func() *exec.Cmd {
		// The generated essay shares nothing with the seed: -rewrite says
		// it is meant as its next revision.
		return commandProcess(t, "ingest", "-rewrite", "-db", db, big)
	}
	start := time.Now()
	if out, err := ingest().CombinedOutput(); err != nil {
		t.Fatalf("ingest big essay: %v\n%s", err, out)
	}
	full := time.Since(start)
	want := snapshotOf(t, db)
	if want.Current.Number != 2 || want.Current.SHA256 != hex.EncodeToString(bigSum[:]) {
		t.Fatalf("the undisturbed ingest made revision %d of %s", want.Current.Number, want.Current.SHA256)
	}

	r := rand.New(rand.NewPCG(6, 6))
	old, complete := 0, 0
	for i := range 20 {
		if err := os.WriteFile(db, orig, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := ingest()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(full) * 5 / 4)))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		got := snapshotOf(t, db)
		switch {
		case fileSum(t, db) == origSum && got.Current.Number == 1:
			old++
		case got.Current.Number == 2 && got.Current.SHA256 == want.Current.SHA256 &&
			len(got.Analysis.Paragraphs) == len(want.Analysis.Paragraphs) && len(got.Revisions) == 2:
			complete++
		default:
			t.Errorf("kill %d: the database holds revision %d with %d paragraphs: neither the old nor the new essay",
				i, got.Current.Number, len(got.Analysis.Paragraphs))
		}
	}
	t.Logf("one ingest took %v; of 20 kills, %d left the old database, %d the new one", full.Round(time.Millisecond), old, complete)
	if old == 0 {
		t.Error("no kill came before the ingest finished: the test did not test anything")
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "*.db"))
	if len(leftovers) != 1 {
		t.Errorf("the folder holds databases %v, want one", leftovers)
	}
	// The database itself is never left with a journal: ingest writes a
	// temporary copy (which a kill may leave behind) and renames it.
	journals, _ := filepath.Glob(filepath.Join(dir, "*.db-*"))
	if len(journals) > 0 {
		t.Errorf("journals %v were left beside the database", journals)
	}

	// One more kill, once the temporary copy exists, so that one is surely
	// left behind; the next ingest must remove every copy the kills left.
	cmd := ingest()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); len(tempFiles(t, dir)) == 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	left := tempFiles(t, dir)
	if len(left) == 0 {
		t.Fatal("the ingest killed while writing left no temporary file: the sweep is not tested")
	}
	if err := os.WriteFile(db, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := argmap(t, "ingest", "-rewrite", "-db", db, big)
	if code != 0 {
		t.Fatalf("ingest after the kills: exit %d: %s", code, errs)
	}
	if got := tempFiles(t, dir); len(got) > 0 {
		t.Errorf("after the next ingest, %v are still beside the database", got)
	}
	for _, f := range left {
		if !strings.Contains(out, "removed "+filepath.Base(f)) {
			t.Errorf("the ingest that removed %s did not say so: %q", filepath.Base(f), out)
		}
	}
	t.Logf("%d temporary files left by the kills, all removed by the next ingest", len(left))
}

// tempFiles lists the temporary copies of argmap.db (and their journals)
// in dir: ".argmap.db.DIGITS.tmp".
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, ".argmap.db.*.tmp*"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestConcurrentIngestProcesses starts several `argmap ingest` processes at
// once, each with a different revision of the seed, into one database:
// they take turns on the lock, and every one that reports success is in
// the revision history.
func TestConcurrentIngestProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "argmap.db")
	if code, _, errs := argmap(t, "ingest", "-db", db, seed); code != 0 {
		t.Fatalf("ingest seed: %s", errs)
	}
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	const n = 6
	cmds := make([]*exec.Cmd, n)
	outs := make([]bytes.Buffer, n)
	for i := range n {
		file := filepath.Join(dir, fmt.Sprintf("rev%d.txt", i))
		text := append(bytes.Clone(data), fmt.Sprintf("\nA note added in revision number %d of this text.\n", i)...)
		if err := os.WriteFile(file, text, 0o644); err != nil {
			t.Fatal(err)
		}
		cmds[i] = commandProcess(t, "ingest", "-db", db, file)
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
	}
	for _, c := range cmds {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	ok := 0
	var succeeded []string
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("ingest %d: %v: %s", i, err, outs[i].String())
			continue
		}
		ok++
		succeeded = append(succeeded, c.Args[len(c.Args)-1])
	}
	s := snapshotOf(t, db)
	sources := map[string]bool{}
	for _, r := range s.Revisions {
		sources[r.Source] = true
	}
	for _, f := range succeeded {
		if !sources[f] {
			t.Errorf("the ingest of %s reported success, but no revision came from it (history %v)", f, sources)
		}
	}
	if len(s.Revisions) != ok+1 {
		t.Errorf("the history has %d revisions, want the seed and %d more", len(s.Revisions), ok)
	}
	waited := 0
	for i := range outs {
		if strings.Contains(outs[i].String(), "waiting for another ingest") {
			waited++
		}
	}
	t.Logf("%d of %d ingests succeeded, %d of them waited for the lock", ok, n, waited)
}

// snapshotOf opens db read-only, as serve does, and reads it.
func snapshotOf(t *testing.T, db string) *store.Snapshot {
	t.Helper()
	d, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("after a kill the database does not open: %v", err)
	}
	defer d.Close()
	s, err := d.Snapshot(context.Background())
	if err != nil {
		t.Fatalf("after a kill the database cannot be read: %v", err)
	}
	return s
}

// TestSignalStopsAnalysis: SIGTERM during the analysis of a long essay
// stops ingest and extract at once (they do not run the analysis to its
// end first), with status 1 and one line on stderr, and ingest leaves no
// database behind. A command that ignored the signal would finish the
// analysis and exit 0.
func TestSignalStopsAnalysis(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "long.txt")
	if err := os.WriteFile(big, generatedEssay(4<<20, 3), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "new.db")
	for _, args := range [][]string{{"ingest", "-db", db, big}, {"extract", big}} {
		t.Run(args[0], func(t *testing.T) {
			cmd := commandProcess(t, args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond)
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			_ = cmd.Wait()
			code := cmd.ProcessState.ExitCode()
			msg := strings.TrimSpace(stderr.String())
			if code != 1 || !strings.Contains(msg, "stopped by a signal") || strings.Contains(msg, "\n") {
				t.Errorf("%s after SIGTERM: exit %d, stderr %q; want 1 and one line saying it was stopped", args[0], code, msg)
			}
			if stdout.Len() > 0 {
				t.Errorf("%s after SIGTERM wrote %d bytes to stdout", args[0], stdout.Len())
			}
		})
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "new.db*")); len(left) > 0 {
		t.Errorf("the stopped ingest left %v", left)
	}
}

// TestSignalStopsLongCommands: SIGTERM stops train, eval and export
// while they work, with status 1 and a last line saying so: train before
// it writes its model, export before it finishes (no manifest: the next
// export still knows what the last complete one wrote); so does it stop
// `extract -` waiting on a stdin that never ends. Each is signalled once
// it is seen at work; without the stop they would finish (train in about
// 20 s, eval in minutes, the export in seconds) and exit 0, and extract
// would wait on.
func TestSignalStopsLongCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	silver := filepath.Join("..", "..", "..", "shared", "corpora", "opinion-silver")
	if _, err := os.Stat(silver); err != nil {
		t.Skipf("corpus not here: %v", err)
	}
	dir := t.TempDir()
	essay, db, out, model := filepath.Join(dir, "long.txt"), filepath.Join(dir, "a.db"), filepath.Join(dir, "site"), filepath.Join(dir, "model.json")
	if err := os.WriteFile(essay, generatedEssay(1<<20, 5), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := argmap(t, "ingest", "-db", db, essay); code != 0 {
		t.Fatalf("ingest: %d %s", code, errs)
	}
	for _, tc := range []struct {
		args    []string
		working func(stdout, stderr string) bool
		left    string // a file the stopped command must not have written
		stdin   bool   // stdin is a pipe that stays open: the command waits on it
	}{
		{[]string{"train", "-out", model, silver}, func(_, e string) bool { return strings.Contains(e, "texts") }, model, false},
		{[]string{"eval", silver}, func(_, e string) bool { return true }, "", false},
		{[]string{"export", "-db", db, "-out", out}, func(_, _ string) bool {
			ps, _ := filepath.Glob(filepath.Join(out, "p", "*"))
			return len(ps) > 0
		}, filepath.Join(out, ".argmap-export"), false},
		{[]string{"extract", "-"}, func(_, _ string) bool { return true }, "", true},
	} {
		t.Run(tc.args[0], func(t *testing.T) {
			cmd := commandProcess(t, tc.args...)
			var stdout, stderr syncBuffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if tc.stdin {
				r, w, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { r.Close(); w.Close() })
				cmd.Stdin = r
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			deadline := time.After(60 * time.Second)
		wait:
			for !tc.working(stdout.String(), stderr.String()) {
				select {
				case <-done:
					break wait
				case <-deadline:
					break wait
				case <-time.After(20 * time.Millisecond):
				}
			}
			time.Sleep(200 * time.Millisecond)
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Logf("signal: %v (it had ended)", err)
			}
			select {
			case <-done:
			case <-time.After(60 * time.Second):
				_ = cmd.Process.Kill()
				<-done
				t.Fatalf("%s went on for a minute after SIGTERM", tc.args[0])
			}
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			last := lines[len(lines)-1]
			if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.HasPrefix(last, "argmap "+tc.args[0]+": ") || !strings.Contains(last, "stopped by a signal") {
				t.Errorf("%s after SIGTERM: exit %d, last line of stderr %q; want 1 and a line saying it was stopped", tc.args[0], code, last)
			}
			if tc.left != "" {
				if _, err := os.Stat(tc.left); err == nil {
					t.Errorf("%s after SIGTERM wrote %s", tc.args[0], tc.left)
				}
			}
		})
	}
}
