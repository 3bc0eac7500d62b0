// Package corpus reads annotated argument corpora into one shape: an essay
// segmented as its annotators segmented it (or, where the annotation is not
// by sentence, as argmap segments it), the gold role of every sentence and
// the gold relations between sentences. Training (internal/train) and
// evaluation (internal/eval) read corpora only through it.
package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
)

// Names of the corpora this package reads.
const (
	Silver       = "opinion-silver"
	WebDiscourse = "web-discourse"
	Microtexts   = "arg-microtexts"
	// Reparagraphed names the copies Reparagraphed makes.
	Reparagraphed = "opinion-silver, re-paragraphed"
)

// Link is a gold relation between two sentences, given as indices into
// Doc.Sentences (reading order).
type Link struct {
	From, To int
	Kind     argument.RelationKind
}

// Doc is one annotated text.
type Doc struct {
	// ID names the text within its corpus ("w1-01", "1021", "micro_b001").
	ID string
	// Corpus is the corpus the text comes from (Silver, WebDiscourse,
	// Microtexts).
	Corpus string
	// Genre and Topic are as the corpus gives them ("" when it does not).
	Genre, Topic string
	// Essay is the text as paragraphs and sentences, with argmap's
	// paragraph kinds.
	Essay *essay.Document
	// Roles holds the gold role of each sentence in reading order; a role
	// is "" where the corpus does not say (microtexts give only the central
	// claim and the relations).
	Roles []argument.Role
	// Links are the gold relations, at most one from each sentence.
	Links []Link
	// Central is the index of the gold central claim (the one thesis
	// sentence a text's structure hangs from), or -1 when the corpus has no
	// single one.
	Central int
}

// Sentences returns the number of sentences of the text.
func (d *Doc) Sentences() int { return len(d.Roles) }

// Load reads every text of the corpus in dir, whose kind is told by the
// folder's name (opinion-silver, web-discourse, arg-microtexts), sorted by
// id. A missing folder gives an error that wraps fs.ErrNotExist.
func Load(dir string) ([]*Doc, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("corpus %s: not a folder", dir)
	}
	var docs []*Doc
	switch name := filepath.Base(filepath.Clean(dir)); name {
	case Silver:
		docs, err = loadSilver(filepath.Join(dir, "essays"))
	case WebDiscourse:
		docs, err = loadWebDiscourse(filepath.Join(dir, "toulmin"))
	case Microtexts:
		docs, err = loadMicrotexts(dir)
	default:
		return nil, fmt.Errorf("corpus %s: unknown corpus (want a folder named %s, %s or %s)", dir, Silver, WebDiscourse, Microtexts)
	}
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("corpus %s: no annotated texts", dir)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, nil
}

// SilverCopies returns the ids of the web-discourse texts that the silver
// corpus among docs re-annotates (its texts wd-ID): a text must not be
// learned in one form and tested, or learned again, in the other.
func SilverCopies(docs []*Doc) map[string]bool {
	copies := make(map[string]bool)
	for _, d := range docs {
		if id, ok := strings.CutPrefix(d.ID, "wd-"); ok && d.Corpus == Silver {
			copies[id] = true
		}
	}
	return copies
}

// WithoutSilverCopies returns docs without the web-discourse texts that
// the silver corpus among them re-annotates as wd-ID (SilverCopies), in
// the same order: each text is learned once, from the silver annotation.
func WithoutSilverCopies(docs []*Doc) []*Doc {
	copies := SilverCopies(docs)
	var out []*Doc
	for _, d := range docs {
		if d.Corpus != WebDiscourse || !copies[d.ID] {
			out = append(out, d)
		}
	}
	return out
}

// IsMissing reports whether err says a corpus folder is not there.
func IsMissing(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// loadEach reads, with read, every file of dir matching pattern (one text
// each); a folder with none gives an error that wraps fs.ErrNotExist. read
// may return nil for a file that holds no text.
func loadEach(name, dir, pattern string, read func(path string) (*Doc, error)) ([]*Doc, error) {
	paths, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("corpus %s: %w", dir, fs.ErrNotExist)
	}
	var docs []*Doc
	for _, p := range paths {
		d, err := read(p)
		if err != nil {
			return nil, fmt.Errorf("corpus %s: %s: %w", name, filepath.Base(p), err)
		}
		if d != nil {
			docs = append(docs, d)
		}
	}
	return docs, nil
}

// Reparagraphed returns a copy of d paragraphed as news is: every body
// paragraph longer than n sentences is broken into paragraphs of n (the
// last may be shorter). The sentences, their gold roles and relations are
// d's, in the same reading order: a role does not depend on where the
// writer broke the paragraph, and a paragraph of evidence supports the
// claim before it (ANNOTATION.md). The copy's corpus is Reparagraphed and
// its ID d's with "~n". It returns nil when no paragraph is longer than n.
func (d *Doc) Reparagraphed(n int) *Doc {
	if n < 1 {
		return nil
	}
	var paras []string
	var sents [][]string
	broken := false
	for _, p := range d.Essay.Paragraphs {
		texts := make([]string, len(p.Sentences))
		for i, s := range p.Sentences {
			texts[i] = s.Text
		}
		if p.Kind != essay.Body || len(texts) <= n {
			paras, sents = append(paras, p.Text), append(sents, texts)
			continue
		}
		broken = true
		for i := 0; i < len(texts); i += n {
			piece := texts[i:min(i+n, len(texts))]
			paras, sents = append(paras, strings.Join(piece, " ")), append(sents, piece)
		}
	}
	if !broken {
		return nil
	}
	e, err := segmented(d.ID, paras, sents)
	if err != nil {
		return nil
	}
	c := *d
	c.ID, c.Corpus, c.Essay = fmt.Sprintf("%s~%d", d.ID, n), Reparagraphed, e
	return &c
}

// segmented builds a document from paragraph texts and, for each, the
// sentence texts in order (each an exact substring of its paragraph). The
// paragraph kinds are the ones argmap's parser gives the same text.
func segmented(name string, paras []string, sents [][]string) (*essay.Document, error) {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(p)
		b.WriteString("\n")
	}
	doc, err := essay.Parse(name+".txt", []byte(b.String()))
	if err != nil {
		return nil, err
	}
	if len(doc.Paragraphs) != len(paras) {
		return nil, fmt.Errorf("%s: parsed %d paragraphs from %d lines", name, len(doc.Paragraphs), len(paras))
	}
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		p.Sentences = p.Sentences[:0:0]
		from := 0
		for _, s := range sents[i] {
			k := strings.Index(p.Text[from:], s)
			if k < 0 {
				return nil, fmt.Errorf("%s: line %d: sentence %q not in its paragraph", name, i, s)
			}
			p.Sentences = append(p.Sentences, essay.Sentence{Text: s, Start: from + k})
			from += k + len(s)
		}
	}
	return doc, nil
}
