package store

import (
	"context"
	"fmt"
	"time"
)

// NewUser is what CreateUser needs.
type NewUser struct {
	Username     string
	DisplayName  string
	Role         string
	UnitID       int64
	PasswordHash string
	Locale       string
}

// CreateUser adds an account. A taken username is ErrConflict.
func (s *Store) CreateUser(ctx context.Context, a Actor, u NewUser) (int64, error) {
	if u.Locale == "" {
		u.Locale = "zh-CN"
	}
	var id int64
	err := s.Tx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insert(ctx, `INSERT INTO users (username, display_name, role, unit_id, password_hash, locale, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, u.Username, u.DisplayName, u.Role, nullID(u.UnitID), u.PasswordHash, u.Locale, tx.now)
		if err != nil {
			return err
		}
		return tx.audit(ctx, a, "create", "user", id, 0, nil,
			map[string]any{"username": u.Username, "role": u.Role, "unit_id": u.UnitID})
	})
	if err != nil {
		return 0, fmt.Errorf("store: create user %q: %w", u.Username, err)
	}
	return id, nil
}

const userColumns = `u.id, u.username, u.display_name, u.role, COALESCE(u.unit_id, 0), COALESCE(n.name, ''),
	u.password_hash, u.locale, u.created_at`

func scanUser(sc interface{ Scan(...any) error }) (User, error) {
	var u User
	err := sc.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.UnitID, &u.UnitName, &u.PasswordHash, &u.Locale, &u.CreatedAt)
	return u, mapErr(err)
}

// UserByName finds an account by its login name.
func (s *Store) UserByName(ctx context.Context, username string) (User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users u LEFT JOIN units n ON n.id = u.unit_id WHERE u.username = ?`, username))
	if err != nil {
		return u, fmt.Errorf("store: user %q: %w", username, err)
	}
	return u, nil
}

// UserByID finds an account.
func (s *Store) UserByID(ctx context.Context, id int64) (User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users u LEFT JOIN units n ON n.id = u.unit_id WHERE u.id = ?`, id))
	if err != nil {
		return u, fmt.Errorf("store: user %d: %w", id, err)
	}
	return u, nil
}

// Users lists all accounts by name.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.query(ctx, `SELECT `+userColumns+` FROM users u LEFT JOIN units n ON n.id = u.unit_id ORDER BY u.username`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// CountUsers tells whether the store is new.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count users: %w", err)
	}
	return n, nil
}

// SetUserLocale records the interface language an account chose.
func (s *Store) SetUserLocale(ctx context.Context, a Actor, userID int64, locale string) error {
	return s.Tx(ctx, func(tx *Tx) error {
		var before string
		if err := tx.queryRow(ctx, `SELECT locale FROM users WHERE id = ?`, userID).Scan(&before); err != nil {
			return fmt.Errorf("store: user %d: %w", userID, mapErr(err))
		}
		if _, err := tx.exec(ctx, `UPDATE users SET locale = ? WHERE id = ?`, locale, userID); err != nil {
			return fmt.Errorf("store: set locale: %w", err)
		}
		return tx.audit(ctx, a, "set_locale", "user", userID, 0, map[string]string{"locale": before}, map[string]string{"locale": locale})
	})
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess Session) error {
	_, err := s.write.ExecContext(ctx, s.d.rebind(`INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`),
		sess.TokenHash, sess.UserID, sess.CSRFToken, sess.CreatedAt.UTC(), sess.ExpiresAt.UTC())
	if err != nil {
		return fmt.Errorf("store: create session: %w", mapErr(err))
	}
	return nil
}

// SessionByToken returns a live session and its account.
func (s *Store) SessionByToken(ctx context.Context, tokenHash string, now time.Time) (Session, User, error) {
	var sess Session
	row := s.queryRow(ctx, `SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, `+userColumns+`
		FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN units n ON n.id = u.unit_id
		WHERE s.token_hash = ? AND s.expires_at > ?`, tokenHash, now.UTC())
	var u User
	err := row.Scan(&sess.TokenHash, &sess.UserID, &sess.CSRFToken, &sess.CreatedAt, &sess.ExpiresAt,
		&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.UnitID, &u.UnitName, &u.PasswordHash, &u.Locale, &u.CreatedAt)
	if err != nil {
		return sess, u, fmt.Errorf("store: session: %w", mapErr(err))
	}
	return sess, u, nil
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := s.write.ExecContext(ctx, s.d.rebind(`DELETE FROM sessions WHERE token_hash = ?`), tokenHash); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions past their expiry.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	if _, err := s.write.ExecContext(ctx, s.d.rebind(`DELETE FROM sessions WHERE expires_at <= ?`), now.UTC()); err != nil {
		return fmt.Errorf("store: expire sessions: %w", err)
	}
	return nil
}
