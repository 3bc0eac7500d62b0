package server

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/argmap/argmap/web"
)

// pageTemplates are the page templates in web/templates, each parsed
// together with layout.html, which defines "layout" and the shared
// partials. Each page file defines "content".
var pageTemplates = []string{
	"essay", "paragraph", "version", "removed", "claims", "claim", "formerclaim",
	"figures", "map", "revisions", "error",
	"search", "api",
}

// parseTemplates returns every page template, parsed from the embedded
// files once per process, the first time a site is built: a live server
// builds a site for each revision and each day, and the templates (safe
// for concurrent use, never changed after parsing) are the same for all.
var parseTemplates = sync.OnceValues(parseTemplateFiles)

// parseTemplateFiles parses every page template from the embedded files.
func parseTemplateFiles() (map[string]*template.Template, error) {
	base, err := template.New("layout.html").Funcs(template.FuncMap{
		"plural": plural,
		"title":  capitalise,
		"asset":  assetURL,
		"ownq":   ownQuotes,
		"short":  func(s string) string { return shortWords(s, 70) },
	}).ParseFS(web.FS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	out := make(map[string]*template.Template, len(pageTemplates))
	for _, name := range pageTemplates {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(web.FS, path.Join("templates", name+".html")); err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		out[name] = t
	}
	// Every template file must be in use, so a new page is not forgotten.
	files, err := fs.Glob(web.FS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if _, ok := out[name]; !ok && name != "layout" {
			return nil, fmt.Errorf("template %s is not used", f)
		}
	}
	return out, nil
}

// plural returns word, with an "s" unless n is 1, after n.
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// capitalise upper-cases the first letter of an ASCII word.
func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
