// Package store keeps Luoshi's plans, tasks, units, accounts and audit log
// in SQLite (the default, one file) or PostgreSQL, behind one API. All SQL
// of the program lives here.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Sentinel errors; callers test them with errors.Is.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
)

// Store is the one handle on the database. Reads go to a pool; writes go
// through write, which on SQLite is a single connection so that writers
// queue in Go rather than fight over the file lock.
type Store struct {
	read, write *sql.DB
	d           dialect
	now         func() time.Time

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // prepared reads, by query text
}

// Open connects to dsn: a postgres:// URL, or a path to an SQLite file
// (created when missing). It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func openSQLite(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: empty database path")
	}
	path = strings.TrimPrefix(path, "sqlite://")
	q := url.Values{}
	// busy_timeout first: it must be in force before the other pragmas
	// take any lock.
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	// Timestamps as SQLite's own text form ("2006-01-02 15:04:05.999999999-07:00"),
	// not the driver's default time.String(), whose zone names and
	// monotonic suffix neither sort nor parse in SQL.
	q.Set("_time_format", "sqlite")
	dsn := "file:" + path + "?" + q.Encode()

	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", dsn)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	return &Store{read: read, write: write, d: sqlite, now: time.Now}, nil
}

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	return &Store{read: db, write: db, d: postgres, now: time.Now}, nil
}

// SetClock sets the clock of the store's writes (created_at, updated_at
// and the like), for tests that must not depend on today's date.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Engine names the database engine, "sqlite" or "postgres".
func (s *Store) Engine() string { return s.d.name }

// Close releases the prepared statements and the connections.
func (s *Store) Close() error {
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.stmtMu.Unlock()
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Tx runs fn in a write transaction, committing when fn returns nil.
func (s *Store) Tx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, d: s.d, now: s.now().UTC()}
	if err := fn(tx); err != nil {
		if rbErr := sqlTx.Rollback(); rbErr != nil {
			return errors.Join(err, fmt.Errorf("store: rollback: %w", rbErr))
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", mapErr(err))
	}
	return nil
}

// Tx is a write transaction handed to the callback of Store.Tx.
type Tx struct {
	tx  *sql.Tx
	d   dialect
	now time.Time
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	r, err := t.tx.ExecContext(ctx, t.d.rebind(query), args...)
	return r, mapErr(err)
}

func (t *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.d.rebind(query), args...)
}

func (t *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.d.rebind(query), args...)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (t *Tx) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	if err := t.queryRow(ctx, query+" RETURNING id", args...).Scan(&id); err != nil {
		return 0, mapErr(err)
	}
	return id, nil
}

func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := s.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.read.QueryRowContext(ctx, s.d.rebind(query), args...)
}

func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := s.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.read.QueryContext(ctx, s.d.rebind(query), args...)
}

// maxPrepared bounds the statement cache; queries beyond it run unprepared.
const maxPrepared = 256

// prepared returns the read pool's prepared statement for query, preparing
// it on first use, so that SQLite does not parse the same SQL on every
// page. It returns nil when the statement cannot be cached.
func (s *Store) prepared(ctx context.Context, query string) *sql.Stmt {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if st, ok := s.stmts[query]; ok {
		return st
	}
	if len(s.stmts) >= maxPrepared {
		return nil
	}
	st, err := s.read.PrepareContext(ctx, s.d.rebind(query))
	if err != nil {
		// The query runs unprepared and reports its own error.
		return nil
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[query] = st
	return st
}

// mapErr turns driver errors that mean something to callers into the
// package's sentinels, keeping the original in the chain.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	msg := err.Error()
	if strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505") {
		return fmt.Errorf("%w: %w", ErrConflict, err)
	}
	return err
}

// dialect is everything that differs between the engines.
type dialect struct {
	name string
	// numbered placeholders ($1, $2, …) instead of ?
	numbered bool
	// column types substituted into migrations
	idType, timeType string
	// timeParam is a placeholder for a timestamp where the engine cannot
	// infer its type, as in the select list of INSERT … SELECT
	timeParam string
}

var (
	sqlite = dialect{
		name:      "sqlite",
		idType:    "INTEGER PRIMARY KEY AUTOINCREMENT",
		timeType:  "TIMESTAMP",
		timeParam: "?",
	}
	postgres = dialect{
		name:      "postgres",
		numbered:  true,
		idType:    "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
		timeType:  "TIMESTAMPTZ",
		timeParam: "CAST(? AS TIMESTAMPTZ)",
	}
)

// rebind rewrites ? placeholders for the engine. Queries in this package
// never contain a literal question mark.
func (d dialect) rebind(q string) string {
	if !d.numbered || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (d dialect) schema(sql string) string {
	return strings.NewReplacer("{{id}}", d.idType, "{{time}}", d.timeType).Replace(sql)
}
