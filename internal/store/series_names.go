package store

import (
	"context"
	"fmt"
)

// SeriesName returns the name of the series with key as people read it
// (its case kept: 5G, 4A), ErrNotFound when there is none.
func (s *Store) SeriesName(ctx context.Context, key string) (string, error) {
	var name string
	if err := s.queryRow(ctx, `SELECT name FROM series WHERE key = ?`, key).Scan(&name); err != nil {
		return "", fmt.Errorf("store: series %q: %w", key, mapErr(err))
	}
	return name, nil
}
