package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/store"
)

// The benchmarks of the ingest pipeline, stage by stage, on the seed and
// on generated essays of general sentences. `make bench` runs them; see
// README.md for the numbers.

func benchInputs(b *testing.B) map[string][]byte {
	b.Helper()
	data, err := os.ReadFile(seed)
	if err != nil {
		b.Fatal(err)
	}
	return map[string][]byte{"seed": data, "generated-1MB": generatedEssay(1<<20, 1)}
}

func BenchmarkParse(b *testing.B) {
	for name, data := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := essay.Parse(name+".txt", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExtract times the extractor (features, model, decoder,
// explanations, figures) on the seed and on a generated 1 MB essay.
func BenchmarkExtract(b *testing.B) { benchExtract(b, argument.Extract) }

// BenchmarkExtractRules times the old hand-written rules on the same
// inputs, for the comparison the README makes.
func BenchmarkExtractRules(b *testing.B) { benchExtract(b, argument.ExtractRules) }

// benchExtract times extract on each of the benchmark inputs.
func benchExtract(b *testing.B, extract func(*essay.Document) *argument.Analysis) {
	for name, data := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			doc, err := essay.Parse(name+".txt", data)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				extract(doc)
			}
		})
	}
}

// BenchmarkIngest stores an analysis into a new database file each time
// (store.Ingest only: parsing and extraction are measured above).
func BenchmarkIngest(b *testing.B) {
	for name, data := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			doc, err := essay.Parse(name+".txt", data)
			if err != nil {
				b.Fatal(err)
			}
			a := argument.Extract(doc)
			dir := b.TempDir()
			b.SetBytes(int64(len(data)))
			i := 0
			for b.Loop() {
				i++
				db := filepath.Join(dir, fmt.Sprintf("%d.db", i))
				if _, err := store.Ingest(context.Background(), db, a, store.Source{Name: name, SHA256: "0"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
