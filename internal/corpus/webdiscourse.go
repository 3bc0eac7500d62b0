package corpus

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/argmap/argmap/internal/argument"
)

// Web-discourse component types and the role each takes in argmap's scheme
// (the corpus README's reading): the claim is the text's thesis, premises
// and backing are evidence, a rebuttal is a view the author answers
// (background that attacks), a refutation answers it (a claim that
// attacks). Text outside every component is background.
var toulminRoles = map[string]argument.Role{
	"Claim":      argument.MajorClaim,
	"Premise":    argument.Evidence,
	"Backing":    argument.Evidence,
	"Rebuttal":   argument.Background,
	"Refutation": argument.Claim,
}

// xmiElement is one annotation of an XMI file, with the attributes argmap
// reads.
type xmiElement struct {
	kind       string
	id         string
	begin, end int
	attrs      map[string]string
}

// loadWebDiscourse reads every *.xmi in dir.
func loadWebDiscourse(dir string) ([]*Doc, error) {
	return loadEach(WebDiscourse, dir, "*.xmi", readXMI)
}

// offsetAttr returns the offset in attribute name of attrs, 0 for an
// element without it.
func offsetAttr(attrs map[string]string, name string) (int, error) {
	v, ok := attrs[name]
	if !ok {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("offset %s: %w", name, err)
	}
	return n, nil
}

// readXMI reads one document; it returns nil for a document with no
// sentences.
func readXMI(path string) (*Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var sofa string
	var els []xmiElement
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read xmi: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attrs := make(map[string]string, len(se.Attr))
		for _, a := range se.Attr {
			attrs[a.Name.Local] = a.Value
		}
		if se.Name.Local == "Sofa" {
			sofa = attrs["sofaString"]
			continue
		}
		e := xmiElement{kind: se.Name.Local, id: attrs["id"], attrs: attrs}
		if e.begin, err = offsetAttr(attrs, "begin"); err != nil {
			return nil, fmt.Errorf("%s %s: %w", e.kind, e.id, err)
		}
		if e.end, err = offsetAttr(attrs, "end"); err != nil {
			return nil, fmt.Errorf("%s %s: %w", e.kind, e.id, err)
		}
		els = append(els, e)
	}
	if sofa == "" {
		return nil, fmt.Errorf("no document text")
	}
	// UIMA offsets count UTF-16 code units: map them to byte offsets
	units := utf16.Encode([]rune(sofa))
	byteAt := make([]int, len(units)+1)
	b := 0
	for i := 0; i < len(units); {
		byteAt[i] = b
		r := rune(units[i])
		n := 1
		if utf16.IsSurrogate(r) && i+1 < len(units) {
			r = utf16.DecodeRune(r, rune(units[i+1]))
			n = 2
			byteAt[i+1] = b
		}
		b += len(string(r))
		i += n
	}
	byteAt[len(units)] = len(sofa)
	off := func(u int) int { return byteAt[max(0, min(u, len(units)))] }

	id := strings.TrimSuffix(filepath.Base(path), ".xmi")
	d := &Doc{ID: id, Corpus: WebDiscourse, Central: -1}
	title := ""
	type span struct {
		start, end int
		role       argument.Role
		id         string
	}
	var sentSpans, comps []span
	type rel struct{ from, to string }
	var rels []rel
	for _, e := range els {
		switch e.kind {
		case "WebArgumentMetadata":
			d.Topic, d.Genre, title = e.attrs["topic"], e.attrs["docType"], e.attrs["title"]
		case "Sentence":
			sentSpans = append(sentSpans, span{start: off(e.begin), end: off(e.end)})
		case "ArgumentRelation":
			rels = append(rels, rel{e.attrs["source"], e.attrs["target"]})
		default:
			if r, ok := toulminRoles[e.kind]; ok && e.end > e.begin {
				comps = append(comps, span{start: off(e.begin), end: off(e.end), role: r, id: e.id})
			}
		}
	}
	if strings.TrimSpace(title) == "" {
		title = "Untitled"
	}
	// paragraphs are the text's lines; a first line with no space is the
	// commenter's name, not text
	type line struct{ start, end int }
	var lines []line
	for start := 0; start <= len(sofa); {
		end := strings.IndexByte(sofa[start:], '\n')
		if end < 0 {
			end = len(sofa)
		} else {
			end += start
		}
		lines = append(lines, line{start, end})
		start = end + 1
	}
	paras := []string{strings.Join(strings.Fields(title), " ")}
	sents := [][]string{{paras[0]}}
	d.Roles = append(d.Roles, argument.None)
	compOf := make(map[string]int) // component id → sentence index
	for li, l := range lines {
		text := sofa[l.start:l.end]
		if strings.TrimSpace(text) == "" || (li == 0 && !strings.ContainsAny(strings.TrimSpace(text), " \t")) {
			continue
		}
		var ps []string
		for _, s := range sentSpans {
			st, en := max(s.start, l.start), min(s.end, l.end)
			if en <= st {
				continue
			}
			t := clean(sofa[st:en])
			if t == "" {
				continue
			}
			// the component holding most of the sentence gives its role
			best, bestN, bestID := argument.Background, 0, ""
			for _, c := range comps {
				if o := min(c.end, en) - max(c.start, st); o > bestN {
					best, bestN, bestID = c.role, o, c.id
				}
			}
			for _, c := range comps {
				if o := min(c.end, en) - max(c.start, st); o > 0 {
					if _, seen := compOf[c.id]; !seen || c.id == bestID {
						compOf[c.id] = len(d.Roles)
					}
				}
			}
			ps = append(ps, t)
			d.Roles = append(d.Roles, best)
		}
		if len(ps) == 0 {
			continue
		}
		paras = append(paras, clean(text))
		sents = append(sents, ps)
	}
	if len(paras) < 2 {
		return nil, nil
	}
	// paragraph text is the line trimmed; sentence texts must be inside it
	doc, err := segmented(id, paras, sents)
	if err != nil {
		return nil, err
	}
	d.Essay = doc
	// the parser may call a short line a heading, and then its
	// sentences are not argument; the gold stays as annotated
	from := make(map[int]bool)
	for _, r := range rels {
		f, ok1 := compOf[r.from]
		t, ok2 := compOf[r.to]
		if !ok1 || !ok2 || f == t || from[f] {
			continue
		}
		from[f] = true
		kind := argument.Support
		if d.Roles[f] == argument.Background || (d.Roles[f] == argument.Claim && d.Roles[t] == argument.Background) {
			kind = argument.Attack
		}
		d.Links = append(d.Links, Link{From: f, To: t, Kind: kind})
	}
	for i, r := range d.Roles {
		if r == argument.MajorClaim {
			d.Central = i
			break
		}
	}
	return d, nil
}

// clean drops control characters and runs of white space, as argmap's
// parser does, so that sentence texts stay substrings of their paragraph.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
