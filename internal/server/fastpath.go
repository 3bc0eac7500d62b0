package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

// fastPath answers a GET or HEAD of a prerendered path (one the router
// would give to the page handler) straight from a map, and hands every
// other request to the router. Answers are the same either way (a test
// compares them); the map saves chi's routing and the two allocations of
// its per-request context, on the requests that matter most.
type fastPath struct {
	pages  map[string]*response
	write  func(http.ResponseWriter, *http.Request, *response)
	router http.Handler
}

// newFastPath returns the fast path in front of router r: each path of s's
// table whose GET router r gives to one of the patterns pagePatterns.
func (s *Site) newFastPath(r *chi.Mux, pagePatterns []string) *fastPath {
	isPage := make(map[string]bool, len(pagePatterns))
	for _, p := range pagePatterns {
		isPage[p] = true
	}
	fp := &fastPath{pages: make(map[string]*response), write: s.write, router: r}
	for p, resp := range s.responses {
		if isPage[r.Find(chi.NewRouteContext(), http.MethodGet, p)] {
			fp.pages[p] = resp
		}
	}
	return fp
}

func (fp *fastPath) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// chi routes on RawPath when there is one: leave those to it.
	if (r.Method == http.MethodGet || r.Method == http.MethodHead) && r.URL.RawPath == "" {
		if resp, ok := fp.pages[r.URL.Path]; ok {
			fp.write(w, r, resp)
			return
		}
	}
	fp.router.ServeHTTP(w, r)
}
