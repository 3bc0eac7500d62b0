package server

import (
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// pageCache keeps rendered answers for reuse, least recently used out
// first, within a budget of bytes: each entry costs its bodies (identity
// and compressed) and a fixed overhead. An answer larger than an eighth of
// the budget is not kept. It is safe for concurrent use.
type pageCache struct {
	mu    sync.Mutex
	lru   *simplelru.LRU[string, *response]
	bytes int64
	limit int64
}

// entryOverhead is what an entry costs besides its bodies: the key, the
// response and its header values, the list element.
const entryOverhead = 512

func newPageCache(limit int64) *pageCache {
	c := &pageCache{limit: limit}
	// The count bound is never reached before the byte bound (every entry
	// costs at least entryOverhead); simplelru needs one.
	l, err := simplelru.NewLRU[string, *response](int(limit/entryOverhead)+1, func(k string, v *response) {
		c.bytes -= cost(k, v)
	})
	if err != nil {
		panic(err) // only for a size below 1, which limit/entryOverhead+1 is not
	}
	c.lru = l
	return c
}

// cost is the memory an entry takes.
func cost(k string, v *response) int64 {
	n := int64(entryOverhead + len(k) + len(v.body))
	for _, vr := range v.wire.variants {
		n += int64(len(vr.body))
	}
	return n
}

// get returns the answer kept for p.
func (c *pageCache) get(p string) (*response, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Get(p)
}

// add keeps resp for p, dropping the least recently used answers until
// the cache is within its budget; it reports whether resp was kept.
func (c *pageCache) add(p string, resp *response) bool {
	n := cost(p, resp)
	if n > c.limit/8 {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lru.Contains(p) {
		return true
	}
	c.lru.Add(p, resp)
	c.bytes += n
	for c.bytes > c.limit {
		if _, _, ok := c.lru.RemoveOldest(); !ok {
			break
		}
	}
	return true
}

// size returns the bytes and entries the cache holds.
func (c *pageCache) size() (int64, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes, c.lru.Len()
}
