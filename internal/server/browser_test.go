package server

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/store"
)

// Browser tests drive Debian's Chromium with chromedp over a real site:
// the real pipeline into SQLite in t.TempDir(), store.Open, Snapshot,
// NewSite, httptest on loopback. They skip, saying why, when Chromium (or,
// for axe, the npm package) is missing; `make web-deps` installs the npm
// packages into .cache/npm and .ci/run installs Chromium.

// chromiumPath returns the Chromium binary, or skips the test.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	p := os.Getenv("ARGMAP_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		t.Skipf("browser tests skipped: no Chromium at %s (apt-get install chromium, or set ARGMAP_CHROMIUM)", p)
	}
	return p
}

// npmFile returns a file of an npm package installed by `make web-deps`
// (into .cache/npm, or ARGMAP_NPM_DIR), or skips the test.
func npmFile(t *testing.T, rel string) string {
	t.Helper()
	dir := os.Getenv("ARGMAP_NPM_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", ".cache", "npm")
	}
	f := filepath.Join(dir, "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(f); err != nil {
		t.Skipf("skipped: %s is missing; run `make web-deps` (npm install into .cache/npm) or set ARGMAP_NPM_DIR", f)
	}
	return f
}

// newBrowser starts a headless Chromium with a fresh profile and returns
// a tab's context; everything is stopped when the test ends.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	bin := chromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// axe-core is injected with Runtime.evaluate; the site's CSP (no
	// scripts at all) must not stop it.
	if _, err := chromedp.Call(ctx, cdppage.SetBypassCSP, cdppage.SetBypassCSPParams{Enabled: true}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// step runs actions with a deadline, failing the test on error.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression and decodes its value into T;
// promises are awaited.
func eval[T any](t *testing.T, ctx context.Context, what, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// desktop and phone set the viewport.
func desktop() chromedp.Action[chromedp.Void] { return chromedp.EmulateViewport(1280, 900) }
func phone() chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile)
}

// colorScheme emulates prefers-color-scheme.
func colorScheme(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		t.Fatalf("emulate %s colour scheme: %v", scheme, err)
	}
}

// targetState is what the page says about its :target.
type targetState struct {
	Found        bool    `json:"found"`
	ID           string  `json:"id"`
	Top          float64 `json:"top"`
	Bottom       float64 `json:"bottom"`
	Height       float64 `json:"vh"`
	Style        string  `json:"style"`
	OtherStyle   string  `json:"other"`
	OtherPresent bool    `json:"hasOther"`
}

// targetJS reports the :target element, where it is and how it looks
// next to another sentence of the page.
const targetJS = `(() => {
  const t = document.querySelector(':target');
  if (!t) return {found: false};
  const r = t.getBoundingClientRect();
  const look = e => { const s = getComputedStyle(e); return s.backgroundColor + ' | ' + s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor; };
  const scope = t.parentElement ? [...t.parentElement.querySelectorAll('.s')] : [];
  const other = scope.concat([...document.querySelectorAll('main .s')]).find(e => e !== t && !e.contains(t) && !t.contains(e));
  return {found: true, id: t.id, top: r.top, bottom: r.bottom, vh: window.innerHeight,
    style: look(t), hasOther: !!other, other: other ? look(other) : ''};
})()`

// checkTarget waits until the sentence with id sid is the :target and in
// view, and checks that it is highlighted.
func checkTarget(t *testing.T, ctx context.Context, sid string) {
	t.Helper()
	var st targetState
	deadline := time.Now().Add(5 * time.Second)
	for {
		st = eval[targetState](t, ctx, "read :target", targetJS)
		inView := st.Found && st.Top >= 0 && st.Bottom <= st.Height && st.Bottom > st.Top
		if (st.Found && st.ID == sid && inView) || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !st.Found || st.ID != sid {
		t.Fatalf(":target = %q (found %v), want sentence %q", st.ID, st.Found, sid)
	}
	if st.Top < 0 || st.Bottom > st.Height {
		t.Errorf("sentence %s spans %.0f–%.0f px, outside the viewport of %.0f px", sid, st.Top, st.Bottom, st.Height)
	}
	if !st.OtherPresent {
		t.Fatalf("no other sentence on the page to compare the highlight with")
	}
	if st.Style == st.OtherStyle {
		t.Errorf("target sentence looks like another sentence (%s): not highlighted", st.Style)
	}
	if !strings.Contains(st.Style, "solid") {
		t.Errorf("target sentence style %q has no solid outline", st.Style)
	}
}

func pathOf(t *testing.T, ctx context.Context) (path, frag string) {
	t.Helper()
	loc := eval[string](t, ctx, "location", "location.href")
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatalf("location %q: %v", loc, err)
	}
	return u.Path, u.Fragment
}

// follow clicks the element sel matches, waits for the page it opens to
// load, and checks that its path is want.
func follow(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	if p, _ := pathOf(t, ctx); p != want {
		t.Fatalf("after clicking %s the path is %s, want %s", sel, p, want)
	}
}

func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	r, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		t.Fatalf("read %s of %s: %v", name, sel, err)
	}
	if !r.Exists {
		t.Fatalf("%s has no %s attribute", sel, name)
	}
	return r.Value
}

// accessibleName returns Chromium's accessible name of the first element
// sel matches.
func accessibleName(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(sel)))
	if err != nil || len(nodes) == 0 {
		t.Fatalf("find %s: %v", sel, err)
	}
	no := false
	res, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{NodeID: nodes[0].NodeID, FetchRelatives: &no})
	if err != nil || len(res.Nodes) == 0 || res.Nodes[0].Name == nil {
		t.Fatalf("accessibility node of %s: %v", sel, err)
	}
	var name string
	if err := json.Unmarshal(res.Nodes[0].Name.Value, &name); err != nil {
		t.Fatalf("accessible name of %s: %v", sel, err)
	}
	return name
}

// sentenceText returns the text of sentence sid in snap.
func sentenceText(t *testing.T, snap *store.Snapshot, sid string) string {
	t.Helper()
	for _, p := range snap.Analysis.Paragraphs {
		for _, s := range p.Sentences {
			if s.ID == sid {
				return s.Text
			}
		}
	}
	t.Fatalf("no sentence %s", sid)
	return ""
}

// splitHref splits a root-relative link into path and fragment.
func splitHref(t *testing.T, href string) (path, frag string) {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil || !strings.HasPrefix(u.Path, "/") {
		t.Fatalf("link %q is not root-relative", href)
	}
	return u.Path, u.Fragment
}

// TestBrowser follows links the way a reader does, in Chromium: from the
// essay to a claim, from the claim to a supporting sentence, and from
// nodes of the map, on a desktop and on a phone.
func TestBrowser(t *testing.T) {
	ctx := newBrowser(t)
	snap := richSnapshot(t)
	ts := serve(t, newSite(t, snap))

	t.Run("claim to supporting sentence", func(t *testing.T) {
		step(t, ctx, "open /", desktop(), chromedp.Navigate(ts.URL+"/"))
		link := `.summary .sum-claims a[href^="/claims/"]`
		claim, _ := splitHref(t, attr(t, ctx, link, "href"))
		follow(t, ctx, link, claim)

		sup := `section[aria-labelledby="support-h"] a.where[href^="/p/"]`
		href := attr(t, ctx, sup, "href")
		p, sid := splitHref(t, href)
		if sid == "" {
			t.Fatalf("supporting sentence link %q has no #sentence", href)
		}
		follow(t, ctx, sup, p)
		checkTarget(t, ctx, sid)
	})

	t.Run("keyboard and full marking", func(t *testing.T) {
		step(t, ctx, "open /", desktop(), chromedp.Navigate(ts.URL+"/"), chromedp.KeyEvent("\t"))
		type focusState struct {
			Class   string  `json:"class"`
			Top     float64 `json:"top"`
			Outline string  `json:"outline"`
		}
		f := eval[focusState](t, ctx, "first Tab", `(() => { const e = document.activeElement; const r = e.getBoundingClientRect();
		  return {class: e.className, top: r.top, outline: getComputedStyle(e).outlineStyle}; })()`)
		if f.Class != "skip" || f.Top < 0 {
			t.Errorf("first Tab focuses class %q at top %.0f, want the skip link in view", f.Class, f.Top)
		}
		if f.Outline == "none" {
			t.Errorf("the focused skip link has no outline")
		}
		// Quiet by default: evidence is plain prose with its note, a claim
		// stands out; the checkbox (no script) marks every role.
		look := `(() => { const e = document.querySelector('.essay-body .s.role-evidence'), c = document.querySelector('.essay-body .s.role-claim');
		  const st = s => getComputedStyle(s).backgroundColor + ' ' + getComputedStyle(s.querySelector('.mark')).display;
		  return st(e) + ' / ' + st(c); })()`
		quiet := eval[string](t, ctx, "quiet marking", look)
		ev, claim, _ := strings.Cut(quiet, " / ")
		if !strings.HasPrefix(ev, "rgba(0, 0, 0, 0) none") || strings.HasPrefix(claim, "rgba(0, 0, 0, 0)") || strings.HasSuffix(claim, " none") {
			t.Errorf("quiet marking: evidence looks %q, a claim %q; want plain evidence and a marked claim", ev, claim)
		}
		step(t, ctx, "full marking", chromedp.Click(chromedp.CSS(`label[for="full-marks"]`)))
		full := eval[string](t, ctx, "full marking", look)
		ev, _, _ = strings.Cut(full, " / ")
		if strings.HasPrefix(ev, "rgba(0, 0, 0, 0)") || strings.HasSuffix(ev, " none") {
			t.Errorf("full marking: evidence looks %q, want its colour and marker", ev)
		}
	})

	t.Run("map on a desktop", func(t *testing.T) {
		step(t, ctx, "open /map", desktop(), chromedp.Navigate(ts.URL+"/map"))
		shown := shownMap(t, ctx)
		node := "svg." + shown + ` a.node.role-claim`
		claim, _ := splitHref(t, attr(t, ctx, node, "href"))
		want := sentenceText(t, snap, strings.TrimPrefix(claim, "/claims/"))
		if name := accessibleName(t, ctx, node); !strings.Contains(name, want) {
			t.Errorf("accessible name of the node for %s = %q, want the whole sentence %q in it", claim, name, want)
		}
		follow(t, ctx, node, claim)

		step(t, ctx, "back to /map", chromedp.Navigate(ts.URL+"/map"))
		node = "svg." + shown + ` a.node.role-evidence`
		p, sid := splitHref(t, attr(t, ctx, node, "href"))
		follow(t, ctx, node, p)
		checkTarget(t, ctx, sid)
	})

	t.Run("keyboard on the map", func(t *testing.T) {
		step(t, ctx, "open /map", desktop(), chromedp.Navigate(ts.URL+"/map"))
		type focused struct {
			InMap   bool   `json:"inMap"`
			Href    string `json:"href"`
			Focused string `json:"focused"`
			Blurred string `json:"blurred"`
		}
		// Where focus is on a map node, compare the node's look focused
		// and not, then focus it again.
		js := `(() => { const e = document.activeElement; if (!e.closest('svg.argmap-svg')) return {inMap: false};
		  const look = () => { const s = getComputedStyle(e.querySelector('rect')); return s.strokeWidth + ' ' + s.stroke; };
		  const focused = look(); e.blur(); const blurred = look(); e.focus();
		  return {inMap: true, href: e.getAttribute('href'), focused, blurred}; })()`
		var f focused
		for i := 0; i < 40 && !f.InMap; i++ {
			step(t, ctx, "Tab", chromedp.KeyEvent("\t"))
			f = eval[focused](t, ctx, "focus", js)
		}
		if !f.InMap {
			t.Fatalf("40 presses of Tab never reached a node of the map")
		}
		if f.Focused == f.Blurred {
			t.Errorf("the map node %s looks the same focused and not (%s): focus is not visible", f.Href, f.Focused)
		}
		p, _ := splitHref(t, f.Href)
		wctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		if _, err := chromedp.Run(wctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.KeyEvent("\r"))); err != nil {
			t.Fatalf("Enter on a map node: %v", err)
		}
		if got, _ := pathOf(t, ctx); got != p {
			t.Errorf("Enter on the node for %s opened %s", f.Href, got)
		}
	})

	t.Run("map on a phone", func(t *testing.T) {
		step(t, ctx, "open /map", phone(), chromedp.Navigate(ts.URL+"/map"))
		type mapSize struct {
			Wide   string  `json:"wide"`
			Width  float64 `json:"width"`
			Window float64 `json:"window"`
			Font   float64 `json:"font"`
		}
		size := eval[mapSize](t, ctx, "measure the map", `(() => {
		  const n = document.querySelector('svg.map-narrow');
		  const r = n.getBoundingClientRect();
		  const vb = n.viewBox.baseVal.width;
		  return {wide: getComputedStyle(document.querySelector('svg.map-wide')).display, width: r.width,
		    window: document.documentElement.clientWidth, font: 14 * r.width / vb};
		})()`)
		if size.Wide != "none" {
			t.Errorf("the wide map is shown on a phone (display %q)", size.Wide)
		}
		if size.Width > size.Window {
			t.Errorf("the phone map is %.0f px wide in a %.0f px window", size.Width, size.Window)
		}
		if shownMap(t, ctx) != "map-narrow" {
			t.Errorf("the phone does not show the narrow map")
		}
		node := `svg.map-narrow a.node.role-claim`
		claim, _ := splitHref(t, attr(t, ctx, node, "href"))
		follow(t, ctx, node, claim)
	})
}

// shownMap returns the class of the drawing /map shows ("map-wide" or
// "map-narrow"), and checks that exactly one is shown, that it fits the
// window and that its text is drawn at 10 px or more.
func shownMap(t *testing.T, ctx context.Context) string {
	t.Helper()
	type drawing struct {
		Class  string  `json:"class"`
		Width  float64 `json:"width"`
		Window float64 `json:"window"`
		Font   float64 `json:"font"`
	}
	shown := eval[[]drawing](t, ctx, "shown maps", `[...document.querySelectorAll('svg.argmap-svg')]
	  .filter(s => getComputedStyle(s).display !== 'none')
	  .map(s => { const r = s.getBoundingClientRect();
	    return {class: s.classList[1], width: r.width, window: document.documentElement.clientWidth,
	      font: 14 * r.width / s.viewBox.baseVal.width}; })`)
	if len(shown) != 1 {
		t.Fatalf("/map shows %d drawings (%v), want 1", len(shown), shown)
	}
	d := shown[0]
	if d.Width > d.Window {
		t.Errorf("the %s drawing is %.0f px wide in a %.0f px window", d.Class, d.Width, d.Window)
	}
	if d.Font < 10 {
		t.Errorf("the %s drawing draws text at %.1f px, want at least 10", d.Class, d.Font)
	}
	return d.Class
}

// pageTypes returns one path of every kind of page of a site built from
// snap, with a name for messages: the essay, a paragraph, the claims, a
// claim, the figures, the map, the revisions, the API and search pages,
// an earlier version and a removed paragraph when snap has them, and a 404.
func pageTypes(t *testing.T, snap *store.Snapshot) map[string]string {
	t.Helper()
	out := map[string]string{
		"essay": "/", "claims": "/claims", "figures": "/figures", "map": "/map",
		"revisions": "/revisions", "404": "/no/such/page",
		"api": "/api", "search": "/search",
	}
	for _, p := range snap.Analysis.Paragraphs {
		for _, s := range p.Sentences {
			if _, ok := out["paragraph"]; !ok && len(p.Sentences) > 1 {
				out["paragraph"] = paragraphPath(p.ID)
			}
			if _, ok := out["claim"]; !ok && (s.Role == argument.Claim || s.Role == argument.MajorClaim) {
				out["claim"] = claimPath(s.ID)
			}
		}
	}
	for pid, vs := range snap.History {
		out["version"] = versionPath(pid, vs[0].Revision)
		break
	}
	if len(snap.Removed) > 0 {
		out["removed"] = paragraphPath(snap.Removed[0].PID)
	}
	for _, k := range []string{"paragraph", "claim"} {
		if _, ok := out[k]; !ok {
			t.Fatalf("the fixture has no %s page", k)
		}
	}
	return out
}

// axeViolation is a serious or critical axe-core finding.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

const axeRunJS = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' '))})))`

// TestAccessibility runs axe-core in Chromium on every kind of page, in
// the light and the dark colour scheme and on a desktop and a phone
// viewport: no serious or critical violation.
func TestAccessibility(t *testing.T) {
	ctx := newBrowser(t)
	axeFile := npmFile(t, "axe-core/axe.min.js")
	axeSrc, err := os.ReadFile(axeFile)
	if err != nil {
		t.Fatal(err)
	}
	snap := richSnapshot(t)
	ts := serve(t, newSite(t, snap))
	seedSnap := seedSnapshot(t)
	seedTS := serve(t, newSite(t, seedSnap))

	type run struct {
		name   string
		root   string
		pages  map[string]string
		scheme string
		view   chromedp.Action[chromedp.Void]
	}
	runs := []run{
		{"seed/light", seedTS.URL, pageTypes(t, seedSnap), "light", desktop()},
		{"seed/dark", seedTS.URL, pageTypes(t, seedSnap), "dark", desktop()},
		{"seed/phone", seedTS.URL, map[string]string{"essay": "/", "map": "/map"}, "light", phone()},
		{"rich/light", ts.URL, pageTypes(t, snap), "light", desktop()},
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			step(t, ctx, "emulate", r.view)
			colorScheme(t, ctx, r.scheme)
			for kind, p := range r.pages {
				step(t, ctx, "open "+p, chromedp.Navigate(r.root+p))
				eval[bool](t, ctx, "inject axe-core", string(axeSrc)+";true")
				found := eval[[]axeViolation](t, ctx, "run axe on "+p, axeRunJS)
				for _, v := range found {
					t.Errorf("%s page %s: axe %s (%s): %s\n\t%s", kind, p, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
				}
			}
		})
	}
}
