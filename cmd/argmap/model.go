package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/corpus"
	"github.com/argmap/argmap/internal/eval"
	"github.com/argmap/argmap/internal/train"
)

// defaultCorpora is where the annotated corpora live, beside the checkout.
const defaultCorpora = "../shared/corpora"

// cmdTrain rebuilds the extractor's model from annotated corpora and
// writes it as JSON (the embedded model file with -out
// internal/argument/model.json).
func cmdTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("train", stderr)
	out := fs.String("out", "", "file to write the model to (default: standard output)")
	noNC := fs.Bool("no-microtexts", false, "leave out arg-microtexts (CC BY-NC-SA 4.0), so that no weight derives from non-commercial data")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	dirs := fs.Args()
	if len(dirs) == 0 {
		dirs = []string{filepath.Join(defaultCorpora, corpus.Silver)}
		if !*noNC {
			dirs = append(dirs, filepath.Join(defaultCorpora, corpus.Microtexts))
		}
	}
	var docs []*corpus.Doc
	for _, d := range dirs {
		ds, err := corpus.Load(d)
		if err != nil {
			return err
		}
		if filepath.Base(filepath.Clean(d)) == corpus.Microtexts && *noNC {
			return fmt.Errorf("%s: arg-microtexts is CC BY-NC-SA 4.0, and -no-microtexts leaves it out", d)
		}
		fmt.Fprintf(stderr, "argmap train: %s: %d texts\n", d, len(ds))
		docs = append(docs, ds...)
	}
	// the silver corpus holds re-annotations of some web-discourse texts:
	// learn each text once, from the silver annotation, whichever folder
	// came first
	if kept := corpus.WithoutSilverCopies(docs); len(kept) < len(docs) {
		fmt.Fprintf(stderr, "argmap train: %d web-discourse texts left out, learned from their silver re-annotation\n", len(docs)-len(kept))
		docs = kept
	}
	m, err := untilStopped(ctx, func() (*argument.Model, error) { return train.Train(docs, train.DefaultOptions) })
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	for _, line := range m.TrainedOn {
		fmt.Fprintf(stderr, "argmap train: learned from %s\n", line)
	}
	if *out == "" {
		_, err = stdout.Write(b)
		return err
	}
	if old, err := os.ReadFile(*out); err == nil && bytes.Equal(old, b) {
		fmt.Fprintf(stderr, "argmap train: %s unchanged\n", *out)
		return nil
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "argmap train: wrote %s (%d bytes)\n", *out, len(b))
	return nil
}

// cmdEval scores the model (retrained for every fold), the old rules and
// the position baselines on the annotated corpora.
func cmdEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", stderr)
	opt := train.DefaultOptions
	fs.Float64Var(&opt.L2, "l2", opt.L2, "the L2 penalty of every model trained, to compare settings by cross-validation (argmap train uses the default)")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if !(opt.L2 >= 0) || math.IsInf(opt.L2, 1) {
		return fmt.Errorf("-l2 %v: the penalty must be a number of 0 or more", opt.L2)
	}
	dirs := fs.Args()
	if len(dirs) == 0 {
		dirs = []string{defaultCorpora}
	}
	c := &eval.Corpora{}
	for _, d := range dirs {
		var got *eval.Corpora
		var err error
		switch filepath.Base(filepath.Clean(d)) {
		case corpus.Silver, corpus.WebDiscourse, corpus.Microtexts:
			got, err = eval.LoadCorpora(filepath.Dir(filepath.Clean(d)))
			if err == nil {
				got = got.Only(filepath.Base(filepath.Clean(d)))
			}
		default:
			got, err = eval.LoadCorpora(d)
		}
		if errors.Is(err, os.ErrNotExist) {
			// the corpora are development data that live outside the
			// repository; without them there is nothing to score
			fmt.Fprintf(stderr, "argmap eval: skipped: no annotated corpus in %s\n", d)
			continue
		}
		if err != nil {
			return err
		}
		c.Merge(got)
	}
	if c.Silver == nil && c.Web == nil && c.Micro == nil {
		return nil
	}
	// The table is printed as it is made: a signal leaves the part
	// printed so far.
	_, err := untilStopped(ctx, func() (*eval.Table, error) { return eval.Evaluate(c, opt, stdout) })
	return err
}
