package store

import "context"

// MigrateUpTo applies the migrations up to and including version last,
// so that a test can write rows as an older version did.
func (s *Store) MigrateUpTo(ctx context.Context, last string) error {
	_, err := s.migrate(ctx, last)
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
