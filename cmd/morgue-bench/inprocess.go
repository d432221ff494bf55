package main

import (
	"context"
	"fmt"
	"time"

	"github.com/morgue-archive/morgue/internal/archive"
	"github.com/morgue-archive/morgue/internal/bench"
)

// inProcessMorgue opens the archive once, read-only, in this process and
// times each query (top 20 with snippets, as `morgue search` asks for). The
// archive is opened and closed outside the timed part.
func inProcessMorgue(ctx context.Context, out string, qs []bench.Query) ([]time.Duration, time.Duration, string, error) {
	a, err := archive.Open(ctx, out, true, nil)
	if err != nil {
		return nil, 0, "", fmt.Errorf("open archive %s: %w", out, err)
	}
	defer a.Close()
	lat := make([]time.Duration, 0, len(qs))
	var sum time.Duration
	for _, q := range qs {
		start := time.Now()
		if _, err := a.Search(ctx, q.String(), archive.SearchOptions{Limit: 20}); err != nil {
			return nil, 0, "", fmt.Errorf("search %s: %w", q, err)
		}
		d := time.Since(start)
		lat = append(lat, d)
		sum += d
	}
	return lat, sum / time.Duration(len(qs)), "archive.Open(dir, readOnly) + (*Archive).Search(ctx, q, {Limit: 20}) × 1000", nil
}
