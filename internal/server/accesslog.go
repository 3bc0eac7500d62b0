package server

import (
	"bufio"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// accessLog logs one structured record per request when the site has an
// access logger: method, path, status, bytes written, content encoding,
// duration and the client's address. With an AccessLogHandler the record
// is written without slog's general path (accessfast.go): about 0.8 µs
// instead of 2.7 µs, and no allocation.
func (s *Site) accessLog(next http.Handler) http.Handler {
	if s.accessLogger == nil {
		return next
	}
	fast, _ := s.accessLogger.Handler().(*AccessLogHandler)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := recorders.Get().(*recorder)
		*rec = recorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			end := time.Now()
			status, n, enc := rec.status, rec.bytes, w.Header()["Content-Encoding"]
			*rec = recorder{}
			recorders.Put(rec)
			e := ""
			if len(enc) > 0 {
				e = enc[0]
			}
			if fast != nil {
				fast.logRequest(r.Context(), end, r.Method, r.URL.Path, status, n, e, end.Sub(start), r.RemoteAddr)
				return
			}
			s.accessLogger.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", status),
				slog.Int("bytes", n),
				slog.String("encoding", e),
				slog.Duration("duration", end.Sub(start)),
				slog.String("remote", r.RemoteAddr),
			)
		}()
		next.ServeHTTP(rec, r)
	})
}

// recorders holds recorders for reuse: a request allocates none.
var recorders = sync.Pool{New: func() any { return new(recorder) }}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status, bytes int
	wrote         bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

var (
	hdrText      = []string{"text/plain; charset=utf-8"}
	hdrNone      = []string{cacheNone}
	hdrHealthLen = []string{"3"} // len("ok\n")
)

// healthz answers /healthz with "ok": the site is in memory, so a process
// that answers is healthy. Load balancers and the deploy check poll it.
func healthz(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h["Content-Type"] = hdrText
	h["Cache-Control"] = hdrNone
	h["Content-Length"] = hdrHealthLen
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		io.WriteString(w, "ok\n") //nolint:errcheck // the client went away
	}
}

// LogWriter buffers log lines for an io.Writer (such as stderr) and
// flushes them every interval and on Close, so that an access log costs a
// request a copy into memory rather than a system call. It is safe for
// concurrent use.
type LogWriter struct {
	mu   sync.Mutex
	w    *bufio.Writer
	stop chan struct{}
	done chan struct{}
}

// NewLogWriter returns a LogWriter that flushes into w every interval.
func NewLogWriter(w io.Writer, interval time.Duration) *LogWriter {
	lw := &LogWriter{w: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(lw.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				lw.Flush() //nolint:errcheck // nowhere to report it
			case <-lw.stop:
				return
			}
		}
	}()
	return lw
}

// Write buffers p.
func (lw *LogWriter) Write(p []byte) (int, error) {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	return lw.w.Write(p)
}

// Flush writes out what is buffered.
func (lw *LogWriter) Flush() error {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	return lw.w.Flush()
}

// Close stops the flusher and flushes what is left.
func (lw *LogWriter) Close() error {
	close(lw.stop)
	<-lw.done
	return lw.Flush()
}
