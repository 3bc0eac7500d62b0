package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestTextFragmentsInChromium opens, in Chromium, the text fragment link
// of every sentence of the seed's paragraphs of several sentences, in a
// viewport too short to show the paragraph under the page's heading and
// citation bar, and checks that the browser scrolls the sentence into
// view: it selected the sentence, not the heading that repeats its words
// (TestFragmentFirstMatch checks the same by the specification's rules).
func TestTextFragmentsInChromium(t *testing.T) {
	ctx := newBrowser(t)
	snap := seedSnapshot(t)
	ts := serve(t, newSite(t, snap))
	type place struct {
		Top, Bottom, Height float64
	}
	placeJS := func(sid string) string {
		return fmt.Sprintf(`(() => { const r = document.getElementById(%q).getBoundingClientRect();
		  return {Top: r.top, Bottom: r.bottom, Height: window.innerHeight}; })()`, sid)
	}
	inView := func(p place) bool { return p.Bottom > 0 && p.Top < p.Height }
	checked := 0
	for _, p := range snap.Analysis.Paragraphs {
		if len(p.Sentences) < 2 {
			continue
		}
		var says []string
		for _, s := range p.Sentences {
			says = append(says, s.Text)
		}
		for k, s := range p.Sentences {
			path := paragraphPath(p.ID)
			step(t, ctx, "open "+path, chromedp.EmulateViewport(800, 300), chromedp.Navigate(ts.URL+path))
			if before := eval[place](t, ctx, "place "+s.ID, placeJS(s.ID)); inView(before) {
				continue // in view without the fragment: this sentence tells nothing
			}
			d := textDirective(says, k)
			step(t, ctx, "leave", chromedp.Navigate("about:blank"))
			step(t, ctx, "open "+path+"#:~:"+d, chromedp.Navigate(ts.URL+path+"#:~:"+d))
			var at place
			for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(50 * time.Millisecond) {
				if at = eval[place](t, ctx, "place "+s.ID, placeJS(s.ID)); inView(at) || time.Now().After(deadline) {
					break
				}
			}
			if !inView(at) {
				words, _ := url.PathUnescape(strings.TrimPrefix(d, "text="))
				t.Errorf("%s#:~:%s: sentence %s stays at %.0f–%.0f px, outside the viewport of %.0f px (the directive %q)", path, d, s.ID, at.Top, at.Bottom, at.Height, words)
			}
			checked++
			step(t, ctx, "leave", chromedp.Navigate("about:blank"))
		}
	}
	if checked < 10 {
		t.Errorf("only %d sentences were out of view before their link: the check tells nothing", checked)
	}
}
