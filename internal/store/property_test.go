package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/essay"
)

// randomEssay makes essays and revises them at random.
type randomEssay struct {
	r     *rand.Rand
	vocab []string
}

func newRandomEssay(seed uint64) *randomEssay {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	e := &randomEssay{r: r}
	for i := 0; i < 400; i++ {
		e.vocab = append(e.vocab, fmt.Sprintf("%c%c%cword%d", 'a'+r.IntN(26), 'a'+r.IntN(26), 'a'+r.IntN(26), i))
	}
	return e
}

func (e *randomEssay) sentence() string {
	n := 5 + e.r.IntN(8)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = e.vocab[e.r.IntN(len(e.vocab))]
	}
	if e.r.IntN(4) == 0 {
		ws[e.r.IntN(n)] = fmt.Sprint(e.r.IntN(1000))
	}
	return strings.Join(ws, " ") + "."
}

func (e *randomEssay) paragraph() string {
	n := 1 + e.r.IntN(4)
	ss := make([]string, n)
	for i := range ss {
		ss[i] = e.sentence()
	}
	return strings.Join(ss, " ")
}

func (e *randomEssay) initial() []para {
	ps := []para{title(e.sentence())}
	for range 4 + e.r.IntN(6) {
		ps = append(ps, body(e.paragraph()))
	}
	return ps
}

// revise applies one random edit to the paragraphs (never to the title's
// place at the front).
func (e *randomEssay) revise(ps []para) []para {
	ps = slices.Clone(ps)
	body0 := 1 // first index that may change
	if len(ps) > 1 && ps[1].kind == essay.Standfirst {
		body0 = 2
	}
	pick := func() int { return body0 + e.r.IntN(len(ps)-body0) }
	if len(ps) <= body0 {
		return append(ps, body(e.paragraph()))
	}
	switch e.r.IntN(11) {
	case 0: // insert
		i := body0 + e.r.IntN(len(ps)-body0+1)
		ps = slices.Insert(ps, i, body(e.paragraph()))
	case 1: // delete
		if len(ps) > body0+1 {
			i := pick()
			ps = slices.Delete(ps, i, i+1)
		}
	case 2: // edit one word
		i := pick()
		ws := strings.Fields(ps[i].text)
		ws[e.r.IntN(len(ws))] = e.vocab[e.r.IntN(len(e.vocab))]
		ps[i].text = strings.Join(ws, " ")
		if !strings.HasSuffix(ps[i].text, ".") {
			ps[i].text += "."
		}
	case 3: // rewrite
		ps[pick()].text = e.paragraph()
	case 4: // move
		i, j := pick(), pick()
		p := ps[i]
		ps = slices.Delete(ps, i, i+1)
		ps = slices.Insert(ps, min(j, len(ps)), p)
	case 5: // split
		i := pick()
		ss := splitSentences(ps[i].text)
		if len(ss) > 1 {
			k := 1 + e.r.IntN(len(ss)-1)
			ps[i].text = strings.Join(ss[:k], " ")
			ps = slices.Insert(ps, i+1, body(strings.Join(ss[k:], " ")))
		}
	case 6: // merge
		i := pick()
		if i+1 < len(ps) {
			ps[i].text += " " + ps[i+1].text
			ps = slices.Delete(ps, i+1, i+2)
		}
	case 7: // duplicate
		i := pick()
		ps = slices.Insert(ps, pick(), ps[i])
	case 8: // add or drop the standfirst
		if body0 == 2 {
			ps = slices.Delete(ps, 1, 2)
		} else {
			ps = slices.Insert(ps, 1, standfirst(e.sentence()))
		}
	case 9: // edit the title
		ps[0].text = e.sentence()
	case 10: // nothing
	}
	return ps
}

// TestRandomRevisions ingests random revisions and checks, after each,
// that ids are never reused, that every id ever issued is either current or
// removed, that a paragraph whose text is unchanged and unique keeps its id,
// that a sentence id always names the same text, and that the snapshot
// holds what was ingested.
func TestRandomRevisions(t *testing.T) {
	steps := 25
	if testing.Short() {
		steps = 8
	}
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			e := newRandomEssay(seed)
			path := dbPath(t)
			ps := e.initial()
			issued := make(map[string]bool)
			gone := make(map[string]bool)
			sidText := make(map[string]string)
			var prev []string // pids of the previous revision
			var prevPS []para
			rev := 0
			for step := 0; step < steps; step++ {
				if step > 0 {
					ps = e.revise(ps)
					if e.r.IntN(3) == 0 {
						ps = e.revise(ps)
					}
				}
				res, a := ingestParas(t, path, ps)
				if reflect.DeepEqual(ps, prevPS) {
					if res.Changed {
						t.Fatalf("step %d: unchanged essay made revision %d", step, res.Revision)
					}
					continue
				}
				rev++
				if !res.Changed || res.Revision != rev {
					t.Fatalf("step %d: Ingest = %+v, want revision %d", step, res, rev)
				}
				cur := ids(a)
				for _, c := range res.Changes {
					if c.What == "added" && issued[c.PID] {
						t.Errorf("step %d: change %+v adds an id issued before", step, c)
					}
				}
				for _, pid := range cur {
					if gone[pid] {
						t.Errorf("step %d: id %s was removed earlier and is back", step, pid)
					}
					issued[pid] = true
				}
				for _, pid := range prev {
					if !slices.Contains(cur, pid) {
						gone[pid] = true
					}
				}
				// Unique unchanged texts keep their ids.
				if prevPS != nil {
					count := func(list []para, text string) int {
						n := 0
						for _, p := range list {
							if p.text == text {
								n++
							}
						}
						return n
					}
					for i, p := range ps {
						if count(ps, p.text) != 1 || count(prevPS, p.text) != 1 {
							continue
						}
						j := slices.IndexFunc(prevPS, func(q para) bool { return q.text == p.text })
						if cur[i] != prev[j] {
							t.Errorf("step %d: unchanged paragraph %q went from id %s to %s", step, p.text, prev[j], cur[i])
						}
					}
				}
				for _, p := range a.Paragraphs {
					for _, s := range p.Sentences {
						if old, ok := sidText[s.ID]; ok && old != s.Text {
							t.Errorf("step %d: sentence id %s was %q and is now %q", step, s.ID, old, s.Text)
						}
						sidText[s.ID] = s.Text
					}
				}

				s := snapshot(t, path)
				if !reflect.DeepEqual(&s.Analysis, a) {
					t.Fatalf("step %d: Snapshot().Analysis differs from the ingested analysis", step)
				}
				all := make(map[string]bool)
				for _, pid := range cur {
					all[pid] = true
				}
				for _, v := range s.Removed {
					all[v.PID] = true
					if !gone[v.PID] {
						t.Errorf("step %d: Removed has %s, which is current", step, v.PID)
					}
				}
				if !reflect.DeepEqual(all, issued) {
					t.Errorf("step %d: current and removed ids %v, want every id issued %v", step, all, issued)
				}
				prev, prevPS = cur, ps
			}
		})
	}
}

// TestKillDuringIngest kills (SIGKILL) an ingesting process at random
// moments, 24 times, and checks that the database is then either exactly as
// it was or holds the complete new revision.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	path := dbPath(t)
	ingestParas(t, path, bigEssay(1))
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	origSum := fileSum(t, path)
	run := func() *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^TestIngestHelper$")
		cmd.Env = append(os.Environ(), "ARGMAP_INGEST_HELPER="+path)
		return cmd
	}

	// Time one undisturbed run, then restore the database.
	start := time.Now()
	if out, err := run().CombinedOutput(); err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	full := time.Since(start)
	want := snapshot(t, path)
	if want.Current.Number != 2 {
		t.Fatalf("helper made revision %d, want 2", want.Current.Number)
	}
	r := rand.New(rand.NewPCG(7, 7))
	interrupted, completed := 0, 0
	for range 24 {
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := run()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(full) * 3 / 2)))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if fileSum(t, path) == origSum {
			interrupted++
			continue
		}
		completed++
		s := snapshot(t, path)
		if !reflect.DeepEqual(s.Analysis, want.Analysis) || s.Current.Number != 2 {
			t.Errorf("after a kill the database holds revision %d, neither the old one nor the new", s.Current.Number)
		}
	}
	t.Logf("one ingest took %v; %d kills left the old database, %d came after the new one was in place", full, interrupted, completed)
	// Every kill may leave a temporary file, but never a second database.
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.db"))
	if len(matches) != 1 {
		t.Errorf("directory holds databases %v", matches)
	}
}

// bigEssay makes an essay large enough for an ingest to take a while.
func bigEssay(seed uint64) []para {
	e := newRandomEssay(seed)
	ps := []para{title("A long essay")}
	for range 1500 {
		ps = append(ps, body(e.paragraph()))
	}
	return ps
}

// TestIngestHelper is the process TestKillDuringIngest kills: it ingests a
// revision of bigEssay into the database named by ARGMAP_INGEST_HELPER.
func TestIngestHelper(t *testing.T) {
	path := os.Getenv("ARGMAP_INGEST_HELPER")
	if path == "" {
		t.Skip("run by TestKillDuringIngest")
	}
	ps := bigEssay(1)
	ps[10].text = "An edited paragraph in the middle."
	ps = append(ps[:500], ps[550:]...)
	a := build(ps...)
	if _, err := Ingest(context.Background(), path, a, sourceOf(ps)); err != nil {
		t.Fatal(err)
	}
}
