package corpus

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// graph is one gold argumentation graph of arg-microtexts (arggraph.dtd).
type graph struct {
	EDUs []struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"edu"`
	ADUs []struct {
		ID   string `xml:"id,attr"`
		Type string `xml:"type,attr"`
	} `xml:"adu"`
	Edges []struct {
		ID   string `xml:"id,attr"`
		Src  string `xml:"src,attr"`
		Trg  string `xml:"trg,attr"`
		Type string `xml:"type,attr"`
	} `xml:"edge"`
}

// loadMicrotexts reads every micro_*.txt with its .xml in dir. A text is
// given a title line, as a user would give it, and segmented by argmap's
// parser; each argumentative unit is the sentence holding most of its
// words. The corpus has no claim/evidence distinction: its units are
// given roles by the reading in readMicrotext.
func loadMicrotexts(dir string) ([]*Doc, error) {
	return loadEach(Microtexts, dir, "micro_*.xml", func(p string) (*Doc, error) {
		return readMicrotext(dir, strings.TrimSuffix(filepath.Base(p), ".xml"))
	})
}

func readMicrotext(dir, id string) (*Doc, error) {
	raw, err := os.ReadFile(filepath.Join(dir, id+".xml"))
	if err != nil {
		return nil, err
	}
	var g graph
	if err := xml.Unmarshal(raw, &g); err != nil {
		return nil, fmt.Errorf("%s.xml: %w", id, err)
	}
	txt, err := os.ReadFile(filepath.Join(dir, id+".txt"))
	if err != nil {
		return nil, err
	}
	body := strings.Join(strings.Fields(string(txt)), " ")
	doc, err := essay.Parse(id+".txt", []byte("Microtext "+id+"\n\n"+body+"\n"))
	if err != nil {
		return nil, fmt.Errorf("%s.txt: %w", id, err)
	}
	d := &Doc{ID: id, Corpus: Microtexts, Essay: doc, Central: -1}
	type placed struct{ start, end int }
	var sents []placed
	for pi, p := range doc.Paragraphs {
		for _, s := range p.Sentences {
			d.Roles = append(d.Roles, "")
			if pi == 0 {
				sents = append(sents, placed{-1, -1})
				continue
			}
			at := strings.Index(body, p.Text)
			sents = append(sents, placed{at + s.Start, at + s.End()})
		}
	}
	if len(d.Roles) > 0 {
		d.Roles[0] = argument.None
	}
	// where each EDU lies in the body
	eduSpan := make(map[string]placed)
	cursor := 0
	for _, e := range g.EDUs {
		t := strings.Join(strings.Fields(e.Text), " ")
		k := strings.Index(body[cursor:], t)
		if t == "" || k < 0 {
			continue
		}
		eduSpan[e.ID] = placed{cursor + k, cursor + k + len(t)}
		cursor += k + len(t)
	}
	into := make(map[string][]string) // seg target → sources
	for _, e := range g.Edges {
		if e.Type == "seg" {
			into[e.Trg] = append(into[e.Trg], e.Src)
		}
	}
	var edus func(id string, depth int) []string
	edus = func(id string, depth int) []string {
		if _, ok := eduSpan[id]; ok || depth > 8 {
			return []string{id}
		}
		var out []string
		for _, s := range into[id] {
			out = append(out, edus(s, depth+1)...)
		}
		return out
	}
	sentOf := make(map[string]int) // ADU → sentence
	for _, a := range g.ADUs {
		overlap := make(map[int]int)
		for _, e := range edus(a.ID, 0) {
			sp, ok := eduSpan[e]
			if !ok {
				continue
			}
			for i, s := range sents {
				if o := min(sp.end, s.end) - max(sp.start, s.start); o > 0 {
					overlap[i] += o
				}
			}
		}
		best, bestN := -1, 0
		for i := range sents {
			if overlap[i] > bestN {
				best, bestN = i, overlap[i]
			}
		}
		if best >= 0 {
			sentOf[a.ID] = best
		}
	}
	edges := make(map[string]string) // edge id → target
	srcOf := make(map[string]string)
	for _, e := range g.Edges {
		edges[e.ID], srcOf[e.ID] = e.Trg, e.Src
	}
	hasOut := make(map[string]bool)
	attacks := make(map[string]bool)
	from := make(map[int]bool)
	for _, e := range g.Edges {
		var kind argument.RelationKind
		switch e.Type {
		case "sup", "exa", "add":
			kind = argument.Support
		case "reb", "und":
			kind = argument.Attack
		default:
			continue
		}
		hasOut[e.Src] = true
		if kind == argument.Attack {
			attacks[e.Src] = true
		}
		to := e.Trg
		for depth := 0; depth < 8; depth++ { // an edge that targets an edge
			t, ok := edges[to]
			if !ok {
				break
			}
			if e.Type == "und" {
				to = srcOf[to] // the unit whose inference it denies
				break
			}
			to = t
		}
		f, ok1 := sentOf[e.Src]
		t, ok2 := sentOf[to]
		if !ok1 || !ok2 || f == t || from[f] {
			continue
		}
		from[f] = true
		d.Links = append(d.Links, Link{From: f, To: t, Kind: kind})
	}
	// roles in argmap's scheme: the central claim is the thesis; a view
	// of the opponent is background the author answers; the author's
	// answer to it is a claim; every other unit of the author's is
	// evidence for the thesis
	for _, a := range g.ADUs {
		i, ok := sentOf[a.ID]
		if !ok {
			continue
		}
		switch {
		case !hasOut[a.ID] && d.Central < 0:
			d.Central = i
			d.Roles[i] = argument.MajorClaim
		case d.Roles[i] == argument.MajorClaim:
		case a.Type == "opp":
			d.Roles[i] = argument.Background
		case attacks[a.ID]:
			d.Roles[i] = argument.Claim
		case d.Roles[i] == "":
			d.Roles[i] = argument.Evidence
		}
	}
	for i, r := range d.Roles {
		if r == "" {
			d.Roles[i] = argument.Background // a sentence outside every unit
		}
	}
	return d, nil
}
