package server

import (
	"bytes"
	"context"
	"testing"
)

// TestCompression checks that both compression settings give every
// compressible page of the seed both encodings, which decode to the
// identity body, and that the default (what serve does) is the smaller.
func TestCompression(t *testing.T) {
	best, fast := builtSite(t), newSite(t, seedSnapshot(t))
	var sizeBest, sizeFast [2]int
	for _, site := range []*Site{best, fast} {
		for _, p := range site.Paths() {
			resp, err := site.lookup(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.body) < minCompress || !compressible(resp.contentType) {
				continue
			}
			if len(resp.wire.variants) != 2 {
				t.Errorf("%s has %d compressed variants, want 2", p, len(resp.wire.variants))
				continue
			}
			for i, v := range resp.wire.variants {
				if got := decode(t, v.encoding, v.body); !bytes.Equal(got, resp.body) {
					t.Errorf("%s %s decodes to %d bytes, want the %d of the identity body", p, v.encoding, len(got), len(resp.body))
				}
				if site == best {
					sizeBest[i] += len(v.body)
				} else {
					sizeFast[i] += len(v.body)
				}
			}
		}
	}
	for i, enc := range []string{"br", "gzip"} {
		t.Logf("%s: %d bytes with CompressBest, %d with CompressFast", enc, sizeBest[i], sizeFast[i])
		if sizeBest[i] == 0 || sizeBest[i] >= sizeFast[i] {
			t.Errorf("%s: %d bytes with CompressBest, %d with CompressFast; want the first smaller", enc, sizeBest[i], sizeFast[i])
		}
	}
}
