package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a command writing while a test
// reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var servingRE = regexp.MustCompile(`on (http://\S+)`)

// startServe runs `argmap serve` in-process on a free loopback port and
// returns its root URL and its stderr; the server is stopped (as by
// SIGTERM) at the end of the test, which checks that it stopped cleanly.
func startServe(t testing.TB, args ...string) (string, *syncBuffer) {
	t.Helper()
	return startCommand(t, "serve", args...)
}

// startCommand is startServe for any command that serves (serve,
// bench-bare).
func startCommand(t testing.TB, command string, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{command, "-addr", "127.0.0.1:0"}, args...), &stdout, &stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 || !strings.Contains(stdout.String(), "stopped") {
				t.Errorf("%s after SIGTERM: exit %d, stdout %q, stderr %q; want 0 and stopped", command, code, stdout.String(), stderr.String())
			}
		case <-time.After(15 * time.Second):
			t.Errorf("%s did not stop within 15s of SIGTERM", command)
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := servingRE.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], &stderr
		}
		select {
		case code := <-done:
			t.Fatalf("%s exited %d: %s", command, code, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("%s did not start within 10s", command)
	return "", nil
}

func ingestSeed(t testing.TB) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "argmap.db")
	if code, _, errs := argmap(t, "ingest", "-db", db, seed); code != 0 {
		t.Fatalf("ingest seed: exit %d: %s", code, errs)
	}
	return db
}

// TestIngestBadInputMatrix feeds ingest every kind of bad input the issue
// lists: each must end in exit 1, one line on stderr naming the file and
// the reason, and a database whose bytes did not change.
func TestIngestBadInputMatrix(t *testing.T) {
	db := ingestSeed(t)
	dir := t.TempDir()
	before := fileSum(t, db)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A 100 MB file, made sparse so the test writes almost nothing.
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("A title\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// One 5 MB line: a paragraph far over the 64 KiB limit.
	line := write("line.txt", append([]byte("A title\n"), bytes.Repeat([]byte("word "), 1<<20)...))
	// A real SQLite database that argmap did not write, as the database.
	foreign := filepath.Join(dir, "foreign.db")
	sdb, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')"); err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	foreignSum := fileSum(t, foreign)
	unreadable := write("unreadable.txt", []byte("Title\nBody.\n"))
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, db, path, want string
	}{
		{"missing", db, filepath.Join(dir, "nope.txt"), "no such file"},
		{"directory", db, dir, "is a directory"},
		{"empty", db, write("empty.txt", nil), "empty file"},
		{"white space only", db, write("blank.txt", []byte("\uFEFF \n\r\n\t\t\n\u00a0\u2003 \n")), "empty file"},
		{"binary", db, write("bin.txt", []byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 3, 0, 0x3e, 0}), "binary file"},
		{"invalid UTF-8", db, write("latin1.txt", []byte("Title\nA caf\xe9 au lait.\n")), "not UTF-8"},
		{"NUL bytes", db, write("nul.txt", []byte("Title\nA body\x00 with a NUL.\n")), "NUL byte"},
		{"100 MB file", db, huge, "file too large"},
		{"a 5 MB line", db, line, "paragraph too long"},
		{"a non-argmap database", foreign, seed, "not an argmap database"},
	}
	if os.Geteuid() != 0 {
		tests = append(tests, struct{ name, db, path, want string }{"unreadable", db, unreadable, "permission denied"})
	} else {
		t.Log("running as root, which reads any file: the unreadable case is skipped")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := argmap(t, "ingest", "-db", tt.db, tt.path)
			if code != 1 {
				t.Errorf("ingest %s: exit %d, want 1", tt.path, code)
			}
			if strings.Count(errs, "\n") != 1 || !strings.HasSuffix(errs, "\n") || !strings.Contains(errs, tt.want) {
				t.Errorf("ingest %s: stderr %q, want one line saying %q", tt.path, errs, tt.want)
			}
			named := tt.path
			if tt.db != db {
				named = tt.db
			}
			if !strings.Contains(errs, named) {
				t.Errorf("ingest %s: stderr %q does not name %s", tt.path, errs, named)
			}
			if out != "" {
				t.Errorf("ingest %s: stdout %q, want nothing", tt.path, out)
			}
			if fileSum(t, db) != before {
				t.Errorf("ingest %s changed the database", tt.path)
			}
			if fileSum(t, foreign) != foreignSum {
				t.Errorf("ingest %s changed the foreign database", tt.path)
			}
		})
	}
	// The limit is a flag.
	small := write("small.txt", []byte("A title\nA paragraph of the essay that is longer than forty bytes.\n"))
	code, _, errs := argmap(t, "ingest", "-db", db, "-max-bytes", "40", small)
	if code != 1 || !strings.Contains(errs, "file too large") || !strings.Contains(errs, "limit 40") {
		t.Errorf("ingest -max-bytes 40: exit %d, stderr %q; want file too large (limit 40)", code, errs)
	}
	if fileSum(t, db) != before {
		t.Errorf("ingest -max-bytes changed the database")
	}
}

// TestIngestAwkwardText ingests and serves text with a byte-order mark,
// CRLF line ends, tabs, mixed scripts and right-to-left paragraphs.
func TestIngestAwkwardText(t *testing.T) {
	essay := "\uFEFFA title with\ttabs\r\n" +
		"Cities should build fewer car parks. Space is scarce.\r\n" +
		"Города должны строить меньше парковок, потому что место дорого. Это ясно.\r\n" +
		"يجب على المدن بناء مواقف أقل للسيارات. المساحة نادرة.\r\n" +
		"Mixed: 東京 has 14 million people, and שלום means peace.\r\n"
	path := filepath.Join(t.TempDir(), "awkward.txt")
	if err := os.WriteFile(path, []byte(essay), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "argmap.db")
	if code, _, errs := argmap(t, "ingest", "-db", db, path); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	root, _ := startServe(t, "-db", db, "-access-log=false")
	resp, err := http.Get(root + "/essay.json")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`"A title with tabs"`, "Города должны", "يجب على المدن", "東京", "שלום"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/essay.json lacks %q", want)
		}
	}
	for _, bad := range []string{"\uFEFF", `\r`, `\t`} {
		if strings.Contains(string(body), bad) {
			t.Errorf("/essay.json still holds %q", bad)
		}
	}
}

// TestServeRefusesOtherFiles checks that serve refuses, with one line and
// without touching it, a file that is not an argmap database.
func TestServeRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "text.db")
	if err := os.WriteFile(text, []byte("just some text, not SQLite\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	sdb, err := sql.Open("sqlite3", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	for _, db := range []string{text, other, dir} {
		var before [32]byte
		if db != dir {
			before = fileSum(t, db)
		}
		code, _, errs := argmap(t, "serve", "-db", db, "-addr", "127.0.0.1:0")
		if code != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, db) {
			t.Errorf("serve -db %s: exit %d, stderr %q; want 1 and one line naming it", db, code, errs)
		}
		if db != dir && fileSum(t, db) != before {
			t.Errorf("serve -db %s changed the file", db)
		}
	}
}

// TestServeReadOnly serves a database and checks that serving leaves its
// bytes unchanged and creates no journal beside it.
func TestServeReadOnly(t *testing.T) {
	db := ingestSeed(t)
	before := fileSum(t, db)
	ingested, _ := filepath.Glob(db + "*") // the database and ingest's lock file
	root, stderr := startServe(t, "-db", db)
	for _, p := range []string{"/", "/claims", "/essay.json", "/healthz"} {
		resp, err := http.Get(root + p)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body) //nolint:errcheck // only the status matters
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s = %d", p, resp.StatusCode)
		}
	}
	if fileSum(t, db) != before {
		t.Error("serving changed the database")
	}
	files, _ := filepath.Glob(db + "*")
	if !slices.Equal(files, ingested) {
		t.Errorf("serving left files %v beside the database, which had %v", files, ingested)
	}
	// The access log is flushed every 250ms.
	deadline := time.Now().Add(3 * time.Second)
	for !strings.Contains(stderr.String(), "path=/claims status=200") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(stderr.String(), "msg=request method=GET path=/claims status=200") {
		t.Errorf("stderr has no access log record for GET /claims: %q", stderr.String())
	}
}

// TestSlowClient sends a request's headers a byte a second, as a
// slowloris client does: the server must cut it off after
// -read-header-timeout (1s here), before the request is complete and
// without answering it, while a normal client is answered. How soon it is
// cut off is measured by BenchmarkSlowClient.
func TestSlowClient(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a few seconds")
	}
	db := ingestSeed(t)
	root, _ := startServe(t, "-db", db, "-read-header-timeout", "1s", "-access-log=false")
	resp, err := http.Get(root + "/")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("a normal client: %v %v", resp, err)
	}
	resp.Body.Close()
	sent, total, elapsed, got := slowClient(t, root)
	t.Logf("cut off after %d of %d bytes, %v: %s", sent, total, elapsed.Round(time.Millisecond), got)
	if sent >= total {
		t.Errorf("the slow client sent all %d bytes of its request in %v without being cut off", total, elapsed)
	}
	if strings.Contains(got, "200 OK") {
		t.Errorf("the slow client was answered: %s", got)
	}
}

// BenchmarkSlowClient reports how long the server (-read-header-timeout
// 1s) takes to cut off a client that sends its headers a byte a second.
func BenchmarkSlowClient(b *testing.B) {
	db := ingestSeed(b)
	root, _ := startServe(b, "-db", db, "-read-header-timeout", "1s", "-access-log=false")
	var total time.Duration
	for b.Loop() {
		_, _, elapsed, _ := slowClient(b, root)
		total += elapsed
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "s/cutoff")
}

// slowClient connects to root and writes a GET request a byte a second
// until the server closes the connection. It returns how many bytes it
// sent of how many, how long it took, and the first line the server wrote
// back (quoted, with the read error).
func slowClient(tb testing.TB, root string) (sent, total int, elapsed time.Duration, got string) {
	tb.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(root, "http://"))
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	request := "GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: slow\r\n\r\n"
	start := time.Now()
	closed := make(chan string, 1)
	go func() {
		b, err := bufio.NewReader(conn).ReadString('\n')
		closed <- fmt.Sprintf("%q %v", b, err)
	}()
loop:
	for sent < len(request) {
		if _, err := conn.Write([]byte{request[sent]}); err != nil {
			break
		}
		sent++
		select {
		case got = <-closed:
			break loop
		case <-time.After(time.Second):
		}
	}
	if got == "" {
		select {
		case got = <-closed:
		case <-time.After(30 * time.Second):
			tb.Fatal("the connection was still open 30s after the last byte")
		}
	}
	return sent, len(request), time.Since(start), got
}
