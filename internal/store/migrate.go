package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version string // file name without .sql, e.g. "001_schema"
	sql     string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var ms []migration
	for _, n := range names {
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		v := strings.TrimSuffix(strings.TrimPrefix(n, "migrations/"), ".sql")
		ms = append(ms, migration{version: v, sql: string(b)})
	}
	return ms, nil
}

// Migrate applies the embedded migrations that have not been applied yet,
// each in its own transaction, and returns the versions it applied.
func (s *Store) Migrate(ctx context.Context) ([]string, error) { return s.migrate(ctx, "", "") }

// sqliteOnly starts a migration statement that runs on SQLite only, as a
// repair of what only SQLite stored wrong.
const sqliteOnly = "{{sqlite}}"

// migrate applies the migrations up to and including version last, or
// all of them when last is "", leaving out version skip (a test of a
// repair writes its old rows on the schema of every other migration).
func (s *Store) migrate(ctx context.Context, last, skip string) ([]string, error) {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version TEXT PRIMARY KEY,
		applied_at `+s.d.timeType+` NOT NULL)`); err != nil {
		return nil, fmt.Errorf("store: migrations table: %w", err)
	}
	ms, err := migrations()
	if err != nil {
		return nil, fmt.Errorf("store: read migrations: %w", err)
	}
	var applied []string
	for _, m := range ms {
		if last != "" && m.version > last {
			break
		}
		if m.version == skip {
			continue
		}
		err := s.Tx(ctx, func(tx *Tx) error {
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			for _, stmt := range splitStatements(s.d.schema(m.sql)) {
				if rest, ok := strings.CutPrefix(stmt, sqliteOnly); ok {
					if s.d.name != sqlite.name {
						continue
					}
					stmt = strings.TrimSpace(rest)
				}
				if _, err := tx.tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("%w\n%s", err, stmt)
				}
			}
			if _, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, m.version, tx.now); err != nil {
				return err
			}
			applied = append(applied, m.version)
			return nil
		})
		if err != nil {
			return applied, fmt.Errorf("store: migration %s: %w", m.version, err)
		}
	}
	return applied, nil
}

// splitStatements splits a migration on semicolons at line ends and drops
// comment-only pieces. Migrations keep to one statement per semicolon.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(trimmed, ";") {
			if s := strings.TrimSpace(cur.String()); s != "" {
				out = append(out, s)
			}
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}
