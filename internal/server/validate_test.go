package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/store"
)

// TestHTMLValid validates every kind of page with the Nu HTML Checker
// (npm vnu-jar, run by Java 17): no errors. It skips, saying why, when
// Java or vnu.jar is missing.
func TestHTMLValid(t *testing.T) {
	if testing.Short() {
		t.Skip("HTML validation skipped in -short mode")
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Skip("HTML validation skipped: no java on PATH (apt-get install default-jre-headless)")
	}
	jar := npmFile(t, "vnu-jar/build/dist/vnu.jar")

	dir := t.TempDir()
	var files []string
	for name, snap := range map[string]*store.Snapshot{"seed": seedSnapshot(t), "rich": richSnapshot(t), "labelled": labelledSnapshot(t)} {
		ts := serve(t, newSite(t, snap))
		for kind, p := range pageTypes(t, snap) {
			resp, err := http.Get(ts.URL + p)
			if err != nil {
				t.Fatalf("GET %s: %v", p, err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatalf("GET %s: %v", p, err)
			}
			if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
				t.Fatalf("GET %s: Content-Type %q, want HTML", p, resp.Header.Get("Content-Type"))
			}
			f := filepath.Join(dir, name+"-"+kind+".html")
			if err := os.WriteFile(f, body, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, append([]string{"-jar", jar, "--errors-only", "--format", "json"}, files...)...)
	var out strings.Builder
	cmd.Stderr = &out // vnu writes its report on stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run vnu: %v", err)
	}
	var report struct {
		Messages []struct {
			Type     string `json:"type"`
			URL      string `json:"url"`
			LastLine int    `json:"lastLine"`
			Message  string `json:"message"`
			Extract  string `json:"extract"`
		} `json:"messages"`
	}
	if err := json.Unmarshal([]byte(out.String()), &report); err != nil {
		t.Fatalf("vnu report %q: %v", out.String(), err)
	}
	for _, m := range report.Messages {
		t.Errorf("%s:%d: %s: %s\n\t%s", filepath.Base(m.URL), m.LastLine, m.Type, m.Message, strings.TrimSpace(m.Extract))
	}
	if err != nil && len(report.Messages) == 0 {
		t.Errorf("vnu failed without a message: %v", err)
	}
	t.Logf("vnu checked %d pages", len(files))
}
