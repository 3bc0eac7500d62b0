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
		os.Exit(run(context.Background(), args, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
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
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
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
		cmd := exec.Command(exe, "-test.run=^$", "--", "ingest", "-db", db, big)
		cmd.Env = append(os.Environ(), "ARGMAP_RUN_AS_COMMAND=1")
		return cmd
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
