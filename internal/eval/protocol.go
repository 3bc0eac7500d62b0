package eval

import (
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/corpus"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/train"
)

// Corpora are the annotated corpora of the evaluation, as loaded from a
// folder of corpora.
type Corpora struct {
	Silver, Web, Micro []*corpus.Doc
	// onlyTest is set when the silver corpus is there only to train on.
	onlyTest bool
}

// LoadCorpora reads the three corpora under dir (../shared/corpora); a
// corpus that is not there is left empty.
func LoadCorpora(dir string) (*Corpora, error) {
	c := &Corpora{}
	for _, x := range []struct {
		name string
		into *[]*corpus.Doc
	}{{corpus.Silver, &c.Silver}, {corpus.WebDiscourse, &c.Web}, {corpus.Microtexts, &c.Micro}} {
		docs, err := corpus.Load(filepath.Join(dir, x.name))
		if corpus.IsMissing(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		*x.into = docs
	}
	if c.Silver == nil && c.Web == nil && c.Micro == nil {
		return nil, fmt.Errorf("eval: no corpus under %s: %w", dir, errMissing)
	}
	return c, nil
}

var errMissing = fmt.Errorf("corpora not found: %w", fs.ErrNotExist)

// ModelExtractor returns the extractor of model m.
func ModelExtractor(m *argument.Model) Extractor {
	return Extractor{Name: "model", Run: func(d *essay.Document) *argument.Analysis { return argument.ExtractWith(d, m) }}
}

// model returns the extractor of a model trained on docs.
func model(docs []*corpus.Doc, opt train.Options) (Extractor, error) {
	m, err := train.Train(docs, opt)
	if err != nil {
		return Extractor{}, err
	}
	return ModelExtractor(m), nil
}

// cell scores the model (trained by each fold's training set), the old
// rules and the baselines on the folds' test sets.
func cell(name, trained, tested string, folds []fold, opt train.Options, baselines ...Extractor) (Cell, error) {
	c := Cell{Name: name, Trained: trained, Tested: tested}
	xs := append([]Extractor{{Name: "model"}, Rules, Position}, baselines...)
	results := make([]*Result, len(xs))
	perText := make([][]*Result, len(xs)) // each text's result, in the same order for every extractor
	byGenre := make([]map[string]*Result, len(xs))
	argued := make([][2]*Result, len(xs)) // [0]: texts whose gold has no relation, [1]: the others
	for i := range results {
		results[i] = &Result{}
		byGenre[i] = make(map[string]*Result)
		argued[i] = [2]*Result{{}, {}}
	}
	for _, f := range folds {
		if len(f.test) == 0 {
			continue
		}
		m, err := model(f.train, opt)
		if err != nil {
			return c, err
		}
		for i, x := range xs {
			if i == 0 {
				x = m
			}
			for _, d := range f.test {
				r, err := Run(x, []*corpus.Doc{d})
				if err != nil {
					return c, err
				}
				results[i].Add(r)
				perText[i] = append(perText[i], r)
				if byGenre[i][d.Genre] == nil {
					byGenre[i][d.Genre] = &Result{}
				}
				byGenre[i][d.Genre].Add(r)
				if len(d.Links) > 0 {
					argued[i][1].Add(r)
				} else {
					argued[i][0].Add(r)
				}
			}
		}
	}
	for i, x := range xs {
		c.Rows = append(c.Rows, Row{Extractor: x.Name, Result: results[i]})
		if i > 0 {
			c.Diffs = append(c.Diffs, pairedBootstrap(x.Name, perText[0], perText[i]))
		}
	}
	if argued[0][0].Texts > 0 {
		for i, x := range xs {
			c.Unargued = append(c.Unargued, Row{Extractor: x.Name, Result: argued[i][0]})
			c.Argued = append(c.Argued, Row{Extractor: x.Name, Result: argued[i][1]})
		}
	}
	if len(byGenre[0]) > 1 {
		var genres []string
		for g := range byGenre[0] {
			genres = append(genres, g)
		}
		sort.Strings(genres)
		for _, g := range genres {
			for i, x := range xs[:3] {
				c.Genres = append(c.Genres, GenreRow{Genre: g, Row: Row{Extractor: x.Name, Result: byGenre[i][g]}})
			}
		}
	}
	return c, nil
}

// fold is one training set and the texts it is tested on.
type fold struct{ train, test []*corpus.Doc }

// kFold splits docs into k folds by text (text i goes to fold i mod k).
func kFold(docs []*corpus.Doc, k int) []fold {
	out := make([]fold, k)
	for i, d := range docs {
		for j := range out {
			if i%k == j {
				out[j].test = append(out[j].test, d)
			} else {
				out[j].train = append(out[j].train, d)
			}
		}
	}
	return out
}

// without returns docs less the silver re-annotations of web-discourse
// texts (wd-*), which must not be trained on when web-discourse is tested.
func without(docs []*corpus.Doc, prefix string) []*corpus.Doc {
	var out []*corpus.Doc
	for _, d := range docs {
		if !strings.HasPrefix(d.ID, prefix) {
			out = append(out, d)
		}
	}
	return out
}

// recipe returns the training set of the shipped model (the silver corpus
// and the microtexts; with web, also web-discourse less the texts the
// silver corpus re-annotates) without the texts of test, and without any
// text that shares a document with one of them.
func recipe(c *Corpora, test []*corpus.Doc, web bool) []*corpus.Doc {
	held := make(map[string]bool)
	for _, d := range test {
		held[d.Corpus+"/"+d.ID] = true
		switch d.Corpus {
		case corpus.Silver:
			if strings.HasPrefix(d.ID, "wd-") {
				held[corpus.WebDiscourse+"/"+d.ID[3:]] = true
			}
		case corpus.WebDiscourse:
			held[corpus.Silver+"/wd-"+d.ID] = true
		}
	}
	copies := corpus.SilverCopies(c.Silver)
	var out []*corpus.Doc
	for _, d := range c.Silver {
		if !held[d.Corpus+"/"+d.ID] {
			out = append(out, d)
		}
	}
	for _, d := range c.Web {
		if !web {
			break
		}
		if !held[d.Corpus+"/"+d.ID] && !copies[d.ID] {
			out = append(out, d)
		}
	}
	for _, d := range c.Micro {
		if !held[d.Corpus+"/"+d.ID] {
			out = append(out, d)
		}
	}
	return out
}

// reparagraphed returns docs with each text broken into paragraphs of at
// most two sentences (corpus.Doc.Reparagraphed), as news is paragraphed:
// the same sentences and gold, to show what the paragraphing alone moves.
func reparagraphed(docs []*corpus.Doc) []*corpus.Doc {
	out := make([]*corpus.Doc, len(docs))
	for i, d := range docs {
		out[i] = d
		if r := d.Reparagraphed(2); r != nil {
			out[i] = r
		}
	}
	return out
}

// silverFoldsTrainedOn says what the silver k-fold's models learn from:
// the shipped recipe when the microtexts are given, the silver corpus alone
// when they are not (argmap eval DIR/opinion-silver).
func silverFoldsTrainedOn(c *Corpora) string {
	if len(c.Micro) == 0 {
		return "opinion-silver alone (no arg-microtexts given) less the tested fold"
	}
	return "the shipped recipe (opinion-silver and arg-microtexts) less the tested fold"
}

// Evaluate runs the whole cross-corpus evaluation: the shipped recipe
// k-fold on each corpus and leave-one-topic-out on web-discourse (never
// training on a tested text), and the model of one corpus on another.
func Evaluate(c *Corpora, opt train.Options, w io.Writer) (*Table, error) {
	t := &Table{}
	add := func(cl Cell, err error) error {
		if err != nil {
			return err
		}
		t.Cells = append(t.Cells, cl)
		if w != nil {
			one := Table{Cells: []Cell{cl}}
			return one.Write(w)
		}
		return nil
	}
	held := func(folds []fold, web bool) []fold {
		for i := range folds {
			folds[i].train = recipe(c, folds[i].test, web)
		}
		return folds
	}
	silverOnly := without(c.Silver, "wd-")
	if len(c.Silver) > 0 && !c.onlyTest {
		folds := held(kFold(c.Silver, 5), false)
		if err := add(cell("opinion-silver, 5-fold by text", silverFoldsTrainedOn(c),
			fmt.Sprintf("opinion-silver, each text once (%d texts)", len(c.Silver)), folds, opt)); err != nil {
			return nil, err
		}
		// the same folds, each trained as above, tested re-paragraphed
		news := make([]fold, len(folds))
		for i, f := range folds {
			news[i] = fold{train: f.train, test: reparagraphed(f.test)}
		}
		if err := add(cell("opinion-silver, 5-fold, re-paragraphed as news", silverFoldsTrainedOn(c),
			fmt.Sprintf("opinion-silver, each text once, in paragraphs of at most two sentences (%d texts)", len(c.Silver)), news, opt)); err != nil {
			return nil, err
		}
	}
	if len(c.Micro) > 0 && len(c.Silver) > 0 {
		if err := add(cell("arg-microtexts, 5-fold by text", "the shipped recipe less the tested fold",
			fmt.Sprintf("arg-microtexts, each text once (%d texts)", len(c.Micro)), held(kFold(c.Micro, 5), false), opt,
			Extractor{Name: "should/must baseline", Run: ShouldMust})); err != nil {
			return nil, err
		}
		if err := add(cell("silver model on arg-microtexts", fmt.Sprintf("opinion-silver alone (%d texts)", len(c.Silver)),
			fmt.Sprintf("arg-microtexts (%d texts)", len(c.Micro)), []fold{{c.Silver, c.Micro}}, opt,
			Extractor{Name: "should/must baseline", Run: ShouldMust})); err != nil {
			return nil, err
		}
	}
	if len(c.Web) > 0 && len(c.Silver) > 0 {
		var folds []fold
		tops := topics(c.Web)
		for _, topic := range tops {
			var f fold
			for _, d := range c.Web {
				if d.Topic == topic {
					f.test = append(f.test, d)
				}
			}
			folds = append(folds, f)
		}
		if err := add(cell("web-discourse, leave one topic out", "the shipped recipe and web-discourse, less the tested topic (and the silver re-annotations of its texts)",
			fmt.Sprintf("web-discourse, each of its %d topics once (%d texts)", len(tops), len(c.Web)), held(folds, true), opt)); err != nil {
			return nil, err
		}
		if err := add(cell("silver model on web-discourse", fmt.Sprintf("opinion-silver alone, without its web-discourse texts (%d texts)", len(silverOnly)),
			fmt.Sprintf("web-discourse (%d texts)", len(c.Web)), []fold{{silverOnly, c.Web}}, opt)); err != nil {
			return nil, err
		}
		if err := add(cell("the shipped recipe on web-discourse", fmt.Sprintf("opinion-silver without its web-discourse texts, and arg-microtexts (%d texts)", len(silverOnly)+len(c.Micro)),
			fmt.Sprintf("web-discourse (%d texts)", len(c.Web)), []fold{{append(silverOnly, c.Micro...), c.Web}}, opt)); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Only returns the corpus of c with the given name, the others left empty.
// The silver corpus is kept for training when another is asked for.
func (c *Corpora) Only(name string) *Corpora {
	switch name {
	case corpus.Silver:
		return &Corpora{Silver: c.Silver}
	case corpus.WebDiscourse:
		return &Corpora{Silver: c.Silver, Web: c.Web, onlyTest: true}
	default:
		return &Corpora{Silver: c.Silver, Micro: c.Micro, onlyTest: true}
	}
}

// Merge adds the corpora of o that c lacks. The silver corpus is tested
// when any of the merged corpora asked for it, not only to train on.
func (c *Corpora) Merge(o *Corpora) {
	switch {
	case c.Silver == nil && o.Silver != nil:
		c.Silver, c.onlyTest = o.Silver, o.onlyTest
	case o.Silver != nil && !o.onlyTest:
		c.onlyTest = false
	}
	if c.Web == nil {
		c.Web = o.Web
	}
	if c.Micro == nil {
		c.Micro = o.Micro
	}
}
