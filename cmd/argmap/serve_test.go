package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServePortInUse: a port already in use is the first thing serve
// says, before it reads the database (here there is none).
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	missing := filepath.Join(t.TempDir(), "none.db")
	code, _, errs := argmap(t, "serve", "-db", missing, "-addr", ln.Addr().String())
	if code != 1 || !strings.Contains(errs, "listen on "+ln.Addr().String()) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Errorf("serve on a port in use: exit %d, stderr %q; want 1 and one line about the port", code, errs)
	}
}

// TestServeStopsBeforeLoad: a SIGTERM that comes while serve is starting
// (here, before it begins) stops it cleanly, without reading the
// snapshot.
func TestServeStopsBeforeLoad(t *testing.T) {
	db := ingestSeed(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"serve", "-db", db, "-addr", "127.0.0.1:0"}, &out, &errb)
	if code != 0 || !strings.Contains(out.String(), "stopped") || strings.Contains(out.String(), "serving") {
		t.Errorf("serve stopped at start: exit %d, stdout %q, stderr %q; want 0, stopped, never serving", code, out.String(), errb.String())
	}
}

// TestServeFollowsReingest: a running serve switches to the revision an
// ingest publishes, without a restart.
func TestServeFollowsReingest(t *testing.T) {
	db := ingestSeed(t)
	root, _ := startServe(t, "-db", db, "-watch", "50ms")
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	const word = "Quixotrellis"
	revised := strings.TrimRight(string(data), "\n") + " The " + word + " plan was dropped.\n"
	path := filepath.Join(t.TempDir(), "revised.txt")
	if err := os.WriteFile(path, []byte(revised), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := argmap(t, "ingest", "-db", db, path); code != 0 {
		t.Fatalf("re-ingest: exit %d: %s", code, errs)
	}
	deadline := time.Now().Add(10 * time.Second) // a bound for a loaded machine, not the measure
	for {
		resp, err := http.Get(root + "/healthz.json")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(b), `"revision":2`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no switch to revision 2: /healthz.json says %s", b)
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, err := http.Get(root + "/search.json?q=" + word)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), word) {
		t.Errorf("search for the new word after the switch = %d %.300s", resp.StatusCode, b)
	}
}

// TestServeBaseOfPortZero: with -addr HOST:0 the system picks the port,
// and without -base the canonical links and citations name that port
// (they named port 0, where nothing listens).
func TestServeBaseOfPortZero(t *testing.T) {
	db := ingestSeed(t)
	root, _ := startServe(t, "-db", db) // -addr 127.0.0.1:0
	resp, err := http.Get(root + "/p/1")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := `<link rel="canonical" href="` + root + `/p/1">`; !strings.Contains(string(b), want) {
		t.Errorf("GET %s/p/1: no %s in the page", root, want)
	}
}
