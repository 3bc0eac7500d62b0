package main

import (
	"io"
	"net/http"
	"testing"
)

// TestBenchBareHeaders: the baseline server of make bench answers with the
// same body as argmap serve, with only two headers by default and with
// argmap's whole header set under -headers.
func TestBenchBareHeaders(t *testing.T) {
	db := ingestSeed(t)
	// The three listen on ports of their own: one -base makes the same
	// canonical links and citations on all three.
	const base = "http://argmap.test"
	served, _ := startServe(t, "-db", db, "-base", base)
	plain, _ := startCommand(t, "bench-bare", "-db", db, "-base", base)
	same, _ := startCommand(t, "bench-bare", "-db", db, "-base", base, "-headers")
	get := func(root string) (http.Header, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, root+"/", nil)
		req.Header.Set("Accept-Encoding", "identity")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.Header, string(b)
	}
	want, body := get(served)
	for _, tt := range []struct {
		name, root string
		headers    bool
	}{{"bare", plain, false}, {"bare -headers", same, true}} {
		h, b := get(tt.root)
		if b != body {
			t.Errorf("%s: / differs from argmap serve's body (%d bytes against %d)", tt.name, len(b), len(body))
		}
		for _, k := range []string{"Content-Security-Policy", "Etag", "Cache-Control", "X-Content-Type-Options"} {
			if want.Get(k) == "" {
				t.Fatalf("argmap serve sends no %s on /", k)
			}
			if got := h.Get(k) == want.Get(k); got != tt.headers {
				t.Errorf("%s: %s = %q, argmap serve's %q; want the same: %v", tt.name, k, h.Get(k), want.Get(k), tt.headers)
			}
		}
	}
}
