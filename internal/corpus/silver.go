package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/argmap/argmap/internal/argument"
)

// silverFile is the JSON of one opinion-silver text.
type silverFile struct {
	Genre     string `json:"genre"`
	Topic     string `json:"topic"`
	Sentences []struct {
		ID   string        `json:"id"`
		Text string        `json:"text"`
		Role argument.Role `json:"role"`
	} `json:"sentences"`
	Relations []struct {
		From string                `json:"from"`
		To   string                `json:"to"`
		Kind argument.RelationKind `json:"kind"`
	} `json:"relations"`
}

// loadSilver reads every ID.txt with its ID.json in dir.
func loadSilver(dir string) ([]*Doc, error) {
	return loadEach(Silver, dir, "*.json", func(p string) (*Doc, error) {
		return readSilver(dir, strings.TrimSuffix(filepath.Base(p), ".json"))
	})
}

func readSilver(dir, id string) (*Doc, error) {
	raw, err := os.ReadFile(filepath.Join(dir, id+".json"))
	if err != nil {
		return nil, err
	}
	var f silverFile
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("%s.json: %w", id, err)
	}
	txt, err := os.ReadFile(filepath.Join(dir, id+".txt"))
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(txt), "\n"), "\n")
	sents := make([][]string, len(lines))
	index := make(map[string]int) // sentence id → reading order
	d := &Doc{ID: id, Corpus: Silver, Genre: f.Genre, Topic: f.Topic, Central: -1}
	type at struct{ line, n int }
	var order []at
	for _, s := range f.Sentences {
		line, n, ok := strings.Cut(s.ID, ".")
		li, err1 := strconv.Atoi(line)
		ni, err2 := strconv.Atoi(n)
		if !ok || err1 != nil || err2 != nil || li < 0 || li >= len(lines) {
			return nil, fmt.Errorf("%s.json: bad sentence id %q", id, s.ID)
		}
		sents[li] = append(sents[li], s.Text)
		order = append(order, at{li, ni})
		index[s.ID] = len(d.Roles)
		d.Roles = append(d.Roles, s.Role)
	}
	for i := 1; i < len(order); i++ {
		if order[i].line < order[i-1].line || (order[i].line == order[i-1].line && order[i].n <= order[i-1].n) {
			return nil, fmt.Errorf("%s.json: sentences out of reading order at %d.%d", id, order[i].line, order[i].n)
		}
	}
	doc, err := segmented(id, lines, sents)
	if err != nil {
		return nil, err
	}
	d.Essay = doc
	for _, r := range f.Relations {
		from, ok1 := index[r.From]
		to, ok2 := index[r.To]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s.json: relation %s→%s names a missing sentence", id, r.From, r.To)
		}
		d.Links = append(d.Links, Link{From: from, To: to, Kind: r.Kind})
	}
	for i, r := range d.Roles {
		if r == argument.MajorClaim {
			d.Central = i // the first thesis sentence
			break
		}
	}
	return d, nil
}
