package essay

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Meta is what a citation says about the essay besides its text: who wrote
// it, where and when it was published. Every field is optional; an empty
// one is left out of citations rather than guessed.
type Meta struct {
	// Title is the essay's title as published; empty means the first block.
	Title string `yaml:"title" json:"title,omitempty"`
	// Author names the author or authors.
	Author string `yaml:"author" json:"author,omitempty"`
	// Date is the publication date: YYYY, YYYY-MM or YYYY-MM-DD.
	Date string `yaml:"date" json:"date,omitempty"`
	// Publisher is the site or publication that published the essay.
	Publisher string `yaml:"publisher" json:"publisher,omitempty"`
	// URL is the essay's original address (http or https).
	URL string `yaml:"url" json:"url,omitempty"`
}

// IsZero reports whether m says nothing.
func (m Meta) IsZero() bool { return m == Meta{} }

// Merge returns m with every field that o sets replaced by o's.
func (m Meta) Merge(o Meta) Meta {
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&m.Title, o.Title}, {&m.Author, o.Author}, {&m.Date, o.Date}, {&m.Publisher, o.Publisher}, {&m.URL, o.URL},
	} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	return m
}

// dateLayouts are the publication dates Meta accepts, most precise first.
var dateLayouts = []string{time.DateOnly, "2006-01", "2006"}

// MetaError is a field of Meta that is not usable.
type MetaError struct {
	// Field is the field's name as front matter spells it ("date").
	Field string
	// Msg says what is wrong, starting with the field's name.
	Msg string
}

// Error returns Msg.
func (e *MetaError) Error() string { return e.Msg }

// MaxMetaField is the longest value, in bytes, a metadata field may have:
// every page and citation repeats it.
const MaxMetaField = 2048

// Check returns a *MetaError naming the first field that is not usable: a
// date that is not YYYY, YYYY-MM or YYYY-MM-DD, a URL that is not absolute
// http or https, or a field that is not valid UTF-8 (a flag's bytes are
// not checked with the file's) or has a line break or a control character.
func (m Meta) Check() error {
	for _, f := range []struct{ name, v string }{
		{"title", m.Title}, {"author", m.Author}, {"date", m.Date}, {"publisher", m.Publisher}, {"url", m.URL},
	} {
		if !utf8.ValidString(f.v) {
			return &MetaError{Field: f.name, Msg: fmt.Sprintf("%s: not valid UTF-8", f.name)}
		}
		if strings.ContainsFunc(f.v, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return &MetaError{Field: f.name, Msg: fmt.Sprintf("%s: contains a line break or control character", f.name)}
		}
		if len(f.v) > MaxMetaField {
			return &MetaError{Field: f.name, Msg: fmt.Sprintf("%s too long: %d bytes (limit %d)", f.name, len(f.v), MaxMetaField)}
		}
	}
	if m.Date != "" && m.Published().IsZero() {
		return &MetaError{Field: "date", Msg: fmt.Sprintf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", m.Date)}
	}
	if strings.ContainsFunc(m.URL, unicode.IsSpace) {
		return &MetaError{Field: "url", Msg: fmt.Sprintf("url %q: has white space (write a space in a URL as %%20)", m.URL)}
	}
	if m.URL != "" {
		u, err := url.Parse(m.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return &MetaError{Field: "url", Msg: fmt.Sprintf("url %q: want an absolute http or https URL", m.URL)}
		}
	}
	return nil
}

// Published returns Date as a time (UTC), or zero when Date is empty or not
// one of the accepted forms.
func (m Meta) Published() time.Time {
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, m.Date); err == nil {
			return t
		}
	}
	return time.Time{}
}

// DatePrecision returns how much of Date is known: "day", "month", "year",
// or "" when Date is empty or unreadable.
func (m Meta) DatePrecision() string {
	for i, l := range dateLayouts {
		if _, err := time.Parse(l, m.Date); err == nil {
			return []string{"day", "month", "year"}[i]
		}
	}
	return ""
}

// frontMatter splits YAML front matter off a Markdown file: a first line
// "---", then YAML, then a line "---" or "...". It returns the metadata
// and the data with the front matter's lines blanked (so that line numbers
// of the text stay those of the file). Data without front matter is
// returned as it is.
func frontMatter(name string, data []byte) (Meta, []byte, error) {
	var m Meta
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || strings.TrimRight(string(first), " \t\r") != "---" {
		return m, data, nil
	}
	end, off := -1, len(first)+1
	for line := range bytes.Lines(rest) {
		t := strings.TrimRight(string(line), " \t\r\n")
		if t == "---" || t == "..." {
			end = off
			off += len(line)
			break
		}
		off += len(line)
	}
	if end < 0 {
		// A first line "---" that nothing closes is front matter left
		// open only if what follows reads as YAML keys; otherwise it is
		// a thematic break (a rule) before the text.
		if !yamlKeyLine.Match(bytes.TrimLeft(rest, " \t\r\n")) {
			return m, data, nil
		}
		return m, nil, &InputError{File: name, Line: 1, Reason: "front matter: no closing --- line"}
	}
	yml := data[len(first)+1 : end]
	if err := decodeFrontMatter(yml, &m); err != nil && len(bytes.TrimSpace(yml)) > 0 {
		// YAML counts lines from the front matter's first line, the
		// file's second; say the file's line, once.
		line, reason := 2, strings.TrimPrefix(oneLine(err.Error()), "yaml: ")
		if sm := yamlLine.FindStringSubmatchIndex(reason); sm != nil {
			n, _ := strconv.Atoi(reason[sm[2]:sm[3]])
			line, reason = n+1, reason[:sm[0]]+reason[sm[1]:]
		}
		return m, nil, &InputError{File: name, Line: line, Reason: "front matter: " + reason}
	}
	m.Title, m.Author, m.Date = strings.TrimSpace(m.Title), strings.TrimSpace(m.Author), strings.TrimSpace(m.Date)
	m.Publisher, m.URL = strings.TrimSpace(m.Publisher), strings.TrimSpace(m.URL)
	if err := m.Check(); err != nil {
		line := 2
		if me, ok := errors.AsType[*MetaError](err); ok {
			line = 1 + keyLine(yml, me.Field)
		}
		return m, nil, &InputError{File: name, Line: line, Reason: "front matter: " + err.Error()}
	}
	// Blank the front matter but keep its line breaks.
	out := bytes.Clone(data)
	for i := 0; i < off && i < len(out); i++ {
		if out[i] != '\n' {
			out[i] = ' '
		}
	}
	return m, out, nil
}

// frontMatterKeys are the keys front matter may set, in Meta's order.
var frontMatterKeys = []string{"title", "author", "date", "publisher", "url"}

// decodeFrontMatter decodes YAML front matter into m. Every value is one
// piece of text, but author may be a list of names, which it joins with
// " and " as BibTeX does. A key it does not know, or a value that is not
// text, is an error that says so in the words of the front matter, not of
// Go ("line 3: unknown key "Title" (the keys are title, author, …)").
func decodeFrontMatter(yml []byte, m *Meta) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(yml, &doc); err != nil {
		return err
	}
	if len(doc.Content) == 0 {
		return nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: want keys and values (title: …), not %s", top.Line, nodeKind(top))
	}
	fields := map[string]*string{"title": &m.Title, "author": &m.Author, "date": &m.Date, "publisher": &m.Publisher, "url": &m.URL}
	seen := map[string]bool{}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		dst, ok := fields[k.Value]
		if !ok {
			return fmt.Errorf("line %d: unknown key %q (the keys are %s)", k.Line, k.Value, strings.Join(frontMatterKeys, ", "))
		}
		if seen[k.Value] {
			return fmt.Errorf("line %d: %s is set twice", k.Line, k.Value)
		}
		seen[k.Value] = true
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag != "!!null":
			*dst = v.Value
		case v.Kind == yaml.ScalarNode:
			// "author:" with nothing after it says nothing
		case v.Kind == yaml.SequenceNode && k.Value == "author":
			var names []string
			for _, n := range v.Content {
				if n.Kind != yaml.ScalarNode {
					return fmt.Errorf("line %d: author: want a name or a list of names, not %s", n.Line, nodeKind(n))
				}
				if name := strings.TrimSpace(n.Value); name != "" {
					names = append(names, name)
				}
			}
			*dst = strings.Join(names, " and ")
		default:
			return fmt.Errorf("line %d: %s: want one piece of text, not %s", v.Line, k.Value, nodeKind(v))
		}
	}
	return nil
}

// nodeKind names a YAML node's kind for an error message.
func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "keys and values"
	case yaml.AliasNode:
		return "an alias"
	}
	return "a value"
}

// yamlKeyLine matches the start of a YAML line that sets a key ("title:").
var yamlKeyLine = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*[ \t]*:([ \t]|\r?\n|$)`)

// yamlLine matches the line a YAML error names ("line 3: "), the first
// such in an error that lists several.
var yamlLine = regexp.MustCompile(`line (\d+): `)

// keyLine returns the 1-based line of yml where key is set at the top
// level, or 1 when it is not found.
func keyLine(yml []byte, key string) int {
	var doc yaml.Node
	if yaml.Unmarshal(yml, &doc) != nil || len(doc.Content) == 0 {
		return 1
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == key {
			return top.Content[i].Line
		}
	}
	return 1
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
