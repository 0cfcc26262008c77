package store

import "context"

// MigrateAllBut applies every migration except version, so that a test
// can write rows as the code before it did and then apply it.
func (s *Store) MigrateAllBut(ctx context.Context, version string) error {
	_, err := s.migrate(ctx, "", version)
	return err
}

// ExecRaw runs a statement as written, placeholders rebound.
func (s *Store) ExecRaw(ctx context.Context, query string, args ...any) error {
	_, err := s.write.ExecContext(ctx, s.d.rebind(query), args...)
	return err
}

// TextOf reads one value of a query as the text the database holds.
func (s *Store) TextOf(ctx context.Context, query string, args ...any) (string, error) {
	var v string
	err := s.write.QueryRowContext(ctx, s.d.rebind(query), args...).Scan(&v)
	return v, err
}
