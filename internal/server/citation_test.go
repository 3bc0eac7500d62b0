package server

import (
	"context"
	"net/http"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// scriptRE finds script elements with what they hold.
var scriptRE = regexp.MustCompile(`(?s)<script([^>]*)>(.*?)</script>`)

// TestCopyButtons checks the citation block's copy buttons as served:
// each names a citation that is on the page as plain text, is hidden until
// the script shows it, and the only script is the site's own static file,
// which the Content-Security-Policy allows (and no inline script).
func TestCopyButtons(t *testing.T) {
	snap := richSnapshot(t)
	ts := serve(t, newSite(t, snap))
	pid := snap.Analysis.Paragraphs[len(snap.Analysis.Paragraphs)/2].ID
	resp, err := http.Get(ts.URL + paragraphPath(pid))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("Content-Security-Policy = %q, want script-src 'self' and nothing inline", csp)
	}
	got := fetch(t, http.DefaultClient, ts.URL, paragraphPath(pid))
	scripts := scriptRE.FindAllStringSubmatch(got.body, -1)
	src, err := assetURL(copyScript) // fingerprinted: /static/copy.js?v=…
	if err != nil {
		t.Fatal(err)
	}
	if len(scripts) != 1 || scripts[0][1] != ` src="`+src+`" defer` || scripts[0][2] != "" {
		t.Errorf("/p/%s has scripts %q, want exactly one: <script src=%q defer>", pid, scripts, src)
	}
	buttons := regexp.MustCompile(`<button type="button" class="copy" data-copy="([^"]+)" hidden>Copy</button>`).FindAllStringSubmatch(got.body, -1)
	if len(buttons) != 2 {
		t.Fatalf("/p/%s has %d hidden copy buttons, want 2 (plain text and BibTeX)", pid, len(buttons))
	}
	for _, b := range buttons {
		if !strings.Contains(got.body, `<pre class="citation" id="`+b[1]+`"`) {
			t.Errorf("copy button names %q, which is no citation on the page", b[1])
		}
	}
	js := fetch(t, http.DefaultClient, ts.URL, copyScript)
	if js.status != http.StatusOK || !strings.HasPrefix(js.ctype, "text/javascript") || !strings.Contains(js.body, "data-copy") {
		t.Errorf("GET %s = %d %q, want the script", copyScript, js.status, js.ctype)
	}
}

// TestCopyButtonsChromium loads a paragraph page in headless Chromium and
// checks that the script runs under the site's Content-Security-Policy and
// shows the copy buttons. It is skipped when Chromium is missing and under
// -short.
func TestCopyButtonsChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	var browser string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no Chromium (apt-get install chromium)")
	}
	snap := richSnapshot(t)
	ts := serve(t, newSite(t, snap))
	pid := snap.Analysis.Paragraphs[len(snap.Analysis.Paragraphs)/2].ID
	dump := func(extra ...string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
			"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=2000"}, extra...)
		args = append(args, "--dump-dom", ts.URL+paragraphPath(pid))
		out, err := exec.CommandContext(ctx, browser, args...).Output()
		if err != nil {
			t.Fatalf("%s --dump-dom: %v", browser, err)
		}
		return string(out)
	}
	// Without JavaScript the page is the HTML TestCopyButtons checks:
	// buttons hidden, citations as text. (--dump-dom itself needs script,
	// so Chromium cannot show that case.)
	dom := dump()
	buttons := regexp.MustCompile(`<button[^>]*class="copy"[^>]*>`).FindAllString(dom, -1)
	if len(buttons) != 2 {
		t.Fatalf("with JavaScript, the page has %d copy buttons, want 2:\n%s", len(buttons), dom)
	}
	for _, b := range buttons {
		if strings.Contains(b, "hidden") {
			t.Errorf("with JavaScript, copy button %s is still hidden: the script did not run", b)
		}
	}
}

// TestVersionCitation checks the citation of one text of a paragraph: its
// versioned URL everywhere, the revision named, and the tags reference
// managers read.
func TestVersionCitation(t *testing.T) {
	c := citeInfo{Author: "Jane Doe", Title: "On Things", PID: "4", URL: "https://example.org/p/4/v/2", Revision: 3, Version: 2,
		Date: "2024", Accessed: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)}
	if got, want := plainCitation(c), "Jane Doe. “On Things”, paragraph 4, text of revision 2. 2024. https://example.org/p/4/v/2 (accessed 14 March 2025)."; got != want {
		t.Errorf("plainCitation = %q, want %q", got, want)
	}
	bib := bibtexCitation(c)
	for _, want := range []string{"@misc{doe2024p4v2,", "title        = {{On Things}, paragraph 4, text of revision 2},", "note         = {Paragraph 4 as of revision 2;"} {
		if !strings.Contains(bib, want) {
			t.Errorf("bibtexCitation = %s\nwant a line %q", bib, want)
		}
	}

	snap := richSnapshot(t)
	ts := serve(t, newSite(t, snap))
	for pid, vs := range snap.History {
		p := versionPath(pid, vs[0].Revision)
		url := testBase + p
		got := fetch(t, http.DefaultClient, ts.URL, p)
		for _, want := range []string{
			`<link rel="canonical" href="` + url + `">`,
			`<meta name="citation_public_url" content="` + url + `">`,
			`<meta name="citation_author" content="Kristiina Silvan">`,
			"text of revision " + strconv.Itoa(vs[0].Revision),
			url + `#:~:text=`,
		} {
			if !strings.Contains(got.body, want) {
				t.Errorf("GET %s: no %q", p, want)
			}
		}
	}
}
