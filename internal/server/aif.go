package server

import (
	"strconv"
	"strings"

	"github.com/argmap/argmap/internal/argument"
)

// This file writes /export/aif.json, the argument map in the Argument
// Interchange Format as AIFdb and OVA read and write it (JSON with nodes,
// edges, locutions and participants; ids are strings of digits):
//
//   - an I-node (information) for every statement of the map (see
//     mapStatements): its text is the sentence;
//   - for every support, an RA-node ("Default Inference") with an edge from
//     the premise's I-node to it and one from it to the conclusion's;
//   - for every attack, a CA-node ("Default Conflict"), likewise;
//   - for every quote the extractor found, an L-node (locution) whose text
//     is "Speaker: quoted words", a participant for the speaker, a
//     locution entry tying them, and a YA-node ("Asserting") with an edge
//     from the L-node and one to the I-node of the sentence that reports
//     the quote (an I-node is added for that sentence if the map has none).
//
// Each I-node also carries the keys "sentence", "role" and "url" (the
// sentence on its paragraph page); tools that do not know them ignore them.

// aifDoc is an AIF document.
type aifDoc struct {
	Nodes        []aifNode        `json:"nodes"`
	Edges        []aifEdge        `json:"edges"`
	Locutions    []aifLocution    `json:"locutions"`
	Participants []aifParticipant `json:"participants"`
}

type aifNode struct {
	NodeID    string `json:"nodeID"`
	Text      string `json:"text"`
	Type      string `json:"type"`
	Timestamp string `json:"timestamp,omitempty"`
	// Sentence, Role and URL tie an I-node to the essay (argmap's keys).
	Sentence string        `json:"sentence,omitempty"`
	Role     argument.Role `json:"role,omitempty"`
	URL      string        `json:"url,omitempty"`
}

type aifEdge struct {
	EdgeID     string  `json:"edgeID"`
	FromID     string  `json:"fromID"`
	ToID       string  `json:"toID"`
	FormEdgeID *string `json:"formEdgeID"`
}

type aifLocution struct {
	NodeID    string  `json:"nodeID"`
	PersonID  string  `json:"personID"`
	Timestamp string  `json:"timestamp,omitempty"`
	Start     *string `json:"start"`
	End       *string `json:"end"`
	Source    string  `json:"source,omitempty"`
}

type aifParticipant struct {
	ParticipantID string `json:"participantID"`
	Firstname     string `json:"firstname"`
	Surname       string `json:"surname"`
}

// mapRelation is a relation of the map between two different sentences
// (their places in the graph): each (from, to, kind) once.
type mapRelation struct {
	from, to int32
	attack   bool
}

// mapRelations returns the relations the exports show, in the analysis's
// order: those between two different known sentences, without repeats.
func mapRelations(g *graph) []mapRelation {
	var out []mapRelation
	for ri := range g.from {
		mr := mapRelation{g.from[ri], g.to[ri], g.kindOf(int32(ri)) == argument.Attack}
		if mr.from < 0 || mr.to < 0 || mr.from == mr.to {
			continue
		}
		out = append(out, mr)
	}
	return distinct(out, g.n())
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// mapStatements marks, by place, the sentences the exports show as
// statements: the thesis, claims and evidence, and any other sentence a
// relation of the map links.
func mapStatements(s *mapShape) []bool {
	out := make([]bool, s.n())
	for _, r := range s.rels {
		out[r.from], out[r.to] = true, true
	}
	for k := range out {
		if role := s.roleOf(int32(k)); isClaim(role) || role == argument.Evidence {
			out[k] = true
		}
	}
	return out
}

// aif builds the AIF document of the map.
func (m *model) aif() aifDoc {
	doc := aifDoc{Nodes: []aifNode{}, Edges: []aifEdge{}, Locutions: []aifLocution{}, Participants: []aifParticipant{}}
	m.aifParts(aifSink{
		node:        func(n aifNode) { doc.Nodes = append(doc.Nodes, n) },
		edge:        func(e aifEdge) { doc.Edges = append(doc.Edges, e) },
		locution:    func(l aifLocution) { doc.Locutions = append(doc.Locutions, l) },
		participant: func(p aifParticipant) { doc.Participants = append(doc.Participants, p) },
	})
	return doc
}

// aifSink receives the parts of the AIF document as aifParts makes them;
// a nil function drops its kind (a long essay's download makes the
// document four times, keeping one kind each time, to write it without
// holding it: downloads.go).
type aifSink struct {
	node        func(aifNode)
	edge        func(aifEdge)
	locution    func(aifLocution)
	participant func(aifParticipant)
}

// fill makes every nil function of s one that drops what it is given.
func (s *aifSink) fill() {
	if s.node == nil {
		s.node = func(aifNode) {}
	}
	if s.edge == nil {
		s.edge = func(aifEdge) {}
	}
	if s.locution == nil {
		s.locution = func(aifLocution) {}
	}
	if s.participant == nil {
		s.participant = func(aifParticipant) {}
	}
}

// aifParts makes the parts of the AIF document of the map, in order. It
// reads the sentences' words only when sink takes nodes, in reading order
// for the statements.
func (m *model) aifParts(sink aifSink) {
	words := sink.node != nil
	sink.fill()
	stamp := ""
	if !m.head.current.Created.IsZero() {
		stamp = m.head.current.Created.UTC().Format("2006-01-02 15:04:05")
	}
	g := m.src.mapShape()
	rels, statement := g.rels, g.statement
	next := 0
	newID := func() string { next++; return strconv.Itoa(next) }
	edges := 0
	edge := func(from, to string) {
		edges++
		sink.edge(aifEdge{EdgeID: strconv.Itoa(edges), FromID: from, ToID: to})
	}
	inode := make([]int32, g.n()) // place → I-node id, 0 for none
	iNode := func(k int32, s argument.Sentence, pid string) {
		id := newID()
		inode[k] = int32(next)
		if words {
			sink.node(aifNode{NodeID: id, Text: s.Text, Type: "I", Timestamp: stamp,
				Sentence: s.ID, Role: s.Role, URL: m.abs(sentencePath(pid, s.ID))})
		}
	}
	if words {
		k := int32(0)
		check(m.src.eachParagraph(0, -1, func(_ int, p argument.Paragraph) error {
			for _, s := range p.Sentences {
				if statement[k] {
					iNode(k, s, p.ID)
				}
				k++
			}
			return nil
		}))
	} else {
		for k, st := range statement {
			if st {
				iNode(int32(k), argument.Sentence{}, "")
			}
		}
	}
	for _, r := range rels {
		typ, text := "RA", "Default Inference"
		if r.attack {
			typ, text = "CA", "Default Conflict"
		}
		id := newID()
		sink.node(aifNode{NodeID: id, Text: text, Type: typ, Timestamp: stamp})
		edge(strconv.Itoa(int(inode[r.from])), id)
		edge(id, strconv.Itoa(int(inode[r.to])))
	}
	people := make(map[string]string) // speaker → participant id
	check(m.src.eachFigureOfKind(argument.Quote, func(_ int, f argument.Figure, _ string) error {
		k, ok := g.place(f.Sentence)
		if !ok {
			return nil
		}
		speaker := strings.TrimSpace(f.Speaker)
		if speaker == "" {
			speaker = strings.TrimSpace(f.SpeakerRole)
		}
		if speaker == "" {
			speaker = "Unknown speaker"
		}
		person, ok := people[speaker]
		if !ok {
			person = strconv.Itoa(len(people) + 1)
			people[speaker] = person
			first, last := splitName(speaker)
			sink.participant(aifParticipant{ParticipantID: person, Firstname: first, Surname: last})
		}
		var s placed
		if f.Text == "" || inode[k] == 0 {
			s, _ = m.src.sentence(f.Sentence)
		}
		text := f.Text
		if text == "" {
			text = s.Text
		}
		if inode[k] == 0 {
			iNode(k, s.Sentence, s.pid)
		}
		target := strconv.Itoa(int(inode[k]))
		l := newID()
		sink.node(aifNode{NodeID: l, Text: speaker + ": " + text, Type: "L", Timestamp: stamp})
		sink.locution(aifLocution{NodeID: l, PersonID: person, Timestamp: stamp,
			Source: m.abs(sentencePath(m.pidOf(f.Sentence), f.Sentence))})
		ya := newID()
		sink.node(aifNode{NodeID: ya, Text: "Asserting", Type: "YA", Timestamp: stamp})
		edge(l, ya)
		edge(ya, target)
		return nil
	}))
}

// splitName splits a speaker's name into first names and surname at the
// last space; a one-word name is all surname.
func splitName(name string) (first, last string) {
	if i := strings.LastIndexByte(name, ' '); i > 0 {
		return name[:i], name[i+1:]
	}
	return "", name
}
