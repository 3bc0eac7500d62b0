package server

import (
	"context"
	"net/http"
	"os"
	"testing"

	"github.com/argmap/argmap/internal/store"
)

// TestCrawlDeployed crawls a deployed copy of a site: .ci/deploy-check.sh
// runs it against nginx serving an export and against nginx proxying two
// argmap replicas. It is skipped unless ARGMAP_CRAWL_URL is set:
//
//	ARGMAP_CRAWL_URL   root URL to crawl (http://127.0.0.1:PORT)
//	ARGMAP_CRAWL_DB    the database the site was made from
//	ARGMAP_CRAWL_BASE  the base URL it was rendered with (-base)
//	ARGMAP_CRAWL_STATIC=1 for a static folder, where a removed paragraph's
//	                   page answers 200 instead of 410
//
// Every link and #fragment must work, and every page and JSON twin of the
// site must be reached.
func TestCrawlDeployed(t *testing.T) {
	root := os.Getenv("ARGMAP_CRAWL_URL")
	if root == "" {
		t.Skip("ARGMAP_CRAWL_URL is not set: run by .ci/deploy-check.sh")
	}
	ctx := context.Background()
	d, err := store.Open(ctx, os.Getenv("ARGMAP_CRAWL_DB"))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := d.Snapshot(ctx)
	d.Close()
	if err != nil {
		t.Fatal(err)
	}
	site, err := NewSite(snap, Options{BaseURL: os.Getenv("ARGMAP_CRAWL_BASE")})
	if err != nil {
		t.Fatal(err)
	}
	gone := gonePaths(snap)
	static := os.Getenv("ARGMAP_CRAWL_STATIC") == "1"
	seen := crawl(t, root, site.BaseURL(), func(p string) int {
		if gone[p] && !static {
			return http.StatusGone
		}
		return http.StatusOK
	})
	for _, p := range site.Paths() {
		if _, ok := seen[p]; !ok {
			t.Errorf("no link leads to %s", p)
		}
	}
	t.Logf("crawled %d paths of %s: every link and fragment works", len(seen), root)
}
