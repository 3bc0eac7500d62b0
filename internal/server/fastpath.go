package server

import "net/http"

// fastPath answers a GET or HEAD of a page already rendered (in the cache)
// or of a static file straight from it, and hands every other request to
// the router: the same answer either way (a test compares them), without
// chi's routing and the allocations of its request context
// (r.WithContext) on the requests that matter most.
//
// Worth it: .ci/bench.sh (NOBUILD=1 SIZES_MB=0.25 DURATION=5s ROUNDS=2,
// the seed's /, a claim page and a paragraph page), builds with and
// without it run in turns, 1 December 2026: argmap's CPU time a request
// (the steadier measure) 29.4 µs with it against 33.0 µs without (medians
// of 9 and 12 page runs), 11 % less, so about 12 % more requests a second
// from the same CPU. req/s itself moved by ±20 % between runs on this
// shared 2-core machine and could not show a difference of this size.
func (s *Site) fastPath(router http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// chi routes on RawPath when there is one: leave those to it.
		if (r.Method == http.MethodGet || r.Method == http.MethodHead) && r.URL.RawPath == "" {
			if resp, ok := s.static[r.URL.Path]; ok {
				s.write(w, r, resp)
				return
			}
			if resp, ok := s.cache.get(r.URL.Path); ok {
				s.write(w, r, resp)
				return
			}
		}
		router.ServeHTTP(w, r)
	})
}
