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
// the analysis has, each (from, to, kind) once.
type mapRelation struct {
	From, To string
	Kind     argument.RelationKind
}

// mapRelations returns the relations the exports show, in the analysis's
// order: those between two different known sentences, without repeats.
func (m *model) mapRelations() []mapRelation {
	var out []mapRelation
	seen := make(map[mapRelation]bool)
	ws := m.w()
	for _, r := range ws.a.Relations {
		_, okFrom := ws.sentIndex[r.From]
		_, okTo := ws.sentIndex[r.To]
		kind := r.Kind
		if kind != argument.Attack {
			kind = argument.Support
		}
		mr := mapRelation{r.From, r.To, kind}
		if !okFrom || !okTo || r.From == r.To || seen[mr] {
			continue
		}
		seen[mr] = true
		out = append(out, mr)
	}
	return out
}

// mapStatements returns, in reading order, the ids of the sentences the
// exports show as statements: the thesis, claims and evidence, and any
// other sentence a relation of the map links.
func (m *model) mapStatements() []string {
	linked := make(map[string]bool)
	for _, r := range m.mapRelations() {
		linked[r.From], linked[r.To] = true, true
	}
	var out []string
	for _, p := range m.w().a.Paragraphs {
		for _, s := range p.Sentences {
			if isClaim(s.Role) || s.Role == argument.Evidence || linked[s.ID] {
				out = append(out, s.ID)
			}
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

// aifParts makes the parts of the AIF document of the map, in order.
func (m *model) aifParts(sink aifSink) {
	m = m.whole()
	ws := m.w()
	sink.fill()
	stamp := ""
	if !m.head.current.Created.IsZero() {
		stamp = m.head.current.Created.UTC().Format("2006-01-02 15:04:05")
	}
	next := 0
	newID := func() string { next++; return strconv.Itoa(next) }
	edges := 0
	edge := func(from, to string) {
		edges++
		sink.edge(aifEdge{EdgeID: strconv.Itoa(edges), FromID: from, ToID: to})
	}
	inode := make(map[string]string) // sentence id → I-node id
	addI := func(sid string) string {
		if id, ok := inode[sid]; ok {
			return id
		}
		s := m.sentence(sid)
		id := newID()
		inode[sid] = id
		sink.node(aifNode{NodeID: id, Text: s.Text, Type: "I", Timestamp: stamp,
			Sentence: sid, Role: s.Role, URL: m.abs(sentencePath(m.pidOf(sid), sid))})
		return id
	}
	for _, sid := range m.mapStatements() {
		addI(sid)
	}
	for _, r := range m.mapRelations() {
		typ, text := "RA", "Default Inference"
		if r.Kind == argument.Attack {
			typ, text = "CA", "Default Conflict"
		}
		id := newID()
		sink.node(aifNode{NodeID: id, Text: text, Type: typ, Timestamp: stamp})
		edge(inode[r.From], id)
		edge(id, inode[r.To])
	}
	people := make(map[string]string) // speaker → participant id
	for _, f := range ws.a.Figures {
		if f.Kind != argument.Quote {
			continue
		}
		if _, ok := ws.sentIndex[f.Sentence]; !ok {
			continue
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
		text := f.Text
		if text == "" {
			text = m.sentence(f.Sentence).Text
		}
		target := addI(f.Sentence)
		l := newID()
		sink.node(aifNode{NodeID: l, Text: speaker + ": " + text, Type: "L", Timestamp: stamp})
		sink.locution(aifLocution{NodeID: l, PersonID: person, Timestamp: stamp,
			Source: m.abs(sentencePath(m.pidOf(f.Sentence), f.Sentence))})
		ya := newID()
		sink.node(aifNode{NodeID: ya, Text: "Asserting", Type: "YA", Timestamp: stamp})
		edge(l, ya)
		edge(ya, target)
	}
}

// splitName splits a speaker's name into first names and surname at the
// last space; a one-word name is all surname.
func splitName(name string) (first, last string) {
	if i := strings.LastIndexByte(name, ' '); i > 0 {
		return name[:i], name[i+1:]
	}
	return "", name
}
