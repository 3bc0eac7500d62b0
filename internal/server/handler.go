package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/argmap/argmap/internal/store"
)

// Handler returns the HTTP handler that serves the prerendered site: a chi
// router with one route per kind of page (each also answering its .json
// twin) and /healthz, behind middleware that logs each request (when
// Options.AccessLog is set), recovers from panics, sets security headers
// and refuses every method but GET and HEAD with 405.
func (s *Site) Handler() http.Handler {
	r, pagePatterns := s.routes()
	// The middleware wraps the router and the fast path (fastpath.go)
	// alike, in this order: log, recover, security headers, GET/HEAD only.
	return s.middleware(s.newFastPath(r, pagePatterns))
}

// middleware wraps h in what every request goes through.
func (s *Site) middleware(h http.Handler) http.Handler {
	return s.accessLog(s.recoverer(securityHeaders(s.readOnly(h))))
}

// routes returns the router, without middleware, and the patterns it
// gives to the page handler.
func (s *Site) routes() (*chi.Mux, []string) {
	r := chi.NewRouter()
	r.Get("/healthz", healthz)
	r.Head("/healthz", healthz)
	r.NotFound(s.handle(s.serveNotFound))
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) { s.writeError(w, r, s.notAllowed, s.notAllowJSON) })

	page := s.handle(s.servePage)
	pagePatterns := []string{
		"/",
		"/index.json",
		"/essay.json",
		"/claims", "/claims.json",
		"/figures", "/figures.json",
		"/map", "/map.json",
		"/revisions", "/revisions.json",
		// {pid} and {cid} also match the .json twins ("/p/4.json"), since
		// ids may contain dots; the page table decides what exists.
		"/p/{pid}",
		"/p/{pid}/v/{revision}",
		"/claims/{cid}",
		"/static/{file}",
		// Exports and /api (api.go, aif.go, argdown.go, csv.go).
		"/api", "/api.json",
		"/export/aif.json", "/export/argdown",
		"/figures.csv", "/sentences.csv",
	}
	for _, pattern := range pagePatterns {
		r.Get(pattern, page)
		r.Head(pattern, page)
	}
	// Search (search.go) is answered as asked when there is a Searcher,
	// else from the static page.
	search := page
	if s.search != nil {
		search = s.handle(s.serveSearch)
	}
	for _, pattern := range []string{"/search", "/search.json"} {
		r.Get(pattern, search)
		r.Head(pattern, search)
	}
	return r, pagePatterns
}

// handlerFunc is a handler that returns its error for handle to answer.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handlerFunc: store.ErrNotFound answers 404, anything else
// is logged and answers a plain 500.
func (s *Site) handle(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		switch {
		case err == nil:
		case errors.Is(err, store.ErrNotFound):
			s.writeError(w, r, s.notFound, s.notFoundJSON)
		default:
			s.log.Error("serve", "path", r.URL.Path, "err", err)
			s.writeError(w, r, s.internal, s.internalJSON)
		}
	}
}

// servePage answers a path from the prerendered table.
func (s *Site) servePage(w http.ResponseWriter, r *http.Request) error {
	resp, ok := s.responses[r.URL.Path]
	if target, alias := s.aliases[r.URL.Path]; !ok && alias {
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return nil
	}
	if !ok {
		return fmt.Errorf("page %s: %w", r.URL.Path, store.ErrNotFound)
	}
	s.write(w, r, resp)
	return nil
}

// serveNotFound answers paths no route matches. A path with a trailing
// slash whose bare form is a page (as an exported folder's URLs are) is
// redirected there.
func (s *Site) serveNotFound(w http.ResponseWriter, r *http.Request) error {
	p := r.URL.Path
	if len(p) > 1 && strings.HasSuffix(p, "/") {
		bare := strings.TrimRight(p, "/")
		if resp, ok := s.responses[bare]; ok && resp.page {
			target := bare
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return nil
		}
	}
	return fmt.Errorf("path %s: %w", p, store.ErrNotFound)
}

// writeError sends an error page, as JSON for a .json path.
func (s *Site) writeError(w http.ResponseWriter, r *http.Request, htmlResp, jsonResp *response) {
	resp := htmlResp
	if strings.HasSuffix(r.URL.Path, ".json") {
		resp = jsonResp
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if resp.status == http.StatusMethodNotAllowed {
		h.Set("Allow", "GET, HEAD")
	}
	s.write(w, r, resp)
}

// readOnly answers 405 to every method but GET and HEAD, on every path.
func (s *Site) readOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			s.writeError(w, r, s.notAllowed, s.notAllowJSON)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a panic into a logged 500 with a plain page: no stack
// trace reaches the client. http.ErrAbortHandler is passed on.
func (s *Site) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic while serving", "path", r.URL.Path, "panic", fmt.Sprint(v))
			s.writeError(w, r, s.internal, s.internalJSON)
		}()
		next.ServeHTTP(w, r)
	})
}

// Security header values (see securityHeaders), shared by every response.
var (
	hdrCSP      = []string{ContentSecurityPolicy}
	hdrNosniff  = []string{"nosniff"}
	hdrReferrer = []string{"strict-origin-when-cross-origin"}
	hdrCOOP     = []string{"same-origin"}
)

// ContentSecurityPolicy is sent with every response: everything comes from
// the site itself, nothing inline, no frames, no plugins.
const ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets headers that suit a read-only site whose only
// styles and scripts are its own static files (nothing inline), on every
// response (errors and redirects too).
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Content-Security-Policy"] = hdrCSP
		h["X-Content-Type-Options"] = hdrNosniff
		h["Referrer-Policy"] = hdrReferrer
		h["Cross-Origin-Opener-Policy"] = hdrCOOP
		next.ServeHTTP(w, r)
	})
}
