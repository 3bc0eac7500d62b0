package server

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// TestFastPathSameAnswers checks that Handler (with the fast path) gives
// every request the answer the router alone gives: status, headers and
// body, for every path of the site once it is in the cache, and for
// requests the fast path must leave to the router.
func TestFastPathSameAnswers(t *testing.T) {
	for _, name := range []string{"seed", "rich"} {
		t.Run(name, func(t *testing.T) {
			snap := seedSnapshot(t)
			if name == "rich" {
				snap = richSnapshot(t)
			}
			site := newSite(t, snap)
			ref, h := site.middleware(site.routes()), site.Handler()
			for _, p := range site.Paths() {
				ask(h, "GET", p) // renders it into the cache
			}
			if _, n := site.cache.size(); n < len(site.Paths())/2 {
				t.Errorf("the cache holds %d of %d paths", n, len(site.Paths()))
			}
			var targets []string
			for _, p := range site.Paths() {
				targets = append(targets, p, p+"/", p+"?v=1", strings.Replace(p, "/", "/%2F", 1), strings.ReplaceAll(p, ".", "%2E"))
			}
			targets = append(targets, "/healthz", "/search", "/search?q=x", "/nope", "//", "/p/", "/p/../claims")
			tag := ask(h, "GET", "/").Header().Get("ETag")
			for _, target := range targets {
				for _, req := range [][]string{
					{"GET"}, {"HEAD"}, {"POST"}, {"OPTIONS"},
					{"GET", "Accept-Encoding", "br, gzip"},
					{"GET", "Accept-Encoding", "gzip;q=1, br;q=0.5"},
					{"GET", "If-None-Match", tag},
					{"GET", "Range", "bytes=0-9"},
				} {
					want, got := ask(ref, req[0], target, req[1:]...), ask(h, req[0], target, req[1:]...)
					if got.Code != want.Code || !reflect.DeepEqual(got.Header(), want.Header()) || !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
						t.Errorf("%v %s: fast path %d %v (%d bytes), router %d %v (%d bytes)", req, target,
							got.Code, got.Header(), got.Body.Len(), want.Code, want.Header(), want.Body.Len())
					}
				}
			}
			if _, ok := site.cache.get("/healthz"); ok {
				t.Error("the cache holds /healthz, which has its own route")
			}
		})
	}
}
