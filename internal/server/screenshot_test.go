package server

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/argmap/argmap/internal/argument"
)

// TestScreenshots writes the README's pictures, desktop and phone, of the
// essay, a claim page, the map, a paragraph page and the figures of the
// seed essay into the folder named
// by ARGMAP_SCREENSHOTS (`make screenshots` sets it to docs/). Without the
// variable it is skipped.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("ARGMAP_SCREENSHOTS")
	if dir == "" {
		t.Skip("screenshots are taken by `make screenshots` (set ARGMAP_SCREENSHOTS=DIR)")
	}
	ctx := newBrowser(t)
	snap := seedSnapshot(t)
	ts := serve(t, newSite(t, snap))

	// The claim shown is the first claim that something supports or
	// attacks, else the first thesis statement.
	claim := ""
	m, err := newModel(snap, testBase, testNow)
	if err != nil {
		t.Fatal(err)
	}
	thesis, claims := m.claimIDs()
	for _, sid := range claims {
		if len(m.w().relTo[sid]) > 0 && m.sentence(sid).Role == argument.Claim {
			claim = sid
			break
		}
	}
	if claim == "" && len(thesis) > 0 {
		claim = thesis[0]
	}
	if claim == "" {
		t.Fatal("the seed has no claim to show")
	}

	shots := []struct {
		file, path, scrollTo string
	}{
		{"essay", "/", ""},
		{"claim", claimPath(claim), ""},
		{"map", "/map", ".map-figure"},
		{"paragraph", paragraphPath(m.pidOf(claim)), ""},
		{"figures", "/figures", ""},
	}
	for _, view := range []struct {
		suffix string
		action chromedp.Action[chromedp.Void]
	}{{"", chromedp.EmulateViewport(1280, 800)}, {"-phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)}} {
		colorScheme(t, ctx, "light")
		for _, s := range shots {
			step(t, ctx, "open "+s.path, view.action, chromedp.Navigate(ts.URL+s.path))
			if s.scrollTo != "" {
				eval[bool](t, ctx, "scroll", `document.querySelector('`+s.scrollTo+`').scrollIntoView({behavior: 'instant'}); true`)
			}
			sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
			png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
			cancel()
			if err != nil {
				t.Fatalf("screenshot of %s: %v", s.path, err)
			}
			f := filepath.Join(dir, s.file+view.suffix+".png")
			if err := os.WriteFile(f, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d bytes)", f, len(png))
		}
	}
}
