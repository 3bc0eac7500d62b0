package server

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/andybalholm/brotli"
)

// BenchmarkCompressPages compresses every compressible page of the seed
// with brotli at the quality pages get on demand (5) and at the quality
// every page used to get at start (10), and reports the bytes: the figures
// behind brotliQuality.
func BenchmarkCompressPages(b *testing.B) {
	site := builtSite(b)
	var bodies [][]byte
	for _, p := range site.Paths() {
		resp, err := site.render(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		if len(resp.body) >= minCompress && compressible(resp.contentType) {
			bodies = append(bodies, resp.body)
		}
	}
	for _, q := range []int{5, 10} {
		b.Run(fmt.Sprintf("brotli-%d", q), func(b *testing.B) {
			in, out := 0, 0
			for b.Loop() {
				in, out = 0, 0
				for _, body := range bodies {
					c, err := compressBrotli(body, q)
					if err != nil {
						b.Fatal(err)
					}
					in += len(body)
					out += len(c)
				}
			}
			b.ReportMetric(float64(out), "bytes")
			b.ReportMetric(float64(in), "in-bytes")
		})
	}
}

func compressBrotli(body []byte, q int) ([]byte, error) {
	var buf bytes.Buffer
	opts := brotliOptions(len(body))
	opts.Quality = q
	zw := brotli.NewWriterOptions(&buf, opts)
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
