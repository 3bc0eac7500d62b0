package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeSearches runs `argmap serve` on a real port and searches the
// seed: serve keeps the database open for /search.
func TestServeSearches(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "argmap.db")
	if code, _, errs := argmap(t, "ingest", "-db", db, seed); code != 0 {
		t.Fatalf("ingest seed: exit %d: %s", code, errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	var errb strings.Builder
	go func() {
		done <- run(ctx, []string{"serve", "-db", db, "-addr", "127.0.0.1:0"}, outW, &errb)
		outW.Close()
	}()
	lines := bufio.NewScanner(outR)
	if !lines.Scan() {
		t.Fatalf("serve printed nothing; stderr %q", errb.String())
	}
	_, root, ok := strings.Cut(lines.Text(), " on ")
	if !ok {
		t.Fatalf("serve printed %q, want its address", lines.Text())
	}
	go io.Copy(io.Discard, outR) //nolint:errcheck // drain the rest

	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(root + "/search.json?q=remittances")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Results []struct{ SID, URL string }
	}
	err = json.NewDecoder(resp.Body).Decode(&v)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || len(v.Results) == 0 {
		t.Errorf("GET /search.json?q=remittances = %d, %d results, %v; want results", resp.StatusCode, len(v.Results), err)
	}
	for _, p := range []string{"/export/aif.json", "/export/argdown", "/figures.csv", "/sentences.csv", "/api"} {
		resp, err := c.Get(root + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d", p, resp.StatusCode)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit %d after cancel: %s", code, errb.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}

	// An export cannot search, and says so.
	out := filepath.Join(dir, "site")
	if code, _, errs := argmap(t, "export", "-db", db, "-out", out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(filepath.Join(out, "search", "index.html"))
	if err != nil || !strings.Contains(string(b), "Search needs the argmap server") {
		t.Errorf("exported search page: %v; want the note that search needs the server", err)
	}
}
