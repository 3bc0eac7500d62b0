package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"

	"github.com/go-chi/chi/v5"

	"github.com/argmap/argmap/internal/store"
)

// Handler returns the HTTP handler that serves the site: a chi router
// with one route per kind of page (each also answering its .json twin) and
// /healthz, behind middleware that logs each request (when
// Options.AccessLog is set), recovers from panics, sets security headers
// and refuses every method but GET and HEAD with 405.
func (s *Site) Handler() http.Handler { return s.handler }

// newHandler builds what Handler returns.
func (s *Site) newHandler() http.Handler {
	return s.middleware(s.fastPath(s.routes()))
}

// middleware wraps h in what every request goes through, in this order:
// log, recover, security headers, GET/HEAD only.
func (s *Site) middleware(h http.Handler) http.Handler {
	return s.accessLog(s.recoverer(securityHeaders(s.readOnly(h))))
}

// routes returns the router, without middleware.
func (s *Site) routes() *chi.Mux {
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
		// Later pages of the paged lists (routes.go).
		"/page/{n}", "/claims/page/{n}", "/figures/page/{n}",
		// {pid} and {cid} also match the .json twins ("/p/4.json"), since
		// ids may contain dots; the model decides what exists.
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
	return r
}

// handlerFunc is a handler that returns its error for handle to answer.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handlerFunc: store.ErrNotFound answers 404, a full
// search queue 503 with Retry-After, a client that went away is logged at
// INFO and answered nothing more, anything else is logged and answers a
// plain 500.
func (s *Site) handle(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		switch {
		case err == nil:
		case errors.Is(err, store.ErrNotFound):
			s.writeError(w, r, s.notFound, s.notFoundJSON)
		case errors.Is(err, errBusy):
			w.Header().Set("Retry-After", retryAfter)
			s.writeError(w, r, s.busy, s.busyJSON)
		case clientGone(r, err):
			s.log.Info("client went away", "path", r.URL.Path, "err", err)
		default:
			s.log.Error("serve", "path", r.URL.Path, "err", err)
			s.writeError(w, r, s.internal, s.internalJSON)
		}
	}
}

// errBusy is returned by a handler that found no free slot (a search over
// the cap of concurrent searches, or one that timed out waiting): the
// client is asked to try again.
var errBusy = errors.New("busy")

// retryAfter is the Retry-After of a 503, in seconds.
const retryAfter = "1"

// clientGone reports whether err comes from a client that closed its
// connection (or gave up) before its answer was complete: its request's
// context was canceled, or the write failed with a broken pipe or a reset,
// or it stopped reading until a write's deadline passed.
func clientGone(r *http.Request, err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(r.Context().Err(), context.Canceled) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, os.ErrDeadlineExceeded)
}

// servePage answers a path with its page, rendered or from the cache.
func (s *Site) servePage(w http.ResponseWriter, r *http.Request) error {
	if s.streams(r.URL.Path) {
		return s.serveDownload(w, r, r.URL.Path)
	}
	resp, err := s.lookup(r.Context(), r.URL.Path)
	if errors.Is(err, store.ErrNotFound) {
		if target, alias := s.versionAlias(r.Context(), r.URL.Path); alias {
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return nil
		}
	}
	if err != nil {
		return err
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
		if s.isPage(bare) {
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
// trace reaches the client. Headers the handler had set for the answer it
// did not finish (its Content-Type, Content-Encoding, ETag, …) are
// cleared first, so the error page goes out with its own. When the
// handler had already sent its status line, no answer can be given: the
// connection is cut (http.ErrAbortHandler), so the client sees a broken
// answer, not a truncated one that looks whole. http.ErrAbortHandler is
// passed on.
func (s *Site) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := sentWriters.Get().(*sentWriter)
		*sw = sentWriter{ResponseWriter: w}
		defer func() {
			sent := sw.sent
			*sw = sentWriter{}
			sentWriters.Put(sw)
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic while serving", "path", r.URL.Path, "panic", fmt.Sprint(v))
			if sent {
				panic(http.ErrAbortHandler)
			}
			clear(w.Header())
			s.writeError(securityHeaderWriter(w), r, s.internal, s.internalJSON)
		}()
		next.ServeHTTP(sw, r)
	})
}

// sentWriters holds sentWriters for reuse: a request allocates none.
var sentWriters = sync.Pool{New: func() any { return new(sentWriter) }}

// sentWriter records whether the status line went out.
type sentWriter struct {
	http.ResponseWriter
	sent bool
}

func (w *sentWriter) WriteHeader(code int) {
	if code >= 200 {
		w.sent = true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *sentWriter) Write(b []byte) (int, error) {
	w.sent = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *sentWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// securityHeaderWriter sets the security headers on w again (after the
// recoverer cleared them with the rest) and returns it.
func securityHeaderWriter(w http.ResponseWriter) http.ResponseWriter {
	setSecurityHeaders(w.Header())
	return w
}

// Security header values (see securityHeaders), shared by every response.
var (
	hdrCSP     = []string{ContentSecurityPolicy}
	hdrNosniff = []string{"nosniff"}
	hdrCOOP    = []string{"same-origin"}
)

// ContentSecurityPolicy is sent with every response: everything comes from
// the site itself, nothing inline, no frames, no plugins.
const ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets headers that suit a read-only site whose only
// styles and scripts are its own static files (nothing inline), on every
// response (errors and redirects too). The referrer policy is in the
// pages' head (a meta element) rather than a header: it is the one that
// only documents need, and with it an answer's headers stay at eight, the
// most net/http's header map holds before it grows (a ninth key costs a
// request three allocations and about 2 µs: -bench HeaderMap).
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w.Header())
		next.ServeHTTP(w, r)
	})
}

// setSecurityHeaders puts the headers of securityHeaders into h.
func setSecurityHeaders(h http.Header) {
	h["Content-Security-Policy"] = hdrCSP
	h["X-Content-Type-Options"] = hdrNosniff
	h["Cross-Origin-Opener-Policy"] = hdrCOOP
}
