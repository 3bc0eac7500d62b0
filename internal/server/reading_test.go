package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/figure"
	"github.com/argmap/argmap/internal/store"
)

// The tests of issue 11, "a reading surface that shows the argument": each
// "Done when" point is proved in Chromium on the seed essay (and the rich
// fixture where it has more to show), the smaller points over HTTP.

// wantNotes returns, for every sentence of snap that backs or attacks a
// claim or the thesis, the links its note must have, in order.
func wantNotes(t *testing.T, snap *store.Snapshot) map[string][]string {
	t.Helper()
	m, err := newModel(snap, testBase, testNow)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, r := range snap.Analysis.Relations {
		if _, ok := m.w().sentIndex[r.From]; !ok {
			continue
		}
		if _, ok := m.w().sentIndex[r.To]; ok && isClaim(m.sentence(r.To).Role) {
			out[r.From] = append(out[r.From], claimPath(r.To))
		}
	}
	return out
}

// noteState is an evidence sentence on / and the notes after it.
type noteState struct {
	ID    string `json:"id"`
	Notes []struct {
		Href    string  `json:"href"`
		Content string  `json:"content"`
		Width   float64 `json:"w"`
		Height  float64 `json:"h"`
		Hidden  bool    `json:"hidden"`
	} `json:"notes"`
}

const notesJS = `[...document.querySelectorAll('main .s.role-evidence')].map(s => {
  const notes = [];
  for (let e = s.nextElementSibling; e && e.matches('a.to'); e = e.nextElementSibling) {
    const r = e.getBoundingClientRect(), st = getComputedStyle(e);
    notes.push({href: e.getAttribute('href'), content: getComputedStyle(e, '::before').content,
      w: r.width, h: r.height, hidden: st.visibility !== 'visible' || st.display === 'none'});
  }
  return {id: s.id, notes};
})`

// TestEssayNotes: every evidence sentence on / shows, visibly and without
// hover, a link to the claim it backs ("→ ¶2’s claim"), on a desktop and
// on a phone, in the default (quiet) marking.
func TestEssayNotes(t *testing.T) {
	ctx := newBrowser(t)
	for _, name := range []string{"seed", "rich"} {
		snap := map[string]func(*testing.T) *store.Snapshot{"seed": seedSnapshot, "rich": richSnapshot}[name](t)
		ts := serve(t, newSite(t, snap))
		want := wantNotes(t, snap)
		for _, view := range []struct {
			name string
			act  chromedp.Action[chromedp.Void]
		}{{"desktop", desktop()}, {"phone", phone()}} {
			t.Run(name+"/"+view.name, func(t *testing.T) {
				step(t, ctx, "open /", view.act, chromedp.Navigate(ts.URL+"/"))
				got := eval[[]noteState](t, ctx, "notes", notesJS)
				if len(got) == 0 {
					t.Fatal("no evidence sentence on /")
				}
				for _, s := range got {
					w, ok := want[s.ID]
					if !ok {
						continue // evidence that backs nothing has no note
					}
					var hrefs []string
					for _, n := range s.Notes {
						hrefs = append(hrefs, n.Href)
						if n.Hidden || n.Width < 20 || n.Height < 5 || !strings.Contains(n.Content, "→") {
							t.Errorf("evidence %s: note to %s is not visible (content %s, %.0f×%.0f px, hidden %v)", s.ID, n.Href, n.Content, n.Width, n.Height, n.Hidden)
						}
					}
					if !slices.Equal(hrefs, w) {
						t.Errorf("evidence %s links to %v, want the claims it backs %v", s.ID, hrefs, w)
					}
					delete(want, s.ID)
				}
				for sid, w := range want {
					if r := snapRole(snap, sid); r == argument.Evidence {
						t.Errorf("evidence %s (backs %v) is not on / with a note", sid, w)
					}
				}
			})
		}
	}
}

func snapRole(snap *store.Snapshot, sid string) argument.Role {
	for _, p := range snap.Analysis.Paragraphs {
		for _, s := range p.Sentences {
			if s.ID == sid {
				return s.Role
			}
		}
	}
	return ""
}

// TestCleanText: the innerText of every paragraph, on / and on its own
// page, is the essay's text: role labels, ids and notes are drawn by CSS
// and are not part of it. The role colours are the stylesheet's, for
// screens only: nothing in a paragraph has a style attribute.
func TestCleanText(t *testing.T) {
	ctx := newBrowser(t)
	snap := richSnapshot(t)
	ts := serve(t, newSite(t, snap))
	want := map[string]string{}
	for _, p := range snap.Analysis.Paragraphs {
		want[p.ID] = p.Text
	}
	type para struct {
		ID     string `json:"id"`
		Text   string `json:"text"`
		Styled int    `json:"styled"`
	}
	step(t, ctx, "open /", desktop(), chromedp.Navigate(ts.URL+"/"))
	for _, mode := range []string{"quiet", "full"} {
		if mode == "full" {
			step(t, ctx, "full marking", chromedp.Click(chromedp.CSS(`label[for="full-marks"]`)))
		}
		got := eval[[]para](t, ctx, "paragraph texts", `[...document.querySelectorAll('main .para[id^="p-"]')].map(p =>
		  ({id: p.id.slice(2), text: p.innerText, styled: p.querySelectorAll('[style]').length}))`)
		if len(got) != len(want) {
			t.Errorf("%s: / has %d paragraphs, want %d", mode, len(got), len(want))
		}
		for _, p := range got {
			if p.Text != want[p.ID] {
				t.Errorf("%s: innerText of ¶%s = %q, want the essay's text %q", mode, p.ID, p.Text, want[p.ID])
			}
			if p.Styled > 0 {
				t.Errorf("%s: ¶%s has %d elements with a style attribute", mode, p.ID, p.Styled)
			}
		}
	}
	for _, p := range snap.Analysis.Paragraphs {
		if p.Kind != "body" {
			continue
		}
		step(t, ctx, "open /p/"+p.ID, chromedp.Navigate(ts.URL+paragraphPath(p.ID)))
		if got := eval[string](t, ctx, "paragraph text", `document.querySelector('blockquote.para p').innerText`); got != p.Text {
			t.Errorf("innerText of /p/%s = %q, want %q", p.ID, got, p.Text)
		}
	}
}

// svgBox is a node of the shown map drawing, as Chromium renders it.
type svgBox struct {
	Href  string  `json:"href"`
	Role  string  `json:"role"`
	Text  string  `json:"text"`
	Width float64 `json:"w"`
}

// TestMapFullText: the shown drawing of /map, on a desktop and a phone,
// draws the whole text of every claim and of the thesis in its boxes (not
// only in a <title>); every line has an arrowhead and a label in words.
func TestMapFullText(t *testing.T) {
	ctx := newBrowser(t)
	snap := seedSnapshot(t)
	ts := serve(t, newSite(t, snap))
	for _, view := range []struct {
		name string
		act  chromedp.Action[chromedp.Void]
	}{{"desktop", desktop()}, {"phone", phone()}} {
		t.Run(view.name, func(t *testing.T) {
			step(t, ctx, "open /map", view.act, chromedp.Navigate(ts.URL+"/map"))
			shown := shownMap(t, ctx)
			boxes := eval[[]svgBox](t, ctx, "boxes", `[...document.querySelectorAll('svg.`+shown+` a.node')].map(a => {
			  const tx = a.querySelector('text.tx');
			  return {href: a.getAttribute('href'), role: a.getAttribute('class'),
			    text: [...tx.querySelectorAll('tspan')].map(s => s.textContent).join('').replace(/[\u2068\u2069]/g, ''),
			    w: tx.getBBox().width}; })`)
			drawn := strings.Builder{}
			for _, b := range boxes {
				if b.Width <= 0 {
					t.Errorf("the box of %s draws no text", b.Href)
				}
				drawn.WriteString(strings.Join(strings.Fields(b.Text), " ") + "\n")
			}
			for _, p := range snap.Analysis.Paragraphs {
				for _, s := range p.Sentences {
					if !isClaim(s.Role) {
						continue
					}
					if !strings.Contains(drawn.String(), strings.Join(strings.Fields(s.Text), " ")) {
						t.Errorf("the %s map does not draw the whole text of %s %s: %q", shown, s.Role, s.ID, s.Text)
					}
				}
			}
			type edge struct {
				Marker string `json:"marker"`
				Label  string `json:"label"`
			}
			edges := eval[[]edge](t, ctx, "edges", `[...document.querySelectorAll('svg.`+shown+` g.edge')].map(g =>
			  ({marker: g.querySelector('path').getAttribute('marker-end') || '', label: g.querySelector('text').textContent}))`)
			if len(edges) < len(snap.Analysis.Relations) {
				t.Errorf("%d lines, want one per relation (%d)", len(edges), len(snap.Analysis.Relations))
			}
			words := regexp.MustCompile(`^(supports|attacks|restates) (the thesis|¶[A-Za-z0-9._-]+’s (claim|evidence))$`)
			for _, e := range edges {
				if !strings.HasPrefix(e.Marker, "url(#") {
					t.Errorf("line %q has no arrowhead", e.Label)
				}
				if !words.MatchString(e.Label) {
					t.Errorf("line label %q is not in words", e.Label)
				}
			}
		})
	}
}

// TestFiguresInWords: /figures says each figure in the essay's words and
// its value in words, and shows no ISO code; on a phone nothing scrolls
// sideways.
func TestFiguresInWords(t *testing.T) {
	ctx := newBrowser(t)
	snap := seedSnapshot(t)
	ts := serve(t, newSite(t, snap))
	iso := regexp.MustCompile(`\bP(\d+[YMWD])+\b|\b\d{4}-\d{2}(-\d{2})?\b`)
	for _, view := range []struct {
		name string
		act  chromedp.Action[chromedp.Void]
	}{{"desktop", desktop()}, {"phone", phone()}} {
		t.Run(view.name, func(t *testing.T) {
			step(t, ctx, "open /figures", view.act, chromedp.Navigate(ts.URL+"/figures"))
			text := eval[string](t, ctx, "text", `document.querySelector('main').innerText`)
			for _, w := range []string{"over 10 million", "since February 2022", "six months"} {
				if !strings.Contains(text, w) {
					t.Errorf("/figures does not show %q", w)
				}
			}
			if m := iso.FindString(text); m != "" {
				t.Errorf("/figures shows the ISO code %q", m)
			}
			// each figure's value, in words, beside the essay's words
			values := eval[[]string](t, ctx, "values", `[...document.querySelectorAll('table.figures td.value')].map(e => e.innerText.trim())`)
			for _, w := range []string{"10,000,000", "February 2022", "6 months"} {
				if !slices.Contains(values, w) {
					t.Errorf("/figures values %q: no %q", values, w)
				}
			}
			if strings.Contains(text, "(no number)") {
				t.Errorf("/figures calls a quote a figure with no number")
			}
			wide := eval[[]float64](t, ctx, "width", `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
			if wide[0] > wide[1] {
				t.Errorf("/figures is %.0f px wide in a %.0f px window: it scrolls sideways", wide[0], wide[1])
			}
		})
	}
	// The machine values stay in the JSON twin, beside the words.
	var twin struct {
		Figures []struct {
			Words string          `json:"words"`
			Value json.RawMessage `json:"value"`
		} `json:"figures"`
	}
	if err := json.Unmarshal([]byte(fetch(t, http.DefaultClient, ts.URL, "/figures.json").body), &twin); err != nil {
		t.Fatal(err)
	}
	values := map[string]string{}
	for _, f := range twin.Figures {
		values[f.Words] = string(f.Value)
	}
	for w, v := range map[string]string{"over 10 million": "10000000", "since February 2022": `"2022-02"`, "six months": `"P6M"`} {
		if values[w] != v {
			t.Errorf("/figures.json: %q has value %s, want %s", w, values[w], v)
		}
	}
}

// TestValueText: a figure's value as /figures says it.
func TestValueText(t *testing.T) {
	num := func(k figure.Kind, n float64) argument.Figure {
		return argument.Figure{Kind: k, Value: figure.NumberValue(n)}
	}
	iso := func(k figure.Kind, s string) argument.Figure {
		return argument.Figure{Kind: k, Value: figure.ISOValue(s)}
	}
	money := func(n float64, currency string) argument.Figure {
		return argument.Figure{Kind: argument.Money, Value: figure.NumberValue(n), Currency: currency}
	}
	for _, tt := range []struct {
		f    argument.Figure
		want string
	}{
		{num(argument.Quantity, 10000000), "10,000,000"},
		{num(argument.Quantity, -1234), "-1,234"},
		{num(argument.Quantity, 999), "999"},
		{num(argument.Money, 2.5), "2.5"},
		{money(2000, "USD"), "$2,000"},
		{money(5e6, "EUR"), "€5,000,000"},
		{money(3e9, "GBP"), "£3,000,000,000"},
		{money(4e10, "JPY"), "¥40,000,000,000"},
		{money(2e9, "RUB"), "₽2,000,000,000"},
		{money(40, "CNY"), "40 CNY"},
		{money(5e6, "CHF"), "5,000,000 CHF"},
		{money(2.5, "USD"), "$2.5"},
		{money(40, ""), "40"},
		{argument.Figure{Kind: argument.Quantity, Value: figure.NumberValue(40), Currency: "USD"}, "40"}, // only money has a currency
		{num(argument.Percent, 45), "45 %"},
		{iso(argument.Date, "2022-02-24"), "24 February 2022"},
		{iso(argument.Date, "2022-02"), "February 2022"},
		{iso(argument.Date, "1989"), "1989"},
		{iso(argument.Date, "spring"), ""},
		{iso(argument.Duration, "P6M"), "6 months"},
		{iso(argument.Duration, "P1Y"), "1 year"},
		{iso(argument.Duration, "P1.5Y"), "1.5 years"},
		{iso(argument.Duration, "P2W"), "2 weeks"},
		{iso(argument.Duration, "PT5H"), "5 hours"},
		{iso(argument.Duration, "PT1M"), "1 minute"},
		{iso(argument.Duration, "P1Y6M"), ""},
		{iso(argument.Duration, "P"), ""},
		{argument.Figure{Kind: argument.Quote}, ""},
	} {
		if got := valueText(tt.f); got != tt.want {
			t.Errorf("valueText(%s %s %s) = %q, want %q", tt.f.Kind, tt.f.Value, tt.f.Currency, got, tt.want)
		}
	}
}

// TestCitationFirst: on /p/4 the exact-words URL (/p/4/v/1), the primary
// citation, with the current URL beside it, is on the first screen at
// 1366×900 and at 390×844; at 1366×900 the plain-text citation is too.
func TestCitationFirst(t *testing.T) {
	ctx := newBrowser(t)
	snap := seedSnapshot(t)
	ts := serve(t, newSite(t, snap))
	type where struct {
		Href    string  `json:"href"`
		Bottom  float64 `json:"bottom"`
		Current string  `json:"current"`
		CurBot  float64 `json:"curBottom"`
		Text    float64 `json:"textTop"`
		Height  float64 `json:"vh"`
	}
	for _, view := range []struct {
		name   string
		act    chromedp.Action[chromedp.Void]
		onText bool
	}{
		{"1366x900", chromedp.EmulateViewport(1366, 900), true},
		{"390x844", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile), false},
	} {
		t.Run(view.name, func(t *testing.T) {
			step(t, ctx, "open /p/4", view.act, chromedp.Navigate(ts.URL+"/p/4"))
			w := eval[where](t, ctx, "citation", `(() => { const p = document.querySelector('.cite-bar a.url.primary'), c = document.querySelector('.cite-bar a.url:not(.primary)');
			  return {href: p.getAttribute('href'), bottom: p.getBoundingClientRect().bottom, current: c.getAttribute('href'),
			    curBottom: c.getBoundingClientRect().bottom, textTop: document.getElementById('cite-text').getBoundingClientRect().top, vh: innerHeight}; })()`)
			if w.Href != testBase+"/p/4/v/1" || w.Current != testBase+"/p/4" {
				t.Errorf("primary citation %s, beside it %s; want %s/p/4/v/1 and %s/p/4", w.Href, w.Current, testBase, testBase)
			}
			if w.Bottom > w.Height || w.CurBot > w.Height {
				t.Errorf("the citation URLs end at %.0f and %.0f px, below the first screen (%.0f px)", w.Bottom, w.CurBot, w.Height)
			}
			if view.onText && w.Text > w.Height {
				t.Errorf("the plain-text citation starts at %.0f px, below the first screen (%.0f px)", w.Text, w.Height)
			}
		})
	}
	got := fetch(t, http.DefaultClient, ts.URL, "/p/4").body
	if !strings.Contains(got, testBase+"/p/4/v/1 (current text: "+testBase+"/p/4; accessed") {
		t.Errorf("/p/4: the plain citation does not cite /p/4/v/1 with the current URL beside it")
	}
}

// TestEssayFirstScreen: the essay's text starts within the first screen:
// its first body paragraph on a desktop, its standfirst on a phone; the
// argument in brief above it links the restatements and lists the claims.
func TestEssayFirstScreen(t *testing.T) {
	ctx := newBrowser(t)
	snap := seedSnapshot(t)
	ts := serve(t, newSite(t, snap))
	step(t, ctx, "open /", chromedp.EmulateViewport(1366, 900), chromedp.Navigate(ts.URL+"/"))
	if top := eval[float64](t, ctx, "¶1", `document.querySelector('.essay-body .para').getBoundingClientRect().top`); top > 900-60 {
		t.Errorf("the first body paragraph starts at %.0f px of a 900 px screen", top)
	}
	// The summary links every restatement of the thesis, visibly (not cut
	// by the line clamp), and counts each claim.
	type link struct {
		Href    string `json:"href"`
		Visible bool   `json:"visible"`
	}
	links := eval[[]link](t, ctx, "restatements", `[...document.querySelectorAll('.summary .sum-thesis a[href^="/p/"]')].map(a => {
	  const r = a.getBoundingClientRect(), p = a.closest('p').getBoundingClientRect();
	  return {href: a.getAttribute('href'), visible: r.width > 0 && r.bottom <= p.bottom + 1 && r.right <= p.right + 1}; })`)
	m, err := newModel(snap, testBase, testNow)
	if err != nil {
		t.Fatal(err)
	}
	sum := m.summary()
	if len(links) != len(sum.Restated) {
		t.Errorf("the summary links %d restatements, want %d", len(links), len(sum.Restated))
	}
	for i, l := range links {
		if i < len(sum.Restated) && (l.Href != sum.Restated[i].URL || !l.Visible) {
			t.Errorf("restatement link %s (visible %v), want %s, visible", l.Href, l.Visible, sum.Restated[i].URL)
		}
	}
	if n := eval[int](t, ctx, "claims", `document.querySelectorAll('.summary ol.sum-claims li').length`); n != len(sum.Claims) {
		t.Errorf("the summary lists %d claims, want %d", n, len(sum.Claims))
	}
	step(t, ctx, "open / on a phone", phone(), chromedp.Navigate(ts.URL+"/"))
	if top := eval[float64](t, ctx, "standfirst", `document.querySelector('.essay-head .kind-standfirst, .essay-body .para').getBoundingClientRect().top`); top > 844-60 {
		t.Errorf("the essay text starts at %.0f px of an 844 px phone screen", top)
	}
}

// TestSearchStemmingBrowser: in Chromium, searching "migrant" finds the
// sentences "migrants" finds.
func TestSearchStemmingBrowser(t *testing.T) {
	ctx := newBrowser(t)
	_, root := searchSite(t, seedName, readSeed(t))
	results := func(q string) []string {
		step(t, ctx, "search "+q, desktop(), chromedp.Navigate(root+"/search?q="+q))
		return eval[[]string](t, ctx, "results", `[...document.querySelectorAll('ol.results li.result > .sref > a')].map(a => a.getAttribute('href'))`)
	}
	one, many := results("migrant"), results("migrants")
	if len(many) < 2 || !slices.Equal(one, many) {
		t.Errorf("migrant finds %v, migrants finds %v; want the same sentences", one, many)
	}
	// Reading order lists the same sentences in the essay's order.
	ordered := results("migrant&order=reading")
	if !slices.Equal(slices.Sorted(slices.Values(ordered)), slices.Sorted(slices.Values(many))) {
		t.Errorf("in reading order migrant finds %v, want %v", ordered, many)
	}
}

// bidiEssay has a sentence with a RIGHT-TO-LEFT OVERRIDE that is never
// closed.
const bidiEssay = "A title for the bidi test\n" +
	"A short standfirst.\n" +
	"First words here. Then \u202Ethis is overridden. Last words here.\n"

// TestBidiIsolation: a U+202E in a sentence reorders nothing outside it:
// in HTML each sentence is isolated (dir="auto"), so the next sentence is
// still drawn after it; in the map's SVG its line is wrapped in an
// isolate.
func TestBidiIsolation(t *testing.T) {
	ctx := newBrowser(t)
	snap := storedSnapshot(t, version{name: "bidi.txt", data: []byte(bidiEssay), edit: func(t *testing.T, a *argument.Analysis) {
		for pi := range a.Paragraphs {
			for si := range a.Paragraphs[pi].Sentences {
				s := &a.Paragraphs[pi].Sentences[si]
				if strings.Contains(s.Text, "\u202E") {
					s.Role = argument.Claim
				}
			}
		}
	}})
	ts := serve(t, newSite(t, snap))
	var over, next string
	for _, p := range snap.Analysis.Paragraphs {
		for i, s := range p.Sentences {
			if strings.Contains(s.Text, "\u202E") && i+1 < len(p.Sentences) {
				over, next = s.ID, p.Sentences[i+1].ID
			}
		}
	}
	if over == "" {
		t.Fatal("the bidi essay has no sentence with U+202E followed by another")
	}
	step(t, ctx, "open /", desktop(), chromedp.Navigate(ts.URL+"/"))
	type geom struct {
		Bidi      string  `json:"bidi"`
		OverRight float64 `json:"overRight"`
		NextLeft  float64 `json:"nextLeft"`
		SameLine  bool    `json:"same"`
	}
	g := eval[geom](t, ctx, "geometry", fmt.Sprintf(`(() => { const o = document.getElementById(%q), n = document.getElementById(%q);
	  const ra = o.getClientRects(), a = ra[ra.length - 1], b = n.getClientRects()[0];
	  return {bidi: getComputedStyle(o).unicodeBidi, overRight: a.right, nextLeft: b.left, same: Math.abs(a.top - b.top) < 2}; })()`, over, next))
	if g.Bidi != "isolate" {
		t.Errorf("the sentence with U+202E has unicode-bidi %q, want isolate", g.Bidi)
	}
	if g.SameLine && g.NextLeft < g.OverRight-1 {
		t.Errorf("the sentence after the U+202E starts at %.0f px, left of the end of the overridden one (%.0f px): reordered", g.NextLeft, g.OverRight)
	}
	body := fetch(t, http.DefaultClient, ts.URL, "/map").body
	if !strings.Contains(body, "\u2068") || !strings.Contains(body, "\u2069") {
		t.Errorf("/map: the line with U+202E is not wrapped in an isolate")
	}
}

// TestReadingDetails checks the smaller points over HTTP: og: and Twitter
// tags on every kind of page, titles and headings that quote the claim,
// a 404 page whose examples work, the revision count's plural, no doubled
// quotation marks, and /claims and / not counting the thesis as a claim.
func TestReadingDetails(t *testing.T) {
	snap := seedSnapshot(t)
	ts := serve(t, newSite(t, snap))
	c := http.DefaultClient
	for kind, p := range pageTypes(t, snap) {
		body := fetch(t, c, ts.URL, p).body
		for _, tag := range []string{`<meta property="og:title" content="`, `<meta property="og:type" content="`, `<meta name="twitter:card" content="summary">`} {
			if !strings.Contains(body, tag) {
				t.Errorf("%s page %s has no %s", kind, p, tag)
			}
		}
		if regexp.MustCompile(`<q dir="auto">\s*[“"]`).MatchString(body) {
			t.Errorf("%s page %s quotes a text that has its own quotation marks again", kind, p)
		}
	}
	m, err := newModel(snap, testBase, testNow)
	if err != nil {
		t.Fatal(err)
	}
	thesis, claims := m.claimIDs()
	sid := claims[0]
	body := fetch(t, c, ts.URL, claimPath(sid)).body
	words := shortWords(m.sentence(sid).Text, 40)
	words = strings.TrimSuffix(words, "…")
	title := regexp.MustCompile(`<title>(.*?)</title>`).FindStringSubmatch(body)
	if len(title) < 2 || !strings.HasPrefix(title[1], "“"+words[:20]) || strings.HasPrefix(title[1], "Claim ") {
		t.Errorf("claim page title = %q, want it to quote the claim %q", title, words)
	}
	if !regexp.MustCompile(`<h1[^>]*>` + regexp.QuoteMeta(m.sentence(sid).Text) + `</h1>`).MatchString(body) {
		t.Errorf("claim page heading does not quote the claim")
	}
	para := fetch(t, c, ts.URL, "/p/4").body
	if strings.Contains(para, "<h1>Paragraph 4</h1>") || !strings.Contains(para, "<title>“") {
		t.Errorf("/p/4: heading or title made of ids")
	}

	nf := fetch(t, c, ts.URL, "/no/such/page")
	examples := regexp.MustCompile(`<a href="(/[^"]+)"><code>`).FindAllStringSubmatch(nf.body, -1)
	if len(examples) < 2 {
		t.Errorf("the 404 page has %d example addresses, want 2", len(examples))
	}
	for _, e := range examples {
		if got := fetch(t, c, ts.URL, e[1]); got.status != http.StatusOK {
			t.Errorf("the 404 page's example %s answers %d", e[1], got.status)
		}
	}
	if rev := fetch(t, c, ts.URL, "/revisions").body; !strings.Contains(rev, "The 1 revision of") {
		t.Errorf("/revisions does not say “The 1 revision”")
	}
	var index struct {
		Counts struct{ Thesis, Claims int } `json:"counts"`
	}
	if err := json.Unmarshal([]byte(fetch(t, c, ts.URL, "/index.json").body), &index); err != nil {
		t.Fatal(err)
	}
	if index.Counts.Claims != len(claims) || index.Counts.Thesis != len(thesis) {
		t.Errorf("/index.json counts %+v, want %d claims and %d thesis statements apart", index.Counts, len(claims), len(thesis))
	}
	if home := fetch(t, c, ts.URL, "/").body; !strings.Contains(home, fmt.Sprintf(">%s</a>", plural(len(claims), "claim"))) {
		t.Errorf("/ does not link “%s” (the thesis counted apart)", plural(len(claims), "claim"))
	}
	if cl := fetch(t, c, ts.URL, "/claims").body; !strings.Contains(cl, "<h2 id=\"claims-h\">"+plural(len(claims), "claim")+"</h2>") {
		t.Errorf("/claims does not head its list “%s”", plural(len(claims), "claim"))
	}
}

// TestPlainCopy: essay text copied from / (with copy.js) goes on the
// clipboard as the essay's words, in unstyled HTML: no role colours.
func TestPlainCopy(t *testing.T) {
	ctx := newBrowser(t)
	snap := seedSnapshot(t)
	ts := serve(t, newSite(t, snap))
	step(t, ctx, "open /", desktop(), chromedp.Navigate(ts.URL+"/"))
	var pid, text string
	for _, p := range snap.Analysis.Paragraphs {
		if p.Kind == "body" && len(p.Sentences) > 1 {
			pid, text = p.ID, p.Text
			break
		}
	}
	type clip struct {
		Plain string `json:"plain"`
		HTML  string `json:"html"`
	}
	got := eval[clip](t, ctx, "copy", fmt.Sprintf(`new Promise(done => { const tick = () => {
	  const p = document.getElementById(%q);
	  const r = document.createRange(); r.selectNodeContents(p);
	  const s = getSelection(); s.removeAllRanges(); s.addRange(r);
	  const dt = new DataTransfer();
	  document.dispatchEvent(new ClipboardEvent('copy', {clipboardData: dt, bubbles: true, cancelable: true}));
	  done({plain: dt.getData('text/plain'), html: dt.getData('text/html')}); };
	  if (document.readyState === 'complete') tick(); else addEventListener('load', tick); })`, "p-"+pid))
	if strings.TrimSpace(got.Plain) != text {
		t.Errorf("copied text = %q, want the paragraph's text %q", got.Plain, text)
	}
	if got.HTML == "" || strings.Contains(got.HTML, "style") || strings.Contains(got.HTML, "class") || !strings.Contains(got.HTML, "<p>") {
		t.Errorf("copied HTML = %q, want the words in plain <p> elements, no styles", got.HTML)
	}
}

// TestLongEssayMap: past dgLongMap evidence sentences, /map draws the
// thesis and the claims only, each with its counts, and every claim's
// page draws its own map with its evidence.
func TestLongEssayMap(t *testing.T) {
	var b strings.Builder
	b.WriteString("A long essay for the map\nThe standfirst says what the essay argues.\n")
	for i := range 22 {
		fmt.Fprintf(&b, "Point number %d is a claim. Fact %d.1 backs it. Fact %d.2 backs it too. Fact %d.3 backs it as well.\n", i+1, i+1, i+1, i+1)
	}
	snap := storedSnapshot(t, version{name: "long.txt", data: []byte(b.String()), edit: func(t *testing.T, a *argument.Analysis) {
		a.Relations = nil
		thesis := ""
		for pi := range a.Paragraphs {
			p := &a.Paragraphs[pi]
			for si := range p.Sentences {
				s := &p.Sentences[si]
				switch {
				case p.Kind == "title":
					s.Role = argument.None
				case p.Kind == "standfirst":
					s.Role, thesis = argument.MajorClaim, s.ID
				case si == 0:
					s.Role = argument.Claim
					a.Relations = append(a.Relations, argument.Relation{From: s.ID, To: thesis, Kind: argument.Support})
				default:
					s.Role = argument.Evidence
					a.Relations = append(a.Relations, argument.Relation{From: s.ID, To: p.Sentences[0].ID, Kind: argument.Support})
				}
			}
		}
	}})
	ts := serve(t, newSite(t, snap))
	maps := drawnMaps(t, get(t, ts.URL+"/map"))
	for class, d := range maps {
		claims := 0
		for _, n := range d.Nodes {
			if strings.Contains(n.Class, "role-evidence") {
				t.Fatalf("%s: the long essay's map draws evidence %s", class, n.Href)
			}
			if strings.Contains(n.Class, "role-claim") {
				claims++
				if !strings.Contains(n.Title, "3 for, 0 against") {
					t.Errorf("%s: claim node %q does not give its counts", class, n.Title)
				}
			}
		}
		if claims != 22 {
			t.Errorf("%s: %d claim nodes, want 22", class, claims)
		}
	}
	var claim string
	for _, p := range snap.Analysis.Paragraphs {
		if p.Kind == "body" {
			claim = p.Sentences[0].ID
			break
		}
	}
	focus := drawnMaps(t, get(t, ts.URL+claimPath(claim)))["map-focus"]
	ev := 0
	for _, n := range focus.Nodes {
		if strings.Contains(n.Class, "role-evidence") {
			ev++
		}
	}
	if ev != 3 {
		t.Errorf("the claim page of %s draws %d evidence nodes, want its 3", claim, ev)
	}
}
