package server

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// page is one fetched answer.
type page struct {
	path   string // the path asked for
	status int
	ctype  string
	body   string
}

func (p page) isHTML() bool { return strings.HasPrefix(p.ctype, "text/html") }
func (p page) isJSON() bool { return strings.HasPrefix(p.ctype, "application/json") }

// fetch GETs path from a server, following redirects.
func fetch(t *testing.T, c *http.Client, root, path string) page {
	t.Helper()
	resp, err := c.Get(root + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", path, err)
	}
	return page{path: path, status: resp.StatusCode, ctype: resp.Header.Get("Content-Type"), body: string(b)}
}

var (
	hrefRE = regexp.MustCompile(`\shref="([^"]*)"`)
	srcRE  = regexp.MustCompile(`\ssrc="([^"]*)"`)
	idRE   = regexp.MustCompile(`\sid="([^"]*)"`)
	tagRE  = regexp.MustCompile(`<[^>]*>`)
)

func attrs(re *regexp.Regexp, body string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// bodyText is the visible text of an HTML page's body, tags removed and
// white space collapsed, as a text fragment matches it.
func bodyText(body string) string {
	if i := strings.Index(body, "<body"); i >= 0 {
		body = body[i:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(body, ""))), " ")
}

// crawl starts at "/" on the server at root, follows every internal link
// (root-relative, or absolute under base), and checks that each target
// answers with the status want gives it and that each #fragment exists on
// the target: as an id, or for a text directive (#:~:text=) as text. It
// returns the pages it fetched, by path.
func crawl(t *testing.T, root, base string, want func(path string) int) map[string]page {
	t.Helper()
	c := &http.Client{}
	seen := map[string]page{}
	queue := []string{"/"}
	type ref struct{ from, path, frag string }
	var refs []ref
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if _, ok := seen[p]; ok {
			continue
		}
		got := fetch(t, c, root, p)
		seen[p] = got
		if w := want(p); got.status != w {
			t.Errorf("GET %s = %d, want %d", p, got.status, w)
		}
		switch {
		case got.isJSON():
			if !json.Valid([]byte(got.body)) {
				t.Errorf("GET %s: body is not valid JSON", p)
			}
		case got.isHTML():
			if err := checkHTML(got.body); err != nil {
				t.Errorf("GET %s: %v", p, err)
			}
			for _, href := range append(attrs(hrefRE, got.body), attrs(srcRE, got.body)...) {
				target, frag, ok := internal(href, p, base)
				if !ok {
					continue
				}
				refs = append(refs, ref{p, target, frag})
				queue = append(queue, target)
			}
		}
	}
	for _, r := range refs {
		if r.frag == "" {
			continue
		}
		target := seen[r.path]
		if err := checkFragment(target, r.frag); err != nil {
			t.Errorf("link on %s to %s#%s: %v", r.from, r.path, r.frag, err)
		}
	}
	return seen
}

// internal resolves href on page from; ok is false for links that leave
// the site.
func internal(href, from, base string) (path, frag string, ok bool) {
	if rest, found := strings.CutPrefix(href, base); found && (rest == "" || strings.HasPrefix(rest, "/") || strings.HasPrefix(rest, "#")) {
		href = rest
		if href == "" || href[0] == '#' {
			href = "/" + href
		}
	}
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "", "", false
	}
	if !strings.HasPrefix(u.Path, "/") {
		if u.Path != "" {
			return "", "", false // relative links are not used on this site
		}
		u.Path = from
	}
	frag = u.EscapedFragment()
	if f, err := url.PathUnescape(frag); err == nil && !strings.HasPrefix(frag, ":~:") {
		frag = f
	}
	return u.Path, frag, true
}

// checkFragment checks that frag names an element on p, or that a text
// directive's text occurs on it in order.
func checkFragment(p page, frag string) error {
	if d, ok := strings.CutPrefix(frag, ":~:"); ok && strings.HasPrefix(d, "text=") {
		_, _, err := fragmentMatch(bodyText(p.body), d)
		return err
	}
	if !slices.Contains(attrs(idRE, p.body), frag) {
		return fmt.Errorf("no element with id %q", frag)
	}
	return nil
}

// voidElements have no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// blockElements close an open <p> in an HTML parser, which would break the
// page's structure.
var blockElements = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "details": true, "div": true,
	"dl": true, "fieldset": true, "figure": true, "footer": true, "form": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "header": true, "hr": true, "main": true, "nav": true,
	"ol": true, "p": true, "pre": true, "section": true, "table": true, "ul": true,
}

var elementRE = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>`)

// checkHTML is a small structure check of the pages this package writes:
// elements nest and close, no block element opens inside a <p>, ids are
// unique, and there is exactly one <main> and one <h1>.
func checkHTML(body string) error {
	var stack []string
	level := 0
	for _, m := range elementRE.FindAllStringSubmatch(body, -1) {
		closing, name := m[1] == "/", strings.ToLower(m[2])
		if h := headingLevel(name); h > 0 && !closing {
			if h > level+1 {
				return fmt.Errorf("<%s> follows <h%d>: heading levels skip", name, level)
			}
			level = h
		}
		switch {
		case voidElements[name]:
		case closing:
			if len(stack) == 0 || stack[len(stack)-1] != name {
				return fmt.Errorf("</%s> closes %v", name, stack)
			}
			stack = stack[:len(stack)-1]
		default:
			if blockElements[name] && slices.Contains(stack, "p") {
				return fmt.Errorf("<%s> inside <p> (open: %v)", name, stack)
			}
			stack = append(stack, name)
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("unclosed elements %v", stack)
	}
	ids := map[string]bool{}
	for _, id := range attrs(idRE, body) {
		if ids[id] {
			return fmt.Errorf("id %q is used twice", id)
		}
		ids[id] = true
	}
	if n := strings.Count(body, "<main"); n != 1 {
		return fmt.Errorf("%d <main> elements, want 1", n)
	}
	if n := strings.Count(body, "<h1"); n != 1 {
		return fmt.Errorf("%d <h1> elements, want 1", n)
	}
	return nil
}

func headingLevel(name string) int {
	if len(name) == 2 && name[0] == 'h' && '1' <= name[1] && name[1] <= '6' {
		return int(name[1] - '0')
	}
	return 0
}
