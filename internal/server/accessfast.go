package server

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// AccessLogHandler is a slog.Handler for access logs that writes the
// record of a request (see Site.accessLog) without slog's general
// machinery: one line formatted into a pooled buffer and written with one
// Write, byte for byte what slog.NewTextHandler (or, with json,
// slog.NewJSONHandler) would write for it. Records it cannot format that
// way (other messages, a path or address that needs quoting or escaping)
// go through that slog handler. The writer must be safe for concurrent
// use (a LogWriter is).
//
// Worth it, barely: .ci/bench.sh with `argmap serve` logging through
// slog.NewTextHandler instead (builds run in turns, 1 December 2026, the
// same runs as fastpath.go's): argmap's CPU time a request 35.6 µs against
// 33.0 µs with this handler (medians of 9 and 12 page runs), 7 % less
// with it; in-process, BenchmarkHandlerLogged: slog-text 12.6 µs, this
// handler 2.4 µs a request on that loaded machine.
type AccessLogHandler struct {
	slog.Handler // the slog handler of the same format, for everything else
	w            io.Writer
	json         bool
}

// NewAccessLogHandler returns an AccessLogHandler writing text (logfmt)
// lines, or JSON lines when json is true, to w.
func NewAccessLogHandler(w io.Writer, json bool) *AccessLogHandler {
	var inner slog.Handler = slog.NewTextHandler(w, nil)
	if json {
		inner = slog.NewJSONHandler(w, nil)
	}
	return &AccessLogHandler{Handler: inner, w: w, json: json}
}

var lineBufs = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

// plain reports whether s can be written as it is, unquoted in text and
// unescaped in JSON: printable ASCII but for space, '=', '"' and '\\'.
// Anything else takes slog's own path.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '=' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// logRequest writes the access record of one request at time t.
func (h *AccessLogHandler) logRequest(ctx context.Context, t time.Time, method, path string, status, n int, enc string, d time.Duration, remote string) {
	if !plain(method) || !plain(path) || !plain(enc) || !plain(remote) || method == "" || path == "" || remote == "" {
		slog.New(h.Handler).LogAttrs(ctx, slog.LevelInfo, "request", requestAttrs(method, path, status, n, enc, d, remote)...)
		return
	}
	bp := lineBufs.Get().(*[]byte)
	b := (*bp)[:0]
	t = t.Round(0)
	if h.json {
		b = append(b, `{"time":"`...)
		b = t.AppendFormat(b, time.RFC3339Nano)
		b = append(b, `","level":"INFO","msg":"request","method":"`...)
		b = append(b, method...)
		b = append(b, `","path":"`...)
		b = append(b, path...)
		b = append(b, `","status":`...)
		b = strconv.AppendInt(b, int64(status), 10)
		b = append(b, `,"bytes":`...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, `,"encoding":"`...)
		b = append(b, enc...)
		b = append(b, `","duration":`...)
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, `,"remote":"`...)
		b = append(b, remote...)
		b = append(b, "\"}\n"...)
	} else {
		b = append(b, "time="...)
		b = appendRFC3339Millis(b, t)
		b = append(b, " level=INFO msg=request method="...)
		b = append(b, method...)
		b = append(b, " path="...)
		b = append(b, path...)
		b = append(b, " status="...)
		b = strconv.AppendInt(b, int64(status), 10)
		b = append(b, " bytes="...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " encoding="...)
		if enc == "" {
			b = append(b, `""`...)
		} else {
			b = append(b, enc...)
		}
		b = append(b, " duration="...)
		b = appendDuration(b, d)
		b = append(b, " remote="...)
		b = append(b, remote...)
		b = append(b, '\n')
	}
	h.w.Write(b) //nolint:errcheck // as slog's handlers, nowhere to report it
	*bp = b
	lineBufs.Put(bp)
}

// requestAttrs are the attributes of an access record.
func requestAttrs(method, path string, status, n int, enc string, d time.Duration, remote string) []slog.Attr {
	return []slog.Attr{
		slog.String("method", method),
		slog.String("path", path),
		slog.Int("status", status),
		slog.Int("bytes", n),
		slog.String("encoding", enc),
		slog.Duration("duration", d),
		slog.String("remote", remote),
	}
}

// appendRFC3339Millis appends t as slog.TextHandler writes times: RFC 3339
// with exactly three digits of milliseconds.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...) // drop the 4th digit
}

// appendDuration appends d as d.String() would, without allocating.
func appendDuration(b []byte, d time.Duration) []byte {
	var buf [32]byte
	w := len(buf)
	u := uint64(d)
	neg := d < 0
	if neg {
		u = -u
	}
	if u < uint64(time.Second) {
		// Less than a second: ns, µs or ms, with a fraction.
		var prec int
		w--
		buf[w] = 's'
		w--
		switch {
		case u == 0:
			return append(b, "0s"...)
		case u < uint64(time.Microsecond):
			prec = 0
			buf[w] = 'n'
		case u < uint64(time.Millisecond):
			prec = 3
			// U+00B5 'µ' micro sign == 0xC2 0xB5
			w-- // Need room for two bytes.
			copy(buf[w:], "µ")
		default:
			prec = 6
			buf[w] = 'm'
		}
		w, u = fmtFrac(buf[:w], u, prec)
		w = fmtInt(buf[:w], u)
	} else {
		w--
		buf[w] = 's'
		w, u = fmtFrac(buf[:w], u, 9)
		w = fmtInt(buf[:w], u%60) // u is now integer seconds
		u /= 60
		if u > 0 {
			w--
			buf[w] = 'm'
			w = fmtInt(buf[:w], u%60)
			u /= 60
			if u > 0 {
				w--
				buf[w] = 'h'
				w = fmtInt(buf[:w], u)
			}
		}
	}
	if neg {
		w--
		buf[w] = '-'
	}
	return append(b, buf[w:]...)
}

// fmtFrac formats the fraction of v/10**prec (e.g., ".12345") into the
// tail of buf, omitting trailing zeros and the point when the fraction is
// 0. It returns the index where the output starts and v/10**prec.
func fmtFrac(buf []byte, v uint64, prec int) (nw int, nv uint64) {
	w := len(buf)
	print := false
	for range prec {
		digit := v % 10
		print = print || digit != 0
		if print {
			w--
			buf[w] = byte(digit) + '0'
		}
		v /= 10
	}
	if print {
		w--
		buf[w] = '.'
	}
	return w, v
}

// fmtInt formats v into the tail of buf and returns the index where the
// output begins.
func fmtInt(buf []byte, v uint64) int {
	w := len(buf)
	if v == 0 {
		w--
		buf[w] = '0'
	} else {
		for v > 0 {
			w--
			buf[w] = byte(v%10) + '0'
			v /= 10
		}
	}
	return w
}
